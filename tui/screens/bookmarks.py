"""Bookmarks: the places a reader kept, to jump back to one or forget it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from documents.state.bookmarks import Bookmark, BookmarkStore
from tui.bindings import bindings
from tui.i18n import _, explain, ngettext
from tui.screens.dialog import Dialog
from tui.screens.option_list_actions import OptionListActions


def bookmark_option(bookmark: Bookmark) -> Option:
    prompt = Text(overflow="ellipsis")
    prompt.append(bookmark.address, style="bold")
    if bookmark.heading:
        prompt.append(f"  {bookmark.heading}")
    prompt.append(f"\n{bookmark.doc_title or bookmark.doc}", style="dim")
    if bookmark.excerpt:
        prompt.append(f"\n{bookmark.excerpt}", style="italic")
    return Option(prompt)


class BookmarksDialog(OptionListActions, Dialog[tuple[str, str] | None]):
    """Returns ``(doc, address)`` of the chosen bookmark, or None; x deletes one."""

    CSS_PATH = "../styles/bookmarks.tcss"
    BINDINGS = bindings("bookmarks")
    NAME = "bookmarks"

    def __init__(self, store: BookmarkStore) -> None:
        super().__init__()
        self.store = store

    def dialog_title(self) -> str:
        return _("Bookmarks")

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="bookmarks-list")

    def on_mount(self) -> None:
        self.refresh_list()
        self.options.focus()

    @property
    def options(self) -> OptionList:
        return self.query_one("#bookmarks-list", OptionList)

    def refresh_list(self, highlight: int = 0) -> None:
        options = self.options
        options.clear_options()
        for bookmark in self.store.bookmarks:
            options.add_options([bookmark_option(bookmark), None])
        count = len(self.store.bookmarks)
        if count:
            options.highlighted = min(highlight, count - 1)
        status = (explain(self.store.error) if self.store.error else None) or (
            ngettext("{count} bookmark", "{count} bookmarks", count).format(count=count)
            if count
            else _("No bookmarks yet: press m in the reader")
        )
        self.set_status(status)

    def selected_index(self) -> int | None:
        highlighted = self.options.highlighted
        if highlighted is None or not self.store.bookmarks:
            return None
        return highlighted

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        bookmark = self.store.bookmarks[index]
        self.dismiss((bookmark.doc, bookmark.address))

    def action_delete(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        bookmark = self.store.bookmarks[index]
        try:
            self.store.remove(bookmark.doc, bookmark.address)
        except OSError:
            self.notify(explain(self.store.error) if self.store.error else _("cannot save bookmarks"), severity="error")
            return
        self.refresh_list(index)
