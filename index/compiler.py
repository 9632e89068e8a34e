"""Parsed query → Whoosh query, plus what highlighting and the literal fallback need.

Each unit the user typed becomes the OR of its spellings (aliases), each
spelling cut by the same segmenter as the documents. A quoted unit is a phrase;
an unquoted run of several words needs all of them, with a bonus when they
stand together. Every word is looked for in the clause text and the heading
path, with the field weights below (BM25F does the rest). The document title is
not a field of each record (a title match alone would make every record a
hit): the units found in titles are listed per document (``title_units``) and
the searcher lets them raise, or answer for, that document's records.
A phrase (quoted, an alias of several words, or the bonus for an unquoted
run) is a substring scan of the literal tables of texts and heading paths
(:class:`index.literal_query.LiteralText`), so the postings keep no word
positions: smaller, and far cheaper to read for a common word.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from whoosh import query as wq

from documents.errors import N_, Message
from index import dictionary, external, vocabulary
from index.aliases import load_aliases
from index.articles import ARTICLE
from index.homophones import NEARLY_ABSENT, Library, load_homophones, respelled, respellings
from index.literal_query import LiteralText, NearText
from index.proximity import compound_parts, near_pattern
from index.query import Node, ParsedQuery, Tree, Unit
from index.scope import FilterScope
from index.segmenter import normalize, terms
from index.tiers import ALIAS, PARAPHRASE, Form, level_of
from index.vocabulary import ALIAS_WEIGHT, VARIANT_WEIGHT, Spelling, in_order

#: Query-time field weights: a word in the heading path says the clause is *about* it.
FIELD_BOOSTS = {"text": 1.0, "heading_path": 0.5}
#: Extra weight when the words of an unquoted run stand together as typed (or as drafted, see
#: :func:`drafted_runs`).
PHRASE_BONUS = 1.0
#: Extra weight when the words of an unquoted run typed stand a few characters apart in one sentence, in any
#: order (:mod:`index.proximity`): between the run standing together and the words anywhere in the record.
NEAR_BONUS = 0.5
#: What a typed word the dictionary holds whole counts, of the word said as often, where its two parts stand
#: near each other instead (申请他们回避 for 申请回避). Measured on bench/relevance.py (recall/MRR/nDCG):
#: 0.5: laws 0.716/0.813/0.694; 0.75: 0.717/0.813/0.695; 1.0: 0.719/0.813/0.697 but seeds
#: 0.957/0.933/0.918 -> 0.957/0.925/0.914 (the parts near each other outranking the word said).
COMPOUND_NEAR = 0.75
#: The particle that links a modifier to its noun.
LINK = "的"
#: Weight of a unit found in a document's title, added to the score of every record of
#: that document the query matched, as for a word once in a short field: the document is about it.
TITLE_WEIGHT = 0.5
#: Same-sound spellings searched per unit, at most.
SAME_SOUND = 3
#: Marks around a document's name in a query (《行政许可法》): stripped to match titles.
TITLE_MARKS = "《》〈〉“”\"'「」"
KIND_NAMES = {
    "clause": "clause",
    "条款": "clause",
    "条": "clause",
    "table": "table",
    "表": "table",
    "表格": "table",
    "专栏": "table",
    "heading": "heading",
    "标题": "heading",
    "note": "note",
    "注": "note",
    "备注": "note",
    "meta": "meta",
    "toc": "toc",
    "目录": "toc",
    "attachment": "attachment",
    "附件": "attachment",
}


@dataclass
class CompiledUnit:
    """One typed unit: its Whoosh query, term sequences to highlight, literal needles."""

    unit: Unit
    query: wq.Query | None
    negated: bool = False
    sequences: list[tuple[str, ...]] = field(default_factory=list)
    needles: list[str] = field(default_factory=list)
    #: Needles searched literally by ``query`` itself: every record containing one matches.
    literal_needles: list[str] = field(default_factory=list)
    #: How much a match of each needle counts (the text as typed 1.0, other spellings less).
    needle_weights: dict[str, float] = field(default_factory=dict)
    #: Other spellings of single words of the unit: highlighted, not a match of the unit by themselves.
    word_needles: list[str] = field(default_factory=list)
    #: What a record must say for the unit to stand in it, by how close to the typed text
    #: (:data:`TYPED`, :data:`ALIAS`, :data:`RELATED`): each form is one slot per word, each
    #: slot the strings that fill it (see :mod:`index.tiers`).
    forms: list[Form] = field(default_factory=list)
    #: Same-sound spellings searched because the typed text is missing from the library (:mod:`index.homophones`).
    respelled: list[str] = field(default_factory=list)


@dataclass
class CompiledQuery:
    parsed: ParsedQuery
    query: wq.Query | None
    filter: wq.Query | None
    all_units: list[CompiledUnit]  # every unit, negated ones included (in tree order)
    notices: list[Message] = field(default_factory=list)
    #: doc key → the positive units (indexes into ``units``) its title has
    title_units: dict[str, list[int]] = field(default_factory=dict)
    #: doc key → what names the document (``FilterScope.titles``): records that only repeat it are front matter
    titles: dict[str, str] = field(default_factory=dict)
    #: doc key → (its newest edition's key, its age) (``FilterScope.editions``): editions rank as one document
    editions: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Keys of the laws a unit names (刑法, 刑诉法, 《民法典》): their records lead (see :func:`title_units`)
    named_laws: set[str] = field(default_factory=set)
    #: Articles asked for by number (第七十三条, typed 第73条 too): the records at them lead those citing them
    articles: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[CompiledUnit]:
        """Positive units: what highlighting and the literal fallback look for."""
        return [u for u in self.all_units if not u.negated]

    @property
    def sequences(self) -> list[tuple[str, ...]]:
        return [s for u in self.units for s in u.sequences]

    def highlight_terms(self) -> list[str]:
        """Surface words for the reader: every spelling of every positive unit, then single words."""
        out: list[str] = []
        for cu in self.units:
            for needle in [*cu.needles, *cu.word_needles]:
                if needle not in out:
                    out.append(needle)
        for cu in self.units:
            for seq in cu.sequences:
                word = "".join(seq)
                if len(seq) == 1 and len(word) >= 2 and word not in out:
                    out.append(word)
        return out


def _word_query(word: str, *, boost: float = 1.0) -> wq.Query:
    """One word in the text or the heading path."""
    return wq.Or([wq.Term(name, word, boost=FIELD_BOOSTS[name] * boost) for name in ("text", "heading_path")])


def phrase_needles(spelling: str) -> list[str]:
    """The strings a phrase stands for in a text: as typed (one space between words) and run together.

    Chinese text has no spaces between words, so ``"亩均 效益"`` means 亩均效益;
    mixed text may keep one (``GDP 增长``).
    """
    words = spelling.split()
    return list(dict.fromkeys([" ".join(words), "".join(words)])) if words else []


def _literal_query(spelling: str, words: int, fields: tuple[str, ...], boost: float) -> wq.Query:
    parts: list[wq.Query] = [
        LiteralText(needle, words, boost=FIELD_BOOSTS[name] * boost, fieldname=name)
        for needle in phrase_needles(spelling)
        for name in fields
    ]
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def _sequence_query(spelling: str, seq: tuple[str, ...], *, boost: float = 1.0) -> wq.Query:
    """A word as itself; several words standing together as literal scans of the texts and heading paths.

    The postings keep no word positions: the literal tables answer phrases
    with one substring scan each, including strings the segmenter cut
    differently in the document.
    """
    if len(seq) == 1:
        return _word_query(seq[0], boost=boost)
    return _literal_query(spelling, len(seq), ("text", "heading_path"), boost)


def drafted_runs(words: list[str]) -> list[str]:
    """How a text may print a typed run of words together other than as typed.

    A law links a modifier to its noun with 的 (夫妻共同财产 is printed
    为夫妻的共同财产), and a two-word term naming an act on a thing is printed
    as the act done to it (合同解除: 可以解除合同; 证据保全: 保全证据).
    """
    if len(words) < 2:
        return []
    linked = ["".join(words[:i]) + LINK + "".join(words[i:]) for i in range(1, len(words)) if words[i - 1] != LINK]
    swapped = [words[1] + words[0]] if len(words) == 2 else []
    return [n for n in dict.fromkeys([*linked, *swapped]) if n != "".join(words)]


def characters_joined(words: list[str]) -> list[str]:
    """``words`` with each run of two or more single characters joined into one word.

    The segmenter cuts a word its dictionary lacks (电诈, 安监) into characters, and each
    character on its own stands in countless clauses: a clause says such a word as typed
    only where its characters stand together.
    """
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        out += ["".join(run)] if len(run) > 1 else run
        run = []
        if word:
            out.append(word)
    return out


def _spellings(text: str) -> list[str]:
    return load_aliases().expand(text)


def _words_query(cu: CompiledUnit, spelling: Spelling, words: list[str]) -> wq.Query:
    """Every word of an unquoted run (each in any of its spellings, anywhere in the record), or the run as typed.

    Order-free: the words may stand in any order with others between them; the run
    standing together as typed scores the phrase bonus on top. A word typed may also stand in
    the texts' own wording of it (a paraphrase, :mod:`index.vocabulary`), each word on its own:
    a law says 解除劳动合同 and 劳动者 where a reader types 辞退员工.
    """
    required = []
    slots: list[tuple[str, ...]] = []
    typed = normalize(cu.unit.text)
    for word in words:
        options = []
        slot = [normalize(word)]
        for word_spelling in vocabulary.spellings(word, variants=False):
            # Related wording of one word of a run is too loose (and each is a posting list); the
            # texts' own wording of a word typed is what it means (辞退员工: 解除劳动合同 … 劳动者).
            if word_spelling.weight < VARIANT_WEIGHT and not (word_spelling.how == "paraphrase" and word in typed):
                continue
            seq = tuple(terms(word_spelling.text))
            if not seq:
                continue
            slot.append(normalize("".join(seq)))
            cu.sequences.append(seq)
            options.append(_sequence_query(word_spelling.text, seq, boost=spelling.weight * word_spelling.weight))
            if word_spelling.text != word:
                cu.word_needles.append(word_spelling.text)
        if options:
            required.append(options[0] if len(options) == 1 else wq.Or(options))
        slots.append(tuple(dict.fromkeys(slot)))
    level = level_of(spelling)
    cu.forms.append(Form(level, tuple((word,) for word in characters_joined([slot[0] for slot in slots]))))
    if any(len(slot) > 1 for slot in slots):
        cu.forms.append(Form(max(level, ALIAS), tuple(slots)))
    # The bonus looks at the text only: in the heading path the words standing
    # together rarely change the order.
    bonus = _literal_query(spelling.text, len(words), ("text",), PHRASE_BONUS * spelling.weight)
    if spelling.how == "typed":
        runs = drafted_runs(words)
        drafted = [LiteralText(n, len(words), boost=PHRASE_BONUS, fieldname="text") for n in runs]
        bonus = wq.Or([bonus, *drafted]) if drafted else bonus
        near = _near_query(words, [normalize(run) for run in ("".join(words), *runs)], wq.And(required))
        bonus = wq.Or([bonus, near]) if near is not None else bonus
    cu.literal_needles += phrase_needles(spelling.text)
    # The typed run leads its unit's sequences (what ranking reads as typed); other spellings' runs follow.
    if spelling.how == "typed":
        cu.sequences.insert(0, tuple(words))
    else:
        cu.sequences.append(tuple(words))
    return wq.Or([wq.And(required), bonus])


def _near_query(words: list[str], together: list[str], within: wq.Query) -> NearText | None:
    """The typed run's words near each other in one sentence (:mod:`index.proximity`), None when a word
    is a lone character (a run of them is joined: the segmenter cut a word it lacks)."""
    joined = tuple(characters_joined([normalize(word) for word in words]))
    if near_pattern(joined) is None:
        return None
    return NearText(joined, tuple(together), within, boost=NEAR_BONUS)


def _compound_query(cu: CompiledUnit, word: str) -> NearText | None:
    """A typed word the dictionary holds whole, as the two words it is made of near each other in a
    clause that does not print it (申请回避: 申请他们回避), in the texts' own wording of it
    (:mod:`index.proximity`); None when it is not made of two words."""
    parts = compound_parts(word)
    if parts is None:
        return None
    cu.forms.append(Form(PARAPHRASE, tuple((part,) for part in parts), near=True))
    within = wq.And([wq.Term("text", part) for part in parts])
    return NearText(parts, (word,), within, boost=COMPOUND_NEAR, word=word)


def same_sound(text: str, library: Library, taken: list[Spelling]) -> list[Spelling]:
    """Spellings of ``text`` with a word the library lacks respelled by sound (:mod:`index.homophones`),
    at the variant weight; none when every word is there, or when another spelling of it is."""
    typed = normalize(text).replace(" ", "")
    if library.records_with(typed, NEARLY_ABSENT + 1) > NEARLY_ABSENT:
        return []  # the library says it as typed, so it says each word of it
    known = {normalize(s.text).replace(" ", "") for s in taken}
    if any(library.records_with(k, 1) for k in known - {typed}):
        return []  # the library prints it by another name (食安标准 → 食品安全标准): not a typo
    found = respellings(typed, terms(typed), library)
    return [Spelling(s, VARIANT_WEIGHT, "variant") for s in respelled(typed, found) if s not in known][:SAME_SOUND]


def compile_unit(unit: Unit, titles: Mapping[str, str] | None = None, library: Library | None = None) -> CompiledUnit:
    """A typed unit as the OR of its spellings, each weighted (the text as typed counts most).

    A quoted unit is a phrase (its aliases too); an unquoted one in any other
    spelling (see :mod:`index.vocabulary`, and a body's short form the library's ``titles`` spell
    out, :func:`bodies_abbreviated`) is matched word by word, and, with a ``library``, respelled
    by sound where it says what no record does.
    """
    if unit.phrase:
        spellings = [Spelling(s, 1.0 if i == 0 else ALIAS_WEIGHT, "alias") for i, s in enumerate(_spellings(unit.text))]
    else:
        spellings = vocabulary.spellings(unit.text)
        known = {normalize(s.text) for s in spellings}
        spellings += [
            Spelling(name, ALIAS_WEIGHT, "alias")
            for name in bodies_abbreviated(normalize(unit.text), titles or {})
            if name not in known
        ]
    cu = CompiledUnit(unit, None)
    if library is not None and not unit.phrase and not any(s.how == "variant" for s in spellings):
        # A listed confusion of a place name (安微 → 安徽) already says what was meant.
        sounds = same_sound(unit.text, library, spellings)
        cu.respelled = [s.text for s in sounds]
        spellings += sounds
    alternatives: list[wq.Query] = []
    for spelling in spellings:
        if not spelling.text.strip():
            continue
        seq = tuple(terms(spelling.text))
        if not seq:
            continue
        if spelling.text not in cu.needles:
            cu.needles.append(spelling.text)
            cu.needle_weights[spelling.text] = spelling.weight
        if unit.phrase or len(seq) == 1:
            strings = phrase_needles(spelling.text) if len(seq) > 1 else [spelling.text]
            cu.forms.append(Form(level_of(spelling), (tuple(normalize(n) for n in strings),)))
            cu.sequences.append(seq)
            alternatives.append(_sequence_query(spelling.text, seq, boost=spelling.weight))
            if len(seq) > 1:
                cu.literal_needles += phrase_needles(spelling.text)
            elif spelling.how == "typed" and not unit.phrase:
                near = _compound_query(cu, normalize(seq[0]))
                if near is not None:
                    alternatives.append(near)
        else:
            alternatives.append(_words_query(cu, spelling, list(seq)))
    if alternatives:
        cu.query = alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)
    return cu


def _compile_tree(
    tree: Tree,
    units: list[CompiledUnit],
    negated: bool,
    titles: Mapping[str, str] | None = None,
    library: Library | None = None,
) -> wq.Query | None:
    if isinstance(tree, Unit):
        cu = compile_unit(tree, titles, None if negated else library)
        cu.negated = negated
        units.append(cu)
        return cu.query if cu.query is not None else wq.NullQuery
    if isinstance(tree, Node):
        if tree.op == "NOT":
            inner = _compile_tree(tree.children[0], units, not negated, titles, library)
            return wq.Not(inner) if inner is not None else None
        parts = [q for q in (_compile_tree(c, units, negated, titles, library) for c in tree.children) if q is not None]
        if not parts:
            return None
        return (wq.And if tree.op == "AND" else wq.Or)(parts)
    return None


def _filter_values(name: str, value: str) -> list[str]:
    """Every stored facet value ``value`` stands for (alias and canonical spellings)."""
    values = [value, normalize(value)]
    section = "agencies" if name == "agency" else "zones"
    values += load_aliases().expand(value, (section,))
    canonical = external.canonical_agency(value) if name == "agency" else external.canonical_zone(value)
    if canonical:
        values.append(canonical)
    alias_canonical = load_aliases().canonical(value, section)
    if alias_canonical:
        values.append(alias_canonical)
    return list(dict.fromkeys(v.replace(",", "").strip() for v in values if v.strip()))


def _suggest(close: list[str]) -> Message | str:
    return Message(N_(" (did you mean {names}?)"), {"names": ", ".join(close)}) if close else ""


def _doc_filter(value: str, scope: FilterScope | None, notices: list[Message]) -> wq.Query:
    if scope is None:
        return wq.Or([wq.Term("doc_short", value), wq.Term("doc", value)])
    key = scope.doc_key(value)
    if key is None:
        notices.append(Message(N_("unknown document '{value}'{hint}"), {"value": value, "hint": scope.doc_hint(value)}))
        return wq.Term("doc", value)
    return wq.Term("doc", key)


def _year_filter(value: str, scope: FilterScope | None, notices: list[Message]) -> wq.Query:
    """Clauses that mention the year, or that belong to a document dated that year."""
    year = value.rstrip("年")
    if not (len(year) == 4 and year.isdigit()):
        notices.append(Message(N_("unknown year '{value}' (a four-digit year, e.g. year:2020)"), {"value": value}))
    alternatives: list[wq.Query] = [wq.Term("years", year)]
    if scope is not None:
        alternatives += [wq.Term("doc", key) for key in scope.docs_of_year(year)]
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


def _name_filter(name: str, value: str, scope: FilterScope | None, notices: list[Message]) -> wq.Query:
    field_name = "agencies" if name == "agency" else "zones"
    values = _filter_values(name, value)
    if scope is not None and not any(scope.indexed(field_name, v) for v in values):
        known = dictionary.agency_names() if name == "agency" else dictionary.zone_names()
        if any(v in known for v in values) or (name == "agency" and external.canonical_agency(value)):
            template = (
                N_("no clause mentions agency '{value}'")
                if name == "agency"
                else N_("no clause mentions zone '{value}'")
            )
            notices.append(Message(template, {"value": value}))
        else:
            template = N_("unknown agency '{value}'{hint}") if name == "agency" else N_("unknown zone '{value}'{hint}")
            notices.append(Message(template, {"value": value, "hint": _suggest(scope.close_names(field_name, value))}))
    return wq.Or([wq.Term(field_name, v) for v in values])


def compile_filters(
    filters: list[tuple[str, str]], notices: list[Message], scope: FilterScope | None = None
) -> wq.Query | None:
    """Same field: any of the values; different fields: all of them.

    With a ``scope`` (the corpus being searched) unknown values get a notice and
    ``year:`` also takes in documents dated that year.
    """
    by_field: dict[str, list[wq.Query]] = {}
    for name, value in filters:
        if name == "doc":
            q = _doc_filter(value, scope, notices)
        elif name == "kind":
            kind = KIND_NAMES.get(value.lower())
            if kind is None:
                notices.append(Message(N_("unknown kind '{value}' (clause, heading, table, note)"), {"value": value}))
                kind = value
            q = wq.Term("kind", kind)
        elif name == "year":
            q = _year_filter(value, scope, notices)
        else:
            q = _name_filter(name, value, scope, notices)
        by_field.setdefault(name, []).append(q)
    if not by_field:
        return None
    parts = [qs[0] if len(qs) == 1 else wq.Or(qs) for qs in by_field.values()]
    return parts[0] if len(parts) == 1 else wq.And(parts)


#: What a law's title begins with before its own name (中华人民共和国刑事诉讼法 is the 刑事诉讼法).
STATE_PREFIX = "中华人民共和国"


def laws_abbreviated(short: str, titles: Mapping[str, str]) -> set[str]:
    """The documents whose law ``short`` names by the usual rule: its first character, then characters
    of the law's name in order, ending in 法 (刑诉法 → 刑事诉讼法, 个保法 → 个人信息保护法); of several,
    the shortest names (环保法 is 环境保护法, not 环境保护税法)."""
    if not (3 <= len(short) <= 6 and short.endswith("法")):
        return set()
    found: dict[str, int] = {}
    for key, names in titles.items():
        for line in names.split("\n"):
            name = line.removeprefix(STATE_PREFIX)
            if len(name) > len(short) and name[0] == short[0] and name.endswith("法") and in_order(short, name):
                found[key] = min(found.get(key, len(name)), len(name))
    shortest = min(found.values(), default=0)
    return {key for key, length in found.items() if length == shortest}


#: What ends a law's name (not a rule's: 办法 ends as 法 does).
LAW_END, RULE_END = "法", "办法"


def laws_named(typed: str, titles: dict[str, str], library: Library | None = None) -> set[str]:
    """The documents whose law a typed form no title has names: its short form by
    :func:`laws_abbreviated`; or, when it is no word of the library's texts (as 合法 or 非法 are:
    the segmenter keeps it whole and the texts print it; a form it cuts, 个保 into 个 and 保, is no
    word of texts cut the same way, however often 各个保险 holds it), the short form typed without
    its 法 (刑诉 for 刑诉法, 国赔 for 国家赔偿法), or the law's first character and 法 (消法): every
    law that begins with it, as a reader could mean any of them (消法: 消费者权益保护法 or 消防法),
    a rule's 办法 aside."""
    found = laws_abbreviated(typed, titles)
    if found or library is None or len(typed) < 2:
        return found
    if terms(typed) == [typed] and library.records_with(typed, NEARLY_ABSENT + 1) > NEARLY_ABSENT:
        return found
    if not typed.endswith(LAW_END):
        return laws_abbreviated(typed + LAW_END, titles)
    if len(typed) != 2:
        return set()
    return {
        key
        for key, names in titles.items()
        for line in names.split("\n")
        if len(name := line.removeprefix(STATE_PREFIX)) > len(typed)
        and name[0] == typed[0]
        and name.endswith(LAW_END)
        and not name.endswith(RULE_END)
    }


