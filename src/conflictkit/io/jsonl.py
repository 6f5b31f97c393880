"""Records from JSON Lines files (one JSON document per line), read one line at a time.

A JSON Lines file of a million records loads in constant memory: lines are read, checked and handed
over a batch at a time, and nothing is kept once the caller has moved on. Every problem names the
line it is on, e.g. ``line 12: $.size.low: must be <= best (5), got 10``.

Two ways to read, for two kinds of callers:

- :func:`iter_jsonl` yields the records. With ``errors="raise"`` (the default) the first bad line
  stops the iteration with a :class:`~conflictkit.ValidationError`; with ``errors="collect"`` every
  good record is yielded and one :class:`~conflictkit.ValidationError` listing the problems of every
  bad line is raised at the end, so that nothing bad passes unnoticed.
- :func:`iter_jsonl_results` never raises for a bad line: it yields ``(line number, record or
  error)`` pairs, for callers who route bad lines somewhere (a log, a quarantine file) and go on.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, TypeVar, cast

from conflictkit.core.collector import collector_paused
from conflictkit.core.errors import ValidationError
from conflictkit.core.model import Model
from conflictkit.io.converter import _from_json_text, from_json

__all__ = ["iter_jsonl", "iter_jsonl_results"]

T = TypeVar("T", bound=Model)

Source = str | os.PathLike[str] | Iterable[str] | Iterable[bytes]
"""A path to a JSON Lines file, or its lines: an open file (binary or text), a list of lines, ..."""

BATCH_SIZE = 1000
"""Lines decoded together, with the garbage collector paused, before their records are handed over."""


def iter_jsonl(
    source: Source, cls: type[T], *, errors: Literal["raise", "collect"] = "raise", keep_unknown: bool = False
) -> Iterator[T]:
    """Yield the records of a JSON Lines file, each loaded strictly as ``cls``.

    ``source`` is a path (the file is opened and closed here) or anything that yields lines, such as
    a file opened in binary or text mode. Blank lines (only spaces, tabs and line breaks) are
    skipped; every other line must be one JSON document that loads as ``cls`` (a record class such
    as :class:`~conflictkit.Record` accepts any record type by its type tag).

    ``errors="raise"`` stops at the first bad line; ``errors="collect"`` yields every good record and
    then raises one :class:`~conflictkit.ValidationError` with the problems of all bad lines. Each
    :class:`~conflictkit.Problem` carries its ``line``. ``keep_unknown`` is as for
    :func:`~conflictkit.from_dict`: a record whose type tag no class claims loads as an
    :class:`~conflictkit.OpaqueRecord` instead of being an error.

    >>> from conflictkit import Record
    >>> lines = [
    ...     '{"type": "actor", "id": "actor:taliban", "name": "Taliban", "kind": "armed_group"}',
    ...     '{"type": "actor", "id": "actor:x", "name": " ", "kind": "armed_group"}',
    ...     '{"type": "actor", "id": "actor:rahmon", "name": "Emomali Rahmon", "kind": "person"}',
    ... ]
    >>> [actor.id for actor in iter_jsonl(lines[::2], Record)]
    ['actor:taliban', 'actor:rahmon']
    >>> [actor.id for actor in iter_jsonl(lines, Record, errors="collect")]
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      line 2: $.name: must not be empty or blank
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', got {errors!r}")
    _check_class(cls)
    collected: list[ValidationError] = []
    for _, results, failed in _batches(source, cls, keep_unknown):
        if not failed:
            yield from cast("list[T]", results)  # the common case, handed over without a step per record
            continue
        for result in results:
            if not isinstance(result, ValidationError):
                yield result
            elif errors == "raise":
                raise result
            else:
                collected.append(result)
    if collected:
        raise ValidationError(problem for error in collected for problem in error.problems)


def iter_jsonl_results(
    source: Source, cls: type[T], *, keep_unknown: bool = False
) -> Iterator[tuple[int, T | ValidationError]]:
    """Yield ``(line number, record)`` for each good line and ``(line number, error)`` for each bad one.

    Line numbers count from 1 and include blank lines, which are skipped. ``keep_unknown`` is as
    for :func:`iter_jsonl`. It never raises for a bad line, so a caller can deal with each one and
    carry on:

    >>> from conflictkit import Actor
    >>> lines = ['{"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}', "{oops"]
    >>> for number, result in iter_jsonl_results(lines, Actor):
    ...     print(number, result.name if isinstance(result, Actor) else result.problems[0].message)
    1 Taliban
    2 invalid JSON at line 1 column 2: Expecting property name enclosed in double quotes
    """
    _check_class(cls)
    for numbers, results, _ in _batches(source, cls, keep_unknown):
        yield from zip(numbers, results, strict=True)


def _check_class(cls: object) -> None:
    if not (isinstance(cls, type) and issubclass(cls, Model)):
        raise TypeError(f"cls must be a conflictkit type, got {cls!r}")


def _batches(
    source: Source, cls: type[T], keep_unknown: bool
) -> Iterator[tuple[Sequence[int], list[T | ValidationError], bool]]:
    """Each batch of the file's lines, loaded: their line numbers, results, and whether one failed."""
    with _lines_of(source) as lines:
        remaining = iter(lines)
        first = 1
        while chunk := list(itertools.islice(remaining, BATCH_SIZE)):
            numbers: Sequence[int] = range(first, first + len(chunk))
            first += len(chunk)
            # A blank line is rare: look for one in C, and only then sort the lines one by one.
            if not all(chunk) or any(map(_ISSPACE, chunk)):
                pairs = zip(numbers, chunk, strict=True)
                kept = [(number, line) for number, line in pairs if not _is_blank(line)]
                numbers, chunk = [number for number, _ in kept], [line for _, line in kept]
            yield (numbers, *_load_batch(numbers, chunk, cls, keep_unknown))


_ISSPACE = operator.methodcaller("isspace")  # true for a line of JSON's whitespace (and a few more)


def _is_blank(line: str | bytes) -> bool:
    # Only JSON's whitespace makes a line blank: a bare strip() would also remove \x0b, \x0c and
    # other characters JSON does not allow outside strings, and skip a line that must be reported.
    return not (line.strip(" \t\r\n") if isinstance(line, str) else line.strip(b" \t\r\n"))


@contextlib.contextmanager
def _lines_of(source: object) -> Iterator[Iterable[str | bytes]]:
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            yield file
    elif isinstance(source, (bytes, bytearray)) or not isinstance(source, Iterable):
        raise TypeError(f"expected a path or the lines of a file, got {type(source).__name__}")
    else:
        yield source


def _load_batch(
    numbers: Sequence[int], lines: list[str | bytes], cls: type[T], keep_unknown: bool
) -> tuple[list[T | ValidationError], bool]:
    # The whole batch is loaded with the collector paused, and only handed over afterwards: the
    # caller's own code then runs with the collector on, as it expects.
    loaded: list[T | ValidationError] = []
    failed = False
    with collector_paused():
        for number, line in zip(numbers, lines, strict=True):
            try:
                if keep_unknown:  # parsed and built together, so unknown records keep numbers as written
                    loaded.append(from_json(line, cls, keep_unknown=True))
                else:  # the compiled path when the `fast` extra is installed, as from_json
                    loaded.append(_from_json_text(line, cls))
            except ValidationError as error:
                loaded.append(type(error)(problem.on_line(number) for problem in error.problems))
                failed = True
    return loaded, failed
