"""The ``conflictkit`` command line: ``python -m conflictkit`` or the ``conflictkit`` script.

Subcommands:

``conflictkit [describe] [FILE ...]``
    Describe datasets (by default the bundled seed dataset): counts per type, a timeline of
    movements, statements and control changes, then their problems. The exit status is 0 when
    every dataset is sound, 1 when one is invalid, and 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictkit.dataset import Dataset
from conflictkit.describe import describe
from conflictkit.errors import ValidationError
from conflictkit.seed import SEED_NAME, load_seed
from conflictkit.serialization import from_json

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INVALID", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK = 0
"""Every dataset is sound."""

EXIT_INVALID = 1
"""A dataset does not load, or has integrity problems."""

EXIT_UNREADABLE = 2
"""A file cannot be read."""

EXIT_BROKEN_PIPE = 141
"""The reader of the output went away (the shell's status for a process ended by SIGPIPE)."""

_SUBCOMMANDS = ("describe",)


def _describe(args: argparse.Namespace) -> int:
    if not args.files:
        return _report(load_seed(), f"{load_seed().title} (bundled seed dataset {SEED_NAME})")
    statuses = [_describe_file(Path(path)) for path in args.files]
    return max(statuses)


def _describe_file(path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        dataset = from_json(data, Dataset)
    except ValidationError as error:
        print(f"{path}: not a valid dataset: {error}")
        return EXIT_INVALID
    return _report(dataset, f"{path}: {dataset.title}" if dataset.title else str(path))


def _report(dataset: Dataset, name: str) -> int:
    print(describe(dataset, name=name), end="\n\n")
    return EXIT_INVALID if dataset.problems() else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="conflictkit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    describe_command = commands.add_parser(
        "describe", help="describe datasets (default: the bundled seed) and report their problems"
    )
    describe_command.add_argument("files", nargs="*", help="dataset JSON files")
    describe_command.set_defaults(run=_describe)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in (*_SUBCOMMANDS, "-h", "--help"):
        arguments.insert(0, "describe")  # `conflictkit FILE...` is short for `conflictkit describe FILE...`
    args = _parser().parse_args(arguments)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader stopped reading (`conflictkit | head`). Point stdout at devnull so that the
        # flush at exit does not fail again, and exit as a process ended by SIGPIPE would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
