"""Agencies (部门/机构): canonical names, spellings and succession.

The bundled table (``documents/data/agencies.toml``) lists every agency the
seed documents name; users add or override entries in
``<config dir>/agencies.toml`` (``platformdirs.user_config_dir("ceyue")``, or
``$CEYUE_CONFIG_DIR`` when set).

    >>> table = AgencyTable.load()
    >>> table.canonical("省发改委")
    '省发展改革委'
    >>> table.canonical("省环保厅")          # follows the 2018 succession
    '省生态环境厅'
    >>> table.canonical("省环保厅", follow_succession=False)
    '省环保厅'
    >>> [m.canonical for m in table.find_in("省发改委会同省经信委研究制定")]
    ['省发展改革委', '省工业和信息化厅']
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from documents.extract.config_tables import config_dir, shared_per_config_file
from documents.parsing.spans import protected_spans


def normalize_name(name: str) -> str:
    """A name as looked up: no whitespace, full-width brackets."""
    name = re.sub(r"\s+", "", name or "")
    return name.replace("(", "（").replace(")", "）")


@dataclass
class Agency:
    """One agency as the table knows it.

    ``successor`` is the canonical name of the body that took over (if any);
    ``predecessors`` is filled in from the other entries' ``successor``.
    """

    name: str
    full_name: str = ""
    aliases: list[str] = field(default_factory=list)
    level: str = ""
    successor: str | None = None
    succeeded_in: int | None = None
    note: str = ""
    predecessors: list[str] = field(default_factory=list)

    @property
    def spellings(self) -> list[str]:
        """The canonical name, the full name and every alias (no duplicates)."""
        out: list[str] = []
        for s in [self.name, self.full_name, *self.aliases]:
            s = normalize_name(s)
            if s and s not in out:
                out.append(s)
        return out

    @property
    def collective(self) -> bool:
        return self.level == "collective"


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in a text: the spelling as printed and where it stands.

    ``canonical`` follows succession (省环保厅 → 省生态环境厅); ``name`` is the
    entry the spelling belongs to before succession (省环保厅).
    """

    text: str
    name: str
    canonical: str
    start: int
    end: int


