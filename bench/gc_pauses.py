"""Garbage-collection pauses with a large corpus in memory, and how long loading it takes.

    uv run python bench/gc_pauses.py [--records 100000 300000] [--work DIR] [--before DIR] [--browser | --browser-only]

For each size, writes a varied corpus (:mod:`scale_corpus`) under ``--work``,
builds its index once in ``WORK/cache`` (not timed here) and then, in a fresh process per mode,
loads the corpus from the parse cache (warm), opens the search service and runs
a fixed query set several times, timing every collection with ``gc.callbacks``.
Modes, run interleaved:

- ``as shipped``: what ceyue does (the collector off while parses are unpickled,
  the loaded objects frozen once the corpus and index are loaded);
- ``no freeze``: the same with ``gc.freeze()`` made a no-op, so every full
  collection walks the corpus;
- ``collector on``: ``gc.disable()`` and ``gc.freeze()`` made no-ops: the
  collector as Python leaves it;
- ``young 10k``: as shipped, with a young collection every 10,000 allocations
  instead of Python's 700.

``--before DIR`` adds the same runs with another checkout of ceyue (e.g. ``git
archive main | tar -x -C DIR``), with its own parse cache and a copy of the
index, so a change is compared with what it replaces in the same run.

Prints per mode and phase (load, open, queries): collections per generation,
the longest and the 99th-percentile pause, total pause time, wall time, the
number of objects the collector tracks after loading and the peak RSS.
``--browser`` also runs the browser headless (Textual's test driver) on the
corpus: start-up until the index and the reference table are ready, each
query typed into the search screen, the hits of one scrolled (by line and by
document, down and back), and six of them opened in the reader, paged
through and left. ``--reading S`` pauses S seconds after each query's hits,
each scroll and each document opened or left, as a user reading them (the
browser collects in pauses: ``tui.pause_collection``); without it every action
follows the last at once. Target: no pause over 50 ms at 3×10^5 records.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = [
    "行政处罚",
    '"依法追究刑事责任"',
    "法律责任",
    "国务院",
    "环境保护",
    "罚款 OR 拘留",
    "发改委",
    "安全生产 监督管理",
    "知识产权",
    "个人信息 保护",
    "食品安全",
    "kind:heading 附则",
    "生态环境 -海洋",
    "区块链",
    "法",
]

# Both probes: every collection timed (wall and the collecting thread's CPU) under the current ``phase``.
_TIMER = r"""
_start = [0.0, 0.0]

def timer(event, info):
    if event == "start":
        _start[:] = time.perf_counter(), time.thread_time()
    else:
        pauses.append((phase, info["generation"], time.perf_counter() - _start[0], time.thread_time() - _start[1],
                       info["collected"]))

gc.callbacks.append(timer)
"""

# One measured process: load, open, query; every collection timed, by phase.
_PROBE = (
    r"""
import gc, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
folder, queries, rounds, mode = json.loads(sys.argv[2])
if mode in ("no freeze", "collector on"):
    gc.freeze = lambda: None
if mode == "collector on":
    gc.disable = lambda: None
if mode == "young 10k":
    gc.set_threshold(10_000, 10, 10)

pauses = []  # (phase, generation, seconds)
phase = "import"
"""
    + _TIMER
    + r"""from documents.corpus import load_corpus
from index.service import SearchIndex, load_query_segmenter

load_query_segmenter()
walls = {}
phase = "load"
started = time.perf_counter()
corpus = load_corpus([Path(folder)])
walls["load"] = time.perf_counter() - started
phase = "open"
started = time.perf_counter()
index = SearchIndex.open(corpus)
index.search(queries[0], limit=20)
walls["open"] = time.perf_counter() - started
tracked = len(gc.get_objects())
phase = "queries"
started = time.perf_counter()
for _ in range(rounds):
    for q in queries:
        index.search(q, limit=20)
walls["queries"] = time.perf_counter() - started
gc.collect()  # the full collection an idle browser eventually makes
index.close()
hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"pauses": pauses, "walls": walls, "tracked": tracked, "frozen": gc.get_freeze_count(),
                  "docs": len(corpus.documents), "rss_mb": hwm}))
"""
)

# The browser, headless: read the corpus, open the index, build the reference table, then search
# as typed (each query typed into the search screen, its results awaited); collections by phase.
_BROWSER = (
    r"""
import asyncio, gc, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
folder, queries, reading = json.loads(sys.argv[2])
pauses = []
phase = "start"
"""
    + _TIMER
    + r"""from documents.corpus import load_corpus
