"""The search view's result list after many searches, and what the browser imports before its first frame."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from waiting import search_delivered, wait_until

from documents.corpus import bundled_dir
from tui import pause_collection
from tui.app import CeyueApp
from tui.console.cjk import wrap
from tui.widgets.hit_list import HitList, Row

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)


def screen_lines(hit_list: HitList) -> list[str]:
    """The list's lines as the terminal shows them."""
    return [hit_list.render_line(y).text for y in range(hit_list.scrollable_content_region.height)]


async def test_the_list_shows_the_latest_hits_after_many_searches(corpus, index_dir):
    """Rows are replaced in place search after search: what shows is always the last query's hits, in order."""
    app = CeyueApp(corpus, index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        screen = app.search_screen
        queries = ["循环化改造", "园区", "doc:002 开放", "", "产业", "循环化改造"]
        for query in queries:
            await pilot.press("ctrl+a", "ctrl+k", *query)  # select all and cut: the box holds ``query`` alone
            if not query:
                await pilot.pause(0.3)
                assert screen.options.row_count == 0 and screen.results is None
                continue
            await search_delivered(pilot, query)
            results = screen.results
            assert results is not None and results.hits
            hit_list = screen.options
            assert hit_list.row_count == len(screen.rows)
            shown = [n for n in screen.rows if n is not None]
            assert sorted(shown) == list(range(len(results.hits)))  # every hit once (grouped by document)
            lines = "\n".join(screen_lines(hit_list))
            top = hit_list.row_at_line(hit_list.scroll_offset.y) or 0
            bottom = hit_list.row_at_line(hit_list.scroll_offset.y + hit_list.scrollable_content_region.height - 1)
            checked = 0
            for row in range(top, bottom if bottom is not None else hit_list.row_count):
                # What is drawn is this query's: the snippets of its hits, the titles of its documents.
                n = screen.rows[row]
                if n is not None:
                    assert results.hits[n].snippet.strip()[:4] in lines
                    checked += 1
                elif row in screen.document_rows:
                    assert screen.document_rows[row].doc_title[:6] in lines
                    checked += 1
            assert checked


async def test_the_cursor_skips_headings_and_enter_opens_the_hit(corpus, index_dir):
    app = CeyueApp(corpus, index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"园区")
        await search_delivered(pilot, "园区")
        screen = app.search_screen
        hit_list = screen.options
        for _ in range(6):
            await pilot.press("down")
            row = hit_list.highlighted
            assert row is not None and not hit_list.rows[row].disabled
        await pilot.press("up")
        row = hit_list.highlighted
        assert row is not None and not hit_list.rows[row].disabled
        hit_list.highlighted = next(row for row, n in enumerate(screen.rows) if n is not None and n > 0)
        hit = screen.selected_hit()
        assert hit is not None
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.reader.location is not None, "the reader at the hit")
        assert app.screen is app.reader
        assert app.reader.location.address == screen.results.hits[hit].address


PROBE = r"""
import asyncio, json, sys
from pathlib import Path

async def probe():
    from documents.corpus import document_files, load_corpus
    from tui.app import CeyueApp

    folder = Path(sys.argv[1])
    app = CeyueApp(corpus_loader=lambda progress: load_corpus([folder], progress=progress), fresh=True,
                   listed_files=document_files([folder]), index_dir=Path(sys.argv[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        first = sorted(sys.modules)
        while app.search_index is None:
            await pilot.pause(0.05)
        later = sorted(sys.modules)
    print(json.dumps([first, later]))

asyncio.run(probe())
"""


