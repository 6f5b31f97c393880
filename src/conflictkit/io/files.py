r"""Reading conflictkit data from files: the loader behind :func:`~conflictkit.load_dataset` and the commands.

Every reader accepts the same inputs:

- a JSON file holding one Dataset document (an object with ``"schema_version"``) or one record
  (an object with a ``"type"`` tag);
- a JSON Lines file (``.jsonl``, ``.ndjson``) holding one Dataset document or one record per line,
  read one line at a time, so that its size does not matter. Lines that hold only spaces, tabs
  and line breaks (JSON's whitespace) are skipped; any other line must be one JSON document;
- ``-`` on the command line, or an open binary file: standard input is JSON Lines when its first
  non-blank line is a JSON document on its own, and one JSON document otherwise.

The records of a Dataset document form one dataset; the records standing on their own in a file
form another. Each is checked for integrity (see :class:`~conflictkit.dataset.integrity.IntegrityCheck`)
together with the structure of its records, so that every problem is reported at once: a record
that fails to load still counts as present for the references of the others.

>>> import io
>>> lines = io.BytesIO(
...     b'{"type": "actor", "id": "actor:taliban", "name": "Taliban", "kind": "armed_group"}\n'
...     b'{"type": "statement", "id": "s1", "speaker": "actor:taliban", "quote": "We hold it."}\n'
... )
>>> dataset = load_dataset(lines)
>>> [record.id for record in dataset]
['actor:taliban', 's1']
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from conflictkit.core import verbatim
from conflictkit.core.collector import collector_paused
from conflictkit.core.errors import PathSegment, Problem, ValidationError
from conflictkit.core.model import TAG_KEY, Model, class_for_tag
from conflictkit.core.validation import shown
from conflictkit.dataset.dataset import Dataset
from conflictkit.dataset.integrity import IntegrityCheck
from conflictkit.io import fast_path
from conflictkit.io.converter import from_dict, from_json, parse_json, to_json
from conflictkit.io.migrations import VERSION_KEY, migrate
from conflictkit.records.record import Record

__all__ = [
    "JSON_LINES_SUFFIXES",
    "STDIN",
    "End",
    "Entry",
    "Group",
    "Source",
    "Start",
    "display_name",
    "entries_of",
    "is_json_lines",
    "load_dataset",
    "read_entries",
    "read_json",
]

JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
"""File name suffixes read as JSON Lines; any other file is read as one JSON document."""

STDIN = "-"
"""The file name that stands for standard input on the command line."""

Source = str | os.PathLike[str] | IO[bytes]
"""A path, or an open binary file such as ``sys.stdin.buffer``."""

_JSON_WHITESPACE = b" \t\r\n"


def display_name(source: object) -> str:
    r"""A file's name as it can be printed: bytes that are not UTF-8 are shown as ``\xNN`` escapes.

    A name holding a line break or another character that does not print is shown quoted, with
    that character escaped, so that it cannot pass for a line of a report.

    >>> display_name("caf\udce9.json")
    'caf\\xe9.json'
    >>> print(display_name("a.json\nb.json: valid"))
    'a.json\nb.json: valid'
    """
    if isinstance(source, (str, bytes, os.PathLike)):
        return _quoted(os.fsencode(source).decode("utf-8", "backslashreplace"))
    name = getattr(source, "name", None)
    return _quoted(name) if isinstance(name, str) else STDIN


def _quoted(name: str) -> str:
    # A line break or other control character in a file name would let it forge report lines.
    return name if name.isprintable() else repr(name)


def is_json_lines(path: str | os.PathLike[str]) -> bool:
    """Whether a file is read as JSON Lines, judging by its name (``.jsonl``, ``.ndjson``)."""
    return Path(path).suffix.lower() in JSON_LINES_SUFFIXES


# --- JSON documents --------------------------------------------------------------------------------


def read_json(source: Source, *, json_lines: bool | None = None) -> Iterator[tuple[int | None, Any]]:
    """Yield ``(line, value)`` for each JSON document of a file (a ValidationError if it is not JSON).

    ``line`` is the line of a JSON Lines file (from 1) and ``None`` for a JSON file. ``json_lines``
    forces the format; by default it follows the file name, and standard input (or an open file) is
    recognised by its first line. A file that cannot be read raises :class:`OSError`.
    """
    return _read_json(source, json_lines=json_lines, keep_numbers=False)


def _read_json(
    source: Source, *, json_lines: bool | None, keep_numbers: bool, compiled: bool = False
) -> Iterator[tuple[int | None, Any]]:
    # With keep_numbers, a document whose floats are spelled unusually (1E2) comes as a _Spelled.
    # With ``compiled``, a line of JSON Lines or a Dataset document that the compiled path loads
    # is yielded as what it loaded, wrapped in _Decoded; everything else as its parsed JSON.
    parsed = _parsed_keeping_numbers if keep_numbers else _parsed
    with _opened(source) as file:
        wide = _wide_encoding(file)
        if wide is not None:
            message = (
                f"invalid JSON: the text is {wide.upper()}, not UTF-8; conflictkit reads UTF-8 only "
                f"(convert it first, e.g. with iconv -f {wide.upper()} -t UTF-8)"
            )
            yield None, ValidationError.at(message)
            return
        if json_lines is None and isinstance(source, (str, os.PathLike)) and os.fspath(source) != STDIN:
            json_lines = is_json_lines(source)
        if json_lines is None:
            yield from _sniffed(file, parsed, compiled)
        elif json_lines:
            yield from _lines(file, enumerate(file, start=1), parsed, compiled)
        else:
            yield None, _parsed_document(file, parsed, compiled)


@contextlib.contextmanager
def _opened(source: Source) -> Iterator[IO[bytes]]:
    if isinstance(source, (str, os.PathLike)):
        if os.fspath(source) == STDIN:
            yield sys.stdin.buffer
            return
        with open(source, "rb") as file:
            yield file
    else:
        yield source


def _wide_encoding(file: IO[bytes]) -> str | None:
    """``utf-16``/``utf-32`` (with their byte orders) if the file starts so, judged by its first bytes."""
    peek = getattr(file, "peek", None)
    if peek is None:
        return None
    try:
        head = peek(4)[:4]
    except (OSError, ValueError):
        return None
    if len(head) < 2:
        return None
    encoding = json.detect_encoding(head)
    return encoding if encoding.startswith(("utf-16", "utf-32")) else None


def _parsed(data: bytes | str) -> Any:
    try:
        return parse_json(data)
    except ValidationError as error:
        return error


class _Spelled:
    """A parsed document and the spellings of its floats, for the unknown records built from it."""

    __slots__ = ("spellings", "value")

    def __init__(self, value: Any, spellings: verbatim.Spellings) -> None:
        self.value = value
        self.spellings = spellings


def _parsed_keeping_numbers(data: bytes | str) -> Any:
    spellings = verbatim.Spellings()
    try:
        value = parse_json(data, parse_float=spellings.parse_float)
    except ValidationError as error:
        return error
    return _Spelled(value, spellings) if spellings.table else value


def _parsed_document(
    file: IO[bytes], parsed: Callable[[bytes | str], Any] = _parsed, compiled: bool = False
) -> Any:
    # A large document is held three times over at the peak if its bytes, its text and its parsed
    # values are alive together: decode first and let the bytes go before parsing.
    data = file.read()
    if compiled:
        with collector_paused():
            dataset = fast_path.decode(data, Dataset)  # None when it declines
        if dataset is not None:
            return _Decoded(dataset)
    try:
        text = data.decode(json.detect_encoding(data), "surrogatepass")
    except UnicodeDecodeError:
        return parsed(data)  # parse_json words the error
    del data
    return parsed(text)


def _is_blank(line: bytes) -> bool:
    # Only JSON's own whitespace makes a line blank: bytes.strip() would also remove \x0b and \x0c,
    # which JSON does not allow outside strings.
    return not line.strip(_JSON_WHITESPACE)


@attrs.frozen
class _Decoded:
    """What the compiled path loaded: a record on a line of JSON Lines, or a whole Dataset document."""

    record: Record | Dataset


def _lines(
    file: IO[bytes],
    numbered: Iterator[tuple[int, bytes]],
    parsed: Callable[[bytes | str], Any] = _parsed,
    compiled: bool = False,
) -> Iterator[tuple[int | None, Any]]:
    for number, line in numbered:
        if not _is_blank(line):
            if compiled:
                with collector_paused():
                    record = fast_path.decode(line, Record)  # None when it declines
                if record is not None:
                    yield number, _Decoded(record)
                    continue
            value = parsed(line)
            yield number, (_on_line(value, number) if isinstance(value, ValidationError) else value)


def _sniffed(
    file: IO[bytes], parsed: Callable[[bytes | str], Any] = _parsed, compiled: bool = False
) -> Iterator[tuple[int | None, Any]]:
    numbered = enumerate(file, start=1)
    skipped: list[bytes] = []
    for number, line in numbered:
        if _is_blank(line):
            skipped.append(line)
            continue
        value = parsed(line)
        if not isinstance(value, ValidationError):  # a whole document on one line: JSON Lines
            rest = _lines(file, numbered, parsed, compiled)
            following = next(rest, None)
            # A single line is a JSON document as well, and reported as one (without line numbers).
            yield (None, value) if following is None else (number, value)
            if following is not None:
                yield following
                yield from rest
            return
        # Not a document on its own: the input is one JSON document over several lines.
        yield None, parsed(b"".join([*skipped, line, file.read()]))
        return


def _on_line(error: ValidationError, line: int) -> ValidationError:
    return ValidationError(problem.on_line(line) for problem in error.problems)


# --- records and datasets --------------------------------------------------------------------------


def _decode_record(text: str) -> Record:
    return from_json(text, Record, keep_unknown=True)


def json_integrity_check() -> IntegrityCheck:
    """A streamed :class:`~conflictkit.dataset.integrity.IntegrityCheck` that keeps records as JSON."""
    return IntegrityCheck(encode=to_json, decode=_decode_record)


@attrs.define(eq=False)
class Group:
    """The records of one Dataset document, or the records standing on their own in a file.

    Each group is checked for integrity on its own, by its :attr:`check`.
    """

    line: int | None
    """The line of the Dataset document in a JSON Lines file; ``None`` otherwise."""

    title: str | None
    """The Dataset document's title."""

    is_document: bool
    """Whether the group is a Dataset document (rather than a file's records)."""

    check: IntegrityCheck = attrs.field(factory=lambda: json_integrity_check(), repr=False)
    """The integrity check of the group's records (closed once the group has been read)."""


