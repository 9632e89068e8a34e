"""Chinese word segmentation for the index: jieba's dictionary, cut one way, cut once.

Indexing and querying must cut text identically, so everything goes through
this module. It cuts like ``jieba.tokenize(text, HMM=False)`` — the same
dictionary, the same block split and the same best-route arithmetic, checked
against jieba itself by the tests — but:

- it never imports jieba's HMM tables (``jieba.finalseg``, a third of a
  second at start-up, unused without the HMM);
- it remembers how each block of text between punctuation was cut (laws and
  plans repeat 县级以上地方人民政府 in thousands of clauses), with the
  dictionary sub-words of each word, so most of a large corpus is cut by
  dictionary look-ups rather than by jieba's route search;
- a short query does not need jieba's dictionary in memory: once the full
  dictionary has been loaded in any process, its words are kept in a small
  SQLite file (:class:`CompactDictionary`) that answers the few look-ups a
  query needs, so a command-line search starts in a fraction of a second.

It normalises full-width forms and case without changing the text's length
(offsets stay valid in the original), and drops whitespace and punctuation
while keeping positions consecutive. :func:`analyse` gives the builder a
record's terms and its word boundaries (:func:`token_positions` turns those
back into highlight positions for the hits shown).
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import logging
import math
import os
import re
import sqlite3
import sys
import threading
import types
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple, Protocol

#: Bump when the cutting rules below change: stored indexes then rebuild
#: (see :func:`index.dictionary.fingerprint`).
SEGMENTER_VERSION = "3"
#: Longest token we look inside for dictionary sub-words.
_MAX_SUBWORD_SOURCE = 16

# jieba 0.42's patterns for the accurate mode (``jieba.re_han_default`` …), copied so that cutting
# a query needs no jieba import; tests/test_segmenter.py checks they are still jieba's.
RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
RE_SKIP = re.compile("(\r\n|\\s)", re.U)
RE_ENG = re.compile("[a-zA-Z0-9]", re.U)

_lock = threading.RLock()
_jieba: Any = None  # jieba's Tokenizer once its dictionary and ours are loaded
_compact: CompactDictionary | None = None
_compact_tried = False


class Segment(NamedTuple):
    """One token: normalised ``text``, word ``pos``, and ``start``/``end`` chars in the source."""

    text: str
    pos: int
    start: int
    end: int


class Words(Protocol):
    """What cutting needs from a dictionary: jieba's ``FREQ`` shape and its total."""

    total: float

    def get(self, word: str) -> int | None: ...  # frequency; 0 for a prefix only, None when absent

    def __contains__(self, word: str) -> bool: ...


class _LazyFinalseg(types.ModuleType):
    """Stands in for ``jieba.finalseg`` (its HMM tables): imported for real only if something uses it."""

    def __getattr__(self, name: str):
        sys.modules.pop("jieba.finalseg", None)
        real = importlib.import_module("jieba.finalseg")
        sys.modules["jieba"].__dict__["finalseg"] = real
        return getattr(real, name)


def _import_jieba():
    """jieba's dictionary module without loading its HMM tables (``jieba/__init__`` imports ``finalseg``)."""
    if "jieba" not in sys.modules and "jieba.finalseg" not in sys.modules:
        # ``from . import finalseg`` in jieba/__init__ would load 0.3 s of HMM probability
        # tables; cutting with HMM=False never touches them.
        stub = _LazyFinalseg("jieba.finalseg")
        sys.modules["jieba.finalseg"] = stub
        try:
            import jieba
        finally:
            if sys.modules.get("jieba.finalseg") is stub:
                del sys.modules["jieba.finalseg"]
    import jieba

    return jieba


