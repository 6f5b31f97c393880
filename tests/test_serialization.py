from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies as cks

CORE_TYPES: list[type[ck.Model]] = [
    ck.Quantity,
    ck.DateSpan,
    ck.Coordinates,
    ck.Evidence,
    ck.Inference,
    ck.Document,
    ck.Actor,
    ck.Location,
    ck.Statement,
    ck.MilitaryMovement,
    ck.TerritorialControl,
]
RECORD_TYPES = [cls for cls in CORE_TYPES if issubclass(cls, ck.Record)]


@pytest.mark.parametrize("cls", CORE_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_round_trip_every_type(cls: type[ck.Model], data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    assert ck.from_json(ck.to_json(value), cls) == value
    assert ck.from_dict(ck.to_dict(value), cls) == value


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_records_load_through_the_base_class(cls: type[ck.Record], data: st.DataObject) -> None:
    record = data.draw(st.from_type(cls))
    loaded = ck.from_json(ck.to_json(record), ck.Record)
    assert type(loaded) is cls
    assert loaded == record


@given(cks.datasets())
def test_dataset_round_trip(dataset: ck.Dataset) -> None:
    text = ck.to_json(dataset)
    assert json.loads(text)["schema_version"] == ck.SCHEMA_VERSION
    assert ck.from_json(text, ck.Dataset) == dataset
    assert ck.from_json(text.encode("utf-8"), ck.Dataset) == dataset


@settings(max_examples=5)
@given(cks.datasets(max_records=10))
def test_dataset_of_a_thousand_records_round_trips(small: ck.Dataset) -> None:
    records = [
        attrs.evolve(record, id=f"{record.id}-copy{copy}")
        for copy in range(1000 // len(small) + 1)
        for record in small
    ][:1000]
    dataset = ck.Dataset(records=records)
    assert len(dataset) == 1000
    assert ck.from_json(ck.to_json(dataset), ck.Dataset) == dataset
    assert ck.from_dict(ck.to_dict(dataset), ck.Dataset) == dataset


def test_output_is_plain_json_with_tags_and_iso_dates() -> None:
    movement = ck.MilitaryMovement(
        id="mv:1",
        actor="actor:1",
        kind=ck.MovementKind.BORDER_CROSSING,
        status=ck.MovementStatus.COMPLETED,
        size=ck.Quantity(best=1037, unit="troops", text="1,037"),
        date=ck.DateSpan.on(__import__("datetime").date(2021, 7, 4), text="Sunday"),
    )
    assert ck.to_dict(movement) == {
        "type": "movement",
        "id": "mv:1",
        "actor": "actor:1",
        "kind": "border_crossing",
        "status": "completed",
        "size": {"best": 1037, "unit": "troops", "text": "1,037"},
        "date": {"earliest": "2021-07-04", "latest": "2021-07-04", "text": "Sunday"},
    }


VALID_ACTOR: dict[str, Any] = {
    "type": "actor",
    "id": "actor:rahmon",
    "name": "Emomali Rahmon",
    "kind": "person",
    "aliases": ["Rahmon"],
    "country": "TJ",
    "evidence": [{"document": "doc:1", "quote": "Rahmon", "start": 23, "end": 29}],
}


def _with(base: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(base))
    target: Any = copy
    for segment in path[:-1]:
        target = target[segment]
    target[path[-1]] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value", "expected_path", "fragment"),
    [
        (("name",), 3, "$.name", "expected str"),
        (("kind",), "President", "$.kind", "expected one of"),
        (("kind",), 1, "$.kind", "expected one of"),
        (("aliases",), "Rahmon", "$.aliases", "expected a list"),
        (("aliases", 0), 7, "$.aliases[0]", "expected str"),
        (("country",), "TJK", "$.country", "ISO 3166-1 alpha-2"),
        (("evidence", 0, "start"), 23.0, "$.evidence[0].start", "expected int"),
        (("evidence", 0, "start"), 2.9, "$.evidence[0].start", "expected int"),
        (("evidence", 0, "start"), True, "$.evidence[0].start", "expected int"),
        (("evidence", 0, "end"), "29", "$.evidence[0].end", "expected int"),
        (("evidence", 0, "extra"), 1, "$.evidence[0].extra", "not a known field"),
        (("evidence", 0, "end"), 30, "$.evidence[0].end", "start + len(quote)"),
        (("surname",), "Rahmon", "$.surname", "not a known field"),
        (("type",), "location", "$.type", "is a Location, which is not an Actor"),
        (("type",), "acme.unknown", "$.type", "unknown type tag 'acme.unknown'"),
        (("id",), "has space", "$.id", "must be an id"),
        (("title",), None, None, None),
    ],
)
def test_each_invalid_input_is_rejected_with_its_path(
    path: tuple[str | int, ...], value: Any, expected_path: str | None, fragment: str | None
) -> None:
    data = _with(VALID_ACTOR, path, value)
    if expected_path is None:
        assert ck.from_dict(data, ck.Actor).title is None
        return
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(data, ck.Actor)
    problems = {problem.json_path: problem.message for problem in caught.value.problems}
    assert expected_path in problems, problems
    assert fragment is not None
    assert fragment in problems[expected_path]


def test_missing_required_fields_and_tag_are_reported() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": "actor", "id": "a"}, ck.Actor)
    assert {p.json_path for p in caught.value.problems} == {"$.name", "$.kind"}
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"id": "a", "name": "n", "kind": "person"}, ck.Actor)
    assert [p.json_path for p in caught.value.problems] == ["$.type"]


