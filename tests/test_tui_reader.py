"""The reader as a civil servant lives in it: table rows, find in document, pane keys, go to 专栏/附件."""

from __future__ import annotations

import pytest
from waiting import search_delivered, wait_until

from documents.corpus import load_corpus
from tests.conftest import SHARED_CORPUS
from tui.app import CeyueApp
from tui.docnav import document_items
from tui.find import Finder, fold

TABLE3 = "000/三/（二）/3/专栏3"  # 专栏3 湖南省战略性新兴产业园（基地）布局表, 41 rows
POLICIES = SHARED_CORPUS / "policies"


def make_app(corpus, index_dir=None) -> CeyueApp:
    return CeyueApp(corpus, index_dir=index_dir, start_index=index_dir is not None)


async def opened(app, pilot, doc: str, address: str = "") -> None:
    app.open_location(doc, address)
    await pilot.pause()
    await pilot.pause()


def screen_lines(app) -> list[str]:
    """The reader's text as the user sees it, line by line (gutter included)."""
    view = app.reader.view
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def cursor_lines(app) -> list[str]:
    """The visible lines drawn as the cursor (the ▌ bar in the gutter)."""
    return [line for line in screen_lines(app) if line.lstrip(" ").startswith("▌")]


def count_shown(app) -> str:
    return str(app.reader.find_bar.query_one("#find-count").render())


# ------------------------------------------------------------------ table rows


async def test_a_table_row_hit_shows_that_row_and_n_steps_row_by_row(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: app.search_index is not None, "the index")
        await pilot.press("slash", *"新能源产业")
        await search_delivered(pilot, "新能源产业")
        hits = app.search_screen.results.hits
        assert [(h.address, h.row) for h in hits[:3]] == [(TABLE3, 24), (TABLE3, 25), (TABLE3, 22)]
        table = corpus.get("000").find(TABLE3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.reader.document is not None, "the reader")
        await pilot.pause()
        view = app.reader.view
        for hit in hits[:3]:
            assert view.items[view.cursor].address == TABLE3
            assert view.row == hit.row - 1
            park = table.rows[hit.row - 1][1]  # 株洲新能源产业园, 湘潭新能源产业园, 长沙光伏产业园
            marked = "".join(cursor_lines(app))
            assert park[:4] in marked, f"row {hit.row} is on screen and drawn as the cursor"
            assert "新能源产业" in marked
            assert len(cursor_lines(app)) <= 3, "only the row, not the whole table, is the cursor"
            await pilot.press("n")
            await pilot.pause()


