"""Startup on a slow folder and a session that survives a killed terminal."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable
from waiting import wait_until

import tui.app
from documents.corpus import bundled_dir, load_corpus
from documents.state.review import ReviewStore
from tui.app import SESSION_KEY, CeyueApp
from tui.messages import OpenLocation

SIZE = (120, 40)
CLAUSE = "001/三/（四）/4"


@pytest.fixture
def quick(monkeypatch):
    """Every progress step shown and the session written almost at once, so tests need not wait."""
    monkeypatch.setattr(tui.app, "PROGRESS_INTERVAL", 0)
    monkeypatch.setattr(tui.app, "SESSION_SAVE_DELAY", 0.05)


class SlowLoader:
    """Reads the seeds but stops before the third file until released."""

    def __init__(self, dirs=None) -> None:
        self.dirs = dirs or [bundled_dir()]
        self.waiting = threading.Event()
        self.release = threading.Event()

    def __call__(self, progress):
        def step(done: int, total: int, name: str) -> None:
            progress(done, total, name)
            if done == 2:
                self.waiting.set()
                self.release.wait(30)

        return load_corpus(self.dirs, progress=step)


async def wait_for(event: threading.Event, pilot) -> None:
    for _ in range(500):
        if event.is_set():
            break
        await pilot.pause(0.01)
    assert event.is_set()
    await pilot.pause()


async def session_written(app, pilot) -> None:
    """Wait until the session on disk is the app's present one (written by the save timer, not on quit)."""
    await wait_until(pilot, lambda: saved_session() == app.session_state(), "the session to be written")


def saved_session() -> dict:
    store = ReviewStore()
    try:
        return store.load_state(SESSION_KEY, {})
    finally:
        store.close()


async def open_clause(app, pilot, doc: str, address: str, resume: bool = False) -> None:
    app.post_message(OpenLocation(doc, address, resume=resume))
    await pilot.pause()
    await pilot.pause()


# ------------------------------------------------------------------ startup


