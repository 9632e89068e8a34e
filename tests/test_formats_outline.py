"""A document saved as .docx, .html or .pdf reads into the same model as its .txt.

The files are made here (python-docx, hand-written HTML and PDF), so the test
shows what a user gets when the same notice arrives in another format.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import docx
import pytest
from pdf_maker import make_pdf

from documents.corpus import load_corpus, load_document

LINES = [
    "湖州市人民政府关于印发某某园区发展方案的通知",
    "湖政发〔2021〕3号",
    "各区县人民政府，市政府各部门：",
    "现将《某某园区发展方案》印发给你们，请认真贯彻执行。",
    "湖州市人民政府",
    "2021年3月1日",
    "某某园区发展方案",
    "一、总体要求",
    "（一）指导思想。坚持绿色发展，推进园区循环化改造。",
    "（二）主要目标。到2025年，园区亩均效益提高20%。",
    "二、重点任务",
    "（一）优化产业布局",
    "1.推进循环化改造。（市发展改革委、市经信局按职责分工负责）",
    "2.加强环境治理。（市生态环境局负责）",
    "（二）强化要素保障",
    "1.保障用地需求。",
    "三、保障措施",
    "加强组织领导，明确责任分工。",
]


def write_txt(path: Path) -> Path:
    path.write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(path)
    return path


def write_html(path: Path) -> Path:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in LINES[1:])
    page = (
        "<html><head><meta charset='utf-8'><title>某某园区发展方案_湖州市人民政府</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a>政务公开</a></div>"
        f"<div class='article'><h1>{html.escape(LINES[0])}</h1>\n{body}</div>"
        "<div class='footer'>版权所有：湖州市人民政府办公室</div></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_pdf(path: Path) -> Path:
    path.write_bytes(make_pdf([LINES[:9], LINES[9:]]))
    return path


def shape(path: Path):
    doc = load_document(path, "plan", use_cache=False)
    outline = [(s.level, s.label, s.display_title, s.address) for s in doc.sections()]
    clauses = [(c.address, c.text) for c in doc.clauses()]
    meta = (doc.meta.doc_number, doc.meta.date_iso, doc.meta.inner_title)
    return outline, clauses, meta


@pytest.mark.parametrize("writer, suffix", [(write_docx, ".docx"), (write_html, ".html"), (write_pdf, ".pdf")])
def test_same_outline_clauses_and_metadata_as_the_text_file(tmp_path, writer, suffix):
    expected = shape(write_txt(tmp_path / "plan.txt"))
    outline, clauses, meta = expected
    assert [entry[1] for entry in outline if entry[0] == 1] == ["一", "二", "三"]
    assert ("plan/二/（一）/1", "推进循环化改造。（市发展改革委、市经信局按职责分工负责）") in clauses
    assert meta[0] == "湖政发〔2021〕3号"
    assert shape(writer(tmp_path / f"plan{suffix}")) == expected


def test_a_folder_of_mixed_formats_loads_every_file(tmp_path):
    write_txt(tmp_path / "a.txt")
    write_docx(tmp_path / "b.docx")
    write_html(tmp_path / "c.html")
    write_pdf(tmp_path / "d.pdf")
    corpus = load_corpus([tmp_path])
    assert corpus.errors == []
    assert sorted(doc.key for doc in corpus.documents) == ["a", "b", "c", "d"]
    assert {doc.meta.doc_number for doc in corpus.documents} == {"湖政发〔2021〕3号"}


def test_added_changed_and_removed_files_are_picked_up_at_the_next_load(tmp_path):
    write_txt(tmp_path / "a.txt")
    first = load_corpus([tmp_path])
    assert [doc.key for doc in first.documents] == ["a"]

    write_docx(tmp_path / "b.docx")
    changed = (tmp_path / "a.txt").read_text(encoding="utf-8").replace("加强组织领导", "切实加强组织领导")
    (tmp_path / "a.txt").write_text(changed, encoding="utf-8")
    second = load_corpus([tmp_path])
    assert sorted(doc.key for doc in second.documents) == ["a", "b"]
    assert "切实加强组织领导" in second.get("a").find("a/三").blocks[0].text

    (tmp_path / "b.docx").unlink()
    third = load_corpus([tmp_path])
    assert [doc.key for doc in third.documents] == ["a"]


def test_parse_cache_keeps_one_entry_per_file_and_never_serves_stale_text(tmp_path):
    from documents.parsing import parse_cache

    source = write_txt(tmp_path / "a.txt")
    assert load_corpus([tmp_path]).get("a").find("a/三").blocks[0].text.startswith("加强组织领导")
    for n in range(3):
        text = source.read_text(encoding="utf-8").replace("加强组织领导", f"加强组织领导{n}")
        source.write_text(text, encoding="utf-8")
        assert f"加强组织领导{n}" in load_corpus([tmp_path]).get("a").find("a/三").blocks[0].text
    assert len(list(parse_cache.parse_cache_dir().glob("*.pickle"))) == 1


def test_a_cached_parse_reads_back_equal_with_its_repeated_strings_shared_again(tmp_path, monkeypatch):
    """The cache pickles without a memo; what the parse shared is one object again when read back."""
    from documents.parsing import parser

    source = write_txt(tmp_path / "a.txt")
    parsed = load_document(source, "a")
    monkeypatch.setattr(parser, "parse_lines", None)  # the second load must come from the cache
    cached = load_document(source, "a")
    assert cached is not parsed and cached == parsed
    sections = list(cached.root.walk())[1:]
    first_clauses = [(s, s.blocks[0]) for s in sections if s.blocks and s.blocks[0].address == s.address]
    assert first_clauses and all(block.address is s.address for s, block in first_clauses)
    kinds = {id(block.kind) for _, block in cached.blocks() if block.kind == "clause"}
    assert len(kinds) == 1
    styles = {s.style: id(s.style) for s in sections}
    assert all(id(s.style) == styles[s.style] and s.label is sys.intern(s.label) for s in sections)
    bare = [s for s in sections if s.raw_heading == s.raw_label]
    assert bare and all(s.raw_heading is s.raw_label for s in bare)
    assert all(block.line is s.line for s, block in first_clauses if block.line == s.line)


def test_a_parsed_section_holds_its_parts_in_tuples_the_empty_one_shared(tmp_path):
    """A 法规汇编's 10^5 sections are mostly articles without subsections: no list each."""
    doc = load_document(write_txt(tmp_path / "a.txt"), "a", use_cache=False)
    sections = list(doc.root.walk())
    assert all(type(s.blocks) is tuple and type(s.children) is tuple for s in sections)
    leaves = [s for s in sections if not s.children]
    empty: tuple = ()  # CPython's one empty tuple
    assert leaves and all(s.children is empty for s in leaves)


def test_storing_a_parse_leaves_its_text_without_a_utf8_copy(tmp_path):
    """Pickling a string keeps its UTF-8 form in it for good: the cache pickles the text encoded."""
    doc = load_document(write_txt(tmp_path / "a.txt"), "a")  # parsed, then stored in the cache
    # (the front matter's texts are also the metadata's, pickled as they are: a few short strings)
    texts = [block.text for _, block in doc.blocks() if block.kind == "clause"] + [s.address for s in doc.root.walk()]
    assert all(sys.getsizeof(text) == sys.getsizeof(text.encode().decode()) for text in texts)