#: The last character of a body's name (村民委员会, 人民检察院, 公安局, 网信办): a typed short form ends as it does.
BODY_LAST = "会委院局办署厅"
#: A body's name in a title is at most this many times as long as its short form (人大常委会: 人民代表大会常务委员会).
SPELLED_OUT = 3


def bodies_abbreviated(short: str, titles: Mapping[str, str]) -> list[str]:
    """The names in the library's ``titles`` that a body's short form abbreviates by the usual rule: its
    first character, then its characters in order, ending with its last (村委会 → 村民委员会 in
    村民委员会组织法, 人大常委会 → 人民代表大会常务委员会); the shortest span from each start, none when a
    title prints ``short`` itself."""
    if not (3 <= len(short) <= 6 and short[-1] in BODY_LAST):
        return []
    joined = joined_titles(titles)
    if short in joined.text:  # a title prints it (no line holds the separators)
        return []
    lines = joined.lines
    found: dict[str, None] = {}
    for line in lines:
        start = line.find(short[0])
        while start >= 0:
            end, pos = start, start
            for ch in short[1:]:
                pos = line.find(ch, end + 1)
                if pos < 0 or pos - start >= SPELLED_OUT * len(short):
                    break
                end = pos
            else:
                found[line[start : end + 1]] = None
            if pos < 0:
                break
            start = line.find(short[0], start + 1)
    return list(found)


