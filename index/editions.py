"""Editions of one law or policy in a library: the same title, the same first article.

A library of laws often holds a law as amended in different years (民事诉讼法 as of
2021 and of 2023): their clauses read nearly alike and, listed side by side, fill
the first page twice. Editions are ranked as one document (see
``searcher.diversify``), the newest first; an older edition's clauses still come,
after. The books of 民法典 share a title but each starts at its own article: they
are not editions of each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.articles import ARTICLE

#: A date as a law's front matter prints its passing and amendments (2023年9月1日 …修正).
_DATE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")


def _first_label(doc) -> str:
    """The label of the document's first article (第一条, 第九百八十九条), else of its first numbered section."""
    first = ""
    for section in doc.sections():  # read up to the first article only (a law's is near the start)
        label = section.label
        if label:
            if ARTICLE.fullmatch(label):
                return label
            first = first or label
    return first


def _latest_date(doc) -> tuple[int, int, int]:
    """The latest date in the front matter (the last amendment), or (0, 0, 0)."""
    dates = [
        (int(y), int(m), int(d))
        for block in doc.root.blocks
        for y, m, d in _DATE.findall(getattr(block, "text", "") or "")
    ]
    return max(dates, default=(0, 0, 0))


def editions(documents: Iterable) -> dict[str, tuple[str, int]]:
    """``{doc key: (the key of its newest edition, its age)}`` for documents that have another
    edition in ``documents``; age 0 is the newest (by its latest front-matter date, then key)."""
    groups: dict[tuple[str, str], list] = {}
    for doc in documents:
        title, label = doc.title, _first_label(doc)
        if title and label:
            groups.setdefault((title, label), []).append(doc)
    out: dict[str, tuple[str, int]] = {}
    for docs in groups.values():
        if len(docs) < 2:
            continue
        docs.sort(key=lambda d: (_latest_date(d), d.key), reverse=True)
        for age, doc in enumerate(docs):
            out[doc.key] = (docs[0].key, age)
    return out
