"""Where a record stands in its document, for ranking: its article and whether it is an item.

A law's article (第十九条) is the unit a reader cites: its paragraphs (款) and
items (项) say one thing together. Read from the heading-path table only
(``第二章… / 第十九条 试用期 / （一）…``), so nothing is stored for it.
"""

from __future__ import annotations

import re

from index.sections import SEPARATOR

#: A heading-path component that is an article: 第十九条, 第三十七条之一, with or without its lead phrase.
_ARTICLE = re.compile(r"第[〇零一二三四五六七八九十百千万两0-9]+条(之[一二三四五六七八九十]+)?")
#: A component that is an enumerated item under an article: (一)…, 1.…, ①… (normalised brackets).
_ITEM = re.compile(r"(\([一二三四五六七八九十]+\)|[0-9]+[.、]|[①-⑳])")


def article_of(path: str) -> str | None:
    """The heading path up to the record's article, or None when it is not in an article."""
    parts = path.split(SEPARATOR)
    for i in range(len(parts) - 1, -1, -1):
        if _ARTICLE.match(parts[i]):
            return SEPARATOR.join(parts[: i + 1])
    return None


def is_item(path: str) -> bool:
    """Whether the record is an enumerated item of an article (its subject is the article's lead)."""
    parts = path.split(SEPARATOR)
    return len(parts) >= 2 and bool(_ITEM.match(parts[-1])) and bool(_ARTICLE.match(parts[-2]))
