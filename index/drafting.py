"""Drafting forms of Chinese laws and policies that say a clause defines a term (or, for a body, its duties).

Besides ``本法所称X，是指…`` a law defines a term by naming it at the end of
the sentence that describes it: ``犯罪以后自动投案，如实供述自己的罪行的，是自首。``,
``…所得的下列财产，为夫妻的共同财产``, ``…的企业事业单位…为环境保护税的纳税人。``
An article that lists the term's cases says ``履行下列职责：`` / ``符合下列条件的``.
A reader typing the term wants that clause before those that only use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters that end the defining phrase (the text is normalised: half-width punctuation).
_END = ",，。;；:："
#: Words ending in 为 that are not the copula (作为, 行为, 认为 …).
_NOT_COPULA = "作行认成因视更改称定列"
#: What introduces an article's enumeration of what it names (下列职责, 下列条件).
ENUMERATION = "下列"
#: At most this many characters between 是/为 and the term (为夫妻的共同财产: 夫妻的).
GAP = 8


#: What may not stand between 是/为 and the term.
_GAP_STOPS = frozenset(_END + "、")
_COPULA_CHARS = "是为"
_SENTENCE_STOPS = "。;；"


def _frames(text: str, term: str) -> bool:
    """…的，是X / …，为X followed by any stop; …为X only when X closes the sentence: 是/为 at most
    ``GAP`` characters before X, none of them a stop or 、. (A walk back from each X: compiling a
    pattern per typed term cost more than a first search's whole scan.)"""
    start = text.find(term)
    last = len(text) - 1
    while start >= 0:
        end = start + len(term)
        after = text[end : end + 1]
        at_end = not after or (after == "\n" and end == last)  # where a pattern's $ matches
        if at_end or after in _END:
            closes_sentence = at_end or after in _SENTENCE_STOPS
            q = start - 1
            while q >= 0 and start - 1 - q <= GAP:
                ch = text[q]
                if ch in _COPULA_CHARS:
                    before = text[q - 1] if q else ""
                    if before and before in ",，":
                        return True
                    if closes_sentence and not (before and before in _NOT_COPULA):
                        return True
                if ch in _GAP_STOPS:
                    break
                q -= 1
        start = text.find(term, start + 1)
    return False


def defines(text: str, terms: Sequence[str], words: Sequence[str] = ()) -> bool:
    """Whether ``text`` ends a sentence by naming one of ``terms`` after 是/为 (…的，是自首。), or
    introduces the list of one of ``words`` (中国人民银行履行下列职责：, 符合下列条件的): the article that sets them out."""
    return any(len(term) >= 2 and term in text and _frames(text, term) for term in terms) or any(
        len(word) >= 2 and f"{ENUMERATION}{word}" in text for word in words
    )


#: How a clause defines or scopes a term: 本法所称X，是指… / X是指… / …X…，适用本法.
_NAMING = "所称"
_MEANING = "是指"
SCOPING = ("适用本办法", "适用本法", "适用本条例", "适用本规定")
_SCOPING_STEM = "适用本"
#: At most this many characters between 所称 and the term, or between the term and 是指.
NAMING_GAP = 12
#: What says what a term is or comes to right after it (标准为每人每月…, 不可抗力是…), and what
#: after them makes another word (为了, 是否).
_COPULAS = ("为", "是")
_NOT_AFTER_COPULA = ("了", "否", "由", "止")
#: 以…为 takes a term as something (以开发区为龙头); the clause breaks it cannot reach over.
_TAKING = "以"
_CLAUSE_BREAKS = ",，、。;；:："
#: What introduces the short name of what the sentence named: （以下简称《规划》）.
_SHORT_NAME = "以下简称"
_SENTENCE_ENDS = "。;；"


def _short_named(text: str) -> list[str]:
    """What each （以下简称…） gives a short name to: the 《title》 right before it, else the
    ``NAMING_GAP`` characters before it."""
    names = []
    pos = text.find(_SHORT_NAME)
    while pos >= 0:
        head = text[:pos].rstrip("(（")
        if head.endswith("》") and "《" in head:
            names.append(head[head.rfind("《") + 1 : -1])
        else:
            names.append(head[-NAMING_GAP:])
        pos = text.find(_SHORT_NAME, pos + 1)
    return names


def _names_kind(name: str, needles: Sequence[str], units: Sequence[Sequence[str]]) -> bool:
    """Whether ``name`` is of a kind typed: it ends with a needle, or ends with a unit's last
    word and has all its words (《黄浦区历史风貌保护和利用“十四五”规划》 for 历史风貌 保护 规划)."""
    name = name.rstrip('》”"')
    return any(len(n) >= 2 and name.endswith(n) for n in needles) or any(
        len(words) > 1 and name.endswith(words[-1]) and all(w in name for w in words) for words in units
    )


def _taken_as(text: str, start: int) -> bool:
    """Whether the term at ``start`` is the object of 以…为 (以国家级开发区为龙头): taken as
    something, not said what it is."""
    before = text[max(0, start - NAMING_GAP) : start]
    cut = max(before.rfind(ch) for ch in _CLAUSE_BREAKS)
    return _TAKING in before[cut + 1 :]


def _sets(text: str, needles: Sequence[str]) -> bool:
    """Whether ``text`` says what the term is or comes to, the term right before 为/是:
    ``全市城乡最低生活保障标准为每人每月1309元``, ``不可抗力是不能预见…的客观情况`` (not 以…为)."""
    for needle in needles:
        for copula in _COPULAS:
            joined = needle + copula
            start = text.find(joined)
            while start >= 0:
                if text[start + len(joined) : start + len(joined) + 1] not in _NOT_AFTER_COPULA and not _taken_as(
                    text, start
                ):
                    return True
                start = text.find(joined, start + 1)
    return False


def _named_in_form(text: str, needle: str) -> bool:
    """Whether an occurrence of ``needle`` stands after 所称, before 是指, or in a sentence ending 适用本法."""
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if _NAMING in text[max(0, start - NAMING_GAP) : start] or text[end : end + 4].lstrip(",，").startswith(
            _MEANING
        ):
            return True
        stops = [i for i in (text.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
        if any(mark in text[start : min(stops, default=len(text))] for mark in SCOPING):
            return True
        start = text.find(needle, end)
    return False


def defines_named(text: str, needles: Sequence[str], units: Sequence[Sequence[str]] = ()) -> bool:
    """Whether ``text`` defines or scopes one of ``needles`` in the forms laws and policies use:
    the term after 所称 (本法所称电信网络诈骗，是指…), just before 是指 or 为/是 (诉讼时效期间为三年),
    in the sentence that ends 适用本法, or given a short name (…规划》（以下简称《规划》）, see :func:`_names_kind`
    for ``units``, each unit's words) — not a clause that defines another term and mentions this one after."""
    needles = [n for n in needles if len(n) >= 2 and n in text]
    if not needles and not units:
        return False
    if _SHORT_NAME in text and any(_names_kind(name, needles, units) for name in _short_named(text)):
        return True
    if _sets(text, needles):
        return True
    if _NAMING in text or _MEANING in text or _SCOPING_STEM in text:
        return any(_named_in_form(text, needle) for needle in needles)
    return False


#: How a typed unit names a body (监管部门, 公安机关, 经办机构, 市场监管局, 住建厅, 发改委). (A typed 职责 is answered
#: by the article listing them, 履行下列职责, see :func:`defines`.)
BODY_ENDS = ("部门", "机关", "机构", "局", "厅", "委")
#: How a law assigns a body its work: 负责…工作, 依照本法规定的职责, 对…工作实施统一监督管理.
DUTY_MARKS = ("负责", "职责", "职权", "实施监督管理", "实施统一监督管理")


def names_body(unit: str) -> bool:
    """Whether a typed unit asks for a body (食品安全 监管部门)."""
    return len(unit) >= 2 and unit.endswith(BODY_ENDS)


def assigns_duty(text: str) -> bool:
    """Whether ``text`` assigns a body its work — the article a reader asking "who regulates X"
    wants before those where the body only acts (…部门应当会同…)."""
    return any(mark in text for mark in DUTY_MARKS)


#: A closing provision: the document (本办法, 本通知, 本措施 …) takes effect, runs out, repeals another or
#: names who interprets or carries it out (本通知自印发之日起施行，有效期5年。…同时废止).
CLOSING = re.compile(
    r"^本(?:实施)?(?:办法|通知|措施|规定|细则|意见|条例|法|决定|方案|规划|要点|政策|计划|规则|指引|公告)"
    r"[^。；]{0,60}?(?:起施行|起实施|起执行|有效期|负责解释|负责组织实施|同时废止)"
)


def is_closing(text: str) -> bool:
    """Whether ``text`` (normalised) is a closing provision: it names its document, not a subject."""
    return CLOSING.match(text.lstrip()) is not None
