"""Load Whoosh without the imports it never uses: ``urllib.request``, ``asyncio``, English morphology.

``whoosh.compat`` imports ``urllib.request`` for a download helper nothing
calls, and ``whoosh.reading`` takes one decorator from the ``cached_property``
package, which imports ``asyncio``: together about 0.15 s of CPU, a third of a
command-line search. ``whoosh.query.terms`` imports ``whoosh.lang.morph_en``
for its ``Variations`` query (English word forms), which ceyue never builds:
the module makes a table of 600 exception lines and compiles six large patterns
as it loads (14-20 ms). :func:`install` puts a finder first on ``sys.meta_path``
that loads exactly those modules with an ``__import__`` of their own: it
hands them a stand-in for that one name (a ``urlretrieve`` or ``variations`` that imports the real
one when called; :func:`functools.cached_property`, which does the same for the
plain method Whoosh decorates). ``sys.modules`` and every other module are
untouched: whatever else imports ``urllib.request``, ``cached_property`` or ``morph_en`` gets
the real one, and when it is already loaded the Whoosh module gets it too.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import sys
import types
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


def _variations(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("whoosh.lang.morph_en").variations(*args, **kwargs)


def _stand_in(name: str, **attributes: Any) -> types.ModuleType:
    module = types.ModuleType(name, "ceyue's stand-in for an import Whoosh makes but does not need")
    module.__dict__.update(attributes)
    return module


#: Whoosh module -> (the import it makes, what it gets instead while that is not loaded).
STAND_INS: dict[str, tuple[str, Callable[[], types.ModuleType]]] = {
    "whoosh.compat": ("urllib.request", lambda: _stand_in("urllib.request", urlretrieve=_urlretrieve)),
    "whoosh.reading": (
        "cached_property",
        lambda: _stand_in("cached_property", cached_property=functools.cached_property),
    ),
    "whoosh.query.terms": ("whoosh.lang.morph_en", lambda: _stand_in("whoosh.lang.morph_en", variations=_variations)),
}


class _StandInLoader:
    """Runs the module's own code with an ``__import__`` that answers one name with a stand-in.

    (Not derived from ``importlib.abc.Loader``: importing that module costs more than this saves.)
    """

    def __init__(self, loader: SourceFileLoader, name: str, make: Callable[[], types.ModuleType]):
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
                return stand_in
            return real_import(name, globals, locals, fromlist, level)

        own_builtins = dict(builtins.__dict__, __import__=importer)
        module.__dict__["__builtins__"] = own_builtins
        exec(code, module.__dict__)


class _Finder:
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in STAND_INS:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, SourceFileLoader):
            return spec
        spec.loader = _StandInLoader(spec.loader, *STAND_INS[fullname])  # type: ignore[assignment]
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once); a no-op for Whoosh modules already loaded."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
