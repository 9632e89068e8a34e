"""Two versions of a document, clause by clause (新旧对照).

Both documents are cut into units in reading order — each printed heading
line and each clause or table — so that the units' texts, one per line, are
the document's text. Units are then paired:

1. identical units in the same order (difflib on the unit sequence);
2. the rest by text similarity (character bigrams pick candidates, difflib's
   ratio decides; the same heading path helps a close call), one to one, best
   pairs first; a label-only heading (第十条 → 第十一条) follows the clause
   under it;
3. paired units that break the order (outside the longest increasing run of
   pairs) are *moved*, not deleted and added again.

A changed pair carries its edits at character level: segments
``(op, old, new)`` whose old parts make the old text and whose new parts make
the new one, so applying a diff to the old text gives the new text
(:func:`apply`).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from documents.model import Clause, Document

#: A pair of units is the same clause, reworded, from this similarity on …
SIMILAR = 0.5
#: … or from this one when both sit under the same heading path.
SIMILAR_SAME_PLACE = 0.4
#: How many bigram candidates get the (slower) difflib ratio.
CANDIDATES = 8
KINDS = ("added", "removed", "changed", "moved", "renumbered")
_LABEL_ONLY = re.compile(
    r"^\s*(第[一二三四五六七八九十百千零〇\d]+[编章节条款]|[（(]?[一二三四五六七八九十\d]+[)）]?[、.．]?)\s*$"
)


@dataclass
class Unit:
    """One heading line, clause or table of a document, in reading order."""

    index: int
    address: str
    path: str
    kind: str
    text: str


@dataclass
class DiffRow:
    """One line of the two-column view.

    ``kind``: equal, changed, added, removed, moved (possibly also edited:
    ``edited``) or renumbered (a label-only heading whose number changed).
    ``segments``: ``[op, old, new]`` with op equal / insert / delete / replace.
    """

    kind: str
    old: Unit | None
    new: Unit | None
    segments: list[tuple[str, str, str]] = field(default_factory=list)
    similarity: float = 1.0

    @property
    def edited(self) -> bool:
        return any(op != "equal" for op, _, _ in self.segments)

    @property
    def is_change(self) -> bool:
        return self.kind != "equal"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old": asdict(self.old) if self.old else None,
            "new": asdict(self.new) if self.new else None,
            "segments": [list(s) for s in self.segments],
            "similarity": round(self.similarity, 3),
            "edited": self.edited,
        }


@dataclass
class DiffSide:
    key: str
    short: str
    title: str
    doc_number: str
    path: str


@dataclass
class DocumentDiff:
    old: DiffSide
    new: DiffSide
    rows: list[DiffRow]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys((*KINDS, "unchanged"), 0)
        for row in self.rows:
            counts["unchanged" if row.kind == "equal" else row.kind] += 1
        return counts

    @property
    def changes(self) -> list[DiffRow]:
        return [row for row in self.rows if row.is_change]

    def summary_line(self) -> str:
        s = self.summary
        line = f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, {s['moved']} moved"
        return line + (f", {s['renumbered']} renumbered" if s["renumbered"] else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": asdict(self.old),
            "new": asdict(self.new),
            "summary": self.summary,
            "rows": [row.to_dict() for row in self.rows],
        }


# ---------------------------------------------------------------- units


def units_of(document: Document) -> list[Unit]:
    """The document as units: heading lines, clauses and tables in reading order."""
    units: list[Unit] = []
    prefix = document.short

    def add(address: str, kind: str, text: str) -> None:
        if not _norm(text):
            return  # an empty line (or one of zero-width spaces) is no clause
        path = address[len(prefix) :].lstrip("/") if address.startswith(prefix) else address
        units.append(Unit(len(units), address, path, kind, text))

    for section, block in document.printed():
        if block is None:
            if section.raw_heading:
                add(section.address, "heading", section.raw_heading.strip())
        else:
            add(block.address, block.kind if isinstance(block, Clause) else "table", block.text)
    return units


def text_of(units: list[Unit]) -> str:
    return "\n".join(u.text for u in units)


# ---------------------------------------------------------------- pairing


_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")


def _norm(text: str) -> str:
    """Text as compared: whitespace and zero-width characters left out."""
    return "".join(text.translate(_INVISIBLE).split())


def _bigrams(text: str) -> set[str]:
    text = _norm(text)
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _place(unit: Unit) -> str:
    """The heading path part of an address (labels), without a paragraph's #n."""
    return unit.path.split("#", 1)[0]


