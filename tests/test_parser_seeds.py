"""The five seed documents parse the way a careful reader would outline them."""

from __future__ import annotations

import pytest

from documents.model import Clause, Section
from documents.parsing.lossless import divergence


def outline(doc, max_level=3):
    return [(s.level, s.label, s.display_title) for s in doc.sections() if s.level <= max_level]


def top(doc):
    return [(s.label, s.title) for s in doc.root.children]


@pytest.mark.parametrize("short", ["000", "001", "002", "003", "004"])
def test_every_seed_is_lossless(seeds, short):
    doc = seeds[short]
    assert divergence(doc, doc.path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("short", ["000", "001", "002", "003", "004"])
def test_addresses_are_unique_and_stable(seeds, short):
    from tests.conftest import parse_seed

    doc = seeds[short]
    addresses = [s.address for s in doc.sections()] + [b.address for _, b in doc.blocks()]
    sections = {s.address for s in doc.sections()}
    blocks = [b.address for _, b in doc.blocks()]
    assert len(blocks) == len(set(blocks))
    assert len(sections) == len(list(doc.sections()))
    again = parse_seed(short)
    assert addresses == [s.address for s in again.sections()] + [b.address for _, b in again.blocks()]


def test_000_outline(seeds):
    doc = seeds["000"]
    assert top(doc) == [
        ("一", "主要成就与不足"),
        ("二", "指导思想、基本原则与主要目标"),
        ("三", "重点任务"),
        ("四", "保障措施"),
    ]
    items = outline(doc)
    assert (2, "1", "招商引资成效显著，经济发展的外向度不断提高") in items
    assert (2, "（一）", "指导思想") in items
    assert (3, "5", "分类指导，协调发展") in items
    assert (2, "（七）", "推进“两型”示范工业园区建设") in items
    assert (3, "3", "强化人才支撑") in items
    three = doc.find("000/三")
    assert [c.label for c in three.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    assert len(doc.find("000/三/（二）").children) == 5
    # "全省开发区建设尽管…" continues 一/3, it does not start a section.
    assert doc.find("000/一/3#2").text.startswith("全省开发区建设尽管取得了巨大的成就")


def test_001_outline_and_tasks(seeds):
    doc = seeds["001"]
    assert top(doc) == [("一", "总体要求"), ("二", "主要目标"), ("三", "重点任务")]
    tasks = doc.find("001/三")
    assert [c.label for c in tasks.children] == [f"（{n}）" for n in "一二三四五六七"]
    assert [len(c.children) for c in tasks.children] == [2, 3, 5, 4, 3, 3, 4]
    clause = doc.find("001/三/（四）/4")
    assert isinstance(clause, Section)
    text = clause.blocks[0].text
    assert text.startswith("推进园区循环化改造")
    # The line broken after "喷涂、印染、" is rejoined.
    assert "印染、电镀等设施" in text and "省住房城乡建设厅" in text
    assert doc.find("001/一").blocks[0].text.startswith("以习近平新时代")


def test_002_outline(seeds):
    doc = seeds["002"]
    assert top(doc) == [("一", "总体要求"), ("二", "发展目标"), ("三", "主要任务"), ("四", "组织保障")]
    assert [s.title for s in doc.find("002/三").children] == [
        "促进创新发展",
        "推进产业转型升级",
        "促进开放合作发展",
        "坚持绿色集约发展",
    ]
    assert doc.find("002/三/（一）/1").title == "积极打造创新创业平台"
    assert doc.find("002/三/（三）/2").title == "推进国际产业园建设"
    assert doc.find("002/三/（二）/1").blocks[0].text.startswith("各开发区要坚持“4+3+N”")


def test_003_outline(seeds):
    doc = seeds["003"]
    assert top(doc) == [
        ("一", "发展背景"),
        ("二", "总体思路"),
        ("三", "重点产业"),
        ("四", "主要任务"),
        ("五", "重大工程"),
        ("六", "组织实施"),
    ]
    assert [c.title for c in doc.find("003/三/（一）").children][:3] == ["装备制造业", "新材料", "生物医药"]
    assert len(doc.find("003/三/（一）").children) == 10
    assert doc.find("003/五/（五）").title == "“135”工程升级版"
    # "2." alone on a line is joined with its text on the next line.
    assert doc.find("003/四/（四）/2").title == "创新招商模式"
    # The inner plan's title, glued to its preamble in the source, is split off.
    assert any(c.text == "湘南湘西承接产业转移示范区发展规划" for c in doc.root.blocks)


def test_004_outline_ignores_the_table_of_contents(seeds):
    doc = seeds["004"]
    assert top(doc) == [
        ("", "前言"),
        ("一", "发展成就"),
        ("二", "发展形势"),
        ("三", "总体要求"),
        ("四", "重点任务"),
        ("五", "政策措施"),
    ]
    assert [c.label for c in doc.find("004/四").children] == [
        f"（{n}）" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    ]
    assert doc.find("004/二/（一）/1").title == "全球市场需求结构此消彼长"
    assert doc.find("004/二/（一）/1").blocks[0].text.startswith("受国际金融危机影响")
    assert doc.find("004/三/（三）/3/（1）").level == 4
    toc = [c for c in doc.root.blocks if isinstance(c, Clause) and c.kind == "toc"]
    assert len(toc) > 30
    # Markdown hashes do not decide levels: "## （二）国内形势" is still level 2.
    assert doc.find("004/二/（二）").level == 2


def test_000_tables(seeds):
    tables = {t.label: t for t in seeds["000"].tables()}
    assert list(tables) == ["专栏1", "专栏2", "专栏3"]
    t1 = tables["专栏1"]
    assert t1.caption == "2015年全省技工贸收入上规模的开发区"
    assert t1.columns == ["技工贸总收入", "开发区个数", "开发区名称"]
    assert [r[:2] for r in t1.rows] == [["1000亿元以上", "10"], ["500亿元—1000亿元", "15"], ["100亿—500亿元", "20"]]
    assert t1.rows[0][2].startswith("长沙高新技术产业开发区、长沙经济技术开发区")
    t2 = tables["专栏2"]
    assert t2.caption == "基于“三大区域板块”划分的湖南省“十二五”开发区重点产业集群建设表"
    assert [r[0] for r in t2.rows] == ["环长株潭城市群地区开发区", "大湘南地区开发区", "大湘西地区开发区"]
    assert "*长沙高新技术产业开发区" in t2.rows[0][2].split("\n")
    assert t2.notes == ["注：★表示10个千亿元产业集群；◆表示为省重点发展的50个产业集群；*表示10个千亿园区"]
    t3 = tables["专栏3"]
    assert t3.columns == ["战略性新兴产业", "依托园区", "主要承载开发区"]
    assert len(t3.rows) == 41
    assert all(len(r) == 3 and all(r) for r in t3.rows)
    # A first-column cell spanning rows is repeated on every row it spans.
    assert t3.rows[1] == ["先进装备制造产业", "娄底薄板材料深加工产业园", "湖南娄底经济开发区"]
    assert t3.rows[-1] == ["节能环保产业", "永兴县国家循环经济示范园", "湖南永兴经济开发区"]
    assert sorted({r[0] for r in t3.rows}) == sorted(
        ["先进装备制造产业", "新材料产业", "生物产业", "新能源产业", "信息产业", "节能环保产业"]
    )
    assert tables["专栏1"].address == "000/二/（三）/2/专栏1"


def test_metadata_as_printed(seeds):
    m = seeds["001"].meta
    assert m.title == "湖南省产业园区建设领导小组关于印发《2020年湖南省产业园区工作要点》的通知"
    assert m.inner_title == "2020年湖南省产业园区工作要点"
    assert (m.doc_number, m.issuer, m.date, m.date_iso, m.signer) == (
        "湘园区〔2020〕1号",
        "湖南省产业园区建设领导小组",
        "2020年3月3日",
        "2020-03-03",
        "谢建辉",
    )
    assert m.recipients == "各市州人民政府，省直有关单位，省级及以上产业园区"
    assert m.cc == "各市州发改委（园区办）"

    m = seeds["002"].meta
    assert m.title == "湖州市人民政府办公室关于加快开发区转型升级创新发展的实施意见"
    assert (m.doc_number, m.issuer, m.date) == ("湖政办发〔2017〕69号", "湖州市人民政府办公室", "2017年8月17日")
    assert m.cc.startswith("市委各部门")

    m = seeds["003"].meta
    assert m.inner_title == "湘南湘西承接产业转移示范区发展规划"
    assert (m.doc_number, m.issuer, m.date_iso) == ("湘政发〔2020〕4号", "湖南省人民政府", "2020-02-24")
    assert m.recipients == "各市州人民政府，省政府各厅委、各直属机构"

    m = seeds["004"].meta
    assert m.title == "国家级经济技术开发区和边境经济合作区“十二五”发展规划（2011-2015年）"
    assert (m.issuer, m.date, m.date_iso) == ("中华人民共和国商务部", "二〇一二年十月", "2012-10")

    m = seeds["000"].meta
    assert m.title == "湖南省“十二五”开发区发展规划"
    assert m.doc_number is None and m.issuer is None


def test_attachments_listed_and_absent(seeds):
    att = seeds["003"].attachments
    assert [(a.label, a.title, a.present) for a in att] == [
        ("附件1", "示范区各市州重点承接产业一览表", False),
        ("附件2", "示范区各县（市、区）重点承接产业引导目录", False),
    ]
    assert [a.title for a in seeds["004"].attachments] == [
        "国家级开发区“十二五”规划指标表",
        "边境合作区“十二五”规划指标表",
    ]
    assert [a.title for a in seeds["000"].attachments] == ["湖南省“十二五”开发区发展规划"]
    assert seeds["001"].attachments == []
