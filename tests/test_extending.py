"""Users extend conflictkit by subclassing; these classes stand in for a user's own module."""

from __future__ import annotations

import enum
import json
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies as cks


class Aircraft(enum.Enum):
    JET = "jet"
    HELICOPTER = "helicopter"


@attrs.frozen(kw_only=True)
class EstimatedQuantity(ck.Quantity, type_tag="testsuite.estimated_quantity"):
    method: str = "unspecified"


@attrs.frozen(kw_only=True)
class Airstrike(ck.MilitaryMovement):
    aircraft: Aircraft = Aircraft.JET
    sorties: int = 1
    confirmed: bool = False


@attrs.frozen(kw_only=True)
class NightAirstrike(Airstrike, type_tag="testsuite.night_airstrike"):
    moonlit: bool | None = None


@attrs.frozen(kw_only=True)
class Commander(ck.Actor, type_tag="testsuite.commander"):
    rank: str = attrs.field(default="unknown")

    @rank.validator
    def _rank_is_short(self, attribute: attrs.Attribute[str], value: str) -> None:
        if len(value) > 20:
            raise ValueError("rank must be at most 20 characters")


@attrs.frozen(kw_only=True)
class Checkpoint(ck.Location, type_tag="testsuite.checkpoint"):
    open_hours: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class Ultimatum(ck.Statement, type_tag="testsuite.ultimatum"):
    deadline: date | None = None


@attrs.frozen(kw_only=True)
class Siege(ck.TerritorialControl, type_tag="testsuite.siege"):
    besieged_population: ck.Quantity | None = None


@attrs.frozen(kw_only=True)
class Leak(ck.Document, type_tag="testsuite.leak"):
    classification: str = "unclassified"


TEXT = "Jets struck the checkpoint; the commander said the siege would last."


def _dataset() -> ck.Dataset:
    evidence = (ck.Evidence.locate(TEXT, "Jets struck the checkpoint", document="doc:leak"),)
    return ck.Dataset(
        records=[
            Leak(id="doc:leak", title="Leak", text=TEXT, classification="secret"),
            Commander(id="actor:cmd", name="The commander", kind=ck.ActorKind.PERSON, rank="colonel"),
            ck.Actor(id="actor:af", name="Air force", kind=ck.ActorKind.ARMED_FORCE),
            Checkpoint(id="loc:cp", name="Checkpoint 4", kind=ck.LocationKind.FACILITY, open_hours=(8, 9)),
            NightAirstrike(
                id="mv:strike",
                actor="actor:af",
                kind=ck.MovementKind.OFFENSIVE,
                status=ck.MovementStatus.COMPLETED,
                destination="loc:cp",
                aircraft=Aircraft.HELICOPTER,
                sorties=3,
                confirmed=True,
                moonlit=False,
                size=EstimatedQuantity(best=4, unit="aircraft", method="imagery"),
                evidence=evidence,
            ),
            Siege(
                id="tc:siege",
                territory="loc:cp",
                change=ck.ControlChange.CONTESTED,
                controller="actor:cmd",
                besieged_population=ck.Quantity(low=100, qualifier=ck.Qualifier.AT_LEAST, unit="people"),
            ),
            Ultimatum(
                id="st:ultimatum",
                speaker="actor:cmd",
                paraphrase="the siege would last",
                deadline=date(2021, 7, 9),
                about=("tc:siege", "mv:strike"),
            ),
        ]
    )


SUBCLASS_RECORDS = [record for record in _dataset() if type(record).__module__ == __name__]


@pytest.mark.parametrize("record", SUBCLASS_RECORDS, ids=lambda record: type(record).__name__)
def test_subclass_round_trips_as_itself_and_through_its_base(record: ck.Record) -> None:
    base = next(cls for cls in type(record).__mro__ if cls.__module__.startswith("conflictkit."))
    text = ck.to_json(record)
    assert json.loads(text)["type"] == ck.type_tag_of(type(record))
    for target in (type(record), base, ck.Record):
        loaded: ck.Record = ck.from_json(text, target)
        assert type(loaded) is type(record)
        assert loaded == record
        assert ck.from_dict(ck.to_dict(record), target) == record


