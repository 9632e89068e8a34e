"""Query latency of two checkouts of ceyue, interleaved query by query in one run.

    uv run python bench/ab_latency.py BEFORE_ROOT AFTER_ROOT --work DIR [--work-before DIR] [--runs N] [--corpus laws|big ...]
    uv run python bench/ab_latency.py BEFORE_ROOT AFTER_ROOT --scale DIR [--runs N]

On a shared, loaded machine two benchmark runs minutes apart are not comparable.
Here one worker process per checkout opens the same index (built by
``bench/search_bench.py --work DIR``) and the driver sends them each query in
turn, alternating which goes first, so both see the same load. Prints p50 / p95 /
max per kind of query (the benchmark's kinds, plus one character and the
worst cases of ``results_diff``) for each checkout. Each worker runs in its
checkout's own interpreter environment (``uv run`` there). ``--scale DIR`` times the
corpus ``search_bench.py --scale`` wrote in DIR and its index ``DIR-index`` instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import LAWS
from results_diff import HARD_QUERIES
from search_bench import CHAR_QUERIES, LAW_QUERIES, percentile, query_kind

_WORKER = r"""
import json, sys, time
root, work, name, laws, clock = sys.argv[1:6]
clock = time.process_time if clock == "cpu" else time.perf_counter
sys.path.insert(0, root)
sys.path.insert(0, root + "/bench")
from documents.corpus import load_corpus
from index.records import document_records
from index.service import SearchIndex, load_segmenter
from search_bench import TARGET_RECORDS, replicate
from pathlib import Path
load_segmenter()
if name == "scale":  # a corpus search_bench.py --scale wrote, its index beside it
    corpus, index_dir = load_corpus([Path(work)]), Path(work + "-index")
else:
    corpus, index_dir = load_corpus([Path(laws)]), Path(work) / name
if name == "big":
    corpus = replicate(corpus, TARGET_RECORDS, sum(len(document_records(d)) for d in corpus.documents))
index = SearchIndex.open(corpus, index_dir=index_dir)
def never_rebuild(exc, progress=None):
    raise exc  # a read error is reported, never answered by rebuilding (an hour at 10^6)
index._recover = never_rebuild
print(json.dumps({"ready": index.store.size_bytes()}), flush=True)
for line in sys.stdin:
    query, runs = json.loads(line)
    started = clock()
    index.search(query, limit=20)
    times = [(clock() - started) * 1000]
    for _ in range(runs):
        started = clock()
        index.search(query, limit=20)
        times.append((clock() - started) * 1000)
    print(json.dumps(times), flush=True)
"""


def kind(query: str) -> str:
    if len(query) == 1:
        return "one char"
    return query_kind(query)


class Worker:
    def __init__(self, root: Path, work: Path, corpus: str, clock: str = "wall"):
        self.proc = subprocess.Popen(
            [
                "uv",
                "run",
                "--project",
                str(root),
                "python",
                "-c",
                _WORKER,
                str(root),
                str(work),
                corpus,
                str(LAWS),
                clock,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        assert self.proc.stdout is not None
        json.loads(self.proc.stdout.readline())

    def run(self, query: str, runs: int) -> list[float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([query, runs]) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def summary(times: dict[str, list[float]]) -> dict[str, tuple[float, float, float]]:
    by_kind: dict[str, list[float]] = {"all": []}
    for query, values in times.items():
        by_kind["all"] += values
        by_kind.setdefault(kind(query), []).extend(values)
    return {k: (statistics.median(v), percentile(v, 0.95), max(v)) for k, v in by_kind.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--work", type=Path)
    ap.add_argument(
        "--work-before",
        type=Path,
        help="the before checkout's indexes, when it reads another index format (default: --work)",
    )
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", action="append", choices=["laws", "big"])
    ap.add_argument("--scale", type=Path, help="a corpus folder search_bench --scale wrote (its index beside it)")
    ap.add_argument(
        "--each",
        action="store_true",
        help="print every query's first run, before -> after, and how many first runs took over 10 ms",
    )
    ap.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="cpu: the worker's own CPU time (steadier on a loaded machine; excludes waiting for the disk)",
    )
    args = ap.parse_args()
    queries = list(dict.fromkeys(LAW_QUERIES + HARD_QUERIES + CHAR_QUERIES))
    if args.scale is None and args.work is None:
        ap.error("--work or --scale is required")
    for corpus in ["scale"] if args.scale is not None else args.corpus or ["big", "laws"]:
        workers = {
            name: Worker(root, args.scale if args.scale is not None else work, corpus, args.clock)
            for name, root, work in (
                ("before", args.before, args.work_before or args.work),
                ("after", args.after, args.work),
            )
        }
        times: dict[str, dict[str, list[float]]] = {name: {} for name in workers}
        first: dict[str, dict[str, float]] = {name: {} for name in workers}
        for i, query in enumerate(queries):
            order = list(workers) if i % 2 == 0 else list(reversed(workers))
            for name in order:
                first[name][query], *times[name][query] = workers[name].run(query, args.runs)
        for worker in workers.values():
            worker.close()
        print(f"\n## {corpus}: {len(queries)} queries x {args.runs} runs, interleaved ({args.clock} time)")
        for label, table in (
            ("repeated runs", times),
            ("first run of each query", {n: {q: [ms] for q, ms in f.items()} for n, f in first.items()}),
        ):
            rows = {name: summary(t) for name, t in table.items()}
            print(f"{label}:\n{'kind':<10} {'before p50/p95/max ms':>24} {'after p50/p95/max ms':>24}")
            for k in rows["before"]:
                b, a = rows["before"][k], rows["after"][k]
                print(f"{k:<10} {b[0]:8.1f}{b[1]:8.1f}{b[2]:8.1f} {a[0]:8.1f}{a[1]:8.1f}{a[2]:8.1f}")
        if args.each:
            print("first run of each query, in the order run (ms, before -> after):")
            for query in queries:
                print(f"  {first['before'][query]:7.1f} -> {first['after'][query]:7.1f}  {query}")
            over = {name: sum(1 for ms in first[name].values() if ms > 10) for name in workers}
            print(f"first runs over 10 ms: {over['before']} -> {over['after']} of {len(queries)}")
            law = {name: sum(first[name][q] for q in LAW_QUERIES) for name in workers}
            print(f"first runs of the benchmark's law queries summed: {law['before']:.1f} -> {law['after']:.1f} ms")
        print("slowest queries (median ms, before -> after):")
        slow = sorted(queries, key=lambda q: -statistics.median(times["before"][q]))[:8]
        for query in slow:
            b, a = statistics.median(times["before"][query]), statistics.median(times["after"][query])
            print(
                f"  {b:7.1f} -> {a:7.1f}  (first run {first['before'][query]:.1f} -> {first['after'][query]:.1f})  {query}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
