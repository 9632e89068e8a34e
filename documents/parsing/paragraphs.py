"""The body paragraphs the extractors read, in reading order.

A document's work is written in body clauses, but also in numbered items
printed as a heading alone (``（一）省环保厅负责…。``): the parser keeps their
text in the section title and gives them no clause. Tasks and zone
assignments both read such items, through :func:`body_paragraphs`, so the
two never disagree about what a document says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from documents.model import Clause, Document, Section

HEADING_ONLY_MIN_CHARS = 8
"""A shorter clause-less title (``（一）总体要求``) is a heading, not an item."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body. ``address`` is the clause's, or the section's for a
    heading-only item (then ``heading_only`` is true and ``text`` is the title)."""

    section: Section
    parent: Section | None
    address: str
    text: str
    heading_only: bool = False


def is_heading_only_item(section: Section) -> bool:
    """A numbered item whose text is all in its title: no clauses, no sub-items."""
    if section.level == 0 or section.children or len(section.title) < HEADING_ONLY_MIN_CHARS:
        return False
    return not any(isinstance(b, Clause) and b.kind == "clause" for b in section.blocks)


def body_paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every body clause (kind ``clause``) and heading-only item of ``document``."""

    def visit(section: Section, parent: Section | None) -> Iterator[Paragraph]:
        if is_heading_only_item(section):
            yield Paragraph(section, parent, section.address, section.title, True)
        for block in section.blocks:
            if isinstance(block, Clause) and block.kind == "clause":
                yield Paragraph(section, parent, block.address, block.text)
        for child in section.children:
            yield from visit(child, section)

    yield from visit(document.root, None)
