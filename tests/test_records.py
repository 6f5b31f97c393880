from __future__ import annotations

from datetime import date

import attrs
import pytest

import conflictkit as ck


def _actor(**changes: object) -> ck.Actor:
    fields: dict[str, object] = {"id": "actor:1", "name": "Taliban", "kind": ck.ActorKind.ARMED_GROUP}
    fields.update(changes)
    return ck.Actor(**fields)  # type: ignore[arg-type]


def test_records_are_frozen_slotted_and_hashable() -> None:
    actor = _actor()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        actor.name = "x"  # type: ignore[misc]
    assert not hasattr(actor, "__dict__")
    assert hash(actor) == hash(_actor())
    assert {actor, _actor()} == {actor}


def test_evolve_validates() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        attrs.evolve(_actor(), country="Tajikistan")
    assert caught.value.problems[0].json_path == "$.country"
    assert attrs.evolve(_actor(), country="TJ").country == "TJ"


def test_construction_reports_every_field_problem() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.Actor(id="", name=" ", kind="person", aliases="x", wikidata="P31")  # type: ignore[arg-type]
    assert [p.json_path for p in caught.value.problems] == [
        "$.id",
        "$.name",
        "$.kind",
        "$.aliases",
        "$.wikidata",
    ]


def test_strict_types_at_construction() -> None:
    for bad in (True, 1.0, "3"):
        with pytest.raises(ck.ValidationError):
            ck.Evidence(document="d", quote="abc", start=bad, end=3)  # type: ignore[arg-type]
    with pytest.raises(ck.ValidationError):
        ck.Quantity(best=float("nan"), unit="x")
    with pytest.raises(ck.ValidationError):
        ck.DateSpan(earliest=__import__("datetime").datetime(2021, 7, 5), latest=date(2021, 7, 5))


def test_record_base_is_abstract() -> None:
    with pytest.raises(ck.ValidationError, match="no type tag"):
        ck.Record(id="x")


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"best": 5, "low": 6}, "$.low"),
        ({"best": 5, "high": 4, "qualifier": ck.Qualifier.ABOUT}, "$.high"),
        ({"low": 9, "high": 4, "qualifier": ck.Qualifier.ABOUT}, "$.high"),
        ({"qualifier": ck.Qualifier.ABOUT}, "$.best"),
        ({"best": 1, "qualifier": ck.Qualifier.UNKNOWN}, "$.qualifier"),
        ({"best": 1, "qualifier": ck.Qualifier.MORE_THAN}, "$.low"),
        ({"best": 1, "qualifier": ck.Qualifier.AT_MOST}, "$.high"),
        ({"low": 1}, "$.qualifier"),
        ({"best": -1}, "$.best"),
    ],
)
def test_quantity_rules(fields: dict[str, object], path: str) -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.Quantity(unit="troops", **fields)  # type: ignore[arg-type]
    assert path in [problem.json_path for problem in caught.value.problems]


def test_quantities_keep_their_wording() -> None:
    exact = ck.Quantity(best=1037, unit="troops", text="1,037")
    vague = ck.Quantity(
        low=1000, qualifier=ck.Qualifier.MORE_THAN, unit="troops", text="more than a thousand"
    )
    assert exact != vague
    assert str(vague) == "more than a thousand"
    assert str(ck.Quantity(best=20000, unit="reservists")) == "20000 reservists"


def test_evidence_offsets_and_locate() -> None:
    text = "He said “there’s nowhere to go” twice: nowhere."
    found = ck.Evidence.locate(text, "nowhere", document="d", occurrence=2)
    assert text[found.start : found.end] == "nowhere"
    assert found.start == text.rindex("nowhere")
    with pytest.raises(ck.ValidationError, match="occurrence 3"):
        ck.Evidence.locate(text, "nowhere", document="d", occurrence=3)
    with pytest.raises(ck.ValidationError, match="start"):
        ck.Evidence(document="d", quote="abc", start=2, end=4)


