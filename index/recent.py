"""A bounded memory of recent answers, kept across searches of one opened index.

Typing a query repeats most of its needles and words (管 → 管理 → 管理 国家), and
the browser asks again when the view changes. What an opened index answers for
a string or a term never changes until the next generation, which opens a new
searcher; so the literal counts and postings of the last few strings are kept,
up to a number of entries (records), the least recently used dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """``get(key, make)``: the remembered value, else ``make()`` remembered; ``size(value)`` counts toward ``limit``."""

    def __init__(self, limit: int, size: Callable[[V], int]):
        self.limit = limit
        self._size = size
        self._values: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._total = 0

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        found = self._values.get(key)
        if found is not None:
            self._values.move_to_end(key)
            return found[0]
        value = make()
        size = self._size(value)
        if size <= self.limit:
            self._values[key] = (value, size)
            self._total += size
            while self._total > self.limit:
                _, (_, dropped) = self._values.popitem(last=False)
                self._total -= dropped
        return value

    def find(self, key: Hashable) -> V | None:
        """The remembered value, or None (without making it)."""
        found = self._values.get(key)
        if found is None:
            return None
        self._values.move_to_end(key)
        return found[0]

    def __len__(self) -> int:
        return len(self._values)
