"""Text PDFs via pdfminer.six: the text layer as paragraphs, without page furniture.

pdfminer finds the text lines and their boxes; :mod:`documents.formats.layout`
drops page numbers (``- 3 -``, ``第3页 共10页``, a bare number at the top or
bottom of a page) and running header/footer lines, reads two-column pages a
column at a time and rejoins the lines of each paragraph (the same code reads
OFD).  Here we also undo the Kangxi-radical and compatibility-ideograph
look-alikes some Chinese PDF fonts map to (``⽅`` for ``方``), and say clearly
when there is no text layer (a scan) at all.  :func:`clean_text` keeps the
older line-based cleaning of plain extracted text.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from documents.errors import N_

from . import DAMAGED, UnreadableDocument, reason
from .layout import Line, Page, lines_from_runs, paragraphs

# Page numbers: "- 3 -", "— 3 —", "－3－", "·3·", "第 3 页", "第3页 共10页", "3 / 10", "Page 3".
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‐―─·•]+\s*\d{1,4}\s*[-—–－‐―─·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CID = re.compile(r"\(cid:\d+\)")


def _lookalike_table() -> dict[int, str]:
    """Kangxi radicals (U+2F00…), CJK compatibility ideographs and ligatures → normal characters."""
    table = {}
    for start, end in ((0x2F00, 0x2FD6), (0xF900, 0xFADA), (0xFB00, 0xFB07), (0x2E80, 0x2EF4)):
        for code in range(start, end):
            normal = unicodedata.normalize("NFKC", chr(code))
            if normal != chr(code):
                table[code] = normal
    return table


LOOKALIKES = _lookalike_table()


def clean_page(page: str) -> list[str]:
    """A page's lines without page-number lines; a bare number only at its top or bottom."""
    lines = [line.strip() for line in page.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    filled = [i for i, line in enumerate(lines) if line]
    for i in filled[:1] + filled[-1:]:
        if _BARE_NUMBER.match(lines[i]):
            lines[i] = ""
    return lines


def clean_text(raw: str) -> str:
    """pdfminer output → our text: pages joined, furniture dropped, look-alikes fixed."""
    lines: list[str] = []
    for page in raw.split("\f"):
        lines.extend(clean_page(page))
    text = "\n".join(lines).translate(LOOKALIKES)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


def _pages(data: bytes) -> list[Page]:
    """Each page's characters grouped into lines, y measured down from the top of the page.

    Characters rather than pdfminer's own text lines: a glyph from a fallback
    font (a “ in a CJK line) often lands in a text box of its own."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for pdf_page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(pdf_page)
        layout_page = device.get_result()
        height = layout_page.height
        chars: list[Line] = []
        stack = list(layout_page)
        while stack:
            element = stack.pop()
            if isinstance(element, LTChar):
                text = element.get_text()
                if text.strip():
                    size = element.size or (element.y1 - element.y0) or 1.0
                    chars.append(Line(text, element.x0, element.x1, height - element.y0, abs(size)))
            elif isinstance(element, LTContainer):
                stack.extend(element)
        pages.append(Page(layout_page.width, height, lines_from_runs(chars)))
    return pages


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read a .pdf file's bytes; ``how`` is ``'pdf'``."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every odd font
    try:
        text = "\n\n".join(paragraphs(_pages(data))).translate(LOOKALIKES)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableDocument(
            N_("encrypted PDF, cannot read: {name} ({detail})"), name=name, detail=reason(exc)
        ) from exc
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError …)
        raise UnreadableDocument(DAMAGED, kind=".pdf", name=name, detail=reason(exc)) from exc
    text = text + "\n" if text.strip() else ""
    if not text.strip():
        raise UnreadableDocument(N_("no text layer (scanned PDF?): {name}"), name=name)
    cids = len(_CID.findall(text))
    if cids and cids * 8 > len(_CID.sub("", text).strip()):
        raise UnreadableDocument(N_("PDF text has no Unicode mapping (fonts without ToUnicode): {name}"), name=name)
    return text, "pdf"
