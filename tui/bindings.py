"""Every key binding of the browser, defined once.

Each command has a stable id ``scope.action`` (``reader.next_section``). The
screens build their Textual ``BINDINGS`` from this registry, the help screen and
the command palette list it, and ``keymap.toml`` at the top of the project
documents it. A user keymap overrides the keys by id (see ``tui.keymap``).

Keys are Textual key names, comma separated; a single character stands for
itself (``"]"`` is ``right_square_bracket``).

Descriptions, titles and scope names are English msgids marked with ``N_``:
the tables exist before the interface language is chosen, so the footer, the
help screen and the palette translate them where they show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import _character_to_key, format_key

from tui.i18n import N_, _

SCOPES: dict[str, str] = {
    "app": N_("Everywhere"),
    "documents": N_("Document list"),
    "search": N_("Search"),
    "reader": N_("Reader"),
    "find": N_("Find in document"),
    "goto": N_("Go to section"),
    "refs": N_("Follow which reference"),
    "bookmarks": N_("Bookmarks"),
    "compare": N_("Compare"),
    "diff": N_("Diff (新旧对照)"),
    "export": N_("Export dialog"),
    "review": N_("Review panel"),
    "note": N_("Note editor"),
    "help": N_("Help"),
}


@dataclass(frozen=True)
class Command:
    """One bindable command: its id, default keys, the action it runs, its footer label (``description``)
    and, where the short label says too little away from the footer, a fuller ``title`` for help and palette."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = False
    palette: bool = True
    title: str = ""

    @property
    def label(self) -> str:
        """The command's name in the interface language, as the help screen and the palette show it."""
        return _(self.title or self.description)

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            id=self.id,
        )


def _c(id: str, keys: str, action: str, description: str, title: str = "", **kw: bool) -> Command:
    return Command(id, keys, action, description, title=title, **kw)


