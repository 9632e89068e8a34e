"""Writing marks and notes from the browser: a failure is a message, never a crash."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tui.console.safe import clean_line


def written(widget, write: Callable[[], None], what: str, keep: str = "") -> bool:
    """Run ``write``; when the notes cannot be written (read-only folder, full disk, locked), say so and
    show ``keep`` (the note typed) so nothing typed is lost without a word. True when written."""
    try:
        write()
    except (OSError, sqlite3.Error) as exc:  # ReviewReadOnly is a PermissionError
        kept = f" — your text: {clean_line(keep)[:300]}" if keep.strip() else ""
        widget.notify(f"{what} not saved: {clean_line(exc)}{kept}", severity="error", timeout=30)
        return False
    return True
