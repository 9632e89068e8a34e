"""Review reports: marks and notes with clause text and citation, as Markdown, CSV, JSON, Word or Excel.

A JSON report can be imported again (onto another machine, or after a reset),
so the export is also the backup format: each entry carries the clause text the
note was written on (``noted_text``) and when (``updated``), so export → import
→ export gives the same report, the "changed" state included. An import is
checked whole before anything is written, then written in one transaction.

A note's lines are kept in every format: an indented block in Markdown,
quoted newlines in CSV, paragraphs in Word.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, or a
tab or carriage return) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from documents.corpus import Corpus, DocumentNotFound
from documents.model import Document, Section
from documents.state.review import MARKS, ReviewStore, text_hash

FIELDS = (
    "doc",
    "doc_title",
    "doc_number",
    "address",
    "heading_path",
    "mark",
    "note",
    "text",
    "changed",
    "noted_text",
    "updated",
)


class ReviewImportError(ValueError):
    """A review report that cannot be imported; the message names the entry and the problem."""


@dataclass
class ReviewEntry:
    doc: str
    doc_title: str
    doc_number: str
    address: str
    heading_path: list[str]
    mark: str | None
    note: str
    text: str
    changed: bool
    noted_text: str = ""  # the clause text when the mark or note was written
    updated: float = 0.0  # when it was written (seconds since the epoch)

    @property
    def citation(self) -> str:
        parts = [f"《{self.doc_title}》"]
        if self.doc_number:
            parts.append(f"（{self.doc_number}）")
        if self.heading_path:
            parts.append(" " + " › ".join(self.heading_path))
        return "".join(parts)


def _current_text(document: Document | None, address: str) -> tuple[str | None, list[str]]:
    if document is None:
        return None, []
    node = document.find(address)
    if node is None:
        return None, []
    section = node if isinstance(node, Section) else document.section_of(address)
    if isinstance(node, Section):
        text = "\n".join(b.text for b in node.blocks[:1]) if node.blocks else node.title
    else:
        text = node.text
    return text, document.heading_path(section) if section else []


def clause_text_for(document: Document, address: str) -> str:
    """The text a mark on ``address`` is about (the clause, or a section's first block)."""
    text, _ = _current_text(document, address)
    return text or ""


def review_entries(store: ReviewStore, corpus: Corpus, doc: str | None = None) -> list[ReviewEntry]:
    entries: list[ReviewEntry] = []
    for item in store.items(doc):
        try:
            document = corpus.get(item.doc)
        except DocumentNotFound:
            document = None
        current, path = _current_text(document, item.address)
        entries.append(
            ReviewEntry(
                doc=item.doc,
                doc_title=document.title if document else item.doc,
                doc_number=(document.meta.doc_number or "") if document else "",
                address=item.address,
                heading_path=path,
                mark=item.mark,
                note=item.note,
                text=current if current is not None else item.text,
                changed=item.changed(current),
                noted_text=item.text,
                updated=item.updated,
            )
        )
    return entries


#: What the review panel may show: every entry, one mark, the noted ones, or those whose clause changed since.
VIEWS = ("all", "flagged", "question", "reviewed", "noted", "changed")


def in_view(entry: ReviewEntry, view: str) -> bool:
    """Whether ``entry`` is one ``view`` (one of :data:`VIEWS`) shows."""
    if view == "noted":
        return bool(entry.note)
    if view == "changed":
        return entry.changed
    return view not in MARKS or entry.mark == view


def to_json(entries: list[ReviewEntry]) -> str:
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2)


