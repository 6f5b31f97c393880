"""Rows of the formats' tables: reading CSV files, checking their cells, writing them back.

ACLED and UCDP GED publish CSV files in which every cell is text. A row is read as a mapping of
column name to string; :class:`Cells` parses the cells a converter needs and collects *every*
problem of the row (``fatalities="three"`` and ``latitude="north"`` together), each naming its row
and column, before anything is built from them. Nothing is coerced silently: ``"3.0"`` is not a
whole number, ``" 3"`` is not ``"3"``, and an empty cell is "not given", never zero.
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import IO, Any, Literal, TypeVar

import attrs

from conflictkit.core.errors import CellProblem, TabularError
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.io.spreadsheet import neutralise, restore

__all__ = [
    "Cells",
    "KeptColumn",
    "RowHandler",
    "UnreadRow",
    "check_columns",
    "collect_rows",
    "iter_csv",
    "plain_integer",
    "plain_number",
    "records_of_rows",
    "write_csv",
]

T = TypeVar("T")

RowHandler = Callable[[TabularError], object]
"""Called with the error of each bad row in lenient mode (e.g. ``list.append``); the row is skipped."""

_DIGITS = 18  # int64 holds every number of 18 digits; Python refuses to read 4,300 and more


@attrs.frozen(kw_only=True)
class KeptColumn(Model):
    """A cell of a column a crosswalk does not model, kept as written so that export writes it back.

    >>> from conflictkit.crosswalk.rows import KeptColumn
    >>> KeptColumn(column="gwno", value="700")
    KeptColumn(column='gwno', value='700')
    """

    column: str = attrs.field(metadata=rules(non_empty))
    """The column's name, in lower case."""

    value: str
    """The cell as written ("" for an empty one)."""


_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_columns(
    row: Mapping[str, Any], number: int, *, known: frozenset[str], required: Sequence[str], format_name: str
) -> list[CellProblem]:
    """The problems of a row's columns: required ones missing, unknown ones present."""
    problems = [
        CellProblem(row=number, column=column, message="is missing (a required column)")
        for column in required
        if column not in row
    ]
    problems += [
        CellProblem(row=number, column=str(column), message=f"is not a column of {format_name}")
        for column in row
        if column not in known
    ]
    return problems


