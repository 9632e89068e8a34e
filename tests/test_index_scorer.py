"""The bulk scorer must rank exactly as Whoosh's own BM25F would, deletions included."""

from __future__ import annotations

import gc

import pytest
from whoosh import collectors
from whoosh import query as wq

from documents.corpus import load_corpus
from index import columns, literal
from index.scorer import QueryScorer
from index.searcher import MAX_LEADS, Searcher
from index.service import SearchIndex

QUERIES = [
    wq.Term("text", "园区"),
    wq.Term("heading_path", "开发区", boost=0.5),
    wq.Or([wq.Term("text", "园区"), wq.Term("heading_path", "园区", boost=0.5)]),
    wq.And([wq.Term("text", "开发区"), wq.Term("text", "高质量发展")]),
    wq.And([wq.Term("text", "园区"), wq.Not(wq.Term("text", "开发区"))]),
    wq.Or([wq.And([wq.Term("text", "产业"), wq.Term("text", "转移")]), wq.Term("text", "承接")]),
    wq.Prefix("text", "循环"),  # no bulk path: scored through Whoosh's own matcher
    wq.Term("text", "不存在的词"),
]


def whoosh_scores(searcher, q) -> dict[int, float]:
    collector = collectors.UnlimitedCollector()
    searcher.search_with_collector(q, collector)
    return {hit.docnum: hit.score for hit in collector.results()}


def assert_same(ours: dict[int, float], theirs: dict[int, float], q=None) -> None:
    assert ours.keys() == theirs.keys()
    for docnum, score in theirs.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-5), (q, docnum)


