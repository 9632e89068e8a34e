"""Conversion noise: what Word/Markdown conversion adds that is not the document's text.

Noise is bold markers (runs of two or more ``*``), Markdown heading hashes and
list bullets at the start of a line, HTML comments, table pipes and ``---``
header rules, and whitespace (including the full-width indentation U+3000).
A single ``*`` is content: 专栏 tables use it to mark parks.
"""

from __future__ import annotations

import re

BOLD_RE = re.compile(r"\*{2,}")
_LINE_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s*|[-+]\s+(?=\S))")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TABLE_RULE_RE = re.compile(r"^\s*-{3,}(\s*\|\s*-{3,})*\s*$", re.M)
_SPACE_RE = re.compile(r"\s+")
#: What a Markdown prefix (_LINE_PREFIX_RE) starts with after the line's leading space.
_PREFIX_STARTS = frozenset("#-+")


def clean_inline(line: str) -> str:
    """A line with bold markers, Markdown prefixes and surrounding space removed."""
    if "**" not in line and line.lstrip()[:1] not in _PREFIX_STARTS:
        # Most lines hold neither (three regex passes each took a third of scanning a 法规汇编).
        return line.strip().strip("\u3000\ufeff").strip()
    line = _LINE_PREFIX_RE.sub("", line)
    line = BOLD_RE.sub("", line)
    line = _LINE_PREFIX_RE.sub("", line)
    return line.strip().strip("\u3000\ufeff").strip()


def bold_prefix_end(line: str) -> int | None:
    """Where a bold run that opens ``line`` ends, in the cleaned line's characters.

    ``**1·全球市场需求结构此消彼长。**受国际…`` marks its heading in bold; the
    offset tells the parser where the heading stops and the body begins.
    Returns None if the line does not open in bold or stays bold to its end.
    """
    if "**" not in line:
        return None
    stripped = _LINE_PREFIX_RE.sub("", line).lstrip().lstrip("\u3000")
    if not stripped.startswith("**"):
        return None
    markers = list(BOLD_RE.finditer(stripped))
    if len(markers) < 2:
        return None
    last = markers[-1]
    if not stripped[last.end() :].strip():
        return None
    head = BOLD_RE.sub("", stripped[: last.start()])
    return len(head.strip())


def squash(text: str) -> str:
    """The text with all noise and whitespace removed, for lossless comparison."""
    # lines as the parser cuts them (a lone \r ends a line: "-\r0" is a dash line, not a "- 0" bullet)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT_RE.sub("", text)
    text = _TABLE_RULE_RE.sub("", text)
    lines = [_LINE_PREFIX_RE.sub("", line) for line in text.split("\n")]
    text = "\n".join(lines)
    text = BOLD_RE.sub("", text)
    text = text.replace("|", "").replace("\ufeff", "")  # a byte-order mark is invisible, like whitespace
    return _SPACE_RE.sub("", text)


def strip_comments(text: str) -> str:
    """Remove HTML comments (``<!-- INFO END -->`` in Markdown law texts), keeping line count."""
    return _COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
