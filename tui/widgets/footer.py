"""The footer every screen uses: Textual's, with the key labels in the interface language.

Bindings are class-level tables made before the language is chosen, so their
descriptions are English msgids (``N_``); this footer translates each label as
it is drawn. Screens yield this ``Footer``, never Textual's own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from tui.i18n import _


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget
