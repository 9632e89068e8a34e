"""The reader's text: a document's items drawn line by line (Textual's line API).

Only the items in sight are drawn: the rest are laid out from estimated heights
(:mod:`tui.item_heights`), made exact as they come into sight, so a 100 MB
法规汇编 opens as quickly as a short notice and its lines never all sit in
memory. A cursor sits on one item (heading, clause or table); the screen moves
it and hears back through messages.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from itertools import count, pairwise
from operator import add
from typing import NamedTuple

from rich import box
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from documents.model import Table
from tui.console.cjk import Wrapped, wrap
from tui.console.safe import clean, safe_text
from tui.docnav import Item
from tui.find import Match, spans
from tui.item_heights import Guesses, gaps
from tui.line_map import LineMap

GUTTER = 4
MAX_TEXT_WIDTH = 100
#: Lines kept above a table row scrolled into view, so the rows before it give context.
ROW_CONTEXT = 2
#: Items whose drawn lines are kept: many screens' worth, a bounded share of a huge document.
CACHED_ITEMS = 2000


class Rendered(NamedTuple):
    """An item's lines, and for a table where each of its rows lies among them.

    ``rows[r]`` is the (start, end) line range of ``Table.rows[r]``, counted from the item's first line;
    ``offsets[n]`` is where line ``n`` of a clause or heading starts in its text (label included).
    """

    strips: list[Strip]
    rows: list[tuple[int, int]]
    offsets: tuple[int, ...] = ()


def line_offsets(plain: str, lines: list[Text]) -> tuple[int, ...]:
    """Where each wrapped line starts in ``plain`` (wrapping drops the spaces and newlines it breaks at)."""
    out, at = [], 0
    for line in lines:
        found = plain.find(line.plain, at) if line.plain else at
        at = found if found >= 0 else at
        out.append(at)
        at += len(line.plain)
    return tuple(out)


def row_spans(lines: list[str], rows: int) -> list[tuple[int, int]]:
    """Where each of a drawn table's ``rows`` lies: the runs of lines between its ├ rules.

    The rules (``show_lines``) separate the header and every row, so the last
    ``rows`` runs are the rows; a table drawn some other way gives none.
    """
    rules = [n for n, line in enumerate(lines) if line.startswith(("├", "└"))]
    runs = [(a + 1, b) for a, b in pairwise(rules)]
    if rules:
        first = next((n for n, line in enumerate(lines) if line.startswith("┌")), -1)
        runs.insert(0, (first + 1, rules[0]))
    return runs[-rows:] if rows and len(runs) >= rows else []


class DocumentView(ScrollView, can_focus=True, inherit_bindings=False):
    """Draws :class:`~tui.docnav.Item` s; ``cursor`` is the index of the current one.

    It has no key bindings of its own: the reader screen's (from the registry,
    so a keymap can move them) drive it.
    """

    COMPONENT_CLASSES = {
        "document-view--title",
        "document-view--subtitle",
        "document-view--heading-1",
        "document-view--heading-2",
        "document-view--heading-3",
        "document-view--label",
        "document-view--clause",
        "document-view--meta",
        "document-view--toc",
        "document-view--attachment",
        "document-view--cursor",
        "document-view--cursor-bar",
        "document-view--hit",
        "document-view--found",
        "document-view--found-current",
        "document-view--bookmark",
        "document-view--mark-reviewed",
        "document-view--mark-flagged",
        "document-view--mark-question",
        "document-view--mark-note",
        "document-view--mark-changed",
        "document-view--reference",
        "document-view--table-caption",
        "document-view--table-header",
        "document-view--table-note",
        "document-view--table-border",
    }

    cursor: reactive[int] = reactive(0, init=False)

    class CursorMoved(Message):
        """The cursor is on another item."""

        def __init__(self, view: DocumentView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    class TopChanged(Message):
        """Another item is now at the top of the view (for the outline to follow)."""

        def __init__(self, view: DocumentView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[Item] = []
        self.subtitle = ""
        self.highlights: dict[str, list[str]] = {}
        self.bookmarks: set[str] = set()
        self.marks: dict[str, tuple[str, str]] = {}
        self.noted: set[str] = set()
        self.references: dict[str, list[tuple[int, int]]] = {}
        self._pending: tuple[int, bool, int | None, int | None] | None = None
        #: Lines of each item with the blank line before it; estimated until the item is drawn.
        self._map = LineMap()
        #: 1 where an item is preceded by a blank line.
        self._gap = bytearray()
        #: 1 where an item's height in ``_map`` is its drawn height at the current width.
        self._exact = bytearray()
        self._guesses = Guesses([])
        #: The first and the last item at each address, made when first asked.
        self._first: dict[str, int] | None = None
        self._last: dict[str, int] = {}
        self._width = 0
        self._top_index = -1
        #: The lines of the items drawn lately (a bounded cache: a huge document is never drawn whole).
        self._item_cache: OrderedDict[int, Rendered] = OrderedDict()
        #: The table row the cursor is on (an index into ``Table.rows``), or None for the whole item.
        self.row: int | None = None
        #: What find in document marks (a folded needle), and the match it is on.
        self.found = ""
        self.found_current: Match | None = None
        self._found_items: set[int] = set()

    # ------------------------------------------------------------ content

    def load(self, items: list[Item], subtitle: str = "", cursor: int = 0) -> None:
        """Show a new document's items."""
        self.items = items
        self.subtitle = subtitle
        self.highlights = {}
        self.references = {}
        self.found, self.found_current, self._found_items = "", None, set()
        self._item_cache.clear()
        self._first, self._last = None, {}
        self._gap = gaps(items)
        self._guesses = Guesses(items)
        self._width = 0
        self._top_index = -1
        self._map = LineMap()
        self._exact = bytearray(len(items))
        self._pending = None
        self.row = None
        self.set_reactive(DocumentView.cursor, max(0, min(cursor, len(items) - 1)))
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def indices(self, address: str) -> list[int]:
        """The items at ``address`` (a titled section's heading and its first clause share one)."""
        if self._first is None:
            addresses = [item.address for item in self.items]
            self._last = dict(zip(addresses, range(len(addresses)), strict=True))
            self._first = dict(zip(reversed(addresses), range(len(addresses) - 1, -1, -1), strict=True))
        first = self._first.get(address)
        if first is None:
            return []
        last = self._last[address]
        return [first] if first == last else [n for n in range(first, last + 1) if self.items[n].address == address]

    def _forget(self, addresses: set[str]) -> None:
        """Draw the items at ``addresses`` again when next shown (their styles changed, not their sizes)."""
        for index in [n for n in self._item_cache if self.items[n].address in addresses]:
            del self._item_cache[index]
        if addresses:
            self.refresh()

    def set_highlights(self, highlights: dict[str, list[str]]) -> None:
        changed = set(self.highlights) | set(highlights)
        self.highlights = {k: [t for t in v if t] for k, v in highlights.items()}
        self._forget(changed)

    def set_found(self, folded: str, matches: list[Match], current: Match | None) -> None:
        """Mark every match of find in document, ``current`` apart; an empty needle clears the marks."""
        items = {m.index for m in matches}
        stale = items | self._found_items if folded != self.found else set()
        for match in (self.found_current, current):
            if match is not None:
                stale.add(match.index)
        self.found, self.found_current, self._found_items = folded, current, items
        # Marks change colours, not sizes: a long law with thousands of matches is redrawn only where seen.
        for index in stale:
            self._item_cache.pop(index, None)
        if stale:
            self.refresh()

    def set_bookmarks(self, addresses: set[str]) -> None:
        self.bookmarks = set(addresses)
        self.refresh()

    def set_marks(self, marks: dict[str, tuple[str, str]], noted: set[str] | None = None) -> None:
        """Review glyphs in the gutter: address -> (glyph, kind); kind names a ``mark-*`` style.

        A marked clause in ``noted`` also has a note: ✎ beside its mark says so.
        """
        self.marks = dict(marks)
        self.noted = set(noted or ())
        self.refresh()

    def set_references(self, spans: dict[str, list[tuple[int, int]]]) -> None:
        """Underline reference spans: address -> (start, end) offsets into the clause text."""
        changed = set(self.references) | set(spans)
        self.references = {k: list(v) for k, v in spans.items() if v}
        self._forget(changed)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._item_cache.clear()
        self.refresh()

    # ------------------------------------------------------------ layout

    @property
    def text_width(self) -> int:
        return max(10, min(self._width - GUTTER - 1, MAX_TEXT_WIDTH))

    def margin_for(self, strip: Strip) -> int:
        """Blank cells before the gutter: on a wide view the text column is centred.

        A line wider than the text column (a wide table) gives up margin so it still fits.
        """
        room = self._width - GUTTER - 1
        centred = (room - self.text_width) // 2
        return max(0, min(centred, room - strip.cell_length))

    def start_of(self, index: int) -> int:
        """The first line of item ``index``."""
        return self._map.start(index) + self._gap[index]

    def end_of(self, index: int) -> int:
        """The line after item ``index``."""
        return self._map.start(index) + self._map.height(index)

    def _relayout(self) -> None:
        """Lay the items out for the view's width: estimated heights, exact for what is on screen.

        Only the items in sight are drawn; the rest get their heights from their length, corrected
        when they come into sight. The item at the top stays at the top.
        """
        # The whole width, its scrollbar column included (``text_width`` leaves that column free): the
        # content region narrows when the scrollbar first shows, which does not resize the widget, so
        # measuring it made the wrap depend on whether the scrollbar was there at the first layout.
        width = self.size.width
        if width <= 0 or width == self._width:
            return
        anchor = self._top_index if 0 <= self._top_index < len(self.items) else None
        into = round(self.scroll_y) - self.start_of(anchor) if anchor is not None else 0
        self._item_cache.clear()
        self._width = width
        text_width, table_width = self.text_width, max(20, width - GUTTER - 1)
        self._map = LineMap(map(add, self._gap, self._guesses.heights(text_width, table_width)))
        self._exact = bytearray(len(self.items))
        if self.items:
            self._rendered(0)  # the title, drawn with its subtitle
        if self._pending is not None:
            index, at_top, row, offset = self._pending
            self._pending = None
            self.show_item(index, at_top=at_top, row=row, offset=offset)
        elif anchor is not None:
            self._rendered(anchor)
            height = self.end_of(anchor) - self.start_of(anchor)
            self._scroll_y_to(self.start_of(anchor) + max(0, min(into, height - 1)))
        self._measure_visible()
        self.refresh()

    def _rendered(self, index: int) -> Rendered:
        """Item ``index`` drawn (from the cache when it was lately); its height in the layout made exact."""
        rendered = self._item_cache.get(index)
        if rendered is None:
            rendered = self._item_cache[index] = self._render_item(index, self.items[index])
            if len(self._item_cache) > CACHED_ITEMS:
                self._item_cache.popitem(last=False)
        else:
            self._item_cache.move_to_end(index)
        if not self._exact[index]:
            self._exact[index] = 1
            self._map.set(index, self._gap[index] + len(rendered.strips))
        return rendered

    def _measure_visible(self) -> None:
        """Draw the items in sight so their heights are exact, and size the scrollbar to the layout."""
        if not self.items or not self._width:
            return
        line = round(self.scroll_y)
        bottom = line + max(1, self.scrollable_content_region.height)
        index = self._map.locate(line)
        while index < len(self.items) and self.start_of(index) < bottom:
            self._rendered(index)
            index += 1
        self._sync_size()

    def _sync_size(self) -> None:
        size = Size(self._width, self._map.total)
        if size != self.virtual_size:
            self.virtual_size = size

    def _scroll_y_to(self, y: int) -> None:
        self._sync_size()
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def on_resize(self, event: Resize) -> None:
        self._relayout()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"document-view--{name}", partial=True)

    def _highlight(self, text: Text, address: str, offset: int = 0) -> None:
        terms = self.highlights.get(address)
        if not terms:
            return
        plain = text.plain
        style = self._style("hit")
        for term in terms:
            start = plain.find(term, offset)
            while start >= 0:
                text.stylize(style, start, start + len(term))
                start = plain.find(term, start + len(term))

    def _mark_found(self, text: Text, index: int, part: int) -> None:
        """Style what find in document matched in ``text``, part ``part`` of item ``index``."""
        if index not in self._found_items:
            return
        current = self.found_current
        for start, end in spans(text.plain, self.found):
            here = current is not None and (current.index, current.part, current.start) == (index, part, start)
            text.stylize(self._style("found-current" if here else "found"), start, end)

    def _render_item(self, index: int, item: Item) -> Rendered:
        width = self.text_width
        console = self.app.console
        if item.kind == "table" and isinstance(item.block, Table):
            return self._render_table(index, item, item.block, console)
        if item.kind == "title":
            title = safe_text(item.text, self._style("title"))
            self._mark_found(title, index, 0)
            lines = wrap(title, width)
            if self.subtitle:
                lines += wrap(safe_text(self.subtitle, self._style("subtitle")), width)
            for line in lines:
                line.align("center", width)
            return Rendered([self._strip(line, console) for line in lines], [])
        if item.kind == "heading":
            level = min(max(item.level, 1), 3)
            text = safe_text(item.text, self._style(f"heading-{level}"))
        else:
            text = Text()
            if item.label:
                text.append(clean(item.label), style=self._style("label"))
            style = item.kind if item.kind in ("meta", "toc", "attachment") else "clause"
            text.append(clean(item.text), style=self._style(style))  # one character for one: spans still fit
            offset = len(item.label)
            for start, end in self.references.get(item.address, ()):
                text.stylize(self._style("reference"), offset + start, offset + end)
        self._highlight(text, item.address, len(item.label))
        self._mark_found(text, index, 0)
        lines = wrap(text, width)
        return Rendered([self._strip(line, console) for line in lines], [], line_offsets(text.plain, lines))

    def _strip(self, line: Text, console: Console) -> Strip:
        return Strip(list(line.render(console)), line.cell_len)

    def _render_table(self, index: int, item: Item, block: Table, console: Console) -> Rendered:
        """The caption, the grid and the notes; parts numbered as :func:`tui.find.item_parts` numbers them."""
        width = max(20, self._width - GUTTER - 1)
        border = self._style("table-border")
        table = RichTable(
            box=box.SQUARE,
            show_lines=True,
            border_style=border,
            header_style=self._style("table-header"),
            expand=False,
            pad_edge=True,
        )
        part = count(1)  # 0 is the caption
        for column in block.columns:
            header = safe_text(column, self._style("table-header"))
            self._mark_found(header, index, next(part))
            table.add_column(Wrapped(header))
        terms = self.highlights.get(item.address, [])
        hit = self._style("hit")
        for row in block.rows:
            cells = []
            for cell in row:
                text = safe_text(cell, self._style("clause"))
                for term in terms:
                    start = cell.find(term)
                    while start >= 0:
                        text.stylize(hit, start, start + len(term))
                        start = cell.find(term, start + len(term))
                self._mark_found(text, index, next(part))
                cells.append(Wrapped(text))
            table.add_row(*cells)
        caption = safe_text(f"{block.label} {block.caption}".strip(), self._style("table-caption"))
        self._mark_found(caption, index, 0)
        strips = [self._strip(line, console) for line in wrap(caption, min(width, MAX_TEXT_WIDTH))]
        options = console.options.update_width(width)
        grid = [Strip(segments) for segments in console.render_lines(table, options, pad=False)]
        top = len(strips)
        rows = [(top + a, top + b) for a, b in row_spans([strip.text for strip in grid], len(block.rows))]
        strips += grid
        for note in block.notes:
            text = safe_text(note, self._style("table-note"))
            self._mark_found(text, index, next(part))
            strips += [self._strip(line, console) for line in wrap(text, min(width, MAX_TEXT_WIDTH))]
        return Rendered(strips, rows)

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        number = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.items or number >= self._map.total:
            return Strip.blank(width, base)
        index = self._map.locate(number)
        into = number - self.start_of(index)
        if into < 0:  # the blank line before an item
            return Strip.blank(width, base)
        rendered = self._rendered(index)
        if into >= len(rendered.strips):  # drawn just now, shorter than estimated: the layout catches up
            self.call_later(self._measure_visible)
            return Strip.blank(width, base)
        strip = rendered.strips[into]
        marker = " "
        marker_style = base
        mark = " "
        mark_style = base
        review = " "
        review_style = base
        noted = " "
        noted_style = base
        if index == self.cursor and self._on_cursor_row(index, into):
            marker = "▌"
            marker_style = base + self._style("cursor-bar")
            strip = strip.extend_cell_length(self.text_width).apply_style(self._style("cursor"))
        address = self.items[index].address
        if into == 0:
            if address in self.bookmarks:
                mark = "★"
                mark_style = base + self._style("bookmark")
            if address in self.marks:
                review, kind = self.marks[address]
                review_style = base + self._style(f"mark-{kind}")
                if address in self.noted and kind != "note":
                    noted, noted_style = "✎", base + self._style("mark-note")
        margin = self.margin_for(strip)
        gutter = Strip(
            [
                Segment(" " * margin, base),
                Segment(marker, marker_style),
                Segment(mark, mark_style),
                Segment(review, review_style),
                Segment(noted, noted_style),
            ],
            GUTTER + margin,
        )
        strip = Strip.join([gutter, strip.apply_style(base)])
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _on_cursor_row(self, index: int, line: int) -> bool:
        """Whether ``line`` of the cursor item is drawn as the cursor: all of it, or only the cursor row."""
        span = self.row_span(index, self.row)
        return span is None or span[0] <= line < span[1]

    def row_span(self, index: int, row: int | None) -> tuple[int, int] | None:
        """The lines of row ``row`` of table item ``index``, from the item's first line (None: no such row)."""
        if row is None or not 0 <= index < len(self.items) or self.items[index].kind != "table":
            return None
        rendered = self._rendered(index)
        if not 0 <= row < len(rendered.rows):
            return None
        return rendered.rows[row]

    def line_span(self, index: int, offset: int | None) -> tuple[int, int] | None:
        """The line of item ``index`` holding character ``offset``, from the item's first line."""
        if offset is None or not 0 <= index < len(self.items):
            return None
        rendered = self._rendered(index)
        if not rendered.offsets:
            return None
        line = max(0, bisect_right(rendered.offsets, offset) - 1)
        return (line, line + 1)

    def watch_cursor(self, old: int, new: int) -> None:
        self.row = None
        self._refresh_item(old)
        self._refresh_item(new)
        self.post_message(self.CursorMoved(self, new))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._measure_visible()
        top = self.top_index()
        if top != self._top_index:
            self._top_index = top
            self.post_message(self.TopChanged(self, top))

    def _refresh_item(self, index: int) -> None:
        if 0 <= index < len(self.items) and self._width:
            start = self.start_of(index)
            self.refresh(Region(0, start - round(self.scroll_y), self.size.width, self.end_of(index) - start))

    # ------------------------------------------------------------ geometry

    def top_index(self) -> int:
        """The item at the top of the view."""
        return max(0, self._map.locate(round(self.scroll_y)))

    def visible_items(self) -> range:
        if not self.items or not self._map.total:
            return range(0)
        top = self.top_index()
        bottom_line = min(round(self.scroll_y) + self.scrollable_content_region.height, self._map.total) - 1
        bottom = self._map.locate(bottom_line)
        if bottom_line < self.start_of(bottom):  # the blank line before it: the item above ends the view
            bottom -= 1
        return range(top, max(top, bottom) + 1)

    def item_at_line(self, line: int) -> int:
        return self._map.locate(max(0, line))

    # ------------------------------------------------------------ moving

    def show_item(self, index: int, *, at_top: bool = False, row: int | None = None, offset: int | None = None) -> None:
        """Put the cursor on item ``index`` and scroll it into view (to the top if asked).

        With ``row`` (an index into a table's rows) only that row is the cursor, scrolled into view.
        In an item taller than the view, the line holding character ``offset`` (label included) is
        brought into view rather than the item's top.
        """
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        self.cursor = index
        if self.row != row:
            self.row = row
            self._refresh_item(index)
        if not self._width or not self.scrollable_content_region.height:
            self._pending = (index, at_top, row, offset)
            return
        self._rendered(index)
        start, end = self.start_of(index), self.end_of(index)
        height = self.scrollable_content_region.height
        span = self.row_span(index, row) or self.line_span(index, offset)
        if span is not None and end - start > height:
            self._scroll_into_view(start + span[0], start + span[1], height)
        elif at_top:
            self._scroll_y_to(max(0, start - 1))
        elif start < self.scroll_y:
            self._scroll_y_to(start)
        elif end > self.scroll_y + height:
            self._scroll_y_to(max(start, end - height) if end - start <= height else start)

    def _scroll_into_view(self, start: int, end: int, height: int) -> None:
        """Scroll lines ``start``..``end`` into view unless they are; a few lines above them stay in sight."""
        if start >= self.scroll_y and end <= self.scroll_y + height:
            return
        self._scroll_y_to(max(0, start - ROW_CONTEXT))

    def move(self, delta: int) -> None:
        """Next/previous item; inside an item taller than the view, scroll first; on a table row, the next row."""
        if not self.items:
            return
        height = self.scrollable_content_region.height
        visible = self.visible_items()
        if self.cursor not in visible and len(visible):
            self.show_item(visible.start if delta > 0 else visible.stop - 1)
            return
        if self._step_row(delta, height):
            return
        if self._width:
            start, end = self.start_of(self.cursor), self.end_of(self.cursor)
            if delta > 0 and end > self.scroll_y + height:
                self._scroll_y_to(min(round(self.scroll_y) + max(1, height // 2), end - height))
                return
            if delta < 0 and start < self.scroll_y:
                self._scroll_y_to(max(start, round(self.scroll_y) - max(1, height // 2)))
                return
        self.show_item(self.cursor + delta)

    def _step_row(self, delta: int, height: int) -> bool:
        """With a table row as the cursor, go to the next/previous row, scrolling only as far as it needs."""
        span = self.row_span(self.cursor, None if self.row is None else self.row + delta)
        if self.row is None or span is None:
            return False
        self.row += delta
        self._refresh_item(self.cursor)
        top = self.start_of(self.cursor)
        if top + span[0] < self.scroll_y:
            self._scroll_y_to(top + span[0])
        elif top + span[1] > self.scroll_y + height:
            self._scroll_y_to(top + span[1] - height)
        return True

    def page(self, delta: int, *, half: bool = False) -> None:
        height = max(1, self.scrollable_content_region.height - 2)
        if half:
            height = max(1, height // 2)
        self._scroll_y_to(round(self.scroll_y) + delta * height)
        visible = self.visible_items()
        if len(visible) and self.cursor not in visible:
            self.cursor = visible.start if delta > 0 else visible.stop - 1

    def on_click(self, event: Click) -> None:
        """The clicked item becomes the cursor; in a table, the clicked row."""
        line = round(self.scroll_y) + event.y
        if not self.items or line >= self._map.total:
            return
        index = self.item_at_line(line)
        self.cursor = index
        rendered = self._rendered(index)
        into = line - self.start_of(index)
        row = next((r for r, (a, b) in enumerate(rendered.rows) if a <= into < b), None)
        if row != self.row:
            self.row = row
            self._refresh_item(index)
