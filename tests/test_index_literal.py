"""The narrowed literal lookup (gram table → blocks → ``find``) must answer exactly as a full scan."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from index import chars, columns, grams, literal
from index.literal import TextTable, write_table
from index.segmenter import normalize

#: Few characters, so that needles often occur, often across what a segmenter would call words.
ALPHABET = "国务院管理法规定人民政府ＡaB 1１"


def full_scan(texts: list[str | None], needle: str) -> dict[int, int]:
    """What the table must answer: non-overlapping counts of the normalised needle per record."""
    pin = normalize(needle)
    out = {}
    for docnum, text in enumerate(texts):
        n = normalize(text or "").replace("\x00", " ").count(pin) if pin and "\x00" not in pin else 0
        if n:
            out[docnum] = n
    return out


def open_table(tmp_path: Path, texts: list[str | None]) -> TextTable:
    folder = tmp_path / "t"
    folder.mkdir(exist_ok=True)
    write_table(folder, texts)
    return TextTable(folder)


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Blocks of three records, so a few texts make many blocks and ranges that join; parts of the
    character table of five records, so a character's postings come in several pieces (compressed
    from three postings on)."""
    monkeypatch.setattr(grams, "BLOCK", 3)
    monkeypatch.setattr(grams, "_CHUNK_BLOCKS", 2)  # the gram writer merges chunks of two blocks…
    monkeypatch.setattr(grams, "_WRITE_POSTINGS", 3)  # …and writes a few postings at a time
    monkeypatch.setattr(chars, "PART", 5)
    monkeypatch.setattr(chars, "_PACKED", 3)
    monkeypatch.setattr(chars, "SHARE", 2)  # held in a part where two of its five records have it


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.one_of(st.none(), st.text(ALPHABET, max_size=30)), max_size=40),
    needles=st.lists(st.text(ALPHABET, min_size=1, max_size=5), min_size=1, max_size=8),
)
def test_narrowed_counts_equal_a_full_scan(tmp_path_factory, texts, needles):
    table = open_table(tmp_path_factory.mktemp("lit"), texts)
    try:
        for needle in needles:
            assert table.counts(needle) == full_scan(texts, needle), needle
    finally:
        table.close()


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.one_of(st.none(), st.text(ALPHABET, max_size=30)), max_size=40),
    needles=st.lists(st.text(ALPHABET, min_size=1, max_size=5), min_size=1, max_size=8),
)
@example(texts=["国国国", None, "法规法规法规", "法规法"], needles=["国国", "法规法", "国"])
@example(texts=["国务院管理法规定人民政府", "法", "", "法规", "规定", "定法"], needles=["法规", "法", "规定"])
@example(texts=["国法", "a", "b", "c", "d", "国法", "国法"], needles=["国法"])  # a pair held in the second part only
def test_array_counts_equal_a_full_scan(tmp_path_factory, texts, needles):
    """The occurrences found first and counted per record after that a needle in many blocks of a large
    table takes, on small tables (occurrences at a record's end, empty records, needles that overlap
    themselves and so take the other path)."""
    table = open_table(tmp_path_factory.mktemp("lit"), texts)
    try:
        for char_table in (False, True):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(literal, "_WIDE_BYTES", 0)
                patch.setattr(literal, "_GATHER_BYTES", 0)
                patch.setattr(literal, "_CHARS_BYTES", 0 if char_table else 1 << 60)
                for needle in needles:
                    found = table.counts(needle)
                    assert found == full_scan(texts, needle), (char_table, needle)
                    assert list(found) == sorted(found)  # record order, as the other path gives
    finally:
        table.close()


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(ALPHABET + "\x00", max_size=12), max_size=30))
@example(texts=["", "", "", "国"])  # a block without a character
def test_gram_table_lists_exactly_the_blocks_holding_each_gram(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("grams") / "t.grams"
    writer = grams.GramWriter(path, len(texts))
    for text in texts:
        writer.add(text)
    writer.close()
    expected: dict[str, list[int]] = {}
    for number in range(0, len(texts), grams.BLOCK):
        joined = "\x00".join(texts[number : number + grams.BLOCK])
        for gram in sorted(set(joined) | {a + b for a, b in pairwise(joined)}):
            expected.setdefault(gram, []).append(number // grams.BLOCK)
    table = grams.GramTable(path, len(texts))
    try:
        assert len(table._keys) == len(expected)
        for gram, blocks in expected.items():
            assert list(table._postings(gram)) == blocks, gram
    finally:
        table.close()


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.text(ALPHABET, max_size=12), max_size=40),
    needles=st.lists(st.text(ALPHABET, min_size=2, max_size=6), min_size=1, max_size=6),
    counted=st.sampled_from([1, 3, 10**9]),
)
def test_a_needles_blocks_are_the_blocks_holding_all_its_pairs(tmp_path_factory, texts, needles, counted):
    """A needle's blocks hold every block holding all its pairs, ascending; intersected by counting (from
    ``_COUNTED`` blocks in its rarest pair on) they are exactly those."""
    path = tmp_path_factory.mktemp("grams") / "t.grams"
    writer = grams.GramWriter(path, len(texts))
    for text in texts:
        writer.add(text)
    writer.close()
    table = grams.GramTable(path, len(texts))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(grams, "_COUNTED", counted)
            for needle in needles:
                holding = sorted((list(table._postings(gram)) for gram in grams.needle_grams(needle)), key=len)
                every = sorted(set.intersection(*map(set, holding)))
                found = table.blocks(needle)
                assert found == sorted(set(found)) and set(every) <= set(found), needle
                if len(holding) > 1 and len(holding[0]) > grams._ENOUGH and counted <= len(holding[0]):
                    assert found == every, needle
    finally:
        table.close()


