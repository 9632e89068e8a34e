"""Writing records into a Whoosh index (the only code that segments document text)."""

from __future__ import annotations

import json

from index.records import Record, searchable_path


def record_fields(record: Record) -> dict:
    """The Whoosh document for one record."""
    return {
        "doc": record.doc,
        "doc_short": record.doc_short,
        "doc_title": record.doc_title,
        "address": record.address,
        "kind": record.kind,
        "heading_path": searchable_path(record.heading_path),
        "text": record.text,
        "years": ",".join(record.years),
        "agencies": ",".join(record.agencies),
        "zones": ",".join(record.zones),
        "meta": json.dumps(
            {"path": record.heading_path, "row": record.row, "seq": record.seq, "line": record.line},
            ensure_ascii=False,
        ),
        "_boost": record.boost,
    }


def add_records(writer, records: list[Record]) -> None:
    for record in records:
        writer.add_document(**record_fields(record))
