"""The query language: words, "phrases", AND / OR / NOT, ( ), -word and field:value filters.

Parsing is separate from compiling (:mod:`index.compiler`) so it needs neither
jieba nor Whoosh. Anything the grammar rejects — an unbalanced quote or
parenthesis, an operator with nothing to apply to — is never an error for the
user: the query is searched as plain text and :attr:`ParsedQuery.notice` says so.

    >>> parse('"亩均效益" kind:table').filters
    [('kind', 'table')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.errors import N_, CeyueError, Message

#: Filter fields, with the spellings users may type for them.
FILTER_FIELDS = {
    "doc": "doc",
    "文件": "doc",
    "kind": "kind",
    "类型": "kind",
    "year": "year",
    "年份": "year",
    "年": "year",
    "agency": "agency",
    "部门": "agency",
    "单位": "agency",
    "zone": "zone",
    "园区": "zone",
    "地区": "zone",
}
OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&&": "AND", "||": "OR"}
OPEN_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
_FILTER = re.compile(r"^(?P<field>[A-Za-z\u4e00-\u9fff]+)[:：](?P<value>.+)$")
_SPACE = re.compile(r"\s+")


#: Deepest nesting of ( and NOT the parser follows (each level is a few Python frames).
MAX_DEPTH = 40


class QuerySyntaxError(CeyueError, ValueError):
    """What is wrong with a query, phrased for a notice."""


@dataclass
class Unit:
    """One thing to look for: a word run as typed, or a quoted phrase."""

    text: str
    phrase: bool = False


@dataclass
class Node:
    """A boolean combination: ``op`` is AND, OR or NOT (NOT has one child)."""

    op: str
    children: list[Node | Unit] = field(default_factory=list)
    explicit: bool = False  # AND typed out, not just words side by side


Tree = Node | Unit | None


@dataclass
class ParsedQuery:
    text: str
    tree: Tree
    filters: list[tuple[str, str]] = field(default_factory=list)
    notice: Message | None = None

    def units(self, *, positive_only: bool = True) -> list[Unit]:
        """The units in the tree, left to right (without negated ones by default)."""
        out: list[Unit] = []

        def visit(node: Tree, negated: bool) -> None:
            if isinstance(node, Unit):
                if not (negated and positive_only):
                    out.append(node)
            elif isinstance(node, Node):
                for child in node.children:
                    visit(child, negated ^ (node.op == "NOT"))

        visit(self.tree, False)
        return out


@dataclass
class _Token:
    kind: str  # word | phrase | op | lparen | rparen | minus
    text: str


def _word_end(text: str, i: int) -> int:
    """End of the word run at ``i``; quoted parts glued to it (“135”工程) belong to it."""
    n = len(text)
    j = i
    while j < n and not text[j].isspace() and text[j] not in "()":
        if text[j] in OPEN_QUOTES:
            k = text.find(OPEN_QUOTES[text[j]], j + 1)
            if k < 0:
                raise QuerySyntaxError(N_("unbalanced quote"))
            j = k + 1
        elif text[j] in "”」』":
            raise QuerySyntaxError(N_("unbalanced quote"))
        else:
            j += 1
    return j


def _tokens(text: str) -> list[_Token]:
    """Lex ``text``; raises :class:`QuerySyntaxError` on an unclosed quote."""
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in OPEN_QUOTES:
            close = OPEN_QUOTES[ch]
            j = text.find(close, i + 1)
            if j < 0:
                raise QuerySyntaxError(N_("unbalanced quote"))
            if j + 1 < n and not text[j + 1].isspace() and text[j + 1] not in "()":
                end = _word_end(text, i)  # “135”工程: the quotes are part of a word
                out.append(_Token("word", text[i:end]))
                i = end
            else:
                out.append(_Token("phrase", text[i + 1 : j]))
                i = j + 1
        elif ch in "”」』":
            raise QuerySyntaxError(N_("unbalanced quote"))
        elif ch == "(":
            out.append(_Token("lparen", ch))
            i += 1
        elif ch == ")":
            out.append(_Token("rparen", ch))
            i += 1
        elif (
            ch == "-"
            and i + 1 < n
            and not text[i + 1].isspace()
            and (i == 0 or text[i - 1].isspace() or text[i - 1] == "(")
        ):
            out.append(_Token("minus", ch))
            i += 1
        else:
            j = _word_end(text, i)
            word = text[i:j]
            out.append(_Token("op", OPERATORS[word]) if word in OPERATORS else _Token("word", word))
            i = j
    return out


class _Parser:
    """Recursive descent: or := and (OR and)* ; and := not (AND? not)* ; not := (NOT|-) not | atom."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def deeper(self) -> None:
        """One more level of ( or NOT; a query nested deeper than anyone types is read as plain words."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(N_("more than {depth} nested parentheses or NOTs"), depth=MAX_DEPTH)

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Tree:
        if not self.tokens:
            return None
        tree = self.or_expr()
        if (rest := self.peek()) is not None:
            raise QuerySyntaxError(N_("unbalanced parenthesis") if rest.kind == "rparen" else N_("unexpected operator"))
        return tree

    def or_expr(self) -> Node | Unit:
        self.deeper()
        items = [self.and_expr()]
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "OR":
            self.take()
            items.append(self.and_expr())
        self.depth -= 1
        return items[0] if len(items) == 1 else Node("OR", items)

    def and_expr(self) -> Node | Unit:
        items = [self.not_expr()]
        explicit = False
        while (t := self.peek()) is not None and t.kind != "rparen" and not (t.kind == "op" and t.text == "OR"):
            if t.kind == "op" and t.text == "AND":
                self.take()
                explicit = True
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else Node("AND", items, explicit)

    def not_expr(self) -> Node | Unit:
        t = self.peek()
        if t is None:
            raise QuerySyntaxError(N_("operator without a search term"))
        if t.kind == "minus" or (t.kind == "op" and t.text == "NOT"):
            self.take()
            self.deeper()
            node = Node("NOT", [self.not_expr()])
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node | Unit:
        t = self.peek()
        if t is None or t.kind == "op":
            raise QuerySyntaxError(N_("operator without a search term"))
        if t.kind == "rparen":
            raise QuerySyntaxError(N_("unbalanced parenthesis"))
        self.take()
        if t.kind == "lparen":
            if (nxt := self.peek()) is not None and nxt.kind == "rparen":
                raise QuerySyntaxError(N_("empty parentheses"))
            inner = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QuerySyntaxError(N_("unbalanced parenthesis"))
            self.take()
            return inner
        if t.kind == "phrase":
            return Unit(t.text.strip(), phrase=True)
        return Unit(t.text)


def _split_filters(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Take ``field:value`` words out of ``text`` (outside quotes)."""
    filters: list[tuple[str, str]] = []
    kept: list[str] = []
    for piece in re.split(r"(\s+)", text):
        m = _FILTER.match(piece)
        if m and m.group("field").lower() in FILTER_FIELDS and not any(q in piece for q in '"“”'):
            name = FILTER_FIELDS[m.group("field").lower()]
            for value in re.split(r"[,，]", m.group("value")):
                if value.strip():
                    filters.append((name, value.strip()))
        else:
            kept.append(piece)
    return "".join(kept), filters


