"""Text from outside ceyue made safe to print: the one function every terminal string passes through.

Documents, file names, queries and notes are data. Before any of it reaches a
terminal (the command line or the browser) it goes through :func:`clean`:

* control characters other than newline and tab become visible symbols, one
  character for one, so offsets (search highlights) still line up: C0 codes
  as their Unicode control pictures (ESC → ␛, BEL → ␇, CR → ␍), DEL as ␡,
  and C1 codes (U+0080–U+009F, which some terminals read as ESC + letter,
  e.g. U+009B as CSI) and lone surrogates (undecodable bytes of a file name) as U+FFFD;
* it is never read as Rich markup (``[/bold]``, ``[a]``) nor as an emoji code
  (``:x:``): use :func:`safe_text` for a :class:`rich.text.Text`, or
  :func:`markup` to splice the string into markup of our own, and print with
  :func:`console`, which turns emoji codes and auto-highlighting off.

This module imports Rich only, never Textual, so the command line and the
browser share it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

from rich import control as rich_control
from rich import text as rich_text
from rich.console import Console
from rich.style import Style
from rich.text import Text

_KEEP = {0x0A, 0x09}  # newline, tab
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in _KEEP}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Lone surrogates (bytes of a non-UTF-8 file name or argument, as Python decodes them) cannot be printed.
_TABLE.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
#: What the last line of defence (the browser's line filter) drops: width-neutral, as Rich measures them as 0 cells.
_DROP = {code: None for code in _TABLE}


def _character_class(codes: Iterable[int]) -> str:
    """A regular expression's class of ``codes`` as ranges (``[a-cx-z]``).

    Written out one character at a time, :data:`_DROP`'s 2,100 were compiled at every start, before
    the first frame: ~9 ms of CPU (load 6); as its four ranges, under 1 ms.
    """
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


#: Any character :data:`_DROP` removes (and :data:`_TABLE` replaces).
_CONTROL = re.compile(_character_class(_DROP))


def clean(text: object) -> str:
    """``text`` (any object, str() taken) with every control character but newline and tab made visible.

    Text without one (nearly all) is returned as it is after one scan in C: ``str.translate`` with a
    table looks every character of CJK text up in a dictionary, ~40 µs for a 135-character snippet
    against ~3 µs for the scan, and the search view cleans a hundred snippets and titles per search.
    """
    text = str(text)
    return text if _CONTROL.search(text) is None else text.translate(_TABLE)


def clean_line(text: object) -> str:
    """:func:`clean`, then newlines and tabs as spaces: for one-line places (titles, list rows, messages)."""
    return clean(text).replace("\n", " ").replace("\t", " ")


#: The control codes Rich strips from every text it is given (BEL, BS, VT, FF, CR).
_RICH_STRIPPED = re.compile(_character_class(rich_control.STRIP_CONTROL_CODES))


def _strip_control_codes(text: str, _translate_table: dict[int, None] = rich_control._CONTROL_STRIP_TRANSLATE) -> str:
    """``rich.control.strip_control_codes``, the same string, without a copy when there is none to strip."""
    return text if _RICH_STRIPPED.search(text) is None else text.translate(_translate_table)


def quick_rich_text() -> None:
    """Have Rich's texts strip control codes after one scan in C, not a table look-up per character.

    Every ``Text(…)`` and ``Text.append`` runs Rich's ``strip_control_codes``, a ``str.translate``: ~40 µs
    for a 135-character line of CJK text. A search's hundred hits are made of ~500 of them, and the
    snippets are split into lines as texts again: ~150k calls over 70 queries typed on the laws,
    a tenth of the time the search view spent showing results (cProfile).
    """
    rich_text.strip_control_codes = _strip_control_codes


def has_controls(text: str) -> bool:
    """Whether :func:`strip_controls` would change ``text`` (one scan, nothing made)."""
    return _CONTROL.search(text) is not None


def strip_controls(text: str) -> str:
    """Control characters removed outright (for text already laid out, where a visible symbol would add a cell)."""
    return text.translate(_DROP)


def safe_text(text: object, style: str | Style = "", **kwargs: Any) -> Text:
    """A Rich :class:`Text` of :func:`clean` ``text``: never markup, never emoji."""
    return Text(clean(text), style=style, **kwargs)


def markup(text: object) -> str:
    """:func:`clean` ``text`` escaped for splicing into Rich markup that ceyue itself writes.

    Print the result with markup on but emoji off (see :func:`console`), or
    through ``Text.from_markup(..., emoji=False)``.
    """
    return _BRACKETS.sub(_escape_brackets, clean(text))


# A run of backslashes and what follows it: a tag-like [..] (as Rich reads tags), a lone [, or the very
# end (\Z: $ would also match before a final newline), where ceyue's own closing tag follows.
# rich.markup.escape misses the last two: "\\[" loses its backslash, and "\\\\" before "[/]" loses one.
_BRACKETS = re.compile(r"(\\*)(\[(?:[a-z#/@][^\[]*?\])?|\Z)")


def _escape_brackets(match: re.Match[str]) -> str:
    backslashes, what = match.groups()
    if not what:  # the end: an even run stays literal before the tag that follows
        return backslashes * 2
    if what == "[":  # Rich turns \[ into [ in plain text: one more backslash keeps them all
        return backslashes + "\\["
    return backslashes * 2 + "\\" + what  # an escaped tag, its backslashes doubled


def console(*, stderr: bool = False, **kwargs: Any) -> Console:
    """A Rich console that never renders emoji codes or highlights numbers in data."""
    kwargs.setdefault("emoji", False)
    kwargs.setdefault("highlight", False)
    return Console(stderr=stderr, **kwargs)


def message(text: object) -> str:
    """A one-line message for stderr, with everything echoed from outside made visible."""
    return clean_line(text)


def eprint(text: object) -> None:
    """Print ``ceyue: text`` on stderr, cleaned."""
    print(f"ceyue: {message(text)}", file=sys.stderr)
