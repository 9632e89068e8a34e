"""Side-by-side comparison: what each zone (or agency) is assigned, topic by topic.

Rows are topics — the section holding the assigning clause, or its ancestor
at ``depth`` — and columns the zones or agencies asked for. A cell holds the
clauses (for zones: the sentence segments) that assign the row's topic to the
column. An alias or a predecessor name finds the same column: 省发改委 and
省发展改革委 are one column, 省环保厅 is 省生态环境厅.

Zones are also assigned things collectively: ``各开发区要…`` speaks to every
park of the document, ``各市州…`` to every city. With ``include_common``, such
clauses (from the documents that assign a compared zone something) go in the
cell of every column of a kind they cover that the document names, marked
with the collective in ``CellClause.subject`` (own clauses: ``""``). A view may
show them once, in a column named ``CompareMatrix.common`` (各开发区（共同）).

Extraction is cached per corpus (:func:`extraction`), so a compare screen can
recompute matrices freely.
"""

from __future__ import annotations

import difflib
import weakref
from collections import Counter
from dataclasses import asdict, dataclass, field

from documents.errors import CeyueError
from documents.extract.agencies import AgencyTable, normalize_name
from documents.extract.agencies import default_table as default_agencies
from documents.extract.tasks import Task, tasks_of
from documents.extract.zones import ZoneAssignment, ZoneTable, assignments
from documents.extract.zones import default_table as default_zones
from documents.extract.zones import mentions as zone_mentions
from documents.model import Document, Section, heading_of


class UnknownSubject(CeyueError, LookupError):
    """A zone or agency the corpus never names; ``suggestions`` are close names it does."""

    def __init__(self, by: str, name: str, suggestions: list[str]) -> None:
        self.by, self.name, self.suggestions = by, name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {by} '{name}'{hint}")


@dataclass
class CellClause:
    """One clause in a cell. ``text`` is what assigns (a zone's segments, a task's clause);
    ``role`` is lead/participant/inherited for agencies and segment/label/title for zones;
    ``subject`` is the collective (各开发区, 全市开发区) a zone shares the clause with, "" when
    the clause names the zone itself."""

    doc: str
    address: str
    text: str
    role: str = ""
    directive: bool = False
    subject: str = ""
    heading: str = ""


@dataclass
class CompareRow:
    topic: str
    doc: str
    address: str
    cells: dict[str, list[CellClause]]
    heading_path: list[str] = field(default_factory=list)

    @property
    def filled(self) -> int:
        """How many columns have at least one clause."""
        return sum(1 for clauses in self.cells.values() if clauses)

    def own(self, column: str) -> list[CellClause]:
        """The clauses of ``column`` that name its zone (or agency) itself."""
        return [c for c in self.cells.get(column, []) if not c.subject]

    def shared(self) -> list[CellClause]:
        """The collective clauses of the row, once each, in column order."""
        seen: dict[tuple[str, str, str], CellClause] = {}
        for clauses in self.cells.values():
            for c in clauses:
                if c.subject:
                    seen.setdefault((c.address, c.subject, c.text), c)
        return list(seen.values())


@dataclass
class CompareMatrix:
    by: str
    columns: list[str]
    rows: list[CompareRow]
    requested: dict[str, str] = field(default_factory=dict)  # name as asked -> column
    common: str | None = None  # a name for the collective clauses shown once (各开发区（共同）)

    def row(self, fragment: str) -> CompareRow | None:
        """The first row whose topic contains ``fragment``."""
        return next((r for r in self.rows if fragment in r.topic), None)

    # The columns and cells as every view shows them (``ceyue compare`` and the compare screen):
    # one column per subject with its own clauses, then, when there are collective clauses,
    # the ``common`` column holding each of them once.

    def shown_columns(self) -> list[str]:
        """The columns as drawn: one per subject, then ``common`` (各开发区（共同）) if there is one."""
        return [*self.columns, *([self.common] if self.common else [])]

    def cell(self, row: CompareRow, column: str) -> list[CellClause]:
        """The clauses shown in ``row`` under ``column`` (one of :meth:`shown_columns`)."""
        if self.common and column == self.common:
            return row.shared()
        return row.own(column)

    def shown_cells(self, row: CompareRow) -> list[list[CellClause]]:
        """``row``'s cells in :meth:`shown_columns` order."""
        return [self.cell(row, column) for column in self.shown_columns()]

    def to_dict(self) -> dict:
        return asdict(self)


