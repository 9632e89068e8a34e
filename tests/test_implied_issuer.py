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
        ("穗埔府规〔2025〕12号", "广州开发区 广州市黄埔区促进文旅产业发展的若干措施", "广州市黄埔区人民政府"),
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
    assert government_by_number("穗府规〔2025〕1号", "广州开发区促进若干措施") is None
