"""keymap.toml at the top of the project documents every binding with its default keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.bindings import COMMANDS, normalize_keys
from tui.keymap import default_keymap_toml, parse_keymap

KEYMAP = Path(__file__).resolve().parents[1] / "keymap.toml"


def test_keymap_file_is_the_generated_default():
    assert KEYMAP.read_text(encoding="utf-8") == default_keymap_toml(), (
        "keymap.toml is out of date: regenerate it with "
        "uv run python -c 'from tui.keymap import default_keymap_toml as d; print(d(), end=\"\")' > keymap.toml"
    )


def test_keymap_file_lists_every_command_with_its_default_keys():
    data = tomllib.loads(KEYMAP.read_text(encoding="utf-8"))
    listed = {f"{scope}.{name}": keys for scope, table in data.items() for name, keys in table.items()}
    assert set(listed) == {command.id for command in COMMANDS}
    for command in COMMANDS:
        assert normalize_keys(listed[command.id]) == normalize_keys(command.keys), command.id


def test_keymap_file_is_itself_a_valid_user_keymap():
    keymap = parse_keymap(KEYMAP.read_text(encoding="utf-8"))
    assert len(keymap) == len(COMMANDS)
