"""What a search returns: plain dataclasses, so no Whoosh object leaves ``index/``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter, contains, is_, itemgetter, neg, not_
from typing import Protocol

from documents.errors import Message
from index.cancel import StopFlag
from index.highlight import term_spans


@dataclass
class SearchHit:
    doc: str
    doc_short: str
    doc_title: str
    address: str  # Document.find(address) works; for a table row: the table's address
    heading_path: list[str]
    kind: str  # clause | heading | table | note | meta | toc | attachment
    text: str  # the whole clause / row text
    snippet: str  # an excerpt of text
    highlights: list[tuple[int, int]]  # (start, end) offsets into snippet, whole terms
    text_highlights: list[tuple[int, int]]  # (start, end) offsets into text
    score: float
    row: int | None = None  # a table row hit: the row's number, 1 for the first (Table.rows[row - 1])
    literal: bool = False  # found by the literal fallback
    partial: bool = False  # has only some of the words (listed after the hits with all of them)

    def to_json(self) -> dict:
        """The CLI's JSON shape (stable for scripts): ``doc`` is the short number, ``doc_key`` the key.

        Highlights are ``[start, end]`` character offsets into ``snippet`` / ``text``.
        """
        return {
            "doc": self.doc_short,
            "doc_key": self.doc,
            "doc_title": self.doc_title,
            "address": self.address,
            "heading_path": self.heading_path,
            "kind": self.kind,
            "text": self.text,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "highlights": [list(span) for span in self.highlights],
            "text_highlights": [list(span) for span in self.text_highlights],
            "row": self.row,
            "literal": self.literal,
        }


@dataclass
class DocumentCount:
    """One document that matched: how many of its records did, its best score and its tier."""

    doc: str  # doc key
    doc_short: str
    doc_title: str
    hits: int
    best_score: float
    #: that of its closest record (:mod:`index.tiers`): 0 when one says what was typed, 1 when only related wording matched
    tier: int = 0

    def to_json(self) -> dict:
        return {
            "doc": self.doc_short,
            "doc_key": self.doc,
            "doc_title": self.doc_title,
            "hits": self.hits,
            "best_score": round(self.best_score, 4),
        }


@lru_cache(maxsize=8192)
def _folded_title(title: str) -> str:
    """A title as typed words are compared with it (remembered: the same titles come back every search)."""
    from index.segmenter import normalize

    return normalize(title).replace(" ", "")


@dataclass(frozen=True)
class _Titles:
    """What the document list needs of a corpus's documents, by key: worked out once per list of
    documents (the same list comes back every search, and a common word lists most of them)."""

    documents: tuple
    order: dict[str, int]
    shorts: dict[str, str]
    titles: dict[str, str]
    #: each title as typed words are compared with it (:func:`_folded_title`), by key: folded once per list
    #: of documents, as a remembered function of the titles could not be for more than its 8,192
    #: (10^6 records: 9,229 documents, each title folded again at every search)
    folded: dict[str, str]

    @classmethod
    def of(cls, documents: Sequence) -> _Titles:
        by_key = dict(zip(map(attrgetter("key"), documents), documents, strict=True))
        order = dict(zip(by_key, range(len(by_key)), strict=False)) if len(by_key) == len(documents) else None
        if order is None:  # a key twice: its last place, as before
            order = {doc.key: i for i, doc in enumerate(documents)}
        shorts = dict(zip(by_key, map(attrgetter("short"), by_key.values()), strict=True))
        titles = dict(zip(by_key, map(attrgetter("title"), by_key.values()), strict=True))
        folded = dict(zip(titles, map(_folded_title, titles.values()), strict=True))
        return cls(tuple(documents), order, shorts, titles, folded)


_known_titles: list[_Titles] = []


def prepare_titles(documents: Sequence) -> None:
    """Work out the document list's titles of ``documents`` now (as the index opens), not at the first search."""
    _titles_of(documents)


def _titles_of(documents: Sequence) -> _Titles:
    """The ``_Titles`` of ``documents``, kept while the same documents (the same objects) are searched."""
    for known in _known_titles:
        if len(known.documents) == len(documents) and all(map(is_, known.documents, documents)):
            return known
    made = _Titles.of(documents)
    _known_titles[:] = [made]
    return made


