"""The on-disk index: incremental updates, crash recovery, the cache location."""

from __future__ import annotations

import json
import os
import shutil
import time
from types import SimpleNamespace

import pytest

from documents.corpus import bundled_dir, load_corpus
from index import prepare as prepare_module
from index import store as store_module
from index.service import SearchIndex, document_folders, needs_update
from index.store import IndexStore


@pytest.fixture
def docs(seed_copies):
    return seed_copies


def file_of(folder, short):
    return next(folder.glob(f"{short}_*.txt"))


def open_index(folder, index_dir, **kwargs):
    calls: list[tuple[int, int, str]] = []
    ix = SearchIndex.open(
        load_corpus([folder], use_cache=False),
        index_dir=index_dir,
        progress=lambda d, t, title: calls.append((d, t, title)),
        **kwargs,
    )
    return ix, calls


def test_first_open_builds_and_reports_progress(docs, tmp_path):
    ix, calls = open_index(docs, tmp_path / "ix")
    with ix:
        assert ix.last_update.rebuild
        assert calls[-1][0] == calls[-1][1] == 3
        assert ix.search("亩均效益").hits


def test_unchanged_index_is_reused_without_indexing(docs, tmp_path, monkeypatch):
    open_index(docs, tmp_path / "ix")[0].close()

    def boom(*args, **kwargs):
        raise AssertionError("re-indexed an unchanged corpus")

    monkeypatch.setattr(prepare_module, "iter_records", boom)
    ix, calls = open_index(docs, tmp_path / "ix")
    with ix:
        assert not ix.last_update.needed and calls == []
        assert ix.search("循环化改造").hits


def test_unchanged_files_are_not_walked_again_on_open(docs, tmp_path, monkeypatch):
    open_index(docs, tmp_path / "ix")[0].close()

    def boom(*args, **kwargs):
        raise AssertionError("hashed a document whose file did not change")

    monkeypatch.setattr(store_module, "document_hash", boom)
    assert not needs_update(load_corpus([docs], use_cache=False), tmp_path / "ix")


def test_a_touched_but_identical_file_is_rehashed_not_reindexed(docs, tmp_path, monkeypatch):
    open_index(docs, tmp_path / "ix")[0].close()
    path = file_of(docs, "001")
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    hashed = []
    original = store_module.document_hash
    monkeypatch.setattr(store_module, "document_hash", lambda doc: hashed.append(doc.short) or original(doc))
    ix, calls = open_index(docs, tmp_path / "ix")
    with ix:
        assert hashed == ["001"]
        assert not ix.last_update.needed and calls == []


def test_only_the_changed_document_is_reindexed(docs, tmp_path):
    open_index(docs, tmp_path / "ix")[0].close()
    path = file_of(docs, "001")
    path.write_text(path.read_text(encoding="utf-8").replace("循环化改造", "绿色低碳改造试点"), encoding="utf-8")
    corpus = load_corpus([docs], use_cache=False)
    assert needs_update(corpus, tmp_path / "ix")
    ix, calls = open_index(docs, tmp_path / "ix")
    with ix:
        plan = ix.last_update
        assert not plan.rebuild
        assert [d.short for d in plan.changed] == ["001"] and plan.removed == []
        assert calls[-1][:2] == (1, 1)
        assert "001/三/（四）/4" in [h.address for h in ix.search("绿色低碳改造试点").hits]
        assert all(h.doc_short != "001" for h in ix.search("循环化改造").hits)
        assert ix.search("亩均效益").hits  # the rest of 001 is still there, once
        counts = [h.address for h in ix.search('"亩均效益"', limit=100).hits]
        assert len(counts) == len(set(counts))
        assert not ix.needs_update()


