"""A search's matches as columns (record numbers, scores): the best k, counts per document, literal BM25.

A common word or one character matches most of a library (的: ~70,000 of
10^5 records). Adding the title bonus, picking the best, counting each
document's records and taking its best score were each a pass of Python steps
or dictionary building over all of them. Past ``SMALL`` matches they are
numpy operations over two arrays instead; below it the plain Python forms
stay (a small library never imports numpy, which costs start-up time).

Both forms give the same floats: each score is the same IEEE operations in the
same order (a missing bonus is ``+ 0.0`` in both), and selections compare
exactly, ties broken by record number as ``heapq.nlargest`` over
``(score, -docnum)`` does.
"""

from __future__ import annotations

import heapq
import math
import operator
from array import array
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import groupby, repeat
from operator import add
from typing import Any

from index.recent import ENTRY_BYTES

#: From this many matches on, the columns are numpy arrays.
SMALL = 2048

Column = Any  # a list, or a numpy array past SMALL


def numpy():
    """The numpy module, imported when first needed (see the module)."""
    import numpy as np

    return np


#: How many single look-ups a :class:`ColumnMap` answers from its columns before making its dictionary.
LOOKUPS = 256


class ColumnMap(Mapping[int, Any]):
    """``{record: value}`` held as two numpy columns (records, values, in the dictionary's order), made a
    dictionary only when first read as one (iterated, a value read, or more than ``LOOKUPS`` records looked
    up). A common word's or character's answer (的: 70,000-90,000 records at 10^5) is mostly read as
    columns (its scores, the literal fallback, the first tier's masks), its size and a few records: the
    dictionary of every record is then never made."""

    def __init__(self, ids: Any, values: Any):
        self.ids, self.values_column = ids, values
        self._dict: dict[int, Any] | None = None
        self._mask: Any = None
        self._lookups = 0

    def as_dict(self) -> dict[int, Any]:
        if self._dict is None:
            self._dict = dict(zip(self.ids.tolist(), self.values_column.tolist(), strict=True))
        return self._dict

    def __len__(self) -> int:
        return len(self.ids)

    def kept_bytes(self) -> int:
        """About the bytes held (:func:`index.recent.kept_bytes`): the columns, and the mask and the
        dictionary once made."""
        held = self.ids.nbytes + self.values_column.nbytes + (0 if self._mask is None else self._mask.nbytes)
        return held + (0 if self._dict is None else ENTRY_BYTES * len(self._dict))

    def __contains__(self, record: object) -> bool:
        if self._dict is None and self._lookups < LOOKUPS and isinstance(record, int):
            self._lookups += 1
            if self._mask is None:
                np = numpy()
                self._mask = np.zeros(int(self.ids.max()) + 1 if len(self.ids) else 0, bool)
                self._mask[self.ids] = True
            return 0 <= record < len(self._mask) and bool(self._mask[record])
        return record in self.as_dict()

    def __getitem__(self, record: int) -> Any:
        return self.as_dict()[record]

    def __iter__(self) -> Iterator[int]:
        return iter(self.as_dict())

    def keys(self):  # the dictionary's own view: set operations in C
        return self.as_dict().keys()

    def values(self):
        return self.as_dict().values()

    def items(self):
        return self.as_dict().items()

    def get(self, record: int, default: Any = None) -> Any:
        return self.as_dict().get(record, default)


def plain(scores: Mapping[int, Any]) -> Mapping[int, Any]:
    """``scores`` as a dictionary (a :class:`ColumnMap`'s own, made once), so what reads each of its items
    (``dict(…)``, ``update``, a look-up per record) does it in C rather than through ``Mapping``'s Python
    methods, a call per record."""
    return scores.as_dict() if isinstance(scores, ColumnMap) else scores


def is_large(values: Column) -> bool:
    return not isinstance(values, list)


def as_list(values: Column) -> list:
    """A column as a list of Python numbers (floats that repr as floats)."""
    return values.tolist() if is_large(values) else values


def added(first: Column, second: Column) -> Column:
    """``first[i] + second[i]`` for each record (both of one length and form)."""
    return first + second if is_large(first) else list(map(add, first, second))


def of_scores(scores: Mapping[int, float]) -> tuple[Column, Column]:
    """``scores`` as (record numbers, scores) in the mapping's order."""
    n = len(scores)
    if n < SMALL:
        return list(scores.keys()), list(scores.values())
    np = numpy()
    if isinstance(scores, ColumnMap):  # its own columns (never changed), not its dictionary made
        return scores.ids.astype(np.int64, copy=False), scores.values_column.astype(np.float64, copy=False)
    return np.fromiter(scores.keys(), np.int64, n), np.fromiter(scores.values(), np.float64, n)


def of_ids(ids: list[int]) -> Column:
    """Record numbers as a column (the form ``of_scores`` gives that many)."""
    if len(ids) < SMALL:
        return ids
    np = numpy()
    return np.array(ids, np.int64)


