"""A law's divisions nest in their fixed order: 编 over 章 over 节 over 条, whatever is missing."""

from documents.model import labelled
from documents.parsing.labels import match_label
from documents.parsing.lossless import divergence
from documents.parsing.parser import parse_text


def _outline(text: str) -> list[str]:
    doc = parse_text(text, "t")
    return [section.address for section in doc.root.walk() if section is not doc.root]


def test_a_chapter_after_articles_printed_without_a_first_chapter_closes_the_last_article():
    text = (
        "第一条 为了维护国家安全，制定本法。\n\n"
        "第二条 本法适用于全境。\n\n"
        "第二章 职责和机构\n\n"
        "第一节 职责\n\n"
        "第三条 政府应当履行职责。\n\n"
        "第三章 罪行和处罚\n\n"
        "第四条 任何人组织分裂国家的，即属犯罪。\n"
    )
    assert _outline(text) == [
        "t/第一条",
        "t/第二条",
        "t/第二章",
        "t/第二章/第一节",
        "t/第二章/第一节/第三条",
        "t/第三章",
        "t/第三章/第四条",
    ]


def test_a_chapter_after_an_article_ending_in_a_list_closes_the_list_and_the_article():
    text = (
        "第五条 下列行为属于违法行为：\n\n"
        "（一）擅自占用道路的；\n\n"
        "（二）其他违法行为。\n\n"
        "第二章 管理\n\n"
        "第六条 主管部门负责管理。\n"
    )
    assert _outline(text) == ["t/第五条", "t/第五条/（一）", "t/第五条/（二）", "t/第二章", "t/第二章/第六条"]


def test_a_section_whose_first_section_is_not_printed_closes_the_article_not_the_chapter():
    text = (
        "第三章 新业态培育\n\n"
        "第三十条 政府应当鼓励文化旅游。\n\n"
        "第二节 乡村旅游\n\n"
        "第三十一条 政府应当发展乡村旅游。\n\n"
        "第四章 附则\n\n"
        "第三十二条 本条例自公布之日起施行。\n"
    )
    assert _outline(text) == [
        "t/第三章",
        "t/第三章/第三十条",
        "t/第三章/第二节",
        "t/第三章/第二节/第三十一条",
        "t/第四章",
        "t/第四章/第三十二条",
    ]


def test_a_part_closes_chapters_sections_and_articles():
    text = "第一章 总则\n\n第一条 为了规范管理，制定本法。\n\n第二编 分则\n\n第一章 一般规定\n\n第二条 适用本编。\n"
    assert _outline(text) == ["t/第一章", "t/第一章/第一条", "t/第二编", "t/第二编/第一章", "t/第二编/第一章/第二条"]


def test_an_article_still_nests_under_its_chapter_and_a_list_under_its_article():
    text = "第一章 总则\n\n第一条 下列事项：\n\n（一）规划；\n\n第二条 本法自公布之日起施行。\n"
    assert _outline(text) == ["t/第一章", "t/第一章/第一条", "t/第一章/第一条/（一）", "t/第一章/第二条"]


def test_a_number_cited_at_the_start_of_a_line_is_not_a_heading():
    assert (
        match_label("第七节相应改为第八节，第一百二十三条至第一百三十八条相应改为第一百二十八条至第一百四十三条。")
        is None
    )
    assert match_label("第三十一条的决定》第一次修正") is None
    assert match_label("第十条第一款规定的情形，不适用本法。") is None
    assert match_label("第三条、第五条的规定适用于外国人。") is None


def test_misprinted_and_spaced_numbers_still_label_the_heading():
    misprint = match_label("笫五十四条 清算组成员应当忠于职守。")
    assert misprint is not None and misprint.style == "article" and misprint.label == "第五十四条"
    scanned = match_label("第三十－条 在城乡规划区内新建建筑物，应当统一规划。")
    assert scanned is not None and scanned.label == "第三十一条"
    spaced = match_label("第一百二十八 条侦查人员对于与犯罪有关的场所应当进行勘验。")
    assert spaced is not None and spaced.label == "第一百二十八条" and spaced.raw == "第一百二十八 条"
    typeset = match_label("第 一 章 总 则")
    assert typeset is not None and typeset.style == "chapter" and typeset.label == "第一章"


