"""Keystroke to hits: in the browser, how long from the last key of a query to its results on screen.

Runs the real app in-process (Textual's Pilot, a 200×50 screen) on a folder with its index
already built, types each query a key at a time into the search view as a user would, and
times from the last keystroke to the moment the results of the whole query are shown: the first
frame holding them handed to the terminal (as ``bench/startup.py`` times the first text); beside it,
until Pilot finds the process idle after that (what this bench reported before). That
includes the search view's debounce (a pause before searching, so a query is not run for
every key of a word), the search worker and drawing the list. Beside it, the same query run
directly on the index (no browser) tells what the browser adds.

    uv run python bench/keystroke.py [--docs DIR] [--work DIR] [--runs N] [--pace SECONDS]

``--pace`` types a key every that many seconds (a typist, or an input method committing a word
after the user picked it) instead of all the keys of a query at once.

Default: the 579 laws in ../shared/corpus/laws (skipped when absent); target ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.screen import Screen  # noqa: E402

from documents.corpus import load_corpus  # noqa: E402
from index.service import SearchIndex, load_query_segmenter  # noqa: E402
from tui.app import CeyueApp  # noqa: E402
from tui.screens.search import DEBOUNCE_SECONDS  # noqa: E402

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
TARGET_S = 0.3
#: A query whose hits never arrive stops the bench with its text instead of waiting forever.
GIVE_UP_S = 30.0


def queries() -> list[str]:
    """What people type: the law relevance queries (written by reading the laws), one or two words each."""
    data = json.loads((ROOT / "bench" / "expected" / "relevance_laws.json").read_text(encoding="utf-8"))
    return [q["query"] for q in data["queries"]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(app: CeyueApp, texts: list[str], runs: int, pace: float = 0.0) -> tuple[list[float], list[float]]:
    """Per query typed: until the first frame holding its hits is handed to the terminal, and until Pilot
    finds the process idle after it (``pilot.pause()``: 20 ms at least, and until 20 ms pass with under
    1 ms of CPU, so it also counts whatever runs after the frame)."""
    drawn: list[float] = []
    idle: list[float] = []
    #: query -> when the first frame showing its results was handed to the terminal
    framed: dict[str, float] = {}
    async with app.run_test(size=(200, 50)) as pilot:
        while app.search_index is None:
            await asyncio.sleep(0.05)
        await pilot.press("f3")
        screen = app.search_screen
        display = app._display

        def displayed(shown_screen: Screen[object], update: object) -> None:
            results = screen.results
            if update is not None and results is not None:
                framed.setdefault(results.query, time.perf_counter())
            display(shown_screen, update)  # type: ignore[arg-type]

        app._display = displayed  # type: ignore[method-assign]
        for _ in range(runs):
            for text in texts:
                screen.query_one("#query").value = ""  # type: ignore[attr-defined]
                await pilot.pause()
                framed.clear()
                for key in text:
                    if pace:
                        await asyncio.sleep(pace)
                    await pilot.press(key if key != " " else "space")
                began = time.perf_counter()
                # Pilot cannot type some punctuation (《》): wait for what the box holds, not for the text.
                typed = screen.query_one("#query").value  # type: ignore[attr-defined]
                while not (screen.results is not None and screen.results.query == typed):
                    if time.perf_counter() - began > GIVE_UP_S:
                        raise SystemExit(f"no hits on screen {GIVE_UP_S} s after typing {typed!r}")
                    await asyncio.sleep(0.002)
                await pilot.pause()  # the list drawn
                end = time.perf_counter()
                idle.append(end - began)
                # Hits drawn while Pilot still waited on the last key's press count as there at once.
                drawn.append(max(0.0, framed.get(typed, end) - began))
    return drawn, idle


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=LAWS)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-keystroke"), help="the index folder (reused)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--pace", type=float, default=0.0, help="seconds between keys (default: all at once)")
    args = ap.parse_args()
    if not args.docs.is_dir():
        print(f"skipped: no documents at {args.docs}")
        return 0
    corpus = load_corpus([args.docs])
    index = SearchIndex.open(corpus, index_dir=args.work)
    load_query_segmenter()
    texts = queries()
    direct: list[float] = []
    for _ in range(args.runs):
        for text in texts:
            began = time.perf_counter()
            index.search(text, limit=100)
            direct.append(time.perf_counter() - began)
    index.close()
    app = CeyueApp(corpus, index_dir=args.work, language="zh_CN")
    shown, idle = asyncio.run(measure(app, texts, args.runs, args.pace))
    print(
        f"{len(corpus.documents)} documents, {len(texts)} queries × {args.runs} runs; debounce {DEBOUNCE_SECONDS} s"
        + (f"; a key every {args.pace} s" if args.pace else "")
    )
    print(f"{'':36} {'p50 s':>8} {'p95 s':>8} {'max s':>8}")
    rows = (
        ("index.search (no browser)", direct),
        ("last key -> hits on screen", shown),
        ("last key -> idle after them (Pilot)", idle),
    )
    for label, values in rows:
        row = (statistics.median(values), percentile(values, 95), max(values))
        print(f"{label:36} " + " ".join(f"{v:8.3f}" for v in row))
    print(
        f"target: hits on screen ≤ {TARGET_S} s after the last key (p95 {'met' if percentile(shown, 95) <= TARGET_S else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
