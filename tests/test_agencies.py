"""Agency table: aliases, 2018 successions, mentions in text, user extensions."""

from __future__ import annotations

from documents.extract.agencies import AgencyTable, default_table


def test_alias_finds_canonical_name():
    table = AgencyTable.load()
    assert table.canonical("省发改委") == "省发展改革委"
    assert table.canonical("湖南省发展和改革委员会") == "省发展改革委"
    assert table.same("省发改委", "省发展改革委")


def test_2018_successors_are_followed():
    table = AgencyTable.load()
    assert table.canonical("省环保厅") == "省生态环境厅"
    assert table.canonical("省经信委") == "省工业和信息化厅"
    assert table.canonical("省国土资源厅") == "省自然资源厅"
    assert table.canonical("省环保厅", follow_succession=False) == "省环保厅"
    assert table.chain("省环境保护厅") == ["省环保厅", "省生态环境厅"]
    assert "省环保厅" in table.get("省生态环境厅").predecessors


def test_spellings_of_a_successor_include_its_predecessors():
    spellings = AgencyTable.load().spellings_of("省生态环境厅")
    assert {"省环保厅", "湖南省环境保护厅", "省生态环境厅"} <= spellings


def test_find_in_reads_longest_names_and_skips_cited_titles():
    table = AgencyTable.load()
    found = table.find_in("按照《国务院办公厅关于促进开发区改革的意见》，省发改委会同省经信委研究制定")
    assert [m.canonical for m in found] == ["省发展改革委", "省工业和信息化厅"]
    assert [m.text for m in found] == ["省发改委", "省经信委"]


def test_a_field_s_department_is_not_its_ministry():
    table = default_table()
    assert [m.canonical for m in table.find_in("县级以上人民政府建设部门和卫生部门负责")] == []
    assert [m.text for m in table.find_in("由建设部会同卫生部制定")] == ["建设部", "卫生部"]


def test_unknown_name_has_no_canonical():
    assert AgencyTable.load().canonical("省不存在厅") is None


def test_user_file_adds_aliases_and_successors(isolated_user_dirs):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "agencies.toml").write_text(
        '[[agency]]\nname = "省发展改革委"\naliases = ["发改委"]\n\n'
        '[[agency]]\nname = "省物价局"\nsuccessor = "省发展改革委"\n',
        encoding="utf-8",
    )
    table = default_table()
    assert table.canonical("发改委") == "省发展改革委"
    assert table.canonical("省物价局") == "省发展改革委"


def test_broken_user_file_is_a_warning_not_a_failure(isolated_user_dirs):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "agencies.toml").write_text("[[agency]\nname = ", encoding="utf-8")
    table = AgencyTable.load()
    assert table.warnings and "agencies.toml" in table.warnings[0]
    assert table.canonical("省发改委") == "省发展改革委"


def test_default_tables_are_shared_until_the_user_file_changes(isolated_user_dirs):
    from documents.extract import zones
    from documents.extract.agencies import default_table

    first = default_table()
    assert default_table() is first and zones.default_table() is zones.default_table()
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "agencies.toml").write_text('[[agency]]\nname = "市水利局"\naliases = ["市水务局"]\n', encoding="utf-8")
    changed = default_table()
    assert changed is not first and changed.canonical("市水务局") == "市水利局"
    assert default_table() is changed


def test_local_body_split_agrees_with_the_pattern():
    """The query path splits a typed body without the pattern: it must split as the pattern does."""
    from documents.extract.local_bodies import LEVELS, local_bodies

    bodies = local_bodies()
    names = [level + form for form in bodies.canonical for level in ("", *LEVELS)]
    names += ["省", "湖南省发改委", "发改委主任", "市市场监管局局", "自治区", ""]
    for name in names:
        match = bodies.pattern.fullmatch(name)
        expected = (match.group("level") or "", match.group("body")) if match else None
        assert bodies.split(name) == expected, name
