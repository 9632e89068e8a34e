"""Literal first (issue 13): a clause that says what was typed ranks above one found through related wording."""

from __future__ import annotations

import pytest

from index.compiler import compile_unit
from index.query import Node, Unit
from index.service import SearchIndex
from index.tiers import (
    ALIAS,
    NOT_FIRST,
    PARAPHRASE,
    RELATED,
    TIER_OF_LEVEL,
    TYPED,
    Closeness,
    tiered,
    tree_level,
    unit_level,
)
from tests.conftest import library_index

POLICY = """某市关于优化发展环境的若干措施

一、营造优良投资环境

（一）改善投资环境。持续改善投资环境，投资环境评价纳入年度考核，定期发布投资环境报告。

（二）规范涉企收费。清理规范涉企经营服务性收费，公布收费目录清单，降低企业用能、用地、物流等成本，各区政府和市有关部门要结合本地本部门实际，制定具体实施方案，明确责任分工和时间进度，确保各项措施落地见效，营商环境持续改善。

（三）打造一流营商环境。对标先进地区，打造市场化法治化国际化营商环境，持续优化营商环境，开展营商环境评价。

二、保障措施

（四）加强组织领导。各部门要加强统筹协调。
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with library_index(
        tmp_path_factory.mktemp("policy"), {"措施.txt": POLICY}, tmp_path_factory.mktemp("policy-index")
    ) as ix:
        yield ix


def _labels(ix: SearchIndex, query: str) -> list[str]:
    return [h.address.split("/")[-1] for h in ix.search(query, limit=10).hits]


def test_a_related_term_only_clause_never_outranks_a_literal_one(index):
    labels = _labels(index, "营商环境")
    # （二） says 营商环境 once at the end of a long clause; （一） says 投资环境 four times under a
    # heading that says it too: a higher score, but related wording only.
    assert labels.index("（二）") < labels.index("（一）")
    assert labels.index("（三）") < labels.index("（一）")


def test_the_best_literal_clause_stays_on_top(index):
    assert _labels(index, "营商环境")[0] == "（三）"


def test_related_answers_still_fill_the_page(index):
    labels = _labels(index, "营商环境")
    assert "（一）" in labels  # after the literal ones, not dropped
    hits = index.search("营商环境", limit=10).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_unit_stands_at_the_closest_level_its_forms_reach():
    forms = compile_unit(Unit("营商环境")).forms
    assert unit_level(forms, "持续优化营商环境") == TYPED
    assert unit_level(forms, "改善投资环境") == RELATED
    assert unit_level(forms, "加强统筹协调") == RELATED
    # an unquoted run needs each of its words, in any order, each in any alias spelling
    run = compile_unit(Unit("经开区 考核")).forms
    assert unit_level(run, "考核经开区") == TYPED
    assert unit_level(compile_unit(Unit("公租房")).forms, "公共租赁住房") == ALIAS
    # a word the segmenter cuts into characters (电诈) is there as typed only with them together
    scattered = compile_unit(Unit("电诈")).forms
    assert unit_level(scattered, "打击电诈犯罪") == TYPED
    assert unit_level(scattered, "防范电信网络诈骗") == ALIAS


def test_the_texts_own_wording_ranks_with_the_typed_text():
    # a law says 出租人 where a tenant says 房东, and states conditions as 下列情形: that is the answer
    assert unit_level(compile_unit(Unit("房东")).forms, "出租人应当按照约定") == PARAPHRASE
    assert unit_level(compile_unit(Unit("条件")).forms, "有下列情形之一的") == PARAPHRASE
    # any enumeration a law opens with 下列 states the conditions, not only 下列情形
    arrest = "尚不足以防止发生下列社会危险性的，应当予以逮捕："
    assert unit_level(compile_unit(Unit("逮捕条件")).forms, arrest) == PARAPHRASE
    assert TIER_OF_LEVEL[PARAPHRASE] == TIER_OF_LEVEL[TYPED] < TIER_OF_LEVEL[RELATED]


def test_a_query_is_as_close_as_its_furthest_required_unit():
    a, b = Unit("营商环境"), Unit("评价")
    levels = {id(a): TYPED, id(b): RELATED}
    assert tree_level(Node("AND", [a, b]), levels) == RELATED
    assert tree_level(Node("OR", [a, b]), levels) == TYPED
    assert tree_level(Node("AND", [a, Node("NOT", [b])]), levels) == TYPED


def test_a_later_tier_follows_with_scores_below_the_last_listed():
    ranked = [(9.0, 1), (3.0, 2), (1.0, 3), (0.5, 4)]
    out = tiered(ranked, lambda item: 1 if item[1] in (1, 2) else 0, lambda part: part)
    assert [item[1] for item in out] == [3, 4, 1, 2]
    scores = [item[0] for item in out]
    assert scores == sorted(scores, reverse=True)
    assert out[2][0] / out[3][0] == pytest.approx(3.0)  # proportions kept within a tier


def test_a_unit_leads_with_what_was_typed():
    # 投资环境 is cut into two words, 营商环境 is one: the run of the other spelling must not lead
    # (ranking reads the first sequence as the typed words: definitions, the literal fallback's score).
    assert compile_unit(Unit("营商环境")).sequences[0] == ("营商环境",)
    assert compile_unit(Unit("开发区融资")).sequences[0] == ("开发区", "融资")


def test_a_unit_the_title_says_counts_as_typed_in_every_clause(tmp_path):
    # 湖州 is typed; the 湖州 plan's clauses do not repeat it (its title says it), a provincial plan's
    # clause names 湖州 in passing: the plan about 湖州 is not ranked below for not repeating its name.
    files = {
        "a.txt": "湖州市人才发展规划\n\n一、重点任务\n\n（一）优化人才服务。做好人才引进工作，完善住房、子女入学等配套服务。\n",
        "b.txt": "某省开发区发展规划\n\n一、重点任务\n\n（一）提升开发区能级。支持湖州等市开发区完善基础设施配套，"
        "加快人才引进，促进高质量发展。\n",
    }
    with library_index(tmp_path / "docs", files, tmp_path / "index") as ix:
        hits = ix.search("湖州 人才引进", limit=10).hits
        assert hits[0].doc_title == "湖州市人才发展规划"


OTHER = """某区关于优化企业服务的通知

