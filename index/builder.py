"""Writing records into a Whoosh index (the only code that segments document text).

Each record is cut once (:func:`index.segmenter.analyse`): the same cut gives
the word postings of ``text`` and ``heading_path`` and the word boundaries
stored for highlighting. :class:`FastAdder` then feeds Whoosh's segment writer
the very postings, stored fields and lengths its own ``add_document`` would,
without the per-token and per-posting Python steps in between (a Token object
per word, a size estimate and two asserts per posting, a column read per
posting at commit). It uses Whoosh 3 writer internals (``whoosh-reloaded`` is
pinned); tests/test_index_scorer.py compares every score with Whoosh's own.
"""

from __future__ import annotations

from array import array
from enum import Enum
from pathlib import Path
from typing import Protocol

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.fields import COLUMN, KEYWORD, FieldType
from whoosh.formats import Existence
from whoosh.util.numeric import byte_to_length, length_to_byte

from index import flat
from index.postings import CompactPool, add_postings
from index.prepare import RecordCut, Terms
from index.records import Record, searchable_path
from index.segmenter import analyse
from index.shown import Shown


def record_fields(record: Record, serial: int) -> dict:
    """The Whoosh document for one record, found in :mod:`index.shown`'s table by ``serial``."""
    return {
        "doc": record.doc,
        "doc_short": record.doc_short,
        "kind": record.kind,
        "heading_path": searchable_path(record.heading_path),
        "text": record.text,
        "years": ",".join(record.years),
        "agencies": ",".join(record.agencies),
        "zones": ",".join(record.zones),
        "serial": serial,
        "_boost": record.boost,
    }


def shown_record(record: Record, cut: RecordCut | None = None) -> Shown:
    """What a hit shows of ``record`` (``cut``: its words, when already cut)."""
    return Shown(
        record.doc,
        record.doc_short,
        record.doc_title,
        record.address,
        record.kind,
        record.text,
        cut.bounds if cut is not None else analyse(record.text)[1],
        tuple(record.heading_path),
        record.row,
    )


class _Lengths:
    """A per-document reader whose field lengths are read a column at a time (commit asks per posting)."""

    def __init__(self, reader):
        self._reader = reader
        self._columns: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        column = self._columns.get(fieldname)
        if column is None:
            column = self._columns[fieldname] = self._read(fieldname, default)
        return column[docnum]

    def _read(self, fieldname: str, default) -> list:
        reader = self._reader
        count = reader.doc_count_all()
        if not hasattr(reader, "_cached_reader"):  # several segments: ask Whoosh per document
            return [reader.doc_field_length(d, fieldname, default) for d in range(count)] + [default]
        col = reader._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if col is None:  # a field without lengths (not scorable): Whoosh answers the default for every document
            return [default] * (count + 1)
        data = col._dbfile.get(col._basepos, col._count * col._fixedlen)
        # Whoosh answers None for a zero byte (a field without terms never has a posting)
        return [byte_to_length(b) if b else None for b in data] + [None] * (count + 1 - len(data))

    def column(self, fieldname: str) -> list:
        """Every document's length of ``fieldname`` by docnum (None where it has no terms)."""
        column = self._columns.get(fieldname)
        if column is None:
            column = self._columns[fieldname] = self._read(fieldname, 0)
        return column

    def __getattr__(self, name):
        return getattr(self._reader, name)


class _Kind(Enum):
    """How :class:`FastAdder` adds a field's values."""

    SEGMENTED = 1  # cut words, counted
    KEYWORD = 2  # Whoosh's analysis of the value, kept per value; an empty list has no terms
    COLUMN = 3  # a column value, no postings
    OTHER = 4  # Whoosh's analysis of the value, kept per value


def _kind(field: FieldType) -> _Kind:
    from index.schema import SegmentedText

    if isinstance(field, SegmentedText):
        return _Kind.SEGMENTED
    if isinstance(field, KEYWORD):
        return _Kind.KEYWORD
    if isinstance(field, COLUMN):
        return _Kind.COLUMN
    return _Kind.OTHER


class _ColumnWriter(Protocol):
    """A Whoosh column's writer."""

    def add(self, docnum: int, value: object) -> None: ...


#: Distinct facet and id values whose analysis is kept (cleared when full: bounded memory).
_VALUES_KEPT = 50_000


