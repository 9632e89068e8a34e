"""A rebuild's flat postings file (:mod:`index.flat`), written by a child process while the writer commits.

Once the workers stop, a rebuild's tail is the writer's commit on one core and
the tables' child (:mod:`index.tables`) on the other, which finishes first. The
flat file repeats postings the commit has in hand, but needs nothing the commit
makes: each term's documents and weights come from the pool's arrays alone. So
the writer pipes the pool's arrays to a ``python -c`` child, which sorts them
by term and writes the file, and the commit writes only Whoosh's segment (the
laws: a quarter of the commit's CPU). The file is the one the commit would have
written; a child that fails leaves it to :func:`index.flat.write_missing`,
which reads it back from the committed segment.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from array import array
from pathlib import Path

from index.flat import FlatFileWriter
from index.postings import CompactPool, HeldPostings
from index.prepare import python_child

#: One field's postings as the child gets them: name, term keys by number, each posting's term
#: number, document and frequency, the field's ``pre`` factor and each document's scale.
FieldPostings = tuple[str, list, array, array, array, float, array]


class FlatProcess:
    """A child writing ``pool``'s flat file at its ``flat_path``, which it takes from the pool (set to None).

    Only a pool that has written no run file can be sent (a large build's runs are merged by the commit).
    """

    def __init__(self, pool: CompactPool):
        if pool.flat_path is None or pool.run_files:
            raise ValueError("this pool's flat file cannot be written elsewhere")
        self.process = python_child("index.flat_process")
        assert self.process.stdin is not None
        job: list[FieldPostings] = [  # in the commit's order of fields, so the file's bytes are the same
            (name, list(held.numbers), held.terms, held.docs, held.freqs, pool.pre[name], pool.scales[name].column())
            for name, held in sorted(pool.compact.items())
            if held.terms
        ]
        # Fed by a thread: the commit starts at once instead of waiting for the child to start reading.
        self._feeder = threading.Thread(target=self._feed, args=((str(pool.flat_path), job),), daemon=True)
        self._feeder.start()
        pool.flat_path = None

    def _feed(self, message: tuple[str, list[FieldPostings]]) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError, ValueError):  # the child died; result() then answers False
            pickle.dump(message, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()

    def result(self) -> bool:
        """Whether the child wrote the file (waits for it)."""
        assert self.process.stdout is not None
        self._feeder.join()
        try:
            answer = pickle.load(self.process.stdout)
        except Exception:  # the child died or could not start
            answer = None
        self.stop()
        return answer is True

    def stop(self) -> None:
        """End the child; killed first, so a feeder blocked on a full pipe fails and lets go of it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        self._feeder.join()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        self.process.wait()


def write_flat(path: Path, job: list[FieldPostings]) -> int:
    """Write the flat file of ``job``'s fields at ``path``, each weight computed as the commit computes
    it (:func:`index.postings._write_compact`); returns how many terms it holds."""
    import numpy as np

    out = FlatFileWriter(path)
    try:
        for name, keys, terms, docs, freqs, pre, scales in job:
            held = HeldPostings()
            held.numbers.update(zip(keys, range(len(keys)), strict=True))
            held.terms, held.docs, held.freqs = terms, docs, freqs
            doc_scales = np.frombuffer(scales, np.float64)
            for key, term_docs, term_freqs in held.by_term():
                if len(term_docs) < out.min_postings:
                    continue
                weights = np.frombuffer(term_freqs, np.uint32) * pre * doc_scales[np.frombuffer(term_docs, np.uint32)]
                out.add(name, key, term_docs, weights.astype(np.float32))
    except BaseException:
        out.abandon()
        raise
    return out.finish()


def _exit_with_parent(stdin) -> None:
    """End this process once the parent's end of ``stdin`` closes (it finished, or died)."""
    stdin.read()
    os._exit(1)


def serve() -> None:
    """The child's job: read (path, fields), write the file, answer True (or the error)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    path, job = pickle.load(stdin)
    threading.Thread(target=_exit_with_parent, args=(stdin,), daemon=True).start()
    try:
        write_flat(Path(path), job)
        answer: object = True
    except Exception as exc:
        answer = RuntimeError(f"cannot write the flat postings: {exc}")
    pickle.dump(answer, stdout)
    stdout.flush()
