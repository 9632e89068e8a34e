"""Keep Python's cyclic garbage collector off the data ceyue loads once and keeps.

A loaded corpus is millions of small objects (documents, sections, clauses,
their lists) that live as long as the process and hold no reference cycles.
Left to the collector, every full collection walks all of them — 0.25 s at
10^5 records, with the interpreter lock held, so the browser froze — and the
young collections during loading walk them over and over (most of a warm
load). So: make them with the collector off, then freeze them (``gc.freeze``):
frozen objects are still freed by reference counting when dropped, but the
collector never walks them again. ``bench/gc_pauses.py`` measures the pauses.

The browser's start is the same case: the modules imported and the first screen
made stay for the session, and the collections Python runs while they are made
walked them again and again (a sixth of the CPU before the first frame on the
seeds). :func:`hold` turns the collector off for the start, :func:`release`
freezes what was made and turns it back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Run the block with the collector off; what it made (and all before it) is frozen when it succeeds.

    The young generations are collected first: what the user's last action left in a cycle would
    otherwise be frozen with the rest and never freed (a document opened in the reader froze it).
    Only the young ones: an older generation's walk is the pause this is meant to spare.
    """
    collecting = gc.isenabled()
    if collecting:
        gc.collect(1)
    gc.disable()
    try:
        yield
        settle()
    finally:
        if collecting:
            gc.enable()


#: How much rarer full collections are while :func:`few_full_collections` runs (Python's threshold: 10).
FULL_COLLECTIONS_RARER = 1_000


@contextmanager
def few_full_collections() -> Iterator[None]:
    """Run the block with the collector's own full collections made rare; young ones and
    ``gc.collect()`` (the browser's :func:`collect_now`) still run.

    An index build keeps parts of records in flight (a 10 MB document: 270,000 objects, none in a
    cycle) long enough that they reach the oldest generation, and each full collection walked them
    all to free nothing: 16 full collections took 4.0 s of a 25 s writer and freed 8 objects. Not
    off altogether: the browser builds in a thread while its screens make garbage of their own.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, old * FULL_COLLECTIONS_RARER)
    try:
        yield
    finally:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, old)


#: Allocations (net of those freed) between young collections in the browser: Python's 700.
YOUNG_COLLECTION_EVERY = 5_000


def space_young_collections() -> None:
    """Young collections every :data:`YOUNG_COLLECTION_EVERY` allocations instead of Python's 700.

    What a search or a redraw makes (result rows, Textual's lines, which refer to themselves through
    their caches) lives a few thousand allocations. Collections every 700 found it still alive and moved
    it to the oldest generation, where only a full collection, walking every object not frozen, frees
    it: 50 full collections of 40,000–85,000 objects for 15 typed queries at 3×10^5 records
    (``bench/gc_pauses.py --browser``). Spaced out, most of it is freed young. A young collection's cost
    is what it finds alive, not how much was made, so it grows little.
    """
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


def freeze_after_middle_collections() -> None:
    """What survives each collection of the middle generation (or the oldest) is frozen at once; doing it
    twice does nothing more.

    Between the user's pauses (:func:`collect_now`) what an action draws and keeps on screen (Textual's
    lines and their caches, a search's rows) survived the middle collections into the oldest generation,
    and Python's own full collections walked it all there: 40–60 ms of CPU each at 3×10^5 records, in the
    middle of the keys when the user typed or scrolled without a pause (``bench/gc_pauses.py``). A middle
    collection walks everything not frozen but the oldest generation, and the last freeze emptied that
    one: so it frees every cycle it could, and freezing then freezes no garbage, as at a pause. The oldest
    generation stays empty and no collection walks it. A young collection is not followed by one: what is
    in flight at a freeze (a search's worker and task, lines being drawn) is a cycle that dies a moment
    later and, frozen, is never freed; eleven times as many freezes froze 24,000 more such objects over 45
    typed queries, a leak growing with the session.
    """
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)


def stop_freezing_after_middle_collections() -> None:
    """Undo :func:`freeze_after_middle_collections` (the browser has quit; a process may run several)."""
    if _freeze_survivors in gc.callbacks:
        gc.callbacks.remove(_freeze_survivors)


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    """After a collection of the middle generation or the oldest: what survived is frozen (see above)."""
    if phase == "stop" and info["generation"] >= 1 and gc.isenabled():
        gc.freeze()


#: Whether :func:`hold` turned the collector off and :func:`release` has yet to turn it back on.
_held = False


def hold() -> None:
    """The collector off until :func:`release` (the browser's start: imports and the first screen)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """End :func:`hold`: what was made is frozen and the collector is back on. Does nothing without one."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def settle() -> None:
    """Everything alive now is here to stay: the collector will not walk it again (see the module's note)."""
    gc.freeze()


def collect_now() -> None:
    """A full collection at a moment the user does not feel (a pause), then what survived it frozen,
    unless loading has the collector off.

    Textual's widgets and the lines they keep refer to themselves, so drawing leaves garbage only a
    full collection frees, and every full collection walked all that the screens keep alive besides:
    at 3×10^5 records 20,000–45,000 objects, 40–60 ms of CPU, wherever Python ran it (in the middle
    of a key's work). Collected at a pause, the garbage is freed; frozen then, what is alive is not
    walked again, so the collections Python runs during the next action walk only what it made.
    Frozen objects are still freed when dropped; only one that dies in a cycle later is never freed,
    so nothing is frozen that is garbage already (the collection runs first).
    """
    if gc.isenabled():
        gc.collect()
        gc.freeze()
