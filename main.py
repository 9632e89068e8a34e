"""ceyue entry point: the command line, wiring documents/, index/ and tui/ together.

Each subcommand is a small function taking the parsed arguments and returning
the exit code; JSON output is a stable contract for scripts. The global options
(``--docs``, ``--keymap``, ``--lang``, ``--fresh``) are accepted before or after the
subcommand, the output flags (``--json``, ``--csv``, ``--markdown``) are defined
once (:func:`add_output_flags`), and every failure the user caused is a
:class:`~documents.errors.CeyueError` that :func:`main` prints as one line
``ceyue: …`` with exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from documents import compiled_code
from documents.errors import CeyueError

if TYPE_CHECKING:
    from documents.corpus import Corpus
    from documents.extract.compare import CompareMatrix
    from documents.model import Document
    from tui.console.cjk import Wrapped

EXIT_USAGE = 2


class CommandError(CeyueError):
    """What the user asked for cannot be done; the message is the one line they see."""


def typed_text(value: str, what: str) -> str:
    """``value`` from the command line, or a :class:`CommandError` when its bytes are not UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        bad = next(ord(c) - 0xDC00 for c in value if 0xDC80 <= ord(c) <= 0xDCFF)
        raise CommandError(f"the {what} is not UTF-8 text (byte 0x{bad:02x}); type it again in UTF-8") from None
    return value


def os_error_message(exc: OSError) -> str | None:
    """One line for a disk that is full or a folder ceyue may not write; None for other errors."""
    import errno

    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"disk full: cannot write{where}; free some space and try again"
    if exc.errno == errno.EDQUOT:
        return f"disk quota exceeded: cannot write{where}; free some space and try again"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"cannot write{where} ({exc.strerror}); make it writable or point CEYUE_CACHE_DIR / CEYUE_DATA_DIR "
            "at a writable folder"
        )
    return None


def fail(message: str) -> int:
    """One clear line on stderr and exit code 2 (anything echoed from a document, file or query made visible)."""
    from tui.console.safe import eprint

    eprint(message)
    return EXIT_USAGE


def emit(text: str) -> None:
    """Write a plain-text report (CSV, Markdown) to stdout: cleaned when stdout is a terminal, verbatim to a file."""
    if sys.stdout.isatty():
        from tui.console.safe import clean

        text = clean(text)
    sys.stdout.write(text)


def print_report(
    args: argparse.Namespace, report: Callable[[], Any], data: Callable[[], Any], text: Callable[[str], str]
) -> int | None:
    """``-o FILE``, ``--json`` or ``--csv``/``--markdown`` for a report (compare, topic compare, diff).

    One path for all three, so CSV/Markdown go through :func:`emit` (cleaned on a
    terminal) everywhere. None: no such flag, the caller draws its own table.
    """
    if args.output:
        return write_output(
            args.output,
            report,
            {"json": lambda: json_text(data()), "csv": lambda: text("csv"), "markdown": lambda: text("markdown")},
        )
    if args.format == "json":
        print_json(data())
        return 0
    if args.format in ("csv", "markdown"):
        emit(text(args.format))
        return 0
    return None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


OUTPUT_HELP = "write to FILE; the suffix picks the format: .docx (Word), .xlsx (Excel), .json, .csv, .md"
TEXT_SUFFIXES = {".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown"}


def write_output(output: str, report: Callable[[], Any], texts: dict[str, Callable[[], str]]) -> int:
    """Write a result to ``output``: Word/Excel from ``report()``, or a text form by suffix."""
    from documents.export.writers import write_report

    path = Path(output).expanduser()
    suffix = path.suffix.lower()
    try:
        if suffix in (".docx", ".xlsx"):
            write_report(report(), path)
        elif TEXT_SUFFIXES.get(suffix) in texts:
            path.write_text(texts[TEXT_SUFFIXES[suffix]](), encoding="utf-8")
        else:
            known = [".docx", ".xlsx", *(k for k, v in TEXT_SUFFIXES.items() if v in texts)]
            raise CommandError(f"cannot write '{path.name}': give a file ending in {', '.join(dict.fromkeys(known))}")
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {path}", file=sys.stderr)
    return 0


def load_corpus_for(args: argparse.Namespace) -> Corpus:
    """The corpus named by ``--docs`` (or the default folders), load errors on stderr."""
    from documents.corpus import load_corpus

    dirs = [Path(d).expanduser() for d in args.docs] if args.docs else None
    corpus = load_corpus(dirs, follow_links=bool(getattr(args, "follow_links", False)))
    from tui.console.safe import eprint

    for error in corpus.errors:
        eprint(f"skipped {error.message}")
    return corpus


