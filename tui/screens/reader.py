"""The reader: a document's text with its outline beside it.

The screen owns what is shown (document, cursor, panels); the app owns where
the reader has been (history) and opens places through :meth:`ReaderScreen.show`.
Everything the reader stores (marks, notes, bookmarks) goes through the app's
stores, so other screens see the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from documents.collector import long_lived
from documents.model import Document, Table
from documents.state.bookmarks import Bookmark
from documents.state.review_export import clause_text_for
from tui.bindings import bindings
from tui.console.safe import clean
from tui.context import ceyue_app
from tui.docnav import Item, citation, document_items, elide_middle, heading_path, marked_text
from tui.find import Finder, Match, nearest, needle
from tui.history import Location
from tui.i18n import _
from tui.marks import CHANGED, MARKS, NOTE, glyph, mark_name
from tui.messages import LeaveMode, OpenLocation, SessionChanged, StepHistory, StepHit
from tui.screens.dialog import Dialog
from tui.store_writes import written
from tui.widgets.document_view import DocumentView
from tui.widgets.find_bar import FindBar
from tui.widgets.footer import Footer
from tui.widgets.outline import Outline
from tui.widgets.status import IndexStatus

if TYPE_CHECKING:
    from documents.extract.references import Reference

#: Mark toasts only confirm a key press: gone quickly so they do not pile up.
MARK_TOAST_SECONDS = 2

#: Below this width the outline steps aside while the cited-by panel is open.
NARROW = 140
#: From this width on the outline may grow wider (its headings are long).
WIDE = 170


def document_subtitle(doc: Document) -> str:
    meta = doc.meta
    return "  ".join(x for x in (meta.doc_number, meta.issuer, meta.date) if x)


def first_term(item: Item, terms: tuple[str, ...]) -> int | None:
    """Where the first of ``terms`` stands in ``item`` as drawn (label included), for a long clause to show it."""
    found = [at for at in (item.text.find(term) for term in terms if term) if at >= 0]
    return len(item.label) + min(found) if found else None


class ReaderScreen(Screen[None]):
    """One document at a time; the app calls :meth:`show` to open a place."""

    CSS_PATH = "../styles/reader.tcss"
    BINDINGS = bindings("reader")
    AUTO_FOCUS = "#text"
    #: A wide terminal gives the outline more room (see reader.tcss ``-wide``).
    HORIZONTAL_BREAKPOINTS = [(0, "-normal"), (WIDE, "-wide")]

    def __init__(self) -> None:
        super().__init__(id="reader")
        self.document: Document | None = None
        self.items: list[Item] = []
        #: Items that start a section (for ] and [), found when first asked.
        self._section_starts: list[int] | None = None
        self._cited_by: list[Reference] = []
        self._finder: Finder | None = None
        self._matches: list[Match] = []
        self._match = -1
        #: Where the cursor was when find opened: typing finds from there, not from the last match.
        self._find_origin = 0
        #: The notes on the open document's clauses (address -> note), shown under the text at the cursor.
        self.notes: dict[str, str] = {}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="策阅")
        yield Static("", id="crumbs")
        with Horizontal(id="reader-body"):
            yield Outline(id="outline")
            yield DocumentView(id="text")
            with Vertical(id="cited-by"):
                yield Static(_("Cited by"), id="cited-by-title")
                yield OptionList(id="cited-by-list")
        yield FindBar(id="find")
        yield Static("", id="reader-note")
        yield IndexStatus()
        yield Footer()

    @property
    def view(self) -> DocumentView:
        return self.query_one("#text", DocumentView)

    @property
    def outline(self) -> Outline:
        return self.query_one("#outline", Outline)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one("#find", FindBar)

    @property
    def outline_visible(self) -> bool:
        return not self.outline.has_class("hidden")

    @property
    def cited_by_visible(self) -> bool:
        return self.query_one("#cited-by").has_class("shown")

    @property
    def current_item(self) -> Item | None:
        if not self.items:
            return None
        return self.items[max(0, min(self.view.cursor, len(self.items) - 1))]

    @property
    def location(self) -> Location | None:
        item = self.current_item
        if self.document is None or item is None:
            return None
        return Location(self.document.key, item.address)

    # ------------------------------------------------------------ opening

    def show(self, doc: Document, address: str | None, terms: tuple[str, ...] = (), *, row: int | None = None) -> None:
        """Show ``doc`` with the cursor on ``address`` (the title if empty), ``terms`` highlighted there.

        ``row`` (from 1, as search hits count) puts the cursor on that row of the table at ``address``.
        """
        if self.document is not doc:
            self._load(doc)
        index = self.index_of(address, terms)
        item = self.items[index]
        self.view.set_highlights({item.address: list(terms)} if terms else {})
        table_row = row - 1 if row is not None and item.kind == "table" else None
        self.view.show_item(index, at_top=index > 0, row=table_row, offset=first_term(item, terms))
        self._cursor_changed(index)
        if item.kind != "title":
            self.outline.reveal(item.section)
        else:
            self.outline.to_top()

    def _load(self, doc: Document) -> None:
        self.document = doc
        with long_lived():  # a 法规汇编's 10^5 items stay while it is open: kept from the collector
            self.items = document_items(doc)
        self._section_starts = None
        self.title = f"{doc.short} {doc.title}"
        self._finder = None
        self._matches, self._match = [], -1
        self.find_bar.hide()
        self.view.load(self.items, document_subtitle(doc))
        self.outline.load(doc)
        self.refresh_marks()
        self.refresh_bookmarks()
        self.refresh_references()
        if self.cited_by_visible:
            self._fill_cited_by()

    def index_of(self, address: str | None, terms: tuple[str, ...] = ()) -> int:
        """The item showing ``address``: itself, its section's first item, or the nearest ancestor's.

        A titled section and its first clause share an address; with ``terms``
        the one containing them wins (a search hit in the clause, not the heading).
        """
        if not address or self.document is None:
            return 0
        doc = self.document
        if not address.startswith(doc.short):
            address = f"{doc.short}/{address.strip('/')}"
        probe = address
        while probe:
            candidates = self.view.indices(probe)
            if candidates:
                for n in candidates:
                    if any(term and term in self.items[n].text for term in terms):
                        return n
                return candidates[0]
            if "/" not in probe:
                break
            probe = probe.rsplit("/", 1)[0]
        return 0

    # ------------------------------------------------------------ decorations

    def marked_text(self, address: str) -> str:
        """What a mark on ``address`` of the open document is about (its items know; the model is searched
        only for an address they do not show)."""
        found = self.view.indices(address)
        if found:
            return marked_text(self.items[found[0]])
        return clause_text_for(self.document, address) if self.document is not None else ""

    def refresh_marks(self) -> None:
        store = ceyue_app(self).review_store
        if self.document is None:
            return
        marks: dict[str, tuple[str, str]] = {}
        self.notes = {}
        for entry in store.items(self.document.key):
            # (glyph, kind): the kind names the gutter's ``mark-*`` style
            shown = (glyph(entry.mark), entry.mark if entry.mark in MARKS else "note")
            if entry.changed(self.marked_text(entry.address)):
                shown = (CHANGED[0], "changed")
            marks[entry.address] = shown
            if entry.note:
                self.notes[entry.address] = entry.note
        self.view.set_marks(marks, set(self.notes))
        self._show_note()

    def _show_note(self) -> None:
        """The note on the clause under the cursor, under the text (hidden when it has none)."""
        item = self.current_item
        note = self.notes.get(item.address, "") if item is not None else ""
        line = self.query_one("#reader-note", Static)
        line.display = bool(note)
        if note:
            text = Text(NOTE[0] + " ", style="bold")
            text.append(clean(note.strip()))
            line.update(text)

    def refresh_bookmarks(self) -> None:
        if self.document is not None:
            self.view.set_bookmarks(ceyue_app(self).bookmarks.addresses(self.document.key))

    def refresh_references(self) -> None:
        resolver = ceyue_app(self).references
        if self.document is None or resolver is None:
            return
        spans: dict[str, list[tuple[int, int]]] = {}
        try:
            references = resolver.references(self.document.key)
        except Exception as exc:  # a resolver bug must not stop reading
            self.notify(_("references: {error}").format(error=exc), severity="warning")
            return
        for ref in references:
            if ref.kind == "inherited":
                continue
            spans.setdefault(ref.address, []).append((ref.start, ref.end))
        self.view.set_references(spans)

    # ------------------------------------------------------------ following the cursor

    def on_document_view_cursor_moved(self, event: DocumentView.CursorMoved) -> None:
        event.stop()
        self._cursor_changed(event.index)

    def _cursor_changed(self, index: int) -> None:
        if self.document is None or not self.items:
            return
        item = self.items[max(0, min(index, len(self.items) - 1))]
        crumbs = Text(no_wrap=True, overflow="ellipsis")
        path = heading_path(self.document, item.section) if item.kind != "title" else []
        crumbs_widget = self.query_one("#crumbs", Static)
        width = crumbs_widget.content_region.width or self.app.size.width
        for n, part in enumerate(elide_middle([self.document.short, *path], width)):
            if n:
                crumbs.append(" › ", style="dim")
            crumbs.append(part, style="bold" if n == 0 else "")
        crumbs_widget.update(crumbs)
        if item.kind != "title":
            self.outline.follow(item.section)
        elif not self.outline.has_focus:
            self.outline.to_top()  # g or k up to the title: the outline from its first heading too
        self._show_note()
        ceyue_app(self).remember_location(Location(self.document.key, item.address))

    def on_document_view_top_changed(self, event: DocumentView.TopChanged) -> None:
        event.stop()
        if self.items and 0 <= event.index < len(self.items) and self.items[event.index].kind != "title":
            self.outline.follow(self.items[event.index].section)

    def on_outline_jump(self, event: Outline.Jump) -> None:
        event.stop()
        if self.document is not None:
            self.post_message(OpenLocation(self.document.key, event.address))
            self.view.focus()

    # ------------------------------------------------------------ moving

    # j/k, g/G and the page keys move whichever pane has the focus: the outline, cited-by or the text.

    def _side_list(self) -> OptionList | None:
        focused = self.focused
        return focused if isinstance(focused, OptionList) and focused.id == "cited-by-list" else None

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        side = self._side_list()
        if self.outline.has_focus:
            self.outline.step(delta)
        elif side is not None:
            side.action_cursor_down() if delta > 0 else side.action_cursor_up()
        else:
            self.view.move(delta)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_half_page(self, delta: int) -> None:
        self._page(delta, half=True)

    def _page(self, delta: int, *, half: bool = False) -> None:
        side = self._side_list()
        if self.outline.has_focus:
            height = self.outline.half_page
            self.outline.step(delta * (height if half else 2 * height))
        elif side is not None:
            side.action_page_down() if delta > 0 else side.action_page_up()
        else:
            self.view.page(delta, half=half)

    def action_top(self) -> None:
        side = self._side_list()
        if self.outline.has_focus:
            self.outline.to_line(0)
        elif side is not None:
            side.action_first()
        else:
            self.view.show_item(0)

    def action_bottom(self) -> None:
        side = self._side_list()
        if self.outline.has_focus:
            self.outline.to_line(self.outline.last_line)
        elif side is not None:
            side.action_last()
        else:
            self.view.show_item(len(self.items) - 1)

    def section_starts(self) -> list[int]:
        if self._section_starts is None:
            self._section_starts = [n for n, item in enumerate(self.items) if item.kind == "heading" or item.label]
        return self._section_starts

    def action_next_section(self) -> None:
        starts = self.section_starts()
        later = bisect_right(starts, self.view.cursor)
        if later < len(starts):
            self.view.show_item(starts[later], at_top=True)
        else:
            self.app.bell()

    def action_previous_section(self) -> None:
        starts = self.section_starts()
        earlier = bisect_left(starts, self.view.cursor)
        if earlier:
            self.view.show_item(starts[earlier - 1], at_top=True)
        else:
            self.view.show_item(0)

    def action_next_hit(self) -> None:
        """The next find match while the find bar is open, else the next search hit."""
        if self.finding:
            self.step_match(1)
        else:
            self.post_message(StepHit(1))

    def action_previous_hit(self) -> None:
        if self.finding:
            self.step_match(-1)
        else:
            self.post_message(StepHit(-1))

    # ------------------------------------------------------------ find in document

    @property
    def finding(self) -> bool:
        """Whether n/N step through find matches (the bar is open with a query)."""
        return self.find_bar.shown and bool(needle(self.find_bar.query_text))

    def action_find(self) -> None:
        if self.document is None:
            return
        self._find_origin = self.view.cursor
        self.find_bar.open()

    def on_find_bar_changed(self, event: FindBar.Changed) -> None:
        event.stop()
        if self._finder is None:
            self._finder = Finder(self.items)
        self._matches = self._finder.find(event.query)
        self._match = nearest(self._matches, self._find_origin) if self._matches else -1
        self._show_match()

    def on_find_bar_step(self, event: FindBar.Step) -> None:
        event.stop()
        self.step_match(event.delta)

    def on_find_bar_done(self, event: FindBar.Done) -> None:
        event.stop()
        self.view.focus()

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.close_find()

    def step_match(self, delta: int) -> None:
        """The next (1) or previous (-1) match, going round from the last to the first."""
        if not self._matches:
            self.app.bell()
            return
        self._match = (self._match + delta) % len(self._matches)
        self._show_match()

    def _show_match(self) -> None:
        current = self._matches[self._match] if self._matches else None
        self.view.set_found(needle(self.find_bar.query_text), self._matches, current)
        self.find_bar.set_count(self._match if current else None, len(self._matches))
        if current is not None:
            self.view.show_item(current.index, row=current.row, offset=current.start if current.part == 0 else None)

    def close_find(self) -> None:
        """Hide the bar and its marks; the cursor stays on the match it was on."""
        self.find_bar.hide()
        self._matches, self._match = [], -1
        self.view.set_found("", [], None)
        self.view.focus()

    def action_back(self) -> None:
        self.post_message(StepHistory(-1))

    def action_forward(self) -> None:
        self.post_message(StepHistory(1))

    def action_goto(self) -> None:
        if self.document is None:
            return
        from tui.screens.goto import GotoDialog

        doc = self.document

        def chosen(address: str | None) -> None:
            if address:
                self.post_message(OpenLocation(doc.key, address))

        self.app.push_screen(GotoDialog(doc), chosen)

    def action_outline(self) -> None:
        """Move between the outline and the text."""
        if self.outline.has_focus:
            self.view.focus()
            return
        if not self.outline_visible:
            self.set_outline_visible(True)
        self.outline.focus()

    def action_toggle_outline(self) -> None:
        self.set_outline_visible(not self.outline_visible)

    def set_outline_visible(self, visible: bool) -> None:
        self.outline.set_class(not visible, "hidden")
        if not visible and self.outline.has_focus:
            self.view.focus()
        self.post_message(SessionChanged())

    def action_close(self) -> None:
        if self.find_bar.shown:
            self.close_find()
            return
        if self.cited_by_visible:
            self.set_cited_by_visible(False)
            return
        self.post_message(LeaveMode("reader"))

    # ------------------------------------------------------------ keeping things

    def action_bookmark(self) -> None:
        item = self.current_item
        if self.document is None or item is None:
            return
        path = heading_path(self.document, item.section)
        added = ceyue_app(self).bookmarks.toggle(
            Bookmark(
                doc=self.document.key,
                address=item.address,
                doc_title=self.document.title,
                heading=" › ".join(path),
                excerpt=item.text[:60],
            )
        )
        self.refresh_bookmarks()
        message = _("Bookmarked {address}") if added else _("Bookmark removed: {address}")
        self.notify(message.format(address=item.address))

    def action_copy(self) -> None:
        item = self.current_item
        if self.document is None or item is None:
            return
        text = citation(self.document, item)
        self.app.copy_to_clipboard(text)
        self.notify(text if len(text) < 200 else text[:200] + "…", title=_("Copied"))

    def action_mark(self, mark: str) -> None:
        item = self.current_item
        store = ceyue_app(self).review_store
        if self.document is None or item is None or item.kind == "title":
            return
        existing = store.get(self.document.key, item.address)
        new = None if existing is not None and existing.mark == mark else mark
        doc = self.document
        if not written(
            self, lambda: store.set_mark(doc.key, item.address, new, self.marked_text(item.address)), _("Mark")
        ):
            return
        self.refresh_marks()
        what = f"{glyph(new)} {mark_name(new)}" if new else _("mark removed")
        self.notify(f"{item.address}: {what}", timeout=MARK_TOAST_SECONDS)

    def action_note(self) -> None:
        item = self.current_item
        if self.document is None or item is None or item.kind == "title":
            return
        from tui.screens.note import NoteDialog

        doc = self.document
        store = ceyue_app(self).review_store
        existing = store.get(doc.key, item.address)
        address = item.address

        def saved(note: str | None) -> None:
            if note is None:
                return
            if not written(
                self, lambda: store.set_note(doc.key, address, note, self.marked_text(address)), _("Note"), note
            ):
                return
            self.refresh_marks()
            message = _("Note saved on {address}") if note.strip() else _("Note removed from {address}")
            self.notify(message.format(address=address))

        self.app.clear_notifications()  # mark toasts would sit on the dialog's hint line
        self.app.push_screen(NoteDialog(citation(doc, item), existing.note if existing else ""), saved)

    # ------------------------------------------------------------ references

    def action_follow(self) -> None:
        item = self.current_item
        resolver = ceyue_app(self).references
        if self.document is None or item is None:
            return
        if resolver is None:
            self.notify(_("References are not ready yet"))
            return
        references = [r for r in resolver.references_at(self.document.key, item.address) if r.kind != "inherited"]
        if not references:
            self.notify(_("No reference in this clause"))
            return
        if len(references) == 1:
            self.follow(references[0])
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self.follow(references[index])

        self.app.push_screen(ReferencePicker(references), chosen)

    def follow(self, reference: Reference) -> None:
        if reference.target_doc is None:  # not resolved
            message = _("{reference}: not in the corpus ({names})").format(
                reference=reference.text, names=reference.names
            )
            self.notify(message, severity="warning")
            return
        self.post_message(OpenLocation(reference.target_doc, reference.target_address or ""))

    def action_cited_by(self) -> None:
        self.set_cited_by_visible(not self.cited_by_visible)

    def set_cited_by_visible(self, visible: bool) -> None:
        panel = self.query_one("#cited-by")
        panel.set_class(visible, "shown")
        self.post_message(SessionChanged())
        # Text, outline and panel side by side leave too little text on a narrow terminal.
        self.outline.set_class(visible and self.size.width < NARROW, "crowded")
        if visible:
            self._fill_cited_by()
            self.query_one("#cited-by-list", OptionList).focus()
        else:
            self.view.focus()

    def _fill_cited_by(self) -> None:
        options = self.query_one("#cited-by-list", OptionList)
        options.clear_options()
        resolver = ceyue_app(self).references
        doc = self.document
        title = self.query_one("#cited-by-title", Static)
        if doc is None:
            return
        if resolver is None:
            title.update(_("Cited by · not ready yet"))
            self._cited_by = []
            return
        item = self.current_item
        table = item.block if item is not None and isinstance(item.block, Table) else None
        self._cited_by = resolver.cited_by(doc.key, table.address if table is not None else None)
        what = table.label if table is not None else doc.short
        title.update(_("Cited by") + f" · {what} · {len(self._cited_by)}")
        for ref in self._cited_by:
            prompt = Text()
            source = self._doc_title(ref.doc)
            prompt.append(source, style="bold")
            prompt.append(f"\n{ref.address}", style="dim")
            prompt.append(f"  {ref.text}")
            options.add_option(Option(prompt))
        if not self._cited_by:
            options.add_option(Option(Text(_("Nothing in the corpus cites this"), style="dim"), disabled=True))

    def _doc_title(self, key: str) -> str:
        try:
            doc = ceyue_app(self).corpus.get(key)
        except LookupError:
            return key
        return f"{doc.short} {doc.title}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "cited-by-list":
            return
        event.stop()
        if 0 <= event.option_index < len(self._cited_by):
            ref = self._cited_by[event.option_index]
            self.post_message(OpenLocation(ref.doc, ref.address))


class ReferencePicker(Dialog[int | None]):
    """Which of a clause's references to follow; returns its index, or None."""

    BINDINGS = bindings("refs")
    NAME = "references"
    DEFAULT_CSS = """
    ReferencePicker #references-dialog { height: auto; max-height: 70%; }
    ReferencePicker #references { height: auto; max-height: 100%; border: none; }
    """

    def __init__(self, references: list[Reference]) -> None:
        super().__init__()
        self.references = references

    def dialog_title(self) -> str:
        return _("Follow which reference?")

    def dialog_status(self) -> None:
        return None

    def compose_body(self) -> ComposeResult:
        options = OptionList(id="references")
        for ref in self.references:
            prompt = Text(ref.text, style="bold" if ref.resolved else "")
            if not ref.resolved:
                prompt.append("  " + _("not in the corpus"), style="dim")
            options.add_option(Option(prompt))
        yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_select(self) -> None:
        self.dismiss(self.query_one(OptionList).highlighted)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
