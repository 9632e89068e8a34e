"""The Word-converted "pipe layout" for tables, shared by the .docx and HTML readers.

Why: the parser already rebuilds 专栏 tables from this layout (it is what Word's
plain-text export produces), so every converter emits tables the same way:
each cell's text on its own line(s), a line ``|`` between cells, and a line of
exactly two spaces ending each row.  ``A | B`` over ``x | y`` becomes::

    A
    |
    B
    (two spaces)
    x
    |
    y
    (two spaces)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

CELL_SEPARATOR = "|"
ROW_END = "  "


def clean_cell_lines(lines: Iterable[str]) -> list[str]:
    """Strip a cell's lines and drop blank ones; an empty cell is one empty line."""
    out = [line.strip() for line in lines]
    return [line for line in out if line] or [""]


def pipe_layout(rows: Iterable[Sequence[Iterable[str]]]) -> list[str]:
    """Lines of the pipe layout for ``rows`` of cells, each cell given as its text lines.

    Rows without any cell are skipped.
    """
    lines: list[str] = []
    for row in rows:
        if not row:
            continue
        for i, cell in enumerate(row):
            if i:
                lines.append(CELL_SEPARATOR)
            lines.extend(clean_cell_lines(cell))
        lines.append(ROW_END)
    return lines


def join_blocks(blocks: Iterable[tuple[bool, list[str]]]) -> str:
    """Document text from ``(is_table, lines)`` blocks: a blank line after each
    paragraph and around each table, none inside a table."""
    out: list[str] = []
    for _is_table, lines in blocks:
        if not lines:
            continue
        out.extend(lines)
        out.append("")
    return "\n".join(out).strip("\n") + "\n"
