"""Lists for tuple fields, checked and converted; typed converters keep the fast loaders."""

from __future__ import annotations

import pytest

from conflictkit import Actor, ActorKind, Dataset, Incident, Interaction, ValidationError
from conflictkit.io.generated_loaders import buildable


def test_records_with_list_converters_are_still_built_by_the_generated_loaders() -> None:
    assert buildable(Actor)
    assert buildable(Incident)


def test_a_missing_required_tuple_field_is_reported_with_the_other_problems() -> None:
    with pytest.raises(ValidationError) as caught:
        Interaction(id="int:1", kind="wrong")  # type: ignore[call-arg,arg-type]
    paths = {problem.path for problem in caught.value.problems}
    assert ("sources",) in paths
    assert ("kind",) in paths


def test_a_string_for_a_tuple_field_is_refused_not_split() -> None:
    with pytest.raises(ValidationError) as caught:
        Actor(id="actor:x", name="X", kind=ActorKind.PERSON, aliases="Tolo")  # type: ignore[arg-type]
    assert caught.value.problems[0].path == ("aliases",)


def test_typed_get_refuses_a_record_of_another_type() -> None:
    data = Dataset(records=[Actor(id="actor:x", name="X", kind=ActorKind.PERSON)])
    assert data.get("actor:x", Actor) is data["actor:x"]
    assert data.get("actor:y", Actor) is None
    with pytest.raises(TypeError, match="'actor:x' is an Actor, not an Incident"):
        data.get("actor:x", Incident)
    assert data.get("actor:y", "fallback") == "fallback"


def test_datasets_combine_keeping_shared_records_once_and_refusing_clashing_ids() -> None:
    shared = Actor(id="actor:x", name="X", kind=ActorKind.PERSON)
    first = Dataset(records=[shared], title="first")
    second = Dataset(records=[shared, Actor(id="actor:y", name="Y", kind=ActorKind.PERSON)], title="second")
    combined = first + second
    assert [record.id for record in combined] == ["actor:x", "actor:y"]
    assert combined.title == "first"
    assert Dataset.merge(first, second, title="both").title == "both"
    clash = Dataset(records=[Actor(id="actor:x", name="Other", kind=ActorKind.PERSON), shared])
    with pytest.raises(ValidationError) as caught:
        Dataset.merge(first, second, clash)
    [problem] = caught.value.problems
    assert problem.json_path == "$[2].records[0].id"
    assert "at $[0].records[0]" in problem.message
    not_a_dataset: object = [shared]
    with pytest.raises(TypeError):
        first + not_a_dataset
