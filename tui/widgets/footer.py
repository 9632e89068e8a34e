"""The footer every screen uses: Textual's, with the key labels in the interface language.

Bindings are class-level tables made before the language is chosen, so their
descriptions are English msgids (``N_``); this footer translates each label as
it is drawn. Screens yield this ``Footer``, never Textual's own.

It is also cheaper to make than Textual's, which matters most before the first
frame: Textual's footer recomposes once per change of the screen's bindings
(four before the document list's first frame: focus moves, the screen resumes),
this one once for all the changes before the next refresh, and only when the
keys it would show differ; and each key starts in the footer's own compact style
instead of restyling itself twice as it mounts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from tui.i18n import _


class Footer(TextualFooter):
    _recompose_pending = False
    #: What the keys shown were made from (:meth:`_shown`), to skip a recompose that would make the same.
    _composed: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._composed = self._shown() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
                if not widget.has_class("-command-palette"):  # the palette's key stays compact, as in Textual's
                    # A key starts compact and its data_bind then sets the footer's value: each restyles it.
                    widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        self._recompose_pending = False
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()

    def _shown(self) -> tuple[object, ...]:
        """Everything of the screen's bindings that Textual's compose draws."""
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (key, binding, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == self.app.COMMAND_PALETTE_BINDING
            ),
        )
