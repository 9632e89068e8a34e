"""Starting the browser from the command line: corpus, keymap, then the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    """Load the corpus and the keymap, then run the app until the user quits."""
    from documents.corpus import load_corpus
    from tui.app import CeyueApp, silence_jieba
    from tui.keymap import load_keymap

    silence_jieba()
    docs = getattr(args, "docs", None)
    dirs = [Path(d).expanduser() for d in docs] if docs else None
    corpus = load_corpus(dirs)
    if not corpus.documents:
        print("ceyue: no documents found; pass --docs DIR", file=sys.stderr)
        return 2
    keymap_file = getattr(args, "keymap", None)
    keymap = load_keymap(Path(keymap_file).expanduser() if keymap_file else None)
    app = CeyueApp(corpus, keymap=keymap, fresh=bool(getattr(args, "fresh", False)))
    app.run()
    return 0