一、持续优化服务

（一）强化要素保障。各部门要加强用地、用能、用工等要素保障，开展企业走访，帮助解决实际困难，持续优化营商环境。
"""


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory):
    files = {"a_措施.txt": POLICY.replace("营商环境", "发展环境"), "b_通知.txt": OTHER}
    with library_index(tmp_path_factory.mktemp("two"), files, tmp_path_factory.mktemp("two-index")) as ix:
        yield ix


def test_the_document_list_follows_the_tiers_of_the_hits(two_documents):
    # a_措施 says 投资环境 often under a heading that says it too (its best score is higher), b_通知
    # says 营商环境 once in a long clause: the document that says what was typed is listed first.
    results = two_documents.search("营商环境", limit=10)
    listed = results.documents
    assert [d.doc_title[:2] for d in listed] == ["某区", "某市"]
    assert [d.tier for d in listed] == [0, 1]
    assert listed[1].best_score > listed[0].best_score  # the raw best score would list them the other way
    assert results.hits[0].doc == listed[0].doc


def test_a_heading_after_its_own_clause_gives_way_to_another_answer():
    from index.searcher import diversify

    # records 1 and 2: a heading and its first paragraph; 3: another document's clause
    ranked = [(10.0, 2), (9.0, 1), (6.0, 3)]
    doc_of = {1: 0, 2: 0, 3: 1}
    assert [item[1] for item in diversify(ranked, lambda item: doc_of[item[1]])] == [2, 1, 3]
    listed = diversify(ranked, lambda item: doc_of[item[1]], says_again=lambda docnum, seen: docnum + 1 in seen)
    assert [item[1] for item in listed] == [2, 3, 1]


def test_a_law_s_next_article_that_says_it_squarely_stays_before_a_weaker_match_elsewhere():
    from index.searcher import diversify

    # records 1 and 2: two articles of one law on the subject; 3: another law's passing mention
    ranked = [(10.0, 1), (8.5, 2), (7.0, 3)]
    doc_of = {1: 0, 2: 0, 3: 1}
    assert [item[1] for item in diversify(ranked, lambda item: doc_of[item[1]])] == [1, 2, 3]
    # a third article of the same law, weaker again, gives way to the other law
    ranked = [(10.0, 1), (8.5, 2), (8.0, 4), (7.0, 3)]
    doc_of[4] = 0
    assert [item[1] for item in diversify(ranked, lambda item: doc_of[item[1]])] == [1, 2, 3, 4]


def test_the_page_lists_another_answer_before_the_heading_of_a_listed_clause(tmp_path):
    files = {
        "a.txt": "甲市工作要点\n\n一、重点工作\n\n（一）营商环境评价\n\n开展营商环境评价，发布营商环境报告。\n",
        "b.txt": "乙市工作要点\n\n一、重点工作\n\n（一）强化要素保障。各部门要加强用地、用能等要素保障，开展企业走访，"
        "帮助解决实际困难，持续优化营商环境。\n",
    }
    with library_index(tmp_path / "docs", files, tmp_path / "index") as ix:
        hits = ix.search("营商环境", limit=10).hits
        listed = [(h.doc_title[:2], h.kind, h.address.split("/", 1)[-1]) for h in hits]
        heading = listed.index(("甲市", "heading", "一/（一）"))
        clause = listed.index(("甲市", "clause", "一/（一）"))
        assert clause < listed.index(("乙市", "clause", "一/（一）")) < heading


def test_records_surely_in_the_first_tier_are_in_it():
    """What the literal counts say of a record's text (a mask per string, where known) marks only records whose
    tier is the first; a string not counted leaves its form unknown, a negated part says nothing."""
    np = pytest.importorskip("numpy")
    texts = ["持续优化营商环境", "改善投资环境", "营商环境评价", "开展评价工作", "公共租赁住房", "加强统筹协调"]
    a, b, c = Unit("营商环境"), Unit("评价"), Unit("公租房")
    units = [(id(u), compile_unit(u).forms) for u in (a, b, c)]

    def holding(string: str):
        return np.array([string in text for text in texts]) if string != "公共租赁住房" else None

    expected = {0: [0, 2], 1: [0, 2, 3], 2: [2], 3: [0, 2], 4: [0, 2, 4]}  # 公共租赁住房 by its words
    trees = [a, Node("OR", [a, b]), Node("AND", [a, b]), Node("AND", [a, Node("NOT", [c])]), Node("OR", [a, c])]
    for i, tree in enumerate(trees):
        closeness = Closeness(tree, units, texts.__getitem__, lambda docnum: "")
        sure = closeness.surely_first(holding)
        marked = [] if sure is None else np.flatnonzero(np.broadcast_to(sure, len(texts))).tolist()
        assert marked == expected[i], tree
        assert all(closeness.tier(d) == 0 for d in marked), tree
        assert closeness.surely_first(lambda string: None) is None  # nothing counted: nothing known


def test_records_that_cannot_be_in_the_first_tier_are_in_the_last():
    """A record whose text holds no first-tier form's strings (a mask per string, exact; None where not known)
    is in the last tier, unread: the answer marks every record of the first tier, and a string not counted
    leaves any record possible."""
    np = pytest.importorskip("numpy")
    texts = ["持续优化营商环境", "改善投资环境", "营商环境评价", "开展评价工作", "公共租赁住房", "加强统筹协调"]
    a, b, c = Unit("营商环境"), Unit("评价"), Unit("公租房")
    units = [(id(u), compile_unit(u).forms) for u in (a, b, c)]

    def holding(string: str):
        return np.array([string in text for text in texts]) if string != "公共租赁住房" else None

    trees = [a, Node("OR", [a, b]), Node("AND", [a, b]), Node("AND", [a, Node("NOT", [c])]), Node("OR", [a, c])]
    expected = {0: [0, 2], 1: [0, 2, 3], 2: [2], 3: [0, 2], 4: [0, 2, 4]}  # 公共租赁住房 by its words
    for i, tree in enumerate(trees):
        closeness = Closeness(tree, units, texts.__getitem__, lambda docnum: "")
        possible = closeness.possibly_first(holding)
        marked = np.flatnonzero(np.broadcast_to(possible, len(texts))).tolist()
        assert marked == expected[i], tree
        assert all(closeness.tier(d) == NOT_FIRST for d in range(len(texts)) if d not in marked), tree
        assert all(d in marked for d in range(len(texts)) if closeness.tier(d) == 0), tree
        assert closeness.possibly_first(lambda string: None) is True  # nothing counted: any record may be
