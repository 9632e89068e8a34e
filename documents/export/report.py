"""A report as plain data: what the Word and Excel writers put on the page."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Run styles: plain, bold (a heading inside a cell), dim (a citation), insert / delete (diff edits).
STYLES = ("", "bold", "dim", "insert", "delete")


@dataclass
class Run:
    text: str
    style: str = ""


#: A cell: its runs, one after another (use "\n" inside a run for a line break).
Cell = list[Run]


def plain(text: str) -> Cell:
    return [Run(text)] if text else []


def cell_text(cell: Cell) -> str:
    return "".join(run.text for run in cell)


@dataclass
class ReportTable:
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    #: Relative column widths (Excel characters; Word shares the page by them).
    widths: list[float] = field(default_factory=list)


@dataclass
class Report:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)


def citation(title: str, doc_number: str, address: str) -> str:
    """《title》（文号）address — the 文号 left out when the document has none."""
    number = f"（{doc_number}）" if doc_number else ""
    return f"《{title}》{number}{address}"
