"""Finding, reading and parsing the documents ceyue browses.

The bundled seed documents ship in ``documents/seeds``; a user adds their own
in the platformdirs data folder or points ``--docs`` at any folder. A file that
cannot be read is reported in one line and the rest still load.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from documents.collector import long_lived
from documents.errors import N_, CeyueError, LoadError, Message
from documents.formats import SUPPORTED_SUFFIXES, UnreadableDocument
from documents.locations import user_documents_dir

if TYPE_CHECKING:
    from documents.model import Document

# Listing the files is all the browser needs before its first frame: the readers, the parse cache and
# the model load with the first document read (load_document), in the worker that reads them.


class DocumentNotFound(CeyueError, LookupError):
    """No document (or more than one) matches what the user typed."""


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def get(self, ref: str) -> Document:
        """The document named by its file stem, short number (``001``) or a unique title fragment."""
        from documents.parsing.spacing import compact

        ref = ref.strip()
        for doc in self.documents:
            if ref in (doc.key, doc.short):
                return doc
        by_path = self._by_path(ref)
        if by_path is not None:
            return by_path
        needle = compact(ref)
        if needle:
            matches = [
                doc
                for doc in self.documents
                if needle in compact(doc.meta.title)
                or needle in compact(doc.meta.inner_title or "")
                or doc.key.startswith(ref)
            ]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(d.short for d in matches[:6])
                raise DocumentNotFound(
                    N_("'{ref}' matches {count} documents ({names}); be more specific"),
                    ref=ref,
                    count=len(matches),
                    names=names,
                )
        raise DocumentNotFound(N_("no document matches '{ref}'"), ref=ref)

    def _by_path(self, ref: str) -> Document | None:
        """The document whose file ``ref`` names: a path as the shell completes it, or the file's name.

        A user copies a path from ``ls`` or tab-completes it; that is as clear a name as the key.
        """
        if not ref or "\0" in ref:
            return None
        named = Path(ref).expanduser()
        if len(named.parts) == 1:
            found = [doc for doc in self.documents if doc.path.name == named.name]
            return found[0] if len(found) == 1 else None
        try:
            if not named.is_file():
                return None
            real = named.resolve()
        except OSError:
            return None
        for doc in self.documents:
            try:
                if doc.path == named or doc.path.resolve() == real:
                    return doc
            except OSError:
                continue
        return None

    def _path_and_address(self, ref: str) -> tuple[Document, str] | None:
        """``path/to/file.txt/第三条``: the longest leading part that is a document's file, and the rest."""
        cut = len(ref)
        while (cut := ref.rfind("/", 0, cut)) > 0:
            doc = self._by_path(ref[:cut])
            if doc is not None:
                return doc, ref[cut + 1 :]
        return None

    def resolve(self, ref: str) -> tuple[Document, str | None]:
        """Split ``DOC[/ADDRESS]`` into the document and the address inside it (None for the whole)."""
        try:
            return self.get(ref), None
        except DocumentNotFound:
            if "/" not in ref:
                raise
        on_path = self._path_and_address(ref)
        if on_path is not None:
            doc, rest = on_path
        else:
            head, _, rest = ref.partition("/")
            doc = self.get(head)
        address = doc.address_as_typed(rest)
        if address is None:
            raise DocumentNotFound(N_("{doc} has no section or clause at '{address}'"), doc=doc.short, address=rest)
        return doc, address


def bundled_dir() -> Path:
    """The folder of documents that ship with ceyue."""
    return Path(__file__).resolve().parent / "seeds"


def default_dirs() -> list[Path]:
    dirs = [bundled_dir()]
    user = user_documents_dir()
    if user.is_dir():
        dirs.append(user)
    return dirs


