"""Reading a user's keymap.toml and checking it against the binding registry.

A keymap maps binding ids to keys, in tables per scope or as quoted ids::

    [reader]
    next_section = "ctrl+n"        # or ["ctrl+n", "]"]
    "app.search" = "s"

Any subset may be given. A file with a TOML error, an unknown id or a clash
(two ids of one scope on the same key) is rejected whole, with one line saying
why; the default keys stay in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from documents.errors import Message
from documents.locations import user_keymap_path
from documents.tomlfile import TomlFileError, at_line, parse_toml, read_toml
from tui.bindings import BY_ID, COMMANDS, SCOPES, normalize_keys
from tui.i18n import N_, _, explain


class KeymapError(TomlFileError):
    """A keymap that cannot be used; the message is one line."""


@dataclass
class KeymapResult:
    keymap: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    path: Path | None = None


def load_keymap(path: Path | None = None) -> KeymapResult:
    """The keymap at ``path`` (``--keymap FILE``), else the user's keymap.toml if present."""
    explicit = path is not None
    path = Path(path) if path is not None else user_keymap_path()
    if not path.exists():
        if explicit:
            return KeymapResult(
                error=_("keymap {path}: no such file; using the default keys").format(path=path), path=path
            )
        return KeymapResult(path=None)
    try:
        text, data = read_toml(path)
        keymap = checked_keymap(text, data)
    except TomlFileError as exc:
        return KeymapResult(
            error=_("keymap {path}: {reason}; using the default keys").format(path=path, reason=explain(exc)), path=path
        )
    return KeymapResult(keymap=keymap, path=path)


def parse_keymap(text: str) -> dict[str, str]:
    """Binding id -> keys from keymap TOML, checked; raises KeymapError."""
    return checked_keymap(text, parse_toml(text))


def checked_keymap(text: str, data: dict) -> dict[str, str]:
    keymap: dict[str, str] = {}
    _flatten(data, "", keymap, text)
    clash = find_clash(keymap)
    if clash:
        raise KeymapError(clash)
    return keymap


def _flatten(data: dict, prefix: str, out: dict[str, str], text: str) -> None:
    for name, value in data.items():
        binding_id = f"{prefix}{name}"
        if isinstance(value, dict):
            if prefix or name not in SCOPES:
                raise KeymapError(
                    at_line(
                        text,
                        name,
                        N_("unknown scope [{scope}]; scopes are {scopes}"),
                        scope=binding_id,
                        scopes=", ".join(SCOPES),
                    )
                )
            _flatten(value, f"{name}.", out, text)
            continue
        if binding_id not in BY_ID:
            import difflib

            close = difflib.get_close_matches(binding_id, BY_ID, n=1)
            if close:
                template = N_("unknown binding id '{id}' (did you mean {close}?)")
                raise KeymapError(at_line(text, name, template, id=binding_id, close=close[0]))
            raise KeymapError(at_line(text, name, N_("unknown binding id '{id}'"), id=binding_id))
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not normalize_keys(value):
            template = N_('{id} needs keys as a string such as "ctrl+n" or a list of them')
            raise KeymapError(at_line(text, name, template, id=binding_id))
        out[binding_id] = ",".join(normalize_keys(value))


def find_clash(keymap: dict[str, str]) -> Message | None:
    """A one-line description of the first clash once ``keymap`` is applied, or None."""
    seen: dict[tuple[str, str], str] = {}
    for command in COMMANDS:
        for key in normalize_keys(keymap.get(command.id, command.keys)):
            other = seen.setdefault((command.scope, key), command.id)
            if other != command.id:
                first, second = sorted((other, command.id), key=lambda i: i not in keymap)
                return Message(
                    N_("key '{key}' is bound to both {first} and {second}"),
                    {"key": key, "first": first, "second": second},
                )
    return None


def default_keymap_toml() -> str:
    """The documented default keymap, as kept in the project's keymap.toml."""
    lines = [
        "# 策阅 ceyue — key bindings.",
        "#",
        "# Every binding id with its default keys (comma separated Textual key names;",
        "# a single character stands for itself). To change keys, copy any subset of",
        "# this file to keymap.toml in your config folder (~/.config/ceyue/ on Linux,",
        "# or $CEYUE_CONFIG_DIR), or pass --keymap FILE. A value may also be a list:",
        '# down = ["j", "down"].',
        "#",
        "# Tab moves the focus. Most terminals send ctrl+i as tab, so there reader.forward",
        "# is alt+right (ctrl+i works in terminals that tell the two apart).",
    ]
    for scope, title in SCOPES.items():
        commands = [c for c in COMMANDS if c.scope == scope]
        if not commands:
            continue
        lines += ["", f"# {title}", f"[{scope}]"]
        width = max(len(c.name) for c in commands)
        for command in commands:
            value = '"' + command.keys.replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{command.name.ljust(width)} = {value.ljust(24)} # {command.description}")
    return "\n".join(lines) + "\n"
