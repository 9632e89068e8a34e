"""The document list: every document of the corpus, one row each, to pick one to read."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from documents.corpus import Corpus
from documents.model import Document
from tui.bindings import bindings
from tui.docnav import clause_count
from tui.messages import OpenLocation

#: Widest a text column may grow, in terminal cells; longer titles end in "…".
TITLE_CELLS = 44
OTHER_CELLS = 24


def fit(text: str, cells: int) -> Text:
    """``text`` cut to ``cells`` terminal cells (a Chinese character takes two)."""
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    if cell_len(text) > cells:
        cell.truncate(cells, overflow="ellipsis")
    return cell


def document_row(doc: Document) -> tuple[Text, ...]:
    """Number, title, 文号, issuer, date and clause count of a document."""
    meta = doc.meta
    return (
        Text(doc.short, style="dim"),
        fit(doc.title, TITLE_CELLS),
        fit(meta.doc_number or "", OTHER_CELLS),
        fit(meta.issuer or "", OTHER_CELLS),
        fit(meta.date_iso or meta.date or "", 12),
        Text(str(clause_count(doc)), justify="right"),
    )


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
        for label in ("No.", "Title", "文号", "Issuer", "Date", "Clauses"):
            table.add_column(label)
        self.show_documents()
        table.focus()

    def show_documents(self) -> None:
        """Fill the list from the corpus; called again once a corpus read in the background is in."""
        table = self.table
        row = table.cursor_row
        table.clear()
        for doc in self.corpus.documents:
            table.add_row(*document_row(doc), key=doc.key)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.query_one("#documents-heading", Static).update(self.heading())
        errors = self.query_one("#documents-errors", Static)
        lines = [f"{error.path.name}: {error.message}" for error in self.corpus.errors]
        errors.update(Text("\n".join(lines), no_wrap=True, overflow="ellipsis"))
        errors.display = bool(lines)

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
