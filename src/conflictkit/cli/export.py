"""``conflictkit export``: records from JSON Lines (or JSON) files to Parquet, CSV or GeoJSON.

``conflictkit export FILE... --to parquet|csv|geojson --output PATH``

JSON Lines files are read a line at a time and written a batch at a time, so memory does not grow
with the input: Parquet holds at most ``--batch-size`` records as objects and ``--rows-held`` rows
as columns, of all types together (:class:`~conflictkit.tables.ParquetSink`); CSV and GeoJSON
read the input twice, first keeping only what they must look up (each record's name, each
location's point), then writing record by record. A ``.json`` file holds one Dataset document and
is loaded whole.

Nothing partial is left behind: the output is written beside ``PATH`` and moved into place only
when every record of every file was valid. Exit status: 0 written, 1 some record invalid (every
problem is listed, with its file and line), 2 a file cannot be read or a needed extra is missing.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from conflictkit.cli.validate import JSON_LINES_SUFFIXES
from conflictkit.core.errors import Problem, ValidationError
from conflictkit.dataset.dataset import Dataset
from conflictkit.geo import feature, is_placed, positions_of
from conflictkit.io.converter import from_json
from conflictkit.io.jsonl import iter_jsonl_results
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.tables.flat import CsvSink, record_names
from conflictkit.tables.parquet import DEFAULT_BATCH_SIZE, DEFAULT_ROWS_HELD, ParquetSink

__all__ = ["FORMATS", "add_parser", "export", "run"]

FORMATS = ("parquet", "csv", "geojson")
"""The formats ``conflictkit export`` writes."""

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class _Invalid(Exception):
    """Some input record was invalid; its problems have been reported."""


class _Reader:
    """Reads the records of the input files, reporting every bad record and going on."""

    def __init__(self, files: Sequence[str], errors: TextIO, keep_unknown: bool = False) -> None:
        self.files = files
        self.errors = errors
        self.keep_unknown = keep_unknown
        self.invalid = 0

    def records(self) -> Iterator[Record]:
        """Every valid record of every file, in order; each problem is printed as it is found."""
        for name in self.files:
            if Path(name).suffix.lower() in JSON_LINES_SUFFIXES:
                yield from self._json_lines(name)
            else:
                yield from self._document(name)

    def _json_lines(self, name: str) -> Iterator[Record]:
        for number, result in iter_jsonl_results(name, Record, keep_unknown=self.keep_unknown):
            if isinstance(result, ValidationError):
                self._report(name, result)
            elif isinstance(result, OpaqueRecord):
                self._report(name, ValidationError([_unexportable(result, (), number)]))
            else:
                yield result

    def _document(self, name: str) -> Iterator[Record]:
        try:
            dataset = from_json(Path(name).read_bytes(), Dataset, keep_unknown=self.keep_unknown)
        except ValidationError as error:
            self._report(name, error)
            return
        for position, record in enumerate(dataset.records):
            if isinstance(record, OpaqueRecord):
                self._report(name, ValidationError([_unexportable(record, ("records", position), None)]))
            else:
                yield record

    def _report(self, name: str, error: ValidationError) -> None:
        self.invalid += 1
        for problem in error.problems:
            print(f"{name}: {problem}", file=self.errors)


def _unexportable(record: OpaqueRecord, path: tuple[str | int, ...], line: int | None) -> Problem:
    # Read with --keep-unknown, it is a record; but no format written here has columns for a type
    # whose fields are unknown, and leaving it out would lose it silently.
    message = (
        f"is a record of the unknown type {record.type_tag!r}, which no table, CSV file or GeoJSON "
        "feature can hold; --import the module that defines it"
    )
    return Problem(path=path, message=message, line=line)


def _parquet(reader: _Reader, target: Path, *, batch_size: int, rows_held: int) -> None:
    with ParquetSink(target, batch_size=batch_size, rows_held=rows_held) as sink:
        for record in reader.records():
            sink.add(record)


def _csv(reader: _Reader, target: Path) -> None:
    names = record_names(reader.records())  # first pass: only the names, to resolve references
    if reader.invalid:
        raise _Invalid
    with CsvSink(target, names) as sink:
        for record in reader.records():
            sink.add(record)


def _geojson(reader: _Reader, target: Path) -> None:
    positions: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for record in reader.records():  # first pass: only the points of locations, and the names
        positions.update(positions_of([record]))
        names.update(record_names([record]))
    if reader.invalid:
        raise _Invalid
    with open(target, "w", encoding="utf-8") as file:
        file.write('{"type": "FeatureCollection", "features": [')
        separator = "\n"
        for record in reader.records():
            if is_placed(record):
                file.write(separator + json.dumps(feature(record, positions, names), ensure_ascii=False))
                separator = ",\n"
        file.write("\n]}\n")


_Writer = Callable[[_Reader, Path], None]

_WRITERS: dict[str, _Writer] = {"csv": _csv, "geojson": _geojson}  # parquet takes its bounds too


def export(
    files: Sequence[str],
    to: str,
    output: str | os.PathLike[str],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rows_held: int = DEFAULT_ROWS_HELD,
    errors: TextIO | None = None,
    keep_unknown: bool = False,
) -> int:
    """Export the records of ``files`` to ``output`` in the format ``to``; return the exit status.

    ``output`` is a directory for ``parquet`` and ``csv`` (one file per type tag) and a file for
    ``geojson``. For Parquet, ``batch_size`` and ``rows_held`` bound the memory used, as for
    :class:`~conflictkit.tables.ParquetSink`. Problems are printed to ``errors`` (default: standard
    error). With ``keep_unknown``, records of unknown types are read, and each is reported as one
    that no format written here can hold (nothing is exported).
    """
    if to not in FORMATS:
        raise ValueError(f"to must be one of {', '.join(FORMATS)}, got {to!r}")
    stream = sys.stderr if errors is None else errors
    target = Path(output)
    reader = _Reader(files, stream, keep_unknown)
    work = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent if target.parent.exists() else None)
    )
    staged = work / target.name
    try:
        # The collector is paused per batch (a batch of lines read, a batch of records made into
        # columns), never for the whole run: another thread's reference cycles must still be freed.
        write: _Writer = (
            functools.partial(_parquet, batch_size=batch_size, rows_held=rows_held)
            if to == "parquet"
            else _WRITERS[to]
        )
        write(reader, staged)
        if reader.invalid:
            raise _Invalid
        _replace(staged, target)
    except _Invalid:
        print(f"not exported: {reader.invalid} invalid document(s)", file=stream)
        return EXIT_INVALID
    except ImportError as exc:  # an extra that the format needs is not installed
        print(f"cannot export to {to}: {exc}", file=stream)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"{exc.filename or output}: cannot read or write: {exc.strerror or exc}", file=stream)
        return EXIT_UNREADABLE
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return EXIT_OK


def _replace(staged: Path, target: Path) -> None:
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(staged), str(target))


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``export`` subcommand to an :mod:`argparse` subparsers object; return its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="export records from JSON Lines or JSON files to Parquet, CSV or GeoJSON",
        description="Exit status: 0 written, 1 some record invalid (nothing written), 2 unreadable.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".jsonl, .ndjson or .json files")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the format to write")
    parser.add_argument(
        "--output", required=True, metavar="PATH", help="a directory (parquet, csv) or a file (geojson)"
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"records held as objects before they become columns (default {DEFAULT_BATCH_SIZE})",
    )
    parser.add_argument(
        "--rows-held",
        type=_positive,
        default=DEFAULT_ROWS_HELD,
        metavar="N",
        help=f"Parquet: rows held as columns before a row group is written (default {DEFAULT_ROWS_HELD})",
    )
    parser.set_defaults(run=run)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    """Run ``conflictkit export`` with parsed arguments."""
    return export(
        args.files,
        args.to,
        args.output,
        batch_size=args.batch_size,
        rows_held=args.rows_held,
        keep_unknown=getattr(args, "keep_unknown", False),
    )
