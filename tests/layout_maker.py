"""Lay out paragraphs the way a 公文 is typeset, for the PDF and OFD test makers.

A4 page (210 × 297 mm), 28 mm left margin, 156 mm text width, 16 pt type
(5.6 mm, 28 characters a line), first lines indented by two characters,
titles centred; returns per page the placed lines ``(x_mm, y_mm, size_mm, text)``
with y the baseline measured from the top.
"""

from __future__ import annotations

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, WIDTH, SIZE, PITCH = 28.0, 156.8, 5.6, 10.0
TOP, LINES_PER_PAGE = 40.0, 22


def place(paragraphs: list[str], *, footer: str | None = "- {n} -", header: str | None = None) -> list[list[tuple]]:
    """Paragraphs → pages of placed lines.  A paragraph starting with ``^`` is a centred title
    (larger type); a paragraph starting with ``<`` is flush left (not indented)."""
    per_line = int(WIDTH // SIZE)
    lines: list[tuple[float, float, str]] = []  # (x, size, text)
    for paragraph in paragraphs:
        if paragraph.startswith("^"):
            text = paragraph[1:]
            size = 7.7
            lines.append((LEFT + (WIDTH - len(text) * size) / 2, size, text))
            continue
        flush = paragraph.startswith("<")
        text = paragraph[1:] if flush else paragraph
        first = per_line if flush else per_line - 2
        chunks = [text[:first]]
        rest = text[first:]
        while rest:
            chunks.append(rest[:per_line])
            rest = rest[per_line:]
        for i, chunk in enumerate(chunks):
            indent = 0 if (flush or i) else 2 * SIZE
            lines.append((LEFT + indent, SIZE, chunk))
    pages: list[list[tuple]] = []
    for start in range(0, len(lines), LINES_PER_PAGE):
        n = len(pages) + 1
        page = [
            (x, TOP + PITCH * i, size, text) for i, (x, size, text) in enumerate(lines[start : start + LINES_PER_PAGE])
        ]
        if header:
            page.insert(0, (LEFT, 20.0, 4.0, header))
        if footer:
            label = footer.format(n=n)
            page.append((PAGE_W / 2 - len(label) * 1.4, 280.0, 4.0, label))
        pages.append(page)
    return pages


def columns(title: str, left: list[str], right: list[str], per_line: int = 13) -> list[list[tuple]]:
    """One page: a centred title over two columns of indented, wrapped paragraphs."""
    page = [(LEFT + (WIDTH - len(title) * 7.0) / 2, 30.0, 7.0, title)]
    for x0, paragraphs in ((15.0, left), (110.0, right)):
        y = 50.0
        for paragraph in paragraphs:
            chunks = [paragraph[: per_line - 2]]
            rest = paragraph[per_line - 2 :]
            while rest:
                chunks.append(rest[:per_line])
                rest = rest[per_line:]
            for i, chunk in enumerate(chunks):
                page.append((x0 + (0 if i else 2 * SIZE), y, SIZE, chunk))
                y += PITCH
    return [page]


def to_pdf_pages(pages: list[list[tuple]]) -> list[str]:
    """Placed lines → raw PDF content streams for tests/pdf_maker.make_pdf (font /F2, STSong-Light)."""
    mm = 72 / 25.4
    streams = []
    for page in pages:
        ops = ["BT"]
        for x, y, size, text in page:
            ops.append(
                f"/F2 {size * mm:.2f} Tf 1 0 0 1 {x * mm:.2f} {(PAGE_H - y) * mm:.2f} Tm <{text.encode('utf-16-be').hex()}> Tj"
            )
        ops.append("ET")
        streams.append("\n".join(ops))
    return streams
