"""Search: a query box searched as you type, hits grouped by document.

A key after a pause (no key for :data:`DEBOUNCE_SECONDS` and no search
running: a word committed by an input method, a key at a typist's pace) runs
the query at once; a key in quick succession restarts a short timer instead,
so a burst of keys runs one query. The burst is over when its pace breaks:
the timer waits twice the longest of its last gaps between keys
(:func:`burst_wait`), at most :data:`DEBOUNCE_SECONDS`. The query runs in a thread worker
(exclusive, so a newer query cancels an older one and a stale answer is
dropped); a change of the query also sets the running search's stop flag, so
it gives way between its phases instead of holding the index's lock. Enter opens the hit in the reader; the app keeps the
results so n/N in the reader walk through them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Label, Static
from textual.worker import get_current_worker

from documents.errors import SearchCancelled
from index.results import DocumentCount, SearchHit, SearchResults, SearchService
from tui.bindings import bindings
from tui.console.cjk import Wrapped, wrap
from tui.console.safe import clean_line
from tui.context import ceyue_app
from tui.i18n import N_, _, explain, ngettext
from tui.messages import LeaveMode, OpenHit, SessionChanged
from tui.widgets.footer import Footer
from tui.widgets.hit_list import HitList, Row, line_row
from tui.widgets.status import IndexStatus

#: A key this soon after the last one (or while a search runs) waits at most this long for the next before searching.
DEBOUNCE_SECONDS = 0.1
#: A burst has ended when no key came for this many times its longest recent gap between keys ...
BURST_END_GAPS = 2.0
#: ... and never sooner than this after its last key.
BURST_MIN_WAIT = 0.03
#: The gaps between keys a burst's pace is read from.
BURST_GAPS_KEPT = 3
#: Hits listed; the summary says how many matched in all ("top 100 of 6,080 hits").
#: Each listed hit costs a snippet (~0.3 ms at 10^5 records) while the user types.
LIMIT = 100
KIND_NAMES = {
    "clause": "",
    "heading": N_("heading"),
    "table": N_("table"),
    "note": N_("table note"),
    "meta": N_("front matter"),
    "toc": N_("contents"),
    "attachment": N_("attachment"),
}


def burst_wait(gaps: Sequence[float]) -> float:
    """How long after a key of a burst to wait for the next before searching: twice its recent pace.

    Keys from a machine (a paste without bracketed paste, key repeat, a test typing) come a few
    milliseconds apart, a typist's 0.1–0.3 s: a wait fixed for the typist (0.1 s) was most of the
    time from the last key of a fast burst to its hits. A pace that slows within the burst widens
    the wait, so a typist's keys still make one query.
    """
    if not gaps:
        return DEBOUNCE_SECONDS
    return min(DEBOUNCE_SECONDS, max(BURST_MIN_WAIT, BURST_END_GAPS * max(gaps)))


def count_text(results: SearchResults) -> str:
    """``12 hits`` or, when the limit cut the list, ``top 100 of 5,412 hits`` (index.results' count_text, translated)."""
    shown = len(results.hits) - results.partial
    total = max(results.total, shown)
    if shown == total:
        text = ngettext("{count} hit", "{count} hits", total).format(count=total)
    else:
        text = ngettext("top {shown} of {total} hit", "top {shown} of {total} hits", total).format(
            shown=shown, total=f"{total:,}"
        )
    if results.partial:
        text += " " + _("(+{count} with some of the words)").format(count=results.partial)
    return text


def pad_cells(text: str, like: str) -> str:
    """``text`` padded to as many cells as ``like`` (``hit`` lines up under ``hits``)."""
    return text + " " * max(cell_len(like) - cell_len(text), 0)


#: Cells the snippet stands in under its heading path.
SNIPPET_INDENT = 2


def hit_prompt(hit: SearchHit) -> Group:
    """Two lines: where the hit is (heading path, kind), then the snippet with the words marked."""
    return drawn_hit(*hit_parts(hit))


def drawn_hit(where: Text, snippet: Text) -> Group:
    return Group(where, Padding(Wrapped(snippet), (0, 0, 0, SNIPPET_INDENT)))


def hit_row(hit: SearchHit) -> Row:
    """:func:`hit_prompt` as a row of the result list: drawn from its lines, the snippet wrapped once per width.

    The list counts every row's lines as results arrive and draws the rows on screen; both take the
    lines of :class:`HitLines`, so the two always agree and the snippet is cut once, not twice.
    """
    where, snippet = hit_parts(hit)
    lines = HitLines(where, snippet)
    return Row(drawn_hit(where, snippet), height=lines.count, texts=lines.at)


class HitLines:
    """A hit's lines at a width: where it is, then the snippet wrapped by :func:`wrap` and indented.

    The same lines :func:`drawn_hit` gives through Rich's layout. The snippet's cut is kept for the
    last width asked: every row is counted when results arrive, only those on screen are drawn.
    """

    __slots__ = ("_body", "_width", "snippet", "where")

    def __init__(self, where: Text, snippet: Text) -> None:
        self.where = where
        self.snippet = snippet
        self._width = -1
        self._body: list[Text] = []

    def _cut(self, width: int) -> list[Text]:
        if width != self._width:
            self._body = wrap(self.snippet, max(width - SNIPPET_INDENT, 1))
            self._width = width
        return self._body

    def count(self, width: int) -> int:
        return 1 + len(self._cut(width))

    def at(self, width: int) -> list[Text]:
        indent = Text(" " * SNIPPET_INDENT)
        return [self.where, *(indent + line for line in self._cut(width))]


def hit_parts(hit: SearchHit) -> tuple[Text, Text]:
    """Where the hit is (heading path, kind) and its snippet with the words marked."""
    where = Text(no_wrap=True, overflow="ellipsis")
    where.append("  ")
    path = " › ".join(hit.heading_path) or hit.address
    where.append(clean_line(path), style="dim")
    kind = KIND_NAMES.get(hit.kind, hit.kind)
    kind = _(kind) if kind else ""
    if hit.row is not None:
        row = _("row {n}").format(n=hit.row)  # rows count from 1
        kind = f"{kind} {row}".strip()
    if kind:
        where.append(f"  [{kind}]", style="dim italic")
    if hit.literal:
        where.append("  [" + _("literal") + "]", style="dim italic")
    snippet = Text(clean_line(hit.snippet))  # one character for one: the highlights still fit
    for start, end in hit.highlights:
        snippet.stylize("bold reverse", start, end)
    return where, snippet


def document_prompt(d: DocumentCount) -> Text:
    """One matching document in the list above the clauses: number, hit count, title."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{clean_line(d.doc_short):>4} ", style="bold")
    text.append(
        f"{d.hits:>5} " + pad_cells(ngettext("hit", "hits", d.hits), ngettext("hit", "hits", 2)) + "  ", style="dim"
    )
    text.append(clean_line(d.doc_title))
    return text


@dataclass(frozen=True)
class DocumentLine(Row):
    """A matching document's row in the list, its text made only when drawn (:func:`document_prompt`).

    Every document that matches has one (all of them for a common word in a large library) and only a
    screenful is drawn. Made up front, each was a text, its lists of characters and spans and the closure
    drawing it: seven objects a document, kept until the next search and walked by every garbage
    collection meanwhile (3×10^5 records: 2,756 documents, 19,000 objects a search). Then a row, a line
    object and the method drawing it: three. Now the row itself draws the line: one beside the document's
    count, which the results hold anyway. Its prompt is never drawn.
    """

    document: DocumentCount = field(kw_only=True)

    def lines(self, width: int) -> int:
        return 1

    def lines_at(self, width: int) -> tuple[Text]:
        return (document_prompt(self.document),)


def document_row(d: DocumentCount) -> Row:
    return DocumentLine("", document=d)


def group_prompt(title: str, short: str, count: int, marked: Sequence[tuple[int, int]] = ()) -> Text:
    """The document's line above its hits; ``marked`` spans of the title are the query's words (titles count)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{clean_line(short)} ", style="bold")
    start = len(text)
    text.append(clean_line(title), style="bold")
    for s, e in marked:
        text.stylize("bold reverse", start + s, start + e)
    text.append("  · " + ngettext("{count} hit", "{count} hits", count).format(count=count), style="dim")
    return text


class SearchScreen(Screen[None]):
    """The search mode; the app keeps one instance for the whole session."""

    CSS_PATH = "../styles/search.tcss"
    BINDINGS = bindings("search")
    AUTO_FOCUS = "#query"

    def __init__(self) -> None:
        super().__init__(id="search")
        self.results: SearchResults | None = None
        self.rows: list[int | None] = []
        #: list row → the matching document it names (the rows above the clauses)
        self.document_rows: dict[int, DocumentCount] = {}
        self.group_starts: list[int] = []
        self.initial_query = ""
        self._timer: Timer | None = None
        self._pending: str | None = None
        self._searching: str | None = None
        #: Set once the running search's answer is stale: it stops between its phases (see ``index.cancel``).
        self._stop = threading.Event()
        #: When the query last changed (``time.monotonic``): a change after a pause searches at once.
        self._changed_at = -DEBOUNCE_SECONDS
        #: The gaps between the changes of the burst being typed (none after a pause).
        self._gaps: list[float] = []
        self._open_when_ready = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="策阅")
        yield Input(
            placeholder=_('Search: words, "a phrase", doc:001, kind:table …'),
            id="query",
            value=self.initial_query,
        )
        yield Horizontal(id="chips")
        yield Static("", id="notice")
        yield Static("", id="summary")
        yield HitList(id="results")
        yield IndexStatus()
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Search")
        if self.initial_query:
            self.query_one("#query", Input).value = self.initial_query
            self.schedule(self.initial_query, delay=0)
        else:
            self._show_summary(_("Type to search every document"))

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value

    @property
    def options(self) -> HitList:
        return self.query_one("#results", HitList)

    def focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    # ------------------------------------------------------------ searching

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_ready = False
        self._stop.set()  # the running search's answer is stale now: let it give way
        self.schedule(event.value)
        self.post_message(SessionChanged())

    def schedule(self, query: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Search ``query`` after ``delay``, or at once when it comes after a pause in typing.

        The pause is what tells a finished word from one being typed: the wait only saves running
        a query for every key of a burst, and after a pause it was 0.1 s added to every answer.
        """
        now = time.monotonic()
        gap = now - self._changed_at
        after_pause = gap >= DEBOUNCE_SECONDS and self._searching is None
        self._changed_at = now
        if self._timer is not None:
            self._timer.stop()
            after_pause = False  # a query is due: this key belongs to its burst
        self._gaps = [*self._gaps, gap][-BURST_GAPS_KEPT:] if gap < DEBOUNCE_SECONDS else []
        if delay <= 0 or after_pause:
            self.run_search(query)
        else:
            self._timer = self.set_timer(min(delay, burst_wait(self._gaps)), lambda: self.run_search(query))

    def run_search(self, query: str) -> None:
        self._timer = None
        self._stop.set()
        if not query.strip():
            self._pending = None
            self._searching = None
            self.workers.cancel_group(self, "search")
            self.show_results(None)
            self._show_summary(_("Type to search every document"))
            return
        app = ceyue_app(self)
        index = app.search_index
        if index is None:
            # Until the index is ready, a literal scan of the documents answers (and says so).
            scan = getattr(self.app, "literal_scan", None)
            index = scan() if callable(scan) else None
        if index is None:
            self._pending = query
            state = app.index_state
            if state.phase == "unavailable":
                self._show_summary(state.describe())
            else:
                self._show_summary(_("Search index getting ready; the query runs once it is."))
            return
        self._pending = None
        self._searching = query
        stop = self._stop = threading.Event()
        self.run_worker(
            lambda: self._search(index, query, stop), thread=True, exclusive=True, group="search", name="search"
        )

    def _search(self, index: SearchService, query: str, stop: threading.Event) -> None:
        worker = get_current_worker()
        try:
            results = index.search(query, limit=LIMIT, stop=stop)
        except SearchCancelled:
            return  # a newer query replaced it: that one's answer is shown
        except Exception as exc:  # a query must never take the app down
            if not worker.is_cancelled:
                self.app.call_from_thread(
                    self._show_error, query, explain(exc).splitlines()[0] if str(exc) else repr(exc)
                )
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._deliver, query, results)

    def _deliver(self, query: str, results: SearchResults) -> None:
        # An answer landing while the app shuts down finds the screen's widgets already gone.
        if not self.app.is_running or query != self.query_text:
            return
        self._searching = None
        self.show_results(results)
        # The lines drawn for the last search are garbage now: freed once the user pauses (tui.pause_collection).
        ceyue_app(self).pause_collection.touched()
        if self._open_when_ready:
            self._open_when_ready = False
            if results.hits:
                self.post_message(OpenHit(results, 0))

    @property
    def searching(self) -> bool:
        """Whether a search runs whose results are still to be shown."""
        return self._searching is not None

    def _show_error(self, query: str, message: str) -> None:
        if self.app.is_running and query == self.query_text:
            self._searching = None
            self._open_when_ready = False
            self.show_results(None)
            self._show_summary(_("Search failed: {reason}").format(reason=message))

    def run_pending(self) -> None:
        """Run the query typed while nothing could answer it (the documents were being read)."""
        if self.is_mounted and self._pending is not None:
            self.run_search(self.query_text)

    def index_ready(self) -> None:
        """Called by the app once the index is open: run what was typed meanwhile (replacing a scan's answer)."""
        if self.is_mounted and (self._pending is not None or self.query_text.strip()):
            self.run_search(self.query_text)

    # ------------------------------------------------------------ showing

    def _show_summary(self, text: str) -> None:
        self.query_one("#summary", Static).update(text)

    def show_results(self, results: SearchResults | None) -> None:
        self.results = results
        options = self.options
        self.rows = []
        self.document_rows = {}
        self.group_starts = []
        chips = self.query_one("#chips", Horizontal)
        chips.remove_children()
        notice = self.query_one("#notice", Static)
        if results is None:
            options.clear()
            notice.update("")
            notice.set_class(False, "shown")
            chips.set_class(False, "shown")
            return
        if results.filters:
            chips.mount_all(Label(f"{name}:{value}", classes="chip") for name, value in results.filters)
        chips.set_class(bool(results.filters), "shown")
        # TRANSLATORS: what separates two notices of one search
        joiner = _("; ")
        shown_notice = joiner.join(explain(m) for m in results.notices) if results.notices else results.notice or ""
        notice.update(Text(clean_line(shown_notice)))
        notice.set_class(bool(shown_notice), "shown")
        groups = results.groups()
        index_of = {id(hit): n for n, hit in enumerate(results.hits)}
        prompts: list[Row] = []
        documents = getattr(results, "documents", None) or []
        if documents:
            # Which documents say this: every one, best first, with its hit count; then the best clauses.
            n_found = len(documents)
            heading = Text(
                ngettext("{count} document", "{count} documents", n_found).format(count=n_found), style="bold underline"
            )
            heading.append(_("  · enter on one lists its clauses"), style="dim")
            prompts.append(line_row(heading, disabled=True))
            self.rows.append(None)
            for d in documents:
                self.document_rows[len(prompts)] = d
                prompts.append(document_row(d))
                self.rows.append(None)
            prompts.append(line_row(Text(_("best clauses"), style="bold underline"), disabled=True))
            self.rows.append(None)
        for n, (_doc, hits) in enumerate(groups):
            first = hits[0]
            if n:
                prompts.append(line_row(Text(" "), disabled=True))
                self.rows.append(None)
            self.group_starts.append(len(prompts))
            prompts.append(
                line_row(
                    group_prompt(first.doc_title, first.doc_short, len(hits), results.title_spans(first.doc_title)),
                    disabled=True,
                )
            )
            self.rows.append(None)
            for hit in hits:
                prompts.append(hit_row(hit))
                self.rows.append(index_of[id(hit)])
        options.set_rows(prompts)
        count = len(results.hits)
        if count:
            n_docs = len(documents) or len(groups)
            scan = " · " + _("literal scan (index not ready)") if getattr(results, "source", "index") == "scan" else ""
            found = ngettext("{hits} in {count} document", "{hits} in {count} documents", n_docs)
            self._show_summary(
                found.format(hits=count_text(results), count=n_docs)
                + scan
                + " · "
                + _("enter opens · n/N in the reader walks the hits")
            )
            self.highlight_hit(0)
            if self.document_rows and (self.options.highlighted or 0) >= self.options.size.height:
                # The best clause lies below a document list taller than the view (行政许可 in the laws:
                # 232 documents): start on the first document, so the list opens at its top.
                self.options.highlighted = next(iter(self.document_rows))
        else:
            self._show_summary(_("No hits"))

    def highlight_hit(self, hit_index: int) -> None:
        """Put the list's highlight on hit number ``hit_index`` of the results."""
        for row, hit in enumerate(self.rows):
            if hit == hit_index:
                self.options.highlighted = row
                return

    def selected_hit(self) -> int | None:
        row = self.options.highlighted
        if row is None or not 0 <= row < len(self.rows):
            return None
        return self.rows[row]

    # ------------------------------------------------------------ actions

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    @on(HitList.Selected, "#results")
    def _picked(self, event: HitList.Selected) -> None:
        event.stop()
        self.options.highlighted = event.index
        self.action_open()

    def action_open(self) -> None:
        if self._timer is not None or self._searching is not None:
            # Enter typed before the results of the latest query arrived: open its best hit then.
            self._open_when_ready = True
            if self._timer is not None:
                self._timer.stop()
                self.run_search(self.query_text)
            return
        document = self.document_rows.get(self.options.highlighted if self.options.highlighted is not None else -1)
        if self.results is not None and document is not None:
            self.show_document(document)
            return
        hit = self.selected_hit()
        if self.results is None or hit is None:
            self.app.bell()
            return
        self.post_message(OpenHit(self.results, hit))

    def show_document(self, document: DocumentCount) -> None:
        """Narrow the query to ``document`` (its clauses, best first); open its best clause once narrowed."""
        results = self.results
        named = results is not None and any(name == "doc" for name, _value in results.filters)
        best = next((i for i, h in enumerate(results.hits) if h.doc == document.doc), None) if results else None
        if named and results is not None and best is not None:
            self.post_message(OpenHit(results, best))
            return
        corpus = getattr(ceyue_app(self), "corpus", None)
        shorts = [d.short for d in getattr(corpus, "documents", [])]
        name = document.doc_short if shorts.count(document.doc_short) == 1 else document.doc
        query = self.query_one("#query", Input)
        query.value = f"{query.value.rstrip()} doc:{name}".lstrip()
        query.cursor_position = len(query.value)

    def action_cursor_down(self) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.options.action_cursor_up()

    def _current_group(self) -> int:
        row = self.options.highlighted or 0
        return max((n for n, start in enumerate(self.group_starts) if start <= row), default=0)

    def action_next_document(self) -> None:
        group = self._current_group() + 1
        if group < len(self.group_starts):
            self.options.highlighted = self.group_starts[group] + 1

    def action_previous_document(self) -> None:
        row = self.options.highlighted or 0
        group = self._current_group()
        if self.group_starts and row > self.group_starts[group] + 1:
            self.options.highlighted = self.group_starts[group] + 1
        elif group > 0:
            self.options.highlighted = self.group_starts[group - 1] + 1

    def action_focus_query(self) -> None:
        self.focus_query()

    def action_close(self) -> None:
        self.post_message(LeaveMode("search"))
