"""Where a document stands below the national laws: a local rule (上海市…条例), a regulation or a department's rule.

A reader of a library that holds the national laws beside regulations and local
rules asks, unless the query names one of those, what the law says: where a
national law (中华人民共和国…法) and a rule below it match alike, the law leads.
A local document is
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


def place_of(title: str) -> str:
    """The division's name ``title`` (its first line) opens with (the longest), or ""."""
    line = title.split("\n", 1)[0].strip()
    places = default_places()
    found = ""
    for n in range(MIN_PLACE_CHARS, min(len(line), MAX_PLACE_CHARS) + 1):
        prefix = line[:n]
        if any(d.level != "county" or d.name == prefix for d in places.candidates(prefix)):
            found = prefix
    return found


def is_local(title: str) -> bool:
    """Whether ``title`` (its first line) opens with a division's name."""
    return bool(place_of(title))


def names_place(typed: str, place: str) -> bool:
    """Whether a typed unit names ``place`` (上海 or 上海市 for 上海市)."""
    return len(typed) >= MIN_PLACE_CHARS and (typed in place or place in typed)


def is_national_law(title: str) -> bool:
    """Whether ``title`` (its first line) is a national law's: 中华人民共和国…法 (or …法典)."""
    line = title.split("\n", 1)[0].strip()
    return line.startswith(STATE_PREFIX) and line.endswith(("法", "法典"))


#: How the title of a statute ends: a law (…法, 民法典) or a regulation (…条例), national or local.
STATUTE_ENDS = ("法", "法典", "条例")
#: …but not a department's or a district's 办法 (管理办法, 实施办法).
RULE_ENDS = ("办法",)


def is_statute(title: str) -> bool:
    """Whether ``title`` (its first line) is a statute's, drafted article by article in the way
    laws are (a thing set up in one article, referred back to after), not a policy's 办法 or 意见."""
    line = title.split("\n", 1)[0].strip()
    return line.endswith(STATUTE_ENDS) and not line.endswith(RULE_ENDS)
