"""Facet values for filtering: years, agencies and zones a piece of text mentions.

Agencies come from the agency table (``documents.extract.agencies``), zones from the
zone table (``documents.extract.zones``). Each mention is stored both as printed
and under its canonical name, so ``agency:省发改委`` and ``agency:省发展改革委``
find the same clauses.
"""

from __future__ import annotations

import re

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


def _values(mentions: list[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for printed, canonical in mentions:
        for value in (printed, canonical):
            value = value.replace(",", "").strip()
            if value and value not in out:
                out.append(value)
    return out


class NamedFacets:
    """Agencies and zones texts mention, against one snapshot of their tables (one document's records)."""

    def __init__(self) -> None:
        from index.external import Mentions

        self._mentions = Mentions()

    def agencies(self, text: str) -> list[str]:
        return _values(self._mentions.agencies_in(text))

    def zones(self, text: str) -> list[str]:
        return _values(self._mentions.zones_in(text))
