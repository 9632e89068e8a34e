"""The literal text table: every record's text, for exact-substring search.

Word search can miss an exact string when the segmenter cuts it differently
(发展改革 inside the single token 省发展改革委). This table keeps each record's
normalised text — same length as the original, so offsets carry over —
aligned with Whoosh document numbers, in one UTF-8 file scanned through
``mmap`` with ``bytes.find`` — only over the blocks of records that hold
every character pair of the needle (:mod:`index.grams`), so a rare word reads
a few kilobytes, not the whole table. Opening it reads only the offsets array.
A second table of the same shape holds each record's heading path, so a
quoted phrase is looked up in headings by the same scan instead of by word
positions (every record of a chapter repeats that chapter's heading).
"""

from __future__ import annotations

import hashlib
import mmap
import os
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, islice, repeat
from pathlib import Path
from typing import Any

from index.chars import CharTable, CharWriter
from index.columns import SMALL, ColumnMap, numpy
from index.grams import GramTable, GramWriter
from index.segmenter import normalize

TEXTS = "texts"
HEADINGS = "headings"
_SEP = b"\x00"
#: Records read at once by ``TextTable.counts``: a bounded copy, few Python steps.
_PIECE = 256
#: Above one matching record in this many, splitting a piece into records is cheaper than a step per match.
_DENSE = 6
#: In a table of at least ``_WIDE_BYTES``, a needle's occurrences in its blocks are found first and counted
#: per record after (:func:`_array_counts`) once the blocks hold ``_GATHER_BYTES``.
_WIDE_BYTES = 1 << 20
_GATHER_BYTES = 1 << 18
#: From a table of this many bytes on, a one-character needle's counts are read from the character
#: table (:mod:`index.chars`; numpy is imported for it) instead of found in the text.
_CHARS_BYTES = _WIDE_BYTES
#: Characters of decoded texts a table keeps (``TextTable.text``): a search reads the records it ranks
#: several times (each reranking pass, the sections, the hits), 3–4 reads of each record decoded once;
#: about 2–4 MB, and a first search of a common word reads 1,000–1,500 records (~70,000 characters).
_TEXTS_HELD = 1 << 20


def table_files(name: str) -> tuple[str, str, str, str]:
    """The data, offsets, gram (:mod:`index.grams`) and character (:mod:`index.chars`) file names of table ``name``."""
    return f"{name}.bin", f"{name}.idx", f"{name}.grams", f"{name}.chars"


def write_table(directory: Path, texts: Iterable[str | None], name: str = TEXTS, count: int | None = None) -> dict:
    """Write ``texts`` (index = Whoosh docnum; None for a deleted slot; ``count`` of them, when not a
    list) atomically; returns :meth:`TableWriter.close`'s description."""
    writer = TableWriter(directory, name, len(texts) if isinstance(texts, list) else count or 0)
    try:
        for text in texts:
            writer.add(text)
    except BaseException:
        writer.discard()
        raise
    return writer.close()


class TableWriter:
    """Writes table ``name`` from texts given one at a time (index = Whoosh docnum; None for a
    deleted slot), ``count`` in all, so a build's tables are written in one pass over its records."""

    def __init__(self, directory: Path, name: str = TEXTS, count: int = 0):
        self.directory = directory
        self.names = table_files(name)
        self.offsets = array("q", [0])
        self.digest = hashlib.sha1()
        self.tmp_bin = directory / (self.names[0] + ".tmp")
        self.grams = GramWriter(directory / self.names[2], count)
        self.chars = CharWriter(directory / self.names[3])
        self._fh = self.tmp_bin.open("wb")

    def add(self, text: str | None) -> None:
        folded = normalize(text or "").replace("\x00", " ")
        self.grams.add(folded)
        self.chars.add(folded)
        data = folded.encode("utf-8") + _SEP
        self._fh.write(data)
        self.digest.update(data)
        self.offsets.append(self.offsets[-1] + len(data))

    def discard(self) -> None:
        """Stop without writing the table (its temporary files stay for the build's folder to go)."""
        self._fh.close()
        self.chars.discard()

    def close(self) -> dict:
        """Write the table atomically; returns a small description (count, size, digest) for the
        manifest, so a table left from another build is recognised."""
        bin_name, idx_name, _, _ = self.names
        self._fh.close()
        tmp_idx = self.directory / (idx_name + ".tmp")
        with tmp_idx.open("wb") as fh:
            self.offsets.tofile(fh)
        self.grams.close()
        self.chars.close()
        os.replace(self.tmp_bin, self.directory / bin_name)
        os.replace(tmp_idx, self.directory / idx_name)
        return {"count": len(self.offsets) - 1, "size": self.offsets[-1], "sha1": self.digest.hexdigest()}


