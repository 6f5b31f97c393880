"""The docs' seed map: country borders under the points, and arrows between the places the report names.

The map is drawn by ``docs/_ext/mapsvg.py`` (no Sphinx needed), over the borders vendored in
``docs/_data/``, which ``docs/_data/cut_borders.py`` cuts from Natural Earth.
"""

from __future__ import annotations

import importlib
import json
import math
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conflictkit import Coordinates, Dataset, Location, LocationKind, MilitaryMovement, load_seed

DOCS = Path(__file__).resolve().parent.parent / "docs"
SVG = "{http://www.w3.org/2000/svg}"
SEED_FRAME = (62.0, 32.5, 75.0, 40.5)
"""The frame docs/seed.md draws the seed in."""


def _import(folder: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))


mapsvg = _import(DOCS / "_ext", "mapsvg")
webmap = _import(DOCS / "_ext", "webmap")
cut_borders = _import(DOCS / "_data", "cut_borders")


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return load_seed()


@pytest.fixture(scope="module")
def drawing(seed: Dataset) -> tuple[ET.Element, list[str], list[Any]]:
    svg, outside, drawn = mapsvg.map_svg(seed, SEED_FRAME)
    return ET.fromstring(svg), outside, drawn


def _point(seed: Dataset, location_id: str) -> tuple[float, float]:
    location = seed[location_id]
    assert isinstance(location, Location)
    assert location.coordinates is not None
    x, y = mapsvg.Projection(SEED_FRAME)([location.coordinates.longitude, location.coordinates.latitude])
    return x, y


def _arrow(root: ET.Element, record_id: str) -> ET.Element:
    (line,) = [line for line in root.iter(f"{SVG}line") if line.get("data-record") == record_id]
    return line


def _ends(line: ET.Element) -> tuple[tuple[float, float], tuple[float, float]]:
    return (float(line.get("x1", "nan")), float(line.get("y1", "nan"))), (
        float(line.get("x2", "nan")),
        float(line.get("y2", "nan")),
    )


def test_the_map_draws_the_borders_of_the_frames_countries(
    drawing: tuple[ET.Element, list[str], list[Any]],
) -> None:
    root, _, _ = drawing
    paths = {path.get("data-country"): path.get("d", "") for path in root.iter(f"{SVG}path")}
    for country in (
        "Afghanistan",
        "Tajikistan",
        "Uzbekistan",
        "Turkmenistan",
        "Pakistan",
        "Kyrgyzstan",
        "China",
    ):
        assert country in paths, country
        assert paths[country].count("L") > 50, country  # a border, not a box
    labels = {text.text for text in root.iter(f"{SVG}text") if text.get("class") == "country-name"}
    assert {"AFGHANISTAN", "TAJIKISTAN", "UZBEKISTAN", "TURKMENISTAN", "PAKISTAN"} <= labels


def test_a_wider_frame_shows_iran_and_kazakhstan(seed: Dataset) -> None:
    svg, _, _ = mapsvg.map_svg(seed, (56.0, 28.0, 82.0, 45.0))
    countries = {path.get("data-country") for path in ET.fromstring(svg).iter(f"{SVG}path")}
    assert {"Iran", "Kazakhstan", "India"} <= countries


def test_the_borders_are_under_the_points(drawing: tuple[ET.Element, list[str], list[Any]]) -> None:
    root, _, _ = drawing
    order = [element.tag for element in root.iter() if element.tag in (f"{SVG}path", f"{SVG}circle")]
    assert order.index(f"{SVG}circle") > max(i for i, tag in enumerate(order) if tag == f"{SVG}path")


@pytest.mark.parametrize(
    "record_id", ["move:afghan-troops-crossed-1037", "move:afghan-forces-crossed-more-than-a-thousand"]
)
def test_the_sunday_crossing_starts_in_badakhshan_not_at_afghanistans_centre(
    seed: Dataset, drawing: tuple[ET.Element, list[str], list[Any]], record_id: str
) -> None:
    root, _, _ = drawing
    start, end = _ends(_arrow(root, record_id))
    assert math.dist(start, _point(seed, "loc:badakhshan")) < 0.2
    assert math.dist(start, _point(seed, "loc:afghanistan")) > 100
    # It ends just across the border, inside Tajikistan, not on the point standing for the country.
    tajikistan = mapsvg.load_borders().by_code("762")
    projection = mapsvg.Projection(SEED_FRAME)
    longitude = projection.west + (end[0] - mapsvg.MARGIN) / projection.x_scale
    latitude = projection.north - (end[1] - mapsvg.TOP) / projection.y_scale
    assert tajikistan.contains((longitude, latitude))
    assert math.dist(end, _point(seed, "loc:tajikistan")) > 5


def test_the_152_enter_tajikistan_from_ishkashim(
    seed: Dataset, drawing: tuple[ET.Element, list[str], list[Any]]
) -> None:
    root, _, _ = drawing
    start, end = _ends(_arrow(root, "move:people-entered-from-ishkashim-152"))
    assert math.dist(start, _point(seed, "loc:ishkashim")) < 0.2
    assert math.dist(start, end) < 60  # a short arrow across the Panj, not a line to Tajikistan's centre


def test_an_arrow_with_an_inferred_end_is_dashed(
    seed: Dataset, drawing: tuple[ET.Element, list[str], list[Any]]
) -> None:
    root, _, _ = drawing
    for movement in seed.of_type(MilitaryMovement):
        lines = [line for line in root.iter(f"{SVG}line") if line.get("data-record") == movement.id]
        inferred = {inference.field for inference in movement.inferred} & {"origin", "destination"}
        for line in lines:
            assert (line.get("stroke-dasharray") is not None) == bool(inferred), movement.id


