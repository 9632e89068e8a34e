"""Tables loaded from the bundled data and the user's config folder.

Data tables (agencies, zones) are bundled and extended by a file of the same
name in the config folder. Loading one costs a parse and a big regex, so each
is shared — and loaded again as soon as the user's file changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from documents.locations import config_dir

T = TypeVar("T")


def config_file_stamp(name: str) -> str:
    """Where ``<config dir>/name`` is and when it last changed: equal stamps, equal file."""
    path = config_dir() / name
    try:
        return f"{path}:{path.stat().st_mtime_ns}"
    except OSError:
        return str(path)


def shared_per_config_file(name: str, load: Callable[[], T]) -> Callable[[], T]:
    """A function returning one shared ``load()`` result while ``<config dir>/name`` is unchanged."""
    cached = lru_cache(maxsize=4)(lambda stamp: load())

    def shared() -> T:
        return cached(config_file_stamp(name))

    return shared
