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

    grid = read_grid(lines, k)
    if grid is None:
        return None
    header, rows, notes, source, i = grid
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


Grid = tuple[list[str], list[list[str]], list[str], list[str], int]


def read_grid(lines: list[str], i: int) -> Grid | None:
    """The pipe-layout grid starting at ``lines[i]``: header, rows, notes, source cells, next index."""
    raw_rows: list[list[str]] = []
    notes: list[str] = []
    source: list[str] = []
    header: list[str] | None = None
    while i < len(lines):
        row_start = i
        if header is not None and lines[i] == "" and (i + 1 >= len(lines) or lines[i + 1].strip() != "|"):
            # A blank line is an empty first cell only when a cell separator follows; else the table is over.
            break
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
    return header, rows, notes, source, i


TABLE_LABEL_RE = _LABEL_RE = re.compile(r"^(附件|附表|表|专栏|附录)\s*([\d一二三四五六七八九十]{1,3})\s*[：:]?\s*(.*)$")
_CAPTION_END_RE = re.compile(r"(?:表|清单|一览|名单|名册|目录|情况|指标|计划|汇总|统计|分工)[）)]?$")


def caption_of(lines: list[str]) -> tuple[str, str]:
    """Label and caption of a table from the short lines printed just above it."""
    label, caption = "", []
    for line in lines:
        m = _LABEL_RE.match(line)
        if m and not label:
            label = re.sub(r"\s+", "", m.group(1) + m.group(2))
            if m.group(3):
                caption.append(m.group(3))
        elif not re.match(r"^\s*单位\s*[:：]", line) and not (caption and re.search(r"[:：]", line)):
            # 单位：人 is a note; a line of form fields (申领单位（公章）：…) under the title is not the caption
            caption.append(line)
    return label, "".join(caption)


def is_caption_line(line: str) -> bool:
    """A short line that can name the table below it (附件1 / 表2 / …一览表 / （2025年））."""
    text = line.strip()
    if not text or len(text) > 60 or text[-1] in "。；;，,":
        return False
    return bool(
        _LABEL_RE.match(text)
        or _CAPTION_END_RE.search(text)
        or re.fullmatch(r"[（(][^）)]{0,12}[）)]", text)
        or text.startswith("单位")
    )


def grid_table(lines: list[str], start: int, above: list[str]) -> tuple[Table, int] | None:
    """A table in the pipe layout without a 专栏 caption; ``above`` are caption lines printed before it."""
    grid = read_grid(lines, start)
    if grid is None:
        return None
    header, rows, notes, source, end = grid
    if not rows and len(header) < 2:
        return None
    header, rows = _second_header_row(header, rows)
    return _named_table(above, header, rows, notes, source, start), end


def _named_table(
    above: list[str], columns: list[str], rows: list[list[str]], notes: list[str], source: list[str], start: int
) -> Table:
    """A table named by the lines above it: label (附件1 …), else its caption, else 表."""
    label, caption = caption_of(above)
    return Table("", label or caption[:20] or "表", caption, columns, rows, notes, [*above, *source], start + 1)


def _second_header_row(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A header printed over two rows (a spanning 分年度 over 1996年 / 1997年 …) is one header.

    The second row is a header too when it holds no figures while the rows
    below it do; its cells name the columns, the first row's fill the gaps.
    """
    if len(rows) < 3:
        return header, rows

    def figures(row: list[str]) -> int:
        return sum(bool(re.fullmatch(r"[\d.,%％\s-]+", c)) for c in row if c)

    if figures(rows[0]) == 0 and all(figures(r) > 0 for r in rows[1:3]) and figures(header) == 0:
        merged = [low or high for high, low in zip(header, rows[0], strict=False)]
        return merged, rows[1:]
    return header, rows


def markdown_table(lines: list[str], start: int, above: list[str]) -> tuple[Table, int] | None:
    """A Markdown pipe table (``| a | b |`` over ``|---|---|``)."""
    rows: list[list[str]] = []
    rules: list[str] = []
    i = start
    while i < len(lines) and lines[i].strip().startswith("|") and lines[i].strip().count("|") >= 2:
        cells = [clean_inline(c) for c in lines[i].strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c.replace(" ", "")) for c in cells if c):
            rules.append("".join(cells))
        else:
            rows.append(cells)
        i += 1
    if len(rows) < 2:
        return None
    width = len(rows[0])
    body = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in rows[1:]]
    # The ---|--- rule is kept with the cells so the table still accounts for every character.
    source = [c for c in rows[0] if c] + rules + [c for r in rows[1:] for c in r if c]
    return _named_table(above, rows[0], body, [], source, start), i


def flattened_table(lines: list[str], start: int, above: list[str]) -> tuple[Table, int] | None:
    """A table whose cells were flattened to one paragraph each, numbered by a 序号 column.

    Word-to-text exports print ``序号`` / ``类型`` / … / ``1`` / ``保护修缮`` / …
    one cell per paragraph. The header runs up to the first ``1``; each row
    runs from its number to the next; a short row had its leading cells merged
    with the row above, so those are repeated.
    """
    cleaned = ((i, clean_inline(lines[i])) for i in range(start, min(len(lines), start + 4000)))
    cells = [(i, text) for i, text in cleaned if text]
    if not cells or cells[0][1] != "序号":
        return None
    try:
        first = next(k for k, (_, t) in enumerate(cells) if t == "1")
    except StopIteration:
        return None
    header = [t for _, t in cells[:first]]
    if not 2 <= len(header) <= 12 or any(len(t) > 20 for t in header):
        return None
    rows: list[list[str]] = []
    width, k, number = len(header), first, 1
    end = cells[first][0]
    while k < len(cells) and cells[k][1] == str(number):
        j = k + 1
        # The next number starts the next row once this one is full but for one merged cell
        # (a value cell may itself read "4" in row 3).
        while j < len(cells) and j - k < width and not (cells[j][1] == str(number + 1) and j - k >= width - 1):
            if match_label(cells[j][1]) or _LABEL_RE.match(cells[j][1]):
                break
            j += 1
        row = [t for _, t in cells[k:j]]
        if len(row) < width and rows:
            row = [row[0], *rows[-1][1 : 1 + width - len(row)], *row[1:]]
        rows.append(row + [""] * (width - len(row)))
        end = cells[j - 1][0] + 1
        k, number = j, number + 1
    if len(rows) < 2:
        return None
    source = [t for i, t in cells if i < end]
    return _named_table(above, header, rows, [], source, start), end