class TextTable:
    """Read side of the table: substring counts per docnum, and texts by docnum."""

    def __init__(self, directory: Path, name: str = TEXTS):
        bin_name, idx_name, grams_name, chars_name = table_files(name)
        self.offsets = array("q")
        with (directory / idx_name).open("rb") as fh:
            self.offsets.frombytes(fh.read())
        if not self.offsets or self.offsets[0] != 0:
            raise ValueError("text table index is damaged")
        self._fh = (directory / bin_name).open("rb")
        size = os.fstat(self._fh.fileno()).st_size
        if size != self.offsets[-1]:
            self._fh.close()
            raise ValueError("text table does not match its index")
        self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        self.total_bytes = size
        count = len(self.offsets) - 1
        self.avg_len = (size / count) if count else 1.0
        self.grams: GramTable | None = None
        self.chars: CharTable | None = None
        self._texts: dict[int, str] = {}
        self._texts_chars = 0
        try:
            self.grams = GramTable(directory / grams_name, count)
            self.chars = CharTable(directory / chars_name)
        except BaseException:
            self.close()
            raise

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def close(self) -> None:
        if self.chars is not None:
            self.chars.close()
            self.chars = None
        if self.grams is not None:
            self.grams.close()
            self.grams = None
        if self._mm is not None:
            self._mm.close()
            self._mm = None
        self._fh.close()

    def byte_length(self, docnum: int) -> int:
        return self.offsets[docnum + 1] - self.offsets[docnum] - 1

    def text(self, docnum: int) -> str:
        """The normalised text of ``docnum`` (same length as the stored original): decoded once while it
        is among the last ``_TEXTS_HELD`` characters read (the table never changes once opened)."""
        found = self._texts.get(docnum)
        if found is not None:
            return found
        if self._mm is None:
            return ""
        start, end = self.offsets[docnum], self.offsets[docnum + 1] - 1
        text = self._mm[start:end].decode("utf-8")
        if self._texts_chars > _TEXTS_HELD:
            self._texts.clear()
            self._texts_chars = 0
        self._texts[docnum] = text
        self._texts_chars += len(text)
        return text

    def _needle_bytes(self, needle: str) -> tuple[mmap.mmap, bytes] | None:
        """The table and ``needle`` as the table stores text, or None when it cannot occur
        (empty, a separator, no table)."""
        data = normalize(needle).encode("utf-8")
        return None if not data or _SEP in data or self._mm is None else (self._mm, data)

    def _block_ranges(self, needle: str) -> list[tuple[int, int]]:
        """Record ranges ``(first, stop)`` outside which ``needle`` (normalised) cannot occur, ascending: the
        runs of a common needle's blocks (thousands at 10^6 records) found by numpy, not a step per block."""
        if self.grams is None:
            return []
        blocks = self.grams.blocks(needle)
        step, last = self.grams.block, len(self.offsets) - 1
        if len(blocks) < SMALL:
            return list(_block_runs(blocks, step, last))
        np = numpy()
        numbers = np.asarray(blocks, np.int64)
        breaks = np.flatnonzero(np.diff(numbers) != 1)
        firsts = numbers[np.concatenate(([0], breaks + 1))] * step
        stops = np.minimum(last, (numbers[np.concatenate((breaks, [len(numbers) - 1]))] + 1) * step)
        return list(zip(firsts.tolist(), stops.tolist(), strict=True))

    def _each_block_range(self, needle: str) -> Iterator[tuple[int, int]]:
        """:meth:`_block_ranges` one at a time: a caller wanting the first few records holding a common
        needle (thousands of blocks) takes a few steps, not one per block."""
        if self.grams is None:
            return iter(())
        return _block_runs(self.grams.blocks(needle), self.grams.block, len(self.offsets) - 1)

    def ranges(self, needle: str) -> list[tuple[int, int]]:
        """Byte ranges (whole records) outside which ``needle`` (normalised) cannot occur, ascending."""
        offsets = self.offsets
        return [(offsets[first], offsets[stop]) for first, stop in self._block_ranges(needle)]

    def has_gram(self, gram: str) -> bool:
        """Whether some record holds ``gram`` (one normalised character, or two side by side): one lookup."""
        return self.grams is not None and self.grams.has(gram)

    def holding(self, needle: str) -> Iterator[int]:
        """The records holding ``needle`` (normalised here), ascending, found one at a time: a caller
        that needs only the first few reads little more than the blocks that may hold it."""
        prepared = self._needle_bytes(needle)
        if prepared is None:
            return
        (mm, data), offsets = prepared, self.offsets
        for first, stop in self._each_block_range(normalize(needle)):
            pos = mm.find(data, offsets[first], offsets[stop])
            while pos != -1:
                docnum = bisect_right(offsets, pos, first, stop) - 1
                yield docnum
                pos = mm.find(data, offsets[docnum + 1], offsets[stop])

    def records_with(self, needle: str, enough: int) -> int:
        """How many records hold ``needle``, counted up to ``enough``."""
        return sum(1 for _ in islice(self.holding(needle), enough))

    def text_with(self, needle: str) -> str:
        """The text of the first record holding ``needle`` ("" when none does)."""
        return next((self.text(docnum) for docnum in self.holding(needle)), "")

    def _held_counts(self, mm: mmap.mmap, data: bytes, pin: str, parts: list[tuple[int, int, Any]]) -> ColumnMap:
        """``counts`` of a character or a pair without a border (``pin``), part by part of the character table
        (:mod:`index.chars`, its ``parts``): read where it holds them, scanned in the blocks of a part where a
        pair is too rare to be held; kept as the columns read (see :class:`index.columns.ColumnMap`)."""
        from index.columns import numpy

        np = numpy()
        ids, counts = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        blocks: list[tuple[int, int]] | None = None
        for first, stop, held in parts:
            if held is not None:
                ids.append(held[0])
                counts.append(held[1])
                continue
            if blocks is None:
                blocks = self._block_ranges(pin)
            inside = [(max(a, first), min(b, stop)) for a, b in blocks if a < stop and b > first]
            found = _found_in(mm, self.offsets, data, inside)
            ids.append(np.fromiter(found.keys(), np.int64, len(found)))
            counts.append(np.fromiter(found.values(), np.int64, len(found)))
        return ColumnMap(np.concatenate(ids), np.concatenate(counts))

    def counts(self, needle: str) -> Mapping[int, int]:
        """``{docnum: occurrences}`` of ``needle`` (normalised here) across every record.

        In a large table a character's or a pair's counts are read from the character table
        (:meth:`_held_counts`). Otherwise the records of the blocks that may hold it are read:
        its occurrences found first and counted per record in numpy where they are many
        (:func:`_array_counts`), else a record looked up and counted per occurrence (:func:`_found_in`).
        """
        prepared = self._needle_bytes(needle)
        if prepared is None:
            return {}
        (mm, data), offsets = prepared, self.offsets
        pin = normalize(needle)
        if len(pin) <= 2 and self.chars is not None and self.total_bytes >= _CHARS_BYTES and not _bordered(data):
            parts = self.chars.parts(pin)
            if any(held is not None for _, _, held in parts):  # a pair held nowhere is rare: found as any string
                return self._held_counts(mm, data, pin, parts)
        blocks = self._block_ranges(pin)
        if (
            self.total_bytes >= _WIDE_BYTES
            and blocks
            and not _bordered(data)
            and sum(offsets[stop] - offsets[first] for first, stop in blocks) >= _GATHER_BYTES
        ):
            return _array_counts(mm, offsets, data, blocks)
        return _found_in(mm, offsets, data, blocks)


