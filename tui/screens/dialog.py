"""The one dialog frame: a bordered box in the middle of the screen.

A dialog has a title line, its own body and, if it wants one, a status line
under the body (a count, a hint). The parts have ids built from ``NAME``
(``goto-dialog``, ``goto-title``, ``goto-status``) so a dialog's stylesheet
and tests can address them; the frame's look lives here only. A dialog's
stylesheet sets just what differs (``height`` of its box, its body).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """Subclasses set ``NAME`` and implement :meth:`compose_body`; ``dialog_title`` and
    ``dialog_status`` give the first and last lines (``None``: no status line)."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog .dialog-frame {
        width: 80;
        max-width: 95%;
        height: 70%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-title {
        height: 1;
        text-style: bold;
    }
    Dialog .dialog-status {
        height: 1;
        color: $text-muted;
    }
    """

    #: Prefix of the frame's ids: ``{NAME}-dialog``, ``{NAME}-title``, ``{NAME}-status``.
    NAME: ClassVar[str] = "dialog"

    def dialog_title(self) -> str:
        return ""

    def dialog_status(self) -> str | None:
        """The status line's first text; None leaves the line out."""
        return ""

    def compose_body(self) -> ComposeResult:
        """The widgets between the title and the status line."""
        raise NotImplementedError(f"{type(self).__name__} must say what its dialog holds")

    def compose(self) -> ComposeResult:
        with Vertical(id=f"{self.NAME}-dialog", classes="dialog-frame"):
            yield Static(self.dialog_title(), id=f"{self.NAME}-title", classes="dialog-title")
            yield from self.compose_body()
            status = self.dialog_status()
            if status is not None:
                yield Static(status, id=f"{self.NAME}-status", classes="dialog-status")

    def set_status(self, text: str) -> None:
        self.query_one(f"#{self.NAME}-status", Static).update(text)
