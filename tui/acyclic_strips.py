"""Textual's drawn lines freed when dropped, not left for the garbage collector.

To paint the screen, Textual's compositor cuts every drawn line (a ``Strip``) where other widgets
cover it (``Strip.divide``). A line nothing covers is cut into itself alone, and Textual keeps that
answer, ``[self]``, in the line's own cache: the line refers to itself, so dropping it frees
nothing, and it and its seven caches wait for a collection to find the cycle. That was most of
the cyclic garbage the browser made: typing 15 queries over the 579 laws left 13,000 lines,
91,000 of their caches and 190,000 objects in all for the collector (``gc.DEBUG_SAVEALL``), and
the collections that found them were the pauses of issue 18 (``bench/gc_pauses.py --browser``).

:func:`keep_strips_acyclic` makes that one case answer without the cache: cutting a line into
itself is a comparison, so the cache saved nothing there. Every other cut is Textual's own,
cached as before; Textual's files are untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual.strip import Strip

#: Textual's own ``Strip.divide``, which the replacement hands every real cut to.
_textual_divide: Callable[[Strip, Iterable[int]], Sequence[Strip]] = Strip.divide


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    """``Strip.divide``, except that a line cut only at its end is itself, not cached in itself."""
    length = self.cell_length
    kept = [cut for cut in cuts if cut <= length]
    if kept == [length]:
        return [self]
    return _textual_divide(self, kept)


def keep_strips_acyclic() -> None:
    """Drawn lines no longer refer to themselves (see the module's note); doing it twice does nothing more."""
    Strip.divide = _divide  # type: ignore[method-assign]
