"""Zone names (known and generic) and the segments that assign zones something."""

from __future__ import annotations

from documents.extract.zones import ZoneTable, assignments, segment_subjects


def test_generic_and_known_names():
    table = ZoneTable.load()
    names = [m.name for m in table.find_in("支持湖州开发区、长兴开发区与湘西土家族苗族自治州合作，衡阳市参与")]
    assert names == ["湖州开发区", "长兴开发区", "湘西自治州", "衡阳市"]
    assert table.canonical("国家级经济技术开发区") == "国家级开发区"
    assert table.canonical("湖南衡阳松木工业园区") == "衡阳松木工业园区"


def test_names_inside_titles_are_not_zones():
    table = ZoneTable.load()
    assert table.find_in("《湖州开发区管理办法》") == []


def test_subjects_coordinated_and_qualified():
    table = ZoneTable.load()
    subs = segment_subjects("国家级开发区和边境合作区要把握国际产业转移新趋势", table)
    assert [(s.zone, s.directive) for s in subs] == [("国家级开发区", True), ("边境合作区", True)]
    # a category qualified by regions is a group of zones of its own
    subs = segment_subjects("东部沿海地区的国家级开发区要率先转变经济发展方式", table)
    assert [(s.zone, s.text, s.directive) for s in subs] == [
        ("东部沿海地区国家级开发区", "东部沿海地区的国家级开发区", True)
    ]
    assert table.same("东部沿海地区的国家级开发区", "东部沿海地区国家级开发区")
    assert segment_subjects("支持湖州开发区建设科技城", table) == []


def test_002_assigns_each_of_its_five_zones(seeds):
    found = assignments(seeds["002"])
    for zone in ("湖州开发区", "长兴开发区", "吴兴开发区", "南浔开发区", "安吉开发区"):
        sections = {a.section for a in found if a.zone == zone}
        assert {"002/三/（一）/1", "002/三/（二）/1", "002/三/（三）/2"} <= sections, zone


def test_004_section_titles_assign_their_zone(seeds):
    found = {(a.address, a.zone, a.via) for a in assignments(seeds["004"], shared=True)}
    assert ("004/三/（一）/1", "国家级开发区", "shared-title") in found
    assert ("004/三/（一）/2", "边境合作区", "shared-title") in found
    assert ("004/四/（二）/1#2", "边境合作区", "shared-segment") in found
    # categories speak to every zone of their kind: not one zone's own assignments
    assert not {a.zone for a in assignments(seeds["004"])} & {"国家级开发区", "边境合作区"}


def test_003_cities_are_subjects_of_their_重点承接_segments(seeds):
    found = {a.zone: a.segment for a in assignments(seeds["003"]) if a.address == "003/三/（二）/1"}
    assert set(found) == {"衡阳市", "郴州市", "永州市", "邵阳市", "怀化市", "湘西自治州"}
    assert all("重点承接" in segment for segment in found.values())


def test_user_zones_file_extends_the_table(isolated_user_dirs):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "zones.toml").write_text(
        '[[zone]]\nname = "马栏山视频文创产业园"\naliases = ["马栏山"]\n', encoding="utf-8"
    )
    table = ZoneTable.load()
    assert [m.name for m in table.find_in("马栏山要加快发展")] == ["马栏山视频文创产业园"]


HEADING_ONLY = """湖州市开发区发展意见

一、主要任务
（一）长兴开发区要加快建设太湖资本广场（市发展改革委负责）。
（二）吴兴开发区要加快建设美妆产业园（市商务局负责）。
二、边境合作区发展目标
（一）到2015年，进出口总额年均增长20%以上。
"""


def test_heading_only_items_are_read_like_tasks_read_them():
    from documents.extract.tasks import tasks_of
    from documents.parsing.parser import parse_text

    doc = parse_text(HEADING_ONLY, "900_heading_only")
    assert doc.find("900/一/（一）").title.startswith("长兴开发区要")  # printed as a heading alone
    found = {(a.address, a.zone, a.via) for a in assignments(doc)}
    assert ("900/一/（一）", "长兴开发区", "segment") in found
    assert ("900/一/（二）", "吴兴开发区", "segment") in found
    # an item under a zone's section title is assigned through its parent's title
    shared = {(a.address, a.zone, a.via) for a in assignments(doc, shared=True)}
    assert ("900/二/（一）", "边境合作区", "shared-title") in shared
    task_addresses = {t.address for t in tasks_of(doc)}
    assert {"900/一/（一）", "900/一/（二）"} <= task_addresses


def test_empty_names_in_the_user_file_are_rejected_with_a_message(isolated_user_dirs):
    import signal

    from documents.extract.zones import ZoneTable

    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "zones.toml").write_text(
        '[places]\ncity = ["", "衡阳"]\n\n[[zone]]\nname = ""\n\n[[zone]]\nname = "长兴开发区"\naliases = [""]\n',
        encoding="utf-8",
    )
    signal.alarm(20)  # an empty place name used to make find_in spin forever
    try:
        table = ZoneTable.load()
        found = [m.name for m in table.find_in("衡阳市要加快发展，长兴开发区要建设太湖资本广场" * 20)]
    finally:
        signal.alarm(0)
    assert "衡阳市" in found and "长兴开发区" in found
    text = "\n".join(table.warnings)
    assert "zones.toml" in text and "[places] city item 1: empty name" in text
    assert "[[zone]] #1 (line 4): empty or missing name" in text
    assert "empty aliases entry" in text


