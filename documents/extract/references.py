"""References between and inside documents, resolved against the corpus.

A clause cites other documents by 《title》 and by 文号 (any bracket form),
points at its own 专栏 tables and 附件, and sometimes states something once for
everything that follows (``各工作均需各市州人民政府、各园区管委会参与，以下不再
重复``). :class:`ReferenceResolver` finds them all, resolves each to a document,
table or section of the corpus where it can, and answers the reverse question
("cited by"). Work is done lazily and cached per document, so a reader can ask
:meth:`ReferenceResolver.references_at` for every clause it draws.

    >>> [r.text for r in scan_text("按照《甲办法》（湘政发[2020]4号）执行，见专栏2")]
    ['《甲办法》', '湘政发[2020]4号', '专栏2']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.extract.agencies import AgencyTable, default_table
from documents.model import Clause, Document, Table
from documents.parsing.attachments import parse_attachments
from documents.parsing.labels import CN_DIGITS
from documents.parsing.spacing import compact
from documents.parsing.spans import TITLE_RE, find_doc_numbers, normalize_doc_number, normalize_title

KINDS = ("title", "doc_number", "table", "attachment", "inherited")

TABLE_LABEL_RE = re.compile(rf"(专栏|附表)\s*([{CN_DIGITS}\d]{{1,3}})")
ATTACHMENT_LABEL_RE = re.compile(rf"附件\s*([{CN_DIGITS}\d]{{1,3}})(?![\d{CN_DIGITS}])")
INHERIT_RE = re.compile(r"以下(?:均)?不再(?:一一)?(?:重复|列出|赘述|列举)|(?<![简称])[，,]?(?:下同|后同)")
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
_LAW_PREFIX = "中华人民共和国"


@dataclass
class Reference:
    """One reference as printed in a clause (or table) and what it resolves to.

    ``start``/``end`` are offsets into ``Clause.text`` (``Table.text`` for a
    table). ``target_doc``/``target_address`` are None when the corpus does
    not hold what the reference names; ``names`` then says what it names.
    For ``inherited`` statements ``agencies`` lists the canonical names that
    apply to every later task, and the target is the statement's scope (the
    document key and the top-level section holding the statement).
    """

    kind: str
    text: str
    doc: str
    address: str
    start: int
    end: int
    target_doc: str | None
    target_address: str | None
    names: str
    agencies: list[str] = field(default_factory=list)
    self_reference: bool = False  # names the citing document itself (its own title)

    @property
    def resolved(self) -> bool:
        return self.target_doc is not None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "text": self.text,
            "doc": self.doc,
            "address": self.address,
            "start": self.start,
            "end": self.end,
            "target_doc": self.target_doc,
            "target_address": self.target_address,
            "names": self.names,
            "resolved": self.resolved,
            "agencies": self.agencies,
            "self_reference": self.self_reference,
        }


@dataclass(frozen=True)
class Found:
    """A reference found in a text before resolution."""

    kind: str
    text: str
    start: int
    end: int
    names: str
    label: str = ""


def number_value(text: str) -> int | None:
    """``2`` / ``二`` / ``十二`` → int (small numbers as used in labels)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in "零一二三四五六七八九十两" for c in text):
        return None
    text = text.replace("两", "二")
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_VALUES.get(tens, 1) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)
    return _CN_VALUES.get(text) if len(text) == 1 else None


def canonical_label(kind: str, number: str) -> str:
    value = number_value(number)
    return f"{kind}{value if value is not None else number}"


def scan_text(text: str) -> list[Found]:
    """Every 《title》, 文号 and 专栏/附件 label in ``text``, in order (no inherited statements)."""
    found: list[Found] = []
    for m in TITLE_RE.finditer(text):
        found.append(Found("title", m.group(0), m.start(), m.end(), normalize_title(m.group(1))))
    for d in find_doc_numbers(text):
        found.append(Found("doc_number", d.raw, d.start, d.end, d.normalized))
    titles = [(f.start, f.end) for f in found if f.kind == "title"]

    def in_title(pos: int) -> bool:
        return any(a <= pos < b for a, b in titles)

    for m in TABLE_LABEL_RE.finditer(text):
        if not in_title(m.start()):
            label = canonical_label(m.group(1), m.group(2))
            found.append(Found("table", m.group(0), m.start(), m.end(), label, label))
    for m in ATTACHMENT_LABEL_RE.finditer(text):
        if not in_title(m.start()):
            label = canonical_label("附件", m.group(1))
            found.append(Found("attachment", m.group(0), m.start(), m.end(), label, label))
    found.sort(key=lambda f: (f.start, f.end))
    return found


