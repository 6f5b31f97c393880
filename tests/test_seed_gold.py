"""The seed as a coder would sign it off: events counted right, and the audit's coding errors fixed."""

from __future__ import annotations

import math

import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    DatePrecision,
    EventRole,
    Incident,
    Interaction,
    InteractionKind,
    Location,
    MilitaryMovement,
    RelationKind,
    SpeechAct,
    Statement,
    StatementChannel,
    TerritorialControl,
    load_seed,
)

SEED_EVENTS = (
    ("move:tajik-reservists-mobilized",),
    ("move:afghan-forces-crossed-more-than-a-thousand", "move:afghan-troops-crossed-1037"),
    ("move:people-entered-from-ishkashim-152",),
    ("move:afghan-forces-fled-hundreds", "move:people-fled-hundreds"),
    ("move:afghan-forces-captured-in-ishkashim", "inc:ishkashim-captures"),
    ("move:foreign-troops-withdrawing",),
    ("move:taliban-offensive",),
    ("ctrl:badakhshan-six-districts-seized",),
    ("ctrl:badakhshan-26-of-28-districts-captured",),
    ("ctrl:ishkashim-border-crossings-blocked",),
    ("ctrl:taliban-cut-off-roads",),
    ("stmt:tajik-presidents-office-concern",),
    ("stmt:rahmon-calls-mirziyoyev",),
    ("stmt:rahmon-calls-tokaev",),
    ("stmt:rahmon-security-council",),
    ("stmt:rahmon-calls-putin",),
    ("stmt:putin-assures-rahmon",),
    ("stmt:ghani-calls-rahmon",),
    ("stmt:mohib-security-talks-in-moscow",),
    ("stmt:mohib-counter-offensive",),
    ("int:russian-consulate-suspended",),
)
"""The seed's events as a coder counts them: 21, each with the claims that describe it."""


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return load_seed()


def test_the_seed_counts_the_coders_21_events(seed: Dataset) -> None:
    assert tuple(event.claim_ids for event in seed.events()) == SEED_EVENTS


def test_subsets_are_parts_of_their_events_not_events(seed: Dataset) -> None:
    parts = {event.id: [part.id for part in event.parts] for event in seed.events() if event.parts}
    assert parts == {
        "move:foreign-troops-withdrawing": ["move:us-withdrew-from-bagram"],
        "ctrl:badakhshan-26-of-28-districts-captured": ["ctrl:badakhshan-three-districts-ceded"],
        "stmt:tajik-presidents-office-concern": ["stmt:rahmon-forcible-crossing"],
    }


def test_background_conditions_and_plans_are_no_events(seed: Dataset) -> None:
    assert [record.id for record in seed.conditions()] == [
        "move:russian-forces-deployed-in-tajikistan",
        "inc:taliban-continue-to-target-government",
        "int:taliban-halted-attacks-on-western-forces",
        "inc:twenty-years-of-war",
        "int:peace-talks-inconclusive",
    ]
    planned = [record.id for record in seed if getattr(record, "role", None) is EventRole.PLANNED]
    assert planned == [
        "move:foreign-troops-out-by-sept-11",
        "move:afghan-counter-offensive",
        "int:tajikistan-exploring-refugee-camps",
    ]


def test_attribution_statements_only_attribute_what_the_claims_evidence_already_credits(
    seed: Dataset,
) -> None:
    attributions = [s for s in seed.of_type(Statement) if s.role is EventRole.ATTRIBUTION]
    assert len(attributions) == 10
    for statement in attributions:
        assert statement.act is None
        for claim_id in statement.about:
            credited = {e.attributed_to or e.reported_by for e in seed[claim_id].evidence}
            assert statement.speaker in credited, (statement.id, claim_id)


def test_statements_that_are_acts_stay_events(seed: Dataset) -> None:
    counted = {claim.id for event in seed.events() for claim in event.claims}
    for statement in seed.of_type(Statement):
        if statement.act is not None and statement.id != "stmt:rahmon-forcible-crossing":
            assert statement.id in counted, statement.id