def _group(line: int | None, title: str | None, is_document: bool, keep_records: bool) -> Group:
    check = json_integrity_check() if keep_records else IntegrityCheck()
    return Group(line=line, title=title, is_document=is_document, check=check)


@attrs.frozen(kw_only=True)
class Start:
    """A group begins; ``problems`` are those of the Dataset document itself (not its records)."""

    group: Group
    """The group."""

    problems: tuple[Problem, ...] = ()
    """Problems of the document's own keys (version, title, unknown keys), located."""


@attrs.frozen(kw_only=True)
class Entry:
    """One record read (or not: then ``value`` is ``None`` and ``problems`` say why)."""

    group: Group
    """The group the record belongs to."""

    line: int | None
    """Its line in a JSON Lines file."""

    path: tuple[PathSegment, ...]
    """Its path within its document: ``("records", 3)`` in a Dataset document, ``()`` on its own."""

    value: Model | None
    """The record (or a tagged value type standing alone) that loaded, or ``None``."""

    problems: tuple[Problem, ...] = ()
    """Why it did not load, each problem located by line and path."""

    parsed: bool = True
    """Whether it was JSON (a document that is not JSON is not counted as one)."""


@attrs.frozen(kw_only=True)
class End:
    """A group has been read: its :class:`~conflictkit.dataset.integrity.IntegrityCheck` has the problems."""

    group: Group
    """The group."""


