"""Paragraphs from positioned lines of text, shared by the PDF and OFD readers.

Why: a PDF or OFD page is text placed at coordinates, not paragraphs.  Both
readers hand this module each page's lines (text, left and right edge,
baseline, type size, all in the page's own units with y growing downwards)
and get back one paragraph per line of output, the way the parser expects:

* page furniture goes: page numbers (``- 3 -``, ``第3页 共10页``, a bare
  number at the top or bottom of a page) and running header/footer lines that
  repeat near the top or bottom edge of most pages;
* a two-column page is read left column first, then the right one;
* lines are rejoined into paragraphs the way 公文 are typeset: a paragraph
  ends where a line stops short of the right margin, and a new one starts at
  an indented line (首行缩进), a numbered heading (一、 （一） 1. 第X条), a change
  of type size or a larger vertical gap.  Joining only happens when the text
  is really wrapped (enough lines reach the right margin); a file of short
  lines keeps one paragraph per line.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

# Page numbers: "- 3 -", "— 3 —", "－3－", "·3·", "第 3 页", "第3页 共10页", "3 / 10", "Page 3".
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‐―─·•]+\s*\d{1,4}\s*[-—–－‐―─·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A line that opens a numbered item always starts a paragraph.
_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|[㈠-㈩]"
    r"|[0-9０-９]{1,3}(?:[.．﹒][0-9]{1,3})*(?:[、．.﹒]|\s)"
    r"|[（(][0-9０-９]{1,3}[）)]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇0-9]+[章节条部分篇])"
)
# A line ending more than this many type sizes before the right margin ends its paragraph
# (ragged, left-aligned text breaks up to two characters early: 禁则 keeps ） and 。 off a line start).
_SHORT = 3.0
_EDGE_BAND = 0.09  # share of the page height at the top and bottom where running lines sit


@dataclass
class Line:
    """One visual line: text, left/right edge, baseline (y down) and type size."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    column: int = field(default=0, compare=False)


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]


def lines_from_runs(runs: list[Line], gap: float = 3.0) -> list[Line]:
    """Group text runs (or single characters) whose baselines agree into lines, left to right.

    Runs on one baseline further apart than ``gap`` type sizes stay separate
    lines (columns, table cells).  A space goes between runs that leave a gap
    between Latin letters or digits.
    """
    bands: list[list[Line]] = []
    for run in sorted((r for r in runs if r.text.strip()), key=lambda r: r.y):
        if bands and run.y - bands[-1][0].y <= 0.5 * max(run.size, bands[-1][0].size, 0.1):
            bands[-1].append(run)
        else:
            bands.append([run])
    out: list[Line] = []
    for band in bands:
        line: Line | None = None
        for run in sorted(band, key=lambda r: r.x0):
            if line is not None and run.x0 - line.x1 <= gap * max(run.size, line.size):
                space = run.x0 - line.x1
                joiner = " " if space > 0.25 * run.size and _latin_edge(line.text, run.text) else ""
                line.text += joiner + run.text
                line.x1 = max(line.x1, run.x1)
                line.size = max(line.size, run.size)
                continue
            line = Line(run.text, run.x0, run.x1, band[0].y, run.size)
            out.append(line)
    return out


def _latin_edge(left: str, right: str) -> bool:
    return bool(left) and bool(right) and left[-1].isascii() and right[0].isascii()


def _is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.replace(" ", "")) or PAGE_NUMBER.match(text))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[Page]) -> list[Page]:
    """Pages without page numbers and running header/footer lines."""
    edge_counts: Counter[str] = Counter()
    for page in pages:
        seen = set()
        for line in page.lines:
            if _at_edge(line, page):
                seen.add(_furniture_key(line.text))
        edge_counts.update(seen)
    repeated = {key for key, n in edge_counts.items() if len(pages) >= 2 and n >= max(2, 0.5 * len(pages))}
    out = []
    for page in pages:
        kept = [
            line
            for line in page.lines
            if line.text.strip()
            and not _is_page_number(line.text.strip())
            and not (_at_edge(line, page) and _furniture_key(line.text) in repeated)
        ]
        # a bare number as the first or last line of a page is a page number
        for index in (0, -1):
            if kept and BARE_NUMBER.match(kept[index].text.strip()):
                kept.pop(index)
        out.append(Page(page.width, page.height, kept))
    return out


def _at_edge(line: Line, page: Page) -> bool:
    return page.height > 0 and (line.y < _EDGE_BAND * page.height or line.y > (1 - _EDGE_BAND) * page.height)


