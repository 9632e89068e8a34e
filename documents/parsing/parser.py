"""Parsing a document's text into the section tree.

The pipeline: pull 专栏 tables out of the raw lines; clean conversion noise
from the rest; rejoin lines broken mid-sentence; then walk the lines, opening
a section at each numbered heading. Levels come from how numbering styles nest
in this document, not from Markdown hashes, which Word conversion scatters
at random.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from documents.model import Block, Clause, Document, Section, Table, is_label_value
from documents.parsing.attachments import parse_attachments
from documents.parsing.front_matter import (
    DOC_NUMBER_RE,
    INNER_TITLE_RE,
    extract_meta,
    is_date_line,
    is_meta_line,
)
from documents.parsing.labelled import is_fence, read_labelled
from documents.parsing.labels import Label, match_label, toc_entry_text
from documents.parsing.noise import bold_prefix_end, clean_inline, strip_comments
from documents.parsing.organisations import looks_like_org
from documents.parsing.spacing import compact
from documents.parsing.tables import (
    CAPTION_RE,
    TABLE_LABEL_RE,
    flattened_table,
    grid_table,
    is_caption_line,
    markdown_table,
    parse_table,
)

_TERMINAL = "。！？；：:;!?”’）)」』】〕]》…"
_PLAIN_HEADINGS = {"前言", "序言", "引言", "结束语", "结语", "后记"}
_TOC_HEADINGS = {"目录", "目次"}
_PUBLIC_MARK = "（此件主动公开）"


@dataclass(slots=True)
class _Line:
    """A line of text; ``label`` is its numbering (match_label), found once: the merge and the
    tree both ask, and a 法规汇编's lines are too many for match_label's cache to remember."""

    text: str
    line: int
    label: Label | None
    bold_end: int | None = None
    markdown_heading: bool = False


def short_name(key: str) -> str:
    """The address prefix for a file stem: ``001_779cfdd0d028d767`` → ``001``."""
    m = re.match(r"^(\d{1,6})_", key)
    return m.group(1) if m else key


_EMBEDDED_ARTICLE_RE = re.compile(r"(?<=\S)[ \u3000\u2002]{2,}(?=第[一二三四五六七八九十百零〇\d]+条)")
_DIVISION_RE = re.compile(r"^[ \u3000]*第[一二三四五六七八九十百零〇\d]+[章节]")


def _split_embedded(line: str) -> list[str]:
    """``第一章　总则　　第一条 …`` printed on one line: the article starts a line of its own."""
    if "第" not in line or not _DIVISION_RE.match(line):
        return [line]
    return _EMBEDDED_ARTICLE_RE.split(line, maxsplit=1)


#: A "line" longer than this is a file without line breaks (a 5 MB one-liner), not a paragraph.
LONG_LINE = 3000
_SENTENCE_END_RE = re.compile(r"(?<=[。！？；])")


def _split_long(line: str) -> list[str]:
    """A very long line cut into paragraphs at sentence ends (hard cuts where there are none).

    Without this a file with no line breaks became one clause and its first
    line the title; the cuts only add line breaks, so no character is lost.
    """
    if len(line) <= LONG_LINE:
        return [line]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END_RE.split(line):
        while len(sentence) > LONG_LINE:
            pieces.append(current + sentence[: LONG_LINE - len(current)])
            sentence, current = sentence[LONG_LINE - len(current) :], ""
        if len(current) + len(sentence) > LONG_LINE // 3 and current:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return pieces


def _scan(text: str) -> list[_Line | Table]:
    lines = strip_comments(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    raw = [piece for line in lines for long in _split_long(line) for piece in _split_embedded(long)]
    items: list[_Line | Table] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        cleaned = clean_inline(line)
        if CAPTION_RE.match(cleaned):
            parsed = parse_table(raw, i)
            if parsed is not None:
                table, i = parsed
                items.append(table)
                continue
        reader = _table_reader(raw, i, cleaned)
        if reader is not None:
            above = _caption_lines(items)
            parsed = reader(raw, i, [line.text for line in above])
            if parsed is not None:
                del items[len(items) - len(above) :]
                table, i = parsed
                table.line = above[0].line if above else i
                items.append(table)
                continue
        if cleaned:
            items.append(
                _Line(
                    text=cleaned,
                    line=i + 1,
                    label=match_label(cleaned),
                    bold_end=bold_prefix_end(line),
                    markdown_heading=line.lstrip().startswith("#"),
                )
            )
        i += 1
    return items


def _table_reader(raw: list[str], i: int, cleaned: str) -> TableReader | None:
    """The reader for a table starting at ``raw[i]``, if one starts there."""
    if not cleaned:
        return None
    nxt = raw[i + 1].strip() if i + 1 < len(raw) else ""
    # A pipe-layout grid: the first cell's lines (no blank line between them), then a "|" line.
    j = i + 1
    while j < len(raw) and j <= i + 15 and raw[j].strip() not in ("", "|"):
        j += 1
    if j < len(raw) and raw[j].strip() == "|":
        return grid_table
    if raw[i].strip().startswith("|") and raw[i].count("|") >= 2 and re.match(r"^\s*\|?\s*:?-{2,}", nxt):
        return markdown_table
    if cleaned == "序号":
        return flattened_table
    return None


def _caption_lines(items: list[_Line | Table]) -> list[_Line]:
    """The short lines just above a table that name it.

    Usually one to three caption-like lines (附表1 / its title / （年）); a form
    may print a line of fields (``申领单位（公章）：…``) between its label and
    the grid, so a label found up to four lines back takes the lines after it.
    """
    recent = items[-4:]
    for k in range(len(recent) - 1, -1, -1):
        item = recent[k]
        if not isinstance(item, _Line) or item.label:
            break
        if TABLE_LABEL_RE.match(item.text.strip()):
            lines = recent[k:]
            if all(isinstance(x, _Line) and len(x.text) <= 80 and not x.text.endswith("。") for x in lines):
                return [x for x in lines if isinstance(x, _Line)]
            break
    above: list[_Line] = []
    for item in reversed(items[-3:]):
        if not isinstance(item, _Line) or not is_caption_line(item.text) or item.label:
            break
        above.insert(0, item)
    return above


TableReader = Callable[[list[str], int, list[str]], "tuple[Table, int] | None"]
_HEADING_STYLES = {"part", "chapter", "section", "cn", "cn_paren"}


def _continues(prev: _Line, cur: _Line) -> bool:
    """Whether ``cur`` is the rest of a sentence that a page break split off ``prev``."""
    if cur.label or CAPTION_RE.match(cur.text) or cur.markdown_heading:
        return False
    if cur.text.startswith(("附件", "抄送", "注：")):
        return False
    if read_labelled(prev.text) or read_labelled(cur.text) or is_fence(prev.text) or is_fence(cur.text):
        return False
    p = prev.text
    if p.endswith("关于"):
        return True
    heading = prev.label
    if (
        heading is not None
        and heading.style in _HEADING_STYLES
        and len(p) - len(heading.raw) <= 40
        and len(cur.text) > 40
    ):
        # A stand-alone heading line (一、 / （一） / 第X章) is followed by its first paragraph,
        # not by its own end; numbered items (1. / （1）) are run-in text a page break may split.
        return False
    if p[-1] in _TERMINAL or (prev.markdown_heading and len(p) < 40):
        return False
    if is_date_line(p) or is_date_line(cur.text) or looks_like_org(cur.text):
        return False
    if p[-1] in "，、":
        return True
    return len(p) >= 25 and bool(re.search(r"[，。；、]", p))


def _is_label_only(line: _Line) -> bool:
    """A line holding just a number, whose text follows on the next line."""
    return line.label is not None and not line.text[len(line.label.raw) :].strip()


def _merge(items: list[_Line | Table]) -> list[_Line | Table]:
    out: list[_Line | Table] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(item, _Line) and isinstance(prev, _Line):
            if _is_label_only(prev) and not item.label:
                bold = item.bold_end
                text = prev.text + item.text
                out[-1] = _Line(
                    text,
                    prev.line,
                    match_label(text),
                    None if bold is None else bold + len(prev.text),
                    prev.markdown_heading or item.markdown_heading,
                )
                continue
            if _continues(prev, item):
                text = prev.text + item.text
                out[-1] = _Line(text, prev.line, match_label(text), prev.bold_end, prev.markdown_heading)
                continue
        out.append(item)
    return out


def _closing_start(items: list[_Line | Table], body_start: int) -> int:
    """Index where the closing block (附件 list, signature, date, 抄送) begins."""
    for i in range(body_start, len(items)):
        item = items[i]
        if not isinstance(item, _Line):
            continue
        t = compact(item.text)
        if t.startswith(("附件：", "附件:", "抄送")) or re.match(r"^附件\d*[：:]", t):
            return i
        if is_date_line(t) and i > body_start:
            prev = items[i - 1]
            if isinstance(prev, _Line) and looks_like_org(prev.text):
                return i - 1
            return i
    return len(items)


_ATTACHMENT_HEAD_RE = re.compile(r"^(?:附件|附表|附录)[\d一二三四五六七八九十]{0,3}[：:]?$")


def _appended_start(items: list[_Line | Table], closing_at: int) -> int:
    """Where the text of an appended document (附件 / 附表 printed after the closing) begins.

    The closing block lists attachments (``附件：1. …``); the attachment itself
    starts on a line holding only ``附件1`` (or ``附表1``), after which its own
    title and headings follow. Everything from there is body again.
    """
    for i in range(closing_at + 1, len(items)):
        item = items[i]
        if isinstance(item, Table) or _ATTACHMENT_HEAD_RE.match(compact(item.text)):
            return i
    return len(items)


def _split_front(text: str, titles: list[str]) -> list[str]:
    """Split a front-matter line that conversion glued together.

    ``湘政发〔2020〕4号各市州人民政府…`` and ``湖南省人民政府　　2020年2月24日
    （此件主动公开）湘南湘西…规划为深入贯彻…`` each hold several items.
    """
    pieces = [p for p in re.split(r"[ \u3000]{2,}", text) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        m = DOC_NUMBER_RE.match(piece)
        if m and m.end() < len(piece):
            out += [piece[: m.end()], piece[m.end() :]]
            continue
        out.append(piece)
    result: list[str] = []
    for piece in out:
        while _PUBLIC_MARK in piece and not piece.endswith(_PUBLIC_MARK):
            head, _, tail = piece.partition(_PUBLIC_MARK)
            result.append(head + _PUBLIC_MARK)
            piece = tail
        for title in titles:
            if piece.startswith(title) and len(piece) > len(title):
                result.append(title)
                piece = piece[len(title) :]
                break
        result.append(piece)
    return [p for p in result if p]


def _top_level_stops(text: str) -> list[int]:
    """Offsets of 。 and ： outside brackets: （责任单位：…） is not where a heading ends."""
    stops, depth = [], 0
    for i, ch in enumerate(text):
        if ch in "（(【[《“":
            depth += 1
        elif ch in "）)】]》”" and depth:
            depth -= 1
        elif ch in "。：" and not depth:
            stops.append(i)
    return stops


def _split_heading(label: Label, line: _Line) -> tuple[str, str]:
    """Split a numbered line into (heading text as printed, body text)."""
    rest = line.text[len(label.raw) :]
    if label.style == "article":
        caption = _ARTICLE_CAPTION_RE.match(rest)
        if caption:
            return caption.group(0), rest[caption.end() :]
        return "", rest
    if line.bold_end is not None and line.bold_end > len(label.raw):
        cut = line.bold_end - len(label.raw)
        return rest[:cut], rest[cut:]
    stops = [i for i in _top_level_stops(rest) if rest[i] == "。" or not is_label_value(rest, i)]
    if not stops:
        if len(rest) <= 40 and not re.search(r"[；]", rest):
            return rest, ""
        return "", rest
    first = stops[0] + 1
    body = rest[first:]
    if not body.strip():
        return (rest, "") if len(rest) <= 40 else ("", rest)
    if first <= 24 and "，" not in rest[:first] and not re.fullmatch(r"\s*[（(][^）)]*[）)]\s*", body):
        return rest[:first], body
    return "", rest


_ARTICLE_CAPTION_RE = re.compile(r"^\s*(?:【[^】]{2,30}】|[（(][^）)，。；]{2,20}[）)](?=\S))\s*")


def _title_text(raw_title: str) -> str:
    title = raw_title.strip().rstrip("。：:；;，,").strip()
    if re.fullmatch(r"【[^】]+】|[（(][^）)]+[）)]", title):
        return title[1:-1]
    return title


class _Growing:
    """What an open section has so far: its blocks, subsections and how many clauses."""

    __slots__ = ("blocks", "children", "clauses")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.children: list[Section] = []
        self.clauses = 0


class _Builder:
    """Builds the tree from the merged lines; holds the numbering-style stack.

    Only an open section (the root or one on the stack) is added to: a section's blocks and
    subsections are gathered in lists and made its tuples once it is closed (:meth:`close_to`).
    """

    def __init__(self, short: str) -> None:
        self.short = short
        self.root = Section(level=0, label="", title="", address=short)
        self.stack: list[tuple[str, Section]] = []
        self.used: set[str] = {short}
        #: The suffix to try next for an address already used (only those: a 法规汇编 has 10^5 addresses).
        self.next_suffix: dict[str, int] = {}
        self.growing: dict[int, _Growing] = {id(self.root): _Growing()}

    def close_to(self, depth: int) -> None:
        """Close the open sections of the stack below its first ``depth``: nothing more goes into them."""
        while len(self.stack) > depth:
            self._seal(self.stack.pop()[1])

    def _seal(self, section: Section) -> None:
        growing = self.growing.pop(id(section))
        section.blocks, section.children = tuple(growing.blocks), tuple(growing.children)

    def finish(self) -> Section:
        """Close every section; the root, complete."""
        self.close_to(0)
        self._seal(self.root)
        return self.root

    def _open(self, parent: Section, section: Section, style: str) -> None:
        self.growing[id(parent)].children.append(section)
        self.growing[id(section)] = _Growing()
        self.stack.append((style, section))

    @property
    def current(self) -> Section:
        return self.stack[-1][1] if self.stack else self.root

    def unique(self, address: str) -> str:
        """``address``, or the first of ``address~2``, ``~3`` … not used yet.

        The suffixes tried before stay used (``used`` only grows), so the next
        duplicate starts where the last stopped: a compilation repeating a law's
        第一章 thousands of times under one parent made this quadratic.
        """
        if address not in self.used:
            self.used.add(address)
            return address
        n = self.next_suffix.get(address, 2)
        candidate = f"{address}~{n}"
        while candidate in self.used:
            n += 1
            candidate = f"{address}~{n}"
        self.next_suffix[address] = n + 1
        self.used.add(candidate)
        return candidate

    def add_clause(self, section: Section, text: str, line: int, kind: str = "clause") -> Clause:
        growing = self.growing[id(section)]
        growing.clauses += 1
        n = growing.clauses
        address = section.address if n == 1 else f"{section.address}#{n}"
        clause = Clause(address=address, text=text, kind=kind, line=line)
        growing.blocks.append(clause)
        return clause

    def add_table(self, table: Table) -> None:
        section = self.current
        table.address = self.unique(f"{section.address}/{table.label}")
        self.growing[id(section)].blocks.append(table)

    @property
    def in_article_item(self) -> bool:
        """Whether the open section is a list item (项) of an article.

        An article's items are one paragraph each, so text that follows the last
        one (``犯前款罪，…`` after ``（三）…。``) may be the article's next 款; items
        of other sections may run over several paragraphs.
        """
        return len(self.stack) >= 2 and self.stack[-1][0] in _ITEM_STYLES and self.stack[-2][0] == "article"

    def close_article_item(self) -> None:
        """Close the article's item: the paragraph after it is the article's next 款."""
        self.close_to(len(self.stack) - 1)

    @property
    def in_attachment(self) -> bool:
        return bool(self.stack) and self.stack[0][0] == "attachment"

    def open_attachment(self, label: str, raw_label: str, line: int) -> Section:
        """An appended document (附件1 …): a top-level container whose headings start afresh."""
        self.close_to(0)
        section = Section(
            level=1,
            label=label,
            title="",
            address=self.unique(f"{self.root.address}/{label}"),
            raw_label=raw_label,
            raw_heading=raw_label,
            line=line,
            style="attachment",
        )
        self._open(self.root, section, "attachment")
        return section

    def open_section(self, style: str, label: str, raw_label: str, raw_title: str, line: int) -> Section:
        styles = [s for s, _ in self.stack]
        floor = 1 if styles[:1] == ["attachment"] else 0
        below = _closed_by(style, styles, floor)
        if style == "plain":
            self.close_to(floor)
        elif below is not None:
            self.close_to(below)
        elif self.stack and self.stack[-1][0] == "plain":
            self.close_to(floor)
        parent = self.current
        title = _title_text(raw_title)
        key = label or compact(title) or "节"
        # Labels repeat (every law has its 第一条): one string each, not one per section.
        label, raw_label = sys.intern(label), sys.intern(raw_label)
        section = Section(
            level=len(self.stack) + 1,
            label=label,
            title=title,
            address=self.unique(f"{parent.address}/{key}"),
            raw_label=raw_label,
            raw_heading=raw_label + raw_title,
            line=line,
            style=style,
        )
        self._open(parent, section, style)
        return section


#: Numbering styles an article enumerates its items (项) in.
_ITEM_STYLES = {"cn", "cn_paren", "arabic", "arabic_paren", "circled"}
#: The number a list starts with, in each numbering style.
_FIRST_NUMBERS = frozenset(("一", "1", "①"))
#: How an item's line ends when its text is complete (the next paragraph is not its continuation).
_ITEM_ENDS = "。；;"

#: The fixed order of a law's divisions: 编 holds 章, 章 holds 节, 节 holds 条, never the other way round.
_STRUCTURE_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3}


def _closed_by(style: str, styles: list[str], floor: int) -> int | None:
    """Where a new ``style`` heading cuts the open stack of ``styles`` (None: it nests under them).

    A style closes its own open section and everything under it. A 编/章/节
    also closes any open division of a lower rank: a law whose 第一章 (or 第一节)
    is not printed opens its articles at the top, and the 第二章 that follows
    must close the last article rather than nest in it.
    """
    rank = _STRUCTURE_RANK.get(style)
    for i in range(floor, len(styles)):
        if styles[i] == style:
            return i
        if rank is not None and style != "article" and _STRUCTURE_RANK.get(styles[i], -1) >= rank:
            return i
    return None


_CANONICAL = (
    "plain",
    "part",
    "chapter",
    "section",
    "article",
    "decimal",
    "cn",
    "cn_paren",
    "arabic",
    "arabic_paren",
    "circled",
)


def assign_tiers(root: Section) -> None:
    """Give every section the numbering tier a reader counts; an appended document counts its own."""
    _assign_tiers(root, [c for c in root.children if c.style != "attachment"])
    for child in root.children:
        if child.style == "attachment":
            _assign_tiers(child, child.children)


def _assign_tiers(root: Section, tops: Sequence[Section]) -> None:
    """Tiers for the sections under ``tops``.

    A style's tier is one more than the deepest style seen above it anywhere in
    the document, so ``1、`` directly under ``一、`` is still tier 3 when the
    document puts ``（一）`` between them elsewhere, and 第X章 sits above 一、
    only where 一、 occurs inside chapters. Where two styles are found above
    each other, the way seen more often wins (ties: the usual 公文 order).
    """
    above: dict[tuple[str, str], int] = {}

    def visit(children: Sequence[Section], trail: list[str]) -> None:
        for child in children:
            key = _style_key(child)
            for upper in dict.fromkeys(trail):
                if upper != key:
                    above[(upper, key)] = above.get((upper, key), 0) + 1
            visit(child.children, [*trail, key])

    visit(tops, [])

    def rank(style: str) -> int:
        return _CANONICAL.index(style) if style in _CANONICAL else len(_CANONICAL)

    edges: dict[str, set[str]] = {}
    for (upper, lower), count in above.items():
        back = above.get((lower, upper), 0)
        if count > back or (count == back and rank(upper) < rank(lower)):
            edges.setdefault(lower, set()).add(upper)
    tiers: dict[str, int] = {}

    def tier(style: str, seen: frozenset[str]) -> int:
        if style not in tiers:
            uppers = [u for u in edges.get(style, ()) if u not in seen]
            tiers[style] = 1 + max((tier(u, seen | {style}) for u in uppers), default=0)
        return tiers[style]

    for top in tops:
        for section in top.walk():
            section.tier = tier(_style_key(section), frozenset())


def _style_key(section: Section) -> str:
    return section.style or "plain"


def _list_goes_on(items: list[_Line | Table], index: int, style: str) -> bool:
    """Whether another item numbered in ``style`` follows before the next article or division.

    Then the paragraph at ``index`` is inside the list (a definition's own
    sub-list between （六） and （七）), not after it.
    """
    # Walked by position: a slice copied the rest of the document's lines at every ended item,
    # quadratic in a 法规汇编.
    for k in range(index + 1, len(items)):
        item = items[k]
        if not isinstance(item, _Line):
            continue
        label = item.label
        if label is None:
            continue
        if label.style == style:
            # a list numbered afresh (（一） again) is the article's next list, opened by that paragraph
            return label.number not in _FIRST_NUMBERS
        if label.style in _STRUCTURE_RANK:
            return False
    return False


def parse_text(text: str, key: str, path: Path | None = None, encoding: str = "utf-8") -> Document:
    """Parse a document's full text into a :class:`Document`."""
    return parse_lines(scan_text(text), key, path, encoding)


