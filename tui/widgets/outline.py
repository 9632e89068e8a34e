"""The reader's outline: a collapsible tree of a document's sections."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from documents.model import Document, Section, label_gap
from tui.console.safe import clean_line
from tui.docnav import heading_text, label_text

#: Documents with at most this many sections open fully; larger ones show their top level.
EXPAND_ALL_LIMIT = 120
#: Siblings beyond this many (the laws of a 法规汇编) are shown in folded groups of ``GROUP`` each.
GROUP_LIMIT = 200
GROUP = 100


def group_label(sections: list[Section]) -> Text:
    """A folded run of siblings: its first and last headings."""
    text = outline_label(sections[0])
    text.append(" … ", style="dim")
    text.append_text(outline_label(sections[-1]))
    return text


def outline_label(section: Section) -> Text:
    if section.title:
        return Text(clean_line(heading_text(section)))
    label = clean_line(label_text(section))
    text = Text(label, style="bold")
    title = clean_line(section.display_title)
    if title:
        text.append(label_gap(label) + title)
    return text


class Outline(Tree[str]):
    """Sections as tree nodes (data: the section's address), made as they are unfolded.

    A 法规汇编 has 10^5 sections: only the top level is made up front, a
    section's children when it is first unfolded (by the user or by
    :meth:`reveal`); thousands of siblings come in folded groups, so the tree
    never holds more lines than a reader unfolds. Enter or a click on a heading posts :class:`Outline.Jump`;
    space folds. The reader moves the cursor with :meth:`follow` as the text scrolls.
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
        self.document: Document | None = None
        #: The node made for each section (by id(section)) and the section of each node (by node id).
        self._node_of: dict[int, TreeNode[str]] = {}
        self._section_of: dict[int, Section] = {}
        #: The sections of each group node (by node id), and the group node of each grouped section.
        self._group_of: dict[int, list[Section]] = {}
        self._in_group: dict[int, TreeNode[str]] = {}
        self._expand_all = False

    def load(self, doc: Document) -> None:
        self.clear()
        self.document = doc
        self._node_of = {}
        self._section_of = {}
        self._group_of = {}
        self._in_group = {}
        self._expand_all = sum(1 for _ in islice(doc.sections(), EXPAND_ALL_LIMIT + 1)) <= EXPAND_ALL_LIMIT
        self._make_children(self.root, doc.root.children)
        self.root.expand()
        self.to_top()

    def _make_children(self, parent: TreeNode[str], sections: Sequence[Section]) -> None:
        if len(sections) > GROUP_LIMIT:
            for start in range(0, len(sections), GROUP):
                group = list(sections[start : start + GROUP])
                node = parent.add(group_label(group), data=group[0].address)
                self._group_of[node.id] = group
                for section in group:
                    self._in_group[id(section)] = node
            return
        for section in sections:
            if section.children:
                node = parent.add(outline_label(section), data=section.address)
                self._section_of[node.id] = section
                if self._expand_all:
                    self._make_children(node, section.children)
                    node.expand()
            else:
                node = parent.add_leaf(outline_label(section), data=section.address)
            self._node_of[id(section)] = node

    def _unfold(self, node: TreeNode[str]) -> None:
        """Make ``node``'s children if they are not yet, and open it."""
        if not node.children:
            section = self._section_of.get(node.id)
            if section is not None:
                self._make_children(node, section.children)
            elif node.id in self._group_of:
                self._make_children(node, self._group_of[node.id])
        node.expand()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.tree is self and not node.children and (node.id in self._section_of or node.id in self._group_of):
            self._unfold(node)

    def to_top(self) -> None:
        """Show the outline from its first heading, the cursor on it (a document opened at its title)."""
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.root.children:
            self._tree_lines  # noqa: B018 - brings node lines up to date
            self.move_cursor(self.root.children[0], animate=False)

    def _trail(self, section: Section) -> list[Section]:
        return self.document.ancestors(section) if self.document is not None else []

    def follow(self, section: Section) -> None:
        """Put the cursor on ``section`` (or its nearest unfolded ancestor)."""
        shown: TreeNode[str] | None = None
        for step in self._trail(section):
            node = self._node_of.get(id(step))
            group = self._in_group.get(id(step))
            if group is not None and (node is None or not group.is_expanded):
                shown = group
                break
            if node is None:
                break
            shown = node
            if not node.is_expanded:
                break
        if shown is None or self.cursor_node is shown:
            return
        self._tree_lines  # noqa: B018 - brings node lines up to date
        self.move_cursor(shown, animate=False)

    def reveal(self, section: Section) -> None:
        """Unfold down to ``section`` and put the cursor on it."""
        node: TreeNode[str] | None = None
        for step in self._trail(section):
            if node is not None:
                self._unfold(node)
            group = self._in_group.get(id(step))
            if group is not None:
                self._unfold(group)
            node = self._node_of.get(id(step))
            if node is None:
                return
        if node is None:
            return
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
