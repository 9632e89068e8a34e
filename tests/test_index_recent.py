"""The bounded memory of answers kept across searches (index/recent.py)."""

from __future__ import annotations

from index.recent import Recent


def test_remembers_until_the_limit_then_drops_the_least_recently_used():
    made: list[str] = []

    def make(key: str, size: int):
        def run() -> list[int]:
            made.append(key)
            return list(range(size))

        return run

    recent: Recent[list[int]] = Recent(10, len)
    assert recent.get("a", make("a", 4)) == [0, 1, 2, 3]
    recent.get("b", make("b", 4))
    recent.get("a", make("a", 4))  # remembered: not made again, and now the most recent
    assert made == ["a", "b"]
    recent.get("c", make("c", 4))  # 12 > 10: b, the least recently used, goes
    recent.get("a", make("a", 4))
    recent.get("b", make("b", 4))
    assert made == ["a", "b", "c", "b"]


def test_a_value_larger_than_the_limit_is_answered_not_kept():
    recent: Recent[list[int]] = Recent(3, len)
    calls = []
    for _ in range(2):
        assert recent.get("big", lambda: calls.append(1) or [1, 2, 3, 4]) == [1, 2, 3, 4]
    assert len(calls) == 2 and len(recent) == 0


def test_searches_answer_the_same_with_what_earlier_searches_left(seed_copies, tmp_path):
    """Counts and postings kept from earlier searches change no rank, score, total or document count."""
    from documents.corpus import load_corpus
    from index.service import SearchIndex

    queries = ["园区", "园区 开发区", '"高质量发展"', "开发区 -园区", "发展", "园区 OR 承接", "园区"]

    def answers(index: SearchIndex, order: list[str]) -> dict[str, tuple]:
        out = {}
        for query in order:
            res = index.search(query, limit=20)
            out[query] = (
                res.total,
                [(h.address, h.score, h.snippet) for h in res.hits],
                [(d.doc, d.hits, d.best_score) for d in res.documents],
            )
        return out

    corpus = load_corpus([seed_copies], use_cache=False)
    with SearchIndex.open(corpus, index_dir=tmp_path / "ix") as index:
        seen = answers(index, queries + list(reversed(queries)))
    for query in queries:  # each alone in a fresh process's state: nothing kept from another search
        with SearchIndex.open(corpus, index_dir=tmp_path / "ix") as index:
            assert answers(index, [query])[query] == seen[query], query
