"""``conflictkit convert``: convert files between ACLED, UCDP GED, PLOVER and conflictkit, streaming.

``conflictkit convert INPUT --from acled|ucdp|plover|conflictkit --to acled|ucdp|plover|conflictkit
[-o OUTPUT] [--keep-going] [--default-date YYYY-MM-DD]``

ACLED and UCDP GED are read and written as CSV, PLOVER as JSON Lines (or a JSON array, for a
``.json`` file; POLECAT's tab-separated columns, for a ``.tsv`` file), conflictkit as JSON Lines
of records (or a dataset document, for a ``.json`` file). Rows are read, converted and written one
at a time, so files larger than memory convert in constant memory (a ``.json`` file, being one
document, is the exception). A summary on standard
error says how much was converted, what was left out or changed and why, and which rows were bad.

Exit status, as for ``validate``: 0 when everything converted, 1 when some input was invalid
(bad rows; with ``--keep-going`` they are skipped and reported, and the rest is converted), 2 when
the input cannot be read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, Literal

from conflictkit.core.collector import collector_paused
from conflictkit.core.errors import ValidationError
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.losses import Loss
from conflictkit.crosswalk.rows import iter_csv, write_csv
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.converter import from_json, parse_json, to_dict, to_json
from conflictkit.io.json_schema import plain_text
from conflictkit.io.jsonl import iter_jsonl
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
        "--default-date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date to write for events that have none (e.g. the report's); each use is reported",
    )
    parser.set_defaults(run=run)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


class _Tally:
    """What a conversion did: counts, bad rows and losses, for the summary."""

    def __init__(self) -> None:
        self.read = 0
        self.written = 0
        self.bad: list[ValidationError] = []
        self.losses: list[Loss] = []  # the first few, for the summary
        self.loss_count = 0

    def counted(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.read += 1
            yield item

    def loss(self, loss: Loss) -> None:
        if len(self.losses) < _SHOWN:
            self.losses.append(loss)
        self.loss_count += 1


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
            yield from acled.iter_import(tally.counted(iter_csv(file)), on_error=on_error)
    elif args.source == "ucdp":
        with _open_in(args.input) as file:
            yield from ucdp.iter_import(tally.counted(iter_csv(file)), on_error=on_error)
    elif args.source == "plover" and args.input.endswith(".tsv"):  # a POLECAT release
        with _open_in(args.input) as file:
            rows = tally.counted(iter_csv(file, delimiter="\t"))
            yield from plover.iter_import(map(plover.from_polecat, rows), on_error=on_error)
    elif args.source == "plover":
        yield from plover.iter_import(tally.counted(_json_values(args.input)), on_error=on_error)
    elif args.input.endswith(".json"):
        dataset = from_json(Path(args.input).read_bytes(), Dataset, keep_unknown=_keep_unknown(args))
        yield from tally.counted(dataset.records)
    else:
        with _open_in(args.input) as file:
            errors: Literal["raise", "collect"] = "collect" if args.keep_going else "raise"
            records = iter_jsonl(file, Record, errors=errors, keep_unknown=_keep_unknown(args))
            yield from tally.counted(records)


def _keep_unknown(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "keep_unknown", False))  # a common option: see conflictkit.cli.common


def _write(args: argparse.Namespace, records: Iterator[Record], out: IO[str], tally: _Tally) -> None:
    if args.target in ("acled", "ucdp"):
        module = acled if args.target == "acled" else ucdp
        rows = module.iter_export(records, on_loss=tally.loss, default_date=args.default_date)
        tally.written = write_csv(rows, module.COLUMNS, out)
    elif args.target == "plover" and args.output and args.output.endswith(".tsv"):  # POLECAT columns
        exported = plover.iter_export(records, on_loss=tally.loss, default_date=args.default_date)
        rows = (plover.to_polecat(record) for record in exported)
        tally.written = write_csv(rows, plover.POLECAT_OUTPUT_COLUMNS, out, delimiter="\t")
    elif args.target == "plover":
        as_array = bool(args.output and args.output.endswith(".json"))
        out.write("[" if as_array else "")
        for count, record in enumerate(
            plover.iter_export(records, on_loss=tally.loss, default_date=args.default_date)
        ):
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
    with collector_paused():
        text = "".join(json.dumps(to_dict(each), ensure_ascii=False) + "\n" for each in batch)
    out.write(text)
    tally.written += len(batch)


def run(args: argparse.Namespace) -> int:
    """Run ``convert`` with parsed arguments; return the exit status."""
    tally = _Tally()
    try:
        with _open_out(args.output) as out:
            _write(args, _records(args, tally), out, tally)
    except BrokenPipeError:
        raise  # the reader went away: the main program handles that
    except OSError as exc:
        print(f"{args.input}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ValidationError as error:
        tally.bad.append(error)
    _summary(args, tally)
    return EXIT_INVALID if tally.bad else EXIT_OK


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as file:
            yield file


def _summary(args: argparse.Namespace, tally: _Tally) -> None:
    unit = "rows" if args.target in ("acled", "ucdp") else "records"
    lines = [f"{args.input}: {tally.read} {args.source} in, {tally.written} {args.target} {unit} out"]
    count = tally.loss_count
    if count:
        lines.append(f"{count} fact{'s' * (count != 1)} left out or changed for {args.target}:")
        lines += [f"  {loss}" for loss in tally.losses]
        if count > len(tally.losses):
            lines.append(f"  ... and {count - len(tally.losses)} more")
    problems = [problem for error in tally.bad for problem in error.problems]
    if problems:
        lines.append(f"{len(problems)} problem{'s' * (len(problems) != 1)} in the input:")
        lines += [f"  {problem}" for problem in problems]
    print("\n".join(lines), file=sys.stderr)
