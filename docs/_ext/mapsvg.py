"""A dataset on a map of country borders, drawn as SVG, offline: the drawing behind ``conflictkit-map``.

It needs no Sphinx, no tiles, no network and no plotting library, so the tests call it directly.
:func:`map_svg` draws :func:`conflictkit.geo.to_geojson` of a dataset over the country borders of
``docs/_data/central-asia-borders.geojson`` (Natural Earth's 1:50m admin-0 countries, cut to the
region by ``docs/_data/cut_borders.py``), in a plain equirectangular projection framed by
``west, south, east, north`` degrees:

- countries filled lightly, their borders drawn and their names written lightly, under the rest;
- places as dots: filled when the point is the place itself, hollow when it is near it, dashed
  when it stands for a whole country or province (the location's ``coordinates.precision``);
- movements as arrows from origin to destination, dashed when the record lists an end as inferred;
  an arrow from a place into a whole country (or from a whole country to a place) stops just across
  that country's border instead of running on to the point that stands for the country;
- changes of control as squares on the territory, hollow when the territory is inferred.

It also returns what it drew where (:class:`Drawn`), for the page to list beside the map.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pycountry

from conflictkit import Dataset, Location, LocationKind, MilitaryMovement, Record
from conflictkit.geo import to_geojson

Frame = tuple[float, float, float, float]
"""West, south, east, north, in degrees."""

Point = tuple[float, float]
"""Longitude, latitude, in degrees."""

Ring = tuple[Point, ...]
"""A closed ring of a polygon, its first point repeated last."""

BORDERS = Path(__file__).resolve().parent.parent / "_data" / "central-asia-borders.geojson"
"""The region-cut country borders the docs' maps draw."""

WIDTH, MARGIN, TOP, LEGEND = 900, 40, 40, 80
COLOURS = {"movement": "#1f6fb2", "control": "#b2291f", "place": "#333333"}
ACROSS = 16.0
"""How far, in pixels, an arrow into a whole country runs past that country's border."""


@dataclass(frozen=True)
class Country:
    """A country's polygons, as the border data gives them."""

    name: str
    iso_numeric: str | None
    polygons: tuple[tuple[Ring, ...], ...]

    def contains(self, point: Point) -> bool:
        """Whether a point is inside the country (even-odd over every ring)."""
        x, y = point
        inside = False
        for ring in (ring for polygon in self.polygons for ring in polygon):
            for (x1, y1), (x2, y2) in pairwise(ring):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside

    def edges(self) -> Iterator[tuple[Point, Point]]:
        """Every edge of every ring."""
        for polygon in self.polygons:
            for ring in polygon:
                yield from pairwise(ring)


@dataclass(frozen=True)
class Borders:
    """Country borders and the region (west, south, east, north) they were cut to."""

    region: Frame
    countries: tuple[Country, ...]

    def by_code(self, iso_numeric: str) -> Country | None:
        """The country whose ISO 3166-1 numeric code is ``iso_numeric``, if the data has it."""
        return next((country for country in self.countries if country.iso_numeric == iso_numeric), None)


@functools.cache
def load_borders(path: Path = BORDERS) -> Borders:
    """The country borders of a region-cut GeoJSON file (see ``docs/_data/README.md``)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    countries = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        countries.append(
            Country(
                name=feature["properties"]["name"],
                iso_numeric=feature["properties"].get("iso_numeric"),
                polygons=tuple(
                    tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon)
                    for polygon in polygons
                ),
            )
        )
    west, south, east, north = (float(value) for value in collection["bbox"])
    return Borders(region=(west, south, east, north), countries=tuple(countries))


def parse_frame(spec: str) -> Frame:
    """``"west,south,east,north"`` as four floats."""
    west, south, east, north = (float(part) for part in spec.split(","))
    return west, south, east, north


class Projection:
    """Equirectangular, scaled so that a degree of longitude is as long as at the frame's middle."""

    def __init__(self, frame: Frame) -> None:
        self.west, self.south, self.east, self.north = frame
        middle = math.radians((self.south + self.north) / 2)
        self.x_scale = (WIDTH - 2 * MARGIN) / (self.east - self.west)
        self.y_scale = self.x_scale / max(math.cos(middle), 0.2)
        self.map_bottom = TOP + (self.north - self.south) * self.y_scale
        self.height = self.map_bottom + MARGIN + LEGEND

    def inside(self, position: Sequence[float]) -> bool:
        """Whether a ``[longitude, latitude]`` is within the frame."""
        longitude, latitude = position
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def __call__(self, position: Sequence[float]) -> tuple[float, float]:
        longitude, latitude = position
        return (
            MARGIN + (longitude - self.west) * self.x_scale,
            TOP + (self.north - latitude) * self.y_scale,
        )


