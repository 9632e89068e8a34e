"""The topic × zone / agency matrix on the seeds."""

from __future__ import annotations

import pytest

from documents.corpus import Corpus
from documents.extract.compare import UnknownSubject, compare, known_subjects

ZONES_002 = ["湖州开发区", "长兴开发区", "吴兴开发区", "南浔开发区", "安吉开发区"]
CITIES_003 = ["衡阳市", "郴州市", "永州市", "邵阳市", "怀化市", "湘西自治州"]


@pytest.fixture
def corpus(seeds):
    return Corpus(documents=list(seeds.values()))


def test_002_five_zones_across_three_topics(corpus):
    matrix = compare(corpus, zones=ZONES_002)
    assert matrix.by == "zone" and matrix.columns == ZONES_002
    for topic in ("创新创业平台", "特色发展", "国际产业园"):
        row = matrix.row(topic)
        assert row is not None and row.doc.startswith("002_")
        assert row.filled == 5, topic
        for zone in ZONES_002:
            [cell] = row.own(zone)
            assert cell.text.startswith(zone) and cell.address == row.address
    assert (
        matrix.row("特色发展").own("长兴开发区")[0].text
        == "长兴开发区要壮大新能源及汽车关键零部件、高端装备和生物医药等产业"
    )


def test_003_cities_compare_across_their_重点承接_industries(corpus):
    matrix = compare(corpus, zones=CITIES_003, docs=["003"])
    row = next(r for r in matrix.rows if r.address == "003/三/（二）/1")
    assert row.filled == 6
    assert "引导和优化产业布局" in row.topic
    assert row.cells["衡阳市"][0].text.startswith("衡阳市重点承接以钢铁有色为特色的新材料")
    assert all("重点承接" in row.cells[c][0].text for c in CITIES_003)


def test_004_national_and_border_zone_paragraphs_pair_up(corpus):
    matrix = compare(corpus, zones=["国家级经济技术开发区", "边境经济合作区"], docs=["004"])
    assert matrix.columns == ["国家级开发区", "边境合作区"]
    assert matrix.requested["国家级经济技术开发区"] == "国家级开发区"
    paired = {r.address: r for r in matrix.rows}
    for address in ("004/四/（二）/1", "004/四/（五）/1", "004/三/（三）/2"):
        row = paired[address]
        assert [c.address for c in row.cells["国家级开发区"]] == [address]
        assert [c.address for c in row.cells["边境合作区"]] == [address + "#2"]
    grouped = {r.address: r for r in compare(corpus, zones=["国家级开发区", "边境合作区"], docs=["004"], depth=2).rows}
    guide = grouped["004/三/（一）"]
    assert [c.address for c in guide.cells["国家级开发区"]] == ["004/三/（一）/1"]
    assert [c.address for c in guide.cells["边境合作区"]] == ["004/三/（一）/2"]


def test_agency_alias_and_predecessor_find_the_same_column(corpus):
    by_alias = compare(corpus, agencies=["省发改委", "省环保厅"], docs=["001"], depth=2)
    by_name = compare(corpus, agencies=["省发展改革委", "省生态环境厅"], docs=["001"], depth=2)
    assert by_alias.columns == by_name.columns == ["省发展改革委", "省生态环境厅"]
    assert [r.address for r in by_alias.rows] == [r.address for r in by_name.rows]
    row = by_alias.row("强化生态环境约束")
    assert [c.address for c in row.cells["省生态环境厅"]] == [f"001/三/（四）/{n}" for n in range(1, 5)]
    assert {c.role for c in row.cells["省生态环境厅"]} == {"participant"}  # 按职责分工负责: no lead named


def test_000_predecessor_names_land_in_the_successor_column(corpus):
    matrix = compare(corpus, agencies=["省生态环境厅"], docs=["000"])
    [row] = matrix.rows
    assert row.address == "000/四/（四）" and row.cells["省生态环境厅"][0].role == "participant"


def test_inherited_agencies_can_be_compared_or_left_out(corpus):
    matrix = compare(corpus, agencies=["各园区管委会"], docs=["001"])
    roles = [c.role for r in matrix.rows for c in r.cells["各园区管委会"]]
    assert roles[0] == "participant" and set(roles[1:]) == {"inherited"} and len(roles) == 24
    assert compare(corpus, agencies=["各园区管委会"], docs=["001"], include_inherited=False).rows[0].filled == 1


