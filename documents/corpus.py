"""Finding, reading and parsing the documents ceyue browses.

The bundled seed documents ship in ``documents/seeds``; a user adds their own
in the platformdirs data folder or points ``--docs`` at any folder. A file that
cannot be read is reported in one line and the rest still load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from documents.errors import CeyueError
from documents.formats.reading import SUPPORTED_SUFFIXES, UnreadableDocument, read_document_text
from documents.locations import user_documents_dir
from documents.model import Document
from documents.parsing import parse_cache
from documents.parsing.front_matter import compact
from documents.parsing.parser import parse_text


class DocumentNotFound(CeyueError, LookupError):
    """No document (or more than one) matches what the user typed."""


@dataclass
class LoadError:
    path: Path
    message: str


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def get(self, ref: str) -> Document:
        """The document named by its file stem, short number (``001``) or a unique title fragment."""
        ref = ref.strip()
        for doc in self.documents:
            if ref in (doc.key, doc.short):
                return doc
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
                raise DocumentNotFound(f"'{ref}' matches {len(matches)} documents ({names}); be more specific")
        raise DocumentNotFound(f"no document matches '{ref}'")

    def resolve(self, ref: str) -> tuple[Document, str | None]:
        """Split ``DOC[/ADDRESS]`` into the document and the address inside it (None for the whole)."""
        try:
            return self.get(ref), None
        except DocumentNotFound:
            if "/" not in ref:
                raise
        head, _, rest = ref.partition("/")
        doc = self.get(head)
        address = doc.address_as_typed(rest)
        if address is None:
            raise DocumentNotFound(f"{doc.short} has no section or clause at '{rest}'")
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


def document_files(dirs: list[Path]) -> list[Path]:
    """Supported files in ``dirs`` (recursively), sorted by name within each folder."""
    files: list[Path] = []
    for folder in dirs:
        if folder.is_file():
            files.append(folder)
            continue
        files += sorted(
            p
            for p in folder.rglob("*")
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
        )
    return files


def load_document(path: Path, key: str | None = None, use_cache: bool = True) -> Document:
    """Read and parse one file; raises :class:`UnreadableDocument` with a one-line message."""
    key = key or path.stem
    if use_cache:
        cached = parse_cache.load(path, key)
        if cached is not None:
            cached.path = path
            return cached
    text, how = read_document_text(path)
    document = parse_text(text, key, path, how)
    if use_cache:
        parse_cache.store(path, key, document)
    return document


def load_corpus(
    dirs: list[Path] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> Corpus:
    """Load every supported file in ``dirs`` (default: bundled + user folder).

    ``progress(done, total, file_name)`` is called before each file, so a caller
    can show how far reading has got (and stop it by raising).
    """
    corpus = Corpus()
    seen_keys: set[str] = set()
    seen_shorts: set[str] = set()
    paths = document_files(list(dirs) if dirs else default_dirs())
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths), path.name)
        if not path.exists():
            corpus.errors.append(LoadError(path, f"no such file or folder: {path}"))
            continue
        key = path.stem
        n = 2
        while key in seen_keys:
            key = f"{path.stem}~{n}"
            n += 1
        try:
            doc = load_document(path, key, use_cache)
        except UnreadableDocument as exc:
            corpus.errors.append(LoadError(path, str(exc)))
            continue
        except (OSError, ValueError, RecursionError) as exc:
            corpus.errors.append(LoadError(path, f"cannot read {path.name}: {exc}"))
            continue
        if doc.short in seen_shorts:
            _rekey(doc, doc.key)
        seen_keys.add(doc.key)
        seen_shorts.add(doc.short)
        corpus.documents.append(doc)
    for folder in dirs or []:
        if not folder.exists():
            corpus.errors.append(LoadError(folder, f"no such file or folder: {folder}"))
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
    titles = {compact(t) for d in documents for t in (d.meta.title, d.meta.inner_title, d.key) if t}
    for doc in documents:
        for attachment in doc.attachments:
            attachment.present = compact(attachment.title) in titles and compact(attachment.title) not in {
                compact(doc.meta.title),
                compact(doc.meta.inner_title or ""),
            }
