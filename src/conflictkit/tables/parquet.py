"""Records as Parquet files, one per type tag, readable without conflictkit (DuckDB, Spark, pandas).

A directory written by :func:`write_parquet` (or ``conflictkit export --to parquet``) holds one file
``<type tag>.parquet`` per record type, with the columns of
:func:`~conflictkit.tables.arrow_schema`; :func:`read_parquet` loads it back as the same dataset.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictkit.dataset import Dataset
from conflictkit.errors import Problem, ValidationError
from conflictkit.records import Record
from conflictkit.tables._columns import table_name
from conflictkit.tables._extra import require
from conflictkit.tables.arrow import METADATA_KEY, from_arrow, records_table, to_arrow

__all__ = ["ParquetSink", "read_parquet", "write_parquet"]

SUFFIX = ".parquet"
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
    """Write records to one Parquet file per type tag, a batch at a time, in bounded memory.

    Records are buffered per type and written as a row group every ``batch_size`` records of that
    type, so memory holds at most ``batch_size`` records of each type whatever the input size.
    Positions count every record written, in order. Use it as a context manager::

        with ParquetSink(directory) as sink:
            for record in records:
                sink.add(record)
    """

    def __init__(self, directory: str | os.PathLike[str], *, batch_size: int = 10_000) -> None:
        self._pq = _pq()
        self.directory = Path(directory)
        """Where the files go."""
        self.batch_size = batch_size
        """How many records of one type are buffered before they are written."""
        self.count = 0
        """How many records have been added."""
        self._buffers: dict[type[Record], tuple[list[int], list[Record]]] = {}
        self._writers: dict[type[Record], Any] = {}

    def __enter__(self) -> ParquetSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(self, record: Record) -> None:
        """Buffer a record; write its type's batch when it is full."""
        cls = type(record)
        buffer = self._buffers.get(cls)
        if buffer is None:
            table_name(cls)  # a TypeError now, for a record no table can hold
            buffer = self._buffers[cls] = ([], [])
        buffer[0].append(self.count)
        buffer[1].append(record)
        self.count += 1
        if len(buffer[1]) >= self.batch_size:
            self._flush(cls)

    def _flush(self, cls: type[Record]) -> None:
        positions, records = self._buffers[cls]
        if not records:
            return
        table = records_table(cls, records, positions)
        writer = self._writers.get(cls)
        if writer is None:
            path = self.directory / f"{table_name(cls)}{SUFFIX}"
            writer = self._writers[cls] = self._pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
        self._buffers[cls] = ([], [])

    def close(self) -> list[Path]:
        """Write what is buffered and close every file; return the files' paths."""
        for cls in list(self._buffers):
            self._flush(cls)
        for writer in self._writers.values():
            writer.close()
        paths = [self.directory / f"{table_name(cls)}{SUFFIX}" for cls in self._writers]
        self._writers.clear()
        return paths
