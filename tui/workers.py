"""Threads for the app's workers that never hold up quitting.

Textual runs thread workers on the event loop's default executor, and asyncio
waits for that executor's threads when the loop closes: a quit during the first
index build of a large folder then blanks the screen while the build runs on
for minutes. :class:`DaemonExecutor` runs each job on a daemon thread and does
not wait for it on shutdown. The workers themselves stop at their next progress
report once cancelled (see ``CeyueApp``); whatever a daemon thread was writing
when the process ended is safe, as after a kill: the index switches
generations atomically and discards an abandoned one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class DaemonExecutor(ThreadPoolExecutor):
    """One daemon thread per job; :meth:`shutdown` never waits.

    A ThreadPoolExecutor only because asyncio accepts no other default executor;
    its pool is never used.
    """

    def __init__(self, name: str = "ceyue-worker") -> None:
        super().__init__(max_workers=1)
        self._name = name
        self._count = 0
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to whoever awaits the future, never printed here
                future.set_exception(exc)
            else:
                future.set_result(result)

        with self._lock:
            self._count += 1
            name = f"{self._name}-{self._count}"
        threading.Thread(target=run, name=name, daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads are daemons and stop on their own once cancelled."""
