"""Legacy Word .doc (Word 97–2003) and WPS Office .wps: the text of the WordDocument stream.

Why olefile (a dependency) and our own piece-table reader: olefile is the
long-maintained pure-Python reader of OLE compound files (BSD); no maintained
pure-Python package extracts Word 97 text properly (legacy-doc guesses where
the piece table is by scanning bytes and keeps field codes; antiword and
catdoc are C programs that may not be installed).  The format is documented
([MS-DOC]): the FIB at the start of the WordDocument stream says which table
stream (0Table/1Table) holds the CLX and how long the main text is; the CLX's
piece table maps character positions to 8-bit (cp1252) or UTF-16 runs of the
WordDocument stream.  WPS Office writes .wps in the same layout.

The text is then turned into our conventions: paragraph marks (``\\r``) and
page/section breaks end paragraphs, ``\\v`` is a line break inside one, field
instructions (``HYPERLINK …``, ``PAGE``) are dropped and their results kept,
and table cells (ending in ``\\x07``) become the pipe layout.  Automatic list
numbering is not rendered (typed 一、/（一） numbers are ordinary text).
Word 6/95 files (and WPS 2000 ones written that way) without a piece table
are read as their single run of 8-bit text (GB18030 when it is not ASCII).
"""

from __future__ import annotations

import io
import struct

from documents.errors import N_, Message

from . import DAMAGED, ENCRYPTED, NO_TEXT, NOT_WORD, UnreadableDocument, reason
from .tables import join_blocks, pipe_layout

_WORD97_IDENT = 0xA5EC
_MAX_STREAM = 256 * 1024 * 1024

# Characters with a special meaning in Word's text stream.
_PARAGRAPH_ENDS = "\r\x0c"  # paragraph mark, page / section break
_CELL_END = "\x07"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_DROP = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
_REPLACE = {ord("\x0b"): "\n", ord("\x1e"): "-", ord("\xa0"): " "}


class _Broken(Exception):
    """The file's structure does not hold together."""


