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

    header   magic, block size, key count, posting count (4 x uint64)
    keys     uint64, sorted: a character's code point, or a pair's (see ``gram_key``)
    starts   uint64 x (keys + 1): where each key's blocks begin in ``blocks``
    blocks   uint32, ascending per key
"""

from __future__ import annotations

import mmap
import os
import struct
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from operator import add
from pathlib import Path

MAGIC = 0x43455955_4752414D  # "CEYUGRAM"
#: Records per block: small enough that a block's bytes are scanned in a moment, large enough
#: that a common pair's blocks stay few.
BLOCK = 32
_HEADER = struct.Struct("=4Q")
#: Lookups stop intersecting once this few blocks remain (each further pair costs a set).
_ENOUGH = 4


def gram_key(gram: str) -> int:
    """A character's code point; a pair's first code point + 1 shifted past every code point, plus the second."""
    if len(gram) == 1:
        return ord(gram)
    return ((ord(gram[0]) + 1) << 21) | ord(gram[1])


def needle_grams(needle: str) -> set[str]:
    """The grams a text holding ``needle`` (normalised) must hold: its pairs, or the character itself."""
    if len(needle) == 1:
        return {needle}
    return set(map(add, needle, needle[1:]))


def write_grams(path: Path, texts: Iterable[str]) -> None:
    """Write the gram table of ``texts`` (normalised, in docnum order) to ``path`` atomically."""
    postings: dict[str, array] = {}
    block: list[str] = []
    number = 0

    def flush() -> None:
        joined = "\x00".join(block)  # a pair across two records holds \x00, which no needle does
        for gram in set(joined).union(map(add, joined, joined[1:])):
            found = postings.get(gram)
            if found is None:
                postings[gram] = array("I", [number])
            else:
                found.append(number)

    for text in texts:
        block.append(text)
        if len(block) == BLOCK:
            flush()
            block.clear()
            number += 1
    if block:
        flush()
    keyed = sorted((gram_key(g), blocks) for g, blocks in postings.items() if "\x00" not in g)
    keys = array("Q", (k for k, _ in keyed))
    starts = array("Q", [0])
    total = 0
    for _, blocks in keyed:
        total += len(blocks)
        starts.append(total)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(_HEADER.pack(MAGIC, BLOCK, len(keys), total))
        keys.tofile(fh)
        starts.tofile(fh)
        for _, blocks in keyed:
            blocks.tofile(fh)
    os.replace(tmp, path)


class GramTable:
    """Read side: the blocks that may hold a needle, from the file mapped into memory."""

    def __init__(self, path: Path, records: int):
        self._fh = path.open("rb")
        size = os.fstat(self._fh.fileno()).st_size
        try:
            if size < _HEADER.size:
                raise ValueError("gram table is damaged")
            self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
            magic, self.block, count, total = _HEADER.unpack_from(self._mm)
            keys_end = _HEADER.size + 8 * count
            starts_end = keys_end + 8 * (count + 1)
            if magic != MAGIC or self.block < 1 or size != starts_end + 4 * total:
                self._mm.close()
                raise ValueError("gram table is damaged")
        except BaseException:
            self._fh.close()
            raise
        view = memoryview(self._mm)
        self._keys = view[_HEADER.size : keys_end].cast("Q")
        self._starts = view[keys_end:starts_end].cast("Q")
        self._blocks = view[starts_end:].cast("I")
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
