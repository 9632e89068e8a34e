"""Metadata of an official document from its front matter and closing lines.

Notices (通知) that enclose a plan carry a header (…文件), a 文号, 签发人,
the notice title, recipients, a signature and date, 抄送 — and then the inner
plan's own title. Plans without a notice start with their title.
"""

from __future__ import annotations

import re

from documents.model import DocumentMeta
from documents.parsing.implied_issuer import government_by_number, reporting_body
from documents.parsing.law_history import adopting_bodies, history_events, history_facts, text_date
from documents.parsing.organisations import looks_like_org
from documents.parsing.spacing import compact

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号"
)
_CN_NUM = "〇○零一二三四五六七八九十"
DATE_RE = re.compile(
    rf"((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*日)?"
    rf"|([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,2}})月(?:([{_CN_NUM}]{{1,3}})日)?"
)
_DELIVERED_ON_RE = re.compile(
    rf"^[—－\-]*\s*((?:{DATE_RE.pattern}))\s*在.{{2,80}}(?:会议|大会|会)上(?:的(?:讲话|报告|发言))?$"
)
"""A report or speech dated by the day it was given: ``——2023年1月10日在广州市第十六届人民代表大会第三次会议上``."""
_DATE_LINE_RE = re.compile(rf"^[（(]?(?:{DATE_RE.pattern})[）)]?\s*(?:（此件主动公开）|（此件公开发布）|印发|发布)?$")
_NOTICE_RE = re.compile(r"关于.+(?:通知|意见|决定|批复|通报|函|报告|办法|规定|方案|要点|规划|细则)$")
_ISSUER_HEADER_RE = re.compile(r"^(.{2,30}?)文件$")
_SIGNER_RE = re.compile(r"^签发人\s*[:：]\s*(.+)$")
_CC_RE = re.compile(r"^抄送\s*[:：]\s*(.+)$")
_PUBLISHED_RE = re.compile(r"^(?:发布日期|发布时间|成文日期)\s*[:：]")
INNER_TITLE_RE = re.compile(r"(?:印发|转发|颁布)\s*《([^》]+)》")


def is_doc_number(text: str) -> bool:
    m = DOC_NUMBER_RE.match(text)
    return m is not None and m.end() == len(text.strip())


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE_RE.match(compact(text)))


def is_notice_title(text: str) -> bool:
    return bool(_NOTICE_RE.search(compact(text))) and len(compact(text)) <= 90


