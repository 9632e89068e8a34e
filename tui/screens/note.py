"""The note editor: a note on one clause, shown with the clause's citation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from tui.bindings import BY_ID, bindings, display_keys
from tui.i18n import _
from tui.screens.dialog import Dialog


class NoteDialog(Dialog[str | None]):
    """Returns the edited note (save), or None (cancel: the note stays as it was)."""

    CSS_PATH = "../styles/note.tcss"
    BINDINGS = bindings("note")
    NAME = "note"

    def __init__(self, citation: str, note: str = "") -> None:
        super().__init__()
        self.citation = citation
        self.note = note

    def dialog_title(self) -> str:
        return _("Note")

    def dialog_status(self) -> str:
        save = display_keys(BY_ID["note.save"].keys)
        cancel = display_keys(BY_ID["note.cancel"].keys)
        return _("{save} save · {cancel} cancel · an empty note removes it").format(save=save, cancel=cancel)

    def compose_body(self) -> ComposeResult:
        yield Static(self.citation, id="note-citation")
        yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
