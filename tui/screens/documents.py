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

    def compose(self) -> ComposeResult:
        yield Static(f"策阅 · {len(self.corpus.documents)} documents", id="documents-heading")
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        if self.corpus.errors:
            lines = [f"{error.path.name}: {error.message}" for error in self.corpus.errors]
            yield Static(Text("\n".join(lines), no_wrap=True, overflow="ellipsis"), id="documents-errors")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("No.", "Title", "文号", "Issuer", "Date", "Clauses"):
            table.add_column(label)
        for doc in self.corpus.documents:
            table.add_row(*document_row(doc), key=doc.key)
        table.focus()

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
            self.post_message(OpenLocation(doc.key, ""))

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
