"""Every key binding of the browser, defined once.

Each command has a stable id ``scope.action`` (``reader.next_section``). The
screens build their Textual ``BINDINGS`` from this registry, the help screen and
the command palette list it, and ``keymap.toml`` at the top of the project
documents it. A user keymap overrides the keys by id (see ``tui.keymap``).

Keys are Textual key names, comma separated; a single character stands for
itself (``"]"`` is ``right_square_bracket``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import _character_to_key, format_key

SCOPES: dict[str, str] = {
    "app": "Everywhere",
    "documents": "Document list",
    "search": "Search",
    "reader": "Reader",
    "goto": "Go to section",
    "refs": "Follow which reference",
    "bookmarks": "Bookmarks",
    "compare": "Compare",
    "diff": "Diff (新旧对照)",
    "export": "Export dialog",
    "review": "Review panel",
    "note": "Note editor",
    "help": "Help",
}


@dataclass(frozen=True)
class Command:
    """One bindable command: its id, default keys, the action it runs and its help text."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = False
    palette: bool = True

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


def _c(id: str, keys: str, action: str, description: str, **kw: bool) -> Command:
    return Command(id, keys, action, description, **kw)


COMMANDS: tuple[Command, ...] = (
    # Everywhere
    _c("app.quit", "ctrl+q", "app.quit", "Quit", priority=True),
    _c("app.command_palette", "ctrl+p", "app.command_palette", "Commands", show=False, priority=True, palette=False),
    _c("app.help", "f1,?", "app.help", "Help"),
    _c("app.documents", "f2", "app.documents", "Documents"),
    _c("app.search", "/,f3", "app.search", "Search"),
    _c("app.bookmarks", "',f4", "app.bookmarks", "Bookmarks"),
    _c("app.compare", "f5", "app.compare", "Compare", show=False),
    _c("app.review", "f6", "app.review", "Review", show=False),
    # Document list
    _c("documents.open", "enter", "open", "Open"),
    _c("documents.down", "j,down", "cursor_down", "Down", show=False),
    _c("documents.up", "k,up", "cursor_up", "Up", show=False),
    _c("documents.first", "g,home", "first", "First document", show=False),
    _c("documents.last", "G,end", "last", "Last document", show=False),
    _c("documents.filter", "f", "filter", "Filter"),
    _c("documents.sort", "s", "sort", "Sort"),
    _c("documents.reverse", "r", "reverse", "Reverse sort", show=False),
    _c("documents.clear_filter", "x", "clear_filter", "Clear filter", show=False),
    _c("documents.diff", "d", "diff", "Diff versions"),
    _c("documents.quit", "q", "app.quit", "Quit", show=False),
    # Search
    _c("search.open", "enter", "open", "Open hit"),
    _c("search.down", "down,ctrl+n", "cursor_down", "Next result", show=False),
    _c("search.up", "up", "cursor_up", "Previous result", show=False),
    _c("search.next_document", "pagedown", "next_document", "Next document", show=False),
    _c("search.previous_document", "pageup", "previous_document", "Previous document", show=False),
    _c("search.focus_query", "ctrl+l", "focus_query", "Edit query", show=False),
    _c("search.close", "escape", "close", "Back"),
    # Reader
    _c("reader.down", "j,down", "cursor_down", "Next paragraph", show=False),
    _c("reader.up", "k,up", "cursor_up", "Previous paragraph", show=False),
    _c("reader.page_down", "pagedown,space,ctrl+f", "page_down", "Page down", show=False),
    _c("reader.half_page_down", "ctrl+d", "half_page(1)", "Half page down", show=False),
    _c("reader.half_page_up", "ctrl+u", "half_page(-1)", "Half page up", show=False),
    _c("reader.page_up", "pageup,ctrl+b", "page_up", "Page up", show=False),
    _c("reader.top", "g,home", "top", "Top of document", show=False),
    _c("reader.bottom", "G,end", "bottom", "End of document", show=False),
    _c("reader.next_section", "]", "next_section", "Next section"),
    _c("reader.previous_section", "[", "previous_section", "Previous section"),
    _c("reader.next_hit", "n", "next_hit", "Next hit"),
    _c("reader.previous_hit", "N", "previous_hit", "Previous hit", show=False),
    _c("reader.back", "ctrl+o,alt+left", "back", "Back"),
    _c("reader.forward", "ctrl+i,alt+right", "forward", "Forward", show=False),
    _c("reader.goto", ":", "goto", "Go to section"),
    _c("reader.bookmark", "m", "bookmark", "Bookmark"),
    _c("reader.copy", "y", "copy", "Copy with citation"),
    _c("reader.follow", "enter", "follow", "Follow reference", show=False),
    _c("reader.cited_by", "c", "cited_by", "Cited by", show=False),
    _c("reader.outline", "o", "outline", "Outline/text", show=False),
    _c("reader.toggle_outline", "O", "toggle_outline", "Show/hide outline", show=False),
    _c("reader.mark_reviewed", "1", "mark('reviewed')", "Mark reviewed", show=False),
    _c("reader.mark_flagged", "2", "mark('flagged')", "Mark flagged", show=False),
    _c("reader.mark_question", "3", "mark('question')", "Mark question", show=False),
    _c("reader.note", "a", "note", "Note"),
    _c("reader.close", "escape,q", "close", "Close"),
    # Go to section (dialog)
    _c("goto.select", "enter", "select", "Go"),
    _c("goto.down", "down", "cursor_down", "Next match", show=False),
    _c("goto.up", "up", "cursor_up", "Previous match", show=False),
    _c("goto.close", "escape", "close", "Cancel"),
    # Reference picker (dialog)
    _c("refs.select", "enter", "select", "Follow"),
    _c("refs.down", "j,down", "cursor_down", "Next reference", show=False),
    _c("refs.up", "k,up", "cursor_up", "Previous reference", show=False),
    _c("refs.close", "escape", "close", "Cancel"),
    # Bookmarks (dialog)
    _c("bookmarks.open", "enter", "open", "Open"),
    _c("bookmarks.delete", "x,delete", "delete", "Delete"),
    _c("bookmarks.down", "j,down", "cursor_down", "Down", show=False),
    _c("bookmarks.up", "k,up", "cursor_up", "Up", show=False),
    _c("bookmarks.close", "escape,q", "close", "Close"),
    # Compare
    _c("compare.open", "enter", "open", "Open clause"),
    _c("compare.pick", "ctrl+l", "pick", "Pick subject", show=False),
    _c("compare.toggle_by", "ctrl+t", "toggle_by", "Zones/agencies/topic"),
    _c("compare.remove", "x", "remove_column", "Remove column", show=False),
    _c("compare.down", "j,down", "cursor_down", "Down", show=False),
    _c("compare.up", "k,up", "cursor_up", "Up", show=False),
    _c("compare.left", "h,left", "cursor_left", "Left", show=False),
    _c("compare.right", "l,right", "cursor_right", "Right", show=False),
    _c("compare.export", "e", "export", "Export"),
    _c("compare.close", "escape,q", "close", "Back"),
    # Diff
    _c("diff.next_change", "n,]", "next_change", "Next change"),
    _c("diff.previous_change", "N,[", "previous_change", "Previous change"),
    _c("diff.down", "j,down", "scroll_down", "Down", show=False),
    _c("diff.up", "k,up", "scroll_up", "Up", show=False),
    _c("diff.toggle_all", "a", "toggle_all", "All/changes"),
    _c("diff.open", "enter", "open", "Open clause"),
    _c("diff.export", "e", "export", "Export"),
    _c("diff.close", "escape,q", "close", "Back"),
    # Export dialog
    _c("export.save", "enter", "save", "Save"),
    _c("export.cancel", "escape", "cancel", "Cancel"),
    # Review panel
    _c("review.open", "enter", "open", "Open"),
    _c("review.down", "j,down", "cursor_down", "Down", show=False),
    _c("review.up", "k,up", "cursor_up", "Up", show=False),
    _c("review.note", "a", "note", "Note"),
    _c("review.clear", "x,delete", "clear", "Remove"),
    _c("review.filter", "f", "filter", "Filter"),
    _c("review.export", "e", "export", "Export"),
    _c("review.close", "escape,q", "close", "Close", show=False),
    # Note editor (dialog)
    _c("note.save", "ctrl+s", "save", "Save note"),
    _c("note.cancel", "escape", "cancel", "Cancel"),
    # Help
    _c("help.close", "escape,q,f1,?", "close", "Close"),
)

BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope, for a class's ``BINDINGS``."""
    return [command.binding() for command in COMMANDS if command.scope == scope]


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
