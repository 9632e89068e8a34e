"""A statute's history lines under its title: who adopted it, when, and each later amendment.

Laws, regulations and rules print them instead of a signature and a date line::

    2003年8月27日 第十届全国人民代表大会常务委员会第四次会议通过
    2019年4月23日 第十三届全国人民代表大会常务委员会第十次会议《关于修改…的决定》修正
    2021年8月26日 国家市场监督管理总局令第47号公布

The text printed is the one of the last event that made it (通过, 修正, 修订, 公布 …), so that is
the document's date (a 施行 line only says when it takes effect); the adopting body is its issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EVENT_RE = re.compile(
    r"^[（(]?((\d{4})年(\d{1,2})月(\d{1,2})日)(.{0,200}?)(通过|修正|修订|公布|发布|批准|批准修订|施行)[）)]?[。；;]?$"
)
_AMENDING_ACT_RE = re.compile(
    r"^[（(]?((\d{4})年(\d{1,2})月(\d{1,2})日)(.{0,200}?)通过的《[^》]{2,200}》[）)]?[。；;]?$"
)
"""``…第三十次会议通过的《中华人民共和国刑法修正案（十）》``: the text was amended by that act (修正)."""
_CONGRESS_RE = re.compile(r"^(.{0,16}?)第[〇零一二三四五六七八九十]+届(全国人民代表大会|人民代表大会)(常务委员会)?")
_ORDER_RE = re.compile(r"^(.{2,30}?)令[（(]?第\d+号[）)]?$")


#: The fact each event's date is listed as; an amendment's is the latest, the others' the first.
_FACT_OF_ACTION = {
    "通过": "通过日期",
    "批准": "批准日期",
    "公布": "公布日期",
    "发布": "公布日期",
    "修正": "修正日期",
    "修订": "修订日期",
    "批准修订": "修订日期",
    "施行": "施行日期",
}
_AMENDMENTS = frozenset({"修正日期", "修订日期"})


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    date: str
    iso: str | None
    by: str
    action: str


def history_events(pieces: list[str]) -> list[HistoryEvent]:
    """The history lines among the front pieces (compacted), in the order printed."""
    events = []
    for piece in pieces:
        m = _EVENT_RE.match(piece)
        if m:
            date, year, month, day, by, action = m.groups()
        elif m := _AMENDING_ACT_RE.match(piece):
            date, year, month, day, by = m.groups()
            action = "修正"
        else:
            continue
        iso = f"{year}-{int(month):02d}-{int(day):02d}" if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 else None
        events.append(HistoryEvent(date, iso, by, action))
    return events


def text_date(events: list[HistoryEvent]) -> HistoryEvent | None:
    """The last event that made the printed text (not a 施行 line)."""
    made = [e for e in events if e.action != "施行" and e.iso]
    return made[-1] if made else None


def adopting_body(events: list[HistoryEvent]) -> str | None:
    """The body that adopted or promulgated the statute: a congress or its standing committee, or the
    author of the 令 that published it (国务院批准 then 国家工商行政管理局令第85号发布: the 局)."""
    for event in events:
        order = _ORDER_RE.match(event.by)
        if order:
            body = order.group(1)
            return "国务院" if body == "中华人民共和国国务院" else body
    for event in events:
        congress = _CONGRESS_RE.match(event.by)
        if congress:
            place, body, standing = congress.groups()
            return place + body + (standing or "")
    return None


def history_facts(events: list[HistoryEvent]) -> dict[str, str]:
    """Each kind of event's date as printed (通过日期, 修正日期 …): the latest amendment, the first of the rest."""
    facts: dict[str, str] = {}
    for event in events:
        label = _FACT_OF_ACTION[event.action]
        if label in _AMENDMENTS:
            facts[label] = event.date
        else:
            facts.setdefault(label, event.date)
    return facts
