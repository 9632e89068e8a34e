"""Rich renderables for the command line: search results and the build progress bar.

Chinese lines are wrapped with :mod:`tui.console.cjk` (pure Rich, no Textual), so no
line starts with ， and numbers stay whole, as in the reader.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from index.results import SearchHit, SearchResults
from tui.console.cjk import wrap
from tui.console.safe import clean, clean_line, markup

HIGHLIGHT_STYLE = "bold black on yellow"


def highlighted(text: str, spans: list[tuple[int, int]], style: str = HIGHLIGHT_STYLE) -> Text:
    out = Text(clean(text))  # one character for one: the spans still fit
    for start, end in spans:
        out.stylize(style, start, end)
    return out


class Indented:
    """``text`` wrapped the CJK way, every line indented; no padding after the text (pipes stay clean)."""

    def __init__(self, text: Text, indent: int = 0) -> None:
        self.text = text
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, max(options.max_width - self.indent, 10)):
            if self.indent:
                yield Segment(" " * self.indent)
            yield from line.render(console)
            yield Segment.line()


def hit_renderable(hit: SearchHit) -> RenderableType:
    where = " › ".join(hit.heading_path)
    head = Text.assemble((clean_line(hit.address), "cyan"), ("  " + clean_line(where), "dim"))
    if hit.kind not in ("clause",):
        head.append(f"  [{hit.kind}{' row ' + str(hit.row) if hit.row else ''}]", style="magenta")
    if hit.literal:
        head.append("  [literal]", style="dim italic")
    body = highlighted(hit.snippet, hit.highlights)
    return Group(Indented(head, 2), Indented(body, 4))


def results_renderable(results: SearchResults, *, with_notice: bool = True) -> RenderableType:
    """Hits grouped by document, best document first (the notice too unless the caller prints it)."""
    parts: list[RenderableType] = []
    if results.notice and with_notice:
        parts.append(Text(f"note: {clean_line(results.notice)}", style="yellow"))
    if not results.hits:
        parts.append(Text(f"no results for {clean_line(results.query)}", style="dim"))
    for _, hits in results.groups():
        first = hits[0]
        title = highlighted(first.doc_title, results.title_spans(first.doc_title))
        title.stylize("bold")
        parts.append(
            Indented(
                Text.assemble((f"{clean_line(first.doc_short)} ", "bold cyan"), title, (f"  ({len(hits)})", "dim"))
            )
        )
        parts.extend(hit_renderable(hit) for hit in hits)
    parts.append(Text(f"{results.count_text()} in {results.elapsed_ms:.1f} ms", style="dim"))
    return Group(*parts)


@contextlib.contextmanager
def build_progress(console=None) -> Iterator:
    """A ``progress(done, total, title)`` callback drawing a Rich bar while indexing (only on a terminal:
    redirected, the bar would leave a blank line in the output).

    The bar is made at the first call: an index that is up to date draws nothing and a
    search does not import Rich's progress module.
    """
    quiet = console is not None and not console.is_terminal
    bar = None
    task = None

    def progress(done: int, total: int, title: str) -> None:
        nonlocal bar, task
        if bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            bar = Progress(
                TextColumn("indexing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("[dim]{task.description}"),
                console=console,
                transient=True,
                disable=quiet,
            )
            task = bar.add_task("", total=None)
            bar.start()
        bar.update(task, completed=done, total=total, description=markup(clean_line(title[:40])))

    try:
        yield progress
    finally:
        if bar is not None:
            bar.stop()


def documents_renderable(results: SearchResults) -> RenderableType:
    """Every matching document with its hit count, best first (``search --documents``)."""
    parts: list[RenderableType] = []
    for d in results.documents:
        line = Text()
        line.append(f"{d.doc_short:>4} ", style="bold")
        line.append(f"{d.hits:>5} hit{'s' if d.hits != 1 else ' '}  ", style="cyan")
        line.append(d.doc_title)
        parts.append(line)
    total = max(results.total, len(results.hits) - results.partial)
    parts.append(Text(f"{total:,} hits in {len(results.documents)} documents", style="dim"))
    return Group(*parts)
