"""Scores a compiled query a term at a time, over whole posting lists.

Whoosh scores document by document: for each candidate record its matcher
tree calls ``id()``, ``score()``, ``next()`` on every node and looks the
record's field length up through a column reader — a dozen Python calls per
record per term. A common word (国务院 in the laws: 5,000+ records) spent most
of its 100 ms there. Here each term's postings are read a block at a time,
each field's lengths once per opened index, and the query tree is combined as
dictionaries ``{docnum: score}``: the same BM25F scores (the same formula,
idf and average lengths Whoosh uses), and every matching record is known,
which the literal fallback needs anyway.

Leaves other than terms and literal leaves (a prefix, anything new) are run
through Whoosh's own matcher, so every query still gets an answer.
Reading blocks and length columns whole uses Whoosh 3 codec internals
(``whoosh-reloaded`` is pinned); tests/test_index_scorer.py compares every
score with Whoosh's own, so a change there fails loudly rather than ranking
quietly wrong.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from itertools import accumulate, repeat
from operator import add, mul, truediv

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.literal_query import LiteralText

Scores = dict[int, float]


class _Segment:
    """One sub-reader: its docnum offset, deleted records and cached field lengths."""

    def __init__(self, searcher, offset: int):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.size = self.reader.doc_count_all()
        self.deleted = frozenset(self.reader.deleted_docs_set or ())
        self._lengths: dict[str, bytes] = {}

    def length_bytes(self, fieldname: str) -> bytes:
        """The field's length column (one byte per record, Whoosh's log scale)."""
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._read_lengths(fieldname)
        return self._lengths[fieldname]

    def _read_lengths(self, fieldname: str) -> bytes:
        """One read of the whole column where the codec is Whoosh 3's, else record by record."""
        per_doc = getattr(self.reader, "_perdoc", None)
        column = f"_{fieldname}_len"
        if isinstance(per_doc, W3PerDocReader):
            if not per_doc.has_column(column):
                return b""
            col = per_doc._cached_reader(column, LENGTHS_COLUMN)
            return col._dbfile.get(col._basepos, col._count * col._fixedlen)
        return bytes(length_to_byte(self.reader.doc_field_length(d, fieldname, 0) or 0) for d in range(self.size))


def _leaf_postings(matcher) -> tuple[list[int], list[float]]:
    """Every (docnum, term frequency) of a raw postings matcher, block by block."""
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


def _bm25(ids: list[int], tfs: list[float], factor: float, norms: list[float], lengths: bytes, offset: int) -> Scores:
    """``{docnum + offset: factor * tf / (tf + norm of its length)}``, a segment's postings at once.

    Chained ``map`` over C functions: no Python frame per posting (a common word has tens of
    thousands), the same arithmetic in the same order as one record at a time.
    """
    count = len(lengths)
    if ids and max(ids) < count:
        record_norms = list(map(norms.__getitem__, map(lengths.__getitem__, ids)))
    else:  # a record past the length column: Whoosh's default length
        record_norms = [norms[lengths[d]] if d < count else norms[0] for d in ids]
    scores = map(truediv, map(mul, repeat(factor), tfs), map(add, tfs, record_norms))
    keys = map(add, ids, repeat(offset)) if offset else ids
    return dict(zip(keys, scores, strict=False))


def add_scores(first: Mapping[int, float], second: Mapping[int, float]) -> Scores:
    """Every key of either, ``first[d] + second[d]`` (in that order) where both have it: sums in C."""
    both = list(first.keys() & second.keys())
    out = {**second, **first}
    out.update(zip(both, map(add, map(first.__getitem__, both), map(second.__getitem__, both)), strict=True))
    return out