def ensure_jieba_loaded() -> None:
    """Load jieba's dictionary plus our domain words; idempotent and thread-safe.

    Slow the first time (about a second; longer without the prefix-dict cache),
    so a UI should call it from a worker thread before the first search.
    Afterwards the words are saved as a :class:`CompactDictionary` when none is.
    """
    global _jieba
    if _jieba is not None:
        return
    with _lock:
        if _jieba is not None:
            return
        from documents.locations import jieba_cache_dir
        from index import dictionary

        wanted = max(logging.WARNING, logging.getLogger("jieba").level)  # the TUI asks for ERROR
        jieba = _import_jieba()
        # importing jieba sets its logger to DEBUG: "Building prefix dict ..." on stderr
        jieba.setLogLevel(wanted)
        dt = jieba.dt
        cache = jieba_cache_dir()
        try:
            cache.mkdir(parents=True, exist_ok=True)
            dt.tmp_dir = str(cache)
        except OSError:
            pass  # unwritable cache: jieba falls back to the system temp dir
        dt.initialize()
        for word, freq, tag in dictionary.domain_words():
            if freq:
                dt.add_word(word, freq, tag)
            else:
                # Just enough weight that the word is never cut apart.
                dt.add_word(word, None, tag)
                dt.suggest_freq(word, tune=True)
        _forget_cuts()
        _jieba = dt
    with contextlib.suppress(OSError, sqlite3.Error):
        CompactDictionary.save(dt.FREQ, dt.total)


class _FullWords:
    """jieba's own ``FREQ`` dict, once loaded."""

    def __init__(self, dt):
        self.freq = dt.FREQ
        self.total = dt.total
        self.get = self.freq.get

    def __contains__(self, word: str) -> bool:
        return word in self.freq


class CompactDictionary:
    """jieba's final dictionary (our domain words added and tuned) as a small SQLite table.

    Loading jieba's dictionary takes most of a second; a query of a few
    characters needs a few dozen look-ups. The file is written after a full load
    and named by :func:`index.dictionary.fingerprint`, so a changed dictionary
    never answers for another.
    """

    def __init__(self, path: Path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        row = self.db.execute("select freq from words where word = ''").fetchone()
        if row is None:
            raise sqlite3.DatabaseError("no total")
        self.total = float(row[0]) / 1000.0
        self._cache: dict[str, int | None] = {}
        self._lock = threading.Lock()

    @staticmethod
    def path() -> Path:
        from documents.locations import jieba_cache_dir
        from index.dictionary import fingerprint

        return jieba_cache_dir() / f"ceyue-words-{fingerprint()}.sqlite"

    @classmethod
    def save(cls, freq: dict[str, int], total: float) -> None:
        path = cls.path()
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            tmp.unlink()
        db = sqlite3.connect(tmp)
        try:
            db.execute("create table words (word text primary key, freq integer) without rowid")
            # jieba's total is an integer sum; kept exactly as a scaled integer under the empty word
            db.execute("insert into words values ('', ?)", (round(total * 1000),))
            db.executemany("insert into words values (?, ?)", ((w, f) for w, f in freq.items() if w))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)

    @classmethod
    def open(cls) -> CompactDictionary | None:
        try:
            path = cls.path()
            return cls(path) if path.exists() else None
        except (OSError, sqlite3.Error):
            return None

    def get(self, word: str) -> int | None:
        cache = self._cache
        if word in cache:
            return cache[word]
        with self._lock:  # one connection, shared by the threads that search
            row = self.db.execute("select freq from words where word = ?", (word,)).fetchone()
        value = None if row is None else int(row[0])
        if len(cache) > 100_000:
            cache.clear()
        cache[word] = value
        return value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


def _words(full: bool) -> Words:
    """The dictionary to cut with: jieba's when loaded (or ``full`` is asked), else the compact one."""
    global _compact, _compact_tried
    if _jieba is not None:
        return _FullWords(_jieba)
    if not full:
        with _lock:
            if not _compact_tried:
                _compact_tried = True
                _compact = CompactDictionary.open()
            if _compact is not None:
                return _compact
    ensure_jieba_loaded()
    return _FullWords(_jieba)


def word_freq(word: str) -> int | None:
    """The dictionary frequency of ``word`` (0 or None when it is no word)."""
    return _words(False).get(word)


# ------------------------------------------------------------ normalising


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


_changing: re.Pattern[str] | None = None