COMMANDS: tuple[Command, ...] = (
    # Everywhere
    _c("app.quit", "ctrl+q", "app.quit", N_("Quit"), priority=True),
    _c(
        "app.command_palette", "ctrl+p", "app.command_palette", N_("Commands"), show=False, priority=True, palette=False
    ),
    _c("app.help", "f1,?", "app.help", N_("Help")),
    _c("app.documents", "f2", "app.documents", N_("Documents")),
    _c("app.search", "/,f3", "app.search", N_("Search")),
    _c("app.bookmarks", "',f4", "app.bookmarks", N_("Bookmarks")),
    _c("app.compare", "f5", "app.compare", N_("Compare"), show=False),
    _c("app.review", "f6", "app.review", N_("Review"), show=False),
    # Document list
    _c("documents.open", "enter", "open", N_("Open"), N_("Open document")),
    _c("documents.down", "j,down", "cursor_down", N_("Down"), N_("Next document"), show=False),
    _c("documents.up", "k,up", "cursor_up", N_("Up"), N_("Previous document"), show=False),
    _c("documents.first", "g,home", "first", N_("First document"), show=False),
    _c("documents.last", "G,end", "last", N_("Last document"), show=False),
    _c("documents.filter", "f", "filter", N_("Filter"), N_("Filter documents")),
    _c("documents.narrow", "ctrl+f", "narrow", N_("Narrow"), N_("Narrow the list as you type"), show=False),
    _c("documents.sort", "s", "sort", N_("Sort"), N_("Sort documents")),
    _c("documents.reverse", "r", "reverse", N_("Reverse sort"), show=False),
    _c("documents.clear_filter", "x", "clear_filter", N_("Clear filter"), show=False),
    _c("documents.diff", "d", "diff", N_("Diff versions"), N_("Compare two versions (d on each)")),
    _c("documents.quit", "q", "app.quit", N_("Quit"), show=False),
    # Search
    _c("search.open", "enter", "open", N_("Open hit")),
    _c("search.down", "down,ctrl+n", "cursor_down", N_("Next result"), show=False),
    _c("search.up", "up", "cursor_up", N_("Previous result"), show=False),
    _c("search.next_document", "pagedown", "next_document", N_("Next document"), show=False),
    _c("search.previous_document", "pageup", "previous_document", N_("Previous document"), show=False),
    _c("search.focus_query", "ctrl+l", "focus_query", N_("Edit query"), show=False),
    _c("search.close", "escape", "close", N_("Back")),
    # Reader
    _c("reader.down", "j,down", "cursor_down", N_("Next paragraph"), show=False),
    _c("reader.up", "k,up", "cursor_up", N_("Previous paragraph"), show=False),
    _c("reader.page_down", "pagedown,space", "page_down", N_("Page down"), show=False),
    _c("reader.half_page_down", "ctrl+d", "half_page(1)", N_("Half page down"), show=False),
    _c("reader.half_page_up", "ctrl+u", "half_page(-1)", N_("Half page up"), show=False),
    _c("reader.page_up", "pageup,ctrl+b", "page_up", N_("Page up"), show=False),
    _c("reader.top", "g,home", "top", N_("Top of document"), show=False),
    _c("reader.bottom", "G,end", "bottom", N_("End of document"), show=False),
    _c("reader.next_section", "]", "next_section", N_("Next section")),
    _c("reader.previous_section", "[", "previous_section", N_("Previous section")),
    _c("reader.next_hit", "n", "next_hit", N_("Next hit")),
    _c("reader.previous_hit", "N", "previous_hit", N_("Previous hit"), show=False),
    _c("reader.back", "ctrl+o,alt+left", "back", N_("Back")),
    _c("reader.forward", "ctrl+i,alt+right", "forward", N_("Forward"), show=False),
    _c("reader.goto", ":", "goto", N_("Go to section")),
    _c("reader.find", "/,ctrl+f", "find", N_("Find"), N_("Find in document")),
    _c("reader.bookmark", "m", "bookmark", N_("Bookmark"), N_("Add or remove bookmark")),
    _c("reader.copy", "y", "copy", N_("Copy with citation")),
    _c("reader.follow", "enter", "follow", N_("Follow reference"), show=False),
    _c("reader.cited_by", "c", "cited_by", N_("Cited by"), show=False),
    _c("reader.outline", "o", "outline", N_("Outline/text"), N_("Switch between outline and text"), show=False),
    _c("reader.toggle_outline", "O", "toggle_outline", N_("Show/hide outline"), show=False),
    _c("reader.mark_reviewed", "1", "mark('reviewed')", N_("Mark reviewed"), show=False),
    _c("reader.mark_flagged", "2", "mark('flagged')", N_("Mark flagged"), show=False),
    _c("reader.mark_question", "3", "mark('question')", N_("Mark question"), show=False),
    _c("reader.note", "a", "note", N_("Note"), N_("Add or edit note")),
    _c("reader.close", "escape,q", "close", N_("Close"), N_("Close reader")),
    # Find in document (the reader's find bar)
    _c("find.next", "down", "next", N_("Next match")),
    _c("find.previous", "up", "previous", N_("Previous match")),
    _c("find.done", "enter", "done", N_("Back to the text"), show=False),
    _c("find.close", "escape", "close", N_("Close find")),
    # Go to section (dialog)
    _c("goto.select", "enter", "select", N_("Go")),
    _c("goto.down", "down", "cursor_down", N_("Next match"), show=False),
    _c("goto.up", "up", "cursor_up", N_("Previous match"), show=False),
    _c("goto.close", "escape", "close", N_("Cancel")),
    # Reference picker (dialog)
    _c("refs.select", "enter", "select", N_("Follow")),
    _c("refs.down", "j,down", "cursor_down", N_("Next reference"), show=False),
    _c("refs.up", "k,up", "cursor_up", N_("Previous reference"), show=False),
    _c("refs.close", "escape", "close", N_("Cancel")),
    # Bookmarks (dialog)
    _c("bookmarks.open", "enter", "open", N_("Open"), N_("Open bookmark")),
    _c("bookmarks.delete", "x,delete", "delete", N_("Delete"), N_("Delete bookmark")),
    _c("bookmarks.down", "j,down", "cursor_down", N_("Down"), N_("Next bookmark"), show=False),
    _c("bookmarks.up", "k,up", "cursor_up", N_("Up"), N_("Previous bookmark"), show=False),
    _c("bookmarks.close", "escape,q", "close", N_("Close")),
    # Compare
    _c("compare.open", "enter", "open", N_("Open clause")),
    _c("compare.pick", "ctrl+l", "pick", N_("Pick subject"), show=False),
    _c("compare.toggle_by", "ctrl+t", "toggle_by", N_("Zones/agencies/topic"), N_("Compare by zone, agency or topic")),
    _c("compare.remove", "x", "remove_column", N_("Remove column"), show=False),
    _c("compare.down", "j,down", "cursor_down", N_("Down"), show=False),
    _c("compare.up", "k,up", "cursor_up", N_("Up"), show=False),
    _c("compare.left", "h,left", "cursor_left", N_("Left"), show=False),
    _c("compare.right", "l,right", "cursor_right", N_("Right"), show=False),
    _c("compare.export", "e", "export", N_("Export"), N_("Export comparison")),
    _c("compare.close", "escape,q", "close", N_("Back")),
    # Diff
    _c("diff.next_change", "n,]", "next_change", N_("Next change")),
    _c("diff.previous_change", "N,[", "previous_change", N_("Previous change")),
    _c("diff.down", "j,down", "scroll_down", N_("Down"), show=False),
    _c("diff.up", "k,up", "scroll_up", N_("Up"), show=False),
    _c("diff.toggle_all", "a", "toggle_all", N_("All/changes"), N_("All clauses or changes only")),
    _c("diff.open", "enter", "open", N_("Open clause")),
    _c("diff.export", "e", "export", N_("Export"), N_("Export diff")),
    _c("diff.close", "escape,q", "close", N_("Back")),
    # Export dialog
    _c("export.save", "enter", "save", N_("Save")),
    _c("export.cancel", "escape", "cancel", N_("Cancel")),
    # Review panel
    _c("review.open", "enter", "open", N_("Open"), N_("Open clause")),
    _c("review.down", "j,down", "cursor_down", N_("Down"), N_("Next note"), show=False),
    _c("review.up", "k,up", "cursor_up", N_("Up"), N_("Previous note"), show=False),
    _c("review.note", "a", "note", N_("Note"), N_("Edit note")),
    _c("review.clear", "x,delete", "clear", N_("Remove"), N_("Remove mark and note")),
    _c("review.filter", "f", "filter", N_("Filter"), N_("Show one kind of mark")),
    _c("review.export", "e", "export", N_("Export"), N_("Export review")),
    _c("review.close", "escape,q", "close", N_("Close"), show=False),
    # Note editor (dialog)
    _c("note.save", "ctrl+s", "save", N_("Save note")),
    _c("note.cancel", "escape", "cancel", N_("Cancel")),
    # Help
    _c("help.close", "escape,q,f1,?", "close", N_("Close")),
)

BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope, for a class's ``BINDINGS``."""
    return [command.binding() for command in COMMANDS if command.scope == scope]


def scope_title(scope: str) -> str:
    """A scope's name in the interface language."""
    return _(SCOPES[scope])


def commands(scope: str) -> list[Command]:
    return [command for command in COMMANDS if command.scope == scope]


def normalize_keys(keys: str) -> list[str]:
    """Key names in Textual's long form: ``"]"`` -> ``["right_square_bracket"]``."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        if not key:
            continue
        out.append(_character_to_key(key) if len(key) == 1 else key)
    return out


def display_keys(keys: str) -> str:
    """Keys as a person reads them: ``"j,down"`` -> ``"j ↓"``."""
    return " ".join(format_key(key) for key in normalize_keys(keys))


def effective_keys(command: Command, keymap: dict[str, str]) -> str:
    """The keys a command is bound to once ``keymap`` (id -> keys) is applied."""
    return keymap.get(command.id, command.keys)
