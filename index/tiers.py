"""Literal first: a record that says what was typed ranks above one found only through other wording.

Scores mix the weights of a unit's spellings into one number, so a strong
match of related wording (投资环境 for a typed 营商环境) could beat a weak
literal one. Each record is given a tier instead — by the furthest spelling any
unit needed to stand in it — and the tiers are listed in order, best score
first within each: the clauses that print what the user typed come first, the
others fill the rest of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from index.query import Node, Tree, Unit
from index.vocabulary import Spelling

#: How close a spelling is to the typed text: as typed, the texts' own wording of it (a paraphrase),
#: an alias (or a confused character), related wording.
TYPED, PARAPHRASE, ALIAS, RELATED = 0, 1, 2, 3
#: The tier of each level, measured on bench/relevance.py: aliases rank with the typed text
#: (a tier of their own lost more abbreviation answers than it gained).
TIER_OF_LEVEL = (0, 0, 0, 1)
#: Spelling weights (:mod:`index.vocabulary`) at or above which a match counts as typed or as an alias.
_TYPED_WEIGHT = 1.0
_ALIAS_WEIGHT = 0.7
#: Spellings that say the same thing as the typed text in other words (:mod:`index.vocabulary`).
_SAME_THING = ("alias", "variant")

#: One unit's forms: (level, slots); a form stands in a text when each slot has one of its strings there.
Forms = Sequence[tuple[int, tuple[tuple[str, ...], ...]]]


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
    for level, slots in forms:
        if level < best and all(any(s in text for s in slot) for slot in slots):
            best = level
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
