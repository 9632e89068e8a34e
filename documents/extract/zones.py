"""Zones, parks, cities and regions named in a document, and what each is assigned.

Names are found three ways (``documents/data/zones.toml``, extendable with
``<config dir>/zones.toml``):

* known names with aliases — 国家级开发区 (= 国家级经济技术开发区), 边境合作区,
  湘西自治州, 环长株潭城市群地区 …;
* generic names built on a known place: the place, then within a few characters
  (no particle or verb in between) a park suffix — 长兴开发区, 湖南衡阳松木工业园区,
  湖州市跨境电商产业园 — or directly 市/县/地区 — 衡阳市, 永兴县, 湘南地区; not a
  street or river named after a place (北京东路, 苏州河);
* names one document gives (:func:`document_names`): an area it names, where a name
  is bounded, with a zone's generic tail and names again (外滩历史文化风貌区 = 外滩风貌区,
  外滩、衡复…等历史文化风貌区), and the zone or place its title is about (雄安新区, also
  新区 and 雄安 in its own approval; 黄浦区 of 黄浦区…规划, wherever the plan names it).

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from itertools import compress
from operator import add
from pathlib import Path

from documents.extract.agencies import normalize_name
from documents.extract.config_tables import name_lists, read_table_files, shared_per_config_file, table_entries
from documents.extract.places import Places, default_places
from documents.facets import kind_group, kind_of
from documents.model import Clause, Document, Section, Table
from documents.parsing.paragraphs import body_paragraphs, is_heading_only_item
from documents.parsing.spans import ABBREVIATION_RE, inside, protected_spans, segments

PARK_SUFFIXES = [
    "自由贸易试验区",
    "跨境经济合作区",
    "边境经济合作区",
    "国际边境合作中心",
    "高新技术产业开发区",
    "高新技术产业园区",
    "经济技术开发区",
    "高新技术开发区",
    "承接产业转移示范区",
    "经济开发区",
    "出口加工区",
    "综合保税区",
    "保税物流园区",
    "保税港区",
    "自贸试验区",
    "工业集中区",
    "产业园区",
    "工业园区",
    "示范园区",
    "开发区",
    "高新区",
    "经开区",
    "保税区",
    "综保区",
    "自贸区",
    "新片区",
    "片区",
    "新区",
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
    (an earlier segment of the paragraph named the zone alone), ``title``
    (the section title starts with the zone), ``mention`` (a formal zone named
    anywhere, a place given a role), ``row`` (a table row) or ``heading`` (the
    section's own heading names it: 紧扣雄安新区战略定位; ``address`` is the
    section's). ``directive`` when the subject is followed by 要/应/重点/加快…
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
    row: int | None = None

    @property
    def shared(self) -> bool:
        """Assigned to a category or a collective (国家级开发区要…, 各开发区要…), not to one zone."""
        return self.via in _SHARED_VIAS


_SHARED_VIAS = ("shared-segment", "shared-label", "shared-title", "shared-row", "shared-mention")


class ZoneTable:
    """Recognises zone names. Build with :meth:`load`."""

    def __init__(
        self,
        zones: list[Zone],
        places: dict[str, list[str]],
        warnings: list[str] | None = None,
        divisions: Places | None = None,
    ):
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
        self.divisions = divisions if divisions is not None else default_places()
        # anchors: every division (full, short, former names) and the places of zones.toml
        self._anchors: dict[str, tuple[str, bool]] = dict(self.divisions.scan_names())
        levels = {"province": "province", "city": "prefecture", "county": "county", "region": "region"}
        for kind, names in self.places.items():
            for n in names:
                had = self._anchors.get(n)
                if had is None or (kind == "province" and had[0] != "province"):
                    self._anchors[n] = (levels.get(kind, "county"), True)
                elif not had[1]:
                    self._anchors[n] = (had[0], True)  # a short form the user lists stands alone
        self._anchor_lengths: dict[str, list[int]] = {}
        for n in self._anchors:
            if len(n) >= 2:
                self._anchor_lengths.setdefault(n[0], []).append(len(n))
        for ch, lengths in self._anchor_lengths.items():
            self._anchor_lengths[ch] = sorted(set(lengths), reverse=True)
        #: The first two characters of every anchor: where one can start (a few in a thousand characters).
        self._anchor_pairs = frozenset(n[:2] for n in self._anchors if len(n) >= 2)
        self._suffixes = sorted(PARK_SUFFIXES, key=len, reverse=True)

    @cached_property
    def _known_re(self) -> re.Pattern[str] | None:
        """Every known spelling, longest first, as one pattern: compiled when a text is first searched
        for mentions (20 ms), not by a search that only asks the table about names."""
        known = sorted(self._spelling, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, known))) if known else None

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
        return cls(special_zones() + zones, places, warnings)

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
        """The canonical spelling: the data name for known zones; a place's current full name
        (衡阳 → 衡阳市, 邵东县 → 邵东市); a generic name without a leading province
        (湖南衡阳松木工业园区 → 衡阳松木工业园区); a group of zones without 的 and with its
        region's own name (大湘南地区开发区 = 湘南地区的开发区 → 湘南地区开发区)."""
        name = normalize_name(name)
        if name in self._spelling:
            return self._spelling[name]
        m = _GROUP_TAIL_RE.search(name)
        if m and m.start() > 0:
            head, tail = name[: m.start()], m.group("tail")
            region = self.canonical(head)
            if head.endswith(_REGION_ENDINGS) or self.kind_of(region) == "region":
                if tail in ("开发区", "园区", "各开发区", "产业园区", "工业园区"):
                    tail = "开发区"
                return region + tail
            if m.group("de"):
                return head + tail
        anchor = self._anchor_at(name, 0)
        if anchor and anchor[0] == len(name):
            resolved = self.divisions.resolve(name) or name
            return self._spelling.get(resolved, resolved)
        if anchor and anchor[3] < anchor[0]:
            stripped = name[anchor[3] :]
            return self._spelling.get(stripped, stripped)
        if name.endswith("风貌区") and len(name) > 3 and not name.endswith(("历史文化风貌区", "历史风貌区")):
            return name[:-3] + "历史文化风貌区"  # 衡复风貌区, as the documents shorten 衡复历史文化风貌区
        return name

    def same(self, a: str, b: str) -> bool:
        return self.canonical(a) == self.canonical(b)

    def _anchor_at(self, text: str, i: int) -> tuple[int, str, bool, int] | None:
        """The longest place name starting at ``i``: (end, level, printed in full, end of a
        leading province). A province followed by a place (湖南衡阳) is one anchor."""
        lengths = self._anchor_lengths.get(text[i : i + 1])
        if not lengths:
            return None
        for k in lengths:
            word = text[i : i + k]
            if len(word) == k and word in self._anchors:
                level, full = self._anchors[word]
                if not full and (word in _COMMON_SHORTS or text.startswith(_NOT_PLACES, i)):
                    return None
                end = i + k
                if level == "province":
                    nxt = self._anchor_at(text, end)
                    if nxt and nxt[1] != "province":
                        return nxt[0], nxt[1], nxt[2], end
                return end, level, full, end
        return None

    def find_in(self, text: str, extra: LocalNames | None = None) -> list[ZoneMention]:
        """Every zone and place named in ``text``, left to right, overlapping names resolved to the longest.

        ``extra`` holds the names one document gives its zones (:func:`document_names`).
        Names inside 《titles》 and 文号 are skipped. Places are divisions (衡阳, 衡阳市,
        湘西州, 邵东县) and the places of zones.toml; a group of zones (湘南地区的开发区)
        and a category qualified by regions (中西部、东北老工业基地国家级开发区) are one mention.
        """
        if not text:
            return []
        blocked = protected_spans(text)
        cands: list[ZoneMention] = []
        if self._known_re:
            for m in self._known_re.finditer(text):
                name = self._spelling[m.group(0)]
                cands.append(ZoneMention(m.group(0), name, self._zones[name].kind, m.start(), m.end(), True))
        if extra is not None and extra.pattern is not None:
            for m in extra.pattern.finditer(text):
                full, kind = extra.names[m.group(0)]
                cands.append(ZoneMention(m.group(0), full, kind, m.start(), m.end(), kind != "region"))
            cands += extra.listed(text)
        # each character with the next (in C): _anchor_at is asked only where a place name can start
        street_end = 0
        for i in compress(range(len(text)), map(self._anchor_pairs.__contains__, map(add, text, text[1:]))):
            if i < street_end:
                continue
            anchor = self._anchor_at(text, i)
            if anchor:
                street_end = self._street_end(text, i, anchor[0], anchor[1])
                if street_end:
                    continue
                found = self._generic_at(text, i, anchor[0], anchor[1], anchor[2])
                if found:
                    cands.append(found)
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
        return self._grouped(text, out)

    def _street_end(self, text: str, start: int, anchor_end: int, level: str) -> int:
        """Where a street or a river named after the place at ``start:anchor_end`` ends (北京东路, 茂名路,
        苏州河南岸 — not 河南 there), or 0: a place printed in full (衡阳市河东) or followed by another
        (天津河北区, 山东河南) is no street's name."""
        word = next((w for w in _STREET_WORDS if text.startswith(w, anchor_end)), None)
        if word is None or self.divisions.starting_at(text[start:anchor_end], 0, full=True) == text[start:anchor_end]:
            return 0
        following = self._anchor_at(text, anchor_end)
        if following is not None and (following[2] or (level == "province" and following[1] == "province")):
            return 0
        return anchor_end + len(word)

    def _generic_at(
        self, text: str, start: int, anchor_end: int, level: str = "county", full: bool = True
    ) -> ZoneMention | None:
        """A generic name starting with the place at ``start:anchor_end``, if any."""
        limit = min(len(text), anchor_end + 16)
        j = anchor_end
        while j < limit:
            if text[j] in _BREAKERS:
                break
            if j - anchor_end > 6 and level == "county" and not full:
                break  # 上高|新技术产业工业增加值占开发区: a county's short form begins a short name
            for suffix in self._suffixes:
                if text.startswith(suffix, j):
                    if j == anchor_end and level == "province" and suffix in _CATEGORY_SUFFIXES:
                        j = limit  # 湖南开发区, 湖南省园区: the province's zones in general
                        break
                    name = text[start : j + len(suffix)]
                    head = self.canonical(text[start:j])
                    if suffix in ("开发区", "园区") and self.kind_of(head) == "region":
                        # 湘南地区开发区: the zones of a region, a group of its own
                        return ZoneMention(name, self.canonical(name), "region", start, j + len(suffix), True)
                    canon = self.canonical(name)
                    return ZoneMention(name, canon, self.kind_of(canon), start, j + len(suffix), canon in self._zones)
            if j >= limit or text.startswith(_BREAK_WORDS, j) or text.startswith(("国家级", "省级"), j):
                break
            j += 1
        nxt = text[anchor_end : anchor_end + 2]
        if nxt[:1] in ("市", "县") and nxt not in (
            "市场",
            "县市",
            "市州",
            "市县",
            "市区",
            "市级",
            "县级",
            "县区",
            "县域",
        ):
            name = text[start : anchor_end + 1]
            canon = self.canonical(name)
            if text[anchor_end - 1 : anchor_end + 1] != "城市" or self.divisions.is_place(canon):
                return ZoneMention(name, canon, "city", start, anchor_end + 1, canon in self._zones)
            # 地级及以上城市, 飞越城市: 上城 (上城区) or 越城 and 市 make the word 城市, no 上城市
        if nxt == "地区":
            name = text[start : anchor_end + 2]
            canon = self.canonical(name)
            return ZoneMention(name, canon, "region", start, anchor_end + 2, canon in self._zones)
        if level == "region" or full or level in ("province", "prefecture"):
            if text.startswith(_BODY_WORDS, anchor_end):
                return None  # 湖南省人民政府, 衡阳市发展改革委: an agency, not the place
            name = text[start:anchor_end]
            canon = self.canonical(name)
            kind = "region" if level == "region" and canon not in self._zones else self.kind_of(canon)
            if canon not in self._zones and level != "region":
                kind = "city"
            return ZoneMention(name, canon, kind, start, anchor_end, canon in self._zones)
        return None

    def _grouped(self, text: str, found: list[ZoneMention]) -> list[ZoneMention]:
        """Merge a region and the zones after it (湘南地区的开发区) and a category qualified by
        regions before it (东部地区国家级开发区, 中西部国家级开发区及边境合作区) into one mention."""
        out: list[ZoneMention] = []
        i = 0
        while i < len(found):
            m = found[i]
            if m.kind == "region" and not m.name.endswith(_GROUP_SUFFIXES):
                g = _REGION_GROUP_RE.match(text, m.end)
                if g and not any(m.end < f.start < g.end() for f in found):
                    name = text[m.start : g.end()]
                    out.append(ZoneMention(name, self.canonical(name), "region", m.start, g.end(), True))
                    i += 1
                    continue
            if m.kind == "class":
                end, j = m.end, i
                while j + 1 < len(found) and found[j + 1].kind == "class":
                    link = text[end : found[j + 1].start]
                    if link not in ("与", "及", "和", "以及"):
                        break
                    j, end = j + 1, found[j + 1].end
                start = _qualifier_start(text, m.start, self)
                if start < m.start:
                    while out and out[-1].start >= start:
                        out.pop()
                    name = text[start:end]
                    name = name[: m.start - start - 1] + name[m.start - start :] if text[m.start - 1] == "的" else name
                    out.append(ZoneMention(text[start:end], normalize_name(name), "region", start, end, False))
                    i = j + 1
                    continue
            if (
                m.kind == "park"
                and not m.known
                and out
                and self.divisions.level(text[m.start : m.start + 2]) == "province"
            ):
                # 西藏、新疆产业聚集园区: provinces sharing one kind of zone
                start = m.start
                while out and out[-1].kind == "city" and text[out[-1].end : start] in ("、", "和"):
                    if self.divisions.level(out[-1].text) != "province":
                        break
                    start = out.pop().start
                if start < m.start:
                    m = ZoneMention(
                        text[start : m.end], normalize_name(text[start : m.end]), "park", start, m.end, False
                    )
            out.append(m)
            i += 1
        return out


