"""Datasets as GeoJSON (RFC 7946): the interchange format of anything with a place.

:func:`to_geojson` makes a FeatureCollection with one Feature per place and per record that
happens somewhere:

- every :class:`~conflictkit.Location`, a Point where it has coordinates;
- every :class:`~conflictkit.MilitaryMovement` with an origin or destination, a LineString from
  origin to destination where both are located, else a Point where the one located end is;
- every other record that names a location (a change of control at its territory, a statement
  where it was made, an incident at its place, a user's record type), a Point at that location,
  or a MultiPoint for several.

A Feature whose places have no coordinates keeps ``"geometry": null``, as RFC 7946 allows, so
nothing is dropped from the collection: a map shows what it can, a table of properties shows all.
Positions are ``[longitude, latitude]`` (WGS 84), longitude first. Each Feature's ``id`` is the
record's id; its properties are the record's flat view (see :func:`conflictkit.tables.flat_rows`,
dates as ISO strings, lists as JSON arrays rather than the flat view's JSON text), with ``"type"``
holding the record's type tag.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from conflictkit.core.model import type_tag_of
from conflictkit.core.validation import fields_of
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.locations import Location
from conflictkit.records.movements import MilitaryMovement
from conflictkit.records.record import Record
from conflictkit.tables.flat import Names, flat_row, list_columns, record_names
from conflictkit.values.references import is_reference, reference_target

__all__ = ["feature", "is_placed", "positions_of", "to_geojson"]

Position = list[float]
"""A GeoJSON position: ``[longitude, latitude]``."""

TAG_PROPERTY = "type"
"""The property holding a Feature's record type tag."""


def positions_of(records: Iterable[Record]) -> dict[str, Position]:
    """The ``[longitude, latitude]`` of every located :class:`~conflictkit.Location` in ``records``."""
    return {
        record.id: [record.coordinates.longitude, record.coordinates.latitude]
        for record in records
        if isinstance(record, Location) and record.coordinates is not None
    }


def _location_ids(record: Record) -> list[str]:
    """The ids of the locations a record names, in field order."""
    found: list[str] = []
    for field in fields_of(type(record)):
        target = reference_target(field) if is_reference(field.metadata) else None
        if target is None or not issubclass(target, Location):
            continue
        value = getattr(record, field.name)
        ids = value if isinstance(value, tuple) else () if value is None else (value,)
        found.extend(location_id for location_id in ids if location_id not in found)
    return found


def _geometry(record: Record, positions: dict[str, Position]) -> dict[str, Any] | None:
    if isinstance(record, Location):
        position = positions.get(record.id)
        return None if position is None else {"type": "Point", "coordinates": position}
    if isinstance(record, MilitaryMovement):
        ends = [positions.get(end) for end in (record.origin, record.destination) if end is not None]
        located = [end for end in ends if end is not None]
        if len(located) == 2 and located[0] != located[1]:
            return {"type": "LineString", "coordinates": located}
        return {"type": "Point", "coordinates": located[0]} if located else None
    points = [positions[place] for place in _location_ids(record) if place in positions]
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


def is_placed(record: Record) -> bool:
    """Whether a record is a place or names one, and so has a Feature."""
    return isinstance(record, Location) or bool(_location_ids(record))


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def feature(record: Record, positions: dict[str, Position], names: Names) -> dict[str, Any]:
    """The GeoJSON Feature of one record, placed by the ``[longitude, latitude]`` of ``positions``."""
    properties = {TAG_PROPERTY: type_tag_of(type(record))}
    lists = list_columns(type(record))
    properties.update(
        (key, json.loads(value) if key in lists and value is not None else _json_value(value))
        for key, value in flat_row(record, names).items()
    )
    return {
        "type": "Feature",
        "id": record.id,
        "geometry": _geometry(record, positions),
        "properties": properties,
    }


def to_geojson(dataset: Dataset) -> dict[str, Any]:
    """The dataset's places and what happened at them, as a GeoJSON FeatureCollection.

    >>> from conflictkit import Coordinates, Location, LocationKind, Dataset
    >>> dushanbe = Location(id="loc:dushanbe", name="Dushanbe", kind=LocationKind.CITY,
    ...                     coordinates=Coordinates(latitude=38.53575, longitude=68.77905))
    >>> collection = to_geojson(Dataset(records=[dushanbe]))
    >>> collection["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [68.77905, 38.53575]}
    >>> collection["features"][0]["properties"]["name"]
    'Dushanbe'
    """
    positions = positions_of(dataset)
    names = record_names(dataset)
    features = [feature(record, positions, names) for record in dataset if is_placed(record)]
    return {"type": "FeatureCollection", "features": features}
