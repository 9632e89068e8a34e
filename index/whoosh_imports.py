"""Load Whoosh without the imports it never uses: ``urllib.request``, ``asyncio``, English morphology.

``whoosh.compat`` imports ``urllib.request`` for a download helper nothing
calls, and ``whoosh.reading`` takes one decorator from the ``cached_property``
package, which imports ``asyncio``: together about 0.15 s of CPU, a third of a
command-line search. ``whoosh.query.terms`` imports ``whoosh.lang.morph_en``
for its ``Variations`` query (English word forms), which ceyue never builds:
the module makes a table of 600 exception lines and compiles six large patterns
as it loads (14-20 ms). :func:`install` has exactly those modules loaded with a
stand-in for that one name (:mod:`documents.stand_ins`): a ``urlretrieve`` or ``variations`` that
imports the real one when called; :func:`functools.cached_property`, which does the same for the
plain method Whoosh decorates.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from documents import stand_ins


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


def _variations(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("whoosh.lang.morph_en").variations(*args, **kwargs)


#: Whoosh module -> (the import it makes, what it gets instead while that is not loaded).
STAND_INS: stand_ins.StandIns = {
    "whoosh.compat": ("urllib.request", lambda: stand_ins.stand_in("urllib.request", urlretrieve=_urlretrieve)),
    "whoosh.reading": (
        "cached_property",
        lambda: stand_ins.stand_in("cached_property", cached_property=functools.cached_property),
    ),
    "whoosh.query.terms": (
        "whoosh.lang.morph_en",
        lambda: stand_ins.stand_in("whoosh.lang.morph_en", variations=_variations),
    ),
}


def install() -> None:
    """Load those Whoosh modules with their stand-ins from now on; a no-op for Whoosh modules already loaded."""
    stand_ins.install(STAND_INS)
