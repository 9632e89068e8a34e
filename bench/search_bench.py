"""Search benchmark: build time, index size and query latency, next to simpler baselines.

    uv run python bench/search_bench.py [--runs N] [--no-laws] [--no-100k] [--work DIR]
    uv run python bench/search_bench.py --scale 1e6 [--work DIR] [--keep-index] [--ceyue-only]

Corpora: the bundled seeds; ../shared/corpus/laws (skipped when absent); and
10^5 records made by adding copies of laws documents to the laws index (an
incremental update, which is also measured). For each, the same fixed queries
run through ceyue's SearchIndex, ``rg -F`` over the files (column skipped when
rg is missing), a plain Python substring scan over the record texts, and
SQLite FTS5 over jieba-segmented text (same segmenter as ceyue).
One common character (``CHAR_QUERIES``) is timed on ceyue alone as its own kind.
Every run of a query is timed, its first included, on an index opened just before
(nothing is warmed for the bench: a query typed for the first time counts).
Targets: p95 < 30 ms on the seeds; at 10^5 records p95 ≤ 10 ms, max ≤ 50 ms,
one character ≤ 30 ms (issue 18); opening an existing index plus the first
query < 300 ms (jieba's dictionary load excluded).
Memory: the peak resident size of a fresh process after loading jieba, then the
corpus, then opening the index and running the queries (seeds and laws).

``--scale N`` writes a corpus of about N records made from the laws and policies
(:mod:`scale_corpus`: recombined paragraphs, substituted names and numbers),
builds its index in a fresh process (time, final size, the index folder's peak
size while building, the build's peak RSS) and reports p50/p95/max per kind of
query next to FTS5 and rg, and the memory of a process holding the corpus and
the open index, as the browser does. Targets at 10^6 records: build ≤ 10 min,
temporary disk ≤ 2× the final index, peak RSS ≤ 1.5 GB, p95 ≤ 50 ms. The build is
reported per phase (wall and CPU seconds, the writer's RSS, the folder's peak), so
a run on a loaded machine can be read as CPU. ``--keep-index`` searches the index
an earlier run left in ``--work`` without building; ``--ceyue-only`` leaves out the
Python scan, rg and FTS5 (at 10^6 records FTS5 cuts every record in this process).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import itertools
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root, for the imports below

from documents.corpus import Corpus, bundled_dir, load_corpus
from index.query import parse
from index.records import document_records
from index.segmenter import clear_caches, segment, terms
from index.service import SearchIndex, load_segmenter

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
TARGET_RECORDS = 100_000

SEED_QUERIES = [
    "亩均效益",
    '"亩均效益"',
    "循环化改造",
    "发改委",
    "环评",
    "135工程",
    "三线一单",
    "标准厂房",
    "园区 高质量发展",
    "开发区 kind:table",
    "营商环境 doc:001",
    "agency:省科技厅",
    "zone:长兴开发区",
    "承接产业转移",
    "产业园区 OR 开发区",
    "招商引资 -长沙",
    '"展改革"',
    "湘南",
    "专项债券",
    "year:2020 园区",
]
LAW_QUERIES = [
    "行政处罚",
    '"依法追究刑事责任"',
    "法律责任",
    "国务院",
    "环境保护",
    "罚款 OR 拘留",
    "发改委",
    "环评",
    "安全生产 监督管理",
    "知识产权",
    "个人信息 保护",
    "未成年人",
    "土地管理",
    "税收征收管理",
    "食品安全",
    "kind:heading 附则",
    "劳动合同",
    "生态环境 -海洋",
    '"县级以上地方人民政府"',
    "行政复议",
]

#: The worst case of a growing library: one common character (ceyue only, reported as its own kind).
CHAR_QUERIES = ["法", "国", "的"]

QUERY_KINDS = ("word", "phrase", "filter", "boolean")


def query_kind(query: str) -> str:
    if '"' in query:
        return "phrase"
    if ":" in query:
        return "filter"
    if " OR " in query or " -" in query:
        return "boolean"
    return "word"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def plain_words(query: str) -> list[str]:
    """The literal words of a query, syntax and filters removed (for the baselines)."""
    parsed = parse(query)
    return [u.text.strip('“”"') for u in parsed.units() if u.text.strip('“”"')]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------ baselines


def time_queries(run, queries: list[str], runs: int) -> list[float]:
    """``runs`` timings per query, the first run of each among them: nothing is warmed for the bench
    (a query typed for the first time costs what it costs)."""
    out = []
    for query in queries:
        for _ in range(runs):
            started = time.perf_counter()
            run(query)
            out.append((time.perf_counter() - started) * 1000)
    return out


def python_scan(texts: list[str]):
    def run(query: str) -> int:
        words = plain_words(query)
        return sum(1 for t in texts if words and all(w in t for w in words))

    return run


def rg_scan(folders: list[Path]):
    exe = shutil.which("rg")
    if exe is None:
        return None

    def run(query: str) -> int:
        words = plain_words(query)
        if not words:
            return 0
        out = subprocess.run([exe, "-F", "-c", words[0], *map(str, folders)], capture_output=True, text=True)
        return len(out.stdout.splitlines())

    return run


class Fts5:
    """SQLite FTS5 over space-joined jieba tokens (the same segmenter as ceyue)."""

    def __init__(self, rows: list[tuple[str, str]]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("create virtual table t using fts5(rid unindexed, body)")
        self.db.executemany("insert into t values (?, ?)", rows)
        self.db.commit()

    @staticmethod
    def segmented(text: str) -> str:
        return " ".join(s.text for s in segment(text))

    def run(self, query: str) -> int:
        parts = []
        for word in plain_words(query):
            toks = [t.replace('"', "") for t in terms(word)]
            if toks:
                parts.append('"' + " ".join(toks) + '"')
        if not parts:
            return 0
        sql = "select rid from t where t match ? order by rank limit 20"
        return len(self.db.execute(sql, (" AND ".join(parts),)).fetchall())

    def size(self) -> int:
        return self.db.execute("select page_count * page_size from pragma_page_count(), pragma_page_size()").fetchone()[
            0
        ]


# ------------------------------------------------------------ memory

_MEMORY_PROBE = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from documents.corpus import load_corpus
from index.service import SearchIndex, load_segmenter

def peak_mb():
    # VmHWM belongs to this address space; ru_maxrss would keep the forking parent's peak
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

folders, index_dir, queries = json.loads(sys.argv[2])
load_segmenter()
jieba = peak_mb()
corpus = load_corpus([Path(f) for f in folders])
loaded = peak_mb()
with SearchIndex.open(corpus, index_dir=Path(index_dir)) as index:
    for query in queries:
        index.search(query, limit=20)
print(json.dumps([jieba, loaded, peak_mb()]))
"""


