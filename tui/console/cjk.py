"""Wrapping Chinese text the way it is typeset.

Rich wraps at spaces and folds long "words"; Chinese has no spaces, so a
clause with one Latin word in it wraps with a ragged gap. Here a line may
break between any two Chinese characters, Latin words and numbers stay whole
where they fit, closing punctuation (，。）》…) never starts a line and opening
punctuation (（《“) never ends one.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

NO_LINE_START = set("，。、；：！？）》」』”’】〕〉…—·%％,.;:!?)]}>～~")
NO_LINE_END = set("（《「『“‘【〔〈([{<")
_WORD = re.compile(r"[A-Za-z0-9_+\-./%&@#]+")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_+-./%&@#")


def _can_break(before: str, after: str) -> bool:
    """May a line break fall between ``before`` and ``after``?"""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def break_points(text: str, width: int) -> list[int]:
    """Offsets at which ``text`` (no newlines) is cut into lines of at most ``width`` cells."""
    width = max(width, 2)
    breaks: list[int] = []
    n = len(text)
    start = 0
    while True:
        used = 0
        end = start
        while end < n:
            size = get_character_cell_size(text[end])
            if used + size > width:
                break
            used += size
            end += 1
        if end >= n:
            return breaks
        if end == start:  # a character wider than the line
            end = start + 1
            if end >= n:
                return breaks
        cut = end
        while cut > start and not (text[cut] == " " or _can_break(text[cut - 1], text[cut])):
            cut -= 1
        if cut <= start:
            cut = end
        nxt = cut
        while nxt < n and text[nxt] == " ":
            nxt += 1
        if nxt >= n:
            return breaks
        breaks.append(cut)
        start = nxt


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells, styles kept."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        if not plain:
            lines.append(paragraph)
            continue
        cuts = break_points(plain, width)
        for part in paragraph.divide(cuts) if cuts else [paragraph]:
            part.rstrip()
            lead = len(part.plain) - len(part.plain.lstrip(" "))
            if lead:
                part = part[lead:]
            lines.append(part)
    return lines


class Wrapped:
    """A Rich renderable that wraps its text with :func:`wrap` (for table cells and clauses)."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        longest = max((cell_len(line) for line in plain.split("\n")), default=0)
        words = [cell_len(w) for w in _WORD.findall(plain)]
        shortest = max([2, *words]) if plain else 0
        shortest = min(shortest, 12)
        return Measurement(shortest, max(longest, shortest))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells with an ellipsis: for drawing only, never for data."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
