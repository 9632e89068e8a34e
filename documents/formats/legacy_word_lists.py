"""Automatic list numbering (自动编号) of a Word 97 .doc, put in front of the paragraphs.

Why: as in a .docx, the 一、 / （一） / 1. of an auto-numbered heading is not in
the text of a .doc; Word prints it from the list the paragraph belongs to.
[MS-DOC] keeps that in three places, all read here:

* each paragraph's properties (PAPX, found through the PlcBtePapx bin table
  and its 512-byte FKP pages in the WordDocument stream) may hold
  ``sprmPIlfo`` (which list override, 1-based) and ``sprmPIlvl`` (level); a
  paragraph style may hold them too (STSH, the style sheet);
* the PlfLfo maps a list override to a list (``lsid``);
* the PlfLst holds each list's levels (LVL): start number, number format
  (nfc) and number text, in which the characters 0–8 stand for the counters
  of levels 1–9.

Formats are mapped to the names of :mod:`documents.formats.word_numbering`
so both Word formats render numbers the same way.  Anything that does not
parse raises ``ValueError``/``struct.error``/``IndexError``; the caller then
keeps the text without numbers.
"""

from __future__ import annotations

import bisect
import struct

from .word_numbering import format_number

# nfc (MSONFC) → Word's w:numFmt names.
_NFC = {
    0: "decimal",
    1: "upperRoman",
    2: "lowerRoman",
    3: "upperLetter",
    4: "lowerLetter",
    5: "ordinal",
    10: "ideographDigital",
    11: "japaneseCounting",
    14: "decimalFullWidth",
    15: "decimal",
    18: "decimalEnclosedCircle",
    22: "decimalZero",
    23: "bullet",
    26: "decimalEnclosedFullstop",
    27: "decimalEnclosedParen",
    28: "decimalEnclosedCircleChinese",
    29: "ideographEnclosedCircle",
    30: "ideographTraditional",
    31: "ideographZodiac",
    33: "taiwaneseCounting",
    35: "taiwaneseCountingThousand",
    37: "chineseCounting",
    38: "chineseLegalSimplified",
    39: "chineseCountingThousand",
    255: "none",
}
_SPRM_ILVL, _SPRM_ILFO = 0x260A, 0x460B
_PUNCTUATION_END = tuple("、.．。，,:：）)]】」』")
_PARAGRAPH_MARKS = "\r\x07\x0c"


class _Level:
    __slots__ = ("fmt", "restart", "start", "template")

    def __init__(self, start: int, fmt: str, template: str, restart: int | None) -> None:
        self.start, self.fmt, self.template, self.restart = start, fmt, template, restart


def _sprms(grpprl: bytes) -> dict[int, bytes]:
    """sprm → operand for a grpprl (later ones win)."""
    out: dict[int, bytes] = {}
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == 0xD608:  # sprmTDefTable: a two-byte size
            size = struct.unpack_from("<H", grpprl, at)[0] - 1
            at += 2
        elif sprm == 0xC615:  # sprmPChgTabs: size byte 255 means a longer form; skip the rest
            break
        else:
            size = grpprl[at]
            at += 1
        out[sprm] = grpprl[at : at + size]
        at += size
    return out


def _list_props(sprms: dict[int, bytes]) -> tuple[int | None, int | None]:
    ilfo = struct.unpack("<h", sprms[_SPRM_ILFO])[0] if len(sprms.get(_SPRM_ILFO, b"")) == 2 else None
    ilvl = sprms[_SPRM_ILVL][0] if sprms.get(_SPRM_ILVL) else None
    return ilfo, ilvl


def _paragraph_runs(word: bytes, table: bytes, fib: dict[str, int]) -> tuple[list[int], list[tuple[int, bytes]]]:
    """FC ranges of paragraph properties: sorted starts and (end, istd + grpprl) per range."""
    plc = table[fib["fc_bte_papx"] : fib["fc_bte_papx"] + fib["lcb_bte_papx"]]
    n = (len(plc) - 4) // 8
    if n <= 0:
        raise ValueError("no paragraph properties")
    pages = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
    starts: list[int] = []
    runs: list[tuple[int, bytes]] = []
    for pn in pages:
        page = word[(pn & 0x3FFFFF) * 512 : (pn & 0x3FFFFF) * 512 + 512]
        if len(page) != 512:
            raise ValueError("FKP page outside the stream")
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for i in range(crun):
            offset = page[4 * (crun + 1) + 13 * i] * 2
            papx = b""
            if offset:
                cb = page[offset]
                if cb:
                    papx = page[offset + 1 : offset + 1 + 2 * cb - 1]
                else:
                    papx = page[offset + 2 : offset + 2 + 2 * page[offset + 1]]
            starts.append(fcs[i])
            runs.append((fcs[i + 1], papx))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return [starts[i] for i in order], [runs[i] for i in order]


