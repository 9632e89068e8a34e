"""Rich renderables for documents, shared by ``ceyue show`` and the reader.

Rich measures CJK characters as two cells wide, so tables built here line up
in any terminal; running text is wrapped by :mod:`tui.console.cjk` (no line starts
with ，). This module imports Rich only, never Textual.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from documents.model import Clause, Document, Section, Table, heading_of
from tui.console.cjk import Wrapped
from tui.console.safe import safe_text

HEADING_STYLES = {1: "bold magenta", 2: "bold cyan", 3: "bold", 4: "bold dim"}


def table_renderable(table: Table) -> RichTable:
    """A 专栏 table as a Rich table with its caption and notes."""
    rich_table = RichTable(
        title=safe_text(f"{table.label}  {table.caption}".strip()),
        caption=safe_text("\n".join(table.notes)) if table.notes else None,
        box=box.SQUARE,
        show_lines=True,
        expand=False,
        title_style="bold",
        caption_justify="left",
    )
    for column in table.columns:
        rich_table.add_column(safe_text(column), overflow="fold")
    for row in table.rows:
        rich_table.add_row(*(safe_text(cell) for cell in row))
    return rich_table


def heading_text(section: Section) -> Text:
    return safe_text(heading_of(section), HEADING_STYLES.get(section.level, "bold"))


def clause_text(clause: Clause) -> Text:
    style = "dim" if clause.kind in ("meta", "toc") else ""
    return safe_text(clause.text, style)


def section_renderable(document: Document, section: Section, depth: int | None = None) -> RenderableType:
    """A section with its blocks and subsections, down to ``depth`` levels (all if None)."""
    parts: list[RenderableType] = []

    def visit(node: Section, remaining: int | None) -> None:
        if node.level > 0:
            parts.append(Text(""))
            parts.append(Wrapped(heading_text(node)))
        for part in node.parts():
            if isinstance(part, Section):
                if remaining is None or remaining > 0:
                    visit(part, None if remaining is None else remaining - 1)
            elif isinstance(part, Clause):
                parts.append(Wrapped(clause_text(part)))
            else:
                parts.append(table_renderable(part))

    visit(section, depth)
    if section is document.root:
        for clause in document.closing:
            parts.append(Wrapped(clause_text(clause)))
    return Group(*parts)


def document_header(document: Document) -> Text:
    meta = document.meta
    text = safe_text(document.title, "bold")
    details = [x for x in (meta.doc_number, meta.issuer, meta.date) if x]
    if details:
        text.append(safe_text("\n" + "  ".join(details), "dim"))
    return text
