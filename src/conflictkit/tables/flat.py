"""The flat analyst view: one row per record, plain columns only, referenced ids resolved to names.

It is derived from the record classes' fields like the Arrow tables, and needs only the standard
library:

- a value type is spread into one column per field, named ``<field>_<part>``: ``size_best``,
  ``size_low``, ``size_high``, ``size_qualifier``, ``size_unit``, ``size_text``, ``date_earliest``,
  ``date_latest``, ``coordinates_latitude``...;
- a field that refers to another record by id is followed by a column ``<field>_name`` with that
  record's name (or title) where the records at hand include it; a list of ids, by
  ``<field>_names``;
- enums are their values; a list (aliases, evidence, inferences) is one column of JSON text, which
  keeps every item and needs no separator that a value could contain;
- a list of :class:`~conflictkit.Casualties` (an incident's ``casualties``) is also spread into
  columns of the sides' figures added up (:func:`~conflictkit.total_casualties`): ``killed_best``,
  ``killed_low``, ``killed_high``, and the same for ``injured``, ``captured`` and ``missing``; a
  figure no side reports is empty. Each side's own figures are in the JSON column and in the
  events table (:mod:`conflictkit.tables.events`).

Each table ends with a ``type`` column, the record's type tag: a table holds the records of its
type and of every subclass of it (a user's ``VehicleBombing(Incident)`` is a row of ``incident``,
with the incident's columns, and of its own table, with all of its own), so that counting a table
counts every record of its type.

The view is for reading and counting; the lossless form is the Arrow tables, Parquet or JSON.
"""

from __future__ import annotations

import csv
import enum
import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from conflictkit.core.model import Model
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.atomic import StagedFile, TableDirectory
from conflictkit.io.converter import to_dict
from conflictkit.io.spreadsheet import neutralise
from conflictkit.records.record import Record
from conflictkit.tables._columns import (
    Column,
    EnumShape,
    ListShape,
    StructShape,
    UnionShape,
    struct_of,
    table_classes,
    table_name,
)
from conflictkit.values.casualties import CASUALTY_FIGURES, Casualties, total_casualties

__all__ = ["CsvSink", "flat_columns", "flat_rows", "list_columns", "record_names", "write_csv"]

Names = Mapping[str, str]
"""Record ids and the names a flat view shows for them."""

Cell = Callable[[Any, Names], Any]
"""Reads one flat column's value off a record."""

_LAST = ("evidence", "inferred")  # the bulky provenance columns go after the record's own
TYPE_COLUMN = "type"
"""The last column of every flat table: each row's own type tag."""


