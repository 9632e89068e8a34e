"""What a search returns: plain dataclasses, so no Whoosh object leaves ``index/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

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
class SearchResults:
    query: str
    hits: list[SearchHit]
    #: every record that matched; ``hits`` holds the best of them, up to the limit asked for
    total: int = 0
    filters: list[tuple[str, str]] = field(default_factory=list)
    notice: str | None = None  # e.g. "unbalanced quote: searched as plain text"
    terms: list[str] = field(default_factory=list)  # the words to highlight in the reader
    elapsed_ms: float = 0.0

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
        """``12 hits`` or, when the limit cut the list, ``best 200 of 5,412 hits``."""
        shown, total = len(self.hits), max(self.total, len(self.hits))
        noun = "hit" if total == 1 else "hits"
        return f"{shown} {noun}" if shown == total else f"best {shown} of {total:,} {noun}"


class SearchService(Protocol):
    """What the browser and the CLI need of an opened index (``index.service.SearchIndex`` is one).

    Typed here, away from Whoosh, so a screen can name it without importing the engine.
    """

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Hits for ``query`` in rank order; bad syntax is reported in ``notice``, not raised."""
        ...

    def close(self) -> None: ...
