"""``conflictkit match``: find the records of several sources that describe one event.

``conflictkit match A B [C ...] [--from FORMAT ...] [--days N] [--km N] [--threshold SCORE]
[--one-to-one] [--within] [--report-date YYYY-MM-DD] [--taxonomy FILE.json] [-o RELATIONS.jsonl]
[--review FILE.csv]``

Each input is read in its format (``--from`` once for all inputs, or once per input, in order:
acled, ucdp, plover or conflictkit, the default), its event records are matched with the other
inputs' within the window (see :func:`conflictkit.matching.match`), and the matches at or above the
threshold are written as ``same_event`` and ``part_of`` relations, one JSON object a line.
``--taxonomy`` reads which kinds (and actor names and kinds) count as alike from a JSON file (see
:class:`conflictkit.matching.Taxonomy`). ``--review`` writes every candidate with its score and
reasons as CSV, for a person to check. A summary on standard error gives the pairs judged, the
matches, the episodes, and each input's event records and those left unmatched (no date, no place).
Output files are written beside their target and renamed into place, so a failed run leaves no
half-written file.

Exit status: 0 when the inputs were read and matched, 1 when an input is invalid, 2 when an input
cannot be read or the arguments cannot be used.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from conflictkit import Dataset, ValidationError, load_dataset, to_dict
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.rows import iter_csv
from conflictkit.matching import (
    DEFAULT_THRESHOLD,
    TABLE_COLUMNS,
    Matches,
    MatchingError,
    Taxonomy,
    match,
)

__all__ = ["FORMATS", "add_parser", "read_input", "run"]

FORMATS = ("acled", "ucdp", "plover", "conflictkit")
"""The formats ``match`` reads."""

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``match`` subcommand to an :mod:`argparse` sub-parser set; it runs :func:`run`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "match",
        help="find the records of several sources that describe one event",
        description=_plain(__doc__.split("\n\n")[2]) if __doc__ else None,
    )
    parser.add_argument("inputs", metavar="INPUT", nargs="+", help="the files to match")
    parser.add_argument(
        "--from",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="an input's format: once for all inputs, or once per input in order (default conflictkit)",
    )
    parser.add_argument("--days", type=int, default=1, help="the date window in days (default 1)")
    parser.add_argument("--km", type=float, default=10.0, help="the distance window in km (default 10)")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"the score from which a candidate becomes a relation (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument(
        "--one-to-one", action="store_true", help="join no record to two records of another input"
    )
    parser.add_argument("--within", action="store_true", help="also match records of one input (duplicates)")
    parser.add_argument(
        "--episode-days",
        type=int,
        default=7,
        help="a span known to the day this long or longer is an episode (default 7)",
    )
    parser.add_argument(
        "--report-date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="date undated records to the week up to this day (else they are unmatched)",
    )
    parser.add_argument(
        "--taxonomy",
        metavar="FILE.json",
        help="a JSON file of which kinds (and actor names and kinds) count as alike",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUTPUT", help="the relations file (default: standard output)"
    )
    parser.add_argument("--review", metavar="FILE.csv", help="write every candidate with its reasons as CSV")
    parser.set_defaults(run=run)
    return parser


def _plain(text: str) -> str:
    """A docstring paragraph as plain words for ``--help``: no reST roles or literals."""
    text = re.sub(r":[a-z]+:`~?([^`]*)`", r"\1", text)
    return " ".join(text.replace("``", "").split())


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def read_input(path: str, source: str, *, keep_unknown: bool = False) -> Dataset:
    """One input file as a dataset, read as ``source`` (one of :data:`FORMATS`).

    ACLED and UCDP GED as CSV, PLOVER as JSON Lines (a JSON array for ``.json``, POLECAT's
    tab-separated columns for ``.tsv``), conflictkit as a dataset document or JSON Lines (with
    ``keep_unknown``, records of unknown types are kept, unmatched, as for ``--keep-unknown``).
    """
    if source == "acled":
        with open(path, "rb") as file:
            return acled.import_records(iter_csv(file))
    if source == "ucdp":
        with open(path, "rb") as file:
            return ucdp.import_records(iter_csv(file))
    if source == "plover":
        if path.endswith(".tsv"):
            with open(path, "rb") as file:
                return plover.import_records(map(plover.from_polecat, iter_csv(file, delimiter="\t")))
        if path.endswith(".json"):
            values = json.loads(Path(path).read_bytes())
            if not isinstance(values, list):
                raise ValidationError.at(
                    f"expected a JSON array of PLOVER records, got {type(values).__name__}"
                )
            return plover.import_records(values)
        with open(path, "rb") as file:
            return plover.import_records(json.loads(line) for line in file if line.strip())
    return load_dataset(path, keep_unknown=keep_unknown)


def run(args: argparse.Namespace) -> int:
    """Run ``match`` with parsed arguments; return the exit status."""
    formats: list[str] = args.formats or ["conflictkit"]
    if len(formats) == 1:
        formats = formats * len(args.inputs)
    if len(formats) != len(args.inputs):
        print(
            f"match: --from is given {len(formats)} times for {len(args.inputs)} inputs: "
            "give it once for all, or once per input",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    taxonomy = None
    if getattr(args, "taxonomy", None) is not None:
        try:
            taxonomy = Taxonomy.from_json(Path(args.taxonomy).read_bytes())
        except OSError as exc:
            print(f"match: {args.taxonomy}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNREADABLE
        except MatchingError as error:
            print(f"match: {args.taxonomy}: {error}", file=sys.stderr)
            return EXIT_UNREADABLE
    datasets = []
    for path, source in zip(args.inputs, formats, strict=True):
        try:
            datasets.append(read_input(path, source, keep_unknown=bool(getattr(args, "keep_unknown", False))))
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNREADABLE
        except (ValidationError, ValueError) as error:
            print(f"{path}: not valid {source} input: {error}", file=sys.stderr)
            return EXIT_INVALID
    try:
        found = match(
            *datasets,
            days=args.days,
            km=args.km,
            within=args.within,
            episode_days=args.episode_days,
            report_date=args.report_date,
            taxonomy=taxonomy,
        )
        relations = found.relations(args.threshold, one_to_one=args.one_to_one)
    except MatchingError as error:
        print(f"match: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    with _written(args.output) as out:
        for relation in relations:
            out.write(json.dumps(to_dict(relation), ensure_ascii=False) + "\n")
    if args.review:
        with _written(args.review) as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(TABLE_COLUMNS)
            writer.writerows(found.table())
    _summary(args, found)
    return EXIT_OK


@contextlib.contextmanager
def _written(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or a temporary file beside ``path`` renamed onto it once complete."""
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            yield file
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _summary(args: argparse.Namespace, found: Matches) -> None:
    counts = found.summary(args.threshold, one_to_one=args.one_to_one)
    lines = [
        f"pairs judged {counts['pairs_judged']:,}, candidates {counts['candidates']:,}, "
        f"matches {counts['matches']:,}, episodes {counts['episodes']:,} (threshold {args.threshold:g})"
    ]
    for position, path in enumerate(args.inputs):
        reasons: dict[str, int] = {}
        for dataset, _, reason in found.unmatched:
            if dataset == position:
                reasons[reason] = reasons.get(reason, 0) + 1
        left_out = ", ".join(f"{reason} {count:,}" for reason, count in sorted(reasons.items()))
        lines.append(
            f"{path}: {found.event_counts[position]:,} event records"
            + (f", unmatched: {left_out}" if left_out else "")
        )
    print("\n".join(lines), file=sys.stderr)
