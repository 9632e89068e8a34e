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
from collections.abc import Iterable
from dataclasses import dataclass

from documents.parsing.organisations import looks_like_org

#: The fact each event's date is listed as; an amendment's is the latest, the others' the first.
_FACT_OF_ACTION = {
    "通过": "通过日期",
    "批准": "批准日期",
    "公布": "公布日期",
    "发布": "公布日期",
    "修正": "修正日期",
    "修订": "修订日期",
    "修改": "修正日期",
    "批准修订": "修订日期",
    "施行": "施行日期",
}
_ACTIONS = "|".join(sorted(_FACT_OF_ACTION, key=len, reverse=True))
_ACTION_ENDS = "|".join(action for action in _FACT_OF_ACTION if len(action) == 2)
"""The actions as a fixed-width look-behind (批准修订 ends in 修订)."""
_EVENT_RE = re.compile(rf"^[（(]?((\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日)(.{{0,200}}?)({_ACTIONS})[）)]?[。；;，,]?$")
_AMENDING_ACT_RE = re.compile(
    r"^[（(]?((\d{4})年(\d{1,2})月(\d{1,2})日)(.{0,200}?)通过的《[^》]{2,200}》[）)]?[。；;]?$"
)
"""``…第三十次会议通过的《中华人民共和国刑法修正案（十）》``: the text was amended by that act (修正)."""
_CONGRESS_RE = re.compile(r"^(.{0,16}?)第[〇零一二三四五六七八九十]+届(全国人民代表大会|人民代表大会)(常务委员会)?")
_ORDER_SUFFIX_RE = re.compile(r"(?:令[（(]?第\d+号[）)]?|第\d+号令)$")
"""``公安部令第125号`` or ``海关总署第61号令``: the 令 of the body printed before it."""
_MEETING_RE = re.compile(
    r"^(.+?)(?:第[\d〇零一二三四五六七八九十百]+次)?"
    r"(?:部长办公|局长办公|署长办公|主任办公|部务|局务|署务|委务|厅务|常务|办公)?会议(?:审议)?$"
)
"""``北京市人民政府第56次常务会议审议``, ``公安部部长办公会议``, ``全国人民代表大会常务委员会第九十一次会议``."""
_NATION = "中华人民共和国"
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_GLUED_EVENT_RE = re.compile(rf"(?<={_ACTION_ENDS})[，,；;。]?(?:根据)?(?=\d{{4}}年\d{{1,2}}月\d{{1,2}}日)")
"""Events printed on one line, ``…会议通过2005年7月29日…修订根据2013年5月29日…修正``: where each begins."""
_AMENDMENTS = frozenset({"修正日期", "修订日期"})


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    date: str
    iso: str | None
    by: str
    action: str


def history_events(pieces: list[str]) -> list[HistoryEvent]:
    """The history lines among the front pieces (compacted), in the order printed.

    Full-width digits count as digits; events glued on one line are read one by one; a line broken
    before its last words (``…第十三届全国人民代表大会第二次`` / ``会议通过）``) is read joined."""
    lines = [line for piece in pieces for line in _GLUED_EVENT_RE.split(piece.translate(_DIGITS)) if line]
    events = []
    for k, line in enumerate(lines):
        event = _event(line)
        if event is None and k + 1 < len(lines) and len(lines[k + 1]) <= 12:
            event = _event(line + lines[k + 1])
        if event is not None:
            events.append(event)
    return events


def _event(line: str) -> HistoryEvent | None:
    m = _EVENT_RE.match(line)
    if m:
        date, year, month, day, by, action = m.groups()
    elif m := _AMENDING_ACT_RE.match(line):
        date, year, month, day, by = m.groups()
        action = "修正"
    else:
        return None
    iso = f"{year}-{int(month):02d}-{int(day):02d}" if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 else None
    return HistoryEvent(date, iso, by, action)


def text_date(events: list[HistoryEvent]) -> HistoryEvent | None:
    """The last event that made the printed text (not a 施行 line)."""
    made = [e for e in events if e.action != "施行" and e.iso]
    return made[-1] if made else None


def adopting_bodies(events: list[HistoryEvent]) -> list[str]:
    """The bodies that adopted or promulgated the statute, most telling first: the authors of the 令
    that published it (国务院批准 then 国家工商行政管理局令第85号发布: the 局), a congress or its
    standing committee, a body that published it (国务院发布), a body whose meeting adopted it
    (北京市人民政府第56次常务会议审议通过), and last one that only approved it (国务院批准)."""
    for event in events:
        if _ORDER_SUFFIX_RE.search(event.by):
            bodies = _bodies(_ORDER_SUFFIX_RE.sub("", part) for part in event.by.split("、"))
            if bodies:
                return bodies
    for event in events:
        congress = _CONGRESS_RE.match(event.by)
        if congress:
            place, body, standing = congress.groups()
            return [place + body + (standing or "")]
    for actions in (("发布", "公布"), ("通过",), ("批准",)):
        for event in events:
            if event.action not in actions:
                continue
            meeting = _MEETING_RE.match(event.by)
            bodies = _bodies([meeting.group(1)] if meeting else event.by.split("、"))
            if bodies:
                return bodies
    return []


def _bodies(names: Iterable[str]) -> list[str]:
    """Each name a body's (the nation's prefix dropped: 中华人民共和国公安部 → 公安部), or none."""
    bodies = [short if looks_like_org(short := name.removeprefix(_NATION)) else name for name in names]
    if bodies and all(looks_like_org(b) or (b.endswith("银行") and 2 < len(b) <= 30) for b in bodies):
        return bodies
    return []


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