def test_new_and_removed_documents(docs, tmp_path):
    open_index(docs, tmp_path / "ix")[0].close()
    file_of(docs, "002").unlink()
    src = next(bundled_dir().glob("003_*.txt"))
    shutil.copy(src, docs / src.name)
    ix, _ = open_index(docs, tmp_path / "ix")
    with ix:
        plan = ix.last_update
        assert [d.short for d in plan.changed] == ["003"]
        assert len(plan.removed) == 1 and plan.removed[0].startswith("002")
        shorts = {h.doc_short for h in ix.search("开发区", limit=200).hits}
        assert "003" in shorts and "002" not in shorts


def test_literal_table_follows_incremental_updates(docs, tmp_path):
    open_index(docs, tmp_path / "ix")[0].close()
    path = file_of(docs, "000")
    path.write_text(path.read_text(encoding="utf-8") + "\n\n附记：测试用奇字串甲乙丙丁戊。\n", encoding="utf-8")
    ix, _ = open_index(docs, tmp_path / "ix")
    with ix:
        hits = ix.search('"乙丙丁"').hits
        assert hits and all("乙丙丁" in h.text for h in hits)
        # the document map (for the title boost) follows too, deleted slots included
        reader, docs_map = ix._searcher.reader, ix._searcher.docs
        assert reader.has_deletions() and len(docs_map.numbers) == reader.doc_count_all()
        for docnum, number in enumerate(docs_map.numbers):
            if reader.is_deleted(docnum):
                assert number == -1
            else:
                assert docs_map.keys[number] == ix._searcher.shown.get(docnum).doc
        # ... and each record's document as Whoosh indexed it (its serial led to the right record)
        for number, key in enumerate(docs_map.keys):
            indexed = {d for d in reader.postings("doc", key).all_ids() if not reader.is_deleted(d)}
            assert indexed == {d for d, n in enumerate(docs_map.numbers) if n == number}


def live(index_dir):
    """The folder of the live generation."""
    return IndexStore(index_dir).snapshot().directory


