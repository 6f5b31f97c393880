"""The events table: one row per real-world event, its claims joined and their figures reconciled.

A record is one claim; :meth:`conflictkit.Dataset.events` joins the claims that ``same_event``
relations say describe one event. :func:`event_rows` turns each event into one flat row, so that
"how many killed, by whom, per week" is one ``groupby`` or one SQL query:

- ``event_id`` (the id of the event's first claim), ``type`` (its type tag) and ``kind``;
- ``claims`` and ``sources``: how many claims describe the event and how many outlets and parties
  their evidence names; ``claim_ids`` lists the claims;
- ``date_earliest``, ``date_latest``, ``date_precision``: the narrowest date any claim gives;
- the place: ``place`` (a location id), ``place_name``, ``country`` (ISO 3166-1 alpha-2, from the
  place or the places it lies in), ``latitude``, ``longitude``. It is the first place a claim
  names, in the order location, territory, destination, origin, then any other;
- the actors by role, united over the claims: ``perpetrators`` (an incident's perpetrators, an
  interaction's sources, a movement's actor, a new controller, a speaker) and ``targets`` (the
  targets, a previous controller, an addressee), each with the actors' names in ``..._names``;
- the reconciled figures (see :mod:`conflictkit.dataset.events`), each as ``_best``, ``_low`` and
  ``_high``: ``size``, ``count``, and the casualties ``killed``, ``injured``, ``captured``,
  ``missing``, each side's figure reconciled over the claims, then added up over the sides;
- ``disagreeing``: the figures on which the claims contradict each other (no one number satisfies
  every claim), e.g. ``["size"]``.

The rows need only the standard library. :func:`events_table` makes them an Arrow table (lists as
list columns), :func:`events_frame` a pandas data frame, :func:`write_events_parquet` and
:func:`write_events_csv` files (in CSV, a list is a JSON array).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictkit.core.model import type_tag_of
from conflictkit.core.validation import fields_of
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.dataset.events import Event, ReconciledFigure
from conflictkit.io.atomic import atomic_file
from conflictkit.io.spreadsheet import neutralise
from conflictkit.records.locations import Location
from conflictkit.records.record import Record
from conflictkit.tables._extra import require
from conflictkit.tables.arrow import METADATA_KEY
from conflictkit.tables.flat import record_names
from conflictkit.tables.parquet import _pq
from conflictkit.values.casualties import CASUALTY_FIGURES
from conflictkit.values.dates import DateSpan
from conflictkit.values.references import is_reference, reference_target

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_FIGURES",
    "event_rows",
    "events_frame",
    "events_table",
    "write_events_csv",
    "write_events_parquet",
]

EVENT_FIGURES = ("size", "count", *CASUALTY_FIGURES)
"""The figures the events table has columns for, each as ``_best``, ``_low`` and ``_high``."""

_PLACE_FIELDS = ("location", "territory", "destination", "origin")
_PERPETRATOR_FIELDS = ("perpetrators", "sources", "actor", "controller", "speaker")
_TARGET_FIELDS = ("targets", "previous_controller", "addressee")
_LISTS = ("claim_ids", "perpetrators", "perpetrator_names", "targets", "target_names", "disagreeing")

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "type",
    "kind",
    "claims",
    "sources",
    "claim_ids",
    "date_earliest",
    "date_latest",
    "date_precision",
    "place",
    "place_name",
    "country",
    "latitude",
    "longitude",
    "perpetrators",
    "perpetrator_names",
    "targets",
    "target_names",
    *(f"{figure}_{bound}" for figure in EVENT_FIGURES for bound in ("best", "low", "high")),
    "disagreeing",
)
"""The columns of the events table, in order."""


def event_rows(records: Dataset | Iterable[Record]) -> list[dict[str, Any]]:
    """One row per event of ``records`` (see the module for the columns), in the order of the events.

    >>> from conflictkit import load_seed
    >>> rows = event_rows(load_seed())
    >>> crossing = next(row for row in rows if row["claims"] == 2)
    >>> crossing["perpetrator_names"], crossing["size_best"], crossing["size_low"], crossing["size_high"]
    (['Afghan security forces'], 1037, 1000, 1037)
    >>> crossing["date_earliest"], crossing["place_name"], crossing["country"]
    (datetime.date(2021, 7, 4), 'Tajikistan', 'TJ')
    """
    dataset = records if isinstance(records, Dataset) else Dataset(records=list(records))
    names = record_names(dataset)
    return [_row(event, dataset, names) for event in dataset.events()]


def _row(event: Event, dataset: Dataset, names: dict[str, str]) -> dict[str, Any]:
    first = event.claims[0]
    kind = getattr(first, "kind", None)
    when = event.date
    place = _place(event, dataset)
    perpetrators = _actors(event, _PERPETRATOR_FIELDS)
    targets = [actor for actor in _actors(event, _TARGET_FIELDS) if actor not in perpetrators]
    row: dict[str, Any] = {
        "event_id": event.id,
        "type": type_tag_of(type(first)),
        "kind": getattr(kind, "value", None),
        "claims": len(event.claims),
        "sources": len(event.sources),
        "claim_ids": list(event.claim_ids),
        "date_earliest": when.earliest if isinstance(when, DateSpan) else None,
        "date_latest": when.latest if isinstance(when, DateSpan) else None,
        "date_precision": when.precision.value if isinstance(when, DateSpan) else None,
        "place": place.id if place else None,
        "place_name": place.name if place else None,
        "country": _country(place, dataset) if place else None,
        "latitude": place.coordinates.latitude if place and place.coordinates else None,
        "longitude": place.coordinates.longitude if place and place.coordinates else None,
        "perpetrators": perpetrators,
        "perpetrator_names": [names.get(actor, actor) for actor in perpetrators],
        "targets": targets,
        "target_names": [names.get(actor, actor) for actor in targets],
    }
    figures = event.figures()
    for name in EVENT_FIGURES:
        best, low, high = _figure(name, figures)
        row[f"{name}_best"], row[f"{name}_low"], row[f"{name}_high"] = best, low, high
    row["disagreeing"] = list(dict.fromkeys(f.casualty or f.field for f in figures if not f.agree))
    return row


def _figure(name: str, figures: Iterable[ReconciledFigure]) -> tuple[Any, Any, Any]:
    """The reconciled figure ``name``; for casualties, each side's reconciled figure added up.

    A bound is the sum of the sides' bounds; ``None`` when a side reporting the figure lacks it.
    """
    if name not in CASUALTY_FIGURES:
        figure = next((figure for figure in figures if figure.field == name), None)
        return (None, None, None) if figure is None else (figure.best, figure.low, figure.high)
    sides = [figure for figure in figures if figure.casualty == name]
    if not sides:
        return None, None, None
    bounds: list[Any] = []
    for bound in ("best", "low", "high"):
        numbers = [getattr(side, bound) for side in sides]
        bounds.append(None if None in numbers else sum(numbers))
    return bounds[0], bounds[1], bounds[2]


def _place(event: Event, dataset: Dataset) -> Location | None:
    for claim in event.claims:
        ids = [getattr(claim, name, None) for name in _PLACE_FIELDS]
        ids += [
            getattr(claim, field.name)
            for field in fields_of(type(claim))
            if field.name not in _PLACE_FIELDS and _names_location(field)
        ]
        for place_id in ids:
            place = dataset.get(place_id) if isinstance(place_id, str) else None
            if isinstance(place, Location):
                return place
    return None


def _names_location(field: Any) -> bool:
    if not is_reference(field.metadata):
        return False
    target = reference_target(field)
    return target is not None and issubclass(target, Location)


def _country(place: Location, dataset: Dataset) -> str | None:
    seen: set[str] = set()
    current: Record | None = place
    while isinstance(current, Location) and current.id not in seen:
        if current.country is not None:
            return current.country
        seen.add(current.id)
        current = dataset.get(current.parent) if current.parent else None
    return None


def _actors(event: Event, roles: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for claim in event.claims:
        for role in roles:
            value = getattr(claim, role, None)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(item for item in value if isinstance(item, str))
    return list(dict.fromkeys(found))


def events_table(records: Dataset | Iterable[Record]) -> pyarrow.Table:
    """The events table as an Arrow table (requires ``conflictkit[arrow]``); lists are list columns.

    >>> from conflictkit import load_seed
    >>> table = events_table(load_seed())
    >>> table.num_rows == len(load_seed().events()), str(table.schema.field("perpetrator_names").type)
    (True, 'list<item: string>')
    """
    pa = require("pyarrow", "conflictkit.tables.events_table")
    rows = event_rows(records)
    return pa.Table.from_pylist(rows, schema=_schema(pa))


def _schema(pa: Any) -> Any:
    types: dict[str, Any] = {
        "claims": pa.int64(),
        "sources": pa.int64(),
        "date_earliest": pa.date32(),
        "date_latest": pa.date32(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
    }
    types.update(dict.fromkeys(_LISTS, pa.list_(pa.string())))
    for name in EVENT_FIGURES:
        types.update(dict.fromkeys((f"{name}_best", f"{name}_low", f"{name}_high"), pa.float64()))
    return view_schema(pa, "events", EVENT_COLUMNS, types)


def view_schema(pa: Any, view: str, columns: Sequence[str], types: dict[str, Any]) -> Any:
    """The Arrow schema of a view's ``columns``: the type ``types`` gives each, else text.

    It is marked as a view, so that read_parquet, reading a folder of record tables, passes it by.
    """
    fields = [pa.field(column, types.get(column, pa.string())) for column in columns]
    marked = {"view": view, "schema_version": SCHEMA_VERSION}
    return pa.schema(fields, metadata={METADATA_KEY: json.dumps(marked).encode("utf-8")})


def events_frame(records: Dataset | Iterable[Record]) -> pandas.DataFrame:
    """The events table as a pandas data frame (requires ``conflictkit[pandas]``), one row per event.

    >>> from conflictkit import load_seed
    >>> frame = events_frame(load_seed())
    >>> joined = frame["size_best"].notna() & (frame["claims"] > 1)  # a size, and claims joined
    >>> frame.loc[joined, ["event_id", "size_best"]].to_dict("records")
    [{'event_id': 'move:afghan-forces-crossed-more-than-a-thousand', 'size_best': 1037.0}]
    """
    pd = require("pandas", "conflictkit.tables.events_frame")
    frame = pd.DataFrame.from_records(event_rows(records), columns=list(EVENT_COLUMNS))
    for name in EVENT_FIGURES:
        for bound in ("best", "low", "high"):
            frame[f"{name}_{bound}"] = frame[f"{name}_{bound}"].astype("float64")
    return frame


def write_events_parquet(records: Dataset | Iterable[Record], path: str | os.PathLike[str]) -> Path:
    """Write the events table to the Parquet file ``path`` (requires ``conflictkit[arrow]``)."""
    table = events_table(records)
    with atomic_file(path, binary=True) as file:  # beside the target, renamed in when complete
        _pq().write_table(table, file)
    return Path(path)


def write_events_csv(
    records: Dataset | Iterable[Record], path: str | os.PathLike[str], *, safe: bool = True
) -> Path:
    """Write the events table to the CSV file ``path``: lists as JSON arrays, a missing value empty.

    The file is written beside ``path`` and renamed into place when complete. With ``safe`` (the
    default), a cell a spreadsheet would run as a formula gets a quote in front, as
    :func:`~conflictkit.tables.write_csv` does (see :mod:`conflictkit.io.spreadsheet`). Standard
    library only.
    """
    return write_rows_csv(event_rows(records), EVENT_COLUMNS, path, safe=safe)


def write_rows_csv(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], path: str | os.PathLike[str], *, safe: bool
) -> Path:
    """Write a view's ``rows`` as CSV, staged beside ``path``: lists as JSON arrays, None empty."""
    with atomic_file(path) as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for row in rows:
            cells = [_csv_cell(row[column]) for column in columns]
            writer.writerow([neutralise(cell) for cell in cells] if safe else cells)
    return Path(path)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