def _u16(data: bytes, offset: int) -> int:
    if offset + 2 > len(data):
        raise _Broken("FIB cut short")
    return int(struct.unpack_from("<H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    if offset + 4 > len(data):
        raise _Broken("FIB cut short")
    return int(struct.unpack_from("<I", data, offset)[0])


def _decode_8bit(raw: bytes) -> str:
    """Compressed piece text: Windows-1252 ([MS-DOC] 2.4.1)."""
    return raw.decode("cp1252", errors="replace")


def _fib(word: bytes) -> dict[str, int]:
    """The FIB fields we need, with offsets computed from its own counts."""
    fib = {"ident": _u16(word, 0), "nfib": _u16(word, 2), "flags": _u16(word, 0x0A)}
    fib["fc_min"], fib["fc_mac"] = _u32(word, 0x18), _u32(word, 0x1C)
    if fib["nfib"] < 0xC1:  # Word 6/95: another FIB layout; only the text range is used
        fib["ccp_text"] = fib["lcb_clx"] = 0
        return fib
    csw = _u16(word, 0x20)
    lw_at = 0x22 + 2 * csw
    cslw = _u16(word, lw_at)
    rg_lw = lw_at + 2
    fib["ccp_text"] = _u32(word, rg_lw + 12) if cslw > 3 else 0
    fc_lcb_at = rg_lw + 4 * cslw
    count = _u16(word, fc_lcb_at)
    blob = fc_lcb_at + 2
    for name, index in (("stshf", 1), ("bte_papx", 13), ("clx", 33), ("lst", 73), ("lfo", 74)):
        if count > index:
            fib[f"fc_{name}"], fib[f"lcb_{name}"] = _u32(word, blob + index * 8), _u32(word, blob + index * 8 + 4)
        else:
            fib[f"fc_{name}"] = fib[f"lcb_{name}"] = 0
    return fib


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: ``(cp_start, cp_end, byte offset, compressed)`` per piece."""
    clx = table[fc_clx : fc_clx + lcb_clx]
    if len(clx) != lcb_clx or not clx:
        raise _Broken("piece table outside the table stream")
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(size, 0)
    if at >= len(clx) or clx[at] != 0x02:
        raise _Broken("no piece table in the CLX")
    (lcb,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + lcb]
    if len(plc) != lcb or lcb < 16 or (lcb - 4) % 12:
        raise _Broken("piece table has a wrong size")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces = []
    for i in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], offset, compressed))
    return pieces


def _text97(word: bytes, table: bytes, fib: dict[str, int]) -> str:
    """The main document's characters, CP 0 up to ccpText, with list numbers put in."""
    end_cp = fib["ccp_text"]
    pieces = _pieces(table, fib["fc_clx"], fib["lcb_clx"])
    text = _piece_text(word, pieces, end_cp)
    try:
        from .legacy_word_lists import number_paragraphs

        return number_paragraphs(text, word, table, fib, pieces)
    except (_Broken, struct.error, IndexError, ValueError):
        return text  # numbering is a nicety: text without it beats no text


def _piece_text(word: bytes, pieces: list[tuple[int, int, int, bool]], end_cp: int) -> str:
    parts: list[str] = []
    for cp_start, cp_end, offset, compressed in pieces:
        if cp_start >= end_cp:
            break
        count = min(cp_end, end_cp) - cp_start
        if count <= 0:
            continue
        width = 1 if compressed else 2
        raw = word[offset : offset + count * width]
        if len(raw) != count * width:
            raise _Broken("piece points past the end of the WordDocument stream")
        parts.append(_decode_8bit(raw) if compressed else raw.decode("utf-16-le", errors="replace"))
    return "".join(parts)


def _text_old(word: bytes, fib: dict[str, int]) -> str:
    """Word 6/95: one run of 8-bit text between fcMin and fcMac."""
    if fib["flags"] & 0x0004:  # fComplex: fast-saved, text in pieces
        raise _Broken("fast-saved Word 6/95 file; save it again as .docx")
    raw = word[fib["fc_min"] : fib["fc_mac"]]
    if not raw or fib["fc_mac"] > len(word):
        raise _Broken("no text range")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _strip_fields(text: str) -> str:
    """Keep each field's result, drop its instruction (fields nest)."""
    if _FIELD_BEGIN not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: are we in its result part?
    for char in text:
        if char == _FIELD_BEGIN:
            stack.append(False)
        elif char == _FIELD_SEPARATOR and stack:
            stack[-1] = True
        elif char == _FIELD_END and stack:
            stack.pop()
        elif all(stack):
            out.append(char)
    return "".join(out)


def _segments(text: str) -> list[tuple[str, str]]:
    """``(text, end)`` for each paragraph or cell, end being ``\\r`` or ``\\x07``."""
    out: list[tuple[str, str]] = []
    start = 0
    for i, char in enumerate(text):
        if char in _PARAGRAPH_ENDS or char == _CELL_END:
            out.append((text[start:i], _CELL_END if char == _CELL_END else "\r"))
            start = i + 1
    if text[start:].strip():
        out.append((text[start:], "\r"))
    return out


def _clean(text: str) -> list[str]:
    lines = text.translate(_DROP).translate(_REPLACE).split("\n")
    return [line.strip() for line in lines if line.strip()]


def _blocks(text: str) -> list[tuple[bool, list[str]]]:
    """Paragraph and table blocks; a table is a run of cells ending in ``\\x07``.

    In the text a row is its cells, each ending in ``\\x07``, and one more
    ``\\x07`` closing the row.  The first row's cell count (cells up to the
    first empty one) is taken as the width of the table.
    """
    blocks: list[tuple[bool, list[str]]] = []
    segments = _segments(text)
    i = 0
    while i < len(segments):
        body, end = segments[i]
        if end != _CELL_END:
            lines = _clean(body)
            if lines:
                blocks.append((False, lines))
            i += 1
            continue
        items: list[list[str]] = []  # the table's cells in order, row-end marks as empty cells
        pending: list[str] = []
        while i < len(segments) and (segments[i][1] == _CELL_END or _inside_table(segments, i)):
            body, end = segments[i]
            pending.extend(_clean(body))
            if end == _CELL_END:
                items.append(pending)
                pending = []
            i += 1
        width = next((k for k, cell in enumerate(items) if not cell), len(items)) or 1
        rows: list[list[list[str]]] = []
        k = 0
        while k < len(items):
            row = [cell or [] for cell in items[k : k + width]]
            k += width
            if k < len(items) and not items[k]:
                k += 1  # the row-end mark
            rows.append(row)
        if any(cell for row in rows for cell in row):
            blocks.append((True, pipe_layout(rows)))
    return blocks


def _inside_table(segments: list[tuple[str, str]], i: int) -> bool:
    """A paragraph mark inside a cell: the paragraph is followed by a cell end."""
    return i + 1 < len(segments) and segments[i + 1][1] == _CELL_END


def document_text(raw: str) -> str:
    """Word's character stream → our text: paragraphs, tables in the pipe layout."""
    return join_blocks(_blocks(_strip_fields(raw)))


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read a .doc/.wps file's bytes; ``how`` is ``'doc'``."""
    import olefile

    kind = ".wps" if name.lower().endswith(".wps") else ".doc"
    if not data.startswith(olefile.MAGIC):
        raise UnreadableDocument(DAMAGED, kind=kind, name=name, detail=Message(N_("not an OLE compound file")))
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and others for broken headers
        raise UnreadableDocument(DAMAGED, kind=kind, name=name, detail=reason(exc)) from exc
    try:
        if ole.exists("EncryptedPackage"):
            raise UnreadableDocument(ENCRYPTED, kind=kind, name=name)
        if not ole.exists("WordDocument"):
            what = N_("a Works or old WPS file") if ole.exists("CONTENTS") else N_("no WordDocument stream")
            raise UnreadableDocument(NOT_WORD, kind=kind, name=name, detail=Message(what))
        if ole.get_size("WordDocument") > _MAX_STREAM:
            raise UnreadableDocument(DAMAGED, kind=kind, name=name, detail=Message(N_("WordDocument stream too large")))
        word = ole.openstream("WordDocument").read()
        fib = _fib(word)
        if fib["ident"] != _WORD97_IDENT and fib["nfib"] < 0x65:
            raise UnreadableDocument(NOT_WORD, kind=kind, name=name, detail=Message(N_("unknown FIB")))
        if fib["flags"] & 0x0100:
            raise UnreadableDocument(ENCRYPTED, kind=kind, name=name)
        if fib["nfib"] >= 0xC1 and fib["lcb_clx"]:
            table_name = "1Table" if fib["flags"] & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise UnreadableDocument(
                    DAMAGED, kind=kind, name=name, detail=Message(N_("no {stream} stream"), {"stream": table_name})
                )
            if ole.get_size(table_name) > _MAX_STREAM:
                raise UnreadableDocument(
                    DAMAGED,
                    kind=kind,
                    name=name,
                    detail=Message(N_("{stream} stream too large"), {"stream": table_name}),
                )
            raw = _text97(word, ole.openstream(table_name).read(), fib)
        else:
            raw = _text_old(word, fib)
    except UnreadableDocument:
        raise
    except Exception as exc:  # _Broken, struct.error, olefile errors for damaged files
        raise UnreadableDocument(DAMAGED, kind=kind, name=name, detail=reason(exc)) from exc
    finally:
        ole.close()
    try:
        text = document_text(raw)
    except Exception as exc:  # a stream of control characters no layout makes sense of
        raise UnreadableDocument(DAMAGED, kind=kind, name=name, detail=reason(exc)) from exc
    if not text.strip():
        raise UnreadableDocument(NO_TEXT, name=name)
    return text, "doc"