@dataclass(frozen=True)
class Drawn:
    """One thing the map draws, and where: a row of the list beside the map."""

    kind: str
    """``"place"``, ``"movement"`` or ``"control"``."""
    record: str
    """The record's id."""
    what: str
    """The record, in words: a place's name, a movement's size and places."""
    where: str
    """Where and how it is drawn."""
    inferred: str
    """What of its placement is inferred, and why, or ``""`` when the source states it."""


def _degrees(position: Sequence[float]) -> str:
    longitude, latitude = position
    north = "N" if latitude >= 0 else "S"
    east = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.2f}°{north} {abs(longitude):.2f}°{east}"


def _inferred(record: Record, *fields: str) -> list[tuple[str, str]]:
    return [(inference.field, inference.reason) for inference in record.inferred if inference.field in fields]


# --- the border layer --------------------------------------------------------------------------------


def _path(country: Country, projection: Projection) -> str:
    parts = []
    for polygon in country.polygons:
        for ring in polygon:
            points = [projection(point) for point in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _label_point(country: Country, projection: Projection) -> tuple[Point, float] | None:
    """The point of the country's visible part farthest from its borders and the frame's edge."""
    step = (projection.east - projection.west) / 60
    best: tuple[Point, float] | None = None
    edges = [(projection(a), projection(b)) for a, b in country.edges()]
    rows = int((projection.north - projection.south) / step)
    for row in range(1, rows):
        latitude = projection.south + row * step
        for column in range(1, 60):
            point = (projection.west + column * step, latitude)
            if not country.contains(point):
                continue
            x, y = projection(point)
            room = min(x - MARGIN, WIDTH - MARGIN - x, y - TOP, projection.map_bottom - y)
            for a, b in edges:
                room = min(room, _distance((x, y), a, b))
                if best is not None and room <= best[1]:
                    break
            if best is None or room > best[1]:
                best = (point, room)
    return best


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _border_layer(borders: Borders, projection: Projection) -> Iterator[str]:
    west, south, east, north = borders.region
    if not (
        west <= projection.west < projection.east <= east
        and south <= projection.south < projection.north <= north
    ):
        raise ValueError(
            f"the frame {projection.west},{projection.south},{projection.east},{projection.north} reaches "
            f"beyond the border data's region {west},{south},{east},{north}"
        )
    shown = [c for c in borders.countries if any(projection.inside(p) for p in _points(c))]
    yield '<g clip-path="url(#frame)">'
    for country in shown:
        yield (
            f'<path d="{_path(country, projection)}" class="country" fill-rule="evenodd" '
            f'data-country="{escape(country.name)}"><title>{escape(country.name)}</title></path>'
        )
    yield "</g>"
    for country in shown:
        found = _label_point(country, projection)
        if found is not None and found[1] >= 14:
            x, y = projection(found[0])
            yield (
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" class="country-name">'
                f"{escape(country.name.upper())}</text>"
            )


def _points(country: Country) -> Iterator[Point]:
    for polygon in country.polygons:
        for ring in polygon:
            yield from ring


def _graticule(projection: Projection) -> Iterator[str]:
    bottom = projection.map_bottom
    for longitude in range(math.ceil(projection.west), math.floor(projection.east) + 1):
        if longitude % 2:
            continue
        x, _ = projection([longitude, projection.north])
        yield (
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom:.1f}" class="grid"/>'
            f'<text x="{x:.1f}" y="{bottom + 14:.1f}" text-anchor="middle" class="tick">{longitude}°E</text>'
        )
    for latitude in range(math.ceil(projection.south), math.floor(projection.north) + 1):
        if latitude % 2:
            continue
        _, y = projection([projection.west, latitude])
        yield (
            f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH - MARGIN}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{MARGIN - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{latitude}°N</text>'
        )


# --- places --------------------------------------------------------------------------------------------

_DRAWING_ORDER = {"region": 0, "near": 1, "exact": 2}  # the most precise dot is drawn last, on top
_DOTS = {
    "exact": 'r="5" fill="#333"',
    "near": 'r="7" fill="white" fill-opacity="0.6" stroke="#333" stroke-width="2"',
    "region": 'r="10" fill="none" stroke="#333" stroke-width="1.5" stroke-dasharray="3,2"',
}
_PRECISION_WORDS = {
    "exact": "the place itself",
    "near": "a point near the place",
    "region": "a point standing for the whole area",
}


