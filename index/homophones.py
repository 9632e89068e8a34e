"""Typos by sound: a typed word the library lacks, respelled with same-sound characters it has.

People type Chinese with pinyin input methods, so the commonest slip is a
homophone picked from the candidate list: 羊山港 for 洋山港, 外摊 for 外滩,
苏洲河 for 苏州河. Where a word of a query (or the whole of a short unit) is in
no record, or in hardly any, each of its characters is swapped for the others
of the same toneless sound (``data/homophones.txt``, written by
``scripts/homophones.py``) — one swap, or two when one finds nothing — and the
spellings the library holds are kept, those in the most records first. A word
the library holds is never respelled, and a two-character respelling must be a
word of the dictionary (not two characters that happen to meet in some text). The candidates are bounded: only
characters the library holds, next to neighbours it holds them beside (one
lookup each in the gram table), before any text is read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise, product
from pathlib import Path

from index.once import loaded_once
from index.segmenter import segment, word_freq

DATA_FILE = Path(__file__).parent / "data" / "homophones.txt"
#: A piece in at most this many records counts as missing (one stray typo in the library does not
#: hide the spelling everyone else prints) …
NEARLY_ABSENT = 1
#: … when a respelling is in at least this many times as many records.
MORE_RECORDS = 3
#: Records counted per spelling (enough to rank them; the count stops early).
COUNTED = 50
#: Same-sound spellings kept per piece.
KEPT = 2
#: Candidate spellings read from the texts per piece, at most (each is a scan of the blocks that may hold it).
CHECKED = 200
#: Pieces this long or longer may have two characters swapped (two in a shorter one make another word).
TWO_SWAPS = 4
#: Characters read on each side of a respelling in the text that holds it, to see where its words begin and end.
CONTEXT = 12
#: Pieces longer than this are not respelled as a whole (their words are).
LONGEST = 6


@dataclass(frozen=True)
class Library:
    """What the respelling asks of the library (the literal text table answers both)."""

    #: Whether some record holds this character, or these two side by side.
    has_gram: Callable[[str], bool]
    #: How many records hold this string, counted up to the given number.
    records_with: Callable[[str, int], int]
    #: The text of a record holding this string ("" for none).
    text_with: Callable[[str], str]


@dataclass(frozen=True)
class Respelling:
    """``typed`` (a piece of a unit) is in ``typed_records`` records; ``spelling`` is in ``records``."""

    start: int
    typed: str
    spelling: str
    typed_records: int
    records: int


class Homophones:
    """Character -> the other common characters of its sound."""

    def __init__(self, groups: Sequence[str]):
        self._same: dict[str, str] = {}
        for chars in groups:
            for ch in chars:
                self._same[ch] = self._same.get(ch, "") + chars.replace(ch, "")

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Homophones:
        groups = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                groups.append(line.split("\t")[1])
        return cls(groups)

    def of(self, ch: str) -> str:
        """The other characters sounding like ``ch`` ("" for none, or a character not in the table)."""
        return self._same.get(ch, "")

    def respell(self, piece: str, library: Library, kept: Collection[int] = ()) -> list[tuple[str, int]]:
        """Spellings of ``piece`` one same-sound character away (two when one finds none) that the
        library holds, with how many records hold each, the most first (at most :data:`KEPT`); the
        characters at ``kept`` stay as typed."""
        options = [[] if i in kept else self._options(piece, i, library) for i in range(len(piece))]
        found = self._held(piece, options, 1, library)
        if not found and len(piece) >= TWO_SWAPS:
            found = self._held(piece, options, 2, library)
        return sorted(found, key=lambda f: -f[1])[:KEPT]

    def _options(self, piece: str, i: int, library: Library) -> list[str]:
        """Same-sound characters for position ``i`` that the library holds beside the typed neighbours
        (a neighbour that is itself swapped is checked with the pair, see :meth:`_held`)."""
        out = []
        for ch in self.of(piece[i]):
            if not library.has_gram(ch):
                continue
            if i > 0 and not library.has_gram(piece[i - 1] + ch) and not self.of(piece[i - 1]):
                continue
            if i + 1 < len(piece) and not library.has_gram(ch + piece[i + 1]) and not self.of(piece[i + 1]):
                continue
            out.append(ch)
        return out

    @staticmethod
    def _held(piece: str, options: list[list[str]], swaps: int, library: Library) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        checked = 0
        for positions in combinations(range(len(piece)), swaps):
            for chars in product(*(options[i] for i in positions)):
                spelled = list(piece)
                for i, ch in zip(positions, chars, strict=True):
                    spelled[i] = ch
                candidate = "".join(spelled)
                if not all(map(library.has_gram, map("".join, pairwise(candidate)))):
                    continue  # some pair of it is in no record: no text to read
                checked += 1
                if checked > CHECKED:
                    return found
                records = library.records_with(candidate, COUNTED)
                if records and stands_whole(candidate, library.text_with(candidate)):
                    found.append((candidate, records))
        return found


def word_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where each of ``words`` (``text`` cut by the segmenter) stands in ``text``."""
    spans = []
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            break
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def pieces(text: str, words: Sequence[str]) -> list[tuple[int, str]]:
    """Where a typo may sit in ``text`` (a unit, normalised, no spaces), cut into ``words``: the whole
    unit, each word of two characters or more and every run of words of 3 to :data:`LONGEST` characters (the
    segmenter breaks up a misspelt name, 羊山 + 港, so no word of it may hold the typo), the longest
    first. Two single characters inside a unit are no piece (废法 of 固废法 is not a misspelt 非法)."""
    spans = word_spans(text, words)
    cuts = sorted({0, len(text), *(a for a, _ in spans), *(b for _, b in spans)})
    runs = [(a, text[a:b]) for i, a in enumerate(cuts) for b in cuts[i + 1 :] if 3 <= b - a <= LONGEST]
    alone = [(a, text[a:b]) for a, b in [(0, len(text)), *spans] if 2 <= b - a <= LONGEST]
    return sorted(dict.fromkeys([*runs, *alone]), key=lambda s: (-len(s[1]), s[0]))