def _similar_pairs(
    old: list[Unit], new: list[Unit], free_old: list[int], free_new: list[int]
) -> list[tuple[int, int, float]]:
    """Best one-to-one pairs among the unmatched units, by text similarity."""
    grams_old = {i: _bigrams(old[i].text) for i in free_old}
    index: dict[str, list[int]] = defaultdict(list)
    for i, grams in grams_old.items():
        for g in grams:
            index[g].append(i)
    candidates: list[tuple[float, int, int]] = []
    for j in free_new:
        grams = _bigrams(new[j].text)
        shared: dict[int, int] = defaultdict(int)
        for g in grams:
            for i in index.get(g, ()):
                shared[i] += 1
        dice = sorted(
            ((2 * n / (len(grams) + len(grams_old[i])), i) for i, n in shared.items() if old[i].kind == new[j].kind),
            reverse=True,
        )[:CANDIDATES]
        for quick, i in dice:
            if quick < 0.25:
                break
            ratio = difflib.SequenceMatcher(None, old[i].text, new[j].text, autojunk=False).ratio()
            same_place = _place(old[i]) == _place(new[j])
            if ratio >= SIMILAR or (same_place and ratio >= SIMILAR_SAME_PLACE):
                candidates.append((ratio + (0.05 if same_place else 0.0), i, j))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for score, i, j in sorted(candidates, reverse=True):
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        pairs.append((i, j, min(score, 1.0)))
    return pairs


def _label_only(unit: Unit) -> bool:
    return unit.kind == "heading" and bool(_LABEL_ONLY.match(unit.text))


def _heading_pairs(old: list[Unit], new: list[Unit], pairs: dict[int, int]) -> list[tuple[int, int]]:
    """Label-only headings (第十条) paired through the clauses under them.

    The first paired clause under an old heading leads to its new place; the
    heading above that place, if label-only and free, is the old heading's pair.
    """
    out = []
    taken_new = set(pairs.values())
    for i, u in enumerate(old):
        if i in pairs or not _label_only(u):
            continue
        k = i + 1
        while k < len(old) and old[k].kind != "heading" and k not in pairs:
            k += 1
        if k >= len(old) or old[k].kind == "heading":
            continue
        j = pairs[k] - 1
        while j >= 0 and new[j].kind != "heading":
            j -= 1
        if j >= 0 and j not in taken_new and _label_only(new[j]):
            out.append((i, j))
            taken_new.add(j)
    return out


def _increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of pairs increasing in both old and new order."""
    pairs = sorted(pairs)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos > 0 else -1
    keep: set[tuple[int, int]] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(pairs[k])
        k = back[k]
    return keep


# ---------------------------------------------------------------- inline edits


def segments(old: str, new: str) -> list[tuple[str, str, str]]:
    """Character edits turning ``old`` into ``new``; a lone equal character between edits joins them."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[list[str]] = []
    for op, a0, a1, b0, b1 in ops:
        out.append([str(op), old[a0:a1], new[b0:b1]])
    merged: list[list[str]] = []
    k = 0
    while k < len(out):
        seg = out[k]
        if (
            seg[0] == "equal"
            and len(seg[1]) <= 1
            and merged
            and merged[-1][0] != "equal"
            and k + 1 < len(out)
            and out[k + 1][0] != "equal"
        ):
            nxt = out[k + 1]
            prev = merged[-1]
            merged[-1] = ["replace", prev[1] + seg[1] + nxt[1], prev[2] + seg[2] + nxt[2]]
            k += 2
            continue
        if merged and seg[0] != "equal" and merged[-1][0] != "equal":
            prev = merged[-1]
            merged[-1] = ["replace", prev[1] + seg[1], prev[2] + seg[2]]
        else:
            merged.append(list(seg))
        k += 1
    fixed: list[tuple[str, str, str]] = []
    for tag, a, b in merged:
        kind = tag if tag == "equal" else ("replace" if a and b else ("delete" if a else "insert"))
        fixed.append((kind, a, b))
    return fixed