class AgencyTable:
    """Lookup of agencies by any spelling.

    Build with :meth:`load` (bundled data + the user's file) or
    :meth:`from_entries` (tests).
    """

    def __init__(self, agencies: list[Agency], warnings: list[str] | None = None) -> None:
        self.warnings: list[str] = list(warnings or [])
        self._by_name: dict[str, Agency] = {}
        for agency in agencies:
            self._add(agency)
        self._link()

    # ------------------------------------------------------------------ build

    def _add(self, agency: Agency) -> None:
        key = normalize_name(agency.name)
        agency.name = key
        old = self._by_name.get(key)
        if old is None:
            self._by_name[key] = agency
            return
        for alias in agency.aliases:
            if alias not in old.aliases:
                old.aliases.append(alias)
        for attr in ("full_name", "level", "successor", "succeeded_in", "note"):
            value = getattr(agency, attr)
            if value:
                setattr(old, attr, value)

    def _link(self) -> None:
        self._spelling: dict[str, str] = {}
        for agency in self._by_name.values():
            agency.predecessors = []
        for agency in self._by_name.values():
            for s in agency.spellings:
                if s in self._spelling and self._spelling[s] != agency.name:
                    # A spelling claimed twice: the entry named so wins, else the first.
                    if s == agency.name:
                        self._spelling[s] = agency.name
                    else:
                        self.warnings.append(f"spelling {s} claimed by {self._spelling[s]} and {agency.name}")
                    continue
                self._spelling[s] = agency.name
        for agency in self._by_name.values():
            if agency.successor:
                successor = normalize_name(agency.successor)
                target = self._spelling.get(successor)
                if target is None:
                    self._by_name[successor] = Agency(name=successor, level=agency.level)
                    self._spelling[successor] = successor
                    target = successor
                agency.successor = target
                self._by_name[target].predecessors.append(agency.name)
        ordered = sorted(self._spelling, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(s) for s in ordered)) if ordered else None

    @classmethod
    def from_entries(cls, entries: list[dict], warnings: list[str] | None = None) -> AgencyTable:
        agencies: list[Agency] = []
        problems = list(warnings or [])
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("name"):
                problems.append(f"agency entry without a name: {entry!r}")
                continue
            agencies.append(
                Agency(
                    name=str(entry["name"]),
                    full_name=str(entry.get("full_name", "")),
                    aliases=[normalize_name(str(a)) for a in entry.get("aliases", [])],
                    level=str(entry.get("level", "")),
                    successor=entry.get("successor") or None,
                    succeeded_in=entry.get("succeeded_in"),
                    note=str(entry.get("note", "")),
                )
            )
        return cls(agencies, problems)

    @classmethod
    def load(cls, user_file: Path | None = None, *, include_user: bool = True) -> AgencyTable:
        """The bundled table extended by ``user_file`` (default: the config dir's agencies.toml).

        A broken user file does not stop loading: the problem goes to ``warnings``.
        """
        bundled = resources.files("documents.extract").joinpath("data/agencies.toml").read_text("utf-8")
        entries = list(tomllib.loads(bundled).get("agency", []))
        warnings: list[str] = []
        if include_user:
            path = user_file or config_dir() / "agencies.toml"
            if path.is_file():
                try:
                    entries += list(tomllib.loads(path.read_text("utf-8")).get("agency", []))
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                    warnings.append(f"{path}: {exc}")
        return cls.from_entries(entries, warnings)

    # ----------------------------------------------------------------- lookup

    def get(self, name: str) -> Agency | None:
        """The entry a spelling belongs to (before succession)."""
        key = self._spelling.get(normalize_name(name))
        return self._by_name.get(key) if key else None

    def canonical(self, name: str, follow_succession: bool = True) -> str | None:
        """The canonical name for any spelling; with succession, the current body's name."""
        agency = self.get(name)
        if agency is None:
            return None
        if not follow_succession:
            return agency.name
        return self.current(agency.name)

    def current(self, name: str) -> str:
        """Follow ``successor`` links from the entry ``name`` to the end of the chain."""
        seen: set[str] = set()
        key = self._spelling.get(normalize_name(name), normalize_name(name))
        while key in self._by_name and self._by_name[key].successor and key not in seen:
            seen.add(key)
            key = self._by_name[key].successor  # type: ignore[assignment]
        return key

    def chain(self, name: str) -> list[str]:
        """The succession from ``name``'s entry to the current body: ``[省环保厅, 省生态环境厅]``."""
        agency = self.get(name)
        if agency is None:
            return []
        out = [agency.name]
        while self._by_name[out[-1]].successor and self._by_name[out[-1]].successor not in out:
            out.append(self._by_name[out[-1]].successor)  # type: ignore[arg-type]
        return out

    def names(self) -> set[str]:
        """Every spelling the table knows (canonical names, full names, aliases)."""
        return set(self._spelling)

    def canonical_names(self) -> list[str]:
        """Every entry's canonical name, in table order."""
        return list(self._by_name)

    def agencies(self) -> list[Agency]:
        return list(self._by_name.values())

    def spellings_of(self, name: str) -> set[str]:
        """Every spelling that :meth:`canonical` maps to the same current body as ``name``.

        For 省生态环境厅 that includes 省环保厅 and 湖南省环境保护厅.
        """
        target = self.canonical(name)
        if target is None:
            return {normalize_name(name)}
        return {s for s, key in self._spelling.items() if self.current(key) == target}

    def same(self, a: str, b: str) -> bool:
        """Whether two spellings mean the same (current) body."""
        ca, cb = self.canonical(a), self.canonical(b)
        if ca is None or cb is None:
            return normalize_name(a) == normalize_name(b)
        return ca == cb

    def find_in(self, text: str, *, skip_titles: bool = True) -> list[AgencyMention]:
        """Every known agency named in ``text``, longest spelling first, left to right.

        Names inside 《…》 titles and 文号 are skipped unless ``skip_titles`` is
        false: 《国务院办公厅关于…》（国办发〔2017〕7号） cites a document, it does
        not assign 国务院办公厅 anything.
        """
        if self._pattern is None or not text:
            return []
        blocked = protected_spans(text) if skip_titles else []
        out: list[AgencyMention] = []
        for m in self._pattern.finditer(text):
            if any(a <= m.start() < b for a, b in blocked):
                continue
            name = self._spelling[m.group(0)]
            out.append(AgencyMention(m.group(0), name, self.current(name), m.start(), m.end()))
        return out

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize_name(name) in self._spelling


_shared_table = shared_per_config_file("agencies.toml", lambda: AgencyTable.load())


def default_table() -> AgencyTable:
    """A shared :meth:`AgencyTable.load` result (reloaded when the user's agencies.toml changes)."""
    return _shared_table()
