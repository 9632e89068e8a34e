"""Starting the browser from the command line: keymap, then the app, which reads the corpus itself."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    """Run the app until the user quits; the documents are read in a worker while its first screen shows."""
    if sys.stdout.isatty():
        # Textual takes most of a second to import: say something at once (its screen replaces it).
        sys.stdout.write("策阅 ceyue …\r")
        sys.stdout.flush()
    from documents.corpus import Corpus, default_dirs, document_files, load_corpus
    from tui.app import CeyueApp, silence_jieba
    from tui.keymap import load_keymap

    silence_jieba()
    docs = getattr(args, "docs", None)
    dirs = [Path(d).expanduser() for d in docs] if docs else None
    if not document_files(
        [d for d in dirs or default_dirs() if d.exists()], follow_links=bool(getattr(args, "follow_links", False))
    ):
        print("ceyue: no documents found; pass --docs DIR", file=sys.stderr)
        return 2

    def read(progress: Callable[[int, int, str], None]) -> Corpus:
        return load_corpus(dirs, progress=progress, follow_links=bool(getattr(args, "follow_links", False)))

    keymap_file = getattr(args, "keymap", None)
    keymap = load_keymap(Path(keymap_file).expanduser() if keymap_file else None)
    app = CeyueApp(corpus_loader=read, keymap=keymap, fresh=bool(getattr(args, "fresh", False)))
    app.run()
    return 0
