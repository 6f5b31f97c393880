from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    DateSpan,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from conflictkit.core.collector import collector_paused
from conflictkit.io import converter as serialization

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


def _tricky_dataset() -> Dataset:
    return Dataset(
        title='Quotes “curly”, \\ back\\slash, "straight", control \x1f, line\u2028separator, é, 🙂',
        records=[
            Actor(id="actor:1", name="Tajik border service", kind=ActorKind.GOVERNMENT, aliases=("ТДБ",)),
            MilitaryMovement(
                id="movement:1",
                actor="actor:1",
                kind=MovementKind.RETREAT,
                status=MovementStatus.COMPLETED,
                size=Quantity(low=1000, high=1037.5, qualifier=Qualifier.ABOUT, unit="troops"),
                date=DateSpan(earliest=date(2021, 7, 4), latest=date(2021, 7, 5)),
            ),
        ],
    )


@pytest.fixture
def without_orjson(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    serialization._orjson_dumps.cache_clear()
    monkeypatch.setitem(sys.modules, "orjson", None)  # makes `import orjson` fail
    yield
    serialization._orjson_dumps.cache_clear()


def test_to_json_writes_the_same_text_with_or_without_orjson(without_orjson: None) -> None:
    data = _tricky_dataset()
    without = to_json(data)
    assert serialization._orjson_dumps() is None
    serialization._orjson_dumps.cache_clear()
    sys.modules.pop("orjson")
    assert serialization._orjson_dumps() is not None
    assert to_json(data) == without
    assert from_json(without, Dataset) == data


def test_to_json_is_compact_and_keeps_field_order(without_orjson: None) -> None:
    text = to_json(Quantity(best=1037, unit="troops", text="1,037"))
    assert text == '{"best":1037,"unit":"troops","text":"1,037"}'


def test_to_json_falls_back_to_json_for_integers_orjson_cannot_write() -> None:
    # No record field holds such an integer (number fields stop at 2**53), but the writer is
    # handed whatever a subclass's conversion hooks produce, so it keeps the fallback.
    from conflictkit.io.converter import _dumps

    huge = 10**30
    assert _dumps({"best": huge, "unit": "troops"}, None) == f'{{"best":{huge},"unit":"troops"}}'


def test_to_json_with_indent_is_unchanged() -> None:
    assert to_json(Quantity(best=3, unit="troops"), indent=2) == '{\n  "best": 3,\n  "unit": "troops"\n}'


def test_to_dict_writes_the_tag_first_and_leaves_defaults_out() -> None:
    data = to_dict(_tricky_dataset())
    assert list(data["records"][1]) == ["type", "id", "actor", "kind", "status", "size", "date"]
    assert data["records"][1]["size"] == {"low": 1000, "high": 1037.5, "qualifier": "about", "unit": "troops"}
    assert data["records"][1]["date"] == {"earliest": "2021-07-04", "latest": "2021-07-05"}


def test_every_problem_of_a_large_bad_document_is_reported_with_its_path() -> None:
    # The fast paths (generated checks, cached hooks) must not change what a failed load reports.
    good = {"type": "movement", "id": "m1", "actor": "a1", "kind": "retreat", "status": "completed"}
    records: list[Any] = [
        {**good, "status": "done", "extra": 1, "size": {"best": "5", "unit": " "}},
        {"type": "actor", "id": " bad", "name": "x", "kind": "person", "aliases": ["a", 3]},
        {"type": "alien", "id": "z"},
        {"id": "q"},
        {**good, "size": {"best": 5, "low": 10, "qualifier": "about", "unit": "troops"}},
        {**good, "evidence": [{"document": "d", "quote": "abc", "start": 0.0, "end": 3}]},
        {**good, "date": {"earliest": "2021-7-5", "latest": "2021-07-05"}},
        {**good, "size": {"best": True, "unit": "troops"}},
        [],
    ]
    with pytest.raises(ValidationError) as caught:
        from_dict({"schema_version": "1.0", "records": [good] * 3 + records}, Dataset)
    assert [problem.json_path for problem in caught.value.problems] == [
        "$.records[3].extra",
        "$.records[3].status",
        "$.records[3].size.best",
        "$.records[3].size.unit",
        "$.records[4].aliases[1]",
        "$.records[4].id",
        "$.records[5].type",
        "$.records[6].type",
        "$.records[7].size.low",
        "$.records[8].evidence[0].start",
        "$.records[9].date.earliest",
        "$.records[10].size.best",
        "$.records[11]",
    ]