def test_a_heading_path_sets_a_word_label_off_from_its_title_as_printed():
    law = parse_text("第一章 总则\n\n第一条 为了规范见习基地管理，制定本办法。\n", "t")
    article = next(s for s in law.root.walk() if s.address == "t/第一章/第一条")
    assert law.heading_path(article) == ["第一章 总则", "第一条 为了规范见习基地管理"]
    plan = parse_text("一、基本原则\n\n（一）坚持公开。公开认定。\n\n附件1 申请表\n\n单位名称、地址。\n", "p")
    paths = [" › ".join(plan.heading_path(s)) for s in plan.root.walk() if s.level]
    assert "一、基本原则 › （一）坚持公开" in paths
    assert labelled("附件1", "申请表") == "附件1 申请表"
    assert labelled("1.", "申请表") == "1.申请表"


def test_a_paragraph_after_an_articles_last_item_is_the_articles_next_paragraph():
    text = (
        "第二十条 任何人实施以下行为之一的，即属犯罪：\n\n"
        "（一）将任何部分分离出去；\n\n"
        "（二）将任何部分转归外国统治。\n\n"
        "犯前款罪，对首要分子，处无期徒刑。\n\n"
        "第二十一条 任何人煽动实施本法第二十条规定的犯罪的，即属犯罪。\n"
    )
    doc = parse_text(text, "t")
    article = doc.find("t/第二十条")
    assert [section.address for section in article.children] == ["t/第二十条/（一）", "t/第二十条/（二）"]
    second = doc.find("t/第二十条#2")
    assert second is not None and second.text.startswith("犯前款罪")


def test_a_paragraph_inside_an_articles_list_stays_with_its_item():
    text = (
        "第九十条 本法下列用语的含义：\n\n"
        "（一）品种是指经过人工选育的植物群体。\n\n"
        "（二）新颖性是指品种在申请日前未经销售。\n\n"
        "下列情形视为已丧失新颖性：\n\n"
        "1．品种已审定两年以上的；\n\n"
        "2．品种已推广的。\n\n"
        "（三）特异性是指品种明显区别于已知品种。\n"
    )
    assert _outline(text) == [
        "t/第九十条",
        "t/第九十条/（一）",
        "t/第九十条/（二）",
        "t/第九十条/（二）/1",
        "t/第九十条/（二）/2",
        "t/第九十条/（三）",
    ]
    lead = [c.address for c in parse_text(text, "t").clauses() if c.text.startswith("下列情形")]
    assert lead == ["t/第九十条/（二）"]


def test_a_paragraph_after_an_item_of_a_policy_heading_stays_with_the_item():
    text = (
        "一、重点任务\n\n"
        "（一）加强组织领导。\n\n"
        "各地要建立工作机制，明确责任分工。\n\n"
        "（二）强化督查考核。\n\n"
        "将落实情况纳入考核。\n"
    )
    doc = parse_text(text, "t")
    assert [c.address for c in doc.clauses() if c.text.startswith("各地要")] == ["t/一/（一）"]
    assert [c.address for c in doc.clauses() if c.text.startswith("将落实")] == ["t/一/（二）"]


def test_a_paragraph_that_opens_an_articles_second_list_is_the_articles_and_read_in_place():
    text = (
        "第七十一条 被取保候审的犯罪嫌疑人应当遵守以下规定：\n\n"
        "（一）未经批准不得离开所居住的市、县；\n\n"
        "（二）不得毁灭、伪造证据或者串供。\n\n"
        "人民法院可以根据案件情况，责令其遵守以下一项或者多项规定：\n\n"
        "（一）不得进入特定的场所；\n\n"
        "（二）不得与特定的人员会见或者通信。\n\n"
        "违反前两款规定的，没收保证金。\n\n"
        "第七十二条 取保候审的决定机关应当确定保证金的数额。\n"
    )
    doc = parse_text(text, "t")
    assert doc.find("t/第七十一条#2").text.startswith("人民法院")
    assert doc.find("t/第七十一条#3").text.startswith("违反前两款")
    # (an item printed as one short sentence is its heading: its text stands where its heading does)
    order = [block.text[:4] if block else section.heading_text[:4] for section, block in doc.printed()]
    assert order[order.index("人民法院") :] == [
        "人民法院",
        "不得进入",
        "不得进入",
        "不得与特",
        "违反前两",
        "取保候审",
        "取保候审",
    ]
    assert order.index("不得毁灭") < order.index("人民法院")
    assert divergence(doc, text) is None
