"""HTML pages saved from government sites: the page's metadata, then the article body, without the page chrome.

Why hand-written, on ``html.parser`` only: measured by ``bench/html_readers.py`` on
the 15 HTML files of the shared corpus (gov.cn fragments, Guangzhou portal pages),
this reader keeps 100 % of every body (15/15 first and last paragraph, 文号 and
signature date; 414/414 expected headings), emits the metadata table/labelled lines
(95 ``标签：值`` lines, 0 for both extractors), gives 7/7 annex tables in the pipe
layout with their captions, and takes 60–90 ms a file (trafilatura: 65–105 ms).
trafilatura 2.3 keeps the bodies as well but drops the metadata, prints tables as
``| a | b |`` text (0/7 pipe tables) and
leaves ``扫一扫在手机打开当前页`` in; readability-lxml 0.8 loses the whole body of the
two pages that hide ``<body>`` until their scripts run (211, 215: 0 %) and breaks
four of 212's six annex tables.  Neither is worth a dependency (and lxml) here.

Pages from www.gov.cn and provincial sites wrap the document in navigation,
breadcrumbs, share/print buttons and related links, but the CMSs they run on (TRS,
UCAP, …) put the body in a few well-known containers (``#UCAP-CONTENT``,
``.pages_content``, ``#zoom``, ``.TRS_Editor`` …).  We look for those first and
otherwise take the element that directly holds the most Chinese text (or the parent
of its sibling sections).  A body hidden by CSS (``<body style="visibility:hidden">``
until scripts run, a hidden content container) is still the body; other hidden
elements (text-only copies of the page, pop-ups) are not.  Old pages are often
GB2312/GBK; an unclosed ``<head>`` ends where body content starts.

Output (what the parser reads):

* the metadata the page prints outside the body — gov.cn's table (索引号, 主题分类,
  发文机关, 成文日期, 标题, 发文字号, 发布日期), city portals' labelled lines (标题：,
  发布机构：, 文号：, 发布日期： …) — as ``标签：值`` lines, the label as printed
  without its padding spaces, then a line ``正文``; nothing when the page has none;
* the body, one paragraph per line with blank lines between; a table in the pipe
  layout on a regular grid (a merged cell printed once, the slots it covers empty),
  its caption lines (附表1, ``单位：人`` …) as paragraphs right before it.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from documents.errors import N_

from . import UnreadableDocument
from .plain import decode_text
from .tables import join_blocks, pipe_layout

# Containers that hold the document body, best first (matched against id and class tokens).
_CONTENT_NAMES = (
    "ucap-content",
    "pages_content",
    "zoom",
    "trs_editor",
    "trs_uef_editor",
    "wordsection1",
    "article-content",
    "article_content",
    "articlecontent",
    "art_content",
    "artcontent",
    "xxgk_content",
    "xxgk-content",
    "zwgk_content",
    "detail-content",
    "detail_content",
    "content_text",
    "news_content",
    "main-text",
    "article",
    "xxgk",
    "content",
    "con",
    "detail",
)
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "canvas",
    "object",
    "embed",
    "head",
    "audio",
    "video",
    "map",
    "label",
}
# id/class words of chrome inside or around the body.
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|share|bdshare|bdsharebuttonbox|print|footer|header|top|"
    r"breadcrumb|crumb|position|location|dqwz|related|relevant|xgwj|xglj|sidebar|side|"
    r"toolbar|tools|comment|qrcode|ewm|erweima|fontsize|font-size|zihao|gotop|backtop|"
    r"pages-date|pages_print|hidden|copyright|search)(?:$|[-_\s\d])",
    re.I,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "hr",
    "main",
    "address",
    "figure",
    "figcaption",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "td",
    "th",
}
_INLINE_TAGS = {
    "span",
    "b",
    "i",
    "u",
    "s",
    "em",
    "strong",
    "font",
    "sub",
    "sup",
    "small",
    "big",
    "abbr",
    "code",
    "strike",
    "ins",
    "del",
    "mark",
    "q",
    "cite",
    "tt",
    "var",
    "kbd",
    "samp",
    "time",
    "nobr",
    "bdi",
    "bdo",
    "ruby",
    "rt",
    "rp",
    "o:p",
}
_VOID_TAGS = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "source",
    "track",
    "wbr",
}
_CJK = re.compile(r"[\u3400-\u9fff]")
# A line break in the HTML source renders as a space, except between two Chinese characters.
_SOURCE_BREAK = "\x01"
_NEWLINES = re.compile(r"[ \t\r\f]*\n\s*")
_SOURCE_BREAK_CJK = re.compile(
    "(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[\x01 ]*\x01[\x01 ]*(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# Lines that are nothing but page controls (打印本页, 【关闭窗口】, 字号：大 中 小, 分享到 …).
_CHROME_WORDS = (
    "打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|收藏本页|收藏|加入收藏|分享到|分享|"
    "字号|字体|默认|我要纠错|纠错|返回顶部|返回|保存本页|小|中|大|扫一扫在手机打开当前页|"
    "扫一扫在手机上查看当前页面|扫一扫|复制链接|微信|微博|QQ空间|上一篇|下一篇|【|】|\\[|\\]|"
    "[:：|/·\\s]"
)
_CHROME_LINE = re.compile(rf"^(?:{_CHROME_WORDS})+$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s-\s).*$")  # "标题_国务院文件_中国政府网"


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.children: list[_Node | str] = []
        self.tag, self.attrs, self.parent = tag, attrs, parent

    def names(self) -> str:
        return f"{self.attrs.get('id', '')} {self.attrs.get('class', '')}".strip()

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, _Node):
                yield from child.walk()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


# Tags whose end tag HTML lets authors omit: a new ``key`` closes an open tag in
# ``closes`` unless one of ``scope`` is in between (old government pages rely on this).
_IMPLIED_END = {
    "td": ({"td", "th"}, {"table", "tr"}),
    "th": ({"td", "th"}, {"table", "tr"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "li": ({"li"}, {"ul", "ol", "table"}),
    "dt": ({"dt", "dd"}, {"dl", "table"}),
    "dd": ({"dt", "dd"}, {"dl", "table"}),
    "option": ({"option"}, {"select"}),
}
# Tags that belong in <head>; any other tag (or text) there starts the body.
_HEAD_TAGS = {"head", "title", "meta", "link", "style", "script", "base", "noscript", "template"}
# Starting one of these inside an open <p> closes the <p>.
_CLOSES_P = {
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "dl",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "section",
    "article",
    "hr",
    "center",
    "form",
    "header",
    "footer",
    "nav",
}


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: omitted end tags are implied, stray ones close their nearest match."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.node = self.root

    def _leave_head(self) -> None:
        """Body content inside an unclosed <head> starts the body, as in browsers."""
        node = self.node
        while node.parent is not None and node.tag != "head":
            node = node.parent
        if node.tag == "head" and node.parent is not None:
            self.node = node.parent

    def _imply_end(self, tag: str) -> None:
        if tag not in _HEAD_TAGS:
            self._leave_head()
        if tag in _CLOSES_P and self.node.tag == "p" and self.node.parent is not None:
            self.node = self.node.parent
        closes, scope = _IMPLIED_END.get(tag, (None, None))
        if closes is None or scope is None:
            return
        node = self.node
        while node.parent is not None and node.tag not in scope:
            if node.tag in closes:
                self.node = node.parent
                return
            node = node.parent

    def handle_starttag(self, tag, attrs):
        self._imply_end(tag)
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        if tag not in _VOID_TAGS:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self._imply_end(tag)
        self.node.children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.node))

    def handle_endtag(self, tag):
        node: _Node | None = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        if self.node.tag == "head" and data.strip():
            self._leave_head()
        self.node.children.append(data)


def _decode(data: bytes, name: str) -> str:
    """Page bytes to text: BOM, then valid UTF-8, then the declared charset, then GB18030.

    UTF-8 goes before ``<meta charset>`` because browsers re-save pages as UTF-8
    keeping the old declaration, and Chinese UTF-8 is often valid GBK too, while
    GBK is practically never valid UTF-8.  A page broken in every encoding keeps
    what decodes if only a few bytes are bad.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, name)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii", "replace").lower() if match else "gb18030"
    if charset in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "csgb2312"):
        charset = "gb18030"
    try:
        return data.decode(charset)
    except LookupError:
        charset = "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        return decode_text(data, name)[0]
    except UnreadableDocument as exc:
        if str(exc).startswith("cannot decode"):
            text = data.decode(charset, errors="replace")
            if text.count("\ufffd") <= 0.01 * len(text):
                return text
        raise


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _is_hidden(node: _Node) -> bool:
    """Hidden by CSS or the ``hidden`` attribute.  ``<html>``/``<body>`` never count:
    pages hide the whole body until their scripts have run (``visibility: hidden``)."""
    if node.tag in ("html", "body"):
        return False
    return bool(_HIDDEN.search(node.attrs.get("style", ""))) or "hidden" in node.attrs


