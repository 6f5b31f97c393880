"""``conflictkit convert``: convert files between ACLED, UCDP GED, PLOVER and conflictkit, streaming.

``conflictkit convert INPUT --from acled|ucdp|plover|conflictkit --to acled|ucdp|plover|conflictkit
[-o OUTPUT] [--keep-going] [--losses FILE] [--default-date YYYY-MM-DD] [--stream]``

ACLED and UCDP GED are read and written as CSV, PLOVER as JSON Lines (or a JSON array, for a
``.json`` file; POLECAT's tab-separated columns, for a ``.tsv`` file), conflictkit as JSON Lines
of records (or a dataset document, for a ``.json`` file). Rows are read, converted and written one
at a time, so files larger than memory convert in constant memory (a ``.json`` file, being one
document, is the exception). From conflictkit to ACLED, UCDP or PLOVER, the records are read whole
and written as ``export_records`` writes them (the claims of one event, joined by ``same_event``
relations anywhere in the file, make one ACLED row); ``--stream`` writes them record by record
instead, in constant memory, as ``iter_export`` does. A summary on standard
error says how much was converted, which vintage of the format it recognised, what was left out or
changed and why, and which rows were bad (each distinct problem once, with its count and first rows);
``--losses FILE`` writes every fact left out or changed, one JSON object a line.

Exit status, as for ``validate``: 0 when everything converted, 1 when some input was invalid
(bad rows; with ``--keep-going`` they are skipped and reported, and the rest is converted), 2 when
the input cannot be read.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from conflictkit.core.errors import CellProblem, ValidationError
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.losses import Loss
from conflictkit.crosswalk.rows import UnreadRow, iter_csv, write_csv
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.atomic import OutputError, atomic_file, refuse_overwriting_input
from conflictkit.io.converter import from_json, parse_json, to_json
from conflictkit.io.files import STDIN, display_name
from conflictkit.io.json_schema import plain_text
from conflictkit.io.json_text import json_lines
from conflictkit.io.jsonl import iter_jsonl_results
from conflictkit.records.record import Record

__all__ = ["FORMATS", "add_parser", "run"]

FORMATS = ("acled", "ucdp", "plover", "conflictkit")
"""The formats ``convert`` reads and writes."""

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
_SHOWN = 10
_BATCH_SIZE = 1000  # records written as JSON Lines per pause of the collector


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``convert`` subcommand to an :mod:`argparse` sub-parser set; it runs :func:`run`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="convert between ACLED, UCDP GED, PLOVER and conflictkit files",
        description=plain_text(__doc__.split("\n\n")[2]) if __doc__ else None,
    )
    parser.add_argument("input", metavar="INPUT", help="the file to convert ('-' for standard input)")
    parser.add_argument("--from", dest="source", choices=FORMATS, required=True, help="the input's format")
    parser.add_argument("--to", dest="target", choices=FORMATS, required=True, help="the output's format")
    parser.add_argument(
        "-o", "--output", metavar="OUTPUT", help="the file to write (default: standard output)"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="skip bad rows, report each, and convert the rest"
    )
    parser.add_argument(
        "--safe-csv",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="CSV and TSV: put a quote before cells a spreadsheet would run as formulas, and take it "
        "off when reading (the OWASP rule; default on)",
    )
    parser.add_argument(
        "--losses",
        metavar="FILE",
        help="write every fact left out or changed to FILE, one JSON object a line",
    )
    parser.add_argument(
        "--default-date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date to write for events that have none (e.g. the report's); each use is reported",
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="from conflictkit: export record by record in constant memory; claims are not joined "
        "into events and records must follow the actors, places and documents they name",
    )
    parser.set_defaults(run=run)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


class _Problems:
    """The input's problems, each distinct one once with its count and first rows (memory stays bounded)."""

    _ROWS = 5

    def __init__(self) -> None:
        self.count = 0
        self.distinct: dict[tuple[str | None, str], tuple[int, list[int]]] = {}
        self.others = 0
        self.unit = "row"  # what the input's problems are located by: CSV rows, or JSON Lines lines

    def append(self, error: ValidationError) -> None:
        for problem in error.problems:
            self.count += 1
            if isinstance(problem, CellProblem):
                key: tuple[str | None, str] = (problem.column, problem.message)
                row = problem.row
            elif problem.line is not None:  # a line of a JSON Lines file: its path is the "column"
                key, row = (problem.json_path, problem.message), problem.line
                self.unit = "line"
            else:
                key, row = (None, str(problem)), -1
            known = self.distinct.get(key)
            if known is None:
                if len(self.distinct) >= 1000:  # so many kinds: count the rest
                    self.others += 1
                    continue
                known = (0, [])
            count, rows = known
            if row >= 0 and len(rows) < self._ROWS:
                rows.append(row)
            self.distinct[key] = (count + 1, rows)

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self) -> list[str]:
        lines = [f"{self.count} problem{'s' * (self.count != 1)} in the input:"]
        for (column, message), (count, rows) in self.distinct.items():
            if not rows:
                lines.append(f"  {message}" + (f" ({count} times)" if count > 1 else ""))
                continue
            unit = self.unit
            if unit == "line":
                where = "" if column is None else f": {column}"
            else:
                where = "" if column is None else f", column {column!r}"
            if count == 1:
                lines.append(f"  {unit} {rows[0]}{where}: {message}")
                continue
            shown = ", ".join(map(str, rows)) + (", ..." if count > len(rows) else "")
            lines.append(f"  {count} {unit}s{where}: {message} ({unit}s {shown})")
        if self.others:
            lines.append(f"  ... and {self.others} more of other kinds")
        return lines


