"""Which document each record belongs to, by Whoosh document number.

The title boost needs the document of every matching record — thousands for a
common word. Reading that from Whoosh (stored fields, or the postings of each
document key) cost ~200 ms on 10^5 records; this map is written next to the
literal tables after each update and read at open in one go.

    docs.keys  the document keys as one JSON list, in order of first appearance (any file name
               round-trips: a key with a newline cannot shift the others)
    docs.idx   int32 per Whoosh docnum: the line of its key, -1 for a deleted slot
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Iterable
from pathlib import Path

KEYS = "docs.keys"
NUMBERS = "docs.idx"
FILES = (KEYS, NUMBERS)


def write_doc_map(directory: Path, doc_of_record: Iterable[str | None]) -> None:
    """Write the map (index = Whoosh docnum; None for a deleted slot) atomically."""
    index: dict[str, int] = {}
    numbers = array("i", (-1 if key is None else index.setdefault(key, len(index)) for key in doc_of_record))
    tmp_keys, tmp_numbers = directory / (KEYS + ".tmp"), directory / (NUMBERS + ".tmp")
    tmp_keys.write_text(json.dumps(list(index), ensure_ascii=False), encoding="utf-8")
    with tmp_numbers.open("wb") as fh:
        numbers.tofile(fh)
    os.replace(tmp_keys, directory / KEYS)
    os.replace(tmp_numbers, directory / NUMBERS)


class DocMap:
    """``numbers[docnum]`` is the position of the record's document key in ``keys`` (``index`` the reverse)."""

    def __init__(self, directory: Path):
        keys = json.loads((directory / KEYS).read_text(encoding="utf-8"))
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise ValueError("document map keys are damaged")
        self.keys: list[str] = keys
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.numbers = array("i")
        with (directory / NUMBERS).open("rb") as fh:
            self.numbers.frombytes(fh.read())
        if max(self.numbers, default=-1) >= len(self.keys):
            raise ValueError("document map does not match its keys")
