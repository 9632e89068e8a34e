"""How many lines the reader's items take, guessed from their text without drawing them.

A document of a million paragraphs cannot be drawn to be laid out: the reader
lays it out from these guesses and corrects each item when it is drawn. For
Chinese text the guess is nearly always exact (every character is two cells
wide and a line may break between any two); punctuation kept off a line's start
and Latin words kept whole may add a line, found when the item is drawn.
"""

from __future__ import annotations

from array import array
from itertools import compress, repeat
from operator import add, and_, attrgetter, contains, eq, floordiv, neg, not_, or_, sub

from documents.model import Table
from tui.docnav import Item

#: Kinds of item that run on without a blank line between two of a kind.
RUN_ON = frozenset(("meta", "toc", "attachment"))


def gaps(items: list[Item]) -> bytearray:
    """1 for each item drawn after a blank line, else 0 (the first; a run of meta, toc or attachment lines)."""
    kinds = list(map(attrgetter("kind"), items))
    run_on = map(RUN_ON.__contains__, kinds[1:])
    same = map(eq, kinds[1:], kinds[:-1])
    return bytearray([0] * bool(kinds)) + bytearray(map(not_, map(and_, same, run_on)))


class Guesses:
    """Heights of a document's items at any width, from one pass over their text (C-speed maps).

    Most items are one paragraph: their cells are counted once and divided by
    each width asked for. Tables and items of several paragraphs are guessed one by one.
    """

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        texts = list(map(attrgetter("text"), items))
        labels = list(map(attrgetter("label"), items))
        chars = list(map(add, map(len, texts), map(len, labels)))
        utf8 = map(add, map(len, map(str.encode, texts)), map(len, map(str.encode, labels)))
        # ASCII is 1 byte and 1 cell, Chinese 3 bytes and 2 cells: cells = chars + wide, bytes = chars + 2 * wide.
        self.cells = array("q", map(add, chars, map(floordiv, map(sub, utf8, chars), repeat(2))))
        several = map(contains, texts, repeat("\n"))
        tables = map("table".__eq__, map(attrgetter("kind"), items))
        self.special = list(compress(range(len(items)), map(or_, several, tables)))

    def heights(self, text_width: int, table_width: int) -> array[int]:
        """Lines of each item at these widths."""
        width = max(text_width, 2)
        out = array("q", map(neg, map(floordiv, map(neg, self.cells), repeat(width))))
        for index in self.special:
            out[index] = estimate(self.items[index], text_width, table_width)
        return out


def cells(text: str) -> int:
    """Terminal cells of ``text`` if every non-ASCII character is wide (as Chinese is)."""
    chars = len(text)
    return chars + (len(text.encode()) - chars) // 2


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
