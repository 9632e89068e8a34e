"""The document list: every document of the corpus, one row each, to pick one to read.

The list filters by facet (``f``: ``kind:规划 level:省 year:2020 issuer:湖南
status:现行有效``; ``x`` clears) and sorts by number, title, date, issuer, kind,
level or status (``s`` cycles, ``r`` reverses). ``d`` on one document and ``d``
on another compares the two versions (新旧对照).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from documents.corpus import Corpus
from documents.facets import (
    SORT_KEYS,
    FacetFilter,
    Facets,
    describe_filter,
    facets_of,
    filter_and_sort,
    parse_filter,
)
from documents.model import Document
from tui.bindings import bindings
from tui.console.safe import clean_line
from tui.docnav import clause_count
from tui.i18n import N_, _, ngettext
from tui.messages import OpenLocation
from tui.widgets.footer import Footer

#: Widest a text column may grow, in terminal cells; longer titles end in "…".
TITLE_CELLS = 44
OTHER_CELLS = 24
#: Narrowest the title and issuer get when the terminal is narrow (the other columns keep their width).
MIN_TITLE_CELLS = 12
MIN_OTHER_CELLS = 8
SHARED_ISSUER_CELLS = 16
#: Cells a column spends beside its text (DataTable's cell padding), and the vertical scrollbar.
COLUMN_PADDING = 2
SCROLLBAR = 2


#: Column keys, also the English headers (msgids); :func:`column_label` is what the table shows.
COLUMNS = (N_("No."), N_("Title"), "文号", N_("Issuer"), N_("Date"), N_("Kind"), N_("Level"), N_("Clauses"))
#: How each sort order is named in the heading.
SORT_NAMES = {
    "number": N_("number"),
    "title": N_("title"),
    "date": N_("date"),
    "issuer": N_("issuer"),
    "kind": N_("kind"),
    "level": N_("level"),
    "status": N_("status"),
}
KIND_CELLS = 8
LEVEL_CELLS = 8


def column_label(key: str) -> str:
    """A column's header in the interface language (文号 is the same in both)."""
    return _(key) if key != "文号" else key


def fit(text: str, cells: int) -> Text:
    """``text`` cut to ``cells`` terminal cells (a Chinese character takes two)."""
    text = clean_line(text)
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    if cell_len(text) > cells:
        cell.truncate(cells, overflow="ellipsis")
    return cell


def document_row(
    doc: Document,
    title_cells: int = TITLE_CELLS,
    issuer_cells: int = OTHER_CELLS,
    facets: Facets | None = None,
    number_cells: int = OTHER_CELLS,
) -> tuple[Text, ...]:
    """Number, title, 文号, issuer, date, kind, level (with status) and clause count of a document."""
    meta = doc.meta
    facets = facets or facets_of(doc)
    level = facets.level + (f" {facets.status}" if facets.status and facets.status != "现行有效" else "")
    return (
        Text(clean_line(doc.short), style="dim"),
        fit(doc.title, title_cells),
        fit(meta.doc_number or "", number_cells),
        fit(meta.issuer or "", issuer_cells),
        fit(meta.date_iso or meta.date or "", 12),
        fit(facets.kind, KIND_CELLS),
        fit(level, LEVEL_CELLS),
        Text(str(clause_count(doc)), justify="right"),
    )


def _level_text(facets: Facets) -> str:
    return facets.level + (f" {facets.status}" if facets.status and facets.status != "现行有效" else "")


def number_cells(width: int) -> int:
    """The 文号 column's width: narrower on a narrow terminal, so kind and level still fit."""
    return OTHER_CELLS if width >= 120 else 12


def column_cells(docs: list[Document], width: int) -> tuple[int, int]:
    """Title and issuer widths that let every column fit in ``width`` cells.

    The title takes what the other columns leave; only when that is too little
    does the issuer give up cells too.
    """

    def widest(texts: list[str], key: str, cap: int) -> int:
        return max([cell_len(column_label(key))] + [min(cell_len(t), cap) for t in texts])

    title = widest([d.title for d in docs], "Title", TITLE_CELLS)
    issuer = widest([d.meta.issuer or "" for d in docs], "Issuer", OTHER_CELLS)
    fixed = (
        widest([d.short for d in docs], "No.", 12)
        + widest([d.meta.doc_number or "" for d in docs], "文号", number_cells(width))
        + widest([d.meta.date_iso or d.meta.date or "" for d in docs], "Date", 12)
        + widest([str(clause_count(d)) for d in docs], "Clauses", 12)
        + widest([facets_of(d).kind for d in docs], "Kind", KIND_CELLS)
        + widest([_level_text(facets_of(d)) for d in docs], "Level", LEVEL_CELLS)
        + len(COLUMNS) * COLUMN_PADDING
        + SCROLLBAR
    )
    spare = width - fixed - issuer
    if spare < title:  # the issuer gives up a few cells before the title does
        issuer = max(min(issuer, SHARED_ISSUER_CELLS), issuer - (title - spare))
        spare = width - fixed - issuer
    if spare >= MIN_TITLE_CELLS:
        return min(title, spare), issuer
    issuer = max(MIN_OTHER_CELLS, issuer - (MIN_TITLE_CELLS - spare))
    return max(MIN_TITLE_CELLS, width - fixed - issuer), issuer


