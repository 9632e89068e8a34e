"""How long ceyue takes to start, measured as whole processes (warm, with bytecode).

    uv run python bench/startup.py [--runs 5] [--laws /work/shared/corpus/laws] [--only cli|app|tmux] [--before REF]

Three measurements, each in fresh Python processes:

- ``cli``: ``ceyue search 循环化改造 --limit 3`` on the bundled documents, wall time and CPU
  time (user + system) of the whole process, median and best of ``--runs``.
- ``app``: the browser in a child process that times itself from its first line
  (``python -c``, before any import) with a Textual Pilot at 80×24: ``app ready`` (Textual's
  start done: the first screen mounted), ``first text`` (the first frame handed to the terminal,
  drawn after that), ``list shown`` (the document list holds every document),
  ``search ready`` (the index is open). For the seeds, and for the laws after a restart:
  the index is built first and one browser run warms the parse cache, the runs measured
  after it.
- ``tmux``: the real command in a tmux pane at 80×24: time until the pane shows the
  list's heading (策阅 · N documents), for the seeds and the laws, the index built first (as for
  ``app``). The panes run under a tmux server of the bench's own (its socket in the temporary folder) started with the
  same environment as the other runs: a pane gets the server's environment, and a user's server
  (or one started from a shell with ``PYTHONDONTWRITEBYTECODE`` set) would compile every module
  not yet compiled at every start. The figure includes what the in-process ``first text`` does
  not: tmux starting the pane's command, Python's own start (~40 ms idle) and the pane being
  polled every 10 ms.

``--before REF`` (a git revision, e.g. ``main``) measures ``cli`` and ``app`` for that revision too,
a run of each in turn, so both see the same load: its tree is extracted with ``git archive``
to a temporary folder and run with this checkout's Python environment, each with caches of its own.

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
from dataclasses import dataclass
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
import argparse, json, sys
from pathlib import Path

docs = sys.argv[1] or None
marks = {}

def mark(name):
    if name not in marks:
        marks[name] = [time.perf_counter() - start, time.process_time() - cpu]

def made_app():
    from tui import launch

    if hasattr(launch, "make_app"):  # as `ceyue` starts
        return launch.make_app(argparse.Namespace(docs=[docs] if docs else None, fresh=True))
    from documents.corpus import default_dirs, document_files, load_corpus  # revisions before make_app
    from tui.app import CeyueApp

    dirs = [Path(docs)] if docs else None
    files = document_files([d for d in dirs or default_dirs() if d.exists()])
    return CeyueApp(
        corpus_loader=lambda progress: load_corpus(dirs, progress=progress),
        fresh=True,
        language="en",
        listed_files=files,
    )

async def probe(app):
    files = app.listed_files
    display = app._display

    def displayed(screen, update):  # what Textual hands to the terminal (not written: the driver is headless)
        if update is not None and app._running and not app._batch_count:
            mark("first text")
        display(screen, update)

    app._display = displayed
    async with app.run_test(size=(80, 24)) as pilot:
        mark("app ready")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not {"first text", "list shown", "search ready"} <= marks.keys():
            listed = app.document_list.table.row_count
            if listed == len(files):  # the last session's list, or the one read
                mark("list shown")
            if app.search_index is not None:
                mark("search ready")
            await pilot.pause(0.005)
        marks["documents"] = len(app.corpus.documents)
    print(json.dumps(marks))

app = made_app()  # as `ceyue` does: asyncio is first imported by Textual, as ceyue has it load (without ssl)
import asyncio

asyncio.run(probe(app))
"""


@dataclass
class Tree:
    """A checkout to time: this one, or ``--before``'s revision extracted beside it, with caches of its own."""

    label: str
    root: Path
    env: dict[str, str]