def _changing_runs() -> re.Pattern[str]:
    """Runs of characters that :func:`normalize` changes (every character beyond the BMP is tried)."""
    global _changing
    if _changing is None:
        changing = []
        for cp in range(0x10000):
            ch = chr(cp)
            # Only a character with a decomposition or a lower case can fold to another one.
            if (unicodedata.decomposition(ch) or ch.lower() != ch) and normalize(ch) != ch:
                changing.append(re.escape(ch))
        _changing = re.compile("[" + "".join(changing) + "\U00010000-\U0010ffff]+")
    return _changing


def normalize_long(text: str) -> str:
    """:func:`normalize` for megabytes of text: a regex finds what changes and only that is translated.

    ``str.translate`` looks every character up in a Python mapping (0.43 s of CPU for the
    laws' 3.9 million characters); most Chinese text is left as it is, so this takes 0.18 s.
    """
    return _changing_runs().sub(lambda run: run.group().translate(_fold), text)


class _WordTest(dict):
    """token → whether it holds a letter or digit (cached: tokens repeat)."""

    def __missing__(self, token: str) -> bool:
        value = any(unicodedata.category(ch)[0] in "LN" for ch in token)
        if len(self) < 500_000:
            self[token] = value
        return value


_word_test = _WordTest()


def _is_word(token: str) -> bool:
    return _word_test[token]


_HAN = re.compile("[\u3400-\u9fff]")


def _has_han(token: str) -> bool:
    return _HAN.search(token) is not None


# ------------------------------------------------------------ cutting


class _LogFreqs(dict):
    """frequency → ``log(frequency) - log(total)`` (``log(1)`` for 0), computed once per distinct frequency.

    jieba's route adds ``log(freq) - logtotal`` to the best score after it; keeping that difference
    per frequency gives the same floats without a ``log`` per candidate word.
    """

    def __init__(self, total: float):
        super().__init__()
        self.total = total
        self.logtotal = math.log(total)

    def __missing__(self, freq: int) -> float:
        value = self[freq] = math.log(freq or 1) - self.logtotal
        return value


_log_freqs: _LogFreqs | None = None


def _dag_cut(sentence: str, words: Words) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one block: best route through the dictionary's words.

    jieba builds the whole DAG (every dictionary word starting at each character), then walks
    it backwards taking ``max((log(freq) - logtotal + best[x + 1], x))`` over each start's
    ends. Here each start's ends are found during that backward walk and scored at once: the
    same candidates, sums and tie-break (the larger end), without the DAG lists.
    """
    global _log_freqs
    n = len(sentence)
    get = words.get
    logs = _log_freqs
    if logs is None or logs.total != words.total:
        logs = _log_freqs = _LogFreqs(words.total)
    # jieba's route ends in the integer pair (0, 0): the sums below stay bit-identical
    score: list[float] = [0] * (n + 1)
    nxt = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = None
        end = idx
        i = idx
        frag = sentence[idx]
        while i < n:
            f = get(frag)
            if f is None:
                break
            if f:
                s = logs[f] + score[i + 1]
                if best is None or s >= best:  # ends ascend: on a tie the larger end wins, as in jieba's max
                    best, end = s, i
            i += 1
            frag = sentence[idx : i + 1]
        if best is None:  # no word starts here: the character alone, at log(its frequency or 1)
            best = logs[get(sentence[idx]) or 0] + score[idx + 1]
        score[idx] = best
        nxt[idx] = end
    out: list[str] = []
    x = 0
    buf = ""
    eng = RE_ENG.match
    while x < n:
        y = nxt[x] + 1
        word = sentence[x:y]
        if len(word) == 1 and eng(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)
    return out


#: One block's cut, flat: for each word token its text, start, end (relative to the block) and
#: dictionary sub-words as (text, start, end) within it, one token after another.
_Block = tuple
_blocks: dict[str, _Block] = {}
#: What the remembered cuts may take, estimated (:func:`_entry_bytes`): past it they are forgotten.
#: A large build's preparing workers held ~400k blocks, ~580 MB each; the hit rate on a varied
#: corpus stays the same with this (~250k distinct blocks in 270k records).
BLOCK_CACHE_BYTES = 160 << 20
_block_bytes = 0
#: One string per distinct word of the cuts remembered (a block's words are slices of it).
_pieces: dict[str, str] = {}
_subs_cache: dict[str, tuple[tuple[str, int, int], ...]] = {}
#: What :func:`analyse` takes of a remembered block: its terms in order and its word boundaries as
#: bits of an int, so a record is put together a block at a time rather than a word at a time.
_views: dict[str, tuple[tuple[str, ...], int]] = {}


def _forget_cuts() -> None:
    global _block_bytes
    _blocks.clear()
    _views.clear()
    _pieces.clear()
    _block_bytes = 0


def clear_caches() -> None:
    """Forget every remembered cut (for measurements that must start cold)."""
    _forget_cuts()
    _subs_cache.clear()
    _analysed.clear()


def _entry_bytes(block: str, flat: tuple) -> int:
    """About what remembering ``block``'s cut costs: the key, its table slot and the flat tuple."""
    return 160 + 2 * len(block) + 8 * len(flat)


