"""The typed way for a screen or widget to reach the browser app.

``self.app`` is typed as a plain ``App``; :func:`ceyue_app` gives the
:class:`~tui.app.CeyueApp` with its stores, corpus and search index, and
says clearly when a screen is mounted somewhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from tui.app import CeyueApp


def ceyue_app(node: MessagePump) -> CeyueApp:
    """The :class:`~tui.app.CeyueApp` ``node`` runs in; TypeError in any other app."""
    from tui.app import CeyueApp  # here, not at the top: tui.app imports the screens that call this

    app = node.app
    if not isinstance(app, CeyueApp):
        raise TypeError(f"{type(node).__name__} needs the ceyue browser app, not {type(app).__name__}")
    return app