def _is_content_container(node: _Node) -> bool:
    """A known body container: a body hidden by CSS is still the body."""
    return any(token in _CONTENT_NAMES[:-3] for token in node.names().lower().split())


def _prune(root: _Node, chrome: bool) -> None:
    """Remove scripts, styles, hidden elements and, with ``chrome``, page controls."""
    stack = [root]
    while stack:
        node = stack.pop()
        kept = []
        for child in node.children:
            if isinstance(child, _Node) and (
                child.tag in _DROP_TAGS
                or (_is_hidden(child) and not _is_content_container(child))
                or (chrome and _CHROME.search(child.names()))
            ):
                continue
            kept.append(child)
            if isinstance(child, _Node):
                stack.append(child)
        node.children = kept


def _link_heavy(node: _Node) -> bool:
    """Mostly link text: a menu or a list of related documents."""
    links = sum(_cjk_count(n.text()) for n in node.walk() if n.tag == "a")
    return links > 0.5 * _cjk_count(node.text())


def _find_body(root: _Node) -> _Node:
    """The element holding the article: a known container, else the densest text block."""
    total = _cjk_count(root.text())
    candidates: dict[int, list[tuple[_Node, int]]] = {}
    for node in root.walk():
        tokens = set(node.names().lower().split())
        for rank, wanted in enumerate(_CONTENT_NAMES):
            if wanted in tokens:
                cjk = _cjk_count(node.text())
                if cjk >= 20 and cjk >= 0.2 * total:
                    candidates.setdefault(rank, []).append((node, cjk))
                break
    if candidates:
        same_name = candidates[min(candidates)]
        largest = max(cjk for _, cjk in same_name)
        # walk order is outer before inner: the last one still holding most of the text
        return [node for node, cjk in same_name if cjk >= 0.8 * largest][-1]

    # Fallback: every element's own Chinese text (outside links and nested blocks)
    # counts fully for itself and its parent, half for its grandparent.
    scores: dict[int, float] = {}
    nodes: dict[int, _Node] = {}
    depth: dict[int, int] = {id(root): 0}
    for node in root.walk():
        if node.parent is not None:
            depth[id(node)] = depth[id(node.parent)] + 1
        own = "".join(
            c if isinstance(c, str) else c.text()
            for c in node.children
            if isinstance(c, str) or c.tag in _INLINE_TAGS or ":" in c.tag
        )
        cjk = _cjk_count(own)
        if not cjk:
            continue
        parent = node.parent
        grandparent = parent.parent if parent is not None else None
        for share, target in ((1.0, node), (1.0, parent), (0.5, grandparent)):
            if target is not None:
                scores[id(target)] = scores.get(id(target), 0.0) + share * cjk
                nodes[id(target)] = target
    if not scores:
        return root
    best = nodes[max(scores, key=lambda k: (scores[k], depth.get(k, 0)))]
    # A body split into sections (Word's WordSection divs, one per annex) is their parent.
    while best.tag in ("div", "section") and best.parent is not None and best.parent.tag in ("div", "section"):
        parent = best.parent
        extra = _cjk_count(parent.text()) - _cjk_count(best.text())
        sections = sum(
            _cjk_count(c.text())
            for c in parent.children
            if isinstance(c, _Node) and c is not best and c.tag == best.tag and not _link_heavy(c)
        )
        if extra and sections < 0.8 * extra:
            break
        best = parent
    return best


