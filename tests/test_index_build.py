"""The build's preparation in worker processes gives exactly what one process would."""

from __future__ import annotations

import pytest

import index.dictionary
from documents.corpus import bundled_dir, load_corpus
from index import flat
from index import prepare as prepare_module
from index.prepare import prepare, prepared
from index.service import SearchIndex

QUERIES = ["亩均效益", '"亩均效益"', "循环化改造", "发改委", "园区 高质量发展", "开发区 kind:table", "agency:省科技厅"]


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
    import documents.formats.reading
    import index.store

    load_corpus([bundled_dir()])
    SearchIndex.open(load_corpus([bundled_dir()]), index_dir=tmp_path).close()
    reads, hashes = [], []
    real_read, real_hash = documents.formats.reading.read_document_text, index.store.document_hash
    monkeypatch.setattr(
        documents.formats.reading, "read_document_text", lambda path: reads.append(path) or real_read(path)
    )
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


def segment_files(folder) -> dict[str, bytes]:
    """A one-segment Whoosh index's files, named without the segment's (random) name."""
    return {
        p.name.split(".", 1)[1]: p.read_bytes()
        for p in folder.iterdir()
        if p.name.startswith("MAIN_") and "." in p.name and not p.name.endswith(flat.SUFFIX)
    }


@pytest.mark.parametrize("spill", [None, 500], ids=["in memory", "through run files"])
def test_the_fast_writer_writes_the_bytes_whoosh_writes(corpus, tmp_path, monkeypatch, spill):
    from whoosh import index as whoosh_index
    from whoosh.codec import whoosh3

    import index.postings

    if spill is not None:  # a large build writes its postings out in runs and merges them back
        monkeypatch.setattr(index.postings, "SPILL_POSTINGS", spill)
        spilled = []
        real_spill = index.postings.CompactPool.spill
        monkeypatch.setattr(index.postings.CompactPool, "spill", lambda pool: spilled.append(1) or real_spill(pool))

    from index.builder import FastAdder, add_records
    from index.records import document_records
    from index.schema import build_schema

    # Whoosh's writer, with a block's postings (a tuple that starts with the ids) pickled as ours are
    whoosh_dumps = whoosh3.dumps
    monkeypatch.setattr(
        whoosh3,
        "dumps",
        lambda obj, protocol: whoosh_dumps(
            obj, index.postings.BLOCK_PROTOCOL if isinstance(obj[0], tuple) else protocol
        ),
    )

    records = [r for d in corpus.documents[:3] for r in document_records(d)]
    serials = list(range(len(records)))
    written = {}
    for name, fast in (("whoosh", False), ("fast", True)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = ix.writer(compound=False)
        add_records(writer, records, serials, FastAdder(writer) if fast else None)
        writer.commit()
        ix.close()
        written[name] = segment_files(folder)
    assert {"pst", "trm", "_text_len.col", "serial.col"} <= set(written["fast"])
    assert written["fast"] == written["whoosh"]
    # the flat postings written with the segment are the bytes read back from it would give
    ix = whoosh_index.open_dir(str(tmp_path / "fast"))
    with ix.reader() as reader:
        path = flat.path_of(reader)
        assert path is not None
        made = path.read_bytes()
        flat.write_segment(reader, tmp_path / "read_back.cyflat")
    ix.close()
    assert len(made) > 10_000
    assert made == (tmp_path / "read_back.cyflat").read_bytes()
    if spill is not None:
        assert len(spilled) > 5
        assert not list((tmp_path / "fast").rglob("*.crun"))  # each run is removed once merged


@pytest.mark.parametrize(("expected_chars", "runs"), [(0, 0), (400, 0), (40_000, 8)])
def test_a_build_that_will_not_fit_in_one_run_spills_small_runs(tmp_path, monkeypatch, expected_chars, runs):
    """Held to ``SPILL_POSTINGS`` when it fits (or is not told its size), spilled every ``RUN_POSTINGS``
    when it will not (80 postings: a run each 10 once the rate says 8,000 are to come)."""
    from array import array

    from whoosh import index as whoosh_index

    import index.postings
    from index.builder import FastAdder
    from index.schema import build_schema

    monkeypatch.setattr(index.postings, "SPILL_POSTINGS", 100)
    monkeypatch.setattr(index.postings, "RUN_POSTINGS", 10)
    writer = whoosh_index.create_in(str(tmp_path), build_schema()).writer(compound=False)
    pool = FastAdder(writer).pool
    pool.expect(expected_chars)
    for docnum in range(40):  # 2 postings for each 10 characters
        pool.add_terms("text", docnum, [f"w{docnum}", "common"], array("I", [1, 2]), 1.0, 1.0)
        pool.added(10)
    assert len(pool.run_files.get("text", [])) == runs
    writer.cancel()


def test_document_scales_are_kept_as_numbers_of_the_distinct_scales():
    from index.postings import DocumentScales

    scales = DocumentScales()
    wanted = [0.0] * 999  # up to the last document given a scale
    for docnum in range(2, 1000, 3):  # 333 distinct scales: the numbers widen past a byte
        wanted[docnum] = docnum * 0.1
        scales.set(docnum, wanted[docnum])
    scales.set(5, 0.3)
    wanted[5] = 0.3
    assert scales.codes.itemsize == 2
    assert list(scales.column()) == wanted


def test_a_document_prepared_in_parts_is_indexed_as_one(corpus, tmp_path, monkeypatch):
    from documents.corpus import Corpus
    from documents.parsing.parser import parse_text

    whole = [prepare(d) for d in corpus.documents]
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 7)
    parts = list(prepared(corpus.documents, pool=False))
    assert len(parts) > 5 * len(corpus.documents)
    assert [r for p in parts for r in p.records] == [r for p in whole for r in p.records]
    assert [(p.first, p.last) for p in parts if p.key == corpus.documents[0].key][:2] == [(True, False), (False, False)]
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 4096)
    alone = hits(tmp_path / "whole", corpus)
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 7)
    assert hits(tmp_path / "parts", corpus) == alone
    # Updating a changed document in parts gives what updating it whole gives.
    old = corpus.get("001")
    copy = tmp_path / old.path.name  # a file of its own: the one the index knows is unchanged
    copy.write_text(old.path.read_text(encoding="utf-8").replace("亩均效益", "亩产效益"), encoding="utf-8")
    edited = parse_text(copy.read_text(encoding="utf-8"), old.key, copy)
    changed = Corpus(documents=[edited if d is old else d for d in corpus.documents])
    updated = hits(tmp_path / "parts", changed)
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 4096)
    assert updated == hits(tmp_path / "whole", changed) and updated != alone
    assert not updated["亩均效益"]