def reading_order(page: Page) -> list[Line]:
    """The page's lines in reading order; a two-column stretch reads left, then right.

    Marks each line's ``column`` (0 full width, 1 left, 2 right).
    """
    lines = sorted(page.lines, key=lambda line: (line.y, line.x0))
    if page.width <= 0 or len(lines) < 6:
        return lines
    mid = page.width / 2
    slack = 0.02 * page.width
    left = [line for line in lines if line.x1 <= mid + slack]
    right = [line for line in lines if line.x0 >= mid - slack]
    if len(left) < 3 or len(right) < 3:
        return lines
    # both columns must run side by side: right-column lines level with left-column lines
    left_ys = [line.y for line in left]
    beside = sum(any(abs(r.y - y) < 2 * r.size for y in left_ys) for r in right)
    wide = [line for line in right if line.x1 - line.x0 > 0.2 * page.width]
    if beside < 3 or beside < 0.5 * len(right) or len(wide) < 2:
        return lines
    out: list[Line] = []
    pending_left: list[Line] = []
    pending_right: list[Line] = []
    for line in lines:
        if line.x1 <= mid + slack:
            line.column = 1
            pending_left.append(line)
        elif line.x0 >= mid - slack:
            line.column = 2
            pending_right.append(line)
        else:  # a full-width line (a title over both columns) ends the stretch
            out.extend(pending_left + pending_right)
            pending_left, pending_right = [], []
            out.append(line)
    out.extend(pending_left + pending_right)
    return out


def _margins(lines: list[Line]) -> dict[int, tuple[float, float, float]]:
    """Per column: (left margin, right margin, share of lines reaching the right margin)."""
    out = {}
    by_column: dict[int, list[Line]] = {}
    for line in lines:
        by_column.setdefault(line.column, []).append(line)
    for column, group in by_column.items():
        size = statistics.median(line.size for line in group) or 1.0
        left = float(Counter(round(line.x0) for line in group).most_common(1)[0][0])
        rights = sorted(line.x1 for line in group)
        right = rights[int(0.9 * (len(rights) - 1))]
        full = sum(line.x1 >= right - _SHORT * size for line in group)
        wide_enough = right - left >= 12 * size
        share = full / len(group) if wide_enough and full >= 3 else 0.0
        out[column] = (left, right, share)
    return out


def paragraphs(pages: list[Page]) -> list[str]:
    """The text of ``pages`` as paragraphs (furniture dropped, columns in order, lines rejoined)."""
    pages = drop_furniture(pages)
    ordered = [reading_order(page) for page in pages]
    every = [line for page in ordered for line in page]
    if not every:
        return []
    margins = _margins(every)
    out: list[str] = []
    prev: Line | None = None
    pitch = _typical_pitch(ordered)
    for page_lines in ordered:
        previous_on_page: Line | None = None
        for line in page_lines:
            text = line.text.strip()
            if prev is not None and out and _continues(prev, line, previous_on_page, margins, pitch):
                # a word wrapped between Latin words gets its space back; digits and CJK do not
                spaced = out[-1][-1:].isascii() and out[-1][-1:].isalpha() and text[:1].isascii() and text[:1].isalpha()
                out[-1] += " " + text if spaced else text
            else:
                out.append(text)
            prev = line
            previous_on_page = line
    return out


def _typical_pitch(pages: list[list[Line]]) -> float:
    steps = [
        round(b.y - a.y, 1) for page in pages for a, b in itertools.pairwise(page) if a.column == b.column and b.y > a.y
    ]
    return statistics.median(steps) if steps else 0.0


def _continues(
    prev: Line,
    line: Line,
    previous_on_page: Line | None,
    margins: dict[int, tuple[float, float, float]],
    pitch: float,
) -> bool:
    """Whether ``line`` carries on the paragraph that ``prev`` is part of."""
    left, _, share = margins.get(line.column, (0.0, 0.0, 0.0))
    prev_right = margins.get(prev.column, (0.0, 0.0, 0.0))[1]
    if share < 0.25:  # text not wrapped at a margin: one paragraph per line
        return False
    size = max(line.size, 0.1)
    if prev.x1 < prev_right - _SHORT * size:  # the previous line stopped short
        return False
    if line.x0 > left + 1.2 * size:  # indented: a new paragraph (or a centred line)
        return False
    if abs(line.size - prev.size) > 0.15 * size:
        return False
    if _LABEL.match(line.text.strip()):
        return False
    if previous_on_page is not None and pitch and line.column == prev.column:
        return line.y - prev.y <= 1.6 * pitch
    return True
