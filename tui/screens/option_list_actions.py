"""The cursor and close actions shared by screens built around one OptionList."""

from __future__ import annotations

from textual.widgets import OptionList


class OptionListActions:
    """``cursor_down`` / ``cursor_up`` move the screen's ``options`` list; ``close`` dismisses with None.

    The registry binds these action names per scope (``bookmarks.down`` …), so
    each screen only has to name its list ``options``.
    """

    options: OptionList

    def action_cursor_down(self) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)  # type: ignore[attr-defined]