class _Tally:
    """What a conversion did: counts, bad rows and losses, for the summary."""

    def __init__(self, losses_file: IO[str] | None = None) -> None:
        self.read = 0
        self.written = 0
        self.bad = _Problems()
        self.losses: list[Loss] = []  # the first few, for the summary
        self.loss_count = 0
        self.losses_file = losses_file
        self.header: tuple[str, ...] | None = None
        self.discarded = False  # the output was staged and removed: nothing was written

    def counted(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.read += 1
            if self.header is None and isinstance(item, dict) and not isinstance(item, UnreadRow):
                self.header = tuple(item)
            yield item

    def loss(self, loss: Loss) -> None:
        if len(self.losses) < _SHOWN:
            self.losses.append(loss)
        self.loss_count += 1
        if self.losses_file is not None:
            line = {"record": loss.record, "field": loss.field, "format": loss.format, "reason": loss.reason}
            self.losses_file.write(json.dumps(line, ensure_ascii=False) + "\n")


def _json_values(path: str) -> Iterator[Any]:
    """The objects of a JSON Lines file, or of a JSON array for a ``.json`` file."""
    if path.endswith(".json"):
        values = parse_json(Path(path).read_bytes())
        if not isinstance(values, list):
            raise ValidationError.at(f"expected a JSON array of records, got {type(values).__name__}")
        yield from values
        return
    with _open_in(path) as file:
        for number, line in enumerate(file, start=1):
            if line.strip():
                try:
                    yield parse_json(line)
                except ValidationError as error:
                    raise type(error)(problem.on_line(number) for problem in error.problems) from None


@contextlib.contextmanager
def _open_in(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
    else:
        with open(path, "rb") as file:
            yield file


def _records(args: argparse.Namespace, tally: _Tally) -> Iterator[Record]:
    on_error: Callable[[Any], object] | None = tally.bad.append if args.keep_going else None
    if args.source == "acled":
        with _open_in(args.input) as file:
            rows = tally.counted(iter_csv(file, bad_rows="yield", restore_cells=_safe(args)))
            yield from acled.iter_import(rows, on_error=on_error)
    elif args.source == "ucdp":
        with _open_in(args.input) as file:
            rows = tally.counted(iter_csv(file, bad_rows="yield", restore_cells=_safe(args)))
            yield from ucdp.iter_import(rows, on_error=on_error)
    elif args.source == "plover" and args.input.endswith(".tsv"):  # a POLECAT release
        with _open_in(args.input) as file:
            rows = tally.counted(iter_csv(file, delimiter="\t", bad_rows="yield", restore_cells=_safe(args)))
            coded = (row.error if isinstance(row, UnreadRow) else plover.from_polecat(row) for row in rows)
            yield from plover.iter_import(coded, on_error=on_error)
    elif args.source == "plover":
        yield from plover.iter_import(tally.counted(_json_values(args.input)), on_error=on_error)
    elif args.input.endswith(".json"):
        dataset = from_json(Path(args.input).read_bytes(), Dataset, keep_unknown=_keep_unknown(args))
        yield from tally.counted(dataset.records)
    else:
        with _open_in(args.input) as file:
            results = iter_jsonl_results(file, Record, keep_unknown=_keep_unknown(args))
            for _, result in tally.counted(results):
                if not isinstance(result, ValidationError):
                    yield result
                elif on_error is None:
                    raise result
                else:  # reported as it comes, not collected: memory stays bounded
                    on_error(result)


def _safe(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "safe_csv", True))


def _keep_unknown(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "keep_unknown", False))  # a common option: see conflictkit.cli.common


