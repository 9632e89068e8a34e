"""ceyue refs / tasks / compare / targets on the bundled seeds."""

from __future__ import annotations

import csv
import io
import json

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
    assert first["role"] == {"省生态环境厅": "lead"}
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
    code, out, _ = run(capsys, *args, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["topic", "address", "湖州开发区", "长兴开发区"] and len(rows) == 4
    code, out, _ = run(capsys, *args, "--markdown")
    assert out.splitlines()[0] == "| topic | address | 湖州开发区 | 长兴开发区 |"
    code, out, _ = run(capsys, *args)
    assert code == 0 and "湖州开发区" in out


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