class QueryScorer:
    """Evaluates Whoosh queries into ``{global docnum: score}`` for one opened searcher.

    Reuse it for every search on the same searcher: field lengths are read
    once. Not thread-safe (the service serialises searches).
    """

    def __init__(self, searcher):
        self.searcher = searcher
        self.weighting = searcher.weighting
        subs = searcher.subsearchers or [(searcher, 0)]
        self.segments = [_Segment(sub, offset) for sub, offset in subs]
        self._norms: dict[str, list[float]] = {}
        self.begin()

    # ------------------------------------------------------------ the tree

    def begin(self) -> None:
        """Start a search: forget the previous search's results (literal leaves change)."""
        self._memo: dict[int, tuple[wq.Query, Scores]] = {}

    def scores(self, q: wq.Query) -> Scores:
        """Every live record matching ``q`` and its BM25F score (Whoosh's sums).

        Remembered per query object until :meth:`begin`: the literal fallback
        asks again about each unit of the query just scored.
        """
        memo = self._memo.get(id(q))
        if memo is not None and memo[0] is q:
            return memo[1]
        result = self._evaluate(q)
        self._memo[id(q)] = (q, result)  # holding ``q`` keeps its id from being reused
        return result

    def _evaluate(self, q: wq.Query) -> Scores:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, LiteralText):
            ids, scores = q.scored_ids()
            return dict(zip(ids, scores, strict=False))
        if isinstance(q, wq.Or):
            return self._union([self.scores(c) for c in q.subqueries])
        if isinstance(q, wq.And):
            return self._and(q.subqueries)
        if isinstance(q, wq.Not):
            excluded = self.scores(q.query)
            return {d: 1.0 for d in self._live() if d not in excluded}
        if isinstance(q, wq.Every):
            return dict.fromkeys(self._live(), 1.0)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        return self._by_matcher(q)

    def _union(self, parts: list[Scores]) -> Scores:
        parts = [p for p in parts if p]
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        out = dict(parts[0])
        for part in parts[1:]:
            out = add_scores(out, part)
        return out

    def _and(self, children: list[wq.Query]) -> Scores:
        positive = [c for c in children if not isinstance(c, wq.Not)]
        negative = [c.query for c in children if isinstance(c, wq.Not)]
        if not positive:
            positive = [wq.Every()]
        parts = sorted((self.scores(c) for c in positive), key=len)
        out = dict(parts[0])
        for part in parts[1:]:
            if not out:
                break
            both = list(out.keys() & part.keys())
            out = dict(zip(both, map(add, map(out.__getitem__, both), map(part.__getitem__, both)), strict=True))
        for q in negative:
            if not out:
                break
            kept = list(out.keys() - self.scores(q).keys())
            # Whoosh's inverse matcher scores 1.0 wherever it matches, and And sums it in.
            out = dict(zip(kept, map(add, map(out.__getitem__, kept), repeat(1.0)), strict=True))
        return out

    def _live(self):
        for seg in self.segments:
            for d in range(seg.size):
                if d not in seg.deleted:
                    yield d + seg.offset

    # ------------------------------------------------------------ leaves

    def _term_ids(self, fieldname: str, text) -> list[int]:
        out: list[int] = []
        for seg in self.segments:
            if (fieldname, text) not in seg.reader:
                continue
            ids, _ = _leaf_postings(self._raw(seg, fieldname, text))
            offset, deleted = seg.offset, seg.deleted
            out += [d + offset for d in ids if d not in deleted]
        return out

    def _term(self, fieldname: str, text, boost: float) -> Scores:
        if fieldname not in self.searcher.schema:
            return {}
        field = self.searcher.schema[fieldname]
        if not field.scorable:
            return dict.fromkeys(self._term_ids(fieldname, text), boost)
        idf = self.weighting.idf(self.searcher, fieldname, text)
        factor = idf * (self.weighting.K1 + 1) * boost
        norms = self._length_norms(fieldname)
        out: Scores = {}
        for seg in self.segments:
            if (fieldname, text) not in seg.reader:
                continue
            ids, tfs = _leaf_postings(self._raw(seg, fieldname, text))
            out.update(_bm25(ids, tfs, factor, norms, seg.length_bytes(fieldname), seg.offset))
            for d in seg.deleted:
                out.pop(d + seg.offset, None)
        return out

    def length_weight(self, fieldname: str) -> float:
        """BM25's B for the field: how much a long field dilutes a match."""
        return self.weighting._field_B.get(fieldname, self.weighting.B)

    def _length_norms(self, fieldname: str) -> list[float]:
        """``K1 * (1 - B + B * length / avg)`` for each of the 256 length bytes."""
        if fieldname not in self._norms:
            w, b = self.weighting, self.length_weight(fieldname)
            avg = self.searcher.avg_field_length(fieldname) or 1
            norms = []
            for byte in range(256):
                length = byte_to_length(byte) if byte else 1  # Whoosh's default for a missing length
                norms.append(w.K1 * ((1 - b) + b * length / avg))
            self._norms[fieldname] = norms
        return self._norms[fieldname]

    @staticmethod
    def _raw(seg: _Segment, fieldname: str, text):
        matcher = seg.reader.postings(fieldname, text)
        return matcher.child if isinstance(matcher, FilterMatcher) else matcher

    def _by_matcher(self, q: wq.Query) -> Scores:
        """Any other query through Whoosh's matcher (a prefix, anything new)."""
        out: Scores = {}
        context = self.searcher.context()
        for seg in self.segments:
            matcher = q.matcher(seg.searcher, context)
            offset = seg.offset
            while matcher.is_active():
                out[matcher.id() + offset] = matcher.score()
                matcher.next()
        return out
