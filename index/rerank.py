"""Re-weighing the best pool of records by where they stand (see :mod:`index.articles`).

An item (项) of an article is a fragment whose subject is its article's lead:
it counts ``ITEM_WEIGHT``, so ``申请回避；`` or ``依法应当适用听证程序的；`` alone
does not lead the articles that set the rule (the lead and the other items of
its article are still found). An item that is a sentence of its own (a policy's
measure under 第三条, a law's rule for one kind of income) counts in full.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from index.articles import ARTICLE, is_item_record, is_statement
from index.drafting import is_closing
from index.sections import SEPARATOR

#: Measured on bench/relevance.py (laws MRR 0.754 -> 0.764 alone; 0.7 gave 0.758).
ITEM_WEIGHT = 0.5
#: What a record of an older edition counts per step of age (it keeps its place after the newer one's).
OLDER_EDITION = 0.95
#: What a record of a document below a national law counts when the query does not name it (see
#: :mod:`index.jurisdiction`): the law saying as much leads. Measured on bench/relevance.py (laws
#: recall/MRR/nDCG 0.8: 0.740/0.824/0.706, 0.7: 0.748/0.825/0.712, 0.6: 0.744/0.825/0.714).
BELOW_LAW_WEIGHT = 0.7
#: What the article where a law first uses a word typed counts. Measured on bench/relevance.py (laws
#: recall/MRR/nDCG 1.0: 0.743/0.818/0.706, 1.2: 0.741/0.838/0.720, 1.3: 0.734/0.837/0.717, 1.6:
#: 0.731/0.801/0.697; seeds unchanged, policies MRR 0.860 -> 0.864). On the 141 laws queries of
#: the later set (the last 45 written after): 1.1: 0.675/0.777/0.657, 1.2: 0.681/0.786/0.665, 1.3:
#: 0.679/0.779/0.663.
FIRST_MENTION = 1.2
#: What a closing provision (:func:`index.drafting.is_closing`) counts when the query does not ask
#: when or by whom the document applies: it names its document (its title's words) more than any subject.
CLOSING_WEIGHT = 0.5
#: Words of a query that ask about the closing provisions themselves.
CLOSING_WORDS = ("施行", "实施", "执行", "有效期", "解释", "废止", "生效", "失效")
#: What the first article under a matching heading (第四节 听证程序) scores of the heading's score: a
#: little more, so the article leads and the heading, a few words, follows. Measured on
#: bench/relevance.py (laws recall/MRR/nDCG 0.9: 0.722/0.816/0.700, 1.01: 0.722/0.823/0.703;
#: seeds and policies unchanged).
CARRIED = 1.01


def items_weighed(ranked: list, path_of: Callable[[int], str], text_of: Callable[[int], str]) -> list:
    """``ranked`` (score, docnum, …) tuples with items re-weighed, re-sorted best first (ties in record order)."""
    return reweighed(
        ranked,
        lambda docnum: (
            ITEM_WEIGHT if is_item_record(path_of(docnum), text := text_of(docnum)) and not is_statement(text) else 1.0
        ),
    )


def reweighed(ranked: list, factor_of: Callable[[int], float]) -> list:
    """``ranked`` (score, docnum, …) tuples, each score times ``factor_of(docnum)`` (1.0 leaves the
    tuple as it is), re-sorted best first (ties in record order)."""
    out = [(item[0] * factor, *item[1:]) if (factor := factor_of(item[1])) != 1.0 else item for item in ranked]
    out.sort(key=lambda x: (-x[0], x[1]))
    return out


def editions_weighed(ranked: list, age_of: Callable[[int], int]) -> list:
    """``ranked`` with each record of an older edition counting ``OLDER_EDITION`` per step of age
    (``age_of(docnum)``, 0 for the newest or only edition), re-sorted best first: where two
    editions say the same, the newer leads and the older follows."""
    return reweighed(ranked, lambda docnum: OLDER_EDITION**age if (age := age_of(docnum)) else 1.0)


def below_law_weighed(ranked: list, below: Callable[[int], bool]) -> list:
    """``ranked`` with each record of a document below a law (``below(docnum)``) counting
    ``BELOW_LAW_WEIGHT``, re-sorted best first."""
    return reweighed(ranked, lambda docnum: BELOW_LAW_WEIGHT if below(docnum) else 1.0)


def first_mentions_weighed(ranked: list, first: Collection[int]) -> list:
    """``ranked`` with each article where its statute first uses a word typed (``first``: record
    numbers, see ``Searcher._first_mentions``) counting ``FIRST_MENTION``, re-sorted best first.

    A law brings in a thing in the article that sets it up (国家建立食品召回制度, 本法所称…, the
    article that has the procuratorate decide 不起诉) and later articles refer back to it,
    often more times and in shorter clauses; so where the law first says it is where a reader
    asking about it starts.
    """
    return reweighed(ranked, lambda docnum: FIRST_MENTION if docnum in first else 1.0)


def closings_weighed(ranked: list, text_of: Callable[[int], str], typed: Sequence[str]) -> list:
    """``ranked`` with closing provisions (本通知自印发之日起施行, 本措施由…负责组织实施) counting
    ``CLOSING_WEIGHT``, unless a typed unit asks about them (``CLOSING_WORDS``), re-sorted best first."""
    if any(word in unit for unit in typed for word in CLOSING_WORDS):
        return ranked
    return reweighed(ranked, lambda docnum: CLOSING_WEIGHT if is_closing(text_of(docnum)) else 1.0)


def first_articles_carried(
    ranked: list, path_of: Callable[[int], str], text_of: Callable[[int], str], doc_of: Callable[[int], int]
) -> list:
    """``ranked`` with the first article under each heading in it (a law's 第四节 听证程序 over
    第六十三条) scoring at least ``CARRIED`` of the heading, re-sorted best first.

    The heading says what its articles are about; its first article usually sets the rule the
    others carry out, so it leads the heading (a title of a few words, which a reader opens for
    that article) rather than lying far below (it is added to the list if the words stand only
    in the heading).
    """
    best = {item[1]: item for item in ranked}
    for item in ranked:
        docnum = item[1]
        own, text = path_of(docnum), text_of(docnum).strip()
        if not text:
            continue
        first = docnum + 1
        heading = (own + SEPARATOR if own else "") + text
        path = path_of(first) if doc_of(first) == doc_of(docnum) else ""
        if not path.startswith(heading + SEPARATOR):
            continue
        rest = path[len(heading) + len(SEPARATOR) :]
        if SEPARATOR in rest or not ARTICLE.match(rest):
            continue
        score = item[0] * CARRIED
        known = best.get(first)
        if known is None or known[0] < score:
            best[first] = (score, first, False, []) if known is None else (score, *known[1:])
    out = list(best.values())
    out.sort(key=lambda x: (-x[0], x[1]))
    return out
