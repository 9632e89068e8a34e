"""Which index folder serves a corpus selection (the cache root itself is decided in ``documents.locations``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from documents.locations import index_root


def index_dir_for(dirs: list[Path] | None) -> Path:
    """A separate index per corpus selection, so ``--docs`` runs don't thrash each other."""
    if not dirs:
        name = "bundled"
    else:
        joined = "\n".join(sorted(str(Path(d).resolve()) for d in dirs))
        name = "docs-" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]
    return index_root() / name
