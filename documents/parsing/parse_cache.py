"""A cache of parsed documents, so large folders open quickly.

One entry per source file (named after its path and key), headed by a
signature of the file's size and modification time and of the parser's own
source, so a changed file or a new parser version re-parses and overwrites the
entry instead of leaving stale ones behind. A damaged entry is ignored and
rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from documents.locations import parse_cache_dir
from documents.model import Document


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A digest of the code that turns a file into a Document: any change to it invalidates the cache."""
    root = Path(__file__).resolve().parents[1]
    sources = [root / "model.py", root / "corpus.py"]
    sources += sorted((root / "parsing").glob("*.py")) + sorted((root / "formats").glob("*.py"))
    digest = hashlib.sha1()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _entry_path(path: Path, key: str) -> Path:
    name = hashlib.sha1(f"{path.resolve()}|{key}".encode()).hexdigest()
    return parse_cache_dir() / f"{name}.pickle"


def file_signature(path: Path | str) -> str:
    """The file's size and mtime and the parser's version: equal signatures, equal parse (OSError if missing)."""
    stat = os.stat(path)
    return f"{stat.st_size}|{stat.st_mtime_ns}|{parser_fingerprint()}"


def _signature(path: Path) -> bytes:
    return (file_signature(path) + "\n").encode("ascii")


def load(path: Path, key: str) -> Document | None:
    try:
        signature = _signature(path)
        with open(_entry_path(path, key), "rb") as fh:
            if fh.readline() != signature:
                return None
            document = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return document if isinstance(document, Document) else None


def store(path: Path, key: str, document: Document) -> None:
    try:
        target = _entry_path(path, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(_signature(path))
            pickle.dump(document, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        pass
