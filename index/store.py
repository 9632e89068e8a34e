"""The on-disk index: generations of Whoosh files, literal tables and a manifest, switched atomically.

Layout of an index folder::

    CURRENT         the name of the live generation; replaced atomically (``os.replace``)
    gen-000007/     one complete generation:
        whoosh/         the Whoosh index, and each segment's postings as flat arrays (:mod:`index.flat`)
        texts.bin/.idx  the literal text table (:mod:`index.literal`)
        headings.bin/.idx  each record's heading path, the same way
        docs.keys/.idx  each record's document (:mod:`index.docmap`)
        shown.bin/.idx/.ser  what a hit shows of each record (:mod:`index.shown`)
        manifest.json   written last: versions, content hashes, file sizes, checksums
        checked.json    which table files an open found matching their checksums, and as what files
    build.lock      ``flock``-ed by whoever updates the folder

Readers open the generation ``CURRENT`` names and read only inside it, so they
never see a half-written one. An update (under the lock) builds the next
generation beside it — a rebuild from empty, an incremental update from hard
links to the current one's files (Whoosh never rewrites a file in place; our
tables are replaced, not edited) — and switches ``CURRENT`` only once it is
complete. It keeps the previous generation for readers that just opened it and
removes older ones and any a killed build left behind; a long-lived reader whose
files vanished reopens the new one (:class:`index.service.SearchIndex`).

A generation is trusted only when its manifest is readable, the versions match,
every file has the recorded size, and the files ceyue writes itself (literal
tables, document map) have the recorded SHA-1; otherwise it is rebuilt. A table
file found matching is hashed again only once its stamp (size, times, inode) is
not the one recorded when it was (``checked.json``), so a restart does not read
every table. Damage inside Whoosh's own files shows when they are read and is repaired then.
Checking all this needs no word segmentation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from documents.collector import few_full_collections
from index import docmap, flat, literal, shown
from index.records import document_hash, text_size
from index.schema import SCHEMA_VERSION, build_schema

try:
    import fcntl
except ImportError:  # Windows: updates are not guarded against a second process
    fcntl = None  # type: ignore[assignment]  # the module or None: callers check before locking

#: Bump when the folder layout or manifest changes.
STORE_VERSION = "5"
MANIFEST = "manifest.json"
#: The table files found matching their checksums, with their stamps (:func:`file_stamp`): a file
#: with the same stamp is not read and hashed again (579 laws: 41 MB at every open).
CHECKED = "checked.json"
#: A file written less than this long before it was checked is checked again next time: timestamps
#: move in clock ticks of a few milliseconds, so a write right after it could leave the stamp as it was.
SETTLED_NS = 2_000_000_000
CURRENT = "CURRENT"
LOCK = "build.lock"
WHOOSH_DIR = "whoosh"
_GENERATION = re.compile(r"gen-(\d{6,})$")
#: A rebuild of this many records writes its tables in a child process while it commits
#: (:mod:`index.tables`): below, starting one costs more than it saves.
TABLES_PROCESS_MIN_RECORDS = 20_000

Progress = Callable[[int, int, str], None]
_TABLE_FILES = (
    *literal.table_files(literal.TEXTS),
    *literal.table_files(literal.HEADINGS),
    *docmap.FILES,
    *shown.FILES,
)


class IndexUnavailable(RuntimeError):
    """The index folder has no complete generation to read (being built for the first time, or damaged)."""


@dataclass
class UpdatePlan:
    """What an update has to do; ``rebuild`` means start from an empty folder."""

    rebuild: bool
    reason: str
    changed: list = field(default_factory=list)  # Documents to (re)index
    removed: list[str] = field(default_factory=list)  # doc keys to delete
    hashes: dict[str, str] = field(default_factory=dict)  # doc key -> content hash, whole corpus
    sources: dict[str, list[str]] = field(default_factory=dict)  # doc key -> [file signature, hash]
    #: Nothing to index, but files were touched or the parser changed: record their new signatures,
    #: so the next open does not walk those documents again.
    resign: bool = False

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


def file_stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file is written, replaced or copied: size, times, inode and device.

    The change time cannot be set back (``touch`` sets the modification time, and changes this one).
    """
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def _read_checked(directory: Path) -> dict[str, list]:
    """The table files a previous open found matching their checksums: name -> [checksum, *stamp]."""
    try:
        data = json.loads((directory / CHECKED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_checked(directory: Path, checked: dict[str, list]) -> None:
    """Remember ``checked`` for the next open; a folder that cannot be written is checked in full again."""
    tmp = directory / f"{CHECKED}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        tmp.write_text(json.dumps(checked), encoding="utf-8")
        os.replace(tmp, directory / CHECKED)
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class Generation:
    """One complete, immutable generation folder: what a reader opens."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.name = self.directory.name
        self.whoosh_dir = self.directory / WHOOSH_DIR

    def open_whoosh(self):
        return whoosh_index.open_dir(str(self.whoosh_dir))

    def open_texts(self) -> literal.TextTable:
        return literal.TextTable(self.directory)

    def open_headings(self) -> literal.TextTable:
        return literal.TextTable(self.directory, literal.HEADINGS)

    def open_shown(self) -> shown.ShownTable:
        return shown.ShownTable(self.directory)

    def open_doc_map(self) -> docmap.DocMap:
        return docmap.DocMap(self.directory)


class IndexStore:
    """One index folder: inspection, incremental updates by generation, crash recovery."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    # ------------------------------------------------------------ inspection

    def current_name(self) -> str | None:
        """The live generation's folder name, or None when there is none yet."""
        try:
            name = (self.directory / CURRENT).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name if _GENERATION.match(name) else None

    def current(self) -> Generation | None:
        name = self.current_name()
        return Generation(self.directory / name) if name else None

    def snapshot(self) -> Generation:
        """The live generation, for reading; :class:`IndexUnavailable` when there is none."""
        generation = self.current()
        if generation is None or not generation.directory.is_dir():
            raise IndexUnavailable(f"no index in {self.directory}")
        return generation

    @property
    def whoosh_dir(self) -> Path:
        generation = self.current()
        return generation.whoosh_dir if generation else self.directory / "gen-none" / WHOOSH_DIR

    def manifest(self) -> dict | None:
        generation = self.current()
        if generation is None:
            return None
        try:
            data = json.loads((generation.directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def damage(self, manifest: dict | None) -> str | None:
        """Why the live generation cannot be trusted as it is, or None."""
        generation = self.current()
        if generation is None:
            return "no index yet"
        if manifest is None:
            return "index has no valid manifest"
        versions = manifest.get("versions")
        if versions != _versions():
            return "index was built by another version or dictionary"
        files = manifest.get("files")
        if not files or not isinstance(files, dict):
            return "index has no files"
        for name, size in files.items():
            try:
                if (generation.directory / name).stat().st_size != size:
                    return f"index file {name} is damaged (size)"
            except OSError:
                return f"index file {name} is missing"
        checksums = manifest.get("checksums")
        if not isinstance(checksums, dict) or set(checksums) != set(_TABLE_FILES):
            return "index has no checksums"
        checked = _read_checked(generation.directory)
        settled: dict[str, list] = {}
        now = time.time_ns()
        for name, expected in checksums.items():
            path = generation.directory / name
            try:
                status = path.stat()
                stamp = [expected, *file_stamp(status)]
                if checked.get(name) != stamp and file_digest(path) != expected:
                    return f"index file {name} is damaged (checksum)"
            except OSError:
                return f"index file {name} is missing"
            if now - status.st_ctime_ns >= SETTLED_NS:
                settled[name] = stamp
        if settled and settled != checked:
            _write_checked(generation.directory, settled)
        return None

    def plan(self, corpus, *, rebuild: bool = False) -> UpdatePlan:
        manifest = self.manifest()
        reason = "rebuild requested" if rebuild else self.damage(manifest)
        known = {} if reason or manifest is None else manifest.get("sources") or {}
        if not isinstance(known, dict):
            known = {}
        hashes: dict[str, str] = {}
        sources: dict[str, list[str]] = {}
        for doc in corpus.documents:
            hashes[doc.key], entry = _hash_of(doc, known)
            if entry is not None:
                sources[doc.key] = entry
        if reason or manifest is None:
            return UpdatePlan(True, reason or "no index yet", list(corpus.documents), [], hashes, sources)
        indexed = manifest.get("docs", {})
        changed = [doc for doc in corpus.documents if indexed.get(doc.key) != hashes[doc.key]]
        removed = [key for key in indexed if key not in hashes]
        plan = UpdatePlan(
            False, "up to date" if not (changed or removed) else "documents changed", changed, removed, hashes, sources
        )
        plan.resign = not plan.needed and sources != known
        return plan

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
            elif plan.resign:
                self._resign(plan)
            return plan

    def resign(self, plan: UpdatePlan) -> None:
        """Record ``plan``'s file signatures (facts about the files, true for any generation)."""
        with self.locked():
            self._resign(plan)

    def _resign(self, plan: UpdatePlan) -> None:
        """Replace the live manifest's file signatures (the only change made to a live generation)."""
        generation, manifest = self.current(), self.manifest()
        if generation is None or manifest is None:
            return
        manifest["sources"] = plan.sources
        with contextlib.suppress(OSError):
            _write_manifest(generation.directory, manifest)

    def _generations(self) -> list[Path]:
        found = []
        with contextlib.suppress(OSError):
            for path in self.directory.iterdir():
                if _GENERATION.match(path.name):
                    found.append(path)
        return sorted(found, key=lambda p: int(p.name[4:]))

    def _next_generation(self) -> Path:
        existing = self._generations()
        number = int(existing[-1].name[4:]) + 1 if existing else 1
        return self.directory / f"gen-{number:06d}"

    def _collect(self, keep: set[str]) -> None:
        """Remove generations other than ``keep`` (killed builds, ones two switches old) and the old flat layout."""
        for path in self._generations():
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        for name in ("manifest.json", "BUILDING", *_TABLE_FILES):  # STORE_VERSION 3 kept these at the top
            with contextlib.suppress(OSError):
                (self.directory / name).unlink()
        shutil.rmtree(self.directory / WHOOSH_DIR, ignore_errors=True)

    def _apply(self, plan: UpdatePlan, progress: Progress | None) -> None:
        previous = self.current()
        target = self._next_generation()
        self._collect({previous.name} if previous else set())
        try:
            with few_full_collections():  # the records in flight hold no cycles (documents.collector)
                self._build(target, previous, plan, progress)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        _fsync_dir(target)
        tmp = self.directory / (CURRENT + ".tmp")
        with tmp.open("w", encoding="ascii") as fh:
            fh.write(target.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.directory / CURRENT)
        _fsync_dir(self.directory)
        # Readers that opened the previous generation a moment ago keep it; older ones go.
        self._collect({target.name} | ({previous.name} if previous else set()))

    def _build(self, target: Path, previous: Generation | None, plan: UpdatePlan, progress: Progress | None) -> None:
        # Imported when a build is needed, not to search: opening an index for a restart does without.
        from index.builder import FastAdder, add_records, shown_record
        from index.flat_process import FlatProcess
        from index.prepare import prepared
        from index.tables import TablesProcess

        whoosh_dir = target / WHOOSH_DIR
        whoosh_dir.mkdir(parents=True)
        incremental = not plan.rebuild and previous is not None
        if incremental:
            assert previous is not None
            for path in previous.whoosh_dir.iterdir():
                if path.is_file() and "LOCK" not in path.name:
                    _link_or_copy(path, whoosh_dir / path.name)
            ix = whoosh_index.open_dir(str(whoosh_dir))
        else:
            ix = whoosh_index.create_in(str(whoosh_dir), build_schema())
        kept = shown.ShownTable(previous.directory) if incremental and previous is not None else None
        added = shown.Spill(target / "added.tmp")
        tables: TablesProcess | None = None
        flat_writer: FlatProcess | None = None
        serial = max(kept.serials, default=-1) + 1 if kept is not None else 0
        # Separate segment files, not one compound file: opening a compound
        # segment copies every part of it into memory.
        writer = ix.writer(limitmb=256, compound=False)
        try:
            adder = FastAdder(writer)
            adder.pool.expect(sum(map(text_size, plan.changed)))
            for key in plan.removed:
                writer.delete_by_term("doc", key)
            total = len(plan.changed)
            if progress and total:
                progress(0, total, plan.changed[0].title)
            done = 0
            with contextlib.closing(prepared(plan.changed)) as documents:
                for item in documents:  # a whole document, or a part of a large one
                    if incremental and item.first:
                        writer.delete_by_term("doc", item.key)
                    serials = list(range(serial, serial + len(item.records)))
                    serial += len(item.records)
                    add_records(writer, item.records, serials, adder, item.cuts)
                    adder.pool.added(sum(len(record.text) for record in item.records))
                    added.add(serials[0] if serials else serial, list(map(shown_record, item.records, item.cuts)))
                    if item.last:
                        done += 1
                        if progress and done < total:
                            progress(done, total, plan.changed[done].title)
                    del item  # the part written is not held while the next one is made and read
            if progress:
                progress(total, total, "writing the index…")
            if not incremental and serial >= TABLES_PROCESS_MIN_RECORDS:
                with contextlib.suppress(OSError):
                    tables = TablesProcess(target, added, serial)
                if adder.pool.flat_path is not None and not adder.pool.run_files:
                    with contextlib.suppress(OSError):
                        flat_writer = FlatProcess(adder.pool)
            writer.commit()
            if flat_writer is not None:
                flat_writer.result()  # a child that failed left the file to write_missing
            flat.write_missing(ix)  # each new segment's postings as flat arrays, for searches
            if progress:
                progress(total, total, "")
        except BaseException:
            for child in (tables, flat_writer):
                if child is not None:
                    child.stop()
            writer.cancel()
            ix.close()
            added.close()
            if kept is not None:
                kept.close()
            raise
        try:
            texts_info = tables.result() if tables is not None else None
            if texts_info is None or not _numbered_as_added(ix, serial):
                texts_info = self._write_texts(ix, target, added, kept)
        finally:
            if tables is not None:
                tables.stop()
            ix.close()
            added.close()
            if kept is not None:
                kept.close()
        manifest = {
            "versions": _versions(),
            "docs": plan.hashes,
            "sources": plan.sources,
            "texts": texts_info,
            "files": self._file_sizes(target),
            "checksums": {name: file_digest(target / name) for name in _TABLE_FILES},
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        _write_manifest(target, manifest)

    @staticmethod
    def _write_texts(ix, target: Path, added: shown.Spill, kept: shown.ShownTable | None) -> dict:
        """Write the generation's tables (:func:`index.tables.write_tables`) in the index's docnum order."""
        from index.tables import write_tables

        with ix.reader() as reader:
            count = reader.doc_count_all()
            column = reader.column_reader("serial")
            serials = [None if reader.is_deleted(d) else column[d] for d in range(count)]
        return write_tables(target, serials, added, kept)

    @staticmethod
    def _file_sizes(target: Path) -> dict[str, int]:
        sizes = {}
        for path in sorted((target / WHOOSH_DIR).iterdir()):
            if path.is_file() and "LOCK" not in path.name:
                sizes[f"{WHOOSH_DIR}/{path.name}"] = path.stat().st_size
        for name in _TABLE_FILES:
            sizes[name] = (target / name).stat().st_size
        return sizes

    def size_bytes(self) -> int:
        return sum((self.manifest() or {}).get("files", {}).values())


def _numbered_as_added(ix, count: int) -> bool:
    """Whether the index holds ``count`` documents, none deleted, each numbered by its serial."""
    with ix.reader() as reader:
        if reader.doc_count_all() != count or reader.has_deletions():
            return False
        return list(reader.column_reader("serial")) == list(range(count))


def _write_manifest(directory: Path, manifest: dict) -> None:
    tmp = directory / (MANIFEST + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(manifest, indent=1))  # ASCII: a file name that is not UTF-8 round-trips
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, directory / MANIFEST)


def _fsync_dir(path: Path) -> None:
    """Make a folder's entries (new files, a rename) durable; a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
