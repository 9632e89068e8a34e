"""Highlight spans and snippets.

Spans come from the word boundaries stored at indexing time with each record
(:func:`index.segmenter.token_positions`), so a highlight always covers whole
tokens — the same tokens the index matched — and no text is segmented again at
query time.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

#: Longest snippet, in characters (without the ellipses).
SNIPPET_WIDTH = 96
#: How far before the first highlight a snippet starts, at most.
_LEAD = 28
_BREAK = re.compile(r"[。；;！？!?\n]")
_SOFT_BREAK = re.compile(r"[，,、：:\s|]")


def sequence_spans(positions: dict[str, list[tuple[int, int, int]]], sequences: list[tuple[str, ...]]) -> list[Span]:
    """Character spans where each word sequence occurs at consecutive positions."""
    spans: list[Span] = []
    for seq in sequences:
        first = positions.get(seq[0])
        if not first:
            continue
        if len(seq) == 1:
            spans.extend((s, e) for _, s, e in first)
            continue
        later = []
        for word in seq[1:]:
            found = positions.get(word)
            if not found:
                break
            later.append({p: e for p, _, e in found})
        else:
            for pos, start, _ in first:
                end = None
                for offset, ends in enumerate(later, start=1):
                    end = ends.get(pos + offset)
                    if end is None:
                        break
                if end is not None:
                    spans.append((start, end))
    return spans


def term_spans(text: str, terms: list[str]) -> list[Span]:
    """Where the query's words (two characters or more) stand in a short text such as a title."""
    spans: list[Span] = []
    for term in terms:
        if len(term) < 2:
            continue
        at = text.find(term)
        while at != -1:
            spans.append((at, at + len(term)))
            at = text.find(term, at + len(term))
    return merge(spans)


def merge(spans: list[Span], text: str | None = None) -> list[Span]:
    """Sorted union of ``spans``; spans that touch (or are separated only by quotes) join."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or (text is not None and _only_quotes(text[out[-1][1] : start]))):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _only_quotes(gap: str) -> bool:
    return 0 < len(gap) <= 2 and all(ch in "“”\"‘’'" for ch in gap)


def snippet(text: str, spans: list[Span], width: int = SNIPPET_WIDTH) -> tuple[str, list[Span]]:
    """An excerpt of ``text`` around its first highlights, with spans moved into it.

    Cut at a sentence or clause break where one is near; never through a
    highlighted word; ``…`` marks a cut. Newlines become spaces (same length).
    """
    flat = text.replace("\n", " ")
    if len(text) <= width:
        return flat, list(spans)
    anchor = spans[0][0] if spans else 0
    start = max(0, anchor - _LEAD)
    if start:
        window = text[start:anchor]
        hard = [m.end() for m in _BREAK.finditer(window)]
        soft = [m.end() for m in _SOFT_BREAK.finditer(window)]
        if hard:
            start += hard[-1]
        elif soft:
            start += soft[0]
    end = min(len(text), start + width)
    for s, e in spans:
        if s < end < e:
            end = e
    if end < len(text):
        tail = text[max(start, end - 16) : end]
        breaks = [m.end() for m in _BREAK.finditer(tail)]
        if breaks:
            cut = end - len(tail) + breaks[-1]
            if all(not (s < cut < e) for s, e in spans) and cut > anchor:
                end = cut
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + flat[start:end] + suffix, moved
