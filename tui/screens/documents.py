"""The document list: every document of the corpus, one row each, to pick one to read.

The list filters by facet (``f``: ``kind:规划 level:省 year:2020 issuer:湖南
status:现行有效``; ``x`` clears) and sorts by number, title, date, issuer, kind,
level or status (``s`` cycles, ``r`` reverses). ``d`` on one document and ``d``
on another compares the two versions (新旧对照).

Typing in the list (a key no binding takes: a Chinese character, a digit;
``ctrl+f`` opens the field for any word) narrows it as you type to the documents whose title, 文号, issuer or year hold
every word, with the count beside the words; Esc clears, Enter opens the
highlighted one. The title column takes whatever width the others leave.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from documents.corpus import Corpus
from documents.facets import (
    SORT_KEYS,
    FacetFilter,
    Facets,
    describe_filter,
    facets_of,
    filter_and_sort_rows,
    parse_filter,
)
from documents.model import Document
from tui.bindings import bindings
from tui.console.safe import clean_line
from tui.docnav import clause_count
from tui.i18n import N_, _, explain, ngettext
from tui.messages import OpenLocation
from tui.widgets.footer import Footer
from tui.widgets.status import IndexStatus

#: Widest each column but the title grows, in terminal cells; longer text ends in "…".
CAPS = {"No.": 12, "文号": 24, "Issuer": 24, "Date": 12, "Kind": 8, "Level": 8, "Clauses": 12}
#: Narrowest the issuer and 文号 get before columns are left out.
SHRUNK = {"Issuer": 10, "文号": 12}
#: Columns left out, in this order, when the title would get less than TITLE_SHARE of the width.
DROP_ORDER = ("Level", "Kind", "Clauses", "Issuer", "文号")
#: Cells a column spends beside its text (DataTable's cell padding), and the vertical scrollbar.
COLUMN_PADDING = 2
SCROLLBAR = 2
MIN_TITLE_CELLS = 12
#: The part of the width the title is given before other columns (a title is what a reader scans).
TITLE_SHARE = 0.3

#: Keys that, in the narrowing field, move the list's cursor instead (key -> DataTable action).
NARROW_MOVES = {
    "down": "action_cursor_down",
    "up": "action_cursor_up",
    "pagedown": "action_page_down",
    "pageup": "action_page_up",
}

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


def _level_text(facets: Facets) -> str:
    return facets.level + (f" {facets.status}" if facets.status and facets.status != "现行有效" else "")


def cell_texts(doc: Document, facets: Facets) -> dict[str, str]:
    """What each column says about ``doc``, uncut."""
    meta = doc.meta
    return {
        "No.": doc.short,
        "Title": doc.title,
        "文号": meta.doc_number or "",
        "Issuer": meta.issuer or "",
        "Date": meta.date_iso or meta.date or "",
        "Kind": facets.kind,
        "Level": _level_text(facets),
        "Clauses": str(clause_count(doc)),
    }


def document_row(texts: dict[str, str], widths: dict[str, int]) -> tuple[Text, ...]:
    """The cells of the columns in ``widths`` (in that order), each cut to its width."""
    cells = []
    for label, cells_wide in widths.items():
        if label == "No.":
            cells.append(Text(clean_line(texts[label]), style="dim"))
        elif label == "Clauses":
            cells.append(Text(texts[label], justify="right"))
        else:
            cells.append(fit(texts[label], cells_wide))
    return tuple(cells)


def natural_widths(texts: list[dict[str, str]]) -> dict[str, int]:
    """Each column's width when nothing is cut (but its cap): the widest of its label and its texts."""
    widths = {label: cell_len(column_label(label)) for label in COLUMNS}
    for row in texts:
        for label, text in row.items():
            widths[label] = max(widths[label], min(cell_len(text), CAPS.get(label, 10**6)))
    return widths


@dataclass
class Listing:
    """Each document's facets and column texts, worked out once per corpus: the list refilters at every key."""

    keys: tuple[str, ...]
    rows: list[tuple[Document, Facets]]
    texts: dict[str, dict[str, str]]
    natural: dict[str, int]

    @classmethod
    def of(cls, docs: list[Document]) -> Listing:
        rows = [(doc, facets_of(doc)) for doc in docs]
        texts = {doc.key: cell_texts(doc, facets) for doc, facets in rows}
        return cls(tuple(doc.key for doc in docs), rows, texts, natural_widths(list(texts.values())))