from tui.app import CeyueApp

async def until(pilot, condition, limit=1800.0):
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting")
        await pilot.pause(0.05)

async def main():
    global phase
    walls = {}
    app = CeyueApp(corpus_loader=lambda progress: load_corpus([Path(folder)], progress=progress), fresh=True)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.search_index is not None and app.references is not None)
        walls["start"] = time.perf_counter() - started
        phase = "typing"
        started = time.perf_counter()
        await pilot.press("slash")
        for q in queries:
            await pilot.press(*q)
            screen = app.search_screen
            await until(pilot, lambda: screen.results is not None and screen.results.query == q)
            if reading:
                await pilot.pause(reading)
            await pilot.press(*["backspace"] * len(q))
        walls["typing"] = time.perf_counter() - started
        phase = "scroll"  # down the hits of the last query and back, by line and by document
        await pilot.press(*queries[2])
        await until(pilot, lambda: screen.results is not None and screen.results.query == queries[2])
        if reading:
            await pilot.pause(reading)
        started = time.perf_counter()
        for _ in range(3):
            await pilot.press(*["down"] * 40, *["pagedown"] * 10, *["pageup"] * 10)
            if reading:
                await pilot.pause(reading)
        walls["scroll"] = time.perf_counter() - started
        phase = "open"  # a hit in the reader, paged through, and back to the hits
        started = time.perf_counter()
        for _ in range(6):
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "reader")
            if reading:
                await pilot.pause(reading)
            await pilot.press(*["pagedown"] * 10, "escape")
            await until(pilot, lambda: app.current_mode == "search")
            if reading:
                await pilot.pause(reading)
            await pilot.press(*["pagedown"] * 7)
        walls["open"] = time.perf_counter() - started
        phase = "end"
        tracked, frozen = len(gc.get_objects()), gc.get_freeze_count()
        # What was frozen and has died in a cycle since: never freed (a freeze's cost). Found by thawing all.
        gc.collect()
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        leaked = len(gc.garbage)
        gc.set_debug(0)
        gc.garbage.clear()
    hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    print(json.dumps({"pauses": pauses, "walls": walls, "rss_mb": hwm, "tracked": tracked, "frozen": frozen,
                      "leaked": leaked}))

asyncio.run(main())
"""
)

#: The browser's phases: start-up, queries typed, the hits scrolled, hits opened in the reader.
BROWSER_PHASES = ("start", "typing", "scroll", "open")

MODES = ("as shipped", "no freeze", "collector on", "young 10k")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def ensure_corpus(records: int, work: Path) -> Path:
    """The corpus folder, written on first use."""
    from scale_corpus import write_corpus

    folder = work / f"scale-{records}"
    if not folder.is_dir():
        write_corpus(records, folder, [p for p in (LAWS, LAWS.parent / "policies") if p.is_dir()])
    return folder


def warm(folder: Path, work: Path, code: Path) -> None:
    """Build the index and fill the parse cache in a first process, so the measured runs all start warm."""
    run_mode(MODES[0], folder, work, ["法"], 0, code)


def run_mode(mode: str, folder: Path, work: Path, queries: list[str], rounds: int, code: Path = ROOT) -> dict:
    """One fresh process running ``code``'s ceyue; the index and the parse cache live in ``work/cache``."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(code), json.dumps([str(folder), queries, rounds, mode])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CEYUE_CACHE_DIR": str(work / "cache")},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


HEADER = (
    f"{'gen0 n':>7} {'gen1 n':>7} {'gen2 n':>7} {'max ms':>8} {'p99 ms':>8} {'gen2 max':>9} {'cpu max':>8} "
    f"{'sum ms':>8} {'wall s':>7}"
)


def pause_row(pauses: list, runs: int, wall: float) -> str:
    """Collections per generation, longest / 99th percentile / longest full (wall), longest in CPU time, total.

    The CPU column is the collecting thread's own time: on a machine shared with other work the
    wall-clock pause also counts time the process waited for a core.
    """
    ms = [p[2] * 1000 for p in pauses]
    counts = [sum(1 for p in pauses if p[1] == g) / runs for g in range(3)]
    gen2 = [p[2] * 1000 for p in pauses if p[1] == 2]
    cpu = [p[3] * 1000 for p in pauses]
    return (
        f"{counts[0]:7.0f} {counts[1]:7.0f} {counts[2]:7.0f} {max(ms, default=0):8.1f} {percentile(ms, 0.99):8.1f} "
        f"{max(gen2, default=0):9.1f} {max(cpu, default=0):8.1f} {sum(ms) / runs:8.0f} {wall:7.2f}"
    )