async def test_a_row_far_down_a_long_table_is_scrolled_into_view(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_location("000", TABLE3, ("节能环保产业",), row=40)
        await pilot.pause()
        await pilot.pause()
        marked = cursor_lines(app)
        assert marked and "汩罗再生资源工" in marked[0]
        assert not any("永兴县国家" in line for line in marked)
        y = next(n for n, line in enumerate(screen_lines(app)) if "永兴县国家" in line)
        await pilot.click("#text", offset=(12, y))
        await pilot.pause()
        assert app.reader.view.row == 40, "a click picks the row under the mouse"
        assert "永兴县国家" in "".join(cursor_lines(app))
        view = app.reader.view
        for _ in range(5):  # k steps up the rows, scrolling as little as it must
            await pilot.press("k")
        assert view.row == 35 and view.items[view.cursor].address == TABLE3
        assert "益阳信息" in "".join(cursor_lines(app))  # row 36: 信息产业 | 益阳信息产业园
        await pilot.press("j")
        assert view.row == 36
        assert "湖南环保" in "".join(cursor_lines(app))


# ------------------------------------------------------------------ find in document


async def test_find_counts_marks_and_wraps_and_escape_keeps_the_place(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(app, pilot, "000")
        reader = app.reader
        await pilot.press("slash", *"工业园区")
        await pilot.pause()
        assert reader.find_bar.shown
        total = len(Finder(reader.items).find("工业园区"))
        assert total > 20
        assert count_shown(app) == f"1 / {total}"
        first = reader.view.cursor
        assert "工业园区" in reader.items[first].text
        await pilot.press("enter")  # back to the text: n/N now step the matches
        assert app.focused is reader.view
        await pilot.press("n")
        assert count_shown(app) == f"2 / {total}"
        await pilot.press("N", "N")
        assert count_shown(app) == f"{total} / {total}", "N before the first goes round to the last"
        await pilot.press("n")
        assert count_shown(app) == f"1 / {total}", "n after the last goes round to the first"
        await pilot.press("n", "n", "n")
        here = reader.view.cursor
        assert "工业园区" in "".join(screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.find_bar.shown
        assert reader.view.cursor == here, "closing find keeps the position"
        assert reader.view.found == ""
        assert app.screen is reader, "the first Esc only closed the bar"


async def test_find_in_a_table_puts_the_cursor_on_the_matching_row(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "000")
        await pilot.press("ctrl+f", *"永兴县国家循环")  # in a clause, then in the last row of 专栏3
        await pilot.press("down")
        await pilot.pause()
        view = app.reader.view
        assert count_shown(app) == "2 / 2"
        assert view.items[view.cursor].address == TABLE3 and view.row == 40
        assert "永兴县国家" in "".join(cursor_lines(app))  # the cell wraps at 80 columns
        await pilot.press("escape")
        await pilot.pause()
        assert "永兴县国家" in "".join(cursor_lines(app)), "closing find leaves the row where it was"


async def test_find_with_no_match_says_so_and_stays(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "001")
        before = app.reader.view.cursor
        await pilot.press("slash", *"没有这句话")
        await pilot.pause()
        assert count_shown(app) == "no match"
        assert app.reader.view.cursor == before


def test_find_ignores_width_and_case(corpus):
    finder = Finder(document_items(corpus.get("000")))
    assert fold("ＡＢｃ（１）") == "abc(1)"
    assert len(finder.find("２０１５年")) == len(finder.find("2015年")) > 0
    assert finder.find("（一）") == finder.find("(一)")


@pytest.mark.skipif(not POLICIES.exists(), reason="the shared corpus is not here")
async def test_a_match_deep_in_a_long_paragraph_is_scrolled_into_view():
    corpus = load_corpus([POLICIES / "230_zhengfu_gongzuo_baogao_2022.txt"])
    app = make_app(corpus)
    async with app.run_test(size=(80, 20)) as pilot:
        await opened(app, pilot, corpus.documents[0].key)
        reader = app.reader
        paragraph = max(reader.items, key=lambda item: len(item.text))
        view = reader.view
        index = view.items.index(paragraph)
        view._rendered(index)
        assert view.end_of(index) - view.start_of(index) > view.scrollable_content_region.height, "taller than the view"
        word = "助企业焕发生机"  # the paragraph's last words
        assert paragraph.text.rstrip("。").endswith(word)
        await pilot.press("slash", *word)
        # The scroll lands after a refresh or two: on a loaded machine, more than one pause.
        for _ in range(50):
            await pilot.pause(0.05)
            shown = "".join(screen_lines(app))
            if (
                count_shown(app) == "1 / 1"
                and "助企业焕" in "".join(cursor_lines(app))
                and paragraph.text[:10] not in shown
            ):
                break
        assert count_shown(app) == "1 / 1"
        assert view.items[view.cursor] is paragraph
        assert "助企业焕" in "".join(cursor_lines(app)), "the line with the match is on screen"
        assert paragraph.text[:10] not in "".join(screen_lines(app)), "not the paragraph's top"


# ------------------------------------------------------------------ keys on the focused pane


async def test_j_k_g_G_move_the_outline_when_it_has_the_focus_and_the_text_otherwise(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot, "001")
        reader = app.reader
        outline, view = reader.outline, reader.view
        await pilot.press("o")
        assert outline.has_focus
        line = outline.cursor_line
        await pilot.press("j", "j")
        assert outline.cursor_line == line + 2
        assert view.cursor == 0, "the text stays while the outline moves"
        await pilot.press("G")
        assert outline.cursor_line == outline.last_line
        await pilot.press("k")
        assert outline.cursor_line == outline.last_line - 1
        await pilot.press("g")
        assert outline.cursor_line == 0
        await pilot.press("o")
        assert view.has_focus
        await pilot.press("G")
        assert view.cursor == len(view.items) - 1
        bottom = view.scroll_y
        await pilot.press("ctrl+u")
        assert view.scroll_y < bottom
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_y == 0
        assert outline.cursor_line == 0 and outline.scroll_y == 0, "at the title the outline shows its top too"
        await pilot.press("ctrl+d")
        assert view.scroll_y > 0
        await pilot.press("j")
        assert view.cursor > 0


# ------------------------------------------------------------------ go to 专栏 / 附件 / tables


@pytest.mark.parametrize(
    ("typed", "address"),
    [("专栏3", TABLE3), ("专栏三", TABLE3), ("表2", "000/三/（二）/2/专栏2"), ("战略性新兴产业园", TABLE3)],
)
async def test_goto_reaches_a_table_by_label_number_or_caption(corpus, typed, address):
    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(app, pilot, "000")
        await pilot.press("colon", *typed)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.reader
        assert app.screen is reader
        assert reader.current_item.address == address
        caption = corpus.get("000").find(address).caption
        assert caption[:8] in "".join(screen_lines(app)), "the table's caption is on screen"


@pytest.mark.skipif(not POLICIES.exists(), reason="the shared corpus is not here")
async def test_goto_reaches_an_attachment():
    app = make_app(load_corpus([POLICIES]))
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(app, pilot, "218")
        await pilot.press("colon", *"附件2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        item = app.reader.current_item
        assert item.address.startswith("218/附件2")
        assert "宣传报道申报单" in "".join(screen_lines(app))


async def test_palette_lists_the_open_documents_tables_by_caption(corpus):
    from tui.palette import CeyueCommands

    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(app, pilot, "000")
        provider = CeyueCommands(app.screen)
        texts = [entry.text for entry in provider.entries(every_document=False)]
        assert "▦ 000 专栏3 湖南省战略性新兴产业园（基地）布局表" in texts
        assert "▤ 000 附件 湖南省“十二五”开发区发展规划" in texts
        hits = [hit async for hit in provider.search("新兴产业园")]
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "▦ 000 专栏3 湖南省战略性新兴产业园（基地）布局表"
        best.command()
        await pilot.pause()
        await pilot.pause()
        assert app.reader.current_item.address == TABLE3
