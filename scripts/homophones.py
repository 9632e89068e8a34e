"""Write index/data/homophones.txt: common characters grouped by toneless pinyin.

A query typed with a pinyin input method goes wrong by sound (羊山港 for 洋山港);
the search tries same-sound characters where a typed word is missing from the
library (:mod:`index.homophones`). The readings come from pypinyin (a dev-only
dependency: the table ships, the package does not); the characters are those of
jieba's dictionary, so rare characters no one picks from an input method stay out.

    uv run python scripts/homophones.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import jieba
from pypinyin import Style, pinyin
from pypinyin import __version__ as pypinyin_version

OUT = Path(__file__).resolve().parents[1] / "index" / "data" / "homophones.txt"
#: A character counts as common when the dictionary's words holding it weigh at least this much.
MIN_FREQUENCY = 50


def common_characters() -> dict[str, int]:
    """Han characters of jieba's dictionary -> the summed frequency of the words holding them."""
    weight: dict[str, int] = defaultdict(int)
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            for ch in parts[0]:
                if "\u4e00" <= ch <= "\u9fff":
                    weight[ch] += int(parts[1])
    return {ch: w for ch, w in weight.items() if w >= MIN_FREQUENCY}


def main() -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for ch in sorted(common_characters()):
        reading = pinyin(ch, style=Style.NORMAL)[0][0]
        if reading.isascii() and reading.isalpha():
            groups[reading].append(ch)
    lines = [
        "# Common characters by toneless pinyin, one sound a line: the sound, a tab, its characters.",
        f"# Written by scripts/homophones.py from pypinyin {pypinyin_version} (MIT licence; readings from",
        "# its pinyin-data, MIT) and the characters of jieba's dict.txt (MIT licence) weighing at least",
        f"# {MIN_FREQUENCY}, each under its usual reading (pypinyin's first: 行 as xing).",
    ]
    lines += [f"{sound}\t{''.join(chars)}" for sound, chars in sorted(groups.items()) if len(chars) > 1]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{OUT}: {len(lines) - 4} sounds, {sum(len(c) for c in groups.values() if len(c) > 1)} characters",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
