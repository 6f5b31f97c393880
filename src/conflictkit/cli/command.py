"""The ``conflictkit`` command line: ``python -m conflictkit`` or the ``conflictkit`` script.

Subcommands (``conflictkit SUBCOMMAND --help`` explains each):

``conflictkit [describe] [FILE ...]``
    Describe datasets (by default the bundled seed dataset): counts per type, a timeline of
    movements, statements and control changes, then their problems.

``conflictkit validate [--format text|json] FILE ...``
    Check files of datasets and records; report every problem with its file, line and JSON path.

``conflictkit schema [TYPE]``
    Print the JSON Schema of a Dataset document, or of a record or value type.

``conflictkit export FILE ... --to parquet|csv|geojson --output PATH``
    Write records as tables (see :mod:`conflictkit.cli.export`).

``conflictkit convert FILE --from FORMAT --to FORMAT``
    Convert between conflictkit and ACLED, UCDP GED and PLOVER files (see :mod:`conflictkit.cli.convert`).

Each subcommand is a module of this package (:mod:`~conflictkit.cli.describe`,
:mod:`~conflictkit.cli.validate`, :mod:`~conflictkit.cli.schema`, :mod:`~conflictkit.cli.export`,
:mod:`~conflictkit.cli.convert`).

Every subcommand reads the same inputs (see :mod:`conflictkit.io.files`; ``-`` is standard input),
accepts ``--import MODULE`` and ``--keep-unknown``, loads the extensions installed packages
register, and exits with the same statuses: 0 when everything is valid, 1 when some data is
invalid, 2 when the run fails (see :mod:`conflictkit.cli.common`).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from typing import Any

from conflictkit.cli import convert, describe, export, match, schema, validate
from conflictkit.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    add_common_options,
    run_command,
)

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "SUBCOMMANDS",
    "build_parser",
    "main",
]

EXIT_UNREADABLE = EXIT_ERROR
"""A file cannot be read: an error of the run (the name this status had before)."""

AddParser = Callable[[Any], object]
"""A subcommand's ``add_parser(subparsers)``."""


# --- the command line ------------------------------------------------------------------------------

SUBCOMMANDS: list[tuple[str, AddParser]] = [
    ("describe", describe.add_parser),
    ("validate", validate.add_parser),
    ("schema", schema.add_parser),
    ("export", export.add_parser),
    ("convert", convert.add_parser),
    ("match", match.add_parser),
]
"""The registration list: each subcommand's name and its ``add_parser(subparsers)``.

Each subcommand is a module of this package; a new one is one more line here.
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
    _escape_what_cannot_be_encoded()
    args = build_parser().parse_args(arguments)
    return run_command(args.run, args)


_ESCAPE = "conflictkit.json-escape"


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escapes = []
    for character in error.object[error.start : error.end]:
        code = ord(character)
        if code > 0xFFFF:  # as JSON writes it: a surrogate pair
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


def _escape_what_cannot_be_encoded() -> None:
    # Under PYTHONIOENCODING=ascii (or a terminal in Latin-1), text a report holds (curly quotes,
    # Cyrillic names) is written as \uXXXX escapes instead of ending the run with
    # UnicodeEncodeError; in JSON output (convert's records) the escapes read back as the same text.
    codecs.register_error(_ESCAPE, _json_escape)  # registering again replaces it with itself
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, AttributeError):
                stream.reconfigure(errors=_ESCAPE)
