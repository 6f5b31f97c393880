"""Locations: countries, provinces, districts, cities, bases, borders, and their coordinates."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import Model, type_tag_of
from conflictkit.core.validation import each, in_range, non_empty, rules, shown
from conflictkit.records.actors import WIKIDATA_RULE
from conflictkit.records.record import Record
from conflictkit.values.countries import country_rule, subdivision_rule
from conflictkit.values.references import reference
from conflictkit.values.sequences import string_list

__all__ = ["Coordinates", "GeoPrecision", "Location", "LocationKind", "parent_cycle_message", "parent_cycles"]


class LocationKind(enum.Enum):
    """What kind of place a location is."""

    COUNTRY = "country"
    """A sovereign state's territory."""
    REGION = "region"
    """A part of a country or of several without administrative status ("northern Afghanistan")."""
    PROVINCE = "province"
    """A first-level administrative division (ISO 3166-2), e.g. Badakhshan."""
    DISTRICT = "district"
    """A second-level division, e.g. Ishkashim district."""
    CITY = "city"
    """A city, town or village."""
    MILITARY_BASE = "military_base"
    """A military base or airfield, e.g. Bagram Airfield."""
    BORDER = "border"
    """A border between two countries, or a stretch of it."""
    BORDER_CROSSING = "border_crossing"
    """A place where a border can be crossed."""
    FACILITY = "facility"
    """A building or installation that is not military: a consulate, a camp."""


class GeoPrecision(enum.Enum):
    """How closely coordinates locate a place (compare ACLED's geo_precision 1–3)."""

    EXACT = "exact"
    """The coordinates are the place itself (ACLED 1)."""
    NEAR = "near"
    """The coordinates are of a nearby town or part of the area (ACLED 2)."""
    REGION = "region"
    """The coordinates stand for a larger region (ACLED 3)."""


@attrs.frozen(kw_only=True)
class Coordinates(Model):
    """A WGS 84 point, with how closely it locates the place.

    >>> Coordinates(latitude=38.5598, longitude=68.7870).latitude
    38.5598
    >>> Coordinates(latitude=95.0, longitude=0.0)
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $.latitude: must be between -90 and 90, got 95.0
    """

    latitude: float = attrs.field(metadata=rules(in_range(-90, 90)))
    """Degrees north, from -90 to 90."""

    longitude: float = attrs.field(metadata=rules(in_range(-180, 180)))
    """Degrees east, from -180 to 180."""

    precision: GeoPrecision = GeoPrecision.EXACT
    """How closely the point locates the place."""

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The point as a GeoJSON geometry, longitude first, for shapely, geopandas and others.

        >>> Coordinates(latitude=38.5598, longitude=68.7870).__geo_interface__
        {'type': 'Point', 'coordinates': (68.787, 38.5598)}
        """
        return {"type": "Point", "coordinates": (self.longitude, self.latitude)}


@attrs.frozen(kw_only=True)
class Location(Record, type_tag="location"):
    """A place, nested in a parent place.

    >>> badakhshan = Location(id="loc:badakhshan", name="Badakhshan", kind=LocationKind.PROVINCE,
    ...                       country="AF", subdivision="AF-BDS", parent="loc:afghanistan")
    >>> badakhshan.subdivision
    'AF-BDS'
    """

    name: str = attrs.field(metadata=rules(non_empty))
    """The place's usual English name."""

    kind: LocationKind
    """What kind of place it is."""

    aliases: tuple[str, ...] = attrs.field(default=(), converter=string_list, metadata=rules(each(non_empty)))
    """Other names and spellings ("Eshkashem" for Ishkashim)."""

    country: str | None = attrs.field(default=None, metadata=rules(country_rule))
    """ISO 3166-1 alpha-2 code of the country it lies in; ``None`` for places spanning several."""

    subdivision: str | None = attrs.field(default=None, metadata=rules(subdivision_rule))
    """ISO 3166-2 code of the subdivision it is or lies in, e.g. ``"AF-BDS"``."""

    parent: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the location that contains it."""

    coordinates: Coordinates | None = None
    """A representative point."""

    geonames: int | None = attrs.field(default=None, metadata=rules(in_range(1, 2**53)))
    """GeoNames id, where ISO codes stop (districts, cities)."""

    wikidata: str | None = attrs.field(default=None, metadata=rules(WIKIDATA_RULE))
    """Wikidata item id (QID)."""

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The location as a GeoJSON Feature; an :class:`AttributeError` if it has no coordinates.

        Without coordinates a location has no geometry, so ``hasattr(location,
        "__geo_interface__")`` tells whether it can go on a map. The Feature's properties are the
        location's own plain fields; :func:`conflictkit.geo.to_geojson` maps a whole dataset, with
        the names of the records each one refers to.

        >>> dushanbe = Location(id="loc:dushanbe", name="Dushanbe", kind=LocationKind.CITY,
        ...                     coordinates=Coordinates(latitude=38.53575, longitude=68.77905))
        >>> dushanbe.__geo_interface__["geometry"]
        {'type': 'Point', 'coordinates': [68.77905, 38.53575]}
        >>> dushanbe.__geo_interface__["properties"]
        {'type': 'location', 'name': 'Dushanbe', 'kind': 'city'}
        """
        if self.coordinates is None:
            raise AttributeError(f"location {self.id!r} has no coordinates")
        properties: dict[str, Any] = {"type": type_tag_of(type(self))}
        for name in ("name", "kind", "country", "subdivision", "parent", "geonames", "wikidata"):
            value = getattr(self, name)
            if value is not None:
                properties[name] = value.value if isinstance(value, enum.Enum) else value
        point = [self.coordinates.longitude, self.coordinates.latitude]
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": point},
            "properties": properties,
        }

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        if self.subdivision is not None and (
            self.country is None or self.subdivision.split("-")[0] != self.country
        ):
            return False
        return self.parent != self.id

    def consistency_problems(self) -> Iterator[Problem]:
        """A subdivision code lies in the location's country; a location is not its own parent."""
        yield from super().consistency_problems()
        if self.subdivision is not None:
            subdivision_country = self.subdivision.split("-")[0]
            if self.country is None:
                yield Problem(path=("country",), message="is needed when subdivision is given")
            elif subdivision_country != self.country:
                yield Problem(
                    path=("subdivision",),
                    message=f"{shown(self.subdivision)} is not in country {shown(self.country)}",
                )
        if self.parent == self.id:
            yield Problem(path=("parent",), message="a location cannot be its own parent")


def parent_cycles(parents: Mapping[str, str | None]) -> Iterator[list[str]]:
    """The loops of a chain of parents (location id to its parent's id), each once, as walked.

    Each location is walked from in the mapping's order; a walk stops at a root, at a location
    already walked, or where it comes back to itself. A location that is its own parent is left
    out: the location itself reports it.
    """
    finished: set[str] = set()
    for start in parents:
        chain: dict[str, None] = {}  # the walk from ``start``, in order
        current: str | None = start
        while current is not None and current not in finished and current not in chain:
            chain[current] = None
            current = parents.get(current)
        finished.update(chain)
        if current is None or current not in chain:
            continue  # reached a root, or a location already walked
        walked = list(chain)
        cycle = walked[walked.index(current) :]
        if len(cycle) > 1:
            yield cycle


def parent_cycle_message(cycle: list[str], first: str) -> str:
    """``the chain of parents loops back: 'a' -> 'b' -> 'a'``, from the location ``first``."""
    turn = cycle.index(first)
    ordered = [*cycle[turn:], *cycle[:turn], first]
    return "the chain of parents loops back: " + " -> ".join(map(shown, ordered))