def _tooltip(feature: dict[str, Any]) -> str:
    properties = feature["properties"]
    name = properties.get("name") or properties.get("id")
    return escape(f"{name} [{feature['id']}]")


def _dot(feature: dict[str, Any], projection: Projection) -> str:
    x, y = projection(feature["geometry"]["coordinates"])
    precision = feature["properties"].get("coordinates_precision")
    style = _DOTS.get(precision, _DOTS["region"])
    return (
        f'<g><title>{_tooltip(feature)} ({precision})</title><circle cx="{x:.1f}" cy="{y:.1f}" {style}/></g>'
    )


def _places(features: list[dict[str, Any]], projection: Projection) -> Iterator[str]:
    """Dots for every place, and one label per point listing every place at it."""
    ordered = sorted(
        features, key=lambda f: _DRAWING_ORDER.get(f["properties"].get("coordinates_precision"), 0)
    )
    yield from (_dot(feature, projection) for feature in ordered)
    at: dict[tuple[float, float], list[str]] = {}
    for feature in features:
        at.setdefault(projection(feature["geometry"]["coordinates"]), []).append(
            str(feature["properties"].get("name"))
        )
    for (x, y), names in at.items():
        lines = "".join(
            f'<tspan x="{x + 12:.1f}" dy="{0 if index == 0 else 14}">{escape(name)}</tspan>'
            for index, name in enumerate(names)
        )
        yield f'<text x="{x + 12:.1f}" y="{y - 6:.1f}" class="place">{lines}</text>'


def _place_row(feature: dict[str, Any], location: Record) -> Drawn:
    precision = str(feature["properties"].get("coordinates_precision"))
    reasons = _inferred(location, "coordinates")
    return Drawn(
        kind="place",
        record=location.id,
        what=str(feature["properties"].get("name")),
        where=f"{_degrees(feature['geometry']['coordinates'])}, {precision}: "
        f"{_PRECISION_WORDS.get(precision, precision)}",
        inferred="; ".join(reason for _, reason in reasons),
    )


# --- movements -----------------------------------------------------------------------------------------


def _crossings(start: Point, end: Point, country: Country) -> list[float]:
    """Where, as fractions of the way from ``start`` to ``end``, the segment crosses the country's border."""
    (sx, sy), (ex, ey) = start, end
    found = []
    for (ax, ay), (bx, by) in country.edges():
        denominator = (ex - sx) * (by - ay) - (ey - sy) * (bx - ax)
        if denominator == 0:
            continue
        t = ((ax - sx) * (by - ay) - (ay - sy) * (bx - ax)) / denominator
        u = ((ax - sx) * (ey - sy) - (ay - sy) * (ex - sx)) / denominator
        if 0 < t < 1 and 0 <= u <= 1:
            found.append(t)
    return sorted(found)


def _along(start: Point, end: Point, t: float) -> Point:
    return start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t


def _into(start: Point, end: Point, country: Country, projection: Projection) -> float | None:
    """How far along start-end the arrow ends: just past where it first enters ``country``, or None."""
    cuts = [*_crossings(start, end, country), 1.0]
    length = math.dist(projection(start), projection(end)) or 1.0
    for here, following in pairwise(cuts):
        if country.contains(_along(start, end, (here + following) / 2)):
            return min(1.0, here + ACROSS / length)
    return None


def _whole_country(location: Record | None, borders: Borders) -> Country | None:
    """The border data's country for a location that is a whole country, else None."""
    if (
        not isinstance(location, Location)
        or location.kind is not LocationKind.COUNTRY
        or location.country is None
    ):
        return None
    entry = pycountry.countries.get(alpha_2=location.country)
    return None if entry is None else borders.by_code(entry.numeric)


def _arrow(
    dataset: Dataset,
    movement: MilitaryMovement,
    line: list[list[float]],
    borders: Borders,
    projection: Projection,
) -> tuple[Point, Point, str]:
    """Where an arrow starts and ends, and how it was shortened (``""`` when it was not)."""
    start: Point = (line[0][0], line[0][1])
    end: Point = (line[1][0], line[1][1])
    origin = dataset.get(movement.origin) if movement.origin else None
    destination = dataset.get(movement.destination) if movement.destination else None
    into, out_of = _whole_country(destination, borders), _whole_country(origin, borders)
    notes = []
    if into is not None and out_of is None:
        t = _into(start, end, into, projection)
        if t is not None and t < 1:
            end = _along(start, end, t)
            notes.append(f"ends just across {into.name}'s border, toward the point that stands for it")
    elif out_of is not None and into is None:
        t = _into(end, start, out_of, projection)
        if t is not None and t < 1:
            start = _along(end, start, t)
            notes.append(
                f"starts just inside {out_of.name}'s border, on the way from the point that stands for it"
            )
    return start, end, "; ".join(notes)