def test_unknown_subject_suggests_close_names(corpus):
    with pytest.raises(UnknownSubject) as info:
        compare(corpus, zones=["湖州开发"])
    assert "湖州开发区" in info.value.suggestions
    with pytest.raises(UnknownSubject):
        compare(corpus, agencies=["省不存在厅"])
    with pytest.raises(ValueError):
        compare(corpus)


def test_known_subjects_lead_with_assigned_names(corpus):
    zones = known_subjects(corpus, "zone")
    assert set(ZONES_002) <= set(zones) and "国家级开发区" in zones[:5]
    assert "省发展改革委" in known_subjects(corpus, "agency")[:3]


def test_clauses_for_every_zone_are_shared_by_each_compared_zone(corpus):
    matrix = compare(corpus, zones=["湖州开发区", "长兴开发区"], include_common=True)
    assert matrix.columns == ["湖州开发区", "长兴开发区"] and matrix.common == "各开发区（共同）"
    # 推动金融创新 names no single zone: 各开发区要… is there for both, marked as shared
    row = matrix.row("推动金融创新")
    assert row.own("湖州开发区") == row.own("长兴开发区") == []
    for zone in ("湖州开发区", "长兴开发区"):
        [shared] = row.cells[zone]
        assert shared.subject == "各开发区" and shared.text.startswith("各开发区要积极建设投融资服务平台")
    [once] = row.shared()
    assert once.address == "002/三/（一）/2"
    # a row with the zones' own clauses keeps them apart from the shared ones
    platform = matrix.row("创新创业平台")
    assert {c.subject for c in platform.shared()} == {"各开发区", "全市开发区"}
    assert [c.subject for c in platform.own("长兴开发区")] == [""]
    # 各开发区 of a document about other zones (000: Hunan's zones) is not theirs
    assert {r.doc[:3] for r in matrix.rows} == {"002"}


def test_shared_clauses_go_to_the_zones_of_the_kind_they_cover(corpus):
    matrix = compare(corpus, zones=["衡阳市", "郴州市"], docs=["003"], include_common=True)
    assert matrix.common == "各市州（共同）"
    row = next(r for r in matrix.rows if r.address == "003/六/（一）")
    assert [c.subject for c in row.cells["衡阳市"]] == ["各市州"]
    # the notice's addressees (各市州人民政府，…：) are not assigned anything
    assert all(r.address != "003#5" for r in matrix.rows)
    mixed = compare(corpus, zones=["湖州开发区", "衡阳市"], include_common=True)
    assert all(c.subject != "各市州" for r in mixed.rows for c in r.cells["湖州开发区"])
    assert all(c.subject != "各开发区" for r in mixed.rows for c in r.cells["衡阳市"])


def test_shared_clauses_can_be_left_out_or_compared_as_a_column(corpus):
    plain = compare(corpus, zones=["湖州开发区", "长兴开发区"])
    assert plain.common is None and plain.row("推动金融创新") is None
    assert all(not c.subject for r in plain.rows for cells in r.cells.values() for c in cells)
    named = compare(corpus, zones=["各开发区", "湖州开发区"], include_common=True)
    row = named.row("推动金融创新")
    assert [c.subject for c in row.cells["各开发区"]] == [""]
    assert all(c.subject != "各开发区" for c in row.cells["湖州开发区"])


def test_places_and_专栏_rows_are_compared_like_zones(corpus):
    matrix = compare(corpus, zones=["湘西州", "大湘南地区开发区"])
    assert matrix.columns == ["湘西自治州", "湘南地区开发区"]
    own = {c.address for row in matrix.rows for c in row.own("湘西自治州")}
    assert "003/三/（二）/1" in own  # 湘西自治州重点承接…, one of six per-city segments
    rows = [c for row in matrix.rows for c in row.own("湘南地区开发区")]
    assert any(c.address.endswith("专栏2") and c.role == "row" for c in rows)  # the 专栏2 row 大湘南地区开发区
    assert any(c.role == "label" for c in rows)  # 湘南地区的开发区。紧紧抓住…
