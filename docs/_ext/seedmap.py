"""A dataset on a map, drawn as SVG from its GeoJSON when the docs are built, offline.

The ``conflictkit-map`` directive draws :func:`conflictkit.geo.to_geojson` of the dataset that its
``:dataset:`` option names (``module:function``, by default the bundled seed) over country borders
from Natural Earth (vendored, cut to the region, in ``docs/_data/``): places as dots (filled when
the point is the place itself, hollow when it is near it, dashed when it stands for a whole
country or province), movements as arrows from origin to destination (dashed when an end is
inferred), changes of control as squares on the territory. No tiles, no network and no plotting
library: :func:`mapsvg.map_svg` draws a plain equirectangular projection framed by the ``:frame:``
option (``west,south,east,north`` in degrees). Below the map, the figure lists what is drawn where
and which placements are inferred, and why; places outside the frame are named in the caption.

The ``conflictkit-web-map`` directive puts an interactive version on an HTML page (see
:mod:`webmap`): the same places and arrows over OpenStreetMap's tiles, which the reader's browser
loads, with Leaflet, only when the reader asks for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from mapsvg import Drawn, map_svg, parse_frame, rows_of
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from timeline import DEFAULT_DATASET, load_dataset
from webmap import web_map_html

CAPTION = (
    "Borders: Natural Earth 1:50m countries (public domain). Dots: filled, the place itself; hollow, "
    "a point near it; dashed, a point standing for a whole country or province. Arrows: movements "
    "from origin to destination, dashed where the record marks an end as inferred. Squares: changes "
    "of control, hollow where the territory is inferred. Hover for names and ids."
)

HEADERS = ("Record", "What", "Drawn", "Inferred, and why")
WIDTHS = (22, 18, 28, 32)
SECTIONS = (
    ("place", "Places"),
    ("movement", "Movements"),
    ("control", "Changes of control"),
)


def _table(rows: list[Drawn]) -> nodes.table:
    group = nodes.tgroup(cols=len(HEADERS))
    group += [nodes.colspec(colwidth=width) for width in WIDTHS]
    group += nodes.thead("", _row(HEADERS))
    group += nodes.tbody("", *(_row((row.record, row.what, row.where, row.inferred or "—")) for row in rows))
    return nodes.table("", group)


def _row(cells: tuple[str, ...]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph(text=cell)) for cell in cells))


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
        frame = parse_frame(self.options.get("frame", "56,28,82,45"))
        try:
            svg, outside, drawn = map_svg(dataset, frame)
        except ValueError as error:
            raise self.error(f"conflictkit-map: {error}") from error
        target = Path(self.env.srcdir) / "_generated" / f"{name}.svg"
        target.parent.mkdir(exist_ok=True)
        target.write_text(svg, encoding="utf-8")
        image = nodes.image(uri=f"/_generated/{name}.svg", alt=f"Map of {dataset.title or 'the dataset'}")
        caption = CAPTION + (f" Outside the frame: {', '.join(outside)}." if outside else "")
        legend = nodes.legend()
        for kind, title in SECTIONS:
            rows = rows_of(drawn, kind)
            if rows:
                legend += nodes.paragraph("", "", nodes.strong(text=f"{title} on the map"))
                legend += _table(rows)
        return [nodes.figure("", image, nodes.caption(text=caption), legend)]


class WebMapDirective(SphinxDirective):
    """An interactive map of a dataset (Leaflet); its scripts and tiles load only in the reader's browser."""

    option_spec: ClassVar[dict[str, Any]] = {
        "dataset": directives.unchanged,
        "name": directives.unchanged,
        "frame": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        dataset = load_dataset(self.options.get("dataset", DEFAULT_DATASET))
        frame = parse_frame(self.options["frame"]) if "frame" in self.options else None
        html = web_map_html(dataset, self.options.get("name", "web-map"), frame)
        return [nodes.raw("", html, format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-map", MapDirective)
    app.add_directive("conflictkit-web-map", WebMapDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
