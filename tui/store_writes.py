"""Writing marks and notes from the browser: a failure is a message, never a crash."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tui.console.safe import clean_line
from tui.i18n import _, explain


def written(widget, write: Callable[[], None], what: str, keep: str = "") -> bool:
    """Run ``write``; when the notes cannot be written (read-only folder, full disk, locked), say so and
    show ``keep`` (the note typed) so nothing typed is lost without a word. True when written."""
    try:
        write()
    except (OSError, sqlite3.Error) as exc:  # ReviewReadOnly is a PermissionError
        kept = " — " + _("your text: {text}").format(text=clean_line(keep)[:300]) if keep.strip() else ""
        message = _("{what} not saved: {reason}").format(what=what, reason=clean_line(explain(exc)))
        widget.notify(message + kept, severity="error", timeout=30)
        return False
    return True