def _write(args: argparse.Namespace, records: Iterator[Record], out: IO[str], tally: _Tally) -> None:
    if args.target in ("acled", "ucdp"):
        module = acled if args.target == "acled" else ucdp
        rows = _exported(module, records, args, tally)
        columns, rows = _with_header(rows, lambda: module.COLUMNS, args.target, tally)
        tally.written = write_csv(rows, columns, out, safe=_safe(args))
    elif args.target == "plover" and args.output and args.output.endswith(".tsv"):  # POLECAT columns
        exported = _exported(plover, records, args, tally)
        rows = (plover.to_polecat(record) for record in exported)

        def release_columns() -> Iterable[str]:  # a release read in: its own header, in its order
            polecat_in = args.source == "plover" and args.input.endswith(".tsv") and tally.header
            return tally.header if polecat_in and tally.header else plover.POLECAT_OUTPUT_COLUMNS

        columns, rows = _with_header(rows, release_columns, args.target, tally, skip_empty=True)
        tally.written = write_csv(rows, columns, out, delimiter="\t", safe=_safe(args))
    elif args.target == "plover":
        as_array = bool(args.output and args.output.endswith(".json"))
        out.write("[" if as_array else "")
        for count, record in enumerate(_exported(plover, records, args, tally)):
            separator = ("," if count else "") + "\n" if as_array else ""
            out.write(separator + json.dumps(record, ensure_ascii=False) + ("" if as_array else "\n"))
            tally.written += 1
        out.write("\n]\n" if as_array else "")
    elif args.output and args.output.endswith(".json"):
        dataset = Dataset(records=list(records))
        out.write(to_json(dataset, indent=1) + "\n")
        tally.written = len(dataset)
    else:
        # The collector is paused for one batch of records at a time, never for the whole run:
        # another thread's reference cycles must still be freed while a large file converts.
        batch: list[Record] = []
        try:
            for each in records:
                batch.append(each)
                if len(batch) == _BATCH_SIZE:
                    _write_lines(batch, out, tally)
                    batch = []
        except ValidationError:  # the records read before a bad one are written, as one at a time did
            _write_lines(batch, out, tally)
            raise
        _write_lines(batch, out, tally)


def _write_lines(batch: list[Record], out: IO[str], tally: _Tally) -> None:
    # The text json.dumps(to_dict(record)) gives, written straight from the fields (unknown records
    # go out as they came in), with the collector paused for the batch.
    out.write(json_lines(batch))
    tally.written += len(batch)


def _with_header(
    rows: Iterator[dict[str, str]],
    base: Callable[[], Iterable[str]],
    format_name: str,
    tally: _Tally,
    *,
    skip_empty: bool = False,
) -> tuple[list[str], Iterator[dict[str, str]]]:
    """The header to write (``base()``, then the further columns of the first row), and the rows.

    Rows read from a file of an older vintage carry its columns (``gwno``, ``data_id``, ...) back;
    a later row with a column the header lacks has that cell reported as a loss, never dropped
    silently. With ``skip_empty``, a column outside ``base()`` that is empty is left out.
    """
    first = next(rows, None)
    columns = list(base())  # after the first row: the input's header is known by then
    if first is None:
        return columns, iter(())
    columns += [name for name in first if name not in columns and (first[name] or not skip_empty)]
    known = frozenset(columns)

    def all_rows() -> Iterator[dict[str, str]]:
        for row in itertools.chain([first], rows):
            for name in [name for name in row if name not in known]:
                cell = row.pop(name)
                if skip_empty and not cell:
                    continue
                record = row.get("event_id_cnty") or row.get("id") or row.get("Event ID") or "?"
                reason = (
                    f"the column {name!r} ({cell!r}) is not in the file's header, taken from its first row"
                )
                tally.loss(Loss(record=record, format=format_name, reason=reason))
            for name in columns:
                row.setdefault(name, "")
            yield row

    return columns, all_rows()