Event = Start | Entry | End
"""What :func:`read_entries` yields."""


def read_entries(
    source: Source, *, keep_unknown: bool = False, json_lines: bool | None = None, keep_records: bool = True
) -> Iterator[Event]:
    """Read a file record by record: each group's :class:`Start`, its :class:`Entry` items, its :class:`End`.

    Every record that loads is added to its group's integrity check, and every one that does not
    is noted there by its id, so the check at :class:`End` reports the problems
    :meth:`~conflictkit.Dataset.problems` would find among the records that loaded. The check is
    closed when the caller asks for the event after :class:`End`. ``keep_unknown`` loads records
    of unknown types as :class:`~conflictkit.OpaqueRecord`. Without ``keep_records``, the checks
    keep no records to give back (see :meth:`~conflictkit.dataset.integrity.IntegrityCheck.records`),
    which is faster. A file that cannot be read raises :class:`OSError`.
    """
    # Lines that hold a record are loaded by the compiled path where it can (the ``fast`` extra);
    # records of unknown types, with keep_unknown, are the default path's (numbers as written).
    documents = _read_json(
        source, json_lines=json_lines, keep_numbers=keep_unknown, compiled=not keep_unknown
    )
    return entries_of(documents, keep_unknown=keep_unknown, keep_records=keep_records)