_REGION_ENDINGS = ("地区", "城市群", "片区", "板块")
_STREET_WORDS = ("东路", "西路", "南路", "北路", "中路", "大道", "大街", "路", "街", "巷", "河", "桥")
_CATEGORY_SUFFIXES = ("开发区", "园区", "产业园区", "工业园区", "产业园", "工业园", "示范区", "合作区")
_GROUP_SUFFIXES = ("开发区", "园区", "合作区")
_GROUP_TAIL_RE = re.compile(
    r"(?P<de>的)?(?P<tail>(?:各类|各)?(?:国家级|省级)?(?:开发区|产业园区|工业园区|园区|边境合作区|经济技术开发区))$"
)
_REGION_GROUP_RE = re.compile(r"的?(?:各类|各)?(?:开发区|产业园区|工业园区|园区)")
_NOT_PLACES = ("长治久安", "大同小异", "安康乐业", "朝阳产业", "吉安康")
"""Short place names that are also the start of common words."""
_COMMON_SHORTS = frozenset(
    [
        "合作",
        "新兴",
        "通道",
        "振兴",
        "互助",
        "港口",
        "清水",
        "南开",
        "新城",
        "和政",
        "会同",
        "富民",
        "共和",
        "新建",
        "大新",
        "新平",
        "新市",
        "运河",
        "青山",
        "金山",
        "红山",
        "新和",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "东方",
        "和平",
        "长安",
        "永安",
        "安定",
        "宁安",
        "新华",
        "开放",
        "开阳",
        "阳高",
        "西吉",
        "白云",
        "城厢",
        "光明",
        "江城",
        "城阳",
        "新区",
        "高新",
        "文化",
        "平安",
        "集安",
        "安全",
        "永和",
        "和顺",
        "顺义",
        "长顺",
        "东区",
        "西区",
        "南区",
        "北区",
        "中原",
        "海港",
        "海城",
    ]
)
"""Short forms of counties that are everyday words (合作市, 新兴县, 通道侗族自治县): printed in full they are places."""
_BODY_WORDS = (
    "人民政府",
    "政府",
    "党委",
    "委",
    "第",
    "人大",
    "政协",
    "发展改革",
    "发展和改革",
    "发改委",
    "经信",
    "经济和信息化",
    "工业和信息化",
    "工信",
    "财政",
    "商务厅",
    "商务局",
    "科技厅",
    "科技局",
    "住建",
    "住房和城乡建设",
    "自然资源",
    "生态环境",
    "人社",
    "人力资源",
    "税务",
    "海关",
    "管委会",
    "分公司",
    "公司",
    "分行",
    "分局",
    "集团",
)
_QUALIFIER_TOKEN_RE = re.compile(
    r"(?:(?:[一二两三四五六七八九十]大)?(?:少数民族|民族|贫困|边境|沿边|沿海|欠发达|革命老区|资源枯竭)地区"
    r"|(?:东北(?:地区)?)?(?:等)?老工业基地|革命老区"
    r"|(?:[东西南北中]{1,3}部|东北|西北|西南|东南|华北|华东|华南|华中)(?:沿海|沿边|边境)?(?:地区)?)$"
)