async def test_first_screen_is_interactive_while_the_documents_are_read(quick):
    loader = SlowLoader()
    app = CeyueApp(corpus_loader=loader, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_for(loader.waiting, pilot)
            assert app.current_mode == "documents"
            assert app.screen.query_one(DataTable).row_count == 0
            assert "reading documents" in str(app.screen.query_one("#documents-heading").render())
            label = str(app.screen.query_one("#index-status-label").render())
            assert label.startswith("Reading 2/5 · 002_")
            await pilot.press("f1")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.pause()
        finally:
            loader.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 5
        assert "5 documents" in str(app.screen.query_one("#documents-heading").render())
        assert app.references is not None
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader and app.reader.document.short == "001"


async def test_quitting_while_reading_keeps_the_last_session(corpus, quick):
    store = ReviewStore()
    store.save_state(SESSION_KEY, {"doc": corpus.get("001").key, "address": CLAUSE, "mode": "reader"})
    store.close()
    loader = SlowLoader()
    app = CeyueApp(corpus_loader=loader, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_for(loader.waiting, pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.return_code == 0
        finally:
            loader.release.set()
    assert saved_session()["address"] == CLAUSE


async def test_documents_that_cannot_be_read_are_listed_after_loading(tmp_path, quick):
    seed = next(bundled_dir().glob("001_*.txt"))
    (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf")
    app = CeyueApp(corpus_loader=lambda progress: load_corpus([tmp_path], progress=progress), start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
        errors = app.screen.query_one("#documents-errors")
        assert errors.display and "broken.pdf" in str(errors.render())


# ------------------------------------------------------------------ session


async def test_session_is_saved_while_reading_without_quitting(corpus, quick):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001", CLAUSE)
        await pilot.press("j")
        await pilot.press("O")
        moved = app.reader.location.address
        assert moved != CLAUSE
        await session_written(app, pilot)
        state = saved_session()
        assert (state["address"], state["mode"], state["outline"]) == (moved, "reader", False)
    # the app ended without ctrl+q, as when the terminal is closed
    again = CeyueApp(corpus, start_index=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.screen is again.reader
        assert again.reader.location.address == moved
        assert not again.reader.outline_visible


async def test_session_saves_the_search_query(corpus, quick):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"园区")
        await session_written(app, pilot)
        state = saved_session()
        assert (state["mode"], state["query"]) == ("search", "园区")


async def test_the_session_is_written_off_the_ui_thread_while_typing(corpus, quick, monkeypatch):
    """A save while the user types (a synchronous SQLite write, 6-12 ms) must not hold up a frame."""
    threads: list[str] = []
    real = ReviewStore.save_state

    def recorded(store, key, value):
        threads.append(threading.current_thread().name)
        real(store, key, value)

    monkeypatch.setattr(ReviewStore, "save_state", recorded)
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"园区")
        await session_written(app, pilot)
        assert threads and threading.main_thread().name not in threads


async def test_an_older_session_never_overwrites_a_newer_one(corpus, quick):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app._write_session({"query": "新"}, 2)
        app._write_session({"query": "旧"}, 1)  # a slow thread finishing after the save on quit
        assert saved_session() == {"query": "新"}


# ------------------------------------------------------------------ per-document position


async def test_opening_a_document_from_the_list_returns_to_where_the_user_was(corpus, quick):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001", CLAUSE)
        await open_clause(app, pilot, "002", "002/三")
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.reader.document.short == "001"
        assert app.reader.location.address == CLAUSE
        await open_clause(app, pilot, "001", "001/一")  # an explicit address wins
        assert app.reader.location.address == "001/一"
        await open_clause(app, pilot, "002", "")  # no address, no resume: the top
        assert app.reader.view.cursor == 0
        await session_written(app, pilot)
    again = CeyueApp(corpus, start_index=False, fresh=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.current_mode == "documents"
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert again.reader.document.short == "001"
        assert again.reader.location.address == "001/一"


# ------------------------------------------------------------------ reference picker keys


async def test_reference_picker_has_its_own_keys(corpus, tmp_path):
    from tui.keymap import load_keymap

    path = tmp_path / "keys.toml"
    path.write_text('[refs]\ndown = "ctrl+n"\n', encoding="utf-8")
    app = CeyueApp(corpus, start_index=False, keymap=load_keymap(path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        address = "000/四/（四）"
        refs = [r for r in app.references.references_at("000", address) if r.kind != "inherited"]
        await open_clause(app, pilot, "000", address)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReferencePicker"
        await pilot.press("ctrl+n", "enter")
        await pilot.pause()
        assert app.screen is app.reader
        messages = [n.message for n in app._notifications]
        assert any(refs[1].text in m for m in messages)


async def test_the_last_document_shows_from_the_parse_cache_before_the_others_are_read(quick):
    doc = load_corpus([bundled_dir()]).get("001")  # the parse cache now holds every seed
    store = ReviewStore()
    store.save_state(SESSION_KEY, {"doc": doc.key, "path": str(doc.path), "address": CLAUSE, "mode": "reader"})
    store.close()
    loader = SlowLoader()
    app = CeyueApp(corpus_loader=loader, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_for(loader.waiting, pilot)  # the loader stays stopped before the third file meanwhile
            await wait_until(pilot, lambda: app.reader.location is not None, "the reader's cursor")
            assert app.screen is app.reader and app.reader.location.address == CLAUSE
            assert not loader.release.is_set() and len(app.corpus.documents) == 1
        finally:
            loader.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.corpus.documents) == 5 and app.reader.document is app.corpus.get("001")
        assert app.screen is app.reader and app.reader.location.address == CLAUSE
        await session_written(app, pilot)
        assert saved_session()["path"] == str(doc.path)


async def test_a_restart_lists_the_documents_before_reading_them(tmp_path, quick):
    """The list as last shown comes back at once when no file changed; opening waits for the documents."""
    import os

    from documents.corpus import document_files

    folder = tmp_path / "docs"
    folder.mkdir()
    for seed in sorted(bundled_dir().glob("00[0-2]_*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    files = document_files([folder])
    first = CeyueApp(
        corpus_loader=lambda progress: load_corpus([folder], progress=progress),
        start_index=False,
        listed_files=files,
    )
    async with first.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not first.document_list.reading, "the documents read")
        await first.workers.wait_for_complete()
        titles = [str(first.document_list.table.get_row_at(i)[1]) for i in range(3)]

    async def restart(expect_rows: int) -> None:
        loader = SlowLoader([folder])
        app = CeyueApp(corpus_loader=loader, start_index=False, fresh=True, listed_files=document_files([folder]))
        async with app.run_test(size=SIZE) as pilot:
            try:
                await wait_for(loader.waiting, pilot)
                table = app.screen.query_one(DataTable)
                assert table.row_count == expect_rows
                if expect_rows:
                    assert [str(table.get_row_at(i)[1]) for i in range(3)] == titles
                    await pilot.press("enter")  # not read yet: says so and stays on the list
                    await pilot.pause()
                    assert app.screen is app.document_list
                    assert "Still reading" in " ".join(str(n.message) for n in app._notifications)
            finally:
                loader.release.set()
            await wait_until(pilot, lambda: not app.document_list.reading, "the documents read")
            await pilot.pause()
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is app.reader and app.reader.document is not None, "the reader")
            assert app.reader.document is not None and app.reader.document.short == "000"

    await restart(expect_rows=3)
    changed = files[1]
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    await restart(expect_rows=0)  # a file changed since: no list until the documents are read
