"""Quantitative targets: a value with a unit to reach by a year (到2020年…达到5.3万亿).

A target is a comma-piece with a number and a unit after a target verb
(达到 / 达 / 超过 / 增长 / 控制在 …). Its year is the nearest target year before
it in the same sentence, else in the clause, else in the section's first clause
or heading (``二、发展目标 … 到2020年，``). Past facts are left out: a piece
counts only when a target cue (到/力争/确保/目标 …) or a 目标 heading stands over
it and its year is not before the document's own year.

    >>> [(t.year, t.value, t.unit, t.indicator) for t in targets_in_text("到2020年，进出口总额达到51亿美元以上")]
    [(2020, 51.0, '亿美元', '进出口总额')]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from documents.model import Clause, Document, Section
from documents.spans import segments

_UNITS = (
    "万亿元", "万亿", "亿美元", "万美元", "亿元", "万元/亩", "元/亩", "万元", "亿", "万", "元", "美元",
    "个百分点", "%", "％", "‰", "吨标准煤/万元", "万吨", "吨", "家", "个", "件", "名", "项", "人", "万人",
    "亩", "平方公里", "公里", "千瓦", "户", "倍", "辆", "台", "套", "所", "座", "条", "处",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
VALUE_RE = re.compile(
    r"(?P<verb>达到|达|超过|突破|增长|提高到|提高|提升到|提升至|降低|下降|控制在|保持在|不低于|不少于|占比达到|比重达到|累计达到|新增|引进|培育)"
    r"\s*(?:到|至)?\s*(?P<value>\d+(?:\.\d+)?)\s*(?:[-－~～至到—–]+\s*(?P<upper>\d+(?:\.\d+)?))?\s*"
    rf"(?P<unit>{_UNIT_RE})(?P<qualifier>以上|左右|以内|以下)?"
)
_TARGET_YEAR_RE = re.compile(
    r"(?:到|至|截至|力争|争取|确保)?\s*((?:19|20)\d{2})\s*年\s*(?:末|底|前|年末|年底)?"
)
_CUE_RE = re.compile(r"到\s*(?:19|20)\d{2}|力争|争取|确保|目标|预计|将达到|年末|年底前|期末")


@dataclass
class Target:
    """One quantitative target. ``indicator`` is what is measured, ``text`` the piece as printed."""

    doc: str
    address: str
    year: int | None
    value: float
    unit: str
    text: str
    indicator: str
    upper: float | None = None
    qualifier: str = ""
    verb: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _years(text: str) -> list[tuple[int, int]]:
    """(position, year) of target years in ``text``."""
    return [
        (m.start(), int(m.group(1))) for m in _TARGET_YEAR_RE.finditer(text)
        if 1990 <= int(m.group(1)) <= 2100 and text[max(0, m.start() - 1):m.start()] not in ("比", "较", "于")
    ]


def _indicator(piece: str, verb_at: int) -> str:
    head = piece[:verb_at]
    head = re.sub(r"^(?:到|至)?\s*(?:19|20)\d{2}\s*年\s*(?:末|底|前)?[，,]?", "", head)
    head = re.sub(r"(?:比|较)\s*(?:19|20)\d{2}\s*年(?:末|底)?$", "", head.strip())
    head = re.sub(r"^(?:到|至|力争|争取|确保|其中|全年|累计|每年|年均)+", "", head)
    head = re.sub(r"(?:年均|累计|均|要|将|力争|争取|确保|稳定|分别)+$", "", head)
    return head.strip(" ，,、：:")


def targets_in_text(
    text: str, doc: str = "", address: str = "", default_year: int | None = None, cue: bool = False,
    min_year: int | None = None,
) -> list[Target]:
    """Targets in one clause text; ``default_year``/``cue`` come from the section around it."""
    out: list[Target] = []
    text = text.replace("／", "/")
    clause_years = _years(text)
    for seg in segments(text):
        seg_years = _years(seg.text)
        seg_cue = cue or bool(_CUE_RE.search(seg.text))
        last_indicator = ""
        for piece_match in re.finditer(r"[^，,：:]+", seg.text):
            piece = piece_match.group(0)
            for m in VALUE_RE.finditer(piece):
                at = piece_match.start() + m.start()
                before = [y for pos, y in seg_years if pos < at] or [y for pos, y in clause_years if pos < seg.start + at]
                year = before[-1] if before else (seg_years[0][1] if seg_years else default_year)
                if year is None or not seg_cue:
                    continue
                if min_year is not None and year < min_year:
                    continue
                indicator = _indicator(piece, m.start()) or last_indicator
                last_indicator = indicator
                out.append(Target(
                    doc, address, year, float(m.group("value")), m.group("unit").replace("％", "%"),
                    piece.strip(), indicator,
                    float(m.group("upper")) if m.group("upper") else None, m.group("qualifier") or "",
                    m.group("verb"),
                ))
    return out


def _section_context(section: Section) -> tuple[int | None, bool]:
    """A target year and whether the section is about goals, from its heading and first clause."""
    heading = section.title or ""
    first = next((b.text for b in section.blocks if isinstance(b, Clause)), "")
    years = _years(heading) or _years(first[:40])
    cue = bool(re.search(r"目标|指标", heading))
    return (years[0][1] if years else None), cue


def targets_of(document: Document) -> list[Target]:
    """Every quantitative target in ``document``, in reading order."""
    min_year = int(document.meta.date_iso[:4]) if document.meta.date_iso else None
    parents: dict[str, tuple[int | None, bool]] = {}

    def visit(node: Section, year: int | None, cue: bool) -> None:
        own_year, own_cue = _section_context(node) if node is not document.root else (None, False)
        year, cue = own_year or year, cue or own_cue
        parents[node.address] = (year, cue)
        for child in node.children:
            visit(child, year, cue)

    visit(document.root, None, False)
    out: list[Target] = []
    for section, block in document.blocks():
        if not isinstance(block, Clause) or block.kind != "clause":
            continue
        year, cue = parents.get(section.address, (None, False))
        out += targets_in_text(block.text, document.key, block.address, year, cue, min_year)
    return out
