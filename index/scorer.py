"""Scores a compiled query a term at a time, over whole posting lists.

Whoosh scores document by document: for each candidate record its matcher
tree calls ``id()``, ``score()``, ``next()`` on every node and looks the
record's field length up through a column reader — a dozen Python calls per
record per term. A common word (国务院 in the laws: 5,000+ records) spent most
of its 100 ms there. Here each term's postings are read a block at a time,
each field's lengths once per opened index, and the query tree is combined as
dictionaries ``{docnum: score}``: the same BM25F scores (the same formula,
idf and average lengths Whoosh uses), and every matching record is known,
which the literal fallback needs anyway. An ``And`` (国家安全机关 asks
for three words of 10,000+ records each) intersects its children's record ids
first and scores only the records left, and a filter restricts the same way.

Leaves other than terms and literal leaves (a prefix, anything new) are run
through Whoosh's own matcher, so every query still gets an answer.
Reading blocks and length columns whole uses Whoosh 3 codec internals
(``whoosh-reloaded`` is pinned); tests/test_index_scorer.py compares every
score with Whoosh's own, so a change there fails loudly rather than ranking
quietly wrong.
"""

from __future__ import annotations

import math
from collections.abc import KeysView, Mapping
from collections.abc import Set as AbstractSet
from itertools import compress
from operator import add
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.util.numeric import byte_to_length, length_to_byte

from index import columns
from index.flat import FlatPostings, Postings, leaf_postings, raw_postings
from index.literal_query import LiteralText, NearText
from index.recent import Budget, Recent

Scores = Mapping[int, float]
#: What an opened index keeps of its answers across searches (postings, scores, literal counts), in bytes:
#: all that one character's search keeps at 10^6 records (的: 727,000 records, ~120 MB counted, a part
#: kept twice counted twice), or the answers of many searches of words.
KEPT_BYTES = 128 * 2**20


class _Segment:
    """One sub-reader: its docnum offset, deleted records and cached field lengths."""

    def __init__(self, searcher, offset: int):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.size = self.reader.doc_count_all()
        self.deleted = frozenset(self.reader.deleted_docs_set or ())
        self._lengths: dict[str, bytes] = {}
        self.flat = FlatPostings.open(self.reader)
        self._live_mask: Any = None  # numpy bools by record, made when first needed

    def live(self, ids, tfs) -> Postings:
        """The postings of records not deleted (lists stay lists, numpy arrays numpy arrays)."""
        if columns.is_large(ids):
            if self._live_mask is None:
                np = columns.numpy()
                self._live_mask = np.ones(self.size, bool)
                self._live_mask[np.fromiter(self.deleted, np.int64, len(self.deleted))] = False
            kept = self._live_mask[ids]
            return ids[kept], tfs[kept]
        wanted = [d not in self.deleted for d in ids]
        return list(compress(ids, wanted)), list(compress(tfs, wanted))

    def postings(self, fieldname: str, text) -> Postings | None:
        """The term's (document numbers, weights) in this segment, None when it has none: from the
        flat file when it holds the term, else from Whoosh's blocks."""
        if self.flat is not None:
            found = self.flat.get(fieldname, self.reader.schema[fieldname].to_bytes(text))
            if found is not None:
                return found
        if (fieldname, text) not in self.reader:
            return None
        return leaf_postings(raw_postings(self.reader, fieldname, text))

    def postings_held(self, fieldname: str, text) -> int:
        """How many postings the flat file holds for the term (0 when it holds none): read without them."""
        if self.flat is None:
            return 0
        return self.flat.count(fieldname, self.reader.schema[fieldname].to_bytes(text))

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


def _restrict(scores: Scores, within: AbstractSet[int]) -> Scores:
    scores = columns.plain(scores)
    kept = scores.keys() & within
    return dict(zip(kept, map(scores.__getitem__, kept), strict=True))


