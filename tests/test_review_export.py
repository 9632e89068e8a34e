"""Review reports in every format keep each line of a note; Word has a heading and a table per document."""

from __future__ import annotations

import csv
import json

import pytest

import main
from documents.corpus import bundled_dir, load_corpus
from documents.state.review import ReviewStore
from documents.state.review_export import clause_text_for, review_entries, write_review

NOTE = "核对年份\n再问牵头单位：省发改委？\n  缩进的第三行"
A1, A3 = "001/三/（四）/4", "003/三/（二）/1"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([bundled_dir()], use_cache=False)


@pytest.fixture
def entries(tmp_path, corpus):
    store = ReviewStore(tmp_path / "r.sqlite3")
    doc1, doc3 = corpus.get("001"), corpus.get("003")
    store.set_mark(doc1.key, A1, "flagged", clause_text_for(doc1, A1))
    store.set_note(doc1.key, A1, NOTE, clause_text_for(doc1, A1))
    store.set_mark(doc3.key, A3, "question", clause_text_for(doc3, A3))
    store.set_note(doc3.key, A3, "一行", clause_text_for(doc3, A3))
    found = review_entries(store, corpus)
    store.close()
    return found


def test_markdown_keeps_each_note_line_as_an_indented_block(tmp_path, entries):
    text = write_review(entries, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("    核对年份")
    assert lines[start : start + 3] == ["    核对年份", "    再问牵头单位：省发改委？", "      缩进的第三行"]
    assert "## 2020年湖南省产业园区工作要点（湘园区〔2020〕1号）" in lines


def test_csv_quotes_the_newlines_of_a_note(tmp_path, entries):
    path = write_review(entries, tmp_path / "r.csv", "csv")
    assert '"核对年份\n再问牵头单位' in path.read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["address"], r["mark"], r["note"]) for r in rows] == [(A1, "flagged", NOTE), (A3, "question", "一行")]


def test_json_keeps_the_note_as_written(tmp_path, entries):
    data = json.loads(write_review(entries, tmp_path / "r.json", "json").read_text(encoding="utf-8"))
    assert [(d["address"], d["note"]) for d in data] == [(A1, NOTE), (A3, "一行")]


def test_word_has_a_heading_and_a_table_per_document_with_note_paragraphs(tmp_path, entries):
    import docx

    document = docx.Document(str(write_review(entries, tmp_path / "r.docx", "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "《2020年湖南省产业园区工作要点》（湘园区〔2020〕1号）",
        "《湘南湘西承接产业转移示范区发展规划》（湘政发〔2020〕4号）",
    ]
    first, second = document.tables
    assert [c.text for c in first.rows[0].cells] == ["位置", "标记", "条文", "批注"]
    where, mark, clause, note = first.rows[1].cells
    assert where.text.startswith(A1) and mark.text == "标记" and "循环化改造" in clause.text
    assert [p.text for p in note.paragraphs] == NOTE.split("\n")
    assert second.rows[1].cells[1].text == "存疑" and second.rows[1].cells[3].text == "一行"


def test_excel_is_one_table_with_the_citation_in_each_row(tmp_path, entries):
    import openpyxl

    sheet = openpyxl.load_workbook(write_review(entries, tmp_path / "r.xlsx", "xlsx")).worksheets[1]
    assert [c.value for c in sheet[1]] == ["标记", "批注", "条文", "出处"]
    assert sheet["B2"].value == NOTE


def test_an_unknown_format_is_refused(tmp_path, entries):
    with pytest.raises(ValueError, match="md, csv, json, docx, xlsx"):
        write_review(entries, tmp_path / "r.txt", "txt")


def test_cli_review_list_prints_every_line_of_a_note(tmp_path, capsys, corpus):
    db = tmp_path / "c.sqlite3"
    store = ReviewStore(db)
    doc = corpus.get("001")
    store.set_note(doc.key, A1, NOTE, clause_text_for(doc, A1))
    store.close()
    assert main.main(["review", "--db", str(db), "list", "--docs", str(bundled_dir())]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{A1}\t-\t核对年份",
        "\t\t再问牵头单位：省发改委？",
        "\t\t  缩进的第三行",
    ]


def test_cli_review_export_to_word_has_a_table_per_document(tmp_path, capsys, corpus):
    import docx

    db = tmp_path / "c.sqlite3"
    store = ReviewStore(db)
    for short, address in (("001", A1), ("003", A3)):
        doc = corpus.get(short)
        store.set_note(doc.key, address, NOTE, clause_text_for(doc, address))
    store.close()
    out = tmp_path / "r.docx"
    assert main.main(["review", "--db", str(db), "export", "-o", str(out), "--docs", str(bundled_dir())]) == 0
    assert len(docx.Document(str(out)).tables) == 2