def test_what_is_drawn_where_lists_every_point_and_why_it_is_there(
    seed: Dataset, drawing: tuple[ET.Element, list[str], list[Any]]
) -> None:
    _, outside, drawn = drawing
    assert outside == ["Russia", "Moscow"]
    places = {row.record: row for row in mapsvg.rows_of(drawn, "place")}
    assert "loc:badakhshan" in places
    assert "region" in places["loc:badakhshan"].where
    assert "Fayzabad" in places["loc:badakhshan"].inferred
    assert "exact" in places["loc:dushanbe"].where
    (crossing,) = [
        row for row in mapsvg.rows_of(drawn, "movement") if row.record == "move:afghan-troops-crossed-1037"
    ]
    assert crossing.inferred.startswith("origin: ")
    assert "across Tajikistan's border" in crossing.where


def test_a_frame_beyond_the_border_data_is_refused(seed: Dataset) -> None:
    with pytest.raises(ValueError, match="beyond the border data's region"):
        mapsvg.map_svg(seed, (-180.0, -80.0, 180.0, 80.0))


# --- the vendored borders and the script that cuts them -------------------------------------------------


def test_the_vendored_borders_cover_the_region_the_script_cuts() -> None:
    collection = json.loads((DOCS / "_data" / "central-asia-borders.geojson").read_text(encoding="utf-8"))
    assert tuple(collection["bbox"]) == cut_borders.REGION
    borders = mapsvg.load_borders()
    assert borders.region == cut_borders.REGION
    assert borders.by_code("004").name == "Afghanistan"
    dushanbe = (68.77905, 38.53575)
    assert borders.by_code("762").contains(dushanbe)
    assert not borders.by_code("004").contains(dushanbe)


def _topology(arcs: list[list[list[int]]], geometries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [0, 0]},
        "arcs": arcs,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
    }


def test_the_cut_decodes_delta_encoded_arcs_and_clips_to_the_region() -> None:
    # A square from (0,0) to (4,4) degrees: arcs quantised by 0.5 and delta encoded.
    square = [[0, 0], [8, 0], [0, 8], [-8, 0], [0, -8]]
    topology = _topology(
        [square],
        [
            {"type": "Polygon", "arcs": [[0]], "id": "001", "properties": {"name": "Square"}},
            {"type": "Polygon", "arcs": [[~0]], "id": "002", "properties": {"name": "Reversed"}},
        ],
    )
    collection = cut_borders.cut(topology, (2.0, -1.0, 10.0, 3.0))
    assert [feature["properties"]["name"] for feature in collection["features"]] == ["Reversed", "Square"]
    ((ring,),) = collection["features"][1]["geometry"]["coordinates"]
    assert ring[0] == ring[-1]
    assert sorted(set(map(tuple, ring))) == [(2.0, 0.0), (2.0, 3.0), (4.0, 0.0), (4.0, 3.0)]
    assert collection["bbox"] == [2.0, -1.0, 10.0, 3.0]


def test_the_cut_leaves_out_countries_outside_the_region() -> None:
    far = [[40, 40], [2, 0], [0, 2], [-2, 0], [0, -2]]
    topology = _topology(
        [far], [{"type": "Polygon", "arcs": [[0]], "id": "003", "properties": {"name": "Far"}}]
    )
    assert cut_borders.cut(topology, (0.0, 0.0, 5.0, 5.0))["features"] == []


# --- the interactive map ---------------------------------------------------------------------------------


def _embedded(html: str, name: str) -> dict[str, Any]:
    start = f'<script type="application/json" id="{name}-data">'
    data = html.split(start, 1)[1].split("</script>", 1)[0]
    collection: dict[str, Any] = json.loads(data)
    return collection


def test_the_web_map_fetches_nothing_until_the_reader_asks(seed: Dataset) -> None:
    html = webmap.web_map_html(seed, "seed-web-map", SEED_FRAME)
    assert "<link" not in html
    assert "<script src" not in html
    assert "<img" not in html
    # Leaflet is loaded by the button's handler, checked against its hashes.
    for url, integrity in (webmap.LEAFLET_JS, webmap.LEAFLET_CSS):
        assert json.dumps([url, integrity]) in html
    assert 'addEventListener("click"' in html


def test_the_web_map_holds_the_places_and_the_crossing_from_badakhshan(seed: Dataset) -> None:
    collection = _embedded(webmap.web_map_html(seed, "seed-web-map"), "seed-web-map")
    features = {feature["id"]: feature for feature in collection["features"]}
    assert {feature["properties"]["type"] for feature in features.values()} == {
        "location",
        "movement",
        "control",
    }
    badakhshan = seed["loc:badakhshan"]
    assert isinstance(badakhshan, Location)
    assert badakhshan.coordinates is not None
    crossing = features["move:afghan-troops-crossed-1037"]
    assert crossing["geometry"]["coordinates"][0] == [
        badakhshan.coordinates.longitude,
        badakhshan.coordinates.latitude,
    ]
    assert [inference["field"] for inference in crossing["properties"]["inferred"]] == ["origin"]


def test_the_web_maps_data_cannot_end_its_script_element() -> None:
    hostile = Location(
        id="loc:x",
        name="</script><script>alert(1)</script>",
        kind=LocationKind.CITY,
        coordinates=Coordinates(latitude=1.0, longitude=2.0),
    )
    html = webmap.web_map_html(Dataset(records=[hostile]), "m")
    assert "alert(1)</script>" not in html
    assert _embedded(html, "m")["features"][0]["properties"]["name"] == hostile.name
