"""Facet values for filtering: years, agencies and zones a piece of text mentions.

Agencies come from the agency table (``documents.agencies``) when present,
zones from ``documents.extraction`` when it offers them; otherwise both fall
back to matching our own name lists. Each mention is stored both as printed
and under its canonical name, so ``agency:省发改委`` and ``agency:省发展改革委``
find the same clauses.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:\s*(?:年|—|－|-|–|~|～|至|到))")
_CN_YEAR = re.compile(r"([一二〇零][〇零一二三四五六七八九]{3})年")
_RANGE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*(?:年)?\s*(?:—|－|-|–|~|～|至|到)\s*((?:19|20)[0-9]{2})\s*年?")


def years(text: str) -> list[str]:
    """Four-digit years the text mentions (2020年, 二〇二〇年, 2011—2015年 → 2011…2015)."""
    found: set[int] = set()
    for m in _YEAR.finditer(text):
        found.add(int(m.group(1)))
    for m in _CN_YEAR.finditer(text):
        value = m.group(1).translate(_DIGITS)
        if value.isdigit() and 1900 <= int(value) <= 2099:
            found.add(int(value))
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= a + 15:
            found.update(range(a, b + 1))
    return [str(y) for y in sorted(found)]


@lru_cache(maxsize=2)
def _name_pattern(kind: str) -> re.Pattern[str] | None:
    from index import dictionary

    names = dictionary.agency_names() if kind == "agencies" else dictionary.zone_names()
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _by_names(kind: str, text: str) -> list[tuple[str, str]]:
    from index.aliases import load_aliases

    pattern = _name_pattern(kind)
    if pattern is None:
        return []
    aliases = load_aliases()
    return [(m.group(0), aliases.canonical(m.group(0), kind) or m.group(0)) for m in pattern.finditer(text)]


def _values(mentions: list[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for printed, canonical in mentions:
        for value in (printed, canonical):
            value = value.replace(",", "").strip()
            if value and value not in out:
                out.append(value)
    return out


def agencies(text: str) -> list[str]:
    from index import external

    mentions = external.agency_mentions(text)
    if mentions is None:
        mentions = _by_names("agencies", text)
    return _values(mentions)


def zones(text: str) -> list[str]:
    from index import external

    mentions = external.zone_mentions(text)
    if mentions is None:
        mentions = _by_names("zones", text)
    return _values(mentions)
