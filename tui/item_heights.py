"""How many lines the reader's items take, guessed from their text without drawing them.

A document of a million paragraphs cannot be drawn to be laid out: the reader
lays it out from these guesses and corrects each item when it is drawn. For
Chinese text the guess is nearly always exact (every character is two cells
wide and a line may break between any two); punctuation kept off a line's start
and Latin words kept whole may add a line, found when the item is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator

from documents.model import Table
from tui.docnav import Item

#: Kinds of item that run on without a blank line between two of a kind.
RUN_ON = frozenset(("meta", "toc", "attachment"))


def gaps(items: list[Item]) -> Iterator[int]:
    """1 for each item drawn after a blank line, else 0 (the first; a run of meta, toc or attachment lines)."""
    previous = ""
    for n, item in enumerate(items):
        yield 0 if n == 0 or (item.kind == previous and item.kind in RUN_ON) else 1
        previous = item.kind


def cells(text: str) -> int:
    """Terminal cells of ``text`` if every non-ASCII character is wide (as Chinese is)."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def text_lines(text: str, width: int) -> int:
    """Lines of ``text`` wrapped at ``width`` cells, each of its paragraphs starting a line."""
    width = max(width, 2)
    if "\n" not in text:
        return max(1, -(-cells(text) // width))
    return sum(max(1, -(-cells(part) // width)) for part in text.split("\n"))


def table_lines(table: Table, width: int) -> int:
    """Caption, a ruled grid (a rule above, between and below the header and every row) and notes."""
    columns = max(1, len(table.columns), *(len(row) for row in table.rows[:1]))
    column = max(2, (width - columns - 1) // columns - 2)
    grid = 1
    for row in [table.columns, *table.rows]:
        grid += max((text_lines(cell, column) for cell in row), default=1) + 1
    notes = sum(text_lines(note, min(width, 100)) for note in table.notes)
    return 1 + grid + notes


def estimate(item: Item, text_width: int, table_width: int) -> int:
    """Lines item ``item`` takes at these widths (the title's subtitle aside)."""
    if item.kind == "table" and isinstance(item.block, Table):
        return table_lines(item.block, table_width)
    return text_lines(item.label + item.text if item.label else item.text, text_width)
