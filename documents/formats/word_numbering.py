"""Word automatic numbering (自动编号) rendered as the text Word would show.

Why: in a .docx the ``一、`` / ``（一）`` / ``1.`` of an auto-numbered heading is
not in the paragraph text at all; Word's plain-text export (the format our
parser was built on) prints it.  This covers the number formats Chinese
official documents use (chineseCounting 一, chineseLegalSimplified 壹,
ideographEnclosedCircle ㈠, decimalEnclosedParen (1), decimalEnclosedCircle ①,
full-width digits, letters, roman …; anything exotic falls back to decimal),
numbering that comes from a paragraph style (标题 1 linked to a list, the
level found from the style's ``ilvl`` or the list level naming the style),
legal numbering (``isLgl``) and ``lvlRestart``.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from documents.numerals import chinese_number

_LEGAL = str.maketrans("零一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out += numeral * count
    return out


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` in Word's ``w:numFmt`` ``fmt``."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
        "japaneseCounting",
    ):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3220 + n - 1)  # ㈠ … ㈩
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "chineseLegalSimplified":
        return chinese_number(n).translate(_LEGAL)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Counters for one document; call :meth:`label` for paragraphs in body order."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (fmt, text, start)
        self._restart: dict[str, dict[int, int | None]] = {}  # numId → ilvl → lvlRestart (None: default)
        self._style_levels: dict[str, dict[str, int]] = {}  # numId → paragraph style id → ilvl
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → (numId, ilvl, basedOn)
        self._counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            numbering = None
        if numbering is not None:
            self._load_numbering(numbering)
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            styles = None
        if styles is not None:
            for style in styles.iter(qn("w:style")):
                ppr = style.find(qn("w:pPr"))
                numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
                self._styles[style.get(qn("w:styleId"), "")] = (
                    _val(numpr, "w:numId"),
                    _val(numpr, "w:ilvl"),
                    _val(style, "w:basedOn"),
                )

    def _load_numbering(self, numbering) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        extras: dict[str, tuple[dict[int, int | None], dict[str, int]]] = {}
        for anum in numbering.iter(qn("w:abstractNum")):
            anum_id = anum.get(qn("w:abstractNumId"), "")
            abstract[anum_id] = self._read_levels(anum)
            extras[anum_id] = self._read_extras(anum)
        for num in numbering.iter(qn("w:num")):
            anum_id = _val(num, "w:abstractNumId") or ""
            levels = dict(abstract.get(anum_id, {}))
            restart, style_levels = extras.get(anum_id, ({}, {}))
            self._restart[num.get(qn("w:numId"), "")] = restart
            self._style_levels[num.get(qn("w:numId"), "")] = style_levels
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels.update(self._read_levels(override))
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start))
            self._levels[num.get(qn("w:numId"), "")] = levels

    @staticmethod
    def _read_levels(parent) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for lvl in parent.findall(qn("w:lvl")):
            try:
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_val(lvl, "w:start") or "1")
            except ValueError:
                continue
            fmt = _val(lvl, "w:numFmt") or "decimal"
            if lvl.find(qn("w:isLgl")) is not None and fmt != "bullet":
                fmt = "decimal"  # legal numbering shows every level in Arabic digits
            levels[ilvl] = (fmt, _val(lvl, "w:lvlText") or "", start)
        return levels

    @staticmethod
    def _read_extras(parent) -> tuple[dict[int, int | None], dict[str, int]]:
        """Per level its ``lvlRestart``, and which paragraph style each level is linked to."""
        restart: dict[int, int | None] = {}
        styles: dict[str, int] = {}
        for lvl in parent.findall(qn("w:lvl")):
            try:
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                value = _val(lvl, "w:lvlRestart")
                restart[ilvl] = int(value) if value is not None else None
            except ValueError:
                continue
            style = _val(lvl, "w:pStyle")
            if style:
                styles[style] = ilvl
        return restart, styles

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self._styles.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, p) -> str:
        """The number text shown before paragraph ``p`` (a ``w:p``), '' if none.

        Advances the counters, so call it once per paragraph in document order.
        """
        if not self._levels:
            return ""
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        if num_id is None:
            style_id = _val(ppr, "w:pStyle")
            style_num, style_lvl = self._style_numpr(style_id)
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
            if ilvl is None and num_id is not None and style_id:
                linked = self._style_levels.get(num_id, {}).get(style_id)
                ilvl = str(linked) if linked is not None else None
        key = num_id or ""
        levels = self._levels.get(key)
        if not levels:  # numId 0 (or unknown) switches numbering off
            return ""
        try:
            level = int(ilvl or "0")
        except ValueError:
            return ""
        if level not in levels:
            return ""
        counters = self._counters.setdefault(key, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        restart = self._restart.get(key, {})
        for deeper in [k for k in counters if k > level]:
            rule = restart.get(deeper)
            # lvlRestart 0: never restart; n: restart after a level above n (1-based); default: any level above
            if rule is None or (rule and level < rule):
                del counters[deeper]
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return ""
        for k in range(9):
            if f"%{k + 1}" in text:
                lvl_fmt, _, lvl_start = levels.get(k, ("decimal", "", 1))
                text = text.replace(f"%{k + 1}", format_number(counters.get(k, lvl_start), lvl_fmt))
        return text
