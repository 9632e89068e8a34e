"""Compiled queries kept across searches (index.kept_queries): the same answers, compiled once."""

from __future__ import annotations

import pytest

from documents.locations import config_dir
from index import kept_queries
from index.service import SearchIndex, SearchResults


@pytest.fixture(scope="module")
def index(corpus, index_dir):
    ix = SearchIndex.open(corpus, index_dir=index_dir)
    yield ix
    ix.close()


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The text of every query compiled from now on."""
    made: list[str] = []
    compile_query = kept_queries.compile_query

    def counted(parsed, scope=None):
        made.append(parsed.text)
        return compile_query(parsed, scope)

    monkeypatch.setattr(kept_queries, "compile_query", counted)
    return made


def answer(results: SearchResults) -> tuple:
    return (
        [(h.doc, h.address, h.score, h.snippet, h.highlights, h.partial) for h in results.hits],
        results.total,
        results.notice,
        results.terms,
        [(d.doc, d.hits, d.best_score, d.tier) for d in results.documents],
    )


@pytest.mark.parametrize("query", ["亩均效益", "园区 -亩均", "kind:heading 附则", "doc:001 工业"])
def test_a_query_searched_again_is_not_compiled_again(index, compiled, query):
    first = index.search(query + " 再")
    assert compiled
    compiled.clear()
    assert answer(index.search(query + " 再")) == answer(first)
    assert compiled == []


def test_the_relaxed_query_notice_is_said_once(index):
    """The words found apart say so once, however often the query is searched (the kept compilation
    is shared, so the notice is added to a copy)."""
    notices = [index.search("商务部 xyzabc").notice for _ in range(3)]
    assert notices[0] and notices[0].count("no clause has all the words") == 1
    assert notices == [notices[0]] * 3


def test_a_changed_agency_table_compiles_again(index, compiled):
    index.search("市水务局")
    compiled.clear()
    tables = config_dir() / "agencies.toml"
    tables.parent.mkdir(parents=True, exist_ok=True)
    tables.write_text('[[agency]]\nname = "市水利局"\naliases = ["市水务局"]\n', encoding="utf-8")
    index.search("市水务局")
    assert compiled and set(compiled) == {"市水务局"}


def test_what_a_kept_compilation_reads_of_the_titles_is_worked_out_once(index, monkeypatch):
    """The title bonus, the documents below a law and the first mentions depend only on the compilation (and the
    index, and the documents listed): a query asked again reads them kept, the same answer, not worked out again."""
    from index.searcher import Searcher

    made: list[str] = []
    for name in ("_title_bonus_of", "_below_law_docs_of", "_first_mentions_in"):
        work = getattr(Searcher, name)
        monkeypatch.setattr(Searcher, name, lambda self, *a, work=work, name=name: made.append(name) or work(self, *a))
    first = answer(index.search("园区 管理"))
    once = list(made)
    assert answer(index.search("园区 管理")) == first
    assert made == once and {"_title_bonus_of", "_first_mentions_in"} <= set(once)


def test_opening_joins_the_titles_compiling_searches(corpus, index_dir):
    """The scope's titles are joined when the index opens (in the browser's worker), not by its first search."""
    from index import compiler

    ix = SearchIndex.open(corpus, index_dir=index_dir)
    try:
        assert compiler._joined and compiler._joined[0].titles is ix._queries.scope.titles
    finally:
        ix.close()
