"""Document facets for filtering and sorting the list: issuer, year, kind, level and status.

All come from what a document says about itself (:class:`DocumentMeta`):

* ``issuers``: the issuing bodies as printed;
* ``year``: of the 成文日期 (else the publication date, else a year in the title);
* ``kind``: 规划 / 意见 / 通知 / 办法 / 工作要点 … from the title; a notice that
  issues or forwards a document (关于印发《…规划》的通知) is of the issued kind;
* ``level``: 中央 / 全国人大 / 国务院 / 部委 / 省 / 市 / 区 from the issuers
  (the highest when several issue together); a 中华人民共和国…法 is 全国人大's;
* ``status``: 现行有效 / 已废止 / 已修改 / 已失效 / 尚未生效 only where the
  document's metadata says so (时效性, 状态, 效力 … from portals and pkulaw, or
  a 失效日期 that has passed); else empty.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from documents.errors import N_, CeyueError
from documents.model import Document

KINDS = (
    "工作要点",
    "规划",
    "纲要",
    "实施方案",
    "行动计划",
    "方案",
    "指导意见",
    "实施意见",
    "意见",
    "实施细则",
    "细则",
    "办法",
    "规定",
    "规则",
    "条例",
    "措施",
    "决定",
    "批复",
    "报告",
    "通告",
    "公告",
    "通知",
    "函",
    "法",
)
#: Kinds shown under a broader one in the list's facet (实施意见 is an 意见).
KIND_GROUP = {
    "纲要": "规划",
    "实施方案": "方案",
    "行动计划": "方案",
    "指导意见": "意见",
    "实施意见": "意见",
    "实施细则": "办法",
    "细则": "办法",
    "规则": "规定",
}
LEVELS = ("中央", "全国人大", "国务院", "部委", "省", "市", "区")
STATUSES = ("现行有效", "已修改", "已废止", "已失效", "尚未生效")
STATUS_KEYS = ("时效性", "时效状态", "效力状态", "状态", "效力", "政策状态")
EXPIRY_KEYS = ("失效日期", "失效时间", "到期时间", "有效期至")
SORT_KEYS = ("number", "title", "date", "issuer", "kind", "level", "status")

_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
    "云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
_ISSUES = re.compile(r"关于(?:印发|转发|发布|颁布)(.+?)的(?:通知|通告|公告)$")


@dataclass
class Facets:
    issuers: list[str] = field(default_factory=list)
    year: int | None = None
    kind: str = ""
    level: str = ""
    status: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def kind_of(title: str) -> str:
    """The kind a title names: the issued document's for a 印发/转发 notice."""
    title = re.sub(r"[（(][^（）()]*[）)]$", "", title.strip())  # (2011-2015年), （试行）, （全文）
    title = re.sub(r"[（(](?:试行|暂行|征求意见稿|草案|修订|全文)[）)]", "", title)
    inner = _ISSUES.search(title)
    if inner:
        title = inner.group(1).strip("《》“”")
    title = title.rstrip('》”" ')
    for kind in KINDS:
        if title.endswith(kind) or (kind == "法" and re.search(r"法(?:典)?$", title)):
            return kind
    for kind in KINDS:  # 2022年政府工作报告（全文） / …规划（2018—2035年）的批复 caught above
        if kind in ("法", "函"):
            continue
        if kind in title[-8:]:
            return kind
    return ""


def kind_group(kind: str) -> str:
    return KIND_GROUP.get(kind, kind)


