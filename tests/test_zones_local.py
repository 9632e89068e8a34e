"""Names one document gives its zones: areas with a generic tail, its own zone and place, streets."""

from __future__ import annotations

from documents.extract.zones import ZoneTable, assignments, document_names
from documents.parsing.parser import parse_text

DISTRICT_PLAN = """静安区历史风貌保护“十四五”规划

一、发展回顾

过去五年，静安区稳步推进历史风貌保护。全区拥有愚园路、新华路以及南京西路等3处历史文化风貌区。愚园路历史文化风貌区完成了一批里弄修缮，愚园路风貌区的街区品质提升。静安区要坚持保护优先，是静安区提升城区品质的必然选择。

二、主要任务

（一）提升历史文化风貌区品牌影响力

推动愚园路历史文化风貌区建设，打响愚园路生活美学品牌。加快南京西路历史文化风貌区的城市更新。实施新华路历史文化风貌区精品化改造。加快推动张园片区活化利用。推动武定西路沿线地区整体转型，打造武定西路特色道路。加强高速公路沿线地区绿化。探索发行历史文化风貌区城市更新专项债券，推进重点片区和产业园区的更新。

附件：重点项目清单

序号

主要领域

重点任务或项目

1

愚园路历史文化风貌区

张园二期

2

南京西路历史文化风貌区

吴江路街坊
"""


def _parse(text: str, key: str):
    return parse_text(text, key)


def test_areas_a_plan_names_with_a_generic_tail_are_zones():
    doc = _parse(DISTRICT_PLAN, "950_district_plan")
    table = ZoneTable.load()
    found = assignments(doc, table)
    zones = {a.zone for a in found}
    assert {"愚园路历史文化风貌区", "新华路历史文化风貌区", "南京西路历史文化风貌区", "张园片区"} <= zones
    # the short form is the same zone
    assert table.same("愚园路风貌区", "愚园路历史文化风貌区")
    assert document_names(doc, table).names["愚园路风貌区"] == ("愚园路历史文化风貌区", "park")
    # an elliptical list sharing one tail gives each of its zones
    listed = {a.zone for a in found if "等3处历史文化风貌区" in a.segment}
    assert {"愚园路历史文化风貌区", "新华路历史文化风貌区", "南京西路历史文化风貌区"} <= listed
    # a table row is its area's
    rows = {(a.row, a.zone) for a in found if a.via == "row"}
    assert (0, "愚园路历史文化风貌区") in rows and (1, "南京西路历史文化风貌区") in rows
    # an area named by a street the plan names again, not by a kind of road
    assert "武定西路沿线地区" in zones and not any("公路" in z for z in zones)
    # descriptions are not zones: a verb, 重点, the category itself
    assert not any(z.startswith(("探索", "重点", "产业", "历史文化")) for z in zones), zones


def test_a_plan_assigns_its_own_place_wherever_it_names_it():
    doc = _parse(DISTRICT_PLAN, "950_district_plan")
    segments = {a.segment for a in assignments(doc) if a.zone == "静安区"}
    assert any(s.startswith("是静安区提升城区品质") or "是静安区提升城区品质" in s for s in segments)
    names = document_names(doc)
    assert names.names.get("愚园路") == ("愚园路", "region")  # the name alone is a place, not a zone


APPROVAL = """国务院关于贵州贵安新区总体方案的批复

一、原则同意《贵州贵安新区总体方案》。

二、紧扣贵安新区战略定位

要高标准建设贵安新区。努力建设美丽贵安。集中建设起步区，率先开发启动区。

三、塑造新区风貌特色

要强化分区引导，加强城市设计。
"""


def test_an_approval_s_own_zone_by_its_tail_its_name_and_its_first_areas():
    doc = _parse(APPROVAL, "951_approval")
    found = assignments(doc)
    zone = ZoneTable.load().canonical("贵安新区")
    by_text = {(a.text, a.zone) for a in found}
    assert ("贵安", zone) in by_text  # 美丽贵安
    assert ("新区", zone) in by_text  # 塑造新区风貌特色: a heading naming the zone
    assert {"起步区", "启动区"} <= {a.zone for a in found}
    headings = {(a.address, a.zone) for a in found if a.via == "heading"}
    assert ("951/二", zone) in headings and ("951/三", zone) in headings


REGULATION = """上海市历史风貌区保护条例

1991年12月5日 上海市第九届人民代表大会常务委员会第三十次会议通过

第一条 为了加强历史风貌区保护，制定本条例。

第二条 城区的历史风貌区由市规划部门划定。确需集中行使自贸试验区所在地的管理职权的，由市人民政府决定。
"""


def test_a_regulation_s_place_names_its_bodies_not_an_actor():
    doc = _parse(REGULATION, "952_regulation")
    zones = {a.zone for a in assignments(doc, shared=True)}
    assert "上海市" not in zones  # 上海市第九届人民代表大会: a body in a history line
    assert "城区" not in zones  # a county is named 城区, the word is not it
    assert not any(z.startswith("行使") for z in zones)


def test_streets_and_rivers_named_after_places_are_not_the_places():
    table = ZoneTable.load()
    assert [m.name for m in table.find_in("推动南京东路沿线地区整体转型")] == []
    assert [m.name for m in table.find_in("加快推动苏州河南岸改造，打造茂名路慢行线路")] == []
    assert [m.name for m in table.find_in("支持山东河南等地发展")] == ["山东省", "河南省"]
    assert [m.name for m in table.find_in("天津河北区要加快发展")] == [table.canonical("天津河北区")]
    # a county's short form and 市 making the word 城市 is no city; a city so named is
    assert [m.name for m in table.find_in("地级及以上城市，飞越城市上空")] == []
    assert [m.name for m in table.find_in("支持晋城市、聊城市发展")] == ["晋城市", "聊城市"]


def test_places_listed_as_the_ones_to_act_are_assigned():
    doc = _parse(
        "关于支持某新区建设的意见\n\n一、各有关部门以及河北省、山西省等各地区，要积极主动支持新区建设。\n", "953_act"
    )
    found = {a.zone for a in assignments(doc) if a.address == "953/一"}
    assert {"河北省", "山西省"} <= found
    doc = _parse("关于支持某新区建设的意见\n\n一、要借鉴河北省、山西省等地区的经验。\n", "954_act")
    assert not {a.zone for a in assignments(doc)} & {"河北省", "山西省"}