def title_units(
    units: list[CompiledUnit], titles: dict[str, str], library: Library | None = None
) -> tuple[dict[str, list[int]], set[str]]:
    """Documents whose title has some positive unit (any of its spellings), and which ones; and the
    laws a unit names. A unit that is a law's whole name (仲裁法, 刑法) names that law only, not
    the laws whose titles hold it (劳动争议调解仲裁法, 刑法修正案); a unit no title has may name a
    law by its short form (see :func:`laws_named`)."""
    # Related wording (a lower weight) does not make a title about the unit.
    # 《行政许可法》 names the law whose title is 中华人民共和国行政许可法: the marks are not part of it.
    spellings = [
        [normalize(n).strip(TITLE_MARKS) for n in cu.needles if cu.needle_weights.get(n, 1.0) >= VARIANT_WEIGHT]
        for cu in units
        if not cu.negated
    ]
    joined = joined_titles(titles)
    having: list[set[str]] = []
    laws: set[str] = set()
    for needles in spellings:
        found = laws_titled(needles[0], titles) if needles else set()
        laws |= found
        if not found:
            for n in filter(None, needles):
                found.update(joined.holding(n))
        if not found and needles:
            found = laws_named(needles[0], titles, library)
            laws |= found
        having.append(found)
    named = set().union(*having)
    in_titles = {
        key: [i for i, found in enumerate(having) if key in found]
        for key in sorted(named, key=joined.position.__getitem__)
    }
    return in_titles, laws


