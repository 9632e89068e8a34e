"""Converters from one file format each to the plain text our parser reads.

Why a package: every format needs its own library or heuristics, and keeping
them apart lets ``documents.formats.reading`` stay a small dispatcher.  Each module
exposes ``read(data: bytes, name: str) -> tuple[str, str]`` returning
``(text, how)`` and raises :class:`UnreadableDocument` with a one-line
message when the bytes cannot be turned into text.

Shared conventions (what the parser expects, whatever the source format):

* one paragraph per line, paragraphs separated by a blank line;
* a table as the Word-converted "pipe layout": each cell's text on its own
  line(s), a line ``|`` between cells, a line of exactly two spaces after
  each row (see :func:`documents.formats.tables.pipe_layout`).
"""

from __future__ import annotations

from documents.errors import N_, CeyueError

#: The file suffixes ceyue reads (here, not in ``reading``: listing a folder needs no reader).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".ofd", ".doc", ".wps"}
)

#: Messages several readers give (``kind`` is the file type, e.g. ``.docx``; ``detail`` says what broke).
DAMAGED = N_("damaged {kind}: {name} ({detail})")
ENCRYPTED = N_("encrypted {kind}, cannot read: {name}")
NOT_WORD = N_("not a Word-format {kind}: {name} ({detail})")
NO_TEXT = N_("no text in document: {name}")
EMPTY = N_("empty file: {name}")
BINARY = N_("binary file, not a document: {name}{hint}")
UNSUPPORTED = N_("unsupported file type {suffix}: {name}")
UNSUPPORTED_SAVE_AS_DOCX = N_("unsupported file type {suffix}: {name}; save it as .docx")


class UnreadableDocument(CeyueError):
    """A file that cannot be turned into document text.

    ``str(exc)`` is a single line meant for the user, naming the file, e.g.
    ``"empty file: foo.txt"``.  ``documents.formats.reading`` re-exports this class.
    """

    def __init__(self, template: str, /, **params: object) -> None:
        super().__init__(template, **params)
        self.args = (one_line(str(self.message)),)


def one_line(text: str, limit: int = 200) -> str:
    """Collapse ``text`` to one line of at most ``limit`` characters."""
    line = " ".join(str(text).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return line


def reason(exc: BaseException) -> str:
    """A short, one-line description of an exception for use in a message."""
    text = one_line(str(exc), 80)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
