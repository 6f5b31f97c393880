"""The generated JSON Schema agrees with the library on valid and invalid documents."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictkit import (
    Dataset,
    MilitaryMovement,
    Quantity,
    ValidationError,
    from_dict,
    json_schema,
    registered_types,
    to_dict,
)
from conflictkit.cli.command import main
from conflictkit.core.validation import at_most, matches, rules, with_json_schema
from conflictkit.strategies import datasets


@attrs.frozen(kw_only=True)
class Airstrike(MilitaryMovement, type_tag="tests.airstrike"):
    """A user's record subclass, registered when this module is imported."""

    aircraft: str = attrs.field(default="unknown", metadata=rules(at_most(20)))


@attrs.frozen(kw_only=True)
class SourcedQuantity(Quantity, type_tag="tests.sourced_quantity"):
    """A user's value subclass: fields typed Quantity must now accept it by its tag."""

    source: str | None = attrs.field(default=None, metadata=rules(matches(r"[A-Z]+", "capitals")))


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(document: Any, schema: dict[str, Any] | None = None) -> list[str]:
    found = validator(schema or json_schema()).iter_errors(document)
    return [f"{error.json_path}: {error.message}" for error in found]


def library_problems(document: Any) -> list[str]:
    """What the library says: loading problems, else integrity problems."""
    try:
        dataset = from_dict(document, Dataset)
    except ValidationError as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in dataset.problems()]


BASE: dict[str, Any] = {
    "schema_version": "1.0",
    "title": "Badakhshan, July 2021",
    "records": [
        {
            "type": "document",
            "id": "doc:1",
            "title": "Report",
            "text": "Afghan troops fled.",
            "language": "en",
        },
        {"type": "actor", "id": "actor:anf", "name": "Afghan forces", "kind": "armed_force", "country": "AF"},
        {
            "type": "location",
            "id": "loc:bds",
            "name": "Badakhshan",
            "kind": "province",
            "country": "AF",
            "subdivision": "AF-BDS",
            "coordinates": {"latitude": 37.0, "longitude": 71.0},
            "geonames": 1147707,
        },
        {"type": "location", "id": "loc:tj", "name": "Tajikistan", "kind": "country", "country": "TJ"},
        {
            "type": "movement",
            "id": "move:1",
            "actor": "actor:anf",
            "kind": "border_crossing",
            "status": "completed",
            "origin": "loc:bds",
            "destination": "loc:tj",
            "size": {"best": 1037, "unit": "troops", "text": "1,037"},
            "date": {"earliest": "2021-07-04", "latest": "2021-07-05", "text": "Sunday"},
            "evidence": [{"document": "doc:1", "quote": "Afghan troops", "start": 0, "end": 13}],
        },
    ],
}


def test_base_document_is_valid_for_both() -> None:
    assert library_problems(BASE) == []
    assert schema_errors(BASE) == []


def test_the_seed_dataset_validates() -> None:
    from conflictkit import load_seed

    assert schema_errors(to_dict(load_seed())) == []


def test_schemas_are_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    for cls in registered_types().values():
        jsonschema.Draft202012Validator.check_schema(json_schema(cls))


def test_every_registered_type_is_defined_at_call_time() -> None:
    defs = json_schema()["$defs"]
    for tag in registered_types():
        assert defs[tag]["properties"]["type"] == {"const": tag}
    record_tags = {option["$ref"].rsplit("/", 1)[1] for option in defs["Record"]["oneOf"]}
    assert {
        "actor",
        "location",
        "statement",
        "movement",
        "control",
        "document",
        "tests.airstrike",
    } <= record_tags


def test_field_typed_as_a_subclassed_value_type_accepts_the_subclass_by_tag() -> None:
    size = json_schema()["$defs"]["movement"]["properties"]["size"]
    assert size == {"anyOf": [{"$ref": "#/$defs/any:Quantity"}, {"type": "null"}]}
    document = copy.deepcopy(BASE)
    document["records"][4]["size"] = {
        "type": "tests.sourced_quantity",
        "best": 3,
        "unit": "jets",
        "source": "AP",
    }
    assert library_problems(document) == []
    assert schema_errors(document) == []
    document["records"][4]["size"]["source"] = "ap"  # breaks the subclass's own rule
    assert library_problems(document)
    assert schema_errors(document)


