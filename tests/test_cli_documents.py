"""The documents commands: JSON contracts, DOC resolution and one-line errors."""

from __future__ import annotations

import json

import pytest

import main
from documents.corpus import bundled_dir, load_corpus


def run(capsys, *argv):
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_outline_json_contract(capsys):
    code, out, _ = run(capsys, "outline", "001", "--json")
    assert code == 0
    entries = json.loads(out)
    assert entries[0] == {"level": 1, "depth": 1, "label": "一", "text": "总体要求", "address": "001/一"}
    assert {
        "level": 2,
        "depth": 2,
        "label": "（四）",
        "text": "强化生态环境约束，促进园区绿色发展",
        "address": "001/三/（四）",
    } in entries
    assert all(set(e) == {"level", "depth", "label", "text", "address"} for e in entries)
    # A run-in heading is its whole first sentence, never clipped.
    assert all("…" not in e["text"] for e in entries)
    assert all("*" not in e["text"] and e["label"][-1:] != "、" for e in entries)


def test_outline_labels_have_no_punctuation(capsys):
    _, out, _ = run(capsys, "outline", "000", "--json")
    entries = json.loads(out)
    assert entries[0] == {"level": 1, "depth": 1, "label": "一", "text": "主要成就与不足", "address": "000/一"}
    # 000 numbers 一、 > （一） > 1.; a 1. sitting directly under 一、 is still tier 3, at depth 2.
    assert {
        "level": 3,
        "depth": 2,
        "label": "1",
        "text": "招商引资成效显著，经济发展的外向度不断提高",
        "address": "000/一/1",
    } in entries


def test_tables_json_contract(capsys):
    code, out, _ = run(capsys, "tables", "000", "--json")
    tables = json.loads(out)
    assert code == 0
    assert [t["label"] for t in tables] == ["专栏1", "专栏2", "专栏3"]
    assert set(tables[0]) >= {"label", "caption", "columns", "rows", "notes"}
    assert tables[1]["notes"][0].startswith("注：★表示10个千亿元产业集群")
    assert len(tables[2]["rows"]) == 41


def test_meta_json(capsys):
    _, out, _ = run(capsys, "meta", "001_779cfdd0d028d767", "--json")
    meta = json.loads(out)
    assert meta["doc_number"] == "湘园区〔2020〕1号"
    assert meta["signer"] == "谢建辉"
    assert meta["attachments"] == []
    _, out, _ = run(capsys, "meta", "湘南湘西", "--json")
    meta = json.loads(out)
    assert meta["attachments"][0] == {"label": "附件1", "title": "示范区各市州重点承接产业一览表", "present": False}


def test_show_section_and_table(capsys):
    code, out, _ = run(capsys, "show", "001/三/（四）/4")
    assert code == 0
    assert "推进园区循环化改造" in out
    code, out, _ = run(capsys, "show", "000/二/（三）/2/专栏1")
    assert code == 0 and "技工贸总收入" in out and "500亿元—1000亿元" in out


def test_a_document_named_by_its_file_path_or_name(capsys, monkeypatch):
    """A path as the shell completes it (absolute, relative, or the bare file name) names the document."""
    seed = next(bundled_dir().glob("001_*"))
    monkeypatch.chdir(seed.parent)
    for ref in (str(seed), f"./{seed.name}", seed.name):
        code, out, err = run(capsys, "show", f"{ref}/三/（四）/4")
        assert (code, err) == (0, "") and "推进园区循环化改造" in out
    code, out, _ = run(capsys, "meta", str(seed), "--json")
    assert code == 0 and json.loads(out)["key"] == seed.stem


@pytest.mark.parametrize("argv", [("outline", "nope"), ("show", "001/九"), ("tables", "999"), ("meta", "开发区")])
def test_unknown_doc_or_address_is_one_line_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("ceyue: ")
    if argv[0] != "show":  # a document that is not there: say which ones are
        assert "(known: 000, 001, 002, 003, 004)" in err


