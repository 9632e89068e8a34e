"""Metadata of an official document from its front matter and closing lines.

Notices (通知) that enclose a plan carry a header (…文件), a 文号, 签发人,
the notice title, recipients, a signature and date, 抄送 — and then the inner
plan's own title. Plans without a notice start with their title.
"""

from __future__ import annotations

import itertools
import re

from documents.model import DocumentMeta

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号"
)
_CN_NUM = "〇零一二三四五六七八九十"
DATE_RE = re.compile(
    rf"((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*日)?"
    rf"|([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,2}})月(?:([{_CN_NUM}]{{1,3}})日)?"
)
_DATE_LINE_RE = re.compile(rf"^(?:{DATE_RE.pattern})\s*(?:（此件主动公开）|印发|发布)?$")
_NOTICE_RE = re.compile(r"关于.+(?:通知|意见|决定|批复|通报|函|报告|办法|规定|方案|要点|规划|细则)$")
_ISSUER_HEADER_RE = re.compile(r"^(.{2,30}?)文件$")
_SIGNER_RE = re.compile(r"^签发人\s*[:：]\s*(.+)$")
_CC_RE = re.compile(r"^抄送\s*[:：]\s*(.+)$")
_PUBLISHED_RE = re.compile(r"^(?:发布日期|发布时间|成文日期)\s*[:：]")
_ORG_SUFFIXES = ("政府", "办公室", "办公厅", "部", "厅", "委", "委员会", "局", "小组", "署", "院", "会")
INNER_TITLE_RE = re.compile(r"(?:印发|转发|颁布)\s*《([^》]+)》")


def compact(text: str) -> str:
    """``text`` without any whitespace: titles are often spaced out (通 知)."""
    return re.sub(r"\s+", "", text)


def is_doc_number(text: str) -> bool:
    m = DOC_NUMBER_RE.match(text)
    return bool(m) and m.end() == len(text.strip())


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE_RE.match(compact(text)))


def is_notice_title(text: str) -> bool:
    return bool(_NOTICE_RE.search(compact(text))) and len(compact(text)) <= 90


def looks_like_org(text: str) -> bool:
    """A short line naming an organisation, as in a signature block."""
    t = compact(text)
    return 2 < len(t) <= 30 and t.endswith(_ORG_SUFFIXES) and not re.search(r"[，。；：、]", t)


def _cn_to_int(text: str) -> int:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = 0
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


def extract_meta(front: list[str], closing: list[str]) -> DocumentMeta:
    """Read the metadata from the front-matter pieces and the closing lines, as printed."""
    meta = DocumentMeta()
    pieces = [compact(p) for p in front]
    for p in pieces:
        if is_notice_title(p):
            meta.title = p
            m = INNER_TITLE_RE.search(p)
            if m:
                meta.inner_title = m.group(1)
            break
    if not meta.title:
        for p in pieces:
            if p and not (is_meta_line(p) and not looks_like_org(p)) and p not in ("目录",):
                meta.title = p
                break
    for p in pieces:
        m = DOC_NUMBER_RE.match(p)
        if m and (m.end() == len(p) or len(p) - m.end() > 4):
            meta.doc_number = compact(m.group(0))
            break
    for p in pieces:
        m = _ISSUER_HEADER_RE.match(p)
        if m:
            meta.issuer = m.group(1)
            break
    if not meta.issuer and is_notice_title(meta.title) and "关于" in meta.title:
        prefix = meta.title.split("关于", 1)[0]
        if len(prefix) >= 2:
            meta.issuer = prefix
    all_pieces = pieces + [compact(c) for c in closing]
    if not meta.issuer:
        for before, after in itertools.pairwise(all_pieces):
            if looks_like_org(before) and is_date_line(after):
                meta.issuer = before
                break
    for p in all_pieces:
        m = _SIGNER_RE.match(p)
        if m:
            meta.signer = m.group(1)
            break
    for p in all_pieces:
        if is_date_line(p):
            meta.date = DATE_RE.search(p).group(0)
            meta.date_iso = date_to_iso(meta.date)
            break
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
