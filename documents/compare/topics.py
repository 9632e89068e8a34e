"""Topic compare: how several documents treat one topic (土地, 人才, 环保 …), side by side.

For each document, the passages about the topic are found by searching the
topic's terms (``data/topics.toml``: 土地 also finds 用地, 亩均, 标准地 …) and
reading the section structure:

* a section whose heading names the topic is taken whole, once, with its
  heading (its subsections are inside it, not listed again);
* so is a section without subsections most of whose paragraphs speak of the
  topic (three term hits in all), and a section all of whose (two or more)
  subsections are taken;
* elsewhere a single paragraph that speaks of the topic at length (three
  term hits or more) is taken alone.

Agency names are not topic words: 省生态环境厅 assigning a task does not
make the task about 环保. Passages that merely list the topic among others
(…人才、技术、资金等要素…) are left out.

Rows are sub-topics: items of different documents whose headings agree
(one heading phrase shares most of its characters with another's, e.g.
土地节约集约利用目标 / 不断提升土地节约集约利用水平) share a row; the rest
have a row each, in reading order.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from documents.extract.agencies import AgencyTable
from documents.extract.agencies import default_table as default_agencies
from documents.extract.config_tables import shared_per_config_file
from documents.locations import config_dir
from documents.model import Clause, Document, Section, Table, heading_of

DATA_FILE = Path(__file__).parent.parent / "extract" / "data" / "topics.toml"
#: Term hits that make one paragraph (or a section's text) about the topic on its own.
PARAGRAPH_HITS = 3
#: A weak term counts this much (生态, 绿色 …).
WEAK_WEIGHT = 0.5
#: Two headings treat the same sub-topic when a phrase of each matches this well …
ROW_SIMILARITY = 0.5
#: … and they share a run of at least this many characters.
ROW_COMMON_RUN = 3
BODY_KINDS = {"clause"}


@dataclass(frozen=True)
class Topic:
    """A topic and the words that mark a passage as being about it."""

    name: str
    terms: tuple[str, ...]
    weak: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def _load_file(path: Path, into: dict[str, Topic]) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for entry in data.get("topic", []):
        name = str(entry.get("name", "")).strip()
        if not name:
            continue
        old = into.get(name)
        terms = tuple(dict.fromkeys([*(old.terms if old else ()), name, *entry.get("terms", [])]))
        weak = tuple(dict.fromkeys([*(old.weak if old else ()), *entry.get("weak", [])]))
        aliases = tuple(dict.fromkeys([*(old.aliases if old else ()), *entry.get("aliases", [])]))
        into[name] = Topic(name, terms, weak, aliases)


def load_topics(user_file: Path | None = None, *, include_user: bool = True) -> dict[str, Topic]:
    """The bundled topics, extended by ``topics.toml`` in the config folder (a broken file is skipped)."""
    topics: dict[str, Topic] = {}
    _load_file(DATA_FILE, topics)
    path = user_file or config_dir() / "topics.toml"
    if include_user and path.is_file():
        with contextlib.suppress(OSError, tomllib.TOMLDecodeError, TypeError, AttributeError):
            _load_file(path, topics)
    return topics


_shared_topics = shared_per_config_file("topics.toml", lambda: load_topics())


def topic_for(word: str, topics: dict[str, Topic] | None = None) -> Topic:
    """The topic ``word`` names (its name or an alias); an unlisted word is a topic of itself."""
    word = "".join(word.split())
    known = topics if topics is not None else _shared_topics()
    if word in known:
        return known[word]
    for topic in known.values():
        if word in topic.aliases:
            return topic
    return Topic(word, (word,))


class TopicMatcher:
    """Finds a topic's terms in text, with agency names (省生态环境厅) blanked out first."""

    def __init__(self, topic: Topic, agencies: AgencyTable | None = None) -> None:
        self.topic = topic
        self.agencies = agencies if agencies is not None else default_agencies()
        words = sorted({*topic.terms, *topic.weak}, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None
        self.strong = set(topic.terms)

    def hits(self, text: str) -> list[str]:
        """The terms found in ``text``, in order (longest term wins where they overlap)."""
        if self.pattern is None or not text:
            return []
        for mention in sorted(self.agencies.find_in(text, skip_titles=False), key=lambda m: -m.start):
            text = text[: mention.start] + "□" * (mention.end - mention.start) + text[mention.end :]
        return [m.group(0) for m in self.pattern.finditer(text)]

    def weight(self, hits: list[str]) -> float:
        return sum(1.0 if h in self.strong else WEAK_WEIGHT for h in hits)


@dataclass
class TopicItem:
    """One passage about the topic: a whole section (``kind`` section) or one paragraph (clause).

    ``text`` is the whole passage (a section's paragraphs and subsection headings,
    one per line); ``reason`` is heading / body / subsections / paragraph.
    """

    doc: str
    short: str
    address: str
    kind: str
    heading: str
    heading_path: list[str]
    text: str
    terms: list[str]
    score: float
    reason: str
    line: int = 0

    @property
    def label(self) -> str:
        """A heading to show: the section's, or the paragraph's first phrase."""
        return self.heading or _first_phrase(self.text)


@dataclass
class TopicRow:
    """A sub-topic: the passages of each document (by short number) that treat it."""

    subtopic: str
    cells: dict[str, list[TopicItem]]

    @property
    def filled(self) -> int:
        return sum(1 for items in self.cells.values() if items)

    @property
    def topic(self) -> str:
        """The row's name (as a zone/agency compare row calls it)."""
        return self.subtopic

    def _first(self) -> TopicItem | None:
        return next((items[0] for items in self.cells.values() if items), None)

    @property
    def address(self) -> str:
        first = self._first()
        return first.address if first else ""

    @property
    def doc(self) -> str:
        first = self._first()
        return first.doc if first else ""


@dataclass
class TopicDoc:
    key: str
    short: str
    title: str
    doc_number: str


@dataclass
class TopicMatrix:
    """Documents as columns, sub-topics as rows, for one topic."""

    topic: str
    terms: list[str]
    docs: list[TopicDoc]
    rows: list[TopicRow] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [d.short for d in self.docs]

    #: A topic compare has no column shared by every subject (zone compares have 各开发区（共同）).
    common = ""

    def shown_columns(self) -> list[str]:
        """The columns as drawn: one per document (same interface as a zone/agency compare)."""
        return self.columns

    def cell(self, row: TopicRow, column: str) -> list[TopicItem]:
        """The passages of document ``column`` in ``row``."""
        return list(row.cells.get(column) or [])

    def items(self, short: str) -> list[TopicItem]:
        """Every passage of one document, in reading order."""
        found = [item for row in self.rows for item in row.cells.get(short, [])]
        return sorted(found, key=lambda item: item.line)

    def doc(self, short: str) -> TopicDoc:
        return next(d for d in self.docs if d.short == short)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- finding passages


def _first_phrase(text: str, limit: int = 30) -> str:
    for i, ch in enumerate(text):
        if ch in "，。；：,;:" and i >= 4:
            text = text[:i]
            break
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blocks(section: Section) -> list[Clause | Table]:
    return [b for b in section.blocks if isinstance(b, Table) or b.kind in BODY_KINDS]


def section_heading(section: Section) -> str:
    """The printed title, or an untitled item's first phrase (up to its first ， or 。)."""
    if section.title:
        return section.title
    head = section.heading_text
    for i, ch in enumerate(head):
        if ch in "，。；：,;:" and i >= 4:
            return head[:i]
    return head


def _label(section: Section) -> str:
    return re.sub(r"\s+", "", section.raw_label) if section.raw_label else section.label


def _heading_hits(section: Section, matcher: TopicMatcher) -> list[str]:
    return matcher.hits(section_heading(section)) if section.level > 0 else []


def _section_text(section: Section) -> str:
    lines: list[str] = []
    for node in section.walk():
        if node is not section and node.title:
            lines.append(heading_of(node))
        lines += [b.text for b in _blocks(node)]
    return "\n".join(lines)


@dataclass
class _Verdict:
    about: bool
    reason: str
    hits: list[str]
    paragraphs: int
    hit_paragraphs: int
    weight: float


def _judge(section: Section, matcher: TopicMatcher, children: list[_Verdict]) -> _Verdict:
    heading = _heading_hits(section, matcher)
    own = [matcher.hits(b.text) for b in _blocks(section)]
    hits = heading + [h for found in own for h in found]
    paragraphs = len(own) + sum(c.paragraphs for c in children)
    hit_paragraphs = sum(1 for found in own if matcher.weight(found) >= 1) + sum(c.hit_paragraphs for c in children)
    weight = matcher.weight([h for found in own for h in found]) + sum(c.weight for c in children)
    hits += [h for c in children for h in c.hits]
    if section.level == 0:
        return _Verdict(False, "", hits, paragraphs, hit_paragraphs, weight)
    if matcher.weight(heading) >= 1:
        return _Verdict(True, "heading", hits, paragraphs, hit_paragraphs, weight)
    if len(children) >= 2 and all(c.about for c in children):
        return _Verdict(True, "subsections", hits, paragraphs, hit_paragraphs, weight)
    if not children and paragraphs and weight >= PARAGRAPH_HITS and hit_paragraphs * 2 >= paragraphs:
        return _Verdict(True, "body", hits, paragraphs, hit_paragraphs, weight)
    return _Verdict(False, "", hits, paragraphs, hit_paragraphs, weight)


def topic_items(document: Document, matcher: TopicMatcher) -> list[TopicItem]:
    """The passages of ``document`` about the matcher's topic, in reading order."""
    items: list[TopicItem] = []

    def section_item(section: Section, verdict: _Verdict) -> TopicItem:
        return TopicItem(
            document.key,
            document.short,
            section.address,
            "section",
            _label(section) + section_heading(section),
            document.heading_path(section),
            _section_text(section),
            list(dict.fromkeys(verdict.hits)),
            round(matcher.weight(verdict.hits), 1),
            verdict.reason,
            section.line,
        )

    def paragraph_items(section: Section) -> list[TopicItem]:
        out = []
        for block in _blocks(section):
            found = matcher.hits(block.text)
            if matcher.weight(found) >= PARAGRAPH_HITS:
                path = document.heading_path(section) if section.level > 0 else []
                out.append(
                    TopicItem(
                        document.key,
                        document.short,
                        block.address,
                        "clause",
                        "",
                        path,
                        block.text,
                        list(dict.fromkeys(found)),
                        round(matcher.weight(found), 1),
                        "paragraph",
                        block.line,
                    )
                )
        return out

    def visit(section: Section) -> tuple[_Verdict, list[TopicItem]]:
        results = [visit(child) for child in section.children]
        verdict = _judge(section, matcher, [v for v, _ in results])
        if verdict.about:
            return verdict, [section_item(section, verdict)]
        inner = paragraph_items(section)
        for _, found in results:
            inner += found
        return verdict, inner

    _, items = visit(document.root)
    items.sort(key=lambda item: item.line)
    return items


# ---------------------------------------------------------------- rows


_PHRASE_SPLIT = re.compile(r"[，,、；;。：:\s（）()“”\"]+")
_LABEL = re.compile(r"^[\d一二三四五六七八九十百（）()．.、·]+")


def _phrases(heading: str) -> list[str]:
    heading = _LABEL.sub("", heading)
    return [p for p in _PHRASE_SPLIT.split(heading) if len(p) >= 2]


def heading_similarity(a: str, b: str) -> float:
    """How well the best phrase of heading ``a`` matches one of ``b`` (0 when no run of 3 chars is shared)."""
    best = 0.0
    for pa in _phrases(a):
        for pb in _phrases(b):
            matcher = difflib.SequenceMatcher(None, pa, pb, autojunk=False)
            run = matcher.find_longest_match(0, len(pa), 0, len(pb)).size
            if run >= ROW_COMMON_RUN:
                best = max(best, matcher.ratio())
    return best


def align_rows(docs: list[TopicDoc], per_doc: dict[str, list[TopicItem]]) -> list[TopicRow]:
    """Sub-topic rows: items of different documents with agreeing headings share a row."""
    flat = [(d.short, item) for d in docs for item in per_doc.get(d.short, [])]
    pairs = []
    for i, (da, a) in enumerate(flat):
        for j in range(i + 1, len(flat)):
            db, b = flat[j]
            if da == db or not a.heading or not b.heading:
                continue
            score = heading_similarity(a.heading, b.heading)
            if score >= ROW_SIMILARITY:
                pairs.append((score, i, j))
    group = list(range(len(flat)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(flat))}
    for _score, i, j in sorted(pairs, reverse=True):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        docs_i = {flat[k][0] for k in members[gi]}
        docs_j = {flat[k][0] for k in members[gj]}
        if docs_i & docs_j:  # one passage per document in a row
            continue
        for k in members[gj]:
            group[k] = gi
        members[gi] |= members.pop(gj)
    rows: list[TopicRow] = []
    aligned = [sorted(m) for m in members.values() if len(m) > 1]
    single = [sorted(m) for m in members.values() if len(m) == 1]
    for ks in sorted(aligned) + sorted(single):
        cells: dict[str, list[TopicItem]] = {d.short: [] for d in docs}
        for k in ks:
            cells[flat[k][0]].append(flat[k][1])
        rows.append(TopicRow(_subtopic([flat[k][1] for k in ks]), cells))
    return rows


_VERBS = re.compile(
    r"^(?:进一步|不断|大力|积极|着力|切实|全面|加快|强化|加强|推进|促进|提升|提高|坚持|建立|完善|推动|深化|优化)+"
)


def _common_runs(labels: list[str]) -> list[str]:
    runs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            m = difflib.SequenceMatcher(None, a, b, autojunk=False)
            match = m.find_longest_match(0, len(a), 0, len(b))
            run = a[match.a : match.a + match.size].strip("，、；。 ")
            if len(run) >= ROW_COMMON_RUN:
                runs.append(run)
    return runs


def _subtopic(items: list[TopicItem]) -> str:
    """A row's name: the run of characters most of its headings share, else the first heading."""
    labels = [_LABEL.sub("", item.label) for item in items]
    if len(items) > 1:
        stripped = ["，".join(_VERBS.sub("", p) for p in _phrases(label)) for label in labels]
        runs = _common_runs(stripped) or [r for r in _common_runs(labels) if len(_VERBS.sub("", r)) >= 2]
        if runs:
            counts = {run: sum(run in label for label in labels) for run in dict.fromkeys(runs)}
            top = max(counts.values())
            return " / ".join([run for run, n in counts.items() if n == top][:2])
    return labels[0]


def topic_compare(
    corpus, word: str, docs=None, topics: dict[str, Topic] | None = None, *, only_found: bool = False
) -> TopicMatrix:
    """The :class:`TopicMatrix` of ``word`` over ``docs`` (refs; default every document of ``corpus``).

    ``only_found`` leaves out the documents with no passage on the topic.
    """
    topic = topic_for(word, topics)
    documents: list[Document] = []
    for ref in docs or corpus.documents:
        doc = ref if isinstance(ref, Document) else corpus.get(ref)
        if doc not in documents:
            documents.append(doc)
    matcher = TopicMatcher(topic)
    columns = [TopicDoc(d.key, d.short, d.title, d.meta.doc_number or "") for d in documents]
    per_doc = {d.short: topic_items(d, matcher) for d in documents}
    if only_found:
        columns = [c for c in columns if per_doc[c.short]]
    return TopicMatrix(topic.name, list(topic.terms), columns, align_rows(columns, per_doc))
