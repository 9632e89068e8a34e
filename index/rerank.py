"""Re-weighing the best pool of records by where they stand (see :mod:`index.articles`).

An item (项) of an article is a fragment whose subject is its article's lead:
it counts ``ITEM_WEIGHT``, so ``申请回避；`` or ``依法应当适用听证程序的；`` alone
does not lead the articles that set the rule (the lead and the other items of
its article are still found).
"""

from __future__ import annotations

from collections.abc import Callable

from index.articles import is_item

#: Measured on bench/relevance.py (laws MRR 0.754 -> 0.764 alone; 0.7 gave 0.758).
ITEM_WEIGHT = 0.5


def items_weighed(ranked: list, path_of: Callable[[int], str]) -> list:
    """``ranked`` (score, docnum, …) tuples with items re-weighed, re-sorted best first (ties in record order)."""
    out = [(item[0] * ITEM_WEIGHT, *item[1:]) if is_item(path_of(item[1])) else item for item in ranked]
    out.sort(key=lambda x: (-x[0], x[1]))
    return out
