"""Shared fixtures: the bundled seed documents and isolated user folders."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from documents.corpus import bundled_dir
from documents.model import Document
from documents.parsing.parser import parse_text
from tui.i18n import use_language

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Module- and session-scoped fixtures (a corpus loaded once per file) run before the per-test
# ``isolated_user_dirs``: without this they wrote parse-cache files into the real ~/.cache/ceyue.
# So the whole session points every ceyue folder at a temporary one before any test code runs.
_SESSION_DIRS = Path(tempfile.mkdtemp(prefix="ceyue-tests-"))
for _name, _env in (("cache", "CEYUE_CACHE_DIR"), ("config", "CEYUE_CONFIG_DIR"), ("data", "CEYUE_DATA_DIR")):
    os.environ[_env] = str(_SESSION_DIRS / _name)


atexit.register(shutil.rmtree, _SESSION_DIRS, ignore_errors=True)  # xdist workers too


def pytest_unconfigure(config):
    shutil.rmtree(_SESSION_DIRS, ignore_errors=True)


def parse_seed(short: str) -> Document:
    path = next(bundled_dir().glob(f"{short}_*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), path.stem, path)


@pytest.fixture(scope="session")
def seeds() -> dict[str, Document]:
    return {short: parse_seed(short) for short in ("000", "001", "002", "003", "004")}


@pytest.fixture(scope="module")
def corpus():
    """The bundled seeds, loaded once per module (a module may define its own corpus instead)."""
    from documents.corpus import load_corpus

    return load_corpus([bundled_dir()])


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    """One search index per module: building it per test only costs time."""
    return tmp_path_factory.mktemp("index")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's cache, config and data."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("CEYUE_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("CEYUE_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("CEYUE_DATA_DIR", str(base / "data"))
    return base


@pytest.fixture(autouse=True)
def english_interface():
    """Tests read the interface in English (its msgids) unless they ask for Chinese (``CeyueApp(language="zh")``);
    the language is process-wide, so it is put back after each test."""
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def seed_copies(tmp_path) -> Path:
    """A private copy of three seeds (000, 001, 002), free to edit."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for short in ("000", "001", "002"):
        src = next(bundled_dir().glob(f"{short}_*.txt"))
        shutil.copy(src, folder / src.name)
    return folder


def library_index(folder: Path, files: dict[str, str], index_dir: Path):
    """The search index of a folder holding ``files`` (name → text), written first: close it after use."""
    from documents.corpus import load_corpus
    from index.service import SearchIndex

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return SearchIndex.open(load_corpus([folder]), index_dir=index_dir)
