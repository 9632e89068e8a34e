"""Where each item of a very long list of variable-height items starts, kept up to date cheaply.

The reader draws documents of a million paragraphs: their heights are
estimated up front and corrected one by one as items are drawn. A flat list of
start lines would cost O(n) per correction; here heights are summed per block
of items, so a correction is O(1) and finding an item's start or the item at a
line costs a few C-speed sums over one block and the block totals.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

BLOCK = 256


class LineMap:
    """Heights (in lines) of items 0..n-1; items may be 0 lines high."""

    def __init__(self, heights: Iterable[int] = ()) -> None:
        self._heights = array("q", heights)
        n = len(self._heights)
        self._sums = [sum(self._heights[b : b + BLOCK]) for b in range(0, n, BLOCK)]
        self._ends: list[int] | None = None

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        return self._block_ends()[-1] if self._sums else 0

    def height(self, index: int) -> int:
        return self._heights[index]

    def set(self, index: int, height: int) -> int:
        """Give item ``index`` a new height; the change in lines."""
        delta = height - self._heights[index]
        if delta:
            self._heights[index] = height
            self._sums[index // BLOCK] += delta
            self._ends = None
        return delta

    def start(self, index: int) -> int:
        """The first line of item ``index`` (the total for ``len(self)``)."""
        block = index // BLOCK
        before = self._block_ends()[block - 1] if block else 0
        return before + sum(self._heights[block * BLOCK : index])

    def locate(self, line: int) -> int:
        """The item drawn at ``line`` (clamped to the first/last item; -1 when there are none)."""
        if not self._heights:
            return -1
        ends = self._block_ends()
        block = min(bisect_right(ends, line), len(ends) - 1)
        base = ends[block - 1] if block else 0
        heights = self._heights[block * BLOCK : (block + 1) * BLOCK]
        into = bisect_right(list(accumulate(heights)), line - base)
        return min(block * BLOCK + into, len(self._heights) - 1)

    def _block_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = list(accumulate(self._sums))
        return self._ends
