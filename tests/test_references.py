"""References: 《titles》, 文号 in every bracket form, 专栏/附件 labels, inherited statements."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from documents.corpus import Corpus, bundled_dir, load_corpus
from documents.extract.references import ReferenceResolver, scan_text
from documents.model import Clause

SHARED_LAWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"

CITING = """湖南省发展和改革委员会文件

湘发改园区〔2021〕9号

关于落实产业园区工作要点的通知

各市州发展改革委：

一、总体要求

按照《2020年湖南省产业园区工作要点》（湘园区[2020]1号）和《湘南湘西承接产业转移示范区发展规划》要求，参照《国务院关于不存在文件的决定》（国发〔2099〕99号），做好园区工作。
"""


@pytest.fixture
def seed_corpus(seeds):
    return Corpus(documents=list(seeds.values()))


@pytest.fixture
def citing_corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "zz9_citing.txt").write_text(CITING, encoding="utf-8")
    return load_corpus([bundled_dir(), folder], use_cache=False)


def test_doc_numbers_in_every_bracket_form():
    names = [
        f.names
        for f in scan_text("湘政发〔2020〕1号、湘政发[2020]2号、湘政发(2020)3号、湘政发【2020】4号、湘政发（2020）5号")
        if f.kind == "doc_number"
    ]
    assert names == [f"湘政发〔2020〕{n}号" for n in range(1, 6)]


def test_labels_and_nested_titles():
    found = scan_text("详见专栏二和附件1，依据《湖南省人民政府办公厅印发<关于支持示范区的若干政策>的通知》")
    assert [(f.kind, f.names) for f in found] == [
        ("table", "专栏2"),
        ("attachment", "附件1"),
        ("title", "湖南省人民政府办公厅印发《关于支持示范区的若干政策》的通知"),
    ]


def test_002_cites_state_council_documents_not_in_the_corpus(seed_corpus):
    refs = ReferenceResolver(seed_corpus).references("002")
    numbers = [r.names for r in refs if r.kind == "doc_number"]
    assert numbers == ["国办发〔2014〕54号", "国办发〔2017〕7号", "国办发〔2016〕14号", "浙商务发〔2014〕175号"]
    assert not any(r.resolved for r in refs)
    assert "湖政办发〔2017〕69号" not in numbers  # its own 文号 is not a citation
    first = refs[0]
    assert first.text.startswith("《国务院办公厅关于促进国家级经济技术开发区")
    assert first.names == first.text[1:-1]


def test_offsets_point_into_the_clause_text(seed_corpus, seeds):
    resolver = ReferenceResolver(seed_corpus)
    for ref in resolver.references("000"):
        block = seeds["000"].find(ref.address)
        text = block.blocks[0].text if hasattr(block, "children") else block.text
        assert text[ref.start : ref.end] == ref.text


def test_001_inherited_statement(seed_corpus):
    refs = ReferenceResolver(seed_corpus).references_at("001", "001/三/（一）/1")
    inherited = [r for r in refs if r.kind == "inherited"]
    assert len(inherited) == 1
    assert inherited[0].agencies == ["各市州人民政府", "各园区管委会"]
    assert inherited[0].text.endswith("以下不再重复")
    assert inherited[0].target_address == "001/三"


def test_attachments_absent_from_the_corpus_are_unresolved_with_their_title(seed_corpus):
    refs = [r for r in ReferenceResolver(seed_corpus).references("003") if r.kind == "attachment"]
    assert [r.names for r in refs] == [
        "附件1 示范区各市州重点承接产业一览表",
        "附件2 示范区各县（市、区）重点承接产业引导目录",
    ]
    assert not any(r.resolved for r in refs)


def test_titles_and_doc_numbers_resolve_to_loaded_documents(citing_corpus):
    resolver = ReferenceResolver(citing_corpus)
    refs = {r.text: r for r in resolver.references("zz9_citing")}
    assert refs["《2020年湖南省产业园区工作要点》"].target_address == "001"
    assert refs["湘园区[2020]1号"].target_doc.startswith("001_")
    assert refs["湘园区[2020]1号"].names == "湘园区〔2020〕1号"
    assert refs["《湘南湘西承接产业转移示范区发展规划》"].target_address == "003"
    missing = refs["《国务院关于不存在文件的决定》"]
    assert not missing.resolved and missing.names == "国务院关于不存在文件的决定"
    assert not refs["国发〔2099〕99号"].resolved


def test_cited_by_lists_other_documents_only(citing_corpus):
    resolver = ReferenceResolver(citing_corpus)
    cited = resolver.cited_by("001")
    assert {r.doc for r in cited} == {"zz9_citing"}
    assert {r.kind for r in cited} == {"title", "doc_number"}
    assert resolver.cited_by("002") == []


def test_table_labels_resolve_to_the_table_and_are_cited_by(seeds):
    doc = copy.deepcopy(seeds["000"])
    section = next(s for s in doc.sections() if s.address == "000/二")
    section.blocks = (*section.blocks, Clause("000/二#9", "各项指标详见专栏2，另见专栏9。"))
    resolver = ReferenceResolver(Corpus(documents=[doc]))
    refs = resolver.references_at("000", "000/二#9")
    assert [(r.names, r.target_address) for r in refs] == [
        ("专栏2", "000/三/（二）/2/专栏2"),
        ("专栏9", None),
    ]
    assert [r.address for r in resolver.cited_by("000", "000/三/（二）/2/专栏2")] == ["000/二#9"]


@pytest.mark.skipif(not SHARED_LAWS.is_dir(), reason="laws corpus not present")
def test_laws_corpus_resolves_some_law_titles():
    corpus = load_corpus([SHARED_LAWS])
    resolver = ReferenceResolver(corpus)
    refs = [r for doc in corpus.documents[:120] for r in resolver.references(doc.key)]
    titles = [r for r in refs if r.kind == "title"]
    assert titles and any(r.resolved and not r.self_reference for r in titles)