def _name(dataset: Dataset, location_id: str) -> str:
    location = dataset.get(location_id)
    return location.name if isinstance(location, Location) else location_id


def _movement(
    feature: dict[str, Any], dataset: Dataset, borders: Borders, projection: Projection
) -> tuple[str, Drawn]:
    movement = dataset[str(feature["id"])]
    assert isinstance(movement, MilitaryMovement)
    start, end, shortened = _arrow(dataset, movement, feature["geometry"]["coordinates"], borders, projection)
    (x1, y1), (x2, y2) = projection(start), projection(end)
    properties = feature["properties"]
    label = properties.get("size_text") or properties.get("kind", "")
    reasons = _inferred(movement, "origin", "destination")
    dashes = ' stroke-dasharray="7,4"' if reasons else ""
    inferred_ends = ", ".join(sorted({field for field, _ in reasons}))
    svg = (
        f"<g><title>{_tooltip(feature)}: {escape(str(label))}"
        f"{f' (inferred: {inferred_ends})' if inferred_ends else ''}</title>"
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{COLOURS["movement"]}" '
        f'stroke-width="2.5" marker-end="url(#arrow)" stroke-opacity="0.8"{dashes} '
        f'data-record="{escape(movement.id)}"/></g>'
    )
    names = [_name(dataset, end_id) for end_id in (movement.origin, movement.destination) if end_id]
    where = f"an arrow from {_degrees(start)} to {_degrees(end)}" + (f" ({shortened})" if shortened else "")
    row = Drawn(
        kind="movement",
        record=movement.id,
        what=f"{label}: {' to '.join(names)}",
        where=where,
        inferred="; ".join(f"{field}: {reason}" for field, reason in reasons),
    )
    return svg, row


# --- changes of control ----------------------------------------------------------------------------------


def _control(feature: dict[str, Any], dataset: Dataset, projection: Projection) -> tuple[str, Drawn]:
    record = dataset[str(feature["id"])]
    x, y = projection(feature["geometry"]["coordinates"])
    reasons = _inferred(record, "territory")
    fill = 'fill="white" stroke-width="2"' if reasons else f'fill="{COLOURS["control"]}" fill-opacity="0.8"'
    change = feature["properties"].get("change")
    svg = (
        f"<g><title>{_tooltip(feature)}: {escape(str(change))}</title>"
        f'<rect x="{x - 6:.1f}" y="{y + 6:.1f}" width="12" height="12" stroke="{COLOURS["control"]}" '
        f"{fill}/></g>"
    )
    territory = feature["properties"].get("territory_name") or feature["properties"].get("territory")
    row = Drawn(
        kind="control",
        record=record.id,
        what=f"{change}: {territory}",
        where=f"a square below {_degrees(feature['geometry']['coordinates'])}",
        inferred="; ".join(f"{field}: {reason}" for field, reason in reasons),
    )
    return svg, row


# --- the map -----------------------------------------------------------------------------------------------


def _inferred_points_note(places: list[Drawn]) -> str:
    """How many of the points drawn are inferred rather than given by the source."""
    inferred = sum(1 for row in places if row.inferred)
    if not places:
        return "No place is drawn."
    if inferred == len(places):
        return "Every point is inferred, none given by the source: the list beside the map says from what."
    if inferred == 0:
        return "Every point is given by the source."
    return (
        f"{inferred} of {len(places)} points are inferred, not given by the source: the list beside the "
        "map says which, and from what."
    )


