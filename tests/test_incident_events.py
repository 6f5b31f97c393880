"""Incidents and interactions are event-like: how they group into events and link to other records."""

from __future__ import annotations

import attrs
import pytest

from conflictkit import (
    Casualties,
    ControlChange,
    ControlMethod,
    Dataset,
    Incident,
    IncidentKind,
    Inference,
    Interaction,
    InteractionKind,
    MilitaryMovement,
    MovementStatus,
    Quantity,
    Relation,
    RelationKind,
    TerritorialControl,
    load_seed,
)

WHY = (Inference(field="kind", reason="stated by the test"),)


def link(record_id: str, source: str, kind: RelationKind, target: str) -> Relation:
    return Relation(id=record_id, source=source, kind=kind, target=target, inferred=WHY)


def killed(count: int) -> Quantity:
    return Quantity(best=count, unit="people")


def clash(record_id: str, *casualties: Casualties) -> Incident:
    return Incident(
        id=record_id,
        kind=IncidentKind.ARMED_CLASH,
        perpetrators=("actor:a",),
        targets=("actor:b",),
        casualties=casualties,
    )


def test_the_seed_links_the_ishkashim_captures_to_the_retreat_they_cut_short() -> None:
    seed = load_seed()
    [relation] = seed.relations_of("inc:ishkashim-captures", RelationKind.SAME_EVENT)
    assert (relation.source, relation.kind, relation.target) == (
        "inc:ishkashim-captures",
        RelationKind.SAME_EVENT,
        "move:afghan-forces-captured-in-ishkashim",
    )
    retreat = seed[relation.target]
    assert isinstance(retreat, MilitaryMovement)
    assert retreat.status is MovementStatus.STOPPED
    assert seed.problems() == ()


def test_the_seeds_capture_is_one_event_with_the_retreat_and_its_interactions_are_not_joined() -> None:
    seed = load_seed()
    events = seed.events()
    [captures] = [event for event in events if seed["inc:ishkashim-captures"] in event.claims]
    assert captures.claim_ids == ("move:afghan-forces-captured-in-ishkashim", "inc:ishkashim-captures")
    [suspension] = [event for event in events if seed["int:russian-consulate-suspended"] in event.claims]
    assert suspension.claim_ids == ("int:russian-consulate-suspended",)


def test_two_claims_of_one_incident_are_one_event_with_casualties_reconciled_by_side() -> None:
    # The claims list the sides in different orders; figures must be matched by side.
    first = clash(
        "inc:1", Casualties(side="actor:a", killed=killed(2)), Casualties(side="actor:b", killed=killed(9))
    )
    second = clash(
        "inc:2", Casualties(side="actor:b", killed=killed(11)), Casualties(side="actor:a", killed=killed(3))
    )
    data = Dataset(records=[first, second, link("rel:1", "inc:2", RelationKind.SAME_EVENT, "inc:1")])
    [event] = data.events()
    b_killed = event.figure("casualties['actor:b'].killed")
    assert b_killed is not None
    assert (b_killed.low, b_killed.high) == (9, 11)
    a_killed = event.figure("casualties['actor:a'].killed")
    assert a_killed is not None
    assert (a_killed.low, a_killed.high) == (2, 3)


def test_an_unspecified_side_is_matched_with_the_other_claims_unspecified_side() -> None:
    first = clash("inc:1", Casualties(killed=killed(4)))
    second = clash("inc:2", Casualties(killed=killed(6)))
    data = Dataset(records=[first, second, link("rel:1", "inc:1", RelationKind.SAME_EVENT, "inc:2")])
    [event] = data.events()
    figure = event.figure("casualties['unspecified side'].killed")
    assert figure is not None
    assert (figure.low, figure.high) == (4, 6)


@pytest.mark.parametrize(
    "other",
    [
        TerritorialControl(
            id="ctrl:1", territory="loc:x", change=ControlChange.CAPTURED, method=ControlMethod.BY_FORCE
        ),
        Interaction(id="int:1", kind=InteractionKind.OTHER, sources=("actor:a",)),
    ],
    ids=lambda record: type(record).__name__,
)
def test_an_incident_is_never_the_same_event_as_a_control_record_or_an_interaction(other: object) -> None:
    # A movement can be (a capture ends a retreat): see tests/test_event_roles.py.
    assert isinstance(other, (TerritorialControl, Interaction))
    incident = clash("inc:1")
    wrong = Dataset(records=[incident, other, link("rel:1", "inc:1", RelationKind.SAME_EVENT, other.id)])
    [problem] = [p for p in wrong.problems() if "same_event" in p.message]
    assert problem.json_path == "$.records[2].target"
    assert len(wrong.events()) == 2  # counted apart, never merged


def test_territory_taken_in_fighting_links_the_control_record_to_the_fighting() -> None:
    taken = TerritorialControl(
        id="ctrl:1", territory="loc:x", change=ControlChange.CAPTURED, method=ControlMethod.BY_FORCE
    )
    fighting = attrs.evolve(clash("inc:1"), kind=IncidentKind.TERRITORY_TAKEN, location="loc:x")
    data = Dataset(records=[taken, fighting, link("rel:1", "ctrl:1", RelationKind.CAUSED_BY, "inc:1")])
    assert not [problem for problem in data.problems() if problem.json_path.startswith("$.records[2]")]
    assert len(data.events()) == 2


def test_a_users_incident_subclass_shares_the_incident_family() -> None:
    @attrs.frozen(kw_only=True)
    class Airstrike(Incident, type_tag="tests.events_airstrike"):
        sorties: int = 1

    strike = Airstrike(id="inc:2", kind=IncidentKind.AIR_STRIKE, perpetrators=("actor:a",))
    data = Dataset(records=[clash("inc:1"), strike, link("rel:1", "inc:2", RelationKind.SAME_EVENT, "inc:1")])
    [event] = data.events()
    assert {claim.id for claim in event.claims} == {"inc:1", "inc:2"}
