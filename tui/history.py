"""Back/forward history of reading positions, like a browser's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in the corpus: a document key and an address inside it."""

    doc: str
    address: str


class History:
    """Locations visited by jumps. ``visit`` drops anything forward of the current entry."""

    def __init__(self, limit: int = 500) -> None:
        self._entries: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._entries else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def __len__(self) -> int:
        return len(self._entries)

    def update(self, location: Location) -> None:
        """Record where the reader now is within the current entry (scrolling, j/k)."""
        if self._entries:
            self._entries[self._index] = location
        else:
            self.visit(location)

    def visit(self, location: Location) -> None:
        """A jump to ``location``."""
        if self.current == location:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(location)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def back(self) -> Location | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> Location | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]
