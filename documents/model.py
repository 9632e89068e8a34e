"""The document model: a parsed policy document as a tree of plain dataclasses.

Every piece of body text lives in exactly one place (a section heading, a clause,
a table cell or a table note), so the tree can be checked against the source.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def utf8(text: str) -> bytes:
    """``text`` encoded, to pickle a document's text as.

    Pickling a string makes CPython keep its UTF-8 form inside it for as long as it lives: the
    parse of a 100 MB document, once stored in the parse cache, held all of its text a second
    time (and again once its records went to the index's workers). Encoded here, the bytes go
    once written. :func:`from_utf8` reads it back.
    """
    return text.encode("utf-8", "surrogatepass")


def from_utf8(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


@dataclass(slots=True)
class Clause:
    """One paragraph of body text, addressable on its own.

    ``kind`` is ``clause`` for ordinary text, ``meta`` for notice front matter
    (文号, 签发人, 抄送 …), ``toc`` for a printed table of contents and
    ``attachment`` for the 附件 list.
    """

    address: str
    text: str
    kind: str = "clause"
    line: int = 0

    # Pickled as a tuple (the parse cache pickles without a memo: parse_cache.store), the texts
    # as UTF-8 (see _utf8); the kind, one of a few words, is made one string again as it is read.
    def __getstate__(self) -> tuple[bytes, bytes, str, int]:
        return (utf8(self.address), utf8(self.text), self.kind, self.line)

    def __setstate__(self, state: tuple[bytes, bytes, str, int]) -> None:
        address, text, kind, self.line = state
        self.address, self.text, self.kind = from_utf8(address), from_utf8(text), sys.intern(kind)


@dataclass(slots=True)
class Table:
    """A 专栏 table rebuilt from the Word-converted pipe layout.

    ``rows`` has the first-column cells that span several rows repeated, so every
    row is complete; ``source_cells`` keeps the cells as printed, in order.
    """

    address: str
    label: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    source_cells: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def text(self) -> str:
        lines = [f"{self.label} {self.caption}".strip(), " | ".join(self.columns)]
        lines += [" | ".join(row) for row in self.rows]
        lines += self.notes
        return "\n".join(lines)


Block = Clause | Table
#: A section's fields in order, as pickled (the raw heading None when it is the raw label).
SectionState = tuple[int, str, bytes, bytes, str, bytes | None, tuple[Block, ...], tuple["Section", ...], int, str, int]


@dataclass(slots=True)
class Section:
    """A numbered (or titled) part of a document with its own blocks and subsections.

    ``label`` is the numbering as used in addresses (一, （一）, 1, （1）, 第一章);
    ``raw_label`` is the numbering exactly as printed (一， / 1· / (1)).
    ``level`` is the nesting depth (the document itself is the level-0 root);
    ``tier`` is the numbering tier a reader counts (一、 = 1, （一） = 2, 1. = 3,
    with 第X章 above 一、 where both occur), so ``1、`` directly under ``一、``
    is depth 2 but tier 3. ``style`` names the numbering style (see labels).

    ``blocks`` and ``children`` are tuples, made once the section is complete: a 法规汇编 has
    10^5 sections, most of them an article with one clause and no subsection, and two lists
    each (an empty one 56 bytes, one of one item 88) were a sixth of its parse; an empty tuple
    is one shared object, a tuple of one 48 bytes.
    """

    level: int
    label: str
    title: str
    address: str
    raw_label: str = ""
    raw_heading: str = ""
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    line: int = 0
    style: str = ""
    tier: int = 0

    def __getstate__(self) -> SectionState:
        return (
            self.level,
            self.label,
            utf8(self.title),
            utf8(self.address),
            self.raw_label,
            None if self.raw_heading == self.raw_label else utf8(self.raw_heading),
            self.blocks,
            self.children,
            self.line,
            self.style,
            self.tier,
        )

    def __setstate__(self, state: SectionState) -> None:
        """Read back from a pickle made without a memo (parse_cache.store): the labels and style,
        which repeat across a 法规汇编 (第一条 …), are one string each again, a heading that is
        just its label (第一条) is that string, and the first clause shares the section's address
        and line number as when parsed."""
        self.level, label, title, address, raw_label, raw_heading = state[:6]
        self.blocks, self.children, self.line, style, self.tier = state[6:]
        self.title, self.address = from_utf8(title), from_utf8(address)
        self.label, self.raw_label, self.style = sys.intern(label), sys.intern(raw_label), sys.intern(style)
        self.raw_heading = self.raw_label if raw_heading is None else from_utf8(raw_heading)
        if self.blocks:
            first = self.blocks[0]
            if first.address == self.address:
                first.address = self.address
            if first.line == self.line:
                first.line = self.line

    @property
    def heading_text(self) -> str:
        """The whole heading: the printed title, or a run-in heading's first sentence.

        A run-in item (``（一）坚持深化改革，简政放权。各地要……``) keeps its text
        in its first clause; its heading is that clause up to the first 。
        (or the ： that opens a list) outside brackets. Never clipped.
        """
        if self.title:
            return self.title
        for block in self.blocks:
            if isinstance(block, Clause):
                return run_in_heading(block.text)
            return block.label
        return ""

    @property
    def display_title(self) -> str:
        """A heading to show in an outline, even for an untitled numbered item."""
        if self.title:
            return self.title
        for block in self.blocks:
            if isinstance(block, Clause):
                return excerpt(block.text)
            return block.label
        return ""

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def parts(self) -> list[Block | Section]:
        """The blocks and subsections in the order they are printed.

        Mostly the blocks, then the subsections; but an article's paragraph after
        its list of items (``犯前款罪，…`` after ``（一）…（二）…``), or one that opens
        a second list, is the article's own and printed between or after them: the
        blocks are kept in one list, and their lines tell where each stands.
        """
        blocks, children = self.blocks, self.children
        if not children or not blocks or not children[0].line or blocks[-1].line <= children[0].line:
            return [*blocks, *children]
        merged: list[Block | Section] = []
        b = 0
        for child in children:
            while b < len(blocks) and blocks[b].line <= child.line:
                merged.append(blocks[b])
                b += 1
            merged.append(child)
        merged.extend(blocks[b:])
        return merged

    def printed(self) -> Iterator[tuple[Section, Block | None]]:
        """This section and those below it as printed: ``(section, None)`` where a heading stands,
        ``(section, block)`` for each block (see :meth:`parts`).

        One stack, not a generator per level: a 法规汇编 has 10^6 blocks.
        """
        stack: list[tuple[Section, Block | None]] = [(self, None)]
        while stack:
            section, block = stack.pop()
            yield section, block
            if block is None:
                stack.extend(
                    (part, None) if isinstance(part, Section) else (section, part) for part in reversed(section.parts())
                )


@dataclass(slots=True)
class Attachment:
    """An attachment (附件) the document lists; ``present`` if its text is in the corpus."""

    label: str
    title: str
    present: bool = False


@dataclass(slots=True)
class DocumentMeta:
    """What a document says about itself.

    ``issuer`` is the issuers joined with 、 (``issuers`` lists them); ``date``
    is the date as printed and ``date_iso`` its ISO form — the 成文日期 when the
    document has one, else the publication date (``published_iso``).
    ``facts`` keeps other labelled metadata as printed (索引号, 主题分类,
    时效性, 效力级别, 实施日期 …).
    """

    title: str = ""
    inner_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issuers: list[str] = field(default_factory=list)
    date: str | None = None
    date_iso: str | None = None
    published_iso: str | None = None
    signer: str | None = None
    recipients: str | None = None
    cc: str | None = None
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A parsed document. ``key`` is the file stem, ``short`` the prefix used in addresses.

    The text it was parsed from is not kept: every character is in the tree
    already, and keeping the whole file beside it doubled the text in memory
    and in the parse cache (what needs the file reads it again from ``path``).
    """

    key: str
    short: str
    path: Path
    meta: DocumentMeta
    root: Section
    attachments: list[Attachment] = field(default_factory=list)
    closing: list[Clause] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def title(self) -> str:
        return self.meta.inner_title or self.meta.title or self.key

    def sections(self) -> Iterator[Section]:
        """Every section below the root, in reading order."""
        for child in self.root.children:
            yield from child.walk()

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Every block with its section, in reading order: the body, the closing, then appended documents."""
        for section, block in self.printed():
            if block is not None:
                yield section, block

    def printed(self) -> Iterator[tuple[Section, Block | None]]:
        """Headings (``block`` None) and blocks in reading order (see :meth:`Section.printed`): the
        body, the closing (with the root), then appended documents."""
        root = self.root
        yield root, None
        for block in root.blocks:
            yield root, block
        appended = [c for c in root.children if c.style == "attachment"]
        for child in root.children:
            if child.style != "attachment":
                yield from child.printed()
        for clause in self.closing:
            yield root, clause
        for child in appended:
            yield from child.printed()

    def clauses(self) -> Iterator[Clause]:
        for _, block in self.blocks():
            if isinstance(block, Clause):
                yield block

    def tables(self) -> list[Table]:
        return [block for _, block in self.blocks() if isinstance(block, Table)]

    def find(self, address: str) -> Section | Block | None:
        """The section, clause or table at ``address`` (with or without the document prefix).

        A section's first clause shares the section's address; the section wins.
        """
        if not address.startswith(self.short):
            address = f"{self.short}/{address.strip('/')}" if address else self.short
        for section in self.root.walk():
            if section.address == address:
                return section
        for _, block in self.blocks():
            if block.address == address:
                return block
        return None

    def address_as_typed(self, typed: str) -> str | None:
        """The address a user meant by ``typed``, tolerating ASCII brackets and bare labels.

        ``三/(四)/4`` and ``三/四/4`` both mean ``三/（四）/4``: typing full-width
        brackets needs the Chinese IME. ``专栏1`` alone finds the one table
        of that label. Exact matches win; a loose form is accepted only when it
        names one place.
        """
        found = self.find(typed)
        if found is not None:
            return found.address
        wanted = f"{self.short}/{typed.strip('/')}" if not typed.startswith(self.short) else typed
        addresses = [section.address for section in self.root.walk()]
        addresses += [block.address for _, block in self.blocks()]
        for loose in (_paren_form, _bare_form):
            key = loose(wanted)
            matches = list(dict.fromkeys(a for a in addresses if loose(a) == key))
            if len(matches) == 1:
                return matches[0]
        tail = "/" + _paren_form(typed.strip("/"))
        matches = list(dict.fromkeys(a for a in addresses if _paren_form(a).endswith(tail)))
        return matches[0] if len(matches) == 1 else None

    def section_of(self, address: str) -> Section | None:
        """The section holding the block (or being the section) at ``address``."""
        for section in self.root.walk():
            if section.address == address:
                return section
        for section, block in self.blocks():
            if block.address == address:
                return section
        return None

    def ancestors(self, section: Section) -> list[Section]:
        """Sections from the top level down to ``section`` (root excluded; [] when not of this document)."""
        parents = _parents(self)
        trail: list[Section] = []
        node: Section | None = section
        while node is not None and node is not self.root:
            trail.append(node)
            node = parents.get(id(node))
        if node is None:
            return []
        trail.reverse()
        return trail

    def heading_path(self, section: Section) -> list[str]:
        """Headings from the top level down to ``section`` (labels with titles)."""
        return [heading_of(s) for s in self.ancestors(section) if s.level > 0]


#: The parent of every section of the documents asked about lately (id(section) -> parent), so a
#: heading path climbs a 10^5-section 法规汇编 instead of walking it (the reader asks on every key
#: press; task and review exports once per clause). Slotted dataclasses take no weak references:
#: the few documents here are kept alive.
_PARENTS: list[tuple[Document, dict[int, Section]]] = []
_PARENTS_KEPT = 4


def _parents(doc: Document) -> dict[int, Section]:
    for known, found in _PARENTS:
        if known is doc:
            return found
    parents: dict[int, Section] = {}
    stack = [doc.root]
    while stack:
        node = stack.pop()
        for child in node.children:
            parents[id(child)] = node
        stack.extend(node.children)
    _PARENTS.insert(0, (doc, parents))
    del _PARENTS[_PARENTS_KEPT:]
    return parents


_ASCII_TO_FULL = str.maketrans({"(": "（", ")": "）"})


def _paren_form(address: str) -> str:
    return re.sub(r"\s+", "", address).translate(_ASCII_TO_FULL)


def _bare_form(address: str) -> str:
    return re.sub(r"[（）()\s]", "", address)


def heading_of(section: Section) -> str:
    """A section's heading as printed, without noise: ``（一）指导思想`` / ``1.制定…`` / ``第二章 总则``."""
    label = re.sub(r"\s+", "", section.raw_label) if section.raw_label else section.label
    return labelled(label, section.display_title)


#: Label ends after which the title follows directly: 一、 （一） 1. ① 【…】.
_CLOSED_LABEL = re.compile(r"[、，,.．:：)）】\]」》\u2460-\u2473]$")


def labelled(label: str, title: str) -> str:
    """``label`` and ``title`` as one line: ``第二章 总则``, ``附件1 申请表``, but ``一、总则``.

    A label that ends in its own punctuation (一、 （一） 1.) is followed directly
    by its title, as printed; one that ends in a word or a digit (第二章, 第十条,
    附件1) is set off by a space, as the documents print it — otherwise a path
    reads ``第十条本办法…`` as one word.
    """
    return f"{label}{label_gap(label)}{title}" if title else label


def label_gap(label: str) -> str:
    """What stands between ``label`` and its text: a space after 第二章 or 附件1, nothing after 一、."""
    return " " if label and not _CLOSED_LABEL.search(label) else ""


def run_in_heading(text: str) -> str:
    """``text`` up to its first 。 or ： outside brackets and quotes (the whole text if none)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(【[《「" or (ch == "“" and "”" in text[i:]):
            depth += 1
        elif ch in "）)】]》」”" and depth:
            depth -= 1
        elif ch in "。：:" and not depth and i > 0:
            if ch != "。" and is_label_value(text, i):
                continue
            return text[:i]
    return text.rstrip("；;，,")


def is_label_value(text: str, colon: int) -> bool:
    """``初核机构：某中心（以下简称…）`` is a label and its value, not a list opened by ：."""
    rest = text[colon + 1 :].rstrip("；;。. ")
    return colon <= 6 and 0 < len(rest) <= 40 and not re.search(r"[。；;：:，,]", rest)


def excerpt(text: str, limit: int = 24) -> str:
    """The first phrase of ``text``, cut at a comma or full stop, at most ``limit`` chars."""
    for i, ch in enumerate(text):
        if ch in "，。；：,;:" and i >= 4:
            text = text[:i]
            break
    return text if len(text) <= limit else text[: limit - 1] + "…"
