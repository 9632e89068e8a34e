"""What a command-line search imports: Whoosh loads without the modules it never uses, the corpus
from the parse cache without the file readers or the front matter's patterns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import index.service
import whoosh.compat, whoosh.reading
print(sorted(name for name in ("asyncio", "urllib.request", "cached_property", "whoosh.lang.morph_en") if name in sys.modules))
reader_property = whoosh.reading.SegmentReader.__dict__["deleted_docs_set"]
print(type(reader_property).__name__, whoosh.compat.urlretrieve.__module__)
import urllib.request
print(urllib.request.urlretrieve is not whoosh.compat.urlretrieve, hasattr(urllib.request, "urlopen"))
import whoosh.query.terms
print("policies" in whoosh.query.terms.variations("policy"), "whoosh.lang.morph_en" in sys.modules)
"""


def test_whoosh_loads_without_asyncio_urllib_or_english_morphology():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "[]"  # a search never pays for asyncio (via cached_property), urllib.request or morph_en
    assert out[1] == "cached_property index.whoosh_imports"
    assert out[2] == "True True"  # the real urllib.request still loads for whoever imports it
    assert out[3] == "True True"  # Whoosh's English word forms still work, loaded when first asked for


def test_reader_caches_deleted_documents(tmp_path):
    """whoosh.reading's one cached property still caches with the stand-in decorator."""
    from whoosh import fields
    from whoosh.filedb.filestore import FileStorage

    import index  # noqa: F401  (installs the loader before Whoosh is imported, as the app does)

    schema = fields.Schema(id=fields.ID(stored=True))
    ix = FileStorage(str(tmp_path)).create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="a")
        writer.add_document(id="b")
    with ix.writer() as writer:
        writer.delete_by_term("id", "a")
    reader = ix.reader()
    assert reader.deleted_docs_set == frozenset({0})
    assert "deleted_docs_set" in reader.__dict__
    reader.close()


def test_documents_from_the_parse_cache_load_without_the_readers(tmp_path):
    """A corpus whose every file is in the parse cache is loaded without the format readers, the parser
    or the front matter's patterns (their regular expressions took 30 ms of a command-line search)."""
    probe = """
import sys
from documents.corpus import bundled_dir, load_corpus
load_corpus([bundled_dir()])
heavy = ("documents.formats.plain", "documents.formats.reading", "documents.parsing.parser", "documents.parsing.front_matter")
first = [name for name in heavy if name in sys.modules]
for name in heavy:
    sys.modules.pop(name, None)
corpus = load_corpus([bundled_dir()])
print(first, [name for name in heavy if name in sys.modules], len(corpus.documents))
"""
    env = {"CEYUE_CACHE_DIR": str(tmp_path / "cache"), "CEYUE_DATA_DIR": str(tmp_path / "data"), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    assert out.endswith("[] 5")  # the second load, every file from the cache: none of them
    assert "documents.parsing.parser" in out.split("]")[0]  # the first load parsed, so the test can see them


LOADED = "import sys; from main import main; main(); print([m for m in {} if m in sys.modules])"


def test_a_small_library_is_searched_without_numpy_or_the_agency_and_zone_tables(seed_copies, tmp_path):
    """Under ``columns.SMALL`` records no term's postings need numpy (a third of a search's imports):
    the flat file's terms are read into lists, and the index opening does not import it. What a
    query's spellings read of the agency and zone tables is remembered: after a first process, a
    search that names no agency or zone builds neither table."""
    env = {"CEYUE_CACHE_DIR": str(tmp_path / "cache"), "CEYUE_DATA_DIR": str(tmp_path / "data"), "PATH": ""}
    heavy = ("numpy", "documents.extract.agencies", "documents.extract.zones")
    ceyue = [sys.executable, "-c", LOADED.format(heavy)]
    subprocess.run([*ceyue, "--docs", str(seed_copies), "index"], cwd=ROOT, capture_output=True, check=True, env=env)
    for query in ("发展", "产业园区 政策", '"绿色发展"', "人社局", "边合区"):
        out = subprocess.run(
            [*ceyue, "--docs", str(seed_copies), "search", query], cwd=ROOT, capture_output=True, text=True, env=env
        ).stdout.splitlines()
        assert "hits" in out[-2], out  # 发展 is in the flat file (16+ postings)
        assert out[-1] == "[]", query


def test_the_browser_loads_without_the_widgets_textual_names_only_for_types():
    """``textual.command`` takes one type alias from ``textual.types``, which imports the directory tree,
    tree, select and placeholder widgets: the browser loads none of them (tui.textual_imports)."""
    probe = """
import sys
import tui.app
import textual._types, textual.command
unused = ("textual.types", "textual.widgets._directory_tree", "textual.widgets._tree", "textual.widgets._select",
          "textual.widgets._placeholder")
print([name for name in unused if name in sys.modules])
print(textual.command.IgnoreReturnCallbackType is textual._types.IgnoreReturnCallbackType)
import textual.types
print(textual.types.DirEntry.__module__)
"""
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[]", "True", "textual.widgets._directory_tree"]


def test_the_browser_runs_asyncio_without_ssl_and_ssl_still_imports():
    """asyncio's three imports of ``ssl`` (OpenSSL linked: ~31 ms of CPU before the first frame) get the
    ImportError of a Python built without it (tui.textual_imports); the loop runs, and ``ssl`` imported
    by anything else is the real one."""
    probe = """
import sys
import tui.app
import asyncio, asyncio.base_events, asyncio.selector_events, asyncio.sslproto
print("ssl" in sys.modules, [m.ssl for m in (asyncio.base_events, asyncio.selector_events, asyncio.sslproto)])

async def answer():
    await asyncio.sleep(0)
    return await asyncio.get_running_loop().run_in_executor(None, sum, [1, 2])

print(asyncio.run(answer()))
import ssl
print(hasattr(ssl, "create_default_context"))
"""
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["False [None, None, None]", "3", "True"]


COMPILED = """
import sys
from dataclasses import dataclass, field
from documents import compiled_code

@dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list, compare=False)

p = Point(1)
print(p, p == Point(1, 0, ["a"]), p < Point(1, 1), hash(p) == hash(Point(1)), len(compiled_code._added))
compiled_code.save()
"""


def test_the_code_dataclasses_compile_is_kept_for_the_next_start(tmp_path):
    """A dataclass's methods are compiled from their text once: the next process runs the kept code and
    the class behaves the same; a broken file is compiled again, never an error."""
    env = {"CEYUE_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", COMPILED], cwd=ROOT, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    first = run()
    assert first[:-1] == ["Point(x=1,", "y=0,", "tags=[])", "True", "True", "True"]
    assert int(first[-1]) > 0, "the first process compiles the texts"
    assert run() == [*first[:-1], "0"], "the next one compiles none and behaves the same"
    (kept,) = (tmp_path / "cache" / "python").iterdir()
    kept.write_bytes(b"not marshal")
    assert run() == first
