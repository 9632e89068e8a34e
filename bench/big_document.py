"""One very large text document: time and peak memory to parse and index it, next to FTS5 and rg.

    uv run python bench/big_document.py [--size-mb 100] [--work /tmp/ceyue-bigdoc] [--before CHECKOUT]
                                        [--repeat 1] [--only parse,index,warm,fts5,rg]

The document is a 法规汇编 of about ``--size-mb`` MB of UTF-8 text written into
``--work`` (never into the project): the laws of ``../shared/corpus/laws``
again and again, gathered into parts (第N编) and each law under a heading of a
rotating style (一、 / （一） / 第N节 / # title), later rounds with numbers and
place names varied, so that headings nest in many ways and the text is not one
law repeated. Targets (issue 18): indexed in ≤ 60 s and ≤ 500 MB RSS.

Each step runs in a fresh process (``python -c``, the checkout's code on its
path) and reports its wall and CPU time and peak RSS (``VmHWM``, also read by
``wait4`` for the whole child):

- ``parse``: ``load_corpus`` on the file with an empty parse cache (read,
  parse, write the cache entry), what any first open does;
- ``index``: the same, then ``SearchIndex.open(rebuild=True)``, what
  ``ceyue index`` does;
- ``warm``: ``load_corpus`` from the parse cache, what a restart does;
- baselines: SQLite FTS5 (trigram tokenizer, no word segmentation) inserting
  the same paragraphs into a file database, and ``rg -F`` counting a phrase
  over the file (``grep -F`` when rg is absent).

``--before`` runs the ceyue steps with another checkout too, interleaved, so
before and after share the machine's load (it is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from documents.numerals import chinese_number  # noqa: E402

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
if not LAWS.is_dir():
    LAWS = Path("/work/shared/corpus/laws")
#: A phrase of the laws for the scan baselines.
PHRASE = "行政许可"


def _law_texts() -> list[tuple[str, str]]:
    """(title, body) of every law, the body without its ``# title`` line."""
    laws = []
    for path in sorted(LAWS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first, _, body = text.partition("\n")
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        laws.append((title, body.strip()))
    return laws


_HEADINGS = (
    lambda i, title: f"{chinese_number(i)}、{title}",
    lambda i, title: f"（{chinese_number(i)}）{title}",
    lambda i, title: f"第{chinese_number(i)}节　{title}",
    lambda i, title: f"# {title}",
)
_NUMBER = re.compile(r"[0-9]+")
LAWS_PER_PART = 24


def write_document(path: Path, size_mb: float, seed: int = 7) -> int:
    """Write the compilation to ``path``; its size in bytes."""
    from scale_corpus import _PLACE, PLACES

    laws = _law_texts()
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    written = 0
    part = 0
    tmp = path.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8") as fh:

        def put(text: str) -> None:
            nonlocal written
            fh.write(text)
            written += len(text.encode("utf-8"))

        put(f"法律法规汇编（{size_mb:g} MB 本）\n\n全国人民代表大会常务委员会法制工作委员会　编\n\n2024年1月1日\n\n")
        round_ = 0
        while written < target:
            order = list(range(len(laws)))
            rng.shuffle(order)
            for n, law in enumerate(order):
                if written >= target:
                    break
                if n % LAWS_PER_PART == 0:
                    part += 1
                    put(f"第{chinese_number(part)}编　{rng.choice(laws)[0][:12]}\n\n")
                title, body = laws[law]
                if round_:
                    body = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()))), body)
                    body = _PLACE.sub(lambda _m: rng.choice(PLACES), body)
                style = _HEADINGS[(n // LAWS_PER_PART + n) % len(_HEADINGS)]
                put(f"{style(n % LAWS_PER_PART + 1, title)}\n\n{body}\n\n")
            round_ += 1
    tmp.replace(path)
    return written


# ------------------------------------------------------------ the probes (fresh processes)

_PROBE = r"""
import gc, json, os, sys, time
start, cpu0 = time.perf_counter(), time.process_time()
sys.path.insert(0, sys.argv[1])
args = json.loads(sys.argv[2])
from pathlib import Path

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

phases = {}
def mark(name, since, cpu):
    phases[name] = {"s": time.perf_counter() - since, "cpu": time.process_time() - cpu, "hwm": hwm(), "rss": rss()}

from documents.corpus import load_corpus
if args["mode"] == "index":
    from index.service import SearchIndex, load_segmenter
    t, c = time.perf_counter(), time.process_time()
    load_segmenter()
    mark("jieba", t, c)
t, c = time.perf_counter(), time.process_time()
corpus = load_corpus([Path(args["file"])])
mark("load", t, c)
if corpus.errors:
    print(json.dumps({"error": [e.message for e in corpus.errors]}))
    sys.exit(1)
doc = corpus.documents[0]
sections = sum(1 for _ in doc.root.walk())
blocks = sum(1 for _ in doc.blocks())
if args["mode"] == "index":
    t, c = time.perf_counter(), time.process_time()
    SearchIndex.open(corpus, index_dir=Path(args["index_dir"]), rebuild=True).close()
    mark("index", t, c)
phases["total"] = {"s": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "hwm": hwm(), "rss": rss()}
print(json.dumps({"phases": phases, "sections": sections, "blocks": blocks}))
"""

_FTS5 = r"""
import json, sqlite3, sys, time
start, cpu0 = time.perf_counter(), time.process_time()
path, db_path = sys.argv[1], sys.argv[2]
db = sqlite3.connect(db_path)
db.execute("pragma journal_mode=off")
db.execute("pragma synchronous=off")
db.execute("create virtual table t using fts5(body, tokenize='trigram')")

def paragraphs():
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                lines.append(line)
            elif lines:
                yield ("\n".join(lines),)
                lines = []
    if lines:
        yield ("\n".join(lines),)

db.executemany("insert into t values (?)", paragraphs())
db.commit()
rows = db.execute("select count(*) from t").fetchone()[0]
hits = db.execute("select count(*) from t where t match ?", ('"' + sys.argv[3] + '"',)).fetchone()[0]
db.close()
hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"s": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "hwm": hwm,
                  "rows": rows, "hits": hits}))
"""


def run_child(argv: list[str], env: dict[str, str] | None = None) -> tuple[str, dict]:
    """Run ``argv``; its stdout, and its wall time, CPU time and peak RSS (from ``wait4``)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return out.decode(), {"s": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss / 1024}


def ceyue_step(mode: str, code: Path, document: Path, work: Path) -> dict:
    """One ceyue probe in a fresh process; ``work/cache`` is the cache folder (emptied for cold steps)."""
    cache = work / "cache"
    if mode in ("parse", "index"):
        shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CEYUE_CACHE_DIR": str(cache),
        "CEYUE_DATA_DIR": str(work / "data"),
        "CEYUE_CONFIG_DIR": str(work / "config"),
    }
    args = {"mode": mode, "file": str(document), "index_dir": str(work / "index")}
    out, child = run_child([sys.executable, "-c", _PROBE, str(code), json.dumps(args)], env)
    result = json.loads(out.strip().splitlines()[-1])
    result["child"] = child
    result["cache_mb"] = sum(p.stat().st_size for p in (cache / "parsed").rglob("*") if p.is_file()) / 1e6
    return result


def fts5_step(document: Path, work: Path) -> dict:
    db = work / "fts5.sqlite"
    db.unlink(missing_ok=True)
    out, child = run_child([sys.executable, "-c", _FTS5, str(document), str(db), PHRASE])
    result = json.loads(out.strip().splitlines()[-1])
    result["child"] = child
    result["mb"] = db.stat().st_size / 1e6
    db.unlink()
    return result


def scan_step(document: Path) -> dict | None:
    tool = shutil.which("rg") or shutil.which("grep")
    if tool is None:
        return None
    out, child = run_child([tool, "-c", "-F", PHRASE, str(document)])
    return {"tool": Path(tool).name, "lines": int(out.strip() or 0), "child": child}


# ------------------------------------------------------------ report


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def ceyue_line(label: str, mode: str, result: dict) -> str:
    phases = result["phases"]
    parts = [f"{label}{mode:<6}"]
    for name in ("jieba", "load", "index"):
        if name in phases:
            p = phases[name]
            parts.append(f"{name} {p['s']:6.1f} s (cpu {p['cpu']:5.1f}) peak {p['hwm']:6.0f} MB")
    total = phases["total"]
    parts.append(
        f"| total {result['child']['s']:6.1f} s (cpu {result['child']['cpu']:5.1f} with workers),"
        f" peak {result['child']['maxrss']:6.0f} MB, after {total['rss']:5.0f}"
    )
    parts.append(f"| {result['sections']} sections, {result['blocks']} blocks, cache {result['cache_mb']:.0f} MB")
    return "  ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=100.0)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-bigdoc"))
    ap.add_argument("--before", type=Path, help="another checkout of ceyue to run the same steps with")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each step (interleaved with --before)")
    ap.add_argument("--only", default="parse,index,warm,fts5,rg", help="comma-separated steps")
    args = ap.parse_args()
    if not LAWS.is_dir():
        print(f"{LAWS} absent: nothing to make the document from")
        return 0
    steps = [s.strip() for s in args.only.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    document = args.work / f"compilation-{args.size_mb:g}mb.txt"
    if not document.exists():
        started = time.perf_counter()
        size = write_document(document, args.size_mb)
        print(f"wrote {document} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    print(f"document {document}: {document.stat().st_size / 1e6:.1f} MB; load average {load_average()}")
    codes = {"now: ": (ROOT, args.work / "now")}
    if args.before:
        codes["before: "] = (args.before.resolve(), args.work / "before")
    for _ in range(args.repeat):
        for mode in ("parse", "index", "warm"):
            if mode not in steps:
                continue
            for label, (code, work) in codes.items():
                print(ceyue_line(label, mode, ceyue_step(mode, code, document, work)), flush=True)
        if "fts5" in steps:
            fts = fts5_step(document, args.work)
            print(
                f"fts5 (trigram, file db): {fts['s']:.1f} s (cpu {fts['cpu']:.1f}), peak {fts['child']['maxrss']:.0f} MB,"
                f" {fts['rows']} paragraphs, {fts['mb']:.0f} MB, {fts['hits']} hit {PHRASE}",
                flush=True,
            )
        if "rg" in steps:
            scan = scan_step(document)
            if scan is not None:
                c = scan["child"]
                print(
                    f"{scan['tool']} -c -F {PHRASE}: {c['s']:.2f} s, peak {c['maxrss']:.0f} MB, {scan['lines']} lines"
                )
    print(f"load average at the end {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
