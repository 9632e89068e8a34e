"""Bookmarks: places in the corpus a reader wants back, kept in the user data folder."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from documents.errors import N_, Message
from documents.locations import bookmarks_path


@dataclass
class Bookmark:
    doc: str
    address: str
    doc_title: str = ""
    heading: str = ""
    excerpt: str = ""
    created: str = ""


class BookmarkStore:
    """A JSON file of bookmarks; written whole on every change (it is small)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or bookmarks_path()
        self.bookmarks: list[Bookmark] = []
        self.error: Message | None = None
        self.load()

    def load(self) -> None:
        self.bookmarks = []
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            fields = set(Bookmark.__dataclass_fields__)
            self.bookmarks = [
                Bookmark(**{k: str(v) for k, v in item.items() if k in fields})
                for item in data.get("bookmarks", [])
                if isinstance(item, dict) and item.get("doc") and item.get("address")
            ]
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            self.error = Message(
                N_("bookmarks {path}: cannot read ({reason}); starting empty"),
                {"path": str(self.path), "reason": str(exc)},
            )

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps(
                {"version": 1, "bookmarks": [asdict(b) for b in self.bookmarks]},
                ensure_ascii=False,
                indent=1,
            )
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".bookmarks.", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, self.path)
        except OSError as exc:
            self.error = Message(
                N_("bookmarks {path}: cannot save ({reason})"), {"path": str(self.path), "reason": str(exc)}
            )
            raise

    def find(self, doc: str, address: str) -> Bookmark | None:
        for bookmark in self.bookmarks:
            if bookmark.doc == doc and bookmark.address == address:
                return bookmark
        return None

    def addresses(self, doc: str) -> set[str]:
        return {b.address for b in self.bookmarks if b.doc == doc}

    def toggle(self, bookmark: Bookmark) -> bool:
        """Add ``bookmark``, or remove the one at the same place; True if it was added."""
        existing = self.find(bookmark.doc, bookmark.address)
        if existing:
            self.bookmarks.remove(existing)
            self.save()
            return False
        if not bookmark.created:
            bookmark.created = datetime.now().isoformat(timespec="seconds")
        self.bookmarks.append(bookmark)
        self.save()
        return True

    def remove(self, doc: str, address: str) -> None:
        existing = self.find(doc, address)
        if existing:
            self.bookmarks.remove(existing)
            self.save()