def shifted(ids: Column, offset: int) -> list[int]:
    """A segment's record numbers (a list or a numpy array) plus its ``offset``, as Python ints."""
    if is_large(ids):
        return (ids.astype("int64") + offset).tolist() if offset else ids.tolist()
    return [d + offset for d in ids] if offset else list(ids)


def postings_within(ids: Column, tfs: Column, within: Collection[int], offset: int, size: int) -> tuple[Column, Column]:
    """One segment's postings (numpy, record numbers ascending) of the records in ``within`` (numbers
    past ``offset``), still ascending: each of the fewer wanted records found by bisection, rather than
    every posting looked up in ``within``."""
    np = numpy()
    wanted = np.fromiter(within, np.int64, len(within)) - offset
    wanted = np.sort(wanted[(wanted >= 0) & (wanted < size)])
    at = np.searchsorted(ids, wanted)
    inside = at < len(ids)
    at, wanted = at[inside], wanted[inside]
    at = at[ids[at] == wanted]
    return ids[at], tfs[at]


class DocNumbers:
    """Each record's document number (``index.docmap.DocMap.numbers``), also as a numpy view once needed."""

    def __init__(self, numbers: array):
        self.numbers = numbers
        self._view = None

    def view(self):
        if self._view is None:
            np = numpy()
            self._view = np.frombuffer(self.numbers, dtype=np.dtype(f"i{self.numbers.itemsize}")).astype(np.int64)
        return self._view


def plus_bonus(ids: Column, values: Column, bonus: Mapping[int, float], docs: DocNumbers, doc_count: int) -> Column:
    """Each score plus its document's bonus (``+ 0.0`` for a document without one)."""
    if not is_large(values):
        doc_of = docs.numbers
        return list(map(add, values, map(bonus.get, map(doc_of.__getitem__, ids), repeat(0.0))))
    np = numpy()
    by_doc = np.zeros(doc_count + 1)  # a record of no document (-1) reads the last slot: 0.0
    by_doc[np.fromiter(bonus.keys(), np.int64, len(bonus))] = np.fromiter(bonus.values(), np.float64, len(bonus))
    return values + by_doc[docs.view()[ids]]


def top(ids: Column, values: Column, k: int) -> list[tuple[float, int]]:
    """The ``k`` best (score, record), best first; equal scores in record order."""
    if not is_large(values):
        best = heapq.nlargest(k, zip(values, map(operator.neg, ids), strict=True))
        return [(score, -negated) for score, negated in best]
    np = numpy()
    n = len(values)
    if k <= 0:
        return []
    if k < n:
        kth = np.partition(values, n - k)[n - k]
        above = np.flatnonzero(values > kth)
        tied = np.flatnonzero(values == kth)
        tied = tied[np.argsort(ids[tied], kind="stable")[: k - len(above)]]
        chosen = np.concatenate((above, tied))
        ids, values = ids[chosen], values[chosen]
    order = np.lexsort((ids, -values))
    return list(zip(values[order].tolist(), ids[order].tolist(), strict=True))


def term_bm25(
    ids: Sequence[int], tfs: Sequence[float], factor: float, norms: Sequence[float], lengths: bytes, offset: int
) -> dict[int, float]:
    """``{docnum + offset: factor * tf / (tf + norm of its length)}`` over one segment's postings
    of a term (``lengths``: a byte per record; a record past them reads ``norms[0]``).

    The same IEEE operations in the same order in both forms, so the same floats.
    """
    count = len(lengths)
    if len(ids) < SMALL and not is_large(ids):
        out = {}
        for d, tf in zip(ids, tfs, strict=False):
            norm = norms[lengths[d]] if d < count else norms[0]
            out[d + offset] = factor * tf / (tf + norm)
        return out
    at, scores = term_bm25_columns(ids, tfs, factor, norms, lengths)
    return dict(zip((at + offset).tolist(), scores.tolist(), strict=True))


def term_bm25_columns(
    ids: Sequence[int], tfs: Sequence[float], factor: float, norms: Sequence[float], lengths: bytes
) -> tuple[Any, Any]:
    """:func:`term_bm25` as numpy columns (the segment's record numbers as int64, their scores)."""
    np = numpy()
    count = len(lengths)
    n = min(len(ids), len(tfs))
    at = np.asarray(ids[:n]).astype(np.int64)
    weights = np.array(tfs[:n], np.float64)
    bytes_of = np.zeros(len(at), np.intp)
    inside = at < count
    bytes_of[inside] = np.frombuffer(lengths, np.uint8)[at[inside]]
    return at, factor * weights / (weights + np.array(norms, np.float64)[bytes_of])


def summed_in_order(parts: Sequence[tuple[Any, Any]], size: int) -> tuple[Any, Any]:
    """What folding ``add_scores`` over the parts' ``{record: score}`` (numpy columns, records under
    ``size``, none twice in a part) gives, as columns: each record's scores summed in the parts' order
    (a record's first score is ``0.0 + it``, the same float), records in the order first seen."""
    np = numpy()
    total = np.zeros(size)
    seen = np.zeros(size, bool)
    order = []
    for ids, scores in parts:
        order.append(ids[~seen[ids]])
        seen[ids] = True
        total[ids] += scores
    keys = np.concatenate(order) if order else np.zeros(0, np.int64)
    return keys, total[keys]


