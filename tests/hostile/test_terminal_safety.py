"""Hostile text never reaches the terminal raw: no escape sequence, no markup, no emoji (issue 17, item 2)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

import main
from tui.console.safe import clean, clean_line, console, markup, safe_text

# Rich's own styling (SGR) is the only escape sequence allowed in coloured output.
SGR = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

EVIL_TITLE = "测试\x1b]52;c;aGVsbG8=\x07文件[/bold] root:x:0 [a]"
EVIL_BODY = "第一条\x1b[2J 内容 :x: [/] 更多\x9b31m文字。"


def rendered(renderable, *, color: bool, width: int = 80) -> str:
    out = io.StringIO()
    target = console(file=out, force_terminal=color, color_system="truecolor" if color else None, width=width)
    target.print(renderable)
    return out.getvalue()


def assert_inert(output: str) -> None:
    leftover = SGR.sub("", output)
    assert not FORBIDDEN.search(leftover), repr(leftover)


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.text(
    alphabet=st.sampled_from(list("\x1b\x07\x9b\x9d[]/:x;\\ab0 \n\t中")), max_size=80
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_prints_without_control_sequences_or_markup(text):
    expected = clean(text)
    assert len(expected) == len(text)  # one for one: search highlights still fit
    for color in (False, True):
        assert_inert(rendered(safe_text(text, "bold"), color=color))
        # spliced into markup of our own: no MarkupError, the text comes out as typed
        out = rendered(f"[bold]{markup(text)}[/]", color=color)
        assert_inert(out)

    # and it comes out exactly as typed, control characters made visible (no wrapping at this width)
    def squeezed(s: str) -> str:  # tabs expand to spaces by cell width: compare without whitespace
        return "".join(s.split())

    assert squeezed(rendered(Text.from_markup(f"[cyan]{markup(text)}[/]", emoji=False), color=False, width=5000)) == (
        squeezed(expected)
    )
    assert squeezed(rendered(f"[cyan]{markup(text)}[/]", color=False, width=5000)) == squeezed(expected)


@pytest.mark.parametrize("sample", ["[/bold]", "[/]", "[a]", "root:x:0", ":x:", ":thumbs_up:", "\\[b]"])
def test_markup_and_emoji_codes_print_as_typed(sample):
    assert rendered(f"[dim]{markup(sample)}[/]", color=False).rstrip("\n") == sample
    assert rendered(safe_text(sample), color=False).rstrip("\n") == sample


def test_escape_characters_become_visible_symbols():
    assert clean("a\x1b[2Jb") == "a␛[2Jb"
    assert clean("x\x07\x7f\x9b") == "x␇␡\ufffd"
    assert clean("line\n\tnext") == "line\n\tnext"
    assert clean_line("a\nb\tc") == "a b c"


@pytest.fixture
def evil_docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "009_evil.txt").write_text(f"{EVIL_TITLE}\n\n一、总体要求\n\n{EVIL_BODY}\n", encoding="utf-8")
    (folder / "010_name\x1b[2J.txt").write_text("名字测试文件\n\n一、总体要求\n\n另一条内容。\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "009"],
        ["outline", "009"],
        ["meta", "009"],
        ["tables", "009"],
        ["refs", "009"],
        ["tasks", "009"],
        ["search", "内容"],
        ["search", "没有\x1b]52;c;eA==\x07这个"],
        ["show", "nothing\x1b[2J"],
        ["meta", "010"],
        ["compare", "--zone", "x\x1b[2J"],
    ],
)
def test_cli_never_prints_control_sequences(evil_docs, capsys, argv):
    code = main.main(["--docs", str(evil_docs), *argv])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    assert_inert(out)
    assert_inert(err)
    if argv[0] in ("show", "outline", "meta") and code == 0 and argv[1] == "009":
        assert ("[/bold]" in out and "[a]" in out and ":x:" in out) or argv[0] != "show"
        assert "␛]52" in out


def test_outline_with_markup_in_titles_does_not_crash(evil_docs, capsys):
    assert main.main(["--docs", str(evil_docs), "outline", "009"]) == 0
    out = capsys.readouterr().out
    assert "root:x:0" in out and "[/bold]" in out and "[a]" in out


def test_browser_rows_and_filter_drop_control_characters():
    from rich.segment import Segment

    from documents.model import Document
    from tui.control_filter import ControlCharacterFilter
    from tui.screens.documents import fit
    from tui.screens.search import group_prompt

    assert "\x1b" not in fit(EVIL_TITLE, 80).plain
    assert "\x1b" not in group_prompt(EVIL_TITLE, "009", 1).plain
    segments = ControlCharacterFilter().apply([Segment("a\x1b[2Jb"), Segment("ok")], None)
    assert [s.text for s in segments] == ["a[2Jb", "ok"]
    assert Document  # the model is importable without Textual side effects


def test_the_filter_finds_every_character_it_drops_and_leaves_clean_lines_as_they_are():
    from rich.segment import Segment

    from tui.console.safe import has_controls, strip_controls
    from tui.control_filter import ControlCharacterFilter

    for code in range(0xE100):
        text = f"a{chr(code)}b"
        assert has_controls(text) == (strip_controls(text) != text), hex(code)
    clean = [Segment("第一条 "), Segment("为了规范", None), Segment("\t")]
    assert ControlCharacterFilter().apply(clean, None) is clean


def test_the_control_characters_pattern_compiled_at_start_is_four_ranges_not_two_thousand_characters():
    """It is compiled before the browser's first frame: written out a character at a time it took ~9 ms."""
    from tui.console import safe

    assert safe._CONTROL.pattern == "[\x00-\x08\\\x0b-\x1f\x7f-\x9f\ud800-\udfff]"


def test_clean_text_is_returned_as_it_is_and_rich_strips_the_same_codes_without_a_copy():
    """A text without control characters is not copied through a table look-up per character (clean and
    Rich's strip, run for every text the browser draws); one with them is cleaned as before."""
    import rich.text

    from documents.corpus import Corpus
    from tui.app import CeyueApp
    from tui.console import safe

    plain = "第三十二条 用人单位应当依法建立和完善劳动规章制度。" * 3
    assert clean(plain) is plain
    assert clean("a\x1b[2Jb\x9b") == "a␛[2Jb\ufffd"
    CeyueApp(Corpus(), start_index=False)
    strip = rich.text.strip_control_codes
    assert strip is safe._strip_control_codes
    assert strip(plain) is plain
    for code in range(0x110000):
        text = f"a{chr(code)}b"
        expected = text if code not in (7, 8, 11, 12, 13) else "ab"
        assert strip(text) == expected, hex(code)
    assert Text("a\rb\x07c").plain == "abc"
