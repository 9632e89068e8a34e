""".docx headings whose numbers come from Word's automatic numbering, directly or through a heading style."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from documents.contract import outline_entries
from documents.formats.reading import read_document_text
from documents.formats.word_numbering import format_number
from documents.parsing.parser import parse_text


def _levels(*levels: tuple[str, str, str]) -> str:
    """``(numFmt, lvlText, extra XML)`` per level."""
    return "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="nothing"/>{extra}</w:lvl>'
        for i, (fmt, text, extra) in enumerate(levels)
    )


def add_list(document, num_id: int, levels: str) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    first = numbering.find(parse_xml(f"<w:num {nsdecls('w')}/>").tag)
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def numbered(paragraph, num_id: int, ilvl: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def style_numbered(document, style_name: str, num_id: int, ilvl: int | None) -> None:
    style = document.styles[style_name]
    lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}>{lvl}<w:numId w:val="{num_id}"/></w:numPr>')
    )


def outline(path: Path) -> list[tuple[int, str, str]]:
    text, how = read_document_text(path)
    return [(e["level"], e["label"], e["text"]) for e in outline_entries(parse_text(text, "d", path, how))]


FRONT = ["某某市人民政府关于印发数据共享方案的通知", "各区人民政府：", "现将方案印发给你们，请认真贯彻执行。"]


def test_heading_styles_linked_to_a_chinese_list(tmp_path):
    """标题 1 / 标题 2 carry 一、 / （一） from a list linked to the styles (Word's 多级列表 → 链接到样式)."""
    document = docx.Document()
    add_list(
        document,
        77,
        _levels(
            ("chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/>'),
            ("chineseCounting", "（%2）", '<w:pStyle w:val="Heading2"/>'),
        ),
    )
    style_numbered(document, "Heading 1", 77, 0)
    style_numbered(document, "Heading 2", 77, None)  # level found from the list's pStyle link
    for line in FRONT:
        document.add_paragraph(line)
    for style, text in [
        ("Heading 1", "总体要求"),
        ("Heading 2", "指导思想"),
        (None, "坚持系统观念。"),
        ("Heading 2", "工作目标"),
        ("Heading 1", "保障措施"),
        ("Heading 2", "加强组织领导"),
    ]:
        document.add_paragraph(text, style=style)
    document.save(tmp_path / "a.docx")
    assert outline(tmp_path / "a.docx") == [
        (1, "一", "总体要求"),
        (2, "（一）", "指导思想"),
        (2, "（二）", "工作目标"),
        (1, "二", "保障措施"),
        (2, "（一）", "加强组织领导"),
    ]


def test_chapters_and_articles_numbered_without_restart(tmp_path):
    """第X章 / 第X条 where articles run on across chapters (lvlRestart 0)."""
    document = docx.Document()
    add_list(
        document,
        78,
        _levels(("chineseCounting", "第%1章", ""), ("chineseCounting", "第%2条", '<w:lvlRestart w:val="0"/>')),
    )
    for line in FRONT:
        document.add_paragraph(line)
    for ilvl, text in [
        (0, "总则"),
        (1, "为了规范管理，制定本办法。"),
        (1, "本办法适用于本市。"),
        (0, "附则"),
        (1, "本办法自发布之日起施行。"),
    ]:
        numbered(document.add_paragraph(text), 78, ilvl)
    document.save(tmp_path / "b.docx")
    text, _ = read_document_text(tmp_path / "b.docx")
    assert "第一章 总则" in text and "第三条 本办法自发布之日起施行。" in text


def test_number_formats_of_chinese_documents():
    assert format_number(3, "decimalEnclosedParen") == "(3)"
    assert format_number(2, "ideographEnclosedCircle") == "㈡"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"
    assert format_number(11, "chineseCounting") == "十一"
    assert format_number(4, "decimalEnclosedCircleChinese") == "④"
    assert format_number(7, "decimalFullWidth") == "７"


def test_decimal_paren_list_under_a_chinese_heading(tmp_path):
    document = docx.Document()
    add_list(
        document,
        79,
        _levels(("chineseCounting", "%1、", ""), ("decimal", "%2.", ""), ("decimalEnclosedParen", "%3", "")),
    )
    for line in FRONT:
        document.add_paragraph(line)
    for ilvl, text in [(0, "重点任务"), (1, "推进数据共享。"), (2, "建立目录。"), (2, "完善机制。"), (1, "强化安全。")]:
        numbered(document.add_paragraph(text), 79, ilvl)
    document.save(tmp_path / "c.docx")
    lines = [line for line in read_document_text(tmp_path / "c.docx")[0].split("\n") if line]
    assert lines[-5:] == ["一、重点任务", "1.推进数据共享。", "(1)建立目录。", "(2)完善机制。", "2.强化安全。"]