def test_a_large_document_is_cut_by_workers_into_what_one_process_cuts(corpus, tmp_path, monkeypatch):
    whole = [prepare(d) for d in corpus.documents]
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 50)
    monkeypatch.setattr(prepare_module, "LARGE_DOCUMENT_BLOCKS", 100)
    sent = []
    real_send = prepare_module._Worker.send
    monkeypatch.setattr(prepare_module._Worker, "send", lambda w, item: sent.append(item) or real_send(w, item))
    parts = list(prepared(corpus.documents))
    large = {d.key for d in corpus.documents if prepare_module.is_large(d)}
    assert 2 <= len(large) < len(corpus.documents)
    jobs = sum(isinstance(item, prepare_module.CutJob) for item in sent)
    assert jobs == len([p for p in parts if p.key in large]) > 2 * len(large)
    assert [r for p in parts for r in p.records] == [r for p in whole for r in p.records]
    assert [c for p in parts for c in p.cuts] == [c for p in whole for c in p.cuts]
    assert [(p.first, p.last) for p in parts if p.key == corpus.documents[0].key][:2] == [(True, False), (False, False)]
    assert [p.last for p in parts].count(True) == len(corpus.documents)
    assert hits(tmp_path / "cut by workers", corpus) == hits(tmp_path / "alone", load_corpus([bundled_dir()]))


def test_a_large_document_is_cut_here_when_the_workers_cannot(corpus, monkeypatch):
    monkeypatch.setattr(index.dictionary, "fingerprint", lambda: "not the worker's")
    monkeypatch.setattr(prepare_module, "PART_RECORDS", 50)
    monkeypatch.setattr(prepare_module, "LARGE_DOCUMENT_BLOCKS", 100)
    parts = list(prepared(corpus.documents[:1]))
    assert len(parts) > 2
    assert [c for p in parts for c in p.cuts] == prepare(corpus.documents[0]).cuts


def generation_files(index_dir) -> dict[str, bytes]:
    """The live generation's files (Whoosh's named without the segment's random name), the manifest and
    Whoosh's table of contents (which holds that name) aside."""
    generation = index_dir / (index_dir / "CURRENT").read_text().strip()
    return {
        (p.name.split(".", 1)[1] if p.parent.name == "whoosh" else p.name): p.read_bytes()
        for p in (*generation.iterdir(), *(generation / "whoosh").iterdir())
        if p.is_file()
        and p.name != "manifest.json"
        and "." in p.name
        and "LOCK" not in p.name
        and not p.name.endswith(".toc")
    }


def test_a_rebuild_writes_the_same_tables_and_flat_postings_in_child_processes_or_here(corpus, tmp_path, monkeypatch):
    import index.flat_process
    import index.store
    import index.tables

    monkeypatch.setattr(index.store, "TABLES_PROCESS_MIN_RECORDS", 10**9)
    SearchIndex.open(corpus, index_dir=tmp_path / "here").close()
    monkeypatch.setattr(index.store, "TABLES_PROCESS_MIN_RECORDS", 1)
    answers = []
    for child in (index.tables.TablesProcess, index.flat_process.FlatProcess):
        real_result = child.result
        monkeypatch.setattr(child, "result", lambda p, real=real_result: answers.append(real(p)) or answers[-1])
    SearchIndex.open(corpus, index_dir=tmp_path / "child").close()
    # the children wrote them: the flat file (answered first, after the commit), then the tables
    assert len(answers) == 2 and answers[0] is True and isinstance(answers[1], dict)
    for child in (index.tables.TablesProcess, index.flat_process.FlatProcess):
        monkeypatch.setattr(child, "result", lambda p: p.stop())  # a child that failed
    SearchIndex.open(corpus, index_dir=tmp_path / "failed").close()
    here = generation_files(tmp_path / "here")
    assert {"texts.bin", "texts.grams", "shown.bin", "docs.idx", "pst", "cyflat"} <= set(here)
    assert generation_files(tmp_path / "child") == here
    assert generation_files(tmp_path / "failed") == here
