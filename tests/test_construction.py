"""What construction accepts and how it reports what it refuses: the Python side of the schema.

Construction takes enum members and any sequence for a tuple field, names every missing field at
once, and refuses a class that cannot be a conflictkit type when it is defined. Loading JSON stays
as strict as before: arrays only, values for enums.
"""

from __future__ import annotations

import enum
import inspect
from typing import Any

import attrs
import pytest

import conflictkit as ck
from conflictkit import (
    ActorKind,
    ControlChange,
    ControlMethod,
    DatePrecision,
    GeoPrecision,
    LocationKind,
    MovementKind,
    MovementStatus,
    Qualifier,
    StatementChannel,
)
from conflictkit.core.validation import compile_type_check

EVIDENCE = ck.Evidence(document="doc:r", quote="q", start=0, end=1)


def _movement(**fields: Any) -> ck.MilitaryMovement:
    base: dict[str, Any] = {
        "id": "move:m",
        "actor": "actor:a",
        "kind": MovementKind.DEPLOYMENT,
        "status": MovementStatus.ONGOING,
    }
    return ck.MilitaryMovement(**{**base, **fields})


# --- point: missing required fields ------------------------------------------------------------------


def test_missing_required_fields_are_named_all_at_once() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.MilitaryMovement(id="move:m")  # type: ignore[call-arg]
    assert str(caught.value) == (
        "3 problems:\n"
        "  $.actor: is required by MilitaryMovement but missing\n"
        "  $.kind: is required by MilitaryMovement but missing\n"
        "  $.status: is required by MilitaryMovement but missing"
    )


def test_missing_fields_are_reported_with_the_other_problems() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.Actor(id=" bad", kind=ActorKind.PERSON)  # type: ignore[call-arg]
    assert [(p.json_path, p.message) for p in caught.value.problems] == [
        ("$.id", caught.value.problems[0].message),
        ("$.name", "is required by Actor but missing"),
    ]


def test_the_signature_still_shows_required_fields_as_required() -> None:
    parameters = inspect.signature(ck.MilitaryMovement).parameters
    assert parameters["actor"].default is inspect.Parameter.empty
    assert parameters["origin"].default is None


def test_a_users_subclass_names_its_missing_fields_too() -> None:
    @attrs.frozen  # positional fields as well as the inherited keyword-only ones
    class Patrol(ck.MilitaryMovement, type_tag="testsuite.patrol"):
        route: str
        vehicles: int = 1

    with pytest.raises(ck.ValidationError) as caught:
        Patrol(id="move:p")  # type: ignore[call-arg]
    assert [p.json_path for p in caught.value.problems] == ["$.actor", "$.kind", "$.status", "$.route"]
    assert "is required by Patrol but missing" in str(caught.value)
    patrol = Patrol(
        "the ridge", actor="a", kind=MovementKind.DEPLOYMENT, status=MovementStatus.ONGOING, id="p"
    )
    assert (patrol.route, patrol.vehicles) == ("the ridge", 1)


def test_missing_keys_in_json_are_still_reported_by_the_loader() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": "movement", "id": "move:m"}, ck.MilitaryMovement)
    assert [(p.json_path, p.message) for p in caught.value.problems] == [
        ("$.actor", "is required but missing"),
        ("$.kind", "is required but missing"),
        ("$.status", "is required but missing"),
    ]


# --- point: class problems at class creation -------------------------------------------------------


def test_unsupported_field_types_name_the_class_and_every_field_at_class_creation() -> None:
    with pytest.raises(ck.DefinitionError) as caught:

        @attrs.frozen(kw_only=True)
        class Raid(ck.MilitaryMovement, type_tag="testsuite.raid"):
            targets: list[str] = attrs.field(factory=list)
            notes: dict[str, str] = attrs.field(factory=dict)
            either: ck.Quantity | ck.DateSpan | None = None
            fine: str = "x"

    message = str(caught.value)
    assert message.startswith(f"{__name__}.")
    assert "Raid: unsupported field types: 'targets' is list[str]" in message
    assert "'notes' is dict[str, str]" in message
    assert "'either' is " in message
    assert "use a common base class" in message
    assert "'fine'" not in message
    assert isinstance(caught.value, TypeError)


