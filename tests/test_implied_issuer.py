"""Issuers a document implies without a signature or a title prefix: a work report's speaker, a government's 文号."""

from __future__ import annotations

import pytest

from documents.parsing.implied_issuer import government_by_number
from documents.parsing.parser import parse_text

REPORT = (
    "{title}\n李强\n各位代表：\n现在，我代表{body}，向大会报告政府工作，请予审议。\n"
    "一、过去一年工作回顾\n过去一年，经济回升向好。\n二、今年工作总体部署\n坚持稳中求进。\n"
)


@pytest.mark.parametrize(
    ("title", "body", "issuer"),
    [
        ("2024年政府工作报告", "国务院", "国务院"),
        ("2023年广州市政府工作报告", "市人民政府", "广州市人民政府"),
        ("2023年湖南省人民政府工作报告", "省人民政府", "湖南省人民政府"),
        ("2023年政府工作报告", "长沙市人民政府", "长沙市人民政府"),
        ("政府工作报告", "市人民政府", None),
    ],
)
def test_a_work_report_is_issued_by_the_body_its_speaker_reports_for(title, body, issuer):
    doc = parse_text(REPORT.format(title=title, body=body), "report")
    assert doc.meta.issuer == issuer


NUMBERED = "{number}\n{title}\n第一条 为了促进文化旅游产业发展，制定本措施。\n第二条 本措施自印发之日起施行。\n"


@pytest.mark.parametrize(
    ("number", "title", "issuer"),
    [
        (
            "穗埔府规〔2025〕12号",
            "广州开发区 广州市黄埔区促进文旅产业发展的若干措施",
            "广州开发区管理委员会、广州市黄埔区人民政府",
        ),
        ("穗埔府规〔2025〕12号", "广州市黄埔区促进文旅产业发展的若干措施", "广州市黄埔区人民政府"),
        ("湘政发〔2020〕4号", "湖南省促进民营经济发展若干措施", "湖南省人民政府"),
        ("湘政办发〔2020〕4号", "湖南省促进民营经济发展若干措施", None),
        ("湘民政发〔2020〕4号", "湖南省最低生活保障办法", None),
        ("湘政发〔2020〕4号", "促进民营经济发展若干措施", None),
    ],
)
def test_a_governments_own_number_and_a_title_opening_with_a_place_name_its_government(number, title, issuer):
    doc = parse_text(NUMBERED.format(number=number, title=title), "numbered")
    assert doc.meta.issuer == issuer


def test_a_short_place_form_is_not_a_place_opening_the_title():
    """广州开发区 starts with 广州 (a short form), but names a zone, not the city."""
    assert government_by_number("穗府规〔2025〕1号", "广州开发区促进若干措施") == []


NOTICE = "{title}\n\n各有关单位：\n\n现将有关事项通知如下。\n\n一、工作要求\n\n请认真落实。\n"


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知", "新疆维吾尔自治区质量技术监督局"),
        ("广州市发改委关于做好价格监测工作的通知", "广州市发展和改革委员会"),
        ("国家医保局关于做好医保信息业务编码工作的通知", "国家医疗保障局"),
        ("某某市政府关于做好防汛工作的通知", "某某市人民政府"),
        ("省人社厅 省财政厅关于做好就业补贴工作的通知", "省人力资源和社会保障厅、省财政厅"),
        ("财政部关于做好预算工作的通知", "财政部"),
    ],
)
def test_a_body_a_title_names_in_short_is_the_issuer_by_its_official_name(title, issuer):
    """Only the title names the issuer, in the short form officials write (质监局, 发改委): the issuer is
    listed as its official name spells it, so it reads and filters like a signed document's."""
    doc = parse_text(NOTICE.format(title=title), "notice")
    assert doc.meta.issuer == issuer


@pytest.mark.parametrize(
    "line",
    [
        "——2023年1月10日在广州市第十六届人民代表大会第三次会议上",
        "（2023年1月10日在广州市第十六届人民代表大会第三次会议上）",
    ],
)
def test_a_report_is_dated_by_the_day_it_was_given(line):
    text = REPORT.format(title="2023年广州市政府工作报告", body="市人民政府").replace("\n", f"\n{line}\n", 1)
    doc = parse_text(text, "report")
    assert doc.meta.date_iso == "2023-01-10"
    assert doc.meta.issuer == "广州市人民政府"
