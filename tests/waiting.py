"""Waiting in Pilot tests for what the app does, not for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

#: Long enough for a loaded machine; a condition that never holds fails after this.
TIMEOUT = 30.0


async def wait_until(pilot, condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Let the app run until ``condition()`` holds (checked after each short turn of its loop)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        await pilot.pause(0.01)


async def search_delivered(pilot, query: str) -> None:
    """Wait until the search screen shows the results of ``query`` (after the debounce and the worker)."""
    screen = pilot.app.search_screen

    def shown() -> bool:
        results = screen.results
        return results is not None and results.query == query and screen.query_text == query

    await wait_until(pilot, shown, f"the results of {query!r}")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
