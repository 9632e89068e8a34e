"""Literal first: a record that says what was typed ranks above one found only through other wording.

Scores mix the weights of a unit's spellings into one number, so a strong
match of related wording (投资环境 for a typed 营商环境) could beat a weak
literal one. Each record is given a tier instead — by the furthest spelling any
unit needed to stand in it — and the tiers are listed in order, best score
first within each: the clauses that print what the user typed come first, the
others fill the rest of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from index.proximity import near_pattern
from index.query import Node, Tree, Unit
from index.vocabulary import Spelling

#: How close a spelling is to the typed text: as typed, the texts' own wording of it (a paraphrase),
#: an alias (or a confused character), related wording.
TYPED, PARAPHRASE, ALIAS, RELATED = 0, 1, 2, 3
#: The tier of each level, measured on bench/relevance.py: aliases rank with the typed text
#: (a tier of their own lost more abbreviation answers than it gained).
TIER_OF_LEVEL = (0, 0, 0, 1)
#: The tier of a record no first-tier form stands in (there are two).
NOT_FIRST = max(TIER_OF_LEVEL)
#: Spelling weights (:mod:`index.vocabulary`) at or above which a match counts as typed or as an alias.
_TYPED_WEIGHT = 1.0
_ALIAS_WEIGHT = 0.7
#: Spellings that say the same thing as the typed text in other words (:mod:`index.vocabulary`).
_SAME_THING = ("alias", "variant")


class Form(NamedTuple):
    """What a text must say for a unit to stand in it at ``level``: each slot one of its strings, anywhere;
    ``near``: each slot's one string near the others in one sentence (:mod:`index.proximity`)."""

    level: int
    slots: tuple[tuple[str, ...], ...]
    near: bool = False

    def stands_in(self, text: str) -> bool:
        if self.near:
            pattern = near_pattern(tuple(slot[0] for slot in self.slots))
            return pattern is not None and pattern.search(text) is not None
        return all(any(s in text for s in slot) for slot in self.slots)


#: One unit's forms.
Forms = Sequence[Form]


def level_of(spelling: Spelling) -> int:
    """How close ``spelling`` is to the typed text: an alias, a confused character or the texts' own
    wording of the same thing stands with it; a neighbouring subject does not."""
    if spelling.weight >= _TYPED_WEIGHT:
        return TYPED
    if spelling.how == "paraphrase":
        return PARAPHRASE
    return ALIAS if spelling.weight >= _ALIAS_WEIGHT or spelling.how in _SAME_THING else RELATED


def unit_level(forms: Forms, text: str) -> int:
    """The closest level at which one of ``forms`` stands in ``text`` (``RELATED`` when none does)."""
    best = RELATED
    for form in forms:
        if form.level < best and form.stands_in(text):
            best = form.level
            if best == TYPED:
                break
    return best


def tree_level(tree: Tree, levels: dict[int, int]) -> int:
    """A record's level for the whole query, from each unit's (``levels`` by ``id(unit)``): all of
    an AND, the best of an OR; a negated part says nothing of how the record matched."""
    if isinstance(tree, Unit):
        return levels.get(id(tree), RELATED)
    if isinstance(tree, Node):
        if tree.op == "NOT":
            return TYPED
        parts = [tree_level(c, levels) for c in tree.children if not (isinstance(c, Node) and c.op == "NOT")]
        if not parts:
            return TYPED
        return max(parts) if tree.op == "AND" else min(parts)
    return TYPED