def _subwords(word: str, words: Words) -> tuple[tuple[str, int, int], ...]:
    """The dictionary words inside ``word`` (not ``word`` itself), as (text, start, end) within it."""
    cached = _subs_cache.get(word)
    if cached is not None:
        return cached
    out = []
    length = len(word)
    if 2 < length <= _MAX_SUBWORD_SOURCE and _has_han(word):
        get = words.get
        for i in range(length - 1):
            for j in range(i + 2, length + 1 if i else length):
                sub = word[i:j]
                if get(sub) and _is_word(sub):
                    out.append((sub, i, j))
    result = tuple(out)
    if len(_subs_cache) > 200_000:
        _subs_cache.clear()
    _subs_cache[word] = result
    return result


def _cut_block(block: str, words: Words, full: bool) -> _Block:
    """A block of jieba's split: a run of 汉字/letters/digits, or anything between two such runs."""
    global _block_bytes
    cached = _blocks.get(block) if full else None
    if cached is not None:
        return cached
    if RE_HAN.fullmatch(block):
        pieces = _dag_cut(block, words)
    else:
        pieces = []
        for x in RE_SKIP.split(block):
            if not x:
                continue
            if RE_SKIP.fullmatch(x):
                pieces.append(x)
            else:
                pieces.extend(x)
    out: list = []
    start = 0
    if not full:
        for piece in pieces:
            end = start + len(piece)
            if _is_word(piece):
                out += (piece, start, end, ())
            start = end
        return tuple(out)
    if _block_bytes >= BLOCK_CACHE_BYTES:
        _forget_cuts()
    pieces_seen = _pieces
    for piece in pieces:
        end = start + len(piece)
        if _is_word(piece):
            kept = pieces_seen.get(piece)
            if kept is None:
                kept = pieces_seen[piece] = piece
                _block_bytes += 120 + 2 * len(piece)
            out += (kept, start, end, _subwords(kept, words))
        start = end
    result: _Block = tuple(out)
    _blocks[block] = result
    _block_bytes += _entry_bytes(block, result)
    return result


def _view(block: str, words: Words) -> tuple[tuple[str, ...], int]:
    """``block``'s terms (each word, then its sub-words) and word boundaries (bit i: a word starts
    or ends at offset i), remembered with its cut."""
    global _block_bytes
    view = _views.get(block)
    if view is not None:
        return view
    tokens = _cut_block(block, words, True)
    terms: list[str] = []
    bounds = 0
    step = iter(tokens)
    for word, start, end, subs in zip(step, step, step, step, strict=True):
        terms.append(word)
        if subs:
            terms.extend(sub for sub, _, _ in subs)
        bounds |= (1 << start) | (1 << end)
    view = _views[block] = (tuple(terms), bounds)
    _block_bytes += 100 + 8 * len(terms) + len(block) // 8
    return view


def _blocks_of(norm: str, full: bool):
    """(offset, block) for each block jieba's ``cut`` would make of normalised text."""
    words = _words(full)
    offset = 0
    for blk in RE_HAN.split(norm):
        if not blk:
            continue
        yield offset, _cut_block(blk, words, full)
        offset += len(blk)


