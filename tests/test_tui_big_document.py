"""A 法规汇编 of thousands of sections in the reader: it opens at once, and every way of moving still lands.

The document is written here (a few hundred laws of a few articles each), so
the test needs no shared corpus; the reader must draw only what is in sight.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.corpus import load_corpus
from documents.state.review_export import clause_text_for
from tui.app import CeyueApp
from tui.docnav import Item, document_items, marked_text
from tui.find import Finder, Match, item_parts, needle, spans
from tui.item_heights import Guesses, gaps, text_lines
from tui.line_map import LineMap
from tui.widgets.document_view import CACHED_ITEMS, GUTTER
from tui.widgets.outline import GROUP_LIMIT

LAWS = 420
ARTICLES = 12
#: A phrase only the last law's last article has: find must go to the end for it.
LAST_WORDS = "档案应当永久保存备查"

_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1–999 in Chinese numerals as headings print them (十二, 一百零五, 四百二十)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not out else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")


def compilation() -> str:
    lines = ["法律法规汇编（测试本）", ""]
    for law in range(1, LAWS + 1):
        lines += [f"第{numeral(law)}章　第{law}号条例", ""]
        for article in range(1, ARTICLES + 1):
            text = f"第{numeral(article)}条　第{law}号条例第{article}条规定，有关单位应当依法履行职责，做好相关工作。"
            if law == LAWS and article == ARTICLES:
                text += LAST_WORDS + "。"
            lines += [text, ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    (folder / "900_法律法规汇编.txt").write_text(compilation(), encoding="utf-8")
    return load_corpus([folder])


def screen_text(app) -> str:
    view = app.reader.view
    return "\n".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))


async def open_document(app, pilot, address: str = "") -> None:
    app.open_location("900", address)
    await pilot.pause()
    await pilot.pause()
    await pilot.pause()


def test_the_document_is_as_big_as_meant(corpus):
    doc = corpus.documents[0]
    assert len(doc.root.children) == LAWS > GROUP_LIMIT
    assert len(document_items(doc)) > LAWS * ARTICLES


async def test_it_opens_on_its_first_page_drawing_only_what_is_in_sight(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot)
        view = app.reader.view
        shown = screen_text(app)
        assert "法律法规汇编" in shown
        assert "第1号条例" in shown
        assert len(view._item_cache) < 50 < CACHED_ITEMS < len(view.items), "not every item drawn"
        for _ in range(30):
            await pilot.press("pagedown")
        await pilot.pause()
        assert len(view._item_cache) <= CACHED_ITEMS


async def test_pages_follow_on_without_losing_or_repeating_a_line(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot)
        view = app.reader.view
        height = view.scrollable_content_region.height
        for _ in range(8):
            before = [line[GUTTER:] for line in screen_text(app).split("\n")]  # the cursor bar moves
            await pilot.press("pagedown")
            await pilot.pause()
            after = [line[GUTTER:] for line in screen_text(app).split("\n")]
            assert after[:2] == before[height - 2 :], "a page down keeps two lines of the page above"


async def test_the_end_key_and_a_jump_to_the_last_law_land_there(corpus):
    doc = corpus.documents[0]
    last = doc.root.children[-1]
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot)
        await pilot.press("G")
        await pilot.pause()
        assert LAST_WORDS in screen_text(app).replace(" ", "").replace("\n", "")
        await pilot.press("g")
        await pilot.pause()
        await open_document(app, pilot, last.address)
        reader = app.reader
        assert reader.current_item is not None and reader.current_item.section is last
        assert f"第{LAWS}号条例" in screen_text(app)
        outline = reader.outline
        assert outline.cursor_node is not None and outline.cursor_node.data == last.address
        await pilot.press("o", "enter")  # the outline's own jump goes there too
        await pilot.pause()
        assert reader.current_item.section is last


async def test_a_law_far_down_is_reached_through_its_folded_group_in_the_outline(corpus):
    doc = corpus.documents[0]
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot)
        outline = app.reader.outline
        groups = outline.root.children
        assert len(groups) < 10, "thousands of siblings come in groups"
        await pilot.press("o", "G", "space")  # the last group, unfolded
        await pilot.pause()
        await pilot.press("G", "enter")
        await pilot.pause()
        assert app.reader.current_item.section is doc.root.children[-1]


async def test_find_finds_text_at_the_very_end(corpus):
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot)
        await pilot.press("slash", *LAST_WORDS)
        await pilot.pause()
        await pilot.pause()
        assert str(app.reader.find_bar.query_one("#find-count").render()) == "1 / 1"
        assert LAST_WORDS[:4] in screen_text(app).replace(" ", "")


# ------------------------------------------------------------------ the layout's bookkeeping


@given(st.lists(st.integers(0, 5), max_size=700), st.data())
def test_line_map_agrees_with_a_plain_running_sum(heights, data):
    lines = LineMap(heights)
    if heights:
        for _ in range(5):
            index = data.draw(st.integers(0, len(heights) - 1))
            heights[index] = data.draw(st.integers(0, 5))
            lines.set(index, heights[index])
    starts = [sum(heights[:n]) for n in range(len(heights) + 1)]
    assert lines.total == starts[-1]
    for n in range(len(heights)):
        assert lines.start(n) == starts[n]
    for line in range(starts[-1]):
        index = lines.locate(line)
        assert starts[index] <= line < starts[index] + heights[index]


def test_guessed_heights_match_drawn_chinese_text(corpus):
    items = document_items(corpus.documents[0])
    guesses = Guesses(items).heights(60, 60)
    assert list(guesses) == [text_lines(item.label + item.text, 60) for item in items]
    assert list(gaps(items))[:3] == [0, 1, 1]


@pytest.mark.parametrize("query", ["园区", "（一）", "2015年", "专栏", "产业", "ｅ"])
def test_find_over_the_joined_text_matches_a_scan_of_each_part(seeds, query):
    items = document_items(seeds["000"])
    expected = []
    for index, item in enumerate(items):
        for part, (row, text) in enumerate(item_parts(item)):
            for start, end in spans(text, needle(query)):
                expected.append(Match(index, part, start, end, row))
    assert Finder(items).find(query) == expected
    assert expected or query == "ｅ"


def test_a_mark_is_about_the_same_text_whether_the_reader_or_the_store_looks_it_up(seeds):
    for doc in seeds.values():
        first: dict[str, Item] = {}
        for item in document_items(doc):
            first.setdefault(item.address, item)
        assert {a: marked_text(i) for a, i in first.items()} == {a: clause_text_for(doc, a) for a in first}


async def test_marking_the_last_article_shows_its_glyph(corpus):
    doc = corpus.documents[0]
    last = doc.root.children[-1].children[-1]
    app = CeyueApp(corpus, start_index=False, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(app, pilot, last.address)
        await pilot.press("2")
        await pilot.pause()
        entry = app.review_store.get(doc.key, last.address)
        assert entry is not None and entry.mark == "flagged"
        assert not entry.changed(clause_text_for(doc, last.address))
        assert "⚑" in screen_text(app)