class DocumentListScreen(Screen[None]):
    """Every document with its 文号, issuer, date and size; Enter opens one in the reader."""

    CSS_PATH = "../styles/documents.tcss"
    BINDINGS = bindings("documents")

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        #: The app sets this while it reads the corpus in the background.
        self.reading = False
        self.facet_filter = FacetFilter()
        self.sort_by = "number"
        self.descending = False
        #: The documents as listed (filtered and sorted), row by row.
        self.shown: list[Document] = list(corpus.documents)
        #: The document marked with ``d`` as the old version of a diff.
        self.diff_old: Document | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), id="documents-heading")
        yield Input(
            placeholder=_("Filter, e.g. {example}").format(example="kind:规划 level:省 year:2020 issuer:湖南"),
            id="documents-filter",
        )
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="documents-errors")
        yield Footer()

    def heading(self) -> str:
        if self.reading:
            return "策阅 · " + _("reading documents…")
        total = len(self.corpus.documents)
        if len(self.shown) == total:
            count = ngettext("{count} document", "{count} documents", total).format(count=total)
        else:
            count = _("{shown} of {total}").format(shown=len(self.shown), total=total)
        parts = ["策阅", count]
        if self.facet_filter.active():
            parts.append(describe_filter(self.facet_filter))
        if self.sort_by != "number" or self.descending:
            by = _(SORT_NAMES.get(self.sort_by, self.sort_by))
            parts.append(_("by {order}").format(order=by) + (" ↓" if self.descending else " ↑"))
        if self.diff_old is not None:
            parts.append(_("diff: {short} is the old version, d on the new one").format(short=self.diff_old.short))
        return " · ".join(parts)

    def on_mount(self) -> None:
        self.query_one("#documents-filter", Input).display = False
        table = self.query_one(DataTable)
        self.show_documents()
        table.focus()

    def show_documents(self) -> None:
        """Fill the list from the corpus; called again once a corpus read in the background is in."""
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)  # columns only ever grow: start afresh so the title can shrink
        for key in COLUMNS:
            table.add_column(column_label(key), key=key)
        self._fitted_width = self.size.width or self.app.size.width
        title_cells, issuer_cells = column_cells(self.corpus.documents, self._fitted_width)
        listed = filter_and_sort(self.corpus.documents, self.facet_filter, self.sort_by, self.descending)
        self.shown = [doc for doc, _ in listed]
        for doc, facets in listed:
            cells = document_row(doc, title_cells, issuer_cells, facets, number_cells(self._fitted_width))
            table.add_row(*cells, key=doc.key)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.query_one("#documents-heading", Static).update(self.heading())
        errors = self.query_one("#documents-errors", Static)
        lines = [
            error.message if error.path.name in error.message else f"{error.path.name}: {error.message}"
            for error in self.corpus.errors
        ]
        errors.update(Text("\n".join(clean_line(line) for line in lines), no_wrap=True, overflow="ellipsis"))
        errors.display = bool(lines)

    def on_resize(self, event: events.Resize) -> None:
        """Refit the title column so Date and Clauses stay on screen."""
        if self.is_mounted and event.size.width != getattr(self, "_fitted_width", None):
            self.show_documents()

    @property
    def table(self) -> DataTable:
        return self.query_one("#documents-table", DataTable)

    def selected_document(self) -> Document | None:
        table = self.table
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def open_selected(self) -> None:
        doc = self.selected_document()
        if doc is not None:
            self.post_message(OpenLocation(doc.key, "", resume=True))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_selected()

    def action_open(self) -> None:
        self.open_selected()

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_first(self) -> None:
        self.table.move_cursor(row=0)

    def action_last(self) -> None:
        self.table.move_cursor(row=max(self.table.row_count - 1, 0))

    # ------------------------------------------------------------ facets

    def apply_facets(self, keep: FacetFilter | None = None, sort_by: str | None = None) -> None:
        if keep is not None:
            self.facet_filter = keep
        if sort_by is not None:
            self.sort_by = sort_by
        self.show_documents()
        if not self.shown:
            self.query_one("#documents-heading", Static).update(
                self.heading() + " · " + _("nothing matches (x clears)")
            )

    def action_filter(self) -> None:
        field = self.query_one("#documents-filter", Input)
        field.value = describe_filter(self.facet_filter)
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            keep = parse_filter(event.value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        event.input.display = False
        self.apply_facets(keep)
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        field = self.query_one("#documents-filter", Input)
        if event.key == "escape" and field.has_focus:
            event.stop()
            field.display = False
            self.table.focus()

    def action_clear_filter(self) -> None:
        self.apply_facets(FacetFilter(), "number")
        self.descending = False
        self.show_documents()

    def action_sort(self) -> None:
        self.apply_facets(sort_by=SORT_KEYS[(SORT_KEYS.index(self.sort_by) + 1) % len(SORT_KEYS)])

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.show_documents()

    def action_diff(self) -> None:
        """Mark the selected document as the old version; on a second document, compare the two."""
        doc = self.selected_document()
        if doc is None:
            return
        if self.diff_old is None or self.diff_old is doc:
            self.diff_old = None if self.diff_old is doc else doc
            self.query_one("#documents-heading", Static).update(self.heading())
            return
        old, self.diff_old = self.diff_old, None
        self.query_one("#documents-heading", Static).update(self.heading())
        from tui.context import ceyue_app

        try:
            app = ceyue_app(self)
        except TypeError:  # hosted on its own (tests)
            from tui.screens.diff import DiffScreen

            self.app.push_screen(DiffScreen(old, doc))
            return
        app.open_diff(old, doc)
