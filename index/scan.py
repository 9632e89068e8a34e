"""Search before the index is ready: a literal scan over the parsed documents.

The first index build takes minutes on a large corpus; the parsed text is
already in memory. Until the index opens, a query is answered by looking for
each unit (and its other spellings, see :mod:`index.vocabulary`) as a
substring of every clause, heading and table row, with the same result shape
(``source == "scan"``). No word segmentation is needed.

:meth:`LiteralScan.prepare` lays every record's folded text end to end in one
string (the browser calls it before a build starts); a search is then a
``str.find`` per matching record over that string, in C. Laid out record by
record and tested one record at a time in Python, the 81,000 records of the 579
laws took 9 s to make and 0.4–2 s per query on this machine; laid end to end,
the whole text is folded by one ``str.translate``.
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate

from documents.collector import long_lived
from documents.errors import N_, Message
from documents.model import Clause, Table, heading_of
from index import highlight
from index.cancel import StopFlag, stop_if_set
from index.literal import spans as literal_spans
from index.query import Node, Tree, Unit, parse
from index.results import DocumentMatches, SearchHit, SearchResults, document_counts
from index.searcher import diversify
from index.segmenter import normalize, normalize_long
from index.vocabulary import spellings

NOTICE = N_("index not ready: literal scan of the text (word search follows when the index is ready)")
#: Between two records in the laid-out text: no needle holds it (needles are folded and stripped of it).
_SEP = "\x00"

#: One record: (document number, address, kind, text, heading path, table row or None).
Record = tuple[int, str, str, str, list[str], int | None]


class ScanTable:
    """Every record of a corpus, and their folded texts laid end to end for ``str.find``."""

    def __init__(self, docs: list) -> None:
        records: list[Record] = []
        pieces: list[str] = []
        with long_lived():  # tens of thousands of tuples, no cycles: the collector's passes doubled the walk
            for i, doc in enumerate(docs):
                _document_records(i, doc, records, pieces)
        # Folded in one go: a call per record cost more than the folding itself.
        self.text = normalize_long(_SEP.join(pieces)).replace(" ", "").replace("\n", "")
        if self.text.count(_SEP) != max(len(records) - 1, 0):  # a record held the separator itself
            self.text = _SEP.join(map(_fold, pieces))
        lengths = [len(p) + 1 for p in self.text.split(_SEP)] if records else []
        #: where each record starts in ``text``; ``starts[n + 1] - 1`` is where it ends
        self.starts = [0, *accumulate(lengths)]
        self.records = records
        self.doc_of = [r[0] for r in records]
        #: a long record's counts weigh less: they are divided by sqrt(1 + its length / 80)
        self.length_norm = [math.sqrt(1 + len(r[3]) / 80) for r in records]

    def counts(self, needle: str, allowed: range | None = None) -> dict[int, int]:
        """record number → occurrences of ``needle`` (folded, no spaces) in its text and heading path."""
        out: dict[int, int] = {}
        if not needle:
            return out
        text, starts = self.text, self.starts
        find, count = text.find, text.count
        lo, hi = (0, len(text)) if allowed is None else (starts[allowed.start], starts[allowed.stop])
        pos = find(needle, lo, hi)
        while pos != -1:
            n = bisect_right(starts, pos) - 1
            end = starts[n + 1] - 1
            out[n] = count(needle, pos, end)
            pos = find(needle, end, hi)
        return out


class LiteralScan:
    """Literal search over a corpus's parsed documents (no index)."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.docs = list(corpus.documents)
        self._table: ScanTable | None = None
        self._lock = threading.Lock()

    @property
    def prepared(self) -> bool:
        return self._table is not None

    def prepare(self) -> ScanTable:
        """Lay the records out (once; a search waits for a preparation under way in another thread)."""
        with self._lock:
            if self._table is None:
                self._table = ScanTable(self.docs)
            return self._table

    def search(self, query: str, limit: int = 50, stop: StopFlag | None = None) -> SearchResults:
        started = time.perf_counter()
        table = self.prepare()
        stop_if_set(stop)  # replaced while the records were laid out
        parsed = parse(query)
        notices = [Message(NOTICE)]
        if parsed.notice:
            notices.append(parsed.notice)
        docs_wanted = {v for name, v in parsed.filters if name == "doc"}
        if any(name != "doc" for name, _ in parsed.filters):
            notices.append(Message(N_("only doc: filters apply until the index is ready")))
        ranges: list[range | None] = [None]
        if docs_wanted:
            ranges = _doc_ranges(table, [i for i, d in enumerate(self.docs) if {d.short, d.key} & docs_wanted])
        units = parsed.units(positive_only=False)  # an excluded word is looked for too: to leave its records out
        needles = {id(u): [(_fold(s.text), s.weight) for s in spellings(u.text)] for u in units}
        found: dict[int, dict[int, float]] = {}  # unit → record → best weighted count
        for u in units:
            best: dict[int, float] = {}
            for needle, weight in needles[id(u)]:
                for allowed in ranges:
                    for n, c in table.counts(needle, allowed).items():
                        if weight * c > best.get(n, 0.0):
                            best[n] = weight * c
            found[id(u)] = best
        stop_if_set(stop)
        records = table.records
        matched = _matched(parsed.tree, [found[id(u)] for u in units], units, table, ranges if docs_wanted else None)
        # The best few in rank order (by score, then reading order), without sorting every match.
        best_first = heapq.nsmallest(max(limit * 3, 60), matched, key=lambda m: (-m[0], m[1]))
        pool = diversify(best_first, lambda m: records[m[1]][0])
        terms = [s for u in parsed.units() for s, _ in needles[id(u)]]
        hits = [self._hit(records[n], score, terms) for score, n in pool[:limit]]
        doc_of = table.doc_of
        counts = Counter(doc_of[n] for _, n in matched)
        top: dict[int, float] = {}
        for score, n in matched:
            doc = doc_of[n]
            if score > top.get(doc, -1.0):
                top[doc] = score
        per_doc = {self.docs[d].key: (c, top[d], 0) for d, c in counts.items()}
        return SearchResults(
            query=query,
            hits=hits,
            total=len(matched),
            filters=list(parsed.filters),
            notice="; ".join(map(str, notices)),
            notices=notices,
            terms=list(dict.fromkeys(t for t in terms if t)),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            documents=document_counts(self.corpus, DocumentMatches.of(per_doc), [u.text for u in parsed.units()]),
            source="scan",
        )

    def _hit(self, record: Record, score: float, terms: list[str]) -> SearchHit:
        doc_number, address, kind, text, path, row = record
        doc = self.docs[doc_number]
        spans: list[tuple[int, int]] = []
        for term in terms:
            if term:
                spans += literal_spans(text, term)
        text_spans = highlight.merge(spans, text)
        snippet, snippet_spans = highlight.snippet(text, text_spans)
        return SearchHit(
            doc=doc.key,
            doc_short=doc.short,
            doc_title=doc.title,
            address=address,
            heading_path=list(path),
            kind=kind,
            text=text,
            snippet=snippet,
            highlights=snippet_spans,
            text_highlights=text_spans,
            score=score,
            row=row,
            literal=True,
        )


