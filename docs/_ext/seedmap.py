"""A dataset on a map, drawn as SVG from its GeoJSON when the docs are built, offline.

The ``conflictkit-map`` directive draws :func:`conflictkit.geo.to_geojson` of the dataset that its
``:dataset:`` option names (``module:function``, by default the bundled seed): places as dots
(filled when the point is the place itself, hollow when it is near it or stands for a larger
region), movements as arrows from origin to destination, changes of control as squares on the
territory. No tiles, no network and no plotting library: a plain equirectangular projection with a
graticule, framed by the ``:frame:`` option (``west,south,east,north`` in degrees); places outside
the frame are named in the caption.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from timeline import DEFAULT_DATASET, load_dataset

from conflictkit import Dataset
from conflictkit.geo import to_geojson

Frame = tuple[float, float, float, float]
"""West, south, east, north, in degrees."""

WIDTH, MARGIN, TOP = 900, 40, 40
COLOURS = {"movement": "#1f6fb2", "control": "#b2291f", "location": "#333333", "other": "#8a5a00"}


def _frame(spec: str) -> Frame:
    west, south, east, north = (float(part) for part in spec.split(","))
    return west, south, east, north


class Projection:
    """Equirectangular, scaled so that a degree of longitude is as long as at the frame's middle."""

    def __init__(self, frame: Frame) -> None:
        self.west, self.south, self.east, self.north = frame
        middle = math.radians((self.south + self.north) / 2)
        self.x_scale = (WIDTH - 2 * MARGIN) / (self.east - self.west)
        self.y_scale = self.x_scale / max(math.cos(middle), 0.2)
        self.height = TOP + MARGIN + (self.north - self.south) * self.y_scale

    def inside(self, position: list[float]) -> bool:
        """Whether a ``[longitude, latitude]`` is within the frame."""
        longitude, latitude = position
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def __call__(self, position: list[float]) -> tuple[float, float]:
        longitude, latitude = position
        return (
            MARGIN + (longitude - self.west) * self.x_scale,
            TOP + (self.north - latitude) * self.y_scale,
        )


def _graticule(projection: Projection) -> Iterator[str]:
    for longitude in range(math.ceil(projection.west), math.floor(projection.east) + 1):
        if longitude % 2:
            continue
        x, _ = projection([longitude, projection.north])
        yield (
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{projection.height - MARGIN:.1f}" class="grid"/>'
            f'<text x="{x:.1f}" y="{projection.height - MARGIN + 14:.1f}" text-anchor="middle" '
            f'class="tick">{longitude}°E</text>'
        )
    for latitude in range(math.ceil(projection.south), math.floor(projection.north) + 1):
        if latitude % 2:
            continue
        _, y = projection([projection.west, latitude])
        yield (
            f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH - MARGIN}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{MARGIN - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{latitude}°N</text>'
        )


def _tooltip(feature: dict[str, Any]) -> str:
    properties = feature["properties"]
    name = properties.get("name") or properties.get("id")
    return escape(f"{name} [{feature['id']}]")


_DRAWING_ORDER = {"region": 0, "near": 1, "exact": 2}  # the most precise dot is drawn last, on top


def _dot(feature: dict[str, Any], projection: Projection) -> str:
    x, y = projection(feature["geometry"]["coordinates"])
    precision = feature["properties"].get("coordinates_precision")
    style = {
        "exact": 'r="5" fill="#333"',
        "near": 'r="7" fill="none" stroke="#333" stroke-width="2"',
    }.get(precision, 'r="10" fill="none" stroke="#333" stroke-dasharray="3,2"')
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


def _movement(feature: dict[str, Any], projection: Projection) -> str:
    (x1, y1), (x2, y2) = (projection(end) for end in feature["geometry"]["coordinates"])
    properties = feature["properties"]
    label = properties.get("size_text") or properties.get("kind", "")
    return (
        f"<g><title>{_tooltip(feature)}: {escape(str(label))}</title>"
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{COLOURS["movement"]}" '
        'stroke-width="2" marker-end="url(#arrow)" stroke-opacity="0.7"/></g>'
    )


def _control(feature: dict[str, Any], projection: Projection) -> str:
    x, y = projection(feature["geometry"]["coordinates"])
    return (
        f"<g><title>{_tooltip(feature)}: {escape(str(feature['properties'].get('change')))}</title>"
        f'<rect x="{x - 6:.1f}" y="{y + 6:.1f}" width="12" height="12" fill="{COLOURS["control"]}" '
        'fill-opacity="0.8"/></g>'
    )


def _in_frame(feature: dict[str, Any], projection: Projection) -> bool:
    geometry = feature["geometry"]
    if geometry is None:
        return False
    if geometry["type"] == "Point":
        return projection.inside(geometry["coordinates"])
    if geometry["type"] == "LineString":
        return all(projection.inside(position) for position in geometry["coordinates"])
    return False


def map_svg(dataset: Dataset, frame: Frame) -> tuple[str, list[str]]:
    """The SVG map of the dataset within ``frame``, and the names of places outside it."""
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
    parts = list(_graticule(projection))
    drawers = {"LineString": _movement}
    for feature in shown:
        kind = feature["properties"]["type"]
        if feature["geometry"]["type"] in drawers:
            parts.append(drawers[feature["geometry"]["type"]](feature, projection))
        elif kind == "control":
            parts.append(_control(feature, projection))
    parts.extend(_places([f for f in shown if f["properties"]["type"] == "location"], projection))
    heading = dataset.title or "Map"
    height = projection.height
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" font-family="sans-serif" font-size="12">'
        f"<title>{escape(heading)}</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{COLOURS["movement"]}"/>'
        "</marker></defs>"
        "<style>.grid{stroke:#ddd;stroke-width:1}.tick{fill:#777;font-size:10px}"
        ".place{fill:#222}.heading{font-weight:bold;font-size:14px;fill:#222}</style>"
        '<rect width="100%" height="100%" fill="white"/>'
        f'<text x="{MARGIN}" y="20" class="heading">{escape(heading)}</text>' + "".join(parts) + "</svg>\n"
    )
    return svg, outside


class MapDirective(SphinxDirective):
    """Draw a dataset's places and movements as an SVG map and show it as a figure."""

    option_spec: ClassVar[dict[str, Any]] = {
        "dataset": directives.unchanged,
        "name": directives.unchanged,
        "frame": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        dataset = load_dataset(self.options.get("dataset", DEFAULT_DATASET))
        name = self.options.get("name", "map")
        frame = _frame(self.options.get("frame", "-180,-80,180,80"))
        svg, outside = map_svg(dataset, frame)
        target = Path(self.env.srcdir) / "_generated" / f"{name}.svg"
        target.parent.mkdir(exist_ok=True)
        target.write_text(svg, encoding="utf-8")
        image = nodes.image(uri=f"/_generated/{name}.svg", alt=f"Map of {dataset.title or 'the dataset'}")
        caption = (
            "Filled dots: the point is the place itself; hollow: a point near it; dashed: a point "
            "standing for a whole country or province. Arrows: movements from origin to destination; "
            "squares: changes of control. Hover for names and ids."
            + (f" Outside the frame: {', '.join(outside)}." if outside else "")
        )
        return [nodes.figure("", image, nodes.caption(text=caption))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-map", MapDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
