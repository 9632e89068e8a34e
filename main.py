"""ceyue entry point: the command line, wiring documents/, index/ and tui/ together.

Each subcommand is a small function taking the parsed arguments and returning
the exit code; JSON output is a stable contract for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

EXIT_USAGE = 2


def fail(message: str) -> int:
    """One clear line on stderr and exit code 2."""
    print(f"ceyue: {message}", file=sys.stderr)
    return EXIT_USAGE


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def load_corpus_for(args: argparse.Namespace):
    """The corpus named by ``--docs`` (or the default folders), load errors on stderr."""
    from documents.corpus import load_corpus

    dirs = [Path(d).expanduser() for d in args.docs] if args.docs else None
    corpus = load_corpus(dirs)
    for error in corpus.errors:
        print(f"ceyue: skipped {error.message}", file=sys.stderr)
    return corpus


# --- documents: outline / tables / meta / show ---


def outline_entries(document) -> list[dict[str, Any]]:
    return [
        {"level": s.level, "label": s.label, "text": s.display_title, "address": s.address}
        for s in document.sections()
    ]


def table_entries(document) -> list[dict[str, Any]]:
    return [
        {
            "label": t.label,
            "caption": t.caption,
            "columns": t.columns,
            "rows": t.rows,
            "notes": t.notes,
            "address": t.address,
        }
        for t in document.tables()
    ]


def meta_entry(document) -> dict[str, Any]:
    meta = asdict(document.meta)
    meta["attachments"] = [asdict(a) for a in document.attachments]
    meta["key"] = document.key
    meta["path"] = str(document.path)
    return meta


def cmd_outline(args: argparse.Namespace) -> int:
    from documents.corpus import DocumentNotFound

    corpus = load_corpus_for(args)
    try:
        document = corpus.get(args.doc)
    except DocumentNotFound as exc:
        return fail(str(exc))
    entries = outline_entries(document)
    if args.json:
        print_json(entries)
        return 0
    from rich.console import Console

    console = Console()
    console.print(f"[bold]{document.title}[/]")
    for e in entries:
        indent = "  " * (e["level"] - 1)
        console.print(f"{indent}[cyan]{e['label']}[/] {e['text']}  [dim]{e['address']}[/]", highlight=False)
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    from documents.corpus import DocumentNotFound

    corpus = load_corpus_for(args)
    try:
        document = corpus.get(args.doc)
    except DocumentNotFound as exc:
        return fail(str(exc))
    if args.json:
        print_json(table_entries(document))
        return 0
    from rich.console import Console

    from tui.rich_document import table_renderable

    console = Console()
    tables = document.tables()
    if not tables:
        console.print(f"{document.short}: no tables")
    for table in tables:
        console.print(table_renderable(table))
    return 0


def cmd_meta(args: argparse.Namespace) -> int:
    from documents.corpus import DocumentNotFound

    corpus = load_corpus_for(args)
    try:
        document = corpus.get(args.doc)
    except DocumentNotFound as exc:
        return fail(str(exc))
    entry = meta_entry(document)
    if args.json:
        print_json(entry)
        return 0
    from rich.console import Console
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    for name, value in entry.items():
        if name == "attachments":
            value = "\n".join(
                f"{a['label']} {a['title']} ({'present' if a['present'] else 'absent'})" for a in value
            ) or None
        grid.add_row(f"[bold]{name}[/]", "" if value is None else str(value))
    Console().print(grid)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from documents.corpus import DocumentNotFound
    from documents.model import Section

    corpus = load_corpus_for(args)
    try:
        document, address = corpus.resolve(args.ref)
    except DocumentNotFound as exc:
        return fail(str(exc))
    from rich.console import Console

    from tui.rich_document import clause_text, document_header, section_renderable, table_renderable

    console = Console()
    console.print(document_header(document))
    node = document.find(address) if address else document.root
    if isinstance(node, Section):
        console.print(section_renderable(document, node))
    else:
        section = document.section_of(node.address)
        console.print(f"[dim]{' › '.join(document.heading_path(section))}  {node.address}[/]")
        console.print(table_renderable(node) if hasattr(node, "rows") else clause_text(node))
    return 0


def add_document_commands(sub) -> None:
    doc_help = "file stem, short number (001) or a unique title fragment"
    p = sub.add_parser("outline", help="print a document's section outline")
    p.add_argument("doc", help=doc_help)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_outline)
    p = sub.add_parser("tables", help="print a document's 专栏 tables")
    p.add_argument("doc", help=doc_help)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_tables)
    p = sub.add_parser("meta", help="print a document's metadata (title, 文号, issuer, date …)")
    p.add_argument("doc", help=doc_help)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_meta)
    p = sub.add_parser("show", help="print a document or one section: DOC[/ADDRESS]")
    p.add_argument("ref", metavar="DOC[/ADDRESS]", help=f"{doc_help}, optionally /三/（一）/1")
    p.set_defaults(func=cmd_show)


# --- index: index / search ---
# --- extraction: refs / tasks / compare ---
# --- review ---


def cmd_review(args: argparse.Namespace) -> int:
    from documents import review_export
    from documents.review import ReviewStore

    store = ReviewStore(Path(args.db) if args.db else None)
    try:
        if args.review_command == "import":
            try:
                count = review_export.import_json(store, Path(args.file).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                return fail(f"cannot import {args.file}: {exc}")
            print(f"imported {count} review entries")
            return 0
        from documents.corpus import DocumentNotFound

        corpus = load_corpus_for(args)
        try:
            doc_key = corpus.get(args.doc).key if args.doc else None
        except DocumentNotFound as exc:
            return fail(str(exc))
        entries = review_export.review_entries(store, corpus, doc_key)
        if args.review_command == "list":
            for e in entries:
                changed = "  (changed)" if e.changed else ""
                print(f"{e.address}\t{e.mark or '-'}\t{e.note}{changed}")
            return 0
        render = {"csv": review_export.to_csv, "json": review_export.to_json}.get(args.format, review_export.to_markdown)
        report = render(entries)
        if args.output:
            Path(args.output).write_text(report, encoding="utf-8")
        else:
            sys.stdout.write(report if report.endswith("\n") else report + "\n")
        return 0
    finally:
        store.close()


def add_review_commands(sub) -> None:
    p = sub.add_parser("review", help="marks and notes: list, export a report, import a JSON report")
    p.add_argument("--db", help="review database (default: in the user data folder)")
    p.set_defaults(func=cmd_review, doc=None)
    rsub = p.add_subparsers(dest="review_command", required=True)
    e = rsub.add_parser("export", help="write a report of marks and notes with clause text and citation")
    fmt = e.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", dest="format", action="store_const", const="markdown")
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv")
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    e.add_argument("-o", "--output", help="write to this file instead of stdout")
    e.add_argument("--doc", help="only this document")
    l = rsub.add_parser("list", help="one line per mark or note")
    l.add_argument("--doc", help="only this document")
    i = rsub.add_parser("import", help="load a JSON report back into the review database")
    i.add_argument("file")

COMMAND_GROUPS: list[Callable[[Any], None]] = [add_document_commands, add_review_commands]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceyue", description="策阅 — browse Chinese policy documents")
    parser.add_argument("--docs", action="append", metavar="DIR", help="documents folder (repeatable)")
    sub = parser.add_subparsers(dest="command")
    for add_commands in COMMAND_GROUPS:
        add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        return run_browser(args)
    try:
        return func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def run_browser(args: argparse.Namespace) -> int:
    """Open the Textual browser (no subcommand given)."""
    from tui.launch import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
