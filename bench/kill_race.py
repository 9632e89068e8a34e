"""Kill and race: kill -9 during index builds and note imports, searches during rebuilds, imports side by side.

    uv run python bench/kill_race.py [--rounds 20] [--seed N] [--docs DIR]

Each round, in a private cache and data folder:

1. an index rebuild is started and killed with SIGKILL at a random moment;
   then a search (new process) must succeed, over whatever generation is live;
2. while a rebuild runs to the end, a second process searches over and over,
   with one long-lived index and a freshly opened one each time: every search
   must answer;
3. a note import (20,000 entries) is killed at a random moment: afterwards the
   database holds all of that import or none of it, and every note confirmed
   before it is still there, unchanged;
4. three imports (1,000 entries each) run at the same time: all 3,000 land.

Prints one line per round and a summary; exits 1 if anything failed.
Everything runs offline, on three bundled documents unless ``--docs`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from documents.corpus import load_corpus
from index.store import IndexStore
corpus = load_corpus([Path(sys.argv[2])])
print("start", flush=True)
IndexStore(Path(sys.argv[3])).update(corpus, rebuild=True)
print("done", flush=True)
"""

SEARCH = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from documents.corpus import load_corpus
from index.service import SearchIndex
corpus = load_corpus([Path(sys.argv[2])])
index_dir = Path(sys.argv[3])
until = Path(sys.argv[4])
words = ["开发区", "循环化改造", "亩均效益", '"产业园区"', "创新 OR 转型", "doc:001 发展"]
long_lived = SearchIndex.open(corpus, index_dir=index_dir)
print("ready", flush=True)
n = 0
while True:
    stop = until.exists()
    for opener in ("long", "fresh"):
        word = words[n % len(words)]
        n += 1
        try:
            if opener == "long":
                hits = long_lived.search(word).hits
            else:
                with SearchIndex.open(corpus, index_dir=index_dir) as ix:
                    hits = ix.search(word).hits
            print("ok" if hits else f"FAIL no hits for {word} ({opener})", flush=True)
        except Exception as exc:
            print(f"FAIL {opener} {word}: {type(exc).__name__}: {exc}"[:300].replace(chr(10), " "), flush=True)
    if stop:
        break
long_lived.close()
"""

IMPORT = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from documents.state.review import ReviewStore
from documents.state.review_export import import_json
store = ReviewStore(Path(sys.argv[2]))
print("start", flush=True)
print(import_json(store, Path(sys.argv[3]).read_text(encoding="utf-8")), flush=True)
"""