def _doc_ranges(table: ScanTable, docs: list[int]) -> list[range | None]:
    """The runs of record numbers of documents ``docs`` (a document's records are consecutive)."""
    doc_of = table.doc_of
    return [range(bisect_right(doc_of, d - 1), bisect_right(doc_of, d)) for d in docs]


def _matched(
    tree: Tree, found: list[dict[int, float]], units: list[Unit], table: ScanTable, ranges: list[range | None] | None
) -> list[tuple[float, int]]:
    """(score, record number) of every record ``tree`` accepts; ``found[i]``: unit i's weighted count per record.

    A record scores the sum of log(1 + count) over the units it has, less for a long text.
    """
    norm = table.length_norm
    if units and _requires_all(tree):  # words side by side (the usual query): the records with all of them
        fewest: dict[int, float] = min(found, key=len)
        common = set(fewest).intersection(*found)
        return [(sum(math.log1p(best[n]) for best in found) / norm[n], n) for n in common]
    if not _satisfies(tree, {}):
        candidates: Iterable[int] = {n for best in found for n in best}
    elif ranges is None:  # a query that only excludes (-word) takes every other record
        candidates = range(len(table.records))
    else:
        candidates = {n for r in ranges if r for n in r}
    by_unit = {id(u): best for u, best in zip(units, found, strict=True)}
    matched = []
    for n in candidates:
        present = {unit: best[n] for unit, best in by_unit.items() if n in best}
        if _satisfies(tree, present):
            matched.append((sum(math.log1p(v) for v in present.values()) / norm[n], n))
    return matched


def _requires_all(tree: Tree) -> bool:
    """Whether ``tree`` is one unit or an AND of units only."""
    if isinstance(tree, Unit):
        return True
    return isinstance(tree, Node) and tree.op == "AND" and all(isinstance(c, Unit) for c in tree.children)


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
    return normalize(text).replace(" ", "").replace("\n", "").replace(_SEP, "")


def _document_records(i: int, doc, records: list[Record], pieces: list[str]) -> None:
    """Add ``doc``'s records and, for each, the text it is found by (its text and the headings over it)."""

    def add(address: str, kind: str, text: str, path: list[str], found_by: str, row: int | None = None) -> None:
        records.append((i, address, kind, text, path, row))
        pieces.append(found_by)

    def visit(section, path: list[str]) -> None:
        if section.level > 0:
            heading = heading_of(section)
            if section.title:
                add(section.address, "heading", heading, list(path), heading)
            path = [*path, heading]
        joined = "".join(path)
        for block in section.blocks:
            if isinstance(block, Clause):
                add(block.address, block.kind or "clause", block.text, path, block.text + joined)
            elif isinstance(block, Table):
                caption = f"{block.label} {block.caption}".strip()
                add(block.address, "table", caption, path, caption + joined)
                for r, row in enumerate(block.rows, start=1):
                    text = " | ".join(row)
                    add(block.address, "table", text, path, text + caption, r)
        for child in section.children:
            visit(child, path)

    visit(doc.root, [])
    for clause in doc.closing:
        add(clause.address, clause.kind or "meta", clause.text, [], clause.text)