def test_character_table_counts_every_record(tmp_path):
    """A character's or a pair's postings across parts (held only in the parts where it is common),
    a record holding a character more often than 16 bits count, empty and deleted records, grams nowhere."""
    texts = ["法" * 70_000, None, "", "国法", *(["的法的"] * 12), "法", "法的"]
    folder = tmp_path / "t"
    folder.mkdir()
    write_table(folder, texts)
    table = chars.CharTable(folder / "texts.chars")
    try:
        for gram in ["法", "的", "国", "无", "的法", "法的", "国法", "无法"]:
            parts = table.parts(gram)
            assert [first for first, _, _ in parts] == list(range(0, len(texts), 5))
            expected = full_scan(texts, gram)
            for first, stop, found in parts:
                if found is None:  # a character or pair too rare here to be held
                    assert sum(1 for t in texts[first:stop] if t and gram in t) < 2
                    continue
                here = {d: n for d, n in expected.items() if first <= d < stop}
                assert dict(zip(found[0].tolist(), found[1].tolist(), strict=True)) == here, (gram, first)
        assert table.parts("国法")[0][2] is None  # in one record of the first five
        assert table.parts("国")[0][2] is None  # a character too: the scan finds it where it is rare
        assert table.parts("的法")[1][2] is not None
    finally:
        table.close()


def test_text_spanning_word_boundaries_is_found(tmp_path):
    texts = ["省发展改革委负责", "国家安全机关依法", "无关的条文", None, "展改", "ＧＤＰ增长"]
    table = open_table(tmp_path, texts)
    try:
        assert table.counts("展改革") == {0: 1}
        assert table.counts("安全机") == {1: 1}
        assert table.counts("gdp增") == {5: 1}
        assert table.counts("改") == {0: 1, 4: 1}
        assert table.counts("不存在") == {}
        assert table.counts("关的") == {2: 1}
        assert table.counts("委负责国") == {}  # never across two records
    finally:
        table.close()


def test_rare_needle_reads_only_its_blocks(tmp_path):
    texts = ["普通条文内容"] * 30 + ["罕见词语在此"] + ["普通条文内容"] * 30
    table = open_table(tmp_path, texts)
    try:
        (start, stop), *rest = table.ranges("罕见")
        assert not rest
        assert start == table.offsets[30] and stop == table.offsets[33]
        assert table.ranges("普通") == [(0, table.total_bytes)]  # every block: one joined range
        assert table.ranges("缺席") == []
    finally:
        table.close()


