"""The command palette (ctrl+p): documents, sections of the open document, and commands.

Commands come from the binding registry: every app-wide command plus those of
the screen the palette was opened from, each shown with the keys now in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.bindings import COMMANDS, Command, display_keys, effective_keys
from tui.docnav import heading_text, section_label_path
from tui.messages import OpenLocation


@dataclass
class Entry:
    """One thing the palette offers: the text matched against, help, and what choosing it does."""

    text: str
    help: str
    run: Callable[[], Any]


def screen_scopes(screen: Any) -> set[str]:
    """The registry scopes whose bindings a screen uses (from its binding ids)."""
    scopes = {"app"}
    for binding in getattr(type(screen), "BINDINGS", []):
        binding_id = getattr(binding, "id", None)
        if binding_id and "." in binding_id:
            scopes.add(binding_id.split(".", 1)[0])
    return scopes


class CeyueCommands(Provider):
    """Documents, sections and commands for Textual's command palette."""

    def entries(self) -> Iterator[Entry]:
        app = self.app
        screen = self.screen
        keymap = getattr(app, "keymap", {})
        scopes = screen_scopes(screen)
        for command in COMMANDS:
            if command.palette and command.scope in scopes:
                keys = display_keys(effective_keys(command, keymap))
                yield Entry(f"{command.description}", f"{keys} · {command.id}", partial(self._run, command))
        corpus = getattr(app, "corpus", None)
        reader = getattr(app, "reader", None)
        document = getattr(reader, "document", None)
        if document is not None:
            for section in document.sections():
                label = section_label_path(document, section)
                yield Entry(
                    f"§ {heading_text(section)}",
                    f"{document.short}/{label}",
                    partial(app.post_message, OpenLocation(document.key, section.address)),
                )
        if corpus is not None:
            for doc in corpus.documents:
                number = f" · {doc.meta.doc_number}" if doc.meta.doc_number else ""
                yield Entry(
                    f"{doc.short} {doc.title}",
                    f"open document{number}",
                    partial(app.post_message, OpenLocation(doc.key, "", resume=True)),
                )

    async def _run(self, command: Command) -> None:
        if command.action.startswith("app."):
            await self.app.run_action(command.action)
        else:
            await self.app.run_action(command.action, self.screen)

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.text, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.text)
            if score <= 0:
                score = matcher.match(entry.help) * 0.5
            if score > 0:
                yield Hit(score, matcher.highlight(entry.text), entry.run, text=entry.text, help=entry.help)
