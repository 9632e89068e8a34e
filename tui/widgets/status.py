"""A one-line status of the startup work: the documents being read, the word list loading, the index being built."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tui.i18n import _


@dataclass(frozen=True)
class IndexState:
    """Where startup has got: ``phase`` is reading (documents) | dictionary | indexing | ready | unavailable."""

    phase: str = "dictionary"
    done: int = 0
    total: int = 0
    message: str = ""

    @property
    def busy(self) -> bool:
        return self.phase in ("reading", "dictionary", "indexing")

    @property
    def counted(self) -> bool:
        """Whether the phase has a done/total to show as a bar."""
        return self.phase in ("reading", "indexing")

    def describe(self) -> str:
        """The phase in one line, in the interface language."""
        if self.phase == "reading":
            name = f" · {self.message}" if self.message else ""
            if not self.total:
                return _("Looking for documents…")
            return _("Reading {done}/{total}").format(done=self.done, total=self.total) + name
        if self.phase == "dictionary":
            return _("Loading the word list…")
        if self.phase == "indexing" and self.total and self.done >= self.total:
            return _("Writing the index of {count} documents…").format(count=self.total)
        if self.phase == "indexing":
            title = f" · {self.message}" if self.message else ""
            return _("Indexing {done}/{total}").format(done=self.done, total=self.total) + title
        if self.phase == "unavailable":
            return _("Search unavailable: {reason}").format(reason=self.message)
        return ""


class IndexStatus(Horizontal):
    """Shown while the app's :class:`IndexState` is busy; hidden once the index is ready."""

    DEFAULT_CSS = """
    IndexStatus { height: 1; padding: 0 1; }
    IndexStatus.idle { display: none; }
    IndexStatus #index-status-label { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; color: $text-muted; }
    IndexStatus #index-status-bar { width: auto; margin-left: 1; }
    IndexStatus #index-status-bar.hidden { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="index-status-label")
        yield ProgressBar(id="index-status-bar", show_eta=False)

    def on_mount(self) -> None:
        self.watch(self.app, "index_state", self.show_state)

    def show_state(self, state: IndexState | None) -> None:
        if state is None:  # a screen shown by an app with no index (a test host, a screen on its own)
            self.add_class("idle")
            return
        self.set_class(not state.busy, "idle")
        self.query_one("#index-status-label", Label).update(state.describe())
        bar = self.query_one("#index-status-bar", ProgressBar)
        bar.set_class(not state.counted, "hidden")
        if state.counted:
            bar.update(total=max(state.total, 1), progress=state.done)
