"""Quantitative targets: value, unit and target year."""

from __future__ import annotations

from documents.extract.targets import targets_in_text, targets_of


def test_001_main_targets(seeds):
    found = [
        (t.address, t.year, t.value, t.unit, t.indicator) for t in targets_of(seeds["001"]) if t.address == "001/二"
    ]
    assert found == [
        ("001/二", 2020, 5.3, "万亿", "全省园区技工贸总收入"),
        ("001/二", 2020, 14.0, "家", "千亿园区"),
        ("001/二", 2020, 13.0, "万元/亩", "园区工业用地亩均税收"),
        ("001/二", 2020, 30.0, "个", "百亿级特色产业园区"),
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


def _rows(targets):
    return [(t.year, t.indicator, t.value, t.unit, t.qualifier) for t in targets]


def test_year_end_deadline_with_spaces_and_nouns_after_the_value(seeds):
    found = _rows(t for t in targets_of(seeds["001"]) if t.address == "001/三/（四）/4")
    assert found == [
        (2020, "国家级园区", 75.0, "%", ""),
        (2020, "省级园区", 50.0, "%", ""),
        (2020, "绿色园区", 5.0, "家", "左右"),
    ]


def test_a_work_plan_year_covers_its_targets(seeds):
    found = {t.address: t for t in targets_of(seeds["001"])}
    assert (found["001/三/（三）/3"].year, found["001/三/（三）/3"].value) == (2020, 5.0)
    assert found["001/三/（三）/3"].indicator == "省级特色产业园"
    deadline = [(t.value, t.unit, t.indicator) for t in targets_of(seeds["001"]) if t.address == "001/三/（七）/1"]
    # 完成144家园区节能评价…: after a verb, the noun that follows is what the value counts
    assert deadline == [(144.0, "家", "园区节能评价"), (12.0, "项", "评估事项")]
    assert ("百亿级特色产业园区", 30.0, "左右") in [
        (t.indicator, t.value, t.qualifier) for t in targets_of(seeds["001"])
    ]


def test_each_value_keeps_its_own_indicator(seeds):
    found = _rows(t for t in targets_of(seeds["000"]) if t.address == "000/二/（三）/2")
    assert (2015, "到位外资", 180.0, "亿美元", "以上") in found
    assert (2015, "到位外资", 30.0, "%", "") in found
    assert (2015, "上缴税收", 800.0, "亿元", "") in found
    assert (2015, "上缴税收", 20.0, "%", "") in found
    assert (2015, "高新技术产品增加值", 4400.0, "亿元", "") in found
    assert (2015, "高新技术产品增加值", 26.0, "%", "") in found
    counts = [(t[2], t[3]) for t in found if t[1].endswith("开发区")]
    assert counts == [(19.0, "个"), (15.0, "个"), (20.0, "个")]
    assert not any(t[2] in (1000.0, 500.0, 100.0) for t in found), "a band in the noun is not a target"


def test_a_base_year_and_base_value_are_never_the_target(seeds):
    found = _rows(t for t in targets_of(seeds["000"]) if t.address == "000/二/（三）/3")
    assert {t[0] for t in found} == {2015}
    assert (2015, "国家级开发区的平均土地投资强度", 250.0, "万元/亩", "以上") in found
    assert (2015, "国家级开发区的平均土地投资强度", 21.0, "%", "") in found
    assert (2015, "市州直属省级开发区的平均投资强度", 150.0, "万元/亩", "以上") in found
    assert not any(t[2] in (96.78, 58.86, 47.14) for t in found)


def test_a_noun_after_the_value_beats_the_previous_indicator(seeds):
    found = {(t.address, t.value): t.indicator for t in targets_of(seeds["003"])}
    assert found[("003/二/（四）", 60.0)] == "世界500强企业"
    assert found[("003/二/（四）#2", 80.0)] == "世界500强企业"
    assert found[("003/二/（四）#3", 150.0)] == "世界500强企业"
    assert found[("003/二/（四）#2", 1.8)] == "地区生产总值"


def test_generic_forms_in_plain_text():
    rows = _rows(targets_in_text("到2025年底前，引进20家以上的龙头企业，研发投入由2020年的3%提高到5%，年均增长10%"))
    assert rows == [
        (2025, "龙头企业", 20.0, "家", "以上"),
        (2025, "研发投入", 5.0, "%", ""),
        (2025, "研发投入", 10.0, "%", ""),
    ]
    assert _rows(targets_in_text("2030 年底前 3 个左右示范区")) == [(2030, "示范区", 3.0, "个", "左右")]
    assert [t.indicator for t in targets_in_text("到2020年，A、B、C等5项指标达到")] == [""]


def test_ranges_approximations_fractions_numerals_thresholds_and_compound_units():
    from documents.extract.targets import targets_in_text

    def one(text):
        [t] = targets_in_text(text)
        return (t.year, t.value, t.upper, t.unit, t.qualifier, t.verb)

    assert one("到2025年，培育35—45个特色园区") == (2025, 35.0, 45.0, "个", "", "培育")
    assert one("到2025年，建成区面积约250平方公里") == (2025, 250.0, None, "平方公里", "约", "")
    assert one("到2025年，压减至少三分之一以上") == (2025, 0.3333, None, "", "以上", "压减")  # a share: no unit
    assert one("到2025年，出台八条措施") == (2025, 8.0, None, "条", "", "")
    assert one("到2025年，占比突破50%") == (2025, 50.0, None, "%", "", "突破")
    assert one("到2025年，亩均税收不低于16亿元/平方公里") == (2025, 16.0, None, "亿元/平方公里", "", "不低于")
    assert targets_in_text("到2025年，建设一个平台，打造“五个一”工程") == []


def test_a_number_with_a_magnitude_and_a_measure_word_is_one_unit():
    rows = [(t.value, t.unit, t.qualifier) for t in targets_in_text("到2025年，改造老旧小区1.2万户，新增护林员30余人")]
    assert rows == [(1.2, "万户", ""), (30.0, "人", "余")]
    rows = [
        (t.value, t.unit)
        for t in targets_in_text("到2025年，粮食产量达到1.3万亿斤，建成4大类60个案例库、不少于8亿词元的语料库")
    ]
    assert rows == [(1.3, "万亿斤"), (4.0, "大类"), (60.0, "个"), (8.0, "亿词元")]


def test_verbs_of_commitment_make_a_value_a_goal_without_other_cue():
    rows = [
        (t.year, t.value, t.verb) for t in targets_in_text("林草覆盖率稳定在45%，守住800万亩耕地", default_year=2030)
    ]
    assert rows == [(2030, 45.0, "稳定在"), (2030, 800.0, "守住")]


def test_a_colon_list_of_goals_holds_its_cue_to_the_end_of_the_sentence():
    text = "今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业12万人以上；粮食产量保持稳定。全市有常住人口300万人"
    rows = [(t.year, t.value, t.unit) for t in targets_in_text(text, min_year=2023)]
    assert rows == [(2023, 6.0, "%"), (2023, 12.0, "万人")]


def test_last_year_and_names_of_groups_are_not_targets():
    assert targets_in_text("去年地区生产总值增长8.1%，新增就业11万人", cue=True, min_year=2023) == []
    assert targets_in_text("今年我市有1.2亿在校学生", cue=True, min_year=2023) == []
    assert targets_in_text("对年应纳税所得额100万元至300万元部分减半征收", default_year=2023, cue=True) == []
    assert targets_in_text("以优异成绩迎接党的二十大", default_year=2023, cue=True) == []
    assert targets_in_text("充分利用两个市场两种资源", default_year=2023, cue=True) == []


REPORT = """2023年政府工作报告

一、2022年工作回顾

全市地区生产总值增长7.2%，突破5000亿元，新建学校12所。

二、2023年工作安排

今年主要预期目标是：地区生产总值增长6.5%左右；城镇新增就业8万人以上。

全面推进乡村振兴，新建高标准农田20万亩，安排市级财政资金15亿元。
"""


def test_a_work_report_sets_this_years_goals_and_leaves_its_review_out():
    from documents.parsing.parser import parse_text

    doc = parse_text(REPORT, "950_report")
    rows = [(t.year, t.value, t.unit) for t in targets_of(doc)]
    assert rows == [(2023, 6.5, "%"), (2023, 8.0, "万人"), (2023, 20.0, "万亩"), (2023, 15.0, "亿元")]


def test_an_indicator_table_gives_one_target_per_row_and_goal_column():
    from documents.extract.targets import table_targets
    from documents.model import Table

    table = Table(
        "960/附件1",
        "附件1",
        "“十四五”主要指标",
        ["序号", "指标", "单位", "2020年基期值", "2025年目标值", "属性"],
        [
            ["1", "棚户区改造户数", "万户", "1.5", ">3", "约束性"],
            ["2", "城镇化率（%）", "", "60", "65左右", "预期性"],
            ["3", "消除危旧房", "—", "", "基本消除", "约束性"],
        ],
    )
    rows = [(t.year, t.indicator, t.value, t.unit, t.qualifier) for t in table_targets(table, "960", 2025, 2021)]
    assert rows == [(2025, "棚户区改造户数", 3.0, "万户", ">"), (2025, "城镇化率", 65.0, "%", "左右")]
    past = Table("961/附件1", "附件1", "", ["指标", "单位", "2019年", "2020年"], [["产值", "亿元", "10", "12"]])
    assert table_targets(past, "961", None, 2021) == []


def test_a_task_table_has_its_prose_cells_read_as_clauses():
    from documents.extract.targets import table_targets
    from documents.model import Table

    table = Table("962/附件2", "附件2", "重点任务", ["序号", "重点任务"], [["1", "推动老街改造升级，打造四大主题街区"]])
    assert [(t.year, t.value, t.unit) for t in table_targets(table, "962", 2025, 2021)] == [(2025, 4.0, "大")]


def test_ages_concentrations_and_what_there_already_is():
    text = (
        "到2030年，人均预期寿命达到80岁，PM2.5平均浓度控制在30微克/立方米以下，每千人口拥有3岁以下婴幼儿托位数达到4.5个"
    )
    rows = [(t.value, t.unit) for t in targets_in_text(text)]
    assert rows == [(80.0, "岁"), (30.0, "微克/立方米"), (4.5, "个")]
    assert [t.value for t in targets_in_text("目前已建成12个产业园区，到2030年，新建5个产业园区")] == [5.0]
    assert targets_in_text("过去一年，地区生产总值达到5000亿元，增长6.5%", cue=True, min_year=2023) == []


def test_a_tables_unit_may_stand_in_its_caption_and_a_total_in_brackets():
    from documents.extract.targets import table_targets
    from documents.model import Table

    table = Table(
        "963/专栏1",
        "专栏1",
        "主要指标（单位：万吨）",
        ["指标", "2020年", "2025年"],
        [["粮食产量", "300", "320以上"], ["新增产能", "", "〔15〕"]],
    )
    rows = [(t.year, t.indicator, t.value, t.unit, t.qualifier) for t in table_targets(table, "963", None, 2021)]
    assert rows == [(2025, "粮食产量", 320.0, "万吨", "以上"), (2025, "新增产能", 15.0, "万吨", "累计")]


def test_an_item_after_a_listed_value_has_its_own_indicator():
    [_, t] = targets_in_text("到2026年，建设100个专题领域、不少于20亿词元的知识库")
    assert (t.value, t.unit, t.indicator) == (20.0, "亿词元", "知识库")


def test_a_pledge_with_a_target_verb_is_a_target_with_no_year():
    [t] = targets_in_text("逐步压缩大企业业务规模，确保小微业务占比达到60%以上")
    assert (t.year, t.value, t.unit, t.qualifier) == (None, 60.0, "%", "以上")
    assert targets_in_text("小微业务占比达到60%以上") == []


PLAN = """某市国民经济和社会发展第十四个五年规划纲要

第一章 发展基础

“十三五”时期，全市地区生产总值年均增长7%，森林覆盖率达到42%。

第二章 发展目标

——民生福祉达到新水平。人均预期寿命提高到80岁，劳动年龄人口平均受教育年限提高到11.5年。
"""


def test_a_plan_named_in_full_and_the_next_five_years():
    from documents.parsing.parser import parse_text

    rows = [(t.year, t.value, t.unit) for t in targets_of(parse_text(PLAN, "964_plan"))]
    assert rows == [(2025, 80.0, "岁"), (2025, 11.5, "年")]
    text = "今后五年的主要目标是：常住人口城镇化率达到75%"
    assert [(t.year, t.value) for t in targets_in_text(text, min_year=2023)] == [(2027, 75.0)]


def test_a_plans_execution_report_is_a_review():
    from documents.parsing.parser import parse_text

    text = "某市2023年计划报告\n\n一、2023年计划执行情况\n\n力争全年地区生产总值增长6%。\n\n二、2024年计划\n\n确保地区生产总值增长5%左右。\n"
    assert [(t.year, t.value) for t in targets_of(parse_text(text, "965_plan"))] == [(2024, 5.0)]


UNDATED_REPORT = """政府工作报告

——2023年1月10日在某市第十六届人民代表大会第一次会议上

各位代表：

一、过去一年工作回顾

全市地区生产总值增长5%，达到3000亿元。

二、对今年政府工作的建议

今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。

全年新建保障性租赁住房3000套，改造老旧小区120个。
"""


def test_a_report_without_a_year_in_its_title_is_for_the_year_it_was_given():
    from documents.parsing.parser import parse_text

    rows = [(t.year, t.value, t.unit) for t in targets_of(parse_text(UNDATED_REPORT, "966_report"))]
    assert rows == [(2023, 6.0, "%"), (2023, 3000.0, "套"), (2023, 120.0, "个")]


def test_a_development_plans_indicator_table():
    from documents.extract.targets import table_targets
    from documents.model import Table

    table = Table(
        "967/专栏1",
        "专栏1",
        "主要指标",
        ["类别", "序号", "指标", "2020年", "2025年", "年均增长（%）", "属性"],
        [
            ["绿色生态", "1", "单位GDP能耗降低（%）", "—", "〔13.5〕", "—", "约束性"],
            ["民生福祉", "2", "劳动年龄人口平均受教育年限（年）", "10.8", "11.3", "—", "约束性"],
            ["民生福祉", "3", "新增城镇就业（万人）", "—", "累计50", "—", "预期性"],
        ],
    )
    rows = [(t.indicator, t.value, t.unit, t.qualifier) for t in table_targets(table, "967", 2025, 2021)]
    assert rows == [
        ("单位GDP能耗降低", 13.5, "%", "累计"),
        ("劳动年龄人口平均受教育年限", 11.3, "年", ""),
        ("新增城镇就业", 50.0, "万人", "累计"),
    ]
