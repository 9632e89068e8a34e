"""The user's settings file, ``config.toml`` in the config folder.

Today it holds one setting, the interface language::

    language = "en"        # or "zh"

A file that cannot be used (a TOML error, an unknown setting, a value of the
wrong type) is reported in one line naming the line, and the defaults stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from documents.errors import N_, Message
from documents.locations import user_settings_path
from documents.tomlfile import TomlFileError, at_line, read_toml

#: Every setting and the type its value must have.
KNOWN: dict[str, type] = {"language": str}


@dataclass(frozen=True)
class Settings:
    language: str | None = None
    #: Why the file was not used (one line, naming the line of the file), or None.
    error: Message | None = None
    path: Path | None = None


def load_settings(path: Path | None = None) -> Settings:
    """The settings at ``path`` (default: the user's config.toml); a missing file is no error."""
    path = path if path is not None else user_settings_path()
    if not path.exists():
        return Settings()
    try:
        text, data = read_toml(path)
        for name, value in data.items():
            if name not in KNOWN:
                import difflib

                close = difflib.get_close_matches(name, KNOWN, n=1)
                if close:
                    raise TomlFileError(
                        at_line(
                            text,
                            name,
                            N_("unknown setting '{name}' (did you mean {close}?)"),
                            name=name,
                            close=close[0],
                        )
                    )
                raise TomlFileError(at_line(text, name, N_("unknown setting '{name}'"), name=name))
            if not isinstance(value, KNOWN[name]):
                kind = KNOWN[name].__name__
                raise TomlFileError(
                    at_line(text, name, N_('{name} needs a {kind}, e.g. {name} = "en"'), name=name, kind=kind)
                )
    except TomlFileError as exc:
        return Settings(error=exc.message, path=path)
    return Settings(language=data.get("language"), path=path)
