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

    def near_scores(
        self, words: tuple[str, ...], together: tuple[str, ...], within: wq.Query, word: str | None
    ) -> tuple[list[int], list[float]]: ...


class _Leaf(wq.Query):
    """A leaf the scorer answers (never a Whoosh matcher): equal to another with the same key."""

    def _key(self) -> tuple:
        raise NotImplementedError

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._key()))

    def is_leaf(self) -> bool:
        return True

    def matcher(self, searcher, context=None):
        raise TypeError(f"{type(self).__name__} is scored by index.scorer.QueryScorer, not by a Whoosh matcher")


class LiteralText(_Leaf):
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

    def _key(self) -> tuple:
        return (self.needle, self.words, self.boost, self.fieldname)

    def field(self) -> str:
        return self.fieldname

    def scored_ids(self) -> tuple[list[int], list[float]]:
        """Live records containing the needle (sorted) and their literal scores, boost included."""
        if self.source is None:
            raise RuntimeError("LiteralText used before Searcher bound it to a text table")
        ids, scores = self.source.literal_scores(self.needle, self.words, self.fieldname)
        return ids, [s * self.boost for s in scores]


class NearText(_Leaf):
    """Records of ``within`` (every word found) whose text has ``words`` near each other in one
    sentence, in any order, other than as the runs ``together`` (see :mod:`index.proximity`).

    Scored as ``within`` scores the words, or, for the parts of a typed ``word``, as that word
    (see ``Searcher.near_scores``), times ``boost``.
    """

    def __init__(
        self,
        words: tuple[str, ...],
        together: tuple[str, ...],
        within: wq.Query,
        boost: float = 1.0,
        word: str | None = None,
    ):
        self.words = words
        self.together = together
        self.within = within
        self.boost = boost
        self.word = word
        self.source: LiteralSource | None = None

    def __repr__(self) -> str:
        return f"NearText({' '.join(self.words)!r}, boost={self.boost})"

    def _key(self) -> tuple:
        return (self.words, self.together, self.within, self.boost, self.word)

    def field(self) -> str:
        return "text"

    def scored_ids(self) -> tuple[list[int], list[float]]:
        """Live records with the words near each other (sorted) and their scores, boost included."""
        if self.source is None:
            raise RuntimeError("NearText used before Searcher bound it to a text table")
        ids, scores = self.source.near_scores(self.words, self.together, self.within, self.word)
        return ids, [s * self.boost for s in scores]