def level_of_issuer(name: str) -> str:
    """中央 / 全国人大 / 国务院 / 部委 / 省 / 市 / 区 for one issuer's name ("" if unknown)."""
    name = re.sub(r"\s+", "", name)
    if not name:
        return ""
    if name.startswith(("中共中央", "中国共产党中央", "党中央")):
        return "中央"
    if "全国人民代表大会" in name or name.startswith("全国人大"):
        return "全国人大"
    if name in ("国务院", "国务院办公厅", "中华人民共和国国务院", "国务院办公室"):
        return "国务院"
    if re.search(
        r"(?:区|县|旗)(?:人民政府|委员会|政府|党委|[^省市]{0,12}(?:局|办公室|委|中心|办事处))", name
    ) and not re.match(rf"^(?:{_PROVINCES})(?:维吾尔|壮族|回族)?自治区", name):
        return "区"
    if re.match(rf"^(?:{_PROVINCES})(?:省|市|(?:维吾尔|壮族|回族)?自治区)?", name) and (
        re.match(rf"^(?:{_PROVINCES})(?:省|(?:维吾尔|壮族|回族)?自治区)", name)
        or re.match(r"^(?:北京|天津|上海|重庆)市", name)
    ):
        return "省"
    if name.startswith("省"):
        return "省"
    if re.search(r"(?:市|州|盟)(?:人民政府|委员会|[^省]{0,14}(?:局|厅|办公室|委|中心|小组))", name) or name.startswith(
        "市"
    ):
        return "市"
    if name.startswith(("国务院", "国家", "中华人民共和国", "中国", "海关总署", "最高人民")) or re.search(
        r"^[^省市区县]{1,10}(?:部|总署|总局|委员会|银行|署)$", name
    ):
        return "部委"
    return ""


def level_of(document: Document) -> str:
    issuers = document.meta.issuers or ([document.meta.issuer] if document.meta.issuer else [])
    levels = [level_of_issuer(name) for name in issuers]
    levels = [lv for lv in levels if lv]
    if levels:
        return min(levels, key=LEVELS.index)
    if not issuers:  # no issuer printed: a title opening with a province or city (湖南省“十二五”…)
        place = re.match(r"^[^“”《》\d]{2,12}?(?:省|自治区|市|州|区|县)", document.title)
        if place and (found := level_of_issuer(place.group(0) + "人民政府")):
            return found
    if re.match(r"^中华人民共和国.+法$", document.title):
        return "全国人大"
    return ""


