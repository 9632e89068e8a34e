"""Flat postings files repeat Whoosh's postings exactly, and searches score the same with or without them."""

from __future__ import annotations

from pathlib import Path

from whoosh import query as wq

from documents.corpus import load_corpus
from index import columns, flat
from index.scorer import QueryScorer
from index.service import SearchIndex


def _leaf_readers(searcher):
    return [sub.reader() for sub, _ in (searcher.subsearchers or [(searcher, 0)])]


def test_every_term_reads_back_as_whoosh_has_it(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        for reader in _leaf_readers(ix._searcher.searcher):
            path = tmp_path / "all.cyflat"
            held = flat.write_segment(reader, path, min_postings=1)
            table = flat.FlatPostings(path)
            terms = list(reader._terms.items())
            assert held == len(terms) > 1000
            for (fieldname, tbytes), _ in terms:
                got = table.get(fieldname, tbytes)
                assert got is not None
                ids, weights = flat.leaf_postings(flat.raw_postings(reader, fieldname, tbytes))
                assert columns.as_list(got[0]) == ids, (fieldname, tbytes)
                assert columns.as_list(got[1]) == weights, (fieldname, tbytes)
            assert table.get("text", "不存在的词".encode()) is None
            table.close()
    finally:
        ix.close()


def test_scores_are_the_same_floats_with_and_without_flat_files(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        searcher = ix._searcher.searcher
        with_flat = QueryScorer(searcher)
        assert all(seg.flat is not None for seg in with_flat.segments)  # written by the build
        for i, seg in enumerate(with_flat.segments):  # more terms than the build's: small and large lists
            flat.write_segment(seg.reader, tmp_path / f"{i}.cyflat", min_postings=2)
            seg.flat = flat.FlatPostings(tmp_path / f"{i}.cyflat")
        common = [
            term
            for seg in with_flat.segments
            if seg.flat is not None
            for term in seg.flat.terms()
            if term[0] in ("text", "heading_path")
        ]
        assert len(common) >= 40
        common = common[:: len(common) // 40]
        without = QueryScorer(searcher)
        for seg in without.segments:
            seg.flat = None
        queries = [wq.Term(fieldname, tbytes.decode("utf-8")) for fieldname, tbytes in common]
        queries.append(wq.And(queries[:3]))
        queries.append(wq.Or(queries[3:8]))
        for q in queries:
            with_flat.begin()
            without.begin()
            assert with_flat.scores(q) == without.scores(q), q
            assert with_flat.ids(q) == without.ids(q), q
            within = set(range(0, searcher.doc_count_all(), 3))
            assert with_flat.scores(q, within) == without.scores(q, within), q
    finally:
        ix.close()


def _flat_files(index_dir: Path) -> set[str]:
    generation = (index_dir / "CURRENT").read_text().strip()
    return {p.name for p in (index_dir / generation / "whoosh").glob("*" + flat.SUFFIX)}


def test_each_segment_has_its_flat_file_and_no_other_stays(seed_copies, tmp_path):
    """After updates (new segments, merges), every live segment has its file and merged-away ones are gone."""
    index_dir = tmp_path / "ix"
    SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=index_dir).close()
    changed = next(seed_copies.glob("001_*.txt"))
    for i in range(3):
        changed.write_text(changed.read_text(encoding="utf-8") + f"\n园区补充条款{i}。\n", encoding="utf-8")
        ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=index_dir)
        try:
            segments = {seg.segment_id() for seg in ix._searcher.searcher.reader().segments()}
        finally:
            ix.close()
        assert _flat_files(index_dir) == {s + flat.SUFFIX for s in segments}


def test_a_flat_file_that_cannot_be_read_leaves_the_answer_to_whoosh(seed_copies, tmp_path):
    index_dir = tmp_path / "ix"
    corpus = load_corpus([seed_copies], use_cache=False)
    with SearchIndex.open(corpus, index_dir=index_dir) as ix:
        expected = [(h.address, h.score) for h in ix.search("开发区", limit=20).hits]
    generation = (index_dir / "CURRENT").read_text().strip()
    for path in (index_dir / generation / "whoosh").glob("*" + flat.SUFFIX):
        path.write_bytes(b"not a flat file" + bytes(path.stat().st_size - 15))  # same size: the manifest agrees
    with SearchIndex.open(corpus, index_dir=index_dir) as ix:
        assert all(seg.flat is None for seg in ix._searcher.scorer.segments)
        assert [(h.address, h.score) for h in ix.search("开发区", limit=20).hits] == expected


def test_a_term_reads_the_same_as_lists_and_as_numpy_arrays(seed_copies, tmp_path):
    ix = SearchIndex.open(load_corpus([seed_copies], use_cache=False), index_dir=tmp_path / "ix")
    try:
        for i, reader in enumerate(_leaf_readers(ix._searcher.searcher)):
            assert flat.FlatPostings.open(reader).as_lists  # the seeds: fewer than columns.SMALL records
            flat.write_segment(reader, tmp_path / f"{i}.cyflat", min_postings=1)
            as_lists = flat.FlatPostings(tmp_path / f"{i}.cyflat", as_lists=True)
            as_arrays = flat.FlatPostings(tmp_path / f"{i}.cyflat")
            terms = as_lists.terms()
            listed = [as_lists.get(fieldname, tbytes) for fieldname, tbytes in terms]
            arrays = [as_arrays.get(fieldname, tbytes) for fieldname, tbytes in terms]
            assert all(isinstance(got[0], list) for got in listed if got is not None)
            assert not any(isinstance(got[0], list) for got in arrays if got is not None)
            assert [(columns.as_list(ids), columns.as_list(weights)) for ids, weights in arrays] == listed
            as_lists.close()
            as_arrays.close()
    finally:
        ix.close()
