"""Running a compiled query: word search, the literal fallback, hits with snippets.

The word query is scored by :class:`index.scorer.QueryScorer` (BM25F over
whole posting lists). Phrases answer from the literal tables of texts and
heading paths (:class:`index.literal_query.LiteralText`, bound to this
searcher per search).

The word index can miss an exact string the user typed when the segmenter
cut the document's text differently (发展改革 inside 省发展改革委, a name split
across an unusual boundary). So every positive unit is also looked up as a
literal substring in the text table; records the word query missed but whose
literal matches satisfy the whole query (and its filters) are added, marked
``literal``, with a BM25-style score from their literal counts. A hit only a
literal leaf found, with no matching words there, is marked ``literal`` too.

Beyond BM25F: a heading or an article's lead clause answers for its section
(:mod:`index.sections`); the best pool is then re-weighed by what its text
says — front matter that only repeats the title counts less, a clause that
defines what was typed more, and one that says it as typed more again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import filterfalse, repeat
from operator import mul
from typing import Any

from whoosh import query as wq

from index import columns, highlight
from index.articles import article_of, at_article, is_item_record
from index.cancel import StopFlag, stop_if_set
from index.compiler import TITLE_WEIGHT, CompiledQuery, CompiledUnit
from index.docmap import DocMap
from index.drafting import assigns_duty, defines, defines_named, names_body
from index.jurisdiction import is_national_law, is_statute, names_place, place_of
from index.literal import TextTable
from index.literal import spans as literal_spans
from index.literal_query import LiteralText, NearText
from index.proximity import near_count, near_pattern
from index.query import Node, Tree, Unit
from index.recent import Budget, Recent
from index.rerank import (
    below_law_weighed,
    closings_weighed,
    editions_weighed,
    first_articles_carried,
    first_mentions_weighed,
    items_weighed,
)
from index.results import DocumentMatches, SearchHit
from index.scorer import KEPT_BYTES, QueryScorer, add_scores
from index.sections import listed_with, section_of
from index.segmenter import normalize, token_positions
from index.shown import ShownTable
from index.tiers import NOT_FIRST, Closeness, tiered

_K1 = 1.2
#: Records read at most for a typed run's words standing near each other (see ``Searcher._near``).
NEAR_READ = 1_000
#: Records of a document list left to read (see ``Searcher._document_tiers_read``) below which they are read
#: rather than ruled out by counting their strings in the heading paths.
READ_FEW = 128
#: Compilations whose title bonus, documents below a law and first mentions are kept (the compiled queries
#: themselves are kept 256 to a scope).
KEPT_BONUSES = 256
#: Diversification looks at this many of the best records (``limit`` times the factor, at least MIN_POOL).
POOL_FACTOR = 3
MIN_POOL = 60
#: Each further record of a document already listed counts this much less (the best record keeps its score).
#: A law sets out one subject over several articles, and a reader wants the next one that says it
#: squarely before a passing mention elsewhere; 0.8 put a law's second article at 85% of its best
#: under another law's record at 70%. Measured on bench/relevance.py (recall/MRR/nDCG; laws 141,
#: policies 135, seeds 60): 0.8: laws 0.712/0.809/0.691 (multi_doc recall 0.582), policies
#: 0.960/0.913/0.889; 0.85: laws 0.709/0.809/0.691; 0.9: laws 0.716/0.809/0.694 (multi_doc
#: 0.605), policies 0.968/0.913/0.891, seeds unchanged; 0.95: laws 0.717/0.812/0.695 but multi_doc
#: 0.587 and policies multi_doc nDCG 0.765 -> 0.759: past 0.9 one law fills the page.
DOC_DECAY = 0.9
#: A heading listed with its first paragraph (or the paragraph with its heading) counts this much less
#: again: the two say the same, and the page has room for another answer.
SECTION_DECAY = 0.5
#: How much more a record counts when every unit stands in it as typed (not only in another spelling).
TYPED_BOOST = 2.0
#: What a heading or lead clause scores for its section (its own units and the best of each other
#: unit under it), of what one record with them all would: less, since the words stand apart.
SECTION_WEIGHT = 0.7
#: A unit the lead lacks counts this much of its best score under the lead: it stands further off.
UNDER_WEIGHT = 0.5
#: Headings and lead clauses read per search, best partial match first (each reads a few heading paths).
MAX_LEADS = 100
#: How much more a clause counts that defines or scopes what was typed (the drafting forms of :mod:`index.drafting`):
#: a reader typing a document's subject wants where it is defined before where it is only used.
DEFINITION_BOOST = 1.5
#: Of a document's first records matching a unit, how many are read for the first that is not an item.
FIRST_MENTIONS_READ = 3
#: What a record that only repeats its document's title or issuer counts (see ``Searcher._echoes_last``).
ECHO_WEIGHT = 0.5
#: Characters a record may have beyond a title line it repeats (关于印发…的通知 around it).
ECHO_SLACK = 12


def diversify(
    ranked: list,
    doc_of: Callable[[Any], int],
    decay: float = DOC_DECAY,
    says_again: Callable[[int, Collection[int]], bool] | None = None,
    article_key: Callable[[int], str | None] | None = None,
) -> list:
    """``ranked`` (tuples, best first, score at index 0) reordered so that one document's n-th
    record competes with ``score * decay ** (n - 1)``: several documents reach the first page
    when several match, and the best record of each keeps its place. A record that says the same
    as one before it (``says_again(docnum, listed)``: a heading and its first paragraph), or
    stands in the same article as one before it (``article_key``: a statute's article is one
    answer, its paragraphs open the same article), counts ``SECTION_DECAY`` less again. Returned
    with those scores.
    """
    seen: dict[int, int] = {}
    listed: set[int] = set()
    articles: set[tuple[int, str]] = set()
    keyed = []
    for i, item in enumerate(ranked):
        doc = doc_of(item)
        n = seen.get(doc, 0)
        seen[doc] = n + 1
        factor = decay**n
        article = article_key(item[1]) if article_key is not None else None
        if n and (
            (says_again is not None and says_again(item[1], listed))
            or (article is not None and (doc, article) in articles)
        ):
            factor *= SECTION_DECAY
        if article is not None:
            articles.add((doc, article))
        listed.add(item[1])
        keyed.append((-item[0] * factor, i, item))
    keyed.sort(key=lambda k: (k[0], k[1]))
    # The score each record competed with is its score in the list, so scores fall with rank.
    return [(-key, *item[1:]) for key, _, item in keyed]


def _echoes(text: str, names: str) -> bool:
    """Whether ``text`` (normalised) only repeats ``names`` (lines of a document's title and issuers)."""
    text = text.strip()
    label, colon, rest = text.partition(":")
    if colon and len(label) <= 6:
        text = rest.strip()  # 标题：…, 发布机关：…
    if len(text) < 4:
        return False
    if text in names:
        return True
    return any(len(line) >= 8 and line in text and len(text) <= len(line) + ECHO_SLACK for line in names.split("\n"))


def _word_query(compiled: CompiledQuery) -> wq.Query | None:
    q = compiled.query
    if q is None:
        return wq.Every() if compiled.filter is not None else None
    if isinstance(q, wq.Not):
        return wq.And([wq.Every(), q])
    return q


def _satisfying(tree: Tree, candidates: set[int], found: dict[int, set[int]]) -> set[int]:
    """Which of ``candidates`` satisfy ``tree`` given each unit's matching documents (among them)."""
    if isinstance(tree, Unit):
        return candidates & found.get(id(tree), set())
    if isinstance(tree, Node):
        if tree.op == "NOT":
            return candidates - _satisfying(tree.children[0], candidates, found)
        parts = [_satisfying(c, candidates, found) for c in tree.children]
        if not parts:
            return set() if tree.op != "AND" else set(candidates)
        return set.intersection(*parts) if tree.op == "AND" else set.union(*parts)
    return set()


def _satisfying_mask(tree: Tree, size: int, found: dict[int, Any]) -> Any:
    """:func:`_satisfying` over ``size`` candidates as numpy booleans (``found``: each unit's, by ``id(unit)``)."""
    np = columns.numpy()
    if isinstance(tree, Unit):
        return found.get(id(tree), np.zeros(size, bool))
    if isinstance(tree, Node):
        if tree.op == "NOT":
            return ~_satisfying_mask(tree.children[0], size, found)
        parts = [_satisfying_mask(c, size, found) for c in tree.children]
        if not parts:
            return np.full(size, tree.op == "AND")
        return np.logical_and.reduce(parts) if tree.op == "AND" else np.logical_or.reduce(parts)
    return np.zeros(size, bool)


@dataclass
class _Extras:
    """The literal fallback's records: ``scores[i]`` is ``ids[i]``'s; ``listed`` the best, as hits are ranked."""

    listed: list[tuple[float, int, bool, list[str]]]
    scores: columns.Column
    ids: columns.Column


class Searcher:
    """Searches one opened index; not thread-safe (the service serialises calls)."""

    def __init__(self, whoosh_searcher, texts: TextTable, headings: TextTable, docs: DocMap, shown: ShownTable):
        self.searcher = whoosh_searcher
        self.shown = shown
        self.reader = whoosh_searcher.reader()
        self.tables = {"text": texts, "heading_path": headings}
        self._live_count = max(1, self.reader.doc_count())
        kept = Budget(KEPT_BYTES)  # the scorer's kept answers and these share it
        self.scorer = QueryScorer(whoosh_searcher, kept)
        self._deleted = {seg.offset + d for seg in self.scorer.segments for d in seg.deleted}
        self.docs = docs
        self._doc_numbers = columns.DocNumbers(docs.numbers)
        self._counts: dict[tuple[str, str], Mapping[int, int]] = {}
        #: counts are never changed once made: kept across searches (see :mod:`index.recent`)
        self._recent_counts: Recent[Mapping[int, int]] = Recent(kept)
        self._scores: dict[tuple[str, int, str], tuple[list[int], list[float]]] = {}
        self._edition_maps: tuple[dict[str, tuple[str, int]], dict[int, int], dict[int, int]] | None = None
        self._below_law: tuple[dict[str, str], dict[int, str]] | None = None
        self._recent_unit_counts: Recent[Mapping[int, float]] = Recent(kept)
        self._recent_near: Recent[dict[int, int]] = Recent(kept)
        self._recent_columns: Recent[tuple[Mapping[int, float], columns.Column, columns.Column]] = Recent(kept)
        self._recent_count_columns: Recent[tuple[Mapping[int, float], Any, Any]] = Recent(kept)
        #: each kept compilation's title bonus (see ``_title_bonus``), held with it so its id stays its own
        self._bonuses: Recent[tuple[CompiledQuery, dict[int, float]]] = Recent(KEPT_BONUSES, lambda _: 1)
        self._below: Recent[tuple[CompiledQuery, set[int]]] = Recent(KEPT_BONUSES, lambda _: 1)
        self._firsts: Recent[tuple[CompiledQuery, set[int]]] = Recent(KEPT_BONUSES, lambda _: 1)
        #: each kept compilation's word matches with a title's records (``_word_matches``), held with it
        self._word_answers: Recent[tuple[CompiledQuery, Mapping[int, float]]] = Recent(kept)
        #: each string's titled documents (``_titled``), held with the titles so their id stays their own
        self._titled_kept: Recent[tuple[Mapping[str, str], list[int]]] = Recent(KEPT_BONUSES, lambda _: 1)

    def search(
        self, compiled: CompiledQuery, limit: int, stop: StopFlag | None = None
    ) -> tuple[list[SearchHit], int, DocumentMatches]:
        """The best ``limit`` hits, how many records matched in all, and every matching document.

        The hits are diversified by document (see :func:`diversify`): the best
        record leads, and the other documents that match are not pushed off the
        first page by many clauses of one. Once ``stop`` is set it raises
        :class:`SearchCancelled` at its next phase (see :mod:`index.cancel`).
        """
        q = _word_query(compiled)
        if q is None or limit <= 0:
            return [], 0, DocumentMatches.of({})
        self._counts, self._scores = {}, {}
        self.scorer.begin()
        # Every spelling's literal counts, once per search (each is counted over the whole table on its own).
        for needle in {n for cu in compiled.all_units for n in (*cu.needles, *cu.literal_needles)}:
            self.literal_counts(needle)
        stop_if_set(stop)
        for leaf in q.leaves():
            if isinstance(leaf, (LiteralText, NearText)):
                leaf.source = self
        scores = self._word_matches(compiled, q)
        stop_if_set(stop)
        sections = self._section_matches(compiled, scores)
        if sections:
            scores = {**scores, **sections}
        bonus = self._title_bonus(compiled) if compiled.title_units else None
        doc_of = self.docs.numbers
        # the word matches (kept across searches) come back when the query does: their columns too
        kept = compiled.filter is None and not sections
        ids, values = self._columns(scores) if kept else columns.of_scores(scores)
        if bonus:
            values = columns.plus_bonus(ids, values, bonus, self._doc_numbers, len(self.docs.keys))
        pool = max(limit * POOL_FACTOR, MIN_POOL)
        stop_if_set(stop)
        extras = _Extras([], [], [])
        if compiled.parsed.tree is not None:
            extras = self._literal_extras(compiled, scores, ids, bonus, pool)
        scored: list[tuple[float, int, bool, list[str]]] = [
            (score, docnum, False, []) for score, docnum in columns.top(ids, values, pool)
        ]
        scored += extras.listed
        total = len(ids) + len(extras.ids)
        scored.sort(key=lambda item: (-item[0], item[1]))
        closeness = self._closeness(compiled, sections)
        scored = self._typed_first(
            closeness, self._definitions_first(compiled, self._echoes_last(compiled, scored[:pool]))
        )
        paths, texts = self.tables["heading_path"].text, self.tables["text"].text
        scored = first_mentions_weighed(scored, self._first_mentions(compiled, scored))
        scored = first_articles_carried(scored, paths, texts, self._doc_number)
        weighed = closings_weighed(
            items_weighed(scored, paths, texts), texts, [normalize(cu.unit.text) for cu in compiled.units]
        )
        group_of, age_of = self._editions(compiled.editions)
        if age_of:
            weighed = editions_weighed(weighed, lambda docnum: age_of.get(doc_of[docnum], 0))
        below = self._below_law_docs(compiled)
        if below:
            weighed = below_law_weighed(weighed, lambda docnum: doc_of[docnum] in below)
        tier_of = self._tiers(compiled, closeness)
        scored = tiered(
            weighed,
            lambda item: tier_of(item[1]),
            lambda part: diversify(
                part,
                lambda item: group_of.get(doc_of[item[1]], doc_of[item[1]]),
                says_again=self._says_again,
                article_key=self._statute_articles(compiled),
            ),
        )
        stop_if_set(stop)  # before the snippets and highlights
        words = {w for seq in compiled.sequences for w in seq}
        hits = [
            self._hit(docnum, score, is_literal, needles, compiled, words)
            for score, docnum, is_literal, needles in scored[:limit]
        ]
        return hits, total, self._per_document(ids, values, extras, closeness, compiled.titles, sections)

    def _statute_articles(self, compiled: CompiledQuery) -> Callable[[int], str | None]:
        """A record's article (its heading path up to it) when its document is a statute, else None:
        a statute's article is what a reader opens and cites, its paragraphs one answer (a policy's
        paragraphs each say a measure of their own)."""
        keys, doc_of, paths = self.docs.keys, self.docs.numbers, self.tables["heading_path"]
        statutes: dict[int, bool] = {}

        def article(docnum: int) -> str | None:
            doc = doc_of[docnum]
            if doc not in statutes:
                statutes[doc] = doc >= 0 and is_statute(compiled.titles.get(keys[doc], ""))
            return article_of(paths.text(docnum)) if statutes[doc] else None

        return article

    def _tiers(self, compiled: CompiledQuery, closeness: Closeness) -> Callable[[int], int]:
        """Each record's tier: by how close to the typed text it stands (:mod:`index.tiers`), then, among
        as close, a record of a law the query names before one that only cites that law (依照刑法…),
        and a record at an article asked for by number before one that only cites it (依照本法第七十三条)."""
        index, doc_of, paths = self.docs.index, self.docs.numbers, self.tables["heading_path"]
        named = {index[key] for key in compiled.named_laws if key in index}
        articles = compiled.articles

        def tier(docnum: int) -> int:
            level = closeness.tier(docnum) * 4
            if named and doc_of[docnum] not in named:
                level += 2
            if articles and not any(at_article(paths.text(docnum), part) for part in articles):
                level += 1
            return level

        return tier

    def _says_again(self, docnum: int, listed: Collection[int]) -> bool:
        """Whether ``docnum`` is a heading's first paragraph with the heading in ``listed``, or the
        heading of a first paragraph there: the two share an address and say the same."""
        headings, texts, doc_of = self.tables["heading_path"], self.tables["text"], self.docs.numbers
        if docnum - 1 in listed and listed_with(headings, texts, doc_of, docnum) == docnum - 1:
            return True
        return docnum + 1 in listed and listed_with(headings, texts, doc_of, docnum + 1) == docnum

    def _doc_number(self, docnum: int) -> int:
        """The record's document number, -1 past the last record."""
        numbers = self.docs.numbers
        return numbers[docnum] if docnum < len(numbers) else -1

    def prepare(self, titles: dict[str, str], editions: dict[str, tuple[str, int]]) -> None:
        """Work out what every search of a scope reads (its editions and the documents below a national
        law) and every field's lengths, so the index opening pays for it, not the first search."""
        self._editions(editions)
        self._places_below_law(titles)
        self.scorer.prepare()

    def _editions(self, editions: dict[str, tuple[str, int]]) -> tuple[dict[int, int], dict[int, int]]:
        """By document number: the document its editions rank as (the newest), and each one's age
        (worked out once for the scope's table)."""
        known = self._edition_maps
        if known is not None and known[0] is editions:
            return known[1], known[2]
        index = self.docs.index
        group_of: dict[int, int] = {}
        age_of: dict[int, int] = {}
        for key, (newest, age) in editions.items():
            if key in index and newest in index:
                group_of[index[key]] = index[newest]
                if age:
                    age_of[index[key]] = age
        self._edition_maps = (editions, group_of, age_of)
        return group_of, age_of

    def _below_law_docs(self, compiled: CompiledQuery) -> set[int]:
        """Document numbers of the documents below a national law (see :mod:`index.jurisdiction`)
        the query does not name: a local rule whose place no unit names, a regulation or a
        department's rule whose title has no unit. None in a library without national laws
        (policies only): there no law outranks them. The documents' places are worked out once per scope,
        the documents once per compilation."""
        kept, below = self._below.get(id(compiled), lambda: (compiled, self._below_law_docs_of(compiled)))
        return below if kept is compiled else self._below_law_docs_of(compiled)

    def _below_law_docs_of(self, compiled: CompiledQuery) -> set[int]:
        below = self._places_below_law(compiled.titles)
        if not below:
            return set()
        index = self.docs.index
        named = {index[key] for key in compiled.title_units if key in index}
        typed = [normalize(cu.unit.text) for cu in compiled.units]
        return {
            doc
            for doc, place in below.items()
            if not (any(names_place(t, place) for t in typed) if place else doc in named)
        }

    def _places_below_law(self, titles: dict[str, str]) -> dict[int, str]:
        """``{document number: its place}`` of the documents below a national law, by their ``titles``
        (worked out once for the scope's table); empty without national laws."""
        known = self._below_law
        if known is None or known[0] is not titles:
            index = self.docs.index
            below: dict[int, str] = {}
            if any(map(is_national_law, titles.values())):
                below = {index[k]: place_of(t) for k, t in titles.items() if k in index and not is_national_law(t)}
            known = self._below_law = (titles, below)
        return known[1]

    def _echoes_last(
        self, compiled: CompiledQuery, scored: list[tuple[float, int, bool, list[str]]]
    ) -> list[tuple[float, int, bool, list[str]]]:
        """Front matter (no heading above it) that only repeats what names its document counts ``ECHO_WEIGHT``.

        The title already raises every record of the document (``TITLE_WEIGHT``);
        a 标题： line or an issuer's name under the text would otherwise come
        first for any query about the document's subject, above the clauses.
        """
        if not compiled.titles:
            return scored
        keys, doc_of = self.docs.keys, self.docs.numbers
        texts, headings = self.tables["text"], self.tables["heading_path"]
        out = []
        for item in scored:
            doc = doc_of[item[1]]
            names = compiled.titles.get(keys[doc], "") if doc >= 0 else ""
            if names and not headings.text(item[1]) and _echoes(texts.text(item[1]), names):
                item = (item[0] * ECHO_WEIGHT, *item[1:])
            out.append(item)
        return out

    def _definitions_first(
        self, compiled: CompiledQuery, scored: list[tuple[float, int, bool, list[str]]]
    ) -> list[tuple[float, int, bool, list[str]]]:
        """A clause that defines or scopes what was typed (本办法所称…是指…, …适用本法), or assigns a typed body its
        work, counts ``DEFINITION_BOOST`` times."""
        needles = [normalize(n) for cu in compiled.units for n in cu.needles]
        if not needles:
            return scored
        named = needles + [normalize(cu.sequences[0][-1]) for cu in compiled.units if cu.sequences]
        units = [[normalize(word) for word in cu.sequences[0]] for cu in compiled.units if cu.sequences]
        # A body typed with a subject (食品安全 监管部门) asks who does it: the clause assigning the work.
        bodies = len(compiled.units) > 1 and any(names_body(normalize(cu.unit.text)) for cu in compiled.units)
        words = [word for unit in units for word in unit]
        texts = self.tables["text"]
        out = []
        for item in scored:
            text = texts.text(item[1])
            if defines_named(text, needles, units) or defines(text, named, words) or (bodies and assigns_duty(text)):
                item = (item[0] * DEFINITION_BOOST, *item[1:])
            out.append(item)
        return out

    def _closeness(self, compiled: CompiledQuery, sections: Mapping[int, float]) -> Closeness:
        """How close to the typed text each unit stands in a record (see :mod:`index.tiers`): in its
        text, its heading path, what names its document, or — for a heading that answers for its
        section — anywhere under it."""
        keys, doc_of = self.docs.keys, self.docs.numbers
        texts, headings = self.tables["text"], self.tables["heading_path"]

        def context_of(docnum: int) -> str:
            doc = doc_of[docnum] if docnum < len(doc_of) else -1
            parts = [headings.text(docnum), compiled.titles.get(keys[doc], "") if doc >= 0 else ""]
            if docnum in sections:
                parts += [texts.text(m) for m in section_of(headings, texts, doc_of, docnum)]
            return "\n".join(parts)

        units = [(id(cu.unit), cu.forms) for cu in compiled.units]
        return Closeness(compiled.parsed.tree, units, texts.text, context_of)

    def _first_mentions(self, compiled: CompiledQuery, scored: list[tuple[float, int, bool, list[str]]]) -> set[int]:
        """Per positive unit, each listed document's first record matching it that stands in an article
        and is not an item of it, of its first ``FIRST_MENTIONS_READ`` matches, where it has more than
        one (see :func:`index.rerank.first_mentions_weighed`). Front matter, a heading or a table of
        contents does not set a thing up, nor does an item (``（一）…在执法检查中发现的…`` lists a case
        of it); only statutes (:func:`index.jurisdiction.is_statute`: a policy's 办法 brings in a measure
        by a lead listing its amounts, the answer below it); a document whose title has the unit is
        left alone (its first mention is the title).
        """
        doc_of, keys, titles = self.docs.numbers, self.docs.keys, compiled.titles
        listed = {doc_of[item[1]] for item in scored if item[1] < len(doc_of)}
        statutes = frozenset(doc for doc in listed if doc >= 0 and is_statute(titles.get(keys[doc], "")))
        # the same for the same compilation and documents (a query asked again): worked out once
        kept, firsts = self._firsts.get(
            (id(compiled), statutes), lambda: (compiled, self._first_mentions_in(compiled, statutes))
        )
        return firsts if kept is compiled else self._first_mentions_in(compiled, statutes)

    def _first_mentions_in(self, compiled: CompiledQuery, listed: frozenset[int]) -> set[int]:
        """:meth:`_first_mentions` in the ``listed`` statutes (document numbers)."""
        index = self.docs.index
        paths, texts = self.tables["heading_path"], self.tables["text"]
        firsts: set[int] = set()
        for i, cu in enumerate(compiled.units):
            if cu.query is None:
                continue
            titled = {index[key] for key, found in compiled.title_units.items() if i in found and key in index}
            wanted = listed - titled
            if not wanted:
                continue
            # which records match is all it reads (a common unit's records found, not scored as a dictionary)
            ids = self.scorer.record_column(cu.query)
            if ids is None:
                ids, _ = self._columns(self.scorer.scores(cu.query))
            found = columns.leading_per_document(ids, self._doc_numbers, wanted, FIRST_MENTIONS_READ)
            for leading, records in found.values():
                first = next((r for r in leading if self._article_not_item(paths.text(r), texts.text(r))), None)
                if records > 1 and first is not None:
                    firsts.add(first)
        return firsts

    @staticmethod
    def _article_not_item(path: str, text: str) -> bool:
        """Whether a record stands in an article and is not an item of it."""
        return article_of(path) is not None and not is_item_record(path, text)

    @staticmethod
    def _typed_first(
        closeness: Closeness, scored: list[tuple[float, int, bool, list[str]]]
    ) -> list[tuple[float, int, bool, list[str]]]:
        """Raise the records that say what was typed over those that only match another spelling:
        the score grows by ``TYPED_BOOST`` times the share of units said as typed (or in the texts'
        own wording of it)."""
        if not closeness.spread:
            return scored
        out = [(item[0] * (1 + TYPED_BOOST * closeness.typed_share(item[1])), *item[1:]) for item in scored]
        out.sort(key=lambda item: (-item[0], item[1]))
        return out

    def _columns(self, scores: Mapping[int, float]) -> tuple[columns.Column, columns.Column]:
        """``scores`` (never changed: the scorer keeps it) as columns, converted once while it is kept."""
        if len(scores) < columns.SMALL:
            return columns.of_scores(scores)
        # the entry holds ``scores``, so no other dict can have its id while it is kept
        _, ids, values = self._recent_columns.get(
            id(scores), lambda: (scores, *(self.scorer.columns_of(scores) or columns.of_scores(scores)))
        )
        return ids, values

    def _per_document(
        self,
        ids: columns.Column,
        values: columns.Column,
        extras: _Extras,
        closeness: Closeness,
        titles: Mapping[str, str],
        sections: Collection[int],
    ) -> DocumentMatches:
        """How many records of each document matched (word matches ``ids`` and the extras), its best
        score and its tier (see :meth:`_document_tiers`)."""
        parts = [(ids, values), (extras.ids, extras.scores)]
        numbers, records, best = columns.per_document(parts, self._doc_numbers, len(self.docs.keys))
        tiers = self._document_tiers(closeness, parts, titles, sections) if closeness.tiered else {}
        return DocumentMatches(self.docs.keys, numbers, records, best, columns.looked_up(numbers, tiers, 0))

    def _document_tiers(
        self,
        closeness: Closeness,
        parts: list[tuple[columns.Column, columns.Column]],
        titles: Mapping[str, str],
        sections: Collection[int],
    ) -> dict[int, int]:
        """The tier of each matching document outside the first: that of its closest record, so the
        document list follows the hits (a document that says what was typed before one found only
        through related wording). Each record is read until its document has one in the first tier."""
        doc_of = self.docs.numbers
        if not any(columns.is_large(ids) for ids, _ in parts):
            records = (
                (docnum, doc_of[docnum])
                for ids, _ in parts
                for docnum in columns.as_list(ids)
                if docnum < len(doc_of) and doc_of[docnum] >= 0
            )
            return _closest_tiers(closeness, records, {})
        return self._document_tiers_read(closeness, parts, titles, sections)

    def _document_tiers_read(
        self,
        closeness: Closeness,
        parts: list[tuple[columns.Column, columns.Column]],
        titles: Mapping[str, str],
        sections: Collection[int],
    ) -> dict[int, int]:
        """:meth:`_document_tiers` of a large answer, from what the literal counts say: a document with a
        record surely in the first tier (:meth:`Closeness.surely_first`) is in it; a record that cannot be
        (:meth:`Closeness.possibly_first`: no first-tier string in its text, heading path or title) is in the
        last, unread; only the others are read (罚款 OR 拘留: 386 records matched by 罚金 alone, now none)."""
        np = columns.numpy()
        numbers = self._doc_numbers.view()
        holding = self._holding(titles)
        ids = np.concatenate([np.asarray(ids, np.int64) for ids, _ in parts])
        ids = ids[ids < len(numbers)]
        docs = numbers[ids]
        first = np.zeros(len(self.docs.keys) + 1, bool)  # a record of no document (-1) reads the last slot
        sure = closeness.surely_first(lambda string: holding(string, exact=False))
        if sure is not None:
            found = docs if sure is True else docs[sure[ids]]
            first[found] = True
        first[-1] = True  # no document: never listed
        left = ~first[docs]
        ids, docs = ids[left], docs[left]
        # below a few records reading them costs less than counting long strings in the heading paths
        possible = closeness.possibly_first(lambda string: holding(string, exact=True)) if len(ids) > READ_FEW else None
        if possible is True or possible is None:
            readable = np.ones(len(ids), bool)
        else:
            readable = np.zeros(len(ids), bool) if possible is False else possible[ids]
            if sections:  # the text under a heading answering for its section says more
                readable[np.isin(ids, np.fromiter(sections, np.int64, len(sections)), kind="table")] = True
        unread = np.zeros(len(first), bool)
        unread[docs[~readable]] = True
        tiers: dict[int, int] = dict.fromkeys(np.flatnonzero(unread).tolist(), NOT_FIRST)
        records = zip(ids[readable].tolist(), docs[readable].tolist(), strict=True)
        return _closest_tiers(closeness, records, tiers)

    def _holding(self, titles: Mapping[str, str]) -> Callable[..., Any]:
        """``holding(string, exact=…)``: the records whose text or what surrounds it (``_closeness``: the heading
        path, the document's title) holds ``string``, as numpy booleans by record, from the literal counts this
        search made; None where the text's are not made. Not ``exact``, the heading paths are read only for a
        string of two or less (from the heading table's character table), so some records holding it may be
        missing; ``exact``, they are always read."""
        np = columns.numpy()
        size = len(self.tables["text"])
        numbers = self._doc_numbers.view()

        def holding(string: str, exact: bool) -> Any:
            counts = self._counts.get(("text", string)) if string and normalize(string) == string else None
            if counts is None:
                return None
            mask = np.zeros(size, bool)
            mask[self._count_columns(counts)[0]] = True
            if exact or len(string) <= 2:
                mask[self._count_columns(self.literal_counts(string, "heading_path"))[0]] = True
            titled = self._titled(titles, string)
            if titled:
                in_title = np.zeros(len(self.docs.keys) + 1, bool)  # a record of no document (-1) reads the last
                in_title[titled] = True
                mask[: len(numbers)] |= in_title[numbers]
            return mask

        return holding

    def _titled(self, titles: Mapping[str, str], string: str) -> list[int]:
        """The numbers of the documents whose title (in the scope's ``titles``) holds ``string``: kept per
        scope and string, as a query's every search asks again and the scope names every document
        (10^6 records: 9,229 titles read for each first-tier string, 14 ms)."""
        index = self.docs.index

        def read() -> list[int]:
            return [index[key] for key, title in titles.items() if string in title and key in index]

        held, found = self._titled_kept.get((id(titles), string), lambda: (titles, read()))
        return found if held is titles else read()

    def _word_matches(self, compiled: CompiledQuery, q: wq.Query) -> Mapping[int, float]:
        """Every record the word query (or a title, see :meth:`_title_matches`) and the filters accept: kept
        per compilation when no filter narrows it, never changed (the records a title adds to a common
        word's answer were found and copied in at every search: 规定 第 at 10^6, 225,000 of them)."""
        if compiled.filter is not None or not compiled.title_units:
            return self._scored_with_titles(compiled, q)
        held, found = self._word_answers.get(id(compiled), lambda: (compiled, self._scored_with_titles(compiled, q)))
        return found if held is compiled else self._scored_with_titles(compiled, q)

    def _scored_with_titles(self, compiled: CompiledQuery, q: wq.Query) -> Mapping[int, float]:
        """:meth:`_word_matches`, made."""
        allowed = self.scorer.scores(compiled.filter) if compiled.filter is not None else None
        if allowed is not None:
            # the filter narrows first: only the records it allows are scored
            scores = dict.fromkeys(allowed, 1.0) if isinstance(q, wq.Every) else self.scorer.scores(q, allowed.keys())
        else:
            scores = self.scorer.scores(q)
        titled = self._title_matches(compiled, allowed) if compiled.title_units else {}
        if any(docnum not in scores for docnum in titled):
            # a copy only when a title adds records: the scorer's own answer is remembered (its columns too)
            merged = dict(columns.plain(scores))
            for docnum, score in titled.items():
                merged.setdefault(docnum, score)
            return merged
        return scores

    def _title_matches(self, compiled: CompiledQuery, allowed) -> dict[int, float]:
        """Records whose document's title has some of the words and whose text has all the others.

        ``湖州 人才引进`` means 人才引进 in the 湖州 document: its title answers for
        the place. Only for words typed side by side (an explicit ``AND`` asks
        for both in the record), and never the title alone: a record still
        needs one unit of its own.
        """
        tree = compiled.parsed.tree
        if not (
            isinstance(tree, Node)
            and tree.op == "AND"
            and not tree.explicit
            and all(isinstance(c, Unit) for c in tree.children)
        ):
            return {}
        units = compiled.units
        keys_by_rest: dict[tuple[int, ...], set[str]] = {}
        for key, found in compiled.title_units.items():
            rest = tuple(i for i in range(len(units)) if i not in found)
            if rest and all(units[i].query is not None for i in rest):
                keys_by_rest.setdefault(rest, set()).add(key)
        out: dict[int, float] = {}
        for rest, keys in keys_by_rest.items():
            queries = [units[i].query for i in rest]
            scores = self.scorer.scores(queries[0] if len(queries) == 1 else wq.And(queries))
            wanted = {self.docs.index[k] for k in keys if k in self.docs.index}
            for docnum, score in self._of_documents(scores, wanted):
                if allowed is None or docnum in allowed:
                    out[docnum] = score
        return out

    def _of_documents(self, scores: Mapping[int, float], documents: Collection[int]) -> Iterable[tuple[int, float]]:
        """The items of ``scores`` (a whole answer, never changed) whose record is in ``documents`` (document
        numbers), in its order: past ``columns.SMALL`` records picked from its columns (kept with it) by one
        numpy pass, not a Python step per record of a common unit (监督管理: 20,000)."""
        if len(scores) < columns.SMALL:
            doc_of = self.docs.numbers
            return [(docnum, score) for docnum, score in scores.items() if doc_of[docnum] in documents]
        np = columns.numpy()
        ids, values = self._columns(scores)
        wanted = np.zeros(len(self.docs.keys) + 1, bool)  # a record of no document (-1) reads the last slot
        wanted[np.fromiter(documents, np.int64, len(documents))] = True
        kept = wanted[self._doc_numbers.view()[ids]]
        return zip(ids[kept].tolist(), values[kept].tolist(), strict=True)

    def _section_matches(self, compiled: CompiledQuery, scores: Mapping[int, float]) -> dict[int, float]:
        """Headings and lead clauses whose section has every unit: a heading carries its section.

        ``海珠 人力资源服务机构 奖励`` is answered by the article on 人力资源服务机构
        whose items set the 奖励. Only for words typed side by side; the lead needs
        one unit of its own, a unit it lacks scores ``UNDER_WEIGHT`` of its best under
        it, the sum counts ``SECTION_WEIGHT``, and a unit in the document's title counts as found.
        """
        tree = compiled.parsed.tree
        units = compiled.units
        if not (
            isinstance(tree, Node)
            and tree.op == "AND"
            and not tree.explicit
            and all(isinstance(c, Unit) for c in tree.children)
            and len(units) > 1
            and all(cu.query is not None for cu in units)
        ):
            return {}
        per_unit = [self.scorer.scores(cu.query) for cu in units if cu.query is not None]
        leads = self._best_partial(per_unit, scores)
        allowed = self.scorer.scores(compiled.filter) if compiled.filter is not None else None
        doc_of, index = self.docs.numbers, self.docs.index
        titled = {index[key]: set(found) for key, found in compiled.title_units.items() if key in index}
        texts, headings = self.tables["text"], self.tables["heading_path"]
        out: dict[int, float] = {}
        for docnum in leads:
            if allowed is not None and docnum not in allowed:
                continue
            members = section_of(headings, texts, doc_of, docnum)
            if not members:
                continue
            in_title = titled.get(doc_of[docnum], set())
            score, under_it = 0.0, False
            for i, found in enumerate(per_unit):
                if docnum in found:
                    score += found[docnum]
                    continue
                best = max((found[m] for m in members if m in found), default=0.0)
                if best:
                    score += UNDER_WEIGHT * best
                    under_it = True
                elif i not in in_title:
                    break
            else:
                if under_it:
                    out[docnum] = SECTION_WEIGHT * score
        return out

    def _best_partial(self, per_unit: list[Mapping[int, float]], scores: Mapping[int, float]) -> list[int]:
        """The ``MAX_LEADS`` records the whole query missed (``scores``) with the best sum of the units' scores
        (``per_unit``, each the scorer's whole answer), best first, equal sums in the order first seen.

        Past ``columns.SMALL`` records a unit's columns (kept with its answer) are cut by a mask of the
        matched records and summed in order (the same floats as folding the dictionaries), not a dictionary
        made of every record a common unit has that the query missed (规定 第: 60,000).
        """
        if all(len(found) < columns.SMALL for found in per_unit):
            # each unit's score summed over the records the whole query missed, in C; first seen first
            partial: dict[int, float] = {}
            for found in per_unit:
                missing = list(filterfalse(scores.__contains__, found))
                part = dict(zip(missing, map(found.__getitem__, missing), strict=True))
                partial = add_scores(partial, part) if partial else part
            records = list(partial)
            return [records[p] for p in columns.best_positions(list(partial.values()), MAX_LEADS)]
        np = columns.numpy()
        matched = self.scorer.mask(np.fromiter(scores.keys(), np.int64, len(scores)))
        parts = []
        for found in per_unit:
            ids, values = self._columns(found)
            ids, values = np.asarray(ids, np.int64), np.asarray(values, np.float64)
            missing = ~matched[ids]
            parts.append((ids[missing], values[missing]))
        records, sums = columns.summed_in_order(parts, len(matched))
        return [int(records[p]) for _, p in columns.top(np.arange(len(sums)), sums, MAX_LEADS)]

    def _title_bonus(self, compiled: CompiledQuery) -> dict[int, float]:
        """What a record gains, by its document (see ``DocMap``), when the title has the query's units.

        A unit in the title counts as that word once in a short field: its idf
        (from how many records hold it literally) times ``TITLE_WEIGHT``. Worked out once per compilation
        (never changed, as the literal counts it reads): a common word's titles are most of the library's
        (法: 690 documents, a sum each, at every search).
        """
        kept, bonus = self._bonuses.get(id(compiled), lambda: (compiled, self._title_bonus_of(compiled)))
        return bonus if kept is compiled else self._title_bonus_of(compiled)

    def _title_bonus_of(self, compiled: CompiledQuery) -> dict[int, float]:
        weights = []
        for cu in compiled.units:
            n = max((len(self.literal_counts(needle)) for needle in cu.needles), default=0)
            weights.append(TITLE_WEIGHT * (math.log(self._live_count / (n + 1)) + 1))
        return {
            self.docs.index[key]: sum(weights[i] for i in found)
            for key, found in compiled.title_units.items()
            if key in self.docs.index
        }

    # ------------------------------------------------------------ literal leaves

    def literal_counts(self, needle: str, fieldname: str = "text") -> Mapping[int, int]:
        """``{docnum: occurrences}`` of ``needle`` in a field's table, scanned once per search."""
        key = (fieldname, needle)
        if key not in self._counts:
            self._counts[key] = self._recent_counts.get(key, lambda: self.tables[fieldname].counts(needle))
        return self._counts[key]

    def literal_scores(self, needle: str, words: int, fieldname: str = "text") -> tuple[list[int], list[float]]:
        """Live records whose field contains ``needle`` (sorted) and their literal BM25 scores."""
        key = (needle, words, fieldname)
        if key not in self._scores:
            counts = self.literal_counts(needle, fieldname)
            ids = sorted(counts.keys() - self._deleted)
            self._scores[key] = (ids, columns.as_list(self._literal_bm25(counts, words, ids, fieldname)))
        return self._scores[key]

    def near_scores(
        self, words: tuple[str, ...], together: tuple[str, ...], within: wq.Query, word: str | None
    ) -> tuple[list[int], list[float]]:
        """Records of ``within`` whose text has ``words`` near each other (:mod:`index.proximity`), sorted,
        and their scores: what ``within`` scores them (the words' own BM25F, so the bonus grows with
        what the words weigh, not with how rare the near stretch is), or, for the parts of a typed
        ``word``, what the word said that many times would (its literal BM25, its idf). Kept across
        searches."""
        near = self._recent_near.get(
            (words, together, within, word), lambda: self._near(words, together, within, word is None)
        )
        ids = sorted(near.keys() - self._deleted)
        if word is None:
            found = self.scorer.scores(within)
            return ids, [found[d] for d in ids]
        return ids, columns.as_list(self._literal_bm25(near, 1, ids, df=len(self.literal_counts(word))))

    def _near(self, words: tuple[str, ...], together: tuple[str, ...], within: wq.Query, best: bool) -> dict[int, int]:
        """``{record: stretches}`` with the words near each other, of the records of ``within`` that print
        none of the runs ``together`` (found in the literal table). Past ``NEAR_READ`` of them, only the
        best (``best``: ``within`` is scored anyway) or none: the words of a typed compound that
        thousands of clauses hold apart are common words, and standing near each other says little."""
        pattern = near_pattern(words)
        if pattern is None:
            return {}
        printed = [self.literal_counts(run) for run in together]
        if not best and isinstance(within, wq.And):
            # fewer candidates than the rarer word's records less those printing a run (they hold both):
            # first from what the words' postings number, without reading them
            most_printed = max(map(len, printed), default=0)
            if min(map(self.scorer.fewest, within.subqueries)) - most_printed > NEAR_READ:
                return {}
            rarest = min(map(self.scorer.count, within.subqueries))
            if rarest - most_printed > NEAR_READ:
                return {}
        candidates = self._printing_none(within, printed)
        if len(candidates) > NEAR_READ:
            if not best:
                return {}
            found = self.scorer.scores(within, set(candidates))
            candidates = [d for _, d in columns.top(*columns.of_scores(found), NEAR_READ)]
        text = self.tables["text"].text
        counts = {d: near_count(text(d), pattern, together) for d in candidates}
        return {d: n for d, n in counts.items() if n}

    def _printing_none(self, within: wq.Query, printed: list[Mapping[int, int]]) -> list[int]:
        """The records of ``within`` in none of ``printed`` (literal counts): past ``columns.SMALL`` postings of
        terms, ``within``'s records as a column cut by masks of the counts' records (安全 生产: thousands of
        records, each looked up in every run's counts, were a Python step each)."""
        column = self.scorer.record_column(within)
        if column is None:
            return [d for d in self.scorer.ids(within) if not any(d in counts for counts in printed)]
        for counts in printed:
            if len(counts) and len(column):
                column = column[~self.scorer.mask(self._count_columns(counts)[0])[column]]
        return column.tolist()

    # ------------------------------------------------------------ literal fallback

    def _literal_extras(
        self,
        compiled: CompiledQuery,
        matched: Collection[int],
        matched_ids: columns.Column,
        bonus: dict[int, float] | None,
        pool: int,
    ) -> _Extras:
        """Every record the word query missed whose literal matches satisfy the whole query; the best
        ``pool`` of them listed, best first.

        Candidates are records outside ``matched`` (every record the word query
        and filters accepted; ``matched_ids`` the same as a column) where some unit is
        found literally but not by its own query (whose matches the scorer remembers
        from this search). ``bonus`` is the title bonus by document.
        """
        literal_counts: dict[int, Mapping[int, float]] = {}  # id(unit) -> {docnum: count}
        for cu in compiled.all_units:
            literal_counts[id(cu.unit)] = self._unit_counts(cu)
        if any(len(literal_counts[id(cu.unit)]) >= columns.SMALL for cu in compiled.all_units if not cu.negated):
            id_column = self._extras_as_columns(compiled, literal_counts, matched_ids)
        else:
            id_column = self._extras_as_sets(compiled, literal_counts, matched)
        if not len(id_column):
            return _Extras([], [], [])
        units = compiled.units
        unit_counts = [literal_counts[id(cu.unit)] for cu in units]
        totals: columns.Column = None
        for cu, counts in zip(units, unit_counts, strict=False):
            scores = self._literal_bm25(counts, len(cu.sequences[0]) if cu.sequences else 1, id_column)
            totals = scores if totals is None else columns.added(totals, scores)
        if totals is None:
            totals = []
        if bonus:
            totals = columns.plus_bonus(id_column, totals, bonus, self._doc_numbers, len(self.docs.keys))
        # The needles to highlight only for those that can be listed; the rest are only counted.
        listed = [
            (
                score,
                docnum,
                True,
                [n for cu, counts in zip(units, unit_counts, strict=False) if docnum in counts for n in cu.needles],
            )
            for score, docnum in columns.top(id_column, totals, pool)
        ]
        return _Extras(listed, totals, id_column)

    def _extras_as_sets(
        self, compiled: CompiledQuery, literal_counts: dict[int, Mapping[int, float]], matched: Collection[int]
    ) -> columns.Column:
        """The extras' records (see :meth:`_literal_extras`) worked out as sets, for a small library."""
        candidates: set[int] = set()
        for cu in compiled.all_units:
            if cu.negated:
                continue
            # An extra needs a unit found literally but not by the unit's own query.
            unmatched = literal_counts[id(cu.unit)].keys() - matched
            if unmatched and cu.query is not None:
                unmatched -= self._members(cu.query, unmatched)
            candidates |= unmatched
        candidates -= self._deleted
        if compiled.filter is not None and candidates:
            candidates &= self._members(compiled.filter, candidates)
        if not candidates:
            return []
        tree = compiled.parsed.tree
        # a lone unit: every candidate has it literally, so it matches
        return columns.of_ids(
            list(
                candidates
                if isinstance(tree, Unit)
                else self._extras_satisfying(tree, compiled, candidates, literal_counts)
            )
        )

    def _extras_as_columns(
        self, compiled: CompiledQuery, literal_counts: dict[int, Mapping[int, float]], matched_ids: columns.Column
    ) -> columns.Column:
        """:meth:`_extras_as_sets` as numpy columns and masks over the records, where a common unit is found
        literally in most of a large library (法: 60,000 records, most inside other words): the same records,
        ascending, without a set of them made per unit."""
        np = columns.numpy()
        scorer = self.scorer
        outside = ~scorer.mask(np.asarray(matched_ids, np.int64))
        if self._deleted:
            outside[np.fromiter(self._deleted, np.int64, len(self._deleted))] = False
        held = {id(cu.unit): self._count_columns(literal_counts[id(cu.unit)])[0] for cu in compiled.all_units}
        wanted = np.zeros(len(outside), bool)
        for cu in compiled.all_units:
            if cu.negated:
                continue
            # An extra needs a unit found literally but not by the unit's own query.
            unmatched = held[id(cu.unit)]
            unmatched = unmatched[outside[unmatched]]
            if len(unmatched) and cu.query is not None:
                unmatched = unmatched[~scorer.contains(cu.query, unmatched)]
            wanted[unmatched] = True
        candidates = np.flatnonzero(wanted)
        if compiled.filter is not None and len(candidates):
            candidates = candidates[scorer.contains(compiled.filter, candidates)]
        tree = compiled.parsed.tree
        if isinstance(tree, Unit) or not len(candidates):
            return candidates  # a lone unit: every candidate has it literally, so it matches
        found = {
            id(cu.unit): scorer.mask(held[id(cu.unit)])[candidates]
            | (scorer.contains(cu.query, candidates) if cu.query is not None else False)
            for cu in compiled.all_units
        }
        return candidates[_satisfying_mask(tree, len(candidates), found)]

    def _extras_satisfying(
        self, tree: Tree, compiled: CompiledQuery, candidates: set[int], literal_counts: dict[int, Mapping[int, float]]
    ) -> set[int]:
        """Which ``candidates`` satisfy ``tree``, a unit found in a record by its words or literally."""
        # Each unit's matcher over the few candidates is cheaper than the whole query's.
        found = {
            id(cu.unit): (self._members(cu.query, candidates) if cu.query is not None else set())
            | (candidates & literal_counts[id(cu.unit)].keys())
            for cu in compiled.all_units
        }
        return _satisfying(tree, candidates, found)

    def _unit_counts(self, cu: CompiledUnit) -> Mapping[int, float]:
        """``{docnum: occurrences}`` of a unit's needles, each weighted as its spelling (not to be changed).

        Several spellings are summed once while the sum is kept (across searches, as the counts are).
        """
        weighted = tuple((needle, cu.needle_weights.get(needle, 1.0)) for needle in cu.needles)
        for needle, _ in weighted:
            self.literal_counts(needle)  # counted (or found kept) before the sum is looked up
        if len(weighted) == 1 and weighted[0][1] == 1.0:
            return self.literal_counts(weighted[0][0])
        return self._recent_unit_counts.get(weighted, lambda: self._weighted_sum(weighted))

    def _weighted_sum(self, weighted: tuple[tuple[str, float], ...]) -> Mapping[int, float]:
        if any(len(self.literal_counts(needle)) >= columns.SMALL for needle, _ in weighted):
            # summed as columns, in the fold's order and with its floats (see ``columns.summed_in_order``):
            # a common spelling's records are not looked up and copied one by one (人民政府: 10^5 at 10^6)
            parts = []
            for needle, weight in weighted:
                held, occurrences = self._count_columns(self.literal_counts(needle))
                parts.append((held, occurrences if weight == 1.0 else occurrences * weight))
            return columns.ColumnMap(*columns.summed_in_order(parts, len(self.tables["text"])))
        counts: dict[int, float] = {}
        for needle, weight in weighted:
            found = self.literal_counts(needle)
            if weight == 1.0 and not counts:
                counts = found  # type: ignore[assignment]  # ints count as floats; never changed
            else:
                counts = add_scores(
                    counts, dict(zip(found.keys(), map(mul, found.values(), repeat(weight)), strict=True))
                )
        return counts

    def _members(self, q: wq.Query, docnums: set[int]) -> set[int]:
        """Which of ``docnums`` match ``q`` (its matches are remembered for this search)."""
        return self.scorer.members(q, docnums)

    def _literal_bm25(
        self,
        counts: Mapping[int, float],
        words: int,
        ids: columns.Column,
        fieldname: str = "text",
        df: int | None = None,
    ) -> columns.Column:
        """BM25 over literal occurrences of one needle (``counts``), for each of ``ids`` (0 where it is absent):
        rarer strings and shorter records score higher.

        A phrase of ``words`` words scores as that many words would; ``df``, when given, is the
        number of records the idf reads instead of those ``counts`` has.
        """
        n = len(counts) if df is None else df
        factor = math.log(1 + (self._live_count - n + 0.5) / (n + 0.5)) * max(1, words) * (_K1 + 1)
        table = self.tables[fieldname]
        offsets, per_byte = table.offsets, 1.0 / max(1.0, table.avg_len)
        b = self.scorer.length_weight(fieldname)
        base, by_length = _K1 * (1 - b), _K1 * b * per_byte
        if columns.is_large(ids):
            np = columns.numpy()
            held, occurrences = self._count_columns(counts)
            every = np.zeros(len(table), np.float64)
            every[held] = occurrences
            tfs = every[ids]
            starts = np.frombuffer(offsets, np.int64)
            lengths = starts[ids + 1] - starts[ids] - 1
        else:
            tfs = list(map(counts.get, ids, repeat(0)))
            lengths = [offsets[d + 1] - offsets[d] - 1 for d in ids]
        return columns.literal_bm25(tfs, lengths, factor, base, by_length)

    def _count_columns(self, counts: Mapping[int, float]) -> tuple[Any, Any]:
        """Literal ``counts`` (never changed once made) as numpy columns, records and counts as float64, in
        the dictionary's order: kept while the counts are (across searches), so a common needle's 60,000
        records are read into arrays once, not looked up in its dictionary one by one at every search."""
        np = columns.numpy()

        def made() -> tuple[Mapping[int, float], Any, Any]:
            if isinstance(counts, columns.ColumnMap):  # read from the character table as columns
                return counts, counts.ids, counts.values_column.astype(np.float64)
            keys, values = counts.keys(), counts.values()
            return counts, np.fromiter(keys, np.int64, len(counts)), np.fromiter(values, np.float64, len(counts))

        # the entry holds ``counts``, so no other mapping can have its id while it is kept
        _, held, occurrences = self._recent_count_columns.get(id(counts), made)
        return held, occurrences

    # ------------------------------------------------------------ hits

    @staticmethod
    def _literal_only(compiled: CompiledQuery, text: str, word_spans: list[tuple[int, int]]) -> list[str]:
        """Needles of literal leaves found in ``text`` where no matched words stand.

        A literal leaf also finds strings the segmenter cut differently; such a
        hit is marked ``literal`` like a fallback hit, and its needles highlighted.
        """
        out: list[str] = []
        for cu in compiled.units:
            for needle in cu.literal_needles:
                found = literal_spans(text, needle)
                if found and not any(s < we and ws < e for s, e in found for ws, we in word_spans):
                    out.append(needle)
        return out

    def _hit(
        self, docnum: int, score: float, is_literal: bool, needles: list[str], compiled: CompiledQuery, words: set[str]
    ) -> SearchHit:
        record = self.shown.get(docnum)
        if record is None:
            raise ValueError(f"index record {docnum} was deleted")
        text = record.text
        positions = token_positions(self.tables["text"].text(docnum), record.bounds, words)
        spans = highlight.sequence_spans(positions, compiled.sequences)
        if not is_literal:
            needles = self._literal_only(compiled, text, spans)
            is_literal = bool(needles)
        for needle in needles:
            spans += literal_spans(text, needle)
        text_spans = highlight.merge(spans, text)
        snippet, snippet_spans = highlight.snippet(text, text_spans)
        return SearchHit(
            doc=record.doc,
            doc_short=record.doc_short,
            doc_title=record.doc_title,
            address=record.address,
            heading_path=list(record.heading_path),
            kind=record.kind,
            text=text,
            snippet=snippet,
            highlights=snippet_spans,
            text_highlights=text_spans,
            score=float(score),
            row=record.row,
            literal=is_literal,
        )


def _closest_tiers(closeness: Closeness, records: Iterable[tuple[int, int]], tiers: dict[int, int]) -> dict[int, int]:
    """Each document's tier outside the first, from ``tiers`` known already and its ``records`` (record
    number, document) read in turn: the closest record's, and no more reading once one is in the first."""
    for docnum, doc in records:
        if tiers.get(doc, 1) == 0:
            continue
        tier = closeness.tier(docnum)
        if tier < tiers.get(doc, tier + 1):
            tiers[doc] = tier
    return {doc: tier for doc, tier in tiers.items() if tier}