def column_widths(natural: dict[str, int], width: int) -> dict[str, int]:
    """The columns to show in ``width`` cells and how wide each is; the title takes what is free.

    On a narrow terminal the issuer and 文号 shrink first; then, while the title
    would get less than :data:`TITLE_SHARE` of the width, the columns of :data:`DROP_ORDER`
    are left out (the list's facet filter still knows them).
    """
    shown = dict(natural)
    if width < 120:
        shown["文号"] = min(shown["文号"], SHRUNK["文号"])
    wanted = min(natural["Title"], max(MIN_TITLE_CELLS, int(width * TITLE_SHARE)))

    def free() -> int:
        others = sum(cells + COLUMN_PADDING for label, cells in shown.items() if label != "Title")
        return width - SCROLLBAR - COLUMN_PADDING - others

    if free() < wanted:
        for label, narrowest in SHRUNK.items():
            shown[label] = max(min(natural[label], narrowest), shown[label] - (wanted - free()))
    for label in DROP_ORDER:
        if free() >= wanted:
            break
        del shown[label]
    shown["Title"] = max(MIN_TITLE_CELLS, min(natural["Title"], free()))
    leftover = free() - shown["Title"]
    if "Issuer" in shown and leftover > 0:  # what the title leaves, the issuer may take back
        shown["Issuer"] = min(natural["Issuer"], shown["Issuer"] + leftover)
    return {label: shown[label] for label in COLUMNS if label in shown}


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
        #: Words typed into the list: only documents whose title, 文号, issuer or year hold them all.
        self.narrow_text = ""
        self._listing: Listing | None = None
        #: While the documents are read: the list as last shown (:mod:`tui.listing_cache`), or None.
        self.preview: Listing | None = None
        #: Each document's row as cut for ``_cells_for`` (the column widths): typing refills the list.
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._cells_for: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), id="documents-heading")
        yield Input(
            placeholder=_("Filter, e.g. {example}").format(example="kind:规划 level:省 year:2020 issuer:湖南"),
            id="documents-filter",
        )
        with Horizontal(id="documents-narrow-bar"):
            yield Input(
                placeholder=_("title, 文号, issuer or year · Esc clears"),
                id="documents-narrow",
                compact=True,
                select_on_focus=False,
            )
            yield Static("", id="documents-narrow-count")
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="documents-errors")
        yield IndexStatus()
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
        self.query_one("#documents-narrow-bar").display = False
        table = self.query_one(DataTable)
        self.show_documents()
        table.focus()

    @property
    def listing(self) -> Listing:
        """The corpus's facets and column texts, worked out again only when its documents change."""
        if self.reading and self.preview is not None:
            if self._listing is not self.preview:
                self._listing, self._cells_for = self.preview, {}
            return self.preview
        keys = tuple(doc.key for doc in self.corpus.documents)
        if self._listing is None or self._listing is self.preview or self._listing.keys != keys:
            self._listing = Listing.of(self.corpus.documents)
            self._cells_for = {}
        return self._listing

    def made_listing(self) -> Listing | None:
        """The listing of the documents read, when the list has made it already (None: not made yet)."""
        keys = tuple(doc.key for doc in self.corpus.documents)
        listing = self._listing
        return listing if listing is not None and listing is not self.preview and listing.keys == keys else None

    def show_documents(self) -> None:
        """Fill the list from the corpus; called again once a corpus read in the background is in."""
        table = self.table
        row = table.cursor_row
        self._fitted_width = self.size.width or self.app.size.width
        listing = self.listing
        widths = column_widths(listing.natural, self._fitted_width)
        if list(table.columns) != list(widths) or [c.width for c in table.columns.values()] != list(widths.values()):
            table.clear(columns=True)
            for label, cells in widths.items():
                # As Text: a string label is read as markup, and Rich's markup loads its table of
                # 3,600 emoji names for it (4–70 ms of the first frame on this machine).
                table.add_column(Text(column_label(label)), key=label, width=cells)
        else:
            table.clear()
        listed = filter_and_sort_rows(listing.rows, self.facet_filter, self.sort_by, self.descending, self.narrow_text)
        self.shown = [doc for doc, _ in listed]
        if self._cells_for != widths:
            self._cells_for, self._cells = widths, {}
        for doc, _facets in listed:
            row_cells = self._cells.get(doc.key)
            if row_cells is None:
                row_cells = self._cells[doc.key] = document_row(listing.texts[doc.key], widths)
            table.add_row(*row_cells, key=doc.key)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_counts()

    def documents_read(self) -> None:
        """The documents are in. When they are the ones the preview listed, its rows stand (its facets and
        column texts, with the documents read put in): no second pass over every document, no refill."""
        preview, self.preview = self.preview, None
        self.reading = False
        docs = self.corpus.documents
        keys = tuple(doc.key for doc in docs)
        if preview is None or preview.keys != keys:
            if self._on_screen:
                self.show_documents()
            return
        rows = [(doc, facets) for doc, (_stand_in, facets) in zip(docs, preview.rows, strict=True)]
        self._listing = Listing(keys, rows, preview.texts, preview.natural)
        by_key = dict(zip(keys, docs, strict=True))
        self.shown = [by_key.get(doc.key, doc) for doc in self.shown]
        if self.diff_old is not None:
            self.diff_old = by_key.get(self.diff_old.key, self.diff_old)
        if self._on_screen:
            self._show_counts()

    @property
    def _on_screen(self) -> bool:
        """Mounted with its widgets: as the app quits, a screen is still mounted while its widgets go, and the
        documents read at that moment have nowhere to be shown."""
        return self.is_mounted and bool(self.query("#documents-heading"))

    def _show_counts(self) -> None:
        """The heading, the narrowing count and the documents that could not be read."""
        self.query_one("#documents-heading", Static).update(self.heading())
        self.query_one("#documents-narrow-count", Static).update(f"{len(self.shown)} / {len(self.corpus.documents)}")
        errors = self.query_one("#documents-errors", Static)
        lines = [
            explain(error) if error.path.name in error.message else f"{error.path.name}: {explain(error)}"
            for error in self.corpus.errors
        ]
        errors.update(Text("\n".join(clean_line(line) for line in lines), no_wrap=True, overflow="ellipsis"))
        errors.display = bool(lines)

    # ------------------------------------------------------------ narrowing as you type

    @property
    def narrow_field(self) -> Input:
        return self.query_one("#documents-narrow", Input)

    def start_narrowing(self, typed: str = "") -> None:
        """Show the narrowing field with ``typed`` in it, the cursor at its end."""
        self.query_one("#documents-narrow-bar").display = True
        field = self.narrow_field
        field.value += typed  # not narrow_text: keys typed before the field had the focus are in the field already
        field.focus()
        field.cursor_position = len(field.value)

    def action_narrow(self) -> None:
        """Open the narrowing field empty: for words that start with a key the list binds (s, d, f …)."""
        self.start_narrowing()

    def clear_narrowing(self) -> None:
        self.query_one("#documents-narrow-bar").display = False
        self.table.focus()
        if self.narrow_text:
            self.narrow_text = ""
            self.narrow_field.value = ""
            self.show_documents()

    @on(Input.Changed, "#documents-narrow")
    def _narrowed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.narrow_text:
            self.narrow_text = event.value
            self.table.move_cursor(row=0)
            self.show_documents()

    def _typed_into_list(self, event: events.Key) -> bool:
        """A printable key no binding takes, pressed in the list: the start of a narrowing word."""
        if not (self.table.has_focus and event.is_printable and event.character):
            return False
        started = self.query_one("#documents-narrow-bar").display
        return event.key not in self.active_bindings and (event.character != " " or started)

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
        if self.reading:  # the rows are the last session's list: the documents are not read yet
            self.notify(_("Still reading the documents; open it again in a moment"), timeout=3)
            return
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

    @on(Input.Submitted, "#documents-narrow")
    def _narrow_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
        self.open_selected()

    @on(Input.Submitted, "#documents-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            keep = parse_filter(event.value)
        except ValueError as exc:
            self.notify(explain(exc), severity="error")
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
        elif event.key == "escape" and (self.narrow_field.has_focus or (self.narrow_text and self.table.has_focus)):
            event.stop()
            self.clear_narrowing()
        elif self.narrow_field.has_focus and event.key in NARROW_MOVES:
            event.stop()
            event.prevent_default()
            getattr(self.table, NARROW_MOVES[event.key])()
        elif self._typed_into_list(event):
            event.stop()
            event.prevent_default()
            self.start_narrowing(event.character or "")

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
