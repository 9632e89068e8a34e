"""Hostile files, folders and processes (issue 17): the index, the parse cache, the notes, the folders."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import main
from documents.corpus import bundled_dir, document_files, load_corpus
from documents.locations import cache_dir, parse_cache_dir
from documents.parsing import parse_cache
from documents.state import review_export
from documents.state.review import ReviewReadOnly, ReviewStore
from index import literal
from index.service import SearchIndex
from index.store import IndexStore

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------ 7. tests stay in temporary folders


@pytest.fixture(scope="module")
def module_cache_dir():
    return cache_dir()  # evaluated before any per-test fixture, like the corpora other test files load once


def test_module_fixtures_do_not_see_the_real_user_folders(module_cache_dir):
    import platformdirs

    real = Path(platformdirs.user_cache_dir("ceyue"))
    assert module_cache_dir != real and real not in module_cache_dir.parents


# ------------------------------------------------------------ 3. parse cache


def cached_corpus(folder):
    corpus = load_corpus([folder])
    return corpus, sorted(parse_cache_dir().glob("*.pickle"))


def test_damaged_parse_cache_entry_is_rewritten(seed_copies):
    corpus, entries = cached_corpus(seed_copies)
    assert len(entries) == 3
    victim = entries[0]
    data = bytearray(victim.read_bytes())
    header_end = data.index(b"\n", data.index(b"\n") + 1) + 1
    for i in range(header_end, len(data)):  # same size, random-looking payload
        data[i] = (data[i] * 7 + i) % 256
    victim.write_bytes(bytes(data))
    again = load_corpus([seed_copies])
    assert [d.short for d in again.documents] == [d.short for d in corpus.documents] and not again.errors
    assert victim.read_bytes() != bytes(data)  # rewritten with a good entry
    for doc in again.documents:
        assert parse_cache.load(doc.path, doc.key) is not None


def test_parse_cache_payload_claiming_gigabytes_never_reaches_pickle(seed_copies, monkeypatch):
    _, entries = cached_corpus(seed_copies)
    for victim in entries:  # a frame header asking for 2^64 bytes: MemoryError on every command before
        lines = victim.read_bytes().split(b"\n", 2)
        victim.write_bytes(lines[0] + b"\n" + lines[1] + b"\n" + b"\x80\x05\x95" + b"\xff" * 8 + lines[2][11:])
    monkeypatch.setattr(parse_cache.pickle, "load", lambda *a: pytest.fail("unpickled a damaged entry"))
    for path in seed_copies.iterdir():
        assert parse_cache.load(path, path.stem) is None
    assert not any(victim.exists() for victim in entries)


def test_full_disk_leaves_no_parse_cache_temporaries(seed_copies, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(parse_cache.os, "replace", full)
    corpus = load_corpus([seed_copies])
    assert len(corpus.documents) == 3
    assert not list(parse_cache_dir().glob("*.tmp"))


def test_temporaries_of_dead_writers_are_swept(seed_copies):
    parse_cache_dir().mkdir(parents=True, exist_ok=True)
    stale = parse_cache_dir() / "abc.999999999.tmp"
    stale.write_bytes(b"x" * 100)
    parse_cache._sweep_stale_temporaries.cache_clear()
    load_corpus([seed_copies])
    assert not stale.exists()


# ------------------------------------------------------------ 2. index: keys, concurrency


def test_file_name_with_newline_does_not_shift_other_documents(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    sources = sorted(bundled_dir().glob("00[012]_*.txt"))
    shutil.copy(sources[0], folder / "a\nb_first.txt")
    shutil.copy(sources[1], folder / sources[1].name)
    shutil.copy(sources[2], folder / sources[2].name)
    corpus = load_corpus([folder], use_cache=False)
    with SearchIndex.open(corpus, index_dir=tmp_path / "ix") as ix:
        docmap = ix._searcher.docs
        reader = ix._searcher.reader
        for number, key in enumerate(docmap.keys):
            indexed = {d for d in reader.postings("doc", key).all_ids() if not reader.is_deleted(d)}
            assert indexed == {d for d, n in enumerate(docmap.numbers) if n == number}
        assert any("\n" in key for key in docmap.keys)
        for hit in ix.search("开发区", limit=50).hits:
            assert hit.address.startswith(corpus.get(hit.doc).short)


def test_searches_during_rebuilds_never_fail(seed_copies, tmp_path):
    corpus = load_corpus([seed_copies], use_cache=False)
    index_dir = tmp_path / "ix"
    SearchIndex.open(corpus, index_dir=index_dir).close()
    done = threading.Event()
    errors: list[BaseException] = []

    def rebuild():
        try:
            for _ in range(3):
                IndexStore(index_dir).update(corpus, rebuild=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    reader = SearchIndex.open(corpus, index_dir=index_dir)
    thread = threading.Thread(target=rebuild)
    thread.start()
    searches = 0
    while not done.is_set() or searches < 5:
        assert reader.search("循环化改造").hits
        with SearchIndex.open(corpus, index_dir=index_dir) as fresh:
            assert fresh.search("亩均效益").hits
        searches += 1
    thread.join()
    reader.close()
    assert not errors


# ------------------------------------------------------------ 5. one line, exit 2


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("ceyue: ") and "Traceback" not in err


def test_no_loadable_documents_is_one_line(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"")
    code, _, err = run(capsys, "--docs", tmp_path, "search", "开发区")
    assert code == 2 and "no documents" in err and "Traceback" not in err


def test_deeply_nested_query_is_answered(seed_copies, capsys):
    code, _, err = run(capsys, "--docs", seed_copies, "search", "(" * 300 + "开发区" + ")" * 300)
    assert code == 0 and one_line(err) and "nested" in err
    code, _, err = run(capsys, "--docs", seed_copies, "search", "NOT " * 400 + "开发区")
    assert code == 0 and one_line(err)


def test_non_utf8_query_is_one_line(seed_copies, capsys):
    query = b"\xff\xfe\xe5\xbc\x80".decode("utf-8", "surrogateescape")
    code, _, err = run(capsys, "--docs", seed_copies, "search", query)
    assert code == 2 and one_line(err) and "0xff" in err


def test_full_disk_during_index_build_is_one_line_and_leaves_nothing(seed_copies, tmp_path, capsys, monkeypatch):
    original = literal.TableWriter.close

    def full(self):
        original(self)
        raise OSError(errno.ENOSPC, "No space left on device", str(self.directory / self.names[0]))

    monkeypatch.setattr(literal.TableWriter, "close", full)
    code, _, err = run(capsys, "--docs", seed_copies, "index")
    assert code == 2 and one_line(err) and "disk full" in err
    index_root = cache_dir() / "index"
    assert not list(index_root.rglob("gen-*")) and not list(index_root.rglob("*.tmp"))
    monkeypatch.setattr(literal.TableWriter, "close", original)
    assert run(capsys, "--docs", seed_copies, "index")[0] == 0


def test_read_only_cache_is_one_line(seed_copies, capsys, monkeypatch):
    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, _, err = run(capsys, "--docs", seed_copies, "index")
    assert code == 2 and one_line(err) and "Read-only" in err


def test_read_only_cache_still_searches_an_existing_index(seed_copies, capsys, monkeypatch):
    assert run(capsys, "--docs", seed_copies, "index")[0] == 0

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, out, _ = run(capsys, "--docs", seed_copies, "search", "亩均效益")
    assert code == 0 and "亩均效益" in out


# ------------------------------------------------------------ 4. the notes


def entries(n, start=0, doc="001_x"):
    return [
        {"doc": doc, "address": f"001/{i}", "mark": "flagged" if i % 2 else None, "note": f"  note {i}  ", "text": "t"}
        for i in range(start, start + n)
    ]


def test_import_is_validated_first_and_all_or_nothing(tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite3")
    rows = entries(5)
    rows[2]["mark"] = "bogus"
    with pytest.raises(ValueError, match=r"entry 3 \(001_x 001/2\).*mark"):
        review_export.import_json(store, json.dumps(rows))
    assert store.items() == []
    for bad, pattern in [
        ({"doc": 5, "address": "a"}, "entry 1: 'doc' must be a non-empty string, not a number"),
        ({"doc": "d", "address": "a", "note": ["x"]}, "'note' must be a string, not a list"),
        ({"doc": "d", "address": "a", "updated": "yesterday"}, "'updated' must be a time"),
        ("just text", "entry 1: expected an object"),
    ]:
        with pytest.raises(ValueError, match=pattern):
            review_export.import_json(store, json.dumps([bad]))
    with pytest.raises(ValueError, match="a JSON list"):
        review_export.import_json(store, json.dumps({"doc": "x"}))
    assert store.items() == []


def test_cli_import_with_wrong_types_is_one_line(tmp_path, capsys):
    report = tmp_path / "bad.json"
    report.write_text(json.dumps([*entries(2), {"doc": "d", "address": 3}]), encoding="utf-8")
    code, _, err = run(capsys, "review", "--db", tmp_path / "r.sqlite3", "import", report)
    assert code == 2 and one_line(err) and "entry 3" in err and "nothing was imported" in err
    assert ReviewStore(tmp_path / "r.sqlite3").items() == []


def test_export_import_export_is_identical(tmp_path):
    corpus = load_corpus([bundled_dir()], use_cache=False)
    doc = corpus.get("001")
    store = ReviewStore(tmp_path / "a.sqlite3")
    store.set_mark(doc.key, "001/三/（四）/4", "flagged", "推进园区循环化改造（旧文本）")  # changed since
    store._db.execute("UPDATE review SET note = '  spaced note  ' WHERE address = '001/三/（四）/4'")
    store.set_note(doc.key, "001/一", "看过了", review_export.clause_text_for(doc, "001/一"))
    first = review_export.to_json(review_export.review_entries(store, corpus))
    other = ReviewStore(tmp_path / "b.sqlite3")
    assert review_export.import_json(other, first) == 2
    second = review_export.to_json(review_export.review_entries(other, corpus))
    assert second == first
    rows = json.loads(second)
    assert [r["changed"] for r in rows if r["address"] == "001/三/（四）/4"] == [True]
    assert any(r["note"] == "  spaced note  " for r in rows)


def test_csv_cells_that_look_like_formulas_are_neutralised():
    entry = review_export.ReviewEntry(
        doc="d", doc_title="=HYPERLINK(1)", doc_number="+1", address="-a", heading_path=["@x"],
        mark=None, note="=cmd|' /C calc'!A0", text="plain", changed=False,
    )  # fmt: skip
    row = next(csv.DictReader(io.StringIO(review_export.to_csv([entry]))))
    assert row["doc_title"] == "'=HYPERLINK(1)" and row["note"].startswith("'=") and row["doc_number"] == "'+1"
    assert row["address"] == "'-a" and row["heading_path"] == "'@x" and row["text"] == "plain"


def test_corrupt_database_is_moved_aside_and_browsing_goes_on(tmp_path):
    db = tmp_path / "review.sqlite3"
    db.write_bytes(os.urandom(8192))
    store = ReviewStore(db)
    assert (
        store.message and "moved it to review.sqlite3.corrupt-" in str(store.message) and "\n" not in str(store.message)
    )
    assert list(tmp_path.glob("review.sqlite3.corrupt-*"))
    store.set_note("d", "a", "still works", "t")
    assert store.get("d", "a").note == "still works"


def test_read_only_data_folder_browses_read_only(tmp_path, monkeypatch):
    db = tmp_path / "review.sqlite3"
    ReviewStore(db).set_note("d", "a", "kept", "t")

    def read_only(self):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ReviewStore, "_open", read_only)
    store = ReviewStore(db)
    assert store.read_only and "read-only" in str(store.message)
    assert store.get("d", "a").note == "kept"
    with pytest.raises(ReviewReadOnly):
        store.set_note("d", "b", "new", "t")
    store.save_state("session", {"x": 1})  # silently not saved


async def test_browser_starts_with_a_read_only_or_corrupt_notes_database(tmp_path, monkeypatch):
    from documents.locations import review_db_path
    from tui.app import CeyueApp

    review_db_path().parent.mkdir(parents=True, exist_ok=True)
    review_db_path().write_bytes(b"not a database at all" * 100)
    corpus = load_corpus([bundled_dir()])
    app = CeyueApp(corpus, start_index=False)
    assert app.review_store.message
    async with app.run_test() as pilot:
        await pilot.pause()

    def read_only(self):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ReviewStore, "_open", read_only)
    app = CeyueApp(corpus, start_index=False)
    assert app.review_store.read_only
    async with app.run_test() as pilot:
        await pilot.pause()


IMPORTER = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from documents.state.review import ReviewStore
from documents.state.review_export import import_json
store = ReviewStore(Path(sys.argv[2]))
print(import_json(store, Path(sys.argv[3]).read_text(encoding="utf-8")))
"""


