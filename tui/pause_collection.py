"""A full garbage collection once the user pauses, on whatever screen (:func:`documents.collector.collect_now`).

Drawing leaves garbage only a full collection frees (Textual's widgets and the lines they keep refer
to themselves), and a full collection walks every object not frozen: at 3×10^5 records what the
screens keep alive made it 40–60 ms of CPU, run by Python in the middle of a key's work
(``bench/gc_pauses.py --browser``). So the browser collects when neither a key, a click nor new
results came for :data:`COLLECT_AFTER_SECONDS`, and freezes what survived: the collections that
fall in the middle of the next action walk only what that action made. One collection a pause,
none while the user does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

from documents.collector import collect_now

#: Seconds without a key, a click or new results before the collection (keys come 0.1–0.3 s apart when typed).
COLLECT_AFTER_SECONDS = 0.5


class PauseCollection:
    """Collects once :meth:`touched` has not been called for :data:`COLLECT_AFTER_SECONDS` and ``busy`` is false.

    One timer, armed at the first touch after a collection and moved on when it fires early: a key
    costs a clock reading, not a timer of its own.
    """

    def __init__(self, owner: MessagePump, busy: Callable[[], bool]) -> None:
        self._owner = owner
        self._busy = busy
        self._touched_at = 0.0
        self._timer: Timer | None = None

    @property
    def due(self) -> bool:
        """Whether a collection waits for the pause."""
        return self._timer is not None

    def touched(self) -> None:
        """The user did something (or results came): the collection waits for the pause after it."""
        self._touched_at = time.monotonic()
        if self._timer is None:
            self._timer = self._owner.set_timer(COLLECT_AFTER_SECONDS, self._fire)

    def _fire(self) -> None:
        wait = self._touched_at + COLLECT_AFTER_SECONDS - time.monotonic()
        if wait <= 0 and self._busy():
            wait = COLLECT_AFTER_SECONDS  # a search still running makes its results: collect after them
        if wait > 0:
            self._timer = self._owner.set_timer(wait, self._fire)
            return
        self._timer = None
        collect_now()
