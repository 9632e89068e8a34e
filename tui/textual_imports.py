"""Load Textual without the widgets its command palette names only for a type, and asyncio without ``ssl``.

``textual.command`` (which ``textual.app`` imports) takes one type alias,
``IgnoreReturnCallbackType``, from ``textual.types``, a module that re-exports names
from the directory tree, tree, select and placeholder widgets and so imports them all:
five modules none of ceyue's screens uses, 12-19 ms of CPU before the first frame
(``python -X importtime``, the least of 5 runs each at load ~7). :func:`install` has
``textual.command`` loaded with a stand-in holding that alias from where Textual
defines it (:mod:`documents.stand_ins`); whatever imports ``textual.types`` itself
gets the real one.

asyncio, which Textual runs on, imports ``ssl`` in three modules (``base_events``,
``selector_events``, ``sslproto``) for encrypted connections, and does without it
(``ssl = None``) where Python was built without OpenSSL. ceyue opens no connection, and
``ssl`` with the OpenSSL libraries it links was ~31 ms of the browser's CPU before its first
frame (a fresh process at load 6; ~6% of it): asyncio's modules get the ``ImportError``
of a Python without it, and whatever imports ``ssl`` itself still gets the real one.
"""

from __future__ import annotations

import types

from documents import stand_ins


def _types() -> types.ModuleType:
    from textual._types import IgnoreReturnCallbackType

    return stand_ins.stand_in("textual.types", IgnoreReturnCallbackType=IgnoreReturnCallbackType)


#: Textual's or asyncio's module -> (the import it makes, what it gets instead while that is not loaded).
STAND_INS: stand_ins.StandIns = {
    "textual.command": ("textual.types", _types),
    "asyncio.base_events": ("ssl", stand_ins.absent),
    "asyncio.selector_events": ("ssl", stand_ins.absent),
    "asyncio.sslproto": ("ssl", stand_ins.absent),
}


def install() -> None:
    """Load these modules with their stand-ins from now on; a module already loaded stays as it is."""
    stand_ins.install(STAND_INS)
