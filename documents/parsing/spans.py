"""Small text helpers shared by the extractors: titles, 文号, sentence segments, years.

All work on plain strings, so they can be tried on any paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_RE = re.compile(r"《([^《》]*(?:[《<〈][^《》<>〈〉]*[》>〉][^《》]*)*)》")
"""A 《title》, allowing one nested 《》/<>/〈〉 (《…印发<关于…>的通知》)."""

DOC_NUMBER_RE = re.compile(
    r"([\u4e00-\u9fff]{1,10})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号"
)
"""A 文号 in any bracket form: 国办发〔2017〕7号, 湘政发[2020]4号, 湘发（2009）4号 …"""
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]")
"""The bracketed year every 文号 holds: a text without one is not scanned with ``DOC_NUMBER_RE``,
which tries up to ten 汉字 before a bracket at every 汉字 (most texts cite no 文号)."""

ABBREVIATION_RE = re.compile(r"[（(]以下简称[“\"「]?(?P<short>[^”\"」）)]{1,20})[”\"」]?[）)]")
"""An abbreviation a document defines: ``国家级经济技术开发区（以下简称国家级开发区）``."""

_LEADING_WORDS = (
    "按照",
    "根据",
    "依据",
    "依照",
    "参照",
    "对照",
    "执行",
    "贯彻",
    "落实",
    "印发",
    "转发",
    "见",
    "及",
    "和",
    "与",
    "或",
    "并",
    "即",
    "据",
    "经",
    "详见",
    "文件",
    "精神",
)


@dataclass(frozen=True)
class DocNumber:
    """A 文号 found in a text: ``prefix`` 湘政发, ``year`` 2020, ``number`` 4."""

    prefix: str
    year: int
    number: int
    start: int
    end: int
    raw: str

    @property
    def normalized(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.number}号"


def _trim_prefix(prefix: str) -> tuple[str, int]:
    """Drop words that precede a 文号 without belonging to it; return (prefix, chars dropped)."""
    dropped = 0
    changed = True
    while changed and len(prefix) > 2:
        changed = False
        for word in sorted(_LEADING_WORDS, key=len, reverse=True):
            if prefix.startswith(word) and len(prefix) - len(word) >= 2:
                prefix = prefix[len(word) :]
                dropped += len(word)
                changed = True
                break
    if len(prefix) > 6:
        dropped += len(prefix) - 6
        prefix = prefix[-6:]
    return prefix, dropped


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 in ``text`` (any bracket form), with its normalized 〔〕 spelling."""
    out: list[DocNumber] = []
    if _DOC_NUMBER_YEAR.search(text) is None:
        return out
    for m in DOC_NUMBER_RE.finditer(text):
        prefix, dropped = _trim_prefix(m.group(1))
        start = m.start(1) + dropped
        out.append(DocNumber(prefix, int(m.group(2)), int(m.group(3)), start, m.end(), text[start : m.end()]))
    return out


def normalize_doc_number(text: str | None) -> str | None:
    """``湘政发[2020]4号`` → ``湘政发〔2020〕4号``; None if ``text`` holds no 文号."""
    if not text:
        return None
    found = find_doc_numbers(re.sub(r"\s+", "", text))
    return found[0].normalized if found else None


def normalize_title(title: str) -> str:
    """A title as compared: no whitespace, no outer 《》 or quotes, 〈〉/<> as 《》."""
    t = re.sub(r"\s+", "", title or "")
    t = t.replace("<", "《").replace(">", "》").replace("〈", "《").replace("〉", "》")
    t = t.strip("《》“”\"'")
    return t


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans holding a 《title》 or a 文号: names inside them are not actors."""
    spans = [m.span() for m in TITLE_RE.finditer(text)]
    spans += [(d.start, d.end) for d in find_doc_numbers(text)]
    return sorted(spans)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


@dataclass(frozen=True)
class Segment:
    """A sentence segment of a clause, cut at 。；; (and ！？)."""

    text: str
    start: int
    end: int


def segments(text: str, stops: str = "。；;！？!?") -> list[Segment]:
    """Cut ``text`` into segments at sentence stops that are not inside brackets or quotes."""
    out: list[Segment] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(text):
        if ch in "（(《“〈<【[":
            depth += 1
        elif ch in "）)》”〉>】]" and depth > 0:
            depth -= 1
        elif ch in stops and depth == 0:
            piece = text[begin:i]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Segment(piece.strip(), begin + lead, begin + lead + len(piece.strip())))
            begin = i + 1
    piece = text[begin:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append(Segment(piece.strip(), begin + lead, begin + lead + len(piece.strip())))
    return out