def report(records: int, results: dict[str, list[dict]]) -> None:
    print(f"\n## search service, {records:,} records ({results[next(iter(results))][0]['docs']} documents)")
    print(f"{'mode':<22} {'phase':<8} {HEADER}")
    for mode, runs in results.items():
        for phase in ("load", "open", "queries"):
            pauses = [p for run in runs for p in run["pauses"] if p[0] == phase]
            wall = sum(run["walls"][phase] for run in runs) / len(runs)
            print(f"{mode:<22} {phase:<8} {pause_row(pauses, len(runs), wall)}")
        run = runs[-1]
        final = [p for p in run["pauses"] if p[0] == "queries"][-1:]
        print(
            f"{mode:<22} objects tracked after open {run['tracked']:,}, frozen {run['frozen']:,}; explicit full "
            f"collection {final[0][2] * 1000 if final else 0:.1f} ms; peak RSS {run['rss_mb']:.0f} MB"
        )


def run_browser(folder: Path, work: Path, code: Path, reading: float = 0.0) -> dict:
    """The headless browser in a fresh process running ``code``'s ceyue (cache in ``work/cache``);
    ``reading`` seconds of pause after each query's hits, each scroll and each document opened or left."""
    out = subprocess.run(
        [sys.executable, "-c", _BROWSER, str(code), json.dumps([str(folder), QUERIES, reading])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CEYUE_CACHE_DIR": str(work / "cache"), "CEYUE_DATA_DIR": str(work / "data")},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def report_browser(records: int, results: dict[str, dict]) -> None:
    print(f"\n## the browser, {records:,} records (headless; start = corpus, index and references ready)")
    print(f"{'code':<10} {'phase':<8} {HEADER}")
    for label, run in results.items():
        for phase in BROWSER_PHASES:
            pauses = [p for p in run["pauses"] if p[0] == phase]
            print(f"{label:<10} {phase:<8} {pause_row(pauses, 1, run['walls'].get(phase, 0.0))}")
        print(
            f"{label:<10} objects tracked at the end {run['tracked']:,}, frozen {run['frozen']:,} "
            f"(of which dead in a cycle, never freed: {run.get('leaked', 0):,}); peak RSS {run['rss_mb']:.0f} MB"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, nargs="+", default=[100_000, 300_000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-gc-bench"))
    ap.add_argument("--rounds", type=int, default=3, help="times the query set runs per process")
    ap.add_argument("--repeat", type=int, default=2, help="processes per mode (interleaved)")
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    ap.add_argument("--browser", action="store_true", help="also the headless browser: start-up and typed searches")
    ap.add_argument("--browser-only", action="store_true", help="only the browser (--repeat runs, interleaved)")
    ap.add_argument("--before", type=Path, help="another checkout of ceyue to run the same way, for comparison")
    ap.add_argument(
        "--reading",
        type=float,
        default=0.0,
        help="the browser pauses this many seconds after each query's hits, scroll and document, as a user reading",
    )
    args = ap.parse_args()
    if not LAWS.is_dir():
        print(f"{LAWS} absent: nothing to make the corpus from")
        return 0
    from index.paths import index_dir_for  # only the folder name is used: it depends on the corpus folder

    codes = {"": (ROOT, args.work)}
    if args.before:
        codes["before: "] = (args.before.resolve(), args.work / "before")
    for records in args.records:
        folder = ensure_corpus(records, args.work)
        warm(folder, args.work, ROOT)
        if args.before:  # the corpus's index folder (named by its folder), copied for the other checkout
            name = index_dir_for([folder]).name
            if not (args.work / "before" / "cache" / "index" / name).exists():
                shutil.copytree(args.work / "cache" / "index" / name, args.work / "before" / "cache" / "index" / name)
            warm(folder, args.work / "before", args.before.resolve())
        if not args.browser_only:
            results: dict[str, list[dict]] = {label + mode: [] for label in codes for mode in args.modes}
            for _ in range(args.repeat):
                for mode in args.modes:
                    for label, (code, work) in codes.items():
                        results[label + mode].append(run_mode(mode, folder, work, QUERIES, args.rounds, code))
            report(records, results)
        if args.browser or args.browser_only:
            shown = {
                f"{label.rstrip(': ') or 'now'} {run + 1}": run_browser(folder, work, code, args.reading)
                for run in range(args.repeat)
                for label, (code, work) in codes.items()
            }
            report_browser(records, shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