def test_scores_match_whoosh_on_a_fresh_index(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        searcher = ix._searcher.searcher
        scorer = QueryScorer(searcher)
        for q in QUERIES:
            scorer.begin()
            assert_same(scorer.scores(q), whoosh_scores(searcher, q), q)
    finally:
        ix.close()


def test_a_terms_records_are_kept_where_the_collector_does_not_walk_them(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        scorer = QueryScorer(ix._searcher.searcher)
        found = scorer.ids(wq.Term("text", "园区"))
        assert len(found) > 1
        assert [gc.is_tracked(o) for o in gc.get_referents(found)] == [False], "one untracked dictionary, no set"
        assert found == whoosh_scores(ix._searcher.searcher, wq.Term("text", "园区")).keys()
    finally:
        ix.close()


def _updated_index(seed_copies, tmp_path, added: str) -> SearchIndex:
    """The seeds' index after one of them gained ``added`` (its old records are deleted, not yet merged away)."""
    SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix").close()
    changed = next(seed_copies.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    return SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")


def test_deleted_records_never_score_after_an_incremental_update(seed_copies, tmp_path):
    ix = _updated_index(seed_copies, tmp_path, "园区循环化改造补充条款。")
    try:
        searcher = ix._searcher.searcher
        assert searcher.reader().has_deletions()
        scorer = QueryScorer(searcher)
        for q in QUERIES:
            scorer.begin()
            ours = scorer.scores(q)
            assert not any(searcher.reader().is_deleted(d) for d in ours)
            assert_same(ours, whoosh_scores(searcher, q))
    finally:
        ix.close()


@pytest.mark.parametrize("added", [None, "园区循环化改造补充条款。"])
def test_the_fewest_records_known_without_postings_are_at_most_those_counted(seed_copies, tmp_path, added):
    """``fewest`` is a lower bound of ``count`` (deleted records too), read from the flat files' keys: a
    term they hold with nothing deleted is counted exactly, anything else at least as 0."""
    ix = _updated_index(seed_copies, tmp_path, added) if added else None
    ix = ix or SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        scorer = QueryScorer(ix._searcher.searcher)
        scorer.begin()
        for q in QUERIES:
            assert 0 <= scorer.fewest(q) <= scorer.count(q), q
        common = wq.Or([wq.Term("text", "发展"), wq.Term("heading_path", "发展", boost=0.5)])
        assert scorer.fewest(common) > 0
        if not added:
            assert scorer.fewest(wq.Term("text", "发展")) == scorer.count(wq.Term("text", "发展"))
    finally:
        ix.close()


def test_a_union_of_terms_summed_as_columns_is_the_fold_of_their_answers(seed_copies, tmp_path, monkeypatch):
    """Past ``columns.SMALL`` postings an Or of terms (or of Ors of terms) is summed as numpy columns, whole or
    restricted to many records: the same records in the same order with the same floats as adding the terms'
    dictionaries one by one, deleted records left out."""
    ix = _updated_index(seed_copies, tmp_path, "园区开发区补充条款。")
    try:
        searcher = ix._searcher.searcher
        assert searcher.reader().has_deletions()
        unions = [
            wq.Or([wq.Term("text", "园区"), wq.Term("heading_path", "园区", boost=0.5)]),
            wq.Or([wq.Term("text", "开发区"), wq.Term("text", "园区"), wq.Term("heading_path", "开发区")]),
            wq.Or([wq.Term("text", "不存在的词"), wq.Term("text", "园区")]),
            wq.Or(
                [
                    wq.Or([wq.Term("text", "开发区"), wq.Term("heading_path", "开发区", boost=0.5)]),
                    wq.Or([wq.Term("text", "园区"), wq.Term("heading_path", "园区", boost=0.5)]),
                ]
            ),
        ]
        folded = [list(QueryScorer(searcher).scores(q).items()) for q in unions]
        monkeypatch.setattr(columns, "SMALL", 1)
        within = set(range(0, searcher.doc_count_all(), 2))
        for q, expected in zip(unions, folded, strict=True):
            scorer = QueryScorer(searcher)
            whole = scorer.scores(q)
            assert list(whole.items()) == expected, q
            kept = scorer.columns_of(whole)  # the columns it was summed as, kept for the searcher
            assert kept is not None and (kept[0].tolist(), kept[1].tolist()) == (list(whole), list(whole.values()))
            # restricted to many records: the terms' columns cut by a mask, in the whole answer's order
            cut = [(d, s) for d, s in expected if d in within]
            assert list(QueryScorer(searcher).scores(q, within).items()) == cut, q
    finally:
        ix.close()


def test_records_found_as_columns_are_those_of_the_sets(seed_copies, tmp_path, monkeypatch):
    """Past ``columns.SMALL`` postings the records of an And, Or or Not of terms are counted and intersected
    as numpy columns: the same counts, and the same answers in the same order with the same floats (an And
    sums its children in the order their counts give), deleted records left out."""
    ix = _updated_index(seed_copies, tmp_path, "园区开发区补充条款。")
    try:
        searcher = ix._searcher.searcher
        assert searcher.reader().has_deletions()
        queries = [
            *QUERIES[2:6],
            wq.And([wq.Term("text", "园区"), wq.Term("text", "开发区"), wq.Term("heading_path", "园区")]),
            wq.And([wq.Or([wq.Term("text", "园区"), wq.Term("heading_path", "园区")]), wq.Term("text", "产业")]),
            wq.And([wq.Every(), wq.Not(wq.Term("text", "园区"))]),
            wq.And([wq.Term("text", "园区"), wq.Term("text", "不存在的词")]),
            wq.Not(wq.Term("text", "开发区")),
        ]
        as_sets = [(QueryScorer(searcher).count(q), list(QueryScorer(searcher).scores(q).items())) for q in queries]
        monkeypatch.setattr(columns, "SMALL", 1)
        for q, (count, expected) in zip(queries, as_sets, strict=True):
            scorer = QueryScorer(searcher)
            assert scorer.count(q) == count, q
            assert list(scorer.scores(q).items()) == expected, q
            assert set(scorer.ids(q)) == {d for d, _ in expected}, q
            assert QueryScorer(searcher).record_column(q).tolist() == sorted(d for d, _ in expected), q
    finally:
        ix.close()


def test_a_restricted_answer_is_the_whole_answer_cut_to_size(seed_copies, tmp_path):
    """And/Or/filters score only the records they can keep: the very same floats as scoring all."""
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        searcher = ix._searcher.searcher
        scorer = QueryScorer(searcher)
        for q in QUERIES:
            scorer.begin()
            whole = dict(scorer.scores(q))
            assert set(scorer.ids(q)) == set(whole)
            # a few records (fewer than a term's postings: found by bisection), many, none
            few = set(list(whole)[:: max(1, len(whole) // 5)])
            for within in (few, set(list(whole)[::3]), set(range(0, searcher.doc_count_all(), 2)), set()):
                fresh = QueryScorer(searcher)
                cut = fresh.scores(q, within)
                assert cut == {d: s for d, s in whole.items() if d in within}, q
                if isinstance(q, wq.Term):  # a term's records stay in their order
                    assert list(cut) == [d for d in whole if d in within], q
                fresh.begin()
                assert set(fresh.ids(q)) == set(whole)
    finally:
        ix.close()


def test_filters_are_plain_membership(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        searcher = ix._searcher.searcher
        scorer = QueryScorer(searcher)
        kind = wq.And([wq.Term("kind", "table"), wq.Or([wq.Term("doc_short", "000"), wq.Term("doc_short", "002")])])
        expected = set(whoosh_scores(searcher, kind))
        assert expected
        assert set(scorer.scores(kind)) == expected  # filters are scored like any query, then used as a set
    finally:
        ix.close()


def test_a_spelling_holding_a_shorter_one_is_counted_as_a_full_scan_would(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        searcher = ix._searcher
        results = ix.search("发改委")  # its spellings include 省发改委 and 省发展改革委, counted inside shorter ones
        assert results.hits
        for (fieldname, needle), counts in searcher._counts.items():
            assert counts == searcher.tables[fieldname].counts(needle), needle
        assert any(len(needle) > 3 and counts for (_, needle), counts in searcher._counts.items())
    finally:
        ix.close()


def test_searches_with_every_answer_as_columns_are_the_same(seed_copies, tmp_path, monkeypatch):
    """Past ``columns.SMALL`` records a search's And/Or/Not records, the literal fallback's candidates (a unit
    found literally outside the word matches) and its units' matches are numpy columns and masks: the same
    hits, scores, totals and documents as with sets, deleted records left out."""
    queries = [
        "产业园区 OR 开发区",
        "year:2020 园区",
        "园区 撤销 合并",
        "国",
        "法 律",
        "国 -园区",
        "kind:table 开发区",
        "发改委",
        "湖州 园区",  # a title answers for 湖州: the records of its documents holding 园区
        "湖州 实施意见",
    ]
    _updated_index(seed_copies, tmp_path, "园区开发区补充条款，省发展改革委。").close()
    corpus = load_corpus([seed_copies], use_cache=False)

    def answers() -> list:
        with SearchIndex.open(corpus, index_dir=tmp_path / "ix") as ix:
            assert ix._searcher.searcher.reader().has_deletions()
            return [
                (
                    [(h.doc, h.address, h.row, h.score, h.literal) for h in res.hits],
                    res.total,
                    [(d.doc, d.hits, d.best_score, d.tier) for d in res.documents],
                )
                for res in map(ix.search, queries)
            ]

    extras: dict[str, list[int]] = {"_extras_as_sets": [], "_extras_as_columns": []}
    for name, found in extras.items():
        made = getattr(Searcher, name)
        monkeypatch.setattr(
            Searcher, name, lambda self, *a, made=made, found=found: found.append(len(r := made(self, *a))) or r
        )
    as_sets = answers()
    monkeypatch.setattr(columns, "SMALL", 1)
    assert answers() == as_sets
    assert any(extras["_extras_as_sets"]) and any(extras["_extras_as_columns"])  # the fallback found some


def test_best_partial_matches_agree_as_columns(seed_copies, tmp_path, monkeypatch):
    """The records a query missed with the best sums of its units' scores (the leads a heading may answer
    for) are the same, in the same order, summed as columns as with dictionaries; ties in the order first seen."""
    with SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix") as ix:
        searcher = ix._searcher
        size = searcher.reader.doc_count_all()
        per_unit = [
            {d: float(d % 7) for d in range(size - 1, 0, -3)},
            {d: float(d % 5) + 0.5 for d in range(0, size, 2)},
        ]
        matched = {d: 1.0 for d in range(0, size, 11)}
        as_dicts = searcher._best_partial(per_unit, matched)
        assert len(as_dicts) == MAX_LEADS and not set(as_dicts) & matched.keys()
        monkeypatch.setattr(columns, "SMALL", 1)
        assert searcher._best_partial(per_unit, matched) == as_dicts


def test_a_common_words_answer_stays_columns_through_a_search(seed_copies, tmp_path, monkeypatch):
    """Past ``columns.SMALL`` records the union of a word's terms and a character's literal counts are read as
    columns by everything a one-word search does (its scores, the fallback, the document list): neither is
    made a dictionary of every record."""
    monkeypatch.setattr(columns, "SMALL", 1)
    monkeypatch.setattr(literal, "_CHARS_BYTES", 0)  # a character's counts read from the character table
    with SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix") as ix:
        assert ix.search("国").hits
        searcher = ix._searcher
        unions = [kept[0] for kept in searcher.scorer._recent_columns._values.values()]
        counts = searcher._counts[("text", "国")]
        assert unions and all(isinstance(u, columns.ColumnMap) and u._dict is None for u in unions)
        assert isinstance(counts, columns.ColumnMap) and counts._dict is None