def best_positions(values: list[float], k: int) -> list[int]:
    """Where the ``k`` largest of ``values`` stand, largest first; equal ones earliest first
    (as ``heapq.nlargest`` with a key)."""
    if len(values) < SMALL:
        return heapq.nlargest(k, range(len(values)), key=values.__getitem__)
    np = numpy()
    return [position for _, position in top(np.arange(len(values)), np.array(values, np.float64), k)]


def per_document(
    parts: Sequence[tuple[Column, Column]], docs: DocNumbers, doc_count: int
) -> tuple[Column, Column, Column]:
    """The documents of every (records, scores) part (no record in two), how many of their records each
    part holds and their best scores: three columns, numpy arrays in document order past ``SMALL``."""
    if not any(is_large(values) for _, values in parts):
        found = _per_document_small(parts, docs.numbers)
        return list(found), [n for n, _ in found.values()], [best for _, best in found.values()]
    np = numpy()
    ids = np.concatenate([np.asarray(i, np.int64) for i, _ in parts])
    values = np.concatenate([np.asarray(v, np.float64) for _, v in parts])
    numbers = docs.view()[ids]
    kept = numbers >= 0
    numbers, values = numbers[kept], values[kept]
    counts = np.bincount(numbers, minlength=doc_count)
    best = np.full(doc_count, -math.inf)
    np.maximum.at(best, numbers, values)
    present = np.flatnonzero(counts)
    return present, counts[present], best[present]


def looked_up(keys: Column, found: Mapping[int, int], default: int) -> Column:
    """``found.get(key, default)`` for each of ``keys`` (a numpy array of them past ``SMALL``)."""
    if not is_large(keys):
        return [found.get(key, default) for key in keys]
    np = numpy()
    if not found:
        return np.full(len(keys), default, np.int64)
    known = np.fromiter(found.keys(), np.int64, len(found))
    table = np.full(int(max(known.max(), keys.max(initial=0))) + 1, default, np.int64)
    table[known] = np.fromiter(found.values(), np.int64, len(found))
    return table[keys]


def leading_per_document(
    ids: Column, docs: DocNumbers, wanted: Collection[int], k: int
) -> dict[int, tuple[list[int], int]]:
    """``{document number: (its first k records, in order, and how many it has)}`` among ``ids``, for the
    ``wanted`` documents (a record's number grows with its place in its document)."""
    if not is_large(ids):
        doc_of = docs.numbers
        mine: dict[int, list[int]] = {}
        for docnum in ids:
            doc = doc_of[docnum]
            if doc in wanted:
                mine.setdefault(doc, []).append(docnum)
        return {doc: (heapq.nsmallest(k, records), len(records)) for doc, records in mine.items()}
    np = numpy()
    numbers = docs.view()[ids]
    kept = np.isin(numbers, np.fromiter(wanted, np.int64, len(wanted)))
    numbers, records = numbers[kept], ids[kept]
    if not len(numbers):
        return {}
    order = np.lexsort((records, numbers))
    numbers, records = numbers[order], records[order].tolist()
    starts = np.flatnonzero(np.concatenate(([True], numbers[1:] != numbers[:-1]))).tolist()
    ends = [*starts[1:], len(records)]
    return {
        doc: (records[start : min(end, start + k)], end - start)
        for doc, start, end in zip(numbers[starts].tolist(), starts, ends, strict=True)
    }


def _per_document_small(parts: Sequence[tuple[Column, Column]], doc_of: array) -> dict[int, tuple[int, float]]:
    """A document's records have neighbouring numbers: in number order they come in runs, each counted
    and its best taken in C, a Python step per run."""
    everything: dict[int, float] = {}
    for ids, values in parts:
        everything.update(zip(ids, values, strict=True))
    ids = sorted(everything)
    values = list(map(everything.__getitem__, ids))
    out: dict[int, tuple[int, float]] = {}
    start = 0
    for doc, run in groupby(map(doc_of.__getitem__, ids)):
        n = len(list(run))
        best = max(values[start : start + n])
        start += n
        if doc < 0:
            continue
        if doc in out:
            had, was = out[doc]
            out[doc] = (had + n, max(was, best))
        else:
            out[doc] = (n, best)
    return out


def literal_bm25(tfs: Column, lengths: Column, factor: float, base: float, by_length: float) -> Column:
    """``factor * tf / (tf + base + by_length * length)`` for each record, 0.0 where ``tf`` is 0."""
    if not is_large(tfs):
        return [
            factor * tf / (tf + base + by_length * length) if tf else 0.0
            for tf, length in zip(tfs, lengths, strict=True)
        ]
    np = numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = factor * tfs / (tfs + base + by_length * lengths)
    return np.where(tfs != 0, scores, 0.0)
