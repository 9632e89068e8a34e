"""Forms seen in real documents from outside the project (gov.cn, city portals, pkulaw, Markdown).

Each test builds the smallest text that shows the form, as printed, and checks
what a reader relies on: the metadata, the outline (tier + whole heading) and
the tables.
"""

from __future__ import annotations

from documents.contract import meta_entry, outline_entries, table_entries
from documents.parsing.lossless import divergence
from documents.parsing.parser import parse_text


def parsed(text: str):
    document = parse_text(text, "900_test")
    assert divergence(document, text) is None
    return document


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(e["level"], e["label"], e["text"]) for e in outline_entries(parsed(text))]


def test_portal_labelled_lines_are_metadata_not_the_title():
    doc = parsed(
        "标  题：海关总署 国家移民局 中国民航局关于进一步促进航空口岸通关便利化若干措施的通知\n\n"
        "发文机关：海关总署 国家移民局 民航局\n\n发文字号：署岸函〔2025〕31号\n\n"
        "成文日期：2025年02月06日\n\n正文\n\n"
        "海关总署 国家移民局 中国民航局关于进一步促进航空口岸通关便利化若干措施的通知\n\n"
        "署岸函〔2025〕31号\n\n一、进一步提高航空口岸进出口货物通关效率\n\n（一）强化主要航空口岸通关服务保障。\n"
    )
    meta = meta_entry(doc)
    assert meta["title"] == "海关总署国家移民局中国民航局关于进一步促进航空口岸通关便利化若干措施的通知"
    assert meta["doc_number"] == "署岸函〔2025〕31号"
    assert meta["date_iso"] == "2025-02-06"
    # The title names the same three issuers in full: its spelling wins over the label's short form.
    assert meta["issuers"] == ["海关总署", "国家移民局", "中国民航局"]
    assert "标题" not in doc.title


def test_yaml_front_matter_and_a_title_over_two_lines():
    doc = parsed(
        "---\n文号: 粤府办〔2025〕16号\n发布日期: 2025-07-09\n---\n\n"
        "广东省人民政府办公厅关于印发广东省哲学\n\n社会科学优秀成果奖励办法的通知\n\n"
        "各地级以上市人民政府：\n\n现印发给你们，请认真贯彻执行。\n\n广东省人民政府办公厅\n\n2025年6月30日\n\n"
        "广东省哲学社会科学优秀成果奖励办法\n\n第一条 为了奖励优秀成果，制定本办法。\n"
    )
    meta = meta_entry(doc)
    assert meta["title"] == "广东省人民政府办公厅关于印发广东省哲学社会科学优秀成果奖励办法的通知"
    assert meta["doc_number"] == "粤府办〔2025〕16号"
    assert meta["issuers"] == ["广东省人民政府办公厅"]
    # 成文日期 (the signature's date) before the publication date.
    assert meta["date_iso"] == "2025-06-30"
    assert meta["published_iso"] == "2025-07-09"


def test_pkulaw_export_with_a_repeated_title_and_a_government_order():
    doc = parsed(
        "    【法宝引证码】 CLI.11.1598088\n原文链接：https://www.pkulaw.com/lar/x.html\n"
        "中山市政务数据管理办法\n中山市人民政府令\n（第16号）\n"
        "　　《中山市政务数据管理办法》已经审议通过，现予公布。\n市长 危伟汉\n二○二○年五月十五日\n"
        "　　中山市政务数据管理办法\n第一章　总　则\n　　第一条　为了加强和规范政务数据管理，制定本办法。\n"
    )
    meta = meta_entry(doc)
    assert meta["title"] == "中山市政务数据管理办法"
    assert meta["doc_number"] == "中山市人民政府令第16号"
    assert meta["issuers"] == ["中山市人民政府"]
    assert meta["date_iso"] == "2020-05-15"
    assert meta["facts"]["法宝引证码"] == "CLI.11.1598088"


def test_tier_counts_the_numbering_style_not_the_depth():
    text = "一、总体要求\n\n（一）指导思想\n\n1.坚持创新。内容。\n\n二、主要任务\n\n1.直接在一下面的条目。内容。\n"
    entries = [(e["level"], e["depth"], e["label"]) for e in outline_entries(parsed(text))]
    assert (3, 3, "1") in entries
    # 1. directly under 二、 is still the third tier, at depth 2.
    assert entries[-1] == (3, 2, "1")


def test_chapters_above_articles_with_captions_and_an_article_on_the_chapter_line():
    text = (
        "第一章　总则　　第一条 　为规范政务数据资源管理，制定本办法。\n"
        "第二条【适用范围】本办法适用于本州。\n"
        "第三条（目的和依据）为了保障安全，依据有关法律。\n"
    )
    assert outline(text) == [
        (1, "第一章", "总则"),
        (2, "第一条", "为规范政务数据资源管理，制定本办法"),
        (2, "第二条", "适用范围"),
        (2, "第三条", "目的和依据"),
    ]


def test_an_article_inserted_by_an_amendment_has_its_own_label():
    text = (
        "第一章　总则\n"
        "第二百九十一条 聚众扰乱车站、码头的，处五年以下有期徒刑。\n"
        "第二百九十一条之一 投放虚假的爆炸性物质的，处五年以下有期徒刑。\n"
        "第二百九十一条之二 从建筑物或者其他高空抛掷物品，情节严重的，处一年以下有期徒刑。\n"
    )
    labels = [label for _, label, _ in outline(text)]
    assert labels == ["第一章", "第二百九十一条", "第二百九十一条之一", "第二百九十一条之二"]
    document = parsed(text)
    assert document.find("900/第一章/第二百九十一条之二") is not None


