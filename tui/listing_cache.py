"""The document list as last shown, so that a restart lists the documents before reading them.

Reading 579 parsed laws takes most of a second of CPU (unpickling their trees),
but the list needs only each document's metadata, facets and column texts. After
the documents are read, :func:`store` keeps that :class:`~tui.screens.documents.Listing`
with each document cut down to its metadata (no sections, clauses or text) in the
cache folder, under a digest of the document files' paths, sizes and
modification times and the parser's version. At the next start :func:`load`
hands it back when every file is as it was, and the list shows at once; the
documents themselves replace it as soon as they are read (opening one waits for
that). A changed, added or removed file, or a new parser, means no preview.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import pickle
from pathlib import Path

from documents.locations import cache_dir
from documents.model import Document
from documents.parsing.parse_cache import file_signature
from tui.screens.documents import Listing

#: Bumped when :class:`Listing` changes shape, so an old entry is not used.
VERSION = 1
#: Entries kept (one per set of document folders used lately); older ones are removed.
KEEP = 8


def files_signature(files: list[Path]) -> str | None:
    """A digest of the files' paths, sizes, mtimes and the parser's version; None when one cannot be read.

    The paths as the files were found, made absolute but not resolved: resolving each (a system call
    per part of the path, 579 laws: 2,900) came before the first frame. A folder reached through
    another link is another listing.
    """
    digest = hashlib.sha1(f"listing {VERSION}\n".encode())
    try:
        for path in files:
            digest.update(os.fsencode(path.absolute()) + b"|" + file_signature(path).encode() + b"\n")
    except OSError:
        return None
    return digest.hexdigest()[:20]


def _entry(signature: str) -> Path:
    return cache_dir() / "listing" / f"{signature}.pickle"


def _outline_only(doc: Document) -> Document:
    """``doc`` with its metadata but none of its text: what a list row needs, a small fraction of the pickle."""
    stub = copy.copy(doc)
    stub.root = copy.copy(doc.root)
    stub.root.children = ()
    stub.root.blocks = ()
    stub.attachments = []
    stub.closing = []
    return stub


def store(signature: str, listing: Listing) -> None:
    """Keep ``listing`` for these files (the documents in it cut down); all but the last :data:`KEEP` entries
    are removed."""
    light = Listing(
        listing.keys,
        [(_outline_only(doc), facets) for doc, facets in listing.rows],
        listing.texts,
        listing.natural,
    )
    target = _entry(signature)
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(light, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)
        entries = sorted(target.parent.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()


def load(signature: str) -> Listing | None:
    """The listing stored for exactly these files, or None (none stored, or unreadable)."""
    try:
        listing = pickle.loads(_entry(signature).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return listing if isinstance(listing, Listing) else None