def entries_of(
    documents: Iterable[tuple[int | None, Any]], *, keep_unknown: bool = False, keep_records: bool = True
) -> Iterator[Event]:
    """The events of :func:`read_entries` for parsed JSON documents given as ``(line, value)`` pairs."""
    loose: Group | None = None
    try:
        for line, document in documents:
            if isinstance(document, _Decoded) and isinstance(document.record, Dataset):
                yield from _decoded_dataset_events(document.record, line, keep_records)
                continue
            value, spellings = (
                (document.value, document.spellings) if isinstance(document, _Spelled) else (document, None)
            )
            if isinstance(value, dict) and VERSION_KEY in value:
                yield from _dataset_events(value, line, keep_unknown, spellings, keep_records)
                continue
            if loose is None:
                loose = _group(None, None, False, keep_records)
                yield Start(group=loose)
            yield _record_entry(value, loose, line, (), keep_unknown, spellings)
        if loose is not None:
            yield End(group=loose)
    finally:
        if loose is not None:
            loose.check.close()


def _dataset_events(
    document: dict[str, Any],
    line: int | None,
    keep_unknown: bool,
    spellings: verbatim.Spellings | None = None,
    keep_records: bool = True,
) -> Iterator[Event]:
    title = document.get("title")
    group = _group(line, title if isinstance(title, str) else None, True, keep_records)
    try:
        try:
            document = migrate(document)
        except ValidationError as error:  # a version this release cannot read: its records neither
            yield Start(group=group, problems=_located(error.problems, line))
            yield End(group=group)
            return
        envelope = {key: value for key, value in document.items() if key != "records"}
        records = document.get("records", [])
        problems: list[Problem] = []
        try:
            from_dict(envelope, Dataset, keep_unknown=keep_unknown)
        except ValidationError as error:
            problems.extend(error.problems)
        if not isinstance(records, list):
            problems.append(
                Problem(path=("records",), message=f"expected a list, got {type(records).__name__}")
            )
            records = []
        yield Start(group=group, problems=_located(problems, line))
        for index, item in enumerate(records):
            records[index] = None  # the parsed JSON of a record is let go as soon as it is loaded
            yield _record_entry(item, group, line, ("records", index), keep_unknown, spellings)
        yield End(group=group)
    finally:
        group.check.close()


def _decoded_dataset_events(dataset: Dataset, line: int | None, keep_records: bool) -> Iterator[Event]:
    # A Dataset document the compiled path loaded: its envelope and every record are valid.
    group = _group(line, dataset.title, True, keep_records)
    try:
        yield Start(group=group)
        for index, record in enumerate(dataset.records):
            yield _record_entry(_Decoded(record), group, line, ("records", index), False)
        yield End(group=group)
    finally:
        group.check.close()


