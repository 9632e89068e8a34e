"""The command palette (ctrl+p): documents, the sections of every document (the open one first), the open
document's tables and attachments by caption, and commands.

Commands come from the binding registry: every app-wide command plus those of
the screen the palette was opened from, each shown by its name in the interface
language with the keys now in force. The English name and the binding id still
match what is typed (``quit``), so either language finds a command.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.bindings import COMMANDS, Command, display_keys, effective_keys, scope_title
from tui.docnav import address_path, heading_text, section_label_path
from tui.i18n import _
from tui.messages import OpenLocation

if TYPE_CHECKING:
    from textual.screen import Screen

    from documents.model import Document

#: Entries matched between two returns to the event loop while searching.
YIELD_EVERY = 1000


@dataclass
class Entry:
    """One thing the palette offers: the text matched against, help, and what choosing it does."""

    text: str
    help: str
    run: Callable[[], object]
    #: Also matched against, never shown (a command's English name and id).
    also: str = ""


def screen_scopes(screen: Screen[Any]) -> set[str]:
    """The registry scopes whose bindings a screen uses (from its binding ids)."""
    scopes = {"app"}
    for binding in getattr(type(screen), "BINDINGS", []):
        binding_id = getattr(binding, "id", None)
        if binding_id and "." in binding_id:
            scopes.add(binding_id.split(".", 1)[0])
    return scopes


class CeyueCommands(Provider):
    """Documents, sections and commands for Textual's command palette."""

    def entries(self, every_document: bool = True) -> Iterator[Entry]:
        """Commands, the open document's tables and attachments, then sections (the open document's,
        then the others' unless not ``every_document``), then the documents themselves."""
        app = self.app
        screen = self.screen
        keymap = getattr(app, "keymap", {})
        scopes = screen_scopes(screen)
        for command in COMMANDS:
            if command.palette and command.scope in scopes:
                keys = display_keys(effective_keys(command, keymap))
                yield Entry(
                    command.label,
                    f"{keys} · {scope_title(command.scope)}",
                    partial(self._run, command),
                    also=f"{command.title or command.description} {command.id}",
                )
        corpus = getattr(app, "corpus", None)
        reader = getattr(app, "reader", None)
        document = getattr(reader, "document", None)
        others = [doc for doc in getattr(corpus, "documents", []) if doc is not document] if every_document else []
        if document is not None:
            yield from self.landmark_entries(document)
        for doc in ([document] if document is not None else []) + others:
            yield from self.section_entries(doc)
        if corpus is not None:
            for doc in corpus.documents:
                number = f" · {doc.meta.doc_number}" if doc.meta.doc_number else ""
                yield Entry(
                    f"{doc.short} {doc.title}",
                    _("open document") + number,
                    partial(app.post_message, OpenLocation(doc.key, "", resume=True)),
                )

    def section_entries(self, doc: Document) -> Iterator[Entry]:
        """Every section of ``doc`` as ``§ 001 heading``, the short number telling documents apart."""
        for section in doc.sections():
            yield Entry(
                f"§ {doc.short} {heading_text(section)}",
                f"{doc.short}/{section_label_path(doc, section)} · {doc.title}",
                partial(self.app.post_message, OpenLocation(doc.key, section.address)),
            )

    def landmark_entries(self, doc: Document) -> Iterator[Entry]:
        """The 专栏, tables and 附件 of ``doc`` as ``▦ 000 专栏3 caption``, to jump to by caption."""
        from tui.landmarks import landmarks  # the reference tables it reads are not needed before the first frame

        for mark in landmarks(doc):
            kind = _("table") if mark.kind == "table" else _("attachment")
            yield Entry(
                f"{'▦' if mark.kind == 'table' else '▤'} {doc.short} {mark.name}",
                f"{kind} · {doc.short}/{address_path(mark.address)}",
                partial(self.app.post_message, OpenLocation(doc.key, mark.address)),
            )

    async def _run(self, command: Command) -> None:
        if command.action.startswith("app."):
            await self.app.run_action(command.action)
        else:
            await self.app.run_action(command.action, self.screen)

    async def discover(self) -> Hits:
        for entry in self.entries(every_document=False):
            yield DiscoveryHit(entry.text, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for n, entry in enumerate(self.entries()):
            if n % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)  # a large corpus has tens of thousands of sections: let keys through
            score = matcher.match(entry.text)
            if score <= 0:
                score = matcher.match(entry.help) * 0.5
            if score <= 0 and entry.also:
                score = matcher.match(entry.also) * 0.5
            if score > 0:
                yield Hit(score, matcher.highlight(entry.text), entry.run, text=entry.text, help=entry.help)
