"""A stale search gives way: once its stop flag is set it ends at its next phase, and the view shows the newer query."""

from __future__ import annotations

import threading
import time

import pytest
from waiting import search_delivered, wait_until

from documents.errors import SearchCancelled
from index.searcher import Searcher
from index.service import SearchIndex
from tui.app import CeyueApp

SIZE = (120, 40)
SLOW = "园区"
NEWER = "循环化改造"
#: Each hit's snippet of the slow query takes this long: a search left to finish takes many seconds.
HIT_DELAY_S = 0.5


@pytest.fixture
def slow_first(monkeypatch):
    """The slow query's scoring waits 0.5 s (``started`` tells the test it began), each of its hits 0.5 s more."""
    started = threading.Event()
    real_matches, real_hit = Searcher._word_matches, Searcher._hit

    def matches(self, compiled, q):
        if compiled.parsed.text == SLOW:
            started.set()
            time.sleep(HIT_DELAY_S)
        return real_matches(self, compiled, q)

    def hit(self, docnum, score, is_literal, needles, compiled, words):
        if compiled.parsed.text == SLOW:
            time.sleep(HIT_DELAY_S)
        return real_hit(self, docnum, score, is_literal, needles, compiled, words)

    monkeypatch.setattr(Searcher, "_word_matches", matches)
    monkeypatch.setattr(Searcher, "_hit", hit)
    return started


def test_a_set_flag_stops_the_search_before_its_snippets(corpus, index_dir, monkeypatch):
    """Set while the words are scored, the flag stops the search before a single hit is made; unset, nothing changes."""
    made: list[int] = []
    real_matches, real_hit = Searcher._word_matches, Searcher._hit
    stop = threading.Event()

    def matches(self, compiled, q):
        stop.set()  # a newer query arrives while this one scores
        return real_matches(self, compiled, q)

    def hit(self, docnum, *args):
        made.append(docnum)
        return real_hit(self, docnum, *args)

    with SearchIndex.open(corpus, index_dir=index_dir) as index:
        expected = index.search(SLOW)
        assert expected.hits and index.search(SLOW, stop=threading.Event()).hits == expected.hits
        monkeypatch.setattr(Searcher, "_word_matches", matches)
        monkeypatch.setattr(Searcher, "_hit", hit)
        with pytest.raises(SearchCancelled):
            index.search(SLOW, stop=stop)
        assert made == []
        monkeypatch.setattr(Searcher, "_word_matches", real_matches)
        assert index.search(SLOW).hits == expected.hits  # the index still answers after a cancelled search


async def test_a_query_typed_during_a_slow_search_shows_at_once(corpus, index_dir, slow_first):
    """The newer query's hits show without waiting for the stale search to finish, and the stale ones never do."""
    app = CeyueApp(corpus, index_dir=index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        screen = app.search_screen
        shown: list[str] = []
        real_show = screen.show_results

        def show(results):
            if results is not None:
                shown.append(results.query)
            real_show(results)

        screen.show_results = show  # type: ignore[method-assign]
        await pilot.press(*SLOW)
        await wait_until(pilot, slow_first.is_set, "the slow search to begin")
        began = time.monotonic()
        await pilot.press("ctrl+a", "ctrl+k", *NEWER)
        await search_delivered(pilot, NEWER)
        waited = time.monotonic() - began
        assert screen.results is not None and screen.results.query == NEWER and screen.results.hits
        assert SLOW not in shown
        # Left to finish, the slow search would make its hits first: 0.5 s each, many seconds in all.
        assert waited < 5 * HIT_DELAY_S
