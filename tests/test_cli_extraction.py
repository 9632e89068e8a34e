"""ceyue refs / tasks / compare / targets on the bundled seeds."""

from __future__ import annotations

import csv
import io
import json

import pytest

from main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tasks_of_an_agency_as_json(capsys):
    code, out, _ = run(capsys, "tasks", "--agency", "省环保厅", "--json")
    assert code == 0
    tasks = json.loads(out)
    addresses = [t["address"] for t in tasks]
    assert "000/四/（四）" in addresses and "001/三/（四）/1" in addresses
    first = next(t for t in tasks if t["address"] == "001/三/（四）/1")
    assert first["role"] == {"省生态环境厅": "participant"}  # 按职责分工负责 names no lead
    assert first["co_responsible"] == ["省发展改革委", "省自然资源厅"]
    assert first["inherited"] == ["各市州人民政府", "各园区管委会"]


def test_refs_json_with_resolution(capsys):
    code, out, _ = run(capsys, "refs", "002", "--json")
    assert code == 0
    refs = json.loads(out)
    assert refs[1]["text"] == "国办发〔2014〕54号" and refs[1]["resolved"] is False
    code, out, _ = run(capsys, "refs", "001", "--json")
    kinds = [r["kind"] for r in json.loads(out)]
    assert "inherited" in kinds


