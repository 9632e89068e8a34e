"""Documents → what the index writer adds (records and their cut words), on every core.

Cutting words and finding a record's facets take about half of a build and
need nothing from the Whoosh writer, which can only run in one process. So a
large build prepares documents in worker processes while this process writes
postings: :func:`prepared` yields each document's :class:`Prepared` in order,
from a pool when there are enough documents to pay for starting one (a worker
loads jieba's dictionary once), else in this process. Both ways give the same
records and the same cuts: a worker checks that its dictionary has this
process's fingerprint, and the pool is given up (the rest is prepared here)
when it cannot start or a worker fails.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
from array import array
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from documents.model import from_utf8, utf8
from index import facets
from index.records import Record, bare_records, iter_records, record_facets, searchable_path
from index.segmenter import analyse, ensure_jieba_loaded

#: Fewer documents than this are prepared in this process (a worker needs a second or two to start).
POOL_MIN_DOCUMENTS = 40
#: Documents handed to the pool ahead of the writer: bounds the memory of prepared results waiting.
AHEAD_PER_WORKER = 16
#: Records prepared and written at a time in this process: a 100 MB document has a million, and
#: with their cut words (5 KB a record) they would not fit in memory all at once. A few parts are
#: alive at once (the one written, the next one and a worker's answer being read): at 4,096 records
#: their cut words alone were 60 MB of the writer's 10 MB build, and what they left behind in the
#: allocator's pages stayed in its RSS to the end.
PART_RECORDS = 1024
#: A document with this many blocks or more has its parts cut by the pool's workers while this
#: process makes the next parts' records and writes the cut ones (one huge document is otherwise
#: one process's job).
LARGE_DOCUMENT_BLOCKS = 12_288
#: Parts handed to each worker ahead of the writer (each about :data:`PART_RECORDS` records of text).
PARTS_AHEAD_PER_WORKER = 2

_T = TypeVar("_T")


class Terms:
    """One field's distinct words in first-seen order and how often each occurs: what Whoosh's
    Frequency postings need. Pickled as one string and one byte string (a worker sends every
    record's, and a list of pairs unpickles in three times the time; a word never holds a line break).
    """

    __slots__ = ("counts", "words")

    def __init__(self, words: list[str], counts: array):
        self.words = words
        self.counts = counts

    @classmethod
    def of(cls, words: list[str]) -> Terms:
        counted = Counter(words)
        return cls(list(counted), array("I", counted.values()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Terms) and self.words == other.words and self.counts == other.counts

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return f"Terms({list(zip(self.words, self.counts, strict=True))})"

    def __reduce__(self):
        return _terms, ("\n".join(self.words), self.counts.tobytes())


def _terms(words: str, counts: bytes) -> Terms:
    return Terms(words.split("\n") if words else [], array("I", counts))


@dataclass
class RecordCut:
    """One record's cut: the terms of ``text`` and of its heading path, and the text's word boundaries."""

    text: Terms
    bounds: bytes
    heading_path: Terms


@dataclass
class Prepared:
    """A document's records with their cuts: all of them, or one part (``first`` / ``last`` say which)."""

    key: str
    records: list[Record]
    cuts: list[RecordCut]
    first: bool = True
    last: bool = True


def cut_record(record: Record) -> RecordCut:
    return cut_text(record.text, searchable_path(record.heading_path))


def cut_text(text: str, heading: str) -> RecordCut:
    """The cut of a record's ``text`` and its searchable ``heading`` path."""
    text_terms, bounds = analyse(text)
    return RecordCut(Terms.of(text_terms), bounds, Terms.of(analyse(heading)[0] if heading else []))


#: A record as a worker gets it: its text, searchable heading path and facet source (None: the text),
#: the document's strings encoded (documents.model.utf8: pickled, they would keep a UTF-8 copy).
JobItem = tuple[bytes, str, bytes | None]
#: A record as a worker answers it: years, agencies, zones and its cut.
Packed = tuple[list[str], list[str], list[str], RecordCut]


@dataclass
class CutJob:
    """A part of a large document sent to a worker, to find the facets of and cut in order."""

    items: list[JobItem]


def _job(part: list[tuple[Record, str]]) -> CutJob:
    return CutJob([(utf8(r.text), searchable_path(r.heading_path), None if s == r.text else utf8(s)) for r, s in part])


def _do_job(job: CutJob) -> list[Packed]:
    """A worker's answer to ``job``: each record's facets and cut, packed."""
    named = facets.NamedFacets()
    out: list[Packed] = []
    for encoded, heading, source in job.items:
        text = from_utf8(encoded)
        years, agencies, zones = record_facets(text if source is None else from_utf8(source), named)
        out.append((years, agencies, zones, cut_text(text, heading)))
    return out


def _finish(part: list[tuple[Record, str]], answers: list[Packed]) -> tuple[list[Record], list[RecordCut]]:
    """A part's records with the facets and cuts a worker found for them."""
    records, cuts = [], []
    for (record, _), (years, agencies, zones, cut) in zip(part, answers, strict=True):
        record.years, record.agencies, record.zones = years, agencies, zones
        records.append(record)
        cuts.append(cut)
    return records, cuts


def _finish_here(part: list[tuple[Record, str]]) -> tuple[list[Record], list[RecordCut]]:
    """A part's facets and cuts found in this process (the workers could not)."""
    named = facets.NamedFacets()
    for record, source in part:
        record.years, record.agencies, record.zones = record_facets(source, named)
    records = [record for record, _ in part]
    return records, [cut_record(r) for r in records]


def prepare(doc) -> Prepared:
    records = list(iter_records(doc))
    return Prepared(doc.key, records, [cut_record(r) for r in records])


def prepare_parts(doc, size: int | None = None) -> Iterator[Prepared]:
    """``doc`` prepared ``size`` (:data:`PART_RECORDS`) records at a time (one part, maybe empty, when small)."""
    return _flagged(doc.key, ((part, [cut_record(r) for r in part]) for part in in_parts(iter_records(doc), size)))


def in_parts(items: Iterator[_T], size: int | None = None) -> Iterator[list[_T]]:
    """``items``, ``size`` (:data:`PART_RECORDS`) at a time: at least one part, maybe empty."""
    size = size or PART_RECORDS
    part = list(itertools.islice(items, size))
    yield part
    while len(part) == size:
        part = list(itertools.islice(items, size))
        if not part:
            return
        yield part


def _flagged(key: str, parts: Iterable[tuple[list[Record], list[RecordCut]]]) -> Iterator[Prepared]:
    """Each (records, cuts) part of document ``key`` as :class:`Prepared`, the first and last marked."""
    ahead = iter(parts)
    current = next(ahead, None)
    first = True
    while current is not None:
        following = next(ahead, None)
        yield Prepared(key, current[0], current[1], first, following is None)
        current, first = following, False


def is_large(doc) -> bool:
    """Whether ``doc`` has :data:`LARGE_DOCUMENT_BLOCKS` blocks (counting stops there)."""
    return sum(1 for _ in itertools.islice(doc.blocks(), LARGE_DOCUMENT_BLOCKS)) >= LARGE_DOCUMENT_BLOCKS


def worker_count() -> int:
    """Processes to prepare in besides the writer: one per core, at most three.

    Preparing costs about twice what writing does, so with one worker per other core the
    writer waited on it a third of the time; a worker per core keeps every core busy.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 3))


def prepared(docs: list, *, pool: bool | None = None) -> Generator[Prepared, None, None]:
    """Each of ``docs`` prepared, in order. ``pool`` None decides by size; False keeps everything here.

    A document prepared in this process comes in parts of :data:`PART_RECORDS` records (a worker's
    comes whole); a large one (:func:`is_large`) has its parts cut by workers unless ``pool`` is False.

    Close the iterator (``contextlib.closing``) when stopping early: that stops the workers.
    """
    use_pool = len(docs) >= POOL_MIN_DOCUMENTS if pool is None else pool
    done = 0
    if use_pool:
        for item in _pooled(docs):
            yield item
            done += 1
    for doc in docs[done:]:
        if pool is not False and is_large(doc):
            yield from _pooled_parts(doc)
        else:
            yield from prepare_parts(doc)


def python_child(module: str) -> subprocess.Popen:
    """A ``python -c`` process running ``module``'s ``serve()``, pipes on stdin and stdout.

    This checkout goes first on its path, so the child runs the same code as this process.
    """
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-c", f"from {module} import serve; serve()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )


class _Worker:
    """A ``python -c`` process that prepares the documents piped to it (pickles in, pickles out).

    Not ``multiprocessing``: its spawned children re-run the parent's main script, and forking
    the browser's threads is unsafe. A feeder thread writes the documents, so neither side
    blocks on a full pipe while the other waits.
    """

    def __init__(self, fingerprint: str):
        self.process = python_child("index.prepare")
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._feed, daemon=True).start()
        self.send(fingerprint)

    def _feed(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        with contextlib.suppress(OSError, ValueError, pickle.PicklingError):
            while (item := self.queue.get()) is not None:
                pickle.dump(item, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                stdin.flush()
        with contextlib.suppress(OSError):
            stdin.close()

    def send(self, item) -> None:
        self.queue.put(item)

    def receive(self):
        assert self.process.stdout is not None
        result = pickle.load(self.process.stdout)
        if isinstance(result, BaseException):
            raise result
        return result

    def stop(self) -> None:
        self.queue.put(None)
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()


def serve() -> None:
    """A worker's loop: check the dictionary's fingerprint, then prepare each document received."""
    from index.dictionary import fingerprint

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    expected = pickle.load(stdin)
    if fingerprint() != expected:
        pickle.dump(RuntimeError("the worker's dictionary differs from the writer's"), stdout)
        return
    ensure_jieba_loaded()
    while True:
        try:
            item = pickle.load(stdin)
        except EOFError:
            return
        try:
            if isinstance(item, CutJob):
                result: object = _do_job(item)
            else:
                result = prepare(item)
        except Exception as exc:
            result = RuntimeError(f"cannot prepare {getattr(item, 'key', 'a part')}: {exc}")
        pickle.dump(result, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


def _pooled(docs: list) -> Generator[Prepared, None, None]:
    """Prepared documents from worker processes, in order; stops early (the caller goes on) on a failure."""
    from index.dictionary import fingerprint

    workers: list[_Worker] = []
    try:
        try:
            for _ in range(worker_count()):
                workers.append(_Worker(fingerprint()))
        except OSError:
            return
        # Document i goes to worker i % n, so each worker's results come back in the corpus's order.
        ahead = AHEAD_PER_WORKER * len(workers)
        for i, doc in enumerate(docs[:ahead]):
            workers[i % len(workers)].send(doc)
        for i in range(len(docs)):
            worker = workers[i % len(workers)]
            try:
                result = worker.receive()
            except Exception:  # a worker that died, could not start or could not pickle: finish here
                return
            if i + ahead < len(docs):
                workers[(i + ahead) % len(workers)].send(docs[i + ahead])
            yield result
    finally:
        for worker in workers:
            worker.stop()


def _pooled_parts(doc) -> Iterator[Prepared]:
    """``doc`` in parts whose records are made here and whose facets and cuts workers find, in order.

    Part i goes to worker i % n, so each worker's answers come back in the document's order;
    when the workers cannot start or one fails, the parts not yet answered are finished here.
    """
    return _flagged(doc.key, _finished_parts(in_parts(bare_records(doc))))


def _finished_parts(parts: Iterator[list[tuple[Record, str]]]) -> Iterator[tuple[list[Record], list[RecordCut]]]:
    from index.dictionary import fingerprint

    workers: list[_Worker] = []
    sent: deque[tuple[list[tuple[Record, str]], _Worker]] = deque()
    try:
        with contextlib.suppress(OSError):
            for _ in range(worker_count()):
                workers.append(_Worker(fingerprint()))
        if workers:
            for i, part in enumerate(itertools.islice(parts, PARTS_AHEAD_PER_WORKER * len(workers))):
                sent.append((part, workers[i % len(workers)]))
                sent[-1][1].send(_job(part))
        while sent:
            part, worker = sent.popleft()
            try:
                answers = worker.receive()
            except Exception:  # a worker that died, could not start or could not pickle: finish here
                yield _finish_here(part)
                break
            following = next(parts, None)
            if following is not None:
                sent.append((following, worker))
                worker.send(_job(following))
            yield _finish(part, answers)
            del answers  # not held while the next answer is read
        for part, _ in sent:
            yield _finish_here(part)
        for part in parts:
            yield _finish_here(part)
    finally:
        for worker in workers:
            worker.stop()
