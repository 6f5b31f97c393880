"""Checking files of conflictkit data: what ``conflictkit validate`` reports.

A file is JSON (one Dataset document or one record) or JSON Lines (``.jsonl``, ``.ndjson``: one
Dataset document or record per line). Every problem is reported with its file, its line (JSON
Lines) and its JSON path; datasets are also checked for integrity (see
:meth:`conflictkit.Dataset.problems`).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from conflictkit.dataset import Dataset
from conflictkit.errors import Problem, ValidationError
from conflictkit.migrations import VERSION_KEY
from conflictkit.model import TAG_KEY, Model, class_for_tag
from conflictkit.records import Record
from conflictkit.serialization import from_dict, parse_json
from conflictkit.validation import shown

__all__ = [
    "JSON_LINES_SUFFIXES",
    "FileReport",
    "Finding",
    "Status",
    "check_bytes",
    "check_file",
    "check_value",
]

JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
"""File name suffixes read as JSON Lines; any other file is read as one JSON document."""


class Status(enum.IntEnum):
    """The outcome of checking a file, ordered by severity; its value is the exit status."""

    VALID = 0
    """Every document is valid."""
    INVALID = 1
    """The file is JSON, but some document in it is not valid conflictkit data."""
    UNREADABLE = 2
    """The file cannot be read, or (some of) it is not JSON."""


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

    >>> check_value({"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"})
    []
    >>> [str(p) for p in check_value({"schema_version": "1.0", "records": [
    ...     {"type": "statement", "id": "s1", "speaker": "nobody", "quote": "We will win."}]})]
    ["$.records[0].speaker: refers to 'nobody', which is not in the dataset"]
    """
    if not isinstance(value, dict) or not ({VERSION_KEY, TAG_KEY} & value.keys()):
        return [
            Problem(
                message=f"expected a Dataset document (an object with {VERSION_KEY!r}) or a record "
                f"(an object with a {TAG_KEY!r} tag), got {shown(value)}"
            )
        ]
    try:
        if VERSION_KEY in value:
            return list(from_dict(value, Dataset, keep_unknown=keep_unknown).problems())
        from_dict(value, _target_of(value[TAG_KEY]), keep_unknown=keep_unknown)
    except ValidationError as error:
        return list(error.problems)
    return []


def _target_of(tag: Any) -> type[Model]:
    # Records and tagged value types both stand alone on a line; an unknown or malformed tag is
    # reported by loading it as a record.
    target = class_for_tag(tag) if isinstance(tag, str) else None
    return Model if target is not None and not issubclass(target, Record) else Record


def _findings(name: str, line: int | None, problems: Iterable[Problem]) -> Iterator[Finding]:
    for problem in problems:
        yield Finding(file=name, line=line, path=problem.json_path, message=problem.message)


def check_bytes(
    data: bytes, *, name: str, json_lines: bool = False, keep_unknown: bool = False
) -> FileReport:
    """Check the contents of a file called ``name``, as JSON Lines if ``json_lines``.

    Blank lines of a JSON Lines file are skipped. ``keep_unknown`` is as for :func:`check_value`.
    """
    findings: list[Finding] = []
    status = Status.VALID
    documents = 0
    chunks: list[tuple[int | None, bytes]]
    if json_lines:
        chunks = [(number, line) for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    else:
        chunks = [(None, data)]
    for line, chunk in chunks:
        try:
            value = parse_json(chunk)
        except ValidationError as error:
            findings.extend(_findings(name, line, error.problems))
            status = Status.UNREADABLE
            continue
        documents += 1
        problems = check_value(value, keep_unknown=keep_unknown)
        findings.extend(_findings(name, line, problems))
        if problems:
            status = max(status, Status.INVALID)
    return FileReport(file=name, status=status, documents=documents, findings=tuple(findings))


def check_file(path: str | os.PathLike[str], *, keep_unknown: bool = False) -> FileReport:
    """Read and check one file; JSON Lines if its name ends in ``.jsonl`` or ``.ndjson``.

    ``keep_unknown`` is as for :func:`check_value`.
    """
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        finding = Finding(file=name, line=None, path="$", message=f"cannot read the file: {reason}")
        return FileReport(file=name, status=Status.UNREADABLE, documents=0, findings=(finding,))
    json_lines = Path(name).suffix.lower() in JSON_LINES_SUFFIXES
    return check_bytes(data, name=name, json_lines=json_lines, keep_unknown=keep_unknown)
