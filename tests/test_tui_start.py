"""The browser's start: the collector paused until the first frame, the footer made once per change of keys."""

from __future__ import annotations

import argparse
import gc

from textual.css.stylesheet import Stylesheet
from textual.widgets._footer import FooterKey

from documents.collector import YOUNG_COLLECTION_EVERY
from documents.corpus import bundled_dir, load_corpus
from tui.app import CeyueApp
from tui.keymap import KeymapResult
from tui.launch import make_app
from tui.widgets.footer import Footer

SIZE = (100, 30)


async def test_the_collector_is_off_from_the_launch_to_the_first_frame_then_back_on():
    assert gc.isenabled()
    threshold = gc.get_threshold()
    app = make_app(argparse.Namespace(docs=[str(bundled_dir())], fresh=True))
    try:
        assert app is not None
        assert not gc.isenabled(), "the imports and the first screen are made with the collector off"
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.document_list.table.row_count == 5
            assert gc.isenabled(), "the collector is back once the first frame is drawn and the documents read"
            assert gc.get_freeze_count() > 0, "what the start made is out of the collector's walks"
            assert gc.get_threshold()[0] == YOUNG_COLLECTION_EVERY, "what a search draws is freed young"
            gc.collect(1)
            assert not gc.get_objects(2), "what survives a middle collection is frozen, not left to full ones"
        gc.collect(1)
        assert gc.get_objects(2), "once the browser is gone, collections freeze nothing"
    finally:
        gc.enable()
        gc.set_threshold(*threshold)


def test_no_documents_leaves_the_collector_on(tmp_path, capsys):
    assert make_app(argparse.Namespace(docs=[str(tmp_path)], fresh=True)) is None
    assert gc.isenabled()
    assert "no documents found" in capsys.readouterr().err


def shown_keys(app: CeyueApp) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey)]


async def test_the_footer_is_remade_once_for_many_binding_changes_and_not_when_the_keys_are_the_same(monkeypatch):
    made: list[Footer] = []
    compose = Footer.compose

    def counted(self):
        made.append(self)
        return compose(self)

    monkeypatch.setattr(Footer, "compose", counted)
    app = CeyueApp(load_corpus([bundled_dir()]), start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "f" in shown_keys(app) and "s" in shown_keys(app)
        assert len(made) <= 3, "mounted, then at most one remake per refresh that changed the keys"
        made.clear()
        for _ in range(4):  # what focus moves and screen switches do: the same keys each time
            app.screen.refresh_bindings()
        await pilot.pause()
        assert made == []
        app.apply_keymap(KeymapResult(keymap={"documents.sort": "o"}))
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await pilot.pause()
        assert len(made) == 1
        assert "o" in shown_keys(app) and "s" not in shown_keys(app), "the footer shows the keys now bound"


async def test_each_style_sheet_is_parsed_once_before_the_first_frame(monkeypatch):
    """The list is the first screen as Textual's default one: a mode's first screen made Textual refresh the
    whole style sheet, parsing every sheet read so far twice more before the first frame."""
    parsed: list[tuple[object, ...]] = []
    parse_rules = Stylesheet._parse_rules

    def counted(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key not in self._parse_cache and not drawn:
            parsed.append(key)
        return parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)

    drawn: list[bool] = []
    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    app = CeyueApp(load_corpus([bundled_dir()]), start_index=False)
    app.call_after_refresh(lambda: drawn.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "documents" and app.screen is app.document_list
        assert app.document_list.table.row_count == 5
        assert parsed, "the sheets were parsed"
        assert len(parsed) == len(set(parsed)), "no sheet is parsed twice"
        app.switch_mode("search")
        await pilot.pause()
        app.switch_mode("documents")
        await pilot.pause()
        assert app.screen is app.document_list, "the list is the documents mode's screen"


async def test_the_command_palette_opens_and_finds_commands():
    """Textual's palette module is loaded with a stand-in for ``textual.types`` (tui.textual_imports): it
    still opens and lists what matches."""
    from textual.command import CommandList, CommandPalette

    app = CeyueApp(load_corpus([bundled_dir()]), start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"quit")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.query_one(CommandList).option_count:
                break
        assert app.screen.query_one(CommandList).option_count > 0


async def test_documents_read_as_the_list_is_taken_down_is_not_an_error():
    """Quitting just as the documents come in: the list's widgets are gone while the screen is still
    mounted, and the documents read must not be shown there (it raised NoMatches)."""
    corpus = load_corpus([bundled_dir()])
    app = CeyueApp(corpus, start_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.document_list
        await screen.query("#documents-heading").remove()
        assert screen.is_mounted
        screen.preview = None
        screen.documents_read()
        screen.preview = screen.made_listing()
        screen.documents_read()
