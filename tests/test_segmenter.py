"""Segmentation, the analyzer, aliases and the query parser (no index needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.aliases import load_aliases
from index.query import Node, Unit, parse
from index.schema import JiebaTokenizer
from index.segmenter import normalize, segment, terms


@pytest.mark.parametrize(
    "word", ["三线一单", "亩均效益", "135工程", "省发展改革委", "省科技厅", "循环化改造", "长兴开发区"]
)
def test_domain_words_are_not_split(word):
    assert terms(f"推进{word}工作") == ["推进", word, "工作"]


def test_offsets_point_into_the_original_text():
    text = "（一）省发展改革委、ＡＢＣ公司牵头推进“135”工程和三线一单。"
    for seg in segment(text, subwords=True):
        assert normalize(text[seg.start : seg.end]) == seg.text


def test_positions_are_consecutive_without_punctuation():
    segs = segment("推进“135”工程，落实。")
    assert [s.text for s in segs] == ["推进", "135", "工程", "落实"]
    assert [s.pos for s in segs] == [0, 1, 2, 3]


def test_subwords_share_the_position_of_their_word():
    segs = segment("省发展改革委负责", subwords=True)
    main = next(s for s in segs if s.text == "省发展改革委")
    inner = [s for s in segs if s.text == "发展改革委"]
    assert inner and inner[0].pos == main.pos
    assert [s.pos for s in segment("省发展改革委负责")] == [0, 1]


def test_tokenizer_reports_positions_and_chars():
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in JiebaTokenizer()("开展亩均效益评价", positions=True, chars=True)
    ]
    assert tokens == [("开展", 0, 0, 2), ("亩均效益", 1, 2, 6), ("评价", 2, 6, 8)]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("园区发展改革委省亩均效益，。“”135 ＡＢａb\n（）")), max_size=40))
def test_segments_always_line_up(text):
    segs = segment(text, subwords=True)
    for seg in segs:
        assert 0 <= seg.start < seg.end <= len(text)
        assert normalize(text[seg.start : seg.end]) == seg.text
    mains = sorted({s.pos for s in segs})
    assert mains == list(range(len(mains)))


def test_alias_groups():
    aliases = load_aliases()
    assert "省发展改革委" in aliases.expand("发改委")
    assert "省发展改革委" in aliases.expand("省发改委")
    assert "环境影响评价" in aliases.expand("环评")
    assert "“135”工程" in aliases.expand("135工程")
    assert aliases.expand("产业集群") == ["产业集群"]


def test_parse_phrase_and_filters():
    parsed = parse('"亩均效益" doc:001 kind:table year:2020 agency:省科技厅 zone:长兴开发区')
    assert parsed.tree == Unit("亩均效益", phrase=True)
    assert parsed.filters == [
        ("doc", "001"),
        ("kind", "table"),
        ("year", "2020"),
        ("agency", "省科技厅"),
        ("zone", "长兴开发区"),
    ]
    assert parsed.notice is None


def test_parse_operators():
    parsed = parse("(园区 OR 开发区) -亩均 NOT 长兴")
    assert isinstance(parsed.tree, Node) and parsed.tree.op == "AND"
    assert [u.text for u in parsed.units()] == ["园区", "开发区"]
    assert [u.text for u in parsed.units(positive_only=False)] == ["园区", "开发区", "亩均", "长兴"]


def test_quote_glued_to_a_word_stays_in_the_word():
    assert parse("“135”工程").tree == Unit("“135”工程")


@pytest.mark.parametrize(
    "query, reason",
    [
        ('"亩均 (园区 AND', "unbalanced quote"),
        ("(园区", "unbalanced parenthesis"),
        ("园区)", "unbalanced parenthesis"),
        ("园区 AND", "operator"),
        ("OR 园区", "operator"),
    ],
)
def test_bad_syntax_becomes_plain_text(query, reason):
    parsed = parse(query)
    assert parsed.notice and reason in str(parsed.notice) and "plain text" in str(parsed.notice)
    assert "园区" in [u.text for u in parsed.units()]
    assert all(u.text not in ("AND", "OR") for u in parsed.units())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('园区 "“”()-:AND OR NOT doc:kind:')), max_size=30))
def test_parse_never_raises(text):
    parse(text)


def _seed_blocks() -> list[str]:
    """Every run of 汉字/letters/digits in the bundled documents, normalised as the index cuts them."""
    from documents.corpus import bundled_dir
    from index.segmenter import RE_HAN

    found: set[str] = set()
    for path in sorted(bundled_dir().iterdir()):
        if path.suffix in (".md", ".txt"):
            text = normalize(path.read_text(encoding="utf-8"))
            found.update(b for b in RE_HAN.split(text) if b and RE_HAN.fullmatch(b))
    return sorted(found)


def test_blocks_are_cut_as_jieba_cuts_them():
    from index import segmenter

    segmenter.ensure_jieba_loaded()
    dt = segmenter._jieba
    words = segmenter._FullWords(dt)
    blocks = _seed_blocks()
    assert len(blocks) > 1000
    for block in blocks:
        assert segmenter._dag_cut(block, words) == list(dt.cut(block, HMM=False)), block


def test_remembered_cuts_stay_within_their_budget_and_cut_the_same(monkeypatch):
    from index import segmenter

    segmenter.ensure_jieba_loaded()
    texts = ["、".join(_seed_blocks()[i : i + 7]) for i in range(0, 2100, 7)]
    segmenter.clear_caches()
    cold = [segmenter.analyse(t) for t in texts]
    assert segmenter._block_bytes >= 100_000
    monkeypatch.setattr(segmenter, "BLOCK_CACHE_BYTES", 20_000)
    segmenter.clear_caches()
    most = 0
    for _ in range(2):
        for t, expected in zip(texts, cold, strict=True):
            segmenter._analysed.clear()
            assert segmenter.analyse(t) == expected
            most = max(most, segmenter._block_bytes)
    assert most < 20_000 + 10_000  # one block over the budget at most, then everything is forgotten
    segmenter.clear_caches()
