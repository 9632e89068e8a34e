"""A document as the reader shows it: a flat list of items, and ways to find a section.

No Textual here: the reader's view draws these items, the outline and the
go-to dialog use the section helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.model import Block, Clause, Document, Section, Table, heading_of, label_gap, labelled


@dataclass(slots=True)
class Item:
    """One thing the reader draws: the title, a heading, a clause or a table.

    ``label`` is the numbering shown in front of a clause that is an untitled
    numbered item (``4.`` in ``4.推进园区循环化改造…``).
    """

    kind: str  # title | heading | clause | meta | toc | attachment | table
    address: str
    section: Section
    text: str = ""
    label: str = ""
    level: int = 0
    block: Block | None = None


def label_text(section: Section) -> str:
    """The numbering as printed, tidied: ``1 、`` -> ``1、``; ``1.`` stays."""
    raw = "".join(section.raw_label.split()) if section.raw_label else ""
    if raw:
        return raw
    if not section.label:
        return ""
    return section.label if section.label.startswith(("（", "第")) else f"{section.label}、"


def heading_text(section: Section) -> str:
    return labelled(label_text(section), section.title) if section.title else heading_of(section)


def document_items(doc: Document) -> list[Item]:
    """Everything the reader shows, in reading order (one pass: a 100 MB 法规汇编 has 10^6 items)."""
    root = doc.root
    items = [Item("title", doc.short, root, doc.title)]
    append = items.append
    for front in root.blocks:
        append(_block_item(front, root))
    skip: Block | None = None  # an untitled item's first clause, shown where its heading stands
    for child in root.children:
        for section, block in child.printed():
            if block is None:
                blocks = section.blocks
                first = blocks[0] if blocks else None
                label = label_text(section) if not section.title and isinstance(first, Clause) else ""
                if label and isinstance(first, Clause):
                    label += label_gap(label)  # 第七十二条 取保候审…, as printed; 1.制定… stays
                    append(Item(_kind(first), first.address, section, first.text, label, section.level, first))
                    skip = first
                else:
                    append(Item("heading", section.address, section, heading_text(section), level=section.level))
            elif block is skip:
                skip = None
            else:
                append(_block_item(block, section))
    for clause in doc.closing:
        append(_block_item(clause, root))
    return items


_RUN_ON = frozenset(("meta", "toc", "attachment"))


def marked_text(item: Item) -> str:
    """What a mark on ``item`` (the first item at its address) is about, as
    :func:`documents.state.review_export.clause_text_for` has it, without searching the document."""
    section = item.section
    if item.address == section.address:  # a section's address: its first block, or its title
        return "\n".join(b.text for b in section.blocks[:1]) if section.blocks else section.title
    return item.block.text if item.block is not None else item.text


def _kind(clause: Clause) -> str:
    return clause.kind if clause.kind in _RUN_ON else "clause"


def _block_item(block: Block, section: Section) -> Item:
    if isinstance(block, Table):
        return Item("table", block.address, section, block.text, level=section.level, block=block)
    return Item(_kind(block), block.address, section, block.text, level=section.level, block=block)


def clause_count(doc: Document) -> int:
    return sum(1 for clause in doc.clauses() if clause.kind == "clause")


def heading_path(doc: Document, section: Section) -> list[str]:
    """Headings from the top level down to ``section`` (labels with titles), as the breadcrumb shows them."""
    return [heading_of(s) for s in doc.ancestors(section)]


def section_path(doc: Document, section: Section) -> list[str]:
    """Headings down to ``section``; an untitled numbered item is named by its label."""
    return [heading_text(s) if s.title else label_text(s) for s in doc.ancestors(section)]


def citation(doc: Document, item: Item) -> str:
    """A clause with where it comes from, for the clipboard."""
    source = f"《{doc.title}》"
    if doc.meta.doc_number:
        source += f"（{doc.meta.doc_number}）"
    path = " › ".join(section_path(doc, item.section))
    body = item.text if item.kind != "heading" else heading_text(item.section)
    if item.label:
        body = f"{item.label}{body}"
    where = f"{source} {path}".strip()
    return f"{body}\n——{where}"


# ---------------------------------------------------------------- go to section

_PAREN = str.maketrans({"(": "（", ")": "）"})


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_PAREN))


def _bare(label: str) -> str:
    return label.strip("（）、.．")


def match_sections(doc: Document, query: str, limit: int | None = None) -> list[Section]:
    """Sections matching what a reader typed: an address (``三/（四）/4``), a label
    (``（四）``), labels down a path (``三 四 4``) or part of a heading (``循环化``);
    every one, best first, unless ``limit`` says otherwise."""
    if not _norm(query):
        return list(doc.sections())[:limit]
    return [section for _, section in scored_sections(doc, query)[:limit]]


def scored_sections(doc: Document, query: str) -> list[tuple[float, Section]]:
    """:func:`match_sections` with each section's score (100: its address, 50s: a heading word)."""
    q = _norm(query)
    scored: list[tuple[float, int, Section]] = []
    tokens = [t for t in re.split(r"[/\s›>]+", query.translate(_PAREN).strip()) if t]
    for order, section in enumerate(doc.sections()):
        score = _score(doc, section, q, tokens) if q else 0
        if score > 0:
            scored.append((score, order, section))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [(score, section) for score, _, section in scored]