def document_files(
    dirs: list[Path], *, follow_links: bool = False, skipped: list[LoadError] | None = None
) -> list[Path]:
    """Supported files in ``dirs`` (recursively), sorted by name within each folder.

    The rule for links: a link whose target stays inside the folder being read
    (a file, or a subfolder, which is walked) is followed; one that leaves it
    (``→ /etc/passwd``) is skipped unless ``follow_links``; a dangling link, a
    loop, a FIFO, a device or a socket is skipped. Every skipped entry is added
    to ``skipped`` with a one-line reason. Hidden entries (``.name``) and files
    of other kinds are left alone without a word. File names that are not UTF-8
    are read all the same.
    """
    files: list[Path] = []
    read: dict[Path, Path] = {}  # real path -> the path it was read as
    for folder in dirs:
        try:
            if folder.is_file():
                files.append(folder)
                continue
            root = folder.resolve()
        except OSError as exc:
            _skip(skipped, folder, N_("cannot read {path}: {reason}"), path=folder, reason=exc.strerror or str(exc))
            continue
        if root.is_dir():
            found: list[tuple[Path, Path]] = []
            _walk(folder, root, root, follow_links, skipped, found, {root})
            for path, real in sorted(found):
                if real in read:
                    _skip(
                        skipped,
                        path,
                        N_("{path}: the same file as {other}"),
                        path=display_name(path),
                        other=display_name(read[real]),
                    )
                    continue
                read[real] = path
                files.append(path)
    return files


def _skip(skipped: list[LoadError] | None, path: Path, template: str, /, **params: object) -> None:
    if skipped is not None:
        skipped.append(LoadError.of(path, template, **params))


def _kind_of(mode: int) -> str | None:
    """What a special file is ('a FIFO' …), or None for a regular file or folder."""
    for test, name in (
        (stat.S_ISFIFO, N_("a FIFO")),
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISSOCK, N_("a socket")),
    ):
        if test(mode):
            return name
    return None


def _walk(
    folder: Path,
    real_folder: Path,
    root: Path,
    follow_links: bool,
    skipped: list[LoadError] | None,
    files: list[tuple[Path, Path]],
    seen: set[Path],
) -> None:
    """Add each document file under ``folder`` to ``files`` with its real path.

    The real path of a file that is not a link is its folder's real path and its name: resolving each
    file again took ten system calls a file (579 laws: 5,800), before the first frame of every start.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        _skip(skipped, folder, N_("cannot read folder {path}: {reason}"), path=folder, reason=exc.strerror or str(exc))
        return
    subfolders: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        shown = display_name(path)
        real = real_folder / entry.name
        try:
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                    target_stat = target.stat()
                except (OSError, RuntimeError):
                    _skip(skipped, path, N_("link {link}: its target does not exist (or loops)"), link=shown)
                    continue
                inside = target == root or root in target.parents
                if not inside and not follow_links:
                    _skip(
                        skipped,
                        path,
                        N_("link {link} → {target} leads out of the folder (--follow-links reads it)"),
                        link=shown,
                        target=display_name(target),
                    )
                    continue
                mode = target_stat.st_mode
                real = target
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            _skip(skipped, path, N_("{path}: {reason}"), path=shown, reason=exc.strerror or str(exc))
            continue
        if stat.S_ISDIR(mode):
            subfolders.append(path)
        elif stat.S_ISREG(mode):
            if path.suffix.lower() in SUPPORTED_SUFFIXES and not is_folder_note(path):
                files.append((path, real))
        elif (kind := _kind_of(mode)) is not None:
            _skip(skipped, path, N_("{path}: {kind}, not a document file"), path=shown, kind=Message(kind))
    for sub in subfolders:
        try:
            real_sub = sub.resolve()
        except (OSError, RuntimeError):
            continue
        if real_sub in seen:
            _skip(skipped, sub, N_("{path}: a link back to a folder already read"), path=display_name(sub))
            continue
        _walk(sub, real_sub, root, follow_links, skipped, files, seen | {real_sub})


def display_name(path: Path) -> str:
    """``path`` as text; bytes of a name that is not UTF-8 are read as GB18030 (common on Chinese systems) or
    shown as �."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")


def file_key(path: Path) -> str:
    """The document key of ``path``: its file stem, as text even when the name is not UTF-8."""
    return Path(display_name(Path(path.name))).stem


#: A collection's own description (README.md, MANIFEST, LICENSE …) is not one of its documents.
FOLDER_NOTES = {"README", "READ_ME", "MANIFEST", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "INDEX", "NOTICE"}


