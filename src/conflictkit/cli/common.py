"""What every ``conflictkit`` subcommand shares: exit statuses, common options, extensions, errors.

A subcommand lives in its own module with an ``add_parser(subparsers)`` function that adds its
parser and sets ``run`` (a function of the parsed arguments returning an exit status) as a default;
:mod:`conflictkit.cli.command` lists it in its registration list. Every registered parser gets the common
options (``--import MODULE``, ``--keep-unknown``), and :func:`run_command` loads the extensions and
turns failures of the run into exit status 2 with a one-line message, so a subcommand only deals
with its own work:

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="conflictkit example")
>>> add_common_options(parser)
>>> args = parser.parse_args(["--import", "json", "--keep-unknown"])
>>> args.imports, args.keep_unknown
(['json'], True)
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence

from conflictkit.io.files import display_name

__all__ = [
    "ENTRY_POINT_GROUP",
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "ExtensionError",
    "add_common_options",
    "load_extensions",
    "run_command",
]

EXIT_OK = 0
"""Every input is valid (or the command did its job)."""

EXIT_INVALID = 1
"""Some input is not valid conflictkit data: not JSON, a record that does not load, a dangling reference."""

EXIT_ERROR = 2
"""The run failed: bad usage, a file that cannot be read, output that cannot be written, no memory."""

EXIT_BROKEN_PIPE = 141
"""The reader of the output went away (the shell's status for a process ended by SIGPIPE)."""

ENTRY_POINT_GROUP = "conflictkit.extensions"
"""The entry-point group in which installed packages name the modules that define their record types.

A package declares it in its ``pyproject.toml``::

    [project.entry-points."conflictkit.extensions"]
    acme = "acme.conflict_types"

Every ``conflictkit`` command imports those modules before it reads anything, so their types are
known by their tags.
"""

Run = Callable[[argparse.Namespace], int]
"""A subcommand's work: the parsed arguments in, the exit status out."""


class ExtensionError(Exception):
    """An extension module named by ``--import`` or by an entry point cannot be imported."""


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--import MODULE`` (repeatable) and ``--keep-unknown`` to a subcommand's parser.

    Options the parser already has are left as they are.
    """
    known = parser._option_string_actions  # argparse's own table of the option strings it knows
    if "--import" not in known:
        parser.add_argument(
            "--import",
            dest="imports",
            action="append",
            default=[],
            metavar="MODULE",
            help="import MODULE first, so that the record types it defines are known (repeatable)",
        )
    if "--keep-unknown" not in known:
        parser.add_argument(
            "--keep-unknown",
            action="store_true",
            help="accept records whose type no imported module defines, checking only their id",
        )


def load_extensions(modules: Sequence[str] = ()) -> None:
    """Import the modules of the ``conflictkit.extensions`` entry points, then ``modules``.

    Raises :class:`ExtensionError` naming the module that fails.
    """
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception as exc:
            raise ExtensionError(
                f"cannot load the extension {entry_point.name!r} ({entry_point.value}) that an "
                f"installed package registers: {type(exc).__name__}: {exc}"
            ) from exc
    if not modules:
        return
    # As `python -m` does, modules in the current directory are found: the `conflictkit` script,
    # unlike `python -m conflictkit`, does not put it on the path. It is there for these imports only.
    here = os.getcwd()
    added = here not in sys.path and "" not in sys.path
    if added:
        sys.path.insert(0, here)
    try:
        for module in modules:
            try:
                importlib.import_module(module)
            except Exception as exc:
                raise ExtensionError(f"cannot import {module!r}: {type(exc).__name__}: {exc}") from exc
    finally:
        if added and here in sys.path:
            sys.path.remove(here)


def run_command(run: Run, args: argparse.Namespace) -> int:
    """Load the extensions ``args`` asks for, then run the subcommand; return its exit status.

    Every failure of the run becomes exit status 2 with a one-line message on standard error, never
    a traceback.
    """
    try:
        load_extensions(getattr(args, "imports", None) or ())
        status = run(args)
        sys.stdout.flush()  # a full disk shows here, while it can still be reported
        return status
    except BrokenPipeError:
        # The reader stopped reading (`conflictkit | head`): exit as a process ended by SIGPIPE.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except ExtensionError as exc:
        return _fail(str(exc))
    except MemoryError:
        _silence_stdout()
        return _fail("out of memory; large datasets are read one record at a time from JSON Lines files")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc.filename, (str, bytes)):
            return _fail(f"cannot read {display_name(exc.filename)}: {reason}")
        _silence_stdout()  # an error without a file name is one of writing the output
        return _fail(f"cannot write the output: {reason}")
    except sqlite3.Error as exc:  # the integrity check's temporary database
        return _fail(f"the temporary index of records failed: {exc}")


def _fail(message: str) -> int:
    with contextlib.suppress(OSError, ValueError):
        print(f"conflictkit: {message}", file=sys.stderr)
    return EXIT_ERROR


def _silence_stdout() -> None:
    # Output that cannot be written must not be retried at exit (Python's final flush would print
    # a traceback-like warning): point standard output at the null device.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
