"""The numpy forms of index.columns give exactly what the plain Python forms give (a search's
results must not change with the number of matches)."""

from __future__ import annotations

import random
from array import array
from itertools import pairwise

import pytest

from index import columns


def _both(monkeypatch, make):
    """``make()`` with the plain Python forms, then with numpy forms for any size."""
    small = make()
    monkeypatch.setattr(columns, "SMALL", 0)
    large = make()
    monkeypatch.setattr(columns, "SMALL", 2048)
    return small, large


@pytest.fixture
def scores() -> dict[int, float]:
    rng = random.Random(7)
    ids = rng.sample(range(5000), 1500)
    # ties on purpose: a few distinct scores, so the best k cut through equal ones
    return {d: rng.choice([0.5, 1.25, 3.0, rng.random() * 4]) for d in ids}


def test_top_and_bonus_agree(monkeypatch, scores):
    docs = columns.DocNumbers(array("i", [d // 37 if d % 11 else -1 for d in range(5000)]))
    bonus = {3: 0.7, 10: 1.1, 40: 0.05}

    def run():
        ids, values = columns.of_scores(scores)
        values = columns.plus_bonus(ids, values, bonus, docs, 200)
        return columns.top(ids, values, 60), columns.as_list(values), columns.top(ids, values, 5000)

    small, large = _both(monkeypatch, run)
    assert small == large
    best = small[0]
    assert [s for s, _ in best] == sorted((s for s, _ in best), reverse=True)
    for (s1, d1), (s2, d2) in pairwise(best):
        assert s1 > s2 or d1 < d2  # equal scores in record order


def test_per_document_agrees(monkeypatch, scores):
    docs = columns.DocNumbers(array("i", [d // 37 if d % 11 else -1 for d in range(6000)]))
    extra_ids = list(range(5000, 5400, 3))
    extra_scores = [float(i % 7) for i in range(len(extra_ids))]

    def run():
        ids, values = columns.of_scores(scores)
        found = columns.per_document([(ids, values), (columns.of_ids(extra_ids), extra_scores)], docs, 200)
        numbers, records, best = map(columns.as_list, found)
        return dict(zip(numbers, zip(records, best, strict=True), strict=True))

    small, large = _both(monkeypatch, run)
    assert small == large
    counted = sum(n for n, _ in small.values())
    assert counted == sum(1 for d in [*scores, *extra_ids] if d % 11)  # records of no document are left out


def test_leading_per_document_agrees(monkeypatch, scores):
    docs = columns.DocNumbers(array("i", [d // 37 if d % 11 else -1 for d in range(5000)]))
    wanted = {0, 3, 40, 77, 134}

    def run():
        ids, _ = columns.of_scores(scores)
        return columns.leading_per_document(ids, docs, wanted, 3)

    small, large = _both(monkeypatch, run)
    assert small == large
    for doc, (leading, n) in small.items():
        mine = sorted(d for d in scores if d // 37 == doc and d % 11)
        assert (leading, n) == (mine[:3], len(mine))


def test_literal_bm25_agrees(monkeypatch):
    rng = random.Random(3)
    tfs = [rng.choice([0, 0, 1, 2, 5, 1.5]) for _ in range(3000)]
    lengths = [rng.randrange(0, 900) for _ in tfs]

    def run():
        if columns.SMALL == 0:
            np = columns.numpy()
            return columns.as_list(columns.literal_bm25(np.array(tfs, np.float64), np.array(lengths), 3.1, 0.3, 0.0021))
        return columns.literal_bm25(tfs, lengths, 3.1, 0.3, 0.0021)

    small, large = _both(monkeypatch, run)
    assert small == large
    assert all(s == 0.0 for s, tf in zip(small, tfs, strict=True) if not tf)


def test_best_positions_agree(monkeypatch):
    rng = random.Random(5)
    values = [rng.choice([1.0, 2.0, 2.5, rng.random()]) for _ in range(3000)]
    small, large = _both(monkeypatch, lambda: columns.best_positions(values, 100))
    assert small == large == sorted(range(len(values)), key=lambda i: (-values[i], i))[:100]


def test_term_bm25_agrees(monkeypatch):
    """A term's scores over its postings: the same floats, in posting order, from either form;
    records past the length column read the first norm."""
    rng = random.Random(5)
    ids = sorted(rng.sample(range(4000), 2500))
    tfs = [float(array("f", [rng.choice([1, 2, 3, 0.7, 11])])[0]) for _ in ids]
    lengths = bytes(rng.randrange(256) for _ in range(3900))  # the last records have no length byte
    norms = [1.2 * (0.25 + 0.75 * (b + 1) / 37.3) for b in range(256)]

    def run():
        return columns.term_bm25(ids, tfs, 2.7, norms, lengths, 100_000)

    small, large = _both(monkeypatch, run)
    assert list(small.items()) == list(large.items())
    assert list(small) == [d + 100_000 for d in ids]
    last = ids[-1]
    assert small[last + 100_000] == 2.7 * tfs[-1] / (tfs[-1] + norms[0])


def test_a_column_map_is_folded_as_its_dictionary_not_item_by_item(monkeypatch):
    """A union's fold (``add_scores``) reads a :class:`columns.ColumnMap` as its dictionary, made once in C: the
    same items and order as folding the dictionaries, and no Python call per record."""
    from index.scorer import add_scores

    np = pytest.importorskip("numpy")
    first = {3: 0.5, 1: 1.25, 7: 2.0}
    second = {7: 0.25, 9: 1.0, 1: 0.125}
    as_columns = [
        columns.ColumnMap(np.array(list(part), np.int64), np.array(list(part.values()))) for part in (first, second)
    ]
    reads = []
    made = columns.ColumnMap.__getitem__
    monkeypatch.setattr(columns.ColumnMap, "__getitem__", lambda self, key: reads.append(key) or made(self, key))
    folded = add_scores(*as_columns)
    assert list(folded.items()) == list(add_scores(first, second).items())
    assert reads == []
