"""Where ceyue keeps its files: the one place that decides the config, data and cache folders.

Each folder is the platform's user folder (platformdirs) unless an environment
variable redirects it, so tests and users with odd set-ups move every file with
one variable: ``CEYUE_CONFIG_DIR`` (settings, keymap, agency/zone tables),
``CEYUE_DATA_DIR`` (documents, notes, bookmarks, session),
``CEYUE_CACHE_DIR`` (parse cache, search index, jieba's dictionary cache).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ceyue"
CONFIG_ENV = "CEYUE_CONFIG_DIR"
DATA_ENV = "CEYUE_DATA_DIR"
CACHE_ENV = "CEYUE_CACHE_DIR"


def config_dir() -> Path:
    """The user's config folder: settings, keymap and extensions of the bundled tables."""
    env = os.environ.get(CONFIG_ENV)
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user's data folder: their documents, notes, bookmarks and last session."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """The cache folder: everything here can be rebuilt from the documents."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP_NAME))


def user_keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def user_settings_path() -> Path:
    return config_dir() / "config.toml"


def user_documents_dir() -> Path:
    return data_dir() / "documents"


def review_db_path() -> Path:
    return data_dir() / "review.sqlite3"


def bookmarks_path() -> Path:
    return data_dir() / "bookmarks.json"


def parse_cache_dir() -> Path:
    return cache_dir() / "parsed"


def index_root() -> Path:
    return cache_dir() / "index"


def jieba_cache_dir() -> Path:
    return cache_dir() / "jieba"