def named_document(corpus: Corpus, ref: str) -> Document:
    """The document ``ref`` names; otherwise a :class:`CommandError` listing the known numbers."""
    from documents.corpus import DocumentNotFound

    try:
        return corpus.get(ref)
    except DocumentNotFound as exc:
        known = ", ".join(d.short for d in corpus.documents[:12])
        raise CommandError(f"{exc} (known: {known}{' …' if len(corpus.documents) > 12 else ''})") from None


# --- documents: outline / tables / meta / show ---


def cmd_outline(args: argparse.Namespace) -> int:
    document = named_document(load_corpus_for(args), args.doc)
    from documents.contract import outline_entries

    entries = outline_entries(document)
    if args.format == "json":
        print_json(entries)
        return 0
    from tui.console.cjk import clip
    from tui.console.safe import console as safe_console
    from tui.console.safe import markup

    console = safe_console()
    console.print(f"[bold]{markup(document.title)}[/]")
    for e in entries:
        # Indent by depth; a long run-in heading (an article's first sentence) is clipped to one line.
        indent = "  " * (e["depth"] - 1)
        room = max(10, console.width - len(indent) - 2 * len(e["label"]) - 2 * len(e["address"]) - 4)
        text = clip(e["text"], room)
        console.print(f"{indent}[cyan]{markup(e['label'])}[/] {markup(text)}  [dim]{markup(e['address'])}[/]")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    document = named_document(load_corpus_for(args), args.doc)
    if args.format == "json":
        from documents.contract import table_entries

        print_json(table_entries(document))
        return 0
    from tui.console.document import table_renderable
    from tui.console.safe import console as safe_console
    from tui.console.safe import safe_text

    console = safe_console()
    tables = document.tables()
    if not tables:
        console.print(safe_text(f"{document.short}: no tables"))
    for table in tables:
        console.print(table_renderable(table))
    return 0


def cmd_meta(args: argparse.Namespace) -> int:
    document = named_document(load_corpus_for(args), args.doc)
    from documents.contract import meta_entry

    entry = meta_entry(document)
    if args.format == "json":
        print_json(entry)
        return 0
    from rich.table import Table

    from tui.console.cjk import Wrapped
    from tui.console.safe import console as safe_console
    from tui.console.safe import safe_text

    grid = Table.grid(padding=(0, 2))
    for name, value in entry.items():
        if name == "issuers":
            continue  # printed as issuer, joined with 、
        if name == "attachments":
            value = (
                "\n".join(f"{a['label']} {a['title']} ({'present' if a['present'] else 'absent'})" for a in value)
                or None
            )
        if name == "facts":
            for label, fact in value.items():
                grid.add_row(safe_text(label, "bold"), Wrapped(safe_text(fact)))
            continue
        grid.add_row(safe_text(name, "bold"), Wrapped(safe_text("" if value is None else value)))
    safe_console().print(grid)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from documents.model import Section, Table

    corpus = load_corpus_for(args)
    document, address = corpus.resolve(args.ref)  # DocumentNotFound is the user's one-line error
    from tui.console.cjk import Wrapped
    from tui.console.document import clause_text, document_header, section_renderable, table_renderable
    from tui.console.safe import clean
    from tui.console.safe import console as safe_console

    console = safe_console()
    console.print(Wrapped(document_header(document)))
    node = document.find(address) if address else document.root
    if node is None:  # resolve() found it; kept for the type checker
        raise CommandError(f"{document.short} has no section or clause at '{address}'")
    if isinstance(node, Section):
        console.print(section_renderable(document, node))
    else:
        section = document.section_of(node.address) or document.root
        console.print(Wrapped(clean(f"{' › '.join(document.heading_path(section))}  {node.address}"), style="dim"))
        console.print(table_renderable(node) if isinstance(node, Table) else Wrapped(clause_text(node)))
    return 0


def add_document_commands(sub) -> None:
    doc_help = "file stem, short number (001) or a unique title fragment"
    p = sub.add_parser("outline", help="print a document's section outline")
    p.add_argument("doc", help=doc_help)
    add_output_flags(p, "json")
    p.set_defaults(func=cmd_outline)
    p = sub.add_parser("tables", help="print a document's tables (专栏, annex and HTML/Word tables)")
    p.add_argument("doc", help=doc_help)
    add_output_flags(p, "json")
    p.set_defaults(func=cmd_tables)
    p = sub.add_parser("meta", help="print a document's metadata (title, 文号, issuer, date …)")
    p.add_argument("doc", help=doc_help)
    add_output_flags(p, "json")
    p.set_defaults(func=cmd_meta)
    p = sub.add_parser("show", help="print a document or one section: DOC[/ADDRESS]")
    p.add_argument("ref", metavar="DOC[/ADDRESS]", help=f"{doc_help}, optionally /三/（一）/1")
    p.set_defaults(func=cmd_show)


# --- index: index / search ---


