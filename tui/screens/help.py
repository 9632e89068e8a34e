"""Help: what the review marks mean, then every command of the binding registry, by scope, with the keys now in force."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.bindings import SCOPES, bindings, commands, display_keys, effective_keys, scope_title
from tui.i18n import _
from tui.marks import legend
from tui.screens.dialog import Dialog


def help_sections(keymap: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(scope title, [(keys as shown, command name)]) for every scope with commands, in the interface language."""
    sections = []
    for scope in SCOPES:
        rows = [(display_keys(effective_keys(c, keymap)), c.label) for c in commands(scope)]
        if rows:
            sections.append((scope_title(scope), rows))
    return sections


def section_text(rows: list[tuple[str, str]], key_cells: int) -> Text:
    text = Text(no_wrap=False)
    for n, (keys, description) in enumerate(rows):
        if n:
            text.append("\n")
        text.append(keys + " " * max(key_cells - cell_len(keys), 0), style="bold")
        text.append("  ")
        text.append(description)
    return text


class HelpScreen(Dialog[None]):
    """Key help; ``keymap`` is the user's overrides (binding id -> keys)."""

    CSS_PATH = "../styles/help.tcss"
    BINDINGS = bindings("help")
    NAME = "help"

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def dialog_title(self) -> str:
        return _("Keys")

    def dialog_status(self) -> str:
        return _("esc close · keys can be changed in keymap.toml")

    def compose_body(self) -> ComposeResult:
        sections = help_sections(self.keymap)
        key_cells = max((cell_len(keys) for _, rows in sections for keys, _ in rows), default=0)
        with VerticalScroll(id="help-body"):
            yield Static(_("Review marks"), classes="help-scope")
            yield Static(legend(), classes="help-commands", id="help-marks")
            for n, (title, rows) in enumerate(sections):
                yield Static(title, classes="help-scope")
                yield Static(section_text(rows, key_cells), classes="help-commands", id=f"help-scope-{n}")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
