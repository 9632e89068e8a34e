"""What a hit shows of each record, outside Whoosh: compressed blocks by document number.

Whoosh kept these as stored fields: a pickled dictionary per record, compressed
on its own, so every record repeated its field names, its document's title and
its heading path, and a short clause hardly compressed. That was 40% of the
index. Here ``BLOCK`` consecutive records are pickled and compressed together
(a block's records share their document and most of their heading path), and
showing a hit decompresses one block.

Each record also carries a serial number, kept in a Whoosh column beside its
postings: Whoosh renumbers documents when it merges segments, and an
incremental update finds a kept record's row in the previous generation's
table by its serial.

    shown.bin   the blocks, one after the other (zlib of a pickled list; None for a deleted slot)
    shown.idx   int64 x (blocks + 1): where each block starts in shown.bin
    shown.ser   int64 per document number: the record's serial (-1 for a deleted slot)
"""

from __future__ import annotations

import mmap
import os
import pickle
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from sys import intern

from documents.model import from_utf8, utf8
from index.recent import Recent

DATA = "shown.bin"
OFFSETS = "shown.idx"
SERIALS = "shown.ser"
FILES = (DATA, OFFSETS, SERIALS)
#: Records per compressed block: large enough to compress well, small enough to open one hit quickly
#: (each hit of a first search opens its own block: on the laws, 64 records took 236 µs to open, 16 take
#: 111 µs, for a table a quarter larger).
BLOCK = 16
#: Blocks kept opened (a few pages of hits): showing a search again, or the next one typed, decompresses none.
RECENT_BLOCKS = 1024


@dataclass(frozen=True)
class Shown:
    """One record as a hit shows it (``bounds``: its word boundaries, :func:`index.segmenter.analyse`)."""

    doc: str
    doc_short: str
    doc_title: str
    address: str
    kind: str
    text: str
    bounds: bytes
    heading_path: tuple[str, ...]
    row: int | None


def write_shown(directory: Path, rows: Iterable[tuple[int, Shown] | None]) -> None:
    """Write ``rows`` (index = Whoosh docnum: (serial, record), or None for a deleted slot) atomically."""
    writer = ShownWriter(directory)
    try:
        for row in rows:
            writer.add(row)
    except BaseException:
        writer.discard()
        raise
    writer.close()


