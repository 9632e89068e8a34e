"""Review marks and notes on clauses, kept in SQLite so nothing is lost.

Each write is its own transaction in WAL mode with full sync: a terminal killed
mid-write loses at most the write in flight, never one already committed.
Marks are keyed by document key and clause address, which survive a re-index;
the clause text at the time of writing is kept so a later change is visible.

Several processes may write at once: each waits for the others (``busy_timeout``)
instead of failing with "database is locked", and a batch (an import) is one
transaction, all or nothing. A database that is not one (damaged) is moved aside
as ``review.sqlite3.corrupt-<time>`` and a new one started; a folder that cannot
be written opens the notes read-only (or none, when there is no file yet). In
both cases :attr:`ReviewStore.message` says so in one line, and browsing goes on;
writing to a read-only store raises :class:`ReviewReadOnly`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from documents.errors import N_, CeyueError, Message
from documents.locations import review_db_path

MARKS = ("reviewed", "flagged", "question")

#: How long a writer waits for another process's transaction before giving up (milliseconds).
BUSY_TIMEOUT_MS = 60_000


class ReviewReadOnly(CeyueError, PermissionError):
    """The notes are open read-only (the data folder cannot be written): nothing was changed."""


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
        self.read_only = False
        self.message: Message | None = None  # one line for the user when the store is not as it should be
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if not self._is_corrupt(exc):
                self._db = self._open_read_only(exc)
                return
            moved = self._move_aside()
            self.message = Message(
                N_("the notes database was damaged ({reason}); moved it to {moved} and started a new one"),
                {"reason": str(exc), "moved": moved.name},
            )
            try:
                self._db = self._open()
            except (sqlite3.DatabaseError, OSError) as again:
                self._db = self._open_read_only(again)
        except OSError as exc:
            self._db = self._open_read_only(exc)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(_SCHEMA)
            check = db.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0] if check else '?'})")
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
        text = str(exc).lower()
        return any(s in text for s in ("not a database", "malformed", "corrupt", "encrypted"))

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 2
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                with contextlib.suppress(OSError):
                    os.replace(side, target.with_name(target.name + suffix))
        return target

    def _open_read_only(self, exc: BaseException) -> sqlite3.Connection:
        """The notes as they are, read-only (an empty store when there is no file to read)."""
        self.read_only = True
        reason = getattr(exc, "strerror", None) or str(exc)
        self.message = Message(
            N_("cannot write notes in {folder} ({reason}): browsing read-only, notes not saved"),
            {"folder": str(self.path.parent), "reason": reason},
        )
        if self.path.exists():
            try:
                db = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
                )
                db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                db.execute("SELECT count(*) FROM review").fetchone()
                db.execute("SELECT count(*) FROM state").fetchone()
                return db
            except sqlite3.DatabaseError:
                pass
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        db.executescript(_SCHEMA)
        return db

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self.write_many([(sql, params)])

    def write_many(self, statements: Iterable[tuple[str, tuple[Any, ...]]]) -> None:
        """Run ``statements`` as one transaction: all of them, or (on any error) none."""
        if self.read_only:
            raise ReviewReadOnly(self.message or N_("the notes are read-only"))
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                for sql, params in statements:
                    self._db.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise ReviewReadOnly(
                    N_("cannot write notes to {path}: {reason}"), path=str(self.path), reason=str(exc)
                ) from exc
            raise

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
        """Remember something for the next start (last document, position, open panels); not when read-only."""
        if self.read_only:
            return
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
