"""PDF pages typeset as a 公文 read back as paragraphs: lines rejoined, running headers,
footers and page numbers dropped, two columns read one after the other."""

from __future__ import annotations

from layout_maker import columns, place, to_pdf_pages
from pdf_maker import make_pdf
from test_formats_ofd_doc import PARAGRAPHS, TEXT, outline

from documents.formats.reading import read_document_text


def test_pdf_lines_rejoin_and_furniture_goes(tmp_path):
    pages = place(PARAGRAPHS, header="某某市人民政府办公室", footer="- {n} -")
    assert len(pages) >= 2
    path = tmp_path / "意见.pdf"
    path.write_bytes(make_pdf(to_pdf_pages(pages)))
    text, how = read_document_text(path)
    assert how == "pdf"
    assert text == TEXT
    assert outline(text) == outline(TEXT)


def test_pdf_footer_as_page_x_of_y(tmp_path):
    pages = place(PARAGRAPHS, header=None, footer="第{n}页")
    path = tmp_path / "b.pdf"
    path.write_bytes(make_pdf(to_pdf_pages(pages)))
    assert read_document_text(path)[0] == TEXT


def test_two_columns_read_left_then_right(tmp_path):
    left = [
        "一、总体要求。坚持以人民为中心，统筹发展和安全，全面提升政府治理水平。",
        "二、工作目标。到2025年数字政府建设取得重要进展。",
    ]
    right = [
        "三、重点任务。统筹建设全市政务云平台和电子政务外网，提高资源利用效率。",
        "四、保障措施。加强组织领导，明确责任分工。",
    ]
    path = tmp_path / "c.pdf"
    path.write_bytes(make_pdf(to_pdf_pages(columns("某某市数字政府建设简报", left, right))))
    paragraphs = [p for p in read_document_text(path)[0].split("\n") if p]
    assert paragraphs == ["某某市数字政府建设简报", *left, *right]