def _qualifier_start(text: str, pos: int, table: ZoneTable) -> int:
    """Where the regions qualifying a category at ``pos`` begin (``pos`` when none):
    ``中西部、东北老工业基地、革命老区、新疆和西藏两大民族地区|国家级开发区``."""
    start = pos
    i = pos - 1 if pos > 0 and text[pos - 1] == "的" else pos
    first = True
    while i > 0:
        m = _QUALIFIER_TOKEN_RE.search(text, max(0, i - 16), i)
        token_start = m.start() if m else None
        place = table.divisions.ending_at(text, token_start if token_start is not None else i)
        if token_start is not None and place and table.divisions.level(place) in ("province", "prefecture"):
            token_start -= len(place)  # 西藏两大民族地区
        elif token_start is None and place and table.divisions.level(place) in ("province", "prefecture"):
            token_start = i - len(place)
        elif token_start is None and not first and text[i - 1] in "东西南北中" and text[i : i + 1] == "、":
            token_start = i - 1  # 东、中西部
        if token_start is None:
            break
        start, first = token_start, False
        link = re.search(r"(?:、|和|及|与|以及|等)$", text[max(0, start - 2) : start])
        if not link:
            break
        i = start - len(link.group(0))
    return start if start < pos - (1 if text[pos - 1 : pos] == "的" else 0) else pos


