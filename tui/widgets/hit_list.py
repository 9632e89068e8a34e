"""The search view's result lines: one widget that draws only the rows on screen.

Why not an OptionList: it made an option, a visual and a cache of rendered lines for every
row of every search (a hundred hits and up to hundreds of documents), and dropped them at the
next search. Textual's rendered lines refer to themselves through their caches, so each
search left 10^4 objects that only a full garbage collection frees: 35–75 ms of CPU per
search, paid in pauses while the user typed (``bench/gc_pauses.py --browser``). Here the rows
are plain data, the list keeps one small cache of the rows drawn and the looks are the
option list's (the same component styles).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import visualize


@dataclass(frozen=True)
class Row:
    """One entry of the list: what it draws, whether it can be chosen, how many lines it takes at a width.

    A row that gives ``texts`` is drawn from those lines, each written as it stands: a hit of several
    lines laid out by Rich (a group, a padding, a wrapped snippet) took about a millisecond to draw,
    and the rows of a page are drawn after every search.
    """

    prompt: RenderableType
    disabled: bool = False
    #: Lines at a given content width (one when not given: the prompt is cut to one line).
    height: Callable[[int], int] | None = None
    #: The row's lines at a given content width, each one line of text (cut with an ellipsis if wider).
    texts: Callable[[int], Sequence[Text]] | None = None

    def lines(self, width: int) -> int:
        if self.height is not None:
            return self.height(width)
        return len(self.texts(width)) if self.texts is not None else 1

    def lines_at(self, width: int) -> Sequence[Text] | None:
        """The row's lines at ``width`` when it gives them, each drawn as it stands; None: Rich lays out the prompt."""
        return self.texts(width) if self.texts is not None else None


def line_row(text: Text, *, disabled: bool = False) -> Row:
    """A row of one line of text, drawn as it stands (cut with an ellipsis when wider than the list).

    Textual's own drawing of such a line folds it at a space first, so in a narrow list a group's line
    (number, then a title wider than the rest) showed the number alone.
    """
    lines = (text,)
    return Row(text, disabled=disabled, texts=lambda _width: lines)


def text_strip(console: Console, line: Text, width: int, style: RichStyle) -> Strip:
    """One line of text as ``width`` cells over ``style`` (the row's colours), as Rich would lay it out."""
    cells = line.cell_len
    if cells > width:
        line = line.copy()
        line.truncate(width, overflow=line.overflow or "ellipsis")
        cells = line.cell_len
    # Text.render gives the spans' styles only; Rich lays a text's own style under them (not under the padding).
    under = style + console.get_style(line.style) if line.style else style
    add = under.__add__
    segments = [Segment(text, add(own), None) for text, own, _control in line.render(console, end="")]
    # The cells are known: the strip need not measure its segments again to pad them.
    return Strip(segments, cells).extend_cell_length(width, style)


