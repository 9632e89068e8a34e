"""The bounded memory of answers kept across searches (index/recent.py)."""

from __future__ import annotations

from index.recent import ENTRY_BYTES, Budget, Recent, kept_bytes


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


def test_memories_sharing_a_budget_drop_the_least_recently_used_of_any():
    budget = Budget(10)
    postings: Recent[list[int]] = Recent(budget, len)
    counts: Recent[list[int]] = Recent(budget, len)
    postings.get("a", lambda: [0] * 4)
    counts.get("b", lambda: [0] * 4)
    postings.get("a", lambda: [1] * 4)  # a is now the most recent of both
    counts.get("c", lambda: [0] * 4)  # 12 > 10: b goes, from the other memory's point of view the older
    assert postings.find("a") == [0] * 4 and counts.find("b") is None and counts.find("c") == [0] * 4
    assert budget.total == 8


def test_a_kept_value_is_measured_again_when_asked_for():
    """A kept answer that grew since it was kept (a column map read as a dictionary) counts what it holds now."""
    recent: Recent[list[int]] = Recent(10, len)
    grows = [0] * 4
    recent.get("grows", lambda: grows)
    recent.get("other", lambda: [0] * 4)
    grows.extend([0] * 4)
    assert recent.find("grows") is grows  # 12 > 10 once measured again: the least recent, other, goes
    assert recent.find("other") is None and recent.budget.total == 8


def test_kept_bytes_counts_columns_by_their_buffers_and_dictionaries_per_entry():
    import numpy as np

    from index.columns import ColumnMap

    ids, values = np.arange(1000, dtype=np.int64), np.zeros(1000)
    answer = ColumnMap(ids, values)
    assert kept_bytes(answer) == 16_000
    assert kept_bytes((answer, ids, values)) > 32_000
    answer.as_dict()
    assert kept_bytes(answer) == 16_000 + 1000 * ENTRY_BYTES
    assert kept_bytes(dict.fromkeys(range(1000), 0.0)) >= 1000 * ENTRY_BYTES


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


def test_a_titles_records_are_found_once_per_kept_query(seed_copies, tmp_path, monkeypatch):
    """The records a title adds to the word matches (湖南 in a title answering for the place) are kept with
    the query's compilation: asked again, the title's records are not looked for again, and the answer is
    the same."""
    from documents.corpus import load_corpus
    from index.searcher import Searcher
    from index.service import SearchIndex

    calls: list[str] = []
    made = Searcher._title_matches
    monkeypatch.setattr(Searcher, "_title_matches", lambda self, *a: calls.append("titles") or made(self, *a))
    with SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix") as index:
        first = index.search("湖南 规划", limit=20)
        asked = len(calls)
        again = index.search("湖南 规划", limit=20)
    assert asked and len(calls) == asked
    assert [(h.address, h.score) for h in again.hits] == [(h.address, h.score) for h in first.hits] and first.hits