def flip_same_size(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x55
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        "current",
        "manifest",
        "truncate",
        "garbage-manifest",
        "missing-texts",
        "missing-docmap",
        "same-size-texts",
        "same-size-keys",
        "same-size-headings-idx",
    ],
)
def test_half_written_or_damaged_index_is_rebuilt(docs, tmp_path, damage):
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    gen = live(index_dir)
    if damage == "current":
        (index_dir / store_module.CURRENT).write_text("gen-999999\n")
    elif damage == "manifest":
        (gen / store_module.MANIFEST).unlink()
    elif damage == "garbage-manifest":
        (gen / store_module.MANIFEST).write_text("{not json")
    elif damage == "truncate":
        biggest = max((p for p in (gen / "whoosh").iterdir() if p.is_file()), key=lambda p: p.stat().st_size)
        data = biggest.read_bytes()
        biggest.write_bytes(data[: len(data) // 2])
    elif damage == "missing-texts":
        (gen / "texts.bin").unlink()
    elif damage == "missing-docmap":
        (gen / "docs.idx").unlink()
    elif damage == "same-size-texts":
        flip_same_size(gen / "texts.bin")
    elif damage == "same-size-keys":
        flip_same_size(gen / "docs.keys")
    elif damage == "same-size-headings-idx":
        flip_same_size(gen / "headings.idx")
    store = IndexStore(index_dir)
    assert store.damage(store.manifest())
    assert needs_update(load_corpus([docs], use_cache=False), index_dir)
    ix, calls = open_index(docs, index_dir)
    with ix:
        assert ix.last_update.rebuild
        assert calls
        assert "001/三/（四）/4" in [h.address for h in ix.search("循环化改造").hits]
    assert not IndexStore(index_dir).damage(IndexStore(index_dir).manifest())


def test_table_files_found_intact_are_not_hashed_again(docs, tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    store = IndexStore(index_dir)
    assert not store.damage(store.manifest())
    assert not (live(index_dir) / store_module.CHECKED).exists()  # just written: checked in full next time too
    monkeypatch.setattr(store_module, "SETTLED_NS", 0)
    assert not store.damage(store.manifest())
    hashed: list[str] = []
    original = store_module.file_digest
    monkeypatch.setattr(store_module, "file_digest", lambda path: hashed.append(path.name) or original(path))
    assert not store.damage(store.manifest())
    assert hashed == []
    time.sleep(0.05)  # past the clock tick of the check: the write below gets a change time of its own
    flip_same_size(live(index_dir) / "texts.idx")
    assert store.damage(store.manifest()) == "index file texts.idx is damaged (checksum)"
    assert hashed == ["texts.idx"]


def test_the_index_folder_follows_links_once_per_folder(tmp_path):
    real = tmp_path / "real"
    other = tmp_path / "other"
    real.mkdir()
    other.mkdir()
    (real / "a.txt").write_text("a")
    (other / "b.txt").write_text("b")
    (tmp_path / "linked").symlink_to(real)
    (real / "c.txt").symlink_to(other / "b.txt")
    paths = [tmp_path / "linked" / "a.txt", real / "a.txt", real / "c.txt", tmp_path / "linked" / "c.txt"]
    corpus = SimpleNamespace(documents=[SimpleNamespace(path=p) for p in paths] + [SimpleNamespace(path=None)])
    assert document_folders(corpus) == {p.resolve().parent for p in paths} == {real.resolve(), other.resolve()}


def test_interrupted_build_switches_nothing_and_next_open_rebuilds(docs, tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"

    def interrupt(done, total, title):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        SearchIndex.open(load_corpus([docs], use_cache=False), index_dir=index_dir, progress=interrupt)
    assert not (index_dir / store_module.CURRENT).exists()
    assert not list(index_dir.glob("gen-*"))  # the half-built generation is removed
    assert IndexStore(index_dir).damage(IndexStore(index_dir).manifest())
    ix, _ = open_index(docs, index_dir)
    with ix:
        assert ix.last_update.rebuild and ix.search("亩均效益").hits


def test_interrupted_update_keeps_the_live_generation(docs, tmp_path):
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    before = live(index_dir)

    def interrupt(done, total, title):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        SearchIndex.open(load_corpus([docs], use_cache=False), index_dir=index_dir, rebuild=True, progress=interrupt)
    assert live(index_dir) == before
    assert [p.name for p in index_dir.glob("gen-*")] == [before.name]
    with SearchIndex.open(load_corpus([docs], use_cache=False), index_dir=index_dir) as ix:
        assert not ix.last_update.needed and ix.search("亩均效益").hits


def test_a_generation_left_by_a_killed_build_is_removed(docs, tmp_path):
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    stale = index_dir / "gen-000099"
    (stale / "whoosh").mkdir(parents=True)
    (stale / "texts.bin").write_bytes(b"half")
    open_index(docs, index_dir, rebuild=True)[0].close()
    names = sorted(p.name for p in index_dir.glob("gen-*"))
    assert "gen-000099" not in names and len(names) <= 2


def test_a_reader_whose_generation_vanished_reopens_the_new_one(docs, tmp_path):
    index_dir = tmp_path / "ix"
    reader, _ = open_index(docs, index_dir)
    first = reader.generation
    for _ in range(2):  # two switches: the reader's generation is removed
        open_index(docs, index_dir, rebuild=True)[0].close()
    assert not (index_dir / first).exists()
    with reader:
        assert "001/三/（四）/4" in [h.address for h in reader.search("循环化改造").hits]
        assert reader.generation != first


def test_damaged_whoosh_segment_is_rebuilt_with_one_line(docs, tmp_path):
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    gen = live(index_dir)
    for path in (gen / "whoosh").iterdir():
        if path.suffix in (".pst", ".trm", ".fdt", ".seg") or path.name.endswith(".pst"):
            data = bytearray(path.read_bytes())
            for i in range(8, len(data), 7):
                data[i] ^= 0xA5
            path.write_bytes(bytes(data))
    ix, _ = open_index(docs, index_dir)
    with ix:
        results = ix.search("循环化改造")
        assert "001/三/（四）/4" in [h.address for h in results.hits]
        assert "rebuilt" in (results.notice or "") and "\n" not in results.notice


def test_a_bug_over_intact_files_is_raised_not_rebuilt(docs, tmp_path, monkeypatch):
    """A TypeError raised in ceyue's own search code while every file checks out is a bug: rebuilding
    (an hour at 10^6 records) would not fix it, so it is raised and the index is left as it was."""
    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    first = live(index_dir).name
    ix, calls = open_index(docs, index_dir)
    built = len(calls)

    def broken(*args, **kwargs):
        raise TypeError("a bug in the scorer")

    with ix:
        monkeypatch.setattr(ix._searcher, "search", broken)
        with pytest.raises(TypeError, match="a bug in the scorer"):
            ix.search("循环化改造")
        assert len(calls) == built and live(index_dir).name == first and not ix.repairs


def test_whoosh_own_index_error_on_opening_is_tried_again(docs, tmp_path, monkeypatch):
    """Whoosh raises its own IndexError (EmptyIndexError, not the builtin) when it opens a generation's
    folder another process is switching away: opening tries again instead of failing."""
    from whoosh.index import EmptyIndexError

    index_dir = tmp_path / "ix"
    open_index(docs, index_dir)[0].close()
    opened = SearchIndex._open_generation
    raised: list[bool] = []

    def empty_once(self):
        if not raised:
            raised.append(True)
            raise EmptyIndexError("Index 'MAIN' does not exist")
        opened(self)

    monkeypatch.setattr(SearchIndex, "_open_generation", empty_once)
    ix, _ = open_index(docs, index_dir)
    with ix:
        assert raised and "001/三/（四）/4" in [h.address for h in ix.search("循环化改造").hits]


def test_rebuild_flag_forces_full_rebuild(docs, tmp_path):
    open_index(docs, tmp_path / "ix")[0].close()
    ix, calls = open_index(docs, tmp_path / "ix", rebuild=True)
    with ix:
        assert ix.last_update.rebuild and calls[-1][:2] == (3, 3)


def test_manifest_records_hashes_and_files(docs, tmp_path):
    open_index(docs, tmp_path / "ix")[0].close()
    manifest = json.loads((live(tmp_path / "ix") / store_module.MANIFEST).read_text())
    assert len(manifest["docs"]) == 3
    assert manifest["files"] and all(size > 0 for size in manifest["files"].values())
    checksums = set(manifest["checksums"])
    assert {"texts.bin", "texts.idx", "headings.bin", "headings.idx", "docs.keys", "docs.idx"} <= checksums
    assert all((live(tmp_path / "ix") / name).is_file() for name in checksums)


def test_default_index_lives_in_the_cache_dir(isolated_user_dirs):
    corpus = load_corpus()
    with SearchIndex.open(corpus) as ix:
        assert str(ix.store.directory).startswith(str(isolated_user_dirs / "cache"))
        assert ix.search("三线一单").hits
    assert (isolated_user_dirs / "cache" / "index").is_dir()


def test_jieba_cache_goes_to_the_cache_dir(isolated_user_dirs):
    import jieba

    from documents.locations import jieba_cache_dir
    from index.segmenter import ensure_jieba_loaded

    ensure_jieba_loaded()
    assert jieba.dt.tmp_dir is not None
    assert jieba_cache_dir() == isolated_user_dirs / "cache" / "jieba"


def test_cli_index_updates_incrementally(docs, capsys):
    from main import main

    assert main(["--docs", str(docs), "index"]) == 0
    assert "(built)" in capsys.readouterr().out
    assert main(["--docs", str(docs), "index"]) == 0
    assert "0 re-indexed, 0 removed" in capsys.readouterr().out
    assert main(["--docs", str(docs), "index", "--rebuild"]) == 0
    assert "rebuilt" in capsys.readouterr().out