def special_zones() -> list[Zone]:
    """国家级新区, 自由贸易试验区 and their 片区 from ``data/zones-special.tsv``, with the short
    forms a document prints: 湘江新区 (without the province), 上海自贸试验区 / 上海自贸区,
    中国（上海）自由贸易试验区临港新片区 = 上海自贸试验区临港新片区."""
    text = resources.files("documents.extract").joinpath("data/zones-special.tsv").read_text("utf-8")
    out: list[Zone] = []
    places = default_places()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, _province, parent = [*line.split("\t"), "", "", ""][:4]
        aliases: list[str] = []
        if kind == "国家级新区":
            head = places.starting_at(name, 0)
            if head and len(head) < len(name) - 2 and places.level(head) == "province":
                aliases.append(name[len(head) :])
        for _full, short in _FTZ_RE.findall(name):
            aliases += [f"{short}自由贸易试验区", f"{short}自贸试验区", f"{short}自贸区"]
        if parent:
            pm = _FTZ_RE.search(parent)
            heads = [parent] + ([f"{pm.group(2)}自贸试验区", f"{pm.group(2)}自贸区"] if pm else [])
            aliases += [h + name for h in heads]
        out.append(Zone(name, [normalize_name(a) for a in aliases], "park"))
    return out + _nbs_zones(places)


_LONG_KINDS = {"经开区": ("经济技术开发区", "经济开发区"), "高新区": ("高新技术产业开发区", "高新技术开发区", "高新区")}


def _nbs_zones(places: Places) -> list[Zone]:
    """Zones with an NBS code (``data/zones-nbs-functional.tsv``), printed also without their
    province and by their short kind: 河北唐山芦台经济开发区 = 唐山芦台经济开发区 = 唐山芦台经开区."""
    text = resources.files("documents.extract").joinpath("data/zones-nbs-functional.tsv").read_text("utf-8")
    out: list[Zone] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, short = [*line.split("\t"), ""][:2]
        bare = name
        head = places.starting_at(name, 0)
        if head and places.level(head) == "province" and places.starting_at(name, len(head)):
            bare = name[len(head) :]  # 河北唐山芦台经济开发区, not 吉林经济开发区 (吉林市)
        aliases = [bare] if bare != name else []
        kind = next((k for k in _LONG_KINDS if short.endswith(k)), "")
        for long in _LONG_KINDS.get(kind, ()):
            if bare.endswith(long) and len(bare) > len(long):
                aliases.append(bare[: -len(long)] + kind)  # 唐山芦台经开区
                break
        if short != kind and len(short) >= 4 and short.endswith(("区", "园", "城")):
            aliases.append(short)  # 芦台经开区, 苏州工业园
        out.append(Zone(name, [normalize_name(a) for a in aliases if a != name], "park"))
    return out


_FTZ_RE = re.compile(r"(中国[（(](.+?)[）)])自由贸易试验区")


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
    segment: str,
    table: ZoneTable | None = None,
    extra: LocalNames | None = None,
    found: list[ZoneMention] | None = None,
) -> list[SegmentSubject]:
    """The zones a segment is about: those standing as its grammatical subject.

    ``国家级开发区和边境合作区要…`` gives both; ``东部沿海地区的国家级开发区要…``
    gives 国家级开发区 qualified by 东部沿海地区; ``支持湖州开发区…`` gives none.
    """
    table = table or default_table()
    mentions = table.find_in(segment, extra) if found is None else found
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
        after = by_start.get(end + 1)
        if after is not None:
            qualifier = "、".join(s.text for s in subjects)
            subjects = [after]
            end = after.end
        else:
            m = re.match(r"的(?:各类|各)?(?:开发区|园区|产业园区)", segment[end:])
            if m:
                end += m.end()
    rest = segment[end:].lstrip("也都均还则亦各")
    directive = rest.startswith(_DIRECTIVES)
    label_only = not rest.strip(" 　:：")
    return [SegmentSubject(s.name, s.text, directive, qualifier, label_only) for s in subjects]