def test_the_sunday_crossing_stays_one_event_reconciled_to_best_1037(seed: Dataset) -> None:
    [crossing] = [event for event in seed.events() if "move:afghan-troops-crossed-1037" in event.claim_ids]
    figure = crossing.figure("size")
    assert figure is not None
    assert (figure.best, figure.low, figure.high, figure.low_exclusive) == (1037, 1000, 1037, True)


# --- the split claims -----------------------------------------------------------------------------


def test_the_withdrawal_under_way_is_apart_from_the_plan_and_its_deadline(seed: Dataset) -> None:
    withdrawal, plan = seed["move:foreign-troops-withdrawing"], seed["move:foreign-troops-out-by-sept-11"]
    assert isinstance(withdrawal, MilitaryMovement)
    assert isinstance(plan, MilitaryMovement)
    assert withdrawal.date is None, "the deadline is not the withdrawal's date"
    assert plan.date is not None
    assert (str(plan.date.earliest), str(plan.date.latest)) == ("2021-07-05", "2021-09-11")
    assert plan.date.precision is DatePrecision.MONTH, "a two-month span is not known to the day"


def test_rahmons_call_to_putin_is_apart_from_putins_assurance(seed: Dataset) -> None:
    call, assurance = seed["stmt:rahmon-calls-putin"], seed["stmt:putin-assures-rahmon"]
    assert isinstance(call, Statement)
    assert isinstance(assurance, Statement)
    assert (call.speaker, call.addressee, call.act) == ("actor:rahmon", "actor:putin", SpeechAct.CONSULT)
    assert (assurance.speaker, assurance.addressee, assurance.act) == (
        "actor:putin",
        "actor:rahmon",
        SpeechAct.ASSURE,
    )
    assert [e.attributed_to for e in assurance.evidence] == ["actor:kremlin"]


def test_what_was_missing_is_recorded(seed: Dataset) -> None:
    roads = seed["ctrl:taliban-cut-off-roads"]
    assert isinstance(roads, TerritorialControl)
    assert roads.controller == "actor:taliban"
    assert roads.evidence[0].quote.startswith("The Taliban have cut off all roads")
    base = seed["move:russian-forces-deployed-in-tajikistan"]
    assert isinstance(base, MilitaryMovement)
    assert base.equipment == ("tanks", "helicopters", "ground-attack aircraft")
    war = seed["inc:twenty-years-of-war"]
    assert isinstance(war, Incident)
    assert war.date is not None
    assert (war.date.earliest.year, war.date.precision) == (2001, DatePrecision.YEAR)


# --- relations the audit found missing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind", "target"),
    [
        ("move:us-withdrew-from-bagram", RelationKind.PART_OF, "move:foreign-troops-withdrawing"),
        ("move:afghan-counter-offensive", RelationKind.IN_RESPONSE_TO, "move:taliban-offensive"),
        (
            "move:afghan-forces-crossed-more-than-a-thousand",
            RelationKind.FOLLOWS,
            "move:afghan-forces-fled-hundreds",
        ),
        ("ctrl:badakhshan-six-districts-seized", RelationKind.CAUSED_BY, "move:taliban-offensive"),
        ("ctrl:badakhshan-26-of-28-districts-captured", RelationKind.CAUSED_BY, "move:taliban-offensive"),
        ("inc:ishkashim-captures", RelationKind.CAUSED_BY, "ctrl:ishkashim-border-crossings-blocked"),
        (
            "move:people-entered-from-ishkashim-152",
            RelationKind.MAY_OVERLAP,
            "move:afghan-troops-crossed-1037",
        ),
        ("stmt:rahmon-forcible-crossing", RelationKind.PART_OF, "stmt:tajik-presidents-office-concern"),
        ("actor:us-forces", RelationKind.PART_OF, "actor:foreign-troops"),
        ("move:people-fled-hundreds", RelationKind.SAME_EVENT, "move:afghan-forces-fled-hundreds"),
        ("move:people-fled-hundreds", RelationKind.CAUSED_BY, "ctrl:taliban-cut-off-roads"),
        ("inc:ishkashim-captures", RelationKind.SAME_EVENT, "move:afghan-forces-captured-in-ishkashim"),
        ("loc:tajik-afghan-border", RelationKind.PART_OF, "loc:tajikistan"),
        ("loc:tajik-afghan-border", RelationKind.PART_OF, "loc:afghanistan"),
    ],
)
def test_the_seed_states_the_relation(seed: Dataset, source: str, kind: RelationKind, target: str) -> None:
    assert [r for r in seed.relations_of(source, kind) if (r.source, r.target) == (source, target)]


