"""Go to section: type a label, an address, part of a heading, or a table or attachment (专栏3, 附件2, 表2)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from documents.model import Document, Section
from tui.bindings import bindings
from tui.docnav import address_path, heading_text, match_sections, scored_sections, section_label_path, section_path
from tui.i18n import _, ngettext
from tui.landmarks import Landmark, match_landmarks
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


def landmark_option(mark: Landmark) -> Option:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(mark.label, style="bold")
    if mark.caption and mark.caption != mark.label:
        prompt.append(f"  {mark.caption}")
    prompt.append(f"  {address_path(mark.address)}", style="dim")
    return Option(prompt)


def matches_for(doc: Document, text: str) -> list[Section | Landmark]:
    """Sections and landmarks for what was typed, best first (a landmark first where they tie)."""
    if not text.strip():
        return list(match_sections(doc, text))
    scored: list[tuple[float, int, Section | Landmark]] = [
        (score, 0, mark) for score, mark in match_landmarks(doc, text)
    ]
    scored += [(score, 1, section) for score, section in scored_sections(doc, text)]
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [match for _, _, match in scored]


class GotoDialog(OptionListActions, Dialog[str | None]):
    """Returns the address of the chosen section, or None when cancelled.

    ``三``, ``三/（一）``, ``三 一 2``, ``（一）`` or ``3`` match by label; anything
    else matches headings, loosely (``循环`` finds 推进园区循环化改造). ``专栏3``,
    ``附件2``, ``表2`` or a word of a caption find tables and attachments.
    """

    CSS_PATH = "../styles/goto.tcss"
    BINDINGS = bindings("goto")
    NAME = "goto"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.matches: list[Section | Landmark] = []

    def dialog_title(self) -> str:
        return _("Go to section") + f" · {self.document.short} {self.document.title}"

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=_("三/（一）, 3, 专栏2, 附件1, or words of a heading or caption"), id="goto-input")
        yield OptionList(id="goto-matches")

    def on_mount(self) -> None:
        self.query_one("#goto-matches", OptionList).can_focus = False
        self.refilter("")
        self.query_one("#goto-input", Input).focus()

    @property
    def options(self) -> OptionList:
        return self.query_one("#goto-matches", OptionList)

    def refilter(self, text: str) -> None:
        found = matches_for(self.document, text)
        self.matches = found[:MAX_SHOWN]
        options = self.options
        options.clear_options()
        options.add_options(
            landmark_option(m) if isinstance(m, Landmark) else section_option(self.document, m) for m in self.matches
        )
        if self.matches:
            options.highlighted = 0
        if text.strip() and not found:
            status = _("no section matches")
        elif any(isinstance(m, Landmark) for m in found) and len(found) == len(self.matches):
            status = ngettext("{count} match", "{count} matches", len(found)).format(count=len(found))
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