@dataclass
class LocalNames:
    """The names one document gives zones (:func:`document_names`): ``names`` maps each spelling to
    (zone, kind); a ``region`` is a place named alone (外滩), assigned only as a subject or after a role
    word. ``stems`` are the names the document printed before an area's generic tail (外滩 of
    外滩历史文化风貌区), read in elliptical lists (外滩、衡复以及人民广场等历史文化风貌区)."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)
    table: ZoneTable | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return re.compile("|".join(map(re.escape, sorted(self.names, key=len, reverse=True)))) if self.names else None

    def listed(self, text: str) -> list[ZoneMention]:
        """One zone per stem of an elliptical list sharing one tail: 外滩、衡复…等4处历史文化风貌区."""
        if not self.stems or self.table is None:
            return []
        out = []
        for items, tail in _elliptical_lists(text):
            for start, end in items:
                stem = text[start:end]
                if stem in self.stems:
                    name = self.table.canonical(stem + tail)
                    out.append(ZoneMention(stem, name, "park", start, end, True))
        return out


_LONGEST_FIRST = sorted(PARK_SUFFIXES, key=len, reverse=True)
_AREA_TAILS = ("历史文化风貌区", "历史风貌区", "风貌区", *PARK_SUFFIXES)
_AREA_TAIL_RE = re.compile("|".join(sorted(_AREA_TAILS, key=len, reverse=True)))
_NAME_CHAR_RE = re.compile(r"[\u4e00-\u9fff\-－·]")
_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff\-－·]{2,8}?(?:、|以及|和|及|与))+[\u4e00-\u9fff\-－·]{2,8}?)"
    r"等(?:[0-9０-９一二三四五六七八九十两]+(?:处|个|大|片))?(?P<tail>" + _AREA_TAIL_RE.pattern + ")"
)
_LIST_SEP_RE = re.compile(r"、|以及|和|及|与")
# fmt: off
_NOT_NAME_HEADS = (
    "相关", "有关", "其他", "其它", "周边", "所有", "部分", "主要", "重点", "核心", "重要", "特色",
    "功能", "主题", "产业", "合作", "境外", "境内", "国内", "国外", "海外", "城市", "城镇", "农村",
    "乡村", "历史", "文化", "风貌", "现有", "已有", "新建", "现代", "专业", "特殊", "综合", "国家",
    "省级", "市级", "区级", "县级", "工业", "农业", "物流", "科技", "创新", "生态", "试点", "示范",
    "保税", "自贸", "经济", "开发", "这些", "上述", "下列", "区内", "园内", "入驻", "符合", "条件",
    "中心", "旧城", "城区", "市区", "区域", "地方", "若干", "多个", "特定", "指定", "规划", "重大",
    "优势", "成熟", "同类", "同一", "不同", "其余", "配套", "承接", "毗邻", "周围", "沿线", "沿海",
    "沿边", "边境", "贫困", "民族", "欠发达", "连片", "商务", "金融", "商业", "居住", "生活", "滨水",
    "滨江", "临港产业", "高新", "高端", "新兴", "战略", "公共", "服务", "贸易", "外贸", "出口", "进口",
    "跨境", "数字", "智慧", "绿色", "低碳", "旅游", "休闲", "文旅", "体育", "化工", "协调", "负责",
    "承担", "进入", "行使", "根据", "依据", "按照", "扩建", "改建", "管理", "设置", "划定", "确定",
    "认定", "批准", "申请", "组织", "指导", "监督", "纳入", "列入", "位于", "属于", "所在", "限制",
    "禁止", "鼓励", "引导", "统筹", "整合", "利用", "搬迁", "迁入", "入园", "入区", "进区", "出区",
)
# fmt: on
"""What a descriptive phrase before a tail starts with (重点片区, 合作园区, 境外园区): not a name."""
# fmt: off
_NOT_NAME_ENDS = (
    "示范", "产业", "工业", "合作", "创新", "发展", "经济", "科技", "物流", "文化", "生态", "农业", "服务",
    "贸易", "商务", "金融", "集聚", "功能", "主题", "特色", "优势", "试验", "实验", "改革", "开放", "保护",
    "综合", "重点", "核心", "配套", "版权", "数字", "智能", "健康", "旅游", "商贸", "总部", "创意",
)
# fmt: on
"""What a description before a tail ends with (版权示范|园区, 文化产业|园区): not a name."""
_NAMED_TAILS = (
    "历史文化风貌区",
    "历史风貌区",
    "风貌区",
    "新片区",
    "片区",
    "园区",
    "新区",
    "开发区",
    "高新区",
    "经开区",
)
"""The tails a name of the document's own stands before (外滩|历史文化风貌区, 张园|片区, 世博浦西|园区);
示范区, 产业园, 合作区 … follow descriptions (版权示范园区, 农业合作示范区)."""
_NOT_NAME_FIRST = set("一二三四五六七八九十两百千万几多数各每该本全此其这那某诸上下前后首")
_NOT_NAME_CHARS = set("的了着过和与及等在是将把对为由从向并或以有个之其")


def _stem_of(run: str, clean_left: bool) -> str | None:
    """The name in ``run`` (the characters before a tail): after the last verb (推动|外滩源), or the
    whole run when something that cannot be part of a name stands before it."""
    for i in range(len(run) - 2, 0, -1):
        if run[:i].endswith(_LEAD_VERBS):
            return run[i:]
    return run if clean_left else None


def _is_stem(stem: str | None) -> bool:
    """A name (外滩, 衡复, 世博浦西), not a description (重点, 三大主题, 合作)."""
    if not stem or not 2 <= len(stem) <= 8 or stem[0] in _NOT_NAME_FIRST or stem[0] in "-－·":
        return False
    if stem.startswith(_NOT_NAME_HEADS) or stem.startswith(_LEAD_VERBS) or _NOT_NAME_CHARS & set(stem):
        return False
    if stem.endswith(_NOT_NAME_ENDS):
        return False
    return not stem.endswith(tuple(_AREA_TAILS))


def _elliptical_lists(text: str) -> list[tuple[list[tuple[int, int]], str]]:
    """Lists of names sharing one tail: ``外滩、衡复、老城厢以及人民广场等4处历史文化风貌区`` →
    the spans of 外滩, 衡复, 老城厢, 人民广场 and the tail. The first name begins after the verb
    before it (彰显|外滩)."""
    out = []
    for m in _LIST_RE.finditer(text):
        run_start = m.start(1)
        items: list[tuple[int, int]] = []
        pos = run_start
        for sep in _LIST_SEP_RE.finditer(text, run_start, m.end(1)):
            items.append((pos, sep.start()))
            pos = sep.end()
        items.append((pos, m.end(1)))
        first_start, first_end = items[0]
        clean = first_start == 0 or not _NAME_CHAR_RE.match(text[first_start - 1])
        stem = _stem_of(text[first_start:first_end], clean)
        items[0] = (first_end - len(stem), first_end) if stem else (first_end, first_end)
        items = [(a, b) for a, b in items if _is_stem(text[a:b])]
        if items:
            out.append((items, m.group("tail")))
    return out


def _learned_stems(
    texts: list[str], cells: list[str], table: ZoneTable, skip_tail: str | None = None
) -> dict[str, str]:
    """Names the document prints before an area's generic tail where a name is bounded, and
    prints again: stem → tail. After 、 or in an elliptical list (``、世博浦西园区``,
    ``外滩、衡复…等历史文化风貌区``), a name printed twice; after a verb (``推动外滩源片区``),
    where a verb may be read as a name (集中|行使自贸试验区), a name printed twice before a tail or
    opening a table cell (外滩源二期). A name holding anything the zone table reads (衡阳松木工业园区,
    浦东新区) is left to the table, and so is ``skip_tail``, the tail that stands for the document's
    own zone (塑造新区风貌特色)."""
    whole = "\n".join(texts)
    found: dict[str, str] = {}
    for text in texts:
        candidates: list[tuple[str, str, bool]] = []
        for m in _AREA_TAIL_RE.finditer(text):
            start = m.start()
            run_start = start
            while run_start > 0 and start - run_start < 12 and _NAME_CHAR_RE.match(text[run_start - 1]):
                run_start -= 1
            run = text[run_start:start]
            if run_start > 0 and text[run_start - 1] == "、":
                candidates.append((run, m.group(0), True))
            else:
                candidates.append((_stem_of(run, False) or "", m.group(0), False))
        for items, tail in _elliptical_lists(text):
            candidates += [(text[a:b], tail, True) for a, b in items]
        for stem, tail, bounded in candidates:
            if stem in found or tail == skip_tail or tail not in _NAMED_TAILS or not _is_stem(stem):
                continue
            if whole.count(stem) < 2:
                continue
            if not bounded and not (
                len(re.findall(re.escape(stem) + _AREA_TAIL_RE.pattern, whole)) >= 2
                or any(cell.startswith(stem) for cell in cells)
            ):
                continue
            if table.find_in(stem + tail):
                continue
            found[stem] = tail
    return found


def _street_areas(texts: list[str], stems: set[str], table: ZoneTable) -> set[str]:
    """Areas a plan names by a street or by a name of its own, bounded as :func:`_learned_stems`
    reads them: 北京东路地区, 北京东路沿线地区, 老城厢地区 — a street (a name ending in 路,
    not 公路, 铁路 …) the document prints again, or a name it gives an area."""
    whole = "\n".join(texts)
    out: set[str] = set()
    for text in texts:
        for m in _AREA_OF_RE.finditer(text):
            run_start = m.start()
            while run_start > 0 and m.start() - run_start < 12 and _NAME_CHAR_RE.match(text[run_start - 1]):
                run_start -= 1
            run = text[run_start : m.start()]
            name = run if run_start > 0 and text[run_start - 1] == "、" else _stem_of(run, False)
            if not name:
                continue
            base = name[:-2] if name.endswith(_ALONG) else name
            street = base.endswith("路") and len(base) >= 3 and base[-2:] not in _ROAD_WORDS and _is_stem(base)
            if (base in stems or street) and whole.count(base) >= 2 and not table.find_in(base):
                out.add(name + "地区")
    return out


_AREA_OF_RE = re.compile("地区")
_ALONG = ("沿线", "沿岸", "两侧", "周边")
_ROAD_WORDS = frozenset(
    [
        "公路",
        "铁路",
        "道路",
        "马路",
        "环路",
        "线路",
        "水路",
        "航路",
        "陆路",
        "网路",
        "电路",
        "思路",
        "出路",
        "支路",
        "干路",
    ]
)
"""Words ending in 路 that are no street's name."""


