"""The browser as a user drives it: search, reader, history, bookmarks, keymap, marks, restart."""

from __future__ import annotations

import asyncio

from waiting import search_delivered

from documents.state.review import ReviewStore
from tui.app import CeyueApp
from tui.keymap import load_keymap
from tui.screens.search import BURST_MIN_WAIT, DEBOUNCE_SECONDS, burst_wait

SIZE = (120, 40)
CLAUSE = "001/三/（四）/4"  # 4.推进园区循环化改造…


def make_app(corpus, index_dir=None, **kw) -> CeyueApp:
    return CeyueApp(corpus, index_dir=index_dir, start_index=index_dir is not None, **kw)


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_clause(app, pilot, address: str = CLAUSE) -> None:
    app.open_location(address.split("/")[0].split("#")[0], address)
    await pilot.pause()
    await pilot.pause()


async def typed_search(app, pilot, query: str):
    """Open search with / and type ``query``; the results once the search worker is done."""
    await pilot.press("slash", *query)
    await search_delivered(pilot, query)
    return app.search_screen.results


def location(app) -> str:
    return app.reader.location.address


# ------------------------------------------------------------------ search


async def test_search_opens_the_hit_in_the_reader_and_n_walks_hits(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.search_index is not None
        await pilot.press("slash")
        await pilot.press(*"循环化改造")
        await search_delivered(pilot, "循环化改造")
        screen = app.search_screen
        assert app.screen is screen
        assert screen.results is not None and screen.results.hits
        docs = [hit.doc_short for hit in screen.results.hits]
        assert docs[0] == "001"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader
        assert location(app) == CLAUSE
        view = app.reader.view
        assert any("循环化" in term for term in view.highlights[CLAUSE])
        assert view.items[view.cursor].address == CLAUSE
        top = view.top_index()
        assert top <= view.cursor < top + 10  # scrolled to the hit
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        second = screen.results.hits[1]
        assert app.reader.document.short == second.doc_short != "001"
        assert location(app) == second.address
        await pilot.press("N")
        await pilot.pause()
        assert location(app) == CLAUSE


async def test_enter_typed_right_after_the_query_opens_its_best_hit(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"循环化改造", "enter")  # enter before the debounce fired
        await settle(app, pilot)
        assert app.screen is app.reader
        assert location(app) == CLAUSE


async def open_search_view(app, pilot) -> None:
    """The app started and settled, then the search view opened (F3) and settled: no key typed yet."""
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)