# ---------------------------------------------------------------- the diff


def diff_units(old: list[Unit], new: list[Unit]) -> list[DiffRow]:
    """The rows of the two-column view for two unit lists (see the module docstring)."""

    # label-only headings (第十条) say nothing by themselves: they follow the clause under them
    def key(unit: Unit, side: str) -> str:
        return f"\0{side}{unit.index}" if _label_only(unit) else _norm(unit.text)

    matcher = difflib.SequenceMatcher(None, [key(u, "o") for u in old], [key(u, "n") for u in new], autojunk=False)
    pairs: dict[int, int] = {}
    similarity: dict[int, float] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
            similarity[block.a + k] = 1.0
    taken_new = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in pairs and not _label_only(old[i])]
    free_new = [j for j in range(len(new)) if j not in taken_new and not _label_only(new[j])]
    for i, j, score in _similar_pairs(old, new, free_old, free_new):
        pairs[i] = j
        similarity[i] = score
    for i, j in _heading_pairs(old, new, pairs):
        pairs[i] = j
        similarity[i] = 1.0 if old[i].text == new[j].text else 0.0
    anchored = _increasing(list(pairs.items()))
    by_new = {j: i for i, j in pairs.items()}

    rows: list[DiffRow] = []
    next_old = 0

    def flush_removed(upto: int) -> None:
        nonlocal next_old
        while next_old < upto:
            if next_old not in pairs:
                rows.append(DiffRow("removed", old[next_old], None, [("delete", old[next_old].text, "")], 0.0))
            next_old += 1

    for j, unit in enumerate(new):
        found = by_new.get(j)
        if found is None:
            rows.append(DiffRow("added", None, unit, [("insert", "", unit.text)], 0.0))
            continue
        i = found
        a, b = old[i].text, unit.text
        edits = [] if a == b else segments(a, b)
        if (i, j) in anchored:
            flush_removed(i + 1)
            if _norm(a) == _norm(b):
                kind = "equal"  # only spacing differs; the segments still carry it
            elif old[i].kind == "heading" and _LABEL_ONLY.match(a) and _LABEL_ONLY.match(b):
                kind = "renumbered"
            else:
                kind = "changed"
        else:
            kind = "moved"
        rows.append(DiffRow(kind, old[i], unit, edits, similarity.get(i, 1.0)))
    flush_removed(len(old))
    return rows


def _side(document: Document) -> DiffSide:
    return DiffSide(document.key, document.short, document.title, document.meta.doc_number or "", str(document.path))


def diff_documents(old: Document, new: Document) -> DocumentDiff:
    """The clause-by-clause diff of two versions of a document."""
    return DocumentDiff(_side(old), _side(new), diff_units(units_of(old), units_of(new)))


def apply(old_texts: list[str], rows: list[DiffRow]) -> list[str]:
    """The new units' texts, made from the old ones and the reported changes only.

    Equal and paired rows take the old unit's text and apply their segments
    (whose old parts must spell the old text); added rows bring their text;
    removed rows drop theirs. Raises ValueError if a row does not fit ``old_texts``.
    """
    out: list[str] = []
    for row in rows:
        if row.new is None:
            continue
        if row.old is None:
            out.append("".join(new for _, _, new in row.segments))
            continue
        text = old_texts[row.old.index]
        if not row.segments:
            out.append(text)
            continue
        if "".join(old for _, old, _ in row.segments) != text:
            raise ValueError(f"row {row.old.address} does not fit the old text")
        out.append("".join(new for _, _, new in row.segments))
    return out
