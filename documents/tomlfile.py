"""Reading a user's TOML file: one home for turning a TOML error into one line that names the line.

The keymap and the settings file both come through here, so a typo in either
is reported the same way (``line 3: TOML error: …``) and the defaults stay.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from documents.errors import N_, CeyueError, Message


class TomlFileError(CeyueError):
    """A user file that cannot be used; the message is one line."""


TOML_ERROR_AT = N_("line {line}: TOML error: {reason}")


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML ``text`` as a dict; raises TomlFileError saying on which line it breaks."""
    import tomllib  # only when a user file exists: the browser's start reads none

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        if m:
            raise TomlFileError(TOML_ERROR_AT, line=int(m.group(1)), reason=message[: m.start()].strip()) from None
        m = re.search(r"\(at end of document\)", message)
        if m:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
            reason = message[: m.start()].strip()
            raise TomlFileError(
                N_("line {line}: TOML error: {reason} at end of file"), line=line, reason=reason
            ) from None
        raise TomlFileError(N_("TOML error: {reason}"), reason=message) from None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of the TOML file at ``path`` (to find lines in) and its data; raises TomlFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlFileError(N_("cannot read ({reason})"), reason=str(exc)) from None
    return text, parse_toml(text)


def at_line(text: str, name: str, template: str, /, **params: object) -> Message:
    """The problem ``template`` about key ``name``, prefixed with ``line N: `` for the line of ``text`` that
    sets it (as is when that line cannot be found)."""
    problem = Message(template, params)
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*=", re.M)  # [ \t]: never across a line
    m = pattern.search(text)
    if not m:
        return problem
    return Message(N_("line {line}: {problem}"), {"line": text.count("\n", 0, m.start()) + 1, "problem": problem})
