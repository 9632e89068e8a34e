"""Do the same documents read to the same outline as .docx, .pdf and .doc?

    uv run python bench/formats.py [--keep DIR] [--only 219]

For a few documents of ``../shared/corpus/policies`` this writes

* ``docx-styles``: a .docx (python-docx) with every paragraph of the source,
  the stand-alone headings of levels 1–2 in the styles Heading 1 / Heading 2,
  tables as Word tables;
* ``docx-numbering``: the same with the 一、 / （一） labels of levels 1–2 taken
  out of the text and put back as Word automatic numbering (chineseCounting,
  ``%1、`` and ``（%2）``), as a document typed with a numbered heading style is;
* ``pdf`` and ``doc``: the ``docx-styles`` file converted by LibreOffice
  (``soffice --headless``), and ``doc-numbering`` the ``docx-numbering`` one,
  when LibreOffice is installed (else these are skipped with the reason
  printed; reportlab was not needed);

reads each back through ``documents.formats.reading`` and
``documents.parsing.parser.parse_text``, and prints the outline F1 (levels 1–2,
level + label + whole heading text, whitespace removed; the same scoring as
``bench/reading.py``) of each against the source file's own outline.
Target: within 0.05 of the source (F1 ≥ 0.95).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import docx  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.shared import Pt  # noqa: E402
from reading import f1, outline_keys  # noqa: E402

from documents.contract import outline_entries  # noqa: E402
from documents.formats.reading import read_document_text  # noqa: E402
from documents.numerals import chinese_number  # noqa: E402
from documents.parsing.parser import parse_text  # noqa: E402

POLICIES = ROOT.parent / "shared" / "corpus" / "policies"
DEFAULT = ["204", "219", "221", "228", "231"]
_CN_LABEL = re.compile(r"^([一二三四五六七八九十]+)$")
_CN_PAREN_LABEL = re.compile(r"^（([一二三四五六七八九十]+)）$")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def blocks(text: str) -> list[tuple[str, list]]:
    """The reader's text as ('p', text) paragraphs and ('table', rows) tables."""
    out: list[tuple[str, list]] = []
    for chunk in re.split(r"\n[ \t]*\n(?! \n)", text):
        lines = chunk.split("\n")
        if "|" in (line.strip() for line in lines) or any(line == "  " for line in lines):
            rows, row, cell = [], [], []
            for line in lines:
                if line == "  ":
                    row.append("\n".join(cell))
                    rows.append(row)
                    row, cell = [], []
                elif line.strip() == "|":
                    row.append("\n".join(cell))
                    cell = []
                elif line.strip():
                    cell.append(line.strip())
            if row or cell:
                rows.append([*row, "\n".join(cell)])
            out.append(("table", rows))
            continue
        for line in lines:
            line = re.sub(r"^#{1,6}\s*", "", line.strip())
            if line:
                out.append(("p", line))
    return out


def heading_marks(paragraphs: list[str], outline: list[dict]) -> dict[int, dict]:
    """Paragraph index → its outline entry (levels 1–2), matched in order."""
    marks: dict[int, dict] = {}
    wanted = [e for e in outline if e["level"] <= 2]
    at = 0
    for entry in wanted:
        label, text = flat(entry["label"]), flat(entry["text"])[:12]
        for i in range(at, len(paragraphs)):
            p = flat(paragraphs[i])
            if p.startswith(label) and text in p[: len(label) + len(text) + 4]:
                marks[i] = entry
                at = i + 1
                break
    return marks