def inherited_statements(text: str, agencies: AgencyTable) -> list[tuple[int, int, list[str]]]:
    """Statements that apply agencies to everything below: ``(start, end, canonical names)``.

    The statement runs from the comma-piece that names the agencies to the
    marker (以下不再重复 / 下同); a marker with no agency before it is skipped
    (``（以下简称示范区，下同）`` defines a word, it assigns no one).
    """
    out: list[tuple[int, int, list[str]]] = []
    for m in INHERIT_RE.finditer(text):
        stop = max(text.rfind(c, 0, m.start()) for c in "。；;（(【")
        begin = m.start()
        names: list[str] = []
        while begin > stop + 1:
            comma = max(text.rfind(c, 0, begin - 1) for c in "，,")
            piece_start = max(comma, stop) + 1
            mentions = agencies.find_in(text[piece_start : m.start()])
            if mentions:
                begin = piece_start
                names = list(dict.fromkeys(x.canonical for x in mentions))
                break
            begin = piece_start
            if comma <= stop:
                break
        if names:
            out.append((begin, m.end(), names))
    return out


class ReferenceResolver:
    """References of every document in ``corpus``, resolved; computed per document on demand."""

    def __init__(self, corpus, agencies: AgencyTable | None = None) -> None:
        self.corpus = corpus
        self.agencies = agencies or default_table()
        self._docs: dict[str, Document] = {}
        for doc in corpus.documents:
            self._docs.setdefault(doc.key, doc)
            self._docs.setdefault(doc.short, doc)
        self._refs: dict[str, list[Reference]] = {}
        self._at: dict[str, dict[str, list[Reference]]] = {}
        self._titles: dict[str, list[Document]] | None = None
        self._numbers: dict[str, list[Document]] | None = None
        self._cited: dict[str, list[Reference]] | None = None

    # ---------------------------------------------------------------- lookup

    def document(self, doc_key: str) -> Document:
        doc = self._docs.get(doc_key)
        if doc is None:
            doc = self.corpus.get(doc_key)
            self._docs[doc_key] = doc
        return doc

    def references(self, doc_key: str) -> list[Reference]:
        """Every reference in the document, in reading order."""
        doc = self.document(doc_key)
        refs = self._refs.get(doc.key)
        if refs is None:
            refs = self._extract(doc)
            self._refs[doc.key] = refs
            at: dict[str, list[Reference]] = {}
            for ref in refs:
                at.setdefault(ref.address, []).append(ref)
            self._at[doc.key] = at
        return refs

    def references_at(self, doc_key: str, address: str) -> list[Reference]:
        """The references in the clause or table at ``address``."""
        doc = self.document(doc_key)
        self.references(doc.key)
        return list(self._at[doc.key].get(address, ()))

    def cited_by(self, doc_key: str, address: str | None = None) -> list[Reference]:
        """References elsewhere that resolve to the document (or to ``address`` and below)."""
        doc = self.document(doc_key)
        if self._cited is None:
            cited: dict[str, list[Reference]] = {}
            for other in self.corpus.documents:
                for ref in self.references(other.key):
                    if ref.target_doc and ref.kind != "inherited" and not ref.self_reference:
                        cited.setdefault(ref.target_doc, []).append(ref)
            self._cited = cited
        refs = self._cited.get(doc.key, [])
        if address is None:
            return list(refs)
        return [r for r in refs if r.target_address == address or (r.target_address or "").startswith(address + "/")]

    def unresolved(self, doc_key: str) -> list[Reference]:
        return [r for r in self.references(doc_key) if not r.resolved]

    # ----------------------------------------------------------- extraction

    def _extract(self, doc: Document) -> list[Reference]:
        out: list[Reference] = []
        own_number = normalize_doc_number(doc.meta.doc_number)
        for section, block in doc.blocks():
            if isinstance(block, Table):
                text = block.text
                skip_to = len(f"{block.label} {block.caption}".strip())
                found = [f for f in scan_text(text) if f.start >= skip_to or f.kind != "table"]
            elif block.kind == "attachment":
                out += self._attachment_list(doc, block)
                continue
            elif block.kind == "toc":
                continue
            else:
                text = block.text
                found = scan_text(text)
            here: list[Reference] = []
            for f in found:
                if f.kind == "doc_number" and f.names == own_number:
                    continue  # the document's own 文号, not a citation
                here.append(self._resolve(doc, block.address, f))
            if isinstance(block, Clause) and block.kind == "clause":
                for start, end, names in inherited_statements(text, self.agencies):
                    top = section
                    while top is not doc.root and _parent(doc, top) is not doc.root:
                        top = _parent(doc, top)
                    here.append(
                        Reference(
                            "inherited",
                            text[start:end],
                            doc.key,
                            block.address,
                            start,
                            end,
                            doc.key,
                            top.address,
                            "、".join(names),
                            names,
                        )
                    )
            out += sorted(here, key=lambda r: (r.start, r.end))
        return out

    def _attachment_list(self, doc: Document, clause: Clause) -> list[Reference]:
        """The 附件 list at a document's end: one reference per attachment title."""
        out: list[Reference] = []
        for attachment in parse_attachments([clause.text]):
            start = clause.text.find(attachment.title)
            if start < 0:
                continue
            label = attachment.label
            if label == "附件":
                number = re.match(r"\s*(\d+)", clause.text)
                label = f"附件{number.group(1)}" if number else label
            same = [a for a in doc.attachments if compact(a.title) == compact(attachment.title)]
            label = same[0].label if same else label
            target = self._title_target(doc, attachment.title, allow_self=True)
            out.append(
                Reference(
                    "attachment",
                    attachment.title,
                    doc.key,
                    clause.address,
                    start,
                    start + len(attachment.title),
                    target.key if target else None,
                    target.short if target else None,
                    f"{label} {attachment.title}".strip(),
                    self_reference=target is doc,
                )
            )
        return out

    def _resolve(self, doc: Document, address: str, f: Found) -> Reference:
        target_doc = target_address = None
        names = f.names
        self_ref = False
        if f.kind == "title":
            target = self._title_target(doc, f.names, allow_self=True)
            if target:
                target_doc, target_address, self_ref = target.key, target.short, target is doc
        elif f.kind == "doc_number":
            matches = self._number_index().get(f.names, [])
            others = [d for d in matches if d is not doc] or matches
            if others:
                target_doc, target_address, self_ref = others[0].key, others[0].short, others[0] is doc
        elif f.kind == "table":
            table = next((t for t in doc.tables() if canonical_label(*_split_label(t.label)) == f.label), None)
            if table:
                target_doc, target_address = doc.key, table.address
        elif f.kind == "attachment":
            attachment = next((a for a in doc.attachments if canonical_label(*_split_label(a.label)) == f.label), None)
            if attachment:
                names = f"{f.label} {attachment.title}"
                target = self._title_target(doc, attachment.title, allow_self=True)
                if target:
                    target_doc, target_address, self_ref = target.key, target.short, target is doc
        return Reference(
            f.kind,
            f.text,
            doc.key,
            address,
            f.start,
            f.end,
            target_doc,
            target_address,
            names,
            self_reference=self_ref,
        )

    # --------------------------------------------------------------- indexes

    def _title_index(self) -> dict[str, list[Document]]:
        if self._titles is None:
            index: dict[str, list[Document]] = {}
            for doc in self.corpus.documents:
                for title in _document_titles(doc):
                    for key in _title_keys(title):
                        bucket = index.setdefault(key, [])
                        if doc not in bucket:
                            bucket.append(doc)
            self._titles = index
        return self._titles

    def _number_index(self) -> dict[str, list[Document]]:
        if self._numbers is None:
            index: dict[str, list[Document]] = {}
            for doc in self.corpus.documents:
                number = normalize_doc_number(doc.meta.doc_number)
                if number:
                    index.setdefault(number, []).append(doc)
            self._numbers = index
        return self._numbers

    def _title_target(self, doc: Document, title: str, allow_self: bool) -> Document | None:
        """The document a title names: another document first, else (if allowed) ``doc`` itself."""
        index = self._title_index()
        candidates = [normalize_title(title)]
        inner = re.search(r"《([^《》]+)》", candidates[0])
        if inner:
            candidates.append(inner.group(1))
        for candidate in candidates:
            for key in _title_keys(candidate):
                matches = index.get(key, [])
                others = [d for d in matches if d is not doc]
                if others:
                    return others[0]
                if matches and allow_self:
                    return doc
        return None


def _parent(doc: Document, section):
    for node in doc.root.walk():
        if section in node.children:
            return node
    return doc.root


def _split_label(label: str) -> tuple[str, str]:
    m = re.match(r"(专栏|附表|附件)\s*(.*)", label)
    return (m.group(1), m.group(2)) if m else (label, "")


def _document_titles(doc: Document) -> list[str]:
    titles = [t for t in (doc.meta.title, doc.meta.inner_title) if t]
    for t in list(titles):
        m = re.search(r"印发[《<〈](.+)[》>〉]", compact(t))
        if m:
            titles.append(m.group(1))
    return titles


def _title_keys(title: str) -> list[str]:
    """Comparison keys of a title: as is, without 中华人民共和国, without a trailing (2014修订)."""
    key = normalize_title(title)
    keys = [key]
    bare = re.sub(r"[（(][^（）()]*(?:修订|修正|试行|暂行)[^（）()]*[）)]$", "", key)
    if bare != key:
        keys.append(bare)
    for k in list(keys):
        if k.startswith(_LAW_PREFIX) and len(k) > len(_LAW_PREFIX) + 2:
            keys.append(k[len(_LAW_PREFIX) :])
    return [k for k in dict.fromkeys(keys) if k]
