"""The word postings of a segment, held as arrays per term and written a block at a time.

Whoosh's writer keeps a tuple per posting (field, term, docnum, weight, value),
sorts them all, spills runs to disk with ``marshal`` when they pass its memory
limit, merges the runs back and hands the field writer one posting at a time
(two type asserts and a length lookup each). For the segmented fields — nearly
every posting — :class:`CompactPool` keeps instead each term's document
numbers, frequencies and weights in arrays, in the order documents were added
(already ascending), and :func:`add_postings` fills the postings writer's
block buffers a block (128 postings) at a time. The facet and id fields go
the same way (their values are few: Whoosh's analysis of each distinct value
is kept). The bytes written are the ones Whoosh writes: the same block
contents, statistics and term infos. Postings of segments merged into this
one take Whoosh's own path, merged with the compact ones field by field.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import marshal
import os
from array import array
from collections import defaultdict, deque
from collections.abc import Iterator
from itertools import repeat
from operator import attrgetter, itemgetter, mul

from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.writing import PostingPool

_FIELD = itemgetter(0)
_DOCS, _FREQS = attrgetter("docs"), attrgetter("freqs")
_append = array.append
#: Postings held in memory before they are written out as a run (8 bytes each, plus each term's arrays).
SPILL_POSTINGS = 8_000_000


def _consume(iterator) -> None:
    """Run ``iterator`` to its end in C (the appends below are mapped, not looped in Python)."""
    deque(iterator, maxlen=0)


class _Term:
    __slots__ = ("docs", "freqs")

    def __init__(self) -> None:
        self.docs = array("I")
        self.freqs = array("I")


#: One term's postings: its bytes, document numbers (ascending) and frequencies.
TermPostings = tuple[bytes, array, array]


class CompactPool(PostingPool):
    """Whoosh's posting pool, with the segmented fields' postings kept compactly (see the module).

    A posting's weight is not kept: it is (frequency x the field's ``pre`` factor) x the document's
    scale for the field, computed in that order when written, as Whoosh's own writer computes it.
    Past ``SPILL_POSTINGS`` postings the terms held are written to a run file (sorted by term) and
    dropped; writing merges the runs term by term, so a large build's memory stays bounded.
    """

    def __init__(self, pool: PostingPool):
        PostingPool.__init__(self, pool.tempstore, pool.segment)
        self.limit = pool.limit
        self.compact: dict[str, defaultdict[bytes, _Term]] = {}
        #: Fields whose postings carry no value (Whoosh's ``Existence`` format: ids).
        self.bare: set[str] = set()
        self.pre: dict[str, float] = {}
        self.scales: dict[str, array] = {}
        self.run_files: dict[str, list[str]] = {}
        self.held = 0

    def _terms(self, fieldname: str, docnum: int, scale: float, pre: float) -> defaultdict[bytes, _Term]:
        terms = self.compact.get(fieldname)
        if terms is None:
            terms = self.compact[fieldname] = defaultdict(_Term)
            self.scales.setdefault(fieldname, array("d"))
        if self.pre.setdefault(fieldname, pre) != pre:
            raise ValueError(f"field {fieldname} changed its boost")
        scales = self.scales[fieldname]
        if len(scales) <= docnum:
            scales.extend(repeat(0.0, docnum + 1 - len(scales)))
        scales[docnum] = scale
        return terms

    def add_counts(self, fieldname: str, docnum: int, counted: list[tuple[str, int]], scale: float) -> None:
        """One document's (word, frequency) pairs of a segmented field; weight = frequency x ``scale``."""
        if not counted:
            return
        words, freqs = zip(*counted, strict=True)
        found = list(map(self._terms(fieldname, docnum, scale, 1.0).__getitem__, map(str.encode, words)))
        _consume(map(_append, map(_DOCS, found), repeat(docnum)))
        _consume(map(_append, map(_FREQS, found), freqs))
        self._held(len(found))

    def add_terms(
        self, fieldname: str, docnum: int, postings: list[tuple[bytes, int]], pre: float, scale: float, bare: bool
    ) -> None:
        """One document's (term, frequency) postings of another field; weight = (frequency x ``pre``) x ``scale``
        (``bare``: no values stored)."""
        if not postings:
            return
        if bare:
            self.bare.add(fieldname)
        terms = self._terms(fieldname, docnum, scale, pre)
        for key, freq in postings:
            term = terms[key]
            term.docs.append(docnum)
            term.freqs.append(freq)
        self._held(len(postings))

    def _held(self, count: int) -> None:
        self.held += count
        if self.held >= SPILL_POSTINGS:
            self.spill()

    def spill(self) -> None:
        """Write every term held to a run file per field, sorted by term, and drop them."""
        folder = self.tempstore.folder
        for fieldname, terms in self.compact.items():
            if not terms:
                continue
            name = f"{random_name()}.crun"
            with open(os.path.join(folder, name), "wb", buffering=1 << 20) as fh:
                for key in sorted(terms):
                    term = terms[key]
                    marshal.dump((key, term.docs.tobytes(), term.freqs.tobytes()), fh)
            self.run_files.setdefault(fieldname, []).append(name)
            self.compact[fieldname] = defaultdict(_Term)
        self.held = 0

    def fields(self) -> set[str]:
        return {name for name, terms in self.compact.items() if terms} | set(self.run_files)

    def weights(self, fieldname: str, docs: array, freqs: array) -> list[float]:
        """The weights of a term's postings ``docs``/``freqs`` in ``fieldname``."""
        pre = self.pre[fieldname]
        return list(map(mul, map(mul, freqs, repeat(pre)), map(self.scales[fieldname].__getitem__, docs)))

    def term_postings(self, fieldname: str) -> Iterator[TermPostings]:
        """Every term of ``fieldname`` in byte order with all its postings: the runs' and those held, merged.

        Each run file is removed once read to its end.
        """
        held: dict[bytes, _Term] = self.compact.get(fieldname) or {}
        names = self.run_files.pop(fieldname, [])
        if not names:
            for key in sorted(held):
                term = held[key]
                yield key, term.docs, term.freqs
            return
        sources = [_read_run(os.path.join(self.tempstore.folder, name), order) for order, name in enumerate(names)]
        sources.append((key, len(names), held[key].docs, held[key].freqs) for key in sorted(held))
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
        if items is None:
            _write_compact(fieldwriter, pool, fieldname, lengths.column(fieldname))
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


def _write_compact(fieldwriter, pool: CompactPool, fieldname: str, column: list) -> None:
    """One compact field's terms, a block of postings at a time (``column``: each document's field length)."""
    bare = fieldname in pool.bare
    for key, docs, freqs in pool.term_postings(fieldname):
        fieldwriter.start_term(key)
        writer = fieldwriter._postwriter
        limit = writer._blocklimit
        count = len(docs)
        for start in range(0, count, limit):
            ids = docs[start : start + limit]
            block_freqs = freqs[start : start + limit]
            weights = pool.weights(fieldname, ids, block_freqs)
            writer._ids = ids
            writer._weights = array("f", weights)
            writer._values = [] if bare else list(map(pack_uint, block_freqs))
            found = [n for n in map(column.__getitem__, ids) if n]
            writer._minlength = min(found) if found else None
            writer._maxlength = max(found, default=0)
            writer._maxweight = max(0, max(weights))
            if start + limit < count:
                writer._write_block()
        fieldwriter.finish_term()
