"""Zones, parks, cities and regions named in a document, and what each is assigned.

Names are found two ways (``documents/data/zones.toml``, extendable with
``<config dir>/zones.toml``):

* known names with aliases — 国家级开发区 (= 国家级经济技术开发区), 边境合作区,
  湘西自治州, 环长株潭城市群地区 …;
* generic names built on a known place: the place, then within a few characters
  (no particle or verb in between) a park suffix — 长兴开发区, 湖南衡阳松木工业园区,
  湖州市跨境电商产业园 — or directly 市/县/地区 — 衡阳市, 永兴县, 湘南地区.

An *assignment* is a sentence segment (cut at 。；) whose subject is the zone:
``长兴开发区要加快建设太湖资本广场``; ``衡阳市重点承接…``; coordinated subjects
(国家级开发区和边境合作区要…) give one assignment per zone. A segment made of a
zone alone (``湘南地区的开发区。…``) makes that zone the subject of the rest of
the paragraph, and a section whose title starts with a zone (``边境合作区发展的
指导思想``) assigns its clauses to it when they name no subject of their own.

    >>> table = ZoneTable.load()
    >>> [m.name for m in table.find_in("长兴开发区要加快建设太湖资本广场、国家大学科技园")]
    ['长兴开发区']
    >>> [(s.zone, s.directive) for s in segment_subjects("湖州开发区要壮大新能源汽车等产业", table)]
    [('湖州开发区', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from documents.extract.agencies import normalize_name
from documents.extract.config_tables import name_lists, read_table_files, shared_per_config_file, table_entries
from documents.model import Clause, Document, Section
from documents.parsing.paragraphs import body_paragraphs
from documents.parsing.spans import ABBREVIATION_RE, inside, protected_spans, segments

PARK_SUFFIXES = [
    "高新技术产业开发区",
    "高新技术产业园区",
    "经济技术开发区",
    "高新技术开发区",
    "承接产业转移示范区",
    "经济开发区",
    "出口加工区",
    "综合保税区",
    "工业集中区",
    "产业园区",
    "工业园区",
    "示范园区",
    "开发区",
    "高新区",
    "经开区",
    "保税区",
    "示范区",
    "合作区",
    "产业园",
    "工业园",
    "示范园",
    "物流园",
    "科技城",
    "园区",
]
_BREAKERS = set('要的和与及在是将把对为等由从向并或以有个、，。；：:;,.！？!?“”"《》（）()【】 \u3000\t\n')
_BREAK_WORDS = (
    "关于",
    "政府",
    "办公",
    "人民",
    "创建",
    "建设",
    "支持",
    "推进",
    "加快",
    "打造",
    "发展",
    "争取",
    "申报",
    "设立",
    "成为",
    "作为",
    "形成",
    "重点",
    "依托",
)
_DIRECTIVES = (
    "要",
    "应",
    "须",
    "必须",
    "需",
    "将",
    "重点",
    "着力",
    "加快",
    "积极",
    "大力",
    "继续",
    "进一步",
    "负责",
    "承担",
    "力争",
    "争取",
    "努力",
    "切实",
    "全力",
    "主动",
    "加强",
    "推进",
    "推动",
)
_LEAD_MARKERS_RE = re.compile(r"^(?:其中|同时|此外|另外|另一方面|总体上|总的来看)[，,、]?")
_NUMBERING_RE = re.compile(r"^(?:[（(]?\d{1,2}[)）.、．·]|[（(][一二三四五六七八九十]{1,3}[)）]|[①-⑳])\s*")
_TIME_WORDS = ("年", "期间", "期末", "以来", "目前", "当前", "今后", "近年", "时期", "阶段", "月")
_COORD = ("以及", "、", "和", "与", "及", ",", "，")
KINDS = ("park", "city", "region", "class", "collective")


@dataclass
class Zone:
    """A zone the table knows by name.

    A ``collective`` (各开发区, 全市开发区, 各市州) stands for every zone of the
    kinds it ``covers``: what it is assigned, each of them is.
    """

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "park"
    covers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ZoneMention:
    """A zone named in a text. ``name`` is canonical; ``known`` if from the data list."""

    text: str
    name: str
    kind: str
    start: int
    end: int
    known: bool


@dataclass(frozen=True)
class SegmentSubject:
    """A zone that is the subject of one segment (see :func:`segment_subjects`)."""

    zone: str
    text: str
    directive: bool
    qualifier: str | None = None
    label_only: bool = False


@dataclass
class ZoneAssignment:
    """A segment of a clause that assigns something to a zone.

    ``address`` is the clause's, ``section`` its section's; ``segment`` the
    segment text; ``via`` is ``segment`` (the zone is its subject), ``label``
    (an earlier segment of the paragraph named the zone alone) or ``title``
    (the section title starts with the zone). ``directive`` when the subject is
    followed by 要/应/重点/加快…
    """

    doc: str
    address: str
    section: str
    zone: str
    text: str
    segment: str
    directive: bool
    via: str = "segment"
    qualifier: str | None = None


class ZoneTable:
    """Recognises zone names. Build with :meth:`load`."""

    def __init__(self, zones: list[Zone], places: dict[str, list[str]], warnings: list[str] | None = None):
        self.warnings = list(warnings or [])
        self._zones: dict[str, Zone] = {}
        for zone in zones:
            key = normalize_name(zone.name)
            old = self._zones.get(key)
            if old:
                old.aliases += [a for a in zone.aliases if a not in old.aliases]
                old.kind = zone.kind or old.kind
                old.covers = zone.covers or old.covers
            else:
                zone.name = key
                self._zones[key] = zone
        self.places = {k: [n for n in (normalize_name(p) for p in v) if n] for k, v in places.items()}
        self._spelling: dict[str, str] = {}
        for zone in self._zones.values():
            for s in [zone.name, *zone.aliases]:
                if normalize_name(s):
                    self._spelling.setdefault(normalize_name(s), zone.name)
        known = sorted(self._spelling, key=len, reverse=True)
        self._known_re = re.compile("|".join(map(re.escape, known))) if known else None
        provinces = sorted(self.places.get("province", []), key=len, reverse=True)
        anchors = sorted({p for k, v in self.places.items() if k != "province" for p in v}, key=len, reverse=True)
        self._province_re = "|".join(map(re.escape, provinces))
        self._anchor_re = (
            re.compile(
                (f"(?:{self._province_re})?" if provinces else "") + "(?:" + "|".join(map(re.escape, anchors)) + ")"
            )
            if anchors
            else None
        )
        self._suffixes = sorted(PARK_SUFFIXES, key=len, reverse=True)

    @classmethod
    def load(cls, user_file: Path | None = None, *, include_user: bool = True) -> ZoneTable:
        """The bundled zone list extended by ``user_file`` (default: config dir's zones.toml).

        Problems (an unreadable file, an entry or a place without a name) become warnings
        naming the file, the entry and the problem; the rest still loads."""
        files, warnings = read_table_files("zones.toml", user_file, include_user=include_user)
        places = name_lists(files, "places", warnings)
        zones = [
            Zone(
                name=str(entry["name"]),
                aliases=[normalize_name(a) for a in entry["aliases"]],
                kind=str(entry.get("kind", "park")),
                covers=[str(k) for k in entry["covers"]],
            )
            for entry, _ in table_entries(files, "zone", warnings, lists=("aliases", "covers"))
        ]
        return cls(zones, places, warnings)

    # ---------------------------------------------------------------- lookup

    def names(self) -> set[str]:
        """Every known spelling (names and aliases); generic names are found, not listed."""
        return set(self._spelling)

    def zones(self) -> list[Zone]:
        return list(self._zones.values())

    def kind_of(self, name: str) -> str:
        key = self._spelling.get(normalize_name(name))
        if key:
            return self._zones[key].kind
        return _generic_kind(normalize_name(name))

    def collectives_covering(self, kinds) -> list[str]:
        """Collective zones (in table order) that stand for zones of any of ``kinds``."""
        wanted = set(kinds)
        return [z.name for z in self._zones.values() if z.kind == "collective" and wanted & set(z.covers)]

    def canonical(self, name: str) -> str:
        """The canonical spelling: the data name for known zones, else the name itself
        without a leading province (湖南衡阳松木工业园区 → 衡阳松木工业园区)."""
        name = normalize_name(name)
        if name in self._spelling:
            return self._spelling[name]
        if self._province_re:
            m = re.match(f"(?:{self._province_re})", name)
            if m and self._anchor_re and self._anchor_re.match(name, m.end()):
                stripped = name[m.end() :]
                return self._spelling.get(stripped, stripped)
        return name

    def same(self, a: str, b: str) -> bool:
        return self.canonical(a) == self.canonical(b)

    def find_in(self, text: str, extra: dict[str, str] | None = None) -> list[ZoneMention]:
        """Every zone named in ``text``, left to right, overlapping names resolved to the longest.

        ``extra`` maps document-local abbreviations (示范区) to a zone name.
        Names inside 《titles》 and 文号 are skipped.
        """
        if not text:
            return []
        blocked = protected_spans(text)
        cands: list[ZoneMention] = []
        if self._known_re:
            for m in self._known_re.finditer(text):
                name = self._spelling[m.group(0)]
                cands.append(ZoneMention(m.group(0), name, self._zones[name].kind, m.start(), m.end(), True))
        if extra:
            pattern = re.compile("|".join(map(re.escape, sorted(extra, key=len, reverse=True))))
            for m in pattern.finditer(text):
                full = self.canonical(extra[m.group(0)])
                cands.append(ZoneMention(m.group(0), full, self.kind_of(full), m.start(), m.end(), True))
        if self._anchor_re:
            pos = 0
            while True:
                m = self._anchor_re.search(text, pos)
                if not m:
                    break
                found = self._generic_at(text, m.start(), m.end())
                if found:
                    cands.append(found)
                pos = m.start() + 1
        cands.sort(key=lambda c: (c.start, -(c.end - c.start), not c.known))
        out: list[ZoneMention] = []
        for c in cands:
            if inside(c.start, blocked):
                continue
            if out and c.start < out[-1].end:
                prev = out[-1]
                if (c.end - c.start) > (prev.end - prev.start):
                    out[-1] = c
                continue
            out.append(c)
        return out

    def _generic_at(self, text: str, start: int, anchor_end: int) -> ZoneMention | None:
        """A generic name starting with the place at ``start:anchor_end``, if any."""
        limit = min(len(text), anchor_end + 16)
        j = anchor_end
        while j < limit:
            if text[j] in _BREAKERS:
                break
            for suffix in self._suffixes:
                if text.startswith(suffix, j):
                    name = text[start : j + len(suffix)]
                    head = self.canonical(text[start:j])
                    if suffix in ("开发区", "园区") and head in self._zones and self._zones[head].kind == "region":
                        # 湘南地区开发区: the zones of a region stand for the region
                        return ZoneMention(name, head, "region", start, j + len(suffix), True)
                    canon = self.canonical(name)
                    return ZoneMention(name, canon, self.kind_of(canon), start, j + len(suffix), canon in self._zones)
            if text.startswith(_BREAK_WORDS, j):
                break
            j += 1
        nxt = text[anchor_end : anchor_end + 2]
        if nxt[:1] in ("市", "县") and nxt != "市场" and nxt != "县市":
            name = text[start : anchor_end + 1]
            canon = self.canonical(name)
            return ZoneMention(name, canon, "city", start, anchor_end + 1, canon in self._zones)
        if nxt == "地区":
            name = text[start : anchor_end + 2]
            canon = self.canonical(name)
            return ZoneMention(name, canon, "region", start, anchor_end + 2, canon in self._zones)
        return None


def _generic_kind(name: str) -> str:
    if name.endswith(("市", "县", "自治州", "州")):
        return "city"
    if name.endswith(("地区", "城市群")):
        return "region"
    return "park"


_shared_table = shared_per_config_file("zones.toml", lambda: ZoneTable.load())


def default_table() -> ZoneTable:
    """A shared :meth:`ZoneTable.load` result (reloaded when the user's zones.toml changes)."""
    return _shared_table()


# ------------------------------------------------------------- subjects


def _skip_lead(text: str, mentions: list[ZoneMention]) -> int:
    """Where the subject of a segment may start: past numbering, 其中/同时, and a
    short leading time phrase such as ``到2020年末，`` or ``“十一五”期间，``."""
    pos = 0
    m = _NUMBERING_RE.match(text)
    if m:
        pos = m.end()
    m = _LEAD_MARKERS_RE.match(text[pos:])
    if m:
        pos += m.end()
    comma = next((i for i in range(pos, min(len(text), pos + 18)) if text[i] in "，,"), None)
    if comma is not None:
        chunk = text[pos:comma]
        if any(w in chunk for w in _TIME_WORDS) and not any(pos <= z.start < comma for z in mentions):
            pos = comma + 1
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    return pos


def segment_subjects(
    segment: str, table: ZoneTable | None = None, extra: dict[str, str] | None = None
) -> list[SegmentSubject]:
    """The zones a segment is about: those standing as its grammatical subject.

    ``国家级开发区和边境合作区要…`` gives both; ``东部沿海地区的国家级开发区要…``
    gives 国家级开发区 qualified by 东部沿海地区; ``支持湖州开发区…`` gives none.
    """
    table = table or default_table()
    mentions = table.find_in(segment, extra)
    if not mentions:
        return []
    pos = _skip_lead(segment, mentions)
    by_start = {m.start: m for m in mentions}
    first = by_start.get(pos)
    if first is None and segment[pos : pos + 1] == "各":
        first = by_start.get(pos + 1)
    if first is None:
        return []
    subjects = [first]
    end = first.end
    while True:
        for word in _COORD:
            if segment.startswith(word, end):
                nxt = by_start.get(end + len(word))
                if nxt is None and segment[end + len(word) : end + len(word) + 1] == "各":
                    nxt = by_start.get(end + len(word) + 1)
                if nxt is not None:
                    subjects.append(nxt)
                    end = nxt.end
                    break
        else:
            break
    qualifier = None
    de = re.match(r"[^，,。；：:“”《》]{0,12}?的", segment[end:])
    if de and by_start.get(end + de.end()) is not None and not segment.startswith("的", end):
        # 中部地区及东北等老工业基地的国家级开发区: the head after 的 is the subject
        head = by_start[end + de.end()]
        qualifier = segment[pos : end + de.end() - 1]
        subjects = [head]
        end = head.end
    elif segment.startswith("的", end):
        head = by_start.get(end + 1)
        if head is not None:
            qualifier = "、".join(s.text for s in subjects)
            subjects = [head]
            end = head.end
        else:
            m = re.match(r"的(?:各类|各)?(?:开发区|园区|产业园区)", segment[end:])
            if m:
                end += m.end()
    rest = segment[end:].lstrip("也都均还则亦各")
    directive = rest.startswith(_DIRECTIVES)
    label_only = not rest.strip(" 　:：")
    return [SegmentSubject(s.name, s.text, directive, qualifier, label_only) for s in subjects]


def document_abbreviations(document: Document, table: ZoneTable | None = None) -> dict[str, str]:
    """Zone abbreviations the document defines: ``…示范区（以下简称示范区）`` → {示范区: …}."""
    table = table or default_table()
    found: dict[str, str] = {}
    for _, block in document.blocks():
        if not isinstance(block, Clause):
            continue
        for m in ABBREVIATION_RE.finditer(block.text):
            short = m.group("short")
            before = [z for z in table.find_in(block.text[: m.start()]) if z.end == m.start()]
            if before and short not in table.names():
                found[short] = before[-1].name
    return found


def _title_subject(section: Section, table: ZoneTable, extra: dict[str, str]) -> str | None:
    """The zone a section title is about: ``边境合作区发展的指导思想``, ``国家级开发区总体目标``."""
    if not section.title:
        return None
    subs = segment_subjects(section.title, table, extra)
    if len(subs) != 1:
        return None
    rest = section.title[section.title.find(subs[0].text) + len(subs[0].text) :]
    if subs[0].label_only or re.match(r"^(?:发展)?的|^(?:总体|发展|主要)?目标", rest):
        return subs[0].zone
    return None


def assignments(document: Document, table: ZoneTable | None = None) -> list[ZoneAssignment]:
    """Every segment of ``document`` that assigns something to a zone, in reading order.

    Reads what :func:`documents.extract.tasks.tasks_of` reads (:func:`body_paragraphs`):
    body clauses and numbered items printed as a heading alone. Such an item's
    title is its text, so the section that may name its zone is its parent.
    """
    table = table or default_table()
    extra = document_abbreviations(document, table)
    title_zones: dict[str, str | None] = {}
    recipients = normalize_name(document.meta.recipients or "")
    out: list[ZoneAssignment] = []
    for paragraph in body_paragraphs(document):
        section = paragraph.section
        if recipients and section is document.root and normalize_name(paragraph.text).startswith(recipients):
            continue  # 各市州人民政府，…： addresses the notice, it assigns nothing
        titled = paragraph.parent if paragraph.heading_only else section
        if titled is None:
            title_zone = None
        else:
            if titled.address not in title_zones:
                title_zones[titled.address] = _title_subject(titled, table, extra)
            title_zone = title_zones[titled.address]
        label_zone: str | None = None
        for seg in segments(paragraph.text):
            subs = segment_subjects(seg.text, table, extra)
            if subs:
                if len(subs) == 1 and subs[0].label_only:
                    label_zone = subs[0].zone
                for s in subs:
                    out.append(
                        ZoneAssignment(
                            document.key,
                            paragraph.address,
                            section.address,
                            s.zone,
                            s.text,
                            seg.text,
                            s.directive,
                            "label" if s.label_only else "segment",
                            s.qualifier,
                        )
                    )
                continue
            fallback = label_zone or title_zone
            if fallback:
                out.append(
                    ZoneAssignment(
                        document.key,
                        paragraph.address,
                        section.address,
                        fallback,
                        fallback,
                        seg.text,
                        False,
                        "label" if label_zone else "title",
                    )
                )
    return out


def mentions(document: Document, table: ZoneTable | None = None) -> dict[str, list[ZoneMention]]:
    """Zone mentions per block address (clauses and tables)."""
    table = table or default_table()
    extra = document_abbreviations(document, table)
    out: dict[str, list[ZoneMention]] = {}
    for _, block in document.blocks():
        found = table.find_in(block.text, extra)
        if found:
            out[block.address] = found
    return out