def memory_peaks(folders: list[Path], index_dir: Path, queries: list[str]) -> list[float] | None:
    """Peak RSS (MB) of a fresh process: jieba loaded, corpus loaded, index opened and queried."""
    import json

    try:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                _MEMORY_PROBE,
                str(ROOT),
                json.dumps([[str(f) for f in folders], str(index_dir), queries]),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


# ------------------------------------------------------------ one corpus


def replicate(corpus: Corpus, target: int, current: int) -> Corpus:
    """Add renamed copies of ``corpus``'s documents until about ``target`` records."""
    extra: list = []
    i = 0
    docs = corpus.documents
    while current < target and docs:
        doc = docs[i % len(docs)]
        clone = copy.copy(doc)
        clone.key = f"{doc.key}~copy{i // len(docs) + 1}"
        extra.append(clone)
        current += len(document_records(doc))
        i += 1
    return Corpus(documents=list(corpus.documents) + extra)


def bench_corpus(
    name: str,
    corpus: Corpus,
    folders: list[Path],
    queries: list[str],
    runs: int,
    index_dir: Path,
    *,
    fts_rows: list[tuple[str, str]] | None = None,
    seed_index: Path | None = None,
    baselines: bool = True,
) -> tuple[dict, list[tuple[str, str]]]:
    records = [r for d in corpus.documents for r in document_records(d)]
    texts = [r.text for r in records]
    row: dict = {"corpus": name, "docs": len(corpus.documents), "records": len(records)}
    if seed_index is not None and not index_dir.exists():
        shutil.copytree(seed_index, index_dir)
    started = time.perf_counter()
    index = SearchIndex.open(corpus, index_dir=index_dir)
    row["build_s"] = time.perf_counter() - started
    row["build_kind"] = "rebuild" if index.last_update.rebuild else f"+{len(index.last_update.changed)} docs"
    row["index_mb"] = index.store.size_bytes() / 1e6
    index.close()

    started = time.perf_counter()
    index = SearchIndex.open(corpus, index_dir=index_dir)
    index.search(queries[0], limit=20)
    row["open_first_ms"] = (time.perf_counter() - started) * 1000
    index.close()
    index = SearchIndex.open(corpus, index_dir=index_dir)  # opened again: the timed queries start cold
    hit_counts: dict[str, int] = {}

    def run_ceyue(query: str) -> None:
        hit_counts[query] = len(index.search(query, limit=20).hits)

    lat = {"ceyue": time_queries(run_ceyue, queries, runs)}
    one_char = time_queries(lambda q: index.search(q, limit=20), CHAR_QUERIES, runs)
    index.close()
    row["memory"] = memory_peaks(folders, index_dir, queries) if folders else None
    if not baselines:
        return _latencies(row, queries, runs, lat, one_char, hit_counts), fts_rows or []

    lat["python"] = time_queries(python_scan(texts), queries, runs)
    rg = rg_scan(folders) if folders else None
    if rg is not None:
        lat["rg -F"] = time_queries(rg, queries, runs)
    started = time.perf_counter()
    if fts_rows is None:
        clear_caches()  # FTS5's rows are cut cold, as ceyue's build cut them
        fts_rows = [(r.rid, Fts5.segmented(r.text)) for r in records]
    fts = Fts5(fts_rows)
    row["fts_build_s"] = time.perf_counter() - started
    row["fts_mb"] = fts.size() / 1e6
    lat["fts5"] = time_queries(fts.run, queries, runs)
    return _latencies(row, queries, runs, lat, one_char, hit_counts), fts_rows


