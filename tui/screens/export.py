"""The export dialog: where to write a comparison, diff or review, and as Word or Excel.

One dialog asks both: the path (the suffix follows the format chosen) and the
format. The caller builds the report; :func:`export_report` writes it in a
worker thread and says where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, RadioButton, RadioSet, Static

from documents.export.report import Report
from documents.export.writers import FORMATS, write_report
from documents.locations import data_dir
from tui.bindings import BY_ID, bindings, display_keys
from tui.i18n import _

FORMAT_NAMES = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}  # product names: the same in every language


def default_path(stem: str, fmt: str = "docx") -> Path:
    return data_dir() / "exports" / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"


class ExportDialog(ModalScreen[tuple[Path, str] | None]):
    """Returns (path, format) to write, or None."""

    CSS_PATH = "../styles/export.tcss"
    BINDINGS = bindings("export")

    def __init__(self, what: str, path: Path, fmt: str = "docx") -> None:
        super().__init__()
        self.what = what
        self.path = path
        self.fmt = fmt if fmt in FORMATS else "docx"

    def compose(self) -> ComposeResult:
        save = display_keys(BY_ID["export.save"].keys)
        cancel = display_keys(BY_ID["export.cancel"].keys)
        with Vertical(id="export-dialog"):
            yield Static(_("Export") + f" — {self.what}", id="export-title")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(FORMAT_NAMES[fmt], value=fmt == self.fmt, name=fmt)
            yield Input(str(self.path.with_suffix("." + self.fmt)), id="export-path")
            yield Static(_("{save} save · {cancel} cancel").format(save=save, cancel=cancel), id="export-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "docx"
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
        if path.suffix.lower().lstrip(".") in FORMATS:
            self.fmt = path.suffix.lower().lstrip(".")
        else:
            path = path.with_suffix("." + self.fmt)
        self.dismiss((path, self.fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_report(screen: Screen, what: str, stem: str, make: Callable[[], Report]) -> None:
    """Ask where and how, then build and write the report in a worker thread."""

    def chosen(answer: tuple[Path, str] | None) -> None:
        if answer is None:
            return
        path, fmt = answer

        def write() -> None:
            try:
                written = write_report(make(), path, fmt)
            except (OSError, ValueError) as exc:
                reason = getattr(exc, "strerror", None) or exc
                message = _("cannot export to {path}: {reason}").format(path=path, reason=reason)
                screen.app.call_from_thread(screen.notify, message, severity="error")
                return
            screen.app.call_from_thread(screen.notify, _("Exported to {path}").format(path=written))

        screen.run_worker(write, thread=True, group="export", exclusive=True)

    screen.app.push_screen(ExportDialog(what, default_path(stem)), chosen)
