"""Agencies (部门/机构): canonical names, spellings and succession — the one agency table.

Extraction (tasks, compare) and search (the ``agency:`` filter, query expansion
through :mod:`index.external`) both read this table. It is built from

* ``data/agencies-national.tsv`` — State Council bodies with their short forms and
  the 2008/2013/2018/2023 successions (source in the file's header);
* ``data/agencies.toml`` — other bodies by name (the seeds' province, party and
  people's organisations, collectives such as 各市州人民政府), extended or
  overridden by ``<config dir>/agencies.toml`` (same layout);
* a pattern for local bodies anywhere in China: a place (from ``data/divisions.tsv``,
  or 省/市/区/县/州 alone) and a body from ``data/local-bodies.tsv`` in any of its
  spellings — 省发改委 = 省发展改革委, 省住建厅 = 省住房和城乡建设厅,
  市经信局 = 市经济和信息化局, 杨浦区政府 = 杨浦区人民政府, 合肥海关.

The user's entries win over the bundled ones, which win over the national data.

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
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from documents.extract.config_tables import read_table_files, shared_per_config_file, table_entries
from documents.extract.local_bodies import local_bodies
from documents.extract.places import default_places
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
    tier: int = 1  # 0 national data, 1 bundled file, 2 the user's file: a higher tier wins a spelling

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
    known: bool = True  # False: recognised by the local-body pattern, not listed in the table


# ------------------------------------------------------------ local bodies


def local_body(name: str) -> tuple[str, str, str] | None:
    """``(place, level, canonical body)`` when ``name`` is one local body, e.g. 湖南省发改委 →
    (湖南, 省, 发展改革委); 省住建厅 → ("", 省, 住房城乡建设厅); 合肥海关 → (合肥, "", 海关)."""
    bodies = local_bodies()
    for m in bodies.pattern.finditer(name):
        if m.end() != len(name):
            continue
        got = _with_place(name, m)
        if got and got[0] == 0:
            return got[1], m.group("level") or "", bodies.canonical[m.group("body")]
    return None


def _with_place(text: str, m: re.Match[str]) -> tuple[int, str] | None:
    """Where the local body matched by ``m`` starts once its place is added, and the place."""
    places = default_places()
    level = m.group("level")
    body = m.group("body")
    if level:
        full = places.ending_at(text, m.end("level"))  # 杨浦区, 湖南省
        if full and len(full) > len(level) and places.is_place(full):
            return m.end("level") - len(full), full[: -len(level)]
        short = places.ending_at(text, m.start("level"))  # 湖南 + 省, not 会同(县) + 省
        if short and places.is_place(short + level):
            return m.start("level") - len(short), short
        if body in local_bodies().placed_only:
            return None
        return m.start(), ""
    short = places.ending_at(text, m.start())
    if short:
        return m.start() - len(short), short
    return None


def _local_canonical(place: str, level: str, body: str) -> str:
    if place and not level:
        return place + body
    if place:
        resolved = default_places().resolve(place + level) or default_places().resolve(place)
        if resolved and resolved.endswith(level):
            return resolved + body
    return place + level + body


# ------------------------------------------------------------ national data


def _national_entries() -> list[Agency]:
    """``data/agencies-national.tsv`` as entries of tier 0: the first short form is the
    canonical name (国家发展改革委); 国家X also reads X, as State Council documents print it
    (发展改革委, 卫生健康委)."""
    text = resources.files("documents.extract").joinpath("data/agencies-national.tsv").read_text("utf-8")
    out: list[Agency] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        full, abbreviations, kind, successors = [*line.split("\t"), "", "", ""][:4]
        shorts = [a for a in abbreviations.split("|") if a]
        spellings = [full, *shorts]
        for s in list(spellings):
            if s.startswith("国家") and len(s) >= 5 and s[2:] not in spellings:
                spellings.append(s[2:])
        name = shorts[0] if shorts else full
        successor = successors.split("|")[0] or None
        out.append(
            Agency(
                name=name,
                full_name=full,
                aliases=[s for s in spellings if s != name],
                level="central",
                successor=successor,
                note=kind,
                tier=0,
            )
        )
    return out


_LONGEST_PLACE = 16
"""More than the longest place name before a local body (新疆维吾尔自治区伊犁哈萨克自治州 is 15)."""


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
        old.tier = max(old.tier, agency.tier)
        for attr in ("full_name", "level", "successor", "succeeded_in", "note"):
            value = getattr(agency, attr)
            if value:
                setattr(old, attr, value)

    def _link(self) -> None:
        self._spelling: dict[str, str] = {}
        for agency in self._by_name.values():
            agency.predecessors = []
        # A spelling claimed twice: the higher tier wins (user > bundled > national data);
        # within a tier the entry named so, else the first.
        for agency in sorted(self._by_name.values(), key=lambda a: -a.tier):
            for s in agency.spellings:
                owner = self._spelling.get(s)
                if owner is not None and owner != agency.name:
                    if s == agency.name and self._by_name[owner].tier <= agency.tier:
                        self._spelling[s] = agency.name
                    elif self._by_name[owner].tier == agency.tier:
                        self.warnings.append(f"spelling {s} claimed by {owner} and {agency.name}")
                    continue
                self._spelling[s] = agency.name
        for agency in list(self._by_name.values()):
            if agency.successor:
                successor = normalize_name(agency.successor)
                target = self._spelling.get(successor)
                if target is None:
                    self._by_name[successor] = Agency(name=successor, level=agency.level, tier=agency.tier)
                    self._spelling[successor] = successor
                    target = successor
                agency.successor = target
                self._by_name[target].predecessors.append(agency.name)
        self._pattern_cache: re.Pattern[str] | None = None

    @property
    def _pattern(self) -> re.Pattern[str] | None:
        """Every known spelling, longest first (compiled on first use)."""
        if self._pattern_cache is None and self._spelling:
            ordered = sorted(self._spelling, key=len, reverse=True)
            self._pattern_cache = re.compile("|".join(re.escape(s) for s in ordered))
        return self._pattern_cache

    @classmethod
    def from_entries(
        cls, entries: list[dict], warnings: list[str] | None = None, *, national: bool = False
    ) -> AgencyTable:
        """A table of ``entries`` (dicts as in agencies.toml; ``tier`` 2 marks the user's), with the
        national data first when ``national``."""
        agencies: list[Agency] = _national_entries() if national else []
        problems = list(warnings or [])
        for entry in entries:
            if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
                problems.append(f"agency entry without a name: {entry!r}")
                continue
            agencies.append(
                Agency(
                    name=str(entry["name"]),
                    full_name=str(entry.get("full_name", "")),
                    aliases=[normalize_name(str(a)) for a in entry.get("aliases", []) if str(a).strip()],
                    level=str(entry.get("level", "")),
                    successor=entry.get("successor") or None,
                    succeeded_in=entry.get("succeeded_in"),
                    note=str(entry.get("note", "")),
                    tier=int(entry.get("tier", 1)),
                )
            )
        return cls(agencies, problems)

    @classmethod
    def load(cls, user_file: Path | None = None, *, include_user: bool = True) -> AgencyTable:
        """The national data and the bundled table, extended by ``user_file`` (default: the
        config dir's agencies.toml).

        A broken user file (or entry) does not stop loading: the problem goes to ``warnings``.
        """
        files, warnings = read_table_files("agencies.toml", user_file, include_user=include_user)
        entries = [{**entry, "tier": 2 if file.user else 1} for entry, file in table_entries(files, "agency", warnings)]
        return cls.from_entries(entries, warnings, national=True)

    # ----------------------------------------------------------------- lookup

    def get(self, name: str) -> Agency | None:
        """The entry a spelling belongs to (before succession)."""
        key = self._spelling.get(normalize_name(name))
        return self._by_name.get(key) if key else None

    def local_canonical(self, name: str) -> str | None:
        """The canonical name of a local body the table does not list (市经信局 → 市经济和信息化局),
        or the table's own name when the canonical spelling is listed (省发改委 → 省发展改革委)."""
        found = local_body(normalize_name(name))
        if found is None:
            return None
        canon = _local_canonical(*found)
        listed = self.get(canon)
        return listed.name if listed else canon

    def canonical(self, name: str, follow_succession: bool = True) -> str | None:
        """The canonical name for any spelling; with succession, the current body's name.

        A local body the table does not list is recognised by pattern (市经信局 → 市经济和信息化局)."""
        agency = self.get(name)
        if agency is None:
            local = self.local_canonical(name)
            if local is None:
                return None
            return self.current(local) if follow_succession else local
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

    def is_agency(self, name: str) -> bool:
        """Whether ``name`` is an agency the table lists or a local body by pattern."""
        return self.canonical(name) is not None

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
        if not text:
            return []
        blocked = protected_spans(text) if skip_titles else []
        cands: list[AgencyMention] = []
        pattern = self._pattern
        if pattern is not None:
            for m in pattern.finditer(text):
                if m.group(0).endswith("部") and text.startswith("门", m.end()):
                    continue  # 建设部门, 卫生部门: any level's department of that field, not the ministry
                name = self._spelling[m.group(0)]
                cands.append(AgencyMention(m.group(0), name, self.current(name), m.start(), m.end()))
        cands += self._local_mentions(text)
        cands.sort(key=lambda c: (c.start, -(c.end - c.start), not c.known))
        out: list[AgencyMention] = []
        for c in cands:
            if any(a <= c.start < b for a, b in blocked):
                continue
            if out and c.start < out[-1].end:
                continue
            out.append(c)
        return out

    def mention_at(self, text: str, pos: int) -> AgencyMention | None:
        """The known agency whose name starts at ``pos`` (the longest), as :meth:`find_in` would
        read it in ``text[pos:]``, without scanning the rest: a subject is looked for at many places."""
        window = text[pos : pos + 40]
        best: AgencyMention | None = None
        pattern = self._pattern
        m = pattern.match(window) if pattern is not None else None
        if m and not (m.group(0).endswith("部") and window.startswith("门", m.end())):
            name = self._spelling[m.group(0)]
            best = AgencyMention(m.group(0), name, self.current(name), 0, m.end())
        for local in self._local_mentions(window, leading=True):
            if best is None or local.end > best.end:
                best = local
        return best

    def _local_mentions(self, text: str, *, leading: bool = False) -> list[AgencyMention]:
        """Local bodies by pattern: place (or 省/市/区/县/州) + body, e.g. 市规划资源局, 合肥海关;
        ``leading``: only one that starts the text (its body begins within a place name's length)."""
        out: list[AgencyMention] = []
        for m in local_bodies().pattern.finditer(text):
            if leading and m.start() > _LONGEST_PLACE:
                break
            got = _with_place(text, m)
            if got is None or (leading and got[0] != 0):
                continue
            start, place = got
            canon = _local_canonical(place, m.group("level") or "", local_bodies().canonical[m.group("body")])
            printed = text[start : m.end()]
            listed = self.get(printed) or self.get(canon)
            name = listed.name if listed else canon
            out.append(AgencyMention(printed, name, self.current(name), start, m.end(), listed is not None))
        return out

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize_name(name) in self._spelling


_shared_table = shared_per_config_file("agencies.toml", lambda: AgencyTable.load())


def default_table() -> AgencyTable:
    """A shared :meth:`AgencyTable.load` result (reloaded when the user's agencies.toml changes)."""
    return _shared_table()
