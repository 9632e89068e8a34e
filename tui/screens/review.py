"""The review panel: every mark and note, by document, with the clause it is about.

A clause whose text changed since its note was written carries a "changed"
badge, so a reviewer knows to read it again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from documents.corpus import Corpus, DocumentNotFound
from documents.locations import data_dir
from documents.state.review import ReviewStore
from documents.state.review_export import (
    FORMATS,
    VIEWS,
    ReviewEntry,
    clause_text_for,
    in_view,
    review_entries,
    write_review,
)
from tui.bindings import bindings
from tui.console.cjk import Wrapped
from tui.console.safe import clean, clean_line
from tui.context import leave_place
from tui.i18n import N_, _, ngettext
from tui.marks import NOTE, glyph, legend
from tui.messages import OpenLocation, SessionChanged
from tui.screens.export import ExportDialog, export_in_worker
from tui.screens.note import NoteDialog
from tui.screens.option_list_actions import OptionListActions
from tui.store_writes import written
from tui.widgets.footer import Footer

EXCERPT_CHARS = 120


def entry_prompt(entry: ReviewEntry) -> RenderableType:
    """Mark glyph, address, heading path and badge; the clause excerpt; the note."""
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(f"{glyph(entry.mark)} ", style="bold red" if entry.mark == "flagged" else "bold")
    head.append(clean_line(entry.address), style="bold")
    if entry.heading_path:
        head.append("  " + clean_line(" › ".join(entry.heading_path)), style="dim")
    if entry.changed:
        head.append("  " + _("text changed"), style="bold reverse yellow")
    body = clean_line(" ".join(entry.text.split()))
    if len(body) > EXCERPT_CHARS:
        body = body[: EXCERPT_CHARS - 1] + "…"
    parts: list[RenderableType] = [head, Padding(Wrapped(Text(body, style="italic")), (0, 0, 0, 2))]
    if entry.note:
        note = Text(f"{NOTE[0]} ", style="bold")
        note.append(clean(entry.note.strip()))
        parts.append(Padding(Wrapped(note), (0, 0, 0, 2)))
    return Group(*parts)


def document_heading(entry: ReviewEntry) -> Text:
    title = entry.doc_title + (f"（{entry.doc_number}）" if entry.doc_number else "")
    return Text(clean_line(title), style="bold underline", no_wrap=True, overflow="ellipsis")


#: What each view (``f`` cycles) shows, for the heading.
VIEW_NAMES = {
    "all": N_("all"),
    "flagged": N_("⚑ flagged"),
    "question": N_("? questions"),
    "reviewed": N_("✓ reviewed"),
    "noted": N_("✎ with a note"),
    "changed": N_("changed since"),
}


def default_export_path() -> Path:
    return data_dir() / "exports" / f"review-{datetime.now():%Y%m%d-%H%M%S}.md"


class ReviewScreen(OptionListActions, Screen[None]):
    """Marks and notes grouped by document. Enter opens the clause, a edits the note,
    x clears (twice when there is a note), f shows one kind only (``view``), e exports
    what is shown, asking where (``export_path`` is offered; default: a dated file in
    the user data folder) and as what."""

    CSS_PATH = "../styles/review.tcss"
    BINDINGS = bindings("review")

    def __init__(
        self, store: ReviewStore, corpus: Corpus, *, export_path: Path | None = None, view: str = "all"
    ) -> None:
        super().__init__()
        self.store = store
        self.corpus = corpus
        self.export_path = export_path
        #: Which entries the panel shows (one of VIEWS); kept in the session.
        self.view = view if view in VIEWS else "all"
        self.rows: list[ReviewEntry | None] = []
        self._armed: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Review"), id="review-heading")
        yield OptionList(id="review-list")
        yield Static("", id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.options.focus()

    def current_place(self) -> tuple[str, str] | None:
        """(doc, address) of the entry under the cursor."""
        highlighted = self.options.highlighted
        row = self.rows[highlighted] if highlighted is not None and highlighted < len(self.rows) else None
        return (row.doc, row.address) if row else None

    def action_close(self) -> None:
        leave_place(self)

    @property
    def options(self) -> OptionList:
        return self.query_one("#review-list", OptionList)

    @property
    def entries(self) -> list[ReviewEntry]:
        return [row for row in self.rows if row is not None]

    def reload(self, keep: tuple[str, str] | None = None) -> None:
        """Read the store again; put the cursor back on ``keep`` (doc, address) if still there."""
        every = review_entries(self.store, self.corpus)
        entries = [entry for entry in every if in_view(entry, self.view)]
        options = self.options
        previous = options.highlighted
        options.clear_options()
        self.rows = []
        current_doc = None
        for entry in entries:
            if entry.doc != current_doc:
                current_doc = entry.doc
                options.add_option(Option(document_heading(entry), disabled=True))
                self.rows.append(None)
            options.add_option(entry_prompt(entry))
            self.rows.append(entry)
        target = next((n for n, row in enumerate(self.rows) if row and keep and (row.doc, row.address) == keep), None)
        if target is None and previous is not None:
            target = next((n for n in range(min(previous, len(self.rows) - 1), -1, -1) if self.rows[n]), None)
        if target is None:
            target = next((n for n, row in enumerate(self.rows) if row), None)
        options.highlighted = target
        changed = sum(1 for e in entries if e.changed)
        count = ngettext("{count} mark or note", "{count} marks and notes", len(entries)).format(count=len(entries))
        heading = _("Review") + f" · {count}"
        if changed:
            heading += " · " + _("{count} changed since").format(count=changed)
        if self.view != "all":
            heading += " · " + _("showing {view} ({shown} of {total}; f: next)").format(
                view=_(VIEW_NAMES[self.view]), shown=len(entries), total=len(every)
            )
        self.query_one("#review-heading", Static).update(f"{heading} · {legend()}")
        if every and not entries:
            self.set_status(_("Nothing to show as {view}: f shows the next kind").format(view=_(VIEW_NAMES[self.view])))
        elif not entries:
            self.set_status(_("No marks or notes yet: in the reader 1 2 3 mark a clause, a adds a note"))
        else:
            self.set_status("")

    def set_status(self, text: str) -> None:
        self.query_one("#review-status", Static).update(text)

    def selected(self) -> ReviewEntry | None:
        index = self.options.highlighted
        if index is None or index >= len(self.rows):
            return None
        return self.rows[index]

    def _current_text(self, entry: ReviewEntry) -> str:
        try:
            document = self.corpus.get(entry.doc)
        except DocumentNotFound:
            return entry.text
        return clause_text_for(document, entry.address) or entry.text

    @on(OptionList.OptionSelected, "#review-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionHighlighted, "#review-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if self._armed:
            self._armed = None
            self.set_status("")

    def action_open(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(OpenLocation(entry.doc, entry.address))

    def action_note(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def saved(note: str | None) -> None:
            if note is None:
                return
            text = self._current_text(entry)
            if written(self, lambda: self.store.set_note(entry.doc, entry.address, note, text), _("Note"), note):
                self.reload(keep=(entry.doc, entry.address))

        self.app.push_screen(NoteDialog(entry.citation, entry.note), saved)

    def action_clear(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        where = (entry.doc, entry.address)
        if entry.note and self._armed != where:
            self._armed = where
            self.set_status(_("Press x again to remove the mark and note on {address}").format(address=entry.address))
            return
        self._armed = None
        text = self._current_text(entry)

        def clear() -> None:
            self.store.set_mark(entry.doc, entry.address, None, text)
            self.store.set_note(entry.doc, entry.address, "", text)

        if not written(self, clear, _("Removal")):
            return
        self.reload()
        self.notify(_("Removed the mark and note on {address}").format(address=entry.address))

    def session_state(self) -> dict[str, str]:
        """What the next start shows the panel with."""
        return {"view": self.view}

    def action_filter(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.reload(self.current_place())
        self.post_message(SessionChanged())

    def action_export(self) -> None:
        entries = self.entries
        if not entries:
            self.app.bell()
            return
        what = (
            _("review notes") if self.view == "all" else _("review notes: {view}").format(view=_(VIEW_NAMES[self.view]))
        )
        path = self.export_path or default_export_path()

        def chosen(answer: tuple[Path, str] | None) -> None:
            if answer is not None:
                target, fmt = answer
                export_in_worker(self, lambda: write_review(entries, target, fmt), target)

        self.app.push_screen(ExportDialog(what, path, path.suffix.lstrip(".") or "md", formats=FORMATS), chosen)