def is_folder_note(path: Path) -> bool:
    """A file describing the folder it is in, found inside a folder (a file named on purpose is read)."""
    return path.stem.upper() in FOLDER_NOTES


def load_document(path: Path, key: str | None = None, use_cache: bool = True) -> Document:
    """Read and parse one file; raises :class:`UnreadableDocument` with a one-line message."""
    from documents.parsing import parse_cache

    key = key or file_key(path)
    if use_cache:
        cached = parse_cache.load(path, key)
        if cached is not None:
            cached.path = path
            return cached
    # The readers and the parser are not needed when every file comes from the cache.
    from documents.formats.reading import read_document_text
    from documents.parsing.parser import parse_lines, scan_text

    text, how = read_document_text(path)

    lines = scan_text(text)
    del text  # every character is in the lines now: a 100 MB file's text is not kept while the tree is built
    document = parse_lines(lines, key, path, how)
    if use_cache:
        parse_cache.store(path, key, document)
    return document


def load_corpus(
    dirs: list[Path] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    follow_links: bool = False,
) -> Corpus:
    """Load every supported file in ``dirs`` (default: bundled + user folder).

    ``progress(done, total, file_name)`` is called before each file, so a caller
    can show how far reading has got (and stop it by raising).
    """
    # Unpickling cached parses makes millions of objects and nothing to collect: the collector's
    # passes over them would take most of the time (2.5x as long for 579 laws), and once loaded
    # they stay, so they are frozen out of its reach (documents.collector).
    with long_lived():
        return _load_corpus(dirs, use_cache, progress, follow_links)


def _load_corpus(
    dirs: list[Path] | None, use_cache: bool, progress: Callable[[int, int, str], None] | None, follow_links: bool
) -> Corpus:
    corpus = Corpus()
    seen_keys: set[str] = set()
    seen_shorts: set[str] = set()
    paths = document_files(list(dirs) if dirs else default_dirs(), follow_links=follow_links, skipped=corpus.errors)
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths), display_name(Path(path.name)))
        if not path.exists():
            corpus.errors.append(LoadError.of(path, N_("no such file or folder: {path}"), path=display_name(path)))
            continue
        stem = file_key(path)
        key = stem
        n = 2
        while key in seen_keys:
            key = f"{stem}~{n}"
            n += 1
        try:
            doc = load_document(path, key, use_cache)
        except UnreadableDocument as exc:
            corpus.errors.append(LoadError.from_error(path, exc))
            continue
        except (OSError, ValueError, RecursionError, MemoryError) as exc:
            corpus.errors.append(
                LoadError.of(
                    path, N_("cannot read {path}: {reason}"), path=display_name(Path(path.name)), reason=str(exc)
                )
            )
            continue
        if doc.short in seen_shorts:
            _rekey(doc, doc.key)
        seen_keys.add(doc.key)
        seen_shorts.add(doc.short)
        corpus.documents.append(doc)
    for folder in dirs or []:
        if not folder.exists():
            corpus.errors.append(LoadError.of(folder, N_("no such file or folder: {path}"), path=display_name(folder)))
    mark_present_attachments(corpus.documents)
    return corpus


def _rekey(doc: Document, short: str) -> None:
    """Give a document whose short number clashes its full stem as address prefix."""
    old = doc.short
    doc.short = short

    def swap(address: str) -> str:
        return short + address[len(old) :] if address.startswith(old) else address

    for section in doc.root.walk():
        section.address = swap(section.address)
    for _, block in doc.blocks():
        block.address = swap(block.address)


def mark_present_attachments(documents: list[Document]) -> None:
    """An attachment is present when a loaded document carries its title."""
    from documents.parsing.spacing import compact

    titles = {compact(t) for d in documents for t in (d.meta.title, d.meta.inner_title, d.key) if t}
    for doc in documents:
        for attachment in doc.attachments:
            attachment.present = compact(attachment.title) in titles and compact(attachment.title) not in {
                compact(doc.meta.title),
                compact(doc.meta.inner_title or ""),
            }