def test_concurrent_imports_all_land(tmp_path):
    db = tmp_path / "r.sqlite3"
    ReviewStore(db).close()
    procs = []
    for n in range(3):
        report = tmp_path / f"r{n}.json"
        report.write_text(json.dumps(entries(1000, start=n * 1000)), encoding="utf-8")
        procs.append(
            subprocess.Popen([sys.executable, "-c", IMPORTER, str(ROOT), str(db), str(report)], stderr=subprocess.PIPE)
        )
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    items = ReviewStore(db).items()
    assert len(items) == 3000 and {i.note for i in items} == {f"  note {i}  " for i in range(3000)}
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ------------------------------------------------------------ 6. corpus walking


def test_link_rule_and_a_message_for_every_skipped_entry(tmp_path, capsys):
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "sub").mkdir(parents=True)
    outside.mkdir()
    seeds = sorted(bundled_dir().glob("00[0123]_*.txt"))
    shutil.copy(seeds[0], docs / seeds[0].name)
    shutil.copy(seeds[1], docs / "sub" / seeds[1].name)
    shutil.copy(seeds[2], outside / seeds[2].name)
    secret = tmp_path / "secret.txt"
    secret.write_text("机密文件\n\n一、不应被读取\n\n内容。\n", encoding="utf-8")
    (docs / "evil.txt").symlink_to(secret)
    (docs / "linked-out").symlink_to(outside)
    (inner := tmp_path / "inner-target").mkdir()
    (docs / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    os.mkfifo(docs / "pipe.txt")
    gbk_name = os.fsdecode("政策".encode("gb18030") + b".txt")
    shutil.copy(seeds[3], docs / gbk_name)
    (docs / "sub-link").symlink_to(docs / "sub")  # inside the folder: followed (its file is read once)
    del inner
    corpus = load_corpus([docs], use_cache=False)
    assert "evil" not in {d.key for d in corpus.documents}
    assert {d.key for d in corpus.documents} >= {seeds[0].stem, seeds[1].stem, "政策"}
    assert not any(d.key == seeds[2].stem for d in corpus.documents)
    messages = "\n".join(e.message for e in corpus.errors)
    for needle in ("evil.txt", "linked-out", "dangling.txt", "pipe.txt"):
        assert needle in messages
    assert all("\n" not in e.message for e in corpus.errors)
    followed = load_corpus([docs], use_cache=False, follow_links=True)
    assert "evil" in {d.key for d in followed.documents}
    assert any(d.key == seeds[2].stem for d in followed.documents)
    code, _, err = run(capsys, "--docs", docs, "search", "开发区", "--limit", "1")
    assert code == 0 and "pipe.txt" in err and "Traceback" not in err


def test_a_file_reached_by_two_names_inside_the_folder_is_read_once(tmp_path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("甲", encoding="utf-8")
    (real / "sub" / "b.txt").write_text("乙", encoding="utf-8")
    (real / "c.txt").symlink_to(real / "sub" / "b.txt")  # the same file as sub/b.txt
    (real / "sub-link").symlink_to(real / "sub")  # the same folder as sub
    (tmp_path / "through").symlink_to(real)  # the folder named through a link
    skipped: list = []
    files = document_files([tmp_path / "through"], skipped=skipped)
    assert [f.relative_to(tmp_path / "through").as_posix() for f in files] == ["a.txt", "c.txt"]
    assert len({f.resolve() for f in files}) == len(files)
    assert [("the same file as" in e.message) for e in skipped] == [True, True]  # sub/b.txt, sub-link/b.txt
