"""Query expansion: abbreviations, old agency names and quote-split spellings.

Policy texts and the people searching them use different names for the same
thing (发改委 / 省发展改革委, 环评 / 环境影响评价, 135工程 / “135”工程, an
agency's pre-reform name). Each group in ``data/aliases.toml`` is one such set;
a query word equal to any member is searched as the OR of all members.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from index.once import loaded_once

DATA_FILE = Path(__file__).parent / "data" / "aliases.toml"

_QUOTES = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")


def alias_key(text: str) -> str:
    """How aliases are matched: normalised, with quotes and spaces ignored."""
    from index.segmenter import normalize

    return _QUOTES.sub("", normalize(text))


def _spelling(text: str) -> str:
    from index.segmenter import normalize

    return re.sub(r"\s+", "", normalize(text))


@dataclass(frozen=True)
class AliasGroup:
    section: str  # terms / agencies / zones
    name: str
    members: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return self.members[0]


class AliasTable:
    """Classes of equivalent names, looked up by :func:`alias_key`.

    Groups that share a member are merged (the agency table and our own file
    both know 省发展改革委), so expansion is a true equivalence class.
    """

    def __init__(self, groups: list[AliasGroup]):
        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        # A body group (发改委 → 省发展改革委, 各市州发改委) widens its bare spellings only: it
        # does not join the agencies it lists into one class.
        # Its name is ``body:N``: the first N members are the bare spellings.
        self._bodies: dict[str, list[str]] = {}
        for group in groups:
            if group.section == "bodies":
                bare = int(group.name.partition(":")[2] or 0)
                for member in group.members[:bare]:
                    self._bodies.setdefault(alias_key(member), []).extend(group.members)
        groups = [g for g in groups if g.section != "bodies"]
        self.groups = groups
        parent = list(range(len(groups)))
        first_by_key: dict[str, int] = {}
        for i, group in enumerate(groups):
            for member in group.members:
                key = alias_key(member)
                if key in first_by_key:
                    parent[find(i)] = find(first_by_key[key])
                else:
                    first_by_key[key] = i
        classes: dict[int, list[int]] = {}
        for i in range(len(groups)):
            classes.setdefault(find(i), []).append(i)
        self._members: dict[str, list[str]] = {}
        self._sections: dict[str, set[str]] = {}
        self._canonical: dict[tuple[str, str], str] = {}
        for indices in classes.values():
            members: list[str] = []
            spelled: set[str] = set()
            keys: set[str] = set()
            sections = {groups[i].section for i in indices}
            for i in indices:
                for member in groups[i].members:
                    keys.add(alias_key(member))
                    # Spellings that differ only by quotes are kept: “135”工程 and
                    # 135工程 are cut into different words.
                    spelling = _spelling(member)
                    if spelling not in spelled:
                        spelled.add(spelling)
                        members.append(member)
            for key in keys:
                self._members[key] = members
                self._sections[key] = sections
            for i in indices:
                for member in groups[i].members:
                    self._canonical.setdefault((alias_key(member), groups[i].section), groups[i].canonical)

    def expand(self, text: str, sections: tuple[str, ...] | None = None) -> list[str]:
        """``text`` first, then every other name of its class (deduplicated); a bare body
        name (发改委) also every agency of that body."""
        key = alias_key(text)
        members = self._members.get(key)
        if not members or (sections and not (self._sections[key] & set(sections))):
            members = []
        if key in self._bodies and (not sections or "agencies" in sections):
            members = members + self._bodies[key]
        if not members:
            return [text]
        out = [text] + [m for m in members if _spelling(m) != _spelling(text)]
        return list(dict.fromkeys(out))

    def canonical(self, text: str, section: str | None = None) -> str | None:
        key = alias_key(text)
        if section is not None:
            return self._canonical.get((key, section))
        members = self._members.get(key)
        return members[0] if members else None

    def has(self, text: str) -> bool:
        return alias_key(text) in self._members or alias_key(text) in self._bodies

    def keys(self) -> set[str]:
        return set(self._members)

    def members(self, section: str) -> list[str]:
        return [m for g in self.groups if g.section == section for m in g.members]


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
    """Alias/succession groups from ``documents.extract.agencies`` (remembered per set of sources)."""
    from index.dictionary import remember

    return [AliasGroup(section, name, tuple(members)) for section, name, members in remember("alias_groups", _groups)]


def _groups() -> list[tuple[str, str, list[str]]]:
    from index import external

    groups = [("agencies", f"ext:{names[0]}", list(names)) for names in external.agency_groups()]
    for bare, names in external.body_groups():
        groups.append(("bodies", f"body:{len(bare)}", [*bare, *names]))
    return groups


@loaded_once
def load_aliases() -> AliasTable:
    """The alias table (ours plus the agency table's), built once per process."""
    return AliasTable(_read(DATA_FILE) + _external_groups())