class _Renderer:
    """Turns an element into ``(is_table, lines)`` blocks, one paragraph per line."""

    def __init__(self, drop_chrome_lines: bool = True) -> None:
        self.blocks: list[tuple[bool, list[str]]] = []
        self.parts: list[str] = []
        self.drop_chrome_lines = drop_chrome_lines

    def flush(self) -> None:
        text = _SOURCE_BREAK_CJK.sub("", "".join(self.parts)).replace(_SOURCE_BREAK, " ")
        self.parts = []
        for line in text.split("\n"):
            line = _SPACES.sub(" ", line.replace("\xa0", " ")).strip()
            if line and not (self.drop_chrome_lines and _CHROME_LINE.match(line)):
                self.blocks.append((False, [line]))

    def render(self, node: _Node, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, str):
                if pre:
                    self.parts.append(child)
                else:
                    self.parts.append(_SPACES.sub(" ", _NEWLINES.sub(_SOURCE_BREAK, child)))
                continue
            tag = child.tag
            if tag == "br":
                self.parts.append("\n")
            elif tag == "table" and _is_data_table(child):
                self.flush()
                self.blocks.append((True, pipe_layout(_grid(child))))
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")
                self.render(child, pre or tag == "pre")
                self.parts.append("\n")
            else:
                self.render(child, pre)


def _rows(table: _Node):
    """The table's own rows (not those of nested tables)."""
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                yield child
            elif child.tag in ("thead", "tbody", "tfoot"):
                yield from _rows(child)


