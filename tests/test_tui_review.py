"""Review as a reviewer relies on it: notes visible beside their marks, exports that keep every line."""

from __future__ import annotations

from textual.widgets import Input, Static

from tui.app import CeyueApp
from tui.widgets.document_view import GUTTER

SIZE = (120, 40)
CLAUSE = "001/三/（四）/4"


def make_app(corpus, **kw) -> CeyueApp:
    return CeyueApp(corpus, start_index=False, **kw)


async def open_clause(app, pilot, address: str = CLAUSE) -> None:
    app.open_location(address.split("/")[0], address)
    await pilot.pause()
    await pilot.pause()


def gutter(view, address: str) -> str:
    """The gutter cells of the first line of the clause at ``address``."""
    index = next(n for n, item in enumerate(view.items) if item.address == address)
    strip = view.render_line(view.start_of(index) - int(view.scroll_offset.y))
    margin = view.margin_for(strip)
    return strip.text[margin : margin + GUTTER]


async def test_a_note_on_a_marked_clause_shows_beside_the_mark_and_under_the_text(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"核对年份", "enter", *"再问牵头单位", "ctrl+s")
        await pilot.pause()
        reader = app.reader
        assert reader.view.marks[CLAUSE] == ("⚑", "flagged")
        assert CLAUSE in reader.view.noted
        assert gutter(reader.view, CLAUSE) == "▌ ⚑✎"
        line = reader.query_one("#reader-note", Static)
        assert line.display
        assert str(line.render()).splitlines() == ["✎ 核对年份", "再问牵头单位"]
        await pilot.press("j")  # a clause without a note: the line goes
        await pilot.pause()
        assert not line.display


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def marked_store(corpus, path):
    from documents.state.review import ReviewStore
    from documents.state.review_export import clause_text_for

    store = ReviewStore(path)
    doc1, doc3 = corpus.get("001"), corpus.get("003")
    store.set_mark(doc1.key, CLAUSE, "flagged", clause_text_for(doc1, CLAUSE))
    store.set_note(doc1.key, CLAUSE, "核对年份\n再问牵头单位", clause_text_for(doc1, CLAUSE))
    store.set_mark(doc3.key, "003/三/（二）/1", "question", clause_text_for(doc3, "003/三/（二）/1"))
    return store


async def test_review_export_asks_path_and_format_and_tells_the_whole_path(corpus, tmp_path):
    import docx

    from tui.screens.export import ExportDialog

    app = make_app(corpus, review_store=marked_store(corpus, tmp_path / "r.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert [b.name for b in dialog.query("RadioButton")] == ["md", "csv", "json", "docx", "xlsx"]
        assert dialog.query_one("#export-path", Input).value.endswith(".md")
        await pilot.click(list(dialog.query("RadioButton"))[3])  # Word
        await pilot.pause()
        field = dialog.query_one("#export-path", Input)
        assert field.value.endswith(".docx")
        target = tmp_path / "a very long folder name for the hand-in of this week" / "审阅记录.docx"
        field.value = str(target)
        field.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        document = docx.Document(str(target))
        assert len(document.tables) == 2
        note = document.tables[0].rows[1].cells[3]
        assert [p.text for p in note.paragraphs] == ["核对年份", "再问牵头单位"]
        [toast] = [n.message for n in app._notifications]
        assert toast == f"Exported to {target}"  # all of it, wrapped in the toast rather than cut


async def test_review_view_and_compare_subjects_survive_a_restart(corpus, tmp_path):
    from documents.state.review import ReviewStore

    db = tmp_path / "r.sqlite3"
    app = make_app(corpus, review_store=marked_store(corpus, db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("f")  # all -> flagged
        await pilot.pause()
        assert app.review_screen.view == "flagged"
        assert [e.address for e in app.review_screen.entries] == [CLAUSE]
        await pilot.press("f5")
        await settle(app, pilot)
        for name in ("湖州开发区", "长兴开"):
            await pilot.press(*name, "enter")
            await settle(app, pilot)
        assert app.compare_screen.subjects == ["湖州开发区", "长兴开发区"]
        await pilot.press("ctrl+q")

    again = make_app(corpus, review_store=ReviewStore(db))
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.screen is again.compare_screen  # where the user left off
        assert again.compare_screen.subjects == ["湖州开发区", "长兴开发区"]
        assert [str(w.render()) for w in again.screen.query(".compare-head")][1:3] == ["湖州开发区", "长兴开发区"]
        await pilot.press("f6")
        await pilot.pause()
        assert again.review_screen.view == "flagged"
        assert [e.address for e in again.review_screen.entries] == [CLAUSE]
