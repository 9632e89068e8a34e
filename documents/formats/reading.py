"""Read a document file of any supported format into the plain text our parser reads.

The text follows the Word-converted conventions of Chinese official documents:
one paragraph per line (blank lines between them), tables in the pipe layout
(see :mod:`documents.formats.tables`).  Plain-text files come back as they are,
decoded and with LF newlines.

    text, how = read_document_text(path)   # how: 'utf-8', 'gb18030', 'docx', 'html', 'pdf', 'ofd', 'doc' …

Every failure — missing, empty, binary, undecodable, damaged, scanned — is an
:class:`UnreadableDocument` whose ``str()`` is one line naming the file.
The content decides over the suffix when they disagree in an unmistakable way
(a PDF, .docx, OFD or OLE .doc saved under another name is read as what it is).
Formats: plain text (.txt/.md), .docx, HTML, PDF, OFD (GB/T 33190) and the
legacy OLE formats .doc (Word 97–2003) and .wps (WPS Office).
"""

from __future__ import annotations

import pathlib

from documents.errors import N_, Message

from . import DAMAGED, EMPTY, SUPPORTED_SUFFIXES, UNSUPPORTED, UNSUPPORTED_SAVE_AS_DOCX, UnreadableDocument, plain

__all__ = ["SUPPORTED_SUFFIXES", "UnreadableDocument", "read_document_text"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _kind(suffix: str, data: bytes, name: str) -> str:
    """Which reader to use: an unmistakable signature first, then the suffix."""
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if suffix == ".ofd" or (suffix != ".docx" and b"OFD.xml" in head and b"word/" not in head):
            return "ofd"
        if suffix == ".docx" or b"word/" in head:
            return "docx"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    if suffix in (".docx", ".ofd"):
        raise UnreadableDocument(
            DAMAGED,
            kind=suffix,
            name=name,
            detail=Message(N_("not a zip archive{hint}"), {"hint": plain.binary_hint(data)}),
        )
    if suffix in (".doc", ".wps"):
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<html", b"<!doctype html", b"mime-version:")) or b"<html" in head[:300]:
            return "html"  # a web page saved as .doc (Word's "Web page" format, often from portals)
        if head.startswith(b"{\\rtf"):
            raise UnreadableDocument(
                N_("an RTF file named {suffix}, not supported: {name}; save it as .docx"), suffix=suffix, name=name
            )
        raise UnreadableDocument(
            DAMAGED,
            kind=suffix,
            name=name,
            detail=Message(N_("not an OLE compound file{hint}"), {"hint": plain.binary_hint(data)}),
        )
    if suffix == ".pdf":
        raise UnreadableDocument(
            DAMAGED,
            kind=".pdf",
            name=name,
            detail=Message(N_("no %PDF header{hint}"), {"hint": plain.binary_hint(data)}),
        )
    return "html" if suffix in (".html", ".htm") else "text"


def read_document_text(path: pathlib.Path) -> tuple[str, str]:
    """Return (text, how) where `how` names the encoding or format, e.g. 'utf-8', 'utf-8-sig', 'gb18030', 'docx', 'html', 'pdf', 'ofd', 'doc'.

    Raises :class:`UnreadableDocument` (one-line message naming the file) for
    anything that is not a readable document, including a missing file and an
    unsupported suffix.
    """
    path = pathlib.Path(path)
    name = path.name or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        template = UNSUPPORTED_SAVE_AS_DOCX if suffix in (".rtf", ".wpt", ".dot") else UNSUPPORTED
        raise UnreadableDocument(template, suffix=suffix or Message(N_("(no suffix)")), name=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(
            N_("cannot open {name}: {reason}"), name=name, reason=exc.strerror or str(exc)
        ) from exc
    if not data.strip():
        raise UnreadableDocument(EMPTY, name=name)

    kind = _kind(suffix, data, name)
    if kind == "docx":
        from . import word

        return word.read(data, name)
    if kind == "html":
        from . import webpage

        return webpage.read(data, name)
    if kind == "pdf":
        from . import pdf

        return pdf.read(data, name)
    if kind == "ofd":
        from . import ofd

        return ofd.read(data, name)
    if kind == "doc":
        from . import legacy_word

        return legacy_word.read(data, name)
    return plain.read(data, name)
