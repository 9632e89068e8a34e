"""Adapters to the agency and zone tables other parts of ceyue own.

``documents.extract.agencies`` and ``documents.extract.zones`` always exist and their loaders
already turn a broken user file into a warning, so nothing is swallowed here:
a failure in them is a bug to see, not an empty answer. The rest of ``index/``
only talks to this file, so the shapes it needs stay in one place. The tables
come straight from their shared loaders, which already cache them and reload
when the user's TOML file changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _agency_table():
    from documents.extract.agencies import default_table  # imported when first asked: not on every search

    return default_table()


def _zone_table():
    from documents.extract.zones import default_table

    return default_table()


def load_tables() -> None:
    """Load what a query's spellings read (zone classes, former bodies, places, local bodies), each kept
    by its own loader: an index opening pays for them, not the first search."""
    from documents.extract.local_bodies import local_bodies
    from documents.extract.places import default_places

    zone_class_names()
    former_stems("")
    default_places()
    local_bodies()


def agency_groups() -> list[list[str]]:
    """One list per current agency: its canonical name first, then every spelling
    (including predecessors' names: 省生态环境厅 ← 省环保厅)."""
    table = _agency_table()
    groups = []
    for agency in table.agencies():
        if agency.successor:
            continue
        names = sorted(table.spellings_of(agency.name) - {agency.name}, key=lambda s: (len(s), s))
        groups.append([agency.name, *names])
    return groups


def body_groups() -> list[tuple[list[str], list[str]]]:
    """Per local body the table's agencies are made of: its bare spellings (发改委, 发展改革委,
    发展和改革委员会) and every agency of that body (省发展改革委, 各市州发改委): a search for
    发改委 means any of them."""
    from documents.extract.agencies import local_bodies, local_body

    table = _agency_table()
    by_body: dict[str, list[str]] = {}
    for agency in table.agencies():
        found = local_body(agency.name)
        if found and (found[0] or found[1]):
            by_body.setdefault(found[2], []).append(agency.name)
    bare: dict[str, list[str]] = {}
    for spelling, body in local_bodies().canonical.items():
        if body in by_body:
            bare.setdefault(body, []).append(spelling)
    return [(bare[body], names) for body, names in by_body.items()]


def agency_names() -> set[str]:
    return set(_agency_table().names())


class Mentions:
    """The agency and zone tables as they are now, for naming what many texts mention.

    Getting a table checks the user's TOML file (a path lookup and a stat); an
    index build asks about every record, so it takes the tables once.
    """

    def __init__(self) -> None:
        self._agencies = _agency_table()
        self._zones = _zone_table()

    def agencies_in(self, text: str) -> list[tuple[str, str]]:
        """``(as printed, canonical)`` for each agency named in ``text``."""
        return [(m.text, m.canonical) for m in self._agencies.find_in(text)]

    def zones_in(self, text: str) -> list[tuple[str, str]]:
        """``(as printed, canonical)`` for each zone named in ``text``."""
        return [(m.text, m.name) for m in self._zones.find_in(text)]


def canonical_agency(name: str) -> str | None:
    return _agency_table().canonical(name)


def canonical_zone(name: str) -> str | None:
    return _zone_table().canonical(name)


#: The user's table files (in the config folder) the agency and zone tables extend.
AGENCIES_FILE, ZONES_FILE = "agencies.toml", "zones.toml"


def tables_stamp() -> tuple[str, str]:
    """The user's agency and zone table files as they stand now: equal stamps, equal tables (what a query
    compiles to reads them)."""
    from documents.extract.config_tables import config_file_stamp

    return config_file_stamp(AGENCIES_FILE), config_file_stamp(ZONES_FILE)


#: What :func:`_per_table_file` worked out, by key: the user's table file as it stood then and the answer.
_worked_out: dict[str, tuple[str, Any]] = {}


def _per_table_file(key: str, table_file: str, work_out: Callable[[], T]) -> T:
    """``work_out()`` (from the agency or zone table), worked out again only when the user's ``table_file``
    changes. A process's first answer is read back from what an earlier one remembered for the same
    source files (``dictionary.remember``): every query's spellings read these, and building the two
    tables for them took two thirds of a command-line search's table loading (the tables themselves
    are built when a query names an agency or a zone)."""
    from documents.extract.config_tables import config_file_stamp
    from index.dictionary import remember

    stamp = config_file_stamp(table_file)
    held = _worked_out.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    value = remember(key, work_out) if held is None else work_out()
    _worked_out[key] = (stamp, value)
    return value


def zone_class_names() -> list[str]:
    """Every spelling of a category of zones (边境经济合作区, 国家级经济技术开发区), longest first."""
    return _per_table_file("zone_class_names", ZONES_FILE, _worked_out_class_names)


def _worked_out_class_names() -> list[str]:
    names = {n for z in _zone_table().zones() if z.kind == "class" for n in (z.name, *z.aliases)}
    return sorted(names, key=lambda n: (-len(n), n))


def zone_names() -> set[str]:
    """Every zone spelling the zone table knows (names and aliases)."""
    return set(_zone_table().names())


#: How laws print the department of a body's field at any level: 人力资源社会保障主管部门,
#: 人力资源社会保障部门, 人力资源社会保障行政部门.
FIELD_TAILS = ("主管部门", "部门", "行政部门")
_NATIONAL_PREFIXES = ("中华人民共和国", "国务院", "国家", "中国")
#: A local body's name ends in one of these (省人社厅, 市发展改革委); a national one may also end in 总局 or 部.
_LOCAL_SUFFIXES = ("委员会", "办公室", "局", "厅", "委", "办")
_NATIONAL_SUFFIXES = ("总局", "委员会", "办公室", "部", "局", "厅", "委", "办")


def body_spellings(name: str) -> tuple[list[str], list[str], list[str]]:
    """Spellings of a local body named by rule (``documents.extract.agencies``' local-body pattern).

    ``人社局`` → (``人力资源社会保障局``, ``人力资源和社会保障局`` …), with the level kept
    (``市人社局`` → ``市人力资源社会保障局`` …); and, as the second list, the same body
    written as a 部门 (``人力资源社会保障部门``), which laws and regulations print; the third
    list is how laws of their day print its predecessors (``劳动行政部门``, :func:`former_departments`).
    ``环保部门`` is read as a body too. Empty lists when ``name`` is no such body.
    """
    from documents.extract.local_bodies import local_bodies  # imported when first asked

    bodies = local_bodies()
    match = bodies.split(name)
    as_department = False
    if not match:
        for tail in ("主管部门", "部门"):
            if name.endswith(tail) and len(name) > len(tail):
                for suffix in ("局", "厅", "委"):
                    match = bodies.split(name[: -len(tail)] + suffix)
                    if match:
                        break
            if match:
                as_department = True
                break
    level, body = match or ("", "")
    if not match or body not in bodies.canonical:
        return [], [], []
    canon = bodies.canonical[body]
    forms = sorted((f for f, c in bodies.canonical.items() if c == canon), key=lambda f: (-len(f), f))
    stems = list(dict.fromkeys(_stem(f) for f in forms))
    names = [level + f for f in forms]
    # The standard field first in every way laws print it, then the field's other spellings; the
    # fields it replaced come apart (``formers``), as laws of their day print them.
    field = _stem(canon)
    departments = [level + field + tail for tail in FIELD_TAILS] if field else []
    departments += [level + s + tail for s in stems if s and s != field for tail in ("部门", "主管部门")]
    formers = former_departments(field, level) if field else []
    if as_department:
        return departments, names, formers
    return names, departments, formers


def former_stems(stem: str) -> list[str]:
    """The fields of the bodies a body's field replaced, by the agency table's successions:
    人力资源社会保障 ← 劳动保障, 人事, 劳动; 市场监管 ← 工商行政管理, 质量技术监督 ….

    Laws keep the names of their day (劳动行政部门, 卫生行政部门, 工商行政管理部门) after a
    reform renames the body that now does the work.
    """
    return _per_table_file("former_stems", AGENCIES_FILE, _former_map).get(stem, [])


def _former_map() -> dict[str, list[str]]:
    """Each current body's field (canonical local stem) → the fields of its national predecessors,
    each by its formal name (国家工商行政管理总局 → 工商行政管理), as laws print it."""
    table = _agency_table()
    out: dict[str, dict[str, None]] = {}
    for agency in table.agencies():
        if not agency.successor:
            continue
        now = _field_of(table.current(agency.name))
        formal = max(agency.spellings, key=len)
        old = _field_stem(formal)
        if now and old and old != now and len(old) >= 2 and not _placed(old):
            out.setdefault(now, {})[old] = None
    return {now: list(olds) for now, olds in out.items()}


def former_departments(field: str, level: str = "") -> list[str]:
    """How laws of their day print the departments that did ``field``'s work: 劳动行政部门,
    工商行政管理部门 (a name that already says 行政管理 takes 部门 alone)."""
    out = []
    for old in former_stems(field):
        tails = ("部门", "主管部门") if "行政" in old or old.endswith("管理") else ("行政部门", "行政主管部门")
        out += [level + old + tail for tail in tails]
    return out


def _placed(stem: str) -> bool:
    """A province's own entry (湖南省工商行政管理, 省农): its field is in the national entries."""
    return "省" in stem or "自治区" in stem or stem[0] in "市县区州"


def _field_stem(name: str) -> str:
    """劳动和社会保障部 → 劳动和社会保障, 省工商行政管理局 → 工商行政管理, 国家卫生健康委 → 卫生健康."""
    from documents.extract.local_bodies import local_bodies

    split = local_bodies().split(name)
    if split:
        name = split[1]
    for prefix in _NATIONAL_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return _stem(name, _NATIONAL_SUFFIXES)


def _field_of(name: str) -> str:
    """The canonical local stem of the field a body's name says (人力资源社会保障部 → 人力资源社会保障)."""
    from documents.extract.local_bodies import local_bodies

    stem = _field_stem(name)
    bodies = local_bodies()
    for suffix in ("局", "厅", "委"):
        canon = bodies.canonical.get(stem + suffix)
        if canon:
            return _stem(canon)
    return ""


def _stem(body: str, suffixes: tuple[str, ...] = _LOCAL_SUFFIXES) -> str:
    """``body`` without the first of ``suffixes`` it ends in, leaving two characters or more ("" for none)."""
    for suffix in suffixes:
        if body.endswith(suffix) and len(body) > len(suffix) + 1:
            return body[: -len(suffix)]
    return ""


def place_spellings(name: str) -> list[str]:
    """Full and short names of the division ``name`` means (郴州 ↔ 郴州市), or [] when it is none."""
    from documents.extract.places import default_places

    found = default_places().candidates(name)
    if not found:
        return []
    division = found[0]
    if name != division.name and division.level == "county":
        return []  # a county's short form is too often a plain word (合作, 城关)
    return list(dict.fromkeys([division.name, *division.shorts]))


def is_place(name: str) -> bool:
    from documents.extract.places import default_places

    return default_places().is_place(name)
