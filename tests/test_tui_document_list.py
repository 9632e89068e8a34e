"""The document list as a reader uses it: narrowing by typing, and titles that use the width there is."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from documents.corpus import bundled_dir, load_corpus
from documents.facets import facets_of, matches_words
from tui.messages import OpenLocation
from tui.screens.documents import COLUMN_PADDING, SCROLLBAR, TITLE_SHARE, DocumentListScreen, column_widths
from tui.widgets.status import IndexState


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([bundled_dir()], use_cache=False)


class Host(App):
    #: What the list's status line shows, as CeyueApp's.
    index_state: reactive[IndexState] = reactive(IndexState)

    def __init__(self, screen: DocumentListScreen) -> None:
        super().__init__()
        self.pushed = screen
        self.opened: list[OpenLocation] = []

    def on_mount(self) -> None:
        self.push_screen(self.pushed)

    def on_open_location(self, message: OpenLocation) -> None:
        self.opened.append(message)


def listed(screen: DocumentListScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def count(screen: DocumentListScreen) -> str:
    return str(screen.query_one("#documents-narrow-count", Static).render())


def test_every_word_must_be_in_the_title_number_issuer_or_year(corpus):
    doc = next(d for d in corpus.documents if d.short == "003")  # 湘政发〔2020〕4号, 湖南省人民政府
    facets = facets_of(doc)
    assert matches_words(doc, facets, "承接产业")
    assert matches_words(doc, facets, "湘政发 2020")
    assert matches_words(doc, facets, "人民政府 示范区")
    assert matches_words(doc, facets, "２０２０")  # full-width digits as typed by a Chinese input method
    assert not matches_words(doc, facets, "承接 湖州")


async def test_typing_in_the_list_narrows_it_live_with_a_count_and_esc_clears(corpus):
    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.pushed
        await pilot.press("2", "0", "2", "0")
        await pilot.pause()
        assert screen.query_one("#documents-narrow", Input).value == "2020"
        assert listed(screen) == ["001", "003"]  # dated 2020, or 〔2020〕 in the 文号
        assert count(screen) == "2 / 5"
        await pilot.press("space", *"湘南")
        await pilot.pause()
        assert listed(screen) == ["003"]
        assert count(screen) == "1 / 5"
        await pilot.press("escape")
        await pilot.pause()
        assert listed(screen) == ["000", "001", "002", "003", "004"]
        assert not screen.query_one("#documents-narrow-bar").display
        assert screen.query_one(DataTable).has_focus


async def test_bound_keys_still_work_and_enter_opens_the_highlighted_match(corpus):
    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.pushed
        await pilot.press("j")  # a binding, not a narrowing word
        assert screen.narrow_text == "" and screen.query_one(DataTable).cursor_row == 1
        await pilot.press(*"开发区")
        await pilot.pause()
        assert listed(screen) == ["000", "002", "004"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [(m.doc, m.resume) for m in app.opened] == [(corpus.get("002").key, True)]


async def test_nothing_matches_leaves_an_empty_list_and_a_zero_count(corpus):
    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"无此文件")
        await pilot.pause()
        assert listed(app.pushed) == []
        assert count(app.pushed) == "0 / 5"
        await pilot.press("enter")  # nothing to open, nothing breaks
        assert app.opened == []


NATURAL = {"No.": 7, "Title": 60, "文号": 17, "Issuer": 24, "Date": 10, "Kind": 8, "Level": 8, "Clauses": 7}


def used(widths: dict[str, int]) -> int:
    return sum(cells + COLUMN_PADDING for cells in widths.values()) + SCROLLBAR


def test_the_title_takes_the_free_width_on_a_wide_terminal():
    widths = column_widths({**NATURAL, "Title": 140}, 200)
    assert list(widths) == ["No.", "Title", "文号", "Issuer", "Date", "Kind", "Level", "Clauses"]
    assert widths["Title"] == 200 - used({k: v for k, v in widths.items() if k != "Title"}) - COLUMN_PADDING
    assert used(widths) == 200


def test_a_short_title_column_leaves_the_rest_to_nobody_but_is_never_cut():
    widths = column_widths(NATURAL, 200)
    assert widths["Title"] == 60 and used(widths) <= 200


def test_at_80_columns_the_title_gets_its_share_and_minor_columns_go():
    widths = column_widths(NATURAL, 80)
    assert widths["Title"] >= 80 * TITLE_SHARE
    assert "Date" in widths and "No." in widths
    assert "Level" not in widths and "Kind" not in widths
    assert used(widths) <= 80


async def test_titles_fill_the_table_at_200_and_80_columns():
    corpus = load_corpus([bundled_dir()], use_cache=False)
    for width, height in ((200, 50), (80, 24)):
        app = Host(DocumentListScreen(corpus))
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            table = app.pushed.query_one(DataTable)
            total = sum(column.get_render_width(table) for column in table.columns.values())
            assert total <= table.scrollable_content_region.width
            title = table.columns[next(k for k in table.columns if str(k.value) == "Title")]
            long_title = "国家级经济技术开发区和边境经济合作区“十二五”发展规划（2011-2015年）"  # 70 cells
            shown = str(table.get_row_at(4)[1])
            if width == 200:
                assert shown == long_title
            else:
                assert title.width >= width * TITLE_SHARE and shown.endswith("…")


async def test_ctrl_f_opens_the_field_for_a_word_that_starts_with_a_bound_key(corpus):
    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+f", *"s d")  # s sorts and d diffs in the list, but not in the field
        await pilot.pause()
        assert app.pushed.narrow_text == "s d"
        assert app.pushed.sort_by == "number" and app.pushed.diff_old is None
        assert listed(app.pushed) == []