def test_compare_zones_json_csv_markdown(capsys):
    args = ["compare", "--zone", "湖州开发区", "--zone", "长兴开发区"]
    code, out, _ = run(capsys, *args, "--json")
    matrix = json.loads(out)
    assert code == 0 and matrix["columns"] == ["湖州开发区", "长兴开发区"]
    assert any("国际产业园" in row["topic"] for row in matrix["rows"])
    assert matrix["common"] == "各开发区（共同）"
    finance = next(row for row in matrix["rows"] if "推动金融创新" in row["topic"])
    assert [c["subject"] for c in finance["cells"]["湖州开发区"]] == ["各开发区"]
    code, out, _ = run(capsys, *args, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["topic", "address", "湖州开发区", "长兴开发区", "各开发区（共同）"]
    by_topic = {r[0]: r for r in rows[1:]}
    finance = next(r for topic, r in by_topic.items() if "推动金融创新" in topic)
    assert finance[2:4] == ["", ""] and finance[4].startswith("002/三/（一）/2 各开发区要")
    code, out, _ = run(capsys, *args, "--csv", "--no-common")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["topic", "address", "湖州开发区", "长兴开发区"] and len(rows) == 5
    assert any(r[2].startswith("002/三/（四）/2 总结和推广湖州开发区") for r in rows[1:])  # named as an object
    code, out, _ = run(capsys, *args, "--markdown", "--no-common")
    assert out.splitlines()[0] == "| topic | address | 湖州开发区 | 长兴开发区 |"
    code, out, _ = run(capsys, *args)
    assert code == 0 and "湖州开发区" in out and "各开发区（共同）" in out


def test_compare_agencies_by_alias(capsys):
    code, out, _ = run(capsys, "compare", "--agency", "省发改委", "--agency", "省科技厅", "--doc", "001", "--json")
    matrix = json.loads(out)
    assert code == 0 and matrix["columns"] == ["省发展改革委", "省科技厅"]


def test_targets_json(capsys):
    code, out, _ = run(capsys, "targets", "001", "--json")
    assert code == 0 and json.loads(out)[0]["value"] == 5.3


def test_errors_are_one_line_with_close_names(capsys):
    code, _, err = run(capsys, "compare", "--zone", "湖州开发")
    assert code == 2 and "湖州开发区" in err and err.count("\n") == 1
    code, _, err = run(capsys, "tasks", "--agency", "省发展局")
    assert code == 2 and "省发展改革委" in err
    code, _, err = run(capsys, "refs", "999")
    assert code == 2 and "000" in err
    code, _, err = run(capsys, "compare")
    assert code == 2


def test_unknown_zone_suggests_each_close_zone_once(capsys):
    # 衡阳 is 衡阳市 (a place by its short name); 衡阳园区 is nothing the corpus names
    code, _, err = run(capsys, "compare", "--zone", "衡阳园区", "--zone", "郴州市")
    assert code == 2 and len(err.strip().splitlines()) == 1
    suggested = err.split("did you mean ")[1].rstrip("?\n").split(", ")
    # 衡阳高新区 and its aliases are one park: named once, by its canonical name
    assert [s for s in suggested if "高新" in s] == ["湖南衡阳高新技术产业园区"]


def test_tables_at_100_columns_keep_names_and_addresses_whole(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "tasks", "001")
    assert code == 0
    for name in ("省发展改革委", "省工业和信息化厅", "省自然资源厅", "省生态环境厅", "各园区管委会"):
        assert any(line.strip("│ ").startswith(name) or f"│ {name}" in line for line in out.splitlines()), name
    assert "001/三/（一）/1" in out and "001/三/（七）/2" in out
    code, out, _ = run(capsys, "refs", "003")
    assert code == 0 and "003/四/（一）/3" in out and "unresolved 附件1" in out


def test_tasks_show_the_printed_name_next_to_its_successor(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "tasks", "001")
    assert code == 0 and "人民银行长沙中心支行 → 人民银行湖南省分行" in out
    code, out, _ = run(capsys, "tasks", "--agency", "省生态环境厅")
    assert code == 0 and "000/四/（四）" in out and "省环保厅 → 省生态环境厅" in out
    code, out, _ = run(capsys, "tasks", "--agency", "省生态环境厅", "--json")
    task = next(t for t in json.loads(out) if t["address"] == "000/四/（四）")
    assert "省生态环境厅" in task["participants"] and task["printed"]["省生态环境厅"] == "省环保厅"


def test_targets_json_pairs_values_with_their_indicators(capsys):
    code, out, _ = run(capsys, "targets", "001", "--json")
    assert code == 0
    rows = [(t["address"], t["year"], t["indicator"], t["value"]) for t in json.loads(out)]
    assert ("001/三/（四）/4", 2020, "国家级园区", 75.0) in rows
    assert ("001/三/（四）/4", 2020, "绿色园区", 5.0) in rows


def test_tasks_takes_documents_like_compare_and_compare_says_what_is_missing(capsys):
    from main import main as run_main

    assert run_main(["tasks", "--doc", "001", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {row["doc_short"] for row in rows} == {"001"}
    assert run_main(["compare"]) == 2
    assert capsys.readouterr().err.strip().startswith("ceyue: nothing to compare")
    assert run_main(["compare", "--zone", "湖州开发区", "--agency", "省科技厅"]) == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [("tasks", "--doc", "001"), ("compare", "--zone", "湖州开发区", "--zone", "长兴开发区"), ("refs", "000")]
)
def test_table_cells_never_start_a_line_with_closing_punctuation(capsys, monkeypatch, argv):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "│" in out
    starts = [cell.strip()[:1] for line in out.splitlines() for cell in line.split("│")[1:-1] if cell.strip()]
    assert starts and not [s for s in starts if s in "，。、；：）”"]


def test_compare_a_place_by_any_of_its_names(capsys):
    for flag, name in (("--place", "衡阳"), ("--zone", "衡阳市")):
        code, out, _ = run(capsys, "compare", flag, name, "--doc", "003", "--json")
        assert code == 0
        matrix = json.loads(out)
        assert matrix["columns"] == ["衡阳市"]
        cells = {c["address"]: c["text"] for row in matrix["rows"] for c in row["cells"]["衡阳市"]}
        # its own clause among the per-city clauses (衡阳市重点承接…; 郴州市重点承接…)
        assert cells["003/三/（二）/1"].startswith("衡阳市重点承接")
        # a clause giving work to several cities at once
        assert "以衡阳市、郴州市、怀化市为中心" in cells["003/四/（七）/1"]


def test_targets_table_prints_each_qualifier_where_it_is_read(capsys, monkeypatch):
    """约 before the number (约250 平方公里), 左右 after the unit (120 个左右), never 平方公里约."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "targets", "000")
    assert code == 0
    assert "约250" in out and "平方公里约" not in out
    assert "个左右" in out
