"""The build's preparation in worker processes gives exactly what one process would."""

from __future__ import annotations

import pytest

import index.dictionary
from documents.corpus import bundled_dir, load_corpus
from index import prepare as prepare_module
from index.prepare import prepare, prepared
from index.service import SearchIndex

QUERIES = ["亩均效益", '"亩均效益"', "循环化改造", "发改委", "园区 高质量发展", "开发区 kind:table", "agency:省科技厅"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([bundled_dir()])


def hits(index_dir, corpus) -> dict:
    with SearchIndex.open(corpus, index_dir=index_dir) as ix:
        return {
            q: [(h.doc, h.address, h.row, h.score, h.snippet, h.text_highlights) for h in ix.search(q, limit=20).hits]
            for q in QUERIES
        }


def test_workers_prepare_what_this_process_would(corpus):
    assert list(prepared(corpus.documents, pool=True)) == [prepare(d) for d in corpus.documents]


def test_a_build_through_workers_finds_the_same_hits(corpus, tmp_path, monkeypatch):
    alone = hits(tmp_path / "alone", corpus)
    monkeypatch.setattr(prepare_module, "POOL_MIN_DOCUMENTS", 1)
    assert hits(tmp_path / "pooled", corpus) == alone
    assert all(alone.values())


def test_a_worker_with_another_dictionary_leaves_the_work_to_this_process(corpus, monkeypatch):
    monkeypatch.setattr(index.dictionary, "fingerprint", lambda: "not the worker's")
    assert [p.key for p in prepared(corpus.documents, pool=True)] == [d.key for d in corpus.documents]


def test_a_restart_reads_no_unchanged_file_and_walks_no_unchanged_document(tmp_path, monkeypatch):
    import documents.corpus
    import index.store

    load_corpus([bundled_dir()])
    SearchIndex.open(load_corpus([bundled_dir()]), index_dir=tmp_path).close()
    reads, hashes = [], []
    real_read, real_hash = documents.corpus.read_document_text, index.store.document_hash
    monkeypatch.setattr(documents.corpus, "read_document_text", lambda path: reads.append(path) or real_read(path))
    monkeypatch.setattr(index.store, "document_hash", lambda doc: hashes.append(doc) or real_hash(doc))
    with SearchIndex.open(load_corpus([bundled_dir()]), index_dir=tmp_path) as ix:
        assert not ix.last_update.needed and ix.search("亩均效益").hits
    assert reads == [] and hashes == []


def test_signatures_are_renewed_once_when_only_the_parser_changed(tmp_path, monkeypatch):
    import documents.parsing.parse_cache
    import index.store

    corpus = load_corpus([bundled_dir()])
    SearchIndex.open(corpus, index_dir=tmp_path).close()
    monkeypatch.setattr(documents.parsing.parse_cache, "parser_fingerprint", lambda: "another parser")
    hashes = []
    real_hash = index.store.document_hash
    monkeypatch.setattr(index.store, "document_hash", lambda doc: hashes.append(doc) or real_hash(doc))
    SearchIndex.open(corpus, index_dir=tmp_path).close()
    assert len(hashes) == len(corpus.documents)
    hashes.clear()
    with SearchIndex.open(corpus, index_dir=tmp_path) as ix:
        assert not ix.last_update.needed
    assert hashes == []