def _cells(row: _Node) -> list[_Node]:
    return [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]


def _span(cell: _Node, name: str, limit: int) -> int:
    match = re.match(r"\s*(\d+)", cell.attrs.get(name, ""))
    return max(1, min(int(match.group(1)), limit)) if match else 1


def _grid(table: _Node) -> list[list[list[str]]]:
    """The table's rows as cell lines on a regular grid.

    A cell spanning several rows or columns is printed once, in its first slot; the
    other slots it covers are empty cells, so every row has all its columns in place
    and no text is printed twice.  Word's invisible width rows are dropped.
    """
    rows = list(_rows(table))
    grid: list[list[list[str]]] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for r, row in enumerate(rows):
        out: list[list[str]] = []
        for cell in _cells(row):
            while pending.get(len(out), 0) > 0:
                pending[len(out)] -= 1
                out.append([""])
            rowspan = _span(cell, "rowspan", len(rows) - r)
            colspan = _span(cell, "colspan", 100)
            for c in range(len(out), len(out) + colspan):
                pending[c] = rowspan - 1
            out.append(_cell_lines(cell))
            out.extend([""] for _ in range(colspan - 1))
        covered = [c for c, left in pending.items() if left > 0 and c >= len(out)]
        while covered and len(out) <= max(covered):  # covered columns after the last cell
            pending[len(out)] = max(pending.get(len(out), 0) - 1, 0)
            out.append([""])
        grid.append(out)
    return [cells for cells, row in zip(grid, rows, strict=True) if not _width_row(row, cells)]


_ZERO_HEIGHT = re.compile(r"(?:^|;)\s*height\s*:\s*0(?:\.0*)?(?:pt|px|cm)?\s*(?:;|$)", re.I)


def _width_row(row: _Node, cells: list[list[str]]) -> bool:
    """Word's invisible row fixing the column widths: no text, zero height or nothing
    but ``<br>`` in its cells (blank rows of a form to fill in hold ``<p>&nbsp;</p>``)."""
    if any(line for cell in cells for line in cell):
        return False
    if row.attrs.get("height", "").strip() in ("0", "0px") or _ZERO_HEIGHT.search(row.attrs.get("style", "")):
        return True
    return all(n.tag == "br" for cell in _cells(row) for n in cell.walk() if n is not cell)


def _cell_lines(cell: _Node) -> list[str]:
    renderer = _Renderer(drop_chrome_lines=False)
    renderer.render(cell)
    renderer.flush()
    return [line for _, lines in renderer.blocks for line in lines]


def _is_data_table(table: _Node) -> bool:
    """A real table (two or more columns, no nested tables), not page layout."""
    rows = list(_rows(table))
    if not rows or max(len(_cells(r)) for r in rows) < 2:
        return False
    return not any(n.tag == "table" for n in table.walk() if n is not table)


# Labels of the metadata a page prints around the body (gov.cn's table, city portals'
# labelled lines), compared with all spaces removed.
_META_LABELS = (
    "索引号|主题分类|分类|公文种类|发文机关|发布机关|发布机构|制发机关|颁布机关|发文单位|发文机构|"
    "发布单位|发布部门|成文日期|成文时间|标题|题名|名称|文件名称|文件标题|政策标题|政策名称|发文字号|文号|"
    "政策文号|发文号|文件编号|发文文号|文件字号|发布日期|发布时间|公布日期|公布时间|发文日期|印发日期|"
    "实施日期|施行日期|生效日期|生效时间|失效日期|失效时间|统一编号|主题词|关键词|文件状态|有效性|时效性|"
    "效力状态|政策状态|效力级别|签发人"
)
_META_LABEL = re.compile(rf"^({_META_LABELS})[：:]$")
_GAP = "[\\s\\u3000\\xa0]*"


def _spaced(alternatives: str) -> str:
    """A regex for the ``|``-separated words with any spacing between their characters."""
    return "|".join(_GAP.join(map(re.escape, word)) for word in alternatives.split("|"))


# "发布日期：2024-09-12  浏览次数：-": labelled values in one line, each up to the next label.
_META_LINE = re.compile(
    rf"({_spaced(_META_LABELS)}){_GAP}[：:](.*?)"
    rf"(?=(?:{_spaced(_META_LABELS + '|浏览次数|访问量|点击数|点击量|来源|信息来源|字号|字体')}){_GAP}[：:]|【|$)"
)
_NO_SPACE = re.compile(r"[\s\u3000\xa0]+")


def _squeeze(text: str) -> str:
    return _NO_SPACE.sub("", text)


