"""Chinese numerals as official documents print them (一百零五, 十一): one home for the conversion
that Word numbering and the search of numbered articles (第39条 → 第三十九条) both need."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 1084 → 一千零八十四 (as Word's chineseCounting);
    outside 1–9999, the decimal digits."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += ("" if (value == 10 and digit == 1 and not out) else DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out