def test_dataset_of_subclasses_round_trips_with_references_checked() -> None:
    dataset = _dataset()
    assert dataset.problems() == ()
    loaded = ck.from_json(ck.to_json(dataset), ck.Dataset)
    assert loaded == dataset
    assert [type(record) for record in loaded] == [type(record) for record in dataset]
    assert loaded.of_type(Airstrike) == (dataset["mv:strike"],)
    assert len(loaded.of_type(ck.MilitaryMovement)) == 1
    siege = dataset["tc:siege"]
    assert isinstance(siege, Siege)
    broken = ck.Dataset(records=[*dataset, attrs.evolve(siege, id="tc:2", controller="nobody")])
    assert [p.json_path for p in broken.problems()] == ["$.records[7].controller"]


def test_value_subclass_in_a_base_typed_field_keeps_its_class_and_fields() -> None:
    strike = dataset_strike()
    assert ck.to_dict(strike)["size"] == {
        "type": "testsuite.estimated_quantity",
        "unit": "aircraft",
        "best": 4,
        "method": "imagery",
    }
    loaded = ck.from_json(ck.to_json(strike), ck.MilitaryMovement)
    assert isinstance(loaded.size, EstimatedQuantity)
    assert loaded.size.method == "imagery"


def dataset_strike() -> NightAirstrike:
    strike = _dataset()["mv:strike"]
    assert isinstance(strike, NightAirstrike)
    return strike


def test_default_tag_is_module_and_class_name() -> None:
    assert ck.type_tag_of(Airstrike) == f"{__name__}.Airstrike"
    assert ck.type_tag_of(NightAirstrike) == "testsuite.night_airstrike"
    assert ck.registered_types()["testsuite.night_airstrike"] is NightAirstrike


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("sorties", 2.9, "expected int"),
        ("sorties", "3", "expected int"),
        ("confirmed", "false", "expected bool"),
        ("confirmed", 0, "expected bool"),
        ("aircraft", "drone", "expected one of 'jet', 'helicopter'"),
        ("moonlit", "yes", "expected bool"),
        ("wingspan", 12, "is not a known field"),
    ],
)
def test_subclass_fields_are_as_strict_as_the_core(field: str, value: object, fragment: str) -> None:
    data = ck.to_dict(dataset_strike())
    data[field] = value
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(data, ck.MilitaryMovement)
    (problem,) = caught.value.problems
    assert problem.json_path == f"$.{field}"
    assert fragment in problem.message


def test_subclass_construction_is_validated_and_validators_run() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        Airstrike(
            id="x", actor="a", kind=ck.MovementKind.OFFENSIVE, status=ck.MovementStatus.ONGOING, sorties=True
        )
    assert caught.value.problems[0].json_path == "$.sorties"
    with pytest.raises(ValueError, match="at most 20"):
        Commander(id="c", name="C", kind=ck.ActorKind.PERSON, rank="x" * 21)
    data = ck.to_dict(_dataset()["actor:cmd"]) | {"rank": "x" * 21}
    with pytest.raises(ck.ValidationError, match="at most 20"):
        ck.from_dict(data, ck.Actor)


def test_subclass_defined_after_data_was_serialised() -> None:
    first = ck.to_json(_dataset())
    assert ck.from_json(first, ck.Dataset) == _dataset()

    @attrs.frozen(kw_only=True)
    class Convoy(ck.MilitaryMovement, type_tag="testsuite.late_convoy"):
        vehicles: int = 0

    convoy = Convoy(
        id="mv:c",
        actor="actor:af",
        kind=ck.MovementKind.DEPLOYMENT,
        status=ck.MovementStatus.ONGOING,
        vehicles=40,
    )
    dataset = ck.Dataset(records=[*_dataset(), convoy])
    loaded = ck.from_json(ck.to_json(dataset), ck.Dataset)
    assert loaded == dataset
    assert type(loaded["mv:c"]) is Convoy
    assert ck.from_json(ck.to_json(convoy), ck.MilitaryMovement) == convoy