# --- PLOVER codes ---------------------------------------------------------------------------------


def test_the_forcible_crossing_criticises_the_afghan_forces(seed: Dataset) -> None:
    statement = seed["stmt:rahmon-forcible-crossing"]
    assert isinstance(statement, Statement)
    assert (statement.act, statement.addressee) == (SpeechAct.DISAPPROVE, "actor:afghan-security-forces")


def test_the_security_council_meeting_is_internal_not_a_consult_dyad(seed: Dataset) -> None:
    meeting = seed["stmt:rahmon-security-council"]
    assert isinstance(meeting, Statement)
    assert (meeting.act, meeting.addressee, meeting.channel) == (None, None, StatementChannel.MEETING)
    assert "internal" in next(i.reason for i in meeting.inferred if i.field == "act")


def test_the_consulate_suspension_is_no_sanction(seed: Dataset) -> None:
    suspension = seed["int:russian-consulate-suspended"]
    assert isinstance(suspension, Interaction)
    assert suspension.kind is not InteractionKind.SANCTION
    assert suspension.targets == ()


@pytest.mark.parametrize(
    ("statement_id", "counterpart"),
    [
        ("stmt:mohib-security-talks-in-moscow", "actor:russian-government"),
        ("stmt:mohib-counter-offensive", "actor:taliban"),
    ],
)
def test_the_talks_and_the_threat_have_their_counterpart(
    seed: Dataset, statement_id: str, counterpart: str
) -> None:
    statement = seed[statement_id]
    assert isinstance(statement, Statement)
    assert statement.addressee == counterpart
    assert "addressee" in {inference.field for inference in statement.inferred}


# --- inferences, affiliations, places -------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_id", "fields"),
    [
        ("move:tajik-reservists-mobilized", {"destination"}),
        ("int:peace-talks-inconclusive", {"sources"}),
        ("move:russian-forces-deployed-in-tajikistan", {"destination"}),
        ("move:people-fled-hundreds", {"origin"}),
        ("move:afghan-forces-captured-in-ishkashim", {"origin", "status"}),
    ],
)
def test_every_inference_is_listed(seed: Dataset, record_id: str, fields: set[str]) -> None:
    assert fields <= {inference.field for inference in seed[record_id].inferred}


def test_the_captured_dozens_belong_to_the_capture_not_the_retreat(seed: Dataset) -> None:
    retreat = seed["move:afghan-forces-captured-in-ishkashim"]
    assert isinstance(retreat, MilitaryMovement)
    assert retreat.size is None


def test_heads_of_state_are_affiliated_with_their_states(seed: Dataset) -> None:
    presidents = [a for a in seed.of_type(Actor) if (a.title or "").startswith("President of")]
    assert len(presidents) == 5
    for president in presidents:
        assert president.affiliation is not None, president.id
        state = seed[president.affiliation]
        assert isinstance(state, Actor)
        assert (state.kind, state.country) == (ActorKind.STATE, president.country), president.id


def test_badakhshans_point_is_the_provinces_centre_near_fayzabad(seed: Dataset) -> None:
    badakhshan = seed["loc:badakhshan"]
    assert isinstance(badakhshan, Location)
    assert badakhshan.coordinates is not None
    fayzabad = (37.12, 70.58)
    here = (badakhshan.coordinates.latitude, badakhshan.coordinates.longitude)
    assert math.dist(here, fayzabad) < 0.1
