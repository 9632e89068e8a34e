"""Which blocks of records can hold a string: characters and character pairs → block numbers.

A literal lookup scanned the whole text table (``mmap.find`` over every byte)
for every word typed, even a rare one: most of a query's time on a large
library. Records are grouped in blocks of ``BLOCK`` consecutive docnums (one
contiguous byte range of the table each); this file lists, for every
character and every pair of adjacent characters of the normalised texts, the
blocks holding it. A needle can only occur in blocks holding all its pairs,
so only those ranges are scanned, with the same ``find`` as before: the same
answer, from a fraction of the bytes. Blocks rather than records keep the
file small (a common pair is in most blocks, not most records).

Layout (native byte order, each part 8-byte aligned)::

    header   magic, block size, key count, posting count, bytes per block number (5 x uint64)
    keys     uint64, sorted: a character's code point, or a pair's (see ``gram_key``)
    starts   uint64 x (keys + 1): where each key's blocks begin in ``blocks``
    blocks   uint16 (up to 65,536 blocks) or uint32, ascending per key
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from array import array
from bisect import bisect_left
from operator import add
from pathlib import Path

MAGIC = 0x43455955_4752414D  # "CEYUGRAM"
#: Records per block: small enough that a block's bytes are scanned in a moment, large enough
#: that a common pair's blocks stay few.
BLOCK = 32
_HEADER = struct.Struct("=5Q")
#: A pair's key: the first code point + 1 above this many bits, the second below.
_SHIFT = 21
#: Lookups stop intersecting once this few blocks remain (each further pair costs a set).
_ENOUGH = 4
#: From this many blocks in a needle's rarest gram on, its grams' blocks are intersected by one numpy count of
#: every gram's blocks rather than as Python sets (sets of 1,500 ints cost 6x more: 367 -> 60 µs a needle).
_COUNTED = 64
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


def gram_key(gram: str) -> int:
    """A character's code point; a pair's first code point + 1 shifted past every code point, plus the second."""
    if len(gram) == 1:
        return ord(gram)
    return ((ord(gram[0]) + 1) << _SHIFT) | ord(gram[1])


def needle_grams(needle: str) -> set[str]:
    """The grams a text holding ``needle`` (normalised) must hold: its pairs, or the character itself."""
    if len(needle) == 1:
        return {needle}
    return set(map(add, needle, needle[1:]))


#: Blocks whose grams are sorted together (their postings are held in numpy arrays, then merged at close).
_CHUNK_BLOCKS = 256
#: Postings gathered at once when the table is written (bounds the temporary index arrays).
_WRITE_POSTINGS = 1 << 20


class GramWriter:
    """Writes the gram table of texts given one at a time (normalised, in docnum order), ``count`` in all.

    Each block's text becomes an array of code points; every ``_CHUNK_BLOCKS`` blocks their
    grams (block number in the low bits) are put in order and made distinct by one numpy sort,
    and only the chunk's distinct keys, their counts and block numbers are kept. Closing
    merges the chunks key by key (a Python step per key and block was most of a build's
    tables).
    """

    def __init__(self, path: Path, count: int):
        import numpy as np

        self._np = np
        self.path = path
        self.numbers = "H" if count <= BLOCK << 16 else "I"
        self._dtype = np.uint16 if self.numbers == "H" else np.uint32
        self._codes: list = []  # each block of the current chunk: its code points
        self._keys: list = []  # each chunk: its distinct keys, ascending
        self._counts: list = []  # each chunk: how many blocks hold each key
        self._blocks: list = []  # each chunk: the block numbers, by key then block
        self.block: list[str] = []
        self.number = 0
        self.added = 0

    def add(self, text: str) -> None:
        self.block.append(text)
        self.added += 1
        if len(self.block) == BLOCK:
            self._end_block()

    def _end_block(self) -> None:
        if self.numbers == "H" and self.number > 0xFFFF:
            raise ValueError("more texts than the gram table was told")
        # Grams holding the \x00 between two records are kept: no needle asks for them.
        text = "\x00".join(self.block)
        self._codes.append(self._np.frombuffer(text.encode(_UTF32), self._np.uint32))
        self.number += 1
        self.block.clear()
        if len(self._codes) == _CHUNK_BLOCKS:
            self._end_chunk()

    def _end_chunk(self) -> None:
        np = self._np
        codes = self._codes
        if not codes:
            return
        first = self.number - len(codes)
        lengths = np.fromiter(map(len, codes), np.int64, len(codes))
        local = np.repeat(np.arange(len(codes), dtype=np.uint64), lengths)
        points = np.concatenate(codes).astype(np.uint64)
        codes.clear()
        same = local[:-1] == local[1:]  # a pair stays within one block
        pairs = ((points[:-1] + 1) << np.uint64(_SHIFT)) | points[1:]
        low = np.uint64(16)
        grams = np.concatenate((points << low | local, (pairs << low | local[:-1])[same]))
        grams.sort()  # by key, then block (np.unique's hashing took 5x as long)
        grams = grams[np.concatenate(([True], grams[1:] != grams[:-1]))[: len(grams)]]  # each once
        if not len(grams):
            return
        keys = grams >> low
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        self._keys.append(keys[starts])
        self._counts.append(np.diff(np.append(starts, len(keys))))
        self._blocks.append(((grams & np.uint64(0xFFFF)) + np.uint64(first)).astype(self._dtype))

    def close(self) -> None:
        """Write the table atomically."""
        np = self._np
        if self.block:
            self._end_block()
        self._end_chunk()
        every = np.concatenate(self._keys) if self._keys else np.zeros(0, np.uint64)
        counts = np.concatenate(self._counts) if self._counts else np.zeros(0, np.int64)
        blocks = np.concatenate(self._blocks) if self._blocks else np.zeros(0, self._dtype)
        self._keys, self._counts, self._blocks = [], [], []
        order = np.argsort(every, kind="stable")  # a key's chunks stay in order: its blocks ascend
        sorted_keys = every[order]
        firsts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))[: len(order)]
        keys = sorted_keys[firsts]
        lengths = counts[order]  # each (chunk, key) run of blocks, in key order
        totals = np.add.reduceat(lengths, firsts) if len(order) else lengths
        starts = np.concatenate(([0], np.cumsum(totals))).astype(np.uint64)
        sources = (np.cumsum(counts) - counts)[order]  # where each run starts in ``blocks``
        ends = np.cumsum(lengths)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("wb") as fh:
            total = int(starts[-1])
            fh.write(_HEADER.pack(MAGIC, BLOCK, len(keys), total, array(self.numbers).itemsize))
            fh.write(keys.astype(np.uint64).tobytes())
            fh.write(starts.tobytes())
            done = 0
            while done < len(order):  # the runs in key order, a bounded slice of postings at a time
                stop = int(np.searchsorted(ends, ends[done] - lengths[done] + _WRITE_POSTINGS, side="right"))
                stop = max(stop, done + 1)
                runs, where = lengths[done:stop], sources[done:stop]
                offsets = np.cumsum(runs) - runs
                picks = np.repeat(where - offsets, runs) + np.arange(int(runs.sum()))
                fh.write(blocks[picks].tobytes())
                done = stop
        os.replace(tmp, self.path)


class GramTable:
    """Read side: the blocks that may hold a needle, from the file mapped into memory."""

    def __init__(self, path: Path, records: int):
        self._fh = path.open("rb")
        size = os.fstat(self._fh.fileno()).st_size
        try:
            if size < _HEADER.size:
                raise ValueError("gram table is damaged")
            self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
            magic, self.block, count, total, width = _HEADER.unpack_from(self._mm)
            keys_end = _HEADER.size + 8 * count
            starts_end = keys_end + 8 * (count + 1)
            if magic != MAGIC or self.block < 1 or width not in (2, 4) or size != starts_end + width * total:
                self._mm.close()
                raise ValueError("gram table is damaged")
        except BaseException:
            self._fh.close()
            raise
        view = memoryview(self._mm)
        self._keys = view[_HEADER.size : keys_end].cast("Q")
        self._starts = view[keys_end:starts_end].cast("Q")
        self._blocks = view[starts_end:].cast("H" if width == 2 else "I")
        self.block_count = (records + self.block - 1) // self.block

    def close(self) -> None:
        for view in (self._keys, self._starts, self._blocks):
            view.release()
        self._mm.close()
        self._fh.close()

    def _postings(self, gram: str) -> memoryview:
        key = gram_key(gram)
        i = bisect_left(self._keys, key)
        if i == len(self._keys) or self._keys[i] != key:
            return self._blocks[0:0]
        return self._blocks[self._starts[i] : self._starts[i + 1]]

    def has(self, gram: str) -> bool:
        """Whether some block holds ``gram`` (one character, or two side by side): one bisection."""
        return len(self._postings(gram)) > 0

    def blocks(self, needle: str) -> list[int]:
        """Ascending block numbers that may hold ``needle`` (normalised, non-empty); a superset of
        those that do."""
        lists = sorted((self._postings(g) for g in needle_grams(needle)), key=len)
        if not lists or not lists[0]:
            return []
        if len(lists) == 1 or len(lists[0]) <= _ENOUGH:
            return list(lists[0])
        if len(lists[0]) >= _COUNTED:
            return self._counted_blocks(lists)
        found = set(lists[0]).intersection(lists[1])
        for more in lists[2:]:
            if len(found) <= _ENOUGH:
                break
            found.intersection_update(more)
        return sorted(found)

    def _counted_blocks(self, lists: list[memoryview]) -> list[int]:
        """The blocks in every one of ``lists`` (ascending block numbers each, none twice), ascending: those
        counted once per list."""
        from index.columns import numpy

        np = numpy()
        width = np.uint16 if self._blocks.format == "H" else np.uint32
        counted = np.bincount(
            np.concatenate([np.frombuffer(view, width) for view in lists]), minlength=self.block_count
        )
        return np.flatnonzero(counted == len(lists)).tolist()