def stands_whole(spelling: str, text: str) -> bool:
    """Whether ``spelling`` stands in ``text`` as whole words, not as the end of one word and the
    start of the next (食按标准 in 粮食按标准): a respelling is a word the library prints, not
    characters that happen to meet. It may end inside a longer word when its part of that word is a
    word itself (番禺 in 番禺区)."""
    at = text.find(spelling)
    if at < 0:
        return False
    lo = max(0, at - CONTEXT)
    window = text[lo : at + len(spelling) + CONTEXT]
    start, end = at - lo, at - lo + len(spelling)
    for seg in segment(window):
        if seg.start < start < seg.end and not _word(window[start : min(end, seg.end)]):
            return False
        if seg.start < end < seg.end and not _word(window[max(start, seg.start) : end]):
            return False
    return True


def _word(text: str) -> bool:
    return len(text) >= 2 and bool(word_freq(text))


def respellings(text: str, words: Sequence[str], library: Library) -> list[Respelling]:
    """The pieces of ``text`` missing from the library (or nearly) that a same-sound spelling it holds
    fixes, each with its best spellings; a piece inside a longer one already fixed is left alone, and
    a word of two characters or more that the library prints is never respelled (食用 of 禁止食用)."""
    out: list[Respelling] = []
    table = load_homophones()
    held = {
        i
        for a, b in word_spans(text, words)
        if b - a >= 2 and library.records_with(text[a:b], NEARLY_ABSENT + 1) > NEARLY_ABSENT
        for i in range(a, b)
    }
    for start, piece in pieces(text, words):
        if any(r.start <= start and start + len(piece) <= r.start + len(r.typed) for r in out):
            continue
        kept = {i - start for i in held if start <= i < start + len(piece)}
        if len(kept) == len(piece):
            continue
        typed = library.records_with(piece, NEARLY_ABSENT + 1)
        if typed > NEARLY_ABSENT:
            continue
        for spelling, records in table.respell(piece, library, kept):
            if len(spelling) == 2 and not word_freq(spelling):
                continue  # two characters that merely meet in some text are not the word meant
            if records >= max(1, typed * MORE_RECORDS):
                out.append(Respelling(start, piece, spelling, typed, records))
    return out


def respelled(text: str, found: Sequence[Respelling]) -> list[str]:
    """``text`` with each respelling applied alone, then with the best of every piece together."""
    out = [text[: r.start] + r.spelling + text[r.start + len(r.typed) :] for r in found]
    best: dict[int, Respelling] = {}
    for r in found:
        if r.start not in best or best[r.start].records < r.records:
            best[r.start] = r
    if len(best) > 1:
        together = list(text)
        for r in best.values():
            together[r.start : r.start + len(r.typed)] = r.spelling
        out.insert(0, "".join(together))
    return list(dict.fromkeys(out))


@loaded_once
def load_homophones() -> Homophones:
    return Homophones.load()
