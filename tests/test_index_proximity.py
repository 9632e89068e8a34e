"""Words of a typed run standing a few characters apart in one sentence (index/proximity.py)."""

from __future__ import annotations

import pytest

from index.compiler import compile_unit
from index.proximity import NEAR_GAP, compound_parts, near_count, near_pattern
from index.query import Unit
from index.segmenter import normalize
from index.tiers import PARAPHRASE, RELATED, TYPED, unit_level
from tests.conftest import library_index

LAW = """中华人民共和国用工测试法

第一章 总则

第一条 劳动合同期满的，可以依法解除；劳动合同另有约定的，依照约定解除。

第二条 用人单位在解除或者终止劳动合同时，应当出具解除或者终止劳动合同的证明，并在十五日内为劳动者办理档案和社会保险关系转移手续。

第三条 劳动者依法享有休息休假的权利。
"""


def _near(text: str, words: list[str], together: tuple[str, ...] = ()) -> int:
    pattern = near_pattern(tuple(words))
    assert pattern is not None
    return near_count(normalize(text), pattern, together)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("当事人有权用口头或者书面方式申请他们回避：", ["申请", "回避"], 1),
        ("当事人有权申请审判人员回避。", ["申请", "回避"], 1),
        ("因此造成损失的，应当依法赔偿。", ["赔偿", "损失"], 1),  # any order, across a comma
        ("劳动合同的，应当通知。", ["解除", "劳动合同"], 0),
        ("应当申请。对于回避的决定", ["申请", "回避"], 0),  # another sentence
        ("申请人提交的材料齐全的，应当予以回避", ["申请", "回避"], 0),  # too far apart
    ],
)
def test_words_near_each_other_in_a_sentence_are_counted(text, words, expected):
    assert _near(text, words) == expected


def test_a_text_saying_the_run_as_typed_is_not_counted_again():
    # 申请回避 already has the phrase bonus there
    assert _near("对驳回申请回避的决定，可以申请复议，回避", ["申请", "回避"], ("申请回避",)) == 0
    assert _near("对驳回申请的决定，可以申请复议，回避", ["申请", "回避"], ("申请回避",)) == 1


def test_only_two_words_of_two_characters_or_more_are_read_near_each_other():
    assert near_pattern(("电", "诈")) is None
    assert near_pattern(("申请",)) is None
    assert near_pattern(("就业", "见习", "补贴")) is None
    assert NEAR_GAP >= 5  # 赔偿因此造成的损失


def test_a_clause_with_the_typed_words_a_few_characters_apart_leads(tmp_path):
    # 第一条 says 劳动合同 and 解除 more often, apart; 第二条 says 解除或者终止劳动合同.
    with library_index(tmp_path / "docs", {"测试法.txt": LAW}, tmp_path / "index") as ix:
        assert ix.search("解除劳动合同").hits[0].address.split("/")[2] == "第二条"


RECUSAL = """中华人民共和国回避测试法

第一条 审判人员有下列情形之一的，应当自行回避，当事人有权用口头或者书面方式申请他们回避。

第二条 当事人可以申请复议。审判人员应当依法回避。

第三条 本法自公布之日起施行。
"""


def test_a_word_held_whole_is_read_as_its_two_parts():
    assert compound_parts("申请回避") == ("申请", "回避")
    assert compound_parts("赔偿损失") == ("赔偿", "损失")
    assert compound_parts("宅基地") is None  # no cut into two words of two characters


def test_a_word_s_parts_near_each_other_say_it_in_the_texts_own_words():
    forms = compile_unit(Unit("申请回避")).forms
    assert unit_level(forms, normalize("当事人有权申请回避。")) == TYPED
    assert unit_level(forms, normalize("当事人有权申请他们回避。")) == PARAPHRASE
    assert unit_level(forms, normalize("当事人可以申请复议。审判人员应当回避。")) == RELATED


def test_a_clause_with_a_typed_word_s_parts_near_each_other_is_found(tmp_path):
    # No clause prints 申请回避; 第一条 says 申请他们回避, 第二条 says both words in two sentences.
    with library_index(tmp_path / "docs", {"测试法.txt": RECUSAL}, tmp_path / "index") as ix:
        assert [h.address.split("/")[1] for h in ix.search("申请回避").hits] == ["第一条"]
