"""Documents → flat search records: one per clause, heading, table caption, row and note.

This is the only place that knows how the document model maps onto what gets
indexed. It does no word segmentation, so hashing a document's records to see
whether it changed is cheap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from documents.model import Clause, Document, Section, heading_of
from index import facets

#: Bump when the record layout changes: stored indexes then rebuild.
RECORDS_VERSION = "5"

#: Score multipliers by kind: a printed table of contents only repeats headings,
#: and front matter (文号, 抄送 …) rarely answers a question.
KIND_BOOST = {"toc": 0.3, "meta": 0.6, "attachment": 0.8}


@dataclass(slots=True)
class Record:
    """One searchable piece of a document (slotted: a large build has 10^4 of them in flight)."""

    rid: str  # unique within the corpus: doc key + address (+ #h / #r3 / #n1)
    doc: str
    doc_short: str
    doc_title: str
    address: str
    kind: str  # clause / heading / table / note / meta / toc / attachment
    text: str
    heading_path: list[str] = field(default_factory=list)
    row: int | None = None
    years: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)
    seq: int = 0
    line: int = 0
    boost: float = 1.0


def document_records(doc: Document) -> list[Record]:
    """Every record of ``doc`` in reading order."""
    return list(iter_records(doc))


def iter_records(doc: Document) -> Iterator[Record]:
    """Every record of ``doc`` in reading order, made as they are asked for.

    A 100 MB document has about a million: made all at once, with their cut
    words, they took gigabytes, so the index takes them a part at a time
    (:func:`index.prepare.prepared`).
    """
    named = facets.NamedFacets()
    for record, source in bare_records(doc):
        record.years, record.agencies, record.zones = record_facets(source, named)
        yield record


def record_facets(source: str, named: facets.NamedFacets) -> tuple[list[str], list[str], list[str]]:
    """A record's years, agencies and zones, found in its facet ``source`` (see :func:`bare_records`)."""
    return facets.years(source), named.agencies(source), named.zones(source)


def bare_records(doc: Document) -> Iterator[tuple[Record, str]]:
    """Every record of ``doc`` in reading order without its facets, and the text they are found in
    (a heading's title, else the record's text): finding them is most of making a record, and
    :mod:`index.prepare` has a large document's found by its workers."""
    for seq, (record, source) in enumerate(_records(doc)):
        record.seq = seq
        yield record, source


def _records(doc: Document) -> Iterator[tuple[Record, str]]:
    title = doc.title

    def make(
        rid: str, address: str, kind: str, text: str, path: list[str], *, row=None, line=0, extra_path=()
    ) -> tuple[Record, str] | None:
        if not text.strip():
            return None
        record = Record(
            rid=f"{doc.key}:{rid}",
            doc=doc.key,
            doc_short=doc.short,
            doc_title=title,
            address=address,
            kind=kind,
            text=text,
            heading_path=list(path) + list(extra_path),
            row=row,
            line=line,
            boost=KIND_BOOST.get(kind, 1.0),
        )
        return record, text

    def visit(section: Section, parent_path: list[str]) -> Iterator[tuple[Record, str]]:
        """``section``'s heading and blocks, then its subsections' (the order of ``Section.walk``)."""
        path = [*parent_path, heading_of(section)] if section.level > 0 else parent_path
        if section.level > 0 and section.title:
            # Untitled numbered items are not headings of their own: their lead
            # phrase is already the clause's text.
            yield (
                Record(
                    rid=f"{doc.key}:{section.address}#h",
                    doc=doc.key,
                    doc_short=doc.short,
                    doc_title=title,
                    address=section.address,
                    kind="heading",
                    text=heading_of(section),
                    heading_path=list(parent_path),
                    line=section.line,
                ),
                section.title,
            )
        for block in section.blocks:
            made: list[tuple[Record, str] | None]
            if isinstance(block, Clause):
                made = [make(block.address, block.address, block.kind or "clause", block.text, path, line=block.line)]
            else:
                caption = f"{block.label} {block.caption}".strip()
                header = " | ".join(block.columns)
                below = [caption] if caption else []
                made = [
                    make(
                        block.address,
                        block.address,
                        "table",
                        "\n".join(x for x in (caption, header) if x),
                        path,
                        line=block.line,
                    )
                ]
                made += [
                    make(
                        f"{block.address}#r{i}",
                        block.address,
                        "table",
                        " | ".join(row),
                        path,
                        row=i,
                        line=block.line,
                        extra_path=below,
                    )
                    for i, row in enumerate(block.rows, start=1)
                ]
                made += [
                    make(f"{block.address}#n{i}", block.address, "note", note, path, line=block.line, extra_path=below)
                    for i, note in enumerate(block.notes, start=1)
                ]
            yield from (record for record in made if record is not None)
        for child in section.children:
            yield from visit(child, path)

    yield from visit(doc.root, [])
    for clause in doc.closing:  # 落款, 附件 list, 抄送 …
        record = make(clause.address, clause.address, clause.kind or "meta", clause.text, [], line=clause.line)
        if record is not None:
            yield record


def text_size(doc: Document) -> int:
    """About the characters of text ``doc``'s records hold (its blocks' and headings'), without
    making them: what a build expects to add (:meth:`index.postings.CompactPool.expect`)."""
    size = sum(len(clause.text) for clause in doc.closing)
    for section in doc.root.walk():
        size += len(section.title) + sum(len(block.text) for block in section.blocks)
    return size


def searchable_path(heading_path: list[str]) -> str:
    """A record's heading path as indexed (lead phrases without the display ellipsis)."""
    return " / ".join(part.rstrip("…") for part in heading_path)


def document_hash(doc: Document) -> str:
    """Content hash of a document's indexable structure, computed without segmenting.

    Covers the text and the addresses (a parser change that moves clauses makes
    the document stale even if its file did not change).
    """
    digest = hashlib.sha1(f"{RECORDS_VERSION}|{doc.key}|{doc.short}|{doc.title}".encode())
    for section in doc.root.walk():
        digest.update(f"\x1e{section.address}\x1f{section.label}\x1f{section.title}".encode())
        for block in section.blocks:
            kind = block.kind if isinstance(block, Clause) else "table"
            digest.update(f"\x1d{block.address}\x1f{kind}\x1f{block.text}".encode())
    for clause in doc.closing:
        digest.update(f"\x1c{clause.address}\x1f{clause.kind}\x1f{clause.text}".encode())
    return digest.hexdigest()
