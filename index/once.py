"""A table built at its first use, once per process."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def loaded_once(make: Callable[[], T]) -> Callable[[], T]:
    """``make`` run at the first call only, under a lock: the index opening (a worker) and a search
    may ask for the same table at once, and each table is read from its file once."""
    lock = threading.Lock()
    made: list[T] = []

    @functools.wraps(make)
    def load() -> T:
        with lock:
            if not made:
                made.append(make())
            return made[0]

    return load