def test_bad_files_are_reported_and_the_rest_loads(tmp_path, capsys):
    good = next(bundled_dir().glob("002_*.txt"))
    (tmp_path / "002_good.txt").write_bytes(good.read_bytes())
    (tmp_path / "005_gbk.txt").write_bytes(good.read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "006_empty.txt").write_bytes(b"")
    (tmp_path / "007_binary.txt").write_bytes(bytes(range(256)) * 8)
    corpus = load_corpus([tmp_path])
    assert sorted(d.short for d in corpus.documents) == ["002", "005"]
    gbk = corpus.get("005")
    assert gbk.meta.doc_number == "湖政办发〔2017〕69号"
    assert [s.title for s in gbk.root.children] == [s.title for s in corpus.get("002").root.children]
    messages = sorted(e.message for e in corpus.errors)
    assert len(messages) == 2
    assert all("\n" not in m for m in messages)
    assert any("006_empty.txt" in m for m in messages) and any("007_binary.txt" in m for m in messages)
    code, out, err = run(capsys, "--docs", str(tmp_path), "outline", "005", "--json")
    assert code == 0 and json.loads(out)[0]["text"] == "总体要求"
    assert "006_empty.txt" in err and "007_binary.txt" in err


@pytest.mark.parametrize("typed", ["001/三/(四)/4", "001/三/四/4", "001/三/（四）/4", "001/ 三/( 四 )/4"])
def test_addresses_typed_with_ascii_or_no_brackets(typed, capsys):
    code, out, _ = run(capsys, "show", typed)
    assert code == 0
    assert "推进园区循环化改造" in out


def test_a_table_label_alone_finds_the_table_and_an_ambiguous_label_is_an_error(capsys):
    code, out, _ = run(capsys, "show", "000/专栏3")
    assert code == 0 and "专栏3" in out
    code, _, err = run(capsys, "show", "001/1")
    assert code == 2
    assert err.strip() == "ceyue: 001 has no section or clause at '1'"


# ------------------------------------------------------------------ global options and errors


@pytest.mark.parametrize(
    "argv",
    [
        ("--docs", "{docs}", "outline", "{doc}", "--json"),
        ("outline", "{doc}", "--json", "--docs", "{docs}"),
        ("outline", "--docs", "{docs}", "{doc}", "--json"),
    ],
)
def test_docs_is_taken_before_or_after_the_subcommand(seed_copies, capsys, argv):
    only = seed_copies  # 000, 001 and 002 only
    code, out, err = run(capsys, *[a.format(docs=only, doc="001") for a in argv])
    assert code == 0, err
    assert json.loads(out)
    code, out, err = run(capsys, *[a.format(docs=only, doc="003") for a in argv])
    assert (code, out) == (2, "")  # 003 is not in that folder
    assert err.startswith("ceyue: ") and "(known: 000, 001, 002)" in err


def test_search_takes_docs_after_the_query(seed_copies, capsys):
    code, out, err = run(capsys, "search", "循环化改造", "--docs", str(seed_copies), "--json", "--limit", "3")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and {h["doc"] for h in hits} <= {"000", "001", "002"}


def test_a_global_option_after_a_review_subcommand(tmp_path, capsys):
    code, out, err = run(capsys, "review", "--db", str(tmp_path / "r.db"), "list", "--docs", str(bundled_dir()))
    assert (code, out, err) == (0, "", "")


def test_output_flags_are_one_of_a_kind(capsys):
    with pytest.raises(SystemExit) as exc:
        main.main(["compare", "--zone", "长兴开发区", "--json", "--csv"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_every_user_error_is_a_ceyue_error():
    from documents.corpus import DocumentNotFound
    from documents.errors import CeyueError
    from documents.extract.compare import UnknownSubject
    from documents.formats import UnreadableDocument

    for error in (DocumentNotFound, UnknownSubject, UnreadableDocument, main.CommandError):
        assert issubclass(error, CeyueError)


def test_main_turns_a_ceyue_error_into_one_line_and_exit_2(capsys, monkeypatch):
    from documents.formats import UnreadableDocument

    def broken(args):
        raise UnreadableDocument("empty file: x.txt")

    monkeypatch.setattr(main, "cmd_meta", broken)
    code, out, err = run(capsys, "meta", "001")
    assert (code, out, err) == (2, "", "ceyue: empty file: x.txt\n")


def test_search_in_a_folder_without_documents_says_what_it_looks_for(tmp_path, capsys):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, out, err = run(capsys, "--docs", str(tmp_path), "search", "园区")
    assert code != 0 and not out
    assert err.count("\n") == 1 and ".txt" in err and ".docx" in err, "one line naming the files it reads"


def test_search_where_every_file_failed_points_at_the_reasons(tmp_path, capsys):
    (tmp_path / "006_empty.txt").write_bytes(b"")
    code, out, err = run(capsys, "--docs", str(tmp_path), "search", "园区")
    assert code != 0 and not out
    assert "006_empty.txt" in err and "see the messages above" in err
