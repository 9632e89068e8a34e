"""The word postings of a segment, held in flat arrays and written a block at a time.

Whoosh's writer keeps a tuple per posting (field, term, docnum, weight, value),
sorts them all, spills runs to disk with ``marshal`` when they pass its memory
limit, merges the runs back and hands the field writer one posting at a time
(two type asserts and a length lookup each). For the segmented fields — nearly
every posting — :class:`CompactPool` keeps instead three numbers per posting
in flat arrays (the term's number, the document, the frequency), in the order
documents were added; one stable sort by term (numpy) gives each term's
documents ascending, and :func:`add_postings` fills the postings writer's
block buffers a block (128 postings) at a time, encoding each block as
Whoosh's ``_write_block`` does without its generator step per posting. The facet and id fields go
the same way (their values are few: Whoosh's analysis of each distinct value
is kept). What is written is what Whoosh writes — the same block contents,
statistics and term infos — except that a block's postings are pickled at
``BLOCK_PROTOCOL``, not Whoosh's protocol 2. Postings of segments merged into this
one take Whoosh's own path, merged with the compact ones field by field.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import marshal
import os
import pickle
import sys
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterator
from itertools import chain, repeat
from operator import itemgetter, mul, sub
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool

from index.flat import FlatFileWriter

_FIELD = itemgetter(0)
#: The pickle protocol of a block's postings. Whoosh pickles them at protocol 2, where each block's
#: frequencies (a bytes object) are pickled as a call of ``_codecs.encode`` on a latin-1 string; its
#: reader unpickles any protocol.
BLOCK_PROTOCOL = 5
#: Postings held in memory before they are written out as a run (12 bytes each, plus the sort's copies),
#: for a build that fits in one: its postings are then never written out, and its flat file is
#: written by a child from the arrays held (:mod:`index.flat_process`).
SPILL_POSTINGS = 8_000_000
#: Postings held before a run by a build that will not fit in one (see :meth:`CompactPool.outgrows`):
#: its flat file is written by the commit whatever the size of its runs, and at 8M postings held the
#: sort's copies took 200 MB of a 100 MB document's index step (10 MB: peak 336 -> 217 MB at 1M).
RUN_POSTINGS = 1_000_000


class HeldPostings:
    """One field's postings held: per posting its term's number, document and frequency, in the
    order added (so a term's documents ascend); terms are numbered as first seen."""

    __slots__ = ("docs", "freqs", "numbers", "terms")

    def __init__(self) -> None:
        self.numbers: defaultdict[str | bytes, int] = defaultdict(itertools.count().__next__)
        self.terms = array("I")
        self.docs = array("I")
        self.freqs = array("I")

    def add(self, docnum: int, keys: list, freqs: array) -> None:
        self.terms.extend(map(self.numbers.__getitem__, keys))
        self.docs.extend(repeat(docnum, len(keys)))
        self.freqs.extend(freqs)

    def by_term(self) -> Iterator[TermPostings]:
        """Every term in byte order with its documents (ascending) and frequencies."""
        keys = [k.encode() if isinstance(k, str) else k for k in self.numbers]  # by number: first-seen order
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rank = np.empty(len(keys), np.uint32)
        rank[order] = np.arange(len(keys), dtype=np.uint32)
        ranked = rank[np.frombuffer(self.terms, np.uint32)]
        del rank
        placed = np.argsort(ranked, kind="stable")  # stable: each term's documents stay ascending
        ends = np.cumsum(np.bincount(ranked, minlength=len(keys))).tolist()
        del ranked
        # Each copy made straight into its array (the postings' 12 bytes are held beside these).
        docs, freqs = array("I"), array("I")
        docs.frombytes(np.frombuffer(self.docs, np.uint32)[placed].data.cast("B"))
        freqs.frombytes(np.frombuffer(self.freqs, np.uint32)[placed].data.cast("B"))
        del placed
        start = 0
        for number, end in zip(order, ends, strict=True):
            yield keys[number], docs[start:end], freqs[start:end]
            start = end


#: One term's postings: its bytes, document numbers (ascending) and frequencies.
TermPostings = tuple[bytes, array, array]


class DocumentScales:
    """Each document's scale in one field (the field's boost x the record's), as the number of one
    of the field's few distinct scales: a build has 10^6 documents and 8 fields, at 8 bytes each
    40 MB of a 100 MB document's index step; a number is 1 byte (wider past 256 distinct scales)."""

    __slots__ = ("codes", "numbers", "values")

    def __init__(self) -> None:
        self.codes = array("B")
        self.values = [0.0]
        self.numbers = {0.0: 0}

    def set(self, docnum: int, scale: float) -> None:
        code = self.numbers.get(scale)
        if code is None:
            code = self.numbers[scale] = len(self.values)
            self.values.append(scale)
            if code >= 1 << (8 * self.codes.itemsize):
                self.codes = array("H" if code < 1 << 16 else "Q", self.codes)
        codes = self.codes
        if len(codes) <= docnum:
            codes.extend(repeat(0, docnum + 1 - len(codes)))
        codes[docnum] = code

    def column(self) -> array:
        """Every document's scale (0.0 where none was set), as float64."""
        values = np.array(self.values, np.float64)
        return array("d", values[np.frombuffer(self.codes, self.codes.typecode)].tobytes())


class CompactPool(PostingPool):
    """Whoosh's posting pool, with the segmented fields' postings kept compactly (see the module).

    A posting's weight is not kept: it is (frequency x the field's ``pre`` factor) x the document's
    scale for the field, computed in that order when written, as Whoosh's own writer computes it.
    Past ``SPILL_POSTINGS`` postings (``RUN_POSTINGS`` for a build told to expect more than that, see
    :meth:`outgrows`) the terms held are written to a run file (sorted by term) and dropped; writing
    merges the runs term by term, so a large build's memory stays bounded.
    """

    def __init__(self, pool: PostingPool):
        PostingPool.__init__(self, pool.tempstore, pool.segment)
        self.limit = pool.limit
        self.compact: dict[str, HeldPostings] = {}
        #: Fields whose postings carry no value (Whoosh's ``Existence`` format: ids).
        self.bare: set[str] = set()
        self.pre: dict[str, float] = {}
        self.scales: dict[str, DocumentScales] = {}
        #: The one field whose scales are read out as a column (a commit writes a field at a time).
        self._column: tuple[str, array] | None = None
        self.run_files: dict[str, list[str]] = {}
        self.held = 0
        #: Where the segment's flat postings file (:mod:`index.flat`) goes, written as its postings
        #: are (set by the builder); not written here when some postings take Whoosh's own path.
        self.flat_path: Path | None = None
        #: The characters of text the build will add (0: not told) and those added so far.
        self.expected_chars = 0
        self.added_chars = 0

    def expect(self, chars: int) -> None:
        """The build will add about ``chars`` characters of text (see :meth:`outgrows`)."""
        self.expected_chars = chars

    def added(self, chars: int) -> None:
        """``chars`` more characters of text were added."""
        self.added_chars += chars

    def outgrows(self) -> bool:
        """Whether the build, at the rate its postings came so far, will hold more than one run's
        worth (:data:`SPILL_POSTINGS`) by its end: then it spills every :data:`RUN_POSTINGS`."""
        if self.run_files:
            return True
        if not self.added_chars or not self.expected_chars:
            return False
        return self.held * self.expected_chars > SPILL_POSTINGS * self.added_chars

    def add_terms(
        self, fieldname: str, docnum: int, keys: list, freqs: array, pre: float, scale: float, bare: bool = False
    ) -> None:
        """One document's terms ``keys`` (str or bytes) of ``fieldname`` with their frequencies
        ``freqs``: weight = (frequency x ``pre``) x ``scale`` (``bare``: no values stored)."""
        if not keys:
            return
        held = self.compact.get(fieldname)
        if held is None:
            held = self.compact[fieldname] = HeldPostings()
            self.scales.setdefault(fieldname, DocumentScales())
        if self.pre.setdefault(fieldname, pre) != pre:
            raise ValueError(f"field {fieldname} changed its boost")
        if bare:
            self.bare.add(fieldname)
        self.scales[fieldname].set(docnum, scale)
        self._column = None
        held.add(docnum, keys, freqs)
        self.held += len(keys)
        if self.held >= SPILL_POSTINGS or (self.held >= RUN_POSTINGS and self.outgrows()):
            self.spill()

    def spill(self) -> None:
        """Write every term held to a run file per field, sorted by term, and drop them."""
        folder = self.tempstore.folder
        for fieldname, held in self.compact.items():
            if not held.terms:
                continue
            name = f"{random_name()}.crun"
            with open(os.path.join(folder, name), "wb", buffering=1 << 20) as fh:
                for key, docs, freqs in held.by_term():
                    marshal.dump((key, docs.tobytes(), freqs.tobytes()), fh)
            self.run_files.setdefault(fieldname, []).append(name)
            self.compact[fieldname] = HeldPostings()
        self.held = 0

    def fields(self) -> set[str]:
        return {name for name, held in self.compact.items() if held.terms} | set(self.run_files)

    def scale_column(self, fieldname: str) -> array:
        """Every document's scale in ``fieldname`` (float64), kept for the field last asked about."""
        if self._column is None or self._column[0] != fieldname:
            self._column = None  # the last field's column goes before this one is made
            self._column = (fieldname, self.scales[fieldname].column())
        return self._column[1]

    def weights(self, fieldname: str, docs: array, freqs: array) -> list[float]:
        """The weights of a term's postings ``docs``/``freqs`` in ``fieldname``."""
        pre = self.pre[fieldname]
        return list(map(mul, map(mul, freqs, repeat(pre)), map(self.scale_column(fieldname).__getitem__, docs)))

    def term_postings(self, fieldname: str) -> Iterator[TermPostings]:
        """Every term of ``fieldname`` in byte order with all its postings: the runs' and those held, merged.

        Each run file is removed once read to its end.
        """
        held = self.compact.get(fieldname)
        names = self.run_files.pop(fieldname, [])
        if not names:
            if held is not None and held.terms:
                yield from held.by_term()
            return
        sources = [_read_run(os.path.join(self.tempstore.folder, name), order) for order, name in enumerate(names)]
        if held is not None and held.terms:
            sources.append((key, len(names), docs, freqs) for key, docs, freqs in held.by_term())
        for key, parts in itertools.groupby(heapq.merge(*sources), key=_FIELD):
            docs, freqs = array("I"), array("I")
            for _, _, more_docs, more_freqs in parts:  # runs in the order written: document numbers ascend
                docs.extend(more_docs)
                freqs.extend(more_freqs)
            yield key, docs, freqs

    def iter_postings(self) -> None:  # add_postings below reads the pool itself
        return None

    def compact_items(self, fieldname: str):
        """The compact field's postings as Whoosh's tuples, sorted (to merge with postings from elsewhere)."""
        bare = fieldname in self.bare
        for key, docs, freqs in self.term_postings(fieldname):
            weights = self.weights(fieldname, docs, freqs)
            for docnum, freq, weight in zip(docs, freqs, weights, strict=True):
                yield fieldname, key, docnum, weight, b"" if bare else pack_uint(freq)


def _read_run(path: str, order: int) -> Iterator[tuple[bytes, int, array, array]]:
    """A run file's terms as (term, ``order``, document numbers, frequencies); removes the file at its end."""
    try:
        with open(path, "rb", buffering=1 << 20) as fh:
            while True:
                try:
                    key, docs, freqs = marshal.load(fh)
                except EOFError:
                    break
                yield key, order, array("I", docs), array("I", freqs)
    finally:
        with contextlib.suppress(OSError):
            os.remove(path)


def add_postings(fieldwriter, schema, lengths, pool: CompactPool) -> None:
    """Write every posting of ``pool`` through ``fieldwriter`` (Whoosh's ``add_postings``, see the module)."""
    # Postings merged from older segments take Whoosh's path: the file is then read from the segment.
    flat = FlatFileWriter(pool.flat_path) if pool.flat_path is not None and not pool.fieldnames else None
    try:
        _add_fields(fieldwriter, schema, lengths, pool, flat)
    except BaseException:
        if flat is not None:
            flat.abandon()
        raise
    if flat is not None:
        flat.finish()


def _add_fields(fieldwriter, schema, lengths, pool: CompactPool, flat: FlatFileWriter | None) -> None:
    others = itertools.groupby(PostingPool.iter_postings(pool), key=_FIELD)
    pending = next(others, None)
    compact = pool.fields()
    for fieldname in sorted(compact | pool.fieldnames):
        items = None
        if pending is not None and pending[0] == fieldname:
            items = pending[1]
            pending = None
        if fieldname in compact and items is not None:
            items = heapq.merge(pool.compact_items(fieldname), items)  # a merge brought older postings
        fieldwriter.start_field(fieldname, schema[fieldname])
        _fast_blocks(fieldwriter._postwriter)
        if items is None:
            _write_compact(fieldwriter, pool, fieldname, lengths.column(fieldname), flat)
        else:
            _write_items(fieldwriter, fieldname, items, lengths)
            pending = next(others, None)
        fieldwriter.finish_field()
    if pending is not None:
        raise ValueError(f"postings of an unexpected field {pending[0]!r}")


def _write_items(fieldwriter, fieldname: str, items, lengths) -> None:
    """One field's postings, one at a time, as Whoosh writes them."""
    dfl = lengths.doc_field_length
    last = None
    for _, btext, docnum, weight, value in items:
        if docnum == -1:  # Whoosh's marker for a spelling word
            continue
        if btext != last:
            if last is not None:
                fieldwriter.finish_term()
            fieldwriter.start_term(btext)
            last = btext
        fieldwriter.add(docnum, weight, value or b"", dfl(docnum, fieldname))
    if last is not None:
        fieldwriter.finish_term()


def _mini_weights(weights: array) -> tuple[float, ...] | float | None:
    """Whoosh's ``_mini_weights``: None when all are 1.0, the one weight when all are equal, else all."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)


def _write_block(writer, last: bool = False) -> None:
    """Whoosh 3's ``W3PostingsWriter._write_block`` without a generator step per posting, its
    postings pickled at ``BLOCK_PROTOCOL``."""
    postfile = writer._postfile
    if not writer._blockcount:
        postfile.write(WHOOSH3_HEADER_MAGIC)
    writer._terminfo.add_block(writer)
    ids = writer._ids
    if writer._byteids:
        data = (tuple(ids), _mini_weights(writer._weights), writer._mini_values())
    else:
        data = (tuple(map(sub, ids, chain((0,), ids))), _mini_weights(writer._weights), writer._mini_values())
    databytes = pickle.dumps(data, BLOCK_PROTOCOL)
    comp = writer._compression
    if comp:
        databytes = zlib.compress(databytes, comp)
    info = (
        len(ids),
        ids[-1],
        writer._maxweight,
        comp,
        length_to_byte(writer._minlength),
        length_to_byte(writer._maxlength),
    )
    infobytes = pickle.dumps(info, 2)
    length = len(infobytes) + len(databytes)
    postfile.write_int(-length if last else length)
    postfile.write(infobytes)
    postfile.write(databytes)
    writer._blockcount += 1
    writer._new_block()


def _fast_blocks(writer) -> None:
    """Have ``writer`` (a ``W3PostingsWriter``) write its blocks with :func:`_write_block`."""
    if "_write_block" not in vars(writer):
        writer._write_block = _write_block.__get__(writer)


def _write_compact(
    fieldwriter, pool: CompactPool, fieldname: str, column: list, flat: FlatFileWriter | None = None
) -> None:
    """One compact field's terms, a block of postings at a time (``column``: each document's field length).

    Each term also goes to ``flat``, the segment's flat file, with the float32 weights its blocks hold.
    """
    bare = fieldname in pool.bare
    # a Frequency format's values are each posting's frequency as 4 big-endian bytes, joined per block
    joined = not bare and fieldwriter._format.fixed_value_size() == _UINT_BYTES
    lengths: np.ndarray | None = None
    for key, docs, freqs in pool.term_postings(fieldname):
        fieldwriter.start_term(key)
        writer = fieldwriter._postwriter
        if len(docs) <= writer._blocklimit:
            stored = _one_block(writer, pool.weights(fieldname, docs, freqs), docs, freqs, column, bare, joined)
        else:
            if lengths is None:
                lengths = np.array([n or 0 for n in column], np.int64)
            stored = _blocks(writer, pool, fieldname, docs, freqs, lengths, joined)
        if flat is not None:
            flat.add(fieldname, key, docs, stored)
        fieldwriter.finish_term()


#: The size of a Frequency format's value (Whoosh's ``pack_uint``).
_UINT_BYTES = 4
#: No length in a block (larger than any).
_NO_LENGTH = np.iinfo(np.int64).max


def _frequency_bytes(freqs: array) -> bytes:
    """``b"".join(map(pack_uint, freqs))`` at once (unsigned 32-bit integers, big-endian)."""
    big = array("I", freqs)
    if sys.byteorder == "little":
        big.byteswap()
    return big.tobytes()


def _one_block(
    writer, weights: list[float], docs: array, freqs: array, column: list, bare: bool, joined: bool
) -> array:
    """Put a term of at most one block in ``writer``'s buffers, in Python (numpy's cost per call
    outweighs it for a few postings: most terms); returns its stored (float32) weights."""
    stored = array("f", weights)  # C's double to float, as numpy's astype
    writer._ids = docs
    writer._weights = stored
    writer._values = [] if bare else [_frequency_bytes(freqs)] if joined else list(map(pack_uint, freqs))
    found = [n for n in map(column.__getitem__, docs) if n]
    writer._minlength = min(found) if found else None
    writer._maxlength = max(found, default=0)
    writer._maxweight = max(0, max(weights))
    return stored


def _blocks(
    writer, pool: CompactPool, fieldname: str, docs: array, freqs: array, lengths: np.ndarray, joined: bool
) -> array:
    """Write a term's blocks but the last (left in ``writer``'s buffers for its ``finish_postings``),
    every block's statistics computed at once with numpy; returns the term's stored (float32) weights."""
    limit = writer._blocklimit
    count = len(docs)
    numbers = np.frombuffer(docs, np.uint32)
    # (frequency x pre) x scale as Python multiplies them (float64), and the float32 a block stores
    weights = (
        np.frombuffer(freqs, np.uint32) * pool.pre[fieldname] * np.frombuffer(pool.scale_column(fieldname))[numbers]
    )
    stored = array("f", weights.astype(np.float32).tobytes())
    starts = np.arange(0, count, limit)
    max_weights = np.maximum.reduceat(weights, starts).tolist()
    found = lengths[numbers]
    max_lengths = np.maximum.reduceat(found, starts).tolist()
    min_lengths = np.minimum.reduceat(np.where(found > 0, found, _NO_LENGTH), starts).tolist()
    values = _frequency_bytes(freqs) if joined else b""
    bare = fieldname in pool.bare
    for block, start in enumerate(range(0, count, limit)):
        end = start + limit
        writer._ids = docs[start:end]
        writer._weights = stored[start:end]
        if bare:
            writer._values = []
        else:
            writer._values = (
                [values[start * _UINT_BYTES : end * _UINT_BYTES]] if joined else list(map(pack_uint, freqs[start:end]))
            )
        low = min_lengths[block]
        writer._minlength = None if low == _NO_LENGTH else low
        writer._maxlength = max_lengths[block]
        writer._maxweight = max(0, max_weights[block])
        if end < count:
            writer._write_block()
    return stored