def test_the_first_frame_comes_before_jieba_whoosh_and_the_other_screens(tmp_path):
    """The first screen shows from a light shell: the segmenter, the search engine, the readers of each file
    format and the reader and search screens load after it (the index still opens)."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(bundled_dir()), str(tmp_path / "index")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    first, later = json.loads(out.strip().splitlines()[-1])
    heavy = (
        "jieba",
        "whoosh",
        "index.service",
        "tui.screens.reader",
        "tui.screens.search",
        "documents.parsing.parser",
        "rich._emoji_codes",  # markup's emoji names: the list's headers are Text, not markup
    )
    assert [name for name in heavy if name in first] == []
    assert "whoosh" in later and "index.service" in later  # the search index did open after the first frame


async def test_the_list_moves_over_rows_that_can_be_chosen_and_draws_the_highlight():
    from textual.app import App

    chosen: list[int] = []

    class Host(App[None]):
        def compose(self):
            yield HitList(id="list")

        def on_hit_list_selected(self, message: HitList.Selected) -> None:
            chosen.append(message.index)

    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        hit_list = app.query_one(HitList)
        hit_list.set_rows([Row("heading", disabled=True), Row("one"), Row(" ", disabled=True), Row("two")])
        hit_list.focus()
        await pilot.pause()

        def style_of(line: int) -> object:
            return next(iter(hit_list.render_line(line))).style

        await pilot.press("down")
        assert hit_list.highlighted == 1
        await pilot.press("down")
        assert hit_list.highlighted == 3
        assert style_of(3) != style_of(1)  # the highlight moved, and the row it left is drawn plain again
        await pilot.press("up", "enter")
        assert hit_list.highlighted == 1 and chosen == [1]
        await pilot.press("end")
        assert hit_list.highlighted == 3
        await pilot.press("home")
        assert hit_list.highlighted == 1
        assert style_of(1) != style_of(3)
        hit_list.set_rows([Row("alone")])
        assert hit_list.highlighted is None and hit_list.row_count == 1


def cells(strips: list) -> list[tuple[str, object]]:
    """Each character drawn with its style: two drawings that agree here look the same on any terminal.

    (Textual marks the text it draws itself with offsets for mouse selection, which a list row has no use for.)
    """
    return [(ch, segment.style.clear_meta_and_links()) for strip in strips for segment in strip for ch in segment.text]


async def test_a_hit_drawn_from_its_lines_looks_as_rich_lays_it_out():
    """The list draws a hit from its wrapped lines; Rich's layout of the same hit (group, indent, wrapped
    snippet) gives the same characters in the same styles, cut with the same ellipsis, at any width."""
    from rich.text import Text
    from textual.app import App

    from tui.screens.search import HitLines, drawn_hit

    class Host(App[None]):
        def compose(self):
            yield HitList(id="list")

    where = Text(no_wrap=True, overflow="ellipsis")
    where.append("  第三章 行政许可的实施程序 › 第一节 申请与受理 › 第二十九条", style="dim")
    where.append("  [table row 2]", style="dim italic")
    snippet = Text(
        "…公民、法人或者其他组织从事特定活动，依法需要取得行政许可的，应当向行政机关提出申请。Apply early, 2020 年底前 75% 的园区…"
    )
    snippet.stylize("bold reverse", 18, 22)
    snippet.stylize("bold reverse", 40, 44)
    for width in (24, 51, 76, 140):
        app = Host()
        async with app.run_test(size=(width, 30)) as pilot:
            hit_list = app.query_one(HitList)
            lines = HitLines(where, snippet)
            rich_row = Row(drawn_hit(where, snippet), height=lines.count)
            hit_list.set_rows([rich_row, Row(drawn_hit(where, snippet), texts=lines.at), rich_row])
            hit_list.highlighted = 2
            await pilot.pause()
            assert hit_list.rows[1].lines(hit_list._width) == rich_row.lines(hit_list._width) >= 2
            assert cells(hit_list._row_lines(1)) == cells(hit_list._row_lines(0))
            hit_list.set_rows([Row(drawn_hit(where, snippet), texts=lines.at), rich_row])
            hit_list.highlighted = 0
            await pilot.pause()
            highlighted = cells(hit_list._row_lines(0))
            hit_list.highlighted = 1
            await pilot.pause()
            assert highlighted == cells(hit_list._row_lines(1)) != cells(hit_list._row_lines(0))


async def test_one_line_rows_look_as_textual_draws_them_and_keep_the_title_when_cut():
    """A document's line, a group's line, a heading and a spacer drawn as they stand: where the line fits,
    the same characters in the same styles as Textual's drawing, highlighted or not; where it does not, its
    start up to an ellipsis (Textual folded a group's line at the space before a long title and showed
    the number alone)."""
    from rich.text import Text
    from textual.app import App

    from index.results import DocumentCount
    from tui.screens.search import document_prompt, group_prompt
    from tui.widgets.hit_list import line_row

    class Host(App[None]):
        def compose(self):
            yield HitList(id="list")

    title = "中华人民共和国行政许可法（2019年修正）关于印发《行政许可实施办法》的通知"
    texts = [
        group_prompt(title, "012", 7, [(7, 11)]),
        group_prompt("行政许可法", "012", 7, [(2, 6)]),
        document_prompt(DocumentCount("012_ab", "012", title, 32, 1.5)),
        document_prompt(DocumentCount("012_ab", "012", "行政许可法", 32, 1.5)),
        Text("best clauses", style="bold underline"),
        Text(" "),
    ]
    for width in (40, 80, 140):
        app = Host()
        async with app.run_test(size=(width, 30)) as pilot:
            hit_list = app.query_one(HitList)
            cells_wide = hit_list.scrollable_content_region.width
            for text in texts:
                hit_list.set_rows([line_row(text), Row(text)])
                hit_list.highlighted = None
                await pilot.pause()
                drawn = hit_list._row_lines(0)
                assert len(drawn) == 1 and drawn[0].cell_length == cells_wide
                if text.cell_len > cells_wide:
                    shown = drawn[0].text.rstrip()
                    assert shown.endswith("…") and shown[:4] == text.plain[:4]
                    continue
                assert cells(drawn) == cells(hit_list._row_lines(1))
                hit_list.highlighted = 0
                await pilot.pause()
                highlighted = cells(hit_list._row_lines(0))
                hit_list.highlighted = 1
                await pilot.pause()
                assert highlighted == cells(hit_list._row_lines(1))


async def test_rows_taller_than_the_list_are_counted_once_at_the_width_left_by_the_scrollbar():
    """Rows that bring the scrollbar are counted at the width beside it: drawing them does not change the size
    counted when they were set (that change laid the whole screen out a second time after a search)."""
    from textual.app import App

    class Host(App[None]):
        def compose(self):
            yield HitList(id="list")

    words = Text("条款 " * 30)
    lines = [Text(str(n)) for n in range(3)]
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        hit_list = app.query_one(HitList)
        hit_list.set_rows([Row("one")])
        await pilot.pause()
        assert not hit_list.show_vertical_scrollbar
        hit_list.set_rows([Row(words, height=lambda w: len(wrap(words, w)), texts=lambda _w: lines)] * 8)
        counted = hit_list.virtual_size
        await pilot.pause()
        assert hit_list.show_vertical_scrollbar
        assert hit_list.virtual_size == counted
        assert counted.width == hit_list.scrollable_content_region.width


async def test_more_rows_than_lines_of_room_are_cut_once_at_the_width_beside_the_scrollbar():
    """A row is a line or more, so more rows than the list has lines need the scrollbar: each is counted
    beside it at once, never first at the whole width (a hit's snippet is wrapped at each width counted)."""
    from textual.app import App

    class Host(App[None]):
        def compose(self):
            yield HitList(id="list")

    widths: list[int] = []

    def height(width: int) -> int:
        widths.append(width)
        return 1

    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        hit_list = app.query_one(HitList)
        hit_list.set_rows([Row(Text("条款"), height=height)] * 30)
        await pilot.pause()
        assert hit_list.show_vertical_scrollbar
        assert set(widths) == {hit_list.scrollable_content_region.width}


def collections_noting(monkeypatch, note: Callable[[], T]) -> list[T]:
    """What ``note()`` says at each pause collection the browser runs (it does not collect)."""
    collected: list[T] = []
    monkeypatch.setattr(pause_collection, "collect_now", lambda: collected.append(note()))
    return collected


async def test_the_collection_after_a_search_waits_until_typing_pauses(corpus, index_dir, monkeypatch):
    """No full collection between the last key and the hits: it runs once neither keys nor results came a while."""
    app = CeyueApp(corpus, index_dir=index_dir)
    collected = collections_noting(monkeypatch, lambda: app.search_screen.query_text)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"园区")
        await search_delivered(pilot, "园区")
        assert collected == []
        await pilot.press(*"产业")
        await pilot.pause(pause_collection.COLLECT_AFTER_SECONDS / 2)
        assert collected == []
        await wait_until(pilot, lambda: collected, "a collection once typing paused")
        assert collected == ["园区产业"]
        await pilot.pause(pause_collection.COLLECT_AFTER_SECONDS * 2)
        assert collected == ["园区产业"], "one collection a pause, none while nothing happens"


