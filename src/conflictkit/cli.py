"""The ``conflictkit`` command line: ``python -m conflictkit`` or the ``conflictkit`` script.

Subcommands:

``conflictkit [describe] [FILE ...]``
    Describe datasets (by default the bundled seed dataset) and report their problems.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictkit.dataset import Dataset
from conflictkit.errors import ValidationError
from conflictkit.serialization import from_json

__all__ = ["main"]

_SUBCOMMANDS = ("describe",)


def _describe(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            dataset = from_json(Path(path).read_bytes(), Dataset)
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            return 2
        except ValidationError as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 1
            continue
        counts: dict[str, int] = {}
        for record in dataset:
            counts[type(record).__name__] = counts.get(type(record).__name__, 0) + 1
        print(f"{path}: {len(dataset)} records")
        for name, count in sorted(counts.items()):
            print(f"  {name}: {count}")
        problems = dataset.problems()
        for problem in problems:
            print(f"  problem: {problem}")
        if problems:
            status = 1
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="conflictkit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    describe = commands.add_parser("describe", help="describe datasets and report their problems")
    describe.add_argument("files", nargs="*", help="Dataset JSON files")
    describe.set_defaults(run=_describe)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in (*_SUBCOMMANDS, "-h", "--help"):
        arguments.insert(0, "describe")  # `conflictkit FILE...` is short for `conflictkit describe FILE...`
    args = _parser().parse_args(arguments)
    return int(args.run(args))
