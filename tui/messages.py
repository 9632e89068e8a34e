"""Messages that travel up from screens and widgets to the app."""

from __future__ import annotations

from textual.message import Message


class OpenLocation(Message):
    """Ask the app to show a clause in the reader (and record the jump in history).

    ``terms`` are words to highlight there, e.g. the search terms of a hit. With
    ``resume`` and an empty address the reader returns to where the user last
    was in that document (opening it from a list), else an empty address is its top.
    """

    def __init__(self, doc: str, address: str, terms: tuple[str, ...] = (), *, resume: bool = False) -> None:
        super().__init__()
        self.doc = doc
        self.address = address
        self.terms = terms
        self.resume = resume