def test_every_class_of_conflictkit_has_annotations_its_checks_support() -> None:
    # conflictkit's own classes compile their checks on first use, not when they are made (which
    # keeps `import conflictkit` quick); this is where an unsupported annotation among them fails.
    import importlib
    import pkgutil

    from conflictkit.core import validation

    for module in pkgutil.walk_packages(ck.__path__, "conflictkit."):
        if module.name.split(".")[-1] not in {"__main__", "strategies"}:
            importlib.import_module(module.name)
    own: list[type] = []
    pending: list[type] = [ck.Model]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("conflictkit.") and attrs.has(cls):
            own.append(cls)
    assert {ck.Actor, ck.Evidence, ck.Quantity, ck.Dataset, ck.Checklist} <= set(own)
    for cls in own:
        validation._plan(cls)  # raises DefinitionError for an unsupported annotation


def test_a_user_class_with_an_unsupported_annotation_fails_when_made_not_on_first_use() -> None:
    with pytest.raises(ck.DefinitionError):

        @attrs.frozen(kw_only=True)
        class Late(ck.Quantity):
            extra: list[int] = attrs.field(factory=list)


def test_a_subclass_without_attrs_frozen_is_refused_when_it_is_defined() -> None:
    with pytest.raises(ck.DefinitionError) as caught:

        class Unbuilt(ck.MilitaryMovement):
            aircraft: str = "unknown"

    assert str(caught.value) == (
        f"{__name__}.test_a_subclass_without_attrs_frozen_is_refused_when_it_is_defined.Unbuilt subclasses "
        "a conflictkit type without @attrs.frozen, so its own fields would be neither set nor checked: "
        "decorate it with @attrs.frozen(kw_only=True)"
    )


def test_decorated_subclasses_are_not_mistaken_for_undecorated_ones() -> None:
    @attrs.frozen(kw_only=True)
    class Slotted(ck.Quantity, type_tag="testsuite.decorated_slotted"):
        method: str = "x"

    @attrs.frozen(kw_only=True, slots=False)
    class WithDict(ck.Quantity, type_tag="testsuite.decorated_dict"):
        method: str = "x"

    assert Slotted(best=1, unit="troops").method == WithDict(best=1, unit="troops").method == "x"


def test_a_subclass_made_without_a_class_statement_is_refused_at_its_first_instance() -> None:
    unbuilt = type("Unbuilt", (ck.Quantity,), {})  # no class statement to read: checked on first use
    with pytest.raises(
        ck.DefinitionError, match=r"\.Unbuilt subclasses Quantity, but attrs did not build it"
    ):
        unbuilt(best=1, unit="troops")


# --- point: sequences for tuple fields ----------------------------------------------------------------


@pytest.mark.parametrize("given", [[EVIDENCE], (EVIDENCE,), range(0)])
def test_tuple_fields_accept_any_sequence_and_store_a_tuple(given: Any) -> None:
    movement = _movement(evidence=given)
    assert type(movement.evidence) is tuple
    assert movement.evidence == tuple(given)
    assert hash(movement) == hash(_movement(evidence=tuple(given)))


def test_sequences_are_accepted_for_every_tuple_field_and_on_evolve() -> None:
    aliases = ["the Taliban"]
    actor = ck.Actor(id="a", name="Taliban", kind=ActorKind.ARMED_GROUP, aliases=aliases)
    assert actor.aliases == ("the Taliban",)
    statement = ck.Statement(id="s", speaker="a", paraphrase="p", about=["a"])
    assert statement.about == ("a",)
    evolved = attrs.evolve(statement, evidence=[EVIDENCE])
    assert evolved.evidence == (EVIDENCE,)