def _add_into(out: dict[int, float], second: Mapping[int, float]) -> None:
    """``out`` made ``add_scores(out, second)`` in place: a union of many records is not copied once per part."""
    second = columns.plain(second)
    both = out.keys() & second.keys()
    sums = list(map(add, map(out.__getitem__, both), map(second.__getitem__, both)))
    out.update(second)
    out.update(zip(both, sums, strict=True))


def add_scores(first: Mapping[int, float], second: Mapping[int, float]) -> dict[int, float]:
    """Every key of either, ``first[d] + second[d]`` (in that order) where both have it."""
    first, second = columns.plain(first), columns.plain(second)
    out = dict(first)
    out.update(second)  # where only ``second`` has it: its score (as 0.0 + it)
    both = first.keys() & second.keys()
    out.update(zip(both, map(add, map(first.__getitem__, both), map(second.__getitem__, both)), strict=True))
    return out


class QueryScorer:
    """Evaluates Whoosh queries into ``{global docnum: score}`` for one opened searcher.

    Reuse it for every search on the same searcher: field lengths are read
    once. Not thread-safe (the service serialises searches).
    """

    def __init__(self, searcher, kept: Budget | None = None):
        """``kept``: the bound of what is kept across searches, shared with the caller's own memories."""
        self.searcher = searcher
        self.weighting = searcher.weighting
        kept = kept or Budget(KEPT_BYTES)
        subs = searcher.subsearchers or [(searcher, 0)]
        self.segments = [_Segment(sub, offset) for sub, offset in subs]
        self._norms: dict[str, list[float]] = {}
        self._deleted = {seg.offset + d for seg in self.segments for d in seg.deleted}
        self._live: set[int] | None = None
        self._doc_count_all = searcher.get_parent().doc_count_all()
        #: postings are never changed once read: kept across searches (see :mod:`index.recent`)
        self._recent: Recent[list[tuple[_Segment, Any, Any]]] = Recent(kept)
        self._recent_scores: Recent[Scores] = Recent(kept)
        self._recent_ids: Recent[KeysView[int]] = Recent(kept)
        #: the columns a large union was summed as, by ``id`` of its answer (the entry holds the answer)
        self._recent_columns: Recent[tuple[Scores, Any, Any]] = Recent(kept)
        #: the records of a query of terms as a column (:meth:`_id_column`), by the query
        self._recent_id_columns: Recent[Any] = Recent(kept)
        self.begin()

    def prepare(self) -> None:
        """Read every scored field's lengths now (as the index opens), not at the first search, and
        import numpy where a term can have ``columns.SMALL`` postings (a library below that never needs it)."""
        if self._doc_count_all >= columns.SMALL:
            columns.numpy()
        for fieldname, field in self.searcher.schema.items():
            if field.scorable:
                self._length_norms(fieldname)
                for seg in self.segments:
                    seg.length_bytes(fieldname)

    # ------------------------------------------------------------ the tree

    def begin(self) -> None:
        """Start a search: forget the previous search's results (literal leaves change)."""
        self._memo: dict[int, tuple[wq.Query, Scores]] = {}
        self._id_memo: dict[int, tuple[wq.Query, AbstractSet[int]]] = {}
        self._postings: dict[tuple[str, object], list[tuple[_Segment, Any, Any]]] = {}
        self._column_memo: dict[int, tuple[wq.Query, Any]] = {}

    def scores(self, q: wq.Query, within: AbstractSet[int] | None = None) -> Scores:
        """Every live record matching ``q`` (only those in ``within`` when given) and its BM25F score
        (Whoosh's sums).

        Whole answers are remembered per query object until :meth:`begin`: the
        literal fallback asks again about each unit of the query just scored.
        """
        memo = self._memo.get(id(q))
        if memo is not None and memo[0] is q:
            return memo[1] if within is None else _restrict(memo[1], within)
        if within is None and isinstance(q, (wq.Or, wq.And)):
            # A whole word's or unit's answer (an equal query asks the same) is kept across searches.
            result = self._recent_scores.get(q, lambda: self._evaluate(q, None))
        else:
            result = self._evaluate(q, within)
        if within is None:
            self._memo[id(q)] = (q, result)  # holding ``q`` keeps its id from being reused
        return result

    def columns_of(self, scores: Scores) -> tuple[Any, Any] | None:
        """The numpy columns (records, scores) a whole answer of this scorer was made from, when it was summed
        as columns and is still kept: a caller needing them does not convert the dictionary back."""
        kept = self._recent_columns.find(id(scores))
        return (kept[1], kept[2]) if kept is not None and kept[0] is scores else None

    def ids(self, q: wq.Query) -> AbstractSet[int]:
        """Every live record matching ``q``, without scoring them (remembered until :meth:`begin`)."""
        memo = self._memo.get(id(q))
        if memo is not None and memo[0] is q:
            return memo[1].keys()
        known = self._id_memo.get(id(q))
        if known is not None and known[0] is q:
            return known[1]
        scored = self._recent_scores.find(q) if isinstance(q, (wq.Or, wq.And)) else None
        if scored is not None:
            return scored.keys()
        result = self._match_ids(q)
        self._id_memo[id(q)] = (q, result)
        return result

    def members(self, q: wq.Query, docnums: AbstractSet[int]) -> set[int]:
        """Which of ``docnums`` match ``q``: looked up in a column of its records (:meth:`_id_column`) when it
        has many and they are not known as a set yet, rather than making the set."""
        if not self._ids_known(q) and self._large_columnar(q):
            np = columns.numpy()
            wanted = np.fromiter(docnums, np.int64, len(docnums))
            return set(wanted[self.mask(self._id_column(q))[wanted]].tolist())
        return set(docnums & self.ids(q))

    def record_column(self, q: wq.Query) -> Any:
        """Every live record matching ``q``, ascending, as a numpy column when ``q`` is terms combined with
        ``columns.SMALL`` postings or more (found without scoring them or making a set), else None."""
        return self._id_column(q) if self._large_columnar(q) else None

    def contains(self, q: wq.Query, docnums: Any) -> Any:
        """Whether each of ``docnums`` (a numpy column) matches ``q``, as numpy booleans: read in a column of
        its records (:meth:`_id_column`) when it is made of terms, else in its set."""
        if self._columnar_postings([q]) is not None:
            return self.mask(self._id_column(q))[docnums]
        found = self.ids(q)
        return columns.numpy().fromiter(map(found.__contains__, docnums.tolist()), bool, len(docnums))

    def _ids_known(self, q: wq.Query) -> bool:
        """Whether :meth:`ids` answers ``q`` without making a set (its scores or records already made)."""
        for memo in (self._memo, self._id_memo):
            known = memo.get(id(q))
            if known is not None and known[0] is q:
                return True
        return isinstance(q, (wq.Or, wq.And)) and self._recent_scores.find(q) is not None

    def _match_ids(self, q: wq.Query) -> AbstractSet[int]:
        if isinstance(q, wq.Term):
            return self._term_ids(q.fieldname, q.text) if q.fieldname in self.searcher.schema else set()
        if isinstance(q, wq.Or):
            return set().union(*(self.ids(c) for c in q.subqueries))
        if isinstance(q, wq.And):
            return self._and_ids(q.subqueries)[0]
        if isinstance(q, wq.Not):
            return self._live_set() - self.ids(q.query)
        if isinstance(q, wq.Every):
            return self._live_set()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        return self.scores(q).keys()

    def _evaluate(self, q: wq.Query, within: AbstractSet[int] | None) -> Scores:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost, within)
        if isinstance(q, wq.Or):
            return self._union(q.subqueries, within)
        if isinstance(q, wq.And):
            return self._and(q.subqueries, within)
        if isinstance(q, wq.Not):
            kept = self._live_set() - self.ids(q.query)
            return dict.fromkeys(kept if within is None else kept & within, 1.0)
        if isinstance(q, wq.Every):
            return dict.fromkeys(self._live_set() if within is None else self._live_set() & within, 1.0)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        if within is not None:
            return _restrict(self.scores(q), within)
        if isinstance(q, (LiteralText, NearText)):
            ids, scores = q.scored_ids()
            return dict(zip(ids, scores, strict=False))
        return self._by_matcher(q)

    def _union(self, children: list[wq.Query], within: AbstractSet[int] | None) -> Scores:
        # Summed in the order of the children's whole answers, largest first, so a record's
        # score is the same float whether or not the answer is restricted.
        ordered = sorted(children, key=self.count, reverse=True)
        if (within is None or len(within) >= columns.SMALL) and self._large_terms(ordered):
            # many records kept of a restricted answer: its terms' columns cut by a mask of them
            keep = None if within is None else self.mask(columns.numpy().fromiter(within, "int64", len(within)))
            keys, values = self._union_columns(ordered, keep)
            answer = columns.ColumnMap(keys, values)  # a dictionary only if read as one
            if keep is None:
                self._recent_columns.get(id(answer), lambda: (answer, keys, values))
            return answer
        parts = [p for p in (self.scores(c, within) for c in ordered) if p]
        if not parts:
            return {}
        out = dict(columns.plain(parts[0]))
        for part in parts[1:]:
            _add_into(out, part)
        return out

    def _large_terms(self, children: list[wq.Query]) -> bool:
        """Whether ``children`` are scored terms, or unions of them, with ``columns.SMALL`` postings or more
        between them: a field's or spelling's union (的 in the text and the headings: 10^5 records) is then
        summed as numpy columns into one dictionary, not a dictionary per term merged into another per term."""
        schema = self.searcher.schema
        terms: list[wq.Term] = []
        pending = list(children)
        while pending:
            q = pending.pop()
            if isinstance(q, wq.Or):
                pending += q.subqueries
            elif isinstance(q, wq.Term) and q.fieldname in schema and schema[q.fieldname].scorable:
                terms.append(q)
            else:
                return False
        return sum(len(ids) for t in terms for _, ids, _ in self._term_postings(t.fieldname, t.text)) >= columns.SMALL

    def _union_columns(self, ordered: list[wq.Query], keep: Any = None) -> tuple[Any, Any]:
        """The union of ``ordered`` (terms or unions of them, largest answer first) as columns, in the order
        and with the floats the dictionaries' fold gives; only the records ``keep`` (a mask) is true at, when given."""
        parts = []
        for q in ordered:
            if isinstance(q, wq.Term):
                parts.append(self._term_columns(q, keep))
            else:
                parts.append(self._union_columns(sorted(q.subqueries, key=self.count, reverse=True), keep))
        return columns.summed_in_order(parts, self._doc_count_all)

    def _term_columns(self, q: wq.Term, keep: Any = None) -> tuple[Any, Any]:
        """A scored term's live records (global numbers, int64) and their scores: :meth:`_term_scores` as columns
        (only the records ``keep``, a mask, is true at, when given)."""
        np = columns.numpy()
        postings = self._term_postings(q.fieldname, q.text)
        factor = self._term_factor(postings, q.boost)
        norms = self._length_norms(q.fieldname)
        ids, scores = [np.zeros(0, np.int64)], [np.zeros(0)]
        for seg, seg_ids, tfs in postings:
            if seg.deleted:
                seg_ids, tfs = seg.live(seg_ids, tfs)
            at, values = columns.term_bm25_columns(seg_ids, tfs, factor, norms, seg.length_bytes(q.fieldname))
            at = at + seg.offset
            if keep is not None:
                kept = keep[at]
                at, values = at[kept], values[kept]
            ids.append(at)
            scores.append(values)
        return np.concatenate(ids), np.concatenate(scores)

    def _term_factor(self, postings: list[tuple[_Segment, Any, Any]], boost: float) -> float:
        """BM25's ``idf * (K1 + 1) * boost`` of a term: Whoosh's idf (``WeightingModel.idf``), its document
        frequency the postings' count, deleted records included."""
        idf = math.log(self._doc_count_all / (sum(len(ids) for _, ids, _ in postings) + 1)) + 1
        return idf * (self.weighting.K1 + 1) * boost

    def count(self, q: wq.Query) -> int:
        """How many live records match ``q``: a term's postings counted without making its set of
        records (its scores are made next, from the same postings), when no record is deleted; a large
        union or intersection of terms counted as a column (:meth:`_id_column`), without making sets."""
        schema = self.searcher.schema
        if isinstance(q, wq.Term) and not self._deleted and q.fieldname in schema and schema[q.fieldname].scorable:
            return sum(len(ids) for _, ids, _ in self._term_postings(q.fieldname, q.text))
        if self._large_columnar(q):
            return len(self._id_column(q))
        return len(self.ids(q))

    def fewest(self, q: wq.Query) -> int:
        """At least how many live records match ``q``, known without reading a posting: a term's postings in
        the flat files less every deleted record, an ``Or``'s largest child; 0 for anything else. A caller
        that gives up above a number of records asks this before :meth:`count` reads two common words."""
        if isinstance(q, wq.Term):
            if q.fieldname not in self.searcher.schema:
                return 0
            held = sum(seg.postings_held(q.fieldname, q.text) for seg in self.segments)
            return max(0, held - len(self._deleted))
        if isinstance(q, wq.Or):
            return max(map(self.fewest, q.subqueries), default=0)
        return 0

    def _large_columnar(self, q: wq.Query) -> bool:
        """Whether ``q`` is terms combined by ``Or``, ``And`` and ``Not`` (or ``Every``) with ``columns.SMALL``
        postings or more between them: its records are then found as numpy columns (:meth:`_id_column`)."""
        postings = self._columnar_postings([q])
        return postings is not None and postings >= columns.SMALL

    def _columnar_postings(self, queries: list[wq.Query]) -> int | None:
        """The postings of the terms of ``queries``, None when one is not made of terms, ``Or``, ``And``,
        ``Not`` and ``Every``."""
        schema = self.searcher.schema
        postings = 0
        pending = list(queries)
        while pending:
            part = pending.pop()
            if isinstance(part, wq.Term):
                if part.fieldname not in schema:
                    return None
                postings += sum(len(ids) for _, ids, _ in self._term_postings(part.fieldname, part.text))
            elif isinstance(part, (wq.Or, wq.And)):
                pending += part.subqueries
            elif isinstance(part, wq.Not):
                pending.append(part.query)
            elif not isinstance(part, wq.Every):
                return None
        return postings

    def _id_column(self, q: wq.Query) -> Any:
        """What :meth:`ids` answers for ``q`` (a query :meth:`_large_columnar` accepts), as a sorted numpy
        array of record numbers: unions and intersections are boolean masks over the records rather than
        sets of Python ints (a common word's spellings in the text and the headings: 10^5 of them)."""
        known = self._column_memo.get(id(q))
        if known is not None and known[0] is q:
            return known[1]
        # made of terms, it never changes for this index: an equal query asks the same (kept across searches)
        found = self._recent_id_columns.get(q, lambda: self._made_id_column(q))
        self._column_memo[id(q)] = (q, found)
        return found

    def _made_id_column(self, q: wq.Query) -> Any:
        np = columns.numpy()
        if isinstance(q, wq.Term):
            found = self._term_column(q.fieldname, q.text)
        elif isinstance(q, wq.Or):
            mask = np.zeros(self._doc_count_all, bool)
            for c in q.subqueries:
                mask[self._id_column(c)] = True
            found = np.flatnonzero(mask)
        elif isinstance(q, wq.And):
            found = self._and_column(q.subqueries)[0]
        elif isinstance(q, wq.Not):
            live = self._live_column()
            found = live[~self.mask(self._id_column(q.query))[live]]
        else:
            found = self._live_column()
        return found

    def _and_column(self, children: list[wq.Query]) -> tuple[Any, list[wq.Query], list[wq.Query]]:
        """:meth:`_and_ids` as a column (the same children, in the same order)."""
        positive = [c for c in children if not isinstance(c, wq.Not)]
        negative = [c.query for c in children if isinstance(c, wq.Not)]
        if not positive:
            positive = [wq.Every()]
        positive.sort(key=lambda c: len(self._id_column(c)))
        found = self._id_column(positive[0])
        for c in positive[1:]:
            if not len(found):
                break
            found = found[self.mask(self._id_column(c))[found]]
        for c in negative:
            if not len(found):
                break
            found = found[~self.mask(self._id_column(c))[found]]
        return found, positive, negative

    def mask(self, ids: Any) -> Any:
        """A boolean per record (numpy), true at ``ids`` (a numpy column of record numbers)."""
        mask = columns.numpy().zeros(self._doc_count_all, bool)
        mask[ids] = True
        return mask

    def _term_column(self, fieldname: str, text) -> Any:
        """A term's live records, ascending (segments in order, each's postings ascending)."""
        np = columns.numpy()
        parts = [np.zeros(0, np.int64)]
        for seg, ids, tfs in self._term_postings(fieldname, text):
            if seg.deleted:
                ids, _ = seg.live(ids, tfs)
            parts.append(np.asarray(ids, np.int64) + seg.offset)
        return np.concatenate(parts)

    def _live_column(self) -> Any:
        np = columns.numpy()
        live = np.ones(self._doc_count_all, bool)
        if self._deleted:
            live[np.fromiter(self._deleted, np.int64, len(self._deleted))] = False
        return np.flatnonzero(live)

    def _and_ids(self, children: list[wq.Query]) -> tuple[set[int], list[wq.Query], list[wq.Query]]:
        """The records matching every child, and the positive children (smallest answer first) and
        negative ones."""
        positive = [c for c in children if not isinstance(c, wq.Not)]
        negative = [c.query for c in children if isinstance(c, wq.Not)]
        postings = self._columnar_postings(children)
        if postings is not None and postings >= columns.SMALL:
            found_column, positive, negative = self._and_column(children)
            return set(found_column.tolist()), positive, negative
        if not positive:
            positive = [wq.Every()]
        positive.sort(key=lambda c: len(self.ids(c)))
        found = set(self.ids(positive[0]))
        for c in positive[1:]:
            if not found:
                break
            found &= self.ids(c)  # by the smaller of the two, a set or a dictionary's keys alike
        for c in negative:
            if not found:
                break
            found.difference_update(self.ids(c))
        return found, positive, negative

    def _and(self, children: list[wq.Query], within: AbstractSet[int] | None) -> Scores:
        """The records matching every child (a set operation on their ids), then only those scored."""
        found, positive, negative = self._and_ids(children)
        if within is not None:
            found &= within
        if not found:
            return {}
        if len(found) >= columns.SMALL:
            return self._and_columns(positive, len(negative), found)
        out = dict(columns.plain(self.scores(positive[0], found)))
        for c in positive[1:]:
            part = columns.plain(self.scores(c, found))
            out = {d: s + part[d] for d, s in out.items()}
        for _ in negative:
            # Whoosh's inverse matcher scores 1.0 wherever it matches, and And sums it in.
            out = {d: s + 1.0 for d, s in out.items()}
        return out

    def _and_columns(self, positive: list[wq.Query], negative: int, found: AbstractSet[int]) -> Scores:
        """:meth:`_and`'s sums over many records as numpy columns: each child's scores of ``found`` added in
        turn (the same floats, in the first child's order), not a dictionary made per child (规定 第: 10^5
        records at 10^6)."""
        np = columns.numpy()
        ids, values = columns.of_scores(self.scores(positive[0], found))
        ids, values = np.asarray(ids, np.int64), np.asarray(values, np.float64)
        for c in positive[1:]:
            part_ids, part_values = columns.of_scores(self.scores(c, found))
            dense = np.zeros(self._doc_count_all)
            dense[part_ids] = part_values
            values = values + dense[ids]
        for _ in range(negative):
            values = values + 1.0  # Whoosh's inverse matcher scores 1.0 wherever it matches
        return columns.ColumnMap(ids, values)

    def _live_set(self) -> set[int]:
        if self._live is None:
            self._live = set()
            for seg in self.segments:
                self._live.update(range(seg.offset, seg.offset + seg.size))
            self._live -= self._deleted
        return self._live

    # ------------------------------------------------------------ leaves

    def _term_postings(self, fieldname: str, text) -> list[tuple[_Segment, Any, Any]]:
        """Each segment's (ids, term frequencies) of the term, read once per search."""
        key = (fieldname, text)
        if key not in self._postings:
            self._postings[key] = self._recent.get(key, lambda: self._read_postings(fieldname, text))
        return self._postings[key]

    def _read_postings(self, fieldname: str, text) -> list[tuple[_Segment, Any, Any]]:
        out = []
        for seg in self.segments:
            found = seg.postings(fieldname, text)
            if found is not None:
                out.append((seg, *found))
        return out

    def _term_ids(self, fieldname: str, text) -> AbstractSet[int]:
        """The term's live records (kept across searches, as its postings are)."""
        return self._recent_ids.get((fieldname, text), lambda: self._read_term_ids(fieldname, text))

    def _read_term_ids(self, fieldname: str, text) -> KeysView[int]:
        """The keys of a dictionary of numbers to None: the garbage collector does not track it (a set it
        would, and walk each of its numbers at every full collection while it is kept; see
        :mod:`documents.collector`)."""
        out: list[int] = []
        for seg, ids, tfs in self._term_postings(fieldname, text):
            if seg.deleted:
                ids, _ = seg.live(ids, tfs)
            out += columns.shifted(ids, seg.offset)
        return dict.fromkeys(out).keys()

    def _term(self, fieldname: str, text, boost: float, within: AbstractSet[int] | None = None) -> Scores:
        if fieldname not in self.searcher.schema:
            return {}
        field = self.searcher.schema[fieldname]
        if not field.scorable:
            found = self._term_ids(fieldname, text)
            return dict.fromkeys(found if within is None else found & within, boost)
        if within is None:  # a whole term's scores never change for this index: kept across searches
            return self._recent_scores.get(
                (fieldname, text, boost), lambda: self._term_scores(fieldname, text, boost, None)
            )
        return self._term_scores(fieldname, text, boost, within)

    def _term_scores(self, fieldname: str, text, boost: float, within: AbstractSet[int] | None) -> Scores:
        postings = self._term_postings(fieldname, text)
        factor = self._term_factor(postings, boost)
        norms = self._length_norms(fieldname)
        out: dict[int, float] = {}
        for seg, ids, tfs in postings:
            if seg.deleted:
                ids, tfs = seg.live(ids, tfs)
            if within is not None and columns.is_large(ids) and len(within) < len(ids):
                ids, tfs = columns.postings_within(ids, tfs, within, seg.offset, seg.size)
            elif within is not None:
                wanted = list(map(within.__contains__, columns.shifted(ids, seg.offset)))
                ids, tfs = list(compress(columns.as_list(ids), wanted)), list(compress(columns.as_list(tfs), wanted))
            out.update(columns.term_bm25(ids, tfs, factor, norms, seg.length_bytes(fieldname), seg.offset))
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

    def _by_matcher(self, q: wq.Query) -> Scores:
        """Any other query through Whoosh's matcher (a prefix, anything new)."""
        out: dict[int, float] = {}
        context = self.searcher.context()
        for seg in self.segments:
            matcher = q.matcher(seg.searcher, context)
            offset = seg.offset
            while matcher.is_active():
                out[matcher.id() + offset] = matcher.score()
                matcher.next()
        return out
