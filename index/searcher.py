"""Running a compiled query: word search, the literal fallback, hits with snippets.

The word index can miss an exact string the user typed when the segmenter
cut the document's text differently (发展改革 inside 省发展改革委, a name split
across an unusual boundary). So every positive unit is also looked up as a
literal substring in the text table; records the word query missed but whose
literal matches satisfy the whole query (and its filters) are added, marked
``literal``, with a BM25-style score from their literal counts.
Phrases answer their text side from the same table inside the word query
(:class:`index.literal_query.LiteralText`, bound to this searcher per search);
a hit only such a leaf found, with no matching words there, is marked
``literal`` too.
"""

from __future__ import annotations

import json
import math

from whoosh import collectors
from whoosh import query as wq

from index import highlight
from index.compiler import CompiledQuery, CompiledUnit
from index.literal import TextTable, spans as literal_spans
from index.literal_query import LiteralText
from index.query import Node, Tree, Unit
from index.results import SearchHit

_K1, _B = 1.2, 0.75


def _word_query(compiled: CompiledQuery) -> wq.Query | None:
    q = compiled.query
    if q is None:
        return wq.Every() if compiled.filter is not None else None
    if isinstance(q, wq.Not):
        return wq.And([wq.Every(), q])
    return q


def _matches(tree: Tree, docnum: int, found: dict[int, set[int]]) -> bool:
    """Whether ``docnum`` satisfies ``tree`` given each unit's matching documents."""
    if isinstance(tree, Unit):
        return docnum in found.get(id(tree), ())
    if isinstance(tree, Node):
        if tree.op == "NOT":
            return not _matches(tree.children[0], docnum, found)
        results = (_matches(c, docnum, found) for c in tree.children)
        return all(results) if tree.op == "AND" else any(results)
    return False


class _MatchedCollector(collectors.TopCollector):
    """The top ``limit`` hits, plus the number of every record that matched.

    Block-quality skipping is off so no match goes unseen. Used only when some
    unit has no cheap postings test (phrases): then the literal fallback needs
    the full set, and collecting it here is cheaper than checking each record.
    """

    def __init__(self, limit: int):
        super().__init__(limit, usequality=False, replace=0)
        self.matched: set[int] = set()

    def _collect(self, global_docnum, score):
        self.matched.add(global_docnum)
        return super()._collect(global_docnum, score)


