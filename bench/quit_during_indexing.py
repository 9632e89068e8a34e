"""Quit during the first index build: the process must be gone within 2 s.

    uv run python bench/quit_during_indexing.py [--docs /work/shared/corpus/laws] [--key C-q]

Copies the folder to a temporary place, starts ``ceyue --lang en --docs COPY`` in a tmux
session (80×24) with a fresh cache, config and data folder, waits until the
status line says "Indexing", presses the quit key and measures how long the
process (and its ``uv``/python children) takes to end. Then starts the app once
more on the same cache and checks that the index is built to the end (the
abandoned build was discarded, the next start builds again).

Exits 0 when the quit took under 2 s, 1 when it did not, 0 with a note when the
folder or tmux is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSION = "ceyue-quit-bench"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (exited, not reaped yet) counts as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def start(docs: Path, home: Path) -> int:
    """Start the app in tmux; returns the pid of the shell that execs it."""
    tmux("kill-session", "-t", SESSION)
    pid_file = home / "pid"
    pid_file.unlink(missing_ok=True)
    env = (
        f"CEYUE_CACHE_DIR={home / 'cache'} CEYUE_DATA_DIR={home / 'data'} CEYUE_CONFIG_DIR={home / 'config'} "
        f"PYTHONDONTWRITEBYTECODE=1"
    )
    python = sys.executable
    command = f"cd {ROOT} && echo $$ > {pid_file} && {env} exec {python} main.py --lang en --docs {docs} --fresh"
    tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", command)
    tmux("set-option", "-t", SESSION, "remain-on-exit", "on")  # a crash stays on screen
    wait_for(pid_file.exists, 10)
    return int(pid_file.read_text().strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="/work/shared/corpus/laws")
    parser.add_argument("--key", default="C-q", help="tmux key to quit with (C-q, C-c)")
    parser.add_argument("--limit", type=float, default=2.0)
    parser.add_argument("--finish", action="store_true", help="wait for the next start to finish the index")
    args = parser.parse_args()
    source = Path(args.docs)
    if not source.is_dir():
        print(f"skipped: {source} not found")
        return 0
    if shutil.which("tmux") is None:
        print("skipped: tmux not installed")
        return 0
    with tempfile.TemporaryDirectory(prefix="ceyue-quit-") as tmp:
        home = Path(tmp)
        docs = home / "docs"
        shutil.copytree(source, docs)
        pid = start(docs, home)
        if not wait_for(lambda: "Indexing" in screen(), 120):
            print("the index build never showed on screen:\n" + screen())
            tmux("kill-session", "-t", SESSION)
            return 1
        time.sleep(1.0)  # well inside the build
        shown = next((line.strip() for line in screen().splitlines() if "Indexing" in line), "")
        began = time.monotonic()
        tmux("send-keys", "-t", SESSION, args.key)
        gone = wait_for(lambda: not alive(pid), 10, 0.01)
        took = time.monotonic() - began
        after = screen()
        tmux("kill-session", "-t", SESSION)
        print(f"status when quitting: {shown}")
        print(f"quit with {args.key}: process gone after {took:.2f} s" + ("" if gone else " (still running at 10 s)"))
        if "Traceback" in after:
            print("a traceback was printed:\n" + after)
            return 1
        leftovers = sorted(p.name for p in (home / "cache").rglob("gen-*"))
        print(f"generations left in the cache: {leftovers or 'none'}")
        # The next start builds again (with --finish: to the end, which takes minutes on the laws).
        pid = start(docs, home)
        began = time.monotonic()
        building = wait_for(lambda: "Indexing" in screen(), 300)
        ready = building
        if building and args.finish:
            ready = wait_for(lambda: "Indexing" not in screen() and alive(pid), 1800, 0.5) and alive(pid)
            ready = ready and bool(list((home / "cache").rglob("CURRENT")))
        print(
            f"next start: {'builds the index again' if building else 'did NOT build'}"
            + (f"; {'built' if ready else 'NOT built'} after {time.monotonic() - began:.0f} s" if args.finish else "")
        )
        tmux("send-keys", "-t", SESSION, "C-q")
        wait_for(lambda: not alive(pid), 10)
        tmux("kill-session", "-t", SESSION)
        ok = gone and took < args.limit and ready
        print("OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