class HitList(ScrollView, can_focus=True):
    """Rows drawn line by line; ``highlighted`` is the row the cursor is on (None when there is none)."""

    DEFAULT_CSS = """
    HitList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .hit-list--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .hit-list--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .hit-list--row-disabled {
            color: $text-disabled;
        }
        & > .hit-list--row-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--row",
        "hit-list--row-disabled",
        "hit-list--row-highlighted",
        "hit-list--row-hover",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "select", show=False),
    ]

    class Selected(Message):
        """A row was chosen (enter on it, or a click)."""

        def __init__(self, hit_list: HitList, index: int) -> None:
            super().__init__()
            self.hit_list = hit_list
            self.index = index

        @property
        def control(self) -> HitList:
            return self.hit_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._highlighted: int | None = None
        self._hover: int | None = None
        #: First line of each row at ``_width``; the rows' lines drawn so far, by row.
        self._starts: list[int] = []
        self._width = -1
        #: The room (width, height inside border and padding) ``_width`` was found for; None: find it again.
        self._room: tuple[int, int] | None = None
        self._drawn: dict[int, list[Strip]] = {}

    # ------------------------------------------------------------ rows

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` instead of what was shown: nothing else is made until they are drawn."""
        self.rows = list(rows)
        self._highlighted = None
        self._hover = None
        self._room = None
        self._drawn.clear()
        self._measure()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def clear(self) -> None:
        self.set_rows(())

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def _measure(self) -> None:
        """The row starts at the width the rows are drawn at, and the virtual size they take.

        That width leaves out the scrollbar the rows will need, not the one shown now: rows counted
        at the width of the moment were counted again once their scrollbar came or went, and the
        virtual size that changed then laid the screen out a second time (5–20 ms on the laws, after
        each search whose rows needed a scrollbar where the last ones had none, or the other way).
        """
        region = self.region.shrink(self.styles.gutter)  # the content and the scrollbars' room
        room = (region.width, region.height)
        if room == self._room:
            return
        self._room = room
        self._drawn.clear()
        styles = self.styles
        bar = styles.scrollbar_size_vertical
        always = styles.overflow_y == "scroll" or styles.scrollbar_gutter == "stable"
        auto = not always and styles.overflow_y == "auto" and bar
        # More rows than lines of room (a row is a line or more) need the scrollbar: count them beside it
        # at once, rather than first at the whole width (a hit's snippet is cut at each width counted).
        width = region.width - bar if always or (auto and len(self.rows) > region.height) else region.width
        starts, lines = self._count(width)
        if auto and width == region.width and lines > region.height:
            width -= bar
            starts, lines = self._count(width)
        self._width = width
        self._starts = starts
        self.virtual_size = Size(max(width, 0), lines)

    def _count(self, width: int) -> tuple[list[int], int]:
        """Each row's first line at ``width``, and the lines of all."""
        starts: list[int] = []
        line = 0
        for row in self.rows:
            starts.append(line)
            line += row.lines(width) if width > 0 else 1
        return starts, line

    def on_resize(self, event: events.Resize) -> None:
        self._measure()

    def row_at_line(self, line: int) -> int | None:
        """The row drawn on content line ``line`` (from the top of the list, not of the screen)."""
        if not self.rows or line < 0:
            return None
        row = bisect_right(self._starts, line) - 1
        if row >= len(self.rows) or line >= self.virtual_size.height:
            return None
        return row

    # ------------------------------------------------------------ highlight

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            row = min(max(row, 0), len(self.rows) - 1) if self.rows else None
        old, self._highlighted = self._highlighted, row
        if old != row:
            self._redraw(old)
            self._redraw(row)
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        row = self._highlighted
        if row is None or not self.is_mounted:
            return
        self._measure()
        if row >= len(self._starts):
            return
        height = self.rows[row].lines(self._width)
        self.scroll_to_region(
            Region(0, self._starts[row], max(self._width, 1), height), force=True, animate=False, immediate=True
        )

    def _step(self, delta: int) -> None:
        """Move the highlight to the next row that can be chosen, ``delta`` (±1) at a time."""
        self._step_from(self._highlighted, delta)

    def _step_from(self, row: int | None, delta: int) -> None:
        """Highlight the first row after ``row`` (None: from the end behind it) that can be chosen."""
        if not self.rows:
            return
        row = (-1 if delta > 0 else len(self.rows)) if row is None else row
        candidate = row + delta
        while 0 <= candidate < len(self.rows):
            if not self.rows[candidate].disabled:
                self.highlighted = candidate
                return
            candidate += delta

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self._step_from(None, 1)

    def action_last(self) -> None:
        self._step_from(None, -1)

    def action_select(self) -> None:
        row = self._highlighted
        if row is not None and not self.rows[row].disabled:
            self.post_message(self.Selected(self, row))

    # ------------------------------------------------------------ mouse

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else self.row_at_line(offset.y + self.scroll_offset.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_under(event)
        if row != self._hover:
            old, self._hover = self._hover, row
            self._redraw(old)
            self._redraw(row)

    def on_leave(self, event: events.Leave) -> None:
        old, self._hover = self._hover, None
        self._redraw(old)

    def on_click(self, event: events.Click) -> None:
        row = self._row_under(event)
        if row is not None and not self.rows[row].disabled:
            self.highlighted = row
            self.post_message(self.Selected(self, row))

    # ------------------------------------------------------------ drawing

    def _redraw(self, row: int | None) -> None:
        if row is None:
            return
        self._drawn.pop(row, None)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def _row_lines(self, row: int) -> list[Strip]:
        drawn = self._drawn.get(row)
        if drawn is not None:
            return drawn
        entry = self.rows[row]
        if entry.disabled:
            style = self.get_visual_style("hit-list--row", "hit-list--row-disabled")
        elif row == self._highlighted:
            style = self.get_visual_style("hit-list--row", "hit-list--row-highlighted")
        elif row == self._hover:
            style = self.get_visual_style("hit-list--row", "hit-list--row-hover")
        else:
            style = self.get_visual_style("hit-list--row")
        width = self._width
        texts = entry.lines_at(width)
        if texts is not None:
            rich_style = style.rich_style
            drawn = [text_strip(self.app.console, line, width, rich_style) for line in texts]
            self._drawn[row] = drawn
            return drawn
        visual = visualize(self, entry.prompt)
        strips = visual.to_strips(self, visual, width, entry.lines(width), style)
        drawn = [strip.extend_cell_length(width, style.rich_style) for strip in strips]
        self._drawn[row] = drawn
        return drawn

    def render_line(self, y: int) -> Strip:
        self._measure()
        line = self.scroll_offset.y + y
        row = self.row_at_line(line)
        if row is None:
            return Strip.blank(self.scrollable_content_region.width, self.get_visual_style("hit-list--row").rich_style)
        lines = self._row_lines(row)
        offset = line - self._starts[row]
        if offset >= len(lines):
            return Strip.blank(self._width, self.get_visual_style("hit-list--row").rich_style)
        return lines[offset]