def environment(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, sub in (("CEYUE_CACHE_DIR", "cache"), ("CEYUE_DATA_DIR", "data"), ("CEYUE_CONFIG_DIR", "config")):
        env.setdefault(name, str(base / sub))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm means with bytecode, as an installed ceyue has
    env["CEYUE_LANG"] = "en"
    return env


def before_tree(revision: str, base: Path) -> Tree:
    """``revision``'s files in ``base``/tree, run with this checkout's Python (``python -c`` puts the
    working folder first on ``sys.path``, ahead of the editable install)."""
    root = base / "tree"
    root.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    env = dict(os.environ)
    for name, sub in (("CEYUE_CACHE_DIR", "cache"), ("CEYUE_DATA_DIR", "data"), ("CEYUE_CONFIG_DIR", "config")):
        env[name] = str(base / sub)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CEYUE_LANG"] = "en"
    return Tree(f"before ({revision})", root, env)


def timed(cmd: list[str], tree: Tree) -> tuple[float, float, str]:
    """Wall and CPU seconds of one child process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=tree.env, cwd=tree.root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree.root}: exit {done.returncode}\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def ceyue(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from main import main; sys.exit(main())", *args]


def summary(walls: list[float], cpus: list[float]) -> str:
    return (
        f"{statistics.median(walls):.2f} s (best {min(walls):.2f}), "
        f"cpu {statistics.median(cpus):.2f} s (best {min(cpus):.2f})"
    )


def labelled(tree: Tree, name: str) -> str:
    return f"{tree.label} {name}" if tree.label else name


def measure_cli(trees: list[Tree], runs: int) -> list[tuple[str, str]]:
    search = ceyue("search", QUERY, "--limit", "3")
    for tree in trees:
        timed(ceyue("index"), tree)
        timed(search, tree)  # warm: bytecode, compact dictionary, caches
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for _ in range(runs):
        for tree in trees:  # in turn, so each sees the same load
            wall, cpu, _out = timed(search, tree)
            walls.setdefault(tree.label, []).append(wall)
            cpus.setdefault(tree.label, []).append(cpu)
    return [(labelled(tree, "cli search (seeds)"), summary(walls[tree.label], cpus[tree.label])) for tree in trees]


def measure_app(trees: list[Tree], runs: int, docs: Path | None) -> list[tuple[str, str]]:
    name = "laws, restart" if docs else "seeds"
    cmd = [sys.executable, "-c", PROBE, str(docs or "")]
    for tree in trees:
        if docs:
            timed(ceyue("--docs", str(docs), "index"), tree)
        timed(cmd, tree)  # the restart: index built, parse cache and compact dictionary written
    walls: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    keys = ("app ready", "first text", "list shown", "search ready")
    for _ in range(runs):
        for tree in trees:
            _wall, _cpu, out = timed(cmd, tree)
            marks = json.loads(out.strip().splitlines()[-1])
            for key in keys:
                walls.setdefault((tree.label, key), []).append(marks[key][0])
                cpus.setdefault((tree.label, key), []).append(marks[key][1])
    return [
        (labelled(tree, f"app {name}: {key}"), summary(walls[tree.label, key], cpus[tree.label, key]))
        for key in keys
        for tree in trees
    ]


def measure_tmux(env: dict[str, str], runs: int, docs: Path | None, base: Path) -> list[tuple[str, str]]:
    """Time until a tmux pane at 80×24 shows the document list's heading with its count (a tmux server
    of its own, its socket in ``base``)."""
    if shutil.which("tmux") is None:
        return [("tmux", "tmux not found")]
    name = "laws, restart" if docs else "seeds"
    session = "ceyue-startup"
    server = ["tmux", "-S", str(base / "tmux.socket")]  # started by the first session, with ``env``
    args = ["--fresh", *(["--docs", str(docs)] if docs else [])]
    subprocess.run([*ceyue(*args[1:]), "index"], env=env, cwd=ROOT, capture_output=True, check=True)
    command = shlex.join(ceyue(*args))
    firsts, lists = [], []
    for attempt in range(runs + 1):
        subprocess.run([*server, "kill-session", "-t", session], capture_output=True, check=False)
        start = time.perf_counter()
        subprocess.run(
            [
                *server,
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
            env=env,
            check=True,
        )
        first = listed = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and listed is None:
            pane = subprocess.run(
                [*server, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
            ).stdout
            now = time.perf_counter() - start
            if first is None and "策阅" in pane:
                first = now
            if "documents" in pane and "策阅 · " in pane and "reading" not in pane:
                listed = now
            time.sleep(0.01)
        subprocess.run([*server, "send-keys", "-t", session, "C-q"], check=False)
        time.sleep(0.3)
        subprocess.run([*server, "kill-session", "-t", session], capture_output=True, check=False)
        if attempt and first is not None and listed is not None:  # the first run warms the caches
            firsts.append(first)
            lists.append(listed)
    subprocess.run([*server, "kill-server"], capture_output=True, check=False)
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
    parser.add_argument("--before", metavar="REF", help="also time this git revision, in turn with this checkout")
    args = parser.parse_args()
    only = set(args.only or ("cli", "app", "tmux"))
    with tempfile.TemporaryDirectory(prefix="ceyue-startup-") as tmp:
        env = environment(Path(tmp))
        trees = [Tree("", ROOT, env)]
        if args.before:
            trees.insert(0, before_tree(args.before, Path(tmp) / "before"))
        rows: list[tuple[str, str]] = []
        if "cli" in only:
            rows += measure_cli(trees, args.runs)
        laws = args.laws if args.laws.is_dir() else None
        if "app" in only:
            rows += measure_app(trees, args.runs, None)
            if laws:
                rows += measure_app(trees, args.runs, laws)
        if "tmux" in only:
            rows += measure_tmux(env, args.runs, None, Path(tmp))
            if laws:
                rows += measure_tmux(env, args.runs, laws, Path(tmp))
    width = max(len(label) for label, _ in rows)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