def test_agency_file_problems_name_the_file_entry_and_line(isolated_user_dirs):
    from documents.extract.agencies import AgencyTable

    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "agencies.toml").write_text('[[agency]]\nname = "市水利局"\n\n[[agency]]\nname = " "\n', encoding="utf-8")
    table = AgencyTable.load()
    assert any("agencies.toml: [[agency]] #2 (line 4): empty or missing name" in w for w in table.warnings)
    assert table.canonical("市水利局") == "市水利局"


# ------------------------------------------------------- places and zone kinds nationwide

NATIONWIDE = """安徽省开发区工作意见

一、主要任务
（一）合肥经开区要加快建设智能制造基地，苏州工业园区要深化中新合作。
（二）中国（上海）自由贸易试验区临港新片区要率先开展压力测试。
（三）支持重庆两江新区、瑞丽边境经济合作区和郑州航空港综合保税区建设开放平台。
（四）各开发区要加强安全生产。
（五）衡阳、郴州、怀化要加快建设承接产业转移园区。
（六）支持邵东县建设特色产业园。
"""


def test_zone_kinds_nationwide_with_place_prefixes():
    table = ZoneTable.load()
    found = {m.text: m.name for m in table.find_in(NATIONWIDE)}
    for printed in ("合肥经开区", "苏州工业园区", "中国（上海）自由贸易试验区临港新片区", "重庆两江新区"):
        assert printed in found, printed
    assert "瑞丽边境经济合作区" in found and "郑州航空港综合保税区" in found
    assert table.same("上海自贸试验区临港新片区", "中国（上海）自由贸易试验区临港新片区")
    assert table.same("两江新区", "重庆两江新区")
    # an NBS-coded zone by its short kind, without its province
    assert table.same("唐山芦台经开区", "河北唐山芦台经济开发区")
    # a category or a province's zones in general are not one zone
    assert [m.name for m in table.find_in("湖南开发区、国家级开发区")] != ["湖南开发区"]


def test_places_resolve_short_州_and_former_names():
    table = ZoneTable.load()
    assert table.canonical("衡阳") == table.canonical("衡阳市") == "衡阳市"
    assert table.same("湘西州", "湘西自治州") and table.same("湘西土家族苗族自治州", "湘西州")
    assert table.canonical("邵东县") == "邵东市"  # renamed in 2019
    assert table.same("大湘南地区开发区", "湘南地区的开发区")
    # a short form that is an everyday word or starts an idiom is no place
    assert [m.name for m in table.find_in("加强合作，长治久安")] == []


def test_nationwide_zones_and_per_city_clauses_are_assigned():
    from documents.parsing.parser import parse_text

    doc = parse_text(NATIONWIDE, "901_nationwide")
    found = {(a.address, a.zone) for a in assignments(doc)}
    table = ZoneTable.load()
    assert ("901/一/（一）", table.canonical("合肥经开区")) in found and ("901/一/（一）", "苏州工业园区") in found
    assert ("901/一/（二）", "临港新片区") in found
    assert {("901/一/（三）", z) for z in ("重庆两江新区", "瑞丽边境经济合作区", "郑州航空港综合保税区")} <= found
    # each city of a per-city clause is assigned it
    assert {("901/一/（五）", c) for c in ("衡阳市", "郴州市", "怀化市")} <= found
    # a renamed county gets a role under its current name
    assert ("901/一/（六）", "邵东市") in found
    # 各开发区 speaks to every zone, not one
    assert all(z != "各开发区" for _, z in found)
    assert ("901/一/（四）", "各开发区") in {(a.address, a.zone) for a in assignments(doc, shared=True)}


def test_places_count_when_they_get_a_role_not_inside_names(seeds):
    found = {(a.address, a.zone) for a in assignments(seeds["001"])}
    assert {("001/三/（三）/1", "岳阳市"), ("001/三/（三）/1", "娄底市")} <= found  # 推动岳阳、娄底创建…
    segs = [a for a in assignments(seeds["003"]) if a.zone == "邵阳市"]
    assert any("支持邵阳保" in a.segment.replace("\n", "") for a in segs)
    # 郴州衡黄金属冶炼及加工集群 names 郴州 inside a cluster's name: no place assignment in that row
    row = [a for a in assignments(seeds["000"]) if a.row is not None and "郴州衡黄" in a.segment]
    assert row and "郴州市" not in {a.zone for a in row}


def test_专栏_rows_assign_their_formal_zones_not_projects(seeds):
    rows = [a for a in assignments(seeds["000"]) if a.via == "row"]
    by_row: dict[tuple[str, int | None], set[str]] = {}
    for a in rows:
        by_row.setdefault((a.address, a.row), set()).add(a.zone)
    # 长沙航空产业园 | 湖南望城经济开发区: the row is the zone's, not the project's
    project = next(zs for (addr, _), zs in by_row.items() if addr.endswith("专栏3") and "望城经济开发区" in zs)
    assert not any(z.endswith(("产业园", "基地")) for z in project)
    groups = {z for zs in by_row.values() for z in zs}
    assert {"环长株潭城市群地区开发区", "湘南地区开发区", "湘西地区开发区"} <= groups


def test_categories_qualified_by_regions_are_groups_of_zones():
    table = ZoneTable.load()
    text = "加强对中西部、东北老工业基地、革命老区、新疆和西藏两大民族地区国家级开发区与边境合作区的财政支持"
    assert [m.name for m in table.find_in(text)] == [
        "中西部、东北老工业基地、革命老区、新疆和西藏两大民族地区国家级开发区与边境合作区"
    ]
    assert [m.name for m in table.find_in("有序推进东、中西部国家级开发区干部交流")] == ["东、中西部国家级开发区"]
    # 其中 is no region: the category stays a category
    assert [m.kind for m in table.find_in("其中国家级开发区15个")] == ["class"]
