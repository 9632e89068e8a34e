"""Tests for documents.formats.reading: every supported format to parser-ready plain text.

All fixtures are built here in tmp_path (python-docx for .docx, hand-written
PDF syntax for .pdf — CJK through the standard STSong-Light/UniGB-UCS2-H CID
font, which needs no font file to extract), so nothing binary is committed.
"""

from __future__ import annotations

import codecs
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from pdf_maker import make_pdf

from documents.formats import pdf as pdf_format
from documents.formats.reading import SUPPORTED_SUFFIXES, UnreadableDocument, read_document_text
from documents.numerals import chinese_number

POLICY = (
    "国务院关于印发《“十四五”数字经济发展规划》的通知\n"
    "国发〔2021〕29号\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "一、总体要求\n"
    "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调。\n"
    "1.加快建设信息网络基础设施。到2025年，数字经济核心产业增加值占GDP比重达到10%。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def message(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document_text(path)
    text = str(info.value)
    assert "\n" not in text and text.strip() == text and text
    return text


def test_supported_suffixes():
    assert frozenset({".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".ofd", ".doc", ".wps"}) == SUPPORTED_SUFFIXES


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("encoding", "how"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16")],
)
def test_text_encodings_decode_to_the_same_string(tmp_path, encoding, how):
    path = write(tmp_path, f"policy-{encoding}.txt", POLICY.encode(encoding))
    assert read_document_text(path) == (POLICY, how)


def test_gb18030_only_characters_and_md_suffix(tmp_path):
    text = "关于𠀀䶮等生僻字的说明\n一、总体要求\n"  # outside GBK: four-byte GB18030 sequences
    path = write(tmp_path, "rare.md", text.encode("gb18030"))
    assert read_document_text(path) == (text, "gb18030")


def test_utf16_without_bom_and_big_endian_bom(tmp_path):
    assert read_document_text(write(tmp_path, "le.txt", POLICY.encode("utf-16-le")))[0] == POLICY
    be = codecs.BOM_UTF16_BE + POLICY.encode("utf-16-be")
    assert read_document_text(write(tmp_path, "be.txt", be)) == (POLICY, "utf-16")


def test_newlines_are_normalised(tmp_path):
    crlf = write(tmp_path, "crlf.txt", POLICY.replace("\n", "\r\n").encode("gbk"))
    cr = write(tmp_path, "cr.txt", POLICY.replace("\n", "\r").encode("utf-8"))
    assert read_document_text(crlf)[0] == POLICY
    assert read_document_text(cr)[0] == POLICY


def test_utf8_cut_off_mid_character_keeps_the_rest(tmp_path):
    data = POLICY.encode("utf-8") + "字".encode()[:2]
    assert read_document_text(write(tmp_path, "cut.txt", data)) == (POLICY, "utf-8")


@pytest.mark.parametrize(
    "data", [b"", b"   \r\n\t\n", "\ufeff  \n".encode("utf-8"), "\u3000\u3000\n".encode("gb18030")]
)
def test_empty_files(tmp_path, data):
    path = write(tmp_path, "空白 文件.txt", data)
    assert message(path) == "empty file: 空白 文件.txt"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "正文".encode() + b"\x00\x01\x02\x00" * 50,
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 40,  # control bytes without NUL
    ],
)
def test_binary_files(tmp_path, data):
    path = write(tmp_path, "x.txt", data)
    text = message(path)
    assert text.startswith("binary file, not a document: x.txt")


def test_old_word_doc_renamed_to_txt_is_read_as_a_doc(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert message(write(tmp_path, "a.txt", data)).startswith("damaged .doc: a.txt")


def test_undecodable_file(tmp_path):
    path = write(tmp_path, "bar.txt", b"abc \x80\xff\xfe def " * 10)
    assert message(path) == "cannot decode bar.txt (not UTF-8/GB18030)"


def test_missing_and_unsupported_files(tmp_path):
    assert message(tmp_path / "nope.txt").startswith("cannot open nope.txt")
    rtf = write(tmp_path, "old.rtf", b"whatever")
    assert message(rtf) == "unsupported file type .rtf: old.rtf; save it as .docx"


def test_text_reading_is_fast(tmp_path):
    big = (POLICY * 4000).encode("gbk")  # ~1.2 MB
    path = write(tmp_path, "big.txt", big)
    start = time.perf_counter()
    for _ in range(5):
        text, how = read_document_text(path)
    assert how == "gb18030" and len(text) == len(POLICY) * 4000
    assert (time.perf_counter() - start) / 5 < 0.25


def test_corpus_files_read_unchanged():
    corpus = Path(__file__).resolve().parents[1] / "documents" / "seeds"
    for path in sorted(corpus.glob("*.txt")):
        text, how = read_document_text(path)
        raw = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        assert (text, how.startswith("utf-8")) == (raw, True)


# --------------------------------------------------------------------------- docx


def make_docx(tmp_path: Path, build) -> Path:
    document = docx.Document()
    build(document)
    path = tmp_path / "doc.docx"
    document.save(path)
    return path


def test_docx_headings_paragraphs_and_table_in_body_order(tmp_path):
    def build(d):
        d.add_paragraph("关于印发某某实施方案的通知")
        d.add_heading("一、总体要求", level=1)
        d.add_paragraph("（一）指导思想")
        d.add_paragraph("\u3000\u3000坚持以人民为中心的发展思想，推动高质量发展。")
        table = d.add_table(rows=2, cols=3)
        for r, row in enumerate([["指标", "2020年", "2025年"], ["园区数（个）", "10", "15"]]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        d.add_paragraph("二、主要目标")

    text, how = read_document_text(make_docx(tmp_path, build))
    assert how == "docx"
    lines = [line for line in text.split("\n") if line]
    assert lines[:4] == [
        "关于印发某某实施方案的通知",
        "一、总体要求",
        "（一）指导思想",
        "坚持以人民为中心的发展思想，推动高质量发展。",
    ]
    table = "指标\n|\n2020年\n|\n2025年\n  \n园区数（个）\n|\n10\n|\n15\n  \n"
    assert table in text
    assert text.index("推动高质量发展") < text.index(table) < text.index("二、主要目标")
    assert text.endswith("二、主要目标\n")


def test_docx_merged_and_empty_cells_and_multi_paragraph_cells(tmp_path):
    def build(d):
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "合并表头"
        table.cell(0, 2).text = "备注"
        table.cell(1, 0).text = "第一段"
        table.cell(1, 0).add_paragraph("第二段")
        table.cell(1, 2).text = "无"

    text, _ = read_document_text(make_docx(tmp_path, build))
    assert text == "合并表头\n|\n备注\n  \n第一段\n第二段\n|\n\n|\n无\n  \n"


def test_docx_automatic_numbering_is_printed(tmp_path):
    def build(d):
        d.add_paragraph("第一项工作", style="List Number")
        d.add_paragraph("第二项工作", style="List Number")

    text, _ = read_document_text(make_docx(tmp_path, build))
    assert text.split("\n\n") == ["1.第一项工作", "2.第二项工作\n"]


def test_docx_chinese_automatic_numbering(tmp_path):
    """一、/（一）/1. produced by Word's numbering, as in many drafts from WPS/Word."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def level(ilvl, fmt, text):
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        )

    def build(d):
        numbering = d.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
                + level(0, "chineseCounting", "%1、")
                + level(1, "chineseCounting", "（%2）")
                + level(2, "decimal", "%3.")
                + "</w:abstractNum>"
            ),
        )
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
        for ilvl, text in [
            (0, "总体要求"),
            (1, "指导思想"),
            (1, "基本原则"),
            (2, "坚持创新"),
            (2, "坚持协调"),
            (0, "重点任务"),
            (1, "推进改革"),
        ]:
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="77"/></w:numPr>')
            )

    text, _ = read_document_text(make_docx(tmp_path, build))
    assert [line for line in text.split("\n") if line] == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.坚持创新",
        "2.坚持协调",
        "二、重点任务",
        "（一）推进改革",
    ]


def test_docx_text_boxes_tracked_changes_and_content_controls(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    box = "<w:txbxContent><w:p><w:r><w:t>湘政发〔2020〕1号</w:t></w:r></w:p></w:txbxContent>"

    def build(d):
        d.add_paragraph("湖南省人民政府文件")
        body = d.element.body
        body.insert(
            1,
            parse_xml(
                f"<w:p {nsdecls('w')} {vml} {mc} {wps}><w:r><w:t>锚定段落</w:t></w:r><w:r>"
                f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}'
                f"</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}"
                f"</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
                f"<w:ins><w:r><w:t>（插入）</w:t></w:r></w:ins>"
                f"<w:del><w:r><w:delText>（删除）</w:delText></w:r></w:del></w:p>"
            ),
        )
        body.insert(
            2,
            parse_xml(
                f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r>"
                f"<w:r><w:br/><w:t>换行之后</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            ),
        )

    text, _ = read_document_text(make_docx(tmp_path, build))
    assert text == ("湖南省人民政府文件\n\n锚定段落（插入）\n\n湘政发〔2020〕1号\n\n控件中的段落\n换行之后\n")


def test_docx_vertically_merged_cell_is_printed_once(tmp_path):
    def build(d):
        table = d.add_table(rows=3, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "类别", "名称"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "国家级"
        table.cell(1, 1).text, table.cell(2, 1).text = "甲园区", "乙园区"

    text, _ = read_document_text(make_docx(tmp_path, build))
    assert text == "类别\n|\n名称\n  \n国家级\n|\n甲园区\n  \n\n|\n乙园区\n  \n"


def test_chinese_counting():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零五",
        "一百一十",
    ]


def test_docx_damaged(tmp_path):
    good = make_docx(tmp_path, lambda d: d.add_paragraph("正文"))
    data = good.read_bytes()
    cut = write(tmp_path, "y.docx", data[: len(data) // 2])
    assert message(cut).startswith("damaged .docx: y.docx (")
    not_zip = write(tmp_path, "z.docx", "这不是压缩包".encode())
    assert message(not_zip) == "damaged .docx: z.docx (not a zip archive)"
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert message(write(tmp_path, "w.docx", other_zip.getvalue())).startswith("damaged .docx: w.docx (")


def test_docx_without_text(tmp_path):
    path = make_docx(tmp_path, lambda d: d.add_paragraph(""))
    assert message(path) == "no text in document: doc.docx"


# --------------------------------------------------------------------------- html

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>国务院关于印发某某规划的通知_国务院文件_中国政府网</title>
<style>.x {{ color: red }}</style><script>var s = "脚本里的中文不要";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a>政策文件库</a></li></ul></div>
<div class="crumbs">当前位置：<a>首页</a> &gt; <a>政策</a></div>
<div {attrs}>
<h1>国务院关于印发某某规划的通知</h1>
<p style="text-align:center">国发〔2021〕1号</p>
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;现将《某某规划》印发给你们，请认真贯彻
执行。</p>
<p>一、总体要求</p>
<p>（一）指导思想。坚持稳中求进<span>工作</span>总基调。<br>各地区要抓好落实。</p>
<table border="1"><tr><th>指标</th><th>2020年</th><th>2025年</th></tr>
<tr><td>园区数（个）</td><td>10</td><td>15</td></tr></table>
<p>国务院</p><p>2021年1月1日</p>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
</div>
<div class="pages_print"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="related"><h3>相关文件</h3><ul><li><a>国务院关于另一个很长很长名字的规划的通知</a></li></ul></div>
<div class="footer">版权所有：中国政府网　主办单位：国务院办公厅</div>
</body></html>
"""

ARTICLE = (
    "国务院关于印发某某规划的通知\n\n国发〔2021〕1号\n\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
    "现将《某某规划》印发给你们，请认真贯彻执行。\n\n一、总体要求\n\n"
    "（一）指导思想。坚持稳中求进工作总基调。\n\n各地区要抓好落实。\n\n"
    "指标\n|\n2020年\n|\n2025年\n  \n园区数（个）\n|\n10\n|\n15\n  \n\n"
    "国务院\n\n2021年1月1日\n"
)


@pytest.mark.parametrize("attrs", ['class="pages_content" id="UCAP-CONTENT"', 'id="zoom"', 'class="TRS_Editor"', ""])
def test_html_article_without_chrome(tmp_path, attrs):
    page = GOV_PAGE.format(attrs=attrs)
    path = write(tmp_path, "page.htm", page.encode("gb2312"))
    text, how = read_document_text(path)
    assert how == "html"
    assert text == ARTICLE
    for chrome in ("首页", "当前位置", "打印", "关闭窗口", "分享", "相关文件", "版权所有", "脚本"):
        assert chrome not in text


def test_html_title_added_when_missing_from_body(tmp_path):
    page = GOV_PAGE.format(attrs='id="UCAP-CONTENT"').replace("<h1>国务院关于印发某某规划的通知</h1>", "")
    text, _ = read_document_text(write(tmp_path, "page.html", page.encode("utf-8")))
    assert text == ARTICLE  # the <title> without its "_国务院文件_中国政府网" suffix


def test_html_without_charset_falls_back_to_detection(tmp_path):
    page = GOV_PAGE.format(attrs='class="article"').replace(" charset=gb2312", "")
    text, _ = read_document_text(write(tmp_path, "page.html", page.encode("gbk")))
    assert text == ARTICLE


def test_html_saved_as_utf8_with_a_stale_gb2312_declaration(tmp_path):
    page = GOV_PAGE.format(attrs='id="UCAP-CONTENT"')
    text, _ = read_document_text(write(tmp_path, "page.html", page.encode("utf-8")))
    assert text == ARTICLE


def test_html_with_a_few_bad_bytes_keeps_the_rest(tmp_path):
    data = GOV_PAGE.format(attrs='id="zoom"').encode("gbk").replace("版权所有".encode("gbk"), b"\x80\x80")
    text, _ = read_document_text(write(tmp_path, "page.html", data))
    assert text == ARTICLE


def test_html_old_layout_tables_are_not_pipe_tables(tmp_path):
    paragraphs = "".join(f"<p>（{n}）第{n}条规定的内容，各部门要认真执行到位。</p>" for n in "一二三")
    page = (
        "<html><head><meta charset='utf-8'><title>某某市人民政府办公室关于某某的通知</title></head><body>"
        "<table width=980><tr><td><a>首页</a> | <a>政务公开</a> | <a>办事服务</a></td></tr>"
        "<tr><td><table><tr><td width=200><a>通知公告</a><br><a>政策解读</a></td>"
        f"<td>{paragraphs}</td></tr></table></td></tr>"
        "<tr><td>主办：某某市人民政府办公室 地址：某某路1号</td></tr></table></body></html>"
    )
    text, _ = read_document_text(write(tmp_path, "old.html", page.encode("utf-8")))
    assert (
        text
        == "某某市人民政府办公室关于某某的通知\n\n"
        + "".join(f"（{n}）第{n}条规定的内容，各部门要认真执行到位。\n\n" for n in "一二三").rstrip("\n")
        + "\n"
    )


def test_html_without_text(tmp_path):
    path = write(tmp_path, "blank.html", b"<html><head><script>x=1</script></head><body> </body></html>")
    assert message(path) == "no article text found in page: blank.html"


# --------------------------------------------------------------------------- pdf


def test_pdf_text_without_page_numbers(tmp_path):
    data = make_pdf(
        [
            ["关于印发某某方案的通知", "一、总体要求", "Plain Latin text (ASCII)", "— 1 —"],
            ["（一）指导思想", "坚持稳中求进工作总基调。", "- 2 -"],
            ["附件：名单", "3"],
        ]
    )
    text, how = read_document_text(write(tmp_path, "plan.pdf", data))
    assert how == "pdf"
    assert "\f" not in text
    assert [line for line in text.split("\n") if line] == [
        "关于印发某某方案的通知",
        "一、总体要求",
        "Plain Latin text (ASCII)",
        "（一）指导思想",
        "坚持稳中求进工作总基调。",
        "附件：名单",
    ]


def test_pdf_cleaning_of_page_furniture_and_lookalikes():
    raw = "第 1 页 共 2 页\n⼀、总体要求\n\n⽅案内容\n\n12\n\f2\n第二页\n\n—2—\n\f"
    assert pdf_format.clean_text(raw) == "一、总体要求\n\n方案内容\n\n第二页\n"


def test_pdf_without_text_layer(tmp_path):
    data = make_pdf(["0 0 1 rg 72 72 400 600 re f"])  # just a filled rectangle, like a scan
    assert message(write(tmp_path, "scan.pdf", data)) == "no text layer (scanned PDF?): scan.pdf"


def test_pdf_damaged(tmp_path):
    data = make_pdf([["text"]])
    assert message(write(tmp_path, "bad.pdf", data[:60])).startswith("damaged .pdf: bad.pdf")
    assert message(write(tmp_path, "fake.pdf", "不是PDF".encode())) == "damaged .pdf: fake.pdf (no %PDF header)"


def test_content_wins_over_a_wrong_suffix(tmp_path):
    data = make_pdf([["一、总体要求"]])
    assert read_document_text(write(tmp_path, "saved-as.txt", data)) == ("一、总体要求\n", "pdf")
