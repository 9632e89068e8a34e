"""The on-disk index: Whoosh files, the literal text table and a manifest, kept current.

Layout of an index folder::

    whoosh/         the Whoosh index
    texts.bin/.idx  the literal text table (:mod:`index.literal`)
    headings.bin/.idx  each record's heading path, the same way
    docs.keys/.idx  each record's document (:mod:`index.docmap`)
    manifest.json   written last: versions, per-document content hashes, file sizes
    BUILDING        present while a build runs; left behind by a killed build
    build.lock      ``flock``-ed by whoever updates the folder

An index is trusted only when the manifest is present and readable, no
``BUILDING`` marker is left, and every file has the size the manifest recorded;
otherwise it is rebuilt from scratch. Updates are incremental: documents whose
content hash changed (or that are new) are re-indexed, removed ones deleted.
Checking all this needs no word segmentation.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from index import docmap, literal
from index.builder import add_records
from index.records import document_hash, document_records, searchable_path
from index.schema import SCHEMA_VERSION, build_schema

try:
    import fcntl
except ImportError:  # Windows: updates are not guarded against a second process
    fcntl = None  # type: ignore[assignment]  # the module or None: callers check before locking

#: Bump when the folder layout or manifest changes.
STORE_VERSION = "3"
MANIFEST = "manifest.json"
MARKER = "BUILDING"
LOCK = "build.lock"
WHOOSH_DIR = "whoosh"

Progress = Callable[[int, int, str], None]
_TABLE_FILES = (*literal.table_files(literal.TEXTS), *literal.table_files(literal.HEADINGS), *docmap.FILES)


@dataclass
class UpdatePlan:
    """What an update has to do; ``rebuild`` means start from an empty folder."""

    rebuild: bool
    reason: str
    changed: list = field(default_factory=list)  # Documents to (re)index
    removed: list[str] = field(default_factory=list)  # doc keys to delete
    hashes: dict[str, str] = field(default_factory=dict)  # doc key -> content hash, whole corpus
    sources: dict[str, list[str]] = field(default_factory=dict)  # doc key -> [file signature, hash]

    @property
    def needed(self) -> bool:
        return self.rebuild or bool(self.changed) or bool(self.removed)


def source_signature(doc) -> str | None:
    """The document's file (size, mtime) and the parser version, or None without a file.

    Same signature means same parse, so the content hash recorded next to it
    can be reused without walking the document.
    """
    path = getattr(doc, "path", None)
    if not path:
        return None
    from documents.parsing.parse_cache import file_signature

    try:
        return f"{path}|{file_signature(path)}"
    except OSError:
        return None


def _hash_of(doc, known: dict) -> tuple[str, list[str] | None]:
    """``doc``'s content hash (from ``known`` when its file is unchanged) and its source entry."""
    signature = source_signature(doc)
    entry = known.get(doc.key)
    if signature is not None and isinstance(entry, list) and len(entry) == 2 and entry[0] == signature:
        return entry[1], entry
    digest = document_hash(doc)
    return digest, ([signature, digest] if signature is not None else None)


def _versions() -> dict[str, str]:
    from index.dictionary import fingerprint

    return {"store": STORE_VERSION, "schema": SCHEMA_VERSION, "fingerprint": fingerprint()}