class FastAdder:
    """``add(fields)`` for a Whoosh ``SegmentWriter`` with :func:`index.schema.build_schema`'s fields."""

    def __init__(self, writer):
        self.writer = writer
        self.schema = writer.schema
        self.perdoc = writer.perdocwriter
        #: Each field in name order (Whoosh adds a document's fields in that order) with its kind,
        #: whether its postings carry no value (Existence: the ids) and the name of its own boost.
        self.order: list[tuple[str, FieldType, _Kind, bool, str]] = []
        for name in sorted(self.schema.names()):
            field = self.schema[name]
            kind = _kind(field)
            if field.vector or field.separate_spelling() or (field.column_type and kind is not _Kind.COLUMN):
                raise TypeError(f"field {name} needs Whoosh's own add_document")
            self.order.append((name, field, kind, isinstance(field.format, Existence), f"_{name}_boost"))
        #: Column writers by column name, once Whoosh made them (its add_column_value looks each up per value).
        self._columns: dict[str, _ColumnWriter] = {}
        self._values: dict[tuple[str, object], tuple[list[bytes], array]] = {}
        original = writer.per_document_reader
        writer.per_document_reader = lambda: _Lengths(original())
        self.pool = writer.pool = CompactPool(writer.pool)
        folder = getattr(writer.storage, "folder", None)
        if folder and not writer.compound:  # the segment's flat postings, written with its postings
            self.pool.flat_path = Path(folder) / (writer.newsegment.segment_id() + flat.SUFFIX)
        fieldwriter = writer.fieldwriter
        fieldwriter.add_postings = lambda schema, lengths, _: add_postings(fieldwriter, schema, lengths, self.pool)

    def add(self, fields: dict, cut: RecordCut | None = None) -> None:
        """Add one document; ``cut`` gives the segmented fields' terms (else they are cut here)."""
        writer, pool, perdoc = self.writer, self.pool, self.perdoc
        known = {"text": cut.text, "heading_path": cut.heading_path} if cut is not None else {}
        writer._check_state()
        docnum = writer.docnum
        boost = float(fields.get("_boost", 1.0))
        perdoc.start_doc(docnum)
        try:
            for name, field, kind, bare, boost_name in self.order:
                value = fields.get(name)
                if value is None:
                    continue
                if kind is _Kind.COLUMN:
                    self._column_value(name, field.column_type, field.to_column_value(value))
                    continue
                length = 0
                if field.indexed:
                    fb = float(fields[boost_name]) if boost_name in fields else boost
                    if kind is _Kind.SEGMENTED and isinstance(value, str):
                        terms = known.get(name)
                        if terms is None:
                            terms = Terms.of(analyse(value)[0])
                        pool.add_terms(name, docnum, terms.words, terms.counts, 1.0, field.format.field_boost * fb)
                        if field.scorable:
                            length = sum(terms.counts)
                    elif value == "" and kind is _Kind.KEYWORD:
                        pass  # an empty keyword list: Whoosh's analyzer finds no term in it
                    else:
                        keys, freqs = self._analysed(name, field, value)
                        pool.add_terms(name, docnum, keys, freqs, field.format.field_boost, fb, bare)
                        if field.scorable:
                            length = sum(freqs)
                if field.stored:
                    perdoc.add_field(name, field, value, length)
                elif length:  # what Whoosh's add_field does with a length and no stored value
                    self._column_value(f"_{name}_len", LENGTHS_COLUMN, length_to_byte(length))
                    perdoc._fieldlengths[name] += length
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1

    def _column_value(self, name: str, column, value) -> None:
        """``perdoc.add_column_value`` for the document being added, its column writer looked up once."""
        writer = self._columns.get(name)
        if writer is None:
            self.perdoc.add_column_value(name, column, value)
            self._columns[name] = self.perdoc._get_column(name)
            return
        writer.add(self.writer.docnum, value)

    def _analysed(self, name: str, field, value) -> tuple[list[bytes], array]:
        """Whoosh's terms of ``value`` in a facet or id field and their frequencies, kept per value
        (a document's records repeat its key, kind, years and agencies)."""
        key = (name, value)
        found = self._values.get(key)
        if found is None:
            if len(self._values) >= _VALUES_KEPT:
                self._values.clear()
            keys, freqs = [], array("I")
            for term, freq, weight, _ in field.index(value):
                if weight != freq * field.format.field_boost:  # the pool derives weights from frequencies
                    raise TypeError(f"field {name} weighs its terms in a way the compact pool cannot keep")
                keys.append(term)
                freqs.append(freq)
            found = self._values[key] = (keys, freqs)
        return found


def add_records(
    writer, records: list[Record], serials: list[int], adder: FastAdder | None = None, cuts: list | None = None
) -> None:
    """Add ``records`` under ``serials`` (with their ``cuts`` from :mod:`index.prepare` when already cut)."""
    if adder is None:
        for record, serial in zip(records, serials, strict=True):
            writer.add_document(**record_fields(record, serial))
        return
    for i, record in enumerate(records):
        cut = cuts[i] if cuts is not None else None
        adder.add(record_fields(record, serials[i]), cut)
