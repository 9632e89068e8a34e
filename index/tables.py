"""A generation's own tables (shown, heading and text tables, document map), written from the records a build added.

In a rebuild these tables and the Whoosh commit need nothing of each other: a
record's document number is its serial (documents are numbered as added, none
deleted, no older segment to merge). So a rebuild writes them in a child
process (:class:`TablesProcess`) on the other core while it commits, instead
of one after the other; the writer checks the numbering after its commit and
writes the tables itself when it differs or the child failed. An incremental
update, whose numbering Whoosh's merges decide, writes them after its commit.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from index import docmap, literal, shown
from index.prepare import python_child
from index.records import searchable_path


def write_tables(
    target: Path, serials: Sequence[int | None], added: shown.Spill, kept: shown.ShownTable | None
) -> dict:
    """Write the shown table, the literal tables (texts, heading paths) and the document map in docnum order.

    ``serials`` holds each document number's serial (None: deleted). A record is found by its
    serial: among those just ``added``, else in the previous generation's table (``kept``),
    where Whoosh's merges may have moved it. The records are read afresh for each table rather
    than held (a large library's records would not fit beside the build). Returns the text
    table's description for the manifest.
    """
    old_rows = kept.rows_by_serial() if kept is not None else {}
    count = len(serials)

    def rows() -> Iterator[tuple[int, shown.Shown] | None]:
        for serial in serials:
            if serial is None:
                yield None
                continue
            record = added.get(serial)
            if record is None and kept is not None and serial in old_rows:
                record = kept.get(old_rows[serial])
            if record is None:
                raise ValueError(f"index record has no shown entry (serial {serial})")
            yield serial, record

    shown_rows = shown.ShownWriter(target)
    headings = literal.TableWriter(target, literal.HEADINGS, count)
    texts = literal.TableWriter(target, literal.TEXTS, count)
    docs: list[str | None] = []
    try:
        for row in rows():  # one pass: each record is read from the spill once
            shown_rows.add(row)
            headings.add(searchable_path(list(row[1].heading_path)) if row else None)
            texts.add(row[1].text if row else None)
            docs.append(row[1].doc if row else None)
    except BaseException:
        for writer in (shown_rows, headings, texts):
            writer.discard()
        raise
    shown_rows.close()
    headings.close()
    docmap.write_doc_map(target, docs)
    return texts.close()


class TablesProcess:
    """A ``python -c`` child writing a rebuild's tables from its spill of added records (serial = docnum).

    Not ``multiprocessing`` (see :class:`index.prepare._Worker`). The child exits when this
    process's end of its input closes, so a killed build leaves no writer behind.
    """

    def __init__(self, target: Path, added: shown.Spill, count: int):
        self.process = python_child("index.tables")
        assert self.process.stdin is not None
        try:
            pickle.dump((str(target), str(added.path), added.state(), count), self.process.stdin)
            self.process.stdin.flush()
        except OSError:
            self.stop()
            raise

    def result(self) -> dict | None:
        """The text table's description once the child has written every table; None when it failed."""
        assert self.process.stdout is not None
        try:
            answer = pickle.load(self.process.stdout)
        except Exception:  # the child died or could not start
            answer = None
        self.stop()
        return answer if isinstance(answer, dict) else None

    def stop(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()


def _exit_with_parent(stdin) -> None:
    """End this process once the parent's end of ``stdin`` closes (it finished, or died)."""
    stdin.read()
    os._exit(1)


def serve() -> None:
    """The child's job: read (target, spill path, spill state, count), write the tables, answer the description."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    target, path, state, count = pickle.load(stdin)
    threading.Thread(target=_exit_with_parent, args=(stdin,), daemon=True).start()
    added = shown.Spill(Path(path), state)
    try:
        answer: object = write_tables(Path(target), list(range(count)), added, None)
    except Exception as exc:
        answer = RuntimeError(f"cannot write the tables: {exc}")
    finally:
        added.close()
    pickle.dump(answer, stdout)
    stdout.flush()
