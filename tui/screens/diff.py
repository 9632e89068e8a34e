"""Two versions of a document side by side (新旧对照): old on the left, new on the right.

The diff (documents.compare.diff) is computed in a worker. Each row is one
clause: added, removed, changed (deleted characters struck out in red,
inserted ones underlined in green), moved (with its old address) or
renumbered. The summary line counts them; ``n``/``N`` walk from change to
change, ``a`` shows the unchanged clauses too, Enter opens the clause in the
reader, ``e`` exports the diff as Word or Excel.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from documents.model import Document
from tui.bindings import bindings
from tui.console.cjk import Wrapped
from tui.context import leave_place
from tui.i18n import N_, _, explain, ngettext
from tui.messages import OpenLocation
from tui.widgets.footer import Footer

#: Rows beyond this are not drawn (each row is a widget); the summary says so.
MAX_ROWS = 600
#: Each kind of row: its label (at most 8 cells) and colour.
KIND_LABELS = {
    "added": (N_("added"), "green"),
    "removed": (N_("removed"), "red"),
    "changed": (N_("changed"), "yellow"),
    "moved": (N_("moved"), "magenta"),
    "renumbered": (N_("renum."), "cyan"),
    "equal": ("", "dim"),
}
#: The summary's counts, in the order shown.
SUMMARY_COUNTS = (
    ("added", N_("{count} added")),
    ("removed", N_("{count} removed")),
    ("changed", N_("{count} changed")),
    ("moved", N_("{count} moved")),
    ("renumbered", N_("{count} renumbered")),
)


def summary_line(summary: dict[str, int]) -> str:
    """``3 added, 1 removed, 2 changed, 0 moved`` (renumbered only when there are some)."""
    parts = [
        _(text).format(count=summary.get(kind, 0))
        for kind, text in SUMMARY_COUNTS
        if kind != "renumbered" or summary.get(kind)
    ]
    return _(", ").join(parts)


def row_renderable(row: Any) -> RenderableType:
    """One diff row: kind | old text with deletions | new text with insertions."""
    old, new = Text(), Text()
    if row.segments:
        for op, a, b in row.segments:
            old.append(a, style="" if op == "equal" else "strike red")
            new.append(b, style="" if op == "equal" else "underline green")
    else:
        old.append(row.old.text if row.old else "")
        new.append(row.new.text if row.new else "")
    if row.old:
        old = Text(row.old.address + "\n", style="dim") + old
    if row.new:
        moved_from = f"  ← {row.old.address}" if row.kind == "moved" and row.old else ""
        new = Text(row.new.address + moved_from + "\n", style="dim") + new
    label, colour = KIND_LABELS[row.kind]
    label = _(label) if label else ""
    if row.kind == "moved" and row.edited:
        label += "+"
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=8, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(label, style=f"bold {colour}"), Wrapped(old), Wrapped(new))
    return grid


class DiffRowView(Static):
    """One row of the two-column view."""

    def __init__(self, row: Any, index: int) -> None:
        super().__init__(row_renderable(row), classes=f"diff-row -{row.kind}")
        self.row = row
        self.index = index


class DiffScroll(VerticalScroll, inherit_bindings=False):
    """The rows' scroll container: focusable, the screen's keys move the cursor."""


class DiffScreen(Screen[None]):
    """Clause-by-clause comparison of two versions of a document."""

    CSS_PATH = "../styles/diff.tcss"
    BINDINGS = bindings("diff")

    def __init__(self, old: Document, new: Document) -> None:
        super().__init__()
        self.old = old
        self.new = new
        self.diff: Any = None
        self.show_all = False
        self.cursor = -1
        self._views: list[DiffRowView] = []

    def compose(self) -> ComposeResult:
        yield Static(
            Text(f"{self.old.short} {self.old.title}  →  {self.new.short} {self.new.title}"), id="diff-heading"
        )
        yield Static(_("comparing…"), id="diff-summary")
        yield DiffScroll(id="diff-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()
        self.compute()

    @work(thread=True, exclusive=True, group="diff")
    def compute(self) -> None:
        from documents.compare.diff import diff_documents

        try:
            diff = diff_documents(self.old, self.new)
        except Exception as exc:  # a parse oddity must not take the browser down
            self.app.call_from_thread(self.set_summary, _("cannot compare: {reason}").format(reason=explain(exc)))
            return
        self.app.call_from_thread(self.show_diff, diff)

    def set_summary(self, text: str) -> None:
        self.query_one("#diff-summary", Static).update(text)

    @property
    def rows(self) -> list[Any]:
        if self.diff is None:
            return []
        rows = self.diff.rows if self.show_all else self.diff.changes
        return rows[:MAX_ROWS]

    def show_diff(self, diff: Any) -> None:
        self.diff = diff
        self.redraw()

    def redraw(self) -> None:
        scroll = self.query_one("#diff-scroll", DiffScroll)
        scroll.remove_children()
        self._views = [DiffRowView(row, k) for k, row in enumerate(self.rows)]
        if self._views:
            scroll.mount_all(self._views)
        self.cursor = -1
        self.update_summary()
        if self.diff is not None and not self.diff.changes:
            self.set_summary(_("the two versions are the same"))

    def update_summary(self) -> None:
        if self.diff is None:
            return
        changes = [v for v in self._views if v.row.is_change]
        at = sum(1 for v in changes if v.index <= self.cursor) if self.cursor >= 0 else 0
        if at:
            where = " · " + _("change {n}/{total}").format(n=at, total=len(changes))
        else:
            where = " · " + ngettext("{count} change", "{count} changes", len(changes)).format(count=len(changes))
        more = (
            " " + _("(first {count} rows shown)").format(count=MAX_ROWS)
            if len(self.diff.rows if self.show_all else self.diff.changes) > MAX_ROWS
            else ""
        )
        mode = _("all clauses") if self.show_all else _("changes only")
        self.set_summary(f"{summary_line(self.diff.summary)}{where}{more} · {mode}")

    def move_to(self, index: int) -> None:
        if not self._views:
            return
        index = max(0, min(index, len(self._views) - 1))
        if 0 <= self.cursor < len(self._views):
            self._views[self.cursor].remove_class("-cursor")
        self.cursor = index
        view = self._views[index]
        view.add_class("-cursor")
        self.query_one("#diff-scroll", DiffScroll).scroll_to_widget(view, animate=False, top=True)
        self.update_summary()

    def _step(self, direction: int) -> None:
        k = self.cursor + direction
        while 0 <= k < len(self._views):
            if self._views[k].row.is_change:
                self.move_to(k)
                return
            k += direction
        self.app.bell()

    def action_next_change(self) -> None:
        self._step(1)

    def action_previous_change(self) -> None:
        self._step(-1)

    def action_scroll_down(self) -> None:
        self.query_one("#diff-scroll", DiffScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#diff-scroll", DiffScroll).scroll_up(animate=False)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.redraw()

    def action_open(self) -> None:
        if not 0 <= self.cursor < len(self._views):
            self.app.bell()
            return
        row = self._views[self.cursor].row
        doc, unit = (self.new, row.new) if row.new else (self.old, row.old)
        self.post_message(OpenLocation(doc.key, unit.address))

    def action_export(self) -> None:
        if self.diff is None:
            self.app.bell()
            return
        from documents.export.builders import diff_report
        from tui.screens.export import export_report

        diff, everything = self.diff, self.show_all
        export_report(
            self, "新旧对照", f"diff-{self.old.short}-{self.new.short}", lambda: diff_report(diff, not everything)
        )

    def action_close(self) -> None:
        leave_place(self)