@dataclass(frozen=True)
class JoinedTitles:
    """A scope's titles (``{doc key: its names, a line each}``) as one text, so the titles holding a
    string are found by ``str.find`` in C, a Python step per title found rather than per title (10^6
    records: 9,229 titles read for each spelling of each unit compiled, 发改委 ten of them)."""

    titles: Mapping[str, str]
    keys: list[str]
    #: every title, each after a separator no typed string holds
    text: str
    #: where each key's title starts in ``text``, and the text's end
    starts: list[int]
    position: dict[str, int]

    SEPARATOR = "\0"

    @classmethod
    def of(cls, titles: Mapping[str, str]) -> JoinedTitles:
        keys = list(titles)
        starts, at = [], 0
        for names in titles.values():
            starts.append(at)
            at += len(names) + 1
        starts.append(at)
        text = "".join(cls.SEPARATOR + names for names in titles.values())
        return cls(titles, keys, text, starts, dict(zip(keys, range(len(keys)), strict=True)))

    @cached_property
    def lines(self) -> list[str]:
        """Every name of every title."""
        return [line for names in self.titles.values() for line in names.split("\n")]

    def holding(self, string: str) -> list[str]:
        """The keys whose title holds ``string`` (non-empty, no separator), in the titles' order."""
        found: list[str] = []
        text, starts = self.text, self.starts
        pos = text.find(string)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            found.append(self.keys[i])
            pos = text.find(string, starts[i + 1])
        return found


