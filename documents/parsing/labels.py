"""Recognising the numbering that starts a heading or numbered item.

Chinese official documents number their parts in a handful of styles
(一、 / （一） / 1. / （1） / 第一章 …). The level of a style is not fixed — a
plan may put 1、 directly under 一、 in one chapter and under （一） in the next —
so this module only names the style; the parser derives levels from the order
in which styles nest.
"""

from __future__ import annotations

import re
import sys
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


@dataclass(frozen=True, slots=True)
class Label:
    """A recognised numbering: its style, the text as printed, and the address form.

    The parser keeps the label of every line it reads (a 法规汇编 has a million), so the
    strings are interned: 第一条 and its like are one string each, and slots keep the rest small.
    """

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


#: All the patterns in one, in their order: the first style whose pattern matches is the one whose
#: group matched (a line numbered 第十条 was tried against 编, 章 and 节 first, one match each).
_ANY = re.compile("|".join(f"(?P<{style}>{pattern.pattern})" for style, pattern in _PATTERNS))
_BY_STYLE = dict(_PATTERNS)


@lru_cache(maxsize=4096)  # a table reader asks about the lines ahead that the scan asks about next
def match_label(line: str) -> Label | None:
    """The numbering at the start of ``line``, if any (a contents entry with a page number is none)."""
    first = line[:1]
    if not first or not (first in _FIRST_CHARS or first.isdecimal()) or is_toc_entry(line):
        return None
    head = line[:_FOLD_HEAD]
    folded = head.translate(_WIDTH) + line[_FOLD_HEAD:] if _FOLDABLE_RE.search(head) else line
    found = _ANY.match(folded)
    if found is None:
        return None
    if found.end() > _FOLD_HEAD - 8 and len(line) > _FOLD_HEAD:
        return _match_folded(line, folded)
    style = found.lastgroup or ""
    m = _BY_STYLE[style].match(folded)
    return _label(line, style, m) if m else None


def _match_folded(line: str, folded: str) -> Label | None:
    """The patterns one by one, a number running past the folded head matched on the whole line folded."""
    for style, pattern in _PATTERNS:
        m = pattern.match(folded)
        if not m:
            continue
        if m.end() > _FOLD_HEAD - 8 and len(line) > _FOLD_HEAD:
            folded = line.translate(_WIDTH)
            m = pattern.match(folded)
            if not m:
                continue
        return _label(line, style, m)
    return None


def _label(line: str, style: str, m: re.Match[str]) -> Label:
    raw = line[: m.end()]
    # Absorb spaces between the number and the text: "1· 优化结构" / "（五） “135”".
    rest = line[len(raw) :]
    raw += rest[: len(rest) - len(rest.lstrip())]
    return _made_label(style, raw, m.groups())


@lru_cache(maxsize=8192)
def _made_label(style: str, raw: str, groups: tuple[str | None, ...]) -> Label:
    """The label of a numbering matched as ``raw`` in ``style``: one object per distinct numbering
    (a 法规汇编 prints 第一条 thousands of times), its strings interned."""
    found = [g for g in groups if g]
    number = _CIRCLED_PAREN.get(found[0], found[0]) if found else ""
    if style in _STRUCTURAL:
        number = number.translate(_SCANNED_ONE)
    if style in ("decimal", "decimal_top"):
        # One style per depth of the numbers (1 / 1.1 / 1.1.1), so 1.2 closes 1.1 but not 1.
        style = f"decimal{number.count('.')}"
    if style in _STRUCTURAL:
        label = f"第{number}{_STRUCTURAL[style]}"
        if style == "article" and groups[1]:
            label += f"之{groups[1]}"
    elif style in ("cn_paren", "arabic_paren"):
        label = f"（{number}）"
    else:
        label = number
    return Label(style=style, raw=sys.intern(raw), label=sys.intern(label), number=sys.intern(number))