class ShownWriter:
    """Writes the table from rows given one at a time (see :func:`write_shown`)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.offsets = array("q", [0])
        self.serials = array("q")
        self.block: list[tuple | None] = []
        self._fh = (directory / (DATA + ".tmp")).open("wb")

    def add(self, row: tuple[int, Shown] | None) -> None:
        if row is None:
            self.serials.append(-1)
            self.block.append(None)
        else:
            serial, shown = row
            self.serials.append(serial)
            self.block.append(
                (
                    shown.doc,
                    shown.doc_short,
                    shown.doc_title,
                    shown.address,
                    shown.kind,
                    shown.text,
                    shown.bounds,
                    shown.heading_path,
                    shown.row,
                )
            )
        if len(self.block) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        data = zlib.compress(pickle.dumps(self.block, protocol=pickle.HIGHEST_PROTOCOL), 6)
        self._fh.write(data)
        self.offsets.append(self.offsets[-1] + len(data))
        self.block.clear()

    def discard(self) -> None:
        """Stop without writing the table (its temporary file stays for the build's folder to go)."""
        self._fh.close()

    def close(self) -> None:
        if self.block:
            self._flush()
        self._fh.close()
        for name, values in ((OFFSETS, self.offsets), (SERIALS, self.serials)):
            with (self.directory / (name + ".tmp")).open("wb") as fh:
                values.tofile(fh)
        for name in FILES:
            os.replace(self.directory / (name + ".tmp"), self.directory / name)


class ShownTable:
    """Read side: a record by document number; the last ``RECENT_BLOCKS`` blocks read are kept."""

    def __init__(self, directory: Path):
        self.offsets = array("q")
        self.serials = array("q")
        with (directory / OFFSETS).open("rb") as fh:
            self.offsets.frombytes(fh.read())
        with (directory / SERIALS).open("rb") as fh:
            self.serials.frombytes(fh.read())
        self._fh = (directory / DATA).open("rb")
        size = os.fstat(self._fh.fileno()).st_size
        blocks = (len(self.serials) + BLOCK - 1) // BLOCK
        if not self.offsets or self.offsets[0] != 0 or self.offsets[-1] != size or len(self.offsets) != blocks + 1:
            self._fh.close()
            raise ValueError("shown table is damaged")
        self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        self._blocks: Recent[list] = Recent(RECENT_BLOCKS, lambda _: 1)

    def __len__(self) -> int:
        return len(self.serials)

    def close(self) -> None:
        if self._mm is not None:
            self._mm.close()
            self._mm = None
        self._fh.close()

    def get(self, docnum: int) -> Shown | None:
        """The record at ``docnum``, or None for a deleted slot."""
        number = docnum // BLOCK
        if self._mm is None:
            raise IndexError(docnum)
        mm, offsets = self._mm, self.offsets
        block = self._blocks.get(
            number, lambda: pickle.loads(zlib.decompress(mm[offsets[number] : offsets[number + 1]]))
        )
        item = block[docnum % BLOCK]
        if item is None:
            return None
        doc, short, title, address, kind, text, bounds, path, row = item
        return Shown(doc, short, title, address, kind, text, bounds, tuple(path), row)

    def rows_by_serial(self) -> dict[int, int]:
        """serial → document number, for the records kept (an update looks old records up by serial)."""
        return {serial: docnum for docnum, serial in enumerate(self.serials) if serial >= 0}


class Spill:
    """The records a build adds, by serial, kept in a file until its tables are written.

    Holding every added record (its text and word boundaries) until the end was
    most of a large build's memory; here each document's records are pickled to
    ``path`` as they are added, and read back a document at a time. Serials
    must be added in ascending order.
    """

    def __init__(self, path: Path, state: tuple[bytes, bytes, int] | None = None):
        """A new spill at ``path``, or (``state``: from :meth:`state`) one another process wrote, to read."""
        self.path = path
        self._fh = path.open("rb" if state is not None else "w+b")
        self._owned = state is None
        self._firsts = array("q")  # first serial of each batch
        self._offsets = array("q")
        self._cached: tuple[int, list[Shown]] = (-1, [])
        self._last = -1
        if state is not None:
            self._firsts.frombytes(state[0])
            self._offsets.frombytes(state[1])
            self._last = state[2]

    def state(self) -> tuple[bytes, bytes, int]:
        """What another process needs to read this spill (:class:`Spill` ``(path, state)``); flushes it."""
        self._fh.flush()
        return self._firsts.tobytes(), self._offsets.tobytes(), self._last

    def add(self, first_serial: int, records: list[Shown]) -> None:
        if not records:
            return
        if first_serial <= self._last:
            raise ValueError("serials must ascend")
        self._fh.seek(0, os.SEEK_END)
        self._firsts.append(first_serial)
        self._offsets.append(self._fh.tell())
        # The document's strings encoded (documents.model.utf8: pickled, they would keep a UTF-8 copy).
        rows = [
            (r.doc, r.doc_short, r.doc_title, utf8(r.address), r.kind, utf8(r.text), r.bounds, r.heading_path, r.row)
            for r in records
        ]
        pickle.dump(rows, self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._last = first_serial + len(records) - 1

    def get(self, serial: int) -> Shown | None:
        """The record added under ``serial``, or None when this build added none."""
        batch = bisect_right(self._firsts, serial) - 1
        if batch < 0 or serial > self._last:
            return None
        if self._cached[0] != batch:
            if self._owned:
                self._fh.flush()
            self._fh.seek(self._offsets[batch])
            # The kind is interned again, as the records' were: write_shown's pickles then come out the same.
            self._cached = (
                batch,
                [
                    Shown(a, b, c, from_utf8(d), intern(e), from_utf8(f), *more)
                    for a, b, c, d, e, f, *more in pickle.load(self._fh)
                ],
            )
        records = self._cached[1]
        index = serial - self._firsts[batch]
        return records[index] if index < len(records) else None

    def close(self) -> None:
        """Close; the process that wrote the spill also removes its file."""
        self._fh.close()
        if self._owned:
            self.path.unlink(missing_ok=True)
