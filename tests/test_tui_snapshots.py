"""What the browser looks like: the document list, the reader and search results (120x40; 80x24 and 200x50 in
Chinese and English), facets and the diff.

Regenerate after a deliberate change with
``uv run pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest
from waiting import search_delivered

from tui.app import CeyueApp

SIZE = (120, 40)


async def settled(pilot) -> None:
    """No workers running, no timers pending, no toasts: the screen as it stays."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.clear_notifications()
    for input in app.screen.query("Input"):
        input.cursor_blink = False
    await pilot.pause()


def opened_at(doc: str, address: str):
    """A ``run_before`` that opens the reader at ``address`` and waits until it is still."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.open_location(doc, address)
        await settled(pilot)

    return run_before


def test_document_list(snap_compare, corpus):
    app = CeyueApp(corpus, start_index=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_reader_at_a_clause(snap_compare, corpus):
    app = CeyueApp(corpus, start_index=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened_at("001", "001/三/（四）/4"))


def test_reader_table(snap_compare, corpus):
    app = CeyueApp(corpus, start_index=False)
    table = corpus.get("000").tables()[0]
    assert snap_compare(app, terminal_size=SIZE, run_before=opened_at("000", table.address))


def test_search_results(snap_compare, corpus, tmp_path):
    app = CeyueApp(corpus, index_dir=tmp_path / "index")

    async def run_before(pilot) -> None:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"循环化改造")
        await search_delivered(pilot, "循环化改造")
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_reader_on_a_wide_terminal(snap_compare, corpus):
    """At 200 columns the outline grows and the text column is centred in what is left."""
    app = CeyueApp(corpus, start_index=False)
    assert snap_compare(app, terminal_size=(200, 40), run_before=opened_at("001", "001/三/（四）/4"))


# ---------------------------------------------------------------- issue 16: facets and diff at 80x24 and 200x50


def _with_edited_001(corpus):
    from documents.corpus import Corpus
    from documents.parsing.parser import parse_text

    old = corpus.get("001")
    text = old.path.read_text(encoding="utf-8").replace(
        "力争全省园区技工贸总收入达5.3万亿", "力争全省园区技工贸总收入达6万亿"
    )
    return Corpus(documents=[*corpus.documents, parse_text(text, "005_edited", old.path)])


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_document_list_filtered_and_sorted(snap_compare, corpus, size):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f", *"kind:规划", "enter", "s", "s")
        await settled(pilot)

    assert snap_compare(CeyueApp(corpus, start_index=False), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_diff_screen(snap_compare, corpus, size):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("j", "d", "G", "d")
        await settled(pilot)
        await pilot.press("a", "n")
        await settled(pilot)

    assert snap_compare(
        CeyueApp(_with_edited_001(corpus), start_index=False), terminal_size=size, run_before=run_before
    )


# ---------------------------------------------------------------- issue 14: the main screens in Chinese and English

LANGUAGES = pytest.mark.parametrize("language", ["zh", "en"])
SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


@LANGUAGES
@SIZES
def test_document_list_in(snap_compare, corpus, size, language):
    app = CeyueApp(corpus, start_index=False, language=language)
    assert snap_compare(app, terminal_size=size, run_before=settled)


@LANGUAGES
@SIZES
def test_reader_in(snap_compare, corpus, size, language):
    app = CeyueApp(corpus, start_index=False, language=language)
    assert snap_compare(app, terminal_size=size, run_before=opened_at("001", "001/三/（四）/4"))


@LANGUAGES
@SIZES
def test_search_results_in(snap_compare, corpus, tmp_path, size, language):
    app = CeyueApp(corpus, index_dir=tmp_path / "index", language=language)

    async def run_before(pilot) -> None:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"循环化改造")
        await search_delivered(pilot, "循环化改造")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
