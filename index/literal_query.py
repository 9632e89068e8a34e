"""A Whoosh query leaf answered by the literal text table instead of postings.

A quoted phrase of several words made Whoosh read and compare the positions of
every record holding each word, then score each match word by word: the bulk
of a phrase query's time. The text table finds the same records with one
substring scan (plus those where the segmenter cut the string differently),
so the text side of a phrase is this leaf, scored by literal BM25; only the
short heading path is left to Whoosh's phrase matcher.
"""

from __future__ import annotations

from typing import Protocol

from whoosh import query as wq
from whoosh.matching import ListMatcher


class LiteralSource(Protocol):
    """What the leaf needs from the searcher running it (bound before each search)."""

    def literal_scores(self, needle: str, words: int) -> tuple[list[int], list[float]]: ...
    def offset_of(self, subsearcher) -> tuple[int, int]: ...


class _ScoreListMatcher(ListMatcher):
    """Matches a fixed sorted list of documents, each with a precomputed score."""

    def supports_block_quality(self):
        return False

    def score(self):
        return self._weights[self._i]


class LiteralText(wq.Query):
    """Records whose text contains ``needle``; ``words`` (the phrase length) scales the score."""

    def __init__(self, needle: str, words: int, boost: float = 1.0):
        self.needle = needle
        self.words = words
        self.boost = boost
        self.source: LiteralSource | None = None

    def __repr__(self) -> str:
        return f"LiteralText({self.needle!r}, boost={self.boost})"

    def __eq__(self, other) -> bool:
        return (type(other) is type(self) and other.needle == self.needle
                and other.words == self.words and other.boost == self.boost)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.needle, self.words, self.boost))

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return "text"

    def _ids(self) -> tuple[list[int], list[float]]:
        if self.source is None:
            raise RuntimeError("LiteralText used before Searcher bound it to a text table")
        return self.source.literal_scores(self.needle, self.words)

    def estimate_size(self, ixreader) -> int:
        return len(self._ids()[0])

    def estimate_min_size(self, ixreader) -> int:
        return self.estimate_size(ixreader)

    def matcher(self, searcher, context=None):
        ids, scores = self._ids()
        start, end = self.source.offset_of(searcher)
        local = [(d - start, s * self.boost) for d, s in zip(ids, scores) if start <= d < end]
        if not local:
            return wq.NullQuery.matcher(searcher)
        return _ScoreListMatcher([d for d, _ in local], weights=[s for _, s in local])
