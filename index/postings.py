"""The word postings of a segment, held as arrays per term and written a block at a time.

Whoosh's writer keeps a tuple per posting (field, term, docnum, weight, value),
sorts them all, spills runs to disk with ``marshal`` when they pass its memory
limit, merges the runs back and hands the field writer one posting at a time
(two type asserts and a length lookup each). For the segmented fields — nearly
every posting — :class:`CompactPool` keeps instead each term's document
numbers, frequencies and weights in arrays, in the order documents were added
(already ascending), and :func:`add_postings` fills the postings writer's
block buffers a block (128 postings) at a time. The bytes written are the
ones Whoosh writes: the same block contents, statistics and term infos. Other
fields' postings (facets, ids, and postings of segments merged into this one)
take Whoosh's own path.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from operator import itemgetter

from whoosh.system import pack_uint
from whoosh.writing import PostingPool

_FIELD = itemgetter(0)


class _Term:
    __slots__ = ("docs", "freqs", "weights")

    def __init__(self) -> None:
        self.docs = array("I")
        self.freqs = array("I")
        self.weights = array("d")  # as Whoosh's writer sees them; its blocks keep them as float32


class CompactPool(PostingPool):
    """Whoosh's posting pool, with the segmented fields' postings kept compactly (see the module)."""

    def __init__(self, pool: PostingPool):
        PostingPool.__init__(self, pool.tempstore, pool.segment)
        self.limit = pool.limit
        self.compact: dict[str, dict[bytes, _Term]] = {}

    def add_counts(self, fieldname: str, docnum: int, counted: list[tuple[str, int]], scale: float) -> None:
        """One document's (word, frequency) pairs of a segmented field; weight = frequency x ``scale``."""
        terms = self.compact.get(fieldname)
        if terms is None:
            terms = self.compact[fieldname] = {}
        get = terms.get
        for word, freq in counted:
            key = word.encode("utf-8")
            term = get(key)
            if term is None:
                term = terms[key] = _Term()
            term.docs.append(docnum)
            term.freqs.append(freq)
            term.weights.append(freq * scale)

    def iter_postings(self) -> None:  # add_postings below reads the pool itself
        return None

    def compact_items(self, fieldname: str):
        """The compact field's postings as Whoosh's tuples, sorted (to merge with postings from elsewhere)."""
        terms = self.compact[fieldname]
        for key in sorted(terms):
            term = terms[key]
            for docnum, freq, weight in zip(term.docs, term.freqs, term.weights, strict=True):
                yield fieldname, key, docnum, weight, pack_uint(freq)


def add_postings(fieldwriter, schema, lengths, pool: CompactPool) -> None:
    """Write every posting of ``pool`` through ``fieldwriter`` (Whoosh's ``add_postings``, see the module)."""
    compact = pool.compact
    others = itertools.groupby(PostingPool.iter_postings(pool), key=_FIELD)
    pending = next(others, None)
    for fieldname in sorted(set(compact) | pool.fieldnames):
        items = None
        if pending is not None and pending[0] == fieldname:
            items = pending[1]
            pending = None
        if fieldname in compact and items is not None:
            items = heapq.merge(pool.compact_items(fieldname), items)  # a merge brought older postings
        fieldwriter.start_field(fieldname, schema[fieldname])
        if items is None:
            _write_compact(fieldwriter, fieldname, compact[fieldname], lengths.column(fieldname))
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


def _write_compact(fieldwriter, fieldname: str, terms: dict[bytes, _Term], column: list) -> None:
    """One compact field's terms, a block of postings at a time (``column``: each document's field length)."""
    for key in sorted(terms):
        term = terms[key]
        fieldwriter.start_term(key)
        writer = fieldwriter._postwriter
        limit = writer._blocklimit
        count = len(term.docs)
        for start in range(0, count, limit):
            ids = term.docs[start : start + limit]
            weights = term.weights[start : start + limit]
            writer._ids = ids
            writer._weights = array("f", weights)
            writer._values = [pack_uint(f) for f in term.freqs[start : start + limit]]
            found = [n for n in map(column.__getitem__, ids) if n]
            writer._minlength = min(found) if found else None
            writer._maxlength = max(found, default=0)
            writer._maxweight = max(0, max(weights))
            if start + limit < count:
                writer._write_block()
        fieldwriter.finish_term()
