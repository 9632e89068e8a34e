"""Words of a typed run standing near each other in one sentence, in any order.

A statute seldom prints a compound as a user types it: 申请回避 is printed
申请他们回避 or 申请审判人员回避, 赔偿损失 as 赔偿因此造成的损失, 解除劳动合同 as
解除或者终止劳动合同. The phrase bonus rewards the run standing together (as typed
or as drafted, :func:`index.compiler.drafted_runs`) and the word query the words
anywhere in the record; a clause where the words stand a few characters apart
in one sentence says the same thing and is rewarded in between
(:class:`index.literal_query.NearText`). A word typed that the dictionary holds
whole (申请回避, 赔偿损失) is read as the two words it is made of: a clause with
them near each other says it in the texts' own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from index.segmenter import word_freq

#: Characters at most between the words of a run, all gaps together (申请审判人员回避: 4; 赔偿因此造成的损失: 5).
NEAR_GAP = 6
#: What ends a sentence in a normalised text (full-width ；！？ fold to ASCII): words on either side are apart.
SENTENCE_ENDS = frozenset("。;!?\n")


def compound_parts(word: str) -> tuple[str, str] | None:
    """The two dictionary words of two characters or more that ``word`` is made of (申请回避: 申请 + 回避),
    the most even cut first; None when it is not so made (宅基地)."""
    cuts = sorted(range(2, len(word) - 1), key=lambda i: abs(len(word) - 2 * i))
    for i in cuts:
        first, second = word[:i], word[i:]
        if word_freq(first) and word_freq(second):
            return first, second
    return None


@lru_cache(maxsize=1024)
def near_pattern(words: tuple[str, ...], gap: int = NEAR_GAP) -> re.Pattern[str] | None:
    """Two words (normalised) at most ``gap`` characters apart in one sentence, either first; None unless
    there are two distinct words of two characters or more (a character stands near almost anything,
    and in a longer run a word put between two others names another thing: 就业见习示范基地补贴).
    Made once per pair: the tiers ask again for every record."""
    distinct = list(dict.fromkeys(words))
    if len(distinct) != 2 or any(len(word) < 2 for word in distinct):
        return None
    first, second = map(re.escape, distinct)
    between = "[^" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]{0," + str(gap) + "}"
    return re.compile(f"{first}{between}{second}|{second}{between}{first}")


def near_count(text: str, pattern: re.Pattern[str], together: Sequence[str]) -> int:
    """How many times the words of ``pattern`` (:func:`near_pattern`) stand near each other in ``text``;
    none when it says one of the runs ``together`` (the typed one, the drafted ones: already rewarded
    as a phrase)."""
    if any(run in text for run in together):
        return 0
    return len(pattern.findall(text))