def _value(text: str) -> str:
    value = _SPACES.sub(" ", text.replace("\xa0", " ").replace("\u3000", " ")).strip()
    return "" if value in ("-", "--", "—", "无") else value


def _metadata(root: _Node, skip: _Node) -> list[tuple[str, str]]:
    """``(label, value)`` pairs the page prints outside the body ``skip``, in page order.

    A label is a table cell / ``<span>`` / ``<b>`` holding just ``发文机关：``, its value the
    next cell or the rest of its line; a block line ``标题：…`` holds both.  Labels are
    returned without the spaces pages pad them with (``标　　题`` → ``标题``); empty values
    (fields filled in by scripts) are left out, and each label is kept once.
    """
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(label: str, value: str) -> None:
        value = _value(value)
        if value and label not in seen:
            seen.add(label)
            pairs.append((label, value))

    def visit(node: _Node) -> None:
        for child in node.children:
            if not isinstance(child, _Node) or child is skip:
                continue
            flat = _squeeze(child.text())
            label = _META_LABEL.match(flat)
            if label:
                cell = child
                while cell.tag not in ("td", "th", "dt") and cell.parent is not None:
                    if _squeeze(cell.parent.text()) != flat:
                        break
                    cell = cell.parent
                if cell.tag in ("td", "th", "dt") and cell.parent is not None:
                    siblings = [c for c in cell.parent.children if isinstance(c, _Node)]
                    later = siblings[siblings.index(cell) + 1 :]
                    if later and later[0].tag in ("td", "th", "dd"):
                        add(label.group(1), later[0].text())
                else:
                    rest = cell.parent.text() if cell.parent is not None else ""
                    here = cell.text()
                    add(label.group(1), rest.split(here, 1)[1] if here in rest else "")
                continue
            if child.tag in _BLOCK_TAGS and not any(
                isinstance(c, _Node) and c.tag in _BLOCK_TAGS and c.tag != "br" for c in child.walk() if c is not child
            ):
                line = _value(child.text())
                found = _META_LINE.match(line)
                if found:
                    for found in _META_LINE.finditer(line):
                        add(_squeeze(found.group(1)), found.group(2))
                    continue
            visit(child)

    visit(root)
    return pairs


def _title(root: _Node) -> str:
    """The document title: <meta name=ArticleTitle>, else an <h1> agreeing with <title>, else <title>."""
    metas, h1s, page_title = [], [], ""
    for node in root.walk():
        if node.tag == "meta" and node.attrs.get("name", "").lower() in ("articletitle", "dc.title"):
            metas.append(_SPACES.sub(" ", node.attrs.get("content", "")).strip())
        elif node.tag == "h1":
            h1s.append(_SPACES.sub(" ", node.text()).strip())
        elif node.tag == "title" and not page_title:
            page_title = _TITLE_SUFFIX.sub("", _SPACES.sub(" ", node.text()).strip())
    for title in metas:
        if title:
            return title
    squeezed = page_title.replace(" ", "")
    for h1 in h1s:
        if h1 and squeezed and (h1.replace(" ", "") in squeezed or squeezed in h1.replace(" ", "")):
            return h1 if len(h1) >= len(page_title) else page_title
    if page_title:
        return page_title
    return next((h1 for h1 in h1s if _cjk_count(h1) >= 4), "")


_REPRINT = re.compile(r"^[（(【\[]\s*转载\s*[）)】\]]")
_TITLE_LABELS = ("标题", "题名", "名称", "文件名称", "文件标题", "政策标题", "政策名称")


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read an .html/.htm file's bytes; ``how`` is ``'html'``.

    The page's metadata (see :func:`_metadata`) comes first as ``标签：值`` lines and a
    line ``正文``, then the body, one paragraph per line.
    """
    builder = _TreeBuilder()
    builder.feed(_decode(data, name))
    builder.close()
    root = builder.root
    title = _title(root)
    _prune(root, chrome=False)
    body = _find_body(root)
    meta = _metadata(root, body) if body is not root else []
    _prune(body, chrome=True)
    renderer = _Renderer()
    renderer.render(body)
    renderer.flush()
    blocks = renderer.blocks
    if title and not any(label in _TITLE_LABELS for label, _ in meta):
        head = _squeeze("".join(line for _, lines in blocks[:8] for line in lines))
        if _squeeze(_REPRINT.sub("", title)) not in head:
            blocks.insert(0, (False, [title]))
    if not blocks:
        raise UnreadableDocument(N_("no article text found in page: {name}"), name=name)
    if meta:
        blocks.insert(0, (False, [f"{label}：{value}" for label, value in meta] + ["正文"]))
    return join_blocks(blocks), "html"