async def test_the_collection_waits_for_a_search_still_running(corpus, index_dir, monkeypatch):
    """A pause while a search runs: the collection comes after its results, not in the way of them."""
    app = CeyueApp(corpus, index_dir=index_dir)
    collected = collections_noting(monkeypatch, lambda: app.search_screen.searching)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        await wait_until(pilot, lambda: collected, "the collection after opening the search")
        collected.clear()
        screen = app.search_screen
        screen._searching = "园区"  # as while a search runs in its thread
        app.pause_collection.touched()
        await pilot.pause(pause_collection.COLLECT_AFTER_SECONDS * 2)
        assert collected == []
        screen._searching = None
        await wait_until(pilot, lambda: collected, "a collection once the search is over")
        assert collected == [False]


async def test_keys_in_the_reader_put_the_collection_off_too(corpus, index_dir, monkeypatch):
    """Any screen: paging through a document is an action the collection does not interrupt."""
    monkeypatch.setattr(pause_collection, "COLLECT_AFTER_SECONDS", 1.5)  # a page drawn on a loaded machine is no pause
    app = CeyueApp(corpus, index_dir=index_dir)
    collected = collections_noting(monkeypatch, lambda: app.current_mode)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # the first document of the list, in the reader
        await wait_until(pilot, lambda: app.reader.document is not None, "the reader")
        await wait_until(pilot, lambda: collected, "the collection after opening the document")
        collected.clear()
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause(0.5)
            assert collected == []
        await wait_until(pilot, lambda: collected, "a collection once paging paused")
        assert collected == ["reader"]


def test_a_matching_documents_row_is_one_object_beside_its_count():
    """Thousands of documents match a common word: a row each, walked by every collection while shown."""
    import gc

    from index.results import DocumentCount
    from tui.screens.search import document_row

    count = DocumentCount("laws/x.txt", "12", "中华人民共和国行政处罚法", 7, 1.5)
    row = document_row(count)
    own = [r for r in gc.get_referents(row) if gc.is_tracked(r) and r is not count and not isinstance(r, type)]
    assert own == [], "the row holds nothing of its own the collector walks"
    assert row.lines(80) == 1
    (line,) = row.lines_at(80) or ()
    assert line.plain.endswith("中华人民共和国行政处罚法") and "7 hits" in line.plain