def _exported(
    module: Any, records: Iterator[Record], args: argparse.Namespace, tally: _Tally
) -> Iterator[Any]:
    """The rows (or PLOVER records) export_records gives for ``records``; iter_export's with --stream."""
    if args.source == "conflictkit" and not args.stream:
        # The claims of one event and their same_event links may be anywhere in the file: read it
        # whole, so that the command writes what export_records writes in Python.
        dataset = Dataset(records=list(records))
        yield from module.export_records(dataset, on_loss=tally.loss, default_date=args.default_date)
    else:
        yield from module.iter_export(records, on_loss=tally.loss, default_date=args.default_date)


def run(args: argparse.Namespace) -> int:
    """Run ``convert`` with parsed arguments; return the exit status.

    The output (and the ``--losses`` file) is written to a temporary file in its own directory and
    renamed over the target only when the whole input converted (with ``--keep-going``, when every
    good row did): a bad row, a full disk or an interrupt leaves the target as it was. An
    ``OUTPUT`` that is the input, or a directory, is refused before anything is opened.
    """
    if args.output == STDIN:
        args = argparse.Namespace(**{**vars(args), "output": None})
    losses_path = getattr(args, "losses", None)
    try:
        _check_output(args.input, args.output, "-o")
        _check_output(args.input, losses_path, "--losses")
        with _staged(losses_path) as losses_file:
            tally = _Tally(losses_file)
            try:
                with _open_out(args.output) as out:
                    _write(args, _records(args, tally), out, tally)
            except BrokenPipeError:
                raise  # the reader went away: the main program handles that
            except OutputError:
                raise  # an OSError too, but of the output: reported below, never blamed on the input
            except OSError as exc:
                print(f"{display_name(args.input)}: cannot read: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_UNREADABLE
            except ValidationError as error:
                tally.bad.append(error)
                if args.output is not None:  # the staged output was removed: nothing was written
                    tally.written = 0
                    tally.discarded = True
    except OutputError as exc:
        print(f"{display_name(exc.filename)}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    _summary(args, tally)
    return EXIT_INVALID if tally.bad else EXIT_OK


def _check_output(source: str, output: str | None, option: str) -> None:
    if output is None:
        return
    if os.path.isdir(output):
        raise OutputError(errno.EISDIR, f"is a directory; {option} names the file to write", output)
    if source != STDIN:
        refuse_overwriting_input([source], output)


@contextlib.contextmanager
def _staged(path: str | None) -> Iterator[IO[str] | None]:
    """The ``--losses`` file, written atomically beside ``path``; ``None`` for no path."""
    if path is None:
        yield None
        return
    with atomic_file(path, newline="\n") as file:
        yield file


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with atomic_file(path) as file:
            yield file


def _summary(args: argparse.Namespace, tally: _Tally) -> None:
    unit = "rows" if args.target in ("acled", "ucdp") else "records"
    name = display_name(args.input)
    lines = [f"{name}: {tally.read} {args.source} in, {tally.written} {args.target} {unit} out"]
    if tally.discarded:
        lines.append(
            f"{display_name(args.output)}: not written "
            "(use --keep-going to skip bad rows and convert the rest)"
        )
    if args.source == "acled" and tally.header is not None:
        lines.append(f"recognised: {acled.vintage_of(tally.header)}")
        kept = acled.extra_columns(tally.header)
        if kept:
            lines.append(f"columns conflictkit does not model, kept on each row: {', '.join(kept)}")
    if args.source == "ucdp" and tally.header is not None:
        lines.append(f"recognised: {ucdp.release_of(tally.header)}")
    if args.source == "plover" and args.input.endswith(".tsv") and tally.header is not None:
        lines.append(f"recognised: {plover.release_of(tally.header)}")
    count = tally.loss_count
    if count:
        lines.append(f"{count} fact{'s' * (count != 1)} left out or changed for {args.target}:")
        lines += [f"  {loss}" for loss in tally.losses]
        if count > len(tally.losses):
            lines.append(f"  ... and {count - len(tally.losses)} more")
    if tally.bad:
        lines += tally.bad.lines()
    print("\n".join(lines), file=sys.stderr)
