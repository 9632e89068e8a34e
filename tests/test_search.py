"""Search over the bundled seeds: what a civil servant typing a query relies on."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.corpus import load_corpus
from documents.model import Table
from index.service import SearchIndex, SearchResults


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    ix = SearchIndex.open(corpus, index_dir=tmp_path_factory.mktemp("seed-index"))
    yield ix
    ix.close()


def addresses(results: SearchResults) -> list[str]:
    return [hit.address for hit in results.hits]


def highlighted_words(hit) -> list[str]:
    return [hit.text[s:e] for s, e in hit.text_highlights]


def test_phrase_finds_every_clause_with_it(index, corpus):
    results = index.search('"亩均效益"')
    found = set(addresses(results))
    assert {"001/三/（五）", "001/三/（五）/1"} <= found
    for hit in results.hits:
        assert "亩均效益" in hit.text or "亩均效益" in "".join(hit.heading_path)


def test_word_finds_the_circular_transformation_clause_first(index):
    results = index.search("循环化改造")
    assert results.hits[0].address == "001/三/（四）/4"
    assert highlighted_words(results.hits[0])[0] == "循环化改造"


def test_hits_resolve_to_document_addresses(index, corpus):
    for hit in index.search("园区", limit=50).hits:
        document = corpus.get(hit.doc)
        assert document.find(hit.address) is not None, hit.address


def test_abbreviation_finds_full_agency_name(index):
    results = index.search("发改委")
    assert results.hits
    assert "001/三/（一）/1" in addresses(results)
    assert any("省发展改革委" in highlighted_words(h) for h in results.hits)
    assert "省发展改革委" in results.terms


def test_province_abbreviation_finds_full_agency_name(index):
    assert "001/三/（一）/1" in addresses(index.search("省发改委"))


def test_huanping_finds_environmental_impact_assessment(index):
    results = index.search("环评", limit=50)
    words = {w for h in results.hits for w in highlighted_words(h)}
    assert {"环评", "环境影响评价"} <= words


def test_135_project_finds_quoted_spelling(index):
    results = index.search("135工程")
    assert "001/三/（六）/1" in addresses(results)
    hit = next(h for h in results.hits if h.address == "001/三/（六）/1")
    assert highlighted_words(hit)[0] == "135”工程" or highlighted_words(hit)[0].startswith("135")


def test_highlights_are_whole_terms_and_line_up(index):
    for query in ("园区", "发改委", "亩均效益", "开发区 建设", "循环化改造"):
        for hit in index.search(query, limit=30).hits:
            for (s, e), (ts, te) in zip(
                hit.highlights,
                [x for x in hit.text_highlights if hit.text.replace("\n", " ")[x[0] : x[1]] in hit.snippet],
                strict=False,
            ):
                assert hit.snippet[s:e] == hit.text[ts:te].replace("\n", " ")
            for s, e in hit.text_highlights:
                assert 0 <= s < e <= len(hit.text)


def test_no_half_word_highlight(index):
    # 合作 must not be highlighted across 结合|作用 style boundaries: every span is a word of the query.
    results = index.search("合作", limit=50)
    for hit in results.hits:
        for word in highlighted_words(hit):
            assert word == "合作"


def test_snippet_spans_are_inside_snippet(index):
    for hit in index.search("产业园区 高质量发展", limit=30).hits:
        for s, e in hit.highlights:
            assert 0 <= s < e <= len(hit.snippet)
        assert len(hit.snippet) <= 100


def test_doc_filter(index):
    results = index.search("园区 doc:001", limit=50)
    assert results.hits and {h.doc_short for h in results.hits} == {"001"}
    assert ("doc", "001") in results.filters


def test_kind_filter(index, corpus):
    results = index.search("长沙 kind:table", limit=50)
    assert results.hits and {h.kind for h in results.hits} == {"table"}
    for hit in results.hits:
        # each hit is a row of a real table, and that row holds the word
        table = corpus.get(hit.doc).find(hit.address)
        assert isinstance(table, Table)
        assert hit.row is not None and 1 <= hit.row <= len(table.rows)  # rows count from 1
        assert "长沙" in "".join(table.rows[hit.row - 1])


def test_year_filter(index, corpus):
    results = index.search("园区 year:2020", limit=50)
    assert results.hits and results.notice is None
    for h in results.hits:
        dated_2020 = (corpus.get(h.doc).meta.date_iso or "").startswith("2020")
        assert dated_2020 or "2020" in h.text or "二〇二〇" in h.text, h.address


def test_year_filter_takes_in_documents_dated_that_year(index, corpus):
    assert corpus.get("003").meta.date_iso.startswith("2020")  # 湘政发〔2020〕4号
    found = addresses(index.search("year:2020 循环化改造"))
    assert "001/三/（四）/4" in found  # mentions 2020
    assert "003/四/（八）/1" in found  # no year in the clause, but the document is dated 2020
    assert "002/三/（四）/1" not in found  # 002 is dated 2017 and the clause names no 2020


@pytest.mark.parametrize(
    "query, notice",
    [
        ("doc:009 园区", "unknown document '009'"),
        ("year:abc 园区", "unknown year 'abc'"),
        ("zone:不存在区 园区", "unknown zone '不存在区'"),
        ("agency:不存在厅 园区", "unknown agency '不存在厅'"),
    ],
)
def test_unknown_filter_value_says_so(index, query, notice):
    results = index.search(query)
    assert results.hits == []
    assert results.notice and notice in results.notice and "\n" not in results.notice


def test_unknown_filter_value_suggests_close_names(index):
    assert "did you mean 001" in index.search("doc:01 园区").notice
    assert "省科技厅" in index.search("agency:省科技 园区").notice


@pytest.mark.parametrize(
    "query", ["doc:001 园区", "year:2020 园区", "zone:长兴开发区", "agency:省科技厅", "doc:湖州 园区"]
)
def test_known_filter_values_give_no_notice(index, query):
    results = index.search(query)
    assert results.hits and results.notice is None


def test_agency_filter_matches_any_spelling(index):
    results = index.search("agency:省科技厅", limit=50)
    assert results.hits
    assert all("科技厅" in h.text for h in results.hits)
    by_alias = index.search("agency:发改委", limit=200)
    assert by_alias.hits and all(
        "发改委" in h.text or "发展改革委" in h.text or "发展和改革" in h.text for h in by_alias.hits
    )


def test_zone_filter(index):
    results = index.search("zone:长兴开发区", limit=50)
    assert results.hits
    assert all("长兴开发区" in h.text for h in results.hits)


def test_filter_only_query_lists_matching_records(index):
    results = index.search("kind:note")
    assert results.hits and {h.kind for h in results.hits} == {"note"}


@pytest.mark.parametrize("query", ['"亩均 (园区 AND', "AND", "园区 )", "((园区", "OR OR", "“亩均", "-", "()"])
def test_bad_syntax_never_crashes(index, query):
    results = index.search(query)
    assert isinstance(results, SearchResults)
    if query.strip("-") and query != "()":
        assert results.notice and "plain text" in results.notice


def test_bad_syntax_is_searched_as_plain_text(index):
    results = index.search('"亩均 (园区 AND')
    assert results.hits
    assert "001/三/（五）/1" in addresses(results)


def test_boolean_operators(index):
    both = set(addresses(index.search("园区 AND 亩均效益", limit=100)))
    either = set(addresses(index.search("循环化改造 OR 亩均效益", limit=100)))
    without = set(addresses(index.search("园区 -亩均效益", limit=200)))
    assert "001/三/（五）/1" in both
    assert {"001/三/（四）/4", "001/三/（五）/1"} <= either
    assert "001/三/（五）/1" not in without and without


def test_literal_fallback_finds_substring_the_segmenter_splits(index):
    # 发展改革委 is one token inside 省发展改革委; "展改革" is no word at all.
    results = index.search('"展改革"')
    assert results.hits
    assert all("展改革" in h.text for h in results.hits)
    assert any(h.literal for h in results.hits)
    for hit in results.hits:
        assert highlighted_words(hit)[0] == "展改革"


def test_literal_fallback_respects_filters(index):
    # "展改革" is found only by the literal fallback, in 001 and 003
    everywhere = index.search('"展改革"', limit=100).hits
    assert {h.doc_short for h in everywhere} == {"001", "003"}
    results = index.search('"展改革" doc:003', limit=100)
    assert results.hits and all(h.literal and h.doc_short == "003" for h in results.hits)
    assert {h.address for h in results.hits} == {h.address for h in everywhere if h.doc_short == "003"}


def test_literal_fallback_combines_with_words_and_negation(index):
    # 项目 is in no document title, so every hit must hold it itself
    both = index.search('"展改革" 项目', limit=100).hits
    literal = [h for h in both if h.literal]
    assert literal and all("展改革" in h.text for h in literal)
    assert all("项目" in h.text or any("项目" in p for p in h.heading_path) for h in literal)
    without = index.search('"展改革" -项目', limit=100).hits
    assert without and all("展改革" in h.text and "项目" not in h.text for h in without)
    assert not {h.address for h in without} & {h.address for h in both}


def test_results_grouped_by_document_in_rank_order(index):
    results = index.search("标准厂房", limit=40)
    groups = results.groups()
    assert len(groups) > 1
    seen = [doc for doc, _ in groups]
    first_positions = [next(i for i, h in enumerate(results.hits) if h.doc == doc) for doc in seen]
    assert first_positions == sorted(first_positions)
    assert sum(len(h) for _, h in groups) == len(results.hits)


def test_heading_match_ranks_clause_under_it(index):
    results = index.search("营商环境", limit=10)
    under = [h for h in results.hits if h.kind == "clause" and any("营商环境" in p for p in h.heading_path)]
    assert under and results.hits.index(under[0]) < 3
    assert "001/三/（七）" in addresses(results)


def test_empty_query_gives_no_hits(index):
    assert index.search("").hits == []
    assert index.search("   ").hits == []


def test_a_query_the_word_index_has_nothing_for_still_answers(index):
    """Regression: a word query with no hits crashed before the literal fallback ran."""
    assert index.search("xyzabc").hits == []
    signer = index.search("谢建辉").hits  # printed once, as the signer of 001
    assert signer and all("谢建辉" in h.text for h in signer)
    either = index.search("商务部 xyzabc")
    assert either.hits and either.notice


def test_cli_search_json_shape(capsys):
    from main import main

    assert main(["search", "亩均效益", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 1 <= len(data) <= 3
    for hit in data:
        assert {"doc", "address", "heading_path", "kind", "text", "snippet", "score"} <= set(hit)
        assert isinstance(hit["heading_path"], list) and isinstance(hit["score"], float)
        assert all(hit["snippet"][s:e] == "亩均效益" for s, e in hit["highlights"])
        assert all(hit["text"][s:e] == "亩均效益" for s, e in hit["text_highlights"])
        if "亩均效益" in hit["snippet"]:  # (a hit may match by its heading path only)
            assert hit["highlights"] and hit["text_highlights"]
    assert data[0]["doc"] == "001"
    assert data[0]["doc_key"] == "001_779cfdd0d028d767"
    assert data[0]["doc_title"] == "2020年湖南省产业园区工作要点"


def test_cli_search_reports_unknown_filter_on_stderr(capsys):
    from main import main

    assert main(["search", "doc:009 园区", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert err.strip().splitlines() == [err.strip()] and err.startswith("ceyue: unknown document '009'")
    assert main(["search", "agency:不存在厅 园区"]) == 0
    out, err = capsys.readouterr()
    assert "ceyue: unknown agency '不存在厅'" in err and "不存在厅" not in out.replace(
        "no results for agency:不存在厅 园区", ""
    )


CLOSING = tuple("，。、；：）》”")


@pytest.mark.parametrize(
    "argv", [["search", "循环化改造"], ["show", "001/三/（三）"], ["show", "001/三/（四）/4"], ["show", "000"]]
)
def test_cli_text_never_starts_a_line_with_closing_punctuation(capsys, monkeypatch, argv):
    from main import main

    monkeypatch.setenv("COLUMNS", "80")
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3
    assert [line for line in lines if line.lstrip().startswith(CLOSING)] == []
    assert all(len(line) <= 80 for line in lines)


def test_cli_text_keeps_numbers_whole(capsys, monkeypatch):
    from main import main

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["show", "001/三/（四）/4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for number in ("2020", "75%", "50%"):  # from 2020 年底前 75% 的国家级园区和 50% 的省级园区
        assert any(number in line for line in lines), number


def test_cli_renderers_do_not_import_textual():
    import subprocess
    import sys

    code = "import sys, tui.console.search_results, tui.console.document, tui.console.cjk; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cli_search_human_output_groups_by_document(capsys):
    from main import main

    assert main(["search", "循环化改造", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "2020年湖南省产业园区工作要点" in out
    assert "001/三/（四）/4" in out


def test_cli_rejects_bad_limit(capsys):
    from main import main

    assert main(["search", "园区", "--limit", "0"]) == 2
    assert "limit" in capsys.readouterr().err


def test_words_no_clause_has_together_fall_back_to_any(index):
    results = index.search("循环化改造 跨境电商")
    assert results.hits and results.notice and "any" in results.notice
    assert index.search("循环化改造 AND 跨境电商").hits == []


def test_explicit_and_asks_for_both_words_in_the_record(index):
    side_by_side = index.search("经开区 国际产业转移")  # 004's title is about 经济技术开发区
    assert side_by_side.hits and side_by_side.notice is None
    assert {h.doc_short for h in side_by_side.hits if not h.partial} == {"004"}
    assert index.search("经开区 AND 国际产业转移").hits == []


def _records_containing(corpus, phrase: str) -> set[str]:
    from index.records import document_records

    return {r.address for d in corpus.documents for r in document_records(d) if phrase in r.text}


@pytest.mark.parametrize("phrase", ["产业园区", "高质量发展", "发展改革"])
def test_quoted_phrase_finds_exactly_the_records_holding_it(index, corpus, phrase):
    # The text side of a quoted phrase is a literal scan: nothing containing it is lost,
    # and every hit holds it in its text or its heading path.
    expected = _records_containing(corpus, phrase)
    hits = index.search(f'"{phrase}"', limit=5000).hits
    assert expected and expected <= {h.address for h in hits}
    assert all(phrase in h.text or phrase in "".join(h.heading_path) for h in hits)


def test_quoted_phrase_hits_highlight_the_phrase(index):
    for hit in index.search('"高质量发展"', limit=50).hits:
        if "高质量发展" in hit.text:
            assert "高质量发展" in "".join(highlighted_words(hit))


def test_quoted_phrase_obeys_negation_and_filters(index):
    hits = index.search('"产业园区" -开发区 doc:001', limit=500).hits
    assert hits
    assert all(h.doc_short == "001" and "开发区" not in h.text for h in hits)


def test_total_counts_every_matching_record_beyond_the_limit(index, corpus):
    few = index.search("园区", limit=5)
    many = index.search("园区", limit=10_000)
    assert len(few.hits) == 5
    assert few.total == many.total == len(many.hits) > 5
    assert [h.address for h in few.hits] == [h.address for h in many.hits[:5]]
    assert few.count_text() == f"top 5 of {many.total:,} hits"
    assert many.count_text() == f"{many.total} hits"
    # only records that have the word are counted
    assert all("园区" in h.text or "园区" in "".join(h.heading_path) for h in many.hits)


def test_a_place_in_a_document_title_answers_for_that_word(index):
    results = index.search("湘南湘西 跨境电商")  # 跨境电商 in the 湘南湘西 plan
    assert results.hits and "003/四/（七）/1" in [h.address for h in results.hits[:3]]
    assert {h.doc_short for h in results.hits if not h.partial} == {"003"}
    assert results.notice is None  # found as asked, not by falling back to either word


def test_a_title_alone_never_makes_a_record_a_hit(index):
    for hit in index.search("湖州 实施意见", limit=100).hits:  # both words are in 002's title
        if hit.partial:
            continue  # after the hits with all the words: those with some of them
        assert "湖州" in hit.text or "实施意见" in hit.text or "湖州" in "".join(hit.heading_path)


_QUERY_PIECES = [
    "园区",
    "开发区",
    "循环化改造",
    "发改委",
    "环评",
    "135工程",
    '"',
    "(",
    ")",
    "-",
    "AND",
    "OR",
    "NOT",
    "doc:001",
    "kind:table",
    "year:2020",
    "agency:省科技厅",
    "zone:长兴开发区",
    "doc:",
    "：",
    "“",
    "”",
    "亩均",
    "效益",
    "湖州",
    "人才引进",
    "a",
    "1",
    " ",
    "　",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_QUERY_PIECES), max_size=8).map("".join) | st.text(max_size=12))
def test_any_query_is_answered_in_rank_order_without_raising(index, query):
    results = index.search(query, limit=15)
    assert len(results.hits) <= 15 and results.total >= len(results.hits) - results.partial
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)
    assert len({(h.doc, h.address, h.row, h.text) for h in results.hits}) == len(results.hits)


def test_a_record_without_words_has_no_highlight_positions():
    from whoosh.filedb.filestore import RamStorage

    from index.builder import record_fields, shown_record
    from index.records import Record
    from index.schema import build_schema
    from index.segmenter import normalize, token_positions

    ix = RamStorage().create_index(build_schema())
    texts = ("", "推进园区建设")
    records = [Record("d:1", "d", "1", "", "1", "clause", text) for text in texts]
    with ix.writer() as writer:
        for serial, record in enumerate(records):
            writer.add_document(**record_fields(record, serial))
    for record in records:
        found = token_positions(normalize(record.text), shown_record(record).bounds, {"园区"})
        assert found == ({} if not record.text else {"园区": [(1, 2, 4)]})
    with ix.reader() as reader:
        assert reader.doc_frequency("text", "园区") == 1
        assert list(reader.column_reader("serial")) == [0, 1]


def test_zone_filter_takes_a_place_by_any_name(index):
    short = index.search("zone:衡阳", limit=200)
    full = index.search("zone:衡阳市", limit=200)
    assert short.hits and addresses(short) == addresses(full)
    assert any(h.address.startswith("003/三/（二）/1") for h in short.hits)
    assert addresses(index.search("zone:湘西州", limit=200)) == addresses(index.search("zone:湘西自治州", limit=200))


# ------------------------------------------------------------ issue 13: vocabulary, diversity, documents, scan


def test_vocabulary_spellings_by_rule():
    from index.vocabulary import spellings

    def texts(q):
        return [s.text for s in spellings(q)]

    assert "人力资源社会保障局" in texts("人社局")  # a local body by rule
    assert "郴州市" in texts("郴州")  # a place's full name
    assert "郴州出口加工区" in texts("彬州出口加工区")  # a confused character where a real place results
    assert "沪昆高铁" in texts("泸昆高铁")  # a province's one-character name
    assert texts("合作") == ["合作"]  # a county's short form that is a plain word is not expanded
    by_text = {s.text: s for s in spellings("考评")}
    assert by_text["考评"].weight == 1.0 and by_text["考核"].weight < by_text["考评"].weight
    # plans assess zones as 综合评估 as often as 考核 / 评价: related wording, searched lower
    assert by_text["评估"].how == "related" and "考评" in texts("评估")
    # what people say for what the rules print: misconduct, touting, childcare, headhunting, domestic products
    assert "学术不端" in texts("学术造假") and "倒卖门票" in texts("黄牛票") and "婴幼儿照护费用" in texts("托育费用")
    assert "人才寻访" in texts("猎头") and "自主软件" in texts("国产软件")
    # an abbreviation spelled out and a related word replaced together (个税 is cut 个/税 by the segmenter)
    assert "个人所得税扣除" in texts("个税抵扣")
    # local bureaus no ministry name gives (房屋管理局 under a city's 住建委)
    assert "房屋管理局" in texts("房管局") and "规划和自然资源局" in texts("规资局")


def test_literal_typed_text_ranks_above_an_alias(index):
    hits = index.search("经开区", limit=10).hits
    assert hits and "经开区" in hits[0].text


def test_several_documents_on_the_first_page(index):
    hits = index.search("标准厂房", limit=10).hits
    assert len({h.doc for h in hits}) >= 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_every_matching_document_is_listed_with_its_count(index):
    few = index.search("园区", limit=3)
    assert len(few.hits) == 3
    assert len(few.documents) == 5 and sum(d.hits for d in few.documents) == few.total
    assert [d.best_score for d in few.documents] == sorted((d.best_score for d in few.documents), reverse=True)
    assert few.count_text().startswith("top 3 of ")
    assert few.stats()["documents"] == 5


def test_partial_matches_follow_the_full_ones(index):
    results = index.search("扶贫车间 建设目标", limit=10)
    full = [h for h in results.hits if not h.partial]
    assert full and results.partial == len(results.hits) - len(full)
    assert all(not h.partial for h in results.hits[: len(full)])


def test_literal_scan_answers_without_an_index(corpus):
    from index.scan import LiteralScan

    results = LiteralScan(corpus).search("循环化改造", limit=10)
    assert results.source == "scan" and "literal scan" in (results.notice or "")
    assert results.hits[0].address == "001/三/（四）/4"
    assert {d.doc_short for d in results.documents} == {"001", "002", "003"}
    assert LiteralScan(corpus).search("住建厅 循环化改造").hits[0].doc_short == "001"


def test_a_heading_carries_its_section_and_keeps_its_clause(index):
    # 节能减排目标 is the heading; 削减存量 stands only in the clause under it.
    hits = [h for h in index.search("节能减排目标 削减存量").hits if not h.partial]
    found = [(h.address, h.kind) for h in hits]
    assert ("000/二/（三）/4", "heading") in found  # the heading answers for its section
    assert found[0] == ("000/二/（三）/4", "clause")  # the clause that has both words stays first


def test_a_section_is_the_run_of_records_under_a_heading_or_lead_clause(tmp_path):
    from array import array

    from index.literal import TextTable, write_table
    from index.sections import section_of

    rows = [  # (heading path, text)
        ("", "一、总则"),  # 0: a heading
        ("一、总则", "第一条为了规范管理，制定本办法。"),  # 1
        ("一、总则", "第二条鼓励支持服务机构做大做强"),  # 2: leads the items under it
        ("一、总则 / 第二条鼓励支持服务机构做大做强", "对营业收入超过1亿元的，给予奖励；"),  # 3
        ("一、总则 / 第二条鼓励支持服务机构做大做强", "对首次认定的，给予补助。"),  # 4
        ("", "二、附则"),  # 5: the next section
        ("二、附则", "本办法自印发之日起施行。"),  # 6
        ("专栏1 指标", "1 | 营业收入 | 亿元"),  # 7: a table row is no lead of the rows after it
        ("专栏1 指标", "2 | 税收 | 亿元"),  # 8
    ]
    write_table(tmp_path, [p for p, _ in rows], "headings")
    write_table(tmp_path, [t for _, t in rows], "texts")
    headings, texts = TextTable(tmp_path, "headings"), TextTable(tmp_path, "texts")
    doc_of = array("i", [0] * len(rows))
    try:
        assert section_of(headings, texts, doc_of, 0) == range(1, 5)
        assert section_of(headings, texts, doc_of, 2) == range(3, 5)
        assert section_of(headings, texts, doc_of, 1) == range(0)  # a clause with nothing under it
        assert section_of(headings, texts, doc_of, 5) == range(6, 7)
        assert section_of(headings, texts, doc_of, 7) == range(0)
    finally:
        headings.close()
        texts.close()


def test_front_matter_repeating_the_title_counts_less_than_the_clauses():
    from index.searcher import _echoes

    names = "深圳市支持发展瞪羚企业行动计划\n市工业和信息化局关于印发《深圳市支持发展瞪羚企业行动计划》的通知\n深圳市工业和信息化局"
    assert _echoes("标题:市工业和信息化局关于印发《深圳市支持发展瞪羚企业行动计划》的通知", names)
    assert _echoes("深圳市工业和信息化局", names)
    assert not _echoes("市工业和信息化局统筹推进瞪羚企业发现和培育工作", names)


def test_a_document_is_named_by_its_printed_title_and_issuers_too():
    from types import SimpleNamespace

    from index.scope import identity

    meta = SimpleNamespace(title="广州市民政局关于印发我市最低生活保障标准的通知", issuers=["广州市民政局"])
    doc = SimpleNamespace(title="我市最低生活保障标准", meta=meta)
    assert "广州" in identity(doc) and "我市最低生活保障标准" in identity(doc)


def test_relaxing_keeps_a_unit_cut_into_single_characters():
    from index.query import Node, Unit, parse
    from index.service import relax

    relaxed = relax(parse("电诈 买卖银行卡"))
    assert relaxed is not None and isinstance(relaxed.tree, Node)
    assert Unit("电诈") in relaxed.tree.children  # not dropped for being two single characters
    # the text says 违约金过分高于: 过高, cut 过/高, is still a word (its paraphrase 过分高于 finds it)
    lone = relax(parse("违约金过高"))
    assert lone is not None and [c.text for c in lone.tree.children if isinstance(c, Unit)] == ["违约金", "过高"]


def test_relaxing_keeps_a_unit_of_several_words_whole_beside_its_words():
    from index.query import Node, Unit, parse
    from index.service import relax

    # 双师型教师 is cut 双/师/型/教师: alone, 教师 would stand for it, as common as 占比
    relaxed = relax(parse("双师型教师 占比"))
    assert relaxed is not None and isinstance(relaxed.tree, Node)
    assert [c.text for c in relaxed.tree.children if isinstance(c, Unit)] == ["双师型教师", "教师", "占比"]


@pytest.mark.parametrize(
    ("query", "address"), [("效益评价 亩均", "001/三/（五）/1"), ("改造 循环化", "001/三/（四）/4")]
)
def test_words_in_another_order_in_one_clause_rank_above_scattered_ones(index, query, address):
    hits = index.search(query).hits
    assert hits[0].address == address and not hits[0].partial
    first_partial = next((i for i, h in enumerate(hits) if h.partial), len(hits))
    assert all(not h.partial for h in hits[:first_partial])  # every clause with all the words comes first


def test_a_document_named_in_title_marks_answers_for_its_title(index):
    plain = index.search("产业园区工作要点 循环化改造")
    marked = index.search("《产业园区工作要点》 循环化改造")  # 001 is 2020年湖南省产业园区工作要点
    assert marked.notice is None and marked.hits[0].address == "001/三/（四）/4"
    assert [h.address for h in marked.hits if not h.partial] == [h.address for h in plain.hits if not h.partial]


def test_a_document_whose_title_names_the_words_heads_the_document_list():
    """Which documents say 行政许可: the law named after it leads, whatever its best clause scores."""
    from types import SimpleNamespace

    from index.results import DocumentMatches, document_counts

    docs = [
        SimpleNamespace(key="a", short="a", title="上海市优化营商环境条例"),
        SimpleNamespace(key="b", short="b", title="中华人民共和国行政许可法"),
        SimpleNamespace(key="c", short="c", title="浙江省民营企业发展促进条例"),
    ]
    corpus = SimpleNamespace(documents=docs)
    per_doc = DocumentMatches.of({"a": (20, 9.0, 0), "b": (173, 7.5, 0), "c": (4, 8.0, 0)})
    assert [d.doc for d in document_counts(corpus, per_doc, ["行政许可"])] == ["b", "a", "c"]
    assert [d.doc for d in document_counts(corpus, per_doc, ["行政许可", "罚款"])] == ["a", "c", "b"]
    assert [d.doc for d in document_counts(corpus, per_doc)] == ["a", "c", "b"]


def test_the_document_list_follows_documents_read_again():
    """Titles are worked out once per list of documents: a document read again (a new title under
    the same key) is listed with its new title, and leads when it now names the word."""
    from types import SimpleNamespace

    from index.results import DocumentMatches, document_counts

    docs = [SimpleNamespace(key="a", short="a", title="甲条例"), SimpleNamespace(key="b", short="b", title="乙条例")]
    per_doc = DocumentMatches.of({"a": (2, 9.0, 0), "b": (1, 8.0, 0)})
    first = document_counts(SimpleNamespace(documents=docs), per_doc, ["许可"])
    assert [(d.doc, d.doc_title) for d in first] == [("a", "甲条例"), ("b", "乙条例")]
    docs[1] = SimpleNamespace(key="b", short="b", title="行政许可法")
    again = document_counts(SimpleNamespace(documents=docs), per_doc, ["许可"])
    assert [(d.doc, d.doc_title) for d in again] == [("b", "行政许可法"), ("a", "甲条例")]


def test_a_large_document_list_folds_each_title_once_per_list_of_documents(monkeypatch):
    """A library of more documents than a remembered function keeps (10^6 records: 9,229) still has its
    titles folded once, as the index opens, not again at every search that lists them."""
    from types import SimpleNamespace

    import index.segmenter
    from index.results import DocumentMatches, document_counts, prepare_titles

    docs = [SimpleNamespace(key=f"d{i}", short=f"{i}", title=f"第{i}号管理办法") for i in range(9000)]
    prepare_titles(docs)
    folded: list[str] = []
    normalize = index.segmenter.normalize
    monkeypatch.setattr(index.segmenter, "normalize", lambda text: folded.append(text) or normalize(text))
    per_doc = DocumentMatches.of({doc.key: (1, 1.0, 0) for doc in docs})
    listed = document_counts(SimpleNamespace(documents=docs), per_doc, ["9号"])
    assert len(folded) <= 1  # the typed word only
    assert [d.doc for d in listed[:2]] == ["d9", "d19"]


def test_a_large_document_list_is_sorted_as_a_small_one():
    """Past ``columns.SMALL`` records the matches are numpy columns sorted by numpy: the same list, ties
    (equal tier and score) in document order, a key the corpus lacks last, titled documents first."""
    import random
    from types import SimpleNamespace

    import numpy as np

    from index.results import DocumentMatches, document_counts

    rng = random.Random(5)
    docs = [
        SimpleNamespace(key=f"d{i}", short=f"{i}", title=rng.choice(["许可办法", "管理条例", "许可管理规定"]))
        for i in range(300)
    ]
    keys = [doc.key for doc in reversed(docs)] + ["gone"]  # the index's own numbering, one key not read
    numbers = sorted(rng.sample(range(len(keys)), 200))
    records = [rng.randint(1, 9) for _ in numbers]
    best = [rng.choice([1.5, 2.0, 2.25]) for _ in numbers]
    tiers = [rng.choice([0, 0, 1]) for _ in numbers]
    corpus = SimpleNamespace(documents=docs)
    for named in ([], ["许可"], ["许可", "管理"]):
        small = document_counts(corpus, DocumentMatches(keys, numbers, records, best, tiers), named)
        large = DocumentMatches(keys, *(np.array(c) for c in (numbers, records, best, tiers)))
        assert document_counts(corpus, large, named) == small
        assert [d.doc for d in small] != sorted(d.doc for d in small)
