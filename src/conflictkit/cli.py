"""The ``conflictkit`` command line: ``python -m conflictkit`` or the ``conflictkit`` script.

Subcommands (``conflictkit SUBCOMMAND --help`` explains each):

``conflictkit [describe] [FILE ...]``
    Describe datasets (by default the bundled seed dataset): counts per type, a timeline of
    movements, statements and control changes, then their problems.

``conflictkit validate [--format text|json] FILE ...``
    Check files of datasets and records; report every problem with its file, line and JSON path.

``conflictkit schema [TYPE]``
    Print the JSON Schema of a Dataset document, or of a record or value type.

Every subcommand reads the same inputs (see :mod:`conflictkit.loader`; ``-`` is standard input),
accepts ``--import MODULE`` and ``--keep-unknown``, loads the extensions installed packages
register, and exits with the same statuses: 0 when everything is valid, 1 when some data is
invalid, 2 when the run fails (see :mod:`conflictkit.commandline`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from conflictkit import export, match_command
from conflictkit.checking import FileReport, Finding, Status, check_events
from conflictkit.commandline import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    add_common_options,
    run_command,
)
from conflictkit.crosswalk import cli as crosswalk_cli
from conflictkit.dataset import Dataset
from conflictkit.describe import Summary, describe
from conflictkit.json_schema import json_schema
from conflictkit.loader import Entry, Group, Start, display_name, read_entries
from conflictkit.model import Model, class_for_tag, registered_types, type_tag_of
from conflictkit.seed import SEED_NAME, load_seed

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "SUBCOMMANDS",
    "build_parser",
    "main",
    "schema_targets",
]

EXIT_UNREADABLE = EXIT_ERROR
"""A file cannot be read: an error of the run (the name this status had before)."""

TIMELINE_LIMIT = 1000
"""How many timeline entries ``describe`` shows by default."""

AddParser = Callable[[Any], object]
"""A subcommand's ``add_parser(subparsers)``."""


# --- describe --------------------------------------------------------------------------------------


def _add_describe(subparsers: Any) -> None:
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


# --- validate --------------------------------------------------------------------------------------


def _add_validate(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check files of datasets and records, listing every problem",
        description="Check JSON and JSON Lines files of datasets and records, and list every "
        "problem with its file, line and JSON path. Exit status: 0 all valid, 1 some data invalid "
        "(including text that is not JSON), 2 the run failed (a file cannot be read).",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="a .json, .jsonl or .ndjson file, or - for stdin"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(run=_validate)


def _file_results(path: str, keep_unknown: bool) -> Iterator[Finding | FileReport]:
    name = display_name(path)
    return check_events(read_entries(path, keep_unknown=keep_unknown), name=name)


def _validate(args: argparse.Namespace) -> int:
    if args.format == "json":
        return _validate_json(args)
    status = Status.VALID
    for path in args.files:
        for result in _file_results(path, args.keep_unknown):
            if isinstance(result, Finding):
                print(result)
                continue
            status = max(status, result.status)
            if result.status is Status.VALID:
                documents = result.documents
                print(f"{result.file}: valid ({documents} document{'s' * (documents != 1)})")
    return int(status)


def _validate_json(args: argparse.Namespace) -> int:
    # Written as it goes, so that a file with millions of problems is not held in memory.
    status = Status.VALID
    out = sys.stdout
    out.write('{\n  "files": [')
    for number, path in enumerate(args.files):
        out.write(",\n" if number else "\n")
        out.write(f'    {{\n      "file": {_json(display_name(path))},\n      "problems": [')
        count = 0
        for result in _file_results(path, args.keep_unknown):
            if isinstance(result, Finding):
                out.write(",\n" if count else "\n")
                out.write("        " + _json(result.to_dict()))
                count += 1
                continue
            status = max(status, result.status)
            out.write("\n      ]" if count else "]")
            out.write(f',\n      "status": {_json(result.status.name.lower())},')
            out.write(f'\n      "documents": {result.documents}\n    }}')
    out.write(f'\n  ],\n  "status": {_json(status.name.lower())}\n}}\n')
    return int(status)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- schema ----------------------------------------------------------------------------------------

_DATASET = "dataset"


def schema_targets() -> dict[str, type[Model]]:
    """Every name ``conflictkit schema`` accepts, and its class.

    The type tags of every registered record type (users' included), and conflictkit's value types
    by their names in lower case with words joined by ``_`` (``quantity``, ``date_span``).
    """
    targets: dict[str, type[Model]] = {"dataset": Dataset}
    for cls in _model_classes():
        tag = type_tag_of(cls)
        if tag is None:
            targets.setdefault(_snake_case(cls.__name__), cls)
    targets.update(registered_types())
    return targets


def _model_classes() -> Iterator[type[Model]]:
    pending: list[type[Model]] = [Model]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
                if "_conflictkit_tag" in sub.__dict__:  # an attrs class, registered when built
                    yield sub


def _snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _add_schema(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a dataset, a record type or a value type",
        description="Print the JSON Schema (draft 2020-12) of a Dataset document, or of one type: "
        "a record type by its type tag (movement, acme.airstrike), or a value type by its name "
        "(quantity, date_span). Types of extensions are known after --import MODULE.",
    )
    parser.add_argument(
        "type", nargs="?", default=_DATASET, metavar="TYPE", help="dataset (the default), a tag or a name"
    )
    parser.set_defaults(run=_schema)


def _schema(args: argparse.Namespace) -> int:
    targets = schema_targets()
    cls = targets.get(args.type) or class_for_tag(args.type) or targets.get(_snake_case(args.type))
    if cls is None:
        known = ", ".join(sorted(targets))
        print(f"conflictkit schema: unknown type {args.type!r}; choose one of: {known}", file=sys.stderr)
        return EXIT_ERROR  # a usage error, as argparse reports them
    schema = json_schema() if cls is Dataset else json_schema(cls)
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


# --- the command line ------------------------------------------------------------------------------

SUBCOMMANDS: list[tuple[str, AddParser]] = [
    ("describe", _add_describe),
    ("validate", _add_validate),
    ("schema", _add_schema),
    ("export", export.add_parser),
    ("convert", crosswalk_cli.add_parser),
    ("match", match_command.add_parser),
]
"""The registration list: each subcommand's name and its ``add_parser(subparsers)``.

A subcommand from another module is one more line here, as ``export`` and ``convert`` are.
"""

_DESCRIPTION = (
    "Check, describe and document conflictkit data: typed records of what news reports say about "
    "armed conflict. Without a subcommand, FILE arguments are described. Exit status: 0 all valid, "
    "1 some data invalid, 2 the run failed."
)


def _version() -> str:
    from conflictkit import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="conflictkit", description=_DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"conflictkit {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for _, add_parser in SUBCOMMANDS:
        before = set(subparsers.choices)
        add_parser(subparsers)
        for name in set(subparsers.choices) - before:
            add_common_options(subparsers.choices[name])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    names = {name for name, _ in SUBCOMMANDS}
    if not arguments or arguments[0] not in (*names, "-h", "--help", "--version"):
        arguments.insert(0, "describe")  # `conflictkit FILE...` is short for `conflictkit describe FILE...`
    args = build_parser().parse_args(arguments)
    return run_command(args.run, args)
