"""The shown table: what a hit shows of each record, by document number, across blocks."""

from __future__ import annotations

import pytest

from index import shown
from index.shown import Shown, ShownTable, write_shown


def record(i: int) -> Shown:
    return Shown(
        f"d{i // 100}",
        f"{i // 100:03d}",
        "某某条例",
        f"00{i}/一",
        "clause",
        f"第{i}条 内容",
        b"\x05",
        ("第一章",),
        None,
    )


def test_records_come_back_by_docnum_across_blocks_with_deleted_slots(tmp_path):
    count = shown.BLOCK * 2 + 5
    rows = [None if i % 7 == 3 else (1000 + i, record(i)) for i in range(count)]
    write_shown(tmp_path, rows)
    table = ShownTable(tmp_path)
    try:
        assert len(table) == count
        for i in [0, count - 1, shown.BLOCK, 3, *range(count)]:  # out of order too: blocks are reread
            assert table.get(i) == (None if rows[i] is None else rows[i][1])
        assert table.rows_by_serial() == {1000 + i: i for i in range(count) if rows[i] is not None}
    finally:
        table.close()


def test_an_empty_table_opens(tmp_path):
    write_shown(tmp_path, [])
    table = ShownTable(tmp_path)
    assert len(table) == 0
    table.close()


def test_a_truncated_table_is_refused(tmp_path):
    write_shown(tmp_path, [(i, record(i)) for i in range(10)])
    data = tmp_path / shown.DATA
    data.write_bytes(data.read_bytes()[:-3])
    with pytest.raises(ValueError):
        ShownTable(tmp_path)
