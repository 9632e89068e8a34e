"""Term postings as flat arrays beside each Whoosh segment, read from a memory map.

Whoosh keeps a term's postings in blocks of 128, each a pickled header and
zlib-compressed ids and weights: reading a common word (的 in 10^5 records:
500+ blocks) costs a Python step, an unpickling and a decompression per block,
every time an index is opened. Beside each segment's files this module writes
``<segment>.cyflat``: for each term with at least ``MIN_POSTINGS`` postings in
the segment, its document numbers (little-endian uint16 gaps, or uint32) and
weights (the float32 values Whoosh stores; a byte each into a table of the
term's few distinct values where it can), compressed as one zlib stream per
term (level 1: a third of the size, 0.4 ms for a term of 20,000+ postings),
and a directory of the terms in key order. A search bisects the directory in
the mapped file and reads a term with one decompression and two numpy calls
(into lists with the array module in a segment of fewer than ``columns.SMALL``
records, so a small library's search never imports numpy: 30% of a command-line
search's imports),
no step per block; rarer terms are read from Whoosh as before. Whoosh stays the index of record:
the file only repeats postings it holds, and its name follows the segment's,
so Whoosh removes it with the segment when segments are merged.

A build writes a new segment's file as it writes the segment's postings
(:class:`FlatFileWriter`, fed by :mod:`index.postings`): reading them back
from Whoosh cost 6 of the 7.5 s of CPU the laws' file took. :func:`write_missing`
(after each commit) writes the file of any segment that has none from the
segment's own postings: one a merge wrote through Whoosh's own path.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import struct
import sys
import zlib
from array import array
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher

from index import columns

SUFFIX = ".cyflat"
_MAGIC = b"CYFLAT04"
_HEADER = struct.Struct("<8sQQQ")  # magic, terms, where their entries start, where their key offsets start
_ENTRY = struct.Struct("<QIBI")  # a term's postings: byte offset, count, form, compressed size
_KEY_SPAN = struct.Struct("<QQ")
#: Terms with fewer postings in a segment are read from Whoosh (in the laws, two thirds of the terms and 3% of the postings).
MIN_POSTINGS = 16
#: Forms of a term's arrays: document numbers as uint16 gaps (else uint32); weights as a byte into a
#: table of at most 256 distinct values (else float32).
_GAPS16, _PALETTE = 1, 2

Postings = tuple[Any, Any]  # (document numbers, weights): lists, or numpy arrays from a flat file


def raw_postings(reader, fieldname: str, text):
    """A segment reader's matcher over every posting of a term, deleted records included.

    (``reader.postings`` wraps it in a filter that has already stepped past the
    deleted records at its start: its child no longer holds them.)
    """
    terms = getattr(reader, "_terms", None)
    if terms is None:
        return reader.postings(fieldname, text)
    field = reader.schema[fieldname]
    return terms.matcher(fieldname, field.to_bytes(text), field.format)


def leaf_postings(matcher) -> tuple[list[int], list[float]]:
    """Every (docnum, weight) of a raw postings matcher, block by block."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher):
        ids: list[int] = []
        weights: list[float] = []
        while matcher.is_active():
            # What _read_ids/_read_weights do, with the deltas summed in C (their generator was
            # a Python step per posting) and the weights rounded to float32 as theirs are.
            if matcher._data is None:
                matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            ids.extend(block_ids if matcher._byteids else accumulate(block_ids))
            if block_weights is None:
                weights.extend(repeat(1.0, matcher._blocklength))
            elif isinstance(block_weights, float):
                weights.extend(array("f", [block_weights]) * matcher._blocklength)
            else:
                weights.extend(block_weights)
            matcher._next_block()
        return ids, weights
    if isinstance(matcher, ListMatcher) and matcher._i == 0:
        ids = list(matcher._ids)
        if matcher._weights is not None:
            return ids, list(matcher._weights)
        return ids, [float(matcher._all_weights or 1.0)] * len(ids)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _folder(reader) -> Path | None:
    """The folder of a segment reader's files, when they are plain files there."""
    folder = getattr(reader.storage(), "folder", None)
    return Path(folder) if folder and not reader.segment().is_compound() else None


def path_of(reader) -> Path | None:
    """Where a segment reader's flat file is (or would be)."""
    folder = _folder(reader)
    return folder / (reader.segment().segment_id() + SUFFIX) if folder is not None else None


