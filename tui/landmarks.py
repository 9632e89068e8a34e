"""A document's landmarks: its 专栏 and other tables, and its 附件, by label and caption.

Go to (``:``) and the command palette reach them as a reader names them —
``专栏3``, ``附件2``, ``表2`` (the second table) or a word of the caption. No
Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.extract.references import number_value
from documents.model import Clause, Document
from documents.parsing.labels import CN_DIGITS

_LABEL = re.compile(rf"(专栏|附表|附件|表)\s*([{CN_DIGITS}\d]{{1,3}})")
_TRAILING = "：:、.． "


@dataclass(frozen=True)
class Landmark:
    """A table (``kind`` table) or an attachment; ``number`` counts tables from 1 in reading order (表N)."""

    kind: str
    label: str
    caption: str
    address: str
    number: int = 0

    @property
    def name(self) -> str:
        return f"{self.label} {self.caption}".strip() if self.caption != self.label else self.label


def canonical(label: str) -> str:
    """``专栏三`` -> ``专栏3``, ``附件1：`` -> ``附件1``; other labels as they are, tidied."""
    label = re.sub(r"\s+", "", label).rstrip(_TRAILING)
    m = _LABEL.fullmatch(label)
    if m is None:
        return label
    value = number_value(m.group(2))
    return f"{m.group(1)}{value if value is not None else m.group(2)}"


def landmarks(doc: Document) -> list[Landmark]:
    """The tables, then the attachments: those with text in the document at it, the others at the 附件 list."""
    out = [Landmark("table", t.label, t.caption, t.address, number) for number, t in enumerate(doc.tables(), start=1)]
    present = {canonical(mark.label) for mark in out}
    for section in doc.root.children:
        if section.style == "attachment":
            label = section.label.rstrip(_TRAILING)
            present.add(canonical(label))
            out.append(Landmark("attachment", label, section.title or section.display_title, section.address))
    listing = next((c for c in doc.clauses() if isinstance(c, Clause) and c.kind == "attachment"), None)
    for attachment in doc.attachments:
        if canonical(attachment.label) not in present and listing is not None:
            out.append(Landmark("attachment", attachment.label, attachment.title, listing.address))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def match_landmarks(doc: Document, query: str) -> list[tuple[float, Landmark]]:
    """Landmarks matching ``query`` with a score on go-to's scale (100: the one named, 50s: a caption word)."""
    q = _norm(query)
    if not q:
        return []
    named = canonical(q)
    out: list[tuple[float, Landmark]] = []
    for mark in landmarks(doc):
        label = canonical(mark.label)
        if named == label:
            score = 100.0
        elif named.startswith("表") and (
            label == f"附{named}" or (f"表{mark.number}" == named and mark.kind == "table")
        ):
            score = 90.0  # 表2: a table labelled 附表2, else the second table
        elif q in _norm(mark.label):
            score = 60.0
        elif q in _norm(mark.caption):
            score = 50.0 + (5 if _norm(mark.caption).startswith(q) else 0)
        else:
            continue
        out.append((score, mark))
    out.sort(key=lambda pair: -pair[0])
    return out
