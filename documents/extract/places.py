"""Places: China's provinces, prefectures and counties with their short and former names.

Read lazily from ``data/divisions.tsv`` and ``data/divisions-renamed.tsv`` (see
their headers for the sources) and shared per process.

    >>> places = default_places()
    >>> places.resolve("衡阳")
    '衡阳市'
    >>> places.resolve("湘西州")
    '湘西土家族苗族自治州'
    >>> places.resolve("邵东县")          # renamed in 2019
    '邵东市'
    >>> places.level("衡阳市")
    'prefecture'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

#: The bundled tables (read from the package folder: importlib.resources costs a search 60 ms to import).
DATA_DIR = Path(__file__).parent / "data"

LEVEL_CHARS = ("自治区", "自治州", "自治县", "特别行政区", "省", "市", "区", "县", "州", "盟", "旗")
"""What ends a division's name; alone before a body (省发改委) it means the issuing level's own."""

_AMBIGUOUS_SHORT = frozenset({"城区", "郊区", "矿区", "新区", "市中", "市辖", "河口", "中山", "江南", "江北", "城关"})
"""Short forms too common as words to stand for a place on their own."""


_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    shorts: tuple[str, ...]

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"


def _data_lines(name: str) -> list[list[str]]:
    text = (DATA_DIR / name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


class Places:
    """Lookup of divisions by full, short or former name."""

    def __init__(self, divisions: list[Division], renamed: dict[str, str]) -> None:
        self.divisions = divisions
        self.by_code = {d.code: d for d in divisions}
        self._full: dict[str, list[Division]] = {}
        self._short: dict[str, list[Division]] = {}
        for d in divisions:
            self._full.setdefault(d.name, []).append(d)
            for s in d.shorts:
                if len(s) >= 2 and s not in _AMBIGUOUS_SHORT:
                    self._short.setdefault(s, []).append(d)
        self.renamed = renamed

    @classmethod
    def load(cls) -> Places:
        divisions = [Division(c[0], c[1], tuple(s for s in c[2].split("/") if s)) for c in _data_lines("divisions.tsv")]
        renamed = {c[0]: c[1] for c in _data_lines("divisions-renamed.tsv")}
        return cls(divisions, renamed)

    # ------------------------------------------------------------------ lookup

    def candidates(self, name: str) -> list[Division]:
        """Every division ``name`` may stand for (full names before short forms, larger units first)."""
        name = name.strip()
        found = list(self._full.get(name, []))
        if not found and name in self.renamed and name not in _AMBIGUOUS_SHORT:
            found = list(self._full.get(self.renamed[name], []))
        if not found:
            found = list(self._short.get(name, []))
        return sorted(found, key=lambda d: _LEVEL_ORDER[d.level])

    def resolve(self, name: str) -> str | None:
        """The current full name of the division ``name`` most likely means (prefectures before counties)."""
        found = self.candidates(name)
        return found[0].name if found else None

    def level(self, name: str) -> str | None:
        found = self.candidates(name)
        return found[0].level if found else None

    def is_place(self, name: str) -> bool:
        return bool(self.candidates(name))

    def spellings(self, name: str) -> set[str]:
        """Every spelling of the division(s) ``name`` resolves to: full, short and former names."""
        out: set[str] = set()
        for d in self.candidates(name)[:1]:
            out |= {d.name, *d.shorts}
            out |= {old for old, new in self.renamed.items() if new == d.name}
        return out

    def scan_names(self) -> dict[str, tuple[str, bool]]:
        """Every full, short and former name with (level, printed in full), for scanning text."""
        out: dict[str, tuple[str, bool]] = {}
        for name, found in self._short.items():
            out[name] = (min((d.level for d in found), key=_LEVEL_ORDER.__getitem__), False)
        for old, new in self.renamed.items():
            if new in self._full and len(old) > 2 and old not in _AMBIGUOUS_SHORT:
                out[old] = (self._full[new][0].level, True)
        for name, found in self._full.items():
            if name not in _AMBIGUOUS_SHORT:  # 城区, 郊区, 矿区: counties named as a word is
                out[name] = (min((d.level for d in found), key=_LEVEL_ORDER.__getitem__), True)
        return out

    @cached_property
    def _names(self) -> dict[str, int]:
        """Every name and short form with its length, for scanning text."""
        names = {**{n: len(n) for n in self._full}, **{n: len(n) for n in self._short}}
        names.update({n: len(n) for n in self.renamed})
        return names

    @cached_property
    def max_len(self) -> int:
        return max(self._names.values(), default=0)

    def ending_at(self, text: str, end: int, *, shortest: int = 2) -> str | None:
        """The longest place name (full, short or former) that ends at ``end`` in ``text``."""
        for k in range(min(self.max_len, end), shortest - 1, -1):
            if text[end - k : end] in self._names:
                return text[end - k : end]
        return None

    def starting_at(self, text: str, start: int, *, shortest: int = 2, full: bool = False) -> str | None:
        """The longest place name that starts at ``start`` in ``text``; with ``full``, only a division's
        full name (current or former), never a short form, so 广州开发区 is not read as 广州."""
        names = self._full_names if full else self._names
        for k in range(min(self.max_len, len(text) - start), shortest - 1, -1):
            if text[start : start + k] in names:
                return text[start : start + k]
        return None

    @cached_property
    def _full_names(self) -> frozenset[str]:
        """Every current full name, and every former name that ends in a level (邵东县, not 襄樊)."""
        return frozenset(self._full) | {old for old in self.renamed if old.endswith(LEVEL_CHARS)}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A regex of every full name, short form and former name (longest first)."""
        names = sorted(self._names, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)))


@cache
def default_places() -> Places:
    """The bundled divisions, loaded once per process."""
    return Places.load()
