"""Records as Parquet files, one per type tag, readable without conflictkit (DuckDB, Spark, pandas).

A directory written by :func:`write_parquet` (or ``conflictkit export --to parquet``) holds one file
``<type tag>.parquet`` per record type, with the columns of
:func:`~conflictkit.tables.arrow_schema`; :func:`read_parquet` loads it back as the same dataset.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictkit.core.collector import collector_paused
from conflictkit.core.errors import Problem, ValidationError
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.atomic import TableDirectory, output_error, temporary_beside
from conflictkit.records.record import Record
from conflictkit.tables._columns import table_classes, table_name
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


def write_parquet(
    records: Dataset | Iterable[Record], directory: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write one Parquet file per type tag into ``directory`` (created if missing); return their paths.

    Requires ``conflictkit[arrow]``. What the tables cannot hold is reported as for
    :func:`~conflictkit.tables.to_arrow`, before any file is written. The files are written as
    :class:`~conflictkit.io.atomic.TableDirectory` says: all staged, then moved into place; the
    tables of an earlier write into ``directory`` that this one does not replace are removed, so
    that :func:`read_parquet` never mixes two datasets; a directory holding anything else is
    refused with an :class:`~conflictkit.io.atomic.OutputError` unless ``overwrite`` (which
    replaces or removes its ``.parquet`` files only).

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
    paths = []
    with TableDirectory(target, SUFFIX, overwrite=overwrite) as staging:
        for tag, table in tables.items():
            name = f"{tag}{SUFFIX}"
            try:
                pq.write_table(table, staging / name)
            except OSError as exc:
                raise output_error(target / name, exc) from exc
            paths.append(target / name)
    return paths


def read_parquet(directory: str | os.PathLike[str]) -> Dataset:
    """Load the dataset held by the ``*.parquet`` files of ``directory``.

    Requires ``conflictkit[arrow]``. Each file's type tag is the one in its metadata, else its name
    without ``.parquet``; a derived table (``events.parquet``, see :mod:`conflictkit.tables.events`)
    is passed by. Every problem (a file that is not Parquet, an unknown type tag, a missing
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
            problems.extend(_repeated_columns(pq, path) or [_unreadable(path, exc)])
            continue
        if _is_view(table):
            continue  # a table derived from the records, such as the events table: not records
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


def _unreadable(path: Path, exc: Exception) -> Problem:
    return Problem(path=(path.name,), message=f"cannot be read as Parquet: {exc}")


def _repeated_columns(pq: Any, path: Path) -> list[Problem]:
    """A column named twice, which ``read_table`` refuses without saying which: named, in its table."""
    try:
        schema = pq.read_schema(path)
    except (require("pyarrow", _FEATURE).ArrowException, OSError):
        return []  # the file's own error is reported instead
    names = schema.names
    tag = _tag_of(schema.empty_table()) or path.name[: -len(SUFFIX)]
    return [
        Problem(
            path=(tag, name), message=f"appears {names.count(name)} times; a table holds each column once"
        )
        for name in dict.fromkeys(names)
        if names.count(name) > 1
    ]


def _is_view(table: Any) -> bool:
    metadata = table.schema.metadata or {}
    try:
        return "view" in json.loads(metadata[METADATA_KEY])
    except (KeyError, ValueError, TypeError):
        return False


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
        self._staged: dict[type[Record], tuple[Path, Path]] = {}  # temporary file, target
        self._background = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="conflictkit-parquet")
        self._in_flight: concurrent.futures.Future[None] | None = None

    def __enter__(self) -> ParquetSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
        else:  # do not hide the caller's error behind a write of what was held
            self.discard()

    def add(self, record: Record) -> None:
        """Hold a record; turn what is held into columns, and write row groups, when the bounds say."""
        cls = type(record)
        if cls not in self._buffers:
            table_name(cls)  # a TypeError now, for a record no table can hold
        for table_class in table_classes(cls):  # its own table, and its base types' tables
            buffer = self._buffers.setdefault(table_class, ([], []))
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
            temporary = temporary_beside(path)  # the target appears only when complete, in close()
            self._staged[cls] = (temporary, path)
            try:
                writer = self._writers[cls] = self._pq.ParquetWriter(temporary, table.schema)
            except OSError as exc:
                raise output_error(path, exc) from exc
        self._wait()  # one write in flight at most: memory stays bounded if encoding is slower
        self._in_flight = self._background.submit(self._write_table, writer, table, self._staged[cls][1])

    @staticmethod
    def _write_table(writer: Any, table: Any, target: Path) -> None:
        try:
            writer.write_table(table, row_group_size=table.num_rows)
        except OSError as exc:
            raise output_error(target, exc) from exc

    def _wait(self) -> None:
        if self._in_flight is not None:
            in_flight, self._in_flight = self._in_flight, None
            in_flight.result()

    def close(self) -> list[Path]:
        """Write what is held, close every file and move it into place; return the files' paths.

        Until then each file is written under a temporary name beside its target. When anything
        fails, every file of the sink is removed and no target is touched.
        """
        try:
            self._to_columns()
            for cls in list(self._columns):
                self._write(cls)
            self._wait()
            for cls, writer in self._writers.items():
                try:
                    writer.close()
                except OSError as exc:
                    raise output_error(self._staged[cls][1], exc) from exc
            for temporary, path in self._staged.values():
                try:
                    os.replace(temporary, path)
                except OSError as exc:
                    raise output_error(path, exc) from exc
        except BaseException:
            self.discard()
            raise
        self._background.shutdown(wait=True)
        paths = [path for _, path in self._staged.values()]
        self._writers.clear()
        self._staged.clear()
        return paths

    def discard(self) -> None:
        """Abandon the sink: close and remove every file it was writing; targets are left as they were.

        Called when the block of a ``with`` statement raises, so that no file without its footer
        (which no Parquet reader can open) is left behind.
        """
        with contextlib.suppress(Exception):
            self._wait()
        self._background.shutdown(wait=True)
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        for temporary, _ in self._staged.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._writers.clear()
        self._staged.clear()
        self._buffers.clear()
        self._columns.clear()