def _encoded(ids, weights) -> tuple[int, bytes]:
    """A term's postings as (form, bytes): document numbers as uint16 gaps where every gap fits
    (else uint32), weights as bytes into a table of their distinct values where there are at most
    256 (else float32). ``ids`` and ``weights`` are sequences of numbers (lists or arrays)."""
    import numpy as np

    id_array = np.asarray(ids, dtype=np.int64)
    gaps = np.diff(id_array, prepend=0)
    form = 0
    if len(gaps) and gaps.max() < 1 << 16:
        id_bytes = gaps.astype("<u2").tobytes()
        form |= _GAPS16
    else:
        id_bytes = id_array.astype("<u4").tobytes()
    weight_array = np.asarray(weights, dtype=np.float32)
    palette = np.unique(weight_array)
    if not 0 < len(palette) <= 256:
        return form, id_bytes + weight_array.astype("<f4").tobytes()
    # a few distinct weights (word counts times a record's boost): a table of them and a byte per posting
    picks = np.searchsorted(palette, weight_array).astype(np.uint8)
    return form | _PALETTE, id_bytes + bytes([len(palette) - 1]) + palette.astype("<f4").tobytes() + picks.tobytes()


def _key(fieldname: str, tbytes: bytes) -> bytes:
    return fieldname.encode("utf-8") + b"\x00" + tbytes


class FlatFileWriter:
    """One segment's flat file, written term by term (in any order) to a temporary name beside it.

    After the postings: each held term's entry (``_ENTRY``: offset, count, form), the
    offsets of their keys and the keys (field, NUL, term bytes), all in key order, so a
    search finds a term by bisecting the mapped file without loading a table.
    """

    def __init__(self, path: Path, min_postings: int = MIN_POSTINGS):
        self.path = path
        self.min_postings = min_postings
        self._tmp = path.with_name(path.name + ".tmp")
        self._fh = self._tmp.open("wb")
        self._fh.write(bytes(_HEADER.size))
        self._entries: list[tuple[bytes, int, int, int, int]] = []

    def add(self, fieldname: str, tbytes: bytes, ids, weights) -> None:
        """One term's postings (document numbers ascending, Whoosh's weights), if it has enough."""
        if len(ids) < self.min_postings:
            return
        form, data = _encoded(ids, weights)
        data = zlib.compress(data, 1)
        self._entries.append((_key(fieldname, tbytes), self._fh.tell(), len(ids), form, len(data)))
        self._fh.write(data)

    def finish(self) -> int:
        """Write the directory and move the file to its name; returns how many terms it holds."""
        fh, entries = self._fh, self._entries
        entries.sort()
        table = fh.tell()
        for _, offset, count, form, size in entries:
            fh.write(_ENTRY.pack(offset, count, form, size))
        key_offsets = array("Q", [0])
        for key, *_ in entries:
            key_offsets.append(key_offsets[-1] + len(key))
        if sys.byteorder == "big":
            key_offsets.byteswap()
        keys = fh.tell()
        fh.write(key_offsets.tobytes())
        fh.write(b"".join(key for key, *_ in entries))
        fh.seek(0)
        fh.write(_HEADER.pack(_MAGIC, len(entries), table, keys))
        fh.close()
        os.replace(self._tmp, self.path)
        return len(entries)

    def abandon(self) -> None:
        """Drop what was written (the segment's postings did not all come this way)."""
        self._fh.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()


def write_segment(reader, path: Path, min_postings: int = MIN_POSTINGS) -> int:
    """Write ``reader``'s (one segment's) flat file from its postings; returns how many terms it holds."""
    out = FlatFileWriter(path, min_postings)
    try:
        for (fieldname, tbytes), info in reader._terms.items():
            if info.doc_frequency() >= min_postings:
                out.add(fieldname, tbytes, *leaf_postings(raw_postings(reader, fieldname, tbytes)))
    except BaseException:
        out.abandon()
        raise
    return out.finish()


def write_missing(ix) -> None:
    """Write the flat file of each of ``ix``'s segments that has none (the build's hook, after a commit)."""
    with ix.reader() as reader:
        for sub, _ in reader.leaf_readers():
            path = path_of(sub)
            if path is not None and not path.exists():
                write_segment(sub, path)