def record_names(records: Iterable[Record]) -> dict[str, str]:
    """Each record's id and its ``name`` (a document's ``title``), for records that have one.

    >>> from conflictkit import load_seed
    >>> record_names(load_seed())["loc:badakhshan"]
    'Badakhshan'
    """
    names: dict[str, str] = {}
    for record in records:
        name = getattr(record, "name", None)
        if not isinstance(name, str):
            name = getattr(record, "title", None)
        if isinstance(name, str):
            names.setdefault(record.id, name)
    return names


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Model):
        return to_dict(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _json_text(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _attribute(read: Cell, name: str) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        owner = read(record, names)
        return None if owner is None else getattr(owner, name)

    return cell


def _enum_value(read: Cell) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        value = read(record, names)
        return None if value is None else value.value

    return cell


def _as_json(read: Cell) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        value = read(record, names)
        return None if value is None else _json_text(value)

    return cell


def _union_value(read: Cell) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        value = read(record, names)
        return (
            value if value is None or isinstance(value, (str, int, float, bool, date)) else _json_text(value)
        )

    return cell


def _name_of(read: Cell) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        value = read(record, names)
        return None if value is None else names.get(value)

    return cell


def _names_of(read: Cell) -> Cell:
    def cell(record: Any, names: Names) -> Any:
        value = read(record, names)
        return None if value is None else json.dumps([names.get(item) for item in value], ensure_ascii=False)

    return cell


def _casualty_totals(read: Cell, prefix: str) -> list[tuple[str, Cell]]:
    """Columns ``killed_best`` ... ``missing_high``: every side's figures added up (total_casualties)."""

    def total(record: Any, names: Names) -> Casualties | None:
        sides = read(record, names)
        return total_casualties(sides) if sides else None

    def bound(figure: str, which: str) -> Cell:
        def cell(record: Any, names: Names) -> Any:
            totals = total(record, names)
            quantity = None if totals is None else getattr(totals, figure)
            return None if quantity is None else getattr(quantity, which)

        return cell

    return [
        (f"{prefix}{figure}_{which}", bound(figure, which))
        for figure in CASUALTY_FIGURES
        for which in ("best", "low", "high")
    ]


def _type_tag(record: Any, names: Names) -> Any:
    return table_name(type(record))


def _root(record: Any, names: Names) -> Any:
    return record


def _cells(struct: StructShape, read: Cell, prefix: str) -> list[tuple[str, Cell]]:
    cells: list[tuple[str, Cell]] = []
    for column in _ordered(struct.columns):
        name = f"{prefix}{column.name}"
        value = _attribute(read, column.name)
        shape = column.shape
        if isinstance(shape, StructShape):
            cells.extend(_cells(shape, value, f"{name}_"))
            continue
        if isinstance(shape, EnumShape):
            cells.append((name, _enum_value(value)))
        elif isinstance(shape, ListShape):
            cells.append((name, _as_json(value)))
            if isinstance(shape.item, StructShape) and shape.item.cls is Casualties:
                cells.extend(_casualty_totals(value, "" if name == "casualties" else f"{name}_"))
        elif isinstance(shape, UnionShape):
            cells.append((name, _union_value(value)))
        else:
            cells.append((name, value))
        if column.reference:
            cells.append(
                (f"{name}_names", _names_of(value)) if column.many else (f"{name}_name", _name_of(value))
            )
    return cells


def _ordered(columns: tuple[Column, ...]) -> list[Column]:
    return [column for column in columns if column.name not in _LAST] + [
        column for column in columns if column.name in _LAST
    ]


_PLANS: dict[type, tuple[tuple[str, ...], tuple[Cell, ...]]] = {}
_PLANS_LOCK = threading.Lock()
_MAX_PLANS = 1024  # bounded: classes redefined in a notebook come and go


def _plan(cls: type) -> tuple[tuple[str, ...], tuple[Cell, ...]]:
    plan = _PLANS.get(cls)
    if plan is None:
        cells = [*_cells(struct_of(cls), _root, ""), (TYPE_COLUMN, _type_tag)]
        names = tuple(name for name, _ in cells)
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise TypeError(f"{cls.__qualname__}: the flat view would have the columns {repeated} twice")
        plan = (names, tuple(cell for _, cell in cells))
        with _PLANS_LOCK:  # the bound is checked and the entry stored as one step, thread by thread
            if len(_PLANS) >= _MAX_PLANS:
                _PLANS.clear()
            _PLANS[cls] = plan
    return plan


def flat_columns(cls: type[Record]) -> tuple[str, ...]:
    """The columns of the flat view of records of ``cls``: the same whatever the records hold.

    >>> from conflictkit import MilitaryMovement
    >>> flat_columns(MilitaryMovement)[:6]
    ('id', 'actor', 'actor_name', 'kind', 'status', 'origin')
    >>> [name for name in flat_columns(MilitaryMovement) if name.startswith("size_")]
    ['size_best', 'size_low', 'size_high', 'size_qualifier', 'size_unit', 'size_text']
    """
    table_name(cls)
    return _plan(cls)[0]


def list_columns(cls: type[Record]) -> frozenset[str]:
    """The columns of the flat view of ``cls`` that hold a list, written as JSON text.

    >>> from conflictkit import Actor
    >>> sorted(list_columns(Actor))
    ['aliases', 'evidence', 'inferred']
    """
    return _list_columns(struct_of(cls), "")


def _list_columns(struct: StructShape, prefix: str) -> frozenset[str]:
    found: set[str] = set()
    for column in struct.columns:
        name = f"{prefix}{column.name}"
        if isinstance(column.shape, StructShape):
            found |= _list_columns(column.shape, f"{name}_")
        elif isinstance(column.shape, ListShape):
            found.add(name)
            if column.reference:
                found.add(f"{name}_names")
    return frozenset(found)


def flat_row(record: Record, names: Names, table: type[Record] | None = None) -> dict[str, Any]:
    """The flat view of one record, with referenced ids named from ``names``.

    ``table`` is the class whose columns to give (the record's own by default; a base class of it
    for the base type's table).
    """
    columns, cells = _plan(table or type(record))
    return {column: cell(record, names) for column, cell in zip(columns, cells, strict=True)}


def flat_rows(records: Dataset | Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    """The flat view of ``records``: for each type tag, one dict per record, in order.

    Referenced ids are named from the records themselves.

    >>> from conflictkit import load_seed
    >>> row = flat_rows(load_seed())["movement"][0]
    >>> row["actor"], row["actor_name"], row["size_best"], row["size_unit"], row["date_earliest"]
    ('actor:tajik-reservists', 'Tajik reservists', 20000, 'reservists', datetime.date(2021, 7, 5))
    """
    items = list(records)
    names = record_names(items)
    rows: dict[str, list[dict[str, Any]]] = {}
    for record in items:
        for table in table_classes(type(record)):
            rows.setdefault(table_name(table), []).append(flat_row(record, names, table))
    return rows


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class CsvSink:
    """Write the flat view to one CSV file per type tag, ``<type tag>.csv``, a record at a time.

    An empty cell is a missing value. ``names`` resolves referenced ids (see :func:`record_names`);
    ids it lacks leave their name column empty. With ``safe`` (the default), a cell that a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab or carriage return first)
    gets a single quote in front, by the OWASP rule (see :mod:`conflictkit.io.spreadsheet`). Use
    it as a context manager, like :class:`~conflictkit.tables.ParquetSink`.
    """

    def __init__(self, directory: str | os.PathLike[str], names: Names, *, safe: bool = True) -> None:
        self.directory = Path(directory)
        """Where the files go."""
        self.names = names
        """The names referenced ids are shown with."""
        self.safe = safe
        """Whether cells a spreadsheet would run as formulas get a quote in front (the OWASP rule)."""
        self._files: dict[type, tuple[StagedFile, Any]] = {}

    def __enter__(self) -> CsvSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
        else:
            self.discard()

    def add(self, record: Record) -> None:
        """Write a record's rows (in its type's file and its base types'), opening each file on first use."""
        for cls in table_classes(type(record)):  # its own table, and its base types' tables
            entry = self._files.get(cls)
            if entry is None:
                staged = StagedFile(self.directory / f"{table_name(cls)}.csv")
                writer = csv.writer(staged.file)
                writer.writerow(flat_columns(cls))
                entry = self._files[cls] = (staged, writer)
            cells = [_csv_text(value) for value in flat_row(record, self.names, cls).values()]
            entry[1].writerow([neutralise(cell) for cell in cells] if self.safe else cells)

    def close(self) -> list[Path]:
        """Close every file and move it into place; return their paths.

        Until then each file is written under a temporary name beside its target; when a file
        cannot be completed, every file of the sink is removed and no target is touched.
        """
        staged = [entry[0] for entry in self._files.values()]
        try:
            for each in staged:
                each.file.flush()
            for each in staged:
                each.commit()
        except BaseException:
            self.discard()
            raise
        self._files.clear()
        return [each.target for each in staged]

    def discard(self) -> None:
        """Abandon the sink: remove every file it was writing; targets are left as they were."""
        for staged, _ in self._files.values():
            staged.discard()
        self._files.clear()


def write_csv(
    records: Dataset | Iterable[Record],
    directory: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    safe: bool = True,
) -> list[Path]:
    """Write the flat view of ``records`` as one CSV file per type tag into ``directory``.

    Standard library only. Returns the files' paths. The files are written as
    :class:`~conflictkit.io.atomic.TableDirectory` says: all staged, then moved into place; the
    tables of an earlier write into ``directory`` that this one does not replace are removed; a
    directory holding anything else is refused with an :class:`~conflictkit.io.atomic.OutputError`
    unless ``overwrite`` (which replaces or removes its ``.csv`` files only). ``safe`` is as for
    :class:`CsvSink`.

    >>> import csv, tempfile
    >>> from pathlib import Path
    >>> from conflictkit import load_seed
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     _ = write_csv(load_seed(), directory)
    ...     with open(Path(directory) / "control.csv", encoding="utf-8") as file:
    ...         row = next(csv.DictReader(file))
    >>> row["territory_name"], row["controller_name"], row["change"]
    ('Badakhshan', 'Taliban', 'captured')
    """
    items = list(records)
    target = Path(directory)
    with (
        TableDirectory(target, ".csv", overwrite=overwrite) as staging,
        CsvSink(staging, record_names(items), safe=safe) as sink,
    ):
        for record in items:
            sink.add(record)
        written = sink.close()
    return [target / path.name for path in written]