def document_names(document: Document, table: ZoneTable | None = None) -> LocalNames:
    """The names ``document`` gives its zones, for :meth:`ZoneTable.find_in`:

    * abbreviations it defines: ``…示范区（以下简称示范区）``;
    * areas it names with a zone's generic tail (:func:`_learned_stems`): 外滩历史文化风貌区,
      衡复风貌区, 世博浦西园区 — each wherever printed — and the name alone (外滩) as a place;
    * the zone its title is about (国务院关于河北雄安新区总体规划的批复), also by its tail alone
      (新区), by its name without the tail (雄安) and its 起步区/启动区.
    """
    table = table or default_table()
    local = document_abbreviations(document, table)
    texts = [s.title for s in _sections(document.root) if s.title and s is not document.root]
    cells: list[str] = []
    for _, block in document.blocks():
        if isinstance(block, Clause):
            texts += [seg.text for seg in segments(block.text)]
        elif isinstance(block, Table):
            cells += [cell for row in block.rows for cell in row]
    texts += cells
    own = _own_subject(document, table)
    own_tail: str | None = None
    if own is not None and own.kind == "park" and own.known:
        own_tail = next((t for t in _LONGEST_FIRST if own.name.endswith(t) and len(own.name) > len(t)), None)
    for stem, tail in _learned_stems(texts, cells, table, own_tail).items():
        local.stems.add(stem)
        for spelling in {stem + tail, stem + "风貌区"} if tail.endswith("风貌区") else {stem + tail}:
            local.names.setdefault(spelling, (table.canonical(spelling), "park"))
        local.names.setdefault(stem, (stem, "region"))
    for area in _street_areas(texts, local.stems, table):
        local.names.setdefault(area, (area, "region"))
    if own is not None and own_tail is not None:
        local.names.setdefault(own_tail, (own.name, "park"))
        head = table.canonical(own.name)[: -len(own_tail)]
        province = table.divisions.starting_at(head, 0)
        if province and table.divisions.level(province) == "province":
            head = head[len(province) :]
        if 2 <= len(head) <= 4 and not table.find_in(head):
            local.names.setdefault(head, (own.name, "park"))
        for part in _PARTS_OF_A_ZONE:
            local.names.setdefault(part, (part, "park"))
    return local


