"""The Whoosh schema and the analyzer that feeds it jieba tokens.

One Whoosh document per record (clause, heading, table caption/row/note).
``text`` and ``heading_path`` share our analyzer; facets are comma-separated
keywords, searched but not stored (no hit shows them). Nothing is stored in
Whoosh: what a hit shows (text, title, address, heading path, word boundaries)
is in :mod:`index.shown`'s compressed table, found through each record's serial
column (nothing searches those per record, and indexing them cost a tenth of
the build and a unique term per record).
Field weights are applied at query time (:mod:`index.compiler`), so they can be
tuned without re-indexing.
The analyzer class is pickled into the index, so it must stay importable here.
"""

from __future__ import annotations

from collections import Counter

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from index.segmenter import analyse, segment

#: Bump when fields change: stored indexes then rebuild.
SCHEMA_VERSION = "14"


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`index.segmenter.segment`.

    Unlike ``jieba.analyse.ChineseAnalyzer`` it reports consecutive positions and
    exact character offsets, so phrase queries and highlights line up. When
    indexing (``mode="index"``) it also emits dictionary sub-words.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JiebaTokenizer)

    def __hash__(self) -> int:
        return hash(JiebaTokenizer)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        for seg in segment(value, subwords=(mode == "index")):
            t.text = seg.text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[seg.start : seg.end]
            if positions:
                t.pos = start_pos + seg.pos
            if chars:
                t.startchar = start_char + seg.start
                t.endchar = start_char + seg.end
            yield t


def analyzer() -> JiebaTokenizer:
    return JiebaTokenizer()


class SegmentedText(fields.TEXT):
    """A TEXT field (frequencies only) whose terms come from :func:`index.segmenter.analyse`.

    Whoosh would run the analyzer token by token (a Token object, a generator
    step and two dict updates per word); this counts the terms of one cut —
    the cut the builder also takes the record's word boundaries from — and
    hands Whoosh exactly the postings its ``Frequency`` format would.
    """

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, freq in Counter(analyse(value)[0]).items():
            yield word.encode("utf-8"), freq, float(freq) * boost, pack_uint(freq)


def build_schema() -> fields.Schema:
    ana = analyzer()
    return fields.Schema(
        doc=fields.ID(),
        doc_short=fields.ID(),
        kind=fields.ID(),
        heading_path=SegmentedText(analyzer=ana, phrase=False),
        # No positions in the postings: phrases are answered by the literal tables.
        text=SegmentedText(analyzer=ana, phrase=False),
        years=fields.KEYWORD(commas=True),
        agencies=fields.KEYWORD(commas=True),
        zones=fields.KEYWORD(commas=True),
        # Nothing is stored in Whoosh: what a hit shows is in index.shown's table, found by this serial.
        serial=fields.COLUMN(columns.NumericColumn("q", default=-1)),
    )
