"""Load Textual without the widgets its command palette names only for a type.

``textual.command`` (which ``textual.app`` imports) takes one type alias,
``IgnoreReturnCallbackType``, from ``textual.types``, a module that re-exports names
from the directory tree, tree, select and placeholder widgets and so imports them all:
five modules none of ceyue's screens uses, 12-19 ms of CPU before the first frame
(``python -X importtime``, the least of 5 runs each at load ~7). :func:`install` has
``textual.command`` loaded with a stand-in holding that alias from where Textual
defines it (:mod:`documents.stand_ins`); whatever imports ``textual.types`` itself
gets the real one.
"""

from __future__ import annotations

import types

from documents import stand_ins


def _types() -> types.ModuleType:
    from textual._types import IgnoreReturnCallbackType

    return stand_ins.stand_in("textual.types", IgnoreReturnCallbackType=IgnoreReturnCallbackType)


#: Textual module -> (the import it makes, what it gets instead while that is not loaded).
STAND_INS: stand_ins.StandIns = {"textual.command": ("textual.types", _types)}


def install() -> None:
    """Load ``textual.command`` with its stand-in from now on; a no-op once it is loaded."""
    stand_ins.install(STAND_INS)