class Closeness:
    """How close to the typed text each unit of a query stands in a record, read once per record and search.

    A unit stands in the record's text, or else in what surrounds it (``context_of``: its heading
    path, what names its document, the text under a heading that answers for its section). Both ways
    ranking puts the typed text first read it here: the score grows with the share of units said as
    typed (or in the texts' own wording), and the tier is the furthest spelling the query needed.
    """

    def __init__(
        self,
        tree: Tree | None,
        units: Sequence[tuple[int, Forms]],
        text_of: Callable[[int], str],
        context_of: Callable[[int], str],
    ):
        self.tree = tree
        self.units = [(key, forms) for key, forms in units]
        self.text_of, self.context_of = text_of, context_of
        levels = [form.level for _, forms in self.units for form in forms]
        #: Whether records can differ in how many units they say as typed (else the share is always 1).
        self.spread = any(level > PARAPHRASE for level in levels)
        #: Whether a record can fall below the first tier.
        self.tiered = tree is not None and any(TIER_OF_LEVEL[level] for level in levels)
        self._known: dict[int, tuple[int, ...]] = {}

    def levels(self, docnum: int) -> tuple[int, ...]:
        """Each unit's level in record ``docnum`` (``TYPED`` for a unit with no forms)."""
        known = self._known.get(docnum)
        if known is None:
            text = self.text_of(docnum)
            known = tuple(unit_level(forms, text) if forms else TYPED for _, forms in self.units)
            if any(level > TYPED for level in known):  # the heading path, the title or the section may say the rest
                text += "\n" + self.context_of(docnum)
                known = tuple(unit_level(forms, text) if forms else TYPED for _, forms in self.units)
            self._known[docnum] = known
        return known

    def typed_share(self, docnum: int) -> float:
        """The share of units record ``docnum`` says as typed or in the texts' own wording of it."""
        if not self.spread or not self.units:
            return 1.0
        levels = self.levels(docnum)
        return sum(level <= PARAPHRASE for level in levels) / len(levels)

    def surely_first(self, holding: Callable[[str], Any]) -> Any:
        """Which records are surely in the first tier without reading them, from ``holding(s)``: the records
        whose text holds ``s``, a mask (numpy booleans by record), or None where that is not known. A form
        standing in a record's text stands in its text and context too, so its level there bounds the
        record's. Answers a mask, ``True`` (every record) or None (none known)."""
        forms_of = dict(self.units)

        def unit(key: int) -> Any:
            forms = forms_of.get(key)
            if forms is None:
                return None
            if not forms:
                return True
            found = None
            for form in forms:
                if TIER_OF_LEVEL[form.level] or form.near:
                    continue
                slots = [_any_of(map(holding, slot)) for slot in form.slots]
                if slots and all(slot is not None for slot in slots):
                    found = _any_of([found, _all_of(slots)])
            return found

        def tree(part: Tree | None) -> Any:
            if isinstance(part, Unit):
                return unit(id(part))
            if isinstance(part, Node) and part.op != "NOT":
                parts = [tree(c) for c in part.children if not (isinstance(c, Node) and c.op == "NOT")]
                if not parts:
                    return True
                return _all_of(parts) if part.op == "AND" else _any_of(parts)
            return True

        return tree(self.tree)

    def possibly_first(self, holding: Callable[[str], Any]) -> Any:
        """Which records may be in the first tier, from ``holding(s)``: every record whose text or context may
        hold ``s`` (a mask over the records, numpy booleans), or None where that is not known (any may). A
        first-tier form stands only where each of its slots does (a near form's words too), so a record
        outside the answer (a mask, or ``True``: any record) is in the last tier (``NOT_FIRST``) unread."""
        forms_of = dict(self.units)

        def unit(key: int) -> Any:
            forms = forms_of.get(key)
            if not forms:
                return True
            found = None
            for form in forms:
                if TIER_OF_LEVEL[form.level]:
                    continue
                slots = [_possible(map(holding, slot[:1] if form.near else slot)) for slot in form.slots]
                found = _possible([found, _every(slots)]) if found is not None else _every(slots)
            return False if found is None else found

        def tree(part: Tree | None) -> Any:
            if isinstance(part, Unit):
                return unit(id(part))
            if isinstance(part, Node) and part.op != "NOT":
                parts = [tree(c) for c in part.children if not (isinstance(c, Node) and c.op == "NOT")]
                if not parts:
                    return True
                return _every(parts) if part.op == "AND" else _possible(parts)
            return True

        return tree(self.tree)

    def tier(self, docnum: int) -> int:
        """Record ``docnum``'s tier: that of the furthest spelling the query needed in it."""
        if not self.tiered or self.tree is None:
            return 0
        levels = dict(zip((key for key, _ in self.units), self.levels(docnum), strict=True))
        return TIER_OF_LEVEL[tree_level(self.tree, levels)]


def _any_of(masks: Iterable[Any]) -> Any:
    """The records in any of ``masks`` (None: none known, ``True``: every record)."""
    out = None
    for mask in masks:
        if mask is True:
            return True
        if mask is not None:
            out = mask if out is None else out | mask
    return out


def _all_of(masks: Iterable[Any]) -> Any:
    """The records in all of ``masks`` (None: none known, ``True``: every record)."""
    out: Any = True
    for mask in masks:
        if mask is None:
            return None
        if mask is not True:
            out = mask if out is True else out & mask
    return out


def _possible(masks: Iterable[Any]) -> Any:
    """The records in any of ``masks`` (None or ``True``: any record may be; ``False``: none is)."""
    out: Any = False
    for mask in masks:
        if mask is None or mask is True:
            return True
        if mask is not False:
            out = mask if out is False else out | mask
    return out


def _every(masks: Iterable[Any]) -> Any:
    """The records in all of ``masks`` (None or ``True``: any record may be; ``False``: none is)."""
    out: Any = True
    for mask in masks:
        if mask is False:
            return False
        if mask is not None and mask is not True:
            out = mask if out is True else out & mask
    return out


def tiered(ranked: list, tier_of: Callable[[Any], int], order: Callable[[list], list]) -> list:
    """``ranked`` (score first) split by ``tier_of``, each tier put in ``order`` and listed after the
    ones before it; a later tier's scores are scaled below the last score listed, so they still fall
    with rank (and keep their proportions within the tier)."""
    by_tier: dict[int, list] = {}
    for item in ranked:
        by_tier.setdefault(tier_of(item), []).append(item)
    out: list = []
    for tier in sorted(by_tier):
        part = order(by_tier[tier])
        if out and part and part[0][0] >= out[-1][0] > 0:
            scale = out[-1][0] / part[0][0] * (1 - 1e-6)
            part = [(item[0] * scale, *item[1:]) for item in part]
        out += part
    return out
