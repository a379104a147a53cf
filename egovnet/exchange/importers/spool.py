"""Pass 1's validated rows, kept on disk for pass 2 (docs/decisions/0506).

A new row is kept as its parsed values with every reference by id (a few hundred bytes); an update as its raw
cells, because pass 2 compares it with the database again. Pickled in chunks to a temporary file: memory holds
one chunk whatever the size of the file, and pass 2 neither reads the workbook again nor parses its cells.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db import models

from .rows import CREATE, UPDATE, RowOutcome


class ValidatedSpool:
    def __init__(self, chunk: int) -> None:
        self.chunk, self.count = chunk, 0
        self.parser: Any = None  # pass 1's row parser (the file's header), for the updates
        self.file = tempfile.TemporaryFile()
        self.buffer: list[tuple] = []

    def add(self, out: RowOutcome) -> None:
        if out.action == CREATE:
            values = {k: v.pk if isinstance(v, models.Model) else v for k, v in out.values.items()}
            self.buffer.append((CREATE, out.row, values))
        else:
            self.buffer.append((UPDATE, out.row, out.cells))
        self.count += 1
        if len(self.buffer) >= self.chunk:
            self._dump()

    def finish(self) -> None:
        if self.buffer:
            self._dump()

    def _dump(self) -> None:
        pickle.dump(self.buffer, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.buffer = []

    def chunks(self) -> Iterator[list[tuple]]:
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)  # our own temporary file, written above
            except EOFError:
                return

    def close(self) -> None:
        self.file.close()


def restore(record: tuple) -> RowOutcome:
    """A new row of the spool as an outcome whose references are still ids (the engine loads them again)."""
    _, row, values = record
    return RowOutcome(row=row, values=dict(values))