class Searcher:
    """Searches one opened index; not thread-safe (the service serialises calls)."""

    def __init__(self, whoosh_searcher, texts: TextTable):
        self.searcher = whoosh_searcher
        self.reader = whoosh_searcher.reader()
        self.texts = texts
        self._live_count = max(1, self.reader.doc_count())
        self._counts: dict[str, dict[int, int]] = {}
        self._scores: dict[tuple[str, int], tuple[list[int], list[float]]] = {}

    def search(self, compiled: CompiledQuery, limit: int) -> list[SearchHit]:
        q = _word_query(compiled)
        if q is None or limit <= 0:
            return []
        self._counts, self._scores = {}, {}
        for leaf in q.leaves():
            if isinstance(leaf, LiteralText):
                leaf.source = self
        # With a postings (or literal) test for every unit, block-quality skipping stays on.
        needs_all = any(not cu.sure_terms and not cu.literal_needles for cu in compiled.units)
        collector = _MatchedCollector(limit) if needs_all else collectors.TopCollector(limit)
        top = collector if compiled.filter is None else collectors.FilterCollector(collector, allow=compiled.filter)
        self.searcher.search_with_collector(q, top)
        results = top.results()
        scored: list[tuple[float, int, bool, list[str]]] = [(r.score, r.docnum, False, []) for r in results]
        if compiled.parsed.tree is not None:
            matched = collector.matched if needs_all else None
            scored += self._literal_extras(compiled, matched)
        scored.sort(key=lambda item: (-item[0], item[1]))
        words = {w for seq in compiled.sequences for w in seq}
        return [self._hit(docnum, score, is_literal, needles, compiled, words)
                for score, docnum, is_literal, needles in scored[:limit]]

    # ------------------------------------------------------------ literal leaves

    def literal_counts(self, needle: str) -> dict[int, int]:
        """``{docnum: occurrences}`` of ``needle``, scanned once per search."""
        if needle not in self._counts:
            self._counts[needle] = self.texts.counts(needle)
        return self._counts[needle]

    def literal_scores(self, needle: str, words: int) -> tuple[list[int], list[float]]:
        """Live records containing ``needle`` (sorted) and their literal BM25 scores."""
        key = (needle, words)
        if key not in self._scores:
            counts = self.literal_counts(needle)
            ids = [d for d in sorted(counts) if not self.reader.is_deleted(d)]
            self._scores[key] = (ids, [self._bm25(counts, d, words) for d in ids])
        return self._scores[key]

    def offset_of(self, subsearcher) -> tuple[int, int]:
        """The global docnum range of one of this index's sub-searchers."""
        for sub, offset in self.searcher.subsearchers or [(self.searcher, 0)]:
            if sub is subsearcher:
                return offset, offset + sub.reader().doc_count_all()
        return 0, self.reader.doc_count_all()

    # ------------------------------------------------------------ literal fallback

    def _literal_extras(self, compiled: CompiledQuery,
                        matched: set[int] | None) -> list[tuple[float, int, bool, list[str]]]:
        """Records the word query missed whose literal matches satisfy the whole query.

        Candidates are records where some unit is found literally but not as
        words: ``matched`` (every record the word query and filters accepted,
        when collected) or the unit's postings, read without scoring, rule out
        most; its matcher the rest; without ``matched``, the few left that
        match the whole word query are word hits already and are dropped.
        """
        literal_counts: dict[int, dict[int, int]] = {}  # id(unit) -> {docnum: count}
        candidates: set[int] = set()
        for cu in compiled.all_units:
            counts: dict[int, int] = {}
            for needle in cu.needles:
                for docnum, n in self.literal_counts(needle).items():
                    counts[docnum] = counts.get(docnum, 0) + n
            literal_counts[id(cu.unit)] = counts
            if cu.negated:
                continue
            # An extra needs a unit found literally but not as words; records whose
            # text has the unit's words are word matches, so only the rest are checked.
            unmatched = set(counts) if matched is None else {d for d in counts if d not in matched}
            for needle in cu.literal_needles:  # the unit's query matched these itself
                unmatched -= self.literal_counts(needle).keys()
            if unmatched and cu.sure_terms:
                unmatched -= self._sure_docs(cu.sure_terms)
            if unmatched and cu.query is not None:
                unmatched -= self._members(cu.query, unmatched)
            candidates |= unmatched
        candidates = {d for d in candidates if not self.reader.is_deleted(d)}
        if compiled.filter is not None and candidates:
            candidates &= self._members(compiled.filter, candidates)
        if not candidates:
            return []
        # Each unit's matcher over the few candidates is cheaper than the whole query's.
        word_found = {id(cu.unit): self._members(cu.query, candidates) if cu.query is not None else set()
                      for cu in compiled.all_units}
        if matched is None:
            candidates = {d for d in candidates if not _matches(compiled.parsed.tree, d, word_found)}
        found = {id(cu.unit): word_found[id(cu.unit)] | (candidates & literal_counts[id(cu.unit)].keys())
                 for cu in compiled.all_units}
        extras = []
        for docnum in sorted(candidates):
            if not _matches(compiled.parsed.tree, docnum, found):
                continue
            needles = [n for cu in compiled.units if docnum in literal_counts[id(cu.unit)] for n in cu.needles]
            score = sum(self._literal_score(cu, literal_counts[id(cu.unit)], docnum) for cu in compiled.units)
            extras.append((score, docnum, True, needles))
        return extras

    def _sure_docs(self, groups: list[list[str]]) -> set[int]:
        """Records whose text has, for every group, one of its words (from the postings)."""
        out: set[int] | None = None
        for group in groups:
            docs: set[int] = set()
            for word in group:
                docs |= self._text_postings(word)
            out = docs if out is None else out & docs
            if not out:
                break
        return out or set()

    def _text_postings(self, word: str) -> set[int]:
        docs: set[int] = set()
        for sub, offset in self.searcher.subsearchers or [(self.searcher, 0)]:
            reader = sub.reader()
            if ("text", word) in reader:
                docs.update(d + offset for d in reader.postings("text", word).all_ids())
        return docs

    def _members(self, q: wq.Query, docnums: set[int]) -> set[int]:
        """Which of ``docnums`` match ``q``: its matcher skips to each in turn."""
        out: set[int] = set()
        subs = self.searcher.subsearchers or [(self.searcher, 0)]
        ordered = sorted(docnums)
        for sub, offset in subs:
            end = offset + sub.reader().doc_count_all()
            local = [d - offset for d in ordered if offset <= d < end]
            if not local:
                continue
            matcher = q.matcher(sub)
            for d in local:
                if not matcher.is_active():
                    break
                if matcher.id() < d:
                    matcher.skip_to(d)
                    if not matcher.is_active():
                        break
                if matcher.id() == d:
                    out.add(d + offset)
        return out

    def _literal_score(self, cu: CompiledUnit, counts: dict[int, int], docnum: int) -> float:
        return self._bm25(counts, docnum, len(cu.sequences[0]) if cu.sequences else 1)

    def _bm25(self, counts: dict[int, int], docnum: int, words: int) -> float:
        """BM25 over literal occurrences: rarer strings and shorter records score higher."""
        tf = counts.get(docnum, 0)
        if not tf:
            return 0.0
        n = len(counts)
        idf = math.log(1 + (self._live_count - n + 0.5) / (n + 0.5))
        length = self.texts.byte_length(docnum) / max(1.0, self.texts.avg_len)
        weight = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length))
        return idf * weight * max(1, words)

    # ------------------------------------------------------------ hits

    @staticmethod
    def _literal_only(compiled: CompiledQuery, text: str, word_spans: list[tuple[int, int]]) -> list[str]:
        """Needles of literal leaves found in ``text`` where no matched words stand.

        A literal leaf also finds strings the segmenter cut differently; such a
        hit is marked ``literal`` like a fallback hit, and its needles highlighted.
        """
        out: list[str] = []
        for cu in compiled.units:
            for needle in cu.literal_needles:
                found = literal_spans(text, needle)
                if found and not any(s < we and ws < e for s, e in found for ws, we in word_spans):
                    out.append(needle)
        return out

    def _hit(self, docnum: int, score: float, is_literal: bool, needles: list[str],
             compiled: CompiledQuery, words: set[str]) -> SearchHit:
        stored = self.searcher.stored_fields(docnum)
        meta = json.loads(stored.get("meta") or "{}")
        text = stored.get("text", "")
        positions = highlight.vector_positions(self.reader, docnum, words)
        spans = highlight.sequence_spans(positions, compiled.sequences)
        if not is_literal:
            needles = self._literal_only(compiled, text, spans)
            is_literal = bool(needles)
        for needle in needles:
            spans += literal_spans(text, needle)
        text_spans = highlight.merge(spans, text)
        snippet, snippet_spans = highlight.snippet(text, text_spans)
        return SearchHit(
            doc=stored["doc"],
            doc_short=stored.get("doc_short", ""),
            doc_title=stored.get("doc_title", ""),
            address=stored["address"],
            heading_path=list(meta.get("path") or []),
            kind=stored.get("kind", "clause"),
            text=text,
            snippet=snippet,
            highlights=snippet_spans,
            text_highlights=text_spans,
            score=float(score),
            row=meta.get("row"),
            literal=is_literal,
        )
