"""A Textual line filter that keeps control characters in widget text from reaching the terminal.

Every string from a document, a file name, a query or a note is made visible
by :func:`tui.console.safe.clean` before it is laid out; this filter is the
last line of defence for any that was not (a notification, a sub-title): it
removes the control characters from each rendered segment. Rich measures them
as zero cells wide, so removing them keeps the layout as it was.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from tui.console.safe import has_controls, strip_controls


class ControlCharacterFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # Every line drawn passes here: one scan of the line's text, and its segments as they are when it
        # holds no control character (nearly always), rather than a translation and a test per segment.
        if not has_controls("".join([segment.text for segment in segments])):
            return segments
        out = []
        for segment in segments:
            text = segment.text
            if segment.control is None and text != (cleaned := strip_controls(text)):
                segment = Segment(cleaned, segment.style)
            out.append(segment)
        return out
