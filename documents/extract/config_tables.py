"""Tables loaded from the bundled data and the user's config folder.

Data tables (agencies, zones) are bundled and extended by a file of the same
name in the config folder; :func:`read_table_files` reads both and
:func:`table_entries` / :func:`name_lists` validate them, with messages naming
the file, the entry (and its line) and the problem. Loading one costs a parse and a big regex, so each
is shared — and loaded again as soon as the user's file changes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
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


# ------------------------------------------------------------------ loading


@dataclass
class TableFile:
    """One TOML file of a table: where it comes from and what it holds."""

    label: str  # the path as shown in messages
    text: str
    data: dict
    user: bool

    def line_of(self, header: str, index: int) -> int | None:
        """The line of the ``index``-th ``[[header]]`` (0-based) in the file, for messages."""
        count = -1
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.strip().startswith(f"[[{header}]]"):
                count += 1
                if count == index:
                    return number
        return None


def read_table_files(
    name: str, user_file: Path | None = None, *, include_user: bool = True
) -> tuple[list[TableFile], list[str]]:
    """The bundled ``data/<name>`` and the user's ``<config dir>/<name>`` (or ``user_file``), parsed.

    A user file that cannot be read or parsed is left out with a warning naming the
    file and the problem; the bundled file must parse (a broken one is a bug).
    """
    bundled = resources.files("documents.extract").joinpath(f"data/{name}").read_text("utf-8")
    files = [TableFile(f"documents/extract/data/{name}", bundled, tomllib.loads(bundled), False)]
    warnings: list[str] = []
    if include_user:
        path = user_file or config_dir() / name
        if path.is_file():
            try:
                text = path.read_text("utf-8")
                files.append(TableFile(str(path), text, tomllib.loads(text), True))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                warnings.append(f"{path}: {exc}")
    return files, warnings


def table_entries(
    files: list[TableFile], header: str, warnings: list[str], *, lists: tuple[str, ...] = ("aliases",)
) -> list[tuple[dict, TableFile]]:
    """The ``[[header]]`` entries of ``files`` that have a non-empty ``name``; each problem goes to
    ``warnings`` as ``file: [[header]] #n (line L): problem`` and the entry is left out (or cleaned)."""
    out: list[tuple[dict, TableFile]] = []
    for file in files:
        raw = file.data.get(header, [])
        if not isinstance(raw, list):
            warnings.append(f"{file.label}: {header} must be a list of [[{header}]] tables")
            continue
        for i, entry in enumerate(raw):

            def where(file: TableFile = file, i: int = i) -> str:
                line = file.line_of(header, i)
                return f"{file.label}: [[{header}]] #{i + 1}" + (f" (line {line})" if line else "")

            if not isinstance(entry, dict):
                warnings.append(f"{where()}: not a table")
                continue
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                warnings.append(f"{where()}: empty or missing name")
                continue
            entry = dict(entry)
            for key in lists:
                values = entry.get(key, [])
                if not isinstance(values, list):
                    warnings.append(f"{where()} {name}: {key} must be a list of names")
                    values = []
                kept = [str(v) for v in values if isinstance(v, str) and v.strip()]
                if len(kept) != len(values):
                    warnings.append(f"{where()} {name}: empty {key} entry ignored")
                entry[key] = kept
            out.append((entry, file))
    return out


def name_lists(files: list[TableFile], header: str, warnings: list[str]) -> dict[str, list[str]]:
    """A ``[header]`` table of name lists (zones.toml ``[places]``), merged; empty names rejected."""
    out: dict[str, list[str]] = {}
    for file in files:
        table = file.data.get(header) or {}
        if not isinstance(table, dict):
            warnings.append(f"{file.label}: [{header}] must be a table of name lists")
            continue
        for key, names in table.items():
            if not isinstance(names, list):
                warnings.append(f"{file.label}: [{header}] {key} must be a list of names")
                continue
            bucket = out.setdefault(key, [])
            for i, n in enumerate(names):
                if not isinstance(n, str) or not n.strip():
                    warnings.append(f"{file.label}: [{header}] {key} item {i + 1}: empty name ignored")
                    continue
                if n not in bucket:
                    bucket.append(n)
    return out
