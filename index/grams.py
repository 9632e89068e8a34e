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
from collections import defaultdict, deque
from functools import partial
from itertools import repeat
from operator import add, lshift, or_
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


def _block_keys(text: str) -> set[int]:
    """Every gram key of one block's text (records joined by \\x00), computed without a Python step per character."""
    codes = array("I")
    codes.frombytes(text.encode("utf-32-le" if sys.byteorder == "little" else "utf-32-be"))
    firsts = map(lshift, map(add, codes[:-1], repeat(1)), repeat(_SHIFT))
    keys = set(codes)
    keys.update(map(or_, firsts, codes[1:]))
    return keys


class GramWriter:
    """Writes the gram table of texts given one at a time (normalised, in docnum order), ``count`` in all.

    Only the current block's texts are held; each key's block numbers are appended in C
    (a Python step per key was most of the time).
    """

    def __init__(self, path: Path, count: int):
        self.path = path
        self.numbers = "H" if count <= BLOCK << 16 else "I"
        self.postings: defaultdict[int, array] = defaultdict(partial(array, self.numbers))
        self.block: list[str] = []
        self.number = 0
        self.added = 0

    def add(self, text: str) -> None:
        self.block.append(text)
        self.added += 1
        if len(self.block) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self.numbers == "H" and self.number > 0xFFFF:
            raise ValueError("more texts than the gram table was told")
        # Grams holding the \x00 between two records are kept: no needle asks for them.
        keys = _block_keys("\x00".join(self.block))
        deque(map(array.append, map(self.postings.__getitem__, keys), repeat(self.number)), 0)
        self.number += 1
        self.block.clear()

    def close(self) -> None:
        """Write the table atomically."""
        if self.block:
            self._flush()
        postings = self.postings
        keys = array("Q", sorted(postings))
        starts = array("Q", [0])
        total = 0
        for key in keys:
            total += len(postings[key])
            starts.append(total)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("wb") as fh:
            fh.write(_HEADER.pack(MAGIC, BLOCK, len(keys), total, array(self.numbers).itemsize))
            keys.tofile(fh)
            starts.tofile(fh)
            for key in keys:
                postings[key].tofile(fh)
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
        found = set(lists[0]).intersection(lists[1])
        for more in lists[2:]:
            if len(found) <= _ENOUGH:
                break
            found.intersection_update(more)
        return sorted(found)