def _little_endian(typecode: str, data: bytes) -> array:
    """``data`` (little-endian) as an array of ``typecode``."""
    out = array(typecode, data)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _listed(data: bytes, count: int, form: int) -> tuple[list[int], list[float]]:
    """A term's decompressed postings as lists, what :meth:`FlatPostings.get` gives as numpy arrays."""
    if form & _GAPS16:
        ids = list(accumulate(_little_endian("H", data[: 2 * count])))
        offset = 2 * count
    else:
        ids = _little_endian("I", data[: 4 * count]).tolist()
        offset = 4 * count
    if not form & _PALETTE:
        return ids, _little_endian("f", data[offset : offset + 4 * count]).tolist()
    kinds = data[offset] + 1
    palette = _little_endian("f", data[offset + 1 : offset + 1 + 4 * kinds]).tolist()
    picks = data[offset + 1 + 4 * kinds : offset + 1 + 4 * kinds + count]
    return ids, list(map(palette.__getitem__, picks))


class FlatPostings:
    """One segment's flat file, mapped; :meth:`get` answers the terms it holds."""

    def __init__(self, path: Path, *, as_lists: bool = False):
        #: Terms read into lists: a segment of fewer than ``columns.SMALL`` records, whose terms the
        #: scorer takes in its plain Python forms (a small library never imports numpy); a larger one's
        #: are numpy arrays, the columns the scorer works on from a few hundred postings up.
        self.as_lists = as_lists
        self._fh = path.open("rb")
        try:
            self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
            magic, self._count, self._table, self._keys = _HEADER.unpack_from(self._mm, 0)
            self._blob = self._keys + 8 * (self._count + 1)
            if magic != _MAGIC or self._table + _ENTRY.size * self._count != self._keys or self._blob > len(self._mm):
                raise ValueError(f"{path} is not a flat postings file")
        except (OSError, ValueError, struct.error):
            self.close()
            raise

    @classmethod
    def open(cls, reader) -> FlatPostings | None:
        """The segment reader's flat file, or None where there is none (or it cannot be read)."""
        path = path_of(reader)
        if path is None:
            return None
        try:
            return cls(path, as_lists=reader.doc_count_all() < columns.SMALL)
        except (OSError, ValueError, struct.error):
            return None

    def _key_at(self, i: int) -> bytes:
        start, end = _KEY_SPAN.unpack_from(self._mm, self._keys + 8 * i)
        return self._mm[self._blob + start : self._blob + end]

    def _entry(self, key: bytes) -> tuple[int, int, int, int] | None:
        """The (offset, count, form, compressed size) of ``key``, by bisection over the sorted keys."""
        lo, hi = 0, self._count
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key_at(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._count and self._key_at(lo) == key:
            return _ENTRY.unpack_from(self._mm, self._table + _ENTRY.size * lo)
        return None

    def terms(self) -> list[tuple[str, bytes]]:
        """Every (field, term bytes) held, in key order."""
        out = []
        for i in range(self._count):
            fieldname, _, tbytes = self._key_at(i).partition(b"\x00")
            out.append((fieldname.decode("utf-8"), tbytes))
        return out

    def count(self, fieldname: str, tbytes: bytes) -> int:
        """How many postings the term has here (0 when not held), from its key alone: nothing decompressed."""
        found = self._entry(_key(fieldname, tbytes))
        return 0 if found is None else found[1]

    def get(self, fieldname: str, tbytes: bytes) -> Postings | None:
        """The term's (document numbers, weights), None when not held here: lists or numpy arrays
        (see ``as_lists``)."""
        found = self._entry(_key(fieldname, tbytes))
        if found is None:
            return None
        start, count, form, size = found
        data = zlib.decompress(self._mm[start : start + size])
        if self.as_lists:
            return _listed(data, count, form)
        import numpy as np

        offset = 0
        if form & _GAPS16:
            ids = np.cumsum(np.frombuffer(data, np.dtype("<u2"), count, offset), dtype=np.uint32)
            offset += 2 * count
        else:
            ids = np.frombuffer(data, np.dtype("<u4"), count, offset)
            offset += 4 * count
        if form & _PALETTE:
            kinds = data[offset] + 1
            palette = np.frombuffer(data, np.dtype("<f4"), kinds, offset + 1)
            weights = palette[np.frombuffer(data, np.uint8, count, offset + 1 + 4 * kinds)]
        else:
            weights = np.frombuffer(data, np.dtype("<f4"), count, offset)
        return ids, weights

    def close(self) -> None:
        mm = getattr(self, "_mm", None)
        if mm is not None:
            with contextlib.suppress(BufferError):  # a view still held keeps the map until it goes
                mm.close()
        self._fh.close()
