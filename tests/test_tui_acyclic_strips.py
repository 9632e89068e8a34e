"""Drawn lines are freed when dropped: none is left for the garbage collector (tui.acyclic_strips)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from rich.segment import Segment
from textual.strip import Strip
from waiting import search_delivered

from tui.acyclic_strips import _textual_divide, keep_strips_acyclic
from tui.app import CeyueApp


@contextmanager
def garbage_kept() -> Iterator[list[object]]:
    """Collector off in the block; afterwards the yielded list holds what a collection found unreachable."""
    gc.collect()
    gc.disable()
    found: list[object] = []
    try:
        yield found
    finally:
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        found.extend(gc.garbage)
        gc.garbage.clear()
        gc.set_debug(0)
        gc.enable()


def test_a_line_cut_into_itself_is_freed_without_the_collector():
    keep_strips_acyclic()
    with garbage_kept() as found:
        strip = Strip([Segment("第一条 "), Segment("总则")])
        assert list(strip.divide([strip.cell_length])) == [strip]
        assert list(strip.divide([strip.cell_length, strip.cell_length + 4])) == [strip]
        del strip
    assert not [o for o in found if isinstance(o, Strip)]


def line() -> Strip:
    return Strip([Segment("第一条 "), Segment("总则"), Segment("ab")])


@pytest.mark.parametrize("cuts", [[13], [2, 13], [4, 7, 13], [3], [13, 20], [0, 13], []])
def test_every_cut_is_the_one_textual_makes(cuts):
    keep_strips_acyclic()
    assert line().cell_length == 13
    ours = [(piece.text, piece.cell_length) for piece in line().divide(iter(cuts))]
    assert ours == [(piece.text, piece.cell_length) for piece in _textual_divide(line(), cuts)]


async def test_searching_and_drawing_the_hits_leaves_no_line_for_the_collector(corpus, index_dir):
    """The screen's lines of a search and the scrolled list die when replaced, not at a collection."""
    app = CeyueApp(corpus, index_dir=index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        with garbage_kept() as found:
            for query in ("园区", "循环化改造", "产业"):
                await pilot.press("ctrl+a", "ctrl+k", *query)
                await search_delivered(pilot, query)
                await pilot.press("down", "down", "pagedown")
                await pilot.pause()
        strips = [o for o in found if isinstance(o, Strip)]
        assert not strips, f"{len(strips)} drawn lines left to the collector"
