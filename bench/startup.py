"""How long ceyue takes to start, measured as whole processes (warm, with bytecode).

    uv run python bench/startup.py [--runs 5] [--laws /work/shared/corpus/laws] [--only cli|app|tmux]

Three measurements, each in fresh Python processes:

- ``cli``: ``ceyue search 循环化改造 --limit 3`` on the bundled documents, wall time and CPU
  time (user + system) of the whole process, median and best of ``--runs``.
- ``app``: the browser in a child process that times itself from its first line
  (``python -c``, before any import) with a Textual Pilot at 80×24: ``first text`` (the
  app's first screen mounted), ``list shown`` (the document list holds every document),
  ``search ready`` (the index is open). For the seeds, and for the laws after a restart:
  the index is built first and one browser run warms the parse cache, the runs measured
  after it.
- ``tmux``: the real command in a tmux pane at 80×24: time until the pane shows the
  list's heading (策阅 · N documents), for the seeds and the laws.

Caches go to a temporary folder (or ``$CEYUE_CACHE_DIR`` etc. when set), so the
user's own are never touched. Timings are noisy on a loaded machine: compare runs
made side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = Path("/work/shared/corpus/laws")
QUERY = "循环化改造"

#: The child that times the browser. It starts its clock before importing anything of ceyue's,
#: so ``first text`` includes the imports a user waits for.
PROBE = r"""
import time
start = time.perf_counter()
cpu = time.process_time()
import asyncio, json, sys
from pathlib import Path

docs = sys.argv[1] or None

async def probe():
    from documents.corpus import default_dirs, document_files, load_corpus
    from tui.app import CeyueApp

    dirs = [Path(docs)] if docs else None
    files = document_files([d for d in dirs or default_dirs() if d.exists()])  # as tui.launch does
    app = CeyueApp(
        corpus_loader=lambda progress: load_corpus(dirs, progress=progress),
        fresh=True,
        language="en",
        listed_files=files,
    )
    marks = {}
    async with app.run_test(size=(80, 24)) as pilot:
        marks["first text"] = [time.perf_counter() - start, time.process_time() - cpu]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and len(marks) < 3:
            listed = app.document_list.table.row_count
            if "list shown" not in marks and listed == len(files):  # the last session's list, or the one read
                marks["list shown"] = [time.perf_counter() - start, time.process_time() - cpu]
            if "search ready" not in marks and app.search_index is not None:
                marks["search ready"] = [time.perf_counter() - start, time.process_time() - cpu]
            await pilot.pause(0.005)
        marks["documents"] = len(app.corpus.documents)
    print(json.dumps(marks))

asyncio.run(probe())
"""


def environment(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, sub in (("CEYUE_CACHE_DIR", "cache"), ("CEYUE_DATA_DIR", "data"), ("CEYUE_CONFIG_DIR", "config")):
        env.setdefault(name, str(base / sub))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm means with bytecode, as an installed ceyue has
    env["CEYUE_LANG"] = "en"
    return env


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one child process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def ceyue(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from main import main; sys.exit(main())", *args]


def measure_cli(env: dict[str, str], runs: int) -> list[tuple[str, str]]:
    timed(ceyue("index"), env)
    timed(ceyue("search", QUERY, "--limit", "3"), env)  # warm: bytecode, compact dictionary, caches
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, _out = timed(ceyue("search", QUERY, "--limit", "3"), env)
        walls.append(wall)
        cpus.append(cpu)
    return [
        (
            "cli search (seeds)",
            f"{statistics.median(walls):.2f} s (best {min(walls):.2f}), "
            f"cpu {statistics.median(cpus):.2f} s (best {min(cpus):.2f})",
        ),
    ]


def measure_app(env: dict[str, str], runs: int, docs: Path | None) -> list[tuple[str, str]]:
    name = "laws, restart" if docs else "seeds"
    cmd = [sys.executable, "-c", PROBE, str(docs or "")]
    if docs:
        timed(ceyue("--docs", str(docs), "index"), env)
    timed(cmd, env)  # the restart: index built, parse cache and compact dictionary written
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for _ in range(runs):
        _wall, _cpu, out = timed(cmd, env)
        marks = json.loads(out.strip().splitlines()[-1])
        for key in ("first text", "list shown", "search ready"):
            walls.setdefault(key, []).append(marks[key][0])
            cpus.setdefault(key, []).append(marks[key][1])
    return [
        (
            f"app {name}: {key}",
            f"{statistics.median(walls[key]):.2f} s (best {min(walls[key]):.2f}), "
            f"cpu {statistics.median(cpus[key]):.2f} s (best {min(cpus[key]):.2f})",
        )
        for key in walls
    ]


def measure_tmux(env: dict[str, str], runs: int, docs: Path | None) -> list[tuple[str, str]]:
    """Time until a tmux pane at 80×24 shows the document list's heading with its count."""
    if shutil.which("tmux") is None:
        return [("tmux", "tmux not found")]
    name = "laws, restart" if docs else "seeds"
    session = f"ceyue-startup-{os.getpid()}"
    args = ["--fresh", *(["--docs", str(docs)] if docs else [])]
    command = shlex.join(ceyue(*args))
    firsts, lists = [], []
    for attempt in range(runs + 1):
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
        start = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "80",
                "-y",
                "24",
                "-c",
                str(ROOT),
                *env_args(env),
                command,
            ],
            check=True,
        )
        first = listed = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and listed is None:
            pane = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
            ).stdout
            now = time.perf_counter() - start
            if first is None and "策阅" in pane:
                first = now
            if "documents" in pane and "策阅 · " in pane and "reading" not in pane:
                listed = now
            time.sleep(0.01)
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=False)
        time.sleep(0.3)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
        if attempt and first is not None and listed is not None:  # the first run warms the caches
            firsts.append(first)
            lists.append(listed)
    if not lists:
        return [(f"tmux {name}", "the list never showed")]
    return [
        (f"tmux {name}: first text", f"{statistics.median(firsts):.2f} s (best {min(firsts):.2f})"),
        (f"tmux {name}: list shown", f"{statistics.median(lists):.2f} s (best {min(lists):.2f})"),
    ]


def env_args(env: dict[str, str]) -> list[str]:
    names = ("CEYUE_CACHE_DIR", "CEYUE_DATA_DIR", "CEYUE_CONFIG_DIR", "CEYUE_LANG", "PATH", "VIRTUAL_ENV")
    out: list[str] = []
    for name in names:
        if name in env:
            out += ["-e", f"{name}={env[name]}"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--laws", type=Path, default=LAWS)
    parser.add_argument("--only", choices=("cli", "app", "tmux"), action="append")
    args = parser.parse_args()
    only = set(args.only or ("cli", "app", "tmux"))
    with tempfile.TemporaryDirectory(prefix="ceyue-startup-") as tmp:
        env = environment(Path(tmp))
        rows: list[tuple[str, str]] = []
        if "cli" in only:
            rows += measure_cli(env, args.runs)
        laws = args.laws if args.laws.is_dir() else None
        if "app" in only:
            rows += measure_app(env, args.runs, None)
            if laws:
                rows += measure_app(env, args.runs, laws)
        if "tmux" in only:
            rows += measure_tmux(env, args.runs, None)
            if laws:
                rows += measure_tmux(env, args.runs, laws)
    width = max(len(label) for label, _ in rows)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