def _date(text: str) -> dt.date | None:
    m = re.search(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def status_of(document: Document, today: dt.date | None = None) -> str:
    """The status the document's metadata states (时效性: 现行有效 …), or a 失效日期 that has passed."""
    facts = document.meta.facts
    for key in STATUS_KEYS:
        value = re.sub(r"\s+", "", facts.get(key, ""))
        if not value:
            continue
        if "尚未" in value or "未生效" in value:
            return "尚未生效"
        if "废止" in value:
            return "已废止"
        if "修改" in value or "修订" in value or "修正" in value:
            return "已修改"
        if "失效" in value:
            return "已失效"
        if "有效" in value:
            return "现行有效"
    today = today or dt.date.today()
    for key in EXPIRY_KEYS:
        end = _date(facts.get(key, ""))
        if end is not None:
            return "已失效" if end < today else "现行有效"
    return ""


def year_of(document: Document) -> int | None:
    for value in (document.meta.date_iso, document.meta.published_iso):
        if value and re.match(r"\d{4}", value):
            return int(value[:4])
    m = re.search(r"((?:19|20)\d{2})年", document.title)
    return int(m.group(1)) if m else None


def facets_of(document: Document, today: dt.date | None = None) -> Facets:
    meta = document.meta
    issuers = list(meta.issuers) or ([meta.issuer] if meta.issuer else [])
    return Facets(issuers, year_of(document), kind_of(document.title), level_of(document), status_of(document, today))


def _names_part(part: str, name: str) -> bool:
    from documents.extract.local_bodies import spelled_in_full

    return part in name or spelled_in_full(part) in spelled_in_full(name)


@dataclass
class FacetFilter:
    """What the list keeps: each field empty means any; ``issuer`` matches a part of an issuer's name,
    in any spelling of a body (发改委 keeps 广州市发展和改革委员会, 质量技术监督局 keeps …质监局)."""

    issuer: str = ""
    year: int | None = None
    kind: str = ""
    level: str = ""
    status: str = ""

    def active(self) -> bool:
        return bool(self.issuer or self.year or self.kind or self.level or self.status)

    def keeps(self, facets: Facets) -> bool:
        if self.issuer and not any(_names_part(self.issuer, name) for name in facets.issuers):
            return False
        if self.year and facets.year != self.year:
            return False
        if self.kind and self.kind not in (facets.kind, kind_group(facets.kind)):
            return False
        if self.level and facets.level != self.level:
            return False
        return not (self.status and facets.status != self.status)


def sort_key(document: Document, facets: Facets, by: str) -> tuple:
    """Sort key for ``by`` (one of :data:`SORT_KEYS`); documents lacking the facet go last."""
    missing = (1,)
    if by == "title":
        return (0, document.title)
    if by == "date":
        date = document.meta.date_iso or document.meta.published_iso or (str(facets.year) if facets.year else "")
        return (0, date) if date else missing
    if by == "issuer":
        return (0, facets.issuers[0]) if facets.issuers else missing
    if by == "kind":
        return (0, kind_group(facets.kind), facets.kind) if facets.kind else missing
    if by == "level":
        return (0, LEVELS.index(facets.level)) if facets.level else missing
    if by == "status":
        return (0, STATUSES.index(facets.status)) if facets.status else missing
    return (0, document.short)


def _folded(text: str) -> str:
    """Full-width letters and digits as half-width, lower case: ``ＧＢ２０２０`` finds ``gb2020``."""
    return unicodedata.normalize("NFKC", text).casefold()


def matches_words(document: Document, facets: Facets, words: str) -> bool:
    """Whether every word of ``words`` is in the title, 文号, an issuer, the year or the file's name.

    What a reader types to find a document they half remember (民法 2020, 国发 湖南):
    each word may hit a different field.
    """
    meta = document.meta
    fields = [document.title, meta.doc_number or "", meta.issuer or "", *facets.issuers, document.short]
    if facets.year:
        fields.append(str(facets.year))
    haystack = _folded("\n".join(fields))
    return all(word in haystack for word in _folded(words).split())


def filter_and_sort(
    documents: list[Document],
    keep: FacetFilter | None = None,
    by: str = "number",
    descending: bool = False,
    today: dt.date | None = None,
    words: str = "",
) -> list[tuple[Document, Facets]]:
    """The documents ``keep`` and ``words`` (:func:`matches_words`) let through, sorted by ``by``
    (missing values last either way)."""
    return filter_and_sort_rows([(doc, facets_of(doc, today)) for doc in documents], keep, by, descending, words)


def filter_and_sort_rows(
    rows: list[tuple[Document, Facets]],
    keep: FacetFilter | None = None,
    by: str = "number",
    descending: bool = False,
    words: str = "",
) -> list[tuple[Document, Facets]]:
    """:func:`filter_and_sort` on documents whose facets are worked out already (a list filtered at each key)."""
    if keep is not None and keep.active():
        rows = [(doc, f) for doc, f in rows if keep.keeps(f)]
    if words.strip():
        rows = [(doc, f) for doc, f in rows if matches_words(doc, f, words)]
    present = [(d, f) for d, f in rows if sort_key(d, f, by)[0] == 0]
    absent = [(d, f) for d, f in rows if sort_key(d, f, by)[0] != 0]
    present.sort(key=lambda pair: (sort_key(pair[0], pair[1], by), pair[0].short), reverse=descending)
    return present + absent


FILTER_KEYS = ("issuer", "year", "kind", "level", "status")


class FilterError(CeyueError, ValueError):
    """A document filter that cannot be used (unknown key, level, status, or a year that is not a number)."""


def parse_filter(text: str) -> FacetFilter:
    """``kind:规划 level:省 year:2020 status:现行有效 issuer:湖南`` (a bare word is an issuer fragment).

    Raises FilterError (a ValueError) with a one-line message for an unknown key, level, status or year.
    """
    keep = FacetFilter()
    for token in text.split():
        key, sep, value = token.partition(":")
        if not sep:
            key, value = "issuer", token
        key = key.lower()
        if key not in FILTER_KEYS or not value:
            raise FilterError(
                N_("unknown filter '{token}': use {keys}"), token=token, keys=", ".join(k + ":…" for k in FILTER_KEYS)
            )
        if key == "year":
            if not value.isdigit():
                raise FilterError(N_("year must be a number, not '{value}'"), value=value)
            keep.year = int(value)
        elif key == "level" and value not in LEVELS:
            raise FilterError(N_("unknown level '{value}': one of {choices}"), value=value, choices=", ".join(LEVELS))
        elif key == "status" and value not in STATUSES:
            raise FilterError(
                N_("unknown status '{value}': one of {choices}"), value=value, choices=", ".join(STATUSES)
            )
        else:
            setattr(keep, key, value)
    return keep


def describe_filter(keep: FacetFilter) -> str:
    """The filter as it would be typed: ``kind:规划 year:2020``."""
    return " ".join(f"{key}:{getattr(keep, key)}" for key in FILTER_KEYS if getattr(keep, key))