async def test_a_key_after_a_pause_searches_without_waiting_for_the_next(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_search_view(app, pilot)
        await asyncio.sleep(DEBOUNCE_SECONDS * 1.5)  # a pause: the word an input method commits comes now
        await pilot.press("园")
        screen = app.search_screen
        assert screen._timer is None
        assert screen._searching == "园" or (screen.results is not None and screen.results.query == "园")
        await search_delivered(pilot, "园")


def test_a_burst_ends_when_its_pace_breaks():
    assert burst_wait([]) == DEBOUNCE_SECONDS  # no pace known: a typist's wait
    assert burst_wait([0.001, 0.002]) == BURST_MIN_WAIT  # keys from a machine
    assert burst_wait([0.01, 0.02, 0.03]) == 0.06  # key repeat: twice the slowest recent gap
    assert burst_wait([0.01, 0.08]) == DEBOUNCE_SECONDS  # a typist: never longer than the debounce


async def test_a_fast_burst_waits_less_than_a_typists_keys_and_runs_one_search(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_search_view(app, pilot)
        screen = app.search_screen
        ran: list[str] = []
        run_search = screen.run_search
        screen.run_search = lambda query: (ran.append(query), run_search(query))  # type: ignore[method-assign]
        screen.schedule("园")  # after a pause: searched at once
        screen.schedule("园区")  # the burst's keys, a moment apart
        screen.schedule("园区规")
        screen.schedule("园区规划")
        assert screen._timer is not None and screen._timer._interval < DEBOUNCE_SECONDS
        screen.query_one("#query").value = "园区规划"
        await search_delivered(pilot, "园区规划")
        assert ran[0] == "园" and ran[-1] == "园区规划" and len(ran) <= 3  # the input's own change may run one


async def test_search_shows_filters_as_chips_and_escape_goes_back(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await pilot.press(*"园区 doc:001")
        await search_delivered(pilot, "园区 doc:001")
        results = app.search_screen.results
        assert results.filters == [("doc", "001")]
        chips = [str(chip.render()) for chip in app.search_screen.query(".chip")]
        assert chips == ["doc:001"]
        assert {hit.doc_short for hit in results.hits} == {"001"}
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "documents"


async def test_search_summary_says_when_the_list_holds_only_the_best_hits(corpus, index_dir, monkeypatch):
    import tui.screens.search as search_module

    monkeypatch.setattr(search_module, "LIMIT", 10)
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        results = await typed_search(app, pilot, "园区")
        assert len(results.hits) == 10 and results.total > 10
        summary = str(app.search_screen.query_one("#summary").render())
        assert summary.startswith(f"top 10 of {results.total:,} hits in ")


async def test_every_matching_document_is_a_row_and_enter_on_one_lists_its_clauses(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        results = await typed_search(app, pilot, "园区")
        screen = app.search_screen
        shown = [d.doc_short for d in screen.document_rows.values()]
        assert shown == [d.doc_short for d in results.documents] and len(shown) > 1
        assert sum(d.hits for d in results.documents) >= results.total  # counts cover every match
        row, second = list(screen.document_rows.items())[1]
        screen.options.highlighted = row
        await pilot.press("enter")
        await search_delivered(pilot, f"园区 doc:{second.doc_short}")
        narrowed = screen.results
        assert narrowed.filters == [("doc", second.doc_short)]
        assert {hit.doc_short for hit in narrowed.hits} == {second.doc_short}
        assert len(narrowed.hits) == min(second.hits, 100)
        screen.options.highlighted = next(iter(screen.document_rows))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader  # already narrowed: enter opens the best clause
        assert location(app) == narrowed.hits[0].address


async def test_a_document_list_taller_than_the_view_opens_at_its_top(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(app, pilot)
        results = await typed_search(app, pilot, "园区")
        screen = app.search_screen
        assert len(results.documents) > 1
        first_document = next(iter(screen.document_rows))
        assert screen.options.highlighted == first_document
        await pilot.pause()
        top = screen.options.scroll_offset.y
        assert top <= first_document < top + screen.options.size.height  # the best document is on screen


async def test_search_shows_the_notice_for_bad_syntax(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        results = await typed_search(app, pilot, '"循环化改造')
        assert results.notice
        notice = app.search_screen.query_one("#notice")
        assert notice.display and str(notice.render()) == results.notice
        assert results.hits  # still searched, as plain text


async def test_a_search_hit_in_a_titled_section_puts_the_cursor_on_the_clause(corpus, index_dir):
    app = make_app(corpus, index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        hit = (await typed_search(app, pilot, "循环化改造 doc:002")).hits[0]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        item = app.reader.current_item
        assert item.address == hit.address
        assert item.kind == "clause" and "循环化改造" in item.text


# ------------------------------------------------------------------ reader


async def test_outline_jump_then_back_and_forward(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001/一")
        reader = app.reader
        await pilot.press("o")
        assert reader.outline.has_focus
        reader.outline.reveal(corpus.get("001").find(CLAUSE))
        assert reader.outline.cursor_node is not None and reader.outline.cursor_node.data == CLAUSE
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert location(app) == CLAUSE
        assert reader.view.has_focus
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert location(app) == "001/一"
        await pilot.press("alt+right")
        await pilot.pause()
        assert location(app) == CLAUSE


async def test_history_goes_back_across_documents(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, CLAUSE)
        await open_clause(app, pilot, "002/三")
        assert app.reader.document.short == "002"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.reader.document.short == "001" and location(app) == CLAUSE
        await pilot.press("ctrl+i")
        await pilot.pause()
        assert location(app) == "002/三"


async def test_next_and_previous_section(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001/三/（四）/3")
        await pilot.press("right_square_bracket")
        assert location(app) == CLAUSE
        await pilot.press("left_square_bracket")
        assert location(app) == "001/三/（四）/3"


async def test_goto_dialog_jumps_to_a_typed_label(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001/一")
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"三/（四）/4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert location(app) == CLAUSE
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert location(app) == "001/一"


async def test_bookmark_then_reopen_it_from_the_dialog(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("m")
        assert app.bookmarks.find(app.reader.document.key, CLAUSE) is not None
        assert CLAUSE in app.reader.view.bookmarks
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "documents"
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader
        assert location(app) == CLAUSE


async def test_copy_puts_the_clause_with_its_citation_on_the_clipboard(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("4.推进园区循环化改造")
        assert "《2020年湖南省产业园区工作要点》" in copied
        assert "湘园区〔2020〕1号" in copied
        assert "（四）强化生态环境约束" in copied


async def test_unresolved_reference_names_what_it_names(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_clause(app, pilot, "000/三/（一）/2")
        assert app.reader.view.references.get("000/三/（一）/2")
        await pilot.press("enter")  # two references here: the first is picked
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("湖南省人民政府关于加快产业园区体系建设的意见" in m for m in messages)
        assert location(app) == "000/三/（一）/2"


async def test_a_clause_with_several_references_asks_which_to_follow(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        address = "000/四/（四）"
        refs = [r for r in app.references.references_at("000", address) if r.kind != "inherited"]
        assert len(refs) > 1
        await open_clause(app, pilot, address)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReferencePicker"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is app.reader
        messages = [n.message for n in app._notifications]
        assert any(refs[1].text in m for m in messages)


async def test_follow_a_reference_and_come_back(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        source = next(r for r in app.references.references("001") if r.resolved and r.kind == "title")
        await open_clause(app, pilot, source.address)
        assert location(app) == source.address
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.reader.location.address != source.address
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert location(app) == source.address


async def test_cited_by_panel_toggles(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_clause(app, pilot)
        await pilot.press("c")
        assert app.reader.cited_by_visible
        await pilot.press("c")
        assert not app.reader.cited_by_visible


# ------------------------------------------------------------------ keymap


async def test_keymap_override_takes_effect(corpus, tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('[reader]\nnext_section = "ctrl+n"\n', encoding="utf-8")
    app = make_app(corpus, keymap=load_keymap(path))
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot, "001/三/（四）/3")
        await pilot.press("right_square_bracket")
        assert location(app) == "001/三/（四）/3"
        await pilot.press("ctrl+n")
        assert location(app) == CLAUSE


async def test_broken_keymap_is_reported_in_one_line_and_defaults_stay(corpus, tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('[reader]\nnext_sektion = "ctrl+n"\n', encoding="utf-8")
    app = make_app(corpus, keymap=load_keymap(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert "line 2" in errors[0] and "next_sektion" in errors[0] and "\n" not in errors[0]
        await open_clause(app, pilot, "001/三/（四）/3")
        await pilot.press("right_square_bracket")
        assert location(app) == CLAUSE


async def test_help_lists_keys_as_mapped(corpus, tmp_path):
    from textual.widgets import Static

    path = tmp_path / "keys.toml"
    path.write_text('"reader.bookmark" = "b"\n', encoding="utf-8")
    app = make_app(corpus, keymap=load_keymap(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        line = next(line for line in text.splitlines() if "Add or remove bookmark" in line)
        assert line.split()[0] == "b"


# ------------------------------------------------------------------ marks, notes, restart


async def test_marks_and_notes_persist_across_restart(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("2")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"核对年份")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.reader.view.marks[CLAUSE][1] == "flagged"
        await pilot.press("ctrl+q")
    doc = corpus.get("001")
    store = ReviewStore()
    item = store.get(doc.key, CLAUSE)
    store.close()
    assert item.mark == "flagged" and item.note == "核对年份"
    again = make_app(corpus)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.screen is again.reader
        assert again.reader.view.marks[CLAUSE] == ("⚑", "flagged")
        await pilot.press("2")  # the same mark again clears it, the note stays
        item = again.review_store.get(doc.key, CLAUSE)
        assert item.mark is None and item.note == "核对年份"
        assert again.reader.view.marks[CLAUSE] == ("✎", "note")


async def test_reopens_where_the_user_left_off(corpus):
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        await pilot.press("O")
        assert not app.reader.outline_visible
        await pilot.press("ctrl+q")
    again = make_app(corpus)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.screen is again.reader
        assert location(again) == CLAUSE
        assert not again.reader.outline_visible
    fresh = make_app(corpus, fresh=True)
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert fresh.current_mode == "documents"


# ------------------------------------------------------------------ palette


async def test_palette_offers_documents_sections_and_commands(corpus):
    from tui.palette import CeyueCommands

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        provider = CeyueCommands(app.screen)
        texts = [entry.text for entry in provider.entries()]
        assert any(t.startswith("002 ") for t in texts)
        assert "§ 001 4.推进园区循环化改造" in texts
        assert "Add or remove bookmark" in texts and "Go to section" in texts and "Search" in texts
        hits = [hit async for hit in provider.search("循环化")]
        assert any("循环化" in hit.text for hit in hits)
        sections = [t for t in texts if t.startswith("§ ")]
        assert sections[0].startswith("§ 001 "), "the open document's sections come first"
        assert any(t.startswith("§ 003 ") and "坚持绿色发展" in t for t in sections)
        hits = [hit async for hit in provider.search("亩均")]
        assert any(hit.text.startswith("§ 001 ") for hit in hits)


# ------------------------------------------------------------------ startup


async def test_first_screen_is_interactive_while_the_word_list_loads(corpus, tmp_path, monkeypatch):
    import threading

    import index.service

    release = threading.Event()
    monkeypatch.setattr(index.service, "load_segmenter", lambda: release.wait(30))
    app = make_app(corpus, tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.index_state.phase == "dictionary"
        status = app.screen.query_one("IndexStatus")
        assert "Loading the word list" in str(status.query_one("#index-status-label").render())
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader and app.reader.document.short == "001"
        reader_status = app.reader.query_one("IndexStatus")  # the reader says what is still loading too
        assert not reader_status.has_class("idle")
        assert "Loading the word list" in str(reader_status.query_one("#index-status-label").render())
        release.set()
        await settle(app, pilot)
        assert app.index_state.phase == "ready" and app.search_index is not None
        assert reader_status.has_class("idle")


async def test_a_missing_index_is_built_with_progress(corpus, tmp_path, monkeypatch):
    seen = []
    original = CeyueApp._set_index_state

    def record(self, state):
        seen.append(state)
        original(self, state)

    monkeypatch.setattr(CeyueApp, "_set_index_state", record)
    app = make_app(corpus, tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        building = [s for s in seen if s.phase == "indexing"]
        assert building and building[-1].total == len(corpus.documents)
        assert building[-1].done == len(corpus.documents)
        assert seen[-1].phase == "ready"
        assert app.screen.query_one("IndexStatus").has_class("idle")


async def test_a_mark_on_a_clause_whose_text_changed_is_flagged(corpus):
    doc = corpus.get("001")
    store = ReviewStore()
    store.set_mark(doc.key, CLAUSE, "reviewed", "推进园区循环化改造（旧文本）")
    store.close()
    app = make_app(corpus, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_clause(app, pilot)
        assert app.reader.view.marks[CLAUSE] == ("!", "changed")


# ------------------------------------------------------------------ fit at 100 columns (QA 10–17)


def test_search_keys_never_type_into_the_query():
    """The query box has the focus on the search screen: a printable key would be typed, not run."""
    import string

    from textual.keys import _character_to_key

    from tui.bindings import commands, normalize_keys

    printable = {_character_to_key(c) for c in string.printable if c.isprintable()}
    for command in commands("search"):
        for key in normalize_keys(command.keys):
            assert key not in printable, (command.id, key)


async def test_document_list_fits_its_columns_at_100_columns(corpus):
    from textual.widgets import DataTable

    from tui.screens.documents import TITLE_SHARE

    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:2] == ["No.", "Title"] and "Date" in labels
        assert table.columns[next(k for k in table.columns if k.value == "Title")].width >= 100 * TITLE_SHARE
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.scrollable_content_region.width
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert any(title.endswith("…") for title in titles)


async def test_reader_header_shows_the_app_name(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_clause(app, pilot)
        assert app.screen is app.reader
        assert "策阅" in app.export_screenshot()


async def test_opening_a_document_at_its_title_shows_the_outline_from_the_top(corpus):
    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_clause(app, pilot, "003/四/（八）/1")
        assert app.reader.outline.scroll_y > 0
        app.open_location("000", "")
        await pilot.pause()
        await pilot.pause()
        outline = app.reader.outline
        assert app.reader.document.short == "000"
        assert outline.scroll_y == 0 and outline.cursor_line == 0


async def test_note_dialog_opens_without_mark_toasts_over_it(corpus):
    from tui.screens.note import NoteDialog

    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_clause(app, pilot)
        await pilot.press("1", "2", "3")
        assert len(app._notifications) == 3
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert len(app._notifications) == 0


async def test_a_query_typed_during_the_first_index_build_shows_literal_results_at_once(corpus, tmp_path, monkeypatch):
    import threading

    from index.service import SearchIndex

    release = threading.Event()
    real_open = SearchIndex.open.__func__

    def slow_open(cls, *args, **kwargs):
        release.wait(30)  # the index "builds" until the test lets it finish
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "open", classmethod(slow_open))
    app = make_app(corpus, tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.search_index is None
        await pilot.press("slash", *"循环化改造")
        await pilot.pause(0.5)
        for _ in range(20):
            results = app.search_screen.results
            if results is not None:
                break
            await pilot.pause(0.1)
        assert results is not None and results.source == "scan"
        assert results.hits[0].address == "001/三/（四）/4"
        assert "literal scan" in str(app.search_screen.query_one("#summary").render())
        documents = [d.doc_short for d in results.documents]
        assert documents == sorted(documents, key=lambda s: documents.index(s)) and "002" in documents
        release.set()
        await settle(app, pilot)
        assert app.search_index is not None
        assert app.search_screen.results.source == "index"
        assert app.search_screen.results.hits[0].address == "001/三/（四）/4"
