"""Quantitative targets: value, unit and target year."""

from __future__ import annotations

from documents.targets import targets_in_text, targets_of


def test_001_main_targets(seeds):
    found = [(t.address, t.year, t.value, t.unit, t.indicator) for t in targets_of(seeds["001"])]
    assert found == [
        ("001/二", 2020, 5.3, "万亿", "全省园区技工贸总收入"),
        ("001/二", 2020, 14.0, "家", "千亿园区"),
        ("001/二", 2020, 13.0, "万元/亩", "园区工业用地亩均税收"),
    ]


def test_year_comes_from_the_goals_section_when_the_sentence_has_none(seeds):
    found = {t.indicator: t for t in targets_of(seeds["002"])}
    assert found["规上工业增加值"].year == 2020 and found["规上工业增加值"].unit == "%"
    assert found["进出口总额"].value == 51 and found["进出口总额"].qualifier == "以上"


def test_004_targets_for_both_zone_classes_and_no_past_facts(seeds):
    targets = targets_of(seeds["004"])
    gdp = [(t.address, t.value) for t in targets if t.unit == "亿元" and t.year == 2015 and "末达到" in t.text]
    assert gdp == [("004/三/（三）/2", 53000.0), ("004/三/（三）/2#2", 980.0)]
    assert not any(t.year == 2010 for t in targets)


def test_baseline_year_is_not_the_target_year():
    [t] = targets_in_text("到2015年，单位工业增加值用水量比2010年降低30%")
    assert (t.year, t.value, t.unit, t.verb) == (2015, 30.0, "%", "降低")
    assert t.indicator == "单位工业增加值用水量"


def test_ranges_and_sentences_without_a_target_cue():
    [t] = targets_in_text("力争到2020年有2-3家开发区新增布局，新增3—5家省级园区")[-1:]
    assert (t.value, t.upper, t.unit) == (3.0, 5.0, "家")
    assert targets_in_text("2010年，国家级开发区实现地区生产总值26849亿元") == []
