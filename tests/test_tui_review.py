"""Review as a reviewer relies on it: notes visible beside their marks, exports that keep every line."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from documents.corpus import bundled_dir, load_corpus
from tui.app import CeyueApp
from tui.widgets.document_view import GUTTER

SIZE = (120, 40)
CLAUSE = "001/三/（四）/4"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([bundled_dir()])


def make_app(corpus, **kw) -> CeyueApp:
    return CeyueApp(corpus, start_index=False, **kw)


async def open_clause(app, pilot, address: str = CLAUSE) -> None:
    app.open_location(address.split("/")[0], address)
    await pilot.pause()
    await pilot.pause()


def gutter(view, address: str) -> str:
    """The gutter cells of the first line of the clause at ``address``."""
    index = next(n for n, item in enumerate(view.items) if item.address == address)
    strip = view.render_line(view._starts[index] - int(view.scroll_offset.y))
    margin = view.margin_for(strip)
    return strip.text[margin : margin + GUTTER]


async def test_a_note_on_a_marked_clause_shows_beside_the_mark_and_under_the_text(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"核对年份", "enter", *"再问牵头单位", "ctrl+s")
        await pilot.pause()
        reader = app.reader
        assert reader.view.marks[CLAUSE] == ("⚑", "flagged")
        assert CLAUSE in reader.view.noted
        assert gutter(reader.view, CLAUSE) == "▌ ⚑✎"
        line = reader.query_one("#reader-note", Static)
        assert line.display
        assert str(line.render()).splitlines() == ["✎ 核对年份", "再问牵头单位"]
        await pilot.press("j")  # a clause without a note: the line goes
        await pilot.pause()
        assert not line.display