def python(script: str, *args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(ROOT), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def wait_for(proc: subprocess.Popen, word: str, timeout: float = 60) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            return False
        if line.strip() == word:
            return True
    return False


def notes(prefix: str, start: int, count: int) -> list[dict]:
    return [
        {
            "doc": "001_bench",
            "address": f"{prefix}/{i}",
            "mark": ("reviewed", "flagged", "question", None)[i % 4],
            "note": f" {prefix} note {i} ",
            "text": f"clause {i}",
            "noted_text": f"clause {i}",
            "updated": 1_700_000_000.0 + i,
        }
        for i in range(start, start + count)
    ]


def rows(db: Path, prefix: str) -> dict[str, str]:
    with sqlite3.connect(db, timeout=60) as conn:
        found = conn.execute("SELECT address, note FROM review WHERE address LIKE ?", (prefix + "/%",)).fetchall()
    return dict(found)


class Round:
    def __init__(self, number: int, base: Path, docs: Path, rng: random.Random):
        self.number, self.docs, self.rng = number, docs, rng
        self.index_dir = base / "index"
        self.db = base / "review.sqlite3"
        self.base = base
        self.failed_searches = 0
        self.searches = 0
        self.lost_notes = 0
        self.partial_imports = 0
        self.problems: list[str] = []
        self.build_killed = self.import_killed = False

    def search_once(self) -> None:
        until = self.base / "stop"
        until.touch()
        proc = python(SEARCH, self.docs, self.index_dir, until)
        out, err = proc.communicate(timeout=300)
        self.count_searches(out, err, proc.returncode)
        until.unlink()

    def count_searches(self, out: str, err: str, code: int) -> None:
        for line in out.splitlines():
            if line == "ok":
                self.searches += 1
            elif line.startswith("FAIL"):
                self.searches += 1
                self.failed_searches += 1
                self.problems.append(line)
        if code != 0:
            self.failed_searches += 1
            self.problems.append(f"search process exit {code}: {err.strip().splitlines()[-1:]}")

    def kill_build(self) -> float:
        proc = python(BUILD, self.docs, self.index_dir)
        wait_for(proc, "start")
        delay = self.rng.uniform(0.0, 2.5)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            self.build_killed = True
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        self.search_once()
        return delay

    def search_during_rebuild(self) -> None:
        until = self.base / "stop"
        searcher = python(SEARCH, self.docs, self.index_dir, until)
        if not wait_for(searcher, "ready", 120):
            self.failed_searches += 1
            self.problems.append("searcher did not start: " + searcher.stderr.read()[-300:])
            return
        builder = python(BUILD, self.docs, self.index_dir)
        _, err = builder.communicate(timeout=600)
        if builder.returncode != 0:
            self.problems.append(f"rebuild failed: {err.strip().splitlines()[-1:]}")
        until.touch()
        out, err = searcher.communicate(timeout=300)
        self.count_searches(out, err, searcher.returncode)
        until.unlink()

    def kill_import(self) -> float:
        confirmed = notes(f"r{self.number}c", 0, 200)
        report = self.base / "confirmed.json"
        report.write_text(json.dumps(confirmed), encoding="utf-8")
        proc = python(IMPORT, self.db, report)
        proc.communicate(timeout=120)
        before = rows(self.db, f"r{self.number}c")
        victim = notes(f"r{self.number}k", 0, 20_000)
        report = self.base / "victim.json"
        report.write_text(json.dumps(victim), encoding="utf-8")
        proc = python(IMPORT, self.db, report)
        wait_for(proc, "start")
        delay = self.rng.uniform(0.0, 0.4)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            self.import_killed = True
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        landed = rows(self.db, f"r{self.number}k")
        self.import_landed = len(landed)
        if len(landed) not in (0, len(victim)):
            self.partial_imports += 1
            self.problems.append(f"killed import left {len(landed)} of {len(victim)} entries")
        after = rows(self.db, f"r{self.number}c")
        lost = sum(1 for address, note in before.items() if after.get(address) != note)
        if lost or len(before) != len(confirmed):
            self.lost_notes += lost + (len(confirmed) - len(before))
            self.problems.append(f"{lost} confirmed notes lost or changed")
        return delay

    def concurrent_imports(self) -> None:
        procs = []
        for n in range(3):
            report = self.base / f"side{n}.json"
            report.write_text(json.dumps(notes(f"r{self.number}s", n * 1000, 1000)), encoding="utf-8")
            procs.append(python(IMPORT, self.db, report))
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            if proc.returncode != 0:
                self.problems.append(f"import failed: {err.strip().splitlines()[-1:]}")
        landed = rows(self.db, f"r{self.number}s")
        if len(landed) != 3000:
            self.lost_notes += 3000 - len(landed)
            self.partial_imports += 1
            self.problems.append(f"concurrent imports landed {len(landed)} of 3000")

    def integrity(self) -> None:
        with sqlite3.connect(self.db, timeout=60) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            self.problems.append(f"database integrity: {check}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--docs", help="documents folder (default: a copy of three bundled seeds)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="ceyue-kill-race-"))
    os.environ["CEYUE_CACHE_DIR"] = str(work / "cache")
    os.environ["CEYUE_DATA_DIR"] = str(work / "data")
    os.environ["CEYUE_CONFIG_DIR"] = str(work / "config")
    docs = Path(args.docs) if args.docs else work / "docs"
    if not args.docs:
        docs.mkdir()
        for source in sorted((ROOT / "documents" / "seeds").glob("00[012]_*.txt")):
            shutil.copy(source, docs / source.name)
    totals = {"searches": 0, "failed_searches": 0, "lost_notes": 0, "partial_imports": 0, "problems": 0}
    started = time.time()
    try:
        for number in range(1, args.rounds + 1):
            r = Round(number, work, docs, rng)
            build_kill = r.kill_build()
            r.search_during_rebuild()
            import_kill = r.kill_import()
            r.concurrent_imports()
            r.integrity()
            print(
                f"round {number:2d}: build {'killed' if r.build_killed else 'finished before kill'} at {build_kill:.2f}s, "
                f"import {'killed' if r.import_killed else 'finished before kill'} at {import_kill:.2f}s "
                f"({r.import_landed} of 20000 landed), "
                f"{r.searches} searches, {r.failed_searches} failed, {r.lost_notes} notes lost, "
                f"{r.partial_imports} partial imports" + (f"  PROBLEMS: {r.problems[:3]}" if r.problems else ""),
                flush=True,
            )
            totals["searches"] += r.searches
            totals["failed_searches"] += r.failed_searches
            totals["lost_notes"] += r.lost_notes
            totals["partial_imports"] += r.partial_imports
            totals["problems"] += len(r.problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{args.rounds} rounds in {time.time() - started:.0f} s: {totals['searches']} searches, "
        f"{totals['failed_searches']} failed searches, {totals['lost_notes']} lost notes, "
        f"{totals['partial_imports']} partial imports, {totals['problems']} other problems"
    )
    return 0 if not any(totals[k] for k in ("failed_searches", "lost_notes", "partial_imports", "problems")) else 1


if __name__ == "__main__":
    sys.exit(main())
