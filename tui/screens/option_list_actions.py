"""The cursor and close actions shared by screens built around one OptionList."""

from __future__ import annotations

from typing import Any, Protocol

from textual.widgets import OptionList


class HasOptions(Protocol):
    """What the actions need of the screen: its list, and a way to close with no result."""

    @property
    def options(self) -> OptionList: ...

    def dismiss(self, result: None = None) -> Any: ...


class OptionListActions:
    """``cursor_down`` / ``cursor_up`` move the screen's ``options`` list; ``close`` dismisses with None.

    The registry binds these action names per scope (``bookmarks.down`` …), so
    each screen only has to name its list ``options``.
    """

    def action_cursor_down(self: HasOptions) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self: HasOptions) -> None:
        self.options.action_cursor_up()

    def action_close(self: HasOptions) -> None:
        self.dismiss(None)