def document_abbreviations(document: Document, table: ZoneTable | None = None) -> LocalNames:
    """Zone abbreviations the document defines: ``…示范区（以下简称示范区）`` → {示范区: …}."""
    table = table or default_table()
    local = LocalNames(table=table)
    for _, block in document.blocks():
        if not isinstance(block, Clause):
            continue
        for m in ABBREVIATION_RE.finditer(block.text):
            short = m.group("short")
            before = [z for z in table.find_in(block.text[: m.start()]) if z.end == m.start()]
            if before and short not in table.names():
                local.names[short] = (before[-1].name, table.kind_of(before[-1].name))
    return local


_ABOUT_A_PLACE = ("工作要点", "规划", "方案", "意见", "措施", "报告", "批复", "")
"""Kinds of document whose title's place or zone is what the document is about."""

_PARTS_OF_A_ZONE = ("起步区", "启动区")
"""What a zone's plan calls the area it builds first: a zone of its own within the document's zone."""


def _sections(section: Section) -> Iterator[Section]:
    """``section`` and every section below it, in reading order."""
    yield section
    for child in section.children:
        yield from _sections(child)


def _own_subject(document: Document, table: ZoneTable) -> ZoneMention | None:
    """The zone or place the document is about: the one its title opens with, past the issuer's
    关于(印发) — 黄浦区历史风貌保护…规划, 国务院关于河北雄安新区总体规划的批复,
    …办公室关于印发安徽省关于…意见. An issuer is not one (湖南省人民政府关于…), and a rule
    (条例, 办法, 法) has none: its place is named in its bodies and history lines, not as an actor."""
    title = document.meta.title or ""
    if kind_group(kind_of(title)) not in _ABOUT_A_PLACE:
        return None
    heads = [document.meta.inner_title or ""]
    for word in ("关于印发", "关于"):
        if word in title:
            heads.append(title[title.index(word) + len(word) :])
            break
    else:
        heads.append(title)
    for head in heads:
        head = head.lstrip('《“"')
        found = table.find_in(head) if head else []
        if found and found[0].start == 0:
            own = found[0]
            for nxt in found[1:]:  # 广州市海珠区: the district, not its city
                if nxt.start != own.end or own.kind != "city" or nxt.kind != "city":
                    break
                own = nxt
            return own
    return None


def _title_subject(section: Section, table: ZoneTable, extra: LocalNames) -> str | None:
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


def assignments(document: Document, table: ZoneTable | None = None, *, shared: bool = False) -> list[ZoneAssignment]:
    """Every segment of ``document`` that assigns something to a zone or a place, in reading order.

    A zone or place is assigned a segment when it is its subject (``衡阳市重点承接…``,
    ``衡阳、郴州、怀化要…`` — each city), when an earlier segment named it alone
    (``湘南地区的开发区。…``) or the section title starts with it; a formal zone
    (a name ending in 区: 开发区, 高新区, 综合保税区, 片区 …, or a listed one) wherever a
    segment names it (``支持衡阳高新区…申报``, ``争取建设湖州综合保税区``); a place when
    it gets a role (``推动岳阳、娄底创建…``, ``支持邵阳…``, ``以衡阳市、郴州市为中心``).
    Each row of a table (专栏) is assigned to the formal zones and places it names,
    not to projects inside them (益阳船舶制造产业园) or places inside names
    (郴州衡黄金属冶炼集群).

    Reads what :func:`documents.extract.tasks.tasks_of` reads (:func:`body_paragraphs`):
    body clauses and numbered items printed as a heading alone. Such an item's
    title is its text, so the section that may name its zone is its parent.

    Categories and collectives (国家级开发区要…, 各开发区要…) speak to every zone of
    their kind, not to one: they are left out unless ``shared`` (then with a
    ``shared-…`` ``via``, see :attr:`ZoneAssignment.shared`).
    """
    table = table or default_table()
    extra = document_names(document, table)
    own = _own_subject(document, table)
    own_place = own.name if own is not None and own.kind == "city" else None
    title_zones: dict[str, str | None] = {}
    recipients = normalize_name(document.meta.recipients or "")
    out: list[ZoneAssignment] = []

    def add(paragraph_address, section_address, zone, text, segment, directive, via, qualifier=None, row=None):
        if table.kind_of(zone) in ("class", "collective"):
            if not shared:
                return
            via = "shared-" + via
        out.append(
            ZoneAssignment(
                document.key, paragraph_address, section_address, zone, text, segment, directive, via, qualifier, row
            )
        )

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
            found = table.find_in(seg.text, extra)
            subs = segment_subjects(seg.text, table, extra, found)
            named = {s.zone for s in subs}
            for s in subs:
                if len(subs) == 1 and s.label_only:
                    label_zone = s.zone
                via = "label" if s.label_only else "segment"
                add(paragraph.address, section.address, s.zone, s.text, seg.text, s.directive, via, s.qualifier)
            for m in _role_mentions(seg.text, found, table, own_place):
                if m.name not in named:
                    named.add(m.name)
                    add(paragraph.address, section.address, m.name, m.text, seg.text, False, "mention")
            if subs:
                continue
            fallback = label_zone or title_zone
            if fallback and fallback not in named:
                via = "label" if label_zone else "title"
                add(paragraph.address, section.address, fallback, fallback, seg.text, False, via)
    for section, block in document.blocks():
        if not isinstance(block, Table):
            continue
        for i, row in enumerate(block.rows):
            seen: set[str] = set()
            for cell in row:
                for m in _row_subjects(cell, table.find_in(cell, extra), table):
                    if m.name not in seen:
                        seen.add(m.name)
                        add(block.address, section.address, m.name, m.text, " | ".join(row), False, "row", row=i)
    for section in _sections(document.root):
        if section is document.root or not section.title or is_heading_only_item(section):
            continue
        for seg in segments(section.title):
            found = table.find_in(seg.text, extra)
            named = set()
            for m in _role_mentions(seg.text, found, table, own_place):
                if m.name not in named:
                    named.add(m.name)
                    add(section.address, section.address, m.name, m.text, seg.text, False, "heading")
    return out


