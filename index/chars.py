"""How often each character, and each common pair of characters, stands in each record: counts read, not scanned.

The literal table answers a needle by scanning the blocks of records that may
hold it (:mod:`index.grams`), but a common character (的, 法, 国) or word of
two (应当, 规定, 管理) is in nearly every block: counting it read most of the
table's bytes at every first search (15–50 ms at 10^5 records). This file,
written beside each literal table, holds for every character, and for every
pair of adjacent characters in at least ``1 / PAIR_SHARE`` of a part's records,
the records it stands in and how often, so such a needle is a lookup
(:meth:`index.literal.TextTable.counts`); a pair rarer in a part is found there
by the scan, which costs little where it is rare.

Records are taken a part at a time (at most ``PART`` records, so a record's
number within its part fits 16 bits): the part's characters and pairs are
counted by one numpy sort, and each one's postings in the part are written at
once as a piece (record-number gaps as uint16, then the counts as uint16, or
uint32 in a part where one exceeds 65,535; zlib level 1 from ``_PACKED``
postings on), so only one part is ever held. A directory of pieces, by key
(:func:`index.grams.gram_key`) then part, ends the file.

Layout (little-endian)::

    header    magic, keys, pieces, parts, where the directory starts (8s + 4 x uint64)
    data      the pieces
    keys      uint64 x keys, ascending
    starts    uint64 x (keys + 1): each key's first piece
    offsets   uint64 x pieces: where a piece starts in the file
    bases     uint64 x pieces: the first record number of its part
    sizes     uint32 x pieces: its compressed bytes
    lengths   uint32 x pieces: its postings
    forms     uint8 x pieces: 1 where its counts are uint32, | 2 where it is compressed
    parts     uint64 x (parts + 1): each part's first record number, then the record count
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
import zlib
from array import array
from itertools import pairwise
from pathlib import Path
from typing import Any

from index.grams import gram_key

MAGIC = b"CYCHARS2"
_HEADER = struct.Struct("<8sQQQQ")
#: Records per part: their numbers within it must fit 16 bits.
PART = 1 << 14
#: A part also ends once its texts hold this many characters (bounds the sort's arrays).
PART_CHARS = 1 << 21
#: A piece's forms: its counts are uint32 (one exceeds 65,535); it is compressed.
_WIDE, _ZLIB = 1, 2
#: Pieces of fewer postings are stored as they are (a compression's own set-up cost more than it saved).
_PACKED = 64
#: A pair is held in a part where it stands in at least this share (1 / PAIR_SHARE) of the records.
PAIR_SHARE = 64
#: Keys below are characters (their code points), at or above pairs (see ``index.grams.gram_key``).
_PAIRS = gram_key("\x00\x00")


def _np():
    import numpy

    return numpy


class CharWriter:
    """Writes the character table of texts given one at a time (normalised, ``\\x00``-free, in docnum order)."""

    def __init__(self, path: Path):
        self.path = path
        self._tmp = path.with_name(path.name + ".tmp")
        self._fh = self._tmp.open("wb")
        self._fh.write(bytes(_HEADER.size))
        self._texts: list[str] = []
        self._chars = 0
        self._base = 0
        self._parts = array("Q", [0])
        #: one row per piece, in part order: (key, offset, base, size, postings, form)
        self._pieces: list[tuple[int, int, int, int, int, int]] = []

    def add(self, text: str) -> None:
        self._texts.append(text)
        self._chars += len(text)
        if len(self._texts) == PART or self._chars >= PART_CHARS:
            self._flush()

    def _flush(self) -> None:
        if not self._texts:
            return
        np = _np()
        codes = np.frombuffer("\x00".join(self._texts).encode("utf-32-le"), np.dtype("<u4"))
        # a record's number within the part: how many separators stand before each character
        numbers = np.cumsum(codes == 0, dtype=np.uint64)
        kept = codes != 0
        paired = kept[:-1] & kept[1:]
        chars = codes[kept].astype(np.uint64)
        pairs = ((codes[:-1][paired].astype(np.uint64) + np.uint64(1)) << np.uint64(21)) | codes[1:][paired]
        keys, counts = np.unique(
            np.concatenate(((chars << np.uint64(16)) | numbers[kept], (pairs << np.uint64(16)) | numbers[:-1][paired])),
            return_counts=True,
        )
        grams = (keys >> np.uint64(16)).astype(np.int64)
        records = (keys & np.uint64(0xFFFF)).astype(np.int64)
        firsts = np.flatnonzero(np.diff(grams, prepend=-1))
        ends = np.append(firsts[1:], len(keys))[: len(firsts)]  # none when the part's texts are empty
        held = (grams[firsts] < _PAIRS) | (ends - firsts >= max(1, len(self._texts) // PAIR_SHARE))
        firsts, ends = firsts[held], ends[held]
        gaps = np.diff(records, prepend=0)
        gaps[firsts] = records[firsts]  # each key's first record counts from the part's start
        gaps = gaps.astype("<u2").tobytes()
        form = _WIDE if len(counts) and int(counts.max()) > 0xFFFF else 0
        width = 4 if form else 2
        numbers = counts.astype("<u4" if form else "<u2").tobytes()
        for key, first, end in zip(grams[firsts].tolist(), firsts.tolist(), ends.tolist(), strict=True):
            data = gaps[2 * first : 2 * end] + numbers[width * first : width * end]
            piece_form = form
            if end - first >= _PACKED:
                data = zlib.compress(data, 1)
                piece_form |= _ZLIB
            self._pieces.append((key, self._fh.tell(), self._base, len(data), end - first, piece_form))
            self._fh.write(data)
        self._base += len(self._texts)
        self._parts.append(self._base)
        self._texts.clear()
        self._chars = 0

    def close(self) -> None:
        """Write the directory and put the file in place atomically."""
        self._flush()
        pieces = sorted(self._pieces, key=lambda piece: piece[0])  # stable: each key's parts in order
        keys = sorted({piece[0] for piece in pieces})
        starts = array("Q", [0])
        index = 0
        for key in keys:
            while index < len(pieces) and pieces[index][0] == key:
                index += 1
            starts.append(index)
        fh = self._fh
        directory = fh.tell()
        parts: list[Any] = [
            array("Q", keys),
            starts,
            array("Q", [p[1] for p in pieces]),
            array("Q", [p[2] for p in pieces]),
            array("I", [p[3] for p in pieces]),
            array("I", [p[4] for p in pieces]),
            array("B", [p[5] for p in pieces]),
            self._parts,
        ]
        for part in parts:
            if sys.byteorder == "big":  # the file is little-endian everywhere
                part.byteswap()
            fh.write(part.tobytes())
        fh.seek(0)
        fh.write(_HEADER.pack(MAGIC, len(keys), len(pieces), len(self._parts) - 1, directory))
        fh.close()
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        """Drop a table left unfinished (the build failed)."""
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


class CharTable:
    """Read side: a character's or a pair's records and counts, from the file mapped into memory."""

    def __init__(self, path: Path):
        self._fh = path.open("rb")
        try:
            size = os.fstat(self._fh.fileno()).st_size
            if size < _HEADER.size:
                raise ValueError("character table is damaged")
            self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
            magic, count, pieces, parts, directory = _HEADER.unpack_from(self._mm)
            widths = (
                8 * count,
                8 * (count + 1),
                8 * pieces,
                8 * pieces,
                4 * pieces,
                4 * pieces,
                pieces,
                8 * (parts + 1),
            )
            if magic != MAGIC or directory + sum(widths) != size:
                self._mm.close()
                raise ValueError("character table is damaged")
        except BaseException:
            self._fh.close()
            raise
        self._spans: list[tuple[int, int]] = []
        at = directory
        for width in widths:
            self._spans.append((at, at + width))
            at += width
        self._directory: tuple[Any, ...] | None = None

    def close(self) -> None:
        self._directory = None
        self._mm.close()
        self._fh.close()

    def _arrays(self) -> tuple[Any, ...]:
        """The directory as numpy views of the map (numpy is imported on the first lookup, not on open)."""
        if self._directory is None:
            np = _np()
            dtypes = ("<u8", "<u8", "<u8", "<u8", "<u4", "<u4", "u1", "<u8")
            self._directory = tuple(
                np.frombuffer(self._mm, np.dtype(dtype), (end - start) // np.dtype(dtype).itemsize, start)
                for dtype, (start, end) in zip(dtypes, self._spans, strict=True)
            )
        return self._directory

    def parts(self, gram: str) -> list[tuple[int, int, tuple[Any, Any] | None]]:
        """For each part, in order, its records ``(first, stop)`` and the records ``gram`` (a character, or
        two side by side) stands in there with how often (ascending int64 numpy arrays), or None for a pair
        too rare in that part to be held."""
        np = _np()
        keys, starts, offsets, bases, sizes, lengths, forms, bounds = self._arrays()
        key = gram_key(gram)
        at = int(np.searchsorted(keys, key))
        found = range(0)
        if at < len(keys) and int(keys[at]) == key:
            found = range(int(starts[at]), int(starts[at + 1]))
        held = {int(bases[piece]): piece for piece in found}
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
        out: list[tuple[int, int, tuple[Any, Any] | None]] = []
        limits = bounds.tolist()
        for first, stop in pairwise(limits):
            piece = held.get(first)
            if piece is None:
                out.append((first, stop, empty if key < _PAIRS else None))
                continue
            start, n = int(offsets[piece]), int(lengths[piece])
            data = self._mm[start : start + int(sizes[piece])]
            if forms[piece] & _ZLIB:
                data = zlib.decompress(data)
            ids = np.cumsum(np.frombuffer(data, np.dtype("<u2"), n), dtype=np.int64) + first
            counts = np.frombuffer(data, np.dtype("<u4" if forms[piece] & _WIDE else "<u2"), n, 2 * n)
            out.append((first, stop, (ids, counts.astype(np.int64))))
        return out
