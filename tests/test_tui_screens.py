"""The standalone screens, driven with Textual's Pilot on the bundled seed documents."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.app import App
from textual.screen import Screen

from documents.corpus import bundled_dir, load_corpus
from tui.messages import OpenLocation


def plain(renderable, width: int = 200) -> str:
    """What a Rich renderable shows, as text."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


@pytest.fixture(scope="module")
def corpus():
    # Loaded before the per-test user folders exist: no parse cache, so nothing is written.
    return load_corpus([bundled_dir()], use_cache=False)


class Host(App):
    """Pushes one screen, keeps what it posts and what it returns."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.pushed = screen
        self.opened: list[OpenLocation] = []
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.pushed, self.results.append)

    def on_open_location(self, message: OpenLocation) -> None:
        self.opened.append(message)


# ------------------------------------------------------------------ documents


async def test_document_list_shows_every_document_and_enter_opens_it(corpus):
    from textual.widgets import DataTable

    from tui.screens.documents import DocumentListScreen

    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(140, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        numbers = [str(table.get_row_at(i)[2]) for i in range(5)]
        assert "湘园区〔2020〕1号" in numbers
        assert "湖政办发〔2017〕69号" in numbers
        await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.doc, m.address) for m in app.opened] == [(corpus.documents[1].key, "")]


async def test_document_list_shows_load_errors(tmp_path):
    from tui.screens.documents import DocumentListScreen

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf")
    corpus = load_corpus([bundled_dir(), bad])
    assert corpus.errors
    app = Host(DocumentListScreen(corpus))
    async with app.run_test(size=(140, 30)):
        errors = app.screen.query_one("#documents-errors")
        assert "broken.pdf" in str(errors.render())


# ----------------------------------------------------------------------- help


async def test_help_lists_every_scope_with_remapped_keys():
    from tui.bindings import COMMANDS, SCOPES
    from tui.screens.help import HelpScreen

    app = Host(HelpScreen({"reader.next_section": "ctrl+n"}))
    async with app.run_test(size=(100, 40)) as pilot:
        titles = [str(w.render()) for w in app.screen.query(".help-scope")]
        assert "Reader" in titles and "Go to section" in titles
        shown = "\n".join(str(w.render()) for w in app.screen.query(".help-commands"))
        reader = next(line for line in shown.splitlines() if "Next section" in line and "ctrl+n" in line)
        assert "]" not in reader
        assert all(c.label in shown for c in COMMANDS)
        assert titles[0] == "Review marks" and "✓ reviewed" in str(app.screen.query_one("#help-marks").render())
        assert len(titles) - 1 == len({c.scope for c in COMMANDS}) <= len(SCOPES)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


# ---------------------------------------------------------------------- goto


async def test_goto_by_label(corpus):
    from tui.screens.goto import GotoDialog

    app = Host(GotoDialog(corpus.get("001")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("三")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["001/三"]


async def test_goto_by_label_path(corpus):
    from tui.screens.goto import GotoDialog

    app = Host(GotoDialog(corpus.get("001")))
    async with app.run_test(size=(100, 30)) as pilot:
        for key in "三/（二）":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["001/三/（二）"]


async def test_goto_by_fuzzy_heading(corpus):
    from tui.screens.goto import GotoDialog

    app = Host(GotoDialog(corpus.get("001")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"循环改造")
        await pilot.pause()
        assert [s.address for s in app.screen.matches] == ["001/三/（四）/4"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["001/三/（四）/4"]


async def test_goto_lists_every_section_of_a_long_document(corpus):
    from tui.screens.goto import GotoDialog

    doc = corpus.get("003")
    sections = list(doc.sections())
    assert len(sections) > 50
    app = Host(GotoDialog(doc))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [s.address for s in app.screen.matches] == [s.address for s in sections]
        assert str(app.screen.query_one("#goto-status").render()) == f"{len(sections)} sections"


async def test_goto_down_picks_the_next_match(corpus):
    from tui.screens.goto import GotoDialog

    app = Host(GotoDialog(corpus.get("001")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        matches = [s.address for s in app.screen.matches]
        assert matches[:2] == ["001/三/（二）/3", "001/三/（三）/3"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == [matches[1]]


async def test_goto_escape_returns_none(corpus):
    from tui.screens.goto import GotoDialog

    app = Host(GotoDialog(corpus.get("001")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


# ------------------------------------------------------------------ bookmarks


def _bookmark_store(tmp_path):
    from documents.state.bookmarks import Bookmark, BookmarkStore

    store = BookmarkStore(tmp_path / "bookmarks.json")
    store.toggle(
        Bookmark("001_779cfdd0d028d767", "001/三/（一）", "2020年湖南省产业园区工作要点", "（一）全面启动市场化改革")
    )
    store.toggle(Bookmark("002_ed45d7ecd34495d9", "002/二/（三）", "湖州市…实施意见", "（三）转型升级全面加速"))
    return store


async def test_bookmarks_open_returns_doc_and_address(tmp_path):
    from tui.screens.bookmarks import BookmarksDialog

    app = Host(BookmarksDialog(_bookmark_store(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.results == [("002_ed45d7ecd34495d9", "002/二/（三）")]


async def test_bookmarks_delete_removes_from_file(tmp_path):
    from documents.state.bookmarks import BookmarkStore
    from tui.screens.bookmarks import BookmarksDialog

    store = _bookmark_store(tmp_path)
    app = Host(BookmarksDialog(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#bookmarks-list").option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [("002_ed45d7ecd34495d9", "002/二/（三）")]
    assert [b.address for b in BookmarkStore(tmp_path / "bookmarks.json").bookmarks] == ["002/二/（三）"]


# ----------------------------------------------------------------------- note


async def test_note_save_returns_edited_text():
    from tui.screens.note import NoteDialog

    app = Host(NoteDialog("《2020年湖南省产业园区工作要点》 三、重点任务", "初稿"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"待核")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["初稿待核"]


async def test_note_escape_cancels():
    from tui.screens.note import NoteDialog

    app = Host(NoteDialog("《2020年湖南省产业园区工作要点》 三、重点任务", "初稿"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"改动")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


# --------------------------------------------------------------------- review


def _review_store(tmp_path, corpus):
    from documents.state.review import ReviewStore
    from documents.state.review_export import clause_text_for

    doc = corpus.get("001")
    store = ReviewStore(tmp_path / "review.sqlite3")
    store.set_mark(doc.key, "001/三/（四）/4", "flagged", clause_text_for(doc, "001/三/（四）/4"))
    return store, doc


async def test_review_lists_a_mark_and_enter_opens_it(tmp_path, corpus):
    from tui.screens.review import ReviewScreen

    store, doc = _review_store(tmp_path, corpus)
    app = Host(ReviewScreen(store, corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        [entry] = screen.entries
        assert (entry.address, entry.mark, entry.changed) == ("001/三/（四）/4", "flagged", False)
        assert "循环化改造" in plain(screen.options.get_option_at_index(screen.options.highlighted).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.doc, m.address) for m in app.opened] == [(doc.key, "001/三/（四）/4")]


async def test_review_flags_a_clause_changed_since_its_note(tmp_path, corpus):
    from tui.screens.review import ReviewScreen

    store, doc = _review_store(tmp_path, corpus)
    store.set_note(doc.key, "001/一", "看过了", "这段话后来改写了")
    app = Host(ReviewScreen(store, corpus))
    async with app.run_test(size=(120, 30)):
        changed = {e.address: e.changed for e in app.screen.entries}
        assert changed == {"001/三/（四）/4": False, "001/一": True}
        prompts = [plain(app.screen.options.get_option_at_index(i).prompt) for i in range(len(app.screen.rows))]
        assert any("001/一" in p and "changed" in p and "看过了" in p for p in prompts)
        assert not any("001/三/（四）/4" in p and "changed" in p for p in prompts)


async def test_review_edit_note_clear_and_export(tmp_path, corpus):
    from tui.screens.note import NoteDialog
    from tui.screens.review import ReviewScreen

    store, doc = _review_store(tmp_path, corpus)
    export = tmp_path / "out" / "review.md"
    app = Host(ReviewScreen(store, corpus, export_path=export))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"要核实")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get(doc.key, "001/三/（四）/4").note == "要核实"
        await pilot.press("e")  # the export dialog offers export_path
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "要核实" in export.read_text(encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        assert store.get(doc.key, "001/三/（四）/4") is not None  # a note asks twice
        await pilot.press("x")
        await pilot.pause()
        assert store.items() == []
        assert app.screen.entries == []


# -------------------------------------------------------------------- compare


async def test_compare_zones_side_by_side_and_enter_opens_a_clause(corpus):
    from tui.screens.compare import CompareScreen

    app = Host(CompareScreen(corpus))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "湖州开发区" in screen.names
        for name in ("湖州开发区", "长兴开"):  # 长兴 alone is first 长兴县, the county
            await pilot.press(*name)
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.subjects == ["湖州开发区", "长兴开发区"]
        heads = [str(w.render()) for w in screen.query(".compare-head")]
        assert heads == ["Topic", "湖州开发区", "长兴开发区", "各开发区（共同）"]
        r, first = next(
            (r, row) for r, row in enumerate(screen.rows) if row.own("湖州开发区") and row.own("长兴开发区")
        )
        await pilot.press("down")  # from the input into the grid
        for _ in range(r):
            await pilot.press("down")
        await pilot.press("l")  # to the 长兴开发区 column
        await pilot.press("enter")
        await pilot.pause()
        clause = first.own("长兴开发区")[0]
        assert [(m.doc, m.address) for m in app.opened] == [(clause.doc, clause.address)]
        assert clause.text.startswith("长兴开发区")


async def test_compare_shows_what_every_zone_shares_like_the_cli(corpus):
    from documents.extract.compare import compare
    from tui.screens.compare import Cell, CompareScreen

    cli = compare(corpus, zones=("湖州开发区", "长兴开发区"), include_common=True)
    app = Host(CompareScreen(corpus, subjects=("湖州开发区", "长兴开发区")))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert [row.topic for row in screen.rows] == [row.topic for row in cli.rows]
        r = next(r for r, row in enumerate(screen.rows) if "推动金融创新" in row.topic)
        shared = next(c for c in screen.query(Cell) if (c.row, c.column) == (r, 3))
        assert "各开发区要积极建设投融资服务平台" in plain(shared.content)
        own = next(c for c in screen.query(Cell) if (c.row, c.column) == (r, 1))
        assert plain(own.content).strip() == "—"
        assert "各开发区（共同）" in str(screen.query_one("#compare-status").render())


async def test_compare_cursor_moves_by_rows_and_columns(corpus):
    from tui.screens.compare import CompareScreen

    app = Host(CompareScreen(corpus, subjects=("湖州开发区", "长兴开发区")))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert len(screen.rows) > 1
        screen.query_one("#compare-scroll").focus()
        await pilot.press("j", "h")
        assert screen.cursor[:2] == (1, 0)
        await pilot.press("enter")
        await pilot.pause()
        row = screen.rows[1]
        assert [(m.doc, m.address) for m in app.opened] == [(row.doc, row.address)]
        await pilot.press("k", "l", "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.subjects == ["长兴开发区"]
        assert [str(w.render()) for w in screen.query(".compare-head")] == ["Topic", "长兴开发区", "各开发区（共同）"]


def test_fuzzy_subject_matches():
    from tui.screens.compare import fuzzy_matches

    names = ["国家级开发区", "湖州开发区", "长兴开发区", "长株潭城市群"]
    assert fuzzy_matches(names, "长兴") == ["长兴开发区"]
    assert fuzzy_matches(names, "湖开")[0] == "湖州开发区"
    assert fuzzy_matches(names, "") == []


async def test_compare_toggles_to_agencies(corpus):
    from tui.screens.compare import CompareScreen

    app = Host(CompareScreen(corpus))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.by == "agency" and "省发展改革委" in screen.names
        for name in ("省发展改革委", "省商务厅"):
            await pilot.press(*name, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.matrix.by == "agency"
        assert [str(w.render()) for w in screen.query(".compare-head")] == ["Topic", "省发展改革委", "省商务厅"]
        assert screen.rows


async def test_compare_click_puts_the_cursor_on_a_cell(corpus):
    from tui.screens.compare import Cell, CompareScreen

    app = Host(CompareScreen(corpus, subjects=("湖州开发区", "长兴开发区")))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        r = next(r for r, row in enumerate(app.screen.rows) if row.own("长兴开发区"))
        target = next(c for c in app.screen.query(Cell) if (c.row, c.column) == (r, 2))
        await pilot.click(target)
        await pilot.press("enter")
        await pilot.pause()
        clause = app.screen.rows[r].own("长兴开发区")[0]
        assert [(m.doc, m.address) for m in app.opened] == [(clause.doc, clause.address)]


def test_a_document_line_marks_the_query_words_in_its_title():
    from index.results import SearchResults
    from tui.screens.search import group_prompt

    title = "湖州市人民政府办公室关于加快开发区转型升级的实施意见"
    results = SearchResults("湖州 开发区", [], terms=["湖州", "人才引进", "开发区", "区"])
    prompt = group_prompt(title, "002", 2, results.title_spans(title))
    marked = [prompt.plain[span.start : span.end] for span in prompt.spans if "reverse" in str(span.style)]
    assert marked == ["湖州", "开发区"]  # one-character words are not marked
    assert prompt.plain.endswith("· 2 hits")


# --------------------------------------------------------------------- search


def test_a_table_row_hit_shows_the_row_number_counted_from_one():
    from index.results import SearchHit
    from tui.screens.search import hit_prompt

    hit = SearchHit(
        doc="000",
        doc_short="000",
        doc_title="规划",
        address="000/三/专栏1",
        heading_path=["三、重点", "专栏1"],
        kind="table",
        text="长沙 | 10",
        snippet="长沙 | 10",
        highlights=[(0, 2)],
        text_highlights=[(0, 2)],
        score=1.0,
        row=1,  # the first row of the table (Table.rows[0])
    )
    assert "[table row 1]" in plain(hit_prompt(hit))


async def test_compare_takes_a_place_by_its_short_name_like_the_cli(corpus):
    from documents.extract.compare import compare
    from tui.screens.compare import CompareScreen

    cli = compare(corpus, zones=("衡阳",), include_common=True)
    app = Host(CompareScreen(corpus, subjects=("衡阳",)))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        heads = [str(w.render()) for w in screen.query(".compare-head")]
        assert heads[:2] == ["Topic", "衡阳市"]
        assert [row.topic for row in screen.rows] == [row.topic for row in cli.rows]
        own = [c.text for row in screen.rows for c in row.own("衡阳市")]
        assert any(t.startswith("衡阳市重点承接") for t in own)
