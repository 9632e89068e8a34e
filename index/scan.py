"""Search before the index is ready: a literal scan over the parsed documents.

The first index build takes minutes on a large corpus; the parsed text is
already in memory. Until the index opens, a query is answered by looking for
each unit (and its other spellings, see :mod:`index.vocabulary`) as a
substring of every clause, heading and table row, with the same result shape
(``source == "scan"``). No word segmentation is needed, so it answers at once.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from documents.errors import N_, Message
from documents.model import Clause, Table, heading_of
from index import highlight
from index.literal import spans as literal_spans
from index.query import Node, Tree, Unit, parse
from index.results import SearchHit, SearchResults, document_counts
from index.searcher import diversify
from index.segmenter import normalize
from index.vocabulary import spellings

NOTICE = N_("index not ready: literal scan of the text (word search follows when the index is ready)")


@dataclass
class _Record:
    doc: int
    address: str
    kind: str
    text: str
    heading_path: list[str]
    folded: str  # normalised text and heading path, spaces removed
    row: int | None = None


class LiteralScan:
    """Literal search over a corpus's parsed documents (no index)."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.docs = list(corpus.documents)
        self._records: list[_Record] | None = None

    def records(self) -> list[_Record]:
        if self._records is None:
            self._records = [r for i, doc in enumerate(self.docs) for r in _document_records(i, doc)]
        return self._records

    def search(self, query: str, limit: int = 50) -> SearchResults:
        started = time.perf_counter()
        parsed = parse(query)
        notices = [Message(NOTICE)]
        if parsed.notice:
            notices.append(parsed.notice)
        docs_wanted = {v for name, v in parsed.filters if name == "doc"}
        if any(name != "doc" for name, _ in parsed.filters):
            notices.append(Message(N_("only doc: filters apply until the index is ready")))
        units = parsed.units()
        needles = {id(u): [(normalize(s.text).replace(" ", ""), s.weight) for s in spellings(u.text)] for u in units}
        records = self.records()
        matched: list[tuple[float, int]] = []
        counts: dict[int, int] = {}
        for i, record in enumerate(records):
            if docs_wanted and not ({self.docs[record.doc].short, self.docs[record.doc].key} & docs_wanted):
                continue
            found: dict[int, float] = {}
            for u in units:
                best = 0.0
                for needle, weight in needles[id(u)]:
                    if needle and needle in record.folded:
                        best = max(best, weight * record.folded.count(needle))
                if best:
                    found[id(u)] = best
            if not _satisfies(parsed.tree, found):
                continue
            score = sum(math.log1p(v) for v in found.values()) / math.sqrt(1 + len(record.text) / 80)
            matched.append((score, i))
            counts[record.doc] = counts.get(record.doc, 0) + 1
        matched.sort(key=lambda m: (-m[0], m[1]))
        pool = diversify(matched[: max(limit * 3, 60)], lambda m: records[m[1]].doc)
        terms = [s for u in units for s, _ in needles[id(u)]]
        hits = [self._hit(records[i], score, terms) for score, i in pool[:limit]]
        top: dict[int, float] = {}
        for score, i in matched:
            top.setdefault(records[i].doc, score)
        per_doc = {self.docs[d].key: (c, top[d]) for d, c in counts.items()}
        return SearchResults(
            query=query,
            hits=hits,
            total=len(matched),
            filters=list(parsed.filters),
            notice="; ".join(map(str, notices)),
            notices=notices,
            terms=list(dict.fromkeys(t for t in terms if t)),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            documents=document_counts(self.corpus, per_doc, [u.text for u in parsed.units()]),
            source="scan",
        )

    def _hit(self, record: _Record, score: float, terms: list[str]) -> SearchHit:
        doc = self.docs[record.doc]
        spans: list[tuple[int, int]] = []
        for term in terms:
            if term:
                spans += literal_spans(record.text, term)
        text_spans = highlight.merge(spans, record.text)
        snippet, snippet_spans = highlight.snippet(record.text, text_spans)
        return SearchHit(
            doc=doc.key,
            doc_short=doc.short,
            doc_title=doc.title,
            address=record.address,
            heading_path=record.heading_path,
            kind=record.kind,
            text=record.text,
            snippet=snippet,
            highlights=snippet_spans,
            text_highlights=text_spans,
            score=score,
            row=record.row,
            literal=True,
        )


def _satisfies(tree: Tree, found: dict[int, float]) -> bool:
    if isinstance(tree, Unit):
        return id(tree) in found
    if isinstance(tree, Node):
        if tree.op == "NOT":
            return not _satisfies(tree.children[0], found)
        results = (_satisfies(c, found) for c in tree.children)
        return all(results) if tree.op == "AND" else any(results)
    return False


def _fold(text: str) -> str:
    return normalize(text).replace(" ", "").replace("\n", "")


def _document_records(i: int, doc) -> list[_Record]:
    out: list[_Record] = []

    def visit(section, path: list[str]) -> None:
        if section.level > 0:
            heading = heading_of(section)
            if section.title:
                out.append(_Record(i, section.address, "heading", heading, list(path), _fold(heading)))
            path = [*path, heading]
        joined = "".join(path)
        for block in section.blocks:
            if isinstance(block, Clause):
                kind = block.kind or "clause"
                out.append(_Record(i, block.address, kind, block.text, path, _fold(block.text + joined)))
            elif isinstance(block, Table):
                caption = f"{block.label} {block.caption}".strip()
                out.append(_Record(i, block.address, "table", caption, path, _fold(caption + joined)))
                for r, row in enumerate(block.rows, start=1):
                    text = " | ".join(row)
                    out.append(_Record(i, block.address, "table", text, path, _fold(text + caption), row=r))
        for child in section.children:
            visit(child, path)

    visit(doc.root, [])
    for clause in doc.closing:
        out.append(_Record(i, clause.address, clause.kind or "meta", clause.text, [], _fold(clause.text)))
    return out
