"""The search API the rest of ceyue uses; nothing Whoosh-shaped leaves this module.

index = SearchIndex.open(corpus)          # builds or updates as needed
results = index.search('"亩均效益" doc:001')
for doc, hits in results.groups(): ...
index.close()
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Collection
from pathlib import Path

from whoosh import scoring
from whoosh.index import IndexError as WhooshIndexError

from documents.collector import settle
from documents.errors import N_, CeyueError, Message
from documents.formats import SUPPORTED_SUFFIXES
from index.cancel import StopFlag, stop_if_set
from index.compiler import CompiledQuery, characters_joined, load_tables
from index.kept_queries import KeptQueries
from index.paths import index_dir_for
from index.query import Node, ParsedQuery, Unit, parse
from index.results import (
    DocumentCount,
    SearchHit,
    SearchResults,
    SearchService,
    document_counts,
    prepare_titles,
)
from index.scope import FilterScope
from index.searcher import Searcher
from index.segmenter import ensure_jieba_loaded, normalize, terms
from index.store import IndexStore, IndexUnavailable, Progress, UpdatePlan, source_signature
from index.tiers import TIER_OF_LEVEL, tiered, unit_level

__all__ = [
    "DocumentCount",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "SearchService",
    "default_index_dir",
    "load_query_segmenter",
    "load_segmenter",
    "needs_update",
]

#: BM25F parameters. Records are clauses, already short: with BM25's usual B = 0.75 a one-line
#: list item (开展公益诉讼工作；) outranked the article that says what the words mean, so a
#: record's length counts half. Heading paths are short and alike: length matters less there.
WEIGHTING = {"B": 0.5, "K1": 1.2, "heading_path_B": 0.3}
#: When fewer clauses than this have all the words, the best with some of them follow.
FILL_BELOW = 10
#: For a lone unit no clause says whole, at least this many clauses with some of its words are read
#: to put those saying its head first (:func:`most_words_first`): a short page would show only the
#: best scores, which a modifier said as typed (校园) wins over the head in the texts' wording (欺凌).
MIN_RELAXED = 30


def load_segmenter() -> None:
    """Load jieba's dictionary and ours (slow, ~1 s the first time); call it from a worker."""
    ensure_jieba_loaded()


def load_query_segmenter() -> None:
    """Ready only what cutting a query needs: the compact dictionary when one was saved, else jieba's."""
    terms("园区")


def default_index_dir(corpus) -> Path:
    """The cache folder for this corpus: one per set of document folders."""
    from documents.corpus import default_dirs

    defaults = [d.resolve() for d in default_dirs()]
    folders = document_folders(corpus)
    if all(any(f == d or d in f.parents for d in defaults) for f in folders):
        return index_dir_for(None)
    return index_dir_for(sorted(folders))


def document_folders(corpus) -> set[Path]:
    """The folders the documents' files are in, links followed.

    Each folder is resolved once, not each file: resolving follows every part of the
    path with a system call, 579 laws took 2,900 of them at every start. A file
    that is itself a link is resolved on its own (its target may be elsewhere).
    """
    resolved: dict[Path, Path] = {}
    folders: set[Path] = set()
    for doc in corpus.documents:
        if not getattr(doc, "path", None):
            continue
        path = Path(doc.path)
        if path.is_symlink():
            folders.add(path.resolve().parent)
            continue
        parent = resolved.get(path.parent)
        if parent is None:
            parent = resolved[path.parent] = path.parent.resolve()
        folders.add(parent)
    return folders


def needs_update(corpus, index_dir: Path | None = None) -> bool:
    """Cheap check (no segmentation): would opening this corpus's index (re)build it?"""
    return IndexStore(index_dir or default_index_dir(corpus)).plan(corpus).needed


