"""The document list's facets, the diff screen, topic compare and the export dialog (issue 16)."""

from __future__ import annotations

from documents.parsing.parser import parse_text
from tui.app import CeyueApp


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query("Input"):
        field.cursor_blink = False
    await pilot.pause()


async def test_document_list_filters_and_sorts_by_facets(corpus):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert [d.short for d in screen.shown] == ["000", "001", "002", "003", "004"]
        await pilot.press("f")
        await pilot.press(*"kind:规划")
        await pilot.press("enter")
        assert [d.short for d in screen.shown] == ["000", "003", "004"]
        assert "kind:规划" in str(screen.query_one("#documents-heading").render())
        await pilot.press("s", "s")  # number → title → date
        assert screen.sort_by == "date" and [d.short for d in screen.shown] == ["004", "003", "000"]
        await pilot.press("r")
        assert [d.short for d in screen.shown] == ["003", "004", "000"]  # undated stays last
        await pilot.press("enter")
        await settled(pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and app.screen.document.short == "003"


async def test_bad_filter_is_reported_and_the_list_stays(corpus):
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("f", *"level:国", "enter")
        assert len(app.screen.shown) == 5
        assert any("unknown level" in n.message for n in app._notifications)


def _edited_corpus(corpus):
    from documents.corpus import Corpus

    old = corpus.get("001")
    text = old.path.read_text(encoding="utf-8").replace(
        "力争全省园区技工贸总收入达5.3万亿", "力争全省园区技工贸总收入达6万亿"
    )
    new = parse_text(text, "005_edited", old.path)
    return Corpus(documents=[*corpus.documents, new])


async def test_diff_screen_walks_change_to_change(corpus):
    app = CeyueApp(_edited_corpus(corpus), start_index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("j", "d", "G", "d")  # 001 is old, the edited copy new
        await settled(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DiffScreen"
        assert screen.diff.summary_line() == "0 added, 0 removed, 1 changed, 0 moved"
        await pilot.press("n")
        assert screen.cursor == 0 and "change 1/1" in str(screen.query_one("#diff-summary").render())
        await pilot.press("a")
        assert len(screen._views) == len(screen.diff.rows)
        await pilot.press("n")
        row = screen._views[screen.cursor].row
        assert row.kind == "changed" and row.new.address == "005/二"
        await pilot.press("enter")
        await settled(pilot)
        assert type(app.screen).__name__ == "ReaderScreen"


async def test_compare_screen_topic_mode_and_export(corpus, tmp_path):
    import openpyxl

    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f5")
        await settled(pilot)
        await pilot.press("ctrl+t", "ctrl+t")  # zones → agencies → topic
        screen = app.screen
        assert screen.by == "topic"
        await pilot.press(*"人才", "enter")
        await settled(pilot)
        assert screen.matrix.topic == "人才"
        assert screen.columns == ["000", "002", "003", "004"]  # 001 says nothing on 人才
        row = next(r for r in screen.rows if r.cells["000"] and r.cells["003"])
        assert [i.address for i in row.cells["000"] + row.cells["003"]] == ["000/四/（五）/3", "003/四/（七）/6"]
        screen.query_one("#compare-scroll").focus()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ExportDialog"
        await pilot.click("#export-format RadioButton:last-child")
        field = dialog.query_one("#export-path")
        assert field.value.endswith(".xlsx")
        field.value = str(tmp_path / "talent.xlsx")
        field.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settled(pilot)
        sheet = openpyxl.load_workbook(tmp_path / "talent.xlsx").worksheets[1]
        assert row.subtopic in [c.value for c in sheet["A"]]
