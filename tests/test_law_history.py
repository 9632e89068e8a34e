"""A statute's history lines give its issuer (the adopting body) and its date (the last text-making event)."""

from __future__ import annotations

import pytest

from documents.facets import year_of
from documents.parsing.parser import parse_text

LAW = "# {title}\n\n{history}\n\n## 第一章 总则\n\n第一条 为了规范行政许可的设定和实施，制定本法。\n\n第二条 本法自公布之日起施行。\n"


@pytest.mark.parametrize(
    ("history", "issuer", "date_iso", "facts"),
    [
        (
            "2003年8月27日 第十届全国人民代表大会常务委员会第四次会议通过\n\n"
            "2019年4月23日 第十三届全国人民代表大会常务委员会第十次会议《关于修改<中华人民共和国建筑法>等八部法律的决定》修正",
            "全国人民代表大会常务委员会",
            "2019-04-23",
            {"通过日期": "2003年8月27日", "修正日期": "2019年4月23日"},
        ),
        (
            "1979年7月1日 第五届全国人民代表大会第二次会议通过\n\n"
            "1997年3月14日 第八届全国人民代表大会第五次会议修订\n\n"
            "2020年12月26日 第十三届全国人民代表大会常务委员会第二十四次会议修正",
            "全国人民代表大会",
            "2020-12-26",
            {"通过日期": "1979年7月1日", "修订日期": "1997年3月14日", "修正日期": "2020年12月26日"},
        ),
        (
            "1979年7月1日 第五届全国人民代表大会第二次会议通过\n\n"
            "1997年3月14日 第八届全国人民代表大会第五次会议修订\n\n"
            "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议通过的《中华人民共和国刑法修正案（九）》\n\n"
            "2017年11月4日 第十二届全国人民代表大会常务委员会第三十次会议通过的《中华人民共和国刑法修正案（十）》",
            "全国人民代表大会",
            "2017-11-04",
            {"通过日期": "1979年7月1日", "修订日期": "1997年3月14日", "修正日期": "2017年11月4日"},
        ),
        (
            "2010年7月29日湖南省第十一届人民代表大会常务委员会第十七次会议通过",
            "湖南省人民代表大会常务委员会",
            "2010-07-29",
            {"通过日期": "2010年7月29日"},
        ),
        (
            "1998年2月22日 国务院批准\n\n1998年4月7日 国家工商行政管理局令第85号发布",
            "国家工商行政管理局",
            "1998-04-07",
            {"批准日期": "1998年2月22日", "公布日期": "1998年4月7日"},
        ),
        (
            "2021年8月26日 国家市场监督管理总局令第47号公布\n\n2021年10月1日 施行",
            "国家市场监督管理总局",
            "2021-08-26",
            {"公布日期": "2021年8月26日", "施行日期": "2021年10月1日"},
        ),
    ],
)
def test_history_lines_give_issuer_date_and_dated_facts(history, issuer, date_iso, facts):
    doc = parse_text(LAW.format(title="中华人民共和国行政许可法", history=history), "law")
    assert (doc.meta.issuer, doc.meta.date_iso) == (issuer, date_iso)
    assert {k: v for k, v in doc.meta.facts.items() if k.endswith("日期")} == facts
    assert year_of(doc) == int(date_iso[:4])


def test_a_law_without_history_lines_has_no_date_made_up():
    doc = parse_text(LAW.format(title="生态保护补偿条例", history=""), "law")
    assert doc.meta.date_iso is None and doc.meta.issuer is None
