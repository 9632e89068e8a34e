"""Starting the browser from the command line: language and keymap, then the app, which reads the corpus itself."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from documents import compiled_code

if TYPE_CHECKING:
    from tui.app import CeyueApp


def run(args: argparse.Namespace) -> int:
    """Run the app until the user quits; the documents are read in a worker while its first screen shows.

    ctrl+c (a SIGINT from outside, or pressed before the app owns the terminal) ends it
    quietly with exit code 130, never a traceback.
    """
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130


def choose_language(args: argparse.Namespace) -> tuple[str, tuple[str, ...]]:
    """Switch to the interface language (``--lang``, ``$CEYUE_LANG``, config.toml, the locale: see
    :func:`tui.i18n.pick_language`); return it with what to tell about a settings file that was not used."""
    from documents.settings import load_settings
    from tui.i18n import _, explain, pick_language, use_language

    settings = load_settings()
    language = use_language(pick_language(getattr(args, "lang", None), settings.language))
    notices: tuple[str, ...] = ()
    if settings.error:
        notices = (
            _("settings {path}: {reason}; using the defaults").format(
                path=settings.path, reason=explain(settings.error)
            ),
        )
    return language, notices


def _run(args: argparse.Namespace) -> int:
    app = make_app(args)
    if app is None:
        return 2
    app.run()
    compiled_code.save()
    # The terminal is restored and the session and notes are on disk. Ending the process here skips the
    # interpreter's teardown, which with a large corpus in memory takes seconds of garbage collection, and
    # leaves an index build still running on its daemon thread to be discarded (see tui.workers).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(app.return_code or 0)


def make_app(args: argparse.Namespace) -> CeyueApp | None:
    """The browser for ``args``, not yet running; None, said on stderr, when there are no documents.

    The garbage collector is off from here until the app's first frame is drawn
    (:func:`documents.collector.hold`): what the imports and the first screen make stays.
    """
    from documents.collector import hold, release

    hold()
    from documents.corpus import Corpus, default_dirs, document_files, load_corpus
    from tui.app import CeyueApp, silence_jieba
    from tui.keymap import load_keymap

    language, notices = choose_language(args)

    silence_jieba()
    docs = getattr(args, "docs", None)
    dirs = [Path(d).expanduser() for d in docs] if docs else None
    files = document_files(
        [d for d in dirs or default_dirs() if d.exists()], follow_links=bool(getattr(args, "follow_links", False))
    )
    if not files:
        release()
        print("ceyue: no documents found; pass --docs DIR", file=sys.stderr)
        return None

    def read(progress: Callable[[int, int, str], None]) -> Corpus:
        return load_corpus(dirs, progress=progress, follow_links=bool(getattr(args, "follow_links", False)))

    keymap_file = getattr(args, "keymap", None)
    keymap = load_keymap(Path(keymap_file).expanduser() if keymap_file else None)
    return CeyueApp(
        corpus_loader=read,
        keymap=keymap,
        fresh=bool(getattr(args, "fresh", False)),
        language=language,
        notices=notices,
        listed_files=files,
    )
