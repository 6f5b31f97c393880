"""Records as Parquet files, one per type tag, readable without conflictkit (DuckDB, Spark, pandas).

A directory written by :func:`write_parquet` (or ``conflictkit export --to parquet``) holds one file
``<type tag>.parquet`` per record type, with the columns of
:func:`~conflictkit.tables.arrow_schema`; :func:`read_parquet` loads it back as the same dataset.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictkit.core.collector import collector_paused
from conflictkit.core.errors import Problem, ValidationError
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.record import Record
from conflictkit.tables._columns import table_name
from conflictkit.tables._extra import require
from conflictkit.tables.arrow import METADATA_KEY, from_arrow, records_table, to_arrow

__all__ = ["ParquetSink", "read_parquet", "write_parquet"]

SUFFIX = ".parquet"

DEFAULT_BATCH_SIZE = 10_000
"""Records a :class:`ParquetSink` holds as objects, by default, before they become columns."""

DEFAULT_ROWS_HELD = 20_000
"""Rows a :class:`ParquetSink` holds as columns, by default, before it writes a row group."""
_FEATURE = "conflictkit's Parquet files"


def _pq() -> Any:
    require("pyarrow", _FEATURE)
    return require("pyarrow.parquet", _FEATURE)


def write_parquet(records: Dataset | Iterable[Record], directory: str | os.PathLike[str]) -> list[Path]:
    """Write one Parquet file per type tag into ``directory`` (created if missing); return their paths.

    Requires ``conflictkit[arrow]``. What the tables cannot hold is reported as for
    :func:`~conflictkit.tables.to_arrow`, before any file is written.

    >>> import tempfile
    >>> from conflictkit import load_seed
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     paths = write_parquet(load_seed(), directory)
    ...     names = sorted(path.name for path in paths)
    ...     print(names[:3], read_parquet(directory) == load_seed())
    ['actor.parquet', 'control.parquet', 'document.parquet'] True
    """
    pq = _pq()
    tables = to_arrow(records)
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for tag, table in tables.items():
        path = target / f"{tag}{SUFFIX}"
        pq.write_table(table, path)
        paths.append(path)
    return paths


def read_parquet(directory: str | os.PathLike[str]) -> Dataset:
    """Load the dataset held by the ``*.parquet`` files of ``directory``.

    Requires ``conflictkit[arrow]``. Each file's type tag is the one in its metadata, else its name
    without ``.parquet``. Every problem (a file that is not Parquet, an unknown type tag, a missing
    column, a wrong type, a null in a required field, a value a record refuses) is reported at once
    in one :class:`~conflictkit.ValidationError`, with paths ``$.<type tag>[<row>].<column>``.
    """
    pq = _pq()
    pa = require("pyarrow", _FEATURE)
    tables: dict[str, Any] = {}
    problems: list[Problem] = []
    for path in sorted(Path(directory).glob(f"*{SUFFIX}")):
        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            problems.append(Problem(path=(path.name,), message=f"cannot be read as Parquet: {exc}"))
            continue
        tag = _tag_of(table) or path.name[: -len(SUFFIX)]
        if tag in tables:
            problems.append(Problem(path=(path.name,), message=f"holds the type {tag!r} a second time"))
            continue
        tables[tag] = table
    try:
        dataset = from_arrow(tables)
    except ValidationError as error:
        problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return dataset


def _tag_of(table: Any) -> str | None:
    metadata = table.schema.metadata or {}
    try:
        tag = json.loads(metadata[METADATA_KEY]).get("type")
    except (KeyError, ValueError, AttributeError):
        return None
    return tag if isinstance(tag, str) else None


class ParquetSink:
    """Write records to one Parquet file per type tag, in memory that does not grow with the input.

    Two bounds hold whatever the input size, counting all types together:

    - at most ``batch_size`` records are held as Python objects; when that many have been added,
      every type's records are turned into Arrow columns (about a quarter of their size);
    - at most ``rows_held`` rows are held as Arrow columns; when that many are waiting, the type
      with the most rows waiting is written as one row group (so common types get large row groups,
      of up to ``rows_held + batch_size`` rows).

    Parquet encoding and compression run on one background thread, which they share with the
    caller's decoding (they release the interpreter lock); at most one write is in flight, and
    any error it meets is raised to the caller. Positions count every record added, in order.
    Use it as a context manager::

        with ParquetSink(directory) as sink:
            for record in records:
                sink.add(record)
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        rows_held: int = DEFAULT_ROWS_HELD,
    ) -> None:
        if batch_size < 1 or rows_held < 1:
            raise ValueError(f"batch_size and rows_held must be at least 1, got {batch_size} and {rows_held}")
        self._pq = _pq()
        self.directory = Path(directory)
        """Where the files go."""
        self.batch_size = batch_size
        """How many records, of all types together, are held as objects before they become columns."""
        self.rows_held = rows_held
        """How many rows, of all types together, are held as columns before a row group is written."""
        self.count = 0
        """How many records have been added."""
        self._held = 0
        self._buffers: dict[type[Record], tuple[list[int], list[Record]]] = {}
        self._columns: dict[type[Record], list[Any]] = {}  # Arrow tables waiting to be written
        self._waiting = 0
        self._writers: dict[type[Record], Any] = {}
        self._background = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="conflictkit-parquet")
        self._in_flight: concurrent.futures.Future[None] | None = None

    def __enter__(self) -> ParquetSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
        else:  # do not hide the caller's error behind a write of what was held
            self._shut_down()

    def add(self, record: Record) -> None:
        """Hold a record; turn what is held into columns, and write row groups, when the bounds say."""
        cls = type(record)
        buffer = self._buffers.get(cls)
        if buffer is None:
            table_name(cls)  # a TypeError now, for a record no table can hold
            buffer = self._buffers[cls] = ([], [])
        buffer[0].append(self.count)
        buffer[1].append(record)
        self.count += 1
        self._held += 1
        if self._held >= self.batch_size:
            self._to_columns()
            while self._waiting >= self.rows_held:
                self._write(max(self._columns, key=self._rows_waiting))

    @property
    def held(self) -> int:
        """How many records are held as objects right now (always less than ``batch_size``)."""
        return self._held

    @property
    def waiting(self) -> int:
        """How many rows are held as columns, not yet written, right now (less than ``rows_held``)."""
        return self._waiting

    def _to_columns(self) -> None:
        # One batch (at most batch_size records) with the collector paused: building columns makes
        # many objects and no cycles. The pause ends with the batch, so other threads' cycles are freed.
        with collector_paused():
            for cls, (positions, records) in self._buffers.items():
                if records:
                    self._columns.setdefault(cls, []).append(records_table(cls, records, positions))
                    self._waiting += len(records)
        self._buffers = {cls: ([], []) for cls in self._buffers}
        self._held = 0

    def _rows_waiting(self, cls: type[Record]) -> int:
        return sum(table.num_rows for table in self._columns[cls])

    def _write(self, cls: type[Record]) -> None:
        table = require("pyarrow", _FEATURE).concat_tables(self._columns.pop(cls))
        self._waiting -= table.num_rows
        writer = self._writers.get(cls)
        if writer is None:
            path = self.directory / f"{table_name(cls)}{SUFFIX}"
            writer = self._writers[cls] = self._pq.ParquetWriter(path, table.schema)
        self._wait()  # one write in flight at most: memory stays bounded if encoding is slower
        self._in_flight = self._background.submit(writer.write_table, table, row_group_size=table.num_rows)

    def _wait(self) -> None:
        if self._in_flight is not None:
            in_flight, self._in_flight = self._in_flight, None
            in_flight.result()

    def close(self) -> list[Path]:
        """Write what is held and close every file; return the files' paths."""
        try:
            self._to_columns()
            for cls in list(self._columns):
                self._write(cls)
            self._wait()
            for writer in self._writers.values():
                writer.close()
        finally:
            self._shut_down()
        paths = [self.directory / f"{table_name(cls)}{SUFFIX}" for cls in self._writers]
        self._writers.clear()
        return paths

    def _shut_down(self) -> None:
        self._background.shutdown(wait=True)
