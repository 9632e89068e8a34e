"""The browser in Chinese by default and in English on request: footer, list, palette, help, review legend."""

from __future__ import annotations

import argparse

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from documents.corpus import load_corpus
from main import parse_arguments
from tui.app import CeyueApp
from tui.bindings import COMMANDS
from tui.i18n import current_language
from tui.launch import choose_language

SIZE = (120, 40)
LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CEYUE_LANG")


@pytest.fixture
def plain_locale(monkeypatch):
    """A terminal with no language set (as on many servers): LANG=C.UTF-8."""
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def args(*argv: str) -> argparse.Namespace:
    return parse_arguments(list(argv))


def footer_labels(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_the_browser_starts_in_chinese(corpus, plain_locale):
    language, notices = choose_language(args())
    assert language == "zh_CN" and notices == ()
    app = CeyueApp(corpus, start_index=False, language=language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        labels = footer_labels(app)
        assert "退出" in labels and "筛选" in labels and "Quit" not in labels
        heading = str(app.screen.query_one("#documents-heading", Static).render())
        assert "共 5 份文件" in heading
        headers = [str(column.label) for column in app.screen.query_one(DataTable).columns.values()]
        assert headers[:4] == ["编号", "标题", "文号", "发文机关"]


async def test_lang_en_gives_english(corpus, plain_locale):
    language, _notices = choose_language(args("--lang", "en"))
    assert language == "en"
    app = CeyueApp(corpus, start_index=False, language=language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Quit" in footer_labels(app) and "退出" not in footer_labels(app)
        assert "5 documents" in str(app.screen.query_one("#documents-heading", Static).render())


async def test_config_file_and_environment_choose_the_language(plain_locale, monkeypatch, isolated_user_dirs):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    assert choose_language(args())[0] == "en"
    monkeypatch.setenv("CEYUE_LANG", "zh")
    assert choose_language(args())[0] == "zh_CN", "the environment wins over the file"
    assert choose_language(args("--lang", "en"))[0] == "en", "the option wins over both"
    (config / "config.toml").write_text('language = "en\n', encoding="utf-8")
    language, notices = choose_language(args())
    assert language == "zh_CN" and len(notices) == 1
    assert "config.toml" in notices[0] and "第 1 行" in notices[0] and "默认设置" in notices[0]


async def test_palette_shows_chinese_names_with_keys_never_ids(corpus):
    from tui.palette import CeyueCommands

    app = CeyueApp(corpus, start_index=False, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        app.open_location("001", "001/三/（四）/4")
        await pilot.pause()
        provider = CeyueCommands(app.screen)
        entries = list(provider.entries(every_document=False))
        shown = {entry.text: entry.help for entry in entries}
        assert shown["退出"] == "ctrl+q · 全局"
        assert shown["下一节"].startswith("]")
        ids = {command.id for command in COMMANDS}
        assert not [e for e in entries if any(i in e.text or i in e.help for i in ids)]
        hits = [hit.text async for hit in provider.search("quit")]
        assert "退出" in hits, "the English name still finds a command"


async def test_help_and_review_explain_the_marks_in_chinese(corpus):
    app = CeyueApp(corpus, start_index=False, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "按键" in text and "✓ 已审  ⚑ 需关注  ? 有疑问  ✎ 批注" in text
        assert "下一节" in text and "Next section" not in text
        await pilot.press("escape", "f6")
        await pilot.pause()
        heading = str(app.screen.query_one("#review-heading", Static).render())
        assert heading.startswith("审阅 · 共 0 条标记和批注") and "✓ 已审" in heading
    assert current_language() == "zh_CN"


def test_errors_from_reading_and_searching_are_shown_in_chinese(tmp_path):
    """A skipped file, a bad query and a broken keymap come from documents/ and index/ in English templates;
    the browser shows them in the interface language, nested parts (the binary file's kind) included."""
    from index.query import parse
    from tui.i18n import explain, use_language

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    corpus = load_corpus([tmp_path], use_cache=False)
    use_language("zh_CN")
    try:
        shown = sorted(explain(error) for error in corpus.errors)
        notice = parse('"循环化改造').notice
        assert notice is not None
        query_message = explain(notice)
    finally:
        use_language("en")
    assert shown == ["二进制文件，不是文档：image.txt（看起来是PNG 图片）", "空文件：empty.txt"]
    assert query_message == "引号不成对：已按普通文字检索"
    assert sorted(error.message for error in corpus.errors) == [
        "binary file, not a document: image.txt (looks like a PNG image)",
        "empty file: empty.txt",
    ], "the CLI and logs keep the English line"
