"""The stable JSON forms of a document's outline, tables and metadata.

One home for what ``ceyue outline/tables/meta --json`` print, so the CLI, the
benchmarks and any script agree. ``level`` is the numbering tier the document
uses (一、 = 1, （一） = 2, 1. = 3 … with 第X章 above 一、 where both occur);
``depth`` is how deep the section sits in the tree; ``text`` is the whole
heading, never clipped.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from documents.model import Document


def outline_entries(document: Document) -> list[dict[str, Any]]:
    """Every numbered or titled heading; an appended document's container (附件1) is not one."""
    return [
        {
            "level": s.tier or s.level,
            "depth": s.level,
            "label": s.label,
            "text": s.heading_text,
            "address": s.address,
        }
        for s in document.sections()
        if s.style != "attachment"
    ]


def table_entries(document: Document) -> list[dict[str, Any]]:
    return [
        {
            "label": t.label,
            "caption": t.caption,
            "columns": t.columns,
            "rows": t.rows,
            "notes": t.notes,
            "address": t.address,
        }
        for t in document.tables()
    ]


def meta_entry(document: Document) -> dict[str, Any]:
    meta = asdict(document.meta)
    meta["attachments"] = [asdict(a) for a in document.attachments]
    meta["key"] = document.key
    meta["path"] = str(document.path)
    return meta
