"""Typos by sound: a word the library lacks is searched as the same-sound spelling it holds."""

from __future__ import annotations

import pytest

from index.homophones import Homophones, Library, load_homophones, pieces, respelled, respellings
from tests.conftest import library_index

PLAN = """上海市推进港口合作的若干措施

一、加强与上海洋山港等枢纽港合作，拓展国际航线。

二、提升外滩金融集聚带能级，推动豫园商圈改造。

三、完善苏州河沿岸慢行步道。
"""


def table_library(texts: list[str]) -> Library:
    """What the respelling asks of a library holding ``texts``."""

    def has_gram(gram: str) -> bool:
        return any(gram in t for t in texts)

    def records_with(needle: str, enough: int) -> int:
        return min(enough, sum(needle in t for t in texts))

    def text_with(needle: str) -> str:
        return next((t for t in texts if needle in t), "")

    return Library(has_gram, records_with, text_with)


def test_the_table_groups_common_characters_by_toneless_sound():
    table = load_homophones()
    assert "洋" in table.of("羊") and "羊" in table.of("洋")  # yang, whatever the tone
    assert "滩" in table.of("摊") and "豫" in table.of("预") and "禺" in table.of("禹")
    assert "州" in table.of("洲")
    assert "海" not in table.of("羊") and table.of("羊").count("羊") == 0


def test_a_missing_word_is_respelled_with_what_the_library_holds():
    library = table_library(["上海洋山港等枢纽港合作", "外滩金融集聚带", "洋芋", "推进衡复风貌区修缮"])
    table = Homophones(["羊洋阳", "摊滩", "山删", "恒衡", "负复"])
    assert table.respell("羊山港", library) == [("洋山港", 1)]
    assert table.respell("外摊", library) == [("外滩", 1)]
    assert table.respell("恒负风貌区", library) == [("衡复风貌区", 1)]  # two swaps when one finds nothing
    assert table.respell("羊删港", library) == []  # not two in a short piece
    assert table.respell("金融", library) == []


def test_pieces_cover_a_word_the_segmenter_broke_up():
    assert pieces("羊山港合作", ["羊山", "港", "合作"]) == [
        (0, "羊山港合作"),
        (0, "羊山港"),
        (2, "港合作"),
        (0, "羊山"),
        (3, "合作"),
    ]
    assert pieces("固废法", ["固", "废", "法"]) == [(0, "固废法")]  # not 废法, two characters inside it
    assert pieces("苏洲河", ["苏", "洲", "河"]) == [(0, "苏洲河")]
    assert (0, "外摊") in pieces("外摊第二立面改造", ["外摊", "第二", "立面", "改造"])


def test_a_word_the_library_holds_is_never_respelled():
    library = table_library(["上海洋山港等枢纽港合作", "上海阳山港"])
    assert respellings("阳山港", ["阳山", "港"], library) == []
    found = respellings("外摊金融", ["外摊", "金融"], table_library(["外滩金融集聚带"]))
    assert [(r.typed, r.spelling) for r in found] == [("外摊金融", "外滩金融")]
    assert respelled("外摊金融", found) == ["外滩金融"]


def test_a_word_the_library_prints_stays_inside_a_missing_run():
    library = table_library(["禁止使用野生动物", "食用农产品", "不得食用"])
    assert respellings("禁止食用", ["禁止", "食用"], library) == []
    found = respellings("羊山港合作", ["羊山", "港", "合作"], table_library(["洋山港合作", "合作共赢", "合作社"]))
    assert [(r.typed, r.spelling) for r in found] == [("羊山港合作", "洋山港合作")]


def test_characters_that_merely_meet_are_no_respelling():
    library = table_library(["加强粮食按标准储备"])
    assert Homophones(["安按"]).respell("食安标准", library) == []
    assert Homophones(["安按"]).respell("粮食安标准", library) == [("粮食按标准", 1)]


@pytest.fixture(scope="module")
def plan_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("homophones")
    ix = library_index(root / "docs", {"plan.txt": PLAN}, root / "index")
    yield ix
    ix.close()


def test_a_typo_by_sound_finds_the_clause_and_says_what_was_searched(plan_index):
    results = plan_index.search("羊山港")
    assert results.hits and "洋山港" in results.hits[0].text
    assert any("洋山港" in str(n) for n in results.notices)
    results = plan_index.search("预园 商圈")
    assert results.hits and "豫园" in results.hits[0].text


def test_a_present_word_is_searched_as_typed_only(plan_index):
    results = plan_index.search("洋山港")
    assert results.hits and not results.notices
    assert "洋山港" in results.hits[0].text


def test_a_query_with_no_near_spelling_stays_empty(plan_index):
    results = plan_index.search("量子计算")
    assert not results.hits and not results.notices


def test_a_stray_typo_in_the_library_does_not_hide_the_common_spelling():
    stray = ["外摊金融集聚带"]
    common = table_library([*stray, "外滩金融", "外滩源", "外滩历史文化风貌区"])
    assert [r.spelling for r in respellings("外摊", ["外摊"], common)] == ["外滩"]
    few = table_library([*stray, "外滩金融", "外滩源"])
    assert respellings("外摊", ["外摊"], few) == []  # 2 records against 1: not enough to call it a typo
