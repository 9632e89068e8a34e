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

CN_DIGITS = "一二三四五六七八九十百千零〇两"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第([{CN_DIGITS}\d]+)编(?=\s|$|[^\w]|[\u4e00-\u9fff])")),
    ("chapter", re.compile(rf"^第([{CN_DIGITS}\d]+)章")),
    ("section", re.compile(rf"^第([{CN_DIGITS}\d]+)节")),
    ("article", re.compile(rf"^第([{CN_DIGITS}\d]+)条")),
    ("cn", re.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、，,．.]")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．·，,](?!\d)")),
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


def match_label(line: str) -> Label | None:
    """The numbering at the start of ``line``, if any."""
    for style, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group(0)
        number = m.group(1)
        if style in _STRUCTURAL:
            label = f"第{number}{_STRUCTURAL[style]}"
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