def _score(doc: Document, section: Section, q: str, tokens: list[str]) -> float:
    address = section.address.split("/", 1)[1] if "/" in section.address else ""
    if _norm(address) == q or _norm(section.address) == q:
        return 100
    if len(tokens) > 1:
        labels = [s.label for s in doc.ancestors(section)]
        if len(labels) == len(tokens) and all(
            _norm(t) == lab or _bare(_norm(t)) == _bare(lab) for t, lab in zip(tokens, labels, strict=False)
        ):
            return 90
    label = section.label
    if q == label or q == _norm(label_text(section)):
        return 80 - section.level
    if _bare(q) and _bare(q) == _bare(label):
        return 70 - section.level
    title = _norm(section.title or section.display_title)
    if not title:
        return 0
    if q in title:
        return 50 + (10 if title.startswith(q) else 0) - section.level * 0.1
    # Characters of the query in order (a fuzzy heading match).
    pos = -1
    gaps = 0
    for ch in q:
        nxt = title.find(ch, pos + 1)
        if nxt < 0:
            return 0
        gaps += nxt - pos - 1 if pos >= 0 else 0
        pos = nxt
    return max(1.0, 30 - gaps)


def section_label_path(doc: Document, section: Section) -> str:
    """``三/（四）/4`` for a section, as typed into go-to."""
    return address_path(section.address)


def address_path(address: str) -> str:
    """An address without its document's number: ``001/三/（四）/4`` -> ``三/（四）/4``."""
    return address.split("/", 1)[1] if "/" in address else address


def elide_middle(parts: list[str], width: int, separator: str = " › ") -> list[str]:
    """``parts`` of a breadcrumb fitted into ``width`` cells by dropping middle parts (shown as "…").

    The first part (the document) and the last (where the cursor is) stay; the last is clipped only
    when it alone does not fit.
    """
    from rich.cells import cell_len, set_cell_size

    def size(items: list[str]) -> int:
        return sum(cell_len(p) for p in items) + cell_len(separator) * max(0, len(items) - 1)

    if width <= 0 or size(parts) <= width or len(parts) <= 2:
        fitted = list(parts)
    else:
        head, middle, last = parts[:1], list(parts[1:-1]), parts[-1]
        fitted = [*head, "…", last]
        middle.pop(0)
        while middle:  # keep as many of the parts next to the end as fit
            candidate = [*head, "…", *middle, last]  # at least one middle part is gone already
            if size(candidate) <= width:
                fitted = candidate
                break
            middle.pop(0)
    if width > 0 and size(fitted) > width and len(fitted) > 1:
        room = width - size(fitted[:-1]) - cell_len(separator)
        fitted[-1] = set_cell_size(fitted[-1], max(1, room - 1)) + "…" if room > 1 else "…"
    return fitted
