"""Where a record stands in its document, for ranking: its article and whether it is an item.

A law's article (第十九条) is the unit a reader cites: its paragraphs (款) and
items (项) say one thing together. Read from the heading-path table only
(``第二章… / 第十九条 试用期 / （一）…``), so nothing is stored for it.
"""

from __future__ import annotations

import re

from index.sections import SEPARATOR

#: A heading-path component that is an article: 第十九条, 第三十七条之一, with or without its lead phrase.
ARTICLE = re.compile(r"第[〇零一二三四五六七八九十百千万两0-9]+条(之[一二三四五六七八九十]+)?")
#: A component that is an enumerated item under an article: (一)…, 1.…, ①… (normalised brackets).
_ITEM = re.compile(r"(\([一二三四五六七八九十]+\)|[0-9]+[.、]|[①-⑳])")
#: An item's printed label at the start of its text, in either bracket form.
_LABEL = re.compile(r"^([(（][一二三四五六七八九十]+[)）]|[0-9]+[.、．]|[①-⑳])")


def article_of(path: str) -> str | None:
    """The heading path up to the record's article, or None when it is not in an article."""
    parts = path.split(SEPARATOR)
    for i in range(len(parts) - 1, -1, -1):
        if ARTICLE.match(parts[i]):
            return SEPARATOR.join(parts[: i + 1])
    return None


def at_article(path: str, part: str) -> bool:
    """Whether a heading path stands at (or under) article ``part``: 第七十三条, not 第一百七十三条
    nor 第七十三条之一."""
    return any(
        component.startswith(part) and not component[len(part) :].startswith("之")
        for component in path.split(SEPARATOR)
    )


#: An item shorter than this (without its label) completes its article's lead (停止侵害;, 要求听证。).
STATEMENT_CHARS = 40
#: Sentence ends and the pause between a sentence's parts (the texts are normalised: half-width).
_STOP = "。;!?！？"


def is_statement(text: str) -> bool:
    """Whether an item's text says a thing of its own: a policy's measure (``对于…的机构，…，
    分别给予…的奖励;``), a law's rule for one case (``居民个人的综合所得，以…为应纳税所得额。``) —
    long, in parts, and not a condition completing its article's lead (``…迟延履行主要债务的;``)."""
    body = _LABEL.sub("", text.strip(), count=1).strip().rstrip(_STOP)
    return len(body) >= STATEMENT_CHARS and "," in body and not body.endswith("的")


def is_item(path: str) -> bool:
    """Whether the record is an enumerated item of an article (its subject is the article's lead)."""
    parts = path.split(SEPARATOR)
    return len(parts) >= 2 and bool(_ITEM.match(parts[-1])) and bool(ARTICLE.match(parts[-2]))


def is_item_record(path: str, text: str) -> bool:
    """Whether a record with heading path ``path`` and ``text`` is an item of an article: one under
    an item's heading, or the item itself — an item printed with a lead phrase of its own is a
    heading record, its label at the start of its text and the article last in its path
    (``…/第二百零四条在法庭审判过程中`` and ``（三）由于申请回避而不能进行审判的``)."""
    if is_item(path):
        return True
    last = path.rsplit(SEPARATOR, 1)[-1]
    return bool(ARTICLE.match(last)) and bool(_LABEL.match(text.strip()))
