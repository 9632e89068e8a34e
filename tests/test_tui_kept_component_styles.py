"""A restyle that changes no component's look keeps its styles: no cycle is dropped (tui.kept_component_styles)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.kept_component_styles import keep_unchanged_component_styles
from tui.widgets.hit_list import HitList


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield HitList(id="list")


async def test_an_unchanged_restyle_keeps_the_component_styles_and_a_change_of_look_replaces_them():
    keep_unchanged_component_styles()
    app = _Host()
    async with app.run_test(size=(40, 10)) as pilot:
        hit_list = app.query_one(HitList)
        hit_list.blur()
        await pilot.pause()
        before = dict(hit_list._component_styles)
        assert before, "the list reads its rows' looks from component classes"
        app.stylesheet.apply(hit_list)
        assert all(hit_list._component_styles[name] is styles for name, styles in before.items())
        highlighted = hit_list.get_component_rich_style("hit-list--row-highlighted")
        hit_list.focus()
        await pilot.pause()
        app.stylesheet.apply(hit_list)
        assert hit_list._component_styles["hit-list--row-highlighted"] is not before["hit-list--row-highlighted"]
        assert hit_list.get_component_rich_style("hit-list--row-highlighted") != highlighted, "focused, it looks so"