def test_a_subclass_record_and_its_rules_are_in_the_schema() -> None:
    document = copy.deepcopy(BASE)
    document["records"].append(
        {
            "type": "tests.airstrike",
            "id": "strike:1",
            "actor": "actor:anf",
            "kind": "offensive",
            "status": "completed",
            "aircraft": "Su-25",
        }
    )
    assert library_problems(document) == []
    assert schema_errors(document) == []
    document["records"][-1]["aircraft"] = "x" * 21
    assert library_problems(document)
    assert schema_errors(document)
    assert json_schema()["$defs"]["tests.airstrike"]["properties"]["aircraft"]["maxLength"] == 20


def test_rule_hints_reach_the_schema() -> None:
    location = json_schema()["$defs"]["location"]["properties"]
    assert location["geonames"]["minimum"] == 1
    assert location["geonames"]["maximum"] == 2**53 - 1
    assert location["subdivision"]["pattern"] == "^[A-Z]{2}-[A-Z0-9]{1,3}(?![\\s\\S])"
    assert "TJ" in location["country"]["enum"]
    assert None in location["country"]["enum"]
    coordinates = json_schema()["$defs"]["Coordinates"]["properties"]
    assert (coordinates["latitude"]["minimum"], coordinates["latitude"]["maximum"]) == (-90, 90)
    document = json_schema()["$defs"]["document"]["properties"]
    assert document["sha256"]["pattern"] == "^(?:[0-9a-f]{64})(?![\\s\\S])"
    assert json_schema()["$defs"]["DateSpan"]["properties"]["earliest"]["format"] == "date"


def test_a_rule_without_a_hint_adds_nothing() -> None:
    def even(value: Any) -> str | None:
        return None if value % 2 == 0 else "must be even"

    @attrs.frozen(kw_only=True)
    class Squad(Quantity, type_tag="tests.squad"):
        size: int = attrs.field(default=2, metadata=rules(even))

    assert json_schema(Squad)["$defs"]["tests.squad"]["properties"]["size"] == {
        "type": "integer",
        "minimum": -(2**53 - 1),
        "maximum": 2**53 - 1,
    }
    with_json_schema(even, {"multipleOf": 2})
    assert json_schema(Squad)["$defs"]["tests.squad"]["properties"]["size"]["multipleOf"] == 2


def test_schema_of_one_type_has_its_definitions() -> None:
    schema = json_schema(MilitaryMovement)
    assert schema["$ref"] == "#/$defs/any:movement"  # a movement or the registered Airstrike
    assert {"movement", "tests.airstrike", "Quantity", "DateSpan", "Evidence"} <= schema["$defs"].keys()
    movement = BASE["records"][4]
    assert schema_errors(movement, schema) == []
    assert schema_errors({**movement, "kind": "parade"}, schema)


def test_schema_of_a_non_conflictkit_type_is_refused() -> None:
    with pytest.raises(TypeError):
        json_schema(dict)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_generated_datasets_validate_against_the_schema_and_load(dataset: Dataset) -> None:
    document = json.loads(json.dumps(to_dict(dataset)))
    assert schema_errors(document) == []
    assert from_dict(document, Dataset) == dataset
    assert dataset.problems() == ()


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_each_generated_record_validates_against_its_own_schema(dataset: Dataset) -> None:
    for record in dataset:
        assert schema_errors(to_dict(record), json_schema(type(record))) == []


# --- mutations both the library and the schema reject ------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _movement(document: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = document["records"][4]
    return record