def _legend(projection: Projection, note: str) -> str:
    y = projection.map_bottom + 34
    blue, red = COLOURS["movement"], COLOURS["control"]
    items = [
        (f'<circle cx="6" cy="0" {_DOTS["exact"]}/>', "the place itself"),
        (f'<circle cx="6" cy="0" {_DOTS["near"]}/>', "near the place"),
        (f'<circle cx="6" cy="0" {_DOTS["region"]}/>', "stands for a whole area"),
        (
            f'<line x1="-4" y1="0" x2="24" y2="0" stroke="{blue}" stroke-width="2.5" '
            'marker-end="url(#arrow)"/>',
            "movement",
        ),
        (
            f'<line x1="-4" y1="0" x2="24" y2="0" stroke="{blue}" stroke-width="2.5" stroke-dasharray="7,4" '
            'marker-end="url(#arrow)"/>',
            "an end inferred",
        ),
        (
            f'<rect x="0" y="-6" width="12" height="12" fill="{red}" fill-opacity="0.8" stroke="{red}"/>',
            "control",
        ),
        (
            f'<rect x="0" y="-6" width="12" height="12" fill="white" stroke-width="2" stroke="{red}"/>',
            "territory inferred",
        ),
    ]
    parts = []
    for row, row_items in enumerate((items[:3], items[3:])):
        x = float(MARGIN)
        for symbol, text in row_items:
            parts.append(
                f'<g transform="translate({x:.1f},{y + 22 * row:.1f})">{symbol}'
                f'<text x="30" y="4" class="legend">{escape(text)}</text></g>'
            )
            x += 50 + 6.5 * len(text)
    parts.append(f'<text x="{MARGIN}" y="{y + 48:.1f}" class="legend">{escape(note)}</text>')
    return "".join(parts)


def map_svg(
    dataset: Dataset, frame: Frame, borders: Borders | None = None
) -> tuple[str, list[str], list[Drawn]]:
    """The SVG map of the dataset within ``frame``, the names of the places outside it, and what is where."""
    borders = load_borders() if borders is None else borders
    projection = Projection(frame)
    features = to_geojson(dataset)["features"]
    shown = [feature for feature in features if _in_frame(feature, projection)]
    outside = [
        str(feature["properties"].get("name"))
        for feature in features
        if feature["properties"]["type"] == "location"
        and feature["geometry"] is not None
        and not projection.inside(feature["geometry"]["coordinates"])
    ]
    parts = list(_border_layer(borders, projection))
    parts.extend(_graticule(projection))
    drawn: list[Drawn] = []
    for feature in shown:
        if feature["geometry"]["type"] == "LineString" and feature["properties"]["type"] == "movement":
            svg, row = _movement(feature, dataset, borders, projection)
        elif feature["geometry"]["type"] == "Point" and feature["properties"]["type"] == "control":
            svg, row = _control(feature, dataset, projection)
        else:
            continue
        parts.append(svg)
        drawn.append(row)
    places = [f for f in shown if f["properties"]["type"] == "location"]
    parts.extend(_places(places, projection))
    drawn[:0] = [_place_row(feature, dataset[str(feature["id"])]) for feature in places]
    heading = dataset.title or "Map"
    height = projection.height
    bottom = projection.map_bottom
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" font-family="sans-serif" font-size="12">'
        f"<title>{escape(heading)}</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        f'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{COLOURS["movement"]}"/>'
        f'</marker><clipPath id="frame"><rect x="{MARGIN}" y="{TOP}" width="{WIDTH - 2 * MARGIN}" '
        f'height="{bottom - TOP:.1f}"/></clipPath></defs>'
        "<style>.grid{stroke:#000;stroke-opacity:0.08;stroke-width:1}.tick{fill:#777;font-size:10px}"
        ".country{fill:#f4f1ea;stroke:#8c8c8c;stroke-width:1;stroke-linejoin:round}"
        ".country-name{fill:#9a9a9a;font-size:13px;letter-spacing:3px}"
        ".place{fill:#222;paint-order:stroke;stroke:white;stroke-width:3px}"
        ".legend{fill:#333;font-size:11px}.heading{font-weight:bold;font-size:14px;fill:#222}</style>"
        '<rect width="100%" height="100%" fill="white"/>'
        f'<text x="{MARGIN}" y="20" class="heading">{escape(heading)}</text>'
        + "".join(parts)
        + f'<rect x="{MARGIN}" y="{TOP}" width="{WIDTH - 2 * MARGIN}" height="{bottom - TOP:.1f}" '
        'fill="none" stroke="#999"/>'
        + _legend(projection, _inferred_points_note(rows_of(drawn, "place")))
        + "</svg>\n"
    )
    return svg, outside, drawn


def _in_frame(feature: dict[str, Any], projection: Projection) -> bool:
    geometry = feature["geometry"]
    if geometry is None:
        return False
    if geometry["type"] == "Point":
        return projection.inside(geometry["coordinates"])
    if geometry["type"] == "LineString":
        return all(projection.inside(position) for position in geometry["coordinates"])
    return False


def rows_of(drawn: Iterable[Drawn], kind: str) -> list[Drawn]:
    """The rows of one kind (``"place"``, ``"movement"`` or ``"control"``)."""
    return [row for row in drawn if row.kind == kind]
