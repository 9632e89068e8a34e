"""Quitting at once: during the first index build, and on ctrl+c."""

from __future__ import annotations

import threading
import time

import index.prepare
from index.service import SearchIndex
from index.store import IndexStore
from tui.app import CeyueApp

SIZE = (100, 30)


async def test_quit_during_the_first_index_build_is_at_once_and_the_next_start_builds(corpus, tmp_path, monkeypatch):
    started = threading.Event()
    real = index.prepare.iter_records

    def slow_records(doc):
        started.set()
        time.sleep(0.5)  # five documents: a build of 2.5 s at least
        return real(doc)

    monkeypatch.setattr(index.prepare, "iter_records", slow_records)
    app = CeyueApp(corpus, index_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set() and app.index_state.phase == "indexing"
        began = time.monotonic()
        await pilot.press("ctrl+q")
    # Under 1 s on an idle machine (bench/quit_during_indexing.py measures the real process); slack for
    # parallel test runs on a loaded machine.
    assert time.monotonic() - began < 2.5
    assert app.search_index is None
    # The abandoned build never became the live generation; the cancelled thread removes it.
    for _ in range(100):
        if not list(tmp_path.glob("gen-*")):
            break
        time.sleep(0.05)
    assert IndexStore(tmp_path).current_name() is None
    assert not list(tmp_path.glob("gen-*"))
    monkeypatch.setattr(index.prepare, "iter_records", real)
    with SearchIndex.open(corpus, index_dir=tmp_path) as search:  # the next start builds it whole
        assert search.search("循环化改造").hits


async def test_ctrl_c_quits(corpus):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


def test_keyboard_interrupt_while_starting_is_exit_code_130(monkeypatch, capsys):
    import tui.launch

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.launch, "_run", interrupted)
    assert tui.launch.run(None) == 130  # type: ignore[arg-type]
    assert "Traceback" not in capsys.readouterr().err


async def test_progress_line_keeps_count_and_percentage_at_80_columns(corpus):
    from textual.widgets import ProgressBar

    from tui.widgets.status import IndexState

    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = "中华人民共和国全国人民代表大会常务委员会关于修改部分法律的决定" * 2
        app.index_state = IndexState("indexing", 12, 579, title)
        await pilot.pause()
        label = app.screen.query_one("#index-status-label")
        bar = app.screen.query_one(ProgressBar)
        assert bar.display and bar.region.right <= 80 and bar.region.width >= 30
        assert label.region.width > 0 and str(label.render()).startswith("Indexing 12/579")
