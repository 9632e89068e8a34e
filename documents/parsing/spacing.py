"""Whitespace inside titles and labels, which documents print spaced out (通 知).

Apart from the front matter's patterns: the corpus compares titles with it on every start, also
when every document comes from the parse cache and nothing is parsed.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without any whitespace: titles are often spaced out (通 知)."""
    return _SPACE.sub("", text)
