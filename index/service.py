"""The search API the rest of ceyue uses; nothing Whoosh-shaped leaves this module.

index = SearchIndex.open(corpus)          # builds or updates as needed
results = index.search('"亩均效益" doc:001')
for doc, hits in results.groups(): ...
index.close()
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from whoosh import scoring

from index.compiler import compile_query
from index.paths import index_dir_for
from index.query import Node, ParsedQuery, Unit, parse
from index.results import DocumentCount, SearchHit, SearchResults, document_counts
from index.scope import FilterScope
from index.searcher import Searcher
from index.segmenter import ensure_jieba_loaded, terms
from index.store import IndexStore, Progress, UpdatePlan

__all__ = [
    "DocumentCount",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "default_index_dir",
    "load_segmenter",
    "needs_update",
]

#: BM25F parameters: heading paths are short and alike, so length matters less there.
WEIGHTING = {"B": 0.75, "K1": 1.2, "heading_path_B": 0.3}
#: When fewer clauses than this have all the words, the best with some of them follow.
FILL_BELOW = 10


def load_segmenter() -> None:
    """Load jieba's dictionary and ours (slow, ~1 s the first time); call it from a worker."""
    ensure_jieba_loaded()


def default_index_dir(corpus) -> Path:
    """The cache folder for this corpus: one per set of document folders."""
    from documents.corpus import default_dirs

    defaults = [d.resolve() for d in default_dirs()]
    folders = {Path(doc.path).resolve().parent for doc in corpus.documents if getattr(doc, "path", None)}
    if all(any(f == d or d in f.parents for d in defaults) for f in folders):
        return index_dir_for(None)
    return index_dir_for(sorted(folders))


def needs_update(corpus, index_dir: Path | None = None) -> bool:
    """Cheap check (no segmentation): would opening this corpus's index (re)build it?"""
    return IndexStore(index_dir or default_index_dir(corpus)).plan(corpus).needed


def relax(parsed: ParsedQuery) -> ParsedQuery | None:
    """Words typed side by side (an implicit AND) as alternatives, for when too few clauses have them all.

    An unquoted unit of several words (园区债务风险) is split into its words too.
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
    words: list[Unit] = []
    for unit in units:
        parts = [] if unit.phrase else terms(unit.text)
        words += [Unit(w) for w in parts if len(w) > 1] if len(parts) > 1 else [unit]
    if len(words) < 2:
        return None
    return ParsedQuery(parsed.text, Node("OR", words), parsed.filters, parsed.notice)


class SearchIndex:
    """An opened, up-to-date index over one corpus."""

    def __init__(self, corpus, store: IndexStore, plan: UpdatePlan):
        self.corpus = corpus
        self.store = store
        self.last_update = plan
        self._lock = threading.Lock()
        self._ix = store.open_whoosh()
        self._texts = store.open_texts()
        self._headings = store.open_headings()
        self._searcher = Searcher(
            self._ix.searcher(weighting=scoring.BM25F(**WEIGHTING)), self._texts, self._headings, store.open_doc_map()
        )
        self._scope = FilterScope.of(corpus, self._searcher.reader)

    @classmethod
    def open(
        cls, corpus, *, index_dir: Path | None = None, rebuild: bool = False, progress: Progress | None = None
    ) -> SearchIndex:
        """Open the index for ``corpus``, re-indexing new or changed documents first.

        ``progress(done, total, doc_title)`` is called while documents are indexed.
        A damaged or half-written index is rebuilt from scratch.
        """
        store = IndexStore(Path(index_dir) if index_dir else default_index_dir(corpus))
        plan = store.plan(corpus, rebuild=rebuild)
        if plan.needed:
            plan = store.update(corpus, rebuild=rebuild, progress=progress)
        try:
            return cls(corpus, store, plan)
        except Exception:  # files damaged in a way the manifest could not tell
            plan = store.update(corpus, rebuild=True, progress=progress)
            return cls(corpus, store, plan)

    def needs_update(self) -> bool:
        return self.store.plan(self.corpus).needed

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Hits for ``query`` in rank order; never raises on bad syntax (see ``notice``)."""
        ensure_jieba_loaded()  # not part of the query's time: the TUI loads it ahead
        started = time.perf_counter()
        parsed = parse(query)
        with self._lock:  # the scope reads the index too
            compiled = compile_query(parsed, self._scope)
            hits, total, per_doc = self._searcher.search(compiled, limit)
            relaxed = relax(parsed) if len(hits) < min(limit, FILL_BELOW) else None
            partial = 0
            if relaxed is not None:
                loose = compile_query(relaxed, self._scope)
                more, more_total, more_per_doc = self._searcher.search(loose, limit)
                if not hits:
                    compiled, hits, total, per_doc = loose, more, more_total, more_per_doc
                    if hits:
                        compiled.notices.append("no clause has all the words: showing clauses with any of them")
                else:
                    # After every clause with all the words, the best with some of them.
                    seen = {(h.doc, h.address, h.row) for h in hits}
                    floor = min(h.score for h in hits)
                    extra = [h for h in more if (h.doc, h.address, h.row) not in seen][: limit - len(hits)]
                    top = max((h.score for h in extra), default=1.0) or 1.0
                    for h in extra:
                        h.score = floor * 0.99 * h.score / top
                    hits += extra
                    partial = len(extra)
        notice = "; ".join(compiled.notices) or None
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            filters=list(parsed.filters),
            notice=notice,
            terms=compiled.highlight_terms(),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            documents=document_counts(self.corpus, per_doc),
            partial=partial,
        )

    def close(self) -> None:
        with self._lock:
            self._searcher.searcher.close()
            self._texts.close()
            self._headings.close()
            self._ix.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
