"""Messages that travel up from screens and widgets to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index.results import SearchResults


class OpenLocation(Message):
    """Ask the app to show a clause in the reader (and record the jump in history).

    ``terms`` are words to highlight there, e.g. the search terms of a hit. With
    ``resume`` and an empty address the reader returns to where the user last
    was in that document (opening it from a list), else an empty address is its top.
    ``row`` picks a row of the table at ``address`` (1 for the first, as in a search hit).
    """

    def __init__(
        self, doc: str, address: str, terms: tuple[str, ...] = (), *, resume: bool = False, row: int | None = None
    ) -> None:
        super().__init__()
        self.doc = doc
        self.address = address
        self.terms = terms
        self.resume = resume
        self.row = row


class OpenHit(Message):
    """Open hit ``index`` of ``results`` in the reader; the app keeps the results for next/previous hit."""

    def __init__(self, results: SearchResults, index: int) -> None:
        super().__init__()
        self.results = results
        self.index = index


class StepHit(Message):
    """Go to the next (``delta`` 1) or previous (-1) hit of the last search."""

    def __init__(self, delta: int) -> None:
        super().__init__()
        self.delta = delta


class StepHistory(Message):
    """Go back (``delta`` -1) or forward (1) in the reader's history."""

    def __init__(self, delta: int) -> None:
        super().__init__()
        self.delta = delta


class LeaveMode(Message):
    """The user closed a place (search, reader, compare, review, diff); the app goes back to where they came from."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode


class SessionChanged(Message):
    """Something the session keeps (panels, query) changed: the app saves it soon."""
