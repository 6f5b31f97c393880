from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    EventContext,
    Interaction,
    InteractionKind,
    InteractionMode,
    Location,
    LocationKind,
    Record,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)
from conflictkit import strategies as cks
from conflictkit.records.interactions import MODES_BY_KIND


def test_an_interaction_round_trips() -> None:
    aid = Interaction(
        id="int:aid",
        kind=InteractionKind.AID,
        mode=InteractionMode.HUMANITARIAN,
        sources=("actor:donor",),
        targets=("actor:refugees",),
        contexts=(EventContext.HUMANITARIAN, EventContext.MIGRATION),
    )
    assert to_dict(aid)["type"] == "interaction"
    assert from_json(to_json(aid), Record) == aid


def test_every_mode_belongs_to_exactly_one_kind() -> None:
    owners = {
        mode: [kind for kind, modes in MODES_BY_KIND.items() if mode in modes] for mode in InteractionMode
    }
    assert {mode: len(kinds) for mode, kinds in owners.items()} == dict.fromkeys(InteractionMode, 1)
    assert set(MODES_BY_KIND) == set(InteractionKind)


def test_a_mode_that_does_not_fit_the_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Interaction(
            id="int:x", kind=InteractionKind.PROTEST, mode=InteractionMode.RELEASE, sources=("actor:a",)
        )
    (problem,) = caught.value.problems
    assert problem.json_path == "$.mode"
    assert "'release' does not fit kind 'protest'" in problem.message


def test_a_kind_without_modes_takes_none() -> None:
    with pytest.raises(ValidationError, match="which takes no mode"):
        Interaction(
            id="int:x", kind=InteractionKind.COOPERATE, mode=InteractionMode.ECONOMIC, sources=("actor:a",)
        )


def test_every_problem_is_reported_at_once() -> None:
    data = {
        "type": "interaction",
        "id": "int:x",
        "kind": "sanction",
        "mode": "release",
        "sources": [],
        "targets": ["actor:b", "actor:b"],
    }
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Record)
    assert [problem.json_path for problem in caught.value.problems] == ["$.sources", "$.mode", "$.targets[1]"]


def test_a_source_cannot_also_be_a_target() -> None:
    with pytest.raises(ValidationError) as caught:
        Interaction(id="int:x", kind=InteractionKind.OTHER, sources=("actor:a",), targets=("actor:a",))
    assert [problem.json_path for problem in caught.value.problems] == ["$.targets[0]"]


def test_the_json_schema_knows_interactions() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    release = Interaction(
        id="int:r", kind=InteractionKind.RETREAT, mode=InteractionMode.RELEASE, sources=("a",)
    )
    jsonschema.validate(to_dict(release), json_schema(Interaction))


@settings(max_examples=80, deadline=None)
@given(cks.interactions())
def test_generated_interactions_round_trip(interaction: Interaction) -> None:
    assert from_json(to_json(interaction), Interaction) == interaction


def test_a_dataset_checks_sources_targets_and_place() -> None:
    moscow = Actor(id="actor:moscow", name="Moscow", kind=ActorKind.GOVERNMENT)
    consulate = Location(id="loc:consulate", name="Consulate", kind=LocationKind.FACILITY)
    suspension = Interaction(
        id="int:suspended",
        kind=InteractionKind.SANCTION,
        mode=InteractionMode.WITHDRAW,
        sources=("loc:consulate",),
        targets=("actor:nobody",),
        location="actor:moscow",
    )
    data = Dataset(records=[moscow, consulate, suspension])
    assert [problem.json_path for problem in data.problems()] == [
        "$.records[2].sources[0]",
        "$.records[2].targets[0]",
        "$.records[2].location",
    ]
    fixed = attrs.evolve(suspension, sources=("actor:moscow",), targets=(), location="loc:consulate")
    assert Dataset(records=[moscow, consulate, fixed]).problems() == ()
