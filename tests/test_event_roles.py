"""What events() counts: events, not conditions, attributions or parts of an event."""

from __future__ import annotations

import warnings

import attrs
import jsonschema
import pytest

from conflictkit import (
    Actor,
    ActorKind,
    ControlChange,
    Dataset,
    EventRole,
    Incident,
    IncidentKind,
    Inference,
    Interaction,
    InteractionKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Quantity,
    Relation,
    RelationKind,
    SpeechAct,
    Statement,
    TerritorialControl,
    ValidationError,
    can_be_same_event,
    json_schema,
    to_dict,
)
from conflictkit.crosswalk import acled

WHY = (Inference(field="kind", reason="stated by the test"),)


def link(record_id: str, source: str, kind: RelationKind, target: str) -> Relation:
    return Relation(id=record_id, source=source, kind=kind, target=target, inferred=WHY)


def movement(
    record_id: str, role: EventRole = EventRole.EVENT, equipment: tuple[str, ...] = ()
) -> MilitaryMovement:
    return MilitaryMovement(
        id=record_id,
        actor="actor:a",
        kind=MovementKind.DEPLOYMENT,
        status=MovementStatus.ONGOING,
        role=role,
        equipment=equipment,
    )


def districts(record_id: str, count: int) -> TerritorialControl:
    return TerritorialControl(
        id=record_id,
        territory="loc:p",
        change=ControlChange.CAPTURED,
        count=Quantity(best=count, unit="districts"),
    )


def said(record_id: str, role: EventRole = EventRole.EVENT, **fields: object) -> Statement:
    return Statement(id=record_id, speaker="actor:s", paraphrase="it happened", role=role, **fields)  # type: ignore[arg-type]


def test_conditions_and_attributions_are_not_events() -> None:
    data = Dataset(
        records=[
            movement("move:event"),
            movement("move:stationed", EventRole.CONDITION),
            said("stmt:says", EventRole.ATTRIBUTION, about=("move:event",)),
            said("stmt:threat", act=SpeechAct.THREATEN),
        ]
    )
    assert [event.claim_ids for event in data.events()] == [("move:event",), ("stmt:threat",)]
    assert [record.id for record in data.conditions()] == ["move:stationed"]


@pytest.mark.parametrize(
    "record",
    [
        movement("move:1"),
        districts("ctrl:1", 1),
        Incident(id="inc:1", kind=IncidentKind.CAPTURE),
        Interaction(id="int:1", kind=InteractionKind.OTHER, sources=("actor:a",)),
    ],
    ids=lambda record: type(record).__name__,
)
def test_only_a_statement_can_be_an_attribution(record: object) -> None:
    with pytest.raises(ValidationError) as error:
        attrs.evolve(record, role=EventRole.ATTRIBUTION)  # type: ignore[misc]
    assert [problem.json_path for problem in error.value.problems] == ["$.role"]
    assert "statements only" in str(error.value)


def test_an_attribution_attributes_something_and_is_no_act() -> None:
    with pytest.raises(ValidationError) as error:
        said("stmt:1", EventRole.ATTRIBUTION, act=SpeechAct.THREATEN)
    assert [problem.json_path for problem in error.value.problems] == ["$.about", "$.role"]


def test_a_subset_is_a_part_of_the_event_not_an_event_and_its_figure_is_not_reconciled() -> None:
    data = Dataset(
        records=[
            districts("ctrl:26", 26),
            districts("ctrl:3", 3),
            link("rel:1", "ctrl:3", RelationKind.PART_OF, "ctrl:26"),
        ]
    )
    [event] = data.events()
    assert event.claim_ids == ("ctrl:26",)
    assert [part.id for part in event.parts] == ["ctrl:3"]
    assert [link.id for link in event.links] == ["rel:1"]
    count = event.figure("count")
    assert count is not None
    assert (count.best, count.low, count.high) == (26, 26, 26)


def test_a_part_of_a_condition_or_of_another_family_is_an_event_of_its_own() -> None:
    data = Dataset(
        records=[
            movement("move:withdrawing", EventRole.CONDITION),
            movement("move:left-a-base"),
            link("rel:1", "move:left-a-base", RelationKind.PART_OF, "move:withdrawing"),
            districts("ctrl:1", 1),
            link("rel:2", "ctrl:1", RelationKind.PART_OF, "move:left-a-base"),
        ]
    )
    assert [(event.claim_ids, event.parts) for event in data.events()] == [
        (("move:left-a-base",), ()),
        (("ctrl:1",), ()),
    ]


def test_a_capture_and_the_retreat_it_ends_can_be_one_event() -> None:
    capture = Incident(id="inc:1", kind=IncidentKind.CAPTURE, perpetrators=("actor:t",))
    retreat = attrs.evolve(movement("move:1"), kind=MovementKind.RETREAT, status=MovementStatus.STOPPED)
    assert can_be_same_event(capture, retreat)
    assert can_be_same_event(retreat, capture)
    data = Dataset(records=[retreat, capture, link("rel:1", "inc:1", RelationKind.SAME_EVENT, "move:1")])
    assert [event.claim_ids for event in data.events()] == [("move:1", "inc:1")]
    assert not [problem for problem in data.problems() if "same_event" in problem.message]


def test_a_control_record_and_a_movement_are_still_never_one_event() -> None:
    assert not can_be_same_event(districts("ctrl:1", 1), movement("move:1"))
    assert not can_be_same_event(districts("ctrl:1", 1), Actor(id="a", name="A", kind=ActorKind.STATE))


def test_equipment_is_listed_once_each() -> None:
    with pytest.raises(ValidationError) as error:
        movement("move:1", equipment=("tanks", "tanks"))
    assert [problem.json_path for problem in error.value.problems] == ["$.equipment[1]"]


def test_acled_export_still_writes_the_records_events_does_not_count() -> None:
    # Parts and conditions are no events of their own, but an export must not drop them silently.
    data = Dataset(
        records=[
            Actor(id="actor:a", name="A", kind=ActorKind.ARMED_FORCE),
            movement("move:whole"),
            movement("move:part"),
            link("rel:1", "move:part", RelationKind.PART_OF, "move:whole"),
            movement("move:stationed", EventRole.CONDITION),
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = acled.export_records(data, on_loss=lambda loss: None)
    assert len(rows) == 3


def test_the_json_schema_says_only_statements_can_be_attributions() -> None:
    record = to_dict(movement("move:1", EventRole.CONDITION))
    validator = jsonschema.Draft202012Validator(json_schema(MilitaryMovement))
    assert not list(validator.iter_errors(record))
    assert list(validator.iter_errors({**record, "role": "attribution"}))
    statement = to_dict(said("stmt:1", EventRole.ATTRIBUTION, about=("move:1",)))
    assert not list(jsonschema.Draft202012Validator(json_schema(Statement)).iter_errors(statement))