def test_whole_heading_text_never_clipped_nor_cut_at_a_comma():
    long_heading = "坚持高端引领，提升四大历史文化风貌区品牌影响力"
    text = f"一、主要任务\n\n（一）{long_heading}\n\n高起点推动外滩历史文化风貌区建设，集聚金融和商务高端资源要素，打响外滩金融集聚带品牌。\n"
    assert (2, "（一）", long_heading) in outline(text)
    run_in = "一、主要任务\n\n（一）坚持深化改革，简政放权。各地要加快推进改革，减少审批事项。\n"
    assert (2, "（一）", "坚持深化改革，简政放权") in outline(run_in)


def test_headings_of_an_appended_document_count_with_their_own_tiers():
    text = (
        "第一章 总则\n\n第一条 为加强管理，制定本办法。\n\n第二条 本办法自印发之日起施行。\n\n"
        "附件：广州市就业见习基地申请程序\n\n附件\n\n广州市就业见习基地申请程序\n\n"
        "一、经办机构\n\n（一）初核机构：广州市高校毕业生就业指导中心（以下简称市高指中心）；\n\n二、申请程序\n"
    )
    entries = outline(text)
    assert (1, "一", "经办机构") in entries
    assert (2, "（一）", "初核机构：广州市高校毕业生就业指导中心（以下简称市高指中心）") in entries
    assert (1, "二", "申请程序") in entries


def test_a_table_flattened_to_one_cell_per_paragraph():
    cells = [
        "序号",
        "类型",
        "指标",
        "目标值",
        "1",
        "保护修缮",
        "修缮面积",
        "30",
        "2",
        "修缮户数",
        "4",
        "3",
        "红色文化",
        "线路数",
        "5",
    ]
    text = "附件1：\n\n“十四五”规划指标\n\n" + "\n\n".join(cells) + "\n"
    (table,) = table_entries(parsed(text))
    assert table["label"] == "附件1"
    assert table["caption"] == "“十四五”规划指标"
    assert table["columns"] == ["序号", "类型", "指标", "目标值"]
    # Row 2 shares its 类型 with row 1 (a merged cell); a value that reads like the next number stays a value.
    assert table["rows"] == [
        ["1", "保护修缮", "修缮面积", "30"],
        ["2", "保护修缮", "修缮户数", "4"],
        ["3", "红色文化", "线路数", "5"],
    ]


def test_markdown_and_pipe_layout_tables_with_their_captions():
    markdown = "表1 重点项目一览表\n\n| 序号 | 项目 |\n|---|---|\n| 1 | 外滩 |\n| 2 | 豫园 |\n"
    (table,) = table_entries(parsed(markdown))
    assert (table["label"], table["caption"], table["rows"]) == (
        "表1",
        "重点项目一览表",
        [["1", "外滩"], ["2", "豫园"]],
    )
    grid = "招生计划表\n\n单位：人\n\n省（市）\n|\n1996年\n  \n北京\n|\n30\n  \n上海\n|\n40\n  \n"
    (table,) = table_entries(parsed(grid))
    assert table["caption"] == "招生计划表"
    assert table["columns"] == ["省（市）", "1996年"]
    assert len(table["rows"]) == 2


def test_numbering_forms_of_standards_and_old_documents():
    text = (
        "1 总则\n\n1.1 编制目的\n\n为了做好应急工作，制定本预案。\n\n1.2 适用范围\n\n本预案适用于全市。\n\n2 组织体系\n"
    )
    assert outline(text) == [(1, "1", "总则"), (2, "1.1", "编制目的"), (2, "1.2", "适用范围"), (1, "2", "组织体系")]
    circled = "一、总体要求\n\n㈠指导思想\n\n１．坚持创新。内容。\n\n2﹒坚持协调。内容。\n"
    assert outline(circled)[:2] == [(1, "一", "总体要求"), (2, "（一）", "指导思想")]
    assert [e[1] for e in outline(circled)[2:]] == ["1", "2"]


def test_a_printed_table_of_contents_is_not_the_outline():
    text = "目录\n\n一、实施背景……- 1 -\n\n二、主要任务……- 3 -\n\n一、实施背景\n\n正文内容。\n\n二、主要任务\n\n正文内容。\n"
    assert outline(text) == [(1, "一", "实施背景"), (1, "二", "主要任务")]


def test_a_file_without_line_breaks_is_cut_into_paragraphs_not_made_the_title():
    sentence = "各地要加强政务数据管理，推进共享开放。"
    doc = parsed(sentence * 2000)
    assert len(doc.meta.title) <= 120
    lengths = [len(c.text) for c in doc.clauses()]
    assert len(lengths) > 10 and max(lengths) <= 3000


def test_big5_text_is_read_as_big5_and_says_so(tmp_path):
    from documents.formats.reading import read_document_text

    text = "第一條　為了規範政務數據資源管理，推進政務資訊系統互聯互通，制定本辦法。\n第二條　本辦法適用於臺灣地區的機關。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    read, how = read_document_text(path)
    assert read.startswith("第一條") and "big5" in how
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("第一条　为了规范政务数据资源管理，制定本办法。\n".encode("gb18030"))
    assert read_document_text(gbk)[1] == "gb18030"
