"""The code ``dataclasses`` writes and compiles at every start, compiled once and kept in the cache folder.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``… as source text and
compiles it with ``exec`` as the class is made: ~200 texts before the browser's first frame
(Textual's classes and ceyue's own), a parse and a compile each, every start. Python keeps
modules' bytecode between runs, not these. :func:`install` has ``dataclasses`` run the code
object compiled from the very same text, kept in one marshal file per Python version
(the same text compiles to the same code; a text never seen is compiled as before, and
:func:`save` adds it: the browser once its first frame is drawn and as it quits, the command
line as it ends). Counted by callgrind on the seeds: the browser's start to its first frame
1,147.5 → 1,060.4 million instructions, a command-line search 916.6 → 843.1 million.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

#: Past this many texts kept, the file starts again from what this process compiled (an upgrade's old texts go).
MOST_KEPT = 4_000

_codes: dict[str, CodeType] = {}
_added: list[str] = []
_installed = False


def _exec(source: object, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """``exec`` for ``dataclasses``: a text is compiled once, as ``exec`` compiles it there (no future flags)."""
    if isinstance(source, str):
        code = _codes.get(source)
        if code is None:
            code = _codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _added.append(source)
        source = code
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def cache_file() -> Path:
    from documents.locations import cache_dir

    return cache_dir() / "python" / f"dataclass-code-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def install() -> None:
    """From now on ``dataclasses`` runs kept code objects (read once from :func:`cache_file`)."""
    global _installed
    if _installed:
        return
    _installed = True
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        kept = marshal.loads(cache_file().read_bytes())
        if isinstance(kept, dict):
            _codes.update((text, code) for text, code in kept.items() if isinstance(code, CodeType))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # the module's name for the builtin, shadowed


def save() -> None:
    """Keep the texts compiled since :func:`install` for the next start (nothing to do when there are none)."""
    added = list(_added)  # another thread may be adding: what it adds after this goes with the next save
    if not added:
        return
    del _added[: len(added)]
    codes = dict(_codes) if len(_codes) <= MOST_KEPT else {text: _codes[text] for text in added}
    with contextlib.suppress(OSError, ValueError):
        path = cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(codes))
        os.replace(tmp, path)
