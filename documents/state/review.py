"""Review marks and notes on clauses, kept in SQLite so nothing is lost.

Each write is its own transaction in WAL mode with full sync: a terminal killed
mid-write loses at most the write in flight, never one already committed.
Marks are keyed by document key and clause address, which survive a re-index;
the clause text at the time of writing is kept so a later change is visible.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from documents.locations import review_db_path

MARKS = ("reviewed", "flagged", "question")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS review (
    doc TEXT NOT NULL,
    address TEXT NOT NULL,
    mark TEXT,
    note TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    text_hash TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL,
    PRIMARY KEY (doc, address)
);
CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReviewItem:
    """A mark and/or note on one clause, with the clause text as it was when written."""

    doc: str
    address: str
    mark: str | None
    note: str
    text: str
    text_hash: str
    updated: float

    def changed(self, current_text: str | None) -> bool:
        """Whether the clause now reads differently (or is gone) since the note was written."""
        return current_text is None or text_hash(current_text) != self.text_hash


class ReviewStore:
    """Marks, notes and the last reading position, in one SQLite file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or review_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(sql, params)

    def set_mark(self, doc: str, address: str, mark: str | None, text: str) -> None:
        """Mark a clause (``reviewed``/``flagged``/``question``) or clear the mark with None."""
        if mark is not None and mark not in MARKS:
            raise ValueError(f"unknown mark {mark!r}; use one of {', '.join(MARKS)}")
        self._write(
            """INSERT INTO review (doc, address, mark, text, text_hash, updated) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (doc, address) DO UPDATE SET mark = excluded.mark, text = excluded.text,
               text_hash = excluded.text_hash, updated = excluded.updated""",
            (doc, address, mark, text, text_hash(text), time.time()),
        )
        self._drop_if_empty(doc, address)

    def set_note(self, doc: str, address: str, note: str, text: str) -> None:
        """Attach a note to a clause (an empty note removes it)."""
        self._write(
            """INSERT INTO review (doc, address, note, text, text_hash, updated) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (doc, address) DO UPDATE SET note = excluded.note, text = excluded.text,
               text_hash = excluded.text_hash, updated = excluded.updated""",
            (doc, address, note.strip(), text, text_hash(text), time.time()),
        )
        self._drop_if_empty(doc, address)

    def _drop_if_empty(self, doc: str, address: str) -> None:
        self._write("DELETE FROM review WHERE doc = ? AND address = ? AND mark IS NULL AND note = ''", (doc, address))

    def get(self, doc: str, address: str) -> ReviewItem | None:
        row = self._db.execute(
            "SELECT doc, address, mark, note, text, text_hash, updated FROM review WHERE doc = ? AND address = ?",
            (doc, address),
        ).fetchone()
        return ReviewItem(*row) if row else None

    def items(self, doc: str | None = None) -> list[ReviewItem]:
        """Every mark and note (of one document), by document then time written."""
        sql = "SELECT doc, address, mark, note, text, text_hash, updated FROM review"
        params: tuple[Any, ...] = ()
        if doc is not None:
            sql += " WHERE doc = ?"
            params = (doc,)
        rows = self._db.execute(sql + " ORDER BY doc, updated", params).fetchall()
        return [ReviewItem(*row) for row in rows]

    def save_state(self, key: str, value: Any) -> None:
        """Remember something for the next start (last document, position, open panels)."""
        self._write(
            "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def load_state(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            return default
