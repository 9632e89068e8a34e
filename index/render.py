"""Rich renderables for the command line: search results and the build progress bar."""

from __future__ import annotations

import contextlib
from typing import Iterator

from rich.console import Group, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from index.results import SearchHit, SearchResults

HIGHLIGHT_STYLE = "bold black on yellow"


def highlighted(text: str, spans: list[tuple[int, int]], style: str = HIGHLIGHT_STYLE) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def hit_renderable(hit: SearchHit) -> RenderableType:
    where = " › ".join(hit.heading_path)
    head = Text.assemble(("  " + hit.address, "cyan"), ("  " + where, "dim"))
    if hit.kind not in ("clause",):
        head.append(f"  [{hit.kind}{' row ' + str(hit.row) if hit.row else ''}]", style="magenta")
    if hit.literal:
        head.append("  [literal]", style="dim italic")
    body = Text("    ").append_text(highlighted(hit.snippet, hit.highlights))
    return Group(head, body)


def results_renderable(results: SearchResults) -> RenderableType:
    """Hits grouped by document, best document first."""
    parts: list[RenderableType] = []
    if results.notice:
        parts.append(Text(f"note: {results.notice}", style="yellow"))
    if not results.hits:
        parts.append(Text(f"no results for {results.query}", style="dim"))
    for _, hits in results.groups():
        first = hits[0]
        parts.append(Text.assemble((f"{first.doc_short} ", "bold cyan"), (first.doc_title, "bold"),
                                   (f"  ({len(hits)})", "dim")))
        parts.extend(hit_renderable(hit) for hit in hits)
    parts.append(Text(f"{len(results.hits)} hits in {results.elapsed_ms:.1f} ms", style="dim"))
    return Group(*parts)


@contextlib.contextmanager
def build_progress(console=None) -> Iterator:
    """A ``progress(done, total, title)`` callback drawing a Rich bar while indexing."""
    bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("[dim]{task.description}"), console=console, transient=True)
    task = bar.add_task("", total=None)

    def progress(done: int, total: int, title: str) -> None:
        bar.update(task, completed=done, total=total, description=title[:40])

    with bar:
        yield progress