class CorpusExtraction:
    """Tasks, zone assignments and section lookups of one corpus, computed on first use."""

    def __init__(self, corpus, agencies: AgencyTable | None = None, zones: ZoneTable | None = None) -> None:
        self.corpus = corpus
        self.agencies = agencies or default_agencies()
        self.zones = zones or default_zones()
        self._tasks: dict[str, list[Task]] = {}
        self._assignments: dict[str, list[ZoneAssignment]] = {}
        self._named: dict[str, set[str]] = {}
        self._sections: dict[str, dict[str, tuple[Section, Section | None]]] = {}
        self._paths: dict[tuple[str, str], list[str]] = {}

    def documents(self, docs=None) -> list[Document]:
        if not docs:
            return list(self.corpus.documents)
        out: list[Document] = []
        for ref in docs:
            doc = ref if isinstance(ref, Document) else self.corpus.get(ref)
            if doc not in out:
                out.append(doc)
        return out

    def tasks(self, doc: Document) -> list[Task]:
        if doc.key not in self._tasks:
            self._tasks[doc.key] = tasks_of(doc, self.agencies, self.zones)
        return self._tasks[doc.key]

    def assignments(self, doc: Document) -> list[ZoneAssignment]:
        if doc.key not in self._assignments:
            # with the categories' and collectives' clauses (国家级开发区要…, 各开发区要…): compare shows them
            self._assignments[doc.key] = assignments(doc, self.zones, shared=True)
        return self._assignments[doc.key]

    def zones_named(self, doc: Document) -> set[str]:
        """Every zone ``doc`` names (canonical), assigned something or not."""
        if doc.key not in self._named:
            named = {a.zone for a in self.assignments(doc)}
            named |= {m.name for found in zone_mentions(doc, self.zones).values() for m in found}
            self._named[doc.key] = named
        return self._named[doc.key]

    def section(self, doc: Document, address: str) -> tuple[Section, Section | None]:
        """The section at ``address`` and its parent."""
        table = self._sections.get(doc.key)
        if table is None:
            table = {}

            def visit(node: Section, parent: Section | None) -> None:
                table[node.address] = (node, parent)
                for child in node.children:
                    visit(child, node)

            visit(doc.root, None)
            self._sections[doc.key] = table
        return table.get(address) or (doc.root, None)

    def topic_section(self, doc: Document, address: str, depth: int | None) -> Section:
        section, parent = self.section(doc, address)
        while depth is not None and section.level > depth and parent is not None:
            section, parent = self.section(doc, parent.address)
        return section

    def heading_path(self, doc: Document, section: Section) -> list[str]:
        key = (doc.key, section.address)
        if key not in self._paths:
            self._paths[key] = doc.heading_path(section)
        return self._paths[key]

    def topic(self, doc: Document, section: Section) -> str:
        """A section's heading; an untitled numbered item is named with its parent's heading."""
        if section is doc.root:
            return doc.title
        if section.title:
            return heading_of(section)
        path = self.heading_path(doc, section)
        return " › ".join(path[-2:]) if path else heading_of(section)

    # ------------------------------------------------------------ subjects

    def zone_names(self) -> Counter:
        names: Counter = Counter()
        for doc in self.corpus.documents:
            names.update(a.zone for a in self.assignments(doc))
        return names

    def agency_names(self) -> Counter:
        names: Counter = Counter()
        for doc in self.corpus.documents:
            for task in self.tasks(doc):
                names.update(task.agencies)
        return names


_CACHE: dict[int, tuple[weakref.ref, CorpusExtraction]] = {}


def extraction(corpus) -> CorpusExtraction:
    """The shared :class:`CorpusExtraction` of ``corpus`` (made on first call)."""
    entry = _CACHE.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    for key in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[key]
    made = CorpusExtraction(corpus)
    _CACHE[id(corpus)] = (weakref.ref(corpus), made)
    return made


def known_subjects(corpus, by: str) -> list[str]:
    """Zone or agency names for completion: those the corpus assigns most first, then the data tables'."""
    ex = extraction(corpus)
    if by == "zone":
        found = [name for name, _ in ex.zone_names().most_common()]
        return list(dict.fromkeys(found + sorted(ex.zones.names())))
    if by == "agency":
        found = [name for name, _ in ex.agency_names().most_common()]
        return list(dict.fromkeys(found + ex.agencies.canonical_names()))
    raise ValueError(f"by must be 'zone' or 'agency', not {by!r}")


def suggestions(corpus, by: str, name: str, limit: int = 5) -> list[str]:
    """Known names close to ``name``: containing it, contained in it, or similar."""
    known = known_subjects(corpus, by)
    needle = normalize_name(name)
    near = [k for k in known if needle and (needle in k or k in needle)]
    near += difflib.get_close_matches(needle, known, n=limit, cutoff=0.5)
    # one name per zone or agency: 衡阳高新区 and 湖南衡阳高新技术开发区 are one park
    ex = extraction(corpus)
    canonical = ex.zones.canonical if by == "zone" else (lambda n: ex.agencies.canonical(n, False) or n)
    return list(dict.fromkeys(canonical(n) for n in near))[:limit]