def to_csv(entries: list[ReviewEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for e in entries:
        row = asdict(e)
        row["heading_path"] = " › ".join(e.heading_path)
        writer.writerow([csv_cell(row[f]) for f in FIELDS])
    return out.getvalue()


def to_markdown(entries: list[ReviewEntry]) -> str:
    lines = ["# 审阅记录 Review", ""]
    current_doc = None
    for e in entries:
        if e.doc != current_doc:
            current_doc = e.doc
            lines += [f"## {e.doc_title}" + (f"（{e.doc_number}）" if e.doc_number else ""), ""]
        flag = f" **[{e.mark}]**" if e.mark else ""
        changed = " _(clause changed since the note was written)_" if e.changed else ""
        lines.append(f"### `{e.address}`{flag}{changed}")
        lines.append("")
        lines.append(f"> {e.text}".replace("\n", "\n> "))
        lines.append("")
        lines.append(f"— {e.citation}")
        if e.note:
            lines += ["", "**Note:**", "", *note_lines(e.note, "    ")]
        lines.append("")
    return "\n".join(lines)


def note_lines(note: str, indent: str) -> list[str]:
    """A note's lines, each after ``indent`` (an indented Markdown block keeps every line as written)."""
    return [indent + line if line.strip() else "" for line in note.splitlines()]


#: The formats a review report is written in, by file suffix.
FORMATS = ("md", "csv", "json", "docx", "xlsx")


def write_review(entries: list[ReviewEntry], path: Path, fmt: str) -> Path:
    """Write ``entries`` to ``path`` as ``fmt`` (one of :data:`FORMATS`); returns the path written.

    Word gets a heading and a table per document; Excel one table with the citation in each row.
    """
    if fmt not in FORMATS:
        raise ValueError(f"cannot write '{path.name}': the format must be one of {', '.join(FORMATS)}")
    if fmt in ("docx", "xlsx"):
        from documents.export.builders import review_report
        from documents.export.writers import write_report

        return write_report(review_report(entries, by_document=fmt == "docx"), path, fmt)
    text = {"md": to_markdown, "csv": to_csv, "json": to_json}[fmt](entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="")
    return path


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ (or tab, carriage return) gets a ' before it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _check_entry(number: int, row) -> tuple:
    """One report entry as (doc, address, mark, note, noted text, updated); ReviewImportError naming it if wrong."""
    if not isinstance(row, dict):
        raise ReviewImportError(f"entry {number}: expected an object with doc, address, mark, note, not {_kind(row)}")
    where = f"entry {number}"
    for name in ("doc", "address"):
        value = row.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ReviewImportError(f"{where}: '{name}' must be a non-empty string, not {_kind(value)}")
    where = f"entry {number} ({row['doc']} {row['address']})"
    mark = row.get("mark")
    if mark is not None and mark not in MARKS:
        raise ReviewImportError(f"{where}: 'mark' must be one of {', '.join(MARKS)} or null, not {mark!r}"[:300])
    for name in ("note", "text", "noted_text"):
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise ReviewImportError(f"{where}: '{name}' must be a string, not {_kind(value)}")
    updated = row.get("updated")
    if updated is not None and (isinstance(updated, bool) or not isinstance(updated, int | float) or updated < 0):
        raise ReviewImportError(f"{where}: 'updated' must be a time in seconds, not {_kind(updated)}")
    noted = row.get("noted_text")
    if noted is None:  # a report from before noted_text: the clause text it carries
        noted = row.get("text") or ""
    return row["doc"], row["address"], mark, row.get("note") or "", noted, updated


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


_IMPORT = """INSERT INTO review (doc, address, mark, note, text, text_hash, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (doc, address) DO UPDATE SET
   mark = COALESCE(excluded.mark, review.mark),
   note = CASE WHEN excluded.note != '' THEN excluded.note ELSE review.note END,
   text = excluded.text, text_hash = excluded.text_hash, updated = excluded.updated"""


def import_json(store: ReviewStore, text: str) -> int:
    """Load a JSON report back into the store, all entries or none; returns how many were applied.

    Raises :class:`ReviewImportError` (a ValueError) naming the first bad entry before anything is written.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReviewImportError(f"not JSON: {exc}") from None
    if not isinstance(data, list):
        raise ReviewImportError(f"a review report is a JSON list of entries, not {_kind(data)}")
    entries = [_check_entry(number, row) for number, row in enumerate(data, start=1)]
    now = time.time()
    statements = [
        (_IMPORT, (doc, address, mark, note, noted, text_hash(noted), now if updated is None else float(updated)))
        for doc, address, mark, note, noted, updated in entries
        if mark is not None or note
    ]
    store.write_many(statements)
    return len(entries)
