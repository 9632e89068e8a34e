"""One stack of places: Esc returns to where the user came from with its state; F-keys switch, never stack."""

from __future__ import annotations

import contextlib

from textual.worker import WorkerCancelled
from waiting import wait_until

from documents.state.review import ReviewStore
from tui.app import CeyueApp
from tui.screens.compare import CompareScreen
from tui.screens.review import ReviewScreen

SIZE = (140, 40)


async def settle(app, pilot) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def compare_with_subjects(app, pilot) -> CompareScreen:
    await pilot.press("f5")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    screen.toggle_subject("湖州开发区")
    await settle(app, pilot)
    screen.toggle_subject("长兴开发区")
    await settle(app, pilot)
    await wait_until(pilot, lambda: bool(screen.rows), "the comparison")
    screen.query_one("#compare-scroll").focus()
    await pilot.press("j", "j")
    await pilot.pause()
    return screen


async def test_escape_from_a_clause_opened_in_compare_returns_to_the_comparison(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await compare_with_subjects(app, pilot)
        cursor, subjects = screen.cursor, list(screen.subjects)
        assert subjects == ["湖州开发区", "长兴开发区"]
        target = screen.selected_clause()
        assert target is not None
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is app.reader and app.reader.document is not None
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.subjects == subjects and screen.cursor == cursor
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.current_mode == "documents"


async def test_f5_in_compare_does_not_stack_and_f2_from_compare_reaches_the_list(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await compare_with_subjects(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        assert app.screen is screen and len(app.screen_stack) == 1
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.current_mode == "documents"
        await pilot.press("f5")
        await settle(app, pilot)
        assert app.screen is screen and screen.subjects == ["湖州开发区", "长兴开发区"]


async def test_escape_from_a_clause_opened_in_review_keeps_the_cursor(corpus):
    store = ReviewStore()
    doc = corpus.get("001")
    for address in ("001/三/（四）/4", "001/三/（四）/5", "001/三/（四）/6"):
        store.set_mark(doc.key, address, "flagged", text="x")
    app = CeyueApp(corpus, start_index=False, fresh=True, review_store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("j")
        await pilot.pause()
        place = review.current_place()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is app.reader
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is review and review.current_place() == place


async def test_escape_from_search_returns_to_the_reader_it_came_from(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.open_location("001", "001/三/（四）/4")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        assert app.current_mode == "search"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is app.reader
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.current_mode == "documents"


async def test_q_closes_the_view_and_quits_from_the_list(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.open_location("001", "001/三/（四）/4")
        await settle(app, pilot)
        await pilot.press("q")
        await settle(app, pilot)
        assert app.current_mode == "documents" and app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_half_pages_and_tab_moves_focus(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_location("001", "")
        await settle(app, pilot)
        view = app.reader.view
        view.focus()
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        half = view.scroll_y
        assert half > 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert view.scroll_y > half
        await pilot.press("ctrl+u", "ctrl+u")
        await pilot.pause()
        assert view.scroll_y == 0
        before = app.focused
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not before
