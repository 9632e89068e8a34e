"""A query leaf answered by a literal table instead of postings.

A quoted phrase of several words made Whoosh read and compare the positions of
every record holding each word, then score each match word by word: the bulk
of a phrase query's time. The literal tables find the same records with one
substring scan (plus those where the segmenter cut the string differently),
so both sides of a phrase — the record's text and its heading path — are this
leaf, scored by literal BM25 (:class:`index.scorer.QueryScorer` asks the
searcher it is bound to).
"""

from __future__ import annotations

from typing import Protocol

from whoosh import query as wq


class LiteralSource(Protocol):
    """What the leaf needs from the searcher running it (bound before each search)."""

    def literal_scores(self, needle: str, words: int, fieldname: str) -> tuple[list[int], list[float]]: ...


class LiteralText(wq.Query):
    """Records whose ``fieldname`` (text or heading path) contains ``needle``.

    ``words`` (the phrase length) scales the score, as a phrase of that many
    words would.
    """

    def __init__(self, needle: str, words: int, boost: float = 1.0, fieldname: str = "text"):
        self.needle = needle
        self.words = words
        self.boost = boost
        self.fieldname = fieldname
        self.source: LiteralSource | None = None

    def __repr__(self) -> str:
        return f"LiteralText({self.fieldname}:{self.needle!r}, boost={self.boost})"

    def __eq__(self, other) -> bool:
        return (
            type(other) is type(self)
            and other.needle == self.needle
            and other.words == self.words
            and other.boost == self.boost
            and other.fieldname == self.fieldname
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.needle, self.words, self.boost, self.fieldname))

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return self.fieldname

    def scored_ids(self) -> tuple[list[int], list[float]]:
        """Live records containing the needle (sorted) and their literal scores, boost included."""
        if self.source is None:
            raise RuntimeError("LiteralText used before Searcher bound it to a text table")
        ids, scores = self.source.literal_scores(self.needle, self.words, self.fieldname)
        return ids, [s * self.boost for s in scores]

    def matcher(self, searcher, context=None):
        raise TypeError("LiteralText is scored by index.scorer.QueryScorer, not by a Whoosh matcher")