def relax(parsed: ParsedQuery, *, fill: bool = False) -> ParsedQuery | None:
    """Words typed side by side (an implicit AND) as alternatives, for when too few clauses have them all.

    An unquoted unit of several words (园区债务风险) is split into its words too (and, beside other
    units, kept whole as well), in a lone unit a run of single characters (霸/凌: a word the
    dictionary lacks) as one;
    a lone unit whose single characters match nowhere together (违约金过高 where
    the text says 违约金过分高于) falls back to its longer words.
    """
    tree = parsed.tree
    units: list[Unit] = []
    if isinstance(tree, Unit):
        units = [tree]
    elif (
        isinstance(tree, Node)
        and tree.op == "AND"
        and not tree.explicit
        and all(isinstance(c, Unit) for c in tree.children)
    ):
        units = [c for c in tree.children if isinstance(c, Unit)]
    if fill and any(unit.phrase for unit in units):
        return None  # a quoted phrase asks for exactly that: no partial matches after its hits
    words: list[Node | Unit] = []
    for unit in units:
        # A lone unit's run of single characters is one word (霸/凌: its head, see :func:`heads`).
        cut = [] if unit.phrase else terms(unit.text)
        parts = characters_joined(cut) if len(units) == 1 else cut
        # A unit cut into single characters only (电诈, 边合区) stays whole: its characters say nothing alone.
        split = [Unit(w) for w in parts if len(w) > 1] if len(parts) > 1 else []
        if not split:
            words.append(unit)
        else:
            # beside others, the unit whole stays an alternative: a clause with all of it (双师型教师) counts more
            words += [unit, *split] if len(units) > 1 else split
    if len(words) < 2 and words == units:
        return None
    return ParsedQuery(parsed.text, Node("OR", words), parsed.filters, parsed.notice)


def heads(parsed: ParsedQuery) -> set[str]:
    """The last word of each unquoted unit of several words (校园霸凌: 霸凌): what the unit is a kind of."""
    out: set[str] = set()
    for unit in parsed.units():
        words = [] if unit.phrase else [w for w in characters_joined(terms(unit.text)) if len(w) > 1]
        if len(words) > 1:
            out.add(words[-1])
    return out


def most_words_first(loose: CompiledQuery, hits: list[SearchHit], typed_heads: Collection[str] = ()) -> list[SearchHit]:
    """Hits of a relaxed query (its words as alternatives) with those that say more of the words
    first — each as typed or in a spelling that ranks with it (:mod:`index.tiers`) — and the best
    score first among as many (scores scaled to fall with rank): when no clause has every word, one
    with 人才公寓 and 租金 answers 人才公寓 租金 占比 better than one that only says 占比 often.

    Among as many, one that says the head of a typed unit (``typed_heads``, see :func:`heads`) comes
    first: a unit of several words names a kind of its last (校园霸凌 is a 霸凌, 违章建筑 a 建筑),
    so a clause on 欺凌 answers it before one on 校园 alone."""
    units = [cu for cu in loose.units if cu.forms]
    head_units = [cu for cu in units if normalize(cu.unit.text) in typed_heads]

    def missing(item: tuple[float, int, SearchHit]) -> int:
        hit = item[2]
        text = normalize(hit.text + "\n" + "\n".join(hit.heading_path))
        absent = {id(cu) for cu in units if TIER_OF_LEVEL[unit_level(cu.forms, text)] > 0}
        return len(absent) * (len(head_units) + 1) + sum(id(cu) in absent for cu in head_units)

    ranked = tiered([(hit.score, i, hit) for i, hit in enumerate(hits)], missing, lambda part: part)
    for score, _, hit in ranked:
        hit.score = score
    return [hit for _, _, hit in ranked]


class NoDocuments(CeyueError, ValueError):
    """There is nothing to search: no document could be loaded."""


NO_DOCUMENTS = N_("no documents to search: none could be loaded (see the messages above)")
NO_FILES = N_("no documents to search: the folder holds no {suffixes} files")


def no_documents(corpus) -> NoDocuments:
    """Why there is nothing to search: files that failed to load (already reported), or no files at all."""
    if corpus.errors:
        return NoDocuments(NO_DOCUMENTS)
    return NoDocuments(NO_FILES, suffixes=" ".join(sorted(SUPPORTED_SUFFIXES)))


#: Errors Whoosh raises from damaged or vanished files (a zlib stream, a block tag, a None where a
#: file's data should be, its own ``IndexError`` — not the builtin — for a folder another process is
#: switching away: ``EmptyIndexError``); with them the searcher reopens the live generation, or rebuilds it.
INDEX_READ_ERRORS: tuple[type[Exception], ...] = (
    WhooshIndexError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    IndexUnavailable,
    zlib.error,
    struct.error,
    pickle.UnpicklingError,
)


#: Errors only reading files raises: the generation is damaged or gone, whatever code met them.
FILE_ERRORS: tuple[type[Exception], ...] = (
    WhooshIndexError,
    OSError,
    EOFError,
    IndexUnavailable,
    zlib.error,
    struct.error,
    pickle.UnpicklingError,
)


def raised_reading_files(exc: BaseException) -> bool:
    """Whether ``exc`` tells of damaged files: a file error, or any error raised inside Whoosh, whose
    files the manifest checks by size only. A ``TypeError`` or ``KeyError`` raised in ceyue's own code
    over checksummed tables that check out is a bug, not damage."""
    if isinstance(exc, FILE_ERRORS):
        return True
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return str(tb.tb_frame.f_globals.get("__name__", "")).startswith("whoosh")


