"""GeoJSON of datasets: valid RFC 7946, longitude first, nothing dropped."""

from __future__ import annotations

import json
from typing import Any

import attrs
import shapely.geometry
from shapely.validation import explain_validity

from conflictkit import (
    ControlChange,
    Coordinates,
    Dataset,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Record,
    Statement,
    TerritorialControl,
)
from conflictkit.geo import to_geojson
from conflictkit.values.references import reference


def place(key: str, latitude: float | None = None, longitude: float | None = None) -> Location:
    coordinates = None
    if latitude is not None and longitude is not None:
        coordinates = Coordinates(latitude=latitude, longitude=longitude)
    return Location(id=f"loc:{key}", name=key.title(), kind=LocationKind.CITY, coordinates=coordinates)


def movement(key: str, origin: str | None, destination: str | None) -> MilitaryMovement:
    return MilitaryMovement(
        id=f"mv:{key}",
        actor="actor:x",
        kind=MovementKind.BORDER_CROSSING,
        status=MovementStatus.COMPLETED,
        origin=origin,
        destination=destination,
    )


@attrs.frozen(kw_only=True)
class Shelling(Record, type_tag="tests_geo.shelling"):
    """A user's record that happens at two places."""

    places: tuple[str, ...] = attrs.field(default=(), metadata=reference(Location, many=True))


DATASET = Dataset(
    records=[
        place("dushanbe", 38.53575, 68.77905),
        place("kunduz", 36.72895, 68.857),
        place("nowhere"),
        movement("both", "loc:kunduz", "loc:dushanbe"),
        movement("one", "loc:nowhere", "loc:dushanbe"),
        movement("none", "loc:nowhere", None),
        TerritorialControl(id="tc:1", territory="loc:kunduz", change=ControlChange.CAPTURED),
        Statement(id="st:1", speaker="actor:x", paraphrase="y"),  # no place: not a feature
        Shelling(id="sh:1", places=("loc:kunduz", "loc:dushanbe")),
    ]
)


def features() -> dict[str, dict[str, Any]]:
    collection = to_geojson(DATASET)
    assert collection["type"] == "FeatureCollection"
    return {feature["id"]: feature for feature in collection["features"]}


def test_geometries_are_valid_and_longitude_first() -> None:
    for feature in features().values():
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        if geometry is None:
            continue
        shape = shapely.geometry.shape(geometry)
        assert shape.is_valid, explain_validity(shape)
    dushanbe = features()["loc:dushanbe"]["geometry"]
    assert dushanbe == {"type": "Point", "coordinates": [68.77905, 38.53575]}


def test_each_kind_of_record_is_placed() -> None:
    found = features()
    assert found["mv:both"]["geometry"] == {
        "type": "LineString",
        "coordinates": [[68.857, 36.72895], [68.77905, 38.53575]],
    }
    assert found["mv:one"]["geometry"] == {"type": "Point", "coordinates": [68.77905, 38.53575]}
    assert found["mv:none"]["geometry"] is None
    assert found["loc:nowhere"]["geometry"] is None
    assert found["tc:1"]["geometry"] == {"type": "Point", "coordinates": [68.857, 36.72895]}
    assert found["sh:1"]["geometry"]["type"] == "MultiPoint"
    assert "st:1" not in found


def test_properties_are_plain_json_with_names_and_dates() -> None:
    found = features()
    properties = found["mv:both"]["properties"]
    assert properties["type"] == "movement"
    assert properties["origin_name"] == "Kunduz"
    assert properties["kind"] == "border_crossing"
    text = json.dumps(to_geojson(DATASET), allow_nan=False)
    assert json.loads(text) == to_geojson(DATASET)


def test_geo_interface_of_coordinates_and_locations() -> None:
    dushanbe = DATASET["loc:dushanbe"]
    assert shapely.geometry.shape(dushanbe).equals(shapely.geometry.Point(68.77905, 38.53575))
    assert not hasattr(DATASET["loc:nowhere"], "__geo_interface__")
    coordinates = Coordinates(latitude=-33.9, longitude=18.4)
    assert shapely.geometry.shape(coordinates).coords[0] == (18.4, -33.9)


def test_seed_places_and_crossings_are_on_the_map() -> None:
    from conflictkit import load_seed

    collection = to_geojson(load_seed())
    located = [
        feature
        for feature in collection["features"]
        if feature["properties"]["type"] == "location" and feature["geometry"] is not None
    ]
    assert len(located) >= 8
    crossings = [
        feature
        for feature in collection["features"]
        if feature["properties"].get("kind") == "border_crossing"
        and feature["properties"]["type"] == "movement"
    ]
    lines = [feature for feature in crossings if feature["geometry"]["type"] == "LineString"]
    assert len(lines) >= 3
    for feature in lines:
        _, end = feature["geometry"]["coordinates"]
        assert end == [71.0, 39.0]  # into Tajikistan, longitude first
        assert shapely.geometry.shape(feature["geometry"]).is_valid


def test_seed_coordinates_are_marked_as_inferred() -> None:
    from conflictkit import load_seed

    for location in load_seed().of_type(Location):
        inferred = {inference.field: inference.reason for inference in location.inferred}
        for field in ("coordinates", "geonames", "wikidata"):
            if getattr(location, field) is not None:
                assert inferred[field].startswith("from the gazetteer: "), (location.id, field)
