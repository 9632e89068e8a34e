"""Find in document: a one-line bar under the reader's text.

The bar only takes the query and shows the count; the reader finds (see
:mod:`tui.find`), moves and marks, hearing from the bar through messages.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from tui.bindings import bindings
from tui.i18n import _


class FindBar(Horizontal):
    """Hidden until :meth:`open`; ``shown`` says whether it is."""

    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        background: $boost;
    }
    FindBar.shown {
        display: block;
    }
    FindBar #find-prompt {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    FindBar #find-input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $boost;
    }
    FindBar #find-count {
        width: auto;
        min-width: 9;
        padding: 0 1;
        text-align: right;
    }
    """
    BINDINGS = bindings("find")

    class Changed(Message):
        """The query changed (typed or cleared)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        """Go to the next (1) or previous (-1) match."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class Done(Message):
        """Typing is over: back to the text, the bar and its marks stay."""

    class Closed(Message):
        """The bar closed: the marks go, the position stays."""

    def compose(self) -> ComposeResult:
        yield Label(_("Find"), id="find-prompt")
        yield Input(id="find-input", placeholder=_("text in this document"))
        yield Label("", id="find-count")

    @property
    def shown(self) -> bool:
        return self.has_class("shown")

    @property
    def query_text(self) -> str:
        return self.query_one("#find-input", Input).value

    def open(self) -> None:
        """Show the bar with the cursor in the query, its text selected to be typed over."""
        self.add_class("shown")
        field = self.query_one("#find-input", Input)
        field.focus()
        field.select_all()

    def hide(self) -> None:
        self.remove_class("shown")

    def set_count(self, position: int | None, total: int) -> None:
        """``k / n`` on the right; ``position`` None while there is nothing to count."""
        if not self.query_text.strip():
            text = ""
        elif total == 0:
            text = _("no match")
        else:
            text = f"{(position or 0) + 1} / {total}"
        self.query_one("#find-count", Label).update(text)

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()

    def action_next(self) -> None:
        self.post_message(self.Step(1))

    def action_previous(self) -> None:
        self.post_message(self.Step(-1))

    def action_done(self) -> None:
        self.post_message(self.Done())

    def action_close(self) -> None:
        self.hide()
        self.post_message(self.Closed())
