"""Go to section: type a label, an address or part of a heading, pick a match."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from documents.model import Document, Section
from tui.bindings import bindings
from tui.docnav import heading_text, match_sections, section_label_path, section_path
from tui.i18n import _, ngettext
from tui.screens.dialog import Dialog
from tui.screens.option_list_actions import OptionListActions

#: Options drawn at most; the status line says how many more matched.
MAX_SHOWN = 500


def section_option(doc: Document, section: Section) -> Option:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(section_label_path(doc, section), style="bold")
    prompt.append("  ")
    trail = section_path(doc, section)[:-1]
    if trail:
        prompt.append(" › ".join(trail) + " › ", style="dim")
    prompt.append(heading_text(section))
    return Option(prompt)


class GotoDialog(OptionListActions, Dialog[str | None]):
    """Returns the address of the chosen section, or None when cancelled.

    ``三``, ``三/（一）``, ``三 一 2``, ``（一）`` or ``3`` match by label; anything
    else matches headings, loosely (``循环`` finds 推进园区循环化改造).
    """

    CSS_PATH = "../styles/goto.tcss"
    BINDINGS = bindings("goto")
    NAME = "goto"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.matches: list[Section] = []

    def dialog_title(self) -> str:
        return _("Go to section") + f" · {self.document.short} {self.document.title}"

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=_("三/（一）, 3, or words of a heading"), id="goto-input")
        yield OptionList(id="goto-matches")

    def on_mount(self) -> None:
        self.query_one("#goto-matches", OptionList).can_focus = False
        self.refilter("")
        self.query_one("#goto-input", Input).focus()

    @property
    def options(self) -> OptionList:
        return self.query_one("#goto-matches", OptionList)

    def refilter(self, text: str) -> None:
        found = match_sections(self.document, text)
        self.matches = found[:MAX_SHOWN]
        options = self.options
        options.clear_options()
        options.add_options(section_option(self.document, s) for s in self.matches)
        if self.matches:
            options.highlighted = 0
        if text.strip() and not found:
            status = _("no section matches")
        elif len(found) > len(self.matches):
            status = _("{shown} of {total} sections · type to narrow").format(shown=len(self.matches), total=len(found))
        else:
            status = ngettext("{count} section", "{count} sections", len(found)).format(count=len(found))
        self.set_status(status)

    @on(Input.Changed, "#goto-input")
    def _changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_select()

    @on(OptionList.OptionSelected, "#goto-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.options.highlighted = event.option_index
        self.action_select()

    def action_select(self) -> None:
        index = self.options.highlighted
        if index is None or not self.matches:
            self.app.bell()
            return
        self.dismiss(self.matches[index].address)
