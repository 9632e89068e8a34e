"""Query expansion: abbreviations, old agency names and quote-split spellings.

Policy texts and the people searching them use different names for the same
thing (发改委 / 省发展改革委, 环评 / 环境影响评价, 135工程 / “135”工程, an
agency's pre-reform name). Each group in ``data/aliases.toml`` is one such set;
a query word equal to any member is searched as the OR of all members.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "aliases.toml"

_QUOTES = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")


def alias_key(text: str) -> str:
    """How aliases are matched: normalised, with quotes and spaces ignored."""
    from index.segmenter import normalize

    return _QUOTES.sub("", normalize(text))


@dataclass(frozen=True)
class AliasGroup:
    section: str  # terms / agencies / zones
    name: str
    members: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return self.members[0]


class AliasTable:
    """Groups of equivalent names, looked up by :func:`alias_key`."""

    def __init__(self, groups: list[AliasGroup]):
        self.groups = groups
        self._by_key: dict[str, list[AliasGroup]] = {}
        for group in groups:
            for member in group.members:
                bucket = self._by_key.setdefault(alias_key(member), [])
                if group not in bucket:
                    bucket.append(group)

    def expand(self, text: str, sections: tuple[str, ...] | None = None) -> list[str]:
        """``text`` first, then every other name in its groups (deduplicated)."""
        out = [text]
        seen = {alias_key(text)}
        for group in self._by_key.get(alias_key(text), []):
            if sections and group.section not in sections:
                continue
            for member in group.members:
                key = alias_key(member)
                if key not in seen:
                    seen.add(key)
                    out.append(member)
        return out

    def canonical(self, text: str, section: str | None = None) -> str | None:
        for group in self._by_key.get(alias_key(text), []):
            if section is None or group.section == section:
                return group.canonical
        return None

    def has(self, text: str) -> bool:
        return alias_key(text) in self._by_key

    def members(self, section: str) -> list[str]:
        return [m for g in self.groups if g.section == section for m in g.members]

    @cached_property
    def max_key_len(self) -> int:
        return max((len(k) for k in self._by_key), default=0)


def _read(path: Path) -> list[AliasGroup]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    groups = []
    for section, table in data.items():
        if not isinstance(table, dict):
            continue
        for name, members in table.items():
            if isinstance(members, list) and members:
                groups.append(AliasGroup(section, name, tuple(str(m) for m in members)))
    return groups


def _external_groups() -> list[AliasGroup]:
    """Alias/succession groups from ``documents.agencies`` when that module is present."""
    from index import external

    return [AliasGroup("agencies", f"ext:{names[0]}", tuple(names)) for names in external.agency_groups()]


_table: AliasTable | None = None
_lock = threading.Lock()


def load_aliases() -> AliasTable:
    """The alias table (ours plus the agency table's), built once per process."""
    global _table
    with _lock:
        if _table is None:
            _table = AliasTable(_read(DATA_FILE) + _external_groups())
        return _table
