"""The browser (Textual) and the renderers the command line shares with it (``tui.console``, Rich only)."""

from tui.textual_imports import install

install()
