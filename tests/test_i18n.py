"""The interface catalogue: every message of tui/ translated, the .mo compiled from the .po, the language chosen."""

from __future__ import annotations

import gettext
import re
import string
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from documents.settings import load_settings
from tui.i18n import DEFAULT_LANGUAGE, LOCALE_DIR, pick_language

ROOT = Path(__file__).resolve().parents[1]
TUI = ROOT / "tui"
PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "ceyue.po"
MO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "ceyue.mo"
FIX = "add it to tui/locale/zh_CN/LC_MESSAGES/ceyue.po (scripts/translations.sh extracts, then compiles)"


#: Where scripts/translations.sh extracts from: the interface, and the messages the layers below raise.
SOURCES = (TUI, ROOT / "documents", ROOT / "index")


def extracted() -> set[str | tuple[str, str]]:
    """Every msgid Babel finds (``_``, ``N_``, ``ngettext``): what scripts/translations.sh extracts."""
    found: set[str | tuple[str, str]] = set()
    for source in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(str(source)):
            found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as fh:
        return read_po(fh)


def test_every_interface_message_has_a_chinese_translation(catalogue):
    untranslated = []
    for msgid in sorted(extracted(), key=str):
        message = catalogue.get(msgid if isinstance(msgid, str) else msgid[0])
        strings = message.string if message is not None else ""
        if not all(strings if isinstance(strings, tuple) else (strings,)):
            untranslated.append(msgid)
    assert not untranslated, f"untranslated interface messages ({FIX}): {untranslated}"


def test_every_marked_literal_is_seen_by_the_extractor():
    """A ``_("…")`` inside an f-string is invisible to the extractor, so it would never be translated."""
    call = re.compile(r"""\b(?:N_|_|ngettext)\(\s*(["'])((?:\\.|(?!\1).)*)\1""")
    seen = {m if isinstance(m, str) else m[0] for m in extracted()}
    hidden = []
    for path in sorted(p for source in SOURCES for p in source.rglob("*.py")):
        for match in call.finditer(path.read_text(encoding="utf-8")):
            text = match.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if text not in seen:
                hidden.append(f"{path.relative_to(ROOT)}: {text!r}")
    assert not hidden, f"marked for translation but not extracted (inside an f-string?): {hidden}"


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_translations_keep_the_placeholders(catalogue):
    """A translation that drops or renames ``{count}`` would raise KeyError (or lose the number) when shown."""
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(fields(i) for i in ids))
        wrong += [(ids[0], s) for s in strings if s and fields(s) - expected]
        if len(ids) == 1 and strings[0] and fields(strings[0]) != expected:
            wrong.append((ids[0], strings[0]))
    assert not wrong, f"placeholders differ between message and translation: {wrong}"


def test_the_compiled_catalogue_matches_the_po(catalogue):
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            got = compiled.ngettext(message.id[0], message.id[1], 1)
            want = message.string[0]
        else:
            got, want = compiled.gettext(message.id), message.string
        if got != want:
            stale.append(message.id)
    assert not stale, f"ceyue.mo is older than ceyue.po; run scripts/translations.sh: {stale[:5]}"
    assert len(compiled._catalog) - 1 == len([m for m in catalogue if m.id]), "ceyue.mo holds other messages"  # type: ignore[attr-defined]


def test_the_catalogue_ships_in_the_wheel():
    """The .mo is committed and inside tui/, which the wheel takes whole (scripts/offline_install_check.sh
    checks the installed browser finds it)."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    wheel = wheel["targets"]["wheel"]
    assert "tui" in wheel["only-include"]
    assert not [pattern for pattern in wheel.get("exclude", []) if pattern.endswith((".mo", "*"))]
    assert "*.mo" not in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_screens_use_the_translating_footer():
    """Textual's own Footer would show the English msgids of the bindings."""
    direct = [
        str(path.relative_to(ROOT))
        for path in TUI.rglob("*.py")
        if path.name != "footer.py" and re.search(r"from textual\.widgets import[^\n]*\bFooter\b", path.read_text())
    ]
    assert not direct, f"use tui.widgets.footer.Footer: {direct}"


# ---------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("option", "configured", "environ", "expected"),
    [
        (None, None, {}, DEFAULT_LANGUAGE),
        (None, None, {"LANG": "C.UTF-8"}, DEFAULT_LANGUAGE),
        (None, None, {"LC_ALL": "POSIX"}, DEFAULT_LANGUAGE),
        (None, None, {"LANG": "de_DE.UTF-8"}, DEFAULT_LANGUAGE),
        (None, None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, None, {"LANGUAGE": "en_US:zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, DEFAULT_LANGUAGE),
        (None, "en", {"LANG": "zh_CN.UTF-8"}, "en"),
        (None, "en", {"CEYUE_LANG": "zh", "LANG": "en_US.UTF-8"}, DEFAULT_LANGUAGE),
        ("en", "zh", {"CEYUE_LANG": "zh"}, "en"),
        ("zh", None, {"LANG": "en_US.UTF-8"}, DEFAULT_LANGUAGE),
        (None, "fr", {"LANG": "en_US.UTF-8"}, DEFAULT_LANGUAGE),
    ],
)
def test_pick_language(option, configured, environ, expected):
    assert pick_language(option, configured, environ) == expected


def test_settings_file_language(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('language = "en"\n', encoding="utf-8")
    assert load_settings(path).language == "en"
    assert load_settings(tmp_path / "none.toml").error is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('# settings\nlanguage = "en\n', "line 2: TOML error"),
        ('\nlangauge = "en"\n', "line 2: unknown setting 'langauge' (did you mean language?)"),
        ("language = 1\n", "line 1: language needs a str"),
    ],
)
def test_a_broken_settings_file_is_one_line_and_the_defaults_stay(tmp_path, text, expected):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.language is None
    assert settings.error is not None
    assert str(settings.error).startswith(expected) and "\n" not in str(settings.error)


def test_user_facing_errors_are_raised_with_a_template_not_an_f_string():
    """An f-string message cannot be looked up in the catalogue: the browser would show it in English."""
    raise_f = re.compile(
        r"raise (?:UnreadableDocument|DocumentNotFound|QuerySyntaxError|FilterError|TomlFileError|KeymapError"
        r"|ReviewReadOnly|NoDocuments)\(\s*f[\"']"
    )
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for source in SOURCES
        for path in sorted(source.rglob("*.py"))
        for m in raise_f.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
