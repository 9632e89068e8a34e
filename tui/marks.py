"""Review marks: the glyph and name of each, and the legend that explains them (help, review panel).

The reader draws the glyphs in its gutter and the review panel beside each
entry; both take them from here so the legend cannot disagree with either.
"""

from __future__ import annotations

from tui.i18n import N_, _

#: Mark -> (glyph, name). Keys 1 2 3 in the reader set them in this order.
MARKS: dict[str, tuple[str, str]] = {
    "reviewed": ("✓", N_("reviewed")),
    "flagged": ("⚑", N_("flagged")),
    "question": ("?", N_("question")),
}
NOTE = ("✎", N_("note"))
#: A marked clause whose text changed since the mark or note was made.
CHANGED = ("!", N_("changed since"))


def glyph(mark: str | None) -> str:
    """The glyph of ``mark``; a note without a mark shows the note's."""
    return MARKS.get(mark or "", NOTE)[0]


def mark_name(mark: str) -> str:
    return _(MARKS[mark][1])


def legend() -> str:
    """``✓ reviewed  ⚑ flagged  ? question  ✎ note  ! changed since``, in the interface language."""
    return "  ".join(f"{g} {_(name)}" for g, name in (*MARKS.values(), NOTE, CHANGED))