class Cells:
    """The cells of one row, parsed strictly; every problem found is kept until :meth:`check`.

    >>> from conflictkit.crosswalk.rows import *
    >>> cells = Cells({"fatalities": "three", "latitude": "north", "country": "Tajikistan"}, row=7)
    >>> cells.integer("fatalities", low=0), cells.number("latitude", low=-90, high=90)
    (None, None)
    >>> cells.text("country")
    'Tajikistan'
    >>> cells.check()
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.TabularError: 2 problems:
      row 7, column 'fatalities': expected a whole number, got 'three'
      row 7, column 'latitude': expected a number, got 'north'
    """

    __slots__ = ("problems", "row", "values")

    def __init__(self, values: Mapping[str, Any], *, row: int) -> None:
        self.values = values
        """The row as read: column name to cell text."""
        self.row = row
        """The row's number, counting data rows from 1."""
        self.problems: list[CellProblem] = []
        """The problems found so far."""

    def problem(self, column: str | None, message: str) -> None:
        """Record a problem of ``column`` (or of the whole row, for ``None``)."""
        self.problems.append(CellProblem(row=self.row, column=column, message=message))

    def problems_in(self, column: str) -> bool:
        """Whether a problem of ``column`` was found."""
        return any(problem.column == column for problem in self.problems)

    def check(self) -> None:
        """Raise a :class:`~conflictkit.TabularError` with every problem found, if there is one."""
        if self.problems:
            raise TabularError(self.problems)

    def found(self, value: T | None) -> T:
        """A value a passed :meth:`check` guarantees, typed as present.

        Not an ``assert``: a row is refused the same way under ``python -O``.
        """
        if value is None:
            raise TabularError([CellProblem(row=self.row, message="cannot be read")])
        return value

    def raw(self, column: str) -> str:
        """The cell's text as it is ("" when the column is absent); a cell that is not text is a problem."""
        value = self.values.get(column, "")
        if isinstance(value, str):
            return value
        self.problem(column, f"expected text (a cell of a table), got {type(value).__name__} {shown(value)}")
        return ""

    def text(self, column: str, *, required: bool = False) -> str | None:
        """The cell's text, or ``None`` when it is empty (a problem when ``required``)."""
        value = self.raw(column)
        if value:
            return value
        if required and column in self.values:
            self.problem(column, "must not be empty")
        elif required and not self.problems_in(column):  # a missing column is reported once
            self.problem(column, "is missing (a required column)")
        return None

    def integer(
        self, column: str, *, low: int | None = None, high: int | None = None, required: bool = False
    ) -> int | None:
        """The cell as a whole number written in digits, within ``low`` and ``high``; ``None`` if empty."""
        text = self.text(column, required=required)
        if text is None:
            return None
        if not _INTEGER.fullmatch(text):
            self.problem(column, f"expected a whole number, got {shown(text)}")
            return None
        if len(text.lstrip("-")) > _DIGITS:
            self.problem(column, f"expected a whole number of at most {_DIGITS} digits, got {shown(text)}")
            return None
        return self._within(column, int(text), low, high)

    def number(
        self, column: str, *, low: float | None = None, high: float | None = None, required: bool = False
    ) -> float | None:
        """The cell as a decimal number, within ``low`` and ``high``; ``None`` if empty."""
        text = self.text(column, required=required)
        if text is None:
            return None
        if len(text) > 400 or not _NUMBER.fullmatch(text) or not math.isfinite(float(text)):
            self.problem(column, f"expected a number, got {shown(text)}")
            return None
        return self._within(column, float(text), low, high)

    def _within(self, column: str, value: T, low: Any, high: Any) -> T | None:
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.problem(column, f"must be {bounds}, got {value}")
            return None
        return value

    def code(self, column: str, table: Mapping[str, T], *, required: bool = False) -> T | None:
        """The cell looked up in a codebook ``table``; an unknown code is a problem naming the known ones."""
        text = self.text(column, required=required)
        if text is None:
            return None
        try:
            return table[text]
        except KeyError:
            known = ", ".join(repr(key) for key in list(table)[:12])
            more = ", ..." if len(table) > 12 else ""
            self.problem(column, f"unknown code {shown(text)}; expected one of {known}{more}")
            return None

    def day(self, column: str, *, required: bool = False) -> date | None:
        """The cell as an ISO date ``YYYY-MM-DD``; ``None`` if empty."""
        text = self.text(column, required=required)
        if text is None:
            return None
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.problem(column, f"expected a date written YYYY-MM-DD, got {shown(text)}")
            return None


def plain_integer(text: str, *, low: int | None = None) -> int | None:
    """The whole number a cell plainly holds, as :meth:`Cells.integer` reads it; else ``None``.

    For an importer's quick check of a row: ``None`` means only "not plainly valid" (empty, not
    digits, more digits than :meth:`Cells.integer` reads, below ``low``), and the row is then
    checked cell by cell with :class:`Cells`, which says what is wrong, if anything.

    >>> from conflictkit.crosswalk.rows import plain_integer
    >>> plain_integer("762"), plain_integer("3.0"), plain_integer(""), plain_integer("-1", low=0)
    (762, None, None, None)
    """
    if not text or len(text) > _DIGITS or not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    return None if low is not None and number < low else number


