"""Running a compiled query: word search, the literal fallback, hits with snippets.

The word index can miss an exact string the user typed when the segmenter
cut the document's text differently (发展改革 inside 省发展改革委, a name split
across an unusual boundary). So every positive unit is also looked up as a
literal substring in the text table; records the word query missed but whose
literal matches satisfy the whole query (and its filters) are added, marked
``literal``, with a BM25-style score from their literal counts.
"""

from __future__ import annotations

import json
import math

from whoosh import query as wq

from index import highlight
from index.compiler import CompiledQuery, CompiledUnit
from index.literal import TextTable, spans as literal_spans
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


class Searcher:
    """Searches one opened index; not thread-safe (the service serialises calls)."""

    def __init__(self, whoosh_searcher, texts: TextTable):
        self.searcher = whoosh_searcher
        self.reader = whoosh_searcher.reader()
        self.texts = texts
        self._live_count = max(1, self.reader.doc_count())

    def search(self, compiled: CompiledQuery, limit: int) -> list[SearchHit]:
        q = _word_query(compiled)
        if q is None or limit <= 0:
            return []
        results = self.searcher.search(q, filter=compiled.filter, limit=limit)
        scored: list[tuple[float, int, bool, list[str]]] = [(r.score, r.docnum, False, []) for r in results]
        if compiled.parsed.tree is not None:
            scored += self._literal_extras(compiled, {r.docnum for r in results})
        scored.sort(key=lambda item: (-item[0], item[1]))
        words = {w for seq in compiled.sequences for w in seq}
        return [self._hit(docnum, score, is_literal, needles, compiled, words)
                for score, docnum, is_literal, needles in scored[:limit]]

    # ------------------------------------------------------------ literal fallback

    def _literal_extras(self, compiled: CompiledQuery, seen: set[int]) -> list[tuple[float, int, bool, list[str]]]:
        literal_counts: dict[int, dict[int, int]] = {}  # id(unit) -> {docnum: count}
        missing: set[int] = set()
        word_docs: dict[int, set[int]] = {}
        for cu in compiled.all_units:
            counts: dict[int, int] = {}
            for needle in cu.needles:
                for docnum, n in self.texts.counts(needle).items():
                    counts[docnum] = counts.get(docnum, 0) + n
            literal_counts[id(cu.unit)] = counts
            if not counts:
                continue
            words = set(self.searcher.docs_for_query(cu.query)) if cu.query is not None else set()
            word_docs[id(cu.unit)] = words
            if not cu.negated:
                missing.update(d for d in counts if d not in words and d not in seen)
        if not missing:
            return []
        found = {key: word_docs.get(key, set()) | set(counts) for key, counts in literal_counts.items()}
        allowed = set(self.searcher.docs_for_query(compiled.filter)) if compiled.filter is not None else None
        extras = []
        for docnum in sorted(missing):
            if self.reader.is_deleted(docnum) or (allowed is not None and docnum not in allowed):
                continue
            if not _matches(compiled.parsed.tree, docnum, found):
                continue
            needles = [n for cu in compiled.units if docnum in literal_counts[id(cu.unit)] for n in cu.needles]
            score = sum(self._literal_score(cu, literal_counts[id(cu.unit)], docnum) for cu in compiled.units)
            extras.append((score, docnum, True, needles))
        return extras

    def _literal_score(self, cu: CompiledUnit, counts: dict[int, int], docnum: int) -> float:
        """BM25 over literal occurrences: rarer strings and shorter records score higher."""
        tf = counts.get(docnum, 0)
        if not tf:
            return 0.0
        n = len(counts)
        idf = math.log(1 + (self._live_count - n + 0.5) / (n + 0.5))
        length = self.texts.byte_length(docnum) / max(1.0, self.texts.avg_len)
        weight = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length))
        return idf * weight * max(1, len(cu.sequences[0]) if cu.sequences else 1)

    # ------------------------------------------------------------ hits

    def _hit(self, docnum: int, score: float, is_literal: bool, needles: list[str],
             compiled: CompiledQuery, words: set[str]) -> SearchHit:
        stored = self.searcher.stored_fields(docnum)
        meta = json.loads(stored.get("meta") or "{}")
        text = stored.get("text", "")
        positions = highlight.vector_positions(self.reader, docnum, words)
        spans = highlight.sequence_spans(positions, compiled.sequences)
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
