"""Whether a document is a local one: a province's, a city's or a county's rule (上海市…条例).

A reader of a library that holds the national laws beside local regulations
asks, unless the query names a place, what the law says: where a national law
and a local rule match alike, the national law leads. A local document is
recognised by its title opening with the name of a division
(documents/extract/data/divisions.tsv): 上海市, 河南省, 景宁畲族自治县; a county by its
full name only (its short form is too often a word: 公安机关督察条例 is not 公安县's).
"""

from __future__ import annotations

from documents.extract.places import default_places

#: What a national law's title begins with (中华人民共和国刑事诉讼法).
STATE_PREFIX = "中华人民共和国"
#: The longest division name a title opens with that is looked for (彭水苗族土家族自治县 is 10).
MAX_PLACE_CHARS = 12
#: The shortest (a province's or city's short name, 上海, 郑州).
MIN_PLACE_CHARS = 2


def is_local(title: str) -> bool:
    """Whether ``title`` (its first line) opens with a division's name."""
    line = title.split("\n", 1)[0].strip()
    places = default_places()
    for n in range(MIN_PLACE_CHARS, min(len(line), MAX_PLACE_CHARS) + 1):
        prefix = line[:n]
        if any(d.level != "county" or d.name == prefix for d in places.candidates(prefix)):
            return True
    return False


def is_national_law(title: str) -> bool:
    """Whether ``title`` (its first line) is a national law's: 中华人民共和国…法."""
    line = title.split("\n", 1)[0].strip()
    return line.startswith(STATE_PREFIX) and line.endswith("法")
