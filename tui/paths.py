"""Where the browser keeps its files: config (keymap), data (bookmarks)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "ceyue"


def config_dir() -> Path:
    """``$CEYUE_CONFIG_DIR`` or the platform's user config folder."""
    env = os.environ.get("CEYUE_CONFIG_DIR")
    return Path(env) if env else Path(user_config_dir(APP_NAME))


def data_dir() -> Path:
    """``$CEYUE_DATA_DIR`` or the platform's user data folder."""
    env = os.environ.get("CEYUE_DATA_DIR")
    return Path(env) if env else Path(user_data_dir(APP_NAME))


def user_keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def bookmarks_path() -> Path:
    return data_dir() / "bookmarks.json"
