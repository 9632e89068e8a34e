"""Chinese word segmentation for the index: jieba, configured once, used one way.

Indexing and querying must cut text identically, so everything goes through
:func:`segment`. It runs jieba without the HMM (unknown runs fall to single
characters the same way in a document and in a query, so phrases still line
up), normalises full-width forms and case without changing the text's length
(offsets stay valid in the original), and drops whitespace and punctuation
while keeping positions consecutive.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from typing import NamedTuple

import jieba

# jieba logs "Building prefix dict ..." at DEBUG to stderr; keep the terminal clean.
jieba.setLogLevel(logging.WARNING)
jieba.default_logger.setLevel(logging.WARNING)

#: Bump when the cutting rules below change: stored indexes then rebuild
#: (see :func:`index.dictionary.fingerprint`).
SEGMENTER_VERSION = "3"
#: Longest token we look inside for dictionary sub-words.
_MAX_SUBWORD_SOURCE = 16

_lock = threading.RLock()
_loaded = False


class Segment(NamedTuple):
    """One token: normalised ``text``, word ``pos``, and ``start``/``end`` chars in the source."""

    text: str
    pos: int
    start: int
    end: int


#: Recently cut texts: a record's text is analysed twice (postings and term
#: vector) and its title and heading path repeat across a document's records.
_CACHE_SIZE = 4096
_cache: dict[tuple[str, bool], tuple[Segment, ...]] = {}


def ensure_jieba_loaded() -> None:
    """Load jieba's dictionary plus our domain words; idempotent and thread-safe.

    Slow the first time (about a second; longer without the prefix-dict cache),
    so a UI should call it from a worker thread before the first search.
    """
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        from documents.locations import jieba_cache_dir
        from index import dictionary

        cache = jieba_cache_dir()
        try:
            cache.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache)
        except OSError:
            pass  # unwritable cache: jieba falls back to the system temp dir
        jieba.dt.initialize()
        words = dictionary.domain_words()
        for word, freq, tag in words:
            if freq:
                jieba.dt.add_word(word, freq, tag)
            else:
                # Just enough weight that the word is never cut apart.
                jieba.dt.add_word(word, None, tag)
                jieba.dt.suggest_freq(word, tune=True)
        _loaded = True


class _FoldTable(dict):
    """``str.translate`` table filled lazily: each distinct character is folded once."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) != 1:
            folded = ch
        lowered = folded.lower()
        if len(lowered) == 1:
            folded = lowered
        self[cp] = folded
        return folded


_fold = _FoldTable()


def normalize(text: str) -> str:
    """Full-width → half-width, compatibility forms folded, lower case; same length as ``text``."""
    return text.translate(_fold)


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def _has_han(token: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in token)


def segment(text: str, *, subwords: bool = False) -> list[Segment]:
    """Cut ``text`` into word tokens with consecutive positions.

    With ``subwords`` (used when indexing), a long token such as 省发展改革委 also
    yields the dictionary words inside it (发展, 改革, 发展改革委 …) at the same
    position, so a query for a shorter word still finds it; phrases keep working
    because the main tokens' positions stay consecutive.
    """
    ensure_jieba_loaded()
    key = (text, subwords)
    cached = _cache.get(key)
    if cached is not None:
        return list(cached)
    out = _segment(text, subwords)
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[key] = tuple(out)
    return out


def _segment(text: str, subwords: bool) -> list[Segment]:
    norm = normalize(text)
    freq = jieba.dt.FREQ
    out: list[Segment] = []
    pos = 0
    for word, start, end in jieba.dt.tokenize(norm, HMM=False):
        if not _is_word(word):
            continue
        out.append(Segment(word, pos, start, end))
        length = end - start
        if subwords and 2 < length <= _MAX_SUBWORD_SOURCE and _has_han(word):
            for i in range(length - 1):
                for j in range(i + 2, length + 1 if i else length):
                    sub = word[i:j]
                    if freq.get(sub) and _is_word(sub):
                        out.append(Segment(sub, pos, start + i, start + j))
        pos += 1
    return out


def terms(text: str) -> list[str]:
    """Just the token texts of ``text`` (query side: no sub-words)."""
    return [seg.text for seg in segment(text)]
