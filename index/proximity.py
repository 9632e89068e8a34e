"""Words of a typed run standing near each other in one sentence, in any order.

A statute seldom prints a compound as a user types it: 申请回避 is printed
申请他们回避 or 申请审判人员回避, 赔偿损失 as 赔偿因此造成的损失, 解除劳动合同 as
解除或者终止劳动合同. The phrase bonus rewards the run standing together (as typed
or as drafted, :func:`index.compiler.drafted_runs`) and the word query the words
anywhere in the record; a clause where the words stand a few characters apart
in one sentence says the same thing and is rewarded in between
(:class:`index.literal_query.NearText`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters at most between the words of a run, all gaps together (申请审判人员回避: 4; 赔偿因此造成的损失: 5).
NEAR_GAP = 6
#: What ends a sentence in a normalised text (full-width ；！？ fold to ASCII): words on either side are apart.
SENTENCE_ENDS = frozenset("。;!?\n")


def near_words(words: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``words`` (normalised), longest first; None when there are fewer than two
    words or one is a lone character (a character stands near almost anything)."""
    distinct = list(dict.fromkeys(words))
    if len(distinct) != 2 or any(len(word) < 2 for word in distinct):
        return None
    return re.compile("|".join(map(re.escape, sorted(distinct, key=len, reverse=True))))


def near_count(text: str, pattern: re.Pattern[str], words: int, together: Sequence[str], gap: int = NEAR_GAP) -> int:
    """How many times every one of ``words`` distinct words (found by ``pattern``) stands within ``gap``
    characters of the others in one sentence of ``text``, in any order; none when ``text`` says one of
    the runs ``together`` (the typed one, the drafted ones: already rewarded as a phrase).

    From each occurrence the shortest stretch holding every word is read; a stretch counted is not
    read again.
    """
    if any(run in text for run in together):
        return 0
    found = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    count, i, length = 0, 0, len(found)
    while i < length:
        start, end, seen = found[i][0], found[i][1], {found[i][2]}
        j = i
        while len(seen) < words and j + 1 < length and found[j + 1][0] - end <= gap:
            j += 1
            end = found[j][1]
            seen.add(found[j][2])
        stretch = text[start:end]
        if len(seen) == words and len(stretch) - sum(map(len, seen)) <= gap and SENTENCE_ENDS.isdisjoint(stretch):
            count += 1
            i = j + 1
        else:
            i += 1
    return count