def scan_text(text: str) -> list[_Line | Table]:
    """The first half of parsing: the text's tables and merged lines (no longer needing the text)."""
    return _merge(_scan(text))


#: What a line read by parse_lines leaves in its place.
_READ = _Line("", 0, None)


def parse_lines(items: list[_Line | Table], key: str, path: Path | None = None, encoding: str = "utf-8") -> Document:
    """The second half: the tree built from :func:`scan_text`'s lines, which it takes over.

    ``items`` is emptied and each line dropped once read: a 法规汇编's lines are not all
    held while its tree grows, and the memory they free is taken by the tree's objects.
    """
    short = short_name(key)
    body_start = next(
        (i for i, it in enumerate(items) if isinstance(it, _Line) and it.label),
        len(items),
    )
    closing_at = _closing_start(items, body_start)
    appended_at = _appended_start(items, closing_at)
    builder = _Builder(short)

    front_pieces: list[str] = []
    titles: list[str] = []
    in_toc = False
    toc_entries: list[str] = []
    seen_heading = False
    attachment_title_due = False
    item_ended = False
    body_items = items[:closing_at] + items[appended_at:]
    closing_items = items[closing_at:appended_at]
    items.clear()
    for index, item in enumerate(body_items):
        body_items[index] = _READ  # _list_goes_on only looks ahead
        if isinstance(item, Table):
            if index >= closing_at and not builder.in_attachment:
                # A table printed after the closing is an appended document of its own (附表).
                builder.open_attachment(item.label if _ATTACHMENT_HEAD_RE.match(item.label) else "附件", "", item.line)
            builder.add_table(item)
            attachment_title_due = False
            continue
        text_line = item.text
        if index >= closing_at and _ATTACHMENT_HEAD_RE.match(compact(text_line)):
            builder.open_attachment(compact(text_line), text_line, item.line)
            seen_heading = attachment_title_due = True
            continue
        if attachment_title_due:
            attachment_title_due = False
            if len(text_line) <= 60 and not item.label and text_line[-1] not in "。；;：:":
                builder.current.title = _title_text(text_line)
                builder.current.raw_heading += text_line
                continue
        flat = compact(text_line)
        if not seen_heading and flat in _TOC_HEADINGS:
            in_toc = True
            builder.add_clause(builder.root, text_line, item.line, "toc")
            continue
        if in_toc:
            # The contents end where the body repeats their first entry (or prose starts).
            if (toc_entries and flat == compact(toc_entry_text(toc_entries[0]))) or len(text_line) > 40:
                in_toc = False
            else:
                toc_entries.append(flat)
                builder.add_clause(builder.root, text_line, item.line, "toc")
                continue
        label = item.label
        if label is not None:
            seen_heading = True
            raw_title, body = _split_heading(label, item)
            section = builder.open_section(label.style, label.label, label.raw, raw_title, item.line)
            if body.strip():
                builder.add_clause(section, body.strip(), item.line)
            item_ended = text_line.rstrip()[-1:] in _ITEM_ENDS
            continue
        if flat in _PLAIN_HEADINGS or (item.markdown_heading and seen_heading and len(text_line) <= 30):
            seen_heading = True
            builder.open_section("plain", "", "", text_line, item.line)
            continue
        if not seen_heading and (read_labelled(text_line) or is_fence(text_line)):
            front_pieces.append(text_line)
            if not re.fullmatch(r"-{3,}", text_line.strip()):
                # A YAML fence is conversion noise; 正文 and labelled lines are text.
                builder.add_clause(builder.root, text_line, item.line, "meta")
            continue
        if not seen_heading:
            for piece in _split_front(text_line, titles):
                m = INNER_TITLE_RE.search(compact(piece))
                if m:
                    titles.append(m.group(1))
                front_pieces.append(piece)
                kind = "meta" if is_meta_line(piece) or compact(piece) in titles else "clause"
                builder.add_clause(builder.root, piece, item.line, kind)
            continue
        if item_ended and builder.in_article_item and not _list_goes_on(body_items, index, builder.current.style):
            builder.close_article_item()
        item_ended = False
        builder.add_clause(builder.current, text_line, item.line)

    closing_lines = [it for it in closing_items if isinstance(it, _Line)]
    closing_section = Section(level=0, label="", title="", address=f"{short}/落款")
    closing: list[Clause] = []
    in_attachments = False
    for n, item in enumerate(closing_lines, 1):
        address = closing_section.address if n == 1 else f"{closing_section.address}#{n}"
        flat = compact(item.text)
        if flat.startswith("附件"):
            in_attachments = True
        elif in_attachments and not re.match(r"^\d{1,2}\s*[.、．]", flat):
            in_attachments = False
        kind = "attachment" if in_attachments else "meta"
        closing.append(Clause(address=address, text=item.text, kind=kind, line=item.line))
    for item in closing_items:
        if isinstance(item, Table):
            builder.add_table(item)

    assign_tiers(builder.finish())
    meta = extract_meta(front_pieces, [c.text for c in closing])
    titles_found = {compact(t) for t in (meta.title, meta.inner_title) if t}
    for block in builder.root.blocks:
        if isinstance(block, Clause) and compact(block.text) in titles_found:
            block.kind = "meta"
    document = Document(
        key=key,
        short=short,
        path=path or Path(key),
        meta=meta,
        root=builder.root,
        attachments=parse_attachments([c.text for c in closing if c.kind == "attachment"]),
        closing=closing,
        encoding=encoding,
    )
    return document
