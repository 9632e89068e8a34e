"""The document list: every document of the corpus, one row each, to pick one to read."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from documents.corpus import Corpus
from documents.model import Document
from tui.bindings import bindings
from tui.console.safe import clean_line
from tui.docnav import clause_count
from tui.messages import OpenLocation

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


COLUMNS = ("No.", "Title", "文号", "Issuer", "Date", "Clauses")


def fit(text: str, cells: int) -> Text:
    """``text`` cut to ``cells`` terminal cells (a Chinese character takes two)."""
    text = clean_line(text)
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    if cell_len(text) > cells:
        cell.truncate(cells, overflow="ellipsis")
    return cell


def document_row(doc: Document, title_cells: int = TITLE_CELLS, issuer_cells: int = OTHER_CELLS) -> tuple[Text, ...]:
    """Number, title, 文号, issuer, date and clause count of a document."""
    meta = doc.meta
    return (
        Text(clean_line(doc.short), style="dim"),
        fit(doc.title, title_cells),
        fit(meta.doc_number or "", OTHER_CELLS),
        fit(meta.issuer or "", issuer_cells),
        fit(meta.date_iso or meta.date or "", 12),
        Text(str(clause_count(doc)), justify="right"),
    )


def column_cells(docs: list[Document], width: int) -> tuple[int, int]:
    """Title and issuer widths that let every column fit in ``width`` cells.

    The title takes what the other columns leave; only when that is too little
    does the issuer give up cells too.
    """

    def widest(texts: list[str], label: str, cap: int) -> int:
        return max([cell_len(label)] + [min(cell_len(t), cap) for t in texts])

    title = widest([d.title for d in docs], "Title", TITLE_CELLS)
    issuer = widest([d.meta.issuer or "" for d in docs], "Issuer", OTHER_CELLS)
    fixed = (
        widest([d.short for d in docs], "No.", 12)
        + widest([d.meta.doc_number or "" for d in docs], "文号", OTHER_CELLS)
        + widest([d.meta.date_iso or d.meta.date or "" for d in docs], "Date", 12)
        + widest([str(clause_count(d)) for d in docs], "Clauses", 12)
        + 6 * COLUMN_PADDING
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

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), id="documents-heading")
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="documents-errors")
        yield Footer()

    def heading(self) -> str:
        if self.reading:
            return "策阅 · reading documents…"
        return f"策阅 · {len(self.corpus.documents)} documents"

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.show_documents()
        table.focus()

    def show_documents(self) -> None:
        """Fill the list from the corpus; called again once a corpus read in the background is in."""
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)  # columns only ever grow: start afresh so the title can shrink
        for label in COLUMNS:
            table.add_column(label, key=label)
        self._fitted_width = self.size.width or self.app.size.width
        title_cells, issuer_cells = column_cells(self.corpus.documents, self._fitted_width)
        for doc in self.corpus.documents:
            table.add_row(*document_row(doc, title_cells, issuer_cells), key=doc.key)
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
        if not self.corpus.documents or table.row_count == 0:
            return None
        return self.corpus.documents[table.cursor_row]

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
