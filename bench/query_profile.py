"""Where a query's time goes: per-query latency and the functions that cost it.

    uv run python bench/query_profile.py [--work DIR] [--corpus laws|big] [--top N] [QUERY ...]

Opens the laws (or the 10^5-record laws-plus-copies) index that
``bench/search_bench.py --work DIR`` built, runs each query (default: the
benchmark's law queries and the worst cases of ``results_diff``) a few times
and prints its median time, then a cProfile of all of them sorted by own time,
so the next thing to make faster is the one at the top.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import LAWS
from results_diff import HARD_QUERIES
from search_bench import LAW_QUERIES, TARGET_RECORDS, replicate

from documents.corpus import load_corpus
from index.records import document_records
from index.service import SearchIndex, load_segmenter


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-bench"))
    ap.add_argument("--corpus", choices=["laws", "big"], default="big")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--laws", type=Path, default=LAWS, help="the laws folder")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    load_segmenter()
    corpus = load_corpus([args.laws])
    if args.corpus == "big":
        corpus = replicate(corpus, TARGET_RECORDS, sum(len(document_records(d)) for d in corpus.documents))
    queries = args.queries or LAW_QUERIES + HARD_QUERIES
    with SearchIndex.open(corpus, index_dir=args.work / args.corpus) as index:
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
        profile = cProfile.Profile()
        profile.enable()
        for query in queries:
            index.search(query, limit=20)
        profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
