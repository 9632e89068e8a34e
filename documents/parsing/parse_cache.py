"""A cache of parsed documents, so large folders open quickly.

One entry per source file (named after its path and key), headed by a
signature of the file's size and modification time and of the parser's own
source, so a changed file or a new parser version re-parses and overwrites the
entry instead of leaving stale ones behind.

An entry is ``signature\n``, ``length sha1\n``, then the pickle: it is unpickled
only when the payload has exactly that length and digest, so a damaged entry
(random bytes of the same size, a torn write) is never handed to ``pickle``
(which could ask for gigabytes of memory) — it is removed, and the caller
parses the file again and writes it anew. Entries are written to a temporary
file renamed into place; the temporary file is removed when writing fails (a
full disk), and ones left by killed processes are swept on the next write.

The pickle streams to and from the file (its digest taken on the way, the
length and digest written into a fixed-width header afterwards), never held
whole in memory: for a 100 MB document it was a third copy of the text, beside
the parse and the file's own text.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

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
    name = hashlib.sha1(os.fsencode(path.resolve()) + b"|" + key.encode("utf-8", "surrogateescape")).hexdigest()
    return parse_cache_dir() / f"{name}.pickle"


def file_signature(path: Path | str) -> str:
    """The file's size and mtime and the parser's version: equal signatures, equal parse (OSError if missing)."""
    stat = os.stat(path)
    return f"{stat.st_size}|{stat.st_mtime_ns}|{parser_fingerprint()}"


def _signature(path: Path) -> bytes:
    return (file_signature(path) + "\n").encode("ascii")


_TMP_SUFFIX = ".tmp"
_CHUNK = 1 << 20


def _header(length: int, digest: str) -> bytes:
    """The payload's length and SHA-1, always 58 bytes (written as a placeholder first, then in place)."""
    return f"{length:016d} {digest}\n".encode("ascii")


class _HashingWriter:
    """A file wrapper that counts and digests what pickle writes through it."""

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.length = 0
        self.digest = hashlib.sha1()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.length += len(data)
        return self.fh.write(data)


def _payload_matches(fh: BinaryIO, length: int, digest: str) -> bool:
    """Whether the rest of ``fh`` is ``length`` bytes with SHA-1 ``digest`` (read a chunk at a time)."""
    found, size = hashlib.sha1(), 0
    while chunk := fh.read(_CHUNK):
        found.update(chunk)
        size += len(chunk)
        if size > length:
            return False
    return size == length and found.hexdigest() == digest


def load(path: Path, key: str) -> Document | None:
    """The cached parse of ``path``, or None (missing, stale, damaged: a damaged entry is removed)."""
    entry = _entry_path(path, key)
    try:
        signature = _signature(path)
        fh = open(entry, "rb")  # noqa: SIM115 - closed below, after the pickle is read from it
    except OSError:
        return None
    try:
        with fh:
            if fh.readline(200) != signature:
                return None
            header = fh.readline(100)
            length_text, digest = header.decode("ascii").split()
            start = fh.tell()
            if not _payload_matches(fh, int(length_text), digest):
                raise ValueError("cache entry does not match its checksum")
            fh.seek(start)
            document = pickle.load(fh)
    except OSError:
        return None
    except (
        ValueError,
        UnicodeDecodeError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        IndexError,
        KeyError,
        MemoryError,
        RecursionError,
    ):
        _remove(entry)
        return None
    return document if isinstance(document, Document) else None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@lru_cache(maxsize=1)
def _sweep_stale_temporaries(folder: Path) -> None:
    """Remove temporary entries whose writer died (killed, or a full disk in an older version)."""
    try:
        candidates = list(folder.glob(f"*{_TMP_SUFFIX}"))
    except OSError:
        return
    for tmp in candidates:
        pid_text = tmp.name.rsplit(".", 2)[-2] if tmp.name.count(".") >= 2 else ""
        if not pid_text.isdigit() or not _pid_alive(int(pid_text)) or int(pid_text) == os.getpid():
            _remove(tmp)


def store(path: Path, key: str, document: Document) -> None:
    """Cache ``document`` as the parse of ``path``; a cache that cannot be written is skipped, leaving nothing."""
    tmp: Path | None = None
    try:
        target = _entry_path(path, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temporaries(target.parent)
        tmp = target.with_suffix(f".{os.getpid()}{_TMP_SUFFIX}")
        with open(tmp, "wb") as fh:
            fh.write(_signature(path))
            header_at = fh.tell()
            fh.write(_header(0, "0" * 40))
            sink = _HashingWriter(fh)
            # Without a memo: a memo holds every object pickled, the state tuples made for the
            # purpose included, until the end (a 100 MB document's peak grew by half); nothing in a
            # Document is shared but the few strings the model makes one again as it reads them.
            pickler = pickle.Pickler(sink, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = True
            pickler.dump(document)
            fh.seek(header_at)
            fh.write(_header(sink.length, sink.digest.hexdigest()))
        os.replace(tmp, target)
        tmp = None
    except (OSError, pickle.PicklingError, RecursionError, MemoryError):
        pass
    finally:
        if tmp is not None:
            _remove(tmp)
