"""Issuers a document implies without printing them as a signature or a title prefix.

Two common cases on portals and in reposts, where the layout gives no issuer:

- a 政府工作报告 (at any level) names its body in the speaker's first sentence:
  ``现在，我代表国务院，向大会报告政府工作`` / ``我代表市人民政府，向大会报告…``
  (a body printed without its place takes it from the title: 2023年广州市政府工作报告);
- a government's own 文号 (``穗埔府规〔2025〕12号``, ``湘政发〔2020〕4号``) says the document is
  a 人民政府's, and a title that opens with a place (``广州市黄埔区促进…若干措施``) says which.
"""

from __future__ import annotations

import re

from documents.parsing.spacing import compact

_REPORTING_BODY_RE = re.compile(
    r"代表([\u4e00-\u9fff]{0,24}?(?:国务院|政府|常务委员会|常委会|人民法院|人民检察院))[，,]?向(?:大会|全体会议)"
)
"""The speaker of a work report (政府, 人大常委会, 法院, 检察院) names the body they report for."""

_LEVEL_ONLY = re.compile(r"^(?:省|市|区|县|州|盟|旗|自治区|自治州|自治县)?(?:人民)?政府$")
"""A body named by its level alone (市人民政府): the place is the title's."""

_TITLE_PLACE_RE = re.compile(r"^(?:\d{4}年)?(.{2,24}?)(?:人民)?政府工作报告")

_GOVERNMENT_CODE_RE = re.compile(r"^[\u4e00-\u9fff]{0,1}[^\W\d_民财市邮执行](?:府|政)(?:发|规|函|令|〔|\[|（|\()")
"""A 文号 whose organ code is a government's own: one or two place characters, then 府发/府规/政发…
(not 府办 or 政协, and not 民政发, 财政发 or 市政发, which are departments')."""


_ZONE_NAME_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:开发区|高新区|新区|园区|试验区|保税区|合作区|示范区)$")
"""A development zone's name, which its 管理委员会 shares an office with the district's government under."""


def reporting_body(pieces: list[str], title: str) -> str | None:
    """The body a 政府工作报告's speaker reports for, with its place when it prints only its level."""
    for piece in pieces:
        m = _REPORTING_BODY_RE.search(compact(piece))
        if m is None:
            continue
        body = m.group(1)
        if body == "国务院" or not _LEVEL_ONLY.match(body):
            return body
        place = _TITLE_PLACE_RE.match(compact(title))
        if place and place.group(1)[-1] == body[0]:
            return place.group(1) + "人民政府"
        return None
    return None


def government_by_number(doc_number: str | None, raw_title: str) -> list[str]:
    """``X府规〔…〕`` with a title opening with a division's full name: that division's 人民政府.

    A zone named before the division (``广州开发区 广州市黄埔区促进…``) is the same office under
    its other name (一个机构两块牌子), so its 管理委员会 issues the document too."""
    if not doc_number or not _GOVERNMENT_CODE_RE.match(compact(doc_number)):
        return []
    from documents.extract.places import default_places

    places = default_places()
    starts = [0] + [m.end() for m in re.finditer(r"[\s\u3000]+", raw_title[:40])]
    for start in starts:
        text = raw_title[start:]
        chain = ""
        while (name := places.starting_at(text, len(chain), full=True)) is not None:
            chain += name
        if chain:
            zones = raw_title[:start].split()
            committees = [zone + "管理委员会" for zone in zones] if all(map(_ZONE_NAME_RE.match, zones)) else []
            return [*committees, chain + "人民政府"]
    return []
