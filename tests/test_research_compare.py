"""Topic compare, version diff, facets and Word/Excel exports (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.compare.diff import Unit, apply, diff_documents, diff_units, segments, text_of, units_of
from documents.compare.topics import TopicMatcher, heading_similarity, topic_compare, topic_for
from documents.corpus import Corpus, load_document
from documents.export.builders import diff_report, review_report, tasks_report, topic_report
from documents.export.writers import write_report
from documents.facets import FacetFilter, filter_and_sort, kind_of, level_of_issuer, status_of
from documents.model import DocumentMeta
from main import main
from tests.conftest import SHARED_CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import topics_bench

LAWS = SHARED_CORPUS / "laws"
#: Real editions of the same law in the shared corpus: (old, new).
LAW_PAIRS = [
    ("law0089", "law0090"),  # 公司法 2018 → 2023
    ("law0353", "law0354"),  # 民事诉讼法 2021 → 2023
    ("law0356", "law0357"),  # 行政复议法 2017 → 2023
    ("law0161", "law0162"),  # 反垄断法 2008 → 2022
    ("law0147", "law0148"),  # 会计法
]
needs_laws = pytest.mark.skipif(not LAWS.is_dir(), reason="shared laws corpus absent")


@pytest.fixture
def corpus(seeds):
    return Corpus(documents=list(seeds.values()))


# ---------------------------------------------------------------- topic compare


@pytest.mark.parametrize("topic", ["土地", "人才", "环保"])
def test_topic_compare_finds_every_section_a_reader_picks(corpus, topic):
    expected = json.loads(topics_bench.EXPECTED.read_text(encoding="utf-8"))
    matrix = topic_compare(corpus, topic, expected["docs"])
    score = topics_bench.score(matrix, expected["topics"][topic])
    assert score.missed == [], f"missed {score.missed}"
    assert score.wrong == [], f"not about {topic}: {score.wrong}"
    assert score.rows_aligned == score.rows_expected


def test_topic_whole_section_counts_once_with_its_heading(corpus):
    matrix = topic_compare(corpus, "环保", ["001"])
    [item] = matrix.items("001")
    assert item.address == "001/三/（四）" and item.kind == "section"
    assert item.heading.startswith("（四）强化生态环境约束")
    assert "三线一单" in item.text and "循环化改造" in item.text  # the subsections are inside


def test_agency_names_are_not_topic_words():
    matcher = TopicMatcher(topic_for("环保"))
    assert matcher.hits("（省生态环境厅、省自然资源厅按职责分工负责）") == []
    assert matcher.hits("加强生态环境保护") == ["生态环境", "环境保护"] or matcher.hits("加强生态环境保护")


def test_unknown_topic_is_searched_as_typed(corpus):
    topic = topic_for("园区办")
    assert topic.terms == ("园区办",)
    assert topic_for("环境保护").name == "环保"  # an alias finds the listed topic


def test_rows_align_similar_headings(corpus):
    assert heading_similarity("3、土地节约集约利用目标", "3·不断提升土地节约集约利用水平") >= 0.5
    assert heading_similarity("建立开发区用地保障机制", "建立园区周转用地管理数据库") < 0.5
    matrix = topic_compare(corpus, "土地", ["000", "004"])
    row = next(r for r in matrix.rows if r.filled == 2)
    assert "土地节约集约利用" in row.subtopic


# ---------------------------------------------------------------- diff


@pytest.mark.parametrize("short", ["000", "001", "002", "003", "004"])
def test_diff_of_a_document_with_itself_is_empty(seeds, short):
    diff = diff_documents(seeds[short], seeds[short])
    assert diff.changes == []
    assert diff.summary["unchanged"] == len(units_of(seeds[short]))


cjk = st.text(alphabet="发展规划园区土地人才环保推进加强建立完善制度，。", min_size=1, max_size=30)


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(k, f"d/{k}", str(k), "clause", t) for k, t in enumerate(texts)]


@settings(max_examples=150, deadline=None)
@given(st.lists(cjk, max_size=12), st.lists(cjk, max_size=12))
def test_applying_the_changes_to_old_gives_new(old, new):
    rows = diff_units(_units(old), _units(new))
    assert apply(old, rows) == new


@settings(max_examples=100, deadline=None)
@given(st.lists(cjk, max_size=15))
def test_diff_with_itself_reports_nothing(texts):
    assert all(row.kind == "equal" for row in diff_units(_units(texts), _units(texts)))


@settings(max_examples=100, deadline=None)
@given(st.lists(cjk, min_size=3, max_size=10, unique=True), st.data())
def test_a_moved_clause_is_one_move_not_delete_and_add(texts, data):
    texts = [f"第{k}段{t}内容不同于其他段落" for k, t in enumerate(texts)]
    src = data.draw(st.integers(0, len(texts) - 1))
    dst = data.draw(st.integers(0, len(texts) - 1).filter(lambda d: abs(d - src) > 1))
    new = list(texts)
    new.insert(dst, new.pop(src))
    rows = diff_units(_units(texts), _units(new))
    kinds = [r.kind for r in rows if r.kind != "equal"]
    assert kinds == ["moved"]
    assert apply(texts, rows) == new


@given(cjk, cjk)
def test_segments_spell_both_texts(a, b):
    segs = segments(a, b)
    assert "".join(s[1] for s in segs) == a and "".join(s[2] for s in segs) == b


@needs_laws
@pytest.mark.parametrize(("old", "new"), LAW_PAIRS)
def test_real_law_editions(old, new):
    a, b = load_document(LAWS / f"{old}.md"), load_document(LAWS / f"{new}.md")
    diff = diff_documents(a, b)
    ua, ub = units_of(a), units_of(b)
    assert apply([u.text for u in ua], diff.rows) == [u.text for u in ub]
    assert "\n".join(apply([u.text for u in ua], diff.rows)) == text_of(ub)
    # every clause whose text is new is reported, and every vanished one
    old_texts = {"".join(u.text.split()) for u in ua}
    new_texts = {"".join(u.text.split()) for u in ub}
    reported_new = {r.new.index for r in diff.rows if r.new and r.kind != "equal"}
    reported_old = {r.old.index for r in diff.rows if r.old and r.kind != "equal"}
    assert all(u.index in reported_new for u in ub if "".join(u.text.split()) not in old_texts)
    assert all(u.index in reported_old for u in ua if "".join(u.text.split()) not in new_texts)
    assert diff.summary["changed"] > 0


@needs_laws
def test_反垄断法_2022_changes_read_in_the_texts():
    diff = diff_documents(load_document(LAWS / "law0161.md"), load_document(LAWS / "law0162.md"))
    added = [r.new.text for r in diff.rows if r.kind == "added"]
    assert "反垄断工作坚持中国共产党的领导。" in added
    first = next(r for r in diff.rows if r.new and r.new.address.endswith("第一章/第一条") and r.new.kind == "clause")
    assert first.kind == "changed" and ("insert", "", "，鼓励创新") in first.segments
    renumbered = [r for r in diff.rows if r.kind == "renumbered"]
    assert any(r.old.text == "第五条" and r.new.text == "第六条" for r in renumbered)


@needs_laws
def test_民事诉讼法_renumbering_is_not_a_move():
    diff = diff_documents(load_document(LAWS / "law0353.md"), load_document(LAWS / "law0354.md"))
    assert diff.summary["moved"] == 0 and diff.summary["renumbered"] > 50


# ---------------------------------------------------------------- exports


def test_topic_compare_docx_and_xlsx_read_back(corpus, tmp_path):
    import docx
    import openpyxl

    matrix = topic_compare(corpus, "土地", ["000", "001", "003", "004"])
    report = topic_report(matrix)
    word = write_report(report, tmp_path / "land.docx")
    table = docx.Document(str(word)).tables[0]
    assert table.rows[0].cells[0].text == "子题"
    assert table.rows[0].cells[2].text.startswith("001 《2020年湖南省产业园区工作要点》（湘园区〔2020〕1号）")
    body = "\n".join(c.text for row in table.rows[1:] for c in row.cells)
    assert "——《2020年湖南省产业园区工作要点》（湘园区〔2020〕1号）001/三/（五）" in body
    assert len(table.rows) == len(matrix.rows) + 1
    book = openpyxl.load_workbook(write_report(report, tmp_path / "land.xlsx"))
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[1]][:2] == ["子题", "000 《湖南省“十二五”开发区发展规划》"]
    assert sheet.max_row == len(matrix.rows) + 1
    assert "节约集约" in str(sheet["A2"].value)


def test_diff_xlsx_marks_edits_as_rich_text(seeds, tmp_path):
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText

    from documents.parsing.parser import parse_text

    old = seeds["001"]
    edited = old.path.read_text(encoding="utf-8").replace(
        "力争全省园区技工贸总收入达5.3万亿", "力争全省园区技工贸总收入达6万亿"
    )
    new = parse_text(edited, old.key, old.path)
    diff = diff_documents(old, new)
    assert diff.summary_line() == "0 added, 0 removed, 1 changed, 0 moved"
    path = write_report(diff_report(diff), tmp_path / "d.xlsx")
    sheet = openpyxl.load_workbook(path, rich_text=True).worksheets[1]
    old_cell, new_cell = sheet["B2"].value, sheet["C2"].value
    assert isinstance(old_cell, CellRichText) and isinstance(new_cell, CellRichText)
    struck = [b.text for b in old_cell if not isinstance(b, str) and b.font.strike]
    underlined = [b.text for b in new_cell if not isinstance(b, str) and b.font.u == "single"]
    assert struck == ["5.3"] and underlined == ["6"]


def test_tasks_and_review_reports_write(corpus, tmp_path):
    import docx

    from documents.extract.compare import extraction
    from documents.state.review_export import ReviewEntry

    tasks = [t.to_dict() for t in extraction(corpus).tasks(corpus.get("001"))][:5]
    path = write_report(tasks_report(tasks, corpus), tmp_path / "t.docx")
    rows = docx.Document(str(path)).tables[0].rows
    assert [c.text for c in rows[0].cells] == ["任务", "牵头", "参与", "出处"]
    assert rows[1].cells[3].text.startswith("《2020年湖南省产业园区工作要点》（湘园区〔2020〕1号）001/")
    entry = ReviewEntry("001", "标题", "文号1", "001/一", ["一、总体要求"], "flagged", "看这里", "条文", False)
    path = write_report(review_report([entry]), tmp_path / "r.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(path).worksheets[1]
    assert [c.value for c in sheet[2]] == ["标记", "看这里", "条文", "《标题》（文号1）001/一"]


# ---------------------------------------------------------------- facets


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2020年湖南省产业园区工作要点", "工作要点"),
        ("国家级经济技术开发区和边境经济合作区“十二五”发展规划（2011-2015年）", "规划"),
        ("湖州市人民政府办公室关于加快开发区转型升级创新发展的实施意见", "实施意见"),
        ("关于印发《广州市公共租赁住房管理办法》的通知", "办法"),
        ("国务院关于河北雄安新区总体规划（2018—2035年）的批复", "批复"),
        ("中华人民共和国公司法", "法"),
    ],
)
def test_kind_from_title(title, kind):
    assert kind_of(title) == kind


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        ("国务院办公厅", "国务院"),
        ("中共中央", "中央"),
        ("中华人民共和国商务部", "部委"),
        ("海关总署", "部委"),
        ("湖南省人民政府", "省"),
        ("上海市规划和自然资源局", "省"),
        ("新疆维吾尔自治区质监局", "省"),
        ("广州市民政局", "市"),
        ("湖州市人民政府办公室", "市"),
        ("上海市黄浦区人民政府办公室", "区"),
        ("广州市花都区科技工业和信息化局", "区"),
    ],
)
def test_level_from_issuer(issuer, level):
    assert level_of_issuer(issuer) == level


def test_status_only_where_the_metadata_says_so(seeds):
    doc = seeds["001"]
    assert status_of(doc) == ""
    saved = doc.meta
    try:
        doc.meta = DocumentMeta(title="t", facts={"时效性": "已被修改"})
        assert status_of(doc) == "已修改"
        doc.meta = DocumentMeta(title="t", facts={"时效性": "现行有效"})
        assert status_of(doc) == "现行有效"
        doc.meta = DocumentMeta(title="t", facts={"失效日期": "2024年10月15日"})
        assert status_of(doc, dt.date(2025, 1, 1)) == "已失效"
        assert status_of(doc, dt.date(2024, 1, 1)) == "现行有效"
    finally:
        doc.meta = saved


def test_filter_and_sort_by_each_facet(corpus):
    docs = corpus.documents
    shorts = lambda rows: [d.short for d, _ in rows]  # noqa: E731
    assert shorts(filter_and_sort(docs, FacetFilter(kind="规划"))) == ["000", "003", "004"]
    assert shorts(filter_and_sort(docs, FacetFilter(kind="意见"))) == ["002"]  # 实施意见 is an 意见
    assert shorts(filter_and_sort(docs, FacetFilter(level="部委"))) == ["004"]
    assert shorts(filter_and_sort(docs, FacetFilter(year=2020))) == ["001", "003"]
    assert shorts(filter_and_sort(docs, FacetFilter(issuer="湖州"))) == ["002"]
    assert shorts(filter_and_sort(docs, FacetFilter(issuer="湖南省政府"))) == ["003"]  # any spelling of a body
    assert shorts(filter_and_sort(docs, by="date")) == ["004", "002", "003", "001", "000"]  # undated last
    assert shorts(filter_and_sort(docs, by="date", descending=True)) == ["001", "003", "002", "004", "000"]
    assert shorts(filter_and_sort(docs, by="level")) == ["004", "000", "001", "003", "002"]
    assert shorts(filter_and_sort(docs, by="kind"))[0] == "001"  # 工作要点 first in the kinds' order


# ---------------------------------------------------------------- command line


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_topic_compare_json_and_excel(capsys, tmp_path):
    code, out, _ = run(capsys, "compare", "--topic", "人才", "--doc", "000", "--doc", "003", "--json")
    data = json.loads(out)
    assert code == 0 and data["topic"] == "人才" and [d["short"] for d in data["docs"]] == ["000", "003"]
    addresses = [i["address"] for row in data["rows"] for items in row["cells"].values() for i in items]
    assert "003/四/（七）/6" in addresses and "000/四/（五）/3" in addresses
    code, _, err = run(capsys, "compare", "--topic", "人才", "-o", str(tmp_path / "talent.xlsx"))
    assert code == 0 and (tmp_path / "talent.xlsx").stat().st_size > 0 and "wrote" in err
    code, _, err = run(capsys, "compare", "--topic", "人才", "--zone", "湖州开发区")
    assert code == 2 and "--topic alone" in err
    code, _, err = run(capsys, "compare", "--topic", "人才", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and ".docx" in err


def test_cli_diff_of_a_document_with_itself(capsys):
    code, out, _ = run(capsys, "diff", "001", "001", "--json")
    data = json.loads(out)
    assert code == 0 and data["summary"]["changed"] == 0 and data["rows"] == []


@needs_laws
def test_cli_diff_files_to_word(capsys, tmp_path):
    import docx

    out = tmp_path / "antitrust.docx"
    code, _, _ = run(capsys, "diff", str(LAWS / "law0161.md"), str(LAWS / "law0162.md"), "-o", str(out))
    assert code == 0
    document = docx.Document(str(out))
    assert any("新增" in p.text and "修改" in p.text for p in document.paragraphs)
    cells = [row.cells[2].text for row in document.tables[0].rows]
    assert "反垄断工作坚持中国共产党的领导。" in cells


def test_cli_list_filters_and_sorts(capsys):
    code, out, _ = run(capsys, "list", "--kind", "规划", "--sort", "date", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["doc"] for r in rows] == ["004", "003", "000"]
    assert rows[0]["level"] == "部委" and rows[0]["year"] == 2012
    code, _, err = run(capsys, "list", "--level", "国")
    assert code == 2 and "中央" in err
