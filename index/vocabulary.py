"""What else a typed word may be printed as, and how much such a match counts.

A search matches the text as typed at full weight; the other spellings of a
unit or word are searched with a lower weight, so the clauses that say what
the user typed come first (高新区 before 高新技术产业开发区):

* ``alias`` — the alias groups (``data/aliases.toml`` with the agency table's),
  term abbreviations (``data/vocabulary.toml`` [abbreviations], also inside a
  typed word: 环保税 → 环境保护税, and back: a policy prints 电竞 for the typed
  电子竞技), local bodies by rule (人社局 ↔
  人力资源社会保障局, via :mod:`index.external`) and places (郴州 ↔ 郴州市);
* ``related`` — a neighbouring subject a policy reader also wants (融资 /
  投融资, 考评 / 考核 / 评价, 营商环境 / 投资环境);
* ``paraphrase`` — the same thing in the texts' own words (房东 / 出租人,
  条件 / 下列情形, 监管 / 监督管理) and a body as a 部门: weighed as related
  wording, but ranked with the typed text (:mod:`index.tiers`);
* ``variant`` — a commonly confused character in a place name (彬州 → 郴州,
  泸昆 → 沪昆), only where a real place name results; the compiler adds, for a
  word the library lacks, its same-sound spellings the library has
  (:mod:`index.homophones`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from documents.numerals import chinese_number
from index import external
from index.aliases import load_aliases
from index.once import loaded_once
from index.segmenter import normalize

DATA_FILE = Path(__file__).parent / "data" / "vocabulary.toml"

ALIAS_WEIGHT = 0.75
RELATED_WEIGHT = 0.45
VARIANT_WEIGHT = 0.7
#: A related word right after one of these makes another term with it (不起诉, 无证, 非法): not replaced there.
NEGATIONS = "不未非无"
#: At most this many spellings per unit or word (each one is a lookup).
MAX_SPELLINGS = 7
#: How many of a body's predecessors' 部门 forms are searched (人社局 → 劳动和社会保障行政部门 …).
FORMER_FORMS = 6


#: A numbered part of a law typed with Arabic digits (第39条); the texts print Chinese numerals (第三十九条).
NUMBERED_PART = re.compile(r"第(\d{1,4})(条|章|节|编|款|项)")


#: A number of days as people type it (七天, 15天); the laws count in 日 (七日内, 十五日).
DAYS = re.compile(r"([0-9]{1,3}|[一二三四五六七八九十百两]{1,4})天")


def days_as_printed(text: str) -> str:
    """``text`` with N天 as the laws print it: N日, in Chinese numerals."""
    return DAYS.sub(lambda m: f"{chinese_number(int(m.group(1))) if m.group(1).isdigit() else m.group(1)}日", text)


def numbered_in_chinese(text: str) -> str:
    """``text`` with 第N条/章/节… in Chinese numerals."""
    return NUMBERED_PART.sub(lambda m: f"第{chinese_number(int(m.group(1)))}{m.group(2)}", text)


@dataclass(frozen=True)
class Spelling:
    text: str
    weight: float = 1.0
    how: str = "typed"  # typed / alias / related / paraphrase / variant


@dataclass
class Vocabulary:
    abbreviations: dict[str, list[str]]
    #: full form -> its short forms: a text may print the short form of what was typed (电子竞技 → 电竞)
    expansions: dict[str, list[str]]
    related: dict[str, list[str]]  # member -> the other members of its group
    paraphrases: dict[str, list[str]]  # the same, for the texts' own wording of a thing
    confusable: dict[str, str]
    provinces: str
    #: per table (by id, the table held so its id is not reused; never changed once loaded), its keys of
    #: two characters or more, longest first, and where those beginning with each character stand in that order
    _key_orders: dict[int, tuple[dict[str, list[str]], list[str], dict[str, list[int]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Vocabulary:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        abbreviations = {k: list(v) for k, v in data.get("abbreviations", {}).items()}
        expansions: dict[str, list[str]] = {}
        for short, fulls in abbreviations.items():
            for full in fulls:
                expansions.setdefault(full, []).append(short)
        related, paraphrases = _groups(data.get("related", {})), _groups(data.get("paraphrases", {}))
        confusable: dict[str, str] = {}
        variants = data.get("variants", {})
        for pair in variants.get("pairs", []):
            a, b = pair[0], pair[1]
            confusable[a] = b
            confusable[b] = a
        return cls(abbreviations, expansions, related, paraphrases, confusable, variants.get("provinces", ""))

    # ------------------------------------------------------------ spellings

    def spellings(self, text: str, *, variants: bool = True) -> list[Spelling]:
        """``text`` first, then its other spellings, best weight first, deduplicated."""
        out: dict[str, Spelling] = {}

        def add(spelling: str, weight: float, how: str) -> None:
            key = _key(spelling)
            if not key or (key in out and out[key].weight >= weight):
                return
            out[key] = Spelling(spelling, weight, how)

        add(text, 1.0, "typed")
        typed = _key(text)
        add(numbered_in_chinese(typed), 1.0, "alias")  # the same part, as printed
        add(days_as_printed(typed), ALIAS_WEIGHT, "alias")  # the same time limit, as printed
        for alias in load_aliases().expand(text)[1:]:
            add(alias, ALIAS_WEIGHT, "alias")
        names, departments, formers = external.body_spellings(typed)
        for name in names:
            add(name, ALIAS_WEIGHT, "alias")
        for name in departments[:4]:
            add(name, RELATED_WEIGHT, "paraphrase")
        for name in formers[:FORMER_FORMS]:
            add(name, RELATED_WEIGHT, "paraphrase")
        if external.is_place(typed):
            for name in external.place_spellings(typed):
                add(name, ALIAS_WEIGHT, "alias")
        for name in zone_abbreviated(typed):
            add(name, ALIAS_WEIGHT, "alias")
        expanded = self._replaced(typed, self.abbreviations)
        for replaced in expanded:
            add(replaced, ALIAS_WEIGHT, "alias")
        for replaced in self._replaced(typed, self.expansions):
            add(replaced, ALIAS_WEIGHT, "alias")
        # related wording of the typed word, and of its abbreviation spelled out (个税抵扣 → 个人所得税扣除)
        for form in (typed, *expanded):
            for replaced in self._replaced(form, self.related, edges_only=True):
                add(replaced, RELATED_WEIGHT, "related")
            for replaced in self._replaced(form, self.paraphrases, edges_only=True):
                add(replaced, RELATED_WEIGHT, "paraphrase")
        if variants:
            for variant in self.variants(typed):
                add(variant, VARIANT_WEIGHT, "variant")
        spellings = list(out.values())
        # Every alias (the alias groups are curated); related wording and variants up to the cap.
        others = sorted(spellings[1:], key=lambda s: -s.weight)
        aliases = [s for s in others if s.how == "alias"]
        # how laws of their day name the body (劳动行政部门 for 人社局): not cut by the cap on looser wording
        old_names = {_key(name) for name in formers[:FORMER_FORMS]}
        kept = [s for s in others if s.how == "alias" or _key(s.text) in old_names]
        rest = [s for s in others if s not in kept][: max(0, MAX_SPELLINGS - 1 - len(aliases))]
        return [spellings[0], *kept, *rest]

    def _replaced(self, text: str, table: dict[str, list[str]], *, edges_only: bool = False) -> list[str]:
        """``text`` with one key of ``table`` found in it replaced by each of its members (longest key first).

        ``edges_only``: the key must begin or end ``text`` (融资 in 开发区融资, not 征收 in 税收征收管理),
        and not follow a negation (起诉 in 不起诉).
        """
        out: list[str] = []
        taken: list[tuple[int, int]] = []
        for key in self._keys_starting_in(text, table):
            start = text.find(key)
            if start < 0:
                continue
            if edges_only and start != 0 and not text.endswith(key):
                continue
            if edges_only and start > 0 and text[start - 1] in NEGATIONS:
                continue  # 不起诉 is a term of its own (a prosecutor's decision), not 不提起诉讼
            if text.endswith(key) and start != 0:
                start = len(text) - len(key)
            end = start + len(key)
            if any(s < end and start < e for s, e in taken):
                continue  # inside a longer key already replaced
            taken.append((start, end))
            for member in table[key]:
                if key in member and member in text:  # 融资 inside a typed 投融资: already what it says
                    continue
                out.append(text[:start] + member + text[end:])
        return out

    def _keys_starting_in(self, text: str, table: dict[str, list[str]]) -> list[str]:
        """The keys of ``table`` of two characters or more that begin with a character of ``text``, longest
        first (the table's order among keys as long): only they can be found in it, so a spelling's compiling
        looks a few keys up, not each of the table's hundreds (four tables for every unit typed)."""
        order = self._key_orders.get(id(table))
        if order is None or order[0] is not table:
            ordered = [key for key in sorted(table, key=len, reverse=True) if len(key) >= 2]
            starting: dict[str, list[int]] = {}
            for i, key in enumerate(ordered):
                starting.setdefault(key[0], []).append(i)
            order = self._key_orders[id(table)] = (table, ordered, starting)
        _, ordered, starting = order
        return [ordered[i] for i in sorted({i for ch in set(text) for i in starting.get(ch, ())})]

    def variants(self, text: str) -> list[str]:
        """``text`` with a confusable character swapped where a real place name then stands."""
        out: list[str] = []
        for i, ch in enumerate(text):
            other = self.confusable.get(ch)
            if other is None:
                continue
            swapped = text[:i] + other + text[i + 1 :]
            if other in self.provinces or self._place_at(swapped, i):
                out.append(swapped)
        if len(out) > 1:
            combined = list(text)
            for variant in out:
                for i, (a, b) in enumerate(zip(text, variant, strict=True)):
                    if a != b:
                        combined[i] = b
            out.append("".join(combined))
        return list(dict.fromkeys(out))

    @staticmethod
    def _place_at(text: str, i: int) -> bool:
        for start in range(max(0, i - 5), i + 1):
            for end in range(i + 1, min(len(text), start + 8) + 1):
                if end - start >= 2 and external.is_place(text[start:end]):
                    return True
        return False


def _groups(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each member of the groups of ``table`` -> the other members of its groups."""
    out: dict[str, list[str]] = {}
    for members in table.values():
        for m in members:
            out.setdefault(m, [])
            out[m] += [o for o in members if o != m and o not in out[m]]
    return out


def in_order(short: str, full: str) -> bool:
    """Whether every character of ``short`` stands in ``full`` in the same order."""
    rest = iter(full)
    return all(ch in rest for ch in short)


def zone_abbreviated(typed: str) -> list[str]:
    """The categories of zones ``typed`` abbreviates by the usual rule: the first character of the
    name, then characters of its words in order, ending in 区 (边合区 → 边境经济合作区)."""
    if not (3 <= len(typed) <= 5 and typed.endswith("区")):
        return []
    return [
        name
        for name in external.zone_class_names()
        if len(name) > len(typed) and name[0] == typed[0] and name.endswith("区") and in_order(typed, name)
    ]


def _key(spelling: str) -> str:
    """What two spellings share when they are the same (normalised, spaces gone)."""
    return normalize(spelling).replace(" ", "")


@loaded_once
def load_vocabulary() -> Vocabulary:
    return Vocabulary.load()


def spellings(text: str, *, variants: bool = True) -> list[Spelling]:
    return load_vocabulary().spellings(text, variants=variants)