def test_texts_are_decoded_once_within_a_bounded_memo(tmp_path, monkeypatch):
    """A record read again (each reranking pass reads the records it ranks) is not decoded again; the
    decoded texts kept stay under ``_TEXTS_HELD`` characters, and each read answers its own record."""
    monkeypatch.setattr(literal, "_TEXTS_HELD", 10)
    texts = ["第一条　总则", None, "ＡＢＣ条文", "第三条内容较长的一条", "末"]
    table = open_table(tmp_path, texts)
    try:
        first = table.text(0)
        assert table.text(0) is first
        for _ in range(3):
            assert [table.text(d) for d in range(len(texts))] == [normalize(t or "") for t in texts]
            assert sum(map(len, table._texts.values())) <= 10 + max(len(t or "") for t in texts)
    finally:
        table.close()


@pytest.mark.parametrize(("name", "cut"), [("texts.grams", 2), ("texts.chars", 1)])
def test_damaged_gram_or_character_table_is_refused(tmp_path, name, cut):
    folder = tmp_path / "t"
    folder.mkdir()
    write_table(folder, ["一些文字"])
    path = folder / name
    path.write_bytes(path.read_bytes()[:-cut])
    with pytest.raises(ValueError):
        TextTable(folder)


def test_presence_answers_as_a_full_scan_and_stops_early(tmp_path):
    texts = ["上海洋山港等枢纽港合作", None, "外滩金融集聚带", "洋山港", "合作共赢", "洋芋", "洋山港集装箱"]
    table = open_table(tmp_path, texts)
    try:
        assert table.has_gram("洋") and table.has_gram("洋山") and not table.has_gram("羊山")
        assert not table.has_gram("港外")  # two records side by side hold no pair across them
        assert list(table.holding("洋山港")) == sorted(full_scan(texts, "洋山港"))
        assert table.records_with("洋山港", 2) == 2 and table.records_with("洋山港", 10) == 3
        assert table.records_with("羊山港", 10) == 0
        assert table.text_with("金融") == "外滩金融集聚带" and table.text_with("量子") == ""
    finally:
        table.close()


@settings(max_examples=40, deadline=None)
@given(counts=st.dictionaries(st.integers(0, 400), st.integers(1, 9), max_size=60))
def test_column_counts_answer_as_their_dictionary(counts):
    """Counts read as columns answer their size and single look-ups from the columns (the dictionary not
    made), past ``_LOOKUPS`` look-ups and for anything else as the dictionary, in record order."""
    import numpy as np

    ordered = dict(sorted(counts.items()))
    found = columns.ColumnMap(np.array(list(ordered), np.int64), np.array(list(ordered.values()), np.int64))
    assert len(found) == len(ordered)
    probes = [*range(-1, 402), "国", None]
    assert [p in found for p in probes[:100]] == [p in ordered for p in probes[:100]]
    assert found._dict is None or len(probes[:100]) > columns.LOOKUPS
    assert [p in found for p in probes] == [p in ordered for p in probes]
    assert found == ordered and list(found.items()) == list(ordered.items())
    assert sorted(found.keys() - {1, 2}) == sorted(ordered.keys() - {1, 2})


def test_a_common_needles_block_ranges_are_the_runs_a_step_per_block_finds(monkeypatch):
    """Past ``columns.SMALL`` blocks their runs are found by numpy: the same ranges as block by block."""
    import random
    from types import SimpleNamespace

    from index import literal
    from index.literal import TextTable, _block_runs

    rng = random.Random(7)
    for _ in range(20):
        step, count = rng.choice([16, 64]), rng.randint(3000, 6000)
        last = count * step - rng.randint(0, step - 1)  # the last block may be short
        blocks = sorted(rng.sample(range(count), rng.randint(2048, count)))
        table = TextTable.__new__(TextTable)
        table.grams = SimpleNamespace(block=step, blocks=lambda _needle, b=blocks: b)
        table.offsets = list(range(last + 1))
        assert table._block_ranges("x") == list(_block_runs(blocks, step, last))
        monkeypatch.setattr(literal, "SMALL", 10**9)
        assert table._block_ranges("x") == list(_block_runs(blocks, step, last))
        monkeypatch.undo()
