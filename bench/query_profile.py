"""Where a query's time goes: per-query latency, each phase's share, and the functions that cost it.

    uv run python bench/query_profile.py [--work DIR] [--corpus laws|big] [--top N] [QUERY ...]
    uv run python bench/query_profile.py --scale DIR [--phases] [--no-profile] [QUERY ...]

Opens the laws (or the 10^5-record laws-plus-copies) index that
``bench/search_bench.py --work DIR`` built — or, with ``--scale DIR``, the corpus
``search_bench.py --scale`` wrote there and its index ``DIR-index`` — runs each
query (default: the benchmark's law queries, its one-character queries and the
worst cases of ``results_diff``) a few times and prints its median time, then a
cProfile of all of them sorted by own time, so the next thing to make faster is
the one at the top.

``--phases`` times each phase of a search on its own (compiling, the literal
counts, the word matches, the sections, the literal fallback, the best pool,
the reranking passes, the hits' snippets, the document list …), for the first
run of each query and for a repeated one: a phase's own time, the phases it
calls left out, so the phases add up to the search.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import inspect
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import LAWS
from results_diff import HARD_QUERIES
from search_bench import CHAR_QUERIES, LAW_QUERIES, TARGET_RECORDS, replicate

from documents.corpus import load_corpus
from index import searcher as searcher_module
from index import service as service_module
from index.kept_queries import KeptQueries
from index.records import document_records
from index.searcher import Searcher
from index.service import SearchIndex, load_segmenter

#: The phases ``--phases`` times: (a label, the object holding the function, the function's name).
PHASES: list[tuple[str, object, str]] = [
    ("compile", KeptQueries, "compile"),
    ("literal counts", Searcher, "literal_counts"),
    ("word matches", Searcher, "_word_matches"),
    ("sections", Searcher, "_section_matches"),
    ("title bonus", Searcher, "_title_bonus"),
    ("as columns", Searcher, "_columns"),
    ("literal fallback", Searcher, "_literal_extras"),
    ("best pool", searcher_module.columns, "top"),
    ("closeness", Searcher, "_closeness"),
    ("echoes", Searcher, "_echoes_last"),
    ("definitions", Searcher, "_definitions_first"),
    ("typed first", Searcher, "_typed_first"),
    ("first mentions", Searcher, "_first_mentions"),
    ("articles/items", searcher_module, "first_articles_carried"),
    ("items/closings", searcher_module, "items_weighed"),
    ("closings", searcher_module, "closings_weighed"),
    ("editions", searcher_module, "editions_weighed"),
    ("below law", Searcher, "_below_law_docs"),
    ("tiers+diversity", searcher_module, "tiered"),
    ("hits", Searcher, "_hit"),
    ("per document", Searcher, "_per_document"),
    ("document list", service_module, "document_counts"),
    ("relax", service_module, "most_words_first"),
]


class PhaseClock:
    """Each wrapped function's own time (the wrapped functions it calls left out), summed per label."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._stack: list[list[float]] = []  # per active phase: [started, time spent in nested phases]

    def wrap(self, label: str, function: Callable) -> Callable:
        @functools.wraps(function)
        def timed(*args, **kwargs):
            self._stack.append([time.perf_counter(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                started, nested = self._stack.pop()
                spent = time.perf_counter() - started
                self.totals[label] = self.totals.get(label, 0.0) + spent - nested
                if self._stack:
                    self._stack[-1][1] += spent

        return timed

    def install(self) -> None:
        for label, owner, name in PHASES:
            found = inspect.getattr_static(owner, name)
            if isinstance(found, staticmethod):
                setattr(owner, name, staticmethod(self.wrap(label, found.__func__)))
            else:
                setattr(owner, name, self.wrap(label, getattr(owner, name)))

    def take(self) -> dict[str, float]:
        out, self.totals = self.totals, {}
        return out


def never_rebuild(exc: BaseException, progress: object = None) -> None:
    """A search's read error is raised here, never answered by rebuilding the index (an hour at 10^6)."""
    raise exc


def open_corpus(args: argparse.Namespace):
    """The corpus and index folder the arguments name."""
    if args.scale is not None:
        return load_corpus([args.scale]), args.scale.with_name(args.scale.name + "-index")
    corpus = load_corpus([args.laws])
    if args.corpus == "big":
        corpus = replicate(corpus, TARGET_RECORDS, sum(len(document_records(d)) for d in corpus.documents))
    return corpus, args.work / args.corpus


def phase_table(index: SearchIndex, queries: list[str], clock: PhaseClock, label: str) -> None:
    """Each query once, its wall time and its phases' (ms), then the phases summed over all queries."""
    sums: dict[str, float] = {}
    rows = []
    for query in queries:
        clock.take()
        started = time.perf_counter()
        index.search(query, limit=20)
        total = (time.perf_counter() - started) * 1000
        phases = {k: v * 1000 for k, v in clock.take().items()}
        phases["(rest)"] = total - sum(phases.values())
        for k, v in phases.items():
            sums[k] = sums.get(k, 0.0) + v
        rows.append((total, query, phases))
    print(f"\n## {label}: {len(queries)} queries, {sum(r[0] for r in rows):.0f} ms in all")
    for total, query, phases in sorted(rows, key=lambda r: -r[0]):
        parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(phases.items(), key=lambda kv: -kv[1]) if v >= 0.5)
        print(f"{total:8.1f}  {query}: {parts}")
    whole = sum(sums.values()) or 1.0
    print("phases summed:")
    for k, v in sorted(sums.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<18} {v:8.1f} ms {100 * v / whole:5.1f}%")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-bench"))
    ap.add_argument("--corpus", choices=["laws", "big"], default="big")
    ap.add_argument("--scale", type=Path, help="a corpus folder search_bench --scale wrote (its index beside it)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--laws", type=Path, default=LAWS, help="the laws folder")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--phases", action="store_true", help="time each phase of a first and of a repeated run")
    ap.add_argument("--no-profile", action="store_true", help="leave out the cProfile")
    ap.add_argument("--cold-profile", action="store_true", help="profile the first run of each query instead")
    args = ap.parse_args()
    load_segmenter()
    started = time.perf_counter()
    corpus, index_dir = open_corpus(args)
    print(f"corpus loaded in {time.perf_counter() - started:.1f} s: {len(corpus.documents)} documents")
    queries = args.queries or list(dict.fromkeys(LAW_QUERIES + CHAR_QUERIES + HARD_QUERIES))
    clock = PhaseClock()
    if args.phases:
        clock.install()
    started = time.perf_counter()
    with SearchIndex.open(corpus, index_dir=index_dir) as index:
        index._recover = never_rebuild  # type: ignore[method-assign]
        print(f"index opened in {time.perf_counter() - started:.1f} s ({index.last_update.reason})")
        if args.phases:
            phase_table(index, queries, clock, "first run of each query")
            phase_table(index, queries, clock, "repeated run")
        elif args.cold_profile:
            pstats.Stats(profiled(index, queries)).sort_stats("tottime").print_stats(args.top)
            return 0
        else:
            for query in queries:
                index.search(query, limit=20)
        rows = []
        for query in queries:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                index.search(query, limit=20)
                times.append((time.perf_counter() - started) * 1000)
            rows.append((statistics.median(times), max(times), query))
        for median, most, query in sorted(rows, reverse=True):
            print(f"{median:8.2f} {most:8.2f}  {query}")
        if args.no_profile:
            return 0
        profile = profiled(index, queries)
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


def profiled(index: SearchIndex, queries: list[str]) -> cProfile.Profile:
    """A cProfile of one run of each query."""
    profile = cProfile.Profile()
    profile.enable()
    for query in queries:
        index.search(query, limit=20)
    profile.disable()
    return profile


if __name__ == "__main__":
    sys.exit(main())
