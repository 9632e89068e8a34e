"""Drafting forms of Chinese laws and policies that say a clause defines a term.

Besides ``本法所称X，是指…`` a law defines a term by naming it at the end of
the sentence that describes it: ``犯罪以后自动投案，如实供述自己的罪行的，是自首。``,
``…所得的下列财产，为夫妻的共同财产``, ``…的企业事业单位…为环境保护税的纳税人。``
An article that lists the term's cases says ``履行下列职责：`` / ``符合下列条件的``.
A reader typing the term wants that clause before those that only use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

#: Characters that end the defining phrase (the text is normalised: half-width punctuation).
_END = ",，。;；:："
#: Words ending in 为 that are not the copula (作为, 行为, 认为 …).
_NOT_COPULA = "作行认成因视更改称定列"
#: What introduces an article's enumeration of what it names (下列职责, 下列条件).
ENUMERATION = "下列"
#: At most this many characters between 是/为 and the term (为夫妻的共同财产: 夫妻的).
GAP = 8


@lru_cache(maxsize=256)
def _frame(term: str) -> re.Pattern[str]:
    """…的，是X / …，为X followed by any stop; …为X only when X closes the sentence."""
    gap = rf"[^{_END}、]{{0,{GAP}}}?{re.escape(term)}"
    return re.compile(rf"[,，][是为]{gap}(?=[{_END}]|$)|(?<![{_NOT_COPULA}])[是为]{gap}(?=[。;；]|$)")


def defines(text: str, terms: Sequence[str], words: Sequence[str] = ()) -> bool:
    """Whether ``text`` ends a sentence by naming one of ``terms`` after 是/为 (…的，是自首。), or
    introduces the list of one of ``words`` (中国人民银行履行下列职责：, 符合下列条件的): the article that sets them out."""
    return any(len(term) >= 2 and term in text and _frame(term).search(text) for term in terms) or any(
        len(word) >= 2 and f"{ENUMERATION}{word}" in text for word in words
    )
