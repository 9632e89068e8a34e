"""Where the index keeps its files: the user cache dir, or ``$CEYUE_CACHE_DIR``.

One place decides this so tests (and users with odd setups) can redirect every
cache file — jieba's prefix-dict cache and the search index alike — with one
environment variable.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

ENV_VAR = "CEYUE_CACHE_DIR"


def cache_root() -> Path:
    """The cache root: ``$CEYUE_CACHE_DIR`` if set, else the platform's user cache dir."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(platformdirs.user_cache_dir("ceyue"))


def jieba_cache_dir() -> Path:
    return cache_root() / "jieba"


def index_dir_for(dirs: list[Path] | None) -> Path:
    """A separate index per corpus selection, so ``--docs`` runs don't thrash each other."""
    if not dirs:
        name = "bundled"
    else:
        joined = "\n".join(sorted(str(Path(d).resolve()) for d in dirs))
        name = "docs-" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]
    return cache_root() / "index" / name
