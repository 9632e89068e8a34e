"""A bounded memory of recent answers, kept across searches of one opened index.

Typing a query repeats most of its needles and words (管 → 管理 → 管理 国家), and
the browser asks again when the view changes. What an opened index answers for
a string or a term never changes until the next generation, which opens a new
searcher; so the literal counts and postings of the last few strings are kept,
the least recently used dropped first, up to a bound in bytes (``Budget``)
that several memories of one index share. Bytes, not entries: one common
word's answer at 10^6 records (的: 727,000 records) is more entries than a
bound sized for a 10^5 library held, so it was made again at every search,
while as numpy columns it is 12 bytes a record — and the same answer as a
dictionary is about 100.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sized
from collections.abc import Set as AbstractSet
from typing import Generic, TypeVar

V = TypeVar("V")

#: About what one entry of a dictionary (or set) of numbers holds: its slots, an int and a float object.
ENTRY_BYTES = 100
#: About what one item of a list of numbers holds: its pointer and a number object.
ITEM_BYTES = 40
#: What any other object is counted as.
OBJECT_BYTES = 64


def kept_bytes(value: object) -> int:
    """About the bytes ``value`` holds: numpy arrays and ``array`` by their buffers, an object with a
    ``kept_bytes()`` of its own by it (``columns.ColumnMap``), a dictionary or set per entry, a tuple
    (or a list of tuples) as the sum of its parts. A part two entries share is counted in both."""
    own = getattr(value, "kept_bytes", None)
    if callable(own):
        return int(own())
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):  # numpy
        return nbytes
    if isinstance(value, array):
        return len(value) * value.itemsize
    if isinstance(value, tuple) or (isinstance(value, list) and value and isinstance(value[0], tuple)):
        return OBJECT_BYTES + sum(map(kept_bytes, value))
    if isinstance(value, (Mapping, AbstractSet)):
        return OBJECT_BYTES + ENTRY_BYTES * len(value)
    if isinstance(value, Sized):
        return OBJECT_BYTES + ITEM_BYTES * len(value)
    return OBJECT_BYTES


class Budget:
    """A bound shared by several :class:`Recent` memories: past it, the least recently used entry of
    any of them is dropped."""

    def __init__(self, limit: int):
        self.limit = limit
        self.total = 0
        self._order: OrderedDict[tuple[int, Hashable], tuple[Recent, int]] = OrderedDict()

    def used(self, owner: Recent, key: Hashable, size: int) -> None:
        """``owner``'s entry ``key`` (added, or asked again and measured anew) is now the most recent."""
        slot = (id(owner), key)
        had = self._order.pop(slot, None)
        if had is not None:
            self.total -= had[1]
        self._order[slot] = (owner, size)
        self.total += size
        while self.total > self.limit:
            (_, dropped), (holder, size) = self._order.popitem(last=False)
            self.total -= size
            holder.forget(dropped)


class Recent(Generic[V]):
    """``get(key, make)``: the remembered value, else ``make()`` remembered; ``size(value)`` counts toward
    ``limit`` (a number, or a :class:`Budget` shared with other memories). A value is measured again each
    time it is asked for: a kept answer read as a dictionary since it was kept holds more."""

    def __init__(self, limit: int | Budget, size: Callable[[V], int] = kept_bytes):
        self.budget = limit if isinstance(limit, Budget) else Budget(limit)
        self._size = size
        self._values: dict[Hashable, V] = {}

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        if key in self._values:
            return self._asked_again(key)
        value = make()
        size = self._size(value)
        if size <= self.budget.limit:
            self._values[key] = value
            self.budget.used(self, key, size)
        return value

    def find(self, key: Hashable) -> V | None:
        """The remembered value, or None (without making it)."""
        return self._asked_again(key) if key in self._values else None

    def _asked_again(self, key: Hashable) -> V:
        """The kept value of ``key``, measured anew and made the most recent."""
        found = self._values[key]
        self.budget.used(self, key, self._size(found))
        return found

    def forget(self, key: Hashable) -> None:
        """Drop ``key`` (its :class:`Budget` has already)."""
        self._values.pop(key, None)

    def __len__(self) -> int:
        return len(self._values)