def segment(text: str, *, subwords: bool = False) -> list[Segment]:
    """Cut ``text`` into word tokens with consecutive positions.

    With ``subwords`` (used when indexing), a long token such as 省发展改革委 also
    yields the dictionary words inside it (发展, 改革, 发展改革委 …) at the same
    position, so a query for a shorter word still finds it; phrases keep working
    because the main tokens' positions stay consecutive. Without ``subwords`` a
    short text is cut against the compact dictionary when jieba is not loaded.
    """
    full = subwords or _jieba is not None or len(text) > 64
    out: list[Segment] = []
    pos = 0
    for offset, tokens in _blocks_of(normalize(text), full):
        step = iter(tokens)
        for word, start, end, subs in zip(step, step, step, step, strict=True):
            out.append(Segment(word, pos, offset + start, offset + end))
            if subwords:
                base = offset + start
                out.extend(Segment(sub, pos, base + i, base + j) for sub, i, j in subs)
            pos += 1
    return out


def terms(text: str) -> list[str]:
    """Just the token texts of ``text`` (query side: no sub-words)."""
    return [seg.text for seg in segment(text)]


_analysed: dict[str, tuple[list[str], bytes]] = {}


def analyse(text: str) -> tuple[list[str], bytes]:
    """What the index keeps of ``text``: every term (main words and sub-words, in order) and
    its word boundaries (:func:`boundaries`), from one cut.

    The builder asks for the boundaries and the Whoosh field for the terms of
    the same text, so the last few results are remembered.
    """
    found = _analysed.get(text)
    if found is not None:
        return found
    words = _words(True)
    out: list[str] = []
    bounds = 0
    offset = 0
    for blk in RE_HAN.split(normalize(text)):
        if not blk:
            continue
        terms, bits = _view(blk, words)
        if terms:
            out += terms
            bounds |= bits << offset
        offset += len(blk)
    result = (out, bounds.to_bytes((len(text) >> 3) + 1, "little").rstrip(b"\x00"))
    if len(_analysed) >= 64:
        _analysed.clear()
    _analysed[text] = result
    return result


#: The bits set in each byte value, lowest first (a record's word boundaries are a bit per character).
_BITS_SET = [tuple(b for b in range(8) if byte >> b & 1) for byte in range(256)]


def token_positions(norm: str, marks: bytes, wanted: set[str]) -> dict[str, list[tuple[int, int, int]]]:
    """``{word: [(pos, start, end), …]}`` for the ``wanted`` words of one record, as indexed.

    ``norm`` is the record's normalised text and ``marks`` its word boundaries
    from :func:`analyse` (a bit per character where a word starts or ends): the
    pieces between marks that hold a letter or digit are the words, numbered
    as :func:`segment` numbers them, and a sub-word is found inside its word.
    """
    out: dict[str, list[tuple[int, int, int]]] = {}
    if not wanted or not marks:
        return out
    cuts = [i * 8 + b for i, byte in enumerate(marks) if byte for b in _BITS_SET[byte]]
    inner = [w for w in wanted if len(w) >= 2]
    is_word = _word_test.__getitem__
    pos = 0
    for a, b in itertools.pairwise(cuts):
        piece = norm[a:b]
        if not is_word(piece):
            continue
        if piece in wanted:
            out.setdefault(piece, []).append((pos, a, b))
        length = b - a
        if inner and 2 < length <= _MAX_SUBWORD_SOURCE and _has_han(piece):
            for sub, i, j in _inner_words(piece, inner):
                out.setdefault(sub, []).append((pos, a + i, a + j))
        pos += 1
    return out


def _inner_words(piece: str, inner: list[str]) -> list[tuple[str, int, int]]:
    """The sub-words :func:`segment` emits inside ``piece`` that are among ``inner``, in its order."""
    found = []
    length = len(piece)
    for word in inner:
        k = len(word)
        if k >= length:
            continue
        at = piece.find(word)
        while at != -1:
            found.append((at, at + k, word))
            at = piece.find(word, at + 1)
    if not found:
        return []
    words = _words(False)
    found.sort()
    return [(w, i, j) for i, j, w in found if words.get(w) and _is_word(w)]
