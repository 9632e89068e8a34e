"""The user's settings file, ``config.toml`` in the config folder.

Today it holds one setting, the interface language::

    language = "en"        # or "zh"

A file that cannot be used (a TOML error, an unknown setting, a value of the
wrong type) is reported in one line naming the line, and the defaults stay.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from documents.locations import user_settings_path
from documents.tomlfile import TomlFileError, line_of, read_toml

#: Every setting and the type its value must have.
KNOWN: dict[str, type] = {"language": str}


@dataclass(frozen=True)
class Settings:
    language: str | None = None
    #: Why the file was not used (one line, naming the line of the file), or None.
    error: str | None = None
    path: Path | None = None


def load_settings(path: Path | None = None) -> Settings:
    """The settings at ``path`` (default: the user's config.toml); a missing file is no error."""
    path = path if path is not None else user_settings_path()
    if not path.exists():
        return Settings()
    try:
        text, data = read_toml(path)
        for name, value in data.items():
            where = line_of(text, name)
            if name not in KNOWN:
                close = difflib.get_close_matches(name, KNOWN, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise TomlFileError(f"{where}unknown setting {name!r}{hint}")
            if not isinstance(value, KNOWN[name]):
                raise TomlFileError(f'{where}{name} needs a {KNOWN[name].__name__}, e.g. {name} = "en"')
    except TomlFileError as exc:
        return Settings(error=str(exc), path=path)
    return Settings(language=data.get("language"), path=path)
