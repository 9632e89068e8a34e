"""What a search returns: plain dataclasses, so no Whoosh object leaves ``index/``."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import attrgetter, contains, is_, itemgetter, neg, not_
from typing import Protocol

from documents.errors import Message
from index import columns
from index.cancel import StopFlag
from index.columns import Column
from index.highlight import term_spans
from index.recent import Recent


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


@dataclass(slots=True)
class DocumentCount:
    """One document that matched: how many of its records did, its best score and its tier (slots: a
    common word lists most of a large library's documents, 9,229 made at every search at 10^6)."""

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


@dataclass
class DocumentMatches:
    """Every document a search matched, as columns (numpy arrays in a large answer, lists in a small
    one): the ``i``-th is ``keys[numbers[i]]``, ``records[i]`` of its records matched, its best score is
    ``best[i]`` and its tier ``tiers[i]`` (:mod:`index.tiers`). Columns rather than a dictionary by key:
    a common word matches most of a large library's documents (10^6 records: 9,229 of them), and the
    list looked each key up in three dictionaries at every search (100 ms of 的's 330 at 10^6)."""

    keys: Sequence[str]
    numbers: Column
    records: Column
    best: Column
    tiers: Column

    @classmethod
    def of(cls, per_doc: Mapping[str, tuple[int, float, int]]) -> DocumentMatches:
        """``{doc key: (records, best score, tier)}`` as columns, in its order."""
        found = list(per_doc.values())
        return cls(
            list(per_doc),
            list(range(len(found))),
            list(map(itemgetter(0), found)),
            list(map(itemgetter(1), found)),
            list(map(itemgetter(2), found)),
        )


@dataclass(frozen=True)
class _Listed:
    """What the document list shows and sorts by of each key of an index's document map, by its
    number there: worked out once per map (the same map answers every search until the next
    generation), so a listing gathers by number rather than looking keys up."""

    keys: Sequence[str]
    shorts: list[str]
    titles: list[str]
    #: each title as typed words are compared with it (:func:`_folded_title`)
    folded: list[str]
    #: the document's place in the corpus (after every document for a key the corpus lacks)
    order: array
    #: each typed word's documents whose title names it, by number (a word is typed again and again)
    named: Recent[frozenset[int]] = field(default_factory=lambda: Recent(KEPT_WORDS, lambda _: 1))

    def naming(self, words: Sequence[str]) -> frozenset[int]:
        """The documents whose title names every one of ``words``."""
        found: frozenset[int] | None = None
        for word in words:
            titled = self.named.get(word, partial(self._titled, word))
            found = titled if found is None else found & titled
        return found or frozenset()

    def _titled(self, word: str) -> frozenset[int]:
        return frozenset(compress(range(len(self.folded)), map(contains, self.folded, repeat(word))))


#: Typed words whose titled documents a document list keeps.
KEPT_WORDS = 256


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
    #: the last document map's keys listed (:meth:`listed`)
    _listed: list[_Listed] = field(default_factory=list)

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

    def listed(self, keys: Sequence[str]) -> _Listed:
        """The :class:`_Listed` of a document map's ``keys``, kept while the same keys (object) are searched."""
        if self._listed and self._listed[0].keys is keys:
            return self._listed[0]
        titles = list(map(self.titles.get, keys, keys))
        made = _Listed(
            keys,
            list(map(self.shorts.get, keys, keys)),
            titles,
            [self.folded.get(key) or _folded_title(title) for key, title in zip(keys, titles, strict=True)],
            array("q", map(self.order.get, keys, repeat(len(self.order)))),
        )
        self._listed[:] = [made]
        return made


_known_titles: list[_Titles] = []


def prepare_titles(documents: Sequence, keys: Sequence[str] | None = None) -> None:
    """Work out the document list's titles of ``documents`` (and of a document map's ``keys``) now,
    as the index opens, not at the first search."""
    known = _titles_of(documents)
    if keys is not None:
        known.listed(keys)


def _titles_of(documents: Sequence) -> _Titles:
    """The ``_Titles`` of ``documents``, kept while the same documents (the same objects) are searched."""
    for known in _known_titles:
        if len(known.documents) == len(documents) and all(map(is_, known.documents, documents)):
            return known
    made = _Titles.of(documents)
    _known_titles[:] = [made]
    return made


def document_counts(corpus, matches: DocumentMatches, named: Sequence[str] = ()) -> list[DocumentCount]:
    """Every matching document: those whose title names every typed word (``named``) first, then by
    tier as the hits are, then best score, then document order (equal ones in ``matches``' order).

    A reader asking which documents say 行政许可 expects 行政许可法 at the top of
    the list, though its best clause may score below a clause of another law; and
    the documents that say 营商环境 before one found through 投资环境 only.
    """
    from index.segmenter import normalize  # loaded by any search; kept off the browser's start-up imports

    listed = _titles_of(corpus.documents).listed(matches.keys)
    words = [w for w in (normalize(n).replace(" ", "") for n in named) if w]
    titled = listed.naming(words) if words else frozenset()
    if columns.is_large(matches.numbers):
        numbers, records, best, tiers = _sorted_columns(matches, listed, titled)
    else:
        numbers, records, best, tiers = _sorted_lists(matches, listed, titled)
    return list(
        map(
            DocumentCount,
            map(listed.keys.__getitem__, numbers),
            map(listed.shorts.__getitem__, numbers),
            map(listed.titles.__getitem__, numbers),
            records,
            best,
            tiers,
        )
    )


def _sorted_lists(matches: DocumentMatches, listed: _Listed, titled: frozenset[int]) -> tuple[list, ...]:
    """The matches' columns in the list's order, as Python sorts them (a small answer)."""
    numbers = list(matches.numbers)
    ranks = list(
        zip(
            map(not_, map(titled.__contains__, numbers)),
            matches.tiers,
            map(neg, matches.best),
            map(listed.order.__getitem__, numbers),
            strict=True,
        )
    )
    at = sorted(range(len(numbers)), key=ranks.__getitem__)
    return tuple([column[i] for i in at] for column in (numbers, matches.records, matches.best, matches.tiers))


def _sorted_columns(matches: DocumentMatches, listed: _Listed, titled: frozenset[int]) -> tuple[list, ...]:
    """:func:`_sorted_lists` of a large answer, by one numpy sort (stable, as Python's is)."""
    np = columns.numpy()
    numbers = np.asarray(matches.numbers, np.int64)
    untitled = np.ones(len(listed.keys), bool)
    untitled[np.fromiter(titled, np.int64, len(titled))] = False
    best = np.asarray(matches.best, np.float64)
    tiers = np.asarray(matches.tiers, np.int64)
    at = np.lexsort((np.frombuffer(listed.order, np.int64)[numbers], -best, tiers, untitled[numbers]))
    return (
        numbers[at].tolist(),
        np.asarray(matches.records, np.int64)[at].tolist(),
        best[at].tolist(),
        tiers[at].tolist(),
    )


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