def _block_runs(blocks: list[int], step: int, last: int) -> Iterator[tuple[int, int]]:
    """The records of ascending ``blocks`` (of ``step`` records; ``last`` records in all) as ranges
    ``(first, stop)``, neighbouring blocks in one."""
    first = stop = -1
    for block in blocks:
        if block * step != stop:
            if stop != -1:
                yield first, stop
            first = block * step
        stop = min(last, (block + 1) * step)
    if stop != -1:
        yield first, stop


def _found_in(mm: mmap.mmap, offsets: array, data: bytes, blocks: list[tuple[int, int]]) -> dict[int, int]:
    """``TextTable.counts`` over the records of ``blocks`` (``(first, stop)``, ascending), a piece of ``_PIECE``
    records at a time: a Python step per occurrence (the record it is in, counted there, then past it) until
    they are dense (more than one record in ``_DENSE``), then the rest of the piece split into records
    counted in C."""
    found: dict[int, int] = {}
    count = bytes.count
    for first, stop in blocks:
        for lo in range(first, stop, _PIECE):
            hi = min(stop, lo + _PIECE)
            end = offsets[hi]
            pos = mm.find(data, offsets[lo], end)
            seen = 0
            while pos != -1:
                docnum = bisect_right(offsets, pos, lo, hi) - 1
                seen += 1
                if seen >= 4 and seen * _DENSE > docnum - lo:
                    numbers = list(map(count, mm[offsets[docnum] : end].split(_SEP), repeat(data)))
                    found.update(zip(compress(range(docnum, hi), numbers), filter(None, numbers), strict=True))
                    break
                record_end = offsets[docnum + 1] - 1
                found[docnum] = mm[pos:record_end].count(data)
                pos = mm.find(data, record_end + 1, end)
    return found


