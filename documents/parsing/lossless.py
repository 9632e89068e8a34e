"""Checking that parsing lost and duplicated nothing.

Every character of the source, once conversion noise and whitespace are set
aside, must appear exactly once and in order in the parsed pieces: headings,
clauses, table cells and notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from documents.model import Clause, Document
from documents.parsing.noise import squash


def source_pieces(document: Document) -> Iterator[str]:
    """The parsed text in reading order, as it stood in the source."""
    for section, block in document.printed():
        if block is None:
            if section.raw_heading:
                yield section.raw_heading
        elif isinstance(block, Clause):
            yield block.text
        else:
            yield from block.source_cells


def divergence(document: Document, source: str) -> str | None:
    """None if the parse of ``source`` is lossless, else where the parsed text first departs from it."""
    expected = squash(source)
    actual = squash("".join(source_pieces(document)))
    if expected == actual:
        return None
    i = next(
        (k for k, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), min(len(expected), len(actual))
    )
    return (
        f"at char {i} of {len(expected)}: source has …{expected[max(0, i - 15) : i + 25]}…, "
        f"parse has …{actual[max(0, i - 15) : i + 25]}…"
    )