def plain_tree(text: str) -> Tree:
    """``text`` as plain words: syntax characters and operator words dropped, words ANDed."""
    cleaned = re.sub(r'["“”「」『』()]', " ", text)
    words = [w.lstrip("-") for w in _SPACE.split(cleaned) if w and w not in OPERATORS]
    units: list[Node | Unit] = [Unit(w) for w in words if w]
    if not units:
        return None
    return units[0] if len(units) == 1 else Node("AND", units)


def parse(text: str) -> ParsedQuery:
    """Parse ``text``; never raises (bad syntax falls back to plain text with a notice)."""
    rest, filters = _split_filters(text.strip())
    try:
        tree = _Parser(_tokens(rest)).parse()
    except QuerySyntaxError as exc:
        notice = Message(N_("{problem}: searched as plain text"), {"problem": exc.message})
        return ParsedQuery(text, plain_tree(rest), filters, notice)
    return ParsedQuery(text, _drop_empty(tree), filters)


def _drop_empty(tree: Tree) -> Tree:
    """Remove empty phrases ("") so they neither match everything nor nothing."""
    if isinstance(tree, Unit):
        return tree if tree.text else None
    if isinstance(tree, Node):
        children = [c for c in (_drop_empty(c) for c in tree.children) if c is not None]
        if not children:
            return None
        if tree.op != "NOT" and len(children) == 1:
            return children[0]
        return Node(tree.op, children, tree.explicit)
    return None