_joined: list[JoinedTitles] = []


def joined_titles(titles: Mapping[str, str]) -> JoinedTitles:
    """The :class:`JoinedTitles` of ``titles``, kept while the same titles (object) are compiled against."""
    if _joined and _joined[0].titles is titles:
        return _joined[0]
    _joined[:] = [JoinedTitles.of(titles)]
    return _joined[0]


#: How a law's name ends (刑法, 民法典, 食品安全法实施条例): where a typed name may end before what to find in it.
LAW_NAME_ENDS = ("法", "法典", "条例")
#: What may follow a law's name in the same typed unit: at least this many characters.
REST_AFTER_NAME = 2


def laws_titled(name: str, titles: Mapping[str, str]) -> set[str]:
    """The documents whose title is the law ``name`` in whole (刑法: 中华人民共和国刑法), with or
    without 中华人民共和国."""
    if not name.endswith(LAW_NAME_ENDS):
        return set()
    full = name if name.startswith(STATE_PREFIX) else STATE_PREFIX + name
    if name not in joined_titles(titles).text:  # a title that is the name holds it (full holds it too)
        return set()
    return {key for key, names in titles.items() if any(line in (name, full) for line in names.split("\n"))}


def _is_law_name(name: str, titles: Mapping[str, str]) -> bool:
    """Whether ``name`` is a law's whole name in ``titles`` or its short form (:func:`laws_abbreviated`)."""
    return name.endswith(LAW_NAME_ENDS) and bool(laws_titled(name, titles) or laws_abbreviated(name, titles))


