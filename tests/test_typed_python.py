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
