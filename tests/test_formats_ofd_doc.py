"""OFD (GB/T 33190) and legacy OLE .doc/.wps read into the same text and outline as a .txt.

Every fixture is built here: OFD as a zip of the minimal XML (tests/ofd_maker.py,
lines typeset as a 公文 by tests/layout_maker.py), .doc as an OLE compound file
with a Word 97 FIB and piece table (tests/doc_maker.py).  A LibreOffice-made
.doc is read as well when ``soffice`` is installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from doc_maker import compound_file, make_doc
from layout_maker import place
from ofd_maker import make_ofd

from documents.contract import outline_entries
from documents.formats.reading import UnreadableDocument, read_document_text
from documents.parsing.parser import parse_text

PARAGRAPHS = [
    "^某某市人民政府关于加快推进数字政府建设的实施意见",
    "<各区人民政府，市政府各部门：",
    "为深入贯彻落实国家关于加强数字政府建设的决策部署，加快推进我市数字政府建设，现提出如下意见。",
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心，统筹发展和安全，以数据赋能为主线，全面提升政府履职能力和治理水平，推动政务服务从“能办”向“好办”转变。",
    "（二）工作目标",
    "到2025年，数字政府建设取得重要进展，政务数据共享开放水平明显提升，一网通办、一网统管、一网协同能力全面增强，群众和企业办事更加便捷。",
    "二、重点任务",
    "（一）夯实数字基础设施",
    "统筹建设全市政务云平台和电子政务外网，推动各部门非涉密业务系统全部上云，提高资源利用效率，"
    "强化网络安全防护，建立健全安全管理制度，定期开展安全检查和应急演练，切实保障数据安全和个人信息安全。" * 3,
    "（二）推进数据共享开放",
    "建立全市统一的公共数据资源目录，完善数据共享交换机制。",
]
TEXT = "\n\n".join(p.lstrip("^<") for p in PARAGRAPHS) + "\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def message(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document_text(path)
    text = str(info.value)
    assert "\n" not in text and text.strip() == text and path.name in text
    return text


def outline(text: str) -> list[tuple[int, str, str]]:
    document = parse_text(text, "doc")
    return [(e["level"], e["label"], e["text"]) for e in outline_entries(document)]


# --------------------------------------------------------------------------- OFD


def test_ofd_lines_rejoin_into_the_paragraphs_of_the_text(tmp_path):
    pages = place(PARAGRAPHS, header="某某市人民政府办公室", footer="- {n} -")
    assert len(pages) >= 2  # running header and page numbers on every page
    text, how = read_document_text(write(tmp_path, "意见.ofd", make_ofd(pages)))
    assert how == "ofd"
    assert text == TEXT
    assert outline(text) == outline(TEXT)
    assert [(level, label) for level, label, _ in outline(text)] == [
        (1, "一"),
        (2, "（一）"),
        (2, "（二）"),
        (1, "二"),
        (2, "（一）"),
        (2, "（二）"),
    ]


def test_ofd_custom_data_of_an_e_document_becomes_labelled_metadata_lines(tmp_path):
    custom = {"发文字号": "某政发〔2024〕5号", "发文机关": "某某市人民政府", "成文日期": "2024年3月1日", "密级": "无"}
    data = make_ofd(place(PARAGRAPHS[:4]), title="意见.wps", custom=custom)
    text, _ = read_document_text(write(tmp_path, "a.ofd", data))
    head = "发文字号：某政发〔2024〕5号\n\n发文机关：某某市人民政府\n\n成文日期：2024年3月1日\n\n正文\n\n"
    assert text.startswith(head + "某某市人民政府关于加快推进数字政府建设的实施意见\n\n")


def test_ofd_named_otherwise_is_still_read_as_ofd(tmp_path):
    data = make_ofd(place(PARAGRAPHS[:4]))
    assert read_document_text(write(tmp_path, "意见.zip.txt", data))[1] == "ofd"


def test_ofd_text_codes_without_indentation_stay_one_paragraph_per_line(tmp_path):
    pages = [
        [(20.0, 30.0 + 10 * i, 5.0, text) for i, text in enumerate(["一、总体要求", "坚持系统观念。", "二、保障措施"])]
    ]
    text, _ = read_document_text(write(tmp_path, "a.ofd", make_ofd(pages)))
    assert text == "一、总体要求\n\n坚持系统观念。\n\n二、保障措施\n"


def test_broken_ofd_files_give_one_line(tmp_path):
    assert message(write(tmp_path, "a.ofd", b"not a zip at all")).startswith("damaged .ofd: a.ofd")
    assert message(write(tmp_path, "cut.ofd", make_ofd(place(PARAGRAPHS))[:300])).startswith("damaged .ofd: cut.ofd")
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("readme.txt", "no OFD.xml here")
    assert message(write(tmp_path, "b.ofd", empty.getvalue())).startswith("damaged .ofd: b.ofd")
    blank = make_ofd([[]])
    assert message(write(tmp_path, "scan.ofd", blank)) == "no text in document (scanned OFD?): scan.ofd"


def test_ofd_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", "<OFD/>")
        for i in range(3):
            z.writestr(f"Doc_0/big{i}.xml", b"\0" * (100 * 2**20))
    data = bomb.getvalue()
    assert len(data) < 2 * 2**20
    assert "too large" in message(write(tmp_path, "bomb.ofd", data))


def test_ofd_xml_with_entities_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("OFD.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><OFD>&a;</OFD>')
    assert message(write(tmp_path, "ent.ofd", out.getvalue())).startswith("damaged .ofd: ent.ofd")


# --------------------------------------------------------------------------- .doc / .wps

DOC_PIECES = [
    "某某市人民政府关于印发数据共享方案的通知\r某政发〔2024〕5号\r各区人民政府：\r",
    '一、总体要求\r（一）指导思想。坚持统筹推进，详见\x13 HYPERLINK "https://example.org" \x14网站\x15说明。\r',
    b"Annex A (ASCII piece)\r",
    "项目\x07责任单位\x07\x07数据共享\x07市政务服务数据管理局\x07\x07",
    "二、保障措施\r加强组织领导。\x0b第二行\r",
]
DOC_TEXT = (
    "某某市人民政府关于印发数据共享方案的通知\n\n某政发〔2024〕5号\n\n各区人民政府：\n\n"
    "一、总体要求\n\n（一）指导思想。坚持统筹推进，详见网站说明。\n\n"
    "Annex A (ASCII piece)\n\n"
    "项目\n|\n责任单位\n  \n数据共享\n|\n市政务服务数据管理局\n  \n\n"
    "二、保障措施\n\n加强组织领导。\n第二行\n"
)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_word97_piece_table_text_fields_and_table(tmp_path, suffix):
    text, how = read_document_text(write(tmp_path, f"通知{suffix}", make_doc(DOC_PIECES)))
    assert (text, how) == (DOC_TEXT, "doc")
    document = parse_text(text, "doc")
    assert [(e["level"], e["label"]) for e in outline_entries(document)] == [(1, "一"), (2, "（一）"), (1, "二")]
    assert document.meta.doc_number == "某政发〔2024〕5号"


def test_doc_automatic_numbering_is_printed(tmp_path):
    """一、/（一） from a list (sprmPIlfo/sprmPIlvl in the paragraphs' PAPX, levels in the PlfLst)."""
    pieces = ["数据共享方案\r总体要求\r指导思想\r坚持系统观念。\r工作目标\r保障措施\r加强组织领导\r"]
    data = make_doc(pieces, numbered={1: 0, 2: 1, 4: 1, 5: 0, 6: 1}, levels=[(37, "\x00、"), (37, "（\x01）")])
    text, _ = read_document_text(write(tmp_path, "n.doc", data))
    assert text.split("\n\n") == [
        "数据共享方案",
        "一、总体要求",
        "（一）指导思想",
        "坚持系统观念。",
        "（二）工作目标",
        "二、保障措施",
        "（一）加强组织领导\n",
    ]
    arabic = make_doc(["甲\r乙\r丙\r"], numbered={0: 0, 1: 1, 2: 1}, levels=[(0, "\x00."), (27, "\x01")])
    assert read_document_text(write(tmp_path, "m.doc", arabic))[0] == "1.甲\n\n(1)乙\n\n(2)丙\n"


def test_web_page_or_rtf_saved_as_doc(tmp_path):
    page = "<html><head><meta charset='utf-8'></head><body><p>一、总体要求</p><p>坚持系统观念。</p></body></html>"
    text, how = read_document_text(write(tmp_path, "web.doc", page.encode()))
    assert how == "html" and "一、总体要求" in text
    assert message(write(tmp_path, "r.doc", b"{\\rtf1\\ansi hello}")) == (
        "an RTF file named .doc, not supported: r.doc; save it as .docx"
    )


def test_doc_saved_as_txt_is_read_as_doc(tmp_path):
    assert read_document_text(write(tmp_path, "old.txt", make_doc(DOC_PIECES)))[1] == "doc"


def test_broken_and_encrypted_doc_give_one_line(tmp_path):
    assert message(write(tmp_path, "x.doc", b"whatever")) == "damaged .doc: x.doc (not an OLE compound file)"
    data = make_doc(DOC_PIECES)
    assert message(write(tmp_path, "cut.doc", data[:1000])).startswith("damaged .doc: cut.doc")
    assert message(write(tmp_path, "locked.doc", make_doc(DOC_PIECES, encrypted=True))) == (
        "encrypted .doc, cannot read: locked.doc"
    )
    works = compound_file({"CONTENTS": b"\0" * 100})
    assert message(write(tmp_path, "works.wps", works)) == (
        "not a Word-format .wps: works.wps (a Works or old WPS file)"
    )
    ooxml_locked = compound_file({"EncryptionInfo": b"\0" * 10, "EncryptedPackage": b"\0" * 10})
    assert message(write(tmp_path, "locked2.doc", ooxml_locked)) == "encrypted .doc, cannot read: locked2.doc"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_made_doc_reads_like_the_docx(tmp_path):
    from test_formats_word import _levels, add_list, numbered

    document = docx.Document()
    add_list(document, 71, _levels(("chineseCounting", "%1、", ""), ("chineseCounting", "（%2）", "")))
    for line in ("某某市人民政府关于印发方案的通知", "一、总体要求", "（一）指导思想。坚持以人民为中心。"):
        document.add_paragraph(line)
    for ilvl, line in ((0, "重点任务"), (1, "推进数据共享。"), (1, "强化安全保障。")):
        numbered(document.add_paragraph(line), 71, ilvl)
    table = document.add_table(rows=2, cols=2)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"格{i}{j}"
    document.add_paragraph("二、保障措施")
    document.save(tmp_path / "src.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "src.docx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert read_document_text(tmp_path / "src.doc") == (read_document_text(tmp_path / "src.docx")[0], "doc")


def test_word6_doc_reads_its_text_range(tmp_path):
    text = "一、总体要求\r坚持系统观念。\r".encode("gbk")
    word = bytearray(0x200) + text
    word[0:4] = bytes.fromhex("eca56500")  # wIdent, nFib 0x65 (Word 6)
    word[0x18:0x20] = (0x200).to_bytes(4, "little") + (0x200 + len(text)).to_bytes(4, "little")
    data = compound_file({"WordDocument": bytes(word)})
    assert read_document_text(write(tmp_path, "old6.doc", data)) == ("一、总体要求\n\n坚持系统观念。\n", "doc")


@pytest.mark.parametrize("suffix", [".doc", ".ofd"])
def test_corrupted_files_always_give_one_line_or_text(tmp_path, suffix):
    import random

    rnd = random.Random(11)
    data = make_doc(DOC_PIECES) if suffix == ".doc" else make_ofd(place(PARAGRAPHS))
    for i in range(120):
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 20)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        if rnd.random() < 0.2:
            damaged = damaged[: rnd.randrange(len(damaged))]
        path = write(tmp_path, f"f{i}{suffix}", bytes(damaged))
        try:
            text, _ = read_document_text(path)
        except UnreadableDocument as exc:
            assert "\n" not in str(exc) and path.name in str(exc)
        else:
            assert isinstance(text, str)
