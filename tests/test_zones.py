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
    subs = segment_subjects("东部沿海地区的国家级开发区要率先转变经济发展方式", table)
    assert [(s.zone, s.qualifier) for s in subs] == [("国家级开发区", "东部沿海地区")]
    assert segment_subjects("支持湖州开发区建设科技城", table) == []


def test_002_assigns_each_of_its_five_zones(seeds):
    found = assignments(seeds["002"])
    for zone in ("湖州开发区", "长兴开发区", "吴兴开发区", "南浔开发区", "安吉开发区"):
        sections = {a.section for a in found if a.zone == zone}
        assert {"002/三/（一）/1", "002/三/（二）/1", "002/三/（三）/2"} <= sections, zone


def test_004_section_titles_assign_their_zone(seeds):
    found = {(a.address, a.zone, a.via) for a in assignments(seeds["004"])}
    assert ("004/三/（一）/1", "国家级开发区", "title") in found
    assert ("004/三/（一）/2", "边境合作区", "title") in found
    assert ("004/四/（二）/1#2", "边境合作区", "segment") in found


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
    assert ("900/二/（一）", "边境合作区", "title") in found
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
