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

from . import UnreadableDocument, reason
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


def _page_lines(layout_page) -> Page:
    """A pdfminer page's text lines, with y measured down from the top of the page."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    height = layout_page.height
    runs: list[Line] = []

    def walk(element) -> None:
        if isinstance(element, LTTextLine):
            text = element.get_text().strip()
            if text:
                x0, y0, x1, y1 = element.bbox
                runs.append(Line(text, x0, x1, height - y0, max(y1 - y0, 1.0)))
        elif isinstance(element, LTTextContainer):
            for child in element:
                walk(child)

    for element in layout_page:
        walk(element)
    return Page(layout_page.width, height, lines_from_runs(runs))


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read a .pdf file's bytes; ``how`` is ``'pdf'``."""
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every odd font
    try:
        pages = [_page_lines(page) for page in extract_pages(io.BytesIO(data))]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableDocument(f"encrypted PDF, cannot read: {name} ({reason(exc)})") from exc
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError …)
        raise UnreadableDocument(f"damaged .pdf: {name} ({reason(exc)})") from exc
    text = "\n\n".join(paragraphs(pages)).translate(LOOKALIKES)
    text = text + "\n" if text.strip() else ""
    if not text.strip():
        raise UnreadableDocument(f"no text layer (scanned PDF?): {name}")
    cids = len(_CID.findall(text))
    if cids and cids * 8 > len(_CID.sub("", text).strip()):
        raise UnreadableDocument(f"PDF text has no Unicode mapping (fonts without ToUnicode): {name}")
    return text, "pdf"