def _latencies(
    row: dict, queries: list[str], runs: int, lat: dict[str, list[float]], one_char: list[float], hits: dict
) -> dict:
    """``row`` with the timings summed up: p50 / p95 / max per engine and per kind of query."""
    row["latency"] = {k: (statistics.median(v), percentile(v, 0.95), max(v)) for k, v in lat.items()}
    row["by_kind"] = {engine: by_kind(queries, runs, values) for engine, values in lat.items()}
    row["by_kind"]["ceyue"]["one char"] = (statistics.median(one_char), percentile(one_char, 0.95), max(one_char))
    row["hits"] = hits
    return row


def by_kind(queries: list[str], runs: int, values: list[float]) -> dict[str, tuple[float, float, float]]:
    """p50 / p95 / max of ``values`` (``time_queries``'s, ``runs`` per query) per kind of query."""
    kinds = [query_kind(q) for q in queries for _ in range(runs)]
    out = {}
    for kind in QUERY_KINDS:
        if picked := [ms for k, ms in zip(kinds, values, strict=True) if k == kind]:
            out[kind] = (statistics.median(picked), percentile(picked, 0.95), max(picked))
    return out


def print_row(row: dict) -> None:
    print(f"\n## {row['corpus']}: {row['docs']} documents, {row['records']} records")
    print(
        f"ceyue index: {row['build_kind']} in {row['build_s']:.1f} s, {row['index_mb']:.1f} MB; "
        f"open + first query {row['open_first_ms']:.0f} ms"
    )
    if "fts_mb" in row:
        print(f"fts5 (in memory, jieba-segmented): built in {row['fts_build_s']:.1f} s, {row['fts_mb']:.1f} MB")
    print(f"{'engine':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for engine, (p50, p95, most) in row["latency"].items():
        print(f"{engine:<14} {p50:8.2f} {p95:8.2f} {most:8.2f}")
    kinds = row.get("by_kind", {})
    if kinds:
        engines = list(kinds)
        print("p50 / p95 / max ms per kind of query: " + " | ".join(engines))
        for kind in [*QUERY_KINDS, "one char"]:
            cells = ["{:.2f} / {:.2f} / {:.2f}".format(*kinds[e][kind]) if kind in kinds[e] else "-" for e in engines]
            print(f"  {kind:<9} " + " | ".join(cells))
    if row.get("memory"):
        jieba, loaded, searching = row["memory"]
        print(
            f"memory, peak RSS of a fresh process: {jieba:.0f} MB with jieba loaded, {loaded:.0f} MB with the "
            f"corpus, {searching:.0f} MB after opening the index and running the queries"
        )
    zero = [q for q, n in row["hits"].items() if n == 0]
    if zero:
        print(f"queries without hits: {zero}")


# ------------------------------------------------------------ scale

_BUILD_PROBE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from documents.corpus import load_corpus
from index.service import SearchIndex, load_segmenter

def status(key):
    return next(int(line.split()[1]) / 1024 for line in open("/proc/self/status") if line.startswith(key))

def mark(phase):
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("PHASE", json.dumps([phase, time.perf_counter(), time.process_time(),
                               children.ru_utime + children.ru_stime, status("VmRSS:"), status("VmHWM:")]), flush=True)

folder, index_dir = json.loads(sys.argv[2])
started = time.perf_counter()
corpus = load_corpus([Path(folder)])
parsed = time.perf_counter() - started
load_segmenter()
seen = set()

def progress(done, total, title):
    if done == total and title not in seen:  # "writing the index…" once added, "" once committed
        seen.add(title)
        mark("add" if title else "commit")

mark("start")
started = time.perf_counter()
SearchIndex.open(corpus, index_dir=Path(index_dir), progress=progress).close()
built = time.perf_counter() - started
mark("tables")
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child
print(json.dumps([parsed, built, status("VmHWM:"), worker]))
"""

#: A build's phases as the probe marks them: what ends at each mark.
BUILD_PHASES = {
    "add": "workers prepare, writer adds",
    "commit": "commit and flat file",
    "tables": "tables child, manifest",
}


def build_watched(folder: Path, index_dir: Path) -> dict:
    """Build in a fresh process; its times and peak RSS, and the index folder's peak size meanwhile,
    in all and per phase (``BUILD_PHASES``: wall and CPU seconds, the writer's RSS, the folder's peak)."""
    import json
    import threading

    peak = phase_peak = 0
    lock = threading.Lock()
    done = threading.Event()

    def watch() -> None:
        nonlocal peak, phase_peak
        while not done.wait(0.5):
            with contextlib.suppress(OSError):  # a file vanished between listing and stat
                size = dir_size(index_dir)
                with lock:
                    peak, phase_peak = max(peak, size), max(phase_peak, size)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    marks: list[tuple[str, list[float], int]] = []
    last = ""
    try:
        with subprocess.Popen(
            [sys.executable, "-c", _BUILD_PROBE, str(ROOT), json.dumps([str(folder), str(index_dir)])],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith("PHASE "):
                    name, *values = json.loads(line[6:])
                    with lock:
                        marks.append((name, values, phase_peak))
                        phase_peak = 0
                elif line.strip():
                    last = line
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, "build probe")
    finally:
        done.set()
        watcher.join()
    parsed, built, hwm, worker = json.loads(last)
    phases = []
    for (_, before, _), (name, after, disk) in itertools.pairwise(marks):
        wall, cpu, children = (after[i] - before[i] for i in range(3))
        phases.append((name, wall, cpu, children, after[3], after[4], disk / 1e6))
    return {
        "parse_s": parsed,
        "build_s": built,
        "build_rss_mb": hwm,
        "worker_rss_mb": worker,
        "disk_peak_mb": peak / 1e6,
        "phases": phases,
    }


def scale_bench(target: int, work: Path, runs: int, *, keep_index: bool = False, baselines: bool = True) -> None:
    """``--scale``: write the corpus (unless in ``work`` already), build its index and time the queries.

    ``keep_index``: an index ``work`` holds from an earlier run is searched, not rebuilt (no build
    numbers); ``baselines`` False leaves out the Python scan, rg and FTS5 (at 10^6 records FTS5
    cuts every record in this process first).
    """
    from scale_corpus import write_corpus

    folder = work / f"scale-{target}"
    sources = [p for p in (LAWS, LAWS.parent / "policies") if p.is_dir()]
    if not sources:
        print(f"{LAWS} absent: nothing to make the corpus from")
        return
    started = time.perf_counter()
    if not folder.is_dir():
        docs, records = write_corpus(target, folder, sources)
        print(f"wrote {docs} documents (~{records} records) in {time.perf_counter() - started:.0f} s")
    index_dir = work / f"scale-{target}-index"
    if keep_index and index_dir.is_dir():
        corpus = load_corpus([folder])
        row, _ = bench_corpus(
            f"scale {target:.0e}", corpus, [folder], LAW_QUERIES, runs, index_dir, baselines=baselines
        )
        print_row(row)
        return
    shutil.rmtree(index_dir, ignore_errors=True)
    built = build_watched(folder, index_dir)
    final = dir_size(index_dir) / 1e6
    print(
        f"\n## scale {target:.0e}: parsed in {built['parse_s']:.0f} s; index built in {built['build_s']:.0f} s, "
        f"{final:.0f} MB; index folder peak while building {built['disk_peak_mb']:.0f} MB "
        f"({built['disk_peak_mb'] / max(final, 1e-9):.2f}x the final index); build peak RSS "
        f"{built['build_rss_mb']:.0f} MB (each child process at most {built['worker_rss_mb']:.0f} MB)"
    )
    print(
        f"{'phase, up to its end':<32} {'wall s':>7} {'CPU s':>7} {'children':>8} {'RSS MB':>7} {'peak':>6} {'disk MB':>8}"
    )
    for name, wall, cpu, children, rss, hwm, disk in built["phases"]:
        print(f"{BUILD_PHASES[name]:<32} {wall:7.1f} {cpu:7.1f} {children:8.1f} {rss:7.0f} {hwm:6.0f} {disk:8.0f}")
    corpus = load_corpus([folder])
    row, _ = bench_corpus(f"scale {target:.0e}", corpus, [folder], LAW_QUERIES, runs, index_dir, baselines=baselines)
    print_row(row)
    p95 = row["latency"]["ceyue"][1]
    checks = [
        ("build ≤ 600 s", built["build_s"] <= 600),
        ("temporary disk ≤ 2x the index", built["disk_peak_mb"] <= 2 * final),
        ("build peak RSS ≤ 1500 MB", built["build_rss_mb"] <= 1500),
        ("query p95 ≤ 50 ms", p95 <= 50),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"targets (10^6 records; load average now {load:.1f}): "
        + "; ".join(f"{n} {'met' if ok else 'NOT met'}" for n, ok in checks)
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-laws", action="store_true")
    ap.add_argument("--no-100k", action="store_true")
    ap.add_argument("--work", type=Path, help="keep indexes here and reuse them on the next run")
    ap.add_argument("--scale", type=float, help="measure a corpus of about this many records (e.g. 1e6)")
    ap.add_argument("--keep-index", action="store_true", help="--scale: search the index --work holds, no build")
    ap.add_argument("--ceyue-only", action="store_true", help="no Python scan, rg or FTS5 to compare with")
    args = ap.parse_args()

    started = time.perf_counter()
    load_segmenter()
    print(f"jieba dictionary load: {time.perf_counter() - started:.2f} s (not counted below)")
    with tempfile.TemporaryDirectory(prefix="ceyue-bench-") as tmp:
        work = args.work or Path(tmp)
        if args.scale:
            scale_bench(int(args.scale), work, args.runs, keep_index=args.keep_index, baselines=not args.ceyue_only)
            return 0
        seeds = load_corpus([bundled_dir()])
        row, _ = bench_corpus("seeds", seeds, [bundled_dir()], SEED_QUERIES, args.runs, work / "seeds")
        print_row(row)
        if args.no_laws:
            return 0
        if not LAWS.is_dir():
            print(f"\n{LAWS} absent: laws and 10^5 benchmarks skipped")
            return 0
        laws = load_corpus([LAWS])
        row, fts_rows = bench_corpus("laws", laws, [LAWS], LAW_QUERIES, args.runs, work / "laws")
        print_row(row)
        if args.no_100k or row["records"] >= TARGET_RECORDS:
            return 0
        big = replicate(laws, TARGET_RECORDS, row["records"])
        originals = {d.key: d for d in laws.documents}
        copy_rows = list(fts_rows)
        for doc in big.documents[len(laws.documents) :]:
            source = originals[re.sub(r"~copy\d+$", "", doc.key)]
            prefix = source.key + ":"
            copy_rows += [
                (doc.key + ":" + rid[len(prefix) :], body) for rid, body in fts_rows if rid.startswith(prefix)
            ]
        row, _ = bench_corpus(
            "laws + copies (10^5 records)",
            big,
            [],
            LAW_QUERIES,
            args.runs,
            work / "big",
            fts_rows=copy_rows,
            seed_index=work / "laws",
        )
        print_row(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
