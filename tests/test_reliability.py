"""Invariants that hold whatever the input: tags, cycles, exact codes, pickles, versions and dates."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from typing import Any

import attrs
import jsonschema
import pytest

import conflictkit as ck


def location(record_id: str, parent: str | None) -> ck.Location:
    return ck.Location(id=record_id, name="x", kind=ck.LocationKind.CITY, parent=parent)


# --- point 7: "type": null on a value type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (ck.Quantity, {"best": 1, "unit": "troops"}),
        (ck.DateSpan, {"earliest": "2021-07-05", "latest": "2021-07-05"}),
        (ck.Evidence, {"document": "doc:1", "quote": "a", "start": 0, "end": 1}),
        (ck.Inference, {"field": "status", "reason": "implied"}),
    ],
)
def test_null_type_tag_on_a_value_type_is_refused(cls: type[ck.Model], data: dict[str, Any]) -> None:
    assert isinstance(ck.from_dict(data, cls), cls)
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": None, **data}, cls)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (("type",), "expected a type tag string, got null")
    ]


def test_null_type_tag_inside_a_record_is_refused() -> None:
    movement = ck.to_dict(ck.load_seed().of_type(ck.MilitaryMovement)[0])
    assert "date" in movement
    movement["date"] = {"type": None, **movement["date"]}
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(movement, ck.Record)
    assert caught.value.problems[0].path == ("date", "type")


# --- point 15: cycles of parents --------------------------------------------------------------------


def test_every_cycle_of_parents_is_found_once() -> None:
    dataset = ck.Dataset(
        records=[
            location("loc:a", "loc:b"),
            location("loc:b", "loc:c"),
            location("loc:c", "loc:a"),
            location("loc:d", "loc:a"),  # leads into a cycle without being in it
            location("loc:e", "loc:f"),
            location("loc:f", "loc:e"),
            location("loc:g", None),
            location("loc:h", "loc:g"),
        ]
    )
    assert [(p.path, p.message) for p in dataset.problems()] == [
        (
            ("records", 0, "parent"),
            "the chain of parents loops back: 'loc:a' -> 'loc:b' -> 'loc:c' -> 'loc:a'",
        ),
        (("records", 4, "parent"), "the chain of parents loops back: 'loc:e' -> 'loc:f' -> 'loc:e'"),
    ]
    with pytest.raises(ck.ValidationError):
        dataset.validate()


def test_long_chains_of_parents_are_fine_and_walked_once() -> None:
    chain = [location(f"loc:{n}", f"loc:{n + 1}" if n < 2999 else None) for n in range(3000)]
    assert ck.Dataset(records=chain).problems() == ()


def test_own_parent_is_reported_by_the_location_alone() -> None:
    with pytest.raises(ck.ValidationError, match="its own parent"):
        location("loc:a", "loc:a")


# --- point 16: exact subdivision codes ---------------------------------------------------------------


def test_subdivision_codes_are_upper_case_only() -> None:
    assert ck.is_subdivision_code("AF-BDS")
    assert not ck.is_subdivision_code("af-bds")
    assert not ck.is_subdivision_code("Af-Bds")
    with pytest.raises(ck.ValidationError, match="subdivision"):
        ck.Location(id="loc:b", name="B", kind=ck.LocationKind.PROVINCE, country="AF", subdivision="af-bds")


# --- point 18: pickles ------------------------------------------------------------------------------


def test_pickles_and_copies_round_trip() -> None:
    seed = ck.load_seed()
    assert pickle.loads(pickle.dumps(seed)) == seed
    assert copy.deepcopy(seed) == seed
    assert copy.copy(seed) == seed


def test_a_tampered_pickle_is_validated() -> None:
    quantity = ck.Quantity(best=5, low=1, unit="troops", qualifier=ck.Qualifier.ABOUT)
    blob = pickle.dumps(quantity, protocol=4)
    assert blob.count(b"K\x05") == 1  # the best value, as a one-byte int
    with pytest.raises(ck.ValidationError, match="low"):
        pickle.loads(blob.replace(b"K\x05", b"K\x00"))


def test_setstate_cannot_change_a_live_instance() -> None:
    quantity = ck.Quantity(best=5, unit="troops")
    before = hash(quantity)
    for cls in (ck.Quantity, ck.Actor, ck.Dataset, ck.OpaqueRecord):
        assert cls.__setstate__ is ck.Model.__setstate__
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quantity.__setstate__((7, None, None, None, "x", None))
    assert hash(quantity) == before
    assert quantity.best == 5


def test_user_subclasses_pickle_through_their_constructor() -> None:
    @attrs.frozen(kw_only=True)
    class Pickled(ck.Quantity, type_tag="testsuite.pickled_quantity"):
        note: str = "n"

    # A class defined in a function cannot be found by pickle, but copying uses the same path.
    value = Pickled(best=3, unit="x", note="kept")
    assert copy.deepcopy(value) == value
    assert Pickled.__setstate__ is ck.Model.__setstate__


# --- point 19: the library and the schema agree on versions and dates ---------------------------------


def schema_accepts(document: dict[str, Any], *, formats: bool) -> bool:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER if formats else None
    validator = jsonschema.Draft202012Validator(ck.json_schema(), format_checker=checker)
    return bool(validator.is_valid(document))


def library_accepts(document: dict[str, Any]) -> bool:
    try:
        ck.from_dict(document, ck.Dataset)
    except ck.ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "version",
    ["1.0", "1.7", "1.123456", "01.0", "1.00", "1.01", "1.0000001", "1", "1.", ".0", " 1.0", "1.0\n"],
)
def test_library_and_schema_agree_on_schema_versions(version: str) -> None:
    document = {"schema_version": version, "records": []}
    assert library_accepts(document) == schema_accepts(document, formats=False)


@pytest.mark.parametrize(
    "day",
    ["2021-02-28", "2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "2021-04-31", "2021-12-31",
     "2021-13-01", "2021-00-10", "2021-01-00", "0000-01-01", "0001-01-01", "9999-12-31", "2021-1-01"],
)  # fmt: skip
def test_library_and_schema_agree_on_dates_without_format_checking(day: str) -> None:
    span = {"earliest": day, "latest": day}
    document = {
        "schema_version": "1.0",
        "records": [{"type": "document", "id": "doc:1", "title": "t", "text": "t", "published": span}],
    }
    accepted = library_accepts(document)
    assert accepted == schema_accepts(document, formats=False)
    assert accepted == schema_accepts(document, formats=True)
    if accepted:
        assert date.fromisoformat(day).isoformat() == day
