"""Plain text (.txt/.md): guess the encoding, reject binaries, normalise newlines.

Why: government files come as UTF-8 (with or without BOM), GBK/GB18030 (the
Windows default in China) and occasionally UTF-16 from Notepad.  This runs for
every file at start-up, so it only uses C-speed byte operations and strict
decodes, never a per-character Python loop over the whole file.
"""

from __future__ import annotations

import codecs
import re

from documents.errors import N_, Message

from . import BINARY, EMPTY, UnreadableDocument

_SAMPLE = 8192

# C0 control bytes that never occur in text (tab, LF, FF, CR, SUB and ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0c\r\x1a\x1b") + b"\x7f"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Magic numbers of files that are often misnamed, to say what they are.
_MAGIC = (
    (b"%PDF-", N_("a PDF")),
    (b"PK\x03\x04", N_("a zip/.docx archive")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an old Word .doc/.xls file; save it as .docx")),
    (b"{\\rtf", N_("an RTF file; save it as .docx")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF8", N_("a GIF image")),
)

# Characters a real UTF-16 text consists of: ASCII, CJK punctuation/ideographs, full-width forms.
_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def binary_hint(data: bytes) -> Message | str:
    """' (looks like …)' when ``data`` starts with a known binary signature, else ''."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return Message(N_(" (looks like {what})"), {"what": Message(what)})
    return ""


def _bomless_utf16(data: bytes) -> str | None:
    """Decode UTF-16 without a BOM if the result is overwhelmingly text, else None."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    # ASCII characters put their NUL byte on the odd (LE) or even (BE) positions.
    nul_odd, nul_even = sample[1::2].count(0), sample[0::2].count(0)
    codec = "utf-16-le" if nul_odd >= nul_even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[: _SAMPLE // 2]
    if head and len(_TEXTLIKE.findall(head)) >= 0.97 * len(head):
        return text
    return None


def _decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8, tolerating only a multi-byte character cut off at the very end."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8", errors="strict")
        return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode raw bytes of a text file to ``(text, encoding)`` without normalising.

    Raises :class:`UnreadableDocument` for binary or undecodable data.
    """
    for bom, codec, how in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), how
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(
                    N_("cannot decode {name} (has a {bom} BOM but invalid bytes at offset {offset})"),
                    name=name,
                    bom=how.upper(),
                    offset=exc.start + len(bom),
                ) from None

    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is not None:
            return text, "utf-16"
        raise UnreadableDocument(BINARY, name=name, hint=binary_hint(data))

    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(sample) or binary_hint(sample):
        raise UnreadableDocument(BINARY, name=name, hint=binary_hint(data))

    text = _decode_utf8(data)
    if text is not None:
        return text, "utf-8"
    if _looks_like_big5(data):
        try:
            return data.decode("big5hkscs"), "big5 (detected)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        # A download cut off in the middle of a two- or four-byte character.
        if exc.reason == "incomplete multibyte sequence" and exc.start >= len(data) - 4:
            try:
                return data[: exc.start].decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                pass
    raise UnreadableDocument(N_("cannot decode {name} (not UTF-8/GB18030)"), name=name)


def _looks_like_big5(data: bytes) -> bool:
    """Traditional-Chinese Big5 bytes also decode as GB18030 — into nonsense, without an error.

    charset-normalizer (a well-kept detector, already what pip and requests use)
    tells the two apart by how plausible the decoded text is; it only runs on
    text that is not UTF-8, and only on a sample.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=["gb18030", "big5"]).best()
    return best is not None and best.encoding == "big5"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a trailing DOS end-of-file mark is dropped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\x1a") if text.endswith("\x1a") else text


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read a .txt/.md file's bytes; ``how`` is the encoding used."""
    text, how = decode_text(data, name)
    text = normalise_newlines(text)
    if not text.strip():
        raise UnreadableDocument(EMPTY, name=name)
    return text, how
