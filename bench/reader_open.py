"""The browser's reader on one very large document: open → first page, paging, jumps, outline, find.

    uv run python bench/reader_open.py [--sizes 1,10,100] [--work /tmp/ceyue-reader] [--before CHECKOUT]
                                       [--repeat 1] [--size 80x24] [--timeout 900]

Each size writes a 法规汇编 of that many MB (``bench/big_document.py``'s
generator, from ``../shared/corpus/laws``) into ``--work`` (never into the
project) and parses it once into a private parse cache. Then, in a fresh
process per run (the checkout's code on its path), the browser runs headless
(Textual's ``run_test`` at ``--size``) and the timings are of what the user
waits for, from the key press until the app is idle again:

- ``load``: the parsed document read back from the parse cache (not the reader's work; for scale);
- ``open``: ``open_location`` of the document → its first page drawn (wall, and the process's CPU
  time, steadier on a loaded machine);
- ``page``: page down, the median of 20 presses (and the slowest);
- ``end``: ``G``, the last item drawn;
- ``jump``: opening the document's last section by address (what go-to, a search hit, a bookmark do);
- ``outline``: ``o``, the outline focused, then ``G`` in it (its last line);
- ``find``: ``/`` and a word of the last law typed, the match far down shown;
- ``rss``: the process's peak RSS (``VmHWM``) and the RSS once the reader is open.

``--before`` runs the same steps with another checkout, interleaved run by run, so both see the
machine's load; a run over ``--timeout`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

_PROBE = r"""
import asyncio, json, os, statistics, sys, time
sys.path.insert(0, sys.argv[1])
args = json.loads(sys.argv[2])
from pathlib import Path

def kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) // 1024
    return 0

from documents.corpus import load_corpus
from textual.pilot import WaitForScreenTimeout
from tui.app import CeyueApp

t = time.perf_counter()
corpus = load_corpus([Path(args["docs"])])
out = {"load": time.perf_counter() - t}
doc = corpus.documents[0]
width, height = args["size"]

async def main():
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()

        def shown():
            view = app.reader.view
            return "".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))

        async def pause():
            # On a loaded machine a huge document's open can outlast Pilot's own wait: wait again.
            while True:
                try:
                    return await pilot.pause()
                except WaitForScreenTimeout:
                    continue

        async def press(*keys):
            for key in keys:
                try:
                    await pilot.press(key)
                except WaitForScreenTimeout:
                    await pause()

        async def settle():
            await pause()
            await pause()
            return shown()

        t, cpu = time.perf_counter(), time.process_time()
        app.open_location(doc.key, "")
        while app.reader.document is None:
            await pause()
        first = await settle()
        out["open"] = time.perf_counter() - t
        out["open_cpu"] = time.process_time() - cpu
        out["first_page_has_title"] = doc.title[:6] in first
        out["rss_open"] = kb("VmRSS")
        times = []
        for _ in range(20):
            t = time.perf_counter()
            await press("pagedown")
            await settle()
            times.append(time.perf_counter() - t)
        out["page"] = statistics.median(times)
        out["page_max"] = max(times)
        t = time.perf_counter()
        await press("G")
        last = await settle()
        out["end"] = time.perf_counter() - t
        items = app.reader.items
        out["end_shows_last"] = items[-1].text.strip()[-6:] in last.replace(" ", "").replace("▌", "")
        sections = list(doc.sections())
        target = sections[-1]
        await press("g")
        await settle()
        t = time.perf_counter()
        app.open_location(doc.key, target.address)
        here = await settle()
        out["jump"] = time.perf_counter() - t
        out["jump_on_section"] = app.reader.current_item.section is target or app.reader.current_item.address.startswith(target.address)
        t = time.perf_counter()
        await press("o")
        await settle()
        await press("G")
        await settle()
        out["outline"] = time.perf_counter() - t
        await press("o")
        await press("g")
        await settle()
        word = args["word"]
        t = time.perf_counter()
        await press("slash", *word)
        found = await settle()
        out["find"] = time.perf_counter() - t
        out["find_shows_word"] = word in found.replace(" ", "").replace("▌", "")
        out["rss_peak"] = kb("VmHWM")

asyncio.run(main())
print(json.dumps(out))
"""


def last_word(document: Path) -> str:
    """A 4-character run of the document's last lines: find must go far down to show it."""
    with document.open("rb") as fh:
        fh.seek(max(0, document.stat().st_size - 4000))
        tail = fh.read().decode("utf-8", errors="ignore")
    lines = [line.strip() for line in tail.splitlines() if len(line.strip()) > 20]
    line = lines[-2]
    return line[8:12]


def run(code: Path, docs: Path, size: tuple[int, int], word: str, env: dict[str, str], timeout: float) -> dict:
    argv = [sys.executable, "-c", _PROBE, str(code), json.dumps({"docs": str(docs), "size": size, "word": word})]
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, cwd=code)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["?"]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def line(label: str, size_mb: float, r: dict) -> str:
    if "timeout" in r:
        return f"{label:7} {size_mb:6g} MB  stopped after {r['timeout']:.0f} s"
    if "error" in r:
        return f"{label:7} {size_mb:6g} MB  error: {r['error']}"
    checks = ",".join(k for k in r if isinstance(r[k], bool) and not r[k])
    return (
        f"{label:7} {size_mb:6g} MB  load {r['load']:6.2f} s  open {r['open']:6.2f} s (CPU {r['open_cpu']:5.2f})  "
        f"page {r['page'] * 1000:6.0f} ms (max {r['page_max'] * 1000:5.0f})  end {r['end'] * 1000:6.0f} ms  "
        f"jump {r['jump'] * 1000:6.0f} ms  outline {r['outline'] * 1000:6.0f} ms  find {r['find'] * 1000:6.0f} ms  "
        f"RSS {r['rss_open']} MB open / {r['rss_peak']} MB peak" + (f"  FAILED: {checks}" if checks else "")
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,100", help="comma-separated sizes in MB")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-reader"))
    ap.add_argument("--before", type=Path, help="another checkout of ceyue to run the same steps with")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--size", default="80x24", help="terminal size, COLUMNSxLINES")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is stopped")
    args = ap.parse_args()
    from big_document import write_document

    columns, lines = (int(x) for x in args.size.split("x"))
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; terminal {columns}x{lines}")
    for size_mb in (float(s) for s in args.sizes.split(",")):
        docs = args.work / f"docs-{size_mb:g}"
        document = docs / "900_法律法规汇编.txt"
        if not document.exists():
            docs.mkdir(parents=True, exist_ok=True)
            write_document(document, size_mb)
        env = dict(os.environ)
        for name, var in (("cache", "CEYUE_CACHE_DIR"), ("config", "CEYUE_CONFIG_DIR"), ("data", "CEYUE_DATA_DIR")):
            env[var] = str(args.work / f"{name}-{size_mb:g}")
        subprocess.run(
            [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
             "from documents.corpus import load_corpus; load_corpus([Path(sys.argv[2])])", str(ROOT), str(docs)],
            env=env, check=True,
        )  # fmt: skip
        word = last_word(document)
        for _ in range(args.repeat):
            checkouts = [("before", args.before)] if args.before else []
            for label, code in [*checkouts, ("after", ROOT)]:
                print(line(label, size_mb, run(code, docs, (columns, lines), word, env, args.timeout)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
