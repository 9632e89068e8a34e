"""Find in the open document: literal matches over the reader's items.

No Textual here. Text is compared folded — full-width letters, digits and
punctuation as their half-width forms, ASCII case ignored — one character for
one, so a match's offsets hold in the text as drawn.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass

from documents.model import Table
from tui.docnav import Item

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
_FOLD[0x3000] = ord(" ")  # ideographic space
_FOLD.update({ord(q): ord('"') for q in "“”"})
_FOLD.update({ord(q): ord("'") for q in "‘’"})
for _upper in range(ord("A"), ord("Z") + 1):
    _FOLD[_upper] = _upper + 32
    _FOLD[_upper + 0xFEE0] = _upper + 32  # Ａ -> a


def fold(text: str) -> str:
    """``text`` with width and ASCII case set aside; as long as ``text``."""
    return text.translate(_FOLD)


def needle(query: str) -> str:
    """What a typed query is looked for as: folded, surrounding whitespace dropped."""
    return fold(query.strip())


def item_parts(item: Item) -> list[tuple[int | None, str]]:
    """The texts an item draws, in drawing order, each with its table row (None outside the rows).

    A clause draws its label and text as one; a table its caption, column
    headings, cells row by row and notes.
    """
    block = item.block
    if item.kind == "table" and isinstance(block, Table):
        parts: list[tuple[int | None, str]] = [(None, f"{block.label} {block.caption}".strip())]
        parts += [(None, column) for column in block.columns]
        parts += [(r, cell) for r, row in enumerate(block.rows) for cell in row]
        parts += [(None, note) for note in block.notes]
        return parts
    return [(None, f"{item.label}{item.text}")]


@dataclass(frozen=True, order=True)
class Match:
    """One occurrence: item ``index``, its ``part`` (see :func:`item_parts`), ``start``..``end`` in that text."""

    index: int
    part: int
    start: int
    end: int
    row: int | None = None


def spans(text: str, folded: str) -> list[tuple[int, int]]:
    """Where ``folded`` (a :func:`needle`) occurs in ``text``, without overlaps."""
    if not folded:
        return []
    haystack = fold(text)
    out = []
    at = haystack.find(folded)
    while at >= 0:
        out.append((at, at + len(folded)))
        at = haystack.find(folded, at + len(folded))
    return out


#: Between parts in the joined text: a typed query (one line) never holds it, so no match spans two parts.
_SEPARATOR = "\x00"


class Finder:
    """Every match of a query in a document's items; the folded texts are kept between queries.

    They are kept joined in one string, so a query is one C-speed scan of it
    (a 100 MB 法规汇编 has 10^6 parts: a Python step per part made each key press slow),
    and each match is placed in its part by bisection.
    """

    def __init__(self, items: list[Item]) -> None:
        texts: list[str] = []
        #: Per part: where it starts in the joined text, its item, its number in the item and its table row.
        # (Arrays, not a list of tuples: 10^6 small objects would be the collector's to walk.)
        self._starts = array("q")
        self._items = array("q")
        self._numbers = array("l")
        self._rows = array("l")  # -1: not a table row
        at = 0
        for index, item in enumerate(items):
            for part, (row, text) in enumerate(item_parts(item)):
                self._starts.append(at)
                self._items.append(index)
                self._numbers.append(part)
                self._rows.append(-1 if row is None else row)
                texts.append(text)
                at += len(text) + 1
        self._text = fold(_SEPARATOR.join(texts))

    def find(self, query: str) -> list[Match]:
        """The matches of ``query`` in reading order; whitespace around it is ignored."""
        folded = needle(query).replace(_SEPARATOR, "")
        if not folded:
            return []
        out = []
        text, starts = self._text, self._starts
        at = text.find(folded)
        while at >= 0:
            part = bisect_right(starts, at) - 1
            start = at - starts[part]
            row = self._rows[part]
            out.append(
                Match(self._items[part], self._numbers[part], start, start + len(folded), None if row < 0 else row)
            )
            at = text.find(folded, at + len(folded))
        return out


def nearest(matches: list[Match], index: int) -> int:
    """The first match at or after item ``index`` (wrapping to the first), as a position in ``matches``."""
    return next((n for n, m in enumerate(matches) if m.index >= index), 0)