def cmd_index(args: argparse.Namespace) -> int:
    from index.service import SearchIndex
    from tui.console.safe import console as safe_console
    from tui.console.search_results import build_progress

    corpus = load_corpus_for(args)
    with build_progress(safe_console(stderr=True)) as progress:
        index = SearchIndex.open(corpus, rebuild=args.rebuild, progress=progress)
    plan, size, where = index.last_update, index.store.size_bytes(), index.store.directory
    index.close()
    if not plan.rebuild:
        done = f"{len(plan.changed)} re-indexed, {len(plan.removed)} removed"
    elif plan.reason == "no index yet":
        done = "built"
    else:
        done = f"rebuilt: {plan.reason}"
    from tui.console.safe import clean_line

    print(clean_line(f"{len(corpus.documents)} documents ({done}), {size / 1e6:.1f} MB in {where}"))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from index.service import SearchIndex
    from tui.console.safe import console as safe_console
    from tui.console.safe import eprint
    from tui.console.search_results import build_progress, documents_renderable, results_renderable

    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    typed_text(args.query, "query")
    corpus = load_corpus_for(args)
    with build_progress(safe_console(stderr=True)) as progress:
        index = SearchIndex.open(corpus, progress=progress)
    with index:
        results = index.search(args.query, limit=args.limit)
    if results.notice:
        eprint(results.notice)
    if args.stats:
        stats = results.stats()
        if args.format == "json":
            print_json(stats)
        else:
            print(f"{stats['total']} hits in {stats['documents']} documents ({stats['shown']} listed)")
        return 0
    if args.documents:
        if args.format == "json":
            print_json([d.to_json() for d in results.documents])
        else:
            safe_console().print(documents_renderable(results))
        return 0
    if args.json_lines:
        print(json.dumps({"stats": results.stats()}, ensure_ascii=False))
        for hit in results.hits:
            print(json.dumps(hit.to_json(), ensure_ascii=False))
        return 0
    if args.format != "json":
        safe_console().print(results_renderable(results, with_notice=False))
        return 0
    print_json([hit.to_json() for hit in results.hits])
    return 0


def add_index_commands(sub) -> None:
    p = sub.add_parser("index", help="build or update the search index (only changed documents)")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.set_defaults(func=cmd_index)
    p = sub.add_parser(
        "search",
        help='search clauses: words, "phrases", AND/OR/NOT, doc: kind: year: agency: zone:',
        description='Search clauses. Words, "phrases", AND / OR / NOT, ( ), -word, and filters: '
        "doc:001 (number or title words), kind:table, agency:省发改委, zone:长兴开发区, "
        "year:2020 (clauses that mention 2020, or any clause of a document dated 2020). "
        "An unknown filter value is reported on stderr.",
    )
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, help="at most N hits (default 20)")
    add_output_flags(p, "json")
    p.add_argument(
        "--documents", action="store_true", help="list every matching document with its hit count, best first"
    )
    p.add_argument("--stats", action="store_true", help="print the totals: hits, documents, how many listed")
    p.add_argument(
        "--json-lines", action="store_true", help="one JSON object per line: the totals first, then each hit"
    )
    p.set_defaults(func=cmd_search)


# --- extraction: refs / tasks / compare ---