def _cn_to_int(text: str) -> int:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = digits["○"] = 0
    if len(text) >= 3 and all(c in digits for c in text):
        return int("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(c, 0)
    return total + current


def date_to_iso(text: str) -> str | None:
    """``2020年3月3日`` → ``2020-03-03``; ``二〇一二年十月`` → ``2012-10``."""
    m = DATE_RE.search(compact(text))
    if not m:
        return None
    if m.group(1):
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
        day_n = int(day) if day else None
    else:
        year, month = _cn_to_int(m.group(4)), _cn_to_int(m.group(5))
        day_n = _cn_to_int(m.group(6)) if m.group(6) else None
    if not (1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day_n:02d}" if day_n else "")


def is_meta_line(text: str) -> bool:
    """Front-matter lines that are not body text: 文号, header, signer, dates, 抄送 …"""
    t = compact(text)
    return bool(
        is_doc_number(t)
        or _ISSUER_HEADER_RE.match(t)
        or _SIGNER_RE.match(t)
        or _CC_RE.match(t)
        or _PUBLISHED_RE.match(t)
        or is_date_line(t)
        or is_notice_title(t)
        or looks_like_org(t)
        or t in ("（此件主动公开）",)
    )


_REPOST_RE = re.compile(r"^[（(【\[](?:转载|转发|转自|原文)[）)】\]]")
_ORDER_RE = re.compile(r"^(.{2,24}?令)[（(]?(第[\d〇零一二三四五六七八九十百]+号)[)）]?$")
_PAREN_RE = re.compile(r"^[（(【〔\[](.*)[）)】〕\]]$")
_ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_INNER_FROM_TITLE_RE = re.compile(r"(?:印发|颁布|发布)(.{4,80}?)的(?:通知|决定|函)$")
_TITLE_END = re.compile(
    r"(?:通知|意见|决定|批复|通报|函|报告|办法|规定|方案|要点|规划|细则|措施|条例|纲要|计划|公告|通告|指引|指南|请示|意见稿)$"
)
_NOT_TITLE_CHARS = re.compile(r"[。；：:，,]$|^[（(].*[）)]$")


def _unparen(text: str) -> str:
    m = _PAREN_RE.match(text)
    return m.group(1) if m else text


def _doc_number_in(piece: str) -> str | None:
    """The 文号 a front-matter piece holds: bracketed (``（国发〔2019〕4号）``) or bare."""
    text = _unparen(compact(piece))
    m = DOC_NUMBER_RE.match(text)
    if m and (m.end() == len(text) or len(text) - m.end() > 4):
        return compact(m.group(0))
    return None


def _order_number(pieces: list[str]) -> str | None:
    """A government order's number: ``中山市人民政府令`` + ``（第16号）`` (one line or two)."""
    for i, piece in enumerate(pieces):
        m = _ORDER_RE.match(piece)
        if m:
            return m.group(1) + m.group(2)
        if piece.endswith("令") and 4 <= len(piece) <= 24 and i + 1 < len(pieces):
            m = _ORDER_RE.match(piece + _unparen(pieces[i + 1]))
            if m:
                return m.group(1) + m.group(2)
    return None


def _title_from_lines(pieces: list[str | None]) -> str:
    """The first title in ``pieces``: a notice title, possibly printed over two or three lines.

    ``None`` stands for a line that cannot be part of a title (文号, date …).
    A notice title (关于…的通知) anywhere wins over a plain one (…办法) at the
    top. A title repeated right after itself (databases print their own copy
    first) is taken in its second, printed form.
    """

    def runs() -> list[tuple[int, int, str]]:
        found = []
        for i in range(len(pieces)):
            for width in (1, 2, 3):
                run = [p for p in pieces[i : i + width] if p is not None]
                if len(run) < width:
                    break
                if any(_NOT_TITLE_CHARS.search(p) or len(p) > 60 for p in run[:-1]):
                    break
                found.append((i, width, "".join(run)))
        return found

    candidates = runs()
    chosen = next((c for c in candidates if is_notice_title(c[2])), None)
    if chosen is None:
        chosen = next((c for c in candidates if c[1] == 1 and _TITLE_END.search(c[2]) and len(c[2]) <= 60), None)
    if chosen is None:
        return ""
    i, width, joined = chosen
    following = pieces[i + width] if i + width < len(pieces) else None
    if following and following != joined and _fold(following) == _fold(joined):
        return following
    return joined


def _fold(text: str) -> str:
    return text.translate(_FOLD_BRACKETS)


_FOLD_BRACKETS = str.maketrans({"(": "（", ")": "）", "〈": "《", "〉": "》"})


def _split_orgs(text: str) -> list[str]:
    """Several issuers printed on one line or in one title prefix (spaces or 、 between)."""
    parts = [p for p in re.split(r"[\s、，,]+", text.strip()) if p]
    if len(parts) > 1 and all(looks_like_org(p) or len(p) >= 2 for p in parts):
        return parts
    return [compact(text)] if compact(text) else []


def _split_glued(name: str) -> list[str]:
    """Co-issuers printed without a space: ``广州市人力资源和社会保障局广州市财政局`` → two names."""
    m = re.match(r"^(.{2,8}?[省市区县州])", name)
    if not m:
        return [name]
    prefix = m.group(1)
    cuts = [
        k
        for k in range(len(prefix), len(name))
        if name.startswith(prefix, k) and name[k - 1] in "局厅委办署部院会府室心"
    ]
    parts = [name[a:b] for a, b in zip([0, *cuts], [*cuts, len(name)], strict=True)]
    return parts if all(looks_like_org(p) for p in parts) else [name]


def _signature(raw: list[str]) -> tuple[list[str], str | None]:
    """The issuers and date of the first signature block: organisation lines, then a date line."""
    flat = [compact(p) for p in raw]
    for i, piece in enumerate(flat):
        if not is_date_line(piece) or i == 0:
            continue
        orgs: list[str] = []
        j = i - 1
        while j >= 0 and looks_like_org(flat[j]) and not is_notice_title(flat[j]) and len(orgs) < 4:
            orgs[:0] = _split_orgs(raw[j])
            j -= 1
        if orgs:
            return orgs, piece
    return [], None


def _title_issuers(title: str, raw_title: str) -> list[str]:
    """Issuers named before 关于/印发/转发 in a notice title (``A B关于…`` → [A, B])."""
    m = re.match(r"^(.{2,80}?)(?:关于|印发|转发|颁布)", raw_title.strip()) or re.match(
        r"^(.{2,80}?)(?:关于|印发|转发|颁布)", title
    )
    if not m:
        return []
    prefix = m.group(1)
    names = [p for p in re.split(r"[\s\u3000]+", prefix.strip()) if p]
    return names if all(len(n) >= 2 for n in names) else []


def _in_full(names: list[str]) -> list[str]:
    """Bodies a title names in short (新疆维吾尔自治区质监局, 广州市发改委) as their official names spell them."""
    if not names:
        return names
    from documents.extract.local_bodies import spelled_in_full

    return [spelled_in_full(name) for name in names]


def _iso(value: str) -> str | None:
    m = _ISO_DATE_RE.search(value)
    if m:
        year, month, day = (int(g) for g in m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return date_to_iso(value)


#: Labels whose issuer is the document's own (a database's 发文机关), not a portal that reposted it.
_STRONG_ISSUER_LABEL = {"发文机关", "制发机关", "颁布机关", "发布机关"}


def extract_meta(front: list[str], closing: list[str]) -> DocumentMeta:
    """Read the metadata from the front-matter pieces and the closing lines, as printed.

    Labelled lines (a portal's or database's own metadata) are read first; the
    document's layout — letterhead, 文号, title lines, signature and date —
    fills what they leave open.
    """
    from documents.parsing.labelled import is_fence, read_labelled

    meta = DocumentMeta()
    labelled: dict[str, str] = {}
    layout_raw: list[str] = []
    for piece in front:
        line = read_labelled(piece)
        if line is not None:
            meta.facts.setdefault(line.label, line.value)
            if line.field and line.value:
                labelled.setdefault(line.field, line.value)
        elif not is_fence(piece) and not re.match(r"^\s*(?:https?://|>)", piece):
            layout_raw.append(piece)
    pieces = [compact(p) for p in layout_raw]
    closing_flat = [compact(c) for c in closing]

    raw_title = labelled.get("title", "")
    title = _REPOST_RE.sub("", compact(raw_title))
    if not title:
        candidates: list[str | None] = [
            None if (is_meta_line(p) and not looks_like_org(p) and not is_notice_title(p)) or p == "目录" else p
            for p in pieces
        ]
        title = _title_from_lines(candidates)
        if not title:
            # A title is a line, not a paragraph: nothing longer than a long title is taken as one.
            title = next((p for p in candidates if p and not looks_like_org(p) and len(p) <= 120), "")
        title = _REPOST_RE.sub("", title)
        raw_title = next((r for r, p in zip(layout_raw, pieces, strict=True) if p and title.startswith(p)), title)
    meta.title = title
    m = INNER_TITLE_RE.search(title) or _INNER_FROM_TITLE_RE.search(title)
    if m:
        meta.inner_title = m.group(1)

    meta.doc_number = (
        (
            _doc_number_in(labelled["doc_number"]) or compact(labelled["doc_number"])
            if "doc_number" in labelled
            else None
        )
        or next((n for n in map(_doc_number_in, pieces) if n), None)
        or _order_number(pieces)
    )

    signed_by, signed_on = _signature(layout_raw + closing)
    named = [
        part for name in _title_issuers(title, _REPOST_RE.sub("", raw_title.strip())) for part in _split_glued(name)
    ]
    strong = (
        _split_orgs(labelled["issuer"]) if labelled.get("issuer") and _STRONG_ISSUER_LABEL & meta.facts.keys() else []
    )
    issuers: list[str] = []
    if strong and signed_by:
        # A portal's label may name only the first co-issuer; a signature that agrees is fuller.
        # A signature that disagrees may be an enclosed report's (转发): the title decides.
        agrees = strong[0] in signed_by or signed_by[0] in strong
        issuers = signed_by if agrees or not title.startswith(strong[0]) else strong
    elif strong:
        issuers = named if named and len(named) == len(strong) else strong
    issuers = issuers or signed_by
    if not issuers:
        issuers = [m.group(1) for p in pieces if (m := _ISSUER_HEADER_RE.match(p))][:1]
    if not issuers and meta.doc_number and "令第" in meta.doc_number:
        issuers = [meta.doc_number.split("令第")[0]]
    issuers = issuers or _in_full(named)
    if not issuers and labelled.get("issuer"):
        issuers = _split_orgs(labelled["issuer"])
    history = history_events(pieces)
    if not issuers and (reporter := reporting_body(pieces, title)):
        issuers = [reporter]
    issuers = issuers or adopting_bodies(history)
    issuers = issuers or government_by_number(meta.doc_number, _REPOST_RE.sub("", raw_title))
    if len(named) == len(issuers) and all(a.endswith(b) or b.endswith(a) for a, b in zip(named, issuers, strict=True)):
        # The same bodies spelled in full and short (中国民航局 / 民航局): keep the fuller spelling.
        issuers = [max(a, b, key=len) for a, b in zip(named, issuers, strict=True)]
    meta.issuers = issuers
    meta.issuer = "、".join(issuers) or None

    all_pieces = pieces + closing_flat
    for p in all_pieces:
        m = _SIGNER_RE.match(p)
        if m:
            meta.signer = m.group(1)
            break
    printed_date = (
        signed_on
        or next((_unparen(p) for p in all_pieces if is_date_line(_unparen(p))), None)
        or next((m.group(1) for p in pieces if (m := _DELIVERED_ON_RE.match(_unparen(p)))), None)
    )
    if "date_written" in labelled:
        meta.date, meta.date_iso = labelled["date_written"], _iso(labelled["date_written"])
    elif printed_date:
        m = DATE_RE.search(printed_date)
        meta.date = m.group(0) if m else printed_date
        meta.date_iso = date_to_iso(meta.date)
    made = text_date(history)
    if not meta.date_iso and made is not None:
        meta.date, meta.date_iso = made.date, made.iso
    for label, date in history_facts(history).items():
        meta.facts.setdefault(label, date)
    for name in ("date_published", "date_effective"):
        if name in labelled:
            iso = _iso(labelled[name])
            if name == "date_published":
                meta.published_iso = iso
            if not meta.date_iso and iso:
                meta.date, meta.date_iso = labelled[name], iso
    for p in pieces:
        head, sep, _ = p.partition("：")
        if sep and head.startswith("各") and len(head) <= 60:
            meta.recipients = head
            break
    for p in all_pieces:
        m = _CC_RE.match(p)
        if m:
            meta.cc = m.group(1).rstrip("，,。;；")
            break
    return meta