def test_all_problems_of_a_dataset_are_reported_at_once() -> None:
    document = {
        "schema_version": "1.0",
        "records": [
            {"type": "actor", "id": "a", "name": 3, "kind": "nobody", "zz": 1},
            VALID_ACTOR,
            {
                "type": "movement",
                "id": "m",
                "actor": "a",
                "kind": "offensive",
                "status": "ongoing",
                "size": {"best": 5, "low": 7, "qualifier": "about", "unit": "troops"},
                "date": {"earliest": "2021-07-05", "latest": "05/07/2021"},
            },
            "not a record",
        ],
    }
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(document, ck.Dataset)
    paths = [problem.json_path for problem in caught.value.problems]
    assert paths == [
        "$.records[0].zz",
        "$.records[0].name",
        "$.records[0].kind",
        "$.records[2].size.low",
        "$.records[2].date.latest",
        "$.records[3]",
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "invalid JSON at line 1"),
        ('{"a": NaN}', "NaN is not valid JSON"),
        ('{"a": Infinity}', "Infinity is not valid JSON"),
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        (b"\xff\xfe\x00", "invalid JSON"),
        ("[" * 100_000, "invalid JSON"),
        ('{"best": ' + "9" * 5000 + ', "unit": "x"}', "invalid JSON"),
        ("[]", "expected an object"),
        ("null", "expected an object"),
    ],
)
def test_malformed_json_raises_validation_error(text: str | bytes, fragment: str) -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_json(text, ck.Quantity)
    assert fragment in str(caught.value)


def test_dates_must_be_iso_8601_days() -> None:
    for bad in ("2021-7-5", "20210705", "2021-02-30", 20210705, "2021-07-05T00:00:00"):
        with pytest.raises(ck.ValidationError) as caught:
            ck.from_dict({"earliest": bad, "latest": "2021-07-05"}, ck.DateSpan)
        assert caught.value.problems[0].json_path == "$.earliest"


def test_dataset_document_rules() -> None:
    with pytest.raises(ck.SchemaVersionError) as caught:
        ck.from_dict({"schema_version": "2.0", "records": []}, ck.Dataset)
    assert "newer" in str(caught.value)
    with pytest.raises(ck.ValidationError) as missing:
        ck.from_dict({"records": []}, ck.Dataset)
    assert missing.value.problems[0].json_path == "$.schema_version"
    with pytest.raises(ck.ValidationError) as extra:
        ck.from_dict({"schema_version": "1.0", "records": [], "meta": {}}, ck.Dataset)
    assert extra.value.problems[0].json_path == "$.meta"


def test_public_functions_refuse_non_conflictkit_targets() -> None:
    with pytest.raises(TypeError):
        ck.from_dict({}, dict)


def test_library_converter_is_not_the_global_one() -> None:
    import cattrs

    assert ck.converter is not cattrs.global_converter
    own = ck.make_converter()
    assert own.structure({"best": 1, "unit": "x"}, ck.Quantity) == ck.Quantity(best=1, unit="x")


def test_a_list_is_not_a_record_and_the_message_says_how_to_write_several() -> None:
    actor = ck.Actor(id="a", name="A", kind=ck.ActorKind.PERSON)
    for several in ([actor], (actor,)):
        with pytest.raises(
            TypeError, match=r"is not a record: write several records as one Dataset .* JSON Lines"
        ):
            ck.to_json(several)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="is not a record"):
            ck.to_dict(several)  # type: ignore[arg-type]


def test_a_dataset_document_loaded_as_a_record_is_named_a_dataset() -> None:
    actor = ck.Actor(id="a", name="A", kind=ck.ActorKind.PERSON)
    dataset_text = ck.to_json(ck.Dataset(records=[actor]))
    for cls in (ck.Actor, ck.Record):
        with pytest.raises(ck.ValidationError) as caught:
            ck.from_json(dataset_text, cls)
        assert [problem.json_path for problem in caught.value.problems] == ["$"]
        assert caught.value.problems[0].message.startswith(
            "is a Dataset document (it has 'schema_version' and 'records'), not "
        )
        assert "load it with Dataset as the class" in caught.value.problems[0].message
    with pytest.raises(
        ck.ValidationError, match="is a single record of type 'actor', not a Dataset document"
    ):
        ck.from_json(ck.to_json(actor), ck.Dataset)
