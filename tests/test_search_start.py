"""Search before everything is loaded: the literal scan during a first build, the index before the documents."""

from __future__ import annotations

import copy
import os
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.corpus import Corpus, bundled_dir, load_corpus
from index import scope
from index.results import _Titles
from index.scan import LiteralScan, ScanTable, _document_records, _fold
from index.scorer import _Segment
from index.segmenter import normalize, normalize_long
from index.service import SearchIndex

# ------------------------------------------------------------ the literal scan


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
def test_folding_megabytes_at_once_folds_as_character_by_character(text):
    assert normalize_long(text) == normalize(text)


def test_folding_at_once_covers_what_documents_hold():
    text = "２０２０年ＡＢＣ，第一条（目的）　⼀⼆ Ⅻ ① ㈠ ﬁ 𠀀 İ Ω"
    assert normalize_long(text) == normalize(text)


def test_the_laid_out_text_is_each_record_found_by_its_text_and_headings(corpus):
    table = ScanTable(list(corpus.documents))
    pieces: list[str] = []
    records: list = []
    for i, doc in enumerate(corpus.documents):
        _document_records(i, doc, records, pieces)
    assert records == table.records
    laid = [table.text[table.starts[n] : table.starts[n + 1] - 1] for n in range(len(records))]
    assert laid == [_fold(piece) for piece in pieces]
    for needle in ("园区", "循环化改造", "2020", "省发展改革委", "(一)", "的"):
        expected = {n: text.count(needle) for n, text in enumerate(laid) if needle in text}
        assert table.counts(needle) == expected, needle


def test_the_scan_keeps_to_the_documents_named_and_leaves_out_excluded_words(corpus):
    scan = LiteralScan(corpus)
    named = scan.search("园区 doc:002")
    assert named.hits and {h.doc_short for h in named.hits} == {"002"}
    excluded = scan.search("园区 -土地", limit=500)
    assert excluded.total == len(excluded.hits) > 0
    assert not any("土地" in h.text for h in excluded.hits)
    assert scan.search("-园区 doc:002").total > 0


def test_the_scan_is_laid_out_once_and_then_answers_without_laying_out(corpus, monkeypatch):
    scan = LiteralScan(corpus)
    assert not scan.prepared
    scan.prepare()
    assert scan.prepared

    def again(*args, **kwargs):
        raise AssertionError("laid out a second time")

    monkeypatch.setattr(ScanTable, "__init__", again)
    assert scan.search("循环化改造").hits[0].address == "001/三/（四）/4"


# ------------------------------------------------------------ the index before the documents


def stand_in(doc):
    """``doc`` as the browser's last listing keeps it: metadata and file, no text."""
    light = copy.copy(doc)
    light.root = copy.copy(doc.root)
    light.root.children = ()
    light.root.blocks = ()
    light.closing = []
    light.attachments = []
    return light


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted(bundled_dir().glob("*.txt")):
        shutil.copy(seed, docs / seed.name)
    return docs


def shown(results):
    hits = [(h.doc, h.address, h.row, h.score, h.snippet, h.highlights) for h in results.hits]
    return hits, results.total, results.documents, results.notices


def test_an_index_opened_for_stand_ins_answers_as_for_the_documents(folder, tmp_path):
    real = load_corpus([folder])
    SearchIndex.open(real, index_dir=tmp_path / "index").close()
    early = SearchIndex.open_current(Corpus([stand_in(d) for d in real.documents]), index_dir=tmp_path / "index")
    full = SearchIndex.open(real, index_dir=tmp_path / "index")
    try:
        assert early is not None and early.stand_ins
        for query in ("循环化改造", "湖州 人才引进", "园区 doc:001", "doc:湘南湘西 产业", "year:2020 土地", "发改委"):
            assert shown(early.search(query)) == shown(full.search(query)), query
        assert early.adopt(real) and not early.stand_ins and early.corpus is real
        assert shown(early.search("园区 doc:001")) == shown(full.search("园区 doc:001"))
    finally:
        full.close()
        if early is not None:
            early.close()


def test_what_every_search_reads_is_worked_out_as_the_index_opens(folder, tmp_path, monkeypatch):
    """The first search is not the one to pay for the editions, the fields' lengths and the document titles."""
    real = load_corpus([folder])
    SearchIndex.open(real, index_dir=tmp_path / "index").close()
    early = SearchIndex.open_current(Corpus([stand_in(d) for d in real.documents]), index_dir=tmp_path / "index")
    assert early is not None
    try:

        def again(*args, **kwargs):
            raise AssertionError("worked out at a search")

        with monkeypatch.context() as patched:
            patched.setattr(scope, "editions", again)
            patched.setattr(_Segment, "_read_lengths", again)
            patched.setattr(_Titles, "of", again)
            assert early.search("循环化改造").hits
        assert early.adopt(real)
        monkeypatch.setattr(scope, "editions", again)
        monkeypatch.setattr(_Titles, "of", again)
        assert early.search("园区 doc:001").hits
    finally:
        early.close()


def test_a_changed_file_means_no_early_index_and_no_adoption(folder, tmp_path):
    real = load_corpus([folder])
    SearchIndex.open(real, index_dir=tmp_path / "index").close()
    changed = real.documents[1].path
    stat = os.stat(changed)
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    stand_ins = Corpus([stand_in(d) for d in real.documents])
    assert SearchIndex.open_current(stand_ins, index_dir=tmp_path / "index") is None
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    early = SearchIndex.open_current(stand_ins, index_dir=tmp_path / "index")
    assert early is not None
    try:
        os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # changed while being read
        assert not early.adopt(load_corpus([folder]))
        assert early.stand_ins and early.corpus is stand_ins
    finally:
        early.close()


def test_no_early_index_before_the_first_build(folder, tmp_path):
    real = load_corpus([folder])
    stand_ins = Corpus([stand_in(d) for d in real.documents])
    assert SearchIndex.open_current(stand_ins, index_dir=tmp_path / "index") is None
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())