def test_location_codes() -> None:
    province = ck.Location(
        id="loc:bds", name="Badakhshan", kind=ck.LocationKind.PROVINCE, country="AF", subdivision="AF-BDS"
    )
    assert province.subdivision == "AF-BDS"
    with pytest.raises(ck.ValidationError) as caught:
        ck.Location(id="loc:x", name="X", kind=ck.LocationKind.PROVINCE, country="AF", subdivision="AF-XXX")
    assert str(caught.value) == (
        "1 problem:\n  $.subdivision: must be an ISO 3166-2 subdivision code such as 'AF-BDS', got 'AF-XXX'"
    )
    with pytest.raises(ck.ValidationError, match="not in country 'AF'"):
        ck.Location(
            id="loc:gb",
            name="Gorno-Badakhshan",
            kind=ck.LocationKind.PROVINCE,
            country="AF",
            subdivision="TJ-GB",
        )
    with pytest.raises(ck.ValidationError, match="own parent"):
        ck.Location(id="loc:a", name="A", kind=ck.LocationKind.CITY, parent="loc:a")


def test_coordinates_are_range_checked() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.Coordinates(latitude=91, longitude=-181)
    assert [p.json_path for p in caught.value.problems] == ["$.latitude", "$.longitude"]


def test_statement_needs_quote_or_paraphrase() -> None:
    with pytest.raises(ck.ValidationError, match="quote or a paraphrase"):
        ck.Statement(id="st:1", speaker="actor:1")
    assert ck.Statement(id="st:1", speaker="actor:1", paraphrase="p").paraphrase == "p"


def test_movement_origin_differs_from_destination() -> None:
    with pytest.raises(ck.ValidationError, match="differ from origin"):
        ck.MilitaryMovement(
            id="m",
            actor="a",
            kind=ck.MovementKind.RETREAT,
            status=ck.MovementStatus.COMPLETED,
            origin="loc:x",
            destination="loc:x",
        )


def test_control_count_and_total() -> None:
    districts = ck.TerritorialControl(
        id="tc:1",
        territory="loc:bds",
        change=ck.ControlChange.CAPTURED,
        count=ck.Quantity(best=26, unit="districts"),
        total=ck.Quantity(best=28, unit="districts"),
    )
    assert districts.total is not None
    with pytest.raises(ck.ValidationError, match="cannot exceed total"):
        attrs.evolve(districts, count=ck.Quantity(best=29, unit="districts"))
    with pytest.raises(ck.ValidationError, match="must match count's unit"):
        attrs.evolve(districts, total=ck.Quantity(best=28, unit="provinces"))
    with pytest.raises(ck.ValidationError, match="needed when total"):
        attrs.evolve(districts, count=None)


def test_inferences_name_real_fields() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        _actor(inferred=(ck.Inference(field="colour", reason="r"),))
    assert caught.value.problems[0].json_path == "$.inferred[0].field"


def test_document_hash_must_match_text() -> None:
    text = "Tajikistan’s President"
    assert ck.Document(id="d", title="t", text=text, sha256=ck.sha256_of(text)).sha256
    with pytest.raises(ck.ValidationError, match="does not match"):
        ck.Document(id="d", title="t", text=text, sha256="0" * 64)
    with pytest.raises(ck.ValidationError, match="text or sha256"):
        ck.Document(id="d", title="t")


def test_date_span_order() -> None:
    assert ck.DateSpan.on(date(2021, 7, 5)).is_point
    span = ck.DateSpan(earliest=date(2021, 7, 5), latest=date(2021, 9, 11), precision=ck.DatePrecision.DAY)
    assert str(span) == "2021-07-05/2021-09-11"
    with pytest.raises(ck.ValidationError, match="before earliest"):
        ck.DateSpan(earliest=date(2021, 7, 5), latest=date(2021, 7, 4))
