"""Words of a typed run standing a few characters apart in one sentence (index/proximity.py)."""

from __future__ import annotations

import pytest

from index.proximity import NEAR_GAP, near_count, near_words
from index.segmenter import normalize
from tests.conftest import library_index

LAW = """中华人民共和国用工测试法

第一章 总则

第一条 劳动合同期满的，可以依法解除；劳动合同另有约定的，依照约定解除。

第二条 用人单位在解除或者终止劳动合同时，应当出具解除或者终止劳动合同的证明，并在十五日内为劳动者办理档案和社会保险关系转移手续。

第三条 劳动者依法享有休息休假的权利。
"""


def _near(text: str, words: list[str], together: tuple[str, ...] = ()) -> int:
    pattern = near_words(words)
    assert pattern is not None
    return near_count(normalize(text), pattern, len(words), together)


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


def test_a_lone_character_is_never_near():
    assert near_words(["电", "诈"]) is None
    assert near_words(["申请"]) is None
    assert NEAR_GAP >= 5  # 赔偿因此造成的损失


def test_a_clause_with_the_typed_words_a_few_characters_apart_leads(tmp_path):
    # 第一条 says 劳动合同 and 解除 more often, apart; 第二条 says 解除或者终止劳动合同.
    with library_index(tmp_path / "docs", {"测试法.txt": LAW}, tmp_path / "index") as ix:
        assert ix.search("解除劳动合同").hits[0].address.split("/")[2] == "第二条"
