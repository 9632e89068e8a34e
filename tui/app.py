"""The browser app: screens as modes, the stores, startup work and where the reader has been.

Three modes keep their state while the user moves between them: the document
list, search and the reader. Dialogs and panels (go to, bookmarks, help,
review, compare) are pushed on top of whichever mode is showing. Any screen
asks for a clause with :class:`~tui.messages.OpenLocation`; the app opens the
reader there and records the jump.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from documents import compiled_code
from documents.collector import long_lived, release, settle, space_young_collections
from documents.corpus import Corpus, DocumentNotFound, LoadError
from documents.state.bookmarks import BookmarkStore
from documents.state.review import ReviewStore
from tui.acyclic_strips import keep_strips_acyclic
from tui.bindings import bindings
from tui.console.safe import clean_line, quick_rich_text
from tui.control_filter import ControlCharacterFilter
from tui.history import History, Location
from tui.i18n import _, explain, ngettext, use_language
from tui.kept_component_styles import keep_unchanged_component_styles
from tui.keymap import KeymapResult, load_keymap
from tui.messages import LeaveMode, OpenHit, OpenLocation, SessionChanged, StepHistory, StepHit
from tui.palette import CeyueCommands
from tui.pause_collection import PauseCollection
from tui.screens.documents import DocumentListScreen
from tui.widgets.status import IndexState
from tui.workers import DaemonExecutor

if TYPE_CHECKING:
    from documents.extract.references import ReferenceResolver
    from documents.model import Document
    from index.results import SearchHit, SearchResults, SearchService
    from tui.screens.compare import CompareScreen
    from tui.screens.reader import ReaderScreen
    from tui.screens.review import ReviewScreen
    from tui.screens.search import SearchScreen

SESSION_KEY = "session"
#: Seconds between a move and the session being written; moves in between share the write.
SESSION_SAVE_DELAY = 1.0
#: How many documents' last positions are kept.
POSITIONS_KEPT = 500
#: Seconds between two progress updates while the documents are read.
PROGRESS_INTERVAL = 0.25
#: At most this many seconds the documents wait for the first frame to be drawn before they are read.
FIRST_FRAME_WAIT = 1.0

#: ``load(progress)`` reads the corpus, calling ``progress(done, total, file_name)`` per file.
CorpusLoader = Callable[[Callable[[int, int, str], None]], Corpus]


class CorpusReadCancelled(Exception):
    """Raised from the progress callback to stop reading when the app is closing."""


class IndexBuildCancelled(Exception):
    """Raised from the index build's progress callback when the app is closing.

    The store removes the half-written generation; the live one (if any) is untouched
    and the next start builds again.
    """


def silence_jieba() -> None:
    """jieba logs to stderr while loading its dictionary; in a TUI that scribbles over the screen."""
    logger = logging.getLogger("jieba")
    logger.setLevel(logging.ERROR)  # index.segmenter keeps this level when it imports jieba
    logger.propagate = False


class CeyueApp(App[None], inherit_bindings=False):
    """策阅. Pass a loaded ``corpus``, or ``corpus_loader`` to read it in a worker after the first screen shows."""

    TITLE = "策阅"
    BINDINGS = [*bindings("app"), Binding("ctrl+c", "quit", show=False, system=True)]
    COMMANDS = App.COMMANDS | {CeyueCommands}
    #: The first screen's style sheet, read with the app's own: read when the screen is first shown, it
    #: made Textual parse every style sheet once more before the first frame.
    CSS_PATH = "styles/documents.tcss"
    #: The app starts in the document list, installed as Textual's default screen (:meth:`get_default_screen`):
    #: no blank screen is made, styled and switched away from before it, and the style sheet is not refreshed.
    DEFAULT_MODE = "documents"

    index_state: reactive[IndexState] = reactive(IndexState, init=False)

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        corpus_loader: CorpusLoader | None = None,
        keymap_path: Path | None = None,
        keymap: KeymapResult | None = None,
        fresh: bool = False,
        review_store: ReviewStore | None = None,
        bookmarks: BookmarkStore | None = None,
        index_dir: Path | None = None,
        start_index: bool = True,
        language: str | None = None,
        notices: tuple[str, ...] = (),
        listed_files: list[Path] | None = None,
    ) -> None:
        if language is not None:
            use_language(language)  # before any screen is made: they translate as they compose
        super().__init__()
        # The last line of defence: whatever text slipped past clean() reaches the terminal without its
        # control characters (documents, titles, notes are data, never terminal commands).
        self._filters.append(ControlCharacterFilter())
        keep_strips_acyclic()  # drawn lines freed when dropped, not by the collector (tui.acyclic_strips)
        keep_unchanged_component_styles()  # a restyle that changes nothing drops no cycle (tui.kept_component_styles)
        quick_rich_text()  # no copy of every text Rich is given when it has no control code (tui.console.safe)
        silence_jieba()
        self.corpus = corpus if corpus is not None else Corpus()
        self.corpus_loader = corpus_loader if corpus is None else None
        self.keymap_result = keymap if keymap is not None else load_keymap(keymap_path)
        self.fresh = fresh
        self.review_store = review_store or ReviewStore()
        self.bookmarks = bookmarks or BookmarkStore()
        self.index_dir = index_dir
        self.start_index = start_index
        #: One-line messages from start-up (a settings file that could not be used), shown once mounted.
        self.notices = notices
        self.search_index: SearchService | None = None
        #: Set once the index opened for the last listing's documents is open (or could not be).
        self._early_opening: threading.Event | None = None
        self._early_index: Any = None
        #: A hit opened before the documents were read: it opens once they are.
        self._hit_when_read: tuple[SearchResults, int] | None = None
        self._literal_scan: Any = None
        self.references: ReferenceResolver | None = None
        self.history = History()
        self.search_results: SearchResults | None = None
        self.hit_index = -1
        self.document_list = DocumentListScreen(self.corpus)
        # The "documents" mode is added once the list is the first screen (on_mount): see get_default_screen.
        self.add_mode("search", lambda: self.search_screen)
        self.add_mode("reader", lambda: self.reader)
        #: The reader and search places, made on first use (:attr:`reader`, :attr:`search_screen`).
        self._reader: ReaderScreen | None = None
        self._search_screen: SearchScreen | None = None
        #: The query the search place starts with (the last session's), until it is made.
        self._search_query = ""
        #: The places (modes) behind the one showing, oldest first: Esc goes back to the last one.
        self.places: list[str] = []
        self.review_screen: ReviewScreen | None = None
        self.compare_screen: CompareScreen | None = None
        #: The compare and review panels' state from the last session, until the panel is opened.
        self.panel_state: dict[str, dict[str, Any]] = {}
        self.positions: dict[str, str] = {}
        self._session_ready = False
        self._session_timer: Timer | None = None
        self._last_saved: dict[str, Any] | None = None
        #: Session writes run off the UI thread (a synchronous SQLite write is 6–12 ms); the lock and the
        #: numbers keep an older state from overwriting a newer one written meanwhile (on quit, say).
        self._session_lock = threading.Lock()
        self._session_asked = 0
        self._session_written = 0
        #: The last session's document, shown from the parse cache before the others are read.
        self._early_document: Document | None = None
        #: The files ``corpus_loader`` reads, when known: the list shows from :mod:`tui.listing_cache` meanwhile.
        self.listed_files = listed_files
        self._listing_stored = False
        #: Set once the first frame has been drawn (the corpus is read after it).
        self._first_frame = threading.Event()
        #: The full garbage collection waiting for the user's next pause (keys and new results put it off).
        self.pause_collection = PauseCollection(self, busy=self._searching)

    @property
    def reader(self) -> ReaderScreen:
        """The reader, made when first needed: its modules are not imported before the first frame."""
        if self._reader is None:
            from tui.screens.reader import ReaderScreen

            self._reader = ReaderScreen()
        return self._reader

    @property
    def search_screen(self) -> SearchScreen:
        """The search place, made when first needed (it imports the search results' modules)."""
        if self._search_screen is None:
            from tui.screens.search import SearchScreen

            self._search_screen = SearchScreen()
            self._search_screen.initial_query = self._search_query
        return self._search_screen

    @property
    def keymap(self) -> dict[str, str]:
        """The user's overrides in force (binding id -> keys)."""
        return dict(self.keymap_result.keymap)

    # ------------------------------------------------------------ startup

    def get_default_screen(self) -> Screen[Any]:
        """The document list, the first screen of :attr:`DEFAULT_MODE`.

        Textual makes a mode's first screen (one added with ``add_mode``) and then refreshes the whole style
        sheet: every sheet parsed again, and once more as the list's widgets add theirs (the refresh drops
        the cache of parsed sheets). Its default screen is installed with the sheets as read, so the mode
        is added only once the list is in place (:meth:`on_mount`).
        """
        return self.document_list

    async def on_mount(self) -> None:
        self.add_mode("documents", lambda: self.document_list)
        # Thread workers on daemon threads that asyncio does not wait for: quitting never waits on a build.
        asyncio.get_running_loop().set_default_executor(DaemonExecutor())
        space_young_collections()  # what each search and redraw makes is freed young (documents.collector)
        self.apply_keymap(self.keymap_result)
        for notice in self.notices:
            self.notify(notice, title=_("Settings"), severity="error", timeout=15)
        if self.bookmarks.error:
            self.notify(clean_line(explain(self.bookmarks.error)), severity="warning")
        if self.review_store.message:
            self.notify(
                clean_line(explain(self.review_store.message)), title=_("Notes"), severity="warning", timeout=30
            )
        self.mode_change_signal.subscribe(self, lambda _mode: self.session_changed())
        self.call_after_refresh(self._first_frame_drawn)
        if self.corpus_loader is not None:
            self.document_list.reading = True
            self._preview_listing()
            self._set_index_state(IndexState("reading"))
        # The list, Textual's default screen, is made in its own task and fills itself as it mounts: what
        # changes it or leaves it (the documents read, the last session) starts once it has.
        self.document_list.call_later(self._start)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.pause_collection.touched()  # not while the user acts: the collection waits for a pause
        await super().on_event(event)

    def _searching(self) -> bool:
        """Whether a search runs (its results are on their way: the collection comes after them)."""
        return self._search_screen is not None and self._search_screen.searching

    def _start(self) -> None:
        """The startup chain, once the document list is mounted."""
        if self.corpus_loader is None:
            self._start_with_corpus()
            return
        if not self.fresh:
            self._show_last_document()
        self._open_index_early()
        self.run_worker(self._read_corpus, thread=True, exclusive=True, group="corpus", name="corpus")

    def _first_frame_drawn(self) -> None:
        release()  # the collector, off since tui.launch started (documents.collector.hold)
        self._first_frame.set()
        compiled_code.save()  # what the start compiled, for the next one (nothing once it is kept)

    def _read_corpus(self) -> None:
        """Read the documents off the UI thread, reporting each file (at most every PROGRESS_INTERVAL)."""
        worker = get_current_worker()
        loader = self.corpus_loader
        assert loader is not None
        # Start once the first frame is on the screen: reading holds the interpreter lock (and imports the
        # readers and the parse cache) while the first frame is made. Never wait long for it.
        self._first_frame.wait(FIRST_FRAME_WAIT)
        release()  # the collector is back before the reading, which turns it off itself, never in the middle
        last = 0.0
        if self._early_opening is not None:
            # Search first: side by side the two share one interpreter lock and both finish late, and the
            # documents read are handed to the list (a refill and redraw) while the index still opens.
            # Opening takes a third of what reading 579 laws does, and on the 5 seeds search was ready
            # 0.4 s of CPU sooner while the documents came 0.08 s later.
            self._early_opening.wait()

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise CorpusReadCancelled
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL:
                last = now
                self.call_from_thread(self._set_index_state, IndexState("reading", done, total, name))

        try:
            corpus = loader(progress)
        except CorpusReadCancelled:
            return
        except Exception as exc:  # a broken folder is reported, the app stays usable
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            corpus = Corpus(
                errors=[LoadError(Path("."), _("cannot read the documents: {reason}").format(reason=message))]
            )
        if not worker.is_cancelled:
            self.call_from_thread(self._corpus_ready, corpus)

    def _show_last_document(self) -> None:
        """Before the documents are read: the reader where the last session left it, from that one
        document's parse cache entry (nothing shows early when the file changed since)."""
        state = self.review_store.load_state(SESSION_KEY, None)
        if not isinstance(state, dict) or state.get("mode") != "reader":
            return
        key, path = state.get("doc"), state.get("path")
        if not isinstance(key, str) or not isinstance(path, str):
            return
        from documents.parsing import parse_cache

        doc = parse_cache.load(Path(path), key)
        if doc is None:
            return
        doc.path = Path(path)
        self._early_document = doc
        self.corpus.documents.append(doc)
        self.restore_session()

    def _preview_listing(self) -> None:
        """The document list as last shown, when every file is as it was then (a restart lists 579 laws at once)."""
        if self.listed_files is None:
            return
        from tui import listing_cache

        signature = listing_cache.files_signature(self.listed_files)
        preview = listing_cache.load(signature) if signature else None
        self.document_list.preview = preview
        self._listing_stored = preview is not None

    def _open_index_early(self) -> None:
        """While the documents are read: open the index for the documents the last listing names, when it is
        up to date for their files (a restart: search is ready before the documents are unpickled)."""
        preview = self.document_list.preview
        if preview is None or not self.start_index:
            return
        stand_ins = Corpus([doc for doc, _facets in preview.rows])
        self._early_opening = threading.Event()
        self.run_worker(
            lambda: self._open_early(stand_ins), thread=True, exclusive=True, group="early-index", name="early-index"
        )

    def _open_early(self, stand_ins: Corpus) -> None:
        assert self._early_opening is not None
        index = None
        self._first_frame.wait(FIRST_FRAME_WAIT)  # Whoosh and the segmenter load after the first frame
        try:
            from index.service import SearchIndex, load_query_segmenter

            index = SearchIndex.open_current(stand_ins, index_dir=self.index_dir)
            if index is not None:
                load_query_segmenter()
        except Exception:  # the usual start, once the documents are read, opens (or repairs) it
            if index is not None:
                with contextlib.suppress(Exception):
                    index.close()
            index = None
        finally:
            self._early_index = index
            self._early_opening.set()
        if index is not None:
            self.call_from_thread(self._early_index_ready, index)

    def _early_index_ready(self, index: SearchService) -> None:
        compiled_code.save()  # and what opening the index compiled
        if self.search_index is None:
            self.search_index = index
            if self._search_screen is not None:
                self._search_screen.index_ready()

    def _store_listing(self) -> None:
        """Keep the list just made from the documents read for the next start (off the UI thread)."""
        if self.listed_files is None or self._listing_stored or not self.corpus.documents:
            return
        self._listing_stored = True
        made, docs, files = self.document_list.made_listing(), list(self.corpus.documents), list(self.listed_files)

        def store() -> None:
            from tui import listing_cache
            from tui.screens.documents import Listing

            signature = listing_cache.files_signature(files)
            if signature:
                listing_cache.store(signature, made or Listing.of(docs))

        self.run_worker(store, thread=True, group="listing", name="listing")

    def _corpus_ready(self, corpus: Corpus) -> None:
        """Put the documents read in the background into the shared corpus, then start the rest."""
        early, self._early_document = self._early_document, None
        if early is not None:
            # The reader keeps the document it showed early: the same file read from the same cache entry.
            from documents.corpus import mark_present_attachments

            for i, doc in enumerate(corpus.documents):
                if doc.key == early.key and doc.path == early.path:
                    corpus.documents[i] = early
                    mark_present_attachments(corpus.documents)
                    break
        self.corpus.documents[:] = corpus.documents
        self.corpus.errors[:] = corpus.errors
        # The parsed documents stay for the whole session: keep the collector from walking their millions
        # of objects at every collection (building the list of 579 laws took 1 s of CPU instead of 0.15 s).
        settle()
        self.document_list.documents_read()
        self._store_listing()
        if not self.corpus.documents:
            self.notify(_("No documents found; pass --docs DIR"), severity="error", timeout=30)
        self._start_with_corpus()
        waiting, self._hit_when_read = self._hit_when_read, None
        if waiting is not None:
            self.open_hit(*waiting)

    def _start_with_corpus(self) -> None:
        """The startup chain once the documents are in: word list and index, references, last session."""
        if not self.corpus.documents:
            early, self.search_index = self.search_index, None  # opened for documents that could not be read
            if early is not None:
                early.close()
            self._set_index_state(IndexState("unavailable", message=_("no documents")))
            self._start_references()
        elif self.start_index:
            # With the index opened early, search goes on while the documents are handed to it.
            self._set_index_state(IndexState("ready" if self.search_index is not None else "dictionary"))
            self.run_worker(self._prepare_search, thread=True, exclusive=True, group="index", name="index")
        else:
            self.index_state = IndexState("unavailable", message=_("not started"))
            self.sub_title = ""
            self._start_references()
        untouched = self.current_mode == "documents" and len(self.screen_stack) == 1
        self.restore_session(reopen=untouched and not self.fresh)

    def apply_keymap(self, result: KeymapResult) -> None:
        """Use ``result``'s overrides; a broken keymap is reported in one line and the defaults stay."""
        self.keymap_result = result
        self.set_keymap(result.keymap if not result.error else {})
        if result.error:
            self.notify(result.error, title=_("Keymap"), severity="error", timeout=15)

    def _start_references(self) -> None:
        self.run_worker(self._prepare_references, thread=True, exclusive=True, group="references", name="references")

    def _prepare_search(self) -> None:
        """Open (building if needed) the search index; start the reference table after it or beside a build.

        jieba's full dictionary (a second or more) is loaded only when documents
        must be indexed; queries are cut against the compact dictionary. An index
        that is up to date opens first: built side by side, the two pure-Python jobs
        share one interpreter lock and search was ready seconds later (579 laws after
        a restart: 7.4 s instead of 3.9 s). A build takes minutes, so the references
        do not wait for one.
        """
        worker = get_current_worker()
        started = False

        def references_now() -> None:
            nonlocal started
            if not started and not worker.is_cancelled:
                started = True
                self.call_from_thread(self._start_references)

        try:
            self._open_search_index(worker, before_build=references_now)
        finally:
            references_now()

    def _open_search_index(self, worker: Worker[None], before_build: Callable[[], None]) -> None:
        try:
            from index.service import SearchIndex, load_query_segmenter, load_segmenter, needs_update
        except ImportError as exc:
            self.call_from_thread(
                self._set_index_state,
                IndexState("unavailable", message=_("no search engine ({error})").format(error=exc)),
            )
            return
        if self._early_opening is not None:
            self._early_opening.wait()
            early = self._early_index
            if early is not None and early.adopt(self.corpus):
                self.call_from_thread(self._index_ready, early, rerun=False)
                return
        try:
            if needs_update(self.corpus, self.index_dir):
                before_build()
                self._ready_literal_scan()
                load_segmenter()
            if worker.is_cancelled:
                return
            self.call_from_thread(self._set_index_state, IndexState("indexing", 0, len(self.corpus.documents)))

            def progress(done: int, total: int, title: str) -> None:
                if worker.is_cancelled:
                    raise IndexBuildCancelled
                self.call_from_thread(self._set_index_state, IndexState("indexing", done, total, title))

            index = SearchIndex.open(self.corpus, index_dir=self.index_dir, progress=progress)
            load_query_segmenter()
        except IndexBuildCancelled:
            return
        except Exception as exc:  # any failure leaves browsing working
            self.call_from_thread(
                self._set_index_state, IndexState("unavailable", message=explain(exc).splitlines()[0])
            )
            return
        if worker.is_cancelled:
            index.close()
            return
        self.call_from_thread(self._index_ready, index)

    def _ready_literal_scan(self) -> None:
        """Before an index build: lay out the literal scan, so a query typed during the build answers at once.

        Done here, before the build competes for the interpreter lock, it takes a fraction of a
        second (579 laws); left to the first query, the query waited for it beside the build (~7 s).
        A query typed meanwhile waits on the same scan and runs once it is laid out.
        """
        from index.scan import LiteralScan

        scan = self.call_from_thread(self._adopt_literal_scan, LiteralScan(self.corpus))
        scan.prepare()
        self.call_from_thread(self._run_pending_search)

    def _run_pending_search(self) -> None:
        if self._search_screen is not None:
            self._search_screen.run_pending()

    def _adopt_literal_scan(self, scan: Any) -> Any:
        """``scan`` becomes the one searches use until the index is ready, unless a query made one already."""
        if self._literal_scan is None:
            self._literal_scan = scan
        return self._literal_scan

    def literal_scan(self) -> Any:
        """Until the index is ready: a literal scan over the documents read (None while reading them)."""
        if self.search_index is not None or not self.corpus.documents:
            return None
        if self.index_state is not None and self.index_state.phase == "reading":
            return None
        if self._literal_scan is None:
            from index.scan import LiteralScan

            self._literal_scan = LiteralScan(self.corpus)
        return self._literal_scan

    def _set_index_state(self, state: IndexState) -> None:
        self.index_state = state
        self.sub_title = state.describe()

    def _index_ready(self, index: SearchService, *, rerun: bool = True) -> None:
        """``index`` answers searches from now on; with ``rerun`` the query on screen runs again on it."""
        compiled_code.save()  # and what opening the index compiled
        replaced, self.search_index = self.search_index, index
        if replaced is not None and replaced is not index:
            with contextlib.suppress(Exception):
                replaced.close()
        self._literal_scan = None
        # The corpus and the index are loaded for good: keep the collector from walking them
        # again and again (a full collection over 10^5 records took a quarter of a second).
        settle()
        self._set_index_state(IndexState("ready"))
        plan = getattr(index, "last_update", None)
        if plan is not None and plan.needed:
            count = len(self.corpus.documents)
            message = ngettext("Search index ready: {count} document", "Search index ready: {count} documents", count)
            self.notify(message.format(count=count), timeout=4)
        if self._search_screen is not None and (rerun or replaced is not index):
            self._search_screen.index_ready()

    def _prepare_references(self) -> None:
        try:
            from documents.extract.references import ReferenceResolver
        except ImportError:
            return
        try:
            resolver = ReferenceResolver(self.corpus)
            if self.corpus.documents:
                with long_lived():  # the table stays for the session (documents.collector)
                    resolver.cited_by(self.corpus.documents[0].key)  # builds the whole table off the UI thread
        except Exception as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            message = _("references unavailable: {reason}").format(reason=reason)
            self.call_from_thread(self.notify, message, severity="warning")
            return
        self.call_from_thread(self._references_ready, resolver)

    def _references_ready(self, resolver: ReferenceResolver) -> None:
        self.references = resolver
        if self._reader is not None and self._reader.is_mounted:
            self._reader.refresh_references()

    # ------------------------------------------------------------ opening places

    def on_open_location(self, message: OpenLocation) -> None:
        message.stop()
        self.open_location(message.doc, message.address, message.terms, resume=message.resume, row=message.row)

    def open_location(
        self,
        doc_ref: str,
        address: str | None,
        terms: tuple[str, ...] = (),
        *,
        record: bool = True,
        resume: bool = False,
        row: int | None = None,
    ) -> bool:
        """Show ``address`` of ``doc_ref`` in the reader; ``record`` adds the jump to the history.

        With ``resume`` and no address the reader goes back to where the user last was in that document.
        ``row`` (from 1) is a row of the table at ``address``.
        """
        try:
            doc = self.corpus.get(doc_ref)
        except DocumentNotFound as exc:
            self.notify(explain(exc), severity="error")
            return False
        if resume and not address:
            address = self.positions.get(doc.key, address)
        self.go_to("reader")
        if record:
            here = self.reader.location
            if here is not None:
                self.history.update(here)
        reader = self.reader

        def show() -> None:
            if record:
                self.history.visit(Location(doc.key, address or doc.short))
            reader.show(doc, address, tuple(terms), row=row)

        if reader.is_mounted:
            show()
        else:
            self.call_after_refresh(show)
        return True

    # ------------------------------------------------------------ places

    def is_place(self, screen: Screen[Any]) -> bool:
        """Whether ``screen`` is the base screen of a place (mode) rather than a dialog pushed on one."""
        return bool(self.screen_stack) and self.screen_stack[0] is screen

    def go_to(self, mode: str) -> None:
        """Show place ``mode``: back to it if the user came through it, else on top of the one showing.

        F-keys and opening a clause come here, so there is one screen of each kind and its state stays.
        """
        while len(self.screen_stack) > 1:  # dialogs over the place being left
            self.pop_screen()
        if mode == self.current_mode:
            return
        if mode in self.places:
            del self.places[self.places.index(mode) :]
        else:
            self.places.append(self.current_mode)
        self.switch_mode(mode)

    def leave(self) -> None:
        """Esc on a place: back to where the user came from (the document list at the bottom)."""
        self.save_session()
        while self.places:
            mode = self.places.pop()
            if mode != self.current_mode and (mode != "reader" or self._reader_has_document()):
                self.switch_mode(mode)
                return
        if self.current_mode != "documents":
            self.switch_mode("documents")
        else:
            self.bell()

    def leave_reader(self) -> None:
        self.leave()

    def _reader_has_document(self) -> bool:
        return self._reader is not None and self._reader.document is not None

    def go_back(self) -> None:
        if self._reader is not None and self._reader.location is not None:
            self.history.update(self._reader.location)
        location = self.history.back()
        if location is None:
            self.bell()
            self.notify(_("Nothing to go back to"))
            return
        self.open_location(location.doc, location.address, record=False)

    def go_forward(self) -> None:
        location = self.history.forward()
        if location is None:
            self.bell()
            self.notify(_("Nothing to go forward to"))
            return
        self.open_location(location.doc, location.address, record=False)

    # ------------------------------------------------------------ search hits

    def on_open_hit(self, message: OpenHit) -> None:
        message.stop()
        self.open_hit(message.results, message.index)

    def on_step_hit(self, message: StepHit) -> None:
        message.stop()
        self.goto_hit(message.delta)

    def on_step_history(self, message: StepHistory) -> None:
        message.stop()
        if message.delta < 0:
            self.go_back()
        else:
            self.go_forward()

    def on_leave_mode(self, message: LeaveMode) -> None:
        message.stop()
        self.leave()

    def on_session_changed(self, message: SessionChanged) -> None:
        message.stop()
        self.session_changed()

    def open_hit(self, results: SearchResults, index: int) -> None:
        """Open hit ``index`` of ``results`` and remember them for next/previous hit.

        Searched before the documents are read (the index opens first), the hit opens once they are.
        """
        self.search_results = results
        self.hit_index = index
        hit = results.hits[index]
        if self.document_list.reading and all(doc.key != hit.doc for doc in self.corpus.documents):
            self._hit_when_read = (results, index)
            self.notify(_("Still reading the documents; the hit opens once they are read"), timeout=3)
            return
        self.open_location(hit.doc, hit.address, hit_terms(results, hit), row=hit.row)

    def goto_hit(self, delta: int) -> None:
        results = self.search_results
        if results is None or not results.hits:
            self.notify(_("No search results; press / to search"))
            return
        target = self.hit_index + delta
        if not 0 <= target < len(results.hits):
            self.bell()
            self.notify(_("Last hit") if delta > 0 else _("First hit"))
            return
        self.open_hit(results, target)
        self.search_screen.highlight_hit(target)
        self.notify(_("Hit {n}/{total}").format(n=target + 1, total=len(results.hits)), timeout=2)

    # ------------------------------------------------------------ app actions

    def action_documents(self) -> None:
        self.go_to("documents")

    def action_search(self) -> None:
        self.go_to("search")
        self.call_after_refresh(self.search_screen.focus_query)

    def leave_search(self) -> None:
        self.leave()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap))

    def action_bookmarks(self) -> None:
        from tui.screens.bookmarks import BookmarksDialog

        def chosen(place: tuple[str, str] | None) -> None:
            if place:
                self.open_location(*place)

        self.push_screen(BookmarksDialog(self.bookmarks), chosen)

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        screen = self.review_screen
        if screen is None:
            view = str(self.panel_state.get("review", {}).get("view", "all"))
            screen = self.review_screen = ReviewScreen(self.review_store, self.corpus, view=view)
            self.add_mode("review", lambda: screen)
        elif self.current_mode != "review" and screen.is_mounted:
            screen.reload(screen.current_place())  # marks made since; the cursor stays
        self.go_to("review")

    def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen

        if self.compare_screen is None:
            kept = self.panel_state.get("compare", {})
            names = kept.get("subjects")
            subjects = tuple(name for name in names if isinstance(name, str)) if isinstance(names, list) else ()
            screen = self.compare_screen = CompareScreen(self.corpus, by=str(kept.get("by", "zone")), subjects=subjects)
            self.add_mode("compare", lambda: screen)
        self.go_to("compare")

    def open_diff(self, old: Any, new: Any) -> None:
        """Show two versions side by side: one diff place, replaced by the next pair."""
        from tui.screens.diff import DiffScreen

        if "diff" in self._modes:
            if self.current_mode == "diff":
                self.switch_mode("documents")
            if "diff" in self.places:
                del self.places[self.places.index("diff") :]
            self.remove_mode("diff")
        screen = DiffScreen(old, new)
        self.add_mode("diff", lambda: screen)
        self.go_to("diff")

    async def action_quit(self) -> None:
        self.save_session()
        self.exit()

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the interface language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=_("Search for commands, documents, sections…")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands that ceyue has no key for, in the interface language.

        Quit and help are ceyue commands already; Textual's key panel lists untranslated descriptions.
        """
        yield SystemCommand(_("Theme"), _("Change the colours"), self.action_change_theme)
        if screen.maximized is not None:
            yield SystemCommand(_("Restore panel"), _("Back to the normal layout"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                _("Maximize panel"), _("Fill the screen with the focused panel"), screen.action_maximize
            )
        yield SystemCommand(
            _("Screenshot"), _("Save the screen as an SVG file"), lambda: self.set_timer(0.1, self.deliver_screenshot)
        )

    # ------------------------------------------------------------ session

    def remember_location(self, location: Location) -> None:
        """The reader's cursor is at ``location``: keep it for history, for reopening the document, on disk."""
        self.history.update(location)
        self.positions.pop(location.doc, None)
        self.positions[location.doc] = location.address
        while len(self.positions) > POSITIONS_KEPT:
            del self.positions[next(iter(self.positions))]
        self.session_changed()

    def session_changed(self) -> None:
        """Something the session keeps changed: write it within SESSION_SAVE_DELAY, so a killed terminal loses little."""
        if self._session_ready and self._session_timer is None:
            self._session_timer = self.set_timer(SESSION_SAVE_DELAY, self._save_session_later)

    def _save_session_later(self) -> None:
        self._session_timer = None
        self.save_session(in_thread=True)

    def _document_path(self, key: str) -> str | None:
        """Where document ``key`` was read from, for reopening it from the parse cache at the next start."""
        reader = self._reader
        doc = (
            reader.document
            if reader is not None and reader.document is not None and reader.document.key == key
            else None
        )
        path = getattr(doc, "path", None)
        if not path:
            return None
        text = str(path)
        try:
            text.encode("utf-8")  # a name that is not UTF-8 is not kept: the document shows once all are read
        except UnicodeEncodeError:
            return None
        return text

    def session_state(self) -> dict[str, Any]:
        reader = self._reader
        mounted = reader is not None and reader.is_mounted
        location = reader.location if reader is not None and mounted else None
        return {
            "doc": location.doc if location else None,
            "path": self._document_path(location.doc) if location else None,
            "address": location.address if location else None,
            "mode": self.current_mode,
            "outline": reader.outline_visible if reader is not None and mounted else True,
            "cited_by": reader.cited_by_visible if reader is not None and mounted else False,
            "query": self._search_screen.query_text
            if self._search_screen is not None and self._search_screen.is_mounted
            else "",
            "positions": dict(self.positions),
            "panels": self.panels_state(),
        }

    def panels_state(self) -> dict[str, dict[str, Any]]:
        """The compare subjects and review view: as the panels have them, else as the last session left them."""
        panels = dict(self.panel_state)
        for name, screen in (("compare", self.compare_screen), ("review", self.review_screen)):
            if screen is not None:
                panels[name] = screen.session_state()
        return panels

    def save_session(self, *, in_thread: bool = False) -> None:
        """Write the session (unless nothing changed, or the last one has not been restored yet): now, or
        with ``in_thread`` on a worker thread, so a save while the user types never holds up a frame."""
        if self._session_timer is not None:
            self._session_timer.stop()
            self._session_timer = None
        if not self._session_ready:
            return
        try:
            state = self.session_state()
        except Exception as exc:  # saving the position must never block quitting
            self.log.error(f"cannot save session: {exc}")
            return
        if state == self._last_saved:
            return
        self._session_asked += 1
        if in_thread:
            self.run_worker(
                functools.partial(self._write_session, state, self._session_asked),
                thread=True,
                group="session",
                name="session",
            )
        else:
            self._write_session(state, self._session_asked)

    def _write_session(self, state: dict[str, Any], number: int) -> None:
        """Write ``state``, the ``number``-th asked for, unless a later one is written already."""
        with self._session_lock:
            if number <= self._session_written:
                return
            try:
                self.review_store.save_state(SESSION_KEY, state)
            except Exception as exc:  # a full disk or a locked database: the next save tries again
                self.log.error(f"cannot save session: {exc}")
                return
            self._session_written = number
            self._last_saved = state

    def restore_session(self, *, reopen: bool = True) -> None:
        """Take back the last documents' positions and, with ``reopen``, the place and panels the user left."""
        self._session_ready = True
        state = self.review_store.load_state(SESSION_KEY, None)
        if not isinstance(state, dict):
            return
        positions = state.get("positions")
        if isinstance(positions, dict):
            kept = {str(doc): str(address) for doc, address in positions.items() if isinstance(address, str)}
            self.positions = {**kept, **self.positions}
        kept_panels = state.get("panels")
        if isinstance(kept_panels, dict):
            self.panel_state = {name: value for name, value in kept_panels.items() if isinstance(value, dict)}
        if not reopen:
            return
        if state.get("query"):
            self._search_query = str(state["query"])
            if self._search_screen is not None:
                self._search_screen.initial_query = self._search_query
        doc = state.get("doc")
        mode = state.get("mode")
        if mode == "search":
            self.action_search()
            return
        if mode in ("compare", "review"):
            if mode == "compare":
                self.action_compare()
            else:
                self.action_review()
            return
        if mode != "reader" or not doc:
            return
        try:
            self.corpus.get(doc)
        except DocumentNotFound:
            return
        reader = self.reader

        def panels() -> None:
            reader.set_outline_visible(bool(state.get("outline", True)))
            if state.get("cited_by"):
                reader.set_cited_by_visible(True)

        if self.open_location(doc, state.get("address") or ""):
            self.call_after_refresh(panels)

    def on_unmount(self) -> None:
        index = self.search_index
        if index is not None:
            with contextlib.suppress(Exception):
                index.close()


def hit_terms(results: SearchResults, hit: SearchHit) -> tuple[str, ...]:
    """The words to highlight for ``hit``: what its highlights cover, else the query's terms."""
    words = [hit.text[start:end] for start, end in hit.text_highlights if end > start]
    words += [t for t in results.terms if t]
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word, None)
    return tuple(seen)
