"""Body names of local governments (``data/local-bodies.tsv``): 发改委, 住建厅, 海关 in every spelling.

Apart from :mod:`documents.extract.agencies` so that a search that only asks
whether a typed word is such a body (人社局 → 人力资源社会保障局) loads neither the
agency table nor its scanning pattern: :meth:`LocalBodies.split` answers from
the spelling table; the pattern of every spelling, which finds bodies inside
running text, is compiled when first used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from documents.extract.places import LEVEL_CHARS

#: The bundled tables (read from the package folder: importlib.resources costs a search 60 ms to import).
DATA_DIR = Path(__file__).parent / "data"

_SUFFIX_FORMS = {"委": ("委员会", "委"), "办": ("办公室", "办"), "": ("",)}
#: Level words a body may follow (省发改委), longest first as the pattern tries them.
LEVELS = tuple(sorted(LEVEL_CHARS, key=len, reverse=True))


@dataclass(frozen=True)
class LocalBodies:
    """Every spelling of a local body → its canonical body."""

    canonical: dict[str, str]
    placed_only: frozenset[str]  # bodies that need a place before them (合肥海关), not 省/市 alone
    in_full: dict[str, str]  # canonical body → its fullest spelling (质监局 → 质量技术监督局)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """An optional level and a body in any spelling (groups ``level`` and ``body``), longest first.

        It opens with a look-ahead for the characters a match can start with: re skips other
        characters by that test alone, where the optional level first made it try every
        spelling at every character (the laws' records: 3.0 → 0.9 s, the same matches).
        """
        forms = sorted(self.canonical, key=len, reverse=True)
        firsts = "".join(sorted({word[0] for word in (*forms, *LEVELS)}))
        return re.compile(
            f"(?=[{re.escape(firsts)}])(?P<level>{'|'.join(LEVELS)})?(?P<body>{'|'.join(map(re.escape, forms))})"
        )

    def split(self, name: str) -> tuple[str, str] | None:
        """``(level, body)`` when the whole of ``name`` is one body with an optional level
        (省人社局 → (省, 人社局)), as ``pattern.fullmatch`` would split it; None otherwise."""
        for level in LEVELS:
            if name.startswith(level) and name[len(level) :] in self.canonical:
                return level, name[len(level) :]
        return ("", name) if name in self.canonical else None

    def spelled_in_full(self, name: str) -> str:
        """``name`` with the body it ends with spelled as in its official name: 新疆维吾尔自治区质监局 →
        …质量技术监督局, 广州市发改委 → 广州市发展和改革委员会, 广州市政府 → 广州市人民政府."""
        for start in range(len(name)):
            body = self.canonical.get(name[start:])
            if body is not None:
                return name[:start] + self.in_full[body]
        return name


@cache
def spelled_in_full(name: str) -> str:
    """:meth:`LocalBodies.spelled_in_full` of the bundled table, remembered per name (a list filter asks
    it for every document's issuers on each change)."""
    return local_bodies().spelled_in_full(name)


@cache
def local_bodies() -> LocalBodies:
    text = (DATA_DIR / "local-bodies.tsv").read_text("utf-8")
    canonical: dict[str, str] = {}
    placed_only: set[str] = set()
    in_full: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stems_text, _, suffix_text = line.partition("\t")
        stems = [s for s in stems_text.split("|") if s]
        suffixes = [("" if f == "-" else f) for f in suffix_text.split()] or [""]
        for suffix in suffixes:
            canon = stems[0] + suffix
            in_full.setdefault(canon, max(stems, key=len) + _SUFFIX_FORMS.get(suffix, (suffix,))[0])
            for stem in stems:
                for form in _SUFFIX_FORMS.get(suffix, (suffix,)):
                    canonical.setdefault(stem + form, canon)
                    if not suffix:
                        placed_only.add(stem + form)
    return LocalBodies(canonical, frozenset(placed_only), in_full)