def test_two_classes_claiming_one_tag_fail_at_class_creation() -> None:
    with pytest.raises(ck.TypeTagError, match=r"'testsuite.siege' .* is already taken by .*Siege"):

        @attrs.frozen(kw_only=True)
        class OtherSiege(ck.TerritorialControl, type_tag="testsuite.siege"):
            pass

    with pytest.raises(ck.TypeTagError, match="reserved for conflictkit"):

        @attrs.frozen(kw_only=True)
        class FakeActor(ck.Actor, type_tag="actor"):
            pass


def test_tags_need_a_namespace_and_fields_a_supported_type() -> None:
    with pytest.raises(ck.TypeTagError, match="no namespace"):

        @attrs.frozen(kw_only=True)
        class Bare(ck.Actor, type_tag="bare"):
            pass

    with pytest.raises(TypeError, match=r"tuple\[X, \.\.\.\]"):

        @attrs.frozen(kw_only=True)
        class Listy(ck.Actor, type_tag="testsuite.listy"):
            nicknames: list[str] = attrs.field(factory=list)


def test_a_subclass_without_attrs_is_refused_clearly() -> None:
    with pytest.raises(
        ck.DefinitionError, match=r"Plain subclasses a conflictkit type without @attrs.frozen"
    ):

        class Plain(ck.Actor):
            pass


UNKNOWN = {
    "schema_version": "1.2",
    "records": [
        {"type": "actor", "id": "actor:af", "name": "Air force", "kind": "armed_force"},
        {
            "type": "other.drone_strike",
            "id": "mv:d",
            "actor": "actor:af",
            "drones": 3,
            "meta": {"a": [1, None]},
        },
        {"type": "statement", "id": "st:1", "speaker": "actor:af", "paraphrase": "p", "about": ["mv:d"]},
    ],
}


def test_unknown_tags_are_errors_by_default() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(UNKNOWN, ck.Dataset)
    assert [(p.json_path, p.message) for p in caught.value.problems] == [
        ("$.records[1].type", "unknown type tag 'other.drone_strike'")
    ]


def test_unknown_tags_pass_through_intact_in_lenient_mode() -> None:
    dataset = ck.from_dict(UNKNOWN, ck.Dataset, keep_unknown=True)
    opaque = dataset["mv:d"]
    assert isinstance(opaque, ck.OpaqueRecord)
    assert opaque.type_tag == "other.drone_strike"
    assert dataset.problems() == ()
    assert ck.to_dict(dataset) == UNKNOWN
    assert ck.from_json(ck.to_json(dataset), ck.Dataset, keep_unknown=True) == dataset
    with pytest.raises(ck.ValidationError, match="needs a string id"):
        ck.from_dict({"type": "other.thing"}, ck.Record, keep_unknown=True)
    with pytest.raises(ck.ValidationError, match="unknown type tag"):
        ck.from_dict({"type": "other.q", "unit": "x"}, ck.Quantity, keep_unknown=True)


@given(cks.instances_of(NightAirstrike, sorties=st.integers(0, 100)))
def test_strategies_build_user_subclasses(strike: NightAirstrike) -> None:
    assert isinstance(strike, NightAirstrike)
    assert ck.from_json(ck.to_json(strike), ck.MilitaryMovement) == strike


@given(cks.instances_of(Checkpoint), cks.instances_of(EstimatedQuantity, method=cks.texts()))
def test_strategies_cover_every_kind_of_subclass(checkpoint: Checkpoint, size: EstimatedQuantity) -> None:
    assert ck.from_json(ck.to_json(checkpoint), ck.Location) == checkpoint
    assert ck.from_json(ck.to_json(size), ck.Quantity) == size
