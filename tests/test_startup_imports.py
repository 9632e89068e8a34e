"""What a command-line search imports: Whoosh loads without the modules it never uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import index.service
import whoosh.compat, whoosh.reading
print(sorted(name for name in ("asyncio", "urllib.request", "cached_property") if name in sys.modules))
reader_property = whoosh.reading.SegmentReader.__dict__["deleted_docs_set"]
print(type(reader_property).__name__, whoosh.compat.urlretrieve.__module__)
import urllib.request
print(urllib.request.urlretrieve is not whoosh.compat.urlretrieve, hasattr(urllib.request, "urlopen"))
"""


def test_whoosh_loads_without_asyncio_or_urllib():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "[]"  # a search never pays for asyncio (via cached_property) or urllib.request
    assert out[1] == "cached_property index.whoosh_imports"
    assert out[2] == "True True"  # the real urllib.request still loads for whoever imports it


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
