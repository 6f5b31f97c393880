"""``conflictkit export``: records from JSON Lines (or JSON) files to Parquet, CSV or GeoJSON.

``conflictkit export FILE... --to parquet|csv|geojson -o|--output PATH [--events]``

JSON Lines files are read a line at a time and written a batch at a time, so memory does not grow
with the input: Parquet holds at most ``--batch-size`` records as objects and ``--rows-held`` rows
as columns, of all types together (:class:`~conflictkit.tables.ParquetSink`); CSV and GeoJSON
read the input twice, first keeping only what they must look up (each record's name, each
location's point), then writing record by record. A ``.json`` file holds one Dataset document and
is loaded whole.

Nothing partial is left behind and nothing is destroyed: the output is staged beside ``PATH`` (on
its own filesystem) and moved into place only when every record of every file was valid; a
directory that holds files an earlier export did not write, or holds an input, is refused unless
``--overwrite`` is given, and even then only its ``.parquet`` or ``.csv`` files are replaced.
``-`` reads standard input; ``--output -`` writes GeoJSON to standard output. Exit status: 0
written, 1 some record invalid (every problem is listed, with its file and line), 2 a file cannot
be read or written, or a needed extra is missing.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from conflictkit.cli.validate import JSON_LINES_SUFFIXES
from conflictkit.core.errors import Problem, ValidationError
from conflictkit.dataset.dataset import Dataset
from conflictkit.geo import feature, is_placed, positions_of
from conflictkit.io.atomic import OutputError, TableDirectory, atomic_file, refuse_overwriting_input
from conflictkit.io.converter import from_json, parse_json
from conflictkit.io.files import STDIN, display_name
from conflictkit.io.jsonl import iter_jsonl_results
from conflictkit.records.actors import Actor
from conflictkit.records.locations import Location
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import Relation, event_family_of
from conflictkit.tables.casualties import write_casualties_csv, write_casualties_parquet
from conflictkit.tables.events import write_events_csv, write_events_parquet
from conflictkit.tables.flat import CsvSink, record_names
from conflictkit.tables.parquet import DEFAULT_BATCH_SIZE, DEFAULT_ROWS_HELD, ParquetSink

__all__ = ["FORMATS", "add_parser", "export", "run"]

FORMATS = ("parquet", "csv", "geojson")
"""The formats ``conflictkit export`` writes."""

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class _Invalid(Exception):
    """Some input record was invalid; its problems have been reported."""


class _Reader:
    """Reads the records of the input files, reporting every bad record and going on.

    Standard input (``-``) is read once into a temporary file, since CSV and GeoJSON read their
    input twice; it is JSON Lines when its first non-blank line is a JSON document on its own.
    """

    def __init__(self, files: Sequence[str], errors: TextIO, keep_unknown: bool = False) -> None:
        self.files = files
        self.errors = errors
        self.keep_unknown = keep_unknown
        self.invalid = 0
        self._stdin: IO[bytes] | None = None
        self._stdin_lines = False

    def records(self) -> Iterator[Record]:
        """Every valid record of every file, in order; each problem is printed as it is found."""
        for name in self.files:
            if name == STDIN:
                yield from self._standard_input()
            elif Path(name).suffix.lower() in JSON_LINES_SUFFIXES:
                yield from self._json_lines(name, name)
            else:
                yield from self._document(name, Path(name).read_bytes())

    def close(self) -> None:
        """Remove the copy of standard input, if one was made."""
        if self._stdin is not None:
            self._stdin.close()
            self._stdin = None

    def _standard_input(self) -> Iterator[Record]:
        if self._stdin is None:
            self._stdin = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close()
            shutil.copyfileobj(sys.stdin.buffer, self._stdin)
            self._stdin.seek(0)
            self._stdin_lines = _is_json_lines(self._stdin)
        self._stdin.seek(0)
        if self._stdin_lines:
            yield from self._json_lines(self._stdin, STDIN)
        else:
            yield from self._document(STDIN, self._stdin.read())

    def _json_lines(self, source: str | IO[bytes], name: str) -> Iterator[Record]:
        for number, result in iter_jsonl_results(source, Record, keep_unknown=self.keep_unknown):
            if isinstance(result, ValidationError):
                self._report(name, result)
            elif isinstance(result, OpaqueRecord):
                self._report(name, ValidationError([_unexportable(result, (), number)]))
            else:
                yield result

    def _document(self, name: str, text: bytes) -> Iterator[Record]:
        try:
            dataset = from_json(text, Dataset, keep_unknown=self.keep_unknown)
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
            print(f"{display_name(name)}: {problem}", file=self.errors)


def _is_json_lines(file: IO[bytes]) -> bool:
    for line in file:
        if line.strip(b" \t\r\n"):
            try:
                parse_json(line)
            except ValidationError:
                return False
            return True
    return True


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
        if reader.invalid:
            raise _Invalid


def _csv(reader: _Reader, target: Path, *, safe: bool = True) -> None:
    names = record_names(reader.records())  # first pass: only the names, to resolve references
    if reader.invalid:
        raise _Invalid
    with CsvSink(target, names, safe=safe) as sink:
        for record in reader.records():
            sink.add(record)


def _geojson(reader: _Reader, file: IO[str]) -> None:
    positions: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for record in reader.records():  # first pass: only the points of locations, and the names
        positions.update(positions_of([record]))
        names.update(record_names([record]))
    if reader.invalid:
        raise _Invalid
    file.write('{"type": "FeatureCollection", "features": [')
    separator = "\n"
    for record in reader.records():
        if is_placed(record):
            file.write(separator + json.dumps(feature(record, positions, names), ensure_ascii=False))
            separator = ",\n"
    file.write("\n]}\n")


def _events(reader: _Reader, directory: Path, to: str) -> None:
    """Write the events and casualties tables (``events.parquet`` or ``.csv`` and likewise)."""
    needed = [
        record
        for record in reader.records()
        if isinstance(record, (Actor, Location, Relation)) or event_family_of(record) is not None
    ]
    dataset = Dataset(records=needed)
    for name, write in (
        ("events", write_events_parquet if to == "parquet" else write_events_csv),
        ("casualties", write_casualties_parquet if to == "parquet" else write_casualties_csv),
    ):
        path = directory / f"{name}.{to}"
        if path.exists():
            raise OSError(
                errno.EEXIST, f"a record type's table already has the {name} table's name", str(path)
            )
        write(dataset, path)


_SUFFIXES = {"parquet": ".parquet", "csv": ".csv"}


def export(
    files: Sequence[str],
    to: str,
    output: str | os.PathLike[str],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rows_held: int = DEFAULT_ROWS_HELD,
    errors: TextIO | None = None,
    keep_unknown: bool = False,
    overwrite: bool = False,
    safe_csv: bool = True,
    events: bool = False,
) -> int:
    """Export the records of ``files`` to ``output`` in the format ``to``; return the exit status.

    ``output`` is a directory for ``parquet`` and ``csv`` (one file per type tag) and a file for
    ``geojson`` (``-``: standard output). ``files`` may include ``-``, standard input. For
    Parquet, ``batch_size`` and ``rows_held`` bound the memory used, as for
    :class:`~conflictkit.tables.ParquetSink`. Problems are printed to ``errors`` (default: standard
    error). With ``keep_unknown``, records of unknown types are read, and each is reported as one
    that no format written here can hold (nothing is exported). With ``events``, the directory
    also gets the events table (:mod:`conflictkit.tables.events`), ``events.parquet`` or
    ``events.csv``, and the casualties table (:mod:`conflictkit.tables.casualties`),
    ``casualties.parquet`` or ``casualties.csv``, for which the event records, their links, actors
    and places are held in memory.

    Nothing is destroyed: the output is staged beside its target and moved into place only when
    every record was valid and every file complete. A directory is written as
    :class:`~conflictkit.io.atomic.TableDirectory` says: the files of an earlier export there are
    replaced (those this export does not write are removed) and nothing else is touched; a
    directory holding other files, or holding an input, is refused unless ``overwrite``, and even
    then only files of the format's own suffix are replaced. A GeoJSON output that is one of the
    inputs is always refused.
    """
    if to not in FORMATS:
        raise ValueError(f"to must be one of {', '.join(FORMATS)}, got {to!r}")
    if events and to == "geojson":
        raise ValueError("the events table is written to parquet or csv, not geojson")
    stream = sys.stderr if errors is None else errors
    target = Path(output)
    reader = _Reader(files, stream, keep_unknown)
    inputs = [name for name in files if name != STDIN]
    try:
        # The collector is paused per batch (a batch of lines read, a batch of records made into
        # columns), never for the whole run: another thread's reference cycles must still be freed.
        if to == "geojson":
            _write_geojson(reader, target, inputs)
        else:
            with TableDirectory(target, _SUFFIXES[to], overwrite=overwrite, inputs=inputs) as staging:
                if to == "parquet":
                    _parquet(reader, staging, batch_size=batch_size, rows_held=rows_held)
                else:
                    _csv(reader, staging, safe=safe_csv)
                if events:
                    _events(reader, staging, to)
    except _Invalid:
        print(f"not exported: {reader.invalid} invalid document(s)", file=stream)
        return EXIT_INVALID
    except ValidationError as error:  # valid records that the format cannot hold
        for problem in error.problems:
            print(f"cannot be written as {to}: {problem}", file=stream)
        print("not exported", file=stream)
        return EXIT_INVALID
    except ImportError as exc:  # an extra that the format needs is not installed
        print(f"cannot export to {to}: {exc}", file=stream)
        return EXIT_UNREADABLE
    except OutputError as exc:
        print(f"{display_name(exc.filename)}: cannot write: {exc.strerror}", file=stream)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"{display_name(exc.filename or STDIN)}: cannot read: {exc.strerror or exc}", file=stream)
        return EXIT_UNREADABLE
    finally:
        reader.close()
    return EXIT_OK


def _write_geojson(reader: _Reader, target: Path, inputs: Sequence[str]) -> None:
    if os.fspath(target) == STDIN:
        _geojson(reader, sys.stdout)
        if reader.invalid:
            raise _Invalid
        return
    refuse_overwriting_input(inputs, target)
    with atomic_file(target) as file:
        _geojson(reader, file)
        if reader.invalid:
            raise _Invalid


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``export`` subcommand to an :mod:`argparse` subparsers object; return its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="export records from JSON Lines or JSON files to Parquet, CSV or GeoJSON",
        description="Exit status: 0 written, 1 some record invalid (nothing written), 2 unreadable.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=".jsonl, .ndjson or .json files ('-' for standard input)"
    )
    parser.add_argument("--to", required=True, choices=FORMATS, help="the format to write")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="a directory (parquet, csv) or a file (geojson; '-' for standard output)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="write into a directory that holds other files (or an input), replacing only its "
        ".parquet or .csv files",
    )
    parser.add_argument(
        "--safe-csv",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="CSV: put a quote before cells a spreadsheet would run as formulas (the OWASP rule; default on)",
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
    parser.add_argument(
        "--events",
        action="store_true",
        help="also write the events table, one row per event (events.parquet or events.csv), and the "
        "casualties table, one row per event and side (casualties.parquet or .csv); it holds the event "
        "records in memory",
    )
    parser.set_defaults(run=run)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, at least 1, got {text!r}") from None
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
        overwrite=args.overwrite,
        safe_csv=args.safe_csv,
        events=args.events,
    )