MUTATIONS: dict[str, Mutation] = {
    "wrong type: number for a string": lambda d: _movement(d).update(actor=7),
    "wrong type: string for a number": lambda d: _movement(d)["size"].update(best="1037"),
    "wrong type: bool for a number": lambda d: _movement(d)["size"].update(best=True),
    "wrong type: float for an int": lambda d: d["records"][2].update(geonames=1.5),
    "wrong type: object for a list": lambda d: _movement(d).update(evidence={}),
    "wrong type: string for an object": lambda d: _movement(d).update(size="1037"),
    "wrong type: records not a list": lambda d: d.update(records={}),
    "wrong type: title a number": lambda d: d.update(title=5),
    "missing required field": lambda d: _movement(d).pop("actor"),
    "missing type tag": lambda d: _movement(d).pop("type"),
    "missing schema version": lambda d: d.pop("schema_version"),
    "missing required value field": lambda d: _movement(d)["size"].pop("unit"),
    "unknown key in a record": lambda d: _movement(d).update(colour="red"),
    "unknown key in a value": lambda d: _movement(d)["date"].update(zone="UTC"),
    "unknown key in the dataset": lambda d: d.update(author="me"),
    "unknown type tag": lambda d: _movement(d).update(type="parade"),
    "number beyond a double": lambda d: _movement(d)["size"].update(best=10**400),
    "negative number": lambda d: _movement(d)["size"].update(best=-1),
    "latitude out of range": lambda d: d["records"][2]["coordinates"].update(latitude=90.5),
    "longitude out of range": lambda d: d["records"][2]["coordinates"].update(longitude=-181),
    "geonames out of range": lambda d: d["records"][2].update(geonames=0),
    "integer beyond 2**53": lambda d: _movement(d)["evidence"][0].update(start=2**53, end=2**53 + 13),
    "negative offset": lambda d: _movement(d)["evidence"][0].update(start=-1),
    "bad enum value": lambda d: _movement(d).update(kind="parade"),
    "enum by name instead of value": lambda d: _movement(d).update(status="COMPLETED"),
    "bad nested enum value": lambda d: _movement(d)["date"].update(precision="hour"),
    "bad id": lambda d: _movement(d).update(id="move 1"),
    "empty id": lambda d: _movement(d).update(id=""),
    "bad reference id": lambda d: _movement(d).update(origin="-loc"),
    "bad QID": lambda d: d["records"][1].update(wikidata="Q0"),
    "bad sha256": lambda d: d["records"][0].update(sha256="ABC"),
    "bad language tag": lambda d: d["records"][0].update(language="English"),
    "bad country code": lambda d: d["records"][1].update(country="AFG"),
    "bad subdivision form": lambda d: d["records"][2].update(subdivision="Badakhshan"),
    "bad date": lambda d: _movement(d)["date"].update(earliest="2021-02-30"),
    "date with time": lambda d: _movement(d)["date"].update(latest="2021-07-05T10:00:00"),
    "empty string": lambda d: d["records"][1].update(name=""),
    "blank string": lambda d: d["records"][1].update(name="   "),
    "empty alias": lambda d: d["records"][1].update(aliases=["ok", ""]),
    "null for a required field": lambda d: _movement(d).update(status=None),
    "null for a defaulted field": lambda d: _movement(d).update(evidence=None),
    "schema version not a string": lambda d: d.update(schema_version=1.0),
    "newer schema version": lambda d: d.update(schema_version="2.0"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_document_is_rejected_by_library_and_schema(name: str) -> None:
    document = copy.deepcopy(BASE)
    MUTATIONS[name](document)
    assert library_problems(document), f"library accepted: {name}"
    assert schema_errors(document), f"schema accepted: {name}"


def _wrong_value(property_schema: dict[str, Any]) -> Any:
    """A JSON value of a type the property does not allow."""
    text = json.dumps(property_schema)
    if '"string"' in text or '"$ref"' in text or '"enum"' in text:
        return 12345
    return "not a number or list"


@settings(max_examples=80, deadline=None)
@given(document=datasets().map(to_dict), data=st.data())
def test_generic_mutations_of_generated_documents_are_rejected_by_both(
    document: dict[str, Any], data: st.DataObject
) -> None:
    defs = json_schema()["$defs"]
    index = data.draw(st.integers(0, len(document["records"]) - 1))
    record = document["records"][index]
    definition = defs[record["type"]]
    how = data.draw(st.sampled_from(["drop required", "unknown key", "wrong type", "bad tag"]))
    if how == "drop required":
        del record[data.draw(st.sampled_from(definition["required"]))]
    elif how == "unknown key":
        record[data.draw(st.text(min_size=1).filter(lambda key: key not in definition["properties"]))] = 0
    elif how == "wrong type":
        name = data.draw(st.sampled_from(sorted(set(definition["properties"]) - {"type"})))
        record[name] = _wrong_value(definition["properties"][name])
    else:
        record["type"] = data.draw(st.text().filter(lambda tag: tag not in registered_types()))
    assert library_problems(document)
    assert schema_errors(document)


# --- what a JSON Schema cannot express: the library alone catches it ---------------------------------


def _with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    change(document)
    return document


def _append(record: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["records"].append(record)


SCHEMA_BLIND_SPOTS: dict[str, dict[str, Any]] = {
    "dangling reference": _with(lambda d: _movement(d).update(origin="loc:nowhere")),
    "reference to the wrong record type": _with(lambda d: _movement(d).update(actor="loc:tj")),
    "duplicate id": _with(_append({"type": "actor", "id": "actor:anf", "name": "Again", "kind": "state"})),
    "low above best": _with(lambda d: _movement(d)["size"].update(qualifier="about", low=2000)),
    "high below best": _with(lambda d: _movement(d)["size"].update(qualifier="about", high=5)),
    "qualifier without its number": _with(lambda d: _movement(d)["size"].update(qualifier="more_than")),
    "latest before earliest": _with(lambda d: _movement(d)["date"].update(latest="2021-07-01")),
    "evidence end is not start + len(quote)": _with(lambda d: _movement(d)["evidence"][0].update(end=14)),
    "quote does not match the document": _with(
        lambda d: _movement(d)["evidence"][0].update(quote="Afghan troopz")
    ),
    "sha256 does not match the text": _with(lambda d: d["records"][0].update(sha256="0" * 64)),
    "neither text nor sha256": _with(lambda d: d["records"][0].pop("text")),
    "subdivision outside the country": _with(lambda d: d["records"][2].update(subdivision="TJ-GB")),
    "subdivision not in ISO 3166-2": _with(lambda d: d["records"][2].update(subdivision="AF-XXX")),
    "location is its own parent": _with(lambda d: d["records"][2].update(parent="loc:bds")),
    "origin equals destination": _with(lambda d: _movement(d).update(destination="loc:bds")),
    "statement without quote or paraphrase": _with(
        _append({"type": "statement", "id": "s:1", "speaker": "actor:anf"})
    ),
    "count exceeds total": _with(
        _append(
            {
                "type": "control",
                "id": "c:1",
                "territory": "loc:bds",
                "change": "captured",
                "count": {"best": 29, "unit": "districts"},
                "total": {"best": 28, "unit": "districts"},
            }
        )
    ),
    "inference names no field": _with(
        lambda d: d["records"][1].update(inferred=[{"field": "colour", "reason": "guess"}])
    ),
    "integer written with a fraction": _with(lambda d: d["records"][2].update(geonames=1147707.0)),
    "unpaired surrogate in a string": _with(lambda d: d["records"][1].update(name="\ud800")),
}


@pytest.mark.parametrize("name", sorted(SCHEMA_BLIND_SPOTS))
def test_rules_a_schema_cannot_express_are_caught_by_the_library(name: str) -> None:
    document = SCHEMA_BLIND_SPOTS[name]
    assert schema_errors(document) == [], "the schema does express this after all: move it to MUTATIONS"
    assert library_problems(document)


def test_the_docs_list_every_blind_spot() -> None:
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    for name in SCHEMA_BLIND_SPOTS:
        assert name in page, f"docs/schema.md does not mention {name!r}"


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    assert main(["schema", "movement"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema(MilitaryMovement)
    assert main(["schema", "dataset"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_cli_refuses_an_unknown_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "parade"]) == 2
    assert "unknown type 'parade'" in capsys.readouterr().err


def test_unions_of_scalars_keep_the_library_bounds() -> None:
    @attrs.frozen(kw_only=True)
    class Tally(Quantity, type_tag="tests.tally"):
        code: int | str | None = None

    code = json_schema(Tally)["$defs"]["tests.tally"]["properties"]["code"]
    assert code == {"type": ["integer", "string", "null"], "minimum": -(2**53 - 1), "maximum": 2**53 - 1}
    document = {"type": "tests.tally", "best": 1, "unit": "x", "code": 2**53}
    assert schema_errors(document, json_schema(Tally))
    with pytest.raises(ValidationError):
        from_dict(document, Tally)
    assert from_dict({**document, "code": "A7"}, Tally).code == "A7"


def test_an_annotation_the_schema_cannot_express_is_refused() -> None:
    from conflictkit.io.json_schema import _Builder

    with pytest.raises(TypeError, match="cannot express the annotation"):
        _Builder().annotation_schema(Quantity | int)
