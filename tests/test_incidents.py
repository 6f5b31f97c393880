from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    ControlChange,
    ControlMethod,
    Dataset,
    EventContext,
    Incident,
    IncidentKind,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementStatus,
    Qualifier,
    Quantity,
    Record,
    TerritorialControl,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    load_seed,
    to_dict,
    to_json,
)
from conflictkit import strategies as cks
from conflictkit.crosswalk import acled

DOZENS = Quantity(low=12, qualifier=Qualifier.DOZENS, unit="people", text="dozens")
TALIBAN = Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)
FORCES = Actor(id="actor:forces", name="Afghan security forces", kind=ActorKind.ARMED_FORCE, country="AF")
ISHKASHIM = Location(id="loc:ishkashim", name="Ishkashim", kind=LocationKind.DISTRICT, country="AF")


def captures(**changes: object) -> Incident:
    values: dict[str, object] = {
        "id": "inc:captures",
        "kind": IncidentKind.CAPTURE,
        "perpetrators": ("actor:taliban",),
        "targets": ("actor:forces",),
        "location": "loc:ishkashim",
        "casualties": (Casualties(side="actor:forces", captured=DOZENS),),
    }
    return Incident(**(values | changes))  # type: ignore[arg-type]


def test_an_incident_says_who_did_what_to_whom() -> None:
    incident = captures(weapons=("rifles",), contexts=(EventContext.MILITARY,))
    data = to_dict(incident)
    assert data["type"] == "incident"
    assert data["perpetrators"] == ["actor:taliban"]
    assert data["targets"] == ["actor:forces"]
    assert data["casualties"] == [
        {
            "side": "actor:forces",
            "captured": {"low": 12, "qualifier": "dozens", "unit": "people", "text": "dozens"},
        }
    ]
    assert from_json(to_json(incident), Record) == incident


def test_a_dataset_checks_that_perpetrators_and_targets_are_actors() -> None:
    wrong = captures(perpetrators=("loc:ishkashim",), targets=("actor:missing",))
    data = Dataset(records=[TALIBAN, FORCES, ISHKASHIM, wrong])
    assert [(problem.json_path, problem.message) for problem in data.problems()] == [
        (
            "$.records[3].perpetrators[0]",
            "refers to 'loc:ishkashim', a Location, but must refer to an Actor",
        ),
        ("$.records[3].targets[0]", "refers to 'actor:missing', which is not in the dataset"),
    ]


def test_a_dataset_checks_casualty_sides_and_the_location() -> None:
    wrong = captures(location="actor:taliban", casualties=(Casualties(side="loc:ishkashim", killed=DOZENS),))
    data = Dataset(records=[TALIBAN, FORCES, ISHKASHIM, wrong])
    assert [problem.json_path for problem in data.problems()] == [
        "$.records[3].location",
        "$.records[3].casualties[0].side",
    ]


def test_a_sound_incident_passes_the_dataset_check() -> None:
    assert Dataset(records=[TALIBAN, FORCES, ISHKASHIM, captures()]).problems() == ()


def test_every_problem_of_an_incident_is_reported_with_its_path() -> None:
    with pytest.raises(ValidationError) as caught:
        captures(
            perpetrators=("actor:taliban", "actor:taliban"),
            targets=("actor:taliban",),
            casualties=(Casualties(killed=DOZENS), Casualties(injured=DOZENS)),
            contexts=(EventContext.MILITARY, EventContext.MILITARY),
        )
    assert [problem.json_path for problem in caught.value.problems] == [
        "$.perpetrators[1]",
        "$.targets[0]",
        "$.casualties[1].side",
        "$.contexts[1]",
    ]


def test_bad_fields_are_reported_together_when_loading() -> None:
    data = {
        "type": "incident",
        "id": "inc:1",
        "kind": "drone_swarm",
        "perpetrators": "actor:taliban",
        "casualties": [{"killed": {"best": -1, "unit": "people"}}],
    }
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Record)
    assert sorted(problem.json_path for problem in caught.value.problems) == [
        "$.casualties[0].killed.best",
        "$.kind",
        "$.perpetrators",
    ]


def test_a_blank_weapon_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        captures(weapons=("rifles", " "))
    assert [problem.json_path for problem in caught.value.problems] == ["$.weapons"]


def test_territory_taken_needs_the_territory() -> None:
    with pytest.raises(ValidationError) as caught:
        captures(kind=IncidentKind.TERRITORY_TAKEN, location=None)
    assert [problem.json_path for problem in caught.value.problems] == ["$.location"]


def test_the_json_schema_knows_incidents() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema(Incident)
    jsonschema.validate(to_dict(captures()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(to_dict(captures()) | {"kind": "drone_swarm"}, schema)


@settings(max_examples=80, deadline=None)
@given(cks.incidents())
def test_generated_incidents_round_trip(incident: Incident) -> None:
    assert from_json(to_json(incident), Incident) == incident


def test_territory_taken_in_fighting_is_a_control_record_and_the_fighting_an_incident_beside_it() -> None:
    # The change of control is always a TerritorialControl, which is what ACLED's territory
    # sub-events map to; the fighting, when reported, is an Incident on the same territory.
    home = acled.representation_of("Battles", "Non-state actor overtakes territory")
    assert home.record is TerritorialControl
    assert home.value_of("method") is ControlMethod.BY_FORCE
    taken = TerritorialControl(
        id="ctrl:ishkashim-taken",
        territory="loc:ishkashim",
        change=ControlChange.CAPTURED,
        method=ControlMethod.BY_FORCE,
        controller="actor:taliban",
        previous_controller="actor:forces",
    )
    fighting = Incident(
        id="inc:ishkashim-fighting",
        kind=IncidentKind.TERRITORY_TAKEN,
        perpetrators=("actor:taliban",),
        targets=("actor:forces",),
        location=taken.territory,
        casualties=(Casualties(side="actor:forces", killed=Quantity(best=3, unit="people")),),
    )
    assert Dataset(records=[TALIBAN, FORCES, ISHKASHIM, taken, fighting]).problems() == ()
    # Casualties live on the incident only; the control record has nowhere to put them.
    assert "casualties" not in {field.name for field in attrs.fields(TerritorialControl)}


def test_a_movement_cut_short_keeps_its_status_and_the_incident_holds_the_captured() -> None:
    seed = load_seed()
    retreat = seed["move:afghan-forces-captured-in-ishkashim"]
    captures = seed["inc:ishkashim-captures"]
    assert isinstance(retreat, MilitaryMovement)
    assert isinstance(captures, Incident)
    assert retreat.status is MovementStatus.STOPPED
    assert "casualties" not in {field.name for field in attrs.fields(MilitaryMovement)}
    assert captures.casualties[0].captured is not None
    assert captures.targets == (retreat.actor,)
    assert captures.location == retreat.origin
