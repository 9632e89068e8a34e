"""Writing a :class:`Report` as .docx (python-docx) or .xlsx (openpyxl).

openpyxl rather than XlsxWriter: both are maintained and on the package index,
but openpyxl also reads workbooks, so tests (and users' scripts) read back
exactly what was written with the same library, and it writes rich text in
a cell (struck-out and underlined runs of a diff) as well.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from documents.export.report import Cell, Report, cell_text

FORMATS = ("docx", "xlsx")
INSERT_COLOR = "1A7F37"
DELETE_COLOR = "CF222E"
DIM_COLOR = "6E7781"


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the file's suffix (.docx / .xlsx)."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValueError(f"cannot write '{path.name}': the format must be one of {', '.join(FORMATS)}")
    return chosen


def write_report(report: Report, path: Path, fmt: str | None = None) -> Path:
    """Write ``report`` to ``path`` (format by ``fmt`` or suffix); returns the path written."""
    chosen = format_for(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if chosen == "docx":
        write_docx(report, path)
    else:
        write_xlsx(report, path)
    return path


# ---------------------------------------------------------------- Word


def _docx_runs(box: Any, cell: Cell) -> None:
    """``cell``'s runs into a table cell ``box``; each line of the text is a paragraph of its own."""
    from docx.shared import RGBColor

    paragraph = box.paragraphs[0]
    for run in cell:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                paragraph = box.add_paragraph()
            if not part:
                continue
            r = paragraph.add_run(part)
            if run.style == "bold":
                r.bold = True
            elif run.style == "dim":
                r.font.color.rgb = RGBColor.from_string(DIM_COLOR)
            elif run.style == "insert":
                r.underline = True
                r.font.color.rgb = RGBColor.from_string(INSERT_COLOR)
            elif run.style == "delete":
                r.font.strike = True
                r.font.color.rgb = RGBColor.from_string(DELETE_COLOR)


def write_docx(report: Report, path: Path) -> None:
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = WordDocument()
    section = doc.sections[0]
    widest = max((len(t.columns) for t in report.tables), default=1)
    if widest > 3:  # side-by-side columns want a landscape page
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(1.8))
    style = doc.styles["Normal"]
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    doc.add_heading(report.title, level=0)
    for line in report.lines:
        doc.add_paragraph(line)
    usable = int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)
    for table in report.tables:
        doc.add_heading(table.title, level=1)
        grid = doc.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        header = grid.rows[0]
        trPr = header._tr.get_or_add_trPr()  # repeat the header row on every page
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        trPr.append(repeat)
        for k, name in enumerate(table.columns):
            paragraph = header.cells[k].paragraphs[0]
            paragraph.add_run(name).bold = True
        for row in table.rows:
            cells = grid.add_row().cells
            for k, value in enumerate(row[: len(table.columns)]):
                _docx_runs(cells[k], value)
        widths = table.widths or [1.0] * len(table.columns)
        total = sum(widths) or 1.0
        for k, column in enumerate(grid.columns):
            width = int(usable * widths[k] / total)
            for cell in column.cells:
                cell.width = width
    doc.save(str(path))


# ---------------------------------------------------------------- Excel

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("_", title).strip("' ")[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name = f"{base[:26]}~{n}"
        n += 1
    used.add(name)
    return name


def _xlsx_value(cell: Cell) -> Any:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    if not any(run.style for run in cell):
        return cell_text(cell)
    parts = []
    for run in cell:
        if not run.text:
            continue
        if run.style == "bold":
            parts.append(TextBlock(InlineFont(b=True), run.text))
        elif run.style == "dim":
            parts.append(TextBlock(InlineFont(color=DIM_COLOR), run.text))
        elif run.style == "insert":
            parts.append(TextBlock(InlineFont(u="single", color=INSERT_COLOR), run.text))
        elif run.style == "delete":
            parts.append(TextBlock(InlineFont(strike=True, color=DELETE_COLOR), run.text))
        else:
            parts.append(run.text)
    return CellRichText(parts)


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    used: set[str] = set()
    sheet.title = _sheet_title("概要", used)
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in report.lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in report.tables:
        ws = book.create_sheet(_sheet_title(table.title, used))
        ws.append(table.columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = wrap
        for row in table.rows:
            ws.append([_xlsx_value(value) for value in row[: len(table.columns)]])
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = wrap
        widths = table.widths or [30.0] * len(table.columns)
        for k, width in enumerate(widths[: len(table.columns)], start=1):
            ws.column_dimensions[get_column_letter(k)].width = width
        ws.freeze_panes = "B2" if len(table.columns) > 2 else "A2"
        ws.auto_filter.ref = ws.dimensions
    book.save(str(path))
