"""Word .docx: body paragraphs and tables, in order, as Word's plain-text export shows them.

Why not ``Document.paragraphs``/``tables``: those lose the interleaving of
paragraphs and tables, skip text inside tracked insertions, content controls
and text boxes (红头 and 文号 often sit in one), and omit automatic numbering.
So this walks the body XML itself and uses python-docx only to open the
package and to find the numbering and styles parts.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn

from . import DAMAGED, NO_TEXT, UnreadableDocument, reason
from .tables import CELL_SEPARATOR, ROW_END, join_blocks, pipe_layout
from .word_numbering import Numbering

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_TXBX = qn("w:txbxContent")
_SKIP = {
    _MC_FALLBACK,  # duplicate of the mc:Choice content
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:instrText"),
    qn("w:delText"),
    qn("w:footnoteReference"),
    qn("w:endnoteReference"),
}
_PUNCTUATION_END = tuple("、.．。，,:：）)]】」』")


class _Reader:
    """Walks the body XML; blocks are ``(is_table, lines)`` in reading order."""

    def __init__(self, document) -> None:
        self.numbering = Numbering(document)

    def blocks(self, parent) -> Iterator[tuple[bool, list[str]]]:
        for child in parent:
            tag = child.tag
            if tag == _P:
                yield from self.paragraph(child)
            elif tag == _TBL:
                yield True, self.table(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag != qn("w:sectPr"):  # w:sdt, w:sdtContent, w:customXml, mc:AlternateContent …
                yield from self.blocks(child)

    def paragraph(self, p) -> Iterator[tuple[bool, list[str]]]:
        """The paragraph's lines (a soft line break starts a new line), then any text boxes."""
        boxes: list = []
        parts: list[str] = []
        self._inline(p, parts, boxes)
        text = "".join(parts).strip()
        label = self.numbering.label(p)
        if text and label:
            separator = "" if label.endswith(_PUNCTUATION_END) else " "
            text = f"{label}{separator}{text}"
        if text:
            yield False, [line.strip() for line in text.split("\n") if line.strip()]
        for box in boxes:
            yield from self.blocks(box)

    def _inline(self, el, parts: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag == _CR or (tag == _BR and child.get(qn("w:type"), "textWrapping") == "textWrapping"):
                parts.append("\n")
            elif tag == _TXBX:
                boxes.append(child)
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
            else:
                self._inline(child, parts, boxes)

    def table(self, tbl) -> list[str]:
        rows = []
        for tr in self._children(tbl, _TR):
            cells = []
            for tc in self._children(tr, _TC):
                lines: list[str] = []
                for is_table, block in self.blocks(tc):
                    lines.extend(self._flatten(block) if is_table else block)
                cells.append(lines)
            rows.append(cells)
        return pipe_layout(rows)

    @staticmethod
    def _flatten(block: list[str]) -> list[str]:
        """A table nested in a cell becomes one line per row of that cell."""
        out: list[str] = []
        row: list[str] = []
        for line in block:
            if line == ROW_END:
                out.append(" ".join(cell for cell in row if cell))
                row = []
            elif line != CELL_SEPARATOR:
                row.append(line.strip())
        return out

    def _children(self, el, tag) -> Iterator:
        """Direct ``tag`` children of ``el``, looking through w:sdt/w:customXml wrappers."""
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                yield from self._children(child, tag)


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read a .docx file's bytes; ``how`` is ``'docx'``."""
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_Reader(document).blocks(document.element.body))
    except Exception as exc:  # python-docx/zipfile/lxml raise many types for broken files
        raise UnreadableDocument(DAMAGED, kind=".docx", name=name, detail=reason(exc)) from exc
    text = join_blocks(blocks)
    if not text.strip():
        raise UnreadableDocument(NO_TEXT, name=name)
    return text, "docx"
