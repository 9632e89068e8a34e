"""Messages that travel up from screens and widgets to the app."""

from __future__ import annotations

from textual.message import Message


class OpenLocation(Message):
    """Ask the app to show a clause in the reader (and record the jump in history).

    ``terms`` are words to highlight there, e.g. the search terms of a hit.
    """

    def __init__(self, doc: str, address: str, terms: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.doc = doc
        self.address = address
        self.terms = terms