def resolve_subject(corpus, by: str, name: str) -> str:
    """The column a zone or agency name stands for; :class:`UnknownSubject` if the corpus lacks it."""
    ex = extraction(corpus)
    key = normalize_name(name)
    if by == "agency":
        canonical = ex.agencies.canonical(key)
        if canonical:
            return canonical
        if key in ex.agency_names():
            return key
    else:
        canonical = ex.zones.canonical(key)
        if canonical in ex.zones.names() or canonical in ex.zone_names():
            return canonical
    raise UnknownSubject(by, name, suggestions(corpus, by, name))


COMMON_SUFFIX = "（共同）"


def collective_columns(table: ZoneTable, columns: list[str]) -> tuple[str | None, dict[str, list[str]]]:
    """The common name for zone ``columns`` and, per collective, the columns it speaks to.

    A collective covers the columns of its kinds (各开发区: parks, 各市州: cities);
    collectives asked for as columns themselves are left out. The name joins the
    first collective of each compared kind: 各开发区（共同）, 各市州（共同）.
    """
    kinds = {c: table.kind_of(c) for c in columns}
    covered: dict[str, list[str]] = {}
    for column, kind in kinds.items():
        for name in table.collectives_covering([kind]):
            if name not in columns:
                covered.setdefault(name, []).append(column)
    if not covered:
        return None, {}
    heads = []
    for kind in dict.fromkeys(kinds.values()):
        head = next((n for n in table.collectives_covering([kind]) if n in covered), None)
        if head and head not in heads:
            heads.append(head)
    return "、".join(heads) + COMMON_SUFFIX, covered


def compare(
    corpus,
    *,
    zones=(),
    agencies=(),
    docs=None,
    depth: int | None = None,
    include_inherited: bool = True,
    include_common: bool = False,
) -> CompareMatrix:
    """The topic × zone (or topic × agency) matrix; see the module docstring.

    ``docs`` limits to some documents (keys, short numbers or Document objects);
    ``depth`` groups rows at that section level (1 = 一、, 2 = （一） …);
    ``include_common`` adds the clauses of collectives (各开发区) to the zones they cover
    (off by default: a view must tell them apart by ``CellClause.subject``).
    """
    if bool(zones) == bool(agencies):
        raise ValueError("compare either zones or agencies")
    by = "zone" if zones else "agency"
    requested = {name: resolve_subject(corpus, by, name) for name in (zones or agencies)}
    columns = list(dict.fromkeys(requested.values()))
    ex = extraction(corpus)
    common, collectives = collective_columns(ex.zones, columns) if by == "zone" and include_common else (None, {})
    wanted = set(columns)
    rows: dict[tuple[str, str], CompareRow] = {}

    def cell(doc: Document, section_address: str, column: str) -> list[CellClause]:
        section = ex.topic_section(doc, section_address, depth)
        key = (doc.key, section.address)
        row = rows.get(key)
        if row is None:
            row = CompareRow(
                ex.topic(doc, section),
                doc.key,
                section.address,
                {c: [] for c in columns},
                ex.heading_path(doc, section) if section is not doc.root else [],
            )
            rows[key] = row
        return row.cells[column]

    for doc in ex.documents(docs):
        if by == "zone":
            found = ex.assignments(doc)
            if not any(a.zone in wanted for a in found):
                continue
            named = ex.zones_named(doc)
            for a in found:
                if a.zone in wanted:
                    targets, subject = [a.zone], ""
                else:
                    # 各开发区 of a document speaks to the zones it names, not to every zone anywhere
                    targets, subject = [c for c in collectives.get(a.zone, []) if c in named], a.zone
                for column in targets:
                    clauses = cell(doc, a.section, column)
                    same = next((c for c in clauses if c.address == a.address and c.subject == subject), None)
                    if same is None:
                        clauses.append(CellClause(doc.key, a.address, a.segment, a.via, a.directive, subject))
                    elif a.segment not in same.text:
                        same.text += "。" + a.segment
                        same.directive = same.directive or a.directive
        else:
            for task in ex.tasks(doc):
                for column in columns:
                    role = task.role_of(column)
                    if role is None or (role == "inherited" and not include_inherited):
                        continue
                    cell(doc, task.section, column).append(CellClause(doc.key, task.address, task.text, role))
    used = any(c.subject for row in rows.values() for clauses in row.cells.values() for c in clauses)
    return CompareMatrix(by, columns, list(rows.values()), requested, common if used else None)
