"""Rebuilding 专栏 tables from the layout Word conversion leaves behind.

In the converted text a table is a run of cells: each cell's lines, then a line
holding just ``|`` before the next cell; a row ends with a line of two spaces;
a ``---|---`` line separates the header. A first-column cell that spans several
rows is printed once, so later rows come one cell short.
"""

from __future__ import annotations

import re

from documents.model import Table
from documents.parsing.labels import match_label
from documents.parsing.noise import clean_inline

CAPTION_RE = re.compile(r"^\s*(?:\*\*)?\s*(专栏\s*\d+)\s*(.*)$")
_SEPARATOR_RE = re.compile(r"^\s*-{3,}(\s*\|\s*-{3,})*\s*$")
_NOTE_RE = re.compile(r"^(注|备注|说明)\s*[:：]")
_JOIN_WITHOUT_BREAK = "—-－~～、，,（(/"


def _is_row_end(line: str) -> bool:
    return line != "" and line.strip() == "" and "\u3000" not in line


def _cell_text(lines: list[str]) -> str:
    """Join a cell's lines: broken numbers ("500亿元—" / "1000亿元") join, list items stay on lines."""
    parts = [clean_inline(line) for line in lines]
    parts = [p for p in parts if p]
    text = ""
    for part in parts:
        if text and text[-1] not in _JOIN_WITHOUT_BREAK:
            text += "\n"
        text += part
    return text


def _read_row(lines: list[str], i: int) -> tuple[list[list[str]], int, bool]:
    """Read one row starting at ``i``: its cells (as line lists), the next index, and
    whether a row terminator was found."""
    cells: list[list[str]] = [[]]
    while i < len(lines):
        line = lines[i]
        if _is_row_end(line):
            # A row ends at a two-space line; a cell line may itself end with two spaces.
            i += 1
            return cells, i, True
        stripped = line.strip()
        cleaned = clean_inline(line)
        if cleaned and (match_label(cleaned) or CAPTION_RE.match(cleaned)):
            # A heading or the next 专栏 cannot sit inside a cell: the table is over.
            return cells, i, False
        if stripped == "|":
            cells.append([])
        elif line.endswith("  ") and stripped:
            cells[-1].append(line)
            i += 1
            if i < len(lines) and _is_row_end(lines[i]):
                i += 1
            return cells, i, True
        else:
            cells[-1].append(line)
        i += 1
    return cells, i, False


def parse_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    """The table whose caption is ``lines[start]`` and the index of the line after it; None if no table follows.

    The table's address is left empty: only the parser knows the section it belongs to.
    """
    m = CAPTION_RE.match(lines[start])
    if not m:
        return None
    label = re.sub(r"\s+", "", m.group(1))
    caption_parts = [clean_inline(m.group(2))]
    i = start + 1
    # Caption lines continue until the first line of the header row.
    header_start = None
    j = i
    while j < len(lines) and j < start + 40:
        if lines[j].strip() == "|":
            header_start = j
            break
        j += 1
    if header_start is None:
        return None
    # Walk back from the first "|" to where the first header cell starts: the
    # caption is separated from it by a blank line.
    k = header_start - 1
    while k > i and lines[k].strip() in ("", "**"):
        k -= 1
    while k > i and lines[k - 1].strip() not in ("",):
        k -= 1
    for line in lines[i:k]:
        text = clean_inline(line)
        if text:
            caption_parts.append(text)
    caption = "".join(p for p in caption_parts if p)
    i = k

    raw_rows: list[list[str]] = []
    notes: list[str] = []
    source: list[str] = []
    header: list[str] | None = None
    while i < len(lines):
        row_start = i
        cells, nxt, terminated = _read_row(lines, i)
        texts = [_cell_text(c) for c in cells]
        non_empty = [t for t in texts if t]
        if len(cells) == 1:
            only = texts[0]
            if only and _SEPARATOR_RE.match(only.replace("\n", "")):
                i = nxt
                continue
            if only and _NOTE_RE.match(only) and terminated:
                notes.append(only)
                source.append(only)
                i = nxt
                continue
            if not only and terminated and nxt - row_start <= 2:
                i = nxt
                continue
            i = row_start
            break
        if not terminated:
            i = row_start
            break
        if header is None:
            header = texts
        else:
            raw_rows.append(texts)
        source.extend(t for t in non_empty)
        i = nxt
    if header is None:
        return None
    width = len(header)
    rows: list[list[str]] = []
    for texts in raw_rows:
        if len(texts) < width and rows:
            # Leading cells span from the row above.
            texts = rows[-1][: width - len(texts)] + texts
        rows.append(texts + [""] * (width - len(texts)))
    table = Table(
        address="",
        label=label,
        caption=caption,
        columns=header,
        rows=rows,
        notes=notes,
        source_cells=[label, *([caption] if caption else []), *source],
        line=start + 1,
    )
    return table, i
