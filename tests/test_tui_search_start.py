"""Search from the first second in the browser: during the first build, and after a restart before the
documents are read."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from waiting import search_delivered, wait_until

import tui.app
from documents.corpus import bundled_dir, document_files, load_corpus
from index.service import SearchIndex
from tui.app import CeyueApp

SIZE = (120, 40)
CLAUSE = "001/三/（四）/4"  # 4.推进园区循环化改造…


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(tui.app, "PROGRESS_INTERVAL", 0)


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted(bundled_dir().glob("00[0-2]_*.txt")):
        shutil.copy(seed, docs / seed.name)
    return docs


class HeldLoader:
    """Reads ``folder`` once released; until then the app is still reading its documents."""

    def __init__(self, folder) -> None:
        self.folder = folder
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, progress):
        self.started.set()
        self.release.wait(30)
        return load_corpus([self.folder], progress=progress)


@pytest.fixture
def held_build(monkeypatch):
    """The index build waits until the event is set; the list records whether the scan was laid out first."""
    release = threading.Event()
    laid_out: list[bool] = []
    real_open = SearchIndex.open.__func__
    apps: list[CeyueApp] = []

    def slow_open(cls, *args, **kwargs):
        scan = apps[0]._literal_scan if apps else None
        laid_out.append(scan is not None and scan.prepared)
        release.wait(30)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "open", classmethod(slow_open))
    return release, laid_out, apps


async def shown(pilot, query: str) -> None:
    """Wait until the results of ``query`` are on screen (while a held build keeps its worker running)."""
    screen = pilot.app.search_screen
    await wait_until(pilot, lambda: screen.results is not None and screen.results.query == query, "the results")


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_the_literal_scan_is_laid_out_before_the_first_build_begins(tmp_path, held_build):
    """A query typed during the build finds the scan ready: it does not wait for 81,000 records to be laid out
    beside the build (579 laws: ~7 s before)."""
    release, laid_out, apps = held_build
    app = CeyueApp(load_corpus([bundled_dir()]), index_dir=tmp_path / "index")
    apps.append(app)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, lambda: laid_out, "the build to begin")
            assert laid_out == [True]
            await pilot.press("slash", *"循环化改造")
            await shown(pilot, "循环化改造")
            results = app.search_screen.results
            assert results.source == "scan" and results.hits[0].address == CLAUSE
            assert "literal scan" in str(app.search_screen.query_one("#summary").render())
        finally:
            release.set()
        await wait_until(pilot, lambda: app.search_index is not None, "the index")
        await search_delivered(pilot, "循环化改造")
        assert app.search_screen.results.source == "index"


async def test_a_query_typed_while_the_documents_are_read_answers_once_they_are(folder, tmp_path, held_build):
    """First start: typed before anything could answer, the query runs from the literal scan without retyping."""
    release, _laid_out, apps = held_build
    loader = HeldLoader(folder)
    app = CeyueApp(corpus_loader=loader, index_dir=tmp_path / "index", listed_files=document_files([folder]))
    apps.append(app)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, loader.started.is_set, "the documents to be read")
            await pilot.press("slash", *"循环化改造")
            await pilot.pause(0.3)
            assert app.search_screen.results is None
            assert "getting ready" in str(app.search_screen.query_one("#summary").render())
            loader.release.set()
            await shown(pilot, "循环化改造")
            results = app.search_screen.results
            assert results.source == "scan" and results.hits[0].address == CLAUSE
        finally:
            loader.release.set()
            release.set()
        await app.workers.wait_for_complete()


async def built_index(folder, tmp_path) -> Path:
    """An index folder a first run of the browser built and left, as a restart finds it."""
    index_dir = tmp_path / "index"
    files = document_files([folder])
    first = CeyueApp(
        corpus_loader=lambda progress: load_corpus([folder], progress=progress), index_dir=index_dir, listed_files=files
    )
    async with first.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: first.index_state.phase == "ready", "the first build", timeout=120)
        await first.workers.wait_for_complete()
    return index_dir


async def test_search_works_after_a_restart_before_the_documents_are_read(folder, tmp_path):
    """Restart: the index answers while the documents are still being read; Enter on a hit opens it once they are."""
    index_dir = await built_index(folder, tmp_path)
    loader = HeldLoader(folder)
    app = CeyueApp(corpus_loader=loader, index_dir=index_dir, listed_files=document_files([folder]), fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, lambda: app.search_index is not None, "search before the documents are read")
            assert app.document_list.reading and not app.corpus.documents
            await pilot.press("slash", *"循环化改造")
            await shown(pilot, "循环化改造")
            results = app.search_screen.results
            assert results.source == "index" and results.hits[0].address == CLAUSE
            assert results.documents[0].doc_short == "001"
            await pilot.press("enter")  # the documents are not read yet: it says so and opens the hit once they are
            await pilot.pause()
            assert app.screen is app.search_screen
            assert "Still reading" in notices(app)
            early = app.search_index
        finally:
            loader.release.set()
        await wait_until(pilot, lambda: app.screen is app.reader and app.reader.location is not None, "the hit")
        assert app.reader.location.address == CLAUSE
        await app.workers.wait_for_complete()
        assert app.search_index is early and not early.stand_ins  # the documents were handed to it, not reopened
        assert app.index_state.phase == "ready"
        await pilot.press("slash")
        query = app.search_screen.query_one("#query")
        query.value = "园区 doc:十二五"  # a title fragment: read from the documents now in
        await search_delivered(pilot, "园区 doc:十二五")
        assert {h.doc_short for h in app.search_screen.results.hits} == {"000"}


async def test_after_a_restart_the_documents_are_read_once_the_index_is_open(folder, tmp_path):
    """However few the documents: read beside the opening index, the two shared one interpreter lock and the
    documents read were handed to the list while the index still opened, so search was ready last."""
    index_dir = await built_index(folder, tmp_path)
    files = document_files([folder])
    searchable_when_read: list[bool] = []
    app: CeyueApp | None = None

    def loader(progress):
        assert app is not None
        searchable_when_read.append(app._early_index is not None)
        return load_corpus([folder], progress=progress)

    app = CeyueApp(corpus_loader=loader, index_dir=index_dir, listed_files=files, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.document_list.reading, "the documents read")
        await app.workers.wait_for_complete()
    assert len(files) == 3 and searchable_when_read == [True]