class IndexStore:
    """One index folder: inspection, incremental updates and crash recovery."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.whoosh_dir = self.directory / WHOOSH_DIR

    # ------------------------------------------------------------ inspection

    def manifest(self) -> dict | None:
        try:
            data = json.loads((self.directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def damage(self, manifest: dict | None) -> str | None:
        """Why the folder cannot be trusted as it is, or None."""
        if manifest is None:
            if not self.whoosh_dir.exists():
                return "no index yet"
            return "index has no valid manifest (an interrupted build?)"
        if (self.directory / MARKER).exists():
            return "an earlier build did not finish"
        versions = manifest.get("versions")
        if versions != _versions():
            return "index was built by another version or dictionary"
        for name, size in (manifest.get("files") or {}).items():
            try:
                if (self.directory / name).stat().st_size != size:
                    return f"index file {name} is damaged"
            except OSError:
                return f"index file {name} is missing"
        if not manifest.get("files"):
            return "index has no files"
        return None

    def plan(self, corpus, *, rebuild: bool = False) -> UpdatePlan:
        manifest = self.manifest()
        reason = "rebuild requested" if rebuild else self.damage(manifest)
        known = manifest.get("sources") or {} if manifest is not None and not reason else {}
        if not isinstance(known, dict):
            known = {}
        hashes: dict[str, str] = {}
        sources: dict[str, list[str]] = {}
        for doc in corpus.documents:
            hashes[doc.key], entry = _hash_of(doc, known)
            if entry is not None:
                sources[doc.key] = entry
        if reason or manifest is None:  # damage() names a reason whenever there is no manifest
            return UpdatePlan(True, reason or "no index yet", list(corpus.documents), [], hashes, sources)
        indexed = manifest.get("docs", {})
        changed = [doc for doc in corpus.documents if indexed.get(doc.key) != hashes[doc.key]]
        removed = [key for key in indexed if key not in hashes]
        return UpdatePlan(
            False, "up to date" if not (changed or removed) else "documents changed", changed, removed, hashes, sources
        )

    # ------------------------------------------------------------ updating

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive right to change the folder (waits for another process's build)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with (self.directory / LOCK).open("a") as fh:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def update(self, corpus, *, rebuild: bool = False, progress: Progress | None = None) -> UpdatePlan:
        """Bring the folder up to date with ``corpus``; returns what was done."""
        with self.locked():
            plan = self.plan(corpus, rebuild=rebuild)
            if plan.needed:
                self._apply(plan, progress)
            return plan

    def _clear(self) -> None:
        for name in (MANIFEST, *_TABLE_FILES):
            with contextlib.suppress(FileNotFoundError):
                (self.directory / name).unlink()
        shutil.rmtree(self.whoosh_dir, ignore_errors=True)

    def _apply(self, plan: UpdatePlan, progress: Progress | None) -> None:
        marker = self.directory / MARKER
        with marker.open("w") as fh:
            fh.write(f"{os.getpid()} {time.time():.0f}\n")
            fh.flush()
            os.fsync(fh.fileno())
        if plan.rebuild:
            self._clear()
            self.whoosh_dir.mkdir(parents=True)
            ix = whoosh_index.create_in(str(self.whoosh_dir), build_schema())
        else:
            (self.directory / MANIFEST).unlink()
            ix = whoosh_index.open_dir(str(self.whoosh_dir))
        counts: dict[str, int] = {}
        # Separate segment files, not one compound file: opening a compound
        # segment copies every part of it into memory.
        writer = ix.writer(limitmb=256, compound=False)
        try:
            for key in plan.removed:
                writer.delete_by_term("doc", key)
            total = len(plan.changed)
            for i, doc in enumerate(plan.changed):
                if progress:
                    progress(i, total, doc.title)
                if not plan.rebuild:
                    writer.delete_by_term("doc", doc.key)
                records = document_records(doc)
                add_records(writer, records)
                counts[doc.key] = len(records)
            if progress:
                progress(total, total, "writing the index…")
            writer.commit()
            if progress:
                progress(total, total, "")
        except BaseException:
            writer.cancel()
            raise
        texts_info = self._write_texts(ix)
        ix.close()
        manifest = {
            "versions": _versions(),
            "docs": plan.hashes,
            "sources": plan.sources,
            "texts": texts_info,
            "files": self._file_sizes(),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        tmp = self.directory / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.directory / MANIFEST)
        marker.unlink()

    def _write_texts(self, ix) -> dict:
        """Rewrite the literal tables (texts, heading paths) and the document map in docnum order."""
        texts: list[str | None] = []
        headings: list[str | None] = []
        docs: list[str | None] = []
        with ix.reader() as reader:
            for docnum in range(reader.doc_count_all()):
                if reader.is_deleted(docnum):
                    texts.append(None)
                    headings.append(None)
                    docs.append(None)
                    continue
                stored = reader.stored_fields(docnum)
                texts.append(stored.get("text", ""))
                path = json.loads(stored.get("meta") or "{}").get("path") or []
                headings.append(searchable_path(path))
                docs.append(stored["doc"])
        literal.write_table(self.directory, headings, literal.HEADINGS)
        docmap.write_doc_map(self.directory, docs)
        return literal.write_table(self.directory, texts)

    def _file_sizes(self) -> dict[str, int]:
        sizes = {}
        for path in sorted(self.whoosh_dir.iterdir()):
            if path.is_file() and "LOCK" not in path.name:
                sizes[f"{WHOOSH_DIR}/{path.name}"] = path.stat().st_size
        for name in _TABLE_FILES:
            sizes[name] = (self.directory / name).stat().st_size
        return sizes

    def size_bytes(self) -> int:
        return sum((self.manifest() or {}).get("files", {}).values())

    # ------------------------------------------------------------ reading

    def open_whoosh(self):
        return whoosh_index.open_dir(str(self.whoosh_dir))

    def open_texts(self) -> literal.TextTable:
        return literal.TextTable(self.directory)

    def open_headings(self) -> literal.TextTable:
        return literal.TextTable(self.directory, literal.HEADINGS)

    def open_doc_map(self) -> docmap.DocMap:
        return docmap.DocMap(self.directory)