def _style_lists(table: bytes, fib: dict[str, int]) -> dict[int, tuple[int | None, int | None]]:
    """Paragraph styles (istd) that carry list properties → (ilfo, ilvl)."""
    sheet = table[fib["fc_stshf"] : fib["fc_stshf"] + fib["lcb_stshf"]]
    if len(sheet) < 6:
        return {}
    (cb_stshi,) = struct.unpack_from("<H", sheet, 0)
    cstd, cb_base = struct.unpack_from("<HH", sheet, 2)
    at = 2 + cb_stshi
    out: dict[int, tuple[int | None, int | None]] = {}
    for istd in range(cstd):
        if at + 2 > len(sheet):
            break
        (cb_std,) = struct.unpack_from("<H", sheet, at)
        std = sheet[at + 2 : at + 2 + cb_std]
        at += 2 + cb_std
        if cb_std < cb_base or len(std) < 10:
            continue
        stk = std[2] & 0x0F
        if stk != 1:  # paragraph styles only
            continue
        (cch,) = struct.unpack_from("<H", std, cb_base)
        upx = cb_base + 2 + 2 * cch + 2
        upx += upx & 1
        if upx + 2 > len(std):
            continue
        (cb_upx,) = struct.unpack_from("<H", std, upx)
        grpprl = std[upx + 4 : upx + 2 + cb_upx]  # after the UPX's own istd
        props = _list_props(_sprms(grpprl))
        if props[0] is not None:
            out[istd] = props
    return out


def _lists(table: bytes, fib: dict[str, int]) -> tuple[dict[int, list[_Level]], list[int]]:
    """Levels of each list (by lsid), and the lsid of each list override (LFO, 0-based)."""
    at = fib["fc_lst"]
    (count,) = struct.unpack_from("<H", table, at)
    lstfs = []
    for i in range(count):
        lsid = struct.unpack_from("<i", table, at + 2 + 28 * i)[0]
        simple = table[at + 2 + 28 * i + 26] & 1
        lstfs.append((lsid, 1 if simple else 9))
    pos = at + fib["lcb_lst"]  # the LVLs follow the PlfLst
    levels: dict[int, list[_Level]] = {}
    for lsid, n in lstfs:
        out = []
        for _ in range(n):
            start, nfc = struct.unpack_from("<iB", table, pos)
            flags = table[pos + 5]
            cb_chpx, cb_papx, restart_lim = table[pos + 24], table[pos + 25], table[pos + 26]
            pos += 28 + cb_papx + cb_chpx
            (cch,) = struct.unpack_from("<H", table, pos)
            template = table[pos + 2 : pos + 2 + 2 * cch].decode("utf-16-le", errors="replace")
            pos += 2 + 2 * cch
            fmt = "decimal" if flags & 0x04 and nfc != 23 else _NFC.get(nfc, "decimal")  # fLegal
            # fNoRestart: restart only after a level above ilvlRestartLim (0: never); else after any level above
            restart = restart_lim if flags & 0x08 else None
            out.append(_Level(start, fmt, template, restart))
        levels[lsid] = out
    lfos: list[int] = []
    if fib["lcb_lfo"] >= 4:
        (lfo_count,) = struct.unpack_from("<I", table, fib["fc_lfo"])
        for i in range(min(lfo_count, 10000)):
            lfos.append(struct.unpack_from("<i", table, fib["fc_lfo"] + 4 + 16 * i)[0])
    return levels, lfos


class _Counters:
    def __init__(self, levels: dict[int, list[_Level]]) -> None:
        self.levels = levels
        self.counts: dict[int, dict[int, int]] = {}

    def label(self, lsid: int, ilvl: int) -> str:
        levels = self.levels.get(lsid)
        if not levels or ilvl >= len(levels):
            return ""
        counts = self.counts.setdefault(lsid, {})
        level = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            rule = levels[deeper].restart if deeper < len(levels) else None
            if rule is None or ilvl < rule:
                del counts[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        out = []
        for char in level.template:
            k = ord(char)
            if k < 9:
                lvl = levels[k] if k < len(levels) else level
                out.append(format_number(counts.get(k, lvl.start), lvl.fmt))
            else:
                out.append(char)
        return "".join(out)


def number_paragraphs(
    text: str, word: bytes, table: bytes, fib: dict[str, int], pieces: list[tuple[int, int, int, bool]]
) -> str:
    """``text`` (the main document, CP 0 on) with each list paragraph's number in front of it."""
    if not fib.get("lcb_lst") or not fib.get("lcb_bte_papx"):
        return text
    levels, lfos = _lists(table, fib)
    if not levels or not lfos:
        return text
    starts, runs = _paragraph_runs(word, table, fib)
    styles = _style_lists(table, fib)
    piece_starts = [piece[0] for piece in pieces]
    counters = _Counters(levels)
    out: list[str] = []
    begin = 0
    for cp, char in enumerate(text):
        if char not in _PARAGRAPH_MARKS:
            continue
        label = ""
        index = bisect.bisect_right(piece_starts, cp) - 1
        if index >= 0:
            cp_start, _, offset, compressed = pieces[index]
            fc = offset + (cp - cp_start) * (1 if compressed else 2)
            run = bisect.bisect_right(starts, fc) - 1
            if run >= 0 and fc < runs[run][0]:
                papx = runs[run][1]
                istd = struct.unpack_from("<H", papx, 0)[0] if len(papx) >= 2 else 0
                ilfo, ilvl = _list_props(_sprms(papx[2:]))
                style_ilfo, style_ilvl = styles.get(istd, (None, None))
                ilfo = ilfo if ilfo is not None else style_ilfo
                ilvl = ilvl if ilvl is not None else (style_ilvl or 0)
                if ilfo and 0 < ilfo <= len(lfos):
                    label = counters.label(lfos[ilfo - 1], ilvl)
        paragraph = text[begin:cp]
        if label and paragraph.strip():
            separator = "" if label.endswith(_PUNCTUATION_END) else " "
            out.append(label + separator)
        out.append(text[begin : cp + 1])
        begin = cp + 1
    out.append(text[begin:])
    return "".join(out)