def _record_entry(
    value: Any,
    group: Group,
    line: int | None,
    path: tuple[PathSegment, ...],
    keep_unknown: bool,
    spellings: verbatim.Spellings | None = None,
) -> Entry:
    if isinstance(value, ValidationError):
        return Entry(group=group, line=line, path=path, value=None, problems=value.problems, parsed=False)
    if isinstance(value, _Decoded) and isinstance(value.record, Record):
        group.check.add(value.record, path=path, line=line)
        return Entry(group=group, line=line, path=path, value=value.record)
    try:
        with spellings.active() if spellings is not None else contextlib.nullcontext():
            loaded = _load_record(value, inside_dataset=bool(path), keep_unknown=keep_unknown)
    except ValidationError as error:
        group.check.add_unloaded(value.get("id") if isinstance(value, dict) else None, path=path, line=line)
        problems = _located((problem.under(*path) for problem in error.problems), line)
        return Entry(group=group, line=line, path=path, value=None, problems=problems)
    if isinstance(loaded, Record):
        group.check.add(loaded, path=path, line=line)
    return Entry(group=group, line=line, path=path, value=loaded)


def _load_record(value: Any, *, inside_dataset: bool, keep_unknown: bool) -> Model:
    if inside_dataset:
        return from_dict(value, Record, keep_unknown=keep_unknown)
    if not isinstance(value, dict) or TAG_KEY not in value:
        raise ValidationError.at(
            f"expected a Dataset document (an object with {VERSION_KEY!r}) or a record "
            f"(an object with a {TAG_KEY!r} tag), got {shown(value)}"
        )
    # A tagged value type may stand on its own too; an unknown or malformed tag is reported by
    # loading the value as a record.
    tag = value[TAG_KEY]
    target = class_for_tag(tag) if isinstance(tag, str) else None
    cls: type[Model] = Model if target is not None and not issubclass(target, Record) else Record
    return from_dict(value, cls, keep_unknown=keep_unknown)


def _located(problems: Any, line: int | None) -> tuple[Problem, ...]:
    return tuple(problems) if line is None else tuple(problem.on_line(line) for problem in problems)


# --- one dataset, checked ---------------------------------------------------------------------------


def load_dataset(source: Source, *, keep_unknown: bool = False, json_lines: bool | None = None) -> Dataset:
    r"""Load a file as one :class:`~conflictkit.Dataset` and check its integrity, in one call.

    ``source`` is a path or an open binary file holding a Dataset document, one record, or JSON
    Lines of records (see the module's description). The structure of every record and the
    integrity of the whole (duplicate ids, references, quotes) are checked together: every problem
    found is raised at once in one :class:`~conflictkit.ValidationError`, each with its line (JSON
    Lines) and JSON path. ``keep_unknown`` is as for :func:`~conflictkit.from_json`.

    >>> import io
    >>> text = (
    ...     b'{"schema_version": "1.0", "records": ['
    ...     b'{"type": "actor", "id": "a1", "name": "", "kind": "armed_group"},'
    ...     b'{"type": "statement", "id": "s1", "speaker": "ghost", "quote": "No."}]}'
    ... )
    >>> load_dataset(io.BytesIO(text))
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 2 problems:
      $.records[0].name: must not be empty or blank
      $.records[1].speaker: refers to 'ghost', which is not in the dataset
    """
    records: list[Record] = []
    problems: list[Problem] = []
    groups: list[Group] = []
    for event in read_entries(source, keep_unknown=keep_unknown, json_lines=json_lines, keep_records=False):
        if isinstance(event, Start):
            groups.append(event.group)
            problems.extend(event.problems)
            if len(groups) == 2:
                problems.append(_second_dataset(event.group))
        elif isinstance(event, Entry):
            problems.extend(event.problems)
            if isinstance(event.value, Record):
                records.append(event.value)
            elif event.value is not None:
                message = f"is a {type(event.value).__name__}, not a record: a dataset holds records"
                problems.append(Problem(message=message, line=event.line))
        elif len(groups) == 1:
            problems.extend(event.group.check.problems())
    title = groups[0].title if groups else None
    dataset = Dataset(records=records, title=title)
    if problems:
        raise ValidationError(problems)
    return dataset


def _second_dataset(group: Group) -> Problem:
    where = "a second Dataset document" if group.is_document else "records outside the Dataset document"
    return Problem(message=f"holds {where}: load one dataset per file", line=group.line)
