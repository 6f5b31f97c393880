"""Checking files of conflictkit data: what ``conflictkit validate`` reports.

A file is JSON (one Dataset document or one record) or JSON Lines (``.jsonl``, ``.ndjson``: one
Dataset document or record per line), read by :mod:`conflictkit.io.files`. Every problem is reported
with its file, its line (JSON Lines) and its JSON path; datasets, and the records of a file taken
together, are also checked for integrity (see :meth:`conflictkit.Dataset.problems`).
"""

from __future__ import annotations

import argparse
import enum
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from conflictkit.core.errors import Problem
from conflictkit.io.files import (
    JSON_LINES_SUFFIXES,
    End,
    Entry,
    Event,
    Source,
    Start,
    display_name,
    entries_of,
    read_entries,
)

__all__ = [
    "JSON_LINES_SUFFIXES",
    "FileReport",
    "Finding",
    "Status",
    "check_bytes",
    "check_events",
    "check_file",
    "check_value",
    "add_parser",
]


class Status(enum.IntEnum):
    """The outcome of checking a file, ordered by severity; its value is the exit status."""

    VALID = 0
    """Every document is valid."""
    INVALID = 1
    """Some document in the file is not valid conflictkit data (or not JSON at all)."""
    UNREADABLE = 2
    """The file cannot be read."""


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found in a file."""

    file: str
    """The file, as it was named."""

    line: int | None
    """The line (from 1) of the document in a JSON Lines file; ``None`` for a JSON file."""

    path: str
    """The JSON path of the value at fault within its document, e.g. ``$.records[3].size.low``."""

    message: str
    """What is wrong."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON values."""
        return {"file": self.file, "line": self.line, "path": self.path, "message": self.message}


@attrs.frozen(kw_only=True)
class FileReport:
    """Everything found in one file."""

    file: str
    """The file, as it was named."""

    status: Status
    """Whether it is valid, invalid, or unreadable."""

    documents: int
    """How many documents (datasets or records) it holds that were read as JSON."""

    findings: tuple[Finding, ...]
    """The problems, in file order."""

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON values."""
        return {
            "file": self.file,
            "status": self.status.name.lower(),
            "documents": self.documents,
            "problems": [finding.to_dict() for finding in self.findings],
        }


def check_value(value: Any, *, keep_unknown: bool = False) -> list[Problem]:
    """The problems of a parsed JSON value as a Dataset document or a record, integrity included.

    A value with a ``schema_version`` is a Dataset document; one with a ``type`` tag is a record
    (or a tagged value type). A record whose type tag no class claims is a problem, unless
    ``keep_unknown`` is true: then only its id is checked (see :class:`~conflictkit.OpaqueRecord`).
    A record on its own is checked as a dataset of one record, so its references must resolve.

    >>> check_value({"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"})
    []
    >>> [str(p) for p in check_value({"schema_version": "1.0", "records": [
    ...     {"type": "statement", "id": "s1", "speaker": "nobody", "quote": "We will win."}]})]
    ["$.records[0].speaker: refers to 'nobody', which is not in the dataset"]
    """
    return [
        problem
        for event in entries_of([(None, value)], keep_unknown=keep_unknown, keep_records=False)
        for problem in _event_problems(event)
    ]


def _event_problems(event: Event) -> Iterator[Problem]:
    if isinstance(event, End):
        yield from event.group.check.problems()
    else:
        yield from event.problems


def _findings(name: str, problems: Iterable[Problem]) -> Iterator[Finding]:
    for problem in problems:
        yield Finding(file=name, line=problem.line, path=problem.json_path, message=problem.message)


def check_events(events: Iterable[Event], *, name: str) -> Iterator[Finding | FileReport]:
    """Yield the findings of :func:`conflictkit.io.files.read_entries`'s events as they come, then a report.

    The last item is the file's :class:`FileReport`, without the findings (yielded already). An
    :class:`OSError` while reading ends the file as unreadable.
    """
    status = Status.VALID
    documents = 0
    try:
        for event in events:
            starts_document = isinstance(event, Start) and event.group.is_document
            if starts_document or (isinstance(event, Entry) and event.parsed and not event.group.is_document):
                documents += 1
            for finding in _findings(name, _event_problems(event)):
                status = max(status, Status.INVALID)
                yield finding
    except OSError as exc:
        status = Status.UNREADABLE
        yield Finding(file=name, line=None, path="$", message=f"cannot read the file: {_reason(exc)}")
    yield FileReport(file=name, status=status, documents=documents, findings=())


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _report(name: str, results: Iterable[Finding | FileReport]) -> FileReport:
    findings: list[Finding] = []
    for result in results:
        if isinstance(result, FileReport):
            return attrs.evolve(result, findings=tuple(findings))
        findings.append(result)
    raise AssertionError("check_events always ends with a report")  # pragma: no cover


def check_bytes(
    data: bytes, *, name: str, json_lines: bool = False, keep_unknown: bool = False
) -> FileReport:
    """Check the contents of a file called ``name``, as JSON Lines if ``json_lines``.

    Blank lines of a JSON Lines file are skipped. ``keep_unknown`` is as for :func:`check_value`.
    """
    events = read_entries(
        io.BytesIO(data), keep_unknown=keep_unknown, json_lines=json_lines, keep_records=False
    )
    return _report(name, check_events(events, name=name))


def check_file(path: Source, *, keep_unknown: bool = False) -> FileReport:
    """Read and check one file (``"-"``: standard input), JSON Lines read one line at a time.

    Which files are JSON Lines, and what they may hold, is described in :mod:`conflictkit.io.files`.
    ``keep_unknown`` is as for :func:`check_value`. Memory does not grow with the number of lines,
    except for the findings kept in the report; :func:`check_events` hands them over one by one.
    """
    name = display_name(path)
    return _report(name, check_events(_entries(path, keep_unknown), name=name))


# --- the subcommand ---------------------------------------------------------------------------------


def add_parser(subparsers: Any) -> None:
    """Add the ``validate`` subcommand to ``subparsers``."""
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
    return check_events(_entries(path, keep_unknown), name=name)


def _entries(path: Source, keep_unknown: bool) -> Iterator[Event]:
    # Checking needs no records back from the integrity check (describe's summary does).
    return read_entries(path, keep_unknown=keep_unknown, keep_records=False)


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
