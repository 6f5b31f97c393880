"""The ``conflictkit`` command line: ``python -m conflictkit`` or the ``conflictkit`` script.

Subcommands:

``conflictkit [describe] [FILE ...]``
    Describe datasets (by default the bundled seed dataset): counts per type, a timeline of
    movements, statements and control changes, then their problems. The exit status is 0 when
    every dataset is sound, 1 when one is invalid, and 2 when a file cannot be read.

``conflictkit validate [--format text|json] [--keep-unknown] FILE ...``
    Check JSON and JSON Lines files of datasets and records; report every problem with its file,
    line and JSON path. Exit status 0 when all are valid, 1 when some are invalid, 2 when some
    cannot be read or are not JSON.

``conflictkit schema [TYPE]``
    Print the JSON Schema of a Dataset document (``dataset``, the default) or of the type with the
    tag ``TYPE`` (e.g. ``movement``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictkit import export
from conflictkit.checking import Status, check_file
from conflictkit.crosswalk import cli as crosswalk_cli
from conflictkit.dataset import Dataset
from conflictkit.describe import describe
from conflictkit.errors import ValidationError
from conflictkit.json_schema import json_schema
from conflictkit.model import class_for_tag, registered_types
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

_SUBCOMMANDS = ("describe", "validate", "schema", "export", "convert")


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


def _validate(args: argparse.Namespace) -> int:
    reports = [check_file(path, keep_unknown=args.keep_unknown) for path in args.files]
    status = max((report.status for report in reports), default=Status.VALID)
    if args.format == "json":
        document = {"status": status.name.lower(), "files": [report.to_dict() for report in reports]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return int(status)
    for report in reports:
        for finding in report.findings:
            print(finding)
        if report.status is Status.VALID:
            print(f"{report.file}: valid ({report.documents} document{'s' * (report.documents != 1)})")
    return int(status)


_DATASET = "dataset"


def _schema(args: argparse.Namespace) -> int:
    if args.type == _DATASET:
        schema = json_schema()
    else:
        cls = class_for_tag(args.type)
        if cls is None:
            known = ", ".join([_DATASET, *sorted(registered_types())])
            print(f"unknown type {args.type!r}; choose one of: {known}", file=sys.stderr)
            return 2  # a usage error, as argparse reports them
        schema = json_schema(cls)
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="conflictkit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    describe_command = commands.add_parser(
        "describe", help="describe datasets (default: the bundled seed) and report their problems"
    )
    describe_command.add_argument("files", nargs="*", help="dataset JSON files")
    describe_command.set_defaults(run=_describe)
    validate = commands.add_parser(
        "validate",
        help="check JSON and JSON Lines files of datasets and records",
        description="Exit status: 0 all valid, 1 some invalid, 2 some unreadable or not JSON.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help=".json, .jsonl or .ndjson files")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument(
        "--keep-unknown",
        action="store_true",
        help="accept records whose type tag is unknown here (an extension's), checking only their id",
    )
    validate.set_defaults(run=_validate)
    schema = commands.add_parser("schema", help="print the JSON Schema of a dataset or a type")
    schema.add_argument(
        "type", nargs="?", default=_DATASET, metavar="TYPE", help="'dataset' (default) or a type tag"
    )
    schema.set_defaults(run=_schema)
    export.add_parser(commands)
    crosswalk_cli.add_parser(commands)
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