def document_counts(
    corpus, per_doc: dict[str, tuple[int, float, int]], named: Sequence[str] = ()
) -> list[DocumentCount]:
    """Every matching document (``per_doc``: records, best score, tier): those whose title names
    every typed word first, then by tier as the hits are, then best score, then document order.

    A reader asking which documents say 行政许可 expects 行政许可法 at the top of
    the list, though its best clause may score below a clause of another law; and
    the documents that say 营商环境 before one found through 投资环境 only.
    """
    from index.segmenter import normalize  # loaded by any search; kept off the browser's start-up imports

    known = _titles_of(corpus.documents)
    order, shorts = known.order, known.shorts
    words = [w for w in (normalize(n).replace(" ", "") for n in named) if w]
    # Column by column, in C where it can be: a common word matches most of a large library's documents.
    keys = list(per_doc)
    found = list(per_doc.values())
    titles = list(map(known.titles.get, keys, keys))
    positions = range(len(keys))
    titled: set[int] = set()
    if words:
        folded = [known.folded.get(key) or _folded_title(title) for key, title in zip(keys, titles, strict=True)]
        titled.update(positions)
        for word in words:
            titled.intersection_update(compress(positions, map(contains, folded, repeat(word))))
    ranks = list(
        zip(
            map(not_, map(titled.__contains__, positions)),
            map(itemgetter(2), found),
            map(neg, map(itemgetter(1), found)),
            map(order.get, keys, repeat(len(order))),
            strict=True,
        )
    )
    return [
        DocumentCount(keys[i], shorts.get(keys[i], keys[i]), titles[i], *found[i])
        for i in sorted(positions, key=ranks.__getitem__)
    ]


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]
    #: every record that matched; ``hits`` holds the best of them, up to the limit asked for
    total: int = 0
    filters: list[tuple[str, str]] = field(default_factory=list)
    notice: str | None = None  # e.g. "unbalanced quote: searched as plain text" (``notices`` joined)
    terms: list[str] = field(default_factory=list)  # the words to highlight in the reader
    elapsed_ms: float = 0.0
    #: every document with a matching record (not only those in ``hits``), best first
    documents: list[DocumentCount] = field(default_factory=list)
    #: how many of ``hits`` (at the end) have only some of the words (listed after those with all)
    partial: int = 0
    #: what ``notice`` says, one message each, for a reader in another language (``documents.errors``)
    notices: list[Message] = field(default_factory=list)
    #: "index" or "scan" (the literal scan that answers until the index is ready)
    source: str = "index"

    def groups(self) -> list[tuple[str, list[SearchHit]]]:
        """Hits by document (doc key), documents in the order of their best hit."""
        order: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            order.setdefault(hit.doc, []).append(hit)
        return list(order.items())

    def __len__(self) -> int:
        return len(self.hits)

    def title_spans(self, title: str) -> list[tuple[int, int]]:
        """Where the query's words stand in a document title (titles count in the ranking)."""
        return term_spans(title, self.terms)

    def count_text(self) -> str:
        """``12 hits`` or, when the limit cut the list, ``top 200 of 5,412 hits``."""
        shown = len(self.hits) - self.partial
        total = max(self.total, shown)
        noun = "hit" if total == 1 else "hits"
        text = f"{shown} {noun}" if shown == total else f"top {shown} of {total:,} {noun}"
        return text + (f" (+{self.partial} with some of the words)" if self.partial else "")

    def stats(self) -> dict:
        """Totals for scripts: records and documents matched, and how many hits are listed."""
        return {
            "query": self.query,
            "total": max(self.total, len(self.hits) - self.partial),
            "shown": len(self.hits) - self.partial,
            "partial": self.partial,
            "documents": len(self.documents),
            "source": self.source,
            "notice": self.notice,
        }


class SearchService(Protocol):
    """What the browser and the CLI need of an opened index (``index.service.SearchIndex`` is one).

    Typed here, away from Whoosh, so a screen can name it without importing the engine.
    """

    def search(self, query: str, limit: int = 50, stop: StopFlag | None = None) -> SearchResults:
        """Hits for ``query`` in rank order; bad syntax is reported in ``notice``, not raised.

        Raises :class:`SearchCancelled` once ``stop`` is set (a newer query replaced this one)."""
        ...

    def close(self) -> None: ...
