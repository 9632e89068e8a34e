"""A minimal Word 97 .doc writer for tests: an OLE compound file holding a
WordDocument stream (FIB + text) and a 1Table stream (the CLX piece table).

Enough of [MS-CFB] and [MS-DOC] for a reader of the text: one 512-byte FAT
sector, one directory sector, streams of at least 4096 bytes (so no mini
stream), and a piece table whose pieces are UTF-16 or 8-bit ("compressed").
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _pad(data: bytes, size: int) -> bytes:
    size = max(size, -(-len(data) // SECTOR) * SECTOR)
    return data + b"\0" * (size - len(data))


def _entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    raw = (name + "\0").encode("utf-16-le")
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB3I", len(raw), kind, 1, left, right, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3) with the given streams under the root.

    Names are ordered as the directory's red-black tree wants them: a chain of
    left siblings from the largest name down."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data = {name: _pad(streams[name], 4096) for name in names}
    fat = [FATSECT, END]
    starts = {}
    for name in names:
        count = len(data[name]) // SECTOR
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(END)
    if len(fat) > SECTOR // 4:
        raise ValueError("streams too large for one FAT sector")
    fat.extend([FREE] * (SECTOR // 4 - len(fat)))
    # root's child is the largest name; each entry's left sibling is the next smaller one
    order = list(reversed(names))
    entries = [_entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1 if names else NOSTREAM, END, 0)]
    for i, name in enumerate(order):
        left = i + 2 if i + 1 < len(order) else NOSTREAM
        entries.append(_entry(name, 2, left, NOSTREAM, NOSTREAM, starts[name], len(data[name])))
    directory = b"".join(entries)
    if len(directory) > SECTOR:
        raise ValueError("too many streams for one directory sector")
    directory = directory.ljust(SECTOR, b"\0")
    header = (
        MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", 0, *([FREE] * 108))
    )
    assert len(header) == SECTOR
    body = struct.pack(f"<{SECTOR // 4}I", *fat) + directory + b"".join(data[name] for name in names)
    return header + body


def _lists(levels: list[tuple[int, str]]) -> bytes:
    """PlfLst with one nine-level list (lsid 1), its LVLs; returned with the LSTF part's length first."""
    lstf = struct.pack("<iI", 1, 0) + struct.pack("<9H", *[0x0FFF] * 9) + bytes([0, 0])
    plf = struct.pack("<H", 1) + lstf
    lvls = b""
    for i in range(9):
        nfc, template = levels[i] if i < len(levels) else (0, chr(i) + ".")
        lvlf = struct.pack("<iBB9sBiIBBBB", 1, nfc, 0, bytes(9), 2, 0, 0, 0, 0, 0, 0)
        lvls += lvlf + struct.pack("<H", len(template)) + template.encode("utf-16-le")
    return struct.pack("<I", len(plf)) + plf + lvls


def _fkp(runs: list[tuple[int, int, int | None]]) -> bytes:
    """One PAPX FKP page: per run (fc start, fc end, list level or None)."""
    page = bytearray(512)
    crun = len(runs)
    struct.pack_into(f"<{crun + 1}I", page, 0, *[start for start, _, _ in runs], runs[-1][1])
    at = 510
    for i, (_, _, ilvl) in enumerate(runs):
        grpprl = b"\0\0" + (struct.pack("<HhHB", 0x460B, 1, 0x260A, ilvl) if ilvl is not None else b"\0")
        cb = (len(grpprl) + 1) // 2
        at = (at - 1 - len(grpprl)) & ~1
        page[at] = cb
        page[at + 1 : at + 1 + len(grpprl)] = grpprl
        page[4 * (crun + 1) + 13 * i] = at // 2
    page[511] = crun
    return bytes(page)


def make_doc(
    pieces: list[str | bytes],
    *,
    encrypted: bool = False,
    numbered: dict[int, int] | None = None,
    levels: list[tuple[int, str]] | None = None,
) -> bytes:
    """A Word 97 .doc whose main text is ``pieces`` joined: a ``str`` piece is
    stored as UTF-16, a ``bytes`` piece as 8-bit text.  Use ``\\r`` for
    paragraph marks, ``\\x07`` for cell and row ends, ``\\x13…\\x14…\\x15`` for fields.

    ``numbered`` maps paragraph numbers (0-based, UTF-16 pieces only) to a list
    level of one automatic list whose ``levels`` are (nfc, number text) with
    characters 0–8 standing for the counters of levels 1–9."""
    text_at = 0x800
    word = bytearray(text_at)
    cps, pcds = [0], []
    offset = text_at
    stored = bytearray()
    for piece in pieces:
        if isinstance(piece, str):
            raw = piece.encode("utf-16-le")
            fc = offset
            cps.append(cps[-1] + len(piece))
        else:
            raw = piece
            fc = (offset * 2) | 0x40000000
            cps.append(cps[-1] + len(piece))
        pcds.append(struct.pack("<HIH", 0, fc, 0))
        stored += raw
        offset += len(raw)
    word += stored
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = b"\0" * 16 + clx
    fc_lcb: dict[int, tuple[int, int]] = {33: (16, len(clx))}
    if numbered is not None:
        text = "".join(piece for piece in pieces if isinstance(piece, str))
        runs, begin = [], text_at
        for index, paragraph in enumerate(text.split("\r")[:-1]):
            end = begin + 2 * (len(paragraph) + 1)
            runs.append((begin, end, numbered.get(index)))
            begin = end
        word += b"\0" * (-len(word) % 512)
        page_number = len(word) // 512
        word += _fkp(runs)
        lists = _lists(levels or [])
        (lcb_lst,) = struct.unpack_from("<I", lists, 0)
        fc_lcb[73] = (len(table), lcb_lst)
        table += lists[4:]
        lfo = struct.pack("<I", 1) + struct.pack("<iIIBBBB", 1, 0, 0, 0, 0, 0, 0) + struct.pack("<I", 0xFFFFFFFF)
        fc_lcb[74] = (len(table), len(lfo))
        table += lfo
        bte = struct.pack("<3I", runs[0][0], runs[-1][1], page_number)
        fc_lcb[13] = (len(table), len(bte))
        table += bte
    # FibBase
    flags = 0x0200 | (0x0100 if encrypted else 0)
    struct.pack_into("<HHHHHH", word, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)
    struct.pack_into("<II", word, 0x18, text_at, offset)
    struct.pack_into("<H", word, 0x20, 14)  # csw, then 14 words of fibRgW
    struct.pack_into("<H", word, 0x3E, 22)  # cslw, then 22 longs of fibRgLw
    struct.pack_into("<I", word, 0x40, len(word))  # cbMac
    struct.pack_into("<I", word, 0x4C, cps[-1])  # ccpText
    struct.pack_into("<H", word, 0x98, 0x5D)  # cbRgFcLcb: Word 97's 93 pairs
    for index, (fc, lcb) in fc_lcb.items():  # fcClx/lcbClx, and the list and paragraph tables
        struct.pack_into("<II", word, 0x9A + index * 8, fc, lcb)
    return compound_file({"WordDocument": bytes(word), "1Table": table})