def _numbering(document) -> str:
    """Add a chineseCounting list (一、 / （一）) to the document; its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def write_docx(path: Path, source_text: str, outline: list[dict], numbered: bool) -> None:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    num_id = _numbering(document) if numbered else None
    items = blocks(source_text)
    paragraphs = [text for kind, text in items if kind == "p"]
    marks = heading_marks(paragraphs, outline)
    counters = [0, 0]
    parent_numbered = False  # number （一） items only under a numbered 一、 (else Word would not restart them)
    n = -1
    for kind, value in items:
        if kind == "table":
            width = max(len(row) for row in value)
            table = document.add_table(rows=len(value), cols=width)
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        n += 1
        entry = marks.get(n)
        text = value
        if entry is None:
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.first_line_indent = Pt(24)
            continue
        level = entry["level"]
        standalone = len(flat(text)) <= len(flat(entry["label"])) + len(flat(entry["text"])) + 2
        paragraph = document.add_paragraph(style=f"Heading {level}" if standalone else None)
        counters[level - 1] += 1
        if level == 1:
            counters[1] = 0
        match = (_CN_LABEL if level == 1 else _CN_PAREN_LABEL).match(entry["label"])
        in_step = match is not None and chinese_number(counters[level - 1]) == match.group(1)
        if level == 1:
            parent_numbered = numbered and in_step
        if numbered and in_step and (level == 1 or parent_numbered):
            body = flat(text)[len(flat(entry["label"])) :].lstrip("、.．")
            paragraph.add_run(body)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>')
            )
        else:
            paragraph.add_run(text)
            if match:
                counters[level - 1] = 99  # numbering out of step with the text: stop numbering this level
    document.save(path)


def convert(files: list[Path], fmt: str, outdir: Path) -> str | None:
    """LibreOffice conversion; None when done, else why not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "LibreOffice (soffice) not installed"
    result = subprocess.run(
        [soffice, "--headless", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
        capture_output=True,
        timeout=600,
    )
    return None if result.returncode == 0 else f"soffice failed: {result.stderr.decode(errors='replace')[:200]}"


def outline_of(path: Path, key: str) -> list[dict]:
    text, how = read_document_text(path)
    return outline_entries(parse_text(text, key, path, how))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", help=f"document short numbers (default: {' '.join(DEFAULT)})")
    parser.add_argument("--keep", type=Path, help="keep the converted files in this folder")
    args = parser.parse_args()
    if not POLICIES.is_dir():
        print(f"skipped: {POLICIES} not found")
        return 0
    shorts = args.only or DEFAULT
    sources = [p for s in shorts for p in sorted(POLICIES.glob(f"{s}_*")) if p.is_file()]
    work = args.keep or Path(tempfile.mkdtemp(prefix="ceyue-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    reference: dict[str, list[dict]] = {}
    for source in sources:
        key = source.stem
        reference[key] = outline_of(source, key)
        text, _ = read_document_text(source)
        write_docx(work / f"{key}.docx", text, reference[key], numbered=False)
        write_docx(work / f"{key}.numbered.docx", text, reference[key], numbered=True)
    styled = [work / f"{s.stem}.docx" for s in sources]
    numbered = [work / f"{s.stem}.numbered.docx" for s in sources]
    why_not = {fmt: convert(styled, fmt, work) for fmt in ("pdf", "doc")}
    why_not["doc-numbering"] = convert(numbered, "doc", work)
    columns = ["docx-styles", "docx-numbering", "pdf", "doc", "doc-numbering"]
    files = {
        "docx-styles": "{key}.docx",
        "docx-numbering": "{key}.numbered.docx",
        "pdf": "{key}.pdf",
        "doc": "{key}.doc",
        "doc-numbering": "{key}.numbered.doc",
    }
    print(f"{'document':<44} {'headings':>8} " + " ".join(f"{c:>14}" for c in columns))
    totals: dict[str, list[float]] = {c: [] for c in columns}
    for source in sources:
        key = source.stem
        want = outline_keys(reference[key])
        cells = []
        for column in columns:
            path = work / files[column].format(key=key)
            if why_not.get(column):
                cells.append("skipped")
                continue
            try:
                got = outline_keys(outline_of(path, key))
            except Exception as exc:  # report and go on
                cells.append(f"error {type(exc).__name__}")
                continue
            score = f1(want, got)
            totals[column].append(score)
            cells.append(f"{score:.3f}")
        print(f"{key:<44} {sum(want.values()):>8} " + " ".join(f"{c:>14}" for c in cells))
    means = [f"{sum(v) / len(v):.3f}" if v else "—" for v in totals.values()]
    print(f"{'mean':<44} {'':>8} " + " ".join(f"{m:>14}" for m in means))
    for fmt, reason in why_not.items():
        if reason:
            print(f"{fmt}: skipped ({reason})")
    print(f"converter for pdf/doc: {'LibreOffice' if not any(why_not.values()) else 'none'}; files in {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