def plain_number(text: str, low: float, high: float) -> float | None:
    """The decimal number a cell plainly holds within ``low`` and ``high``, as :meth:`Cells.number` reads it.

    ``None`` for anything else, as for :func:`plain_integer`.

    >>> from conflictkit.crosswalk.rows import plain_number
    >>> plain_number("36.7063", -90, 90), plain_number("north", -90, 90), plain_number("91", -90, 90)
    (36.7063, None, None)
    """
    if not text or len(text) > 400 or not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    if not math.isfinite(number) or number < low or number > high:
        return None
    return number


Source = str | os.PathLike[str] | IO[bytes]
"""A CSV file: its path, or the file opened in binary mode."""


class UnreadRow(dict[str, str]):
    """A row of a CSV file that could not be read (ragged, not UTF-8, a NUL byte): empty, with its error.

    :func:`iter_csv` with ``bad_rows="yield"`` gives one in the place of each such row, so that the
    rows after it keep their numbers and an importer in lenient mode reports it and reads on.
    """

    __slots__ = ("error",)

    def __init__(self, error: TabularError) -> None:
        super().__init__()
        self.error = error
        """The row's problems."""


def iter_csv(
    source: Source,
    *,
    delimiter: str = ",",
    bad_rows: Literal["raise", "yield"] = "raise",
    restore_cells: bool = False,
) -> Iterator[dict[str, str]]:
    r"""Yield the rows of a UTF-8 CSV file (a byte-order mark is allowed) as dicts of strings.

    One row is read at a time, so a file of any size streams in constant memory. A row with more
    or fewer cells than the header (a truncated last row), bytes that are not UTF-8, a NUL byte or
    a cell CSV cannot read raise a :class:`~conflictkit.TabularError` naming the row (and the
    column, where there is one); with ``bad_rows="yield"``, an :class:`UnreadRow` holding that
    error is given in the row's place instead, and reading goes on. With ``restore_cells``, the
    cells that :func:`write_csv` made safe for spreadsheets come back as they were (see
    :mod:`conflictkit.io.spreadsheet`).

    >>> from conflictkit.crosswalk.rows import *
    >>> import io
    >>> rows = iter_csv(io.BytesIO("iso,country\n762,Tajikistan\n4,Afghanistan\n".encode()))
    >>> [row["country"] for row in rows]
    ['Tajikistan', 'Afghanistan']
    >>> list(iter_csv(io.BytesIO(b"iso,country\n762,Tadschikistan\xe9\n")))
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.TabularError: 1 problem:
      row 1, column 'country': is not UTF-8 text (byte 0xe9 at position 17 of its line)
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            yield from _rows_of(file, delimiter, bad_rows, restore_cells)
    else:
        yield from _rows_of(source, delimiter, bad_rows, restore_cells)


class _Lines:
    """The lines of a file, decoded one by one; a line not UTF-8 or holding a NUL is noted, not raised."""

    __slots__ = ("file", "flaw")

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.flaw: str | None = None  # what is wrong with a line of the row being read

    def take_flaw(self) -> str | None:
        """What was wrong with the lines read since the last call, if anything."""
        flaw, self.flaw = self.flaw, None
        return flaw

    def __iter__(self) -> Iterator[str]:
        # Decoding line by line (not in the 8 KiB chunks of a text wrapper) lets an encoding error be
        # reported on the row it is in.
        first = True
        for line in self.file:
            if first and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            first = False
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = error.object[error.start : error.start + 1].hex()
                where = f"byte 0x{byte} at position {error.start} of its line"
                self.flaw = self.flaw or f"is not UTF-8 text ({where})"
                text = line.decode("utf-8", "replace")
            if "\x00" in text:
                self.flaw = self.flaw or "holds a NUL byte"
                text = text.replace("\x00", "\ufffd")
            yield text


def _rows_of(
    file: IO[bytes], delimiter: str, bad_rows: str, restore_cells: bool = False
) -> Iterator[dict[str, str]]:
    lines = _Lines(file)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)

    def unread(problem: CellProblem) -> UnreadRow:
        if bad_rows == "raise":
            raise TabularError([problem])
        return UnreadRow(TabularError([problem]))

    try:
        header = next(reader, None)
    except csv.Error as error:
        raise TabularError([CellProblem(row=0, message=f"is not valid CSV ({error})")]) from None
    if header is None:
        return
    flaw = lines.take_flaw()
    if flaw is not None:
        raise TabularError([CellProblem(row=0, message=flaw)])
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise TabularError([CellProblem(row=0, column=name, message="appears twice") for name in duplicates])
    width = len(header)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader, None)
        except csv.Error as error:
            lines.take_flaw()
            yield unread(CellProblem(row=number, message=f"is not valid CSV ({error})"))
            continue
        if cells is None:
            return
        flaw = lines.take_flaw()
        if flaw is not None:
            column = next((name for name, cell in zip(header, cells, strict=False) if "\ufffd" in cell), None)
            yield unread(CellProblem(row=number, column=column, message=flaw))
        elif len(cells) != width:
            message = f"has {len(cells)} cells, the header has {width}"
            column = None
            if len(cells) < width:
                column = header[len(cells)]
                message += f": {column!r} and the columns after it are missing (a truncated row?)"
            yield unread(CellProblem(row=number, column=column, message=message))
        elif restore_cells and "\x00'" in "\x00" + "\x00".join(cells):  # a cell that may need it
            yield dict(zip(header, map(restore, cells), strict=True))
        else:  # no cell begins with a quote (a NUL is in no cell: the lines replaced it)
            yield dict(zip(header, cells, strict=True))


def write_csv(
    rows: Iterable[Mapping[str, str]],
    columns: Sequence[str],
    target: IO[str],
    *,
    delimiter: str = ",",
    safe: bool = True,
) -> int:
    r"""Write ``rows`` as CSV with the header ``columns`` to a text file; return the number of rows.

    With ``safe`` (the default), a cell that a spreadsheet would run as a formula gets a quote in
    front, by the OWASP rule (see :mod:`conflictkit.io.spreadsheet`); :func:`iter_csv` with
    ``restore_cells`` takes it off again.

    >>> from conflictkit.crosswalk.rows import *
    >>> import io
    >>> out = io.StringIO()
    >>> write_csv([{"iso": "762", "country": "Tajikistan"}], ["iso", "country"], out)
    1
    >>> out.getvalue()
    'iso,country\r\n762,Tajikistan\r\n'
    """
    writer = csv.DictWriter(target, fieldnames=list(columns), extrasaction="raise", delimiter=delimiter)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(_safe(row) if safe else row)
        count += 1
    return count


def _safe(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise(value) if isinstance(value, str) else value for key, value in row.items()}


R = TypeVar("R")


def records_of_rows(
    rows: Iterable[Mapping[str, Any]],
    records_of: Callable[[Mapping[str, Any], int], Iterable[R]],
    on_error: RowHandler | None,
) -> Iterator[R]:
    """Yield ``records_of(row, number)`` for each row, numbering rows from 1.

    A bad row's :class:`~conflictkit.TabularError` is raised, or, with ``on_error`` (lenient mode),
    passed to it; the row is then skipped and reading goes on.
    """
    for number, values in enumerate(rows, start=1):
        try:
            if isinstance(values, UnreadRow):
                raise values.error
            records = records_of(values, number)
        except TabularError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield from records


def collect_rows(
    iter_import: Callable[..., Iterator[R]],
    rows: Iterable[Mapping[str, Any]],
    on_error: RowHandler | None,
) -> list[R]:
    """Every record ``iter_import`` yields for ``rows``, with the problems of all bad rows at once.

    Without ``on_error``, one :class:`~conflictkit.TabularError` holds every bad row's problems;
    with it, each bad row's error goes to it and the good rows are kept.
    """
    errors: list[TabularError] = []
    records = list(iter_import(rows, on_error=on_error if on_error is not None else errors.append))
    if errors:
        raise TabularError(problem for error in errors for problem in error.problems)
    return records
