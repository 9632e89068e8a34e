"""Recognising the numbering that starts a heading or numbered item.

Chinese official documents number their parts in a handful of styles
(一、 / （一） / 1. / （1） / 第一章 …). The level of a style is not fixed — a
plan may put 1、 directly under 一、 in one chapter and under （一） in the next —
so this module only names the style; the parser derives levels from the order
in which styles nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CN_DIGITS = "一二三四五六七八九十百千零〇两"

#: 第 and its number as typeset or scanned: 笫 is the common misprint of 第, a space may stand on
#: either side of the number (``第 一 章``, ``第一百二十八 条``), and a scan reads the last 一 of
#: 三十一 as a dash (``第三十－条``).
_ORDINAL = rf"^[第笫][ \u3000]?([{CN_DIGITS}\d]+(?:(?<=十)[－—])?)[ \u3000]?"
#: A number followed by these is cited inside a sentence that a line break cut (``第七节相应改为第八节``,
#: ``第三十一条的决定》``), not a heading.
_CITED = "(?!的|相应|[、至])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"{_ORDINAL}编{_CITED}(?=\s|$|[^\w]|[\u4e00-\u9fff])")),
    ("chapter", re.compile(rf"{_ORDINAL}章{_CITED}")),
    ("section", re.compile(rf"{_ORDINAL}节{_CITED}")),
    # 第一百三十三条之一: an article inserted by an amendment after 第一百三十三条
    ("article", re.compile(rf"{_ORDINAL}条(?:之([{CN_DIGITS}]+))?{_CITED}(?!第|款|规定的|中的)")),
    ("cn", re.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、，,．.﹒]")),
    ("cn_paren", re.compile(rf"^(?:[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]|([㈠-㈩]))")),
    ("decimal", re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,3})(?![.．\d])\s*(?=[\u4e00-\u9fff])")),
    ("decimal_top", re.compile(r"^(\d{1,2})[ \u3000]+(?=[\u4e00-\u9fff][^，。；：,;:]{0,18}$)")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．·，,﹒](?!\d)")),
    ("arabic_paren", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]

_STRUCTURAL = {"part": "编", "chapter": "章", "section": "节", "article": "条"}


@dataclass(frozen=True)
class Label:
    """A recognised numbering: its style, the text as printed, and the address form."""

    style: str
    raw: str
    label: str
    number: str


_CIRCLED_PAREN = {chr(0x3220 + i): d for i, d in enumerate("一二三四五六七八九十")}
#: Full-width digits and stops (１．) read as their ASCII forms; the raw label keeps what was printed.
_SCANNED_ONE = str.maketrans("－—", "一一")
_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "﹒": "."})
#: A printed table of contents entry: leader dots and a page number (``一、实施背景……- 1 -``).
_TOC_ENTRY_RE = re.compile(r"(?:…{1,}|\.{4,}|·{4,})\s*[-－—]?\s*\d{1,3}\s*[-－—]?\s*$")


def is_toc_entry(line: str) -> bool:
    # An entry ends in its page number: the regex (a search from every offset) only runs on such lines.
    last = line.rstrip()[-1:]
    return bool(last) and (last.isdecimal() or last in "-－—") and bool(_TOC_ENTRY_RE.search(line))


def toc_entry_text(line: str) -> str:
    """A contents entry without its leader dots and page number."""
    return _TOC_ENTRY_RE.sub("", line).strip()


#: Every numbering starts with one of these or with a decimal digit (of any width).
_FIRST_CHARS = frozenset("第笫（(" + CN_DIGITS + "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
#: Widths are folded in this many leading characters only (folding is 1:1, so offsets hold); a
#: number running past them is matched again on the whole line folded.
_FOLD_HEAD = 64
_FOLDABLE_RE = re.compile("[\uff10-\uff19．﹒]")


@lru_cache(maxsize=4096)  # the parser asks about each line three or four times in a row
def match_label(line: str) -> Label | None:
    """The numbering at the start of ``line``, if any (a contents entry with a page number is none)."""
    first = line[:1]
    if not first or not (first in _FIRST_CHARS or first.isdecimal()) or is_toc_entry(line):
        return None
    head = line[:_FOLD_HEAD]
    folded = head.translate(_WIDTH) + line[_FOLD_HEAD:] if _FOLDABLE_RE.search(head) else line
    for style, pattern in _PATTERNS:
        m = pattern.match(folded)
        if not m:
            continue
        if m.end() > _FOLD_HEAD - 8 and len(line) > _FOLD_HEAD:
            folded = line.translate(_WIDTH)
            m = pattern.match(folded)
            if not m:
                continue
        raw = line[: m.end()]
        found = [g for g in m.groups() if g]
        number = _CIRCLED_PAREN.get(found[0], found[0]) if found else ""
        if style in _STRUCTURAL:
            number = number.translate(_SCANNED_ONE)
        if style in ("decimal", "decimal_top"):
            # One style per depth of the numbers (1 / 1.1 / 1.1.1), so 1.2 closes 1.1 but not 1.
            style = f"decimal{number.count('.')}"
        if style in _STRUCTURAL:
            label = f"第{number}{_STRUCTURAL[style]}"
            if style == "article" and m.group(2):
                label += f"之{m.group(2)}"
        elif style in ("cn_paren", "arabic_paren"):
            label = f"（{number}）"
        else:
            label = number
        # Absorb spaces between the number and the text: "1· 优化结构" / "（五） “135”".
        rest = line[len(raw) :]
        raw += rest[: len(rest) - len(rest.lstrip())]
        return Label(style=style, raw=raw, label=label, number=number)
    return None


def is_label_only(line: str) -> bool:
    """True for a line holding just a number, whose text follows on the next line."""
    label = match_label(line)
    return label is not None and not line[len(label.raw) :].strip()
