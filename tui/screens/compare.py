"""Compare: what several zones (or agencies) are assigned, side by side, topic by topic.

Pick subjects in the input (fuzzy completion over the names found in the
corpus), then read one column per subject; rows are the topics (section
headings) and cells the clauses assigning that topic to the subject. Clauses
addressed to every zone at once (各开发区要…) go once in a dimmed last column,
as in ``ceyue compare``. The whole
grid scrolls as one so rows stay aligned; the cursor walks cells (and the
clauses inside a cell) with the arrows or hjkl, Enter opens the clause.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static

from documents.compare.topics import TopicItem, TopicMatrix, TopicRow
from documents.corpus import Corpus
from documents.extract.compare import CellClause, CompareMatrix, CompareRow
from tui.bindings import bindings
from tui.console.cjk import Wrapped
from tui.context import leave_place
from tui.i18n import N_, _, explain, ngettext
from tui.messages import OpenLocation, SessionChanged
from tui.widgets.footer import Footer

#: What the screen lays out: zones/agencies × topics, or one topic's passages × documents.
Layout = CompareMatrix | TopicMatrix
LayoutRow = CompareRow | TopicRow


def cell_entries(matrix: Layout | None, row: LayoutRow, column: str) -> list[CellClause] | list[TopicItem]:
    """What one cell shows: a subject's clauses, or a document's passages about the topic."""
    if isinstance(matrix, TopicMatrix) and isinstance(row, TopicRow):
        return matrix.cell(row, column)
    if isinstance(matrix, CompareMatrix) and isinstance(row, CompareRow):
        return matrix.cell(row, column)
    return []


#: What the subjects are taken as, as the bar above the grid names it.
BY_TITLES = {"zone": N_("zones"), "agency": N_("agencies"), "topic": N_("topic")}
BY_ORDER = ("zone", "agency", "topic")
#: The status line once the names are listed.
NAMED = {
    "zone": N_("{count} zones named in the corpus"),
    "agency": N_("{count} agencies named in the corpus"),
    "topic": N_("{count} topics to choose from"),
}
#: Rows beyond this are not drawn (each cell is a widget); the status line says so.
MAX_ROWS = 400
EXCERPT_CHARS = 160
TOPIC_CELLS = 22


def known_subjects(corpus: Corpus, by: str) -> list[str]:
    if by == "topic":
        from documents.compare.topics import load_topics

        return list(load_topics())
    from documents.extract.compare import known_subjects as known

    return list(known(corpus, by))


def build_matrix(corpus: Corpus, by: str, subjects: list[str]) -> Layout:
    """The matrix for ``subjects`` taken as zones or agencies."""
    from documents.extract.compare import compare

    if by == "topic":
        from documents.compare.topics import topic_compare

        return topic_compare(corpus, subjects[-1], only_found=True)
    if by == "agency":
        return compare(corpus, agencies=tuple(subjects))
    return compare(corpus, zones=tuple(subjects), include_common=True)


def fuzzy_matches(names: list[str], typed: str, limit: int = 30) -> list[str]:
    """Names holding the typed characters in order; whole substrings first, then prefixes."""
    typed = "".join(typed.split()).lower()
    if not typed:
        return []
    scored = []
    for n, name in enumerate(names):
        low = name.lower()
        at = low.find(typed)
        if at >= 0:
            scored.append((0 if at == 0 else 1, len(name), n, name))
            continue
        pos = -1
        for ch in typed:
            pos = low.find(ch, pos + 1)
            if pos < 0:
                break
        else:
            scored.append((2, len(name), n, name))
    scored.sort()
    return [name for *_, name in scored[:limit]]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Cell(Static):
    """One cell of the grid; ``row``/``column`` place it (column 0 is the topic)."""

    def __init__(self, renderable: RenderableType, row: int, column: int) -> None:
        super().__init__(renderable, classes="compare-cell")
        self.row = row
        self.column = column


class CompareGridScroll(VerticalScroll, inherit_bindings=False):
    """The grid's scroll container: focusable, with the screen's bindings for the cursor."""

    BINDINGS = [
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]


class CompareScreen(Screen[None]):
    """Side-by-side comparison of zones or agencies across the corpus."""

    CSS_PATH = "../styles/compare.tcss"
    BINDINGS = bindings("compare")

    def __init__(self, corpus: Corpus, *, by: str = "zone", subjects: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.corpus = corpus
        self.by = by if by in BY_TITLES else "zone"
        self.subjects: list[str] = list(subjects)
        self.names: list[str] = []
        self.matrix: Layout | None = None
        self.cursor: tuple[int, int, int] = (0, 0, 0)
        self._suggested: list[str] = []
        self._cells: dict[tuple[int, int], Cell] = {}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-bar"):
            yield Static("", id="compare-by")
            yield Input(placeholder=_("add a zone or agency, or a topic (Enter); again to remove"), id="compare-input")
        yield OptionList(id="compare-suggestions")
        yield Static("", id="compare-subjects")
        yield Grid(id="compare-header")
        with CompareGridScroll(id="compare-scroll"):
            yield Grid(id="compare-grid")
        yield Static("", id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        suggestions = self.query_one("#compare-suggestions", OptionList)
        suggestions.can_focus = False
        suggestions.display = False
        self.query_one("#compare-scroll").can_focus = True
        self._show_by()
        self.load_names()
        if self.subjects:
            self.recompute()
        self.query_one("#compare-input", Input).focus()

    def _show_by(self) -> None:
        self.query_one("#compare-by", Static).update(
            Text(_("by {what}").format(what=_(BY_TITLES[self.by])), style="bold")
        )
        chips = Text()
        for name in self.subjects:
            chips.append(f" {name} ", style="reverse")
            chips.append(" ")
        if not self.subjects:
            chips.append(_("No subjects yet: type a name, Enter adds it · ctrl+t zones/agencies/topic"), style="dim")
        self.query_one("#compare-subjects", Static).update(chips)
        self.post_message(SessionChanged())

    def session_state(self) -> dict[str, Any]:
        """What the next start opens the comparison with: the kind of subject and the subjects."""
        return {"by": self.by, "subjects": list(self.subjects)}

    def set_status(self, text: str) -> None:
        self.query_one("#compare-status", Static).update(text)

    # ------------------------------------------------------------ subjects

    @work(thread=True, exclusive=True, group="compare-names")
    def load_names(self) -> None:
        by = self.by
        try:
            names = known_subjects(self.corpus, by)
        except Exception as exc:
            self.app.call_from_thread(self.set_status, _("cannot list the names: {reason}").format(reason=explain(exc)))
            return
        self.app.call_from_thread(self._names_loaded, by, names)

    def _names_loaded(self, by: str, names: list[str]) -> None:
        if by != self.by:
            return
        self.names = names
        self.query_one("#compare-input", Input).suggester = SuggestFromList(names, case_sensitive=False)
        if not self.matrix:
            self.set_status(_(NAMED[by]).format(count=len(names)) if by in NAMED else "")

    @on(Input.Changed, "#compare-input")
    def _typed(self, event: Input.Changed) -> None:
        self._suggested = fuzzy_matches(self.names, event.value)
        suggestions = self.query_one("#compare-suggestions", OptionList)
        suggestions.clear_options()
        suggestions.add_options(
            Text(f"{'✓ ' if name in self.subjects else ''}{name}", no_wrap=True) for name in self._suggested
        )
        suggestions.display = bool(self._suggested)
        if self._suggested:
            suggestions.highlighted = 0

    @on(Input.Submitted, "#compare-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            if self.matrix and self.matrix.rows:
                self.query_one("#compare-scroll").focus()
            return
        name = self._pick(typed)
        if name is None:
            self.set_status(_("nothing named '{name}' in the corpus").format(name=typed))
            self.app.bell()
            return
        self.toggle_subject(name)
        event.input.clear()

    def _pick(self, typed: str) -> str | None:
        if typed in self.names or typed in self.subjects:
            return typed
        if self.by == "topic":  # any word is a topic: an unlisted one is searched as typed
            return typed
        suggestions = self.query_one("#compare-suggestions", OptionList)
        if self._suggested and suggestions.highlighted is not None:
            return self._suggested[suggestions.highlighted]
        return None

    def toggle_subject(self, name: str) -> None:
        """Add ``name`` as a column, or remove it if it is one already."""
        if name in self.subjects:
            self.subjects.remove(name)
        elif self.by == "topic":
            self.subjects = [name]  # one topic at a time; its documents are the columns
        else:
            self.subjects.append(name)
        self._show_by()
        self.recompute()

    # ------------------------------------------------------------ matrix

    def recompute(self) -> None:
        if not self.subjects:
            self.show_matrix(None)
            return
        if self.by == "topic":
            self.set_status(_("comparing documents on the topic…"))
        elif self.by == "agency":
            self.set_status(_("comparing {count} agencies…").format(count=len(self.subjects)))
        else:
            self.set_status(_("comparing {count} zones…").format(count=len(self.subjects)))
        self._compute(self.by, list(self.subjects))

    @work(thread=True, exclusive=True, group="compare-matrix")
    def _compute(self, by: str, subjects: list[str]) -> None:
        try:
            matrix = build_matrix(self.corpus, by, subjects)
        except Exception as exc:
            self.app.call_from_thread(self.set_status, _("cannot compare: {reason}").format(reason=explain(exc)))
            return
        self.app.call_from_thread(self._computed, by, subjects, matrix)

    def _computed(self, by: str, subjects: list[str], matrix: Layout) -> None:
        if by == self.by and subjects == self.subjects:
            self.show_matrix(matrix)

    def show_matrix(self, matrix: Layout | None) -> None:
        """Draw ``matrix`` as the grid; None empties it."""
        self.matrix = matrix
        header = self.query_one("#compare-header", Grid)
        grid = self.query_one("#compare-grid", Grid)
        header.remove_children()
        grid.remove_children()
        columns = matrix.shown_columns() if matrix else []
        common = matrix.common if matrix else None
        rows: list[LayoutRow] = list(matrix.rows[:MAX_ROWS]) if matrix else []
        spec = " ".join([str(TOPIC_CELLS)] + ["1fr"] * len(columns))
        for g in (header, grid):
            g.styles.grid_size_columns = len(columns) + 1
            g.styles.grid_columns = spec
        header.display = bool(columns)
        if columns:
            header.mount_all(
                [Static(Text(_("Topic"), style="bold"), classes="compare-head")]
                + [
                    Static(
                        Text(self._column_title(name), style="bold dim" if name == common else "bold"),
                        classes="compare-head",
                    )
                    for name in columns
                ]
            )
        self._cells = {}
        for r, row in enumerate(rows):
            self._cells[r, 0] = Cell(self._topic(row), r, 0)
            for c, name in enumerate(columns, start=1):
                self._cells[r, c] = Cell(self._cell(row, name, None), r, c)
        if self._cells:
            grid.mount_all(self._cells.values())
        self.cursor = (0, 1 if columns else 0, 0)
        if not matrix:
            self.set_status("")
        elif not rows:
            self.set_status(
                _("no document has a passage on {topic}").format(topic=self.subjects[-1])
                if self.by == "topic"
                else _("nothing in the corpus assigns anything to these subjects")
            )
        else:
            topics = ngettext("{count} topic", "{count} topics", len(matrix.rows)).format(count=len(matrix.rows))
            more = " " + _("(first {count} shown)").format(count=MAX_ROWS) if len(matrix.rows) > MAX_ROWS else ""
            shared = " · " + _("{column}: what every zone shares").format(column=matrix.common) if matrix.common else ""
            moves = _("arrows/hjkl move · Enter opens the clause")
            self.set_status(f"{topics}{more}{shared} · {moves}")
        self.call_after_refresh(self._paint_cursor, None)

    def _column_title(self, name: str) -> str:
        """A column's header: a topic compare's columns are documents (number and title)."""
        docs = getattr(self.matrix, "docs", None)
        if docs:
            doc = next((d for d in docs if d.short == name), None)
            if doc is not None:
                return f"{doc.short} {doc.title}"
        return name

    @property
    def rows(self) -> list[LayoutRow]:
        rows: list[LayoutRow] = list(self.matrix.rows[:MAX_ROWS]) if self.matrix else []
        return rows

    @property
    def columns(self) -> list[str]:
        return self.matrix.shown_columns() if self.matrix else []

    def _topic(self, row: LayoutRow, selected: bool = False) -> RenderableType:
        text = Text(row.topic, style="bold reverse" if selected else "bold")
        short = row.address or row.doc
        return Group(Wrapped(text), Text(short, style="dim", no_wrap=True, overflow="ellipsis"))

    def _cell(self, row: LayoutRow, column: str, selected: int | None) -> RenderableType:
        clauses: list[CellClause | TopicItem] = list(cell_entries(self.matrix, row, column))
        if not clauses or self.matrix is None:
            return Text("—", style="dim")
        shared = column == self.matrix.common
        parts: list[RenderableType] = []
        for k, clause in enumerate(clauses):
            style = "reverse" if k == selected else ("dim" if shared else "")
            if clause.heading:
                parts.append(Wrapped(Text(clause.heading, style="bold")))
            parts.append(Text(clause.address, style="dim", no_wrap=True, overflow="ellipsis"))
            parts.append(Wrapped(Text(excerpt(clause.text), style=style)))
        return Group(*parts)

    def _cell_widget(self, r: int, c: int) -> Cell | None:
        return self._cells.get((r, c))

    def _render_cell(self, r: int, c: int, selected: int | None) -> None:
        widget = self._cell_widget(r, c)
        rows = self.rows
        if widget is None or r >= len(rows):
            return
        row = rows[r]
        if c == 0:
            widget.update(self._topic(row, selected is not None))
        else:
            widget.update(self._cell(row, self.columns[c - 1], selected))
        widget.set_class(selected is not None, "-cursor")

    def _paint_cursor(self, previous: tuple[int, int, int] | None) -> None:
        if previous is not None and previous[:2] != self.cursor[:2]:
            self._render_cell(previous[0], previous[1], None)
        r, c, k = self.cursor
        self._render_cell(r, c, k)
        widget = self._cell_widget(r, c)
        if widget is not None:
            self.query_one("#compare-scroll", VerticalScroll).scroll_to_widget(widget, animate=False)

    def _clauses_at(self, r: int, c: int) -> list[CellClause] | list[TopicItem]:
        if self.matrix is None or c == 0 or r >= len(self.rows):
            return []
        return cell_entries(self.matrix, self.rows[r], self.columns[c - 1])

    def move(self, r: int, c: int, k: int) -> None:
        rows = self.rows
        if not rows:
            return
        r = max(0, min(r, len(rows) - 1))
        c = max(0, min(c, len(self.columns)))
        k = max(0, min(k, len(self._clauses_at(r, c)) - 1))
        previous = self.cursor
        self.cursor = (r, c, k)
        self._paint_cursor(previous)

    def selected_clause(self) -> tuple[str, str] | None:
        """(doc, address) under the cursor: a cell's clause, or the topic's heading."""
        r, c, k = self.cursor
        rows = self.rows
        if r >= len(rows):
            return None
        if c == 0:
            return rows[r].doc, rows[r].address
        clauses = self._clauses_at(r, c)
        if not clauses:
            return None
        clause = clauses[min(k, len(clauses) - 1)]
        return clause.doc, clause.address

    # ------------------------------------------------------------ actions

    def _in_input(self) -> bool:
        return isinstance(self.focused, Input)

    def action_open(self) -> None:
        target = self.selected_clause()
        if target is None:
            self.app.bell()
            return
        self.post_message(OpenLocation(*target))

    def action_pick(self) -> None:
        self.query_one("#compare-input", Input).focus()

    def action_export(self) -> None:
        matrix = self.matrix
        if not matrix or not matrix.rows:
            self.app.bell()
            return
        from tui.screens.export import export_report

        if isinstance(matrix, TopicMatrix):
            from documents.export.builders import topic_report

            export_report(self, f"专题对照 {matrix.topic}", f"topic-{matrix.topic}", lambda: topic_report(matrix))
            return
        from documents.export.builders import compare_report

        corpus = self.corpus
        export_report(self, "对照", f"compare-{self.by}", lambda: compare_report(matrix, corpus))

    def action_toggle_by(self) -> None:
        self.by = BY_ORDER[(BY_ORDER.index(self.by) + 1) % len(BY_ORDER)]
        self.subjects = []
        self.names = []
        self.query_one("#compare-input", Input).clear()
        self._show_by()
        self.show_matrix(None)
        self.load_names()
        self.action_pick()

    def action_remove_column(self) -> None:
        _r, c, _ = self.cursor
        if c == 0 or c > len(self.columns):
            return
        column = self.columns[c - 1]
        if not isinstance(self.matrix, CompareMatrix) or column == self.matrix.common:
            self.app.bell()
            return
        requested = self.matrix.requested
        name = next((s for s in self.subjects if requested.get(s, s) == column), column)
        if name in self.subjects:
            self.toggle_subject(name)

    def action_cursor_down(self) -> None:
        if self._in_input():
            suggestions = self.query_one("#compare-suggestions", OptionList)
            if suggestions.display:
                suggestions.action_cursor_down()
            elif self.rows:
                self.query_one("#compare-scroll").focus()
            return
        r, c, k = self.cursor
        if k + 1 < len(self._clauses_at(r, c)):
            self.move(r, c, k + 1)
        else:
            self.move(r + 1, c, 0)

    def action_cursor_up(self) -> None:
        if self._in_input():
            suggestions = self.query_one("#compare-suggestions", OptionList)
            if suggestions.display:
                suggestions.action_cursor_up()
            return
        r, c, k = self.cursor
        if k > 0:
            self.move(r, c, k - 1)
        elif r > 0:
            self.move(r - 1, c, len(self._clauses_at(r - 1, c)) - 1)

    def action_cursor_left(self) -> None:
        r, c, _ = self.cursor
        self.move(r, c - 1, 0)

    def action_cursor_right(self) -> None:
        r, c, _ = self.cursor
        self.move(r, c + 1, 0)

    def action_close(self) -> None:
        if self._in_input() and self.query_one("#compare-input", Input).value:
            self.query_one("#compare-input", Input).clear()
            return
        leave_place(self)

    def on_click(self, event: events.Click) -> None:
        if event.widget is None:
            return
        cell = next((node for node in event.widget.ancestors_with_self if isinstance(node, Cell)), None)
        if cell is not None:
            self.query_one("#compare-scroll").focus()
            self.move(cell.row, cell.column, 0)
