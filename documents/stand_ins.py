"""Load a library's module with a stand-in for one import it makes but ceyue never uses.

A module that imports something heavy for one name ceyue never calls (Whoosh's download
helper, Textual's re-exported type names: see :mod:`index.whoosh_imports`,
:mod:`tui.textual_imports`) is loaded by a finder first on ``sys.meta_path``, which runs the
module's own code with an ``__import__`` that answers that one name with a stand-in, as long
as the real module is not loaded; or, for an optional import the library can do without (asyncio's
``ssl``: see :func:`absent`), with the ``ImportError`` it expects when that is not installed.
``sys.modules`` and every other module are untouched:
whatever else imports the real module gets it, and when it is already loaded the library's
module gets it too.
"""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from typing import Any

#: A library module -> (the import it makes, what it gets instead while that is not loaded: None is an ImportError).
StandIns = dict[str, tuple[str, Callable[[], types.ModuleType | None]]]

_STAND_INS: StandIns = {}


def stand_in(name: str, **attributes: Any) -> types.ModuleType:
    """A module named ``name`` holding only ``attributes``."""
    module = types.ModuleType(name, "ceyue's stand-in for an import a library makes but ceyue does not need")
    module.__dict__.update(attributes)
    return module


def absent() -> None:
    """For :data:`StandIns`: the import fails as when the module is not installed (the library's own fallback)."""
    return None


class _StandInLoader:
    """Runs the module's own code with an ``__import__`` that answers one name with a stand-in.

    (Not derived from ``importlib.abc.Loader``: importing that module costs more than this saves.)
    """

    def __init__(self, loader: SourceFileLoader, name: str, make: Callable[[], types.ModuleType | None]):
        self.loader = loader
        self.name = name
        self.make = make

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        code = self.loader.get_code(module.__name__)
        if code is None or self.name in sys.modules:
            self.loader.exec_module(module)
            return
        stand_in = self.make()
        real_import = builtins.__import__

        def importer(
            name: str,
            globals: dict[str, Any] | None = None,
            locals: dict[str, Any] | None = None,
            fromlist: Sequence[str] = (),
            level: int = 0,
        ) -> types.ModuleType:
            if level == 0 and name == self.name and self.name not in sys.modules:
                if stand_in is None:
                    raise ImportError(f"{name} is left out by ceyue", name=name)
                return stand_in
            return real_import(name, globals, locals, fromlist, level)

        own_builtins = dict(builtins.__dict__, __import__=importer)
        module.__dict__["__builtins__"] = own_builtins
        exec(code, module.__dict__)


class _Finder:
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in _STAND_INS:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, SourceFileLoader):
            return spec
        spec.loader = _StandInLoader(spec.loader, *_STAND_INS[fullname])  # type: ignore[assignment]
        return spec


def install(stand_ins: StandIns) -> None:
    """Load the modules of ``stand_ins`` so from now on (the finder goes first on ``sys.meta_path`` once);
    a module already loaded stays as it is."""
    _STAND_INS.update(stand_ins)
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
