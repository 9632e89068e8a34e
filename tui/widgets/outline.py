"""The reader's outline: a collapsible tree of a document's sections."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from documents.model import Document, Section
from tui.console.safe import clean_line
from tui.docnav import heading_text, label_text

#: Documents with at most this many sections open fully; larger ones show their top level.
EXPAND_ALL_LIMIT = 120


def outline_label(section: Section) -> Text:
    if section.title:
        return Text(clean_line(heading_text(section)))
    text = Text(clean_line(label_text(section)), style="bold")
    text.append(clean_line(section.display_title))
    return text


class Outline(Tree[str]):
    """Sections as tree nodes (data: the section's address).

    Enter or a click on a heading posts :class:`Outline.Jump`; space folds.
    The reader moves the cursor with :meth:`follow` as the text scrolls.
    """

    class Jump(Message):
        def __init__(self, address: str) -> None:
            super().__init__()
            self.address = address

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._by_address: dict[str, TreeNode[str]] = {}

    def load(self, doc: Document) -> None:
        self.clear()
        self._by_address = {}
        count = sum(1 for _ in doc.sections())
        expand_all = count <= EXPAND_ALL_LIMIT

        def add(parent: TreeNode[str], section: Section) -> None:
            if section.children:
                node = parent.add(outline_label(section), data=section.address, expand=expand_all)
                for child in section.children:
                    add(node, child)
            else:
                node = parent.add_leaf(outline_label(section), data=section.address)
            self._by_address[section.address] = node

        for section in doc.root.children:
            add(self.root, section)
        self.root.expand()
        self.to_top()

    def to_top(self) -> None:
        """Show the outline from its first heading, the cursor on it (a document opened at its title)."""
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.root.children:
            self._tree_lines  # noqa: B018 - brings node lines up to date
            self.move_cursor(self.root.children[0], animate=False)

    def follow(self, address: str | None) -> None:
        """Put the cursor on the section at ``address`` (or its nearest unfolded ancestor)."""
        node = self._by_address.get(address) if address else None
        if node is None:
            return
        shown = node
        parent = node.parent
        while parent is not None and parent is not self.root:
            if not parent.is_expanded:
                shown = parent
            parent = parent.parent
        if self.cursor_node is shown:
            return
        self._tree_lines  # noqa: B018 - brings node lines up to date
        self.move_cursor(shown, animate=False)

    def reveal(self, address: str) -> None:
        """Unfold down to the section at ``address`` and put the cursor on it."""
        node = self._by_address.get(address)
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._tree_lines  # noqa: B018 - brings node lines up to date
        self.move_cursor(node, animate=False)

    def to_line(self, line: int) -> None:
        """Put the cursor on line ``line`` (clamped) and scroll to it: j/k, g/G and half pages in the outline."""
        self.cursor_line = max(0, min(line, self.last_line))
        self.scroll_to_line(self.cursor_line, animate=False)

    def step(self, lines: int) -> None:
        self.to_line(max(self.cursor_line, 0) + lines)

    @property
    def half_page(self) -> int:
        return max(1, self.scrollable_content_region.height // 2)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))
