"""Review reports: marks and notes with clause text and citation, as Markdown, CSV or JSON.

A JSON report can be imported again (onto another machine, or after a reset),
so the export is also the backup format.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from documents.corpus import Corpus, DocumentNotFound
from documents.model import Document, Section
from documents.state.review import ReviewItem, ReviewStore

FIELDS = ("doc", "doc_title", "doc_number", "address", "heading_path", "mark", "note", "text", "changed")


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
            )
        )
    return entries


def to_json(entries: list[ReviewEntry]) -> str:
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2)


def to_csv(entries: list[ReviewEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for e in entries:
        row = asdict(e)
        row["heading_path"] = " › ".join(e.heading_path)
        writer.writerow([row[f] for f in FIELDS])
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
            lines += ["", f"**Note:** {e.note}"]
        lines.append("")
    return "\n".join(lines)


def import_json(store: ReviewStore, text: str) -> int:
    """Load a JSON report back into the store; returns how many entries were applied."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("a review report is a JSON list of entries")
    count = 0
    for row in data:
        item = ReviewItem(
            doc=row["doc"],
            address=row["address"],
            mark=row.get("mark"),
            note=row.get("note") or "",
            text=row.get("text") or "",
            text_hash="",
            updated=0.0,
        )
        if item.mark:
            store.set_mark(item.doc, item.address, item.mark, item.text)
        if item.note:
            store.set_note(item.doc, item.address, item.note, item.text)
        count += 1
    return count