def _bordered(data: bytes) -> bool:
    """Whether two occurrences of ``data`` can overlap (a proper prefix is also a suffix: 哈哈 in 哈哈哈),
    where counting every position would differ from ``bytes.count``'s non-overlapping count."""
    return any(data[:k] == data[-k:] for k in range(1, len(data)))


def _array_counts(mm: mmap.mmap, offsets: array, data: bytes, blocks: list[tuple[int, int]]) -> dict[int, int]:
    """``TextTable.counts`` over the records of ``blocks`` (``(first, stop)`` record numbers, ascending) for a
    needle in many of them: every occurrence found by ``find`` in C straight from the table (two steps of
    Python each), then the positions put in records and counted per record by numpy, rather than a record
    looked up and counted per occurrence. ``find`` skips ahead faster than numpy passes over every byte
    could (the needle's last byte, then the others: 2x the time for 监督管理, 的规定).

    The same answer: occurrences of a needle without a border never overlap, so stepping past each finds
    what ``bytes.count`` counts, and none stands across a record's end.
    """
    from index.columns import numpy

    np = numpy()
    find, step = mm.find, len(data)
    positions = array("q")
    add = positions.append
    for first, stop in blocks:
        end = offsets[stop]
        pos = find(data, offsets[first], end)
        while pos != -1:
            add(pos)
            pos = find(data, pos + step, end)
    if not positions:
        return {}
    docnums = np.searchsorted(np.frombuffer(offsets, np.int64), np.frombuffer(positions, np.int64), side="right") - 1
    firsts = np.flatnonzero(np.diff(docnums, prepend=-1))
    numbers = np.diff(firsts, append=len(docnums))
    return dict(zip(docnums[firsts].tolist(), numbers.tolist(), strict=True))


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Character spans of ``needle`` in ``text``, both compared normalised."""
    hay, pin = normalize(text), normalize(needle)
    out: list[tuple[int, int]] = []
    if not pin:
        return out
    pos = hay.find(pin)
    while pos != -1:
        out.append((pos, pos + len(pin)))
        pos = hay.find(pin, pos + len(pin))
    return out