class SearchIndex:
    """An opened, up-to-date index over one corpus: one generation, read consistently.

    When another process switches generations and removes the one this index
    reads, or a Whoosh file turns out damaged, :meth:`search` reopens the live
    generation (rebuilding it if that is the damaged one) and tries again;
    ``repairs`` says what was done, one line each.
    """

    def __init__(self, corpus, store: IndexStore, plan: UpdatePlan):
        if not corpus.documents:
            raise no_documents(corpus)
        self.corpus = corpus
        self.store = store
        self.last_update = plan
        self.repairs: list[Message] = []
        #: The documents are stand-ins (see :meth:`open_current`): a damaged index cannot be rebuilt from them.
        self.stand_ins = False
        self._lock = threading.Lock()
        self._open_generation()

    def _open_generation(self) -> None:
        generation = self.store.snapshot()
        opened: list = []
        try:
            ix = generation.open_whoosh()
            opened.append(ix)
            texts = generation.open_texts()
            opened.append(texts)
            headings = generation.open_headings()
            opened.append(headings)
            shown = generation.open_shown()
            opened.append(shown)
            searcher = Searcher(
                ix.searcher(weighting=scoring.BM25F(**WEIGHTING)), texts, headings, generation.open_doc_map(), shown
            )
            scope = FilterScope.of(self.corpus, searcher.reader, texts)
            load_tables()
            searcher.prepare(scope.titles, scope.editions())
            prepare_titles(self.corpus.documents, searcher.docs.keys)
        except BaseException:
            for thing in reversed(opened):
                with contextlib.suppress(Exception):
                    thing.close()
            raise
        self.generation = generation.name
        self._ix, self._texts, self._headings, self._searcher = ix, texts, headings, searcher
        self._queries = KeptQueries(scope)  # the scope's compiled queries, kept across its searches
        self._shown = shown

    def _close_generation(self) -> None:
        closers = (
            self._searcher.searcher.close,
            self._texts.close,
            self._headings.close,
            self._shown.close,
            self._ix.close,
        )
        for close in closers:
            with contextlib.suppress(Exception):
                close()

    def _recover(self, exc: BaseException, progress: Progress | None = None) -> None:
        """After a read error: reopen the live generation if another process switched it, else rebuild —
        unless the files are intact and the error came from ceyue's own code: that is a bug a rebuild
        would not fix (an hour at 10^6 records), so it is raised."""
        ours = self.store.current_name() in (None, self.generation)
        if ours and not raised_reading_files(exc) and self.store.damage(self.store.manifest()) is None:
            raise exc
        self._close_generation()
        if ours:
            reason = Message(
                N_("index damaged ({reason}); rebuilt it"), {"reason": f"{type(exc).__name__}: {str(exc)[:80]}"}
            )
            self.last_update = self.store.update(self.corpus, rebuild=True, progress=progress)
            self.repairs.append(reason)
        self._open_generation()

    @classmethod
    def open(
        cls, corpus, *, index_dir: Path | None = None, rebuild: bool = False, progress: Progress | None = None
    ) -> SearchIndex:
        """Open the index for ``corpus``, re-indexing new or changed documents first.

        ``progress(done, total, doc_title)`` is called while documents are indexed.
        A damaged or half-written index is rebuilt from scratch.
        """
        if not corpus.documents:
            raise no_documents(corpus)
        store = IndexStore(Path(index_dir) if index_dir else default_index_dir(corpus))
        plan = store.plan(corpus, rebuild=rebuild)
        if plan.needed:
            plan = store.update(corpus, rebuild=rebuild, progress=progress)
        elif plan.resign:
            store.resign(plan)
        index = None
        for _ in range(3):  # another process may switch generations between our update and our open
            try:
                index = cls(corpus, store, plan)
                break
            except INDEX_READ_ERRORS:
                plan = store.update(corpus, progress=progress)
        if index is None:  # files damaged in a way the manifest could not tell
            index = cls(corpus, store, store.update(corpus, rebuild=True, progress=progress))
            index.repairs.append(Message(N_("index files were damaged; rebuilt them")))
        settle()  # the open index (and the corpus it searches) stays: out of the collector's walks
        return index

    @classmethod
    def open_current(cls, corpus, *, index_dir: Path | None = None) -> SearchIndex | None:
        """The index as it stands when it is up to date for ``corpus``, else None; never builds or writes.

        ``corpus`` may hold stand-ins of the documents (their metadata and file path, no text, as
        the browser's last listing keeps them): an unchanged file is known to the index by its
        signature, and a search needs of a document only what the index shows of its hits and
        the metadata the title boost and ``doc:`` read. The browser searches so while it reads
        the documents, then hands them over with :meth:`adopt`.
        """
        if not corpus.documents:
            return None
        store = IndexStore(Path(index_dir) if index_dir else default_index_dir(corpus))
        plan = store.plan(corpus)
        if plan.needed or plan.resign:
            return None  # a changed file (or a stand-in without its file): the caller reads and updates
        try:
            index = cls(corpus, store, plan)
        except INDEX_READ_ERRORS:
            return None
        index.stand_ins = True
        return index

    def adopt(self, corpus) -> bool:
        """Search ``corpus`` (the documents read) from now on, if its files are the ones this index was
        opened for (same keys, same signatures); False, and nothing changed, when they are not."""
        sources = {doc.key: source_signature(doc) for doc in corpus.documents}
        opened = {key: entry[0] for key, entry in self.last_update.sources.items()}
        if not corpus.documents or sources != opened:
            return False
        scope = FilterScope.of(corpus, self._searcher.reader, self._texts)
        editions = scope.editions()  # the documents read: worked out here, in the caller's worker
        prepare_titles(corpus.documents, self._searcher.docs.keys)
        with self._lock:
            self._searcher.prepare(scope.titles, editions)
            self.corpus, self._queries, self.stand_ins = corpus, KeptQueries(scope), False
        return True

    def needs_update(self) -> bool:
        return self.store.plan(self.corpus).needed

    def search(self, query: str, limit: int = 50, stop: StopFlag | None = None) -> SearchResults:
        """Hits for ``query`` in rank order; never raises on bad syntax (see ``notice``).

        Once ``stop`` is set the search raises :class:`SearchCancelled` at its next phase boundary,
        so a newer query waiting for the lock runs at once.
        """
        started = time.perf_counter()
        parsed = parse(query)
        with self._lock:  # the scope reads the index too
            for attempt in range(3):
                try:
                    return self._search(parsed, query, limit, started, stop)
                except INDEX_READ_ERRORS as exc:
                    if attempt == 2 or self.stand_ins:
                        raise
                    self._recover(exc)
        raise AssertionError("unreachable")

    def _search(
        self, parsed: ParsedQuery, query: str, limit: int, started: float, stop: StopFlag | None
    ) -> SearchResults:
        stop_if_set(stop)  # replaced while it waited for the lock
        if not (self.store.directory / self.generation).is_dir():
            # Removed two switches after another process's update: open files still read, but stale.
            raise FileNotFoundError(f"index generation {self.generation} was removed")
        compiled = self._queries.compile(parsed)
        stop_if_set(stop)
        hits, total, per_doc = self._searcher.search(compiled, limit, stop)
        relaxed = relax(parsed, fill=bool(hits)) if len(hits) < min(limit, FILL_BELOW) else None
        partial = 0
        if relaxed is not None:
            loose = self._queries.compile(relaxed)
            # A lone unit no clause says whole (校园霸凌): its head first, read from a wider pool.
            lone = isinstance(parsed.tree, Unit)
            pool = max(limit, MIN_RELAXED) if lone else limit
            more, more_total, more_per_doc = self._searcher.search(loose, pool, stop)
            more = most_words_first(loose, more, heads(parsed) if lone else ())[:limit]
            if not hits:
                compiled, hits, total, per_doc = loose, more, more_total, more_per_doc
                if hits:  # a copy: the kept compilation is shared
                    relaxing = Message(N_("no clause has all the words: showing clauses with any of them"))
                    compiled = dataclasses.replace(compiled, notices=[*compiled.notices, relaxing])
            else:
                # After every clause with all the words, the best with some of them.
                seen = {(h.doc, h.address, h.row) for h in hits}
                floor = min(h.score for h in hits)
                extra = [h for h in more if (h.doc, h.address, h.row) not in seen][: limit - len(hits)]
                top = max((h.score for h in extra), default=1.0) or 1.0
                for h in extra:
                    h.score = floor * 0.99 * h.score / top
                    h.partial = True
                hits += extra
                partial = len(extra)
        stop_if_set(stop)  # before the document list
        notices = [*self.repairs, *compiled.notices]
        self.repairs.clear()
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            filters=list(parsed.filters),
            notice="; ".join(map(str, notices)) or None,
            notices=notices,
            terms=compiled.highlight_terms(),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            documents=document_counts(self.corpus, per_doc, [u.text for u in parsed.units()]),
            partial=partial,
        )

    def close(self) -> None:
        with self._lock:
            self._close_generation()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
