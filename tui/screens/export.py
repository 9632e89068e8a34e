"""The export dialog: where to write a comparison, diff or review, and in which format.

One dialog asks both: the path (the suffix follows the format chosen) and the
format, from the formats the caller offers (Word and Excel for a comparison or
diff; Markdown, CSV, JSON, Word and Excel for review notes). The caller builds
and writes the report; :func:`export_in_worker` does so in a worker thread and
says in a notification where it went, the whole path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, RadioButton, RadioSet

from documents.export.report import Report
from documents.export.writers import FORMATS, write_report
from documents.locations import data_dir
from tui.bindings import BY_ID, bindings, display_keys
from tui.i18n import _
from tui.screens.dialog import Dialog

#: Product and format names: the same in every language.
FORMAT_NAMES = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "md": "Markdown", "csv": "CSV", "json": "JSON"}
#: How long the notification with the written path stays (it is the only place the whole path shows).
WRITTEN_TOAST_SECONDS = 12


def default_path(stem: str, fmt: str = "docx") -> Path:
    return data_dir() / "exports" / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"


class ExportDialog(Dialog[tuple[Path, str] | None]):
    """Returns (path, format) to write, or None."""

    CSS_PATH = "../styles/export.tcss"
    BINDINGS = bindings("export")
    NAME = "export"

    def __init__(self, what: str, path: Path, fmt: str = "docx", formats: tuple[str, ...] = FORMATS) -> None:
        super().__init__()
        self.what = what
        self.path = path
        self.formats = formats
        self.fmt = fmt if fmt in formats else formats[0]

    def dialog_title(self) -> str:
        return _("Export") + f" — {self.what}"

    def dialog_status(self) -> str:
        save = display_keys(BY_ID["export.save"].keys)
        cancel = display_keys(BY_ID["export.cancel"].keys)
        return _("{save} save · {cancel} cancel").format(save=save, cancel=cancel)

    def compose_body(self) -> ComposeResult:
        with RadioSet(id="export-format"):
            for fmt in self.formats:
                yield RadioButton(FORMAT_NAMES[fmt], value=fmt == self.fmt, name=fmt)
        yield Input(str(self.path.with_suffix("." + self.fmt)), id="export-path")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or self.formats[0]
        field = self.query_one("#export-path", Input)
        field.value = str(Path(field.value).with_suffix("." + self.fmt))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.app.bell()
            return
        path = Path(typed).expanduser()
        if path.suffix.lower().lstrip(".") in self.formats:
            self.fmt = path.suffix.lower().lstrip(".")
        else:
            path = path.with_suffix("." + self.fmt)
        self.dismiss((path, self.fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_in_worker(screen: Screen, write: Callable[[], Path], path: Path) -> None:
    """Run ``write`` in a worker thread; then say where the file went (all of the path), or why not."""

    def work() -> None:
        try:
            written = write()
        except (OSError, ValueError) as exc:
            message = _("cannot export to {path}: {reason}").format(
                path=path, reason=getattr(exc, "strerror", None) or exc
            )
            screen.app.call_from_thread(screen.notify, message, severity="error", markup=False)
            return
        message = _("Exported to {path}").format(path=written.resolve())
        screen.app.call_from_thread(screen.notify, message, timeout=WRITTEN_TOAST_SECONDS, markup=False)

    screen.run_worker(work, thread=True, group="export", exclusive=True)


def export_report(screen: Screen, what: str, stem: str, make: Callable[[], Report]) -> None:
    """Ask where and how, then build and write the report in a worker thread."""

    def chosen(answer: tuple[Path, str] | None) -> None:
        if answer is not None:
            path, fmt = answer
            export_in_worker(screen, lambda: write_report(make(), path, fmt), path)

    screen.app.push_screen(ExportDialog(what, default_path(stem)), chosen)
