"""Cut the country borders the docs' maps draw from Natural Earth: ``python docs/_data/cut_borders.py TGZ``.

``TGZ`` is the npm package ``world-atlas`` 2.0.2 (``npm pack world-atlas@2.0.2``), which holds
Natural Earth 4.1.0's 1:50m admin-0 countries as TopoJSON (``package/countries-50m.json``). The
script checks the archive's SHA-256, decodes the TopoJSON, clips every country to the region the
docs' maps show (:data:`REGION`), rounds positions to a thousandth of a degree (about 100 m) and
writes ``central-asia-borders.geojson`` beside itself: one Feature per country that reaches into the
region, with its name and ISO 3166-1 numeric code, sorted by name. The same archive always gives
the same bytes; ``--check`` exits with status 1 when the committed file differs from what the
archive gives.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ARCHIVE_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
"""The SHA-256 of ``world-atlas-2.0.2.tgz`` as the npm registry serves it."""

MEMBER = "package/countries-50m.json"
"""The archive member holding Natural Earth's 1:50m countries."""

REGION = (56.0, 28.0, 82.0, 45.0)
"""West, south, east, north, in degrees: Central Asia around Afghanistan and Tajikistan."""

TARGET = Path(__file__).with_name("central-asia-borders.geojson")
"""The region-cut GeoJSON the docs build reads."""

DIGITS = 3
"""Decimal places kept in each coordinate."""

Position = tuple[float, float]
Ring = list[Position]


def _arcs(topology: dict[str, Any]) -> list[Ring]:
    """The topology's arcs as positions in degrees (undoing the quantisation and delta encoding)."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            positions.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(positions)
    return arcs


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    """A ring stitched from arcs; a negative index ``~i`` is arc ``i`` reversed."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _clip(ring: Ring, region: tuple[float, float, float, float]) -> Ring:
    """The ring clipped to the region's rectangle (Sutherland-Hodgman), closed, or empty."""
    west, south, east, north = region
    edges: tuple[tuple[Callable[[Position], bool], Callable[[Position, Position], Position]], ...] = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        if not points:
            break
        kept: Ring = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    rounded: Ring = []
    for x, y in points:
        position = (round(x, DIGITS), round(y, DIGITS))
        if not rounded or rounded[-1] != position:
            rounded.append(position)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return [*rounded, rounded[0]] if len(rounded) >= 3 else []


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def cut(topology: dict[str, Any], region: tuple[float, float, float, float] = REGION) -> dict[str, Any]:
    """The countries of a world-atlas topology clipped to ``region``, as a GeoJSON FeatureCollection."""
    arcs = _arcs(topology)
    features = []
    for country in topology["objects"]["countries"]["geometries"]:
        polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
        clipped = []
        for polygon in polygons:
            rings = [_clip(_ring(indices, arcs), region) for indices in polygon]
            if rings and rings[0]:
                clipped.append([[list(position) for position in ring] for ring in rings if ring])
        if clipped:
            features.append(
                {
                    "type": "Feature",
                    "id": country.get("id"),
                    "properties": {"name": country["properties"]["name"], "iso_numeric": country.get("id")},
                    "geometry": {"type": "MultiPolygon", "coordinates": clipped},
                }
            )
    features.sort(key=lambda feature: feature["properties"]["name"])
    return {"type": "FeatureCollection", "bbox": list(region), "features": features}


def geojson_text(collection: dict[str, Any]) -> str:
    """The collection as text: one Feature a line, so that a change shows as a change of countries."""
    lines = [
        json.dumps(feature, separators=(",", ":"), ensure_ascii=False) for feature in collection["features"]
    ]
    return (
        '{"type":"FeatureCollection","bbox":'
        + json.dumps(collection["bbox"], separators=(",", ":"))
        + ',"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )


def read_topology(archive: Path) -> dict[str, Any]:
    """The countries topology inside the world-atlas archive, after checking the archive's hash."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != ARCHIVE_SHA256:
        raise SystemExit(f"{archive}: SHA-256 {digest}, expected {ARCHIVE_SHA256} (world-atlas 2.0.2)")
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{archive}: no {MEMBER}")
        topology: dict[str, Any] = json.load(member)
    return topology


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="world-atlas-2.0.2.tgz, from `npm pack world-atlas@2.0.2`")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is out of date")
    arguments = parser.parse_args(argv)
    text = geojson_text(cut(read_topology(arguments.archive)))
    if arguments.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else None
        print(f"{TARGET.name}: {'up to date' if current == text else 'out of date'}")
        return 0 if current == text else 1
    temporary = TARGET.with_name(TARGET.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(TARGET)
    print(f"wrote {TARGET.name}: {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