def cmd_refs(args: argparse.Namespace) -> int:
    from documents.extract.references import ReferenceResolver
    from documents.parsing.spans import normalize_title

    corpus = load_corpus_for(args)
    document = named_document(corpus, args.doc)
    resolver = ReferenceResolver(corpus)
    refs = resolver.cited_by(document.key) if args.cited_by else resolver.references(document.key)
    if args.unresolved:
        refs = [r for r in refs if not r.resolved]
    if args.format == "json":
        print_json([r.to_dict() for r in refs])
        return 0
    from rich.table import Table

    from tui.console.safe import clean_line
    from tui.console.safe import console as safe_console
    from tui.console.safe import markup as escape

    if not refs:
        print(clean_line(f"{document.short}: {'no other document cites it' if args.cited_by else 'no references'}"))
        return 0
    table = Table(
        title=escape(f"{document.short} {'cited by' if args.cited_by else 'references'} ({len(refs)})"), expand=True
    )
    table.add_column("address", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", overflow="fold", ratio=3)
    table.add_column("resolves to", overflow="fold", ratio=2)
    for r in refs:
        if r.resolved:
            target = corpus.get(r.target_doc) if r.target_doc else None
            title = f"\n[dim]{escape(target.title)}[/]" if target and target.key != document.key else ""
            where = escape(r.target_address or "") + title
        else:
            extra = r.names.replace(normalize_title(r.text), "").strip()  # 附件1 of 附件1 一览表
            where = "[red]unresolved[/]" + (f" {escape(extra)}" if extra else "")
        table.add_row(escape(r.address), escape(r.kind), cjk_cell(escape(r.text)), cjk_cell(where))
    safe_console().print(table)
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from documents.extract.compare import extraction, resolve_subject

    corpus = load_corpus_for(args)
    ex = extraction(corpus)
    documents = corpus.documents
    refs = ([args.doc] if args.doc else []) + (args.doc_refs or [])
    if refs:
        documents = [named_document(corpus, ref) for ref in refs]
    wanted = [resolve_subject(corpus, "agency", name) for name in args.agency or []]
    rows = []
    for document in documents:
        for task in ex.tasks(document):
            if wanted and not any(task.role_of(name) for name in wanted):
                continue
            entry = task.to_dict()
            entry["doc_short"] = document.short
            if wanted:
                entry["role"] = {name: task.role_of(name) for name in wanted if task.role_of(name)}
                entry["co_responsible"] = [a for a in task.lead + task.participants if a not in wanted]
            rows.append(entry)
    if args.output:
        from documents.export.builders import tasks_report

        return write_output(args.output, lambda: tasks_report(rows, corpus), {"json": lambda: json_text(rows)})
    if args.format == "json":
        print_json(rows)
        return 0
    from rich.table import Table

    from tui.console.safe import console as safe_console
    from tui.console.safe import markup as escape

    caption = "[dim]dim[/]: inherited from an earlier statement (各工作均需…参与，以下不再重复)"
    table = Table(
        title=f"tasks ({len(rows)})", caption=caption if any(e["inherited"] for e in rows) else None, expand=True
    )
    table.add_column("address", no_wrap=True)
    table.add_column("task", overflow="fold", ratio=4)
    table.add_column("lead", overflow="fold", ratio=2)
    table.add_column("participants", overflow="fold", ratio=2)
    for e in rows:

        def shown(name: str, printed: dict[str, str] = e["printed"]) -> str:
            return escape(f"{printed[name]} → {name}" if name in printed else name)

        participants = [shown(a) for a in e["participants"]] + [f"[dim]{shown(a)}[/]" for a in e["inherited"]]
        table.add_row(
            escape(e["address"]),
            cjk_cell(_clip(e["text"], 90)),
            "\n".join(map(shown, e["lead"])),
            "\n".join(participants),
        )
    safe_console().print(table)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from documents.extract.compare import compare

    if args.topic:
        if args.zone or args.agency:
            raise CommandError(
                "compare a topic, or zones, or agencies: give --topic alone (with --doc to pick documents)"
            )
        return cmd_topic_compare(args)
    if args.zone and args.agency:
        raise CommandError("compare zones or agencies, not both: give only --zone NAME … or only --agency NAME …")
    if not args.zone and not args.agency:
        raise CommandError(
            "nothing to compare: give --topic WORD, --zone/--place NAME (repeatable) or --agency NAME (repeatable)"
        )
    corpus = load_corpus_for(args)
    matrix = compare(
        corpus,
        zones=args.zone or (),
        agencies=args.agency or (),
        docs=args.doc,
        depth=args.depth,
        include_common=args.common,
    )
    from documents.export.builders import compare_report

    done = print_report(
        args, lambda: compare_report(matrix, corpus), matrix.to_dict, lambda fmt: _matrix_text(matrix, fmt)
    )
    if done is not None:
        return done
    from rich.table import Table

    from tui.console.safe import console as safe_console
    from tui.console.safe import markup

    caption = f"{markup(matrix.common)}: clauses every compared zone shares (各开发区要…)" if matrix.common else None
    table = Table(title=f"compare by {matrix.by}", caption=caption, show_lines=True, expand=True)
    table.add_column("topic", overflow="fold", ratio=2)
    for column in matrix.columns:
        table.add_column(markup(column), overflow="fold", ratio=3)
    if matrix.common:
        table.add_column(markup(matrix.common), overflow="fold", ratio=3, header_style="bold dim", style="dim")
    for row in matrix.rows:
        cells = [
            "\n".join(_compare_cell_line(row.address, c, len(clauses) > 1) for c in clauses)
            for clauses in matrix.shown_cells(row)
        ]
        table.add_row(cjk_cell(f"{_clip(row.topic, 60)}\n[dim]{markup(row.address)}[/]"), *map(cjk_cell, cells))
    safe_console().print(table)
    return 0


def _compare_cell_line(row_address: str, clause, bullet: bool) -> str:
    """One clause of a compare cell: its address only when it is not the row's own."""
    from tui.console.safe import markup

    where = "" if clause.address == row_address else f"[dim]{markup(clause.address)}[/] "
    return f"{'•' if bullet else ''}{where}{_clip(clause.text, 120)}"


def cjk_cell(markup: str) -> Wrapped:
    """A table cell wrapped the CJK way (no line starts with ，), from Rich markup."""
    from rich.text import Text

    from tui.console.cjk import Wrapped

    return Wrapped(Text.from_markup(markup, emoji=False))


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with … when cut, control characters made visible, markup escaped."""
    from tui.console.safe import markup as escape

    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _matrix_text(matrix: CompareMatrix, fmt: str) -> str:
    """The compare matrix as CSV or a Markdown table: one row per topic, cells ``address text``."""
    header = ["topic", "address", *matrix.shown_columns()]
    lines = [
        [
            row.topic,
            row.address,
            *["\n".join(f"{c.address} {c.text}" for c in cell) for cell in matrix.shown_cells(row)],
        ]
        for row in matrix.rows
    ]
    return _table_text(header, lines, fmt)


def cmd_targets(args: argparse.Namespace) -> int:
    from documents.extract.targets import targets_of

    document = named_document(load_corpus_for(args), args.doc)
    targets = targets_of(document)
    if args.format == "json":
        print_json([t.to_dict() for t in targets])
        return 0
    from rich.table import Table

    from tui.console.safe import console as safe_console
    from tui.console.safe import safe_text

    table = Table(title=safe_text(f"{document.short} targets"))
    for column in ("address", "year", "indicator", "value", "unit"):
        table.add_column(column, overflow="fold")
    for t in targets:
        value, unit = t.shown()
        year = "" if t.year is None else str(t.year)
        table.add_row(*(safe_text(x) for x in (t.address, year, t.indicator, value, unit)))
    safe_console().print(table)
    return 0


def add_extraction_commands(sub) -> None:
    doc_help = "file stem, short number (001) or a unique title fragment"
    p = sub.add_parser("refs", help="references of a document (《title》, 文号, 专栏, 附件) and what they resolve to")
    p.add_argument("doc", help=doc_help)
    add_output_flags(p, "json")
    p.add_argument("--unresolved", action="store_true", help="only references the corpus cannot resolve")
    p.add_argument("--cited-by", action="store_true", help="references in other documents to this one")
    p.set_defaults(func=cmd_refs)
    p = sub.add_parser("tasks", help="tasks and their lead / participating agencies")
    p.add_argument("doc", nargs="?", help=f"{doc_help} (default: every document)")
    p.add_argument(
        "--doc", dest="doc_refs", action="append", metavar="DOC", help="only this document (repeatable, as in compare)"
    )
    p.add_argument("--agency", action="append", help="only tasks of this agency (alias or predecessor name works)")
    add_output_flags(p, "json")
    p.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_tasks)
    p = sub.add_parser(
        "compare",
        help="topics × zones or agencies (the clauses assigning each topic), or one topic across documents",
    )
    p.add_argument("--topic", help="a topic (土地, 人才, 环保 …): its sections in each document, side by side")
    p.add_argument(
        "--zone", action="append", help="a zone, park, city or region (repeatable; 衡阳 = 衡阳市, 湘西州, 邵东县 …)"
    )
    p.add_argument(
        "--place",
        action="append",
        dest="zone",
        help="a place: the same as --zone (a city's own clauses, its share of per-city clauses, 专栏 rows naming it)",
    )
    p.add_argument("--agency", action="append", help="an agency (repeatable)")
    p.add_argument("--doc", action="append", help="only this document (repeatable)")
    p.add_argument("--depth", type=int, help="group rows at this section level (1 = 一、, 2 = （一）)")
    p.add_argument(
        "--no-common",
        dest="common",
        action="store_false",
        help="leave out the column of clauses for every zone (各开发区, 各市州)",
    )
    add_output_flags(p, "json", "csv", "markdown")
    p.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("targets", help="quantitative targets (value, unit, year) of a document")
    p.add_argument("doc", help=doc_help)
    add_output_flags(p, "json")
    p.set_defaults(func=cmd_targets)


# --- review ---


def cmd_review(args: argparse.Namespace) -> int:
    from documents.state import review_export
    from documents.state.review import ReviewStore
    from tui.console.safe import clean_line, eprint

    store = ReviewStore(Path(args.db) if args.db else None)
    if store.message:
        eprint(store.message)
    try:
        if args.review_command == "import":
            try:
                count = review_export.import_json(store, Path(args.file).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"cannot import {args.file}: {exc}; nothing was imported") from None
            print(f"imported {count} review entries")
            return 0
        corpus = load_corpus_for(args)
        doc_key = named_document(corpus, args.doc).key if args.doc else None
        entries = review_export.review_entries(store, corpus, doc_key)
        if args.review_command == "list":
            for e in entries:
                changed = "  (changed)" if e.changed else ""
                first, *more = e.note.splitlines() or [""]
                print(f"{clean_line(e.address)}\t{e.mark or '-'}\t{clean_line(first)}{changed}")
                for line in more:  # a note's further lines, under its first
                    print(f"\t\t{clean_line(line)}")
            return 0
        if args.output and Path(args.output).suffix.lower() in (".docx", ".xlsx"):
            from documents.export.builders import review_report

            word = Path(args.output).suffix.lower() == ".docx"  # Word: a heading and a table per document
            return write_output(args.output, lambda: review_report(entries, by_document=word), {})
        render = {"csv": review_export.to_csv, "json": review_export.to_json, "markdown": review_export.to_markdown}[
            args.format
        ]
        report = render(entries)
        if args.output:
            Path(args.output).write_text(report, encoding="utf-8")
        else:
            emit(report if report.endswith("\n") else report + "\n")
        return 0
    finally:
        store.close()


def add_review_commands(sub) -> None:
    p = sub.add_parser("review", help="marks and notes: list, export a report, import a JSON report")
    p.add_argument("--db", help="review database (default: in the user data folder)")
    p.set_defaults(func=cmd_review, doc=None)
    rsub = p.add_subparsers(dest="review_command", required=True)
    e = rsub.add_parser("export", help="write a report of marks and notes with clause text and citation")
    add_output_flags(e, "markdown", "csv", "json", default="markdown")
    e.add_argument("-o", "--output", help="write to this file instead of stdout (.docx / .xlsx: Word or Excel)")
    e.add_argument("--doc", help="only this document")
    ls = rsub.add_parser("list", help="one line per mark or note")
    ls.add_argument("--doc", help="only this document")
    i = rsub.add_parser("import", help="load a JSON report back into the review database")
    i.add_argument("file")


# --- research: topic compare / diff / list ---


def cmd_topic_compare(args: argparse.Namespace) -> int:
    from documents.compare.topics import topic_compare

    corpus = load_corpus_for(args)
    docs = [named_document(corpus, ref) for ref in args.doc] if args.doc else None
    matrix = topic_compare(corpus, args.topic, docs)
    from documents.export.builders import topic_report

    done = print_report(args, lambda: topic_report(matrix), matrix.to_dict, lambda fmt: _topic_text(matrix, fmt))
    if done is not None:
        return done
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    found = sum(len(matrix.items(s)) for s in matrix.columns)
    table = Table(
        title=f"topic {matrix.topic}: {found} passages in {len(matrix.docs)} documents",
        caption=f"terms: {'、'.join(matrix.terms)}",
        show_lines=True,
        expand=True,
    )
    table.add_column("sub-topic", overflow="fold", ratio=2)
    for d in matrix.docs:
        table.add_column(f"{d.short} {_clip(d.title, 24)}", overflow="fold", ratio=3)
    for row in matrix.rows:
        cells = []
        for d in matrix.docs:
            items = row.cells.get(d.short, [])
            cells.append(
                "\n".join(
                    f"[bold]{escape(i.label)}[/]\n[dim]{escape(i.address)}[/] {_clip(i.text.replace(chr(10), ' '), 100)}"
                    for i in items
                )
                or "[dim]—[/]"
            )
        table.add_row(cjk_cell(f"[bold]{escape(row.subtopic)}[/]"), *map(cjk_cell, cells))
    Console().print(table)
    return 0


def _topic_text(matrix, fmt: str) -> str:
    """A topic compare as CSV or Markdown: one row per sub-topic, a column per document."""
    header = ["subtopic", *[f"{d.short} {d.title}" for d in matrix.docs]]
    lines = [
        [row.subtopic, *["\n".join(f"{i.address} {i.label}" for i in row.cells.get(d.short, [])) for d in matrix.docs]]
        for row in matrix.rows
    ]
    return _table_text(header, lines, fmt)


def _table_text(header: list[str], lines: list[list[str]], fmt: str) -> str:
    import csv
    import io

    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(lines)
        return out.getvalue()

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    text = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    text += ["| " + " | ".join(cell(v) for v in line) + " |" for line in lines]
    return "\n".join(text) + "\n"


def document_or_file(corpus, ref: str):
    """A corpus document by reference, or a file read as a document when ``ref`` is a path."""
    from documents.corpus import load_document
    from documents.formats import UnreadableDocument

    path = Path(ref).expanduser()
    if path.is_file():
        try:
            return load_document(path)
        except UnreadableDocument as exc:
            raise CommandError(str(exc)) from None
    return named_document(corpus, ref)


def cmd_diff(args: argparse.Namespace) -> int:
    from documents.compare.diff import diff_documents

    corpus = load_corpus_for(args)
    old = document_or_file(corpus, args.old)
    new = document_or_file(corpus, args.new)
    diff = diff_documents(old, new)

    def diff_data() -> dict:
        data = diff.to_dict()
        if not args.all:  # the changes; --all keeps the unchanged clauses for a full alignment
            data["rows"] = [row for row in data["rows"] if row["kind"] != "equal"]
        return data

    from documents.export.builders import diff_report

    done = print_report(
        args,
        lambda: diff_report(diff, changes_only=not args.all),
        diff_data,
        lambda fmt: _diff_text(diff, fmt, args.all),
    )
    if done is not None:
        return done
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.console.cjk import Wrapped

    table = Table(title=f"{old.title} → {new.title}", caption=diff.summary_line(), show_lines=True, expand=True)
    table.add_column("", no_wrap=True)
    table.add_column(f"{old.short} (old)", ratio=1)
    table.add_column(f"{new.short} (new)", ratio=1)
    for row in diff.rows:
        if not args.all and not row.is_change:
            continue
        left, right = Text(), Text()
        for op, a, b in row.segments or [("equal", row.old.text if row.old else "", row.new.text if row.new else "")]:
            left.append(a, style="" if op == "equal" else "strike red")
            right.append(b, style="" if op == "equal" else "underline green")
        where_old = Text(row.old.address + "\n", style="dim") if row.old else Text()
        where_new = Text(row.new.address + "\n", style="dim") if row.new else Text()
        kind = row.kind + ("+edit" if row.kind == "moved" and row.edited else "")
        table.add_row(kind, Wrapped(where_old + left), Wrapped(where_new + right))
    Console().print(table)
    return 0


def _diff_text(diff, fmt: str, everything: bool) -> str:
    """A diff as CSV or Markdown: kind, old address and text, new address and text (edits in [-…-]{+…+})."""

    def marked(row, side: int) -> str:
        parts = []
        for op, a, b in row.segments:
            text = (a, b)[side]
            if op == "equal" or not text:
                parts.append(text if op == "equal" else "")
            else:
                parts.append(f"[-{text}-]" if side == 0 else f"{{+{text}+}}")
        if not row.segments:
            unit = row.old if side == 0 else row.new
            return unit.text if unit else ""
        return "".join(parts)

    header = ["kind", "old", "old text", "new", "new text"]
    lines = [
        [
            row.kind + ("+edit" if row.kind == "moved" and row.edited else ""),
            row.old.address if row.old else "",
            marked(row, 0) if row.old else "",
            row.new.address if row.new else "",
            marked(row, 1) if row.new else "",
        ]
        for row in diff.rows
        if everything or row.is_change
    ]
    text = _table_text(header, lines, fmt)
    return text if fmt == "csv" else f"{diff.summary_line()}\n\n{text}"


def cmd_list(args: argparse.Namespace) -> int:
    from documents.facets import LEVELS, STATUSES, FacetFilter, filter_and_sort

    if args.level and args.level not in LEVELS:
        raise CommandError(f"unknown level '{args.level}': one of {', '.join(LEVELS)}")
    if args.status and args.status not in STATUSES:
        raise CommandError(f"unknown status '{args.status}': one of {', '.join(STATUSES)}")
    corpus = load_corpus_for(args)
    keep = FacetFilter(args.issuer or "", args.year, args.kind or "", args.level or "", args.status or "")
    rows = filter_and_sort(corpus.documents, keep, args.sort, args.reverse)
    if args.format == "json":
        print_json(
            [
                {
                    "doc": d.short,
                    "key": d.key,
                    "title": d.title,
                    "doc_number": d.meta.doc_number,
                    "date": d.meta.date_iso or d.meta.published_iso,
                    **f.to_dict(),
                }
                for d, f in rows
            ]
        )
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} of {len(corpus.documents)} documents", expand=True)
    for name in ("No.", "Title", "Issuer", "Year", "Kind", "Level", "Status"):
        table.add_column(name, overflow="fold", ratio=4 if name == "Title" else (2 if name == "Issuer" else None))
    for d, f in rows:
        table.add_row(
            d.short, _clip(d.title, 60), _clip("、".join(f.issuers), 40), str(f.year or ""), f.kind, f.level, f.status
        )
    Console().print(table)
    return 0


def add_research_commands(sub) -> None:
    from documents.facets import SORT_KEYS

    p = sub.add_parser("diff", help="two versions of a document clause by clause: added, removed, changed, moved")
    p.add_argument("old", help="the old version: a document of the corpus or a file")
    p.add_argument("new", help="the new version: a document of the corpus or a file")
    p.add_argument("--all", action="store_true", help="also list the clauses that did not change")
    add_output_flags(p, "json", "csv", "markdown", default="table")
    p.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("list", help="the documents with their facets: issuer, year, kind, level, status")
    p.add_argument("--issuer", help="issued by a body whose name contains this")
    p.add_argument("--year", type=int, help="dated this year")
    p.add_argument("--kind", help="规划, 意见, 通知, 办法, 工作要点 … (意见 also finds 实施意见)")
    p.add_argument("--level", help="中央, 全国人大, 国务院, 部委, 省, 市 or 区")
    p.add_argument("--status", help="现行有效, 已修改, 已废止, 已失效 or 尚未生效")
    p.add_argument("--sort", choices=SORT_KEYS, default="number", help="sort by this facet (default: number)")
    p.add_argument("--reverse", action="store_true", help="sort descending")
    add_output_flags(p, "json")
    p.set_defaults(func=cmd_list)


COMMAND_GROUPS: list[Callable[[Any], None]] = [
    add_document_commands,
    add_review_commands,
    add_extraction_commands,
    add_research_commands,
    add_index_commands,
]


OUTPUT_FLAGS = {
    "json": "print JSON",
    "csv": "print CSV",
    "markdown": "print Markdown",
}


def add_output_flags(parser: argparse.ArgumentParser, *formats: str, default: str = "text") -> None:
    """``--json`` / ``--csv`` / ``--markdown`` (those named), one at most, into ``args.format``."""
    group = parser.add_mutually_exclusive_group()
    for fmt in formats:
        group.add_argument(f"--{fmt}", dest="format", action="store_const", const=fmt, help=OUTPUT_FLAGS[fmt])
    parser.set_defaults(format=default)


def add_global_options(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """``--docs``, ``--keymap``, ``--lang``, ``--fresh``: before the subcommand or after it.

    On a subcommand's parser they default to "not given" (``SUPPRESS``), so a value
    given before the subcommand is kept; given after it, it wins.
    """
    unset = argparse.SUPPRESS
    parser.add_argument(
        "--docs",
        action="append",
        metavar="DIR",
        default=unset if subcommand else None,
        help="documents folder (repeatable)",
    )
    parser.add_argument(
        "--keymap",
        metavar="FILE",
        default=unset if subcommand else None,
        help="browser: key bindings file (default: keymap.toml in the config folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=unset if subcommand else None,
        help="browser: interface language, zh (the default) or en; also $CEYUE_LANG or language in config.toml",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        default=unset if subcommand else False,
        help="browser: start on the document list, not where you left off",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        default=unset if subcommand else False,
        help="also read links that lead out of the documents folder (links inside it are always followed)",
    )


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser (and its own subcommands'): it takes the global options too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_global_options(self, subcommand=True)


#: Global options that take a value (the token after one is not a command).
VALUE_OPTIONS = ("--docs", "--keymap", "--lang")


def named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names ("" for none: the browser), or None when that is not plain to
    see (help asked for, or an option this does not know ahead of its first word)."""
    if "-h" in argv or "--help" in argv:
        return None
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            return None
        if not token.startswith("-"):
            return token
        if "=" in token:
            continue
        if len(token) > 2 and any(option.startswith(token) for option in VALUE_OPTIONS):
            next(tokens, None)  # its value (argparse takes a unique prefix of an option)
    return ""


class _Skipped:
    """Stands for the parser of a subcommand not being run: every call is taken and does nothing."""

    def __getattr__(self, name: str) -> Callable[..., _Skipped]:
        return self._take

    def _take(self, *args: object, **kwargs: object) -> _Skipped:
        return self


class _OnlyCommand:
    """The subcommands' registry, making only ``wanted``'s parser: the others are :class:`_Skipped`."""

    def __init__(self, sub: Any, wanted: str) -> None:
        self.sub = sub
        self.wanted = wanted
        self.found = False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name != self.wanted:
            return _Skipped()
        self.found = True
        return self.sub.add_parser(name, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, the parser of that subcommand alone is made ("": none,
    the browser), or every one when ``only`` names none."""
    parser = argparse.ArgumentParser(prog="ceyue", description="策阅 — browse Chinese policy documents")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=CommandParser)
    registry = _OnlyCommand(sub, only) if only is not None else None
    for add_commands in COMMAND_GROUPS:
        add_commands(registry or sub)
    if registry is not None and only and not registry.found:
        return build_parser()
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` read by the parser of the subcommand it names alone: the 13 subcommands' parsers, each
    with the global options, took 15-45 ms of CPU at every start (more than the first screen's own
    styles). Help, a word that names no subcommand, an argument list :func:`named_command` cannot read
    ahead, or one the lone parser rejects go to the full parser, so what it says stays the same."""
    only = named_command(argv)
    if only is not None:
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                return build_parser(only).parse_args(argv)
        except SystemExit:
            pass  # the full parser below says what is wrong, listing every subcommand
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints as its own bytes, not a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape")
    try:
        return _main(argv)
    finally:
        compiled_code.save()  # the dataclasses' code compiled this time, for the next start


def _main(argv: list[str] | None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    func = getattr(args, "func", None)
    if func is None:
        return run_browser(args)
    try:
        return func(args)
    except CeyueError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        message = os_error_message(exc)
        if message is None:
            raise
        return fail(message)
    except ValueError as exc:
        from index.service import NoDocuments

        if isinstance(exc, NoDocuments):
            return fail(str(exc))
        raise


def run_browser(args: argparse.Namespace) -> int:
    """Open the Textual browser (no subcommand given)."""
    from tui.launch import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
