"""Adapters to data other parts of ceyue own (agency table, extraction), if present.

The index must work before and after those modules land, and must never break
because of them: every function here returns an empty answer when the module
is missing or fails, and the rest of ``index/`` only talks to this file.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _agency_table():
    try:
        from documents.agencies import default_table

        return default_table()
    except Exception:  # missing module or broken data: fall back to our own lists
        return None


def has_agency_table() -> bool:
    return _agency_table() is not None


def agency_groups() -> list[list[str]]:
    """One list per current agency: its canonical name first, then every spelling
    (including predecessors' names: 省生态环境厅 ← 省环保厅)."""
    table = _agency_table()
    if table is None:
        return []
    groups = []
    try:
        for agency in table.agencies():
            if agency.successor:
                continue
            names = sorted(table.spellings_of(agency.name) - {agency.name}, key=lambda s: (len(s), s))
            groups.append([agency.name, *names])
    except Exception:
        return []
    return groups


def agency_names() -> set[str]:
    table = _agency_table()
    if table is None:
        return set()
    try:
        return set(table.names())
    except Exception:
        return set()


def agency_mentions(text: str) -> list[tuple[str, str]] | None:
    """``(as printed, canonical)`` for each agency named in ``text``; None without the table."""
    table = _agency_table()
    if table is None:
        return None
    try:
        return [(m.text, m.canonical) for m in table.find_in(text)]
    except Exception:
        return None


@lru_cache(maxsize=1)
def _zone_table():
    try:
        from documents.zones import default_table

        return default_table()
    except Exception:  # missing module or broken data: fall back to our own lists
        return None


def zone_mentions(text: str) -> list[tuple[str, str]] | None:
    """``(as printed, canonical)`` for each zone named in ``text``; None without the zone table."""
    table = _zone_table()
    if table is None:
        return None
    try:
        return [(m.text, m.name) for m in table.find_in(text)]
    except Exception:
        return None


def canonical_agency(name: str) -> str | None:
    table = _agency_table()
    if table is None:
        return None
    try:
        return table.canonical(name)
    except Exception:
        return None


def canonical_zone(name: str) -> str | None:
    table = _zone_table()
    if table is None:
        return None
    try:
        return table.canonical(name)
    except Exception:
        return None


def zone_names() -> set[str]:
    """Every zone spelling the zone table knows (names and aliases)."""
    table = _zone_table()
    if table is None:
        return set()
    try:
        return set(table.names())
    except Exception:
        return set()
