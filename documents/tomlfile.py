"""Reading a user's TOML file: one home for turning a TOML error into one line that names the line.

The keymap and the settings file both come through here, so a typo in either
is reported the same way (``line 3: TOML error: …``) and the defaults stay.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any


class TomlFileError(Exception):
    """A user file that cannot be used; the message is one line."""


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML ``text`` as a dict; raises TomlFileError saying on which line it breaks."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        if m:
            raise TomlFileError(f"line {m.group(1)}: TOML error: {message[: m.start()].strip()}") from None
        m = re.search(r"\(at end of document\)", message)
        if m:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
            raise TomlFileError(f"line {line}: TOML error: {message[: m.start()].strip()} at end of file") from None
        raise TomlFileError(f"TOML error: {message}") from None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of the TOML file at ``path`` (to find lines in) and its data; raises TomlFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlFileError(f"cannot read ({exc})") from None
    return text, parse_toml(text)


def line_of(text: str, name: str) -> str:
    """``line N: `` for the line where key ``name`` is set in ``text``, or "" when it cannot be found."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*=", re.M)  # [ \t]: never across a line
    m = pattern.search(text)
    if not m:
        return ""
    return f"line {text.count(chr(10), 0, m.start()) + 1}: "
