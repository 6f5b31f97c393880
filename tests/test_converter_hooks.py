"""Converters made with ``make_converter``: hooks a user registers take precedence, errors are worded.

The fast converter (``detailed_validation=False``) loads through generated check-and-build
functions; they must call a hook the user registered for a type rather than do its work inline,
and what they refuse must come out as the library's errors, never as their internal signal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import conflictkit as ck

MOVEMENT: dict[str, Any] = {
    "type": "movement",
    "id": "m1",
    "actor": "a1",
    "kind": "deployment",
    "status": "ongoing",
    "date": {"earliest": "2021-07-05", "latest": "2021-07-05", "precision": "day"},
    "size": {"best": 300, "qualifier": "about", "unit": "troops"},
}
ACTOR: dict[str, Any] = {"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}

both_kinds = pytest.mark.parametrize("detailed", [False, True], ids=["fast", "detailed"])


@both_kinds
def test_a_hook_for_dates_is_used_inside_nested_values(detailed: bool) -> None:
    converter = ck.make_converter(detailed_validation=detailed)
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value[:10]))
    moved = {**MOVEMENT, "date": {**MOVEMENT["date"], "latest": "2021-07-05T18:00:00"}}
    movement = converter.structure(moved, ck.MilitaryMovement)
    assert movement.date == ck.DateSpan(
        earliest=date(2021, 7, 5), latest=date(2021, 7, 5), precision=ck.DatePrecision.DAY
    )


@both_kinds
def test_a_hook_for_a_value_type_is_used_for_its_fields(detailed: bool) -> None:
    def bare_number(value: Any, cls: type[ck.Quantity]) -> ck.Quantity:
        return cls(best=value, qualifier=ck.Qualifier.EXACT, unit="troops")

    converter = ck.make_converter(detailed_validation=detailed)
    converter.register_structure_hook(ck.Quantity, bare_number)
    movement = converter.structure({**MOVEMENT, "size": 300}, ck.MilitaryMovement)
    assert movement.size == ck.Quantity(best=300, qualifier=ck.Qualifier.EXACT, unit="troops")


@both_kinds
def test_a_hook_for_an_enum_is_used(detailed: bool) -> None:
    converter = ck.make_converter(detailed_validation=detailed)
    converter.register_structure_hook(ck.ActorKind, lambda value, cls: cls(value.lower()))
    actor = converter.structure({**ACTOR, "kind": "ARMED_GROUP"}, ck.Actor)
    assert actor.kind is ck.ActorKind.ARMED_GROUP


@both_kinds
def test_a_hook_for_a_record_class_is_used_when_a_type_tag_names_it(detailed: bool) -> None:
    def renamed(value: dict[str, Any], cls: type[ck.Actor]) -> ck.Actor:
        return cls(id=value["id"], name=value["label"], kind=ck.ActorKind(value["kind"]))

    converter = ck.make_converter(detailed_validation=detailed)
    converter.register_structure_hook(ck.Actor, renamed)
    legacy = {"type": "actor", "id": "a1", "label": "Taliban", "kind": "armed_group"}
    assert converter.structure(legacy, ck.Record) == ck.Actor(
        id="a1", name="Taliban", kind=ck.ActorKind.ARMED_GROUP
    )
    document = {"schema_version": ck.SCHEMA_VERSION, "records": [legacy]}
    [loaded] = converter.structure(document, ck.Dataset).records
    assert loaded == ck.Actor(id="a1", name="Taliban", kind=ck.ActorKind.ARMED_GROUP)


def test_the_fast_converter_words_what_it_refuses() -> None:
    converter = ck.make_converter(detailed_validation=False)
    with pytest.raises(ck.ValidationError, match=r"\$\.name: must not be empty or blank"):
        converter.structure({**ACTOR, "name": " "}, ck.Actor)


def test_the_fast_converter_words_what_it_refuses_inside_a_dataset() -> None:
    converter = ck.make_converter(detailed_validation=False)
    document = {"schema_version": ck.SCHEMA_VERSION, "records": [ACTOR, {**ACTOR, "id": "a2", "name": ""}]}
    with pytest.raises(ck.ValidationError, match=r"must not be empty or blank"):
        converter.structure(document, ck.Dataset)


def test_the_fast_converter_still_loads_what_its_loaders_leave_to_cattrs() -> None:
    class Name(str):
        """A str subclass: the generated loaders refuse it, the converter accepts it."""

    converter = ck.make_converter(detailed_validation=False)
    assert converter.structure({**ACTOR, "name": Name("Taliban")}, ck.Actor).name == "Taliban"
