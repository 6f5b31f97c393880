"""``conflictkit describe``: what datasets hold, what happened when, and what is wrong.

``conflictkit [describe] [FILE ...]`` prints, for each dataset (by default the bundled seed), how
many records of each type it holds, a timeline of movements, statements and changes of control,
then every problem found (see :mod:`conflictkit.dataset.summary`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from conflictkit.cli.common import EXIT_ERROR, EXIT_INVALID, EXIT_OK
from conflictkit.dataset.dataset import Dataset
from conflictkit.dataset.summary import Summary, describe
from conflictkit.io.files import Entry, Group, Start, display_name, read_entries
from conflictkit.seed import SEED_NAME, load_seed

__all__ = ["TIMELINE_LIMIT", "add_parser"]

TIMELINE_LIMIT = 1000
"""How many timeline entries ``describe`` shows by default."""


def add_parser(subparsers: Any) -> None:
    """Add the ``describe`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "describe",
        help="describe datasets (default: the bundled seed) and list their problems",
        description="Describe datasets: how many records of each type, a timeline of movements, "
        "statements and control changes, then every problem found. Without a file, the bundled "
        "seed dataset. Exit status: 0 all sound, 1 some data invalid, 2 the run failed.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="a JSON or JSON Lines file, or - for stdin")
    parser.add_argument(
        "--timeline",
        type=_count,
        default=TIMELINE_LIMIT,
        metavar="N",
        help=f"show at most the N earliest timeline entries (default {TIMELINE_LIMIT})",
    )
    parser.set_defaults(run=_describe)


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number of entries (0 or more), got {text!r}")
    return number


def _describe(args: argparse.Namespace) -> int:
    if not args.files:
        seed = load_seed()
        return _print_summary(seed, f"{seed.title} (bundled seed dataset {SEED_NAME})", args.timeline)
    return max(_describe_file(path, args) for path in args.files)


def _print_summary(dataset: Dataset, title: str, limit: int) -> int:
    del limit  # the seed's timeline is short: shown whole, as describe() shows it
    problems = dataset.problems()
    print(describe(dataset, name=title, problems=problems), end="\n\n")
    return EXIT_INVALID if problems else EXIT_OK


def _describe_file(path: str, args: argparse.Namespace) -> int:
    name = display_name(path)
    summaries: dict[Group, Summary] = {}
    status = EXIT_OK
    try:
        for event in read_entries(path, keep_unknown=args.keep_unknown):
            if isinstance(event, Start):
                summary = summaries[event.group] = Summary(timeline_limit=args.timeline)
                for problem in event.problems:
                    summary.note(problem)
            elif isinstance(event, Entry):
                summary = summaries[event.group]
                for problem in event.problems:
                    summary.note(problem)
                if event.value is not None:
                    summary.add(event.value)
            else:
                status = max(status, _print_group(summaries.pop(event.group), event.group, name))
    except OSError as exc:
        if exc.filename is None:
            raise  # not the file: the output cannot be written, which ends the run
        print(f"{name}: cannot read: {exc.strerror or type(exc).__name__}", file=sys.stderr)
        return EXIT_ERROR
    return status


def _print_group(summary: Summary, group: Group, name: str) -> int:
    where = name if group.line is None else f"{name}:{group.line}"
    title = f"{where}: {group.title}" if group.title else where
    referenced = group.check.records(summary.referenced_ids())
    for line in summary.lines(title, referenced, group.check.problems()):
        print(line)
    print()
    return EXIT_INVALID if summary.problem_count else EXIT_OK