_ROLE_WORDS = (
    "聚焦",
    "支持",
    "推动",
    "推进",
    "鼓励",
    "引导",
    "帮助",
    "支援",
    "指导",
    "督促",
    "要求",
    "组织",
    "依托",
    "发挥",
    "把",
    "以",
    "在",
    "由",
    "即",
    "对",
)
_LEAD_VERBS = tuple(
    sorted(
        {w for w in _ROLE_WORDS if len(w) > 1}
        | (set(_BREAK_WORDS) - {"关于", "政府", "办公", "人民"})
        | {"实施", "提升", "保护", "聚焦", "推动", "完善", "优化", "改造", "拥有", "彰显", "围绕", "结合", "包括"}
        | {"涉及", "申建", "深化", "强化", "加强", "促进", "带动", "对接", "融入", "集中", "率先", "开发", "激活"},
        key=len,
        reverse=True,
    )
)
"""Verbs a name of an area may follow (推动|外滩源片区): where the name begins."""
_NAME_END = set('、，,；;。：:（）()“”"《》 \n\t和与及等为的要将')


def _formal(m: ZoneMention, table: ZoneTable) -> bool:
    """A zone in its own right: listed, a group of zones, or a name ending in 区 (not a 产业园, 基地 or 物流园)."""
    if m.kind in ("city", "class", "collective"):
        return False
    return m.known or (m.kind == "region" and m.name.endswith(_GROUP_SUFFIXES)) or m.name.endswith("区")


def _role_mentions(
    text: str, found: list[ZoneMention], table: ZoneTable, own_place: str | None = None
) -> list[ZoneMention]:
    """Zones a segment names anywhere (formal zones, and the place the document is about: see
    :func:`_own_subject`) and places it gives a role: the places right after 支持/推动/以/在… and
    those coordinated with them."""
    out: list[ZoneMention] = []
    by_start = {m.start: m for m in found}
    for m in found:
        if (_formal(m, table) and (m.kind != "region" or m.name.endswith(_GROUP_SUFFIXES))) or m.name == own_place:
            out.append(m)
    for m in found:
        if m.kind not in ("city", "region") or m in out:
            continue
        before = text[max(0, m.start - 4) : m.start]
        if not before.endswith(_ROLE_WORDS) or text.startswith(("至", "到", "—", "-"), m.end):
            continue  # 推进呼和浩特至北海高速公路: a route, not a role
        chain = [m]
        end = m.end
        while True:
            for word in ("以及", "、", "和", "与", "及"):
                nxt = by_start.get(end + len(word)) if text.startswith(word, end) else None
                if nxt is not None and nxt.kind in ("city", "region"):
                    chain.append(nxt)
                    end = nxt.end
                    break
            else:
                break
        out += [c for c in chain if c not in out]
    by_end = {m.end: m for m in found}
    for m in found:
        if m.kind != "city" or not _PLACES_THAT_ACT_RE.match(text, m.end):
            continue
        chain = [m]  # …以及北京市、天津市等各地区，要积极主动对接: each place listed is told to act
        while True:
            prev = next(
                (by_end.get(chain[-1].start - len(w)) for w in _COORD if text.startswith(w, chain[-1].start - len(w))),
                None,
            )
            if prev is None or prev.kind != "city":
                break
            chain.append(prev)
        out += [c for c in reversed(chain) if c not in out]
    return out


_PLACES_THAT_ACT_RE = re.compile(
    r"等(?:各|有关)?(?:地区|地方|省份|省市|城市|市县|地)[，,]?(?:都|均|也)?(?:要|应|须|必须|需|负责)"
)
"""What follows places listed as the ones to act: ``北京市、天津市|等各地区，要…``."""


def _row_subjects(cell: str, found: list[ZoneMention], table: ZoneTable) -> list[ZoneMention]:
    """The zones and places a table cell names in their own right: formal zones, and places
    standing alone (a cell 衡阳市, a list 衡阳、郴州), not inside a name (衡阳汽车及零部件集群)."""
    out = []
    for m in found:
        if _formal(m, table) or m.kind in ("class", "collective"):
            out.append(m)
        elif m.kind in ("city", "region"):
            before = cell[m.start - 1] if m.start else ""
            after = cell[m.end] if m.end < len(cell) else ""
            if (not before or before in _NAME_END or before in "*★◆●■·-") and (not after or after in _NAME_END):
                out.append(m)
    return out


def mentions(document: Document, table: ZoneTable | None = None) -> dict[str, list[ZoneMention]]:
    """Zone mentions per block address (clauses and tables)."""
    table = table or default_table()
    extra = document_names(document, table)
    out: dict[str, list[ZoneMention]] = {}
    for _, block in document.blocks():
        found = table.find_in(block.text, extra)
        if found:
            out[block.address] = found
    return out
