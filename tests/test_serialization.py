from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

import pytest

from conflictkit import Actor, ActorKind, Dataset, Quantity, ValidationError, from_dict, from_json, to_json
from conflictkit.serialization import collector_paused

ACTOR_JSON = '{"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}'


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group", "name": "X"}', "name"),
        ('{"schema_version": "1.0", "records": [], "records": []}', "records"),
        ('{"schema_version": "1.0", "records": [{"type": "actor", "id": "a1", "id": "a2"}]}', "id"),
    ],
)
def test_duplicate_keys_are_rejected_at_any_depth(text: str, key: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_json(text, Dataset if "records" in text else Actor)
    assert [str(problem) for problem in caught.value.problems] == [
        f"$: invalid JSON: duplicate key {key!r} in an object"
    ]


def test_duplicate_keys_are_rejected_in_bytes_too() -> None:
    with pytest.raises(ValidationError, match="duplicate key 'id'"):
        from_json(ACTOR_JSON.replace('"id": "a1"', '"id": "a1", "id": "a1"').encode(), Actor)


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
@pytest.mark.parametrize(
    "action",
    [
        lambda: from_json(ACTOR_JSON, Actor),
        lambda: from_json("{", Actor),
        lambda: from_json('{"best": "1"}', Quantity),
        lambda: from_dict({"kind": 1}, Actor),
        lambda: to_json(Actor(id="a1", name="Taliban", kind=ActorKind.ARMED_GROUP)),
    ],
)
def test_the_collector_is_back_on_after_loading_or_dumping_even_on_failure(action: Any) -> None:
    with contextlib.suppress(ValidationError):
        action()
    assert gc.isenabled()


def test_a_paused_collector_stays_paused_after_loading() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from_json(ACTOR_JSON, Actor)
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_nested_pauses_leave_the_collector_to_the_outermost(collector_on: None) -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