def name_and_rest(text: str, titles: Mapping[str, str]) -> tuple[str, str] | None:
    """A typed unit that begins with a law's name and goes on (刑法第二十条, 个人信息保护法第三十一条,
    《民法典》格式条款) cut into the name and the rest; None for any other. The name ends where a
    word does (劳动法律 is no 劳动法 and 律), the longest name first."""
    text = normalize(text).strip()
    if text.startswith("《") and (end := text.find("》")) > 1:
        name, rest = text[1:end], text[end + 1 :].strip()
        return (name, rest) if len(rest) >= REST_AFTER_NAME and _is_law_name(name, titles) else None
    words = terms(text)
    for k in range(len(words) - 1, 0, -1):
        name = "".join(words[:k])
        rest = text[len(name) :].strip()
        if text.startswith(name) and len(rest) >= REST_AFTER_NAME and _is_law_name(name, titles):
            return name, rest
    return None


def law_names_apart(tree: Tree, titles: Mapping[str, str]) -> Tree:
    """``tree`` with each unit typed as a law's name and what to find in it (刑法第二十条) typed as the
    two side by side (刑法 第二十条): the title answers for the name, the rest is looked for in that law.
    Only a lone unit or units side by side: an explicit AND, an OR or a NOT keeps what was typed."""
    if isinstance(tree, Unit):
        units = [tree]
    elif isinstance(tree, Node) and tree.op == "AND" and not tree.explicit:
        if not all(isinstance(child, Unit) for child in tree.children):
            return tree
        units = [child for child in tree.children if isinstance(child, Unit)]
    else:
        return tree
    out: list[Node | Unit] = []
    for unit in units:
        split = None if unit.phrase else name_and_rest(unit.text, titles)
        out += [Unit(split[0]), Unit(split[1])] if split else [unit]
    if len(out) == len(units):
        return tree
    return Node("AND", out)