def test_items_of_a_sequence_are_still_checked_and_text_is_not_a_sequence() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.Actor(id="a", name="T", kind=ActorKind.PERSON, aliases=["ok", 3])  # type: ignore[list-item]
    assert [p.json_path for p in caught.value.problems] == ["$.aliases[1]"]
    with pytest.raises(ck.ValidationError, match=r"\$\.aliases: expected tuple of str, got str 'abc'"):
        ck.Actor(id="a", name="T", kind=ActorKind.PERSON, aliases="abc")  # type: ignore[arg-type]
    with pytest.raises(ck.ValidationError, match=r"\$\.aliases: expected tuple of str, got set"):
        ck.Actor(id="a", name="T", kind=ActorKind.PERSON, aliases={"x"})  # type: ignore[arg-type]


def test_json_decoding_stays_strict_about_arrays() -> None:
    document = {"type": "actor", "id": "a", "name": "T", "kind": "person", "aliases": "abc"}
    with pytest.raises(ck.ValidationError, match=r"\$\.aliases: expected a list, got str"):
        ck.from_dict(document, ck.Actor)


# --- point: enum values at construction ---------------------------------------------------------------

ENUMS: list[type[enum.Enum]] = [
    ActorKind,
    ControlChange,
    ControlMethod,
    DatePrecision,
    GeoPrecision,
    LocationKind,
    MovementKind,
    MovementStatus,
    Qualifier,
    StatementChannel,
]


def _enum_fields() -> list[tuple[type[ck.Model], str, type[enum.Enum]]]:
    found = []
    for cls in [*ck.registered_types().values(), ck.Quantity, ck.DateSpan, ck.Coordinates]:
        if cls.__module__.split(".")[0] != "conflictkit":
            continue
        for name, hint in inspect.get_annotations(cls, eval_str=True).items():
            options = getattr(hint, "__args__", (hint,))
            found += [(cls, name, option) for option in options if option in ENUMS]
    return found


def test_every_vocabulary_is_the_type_of_some_field() -> None:
    assert {vocabulary for _, _, vocabulary in _enum_fields()} == set(ENUMS)


@pytest.mark.parametrize(
    ("cls", "name", "vocabulary"), _enum_fields(), ids=lambda value: getattr(value, "__name__", value)
)
def test_an_enum_value_given_in_python_names_the_member_to_use(
    cls: type[ck.Model], name: str, vocabulary: type[enum.Enum]
) -> None:
    member = list(vocabulary)[-1]
    check = compile_type_check(inspect.get_annotations(cls, eval_str=True)[name])
    problems = check(member.value)
    assert problems is not None
    assert [problem.message for problem in problems] == [
        f"expected {vocabulary.__name__}, got str {member.value!r}: use {vocabulary.__name__}.{member.name}"
    ]
    assert check(member) is None


def test_the_member_to_use_is_named_in_the_constructor_error() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        _movement(kind="deployment", status="Ongoing")
    assert str(caught.value) == (
        "2 problems:\n"
        "  $.kind: expected MovementKind, got str 'deployment': use MovementKind.DEPLOYMENT\n"
        "  $.status: expected MovementStatus, got str 'Ongoing': use MovementStatus.ONGOING"
    )


def test_an_unknown_string_still_lists_the_values() -> None:
    with pytest.raises(
        ck.ValidationError, match=r"expected MovementKind \(one of 'mobilization', .*got str 'x'"
    ):
        _movement(kind="x")


def test_json_takes_enum_values_only() -> None:
    document = {"type": "movement", "id": "m", "actor": "a", "kind": "DEPLOYMENT", "status": "ongoing"}
    with pytest.raises(ck.ValidationError, match=r"\$\.kind: expected one of 'mobilization'"):
        ck.from_dict(document, ck.MilitaryMovement)
    assert (
        ck.from_dict({**document, "kind": "deployment"}, ck.MilitaryMovement).kind is MovementKind.DEPLOYMENT
    )
