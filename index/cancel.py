"""Stopping a stale search: the caller's flag, checked by the search between its phases.

A search runs under the index's lock, so a newer query waits for the one before it to finish.
The browser sets the flag of a search once a newer query replaces it; the search then stops at
its next phase boundary (after compiling, after scoring, before snippets, before the document
list) and the newer one runs at once. A plain ``threading.Event``: ``index/`` knows no Textual.
"""

from __future__ import annotations

import threading

from documents.errors import SearchCancelled

__all__ = ["SearchCancelled", "StopFlag", "stop_if_set"]

#: Set by the caller when the search's answer is no longer wanted.
StopFlag = threading.Event


def stop_if_set(stop: StopFlag | None) -> None:
    """Raise :class:`SearchCancelled` when ``stop`` is set (never when there is none: the CLI's case)."""
    if stop is not None and stop.is_set():
        raise SearchCancelled("search cancelled: a newer query replaced it")