def asked_article(text: str) -> str | None:
    """The article a typed unit asks for by its number (第七十三条, 第73条, 第一百三十三条之一), as printed."""
    part = vocabulary.numbered_in_chinese(normalize(text).strip())
    return part if ARTICLE.fullmatch(part) else None


def load_tables() -> None:
    """Load what compiling a query reads (the vocabulary, the aliases, the tables behind them and the
    homophones), once per process: the index opening pays for them (in the browser's worker), not the
    first search (~100 ms)."""
    vocabulary.load_vocabulary()
    load_aliases()
    external.load_tables()
    load_homophones()


def compile_query(parsed: ParsedQuery, scope: FilterScope | None = None) -> CompiledQuery:
    notices: list[Message] = [parsed.notice] if parsed.notice else []
    if scope is not None and (tree := law_names_apart(parsed.tree, scope.titles)) is not parsed.tree:
        parsed = ParsedQuery(parsed.text, tree, parsed.filters, parsed.notice)
    units: list[CompiledUnit] = []
    q = _compile_tree(
        parsed.tree,
        units,
        False,
        scope.titles if scope is not None else None,
        scope.library if scope is not None else None,
    )
    for cu in units:
        if cu.respelled:
            notices.append(
                Message(
                    N_("few or no clauses say '{typed}': also searched {spellings}"),
                    {"typed": cu.unit.text, "spellings": "、".join(cu.respelled)},
                )
            )
    filt = compile_filters(parsed.filters, notices, scope)
    in_titles, laws = title_units(units, scope.titles, scope.library) if scope is not None else ({}, set())
    titles = scope.titles if scope is not None else {}
    editions = scope.editions() if scope is not None else {}
    articles = [part for cu in units if not cu.negated and (part := asked_article(cu.unit.text))]
    return CompiledQuery(parsed, q, filt, units, notices, in_titles, titles, editions, laws, articles)
