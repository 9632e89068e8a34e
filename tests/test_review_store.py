"""Review marks and notes: persistence, change detection, export round-trip, killed writes."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import main
from documents.corpus import load_corpus
from documents.state.review import ReviewStore
from documents.state.review_export import clause_text_for, import_json, review_entries, to_csv, to_json, to_markdown

ADDRESS = "001/三/（四）/4"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_marks_and_notes_persist_across_reopen(tmp_path, corpus):
    doc = corpus.get("001")
    text = clause_text_for(doc, ADDRESS)
    assert text.startswith("推进园区循环化改造")
    store = ReviewStore(tmp_path / "r.sqlite3")
    store.set_mark(doc.key, ADDRESS, "flagged", text)
    store.set_note(doc.key, ADDRESS, "目标年份是2020年底", text)
    store.save_state("last", {"doc": doc.key, "address": ADDRESS})
    store.close()
    again = ReviewStore(tmp_path / "r.sqlite3")
    item = again.get(doc.key, ADDRESS)
    assert (item.mark, item.note) == ("flagged", "目标年份是2020年底")
    assert not item.changed(text)
    assert again.load_state("last") == {"doc": doc.key, "address": ADDRESS}
    again.set_mark(doc.key, ADDRESS, None, text)
    again.set_note(doc.key, ADDRESS, "", text)
    assert again.get(doc.key, ADDRESS) is None
    with pytest.raises(ValueError):
        again.set_mark(doc.key, ADDRESS, "bogus", text)


def test_changed_clause_is_flagged(tmp_path, corpus):
    store = ReviewStore(tmp_path / "r.sqlite3")
    doc = corpus.get("001")
    store.set_note(doc.key, ADDRESS, "check", "an older wording of the clause")
    [entry] = review_entries(store, corpus)
    assert entry.changed is True
    assert entry.text.startswith("推进园区循环化改造")
    store.set_note(doc.key, ADDRESS, "check", clause_text_for(doc, ADDRESS))
    [entry] = review_entries(store, corpus)
    assert entry.changed is False


def test_export_round_trips(tmp_path, corpus):
    store = ReviewStore(tmp_path / "a.sqlite3")
    doc1, doc3 = corpus.get("001"), corpus.get("003")
    store.set_mark(doc1.key, ADDRESS, "reviewed", clause_text_for(doc1, ADDRESS))
    store.set_note(doc3.key, "003/三/（二）/1", "衡阳市重点承接新材料", clause_text_for(doc3, "003/三/（二）/1"))
    store.set_mark(doc3.key, "003/三/（二）/1", "question", clause_text_for(doc3, "003/三/（二）/1"))
    entries = review_entries(store, corpus)
    report = to_json(entries)
    other = ReviewStore(tmp_path / "b.sqlite3")
    assert import_json(other, report) == 2
    key = lambda i: (i.doc, i.address, i.mark, i.note)  # noqa: E731
    assert sorted(map(key, other.items())) == sorted(map(key, store.items()))
    assert [e.changed for e in review_entries(other, corpus)] == [False, False]
    rows = list(csv.DictReader(io.StringIO(to_csv(entries))))
    assert [(r["address"], r["mark"], r["note"]) for r in rows] == [(e.address, e.mark, e.note) for e in entries]
    assert rows[0]["doc_number"] == "湘园区〔2020〕1号"
    md = to_markdown(entries)
    assert "湘园区〔2020〕1号" in md and "衡阳市重点承接新材料" in md and "推进园区循环化改造" in md


def test_cli_export_json(tmp_path, capsys, corpus):
    db = tmp_path / "c.sqlite3"
    store = ReviewStore(db)
    doc = corpus.get("001")
    store.set_mark(doc.key, ADDRESS, "flagged", clause_text_for(doc, ADDRESS))
    store.close()
    assert main.main(["review", "--db", str(db), "export", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["address"] == ADDRESS and data[0]["mark"] == "flagged"
    assert "省生态环境厅" in data[0]["text"] and data[0]["heading_path"][0].startswith("三")


WRITER = """
import sys
from pathlib import Path
from documents.state.review import ReviewStore
store = ReviewStore(Path(sys.argv[1]))
i = 0
while True:
    store.set_note("001_x", f"001/{i}", f"note {i}", "text " * 50)
    print(i, flush=True)
    i += 1
"""


def test_killed_writer_loses_nothing_committed(tmp_path):
    db = tmp_path / "k.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    committed = -1
    deadline = time.time() + 20
    while committed < 30 and time.time() < deadline:
        line = proc.stdout.readline()
        if line:
            committed = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 30
    store = ReviewStore(db)
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    notes = {item.address for item in store.items("001_x")}
    assert {f"001/{i}" for i in range(committed + 1)} <= notes
