"""Bad input never crashes loading: only conflictkit errors escape, and valid data always loads.

See test_serialization.py for the round trip and the ordinary rejections."""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import tempfile
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conflictkit import (
    ConflictkitError,
    Coordinates,
    Dataset,
    DateSpan,
    Document,
    Evidence,
    Inference,
    Model,
    Quantity,
    Record,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    registered_types,
    to_dict,
    to_json,
)
from conflictkit.cli.command import main
from conflictkit.strategies import datasets

TARGETS: list[type[Model]] = [Dataset, Record, Quantity, DateSpan, Evidence, Inference, Coordinates]

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
hostile_text = (
    st.text(max_size=30)
    | st.text(surrogates, min_size=1, max_size=3)
    | st.sampled_from(
        [
            "",
            " ",
            "actor",
            "movement",
            "document",
            "1.0",
            "2.0",
            "2021-07-05",
            "2021-02-30",
            "AF-BDS",
            "x" * 5000,
        ]
    )
)
hostile_numbers = (
    st.integers()
    | st.integers(min_value=2**53 - 2, max_value=2**53 + 2)
    # Built lazily: Hypothesis cannot repr an int of 5,000 digits in a strategy's description.
    | st.tuples(st.sampled_from([5000, 400, 63]), st.sampled_from([1, -1])).map(lambda e: e[1] * 10 ** e[0])
    | st.floats()  # NaN and infinities included: from_dict sees Python values
)
json_leaves = st.none() | st.booleans() | hostile_numbers | hostile_text
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "id", "records", "schema_version", "best", "x"]) | st.text(max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def loads_or_refuses(data: Any, cls: type[Model], *, keep_unknown: bool = False) -> Model | None:
    """Load ``data``; a refusal must be a conflictkit error, and what loads must dump again."""
    try:
        loaded = from_dict(data, cls, keep_unknown=keep_unknown)
    except ConflictkitError as error:
        if not str(error):  # the message itself must be renderable, and say something
            pytest.fail(f"{type(error).__name__} without a message")
        return None
    to_json(loaded).encode("utf-8")  # accepted data is JSON-safe and UTF-8-safe
    return loaded


@settings(max_examples=300, deadline=None)
@given(value=json_values, cls=st.sampled_from(TARGETS), keep_unknown=st.booleans())
def test_arbitrary_values_never_crash_from_dict(value: Any, cls: type[Model], keep_unknown: bool) -> None:
    loads_or_refuses(value, cls, keep_unknown=keep_unknown)


@settings(max_examples=200, deadline=None)
@given(value=json_values, tag=st.sampled_from(["acme.unknown", "parade"]))
def test_arbitrary_records_of_unknown_types_never_crash(value: Any, tag: str) -> None:
    fields = value if isinstance(value, dict) else {"payload": value}
    for data in ({**fields, "type": tag}, {**fields, "type": tag, "id": "x:1"}):
        loads_or_refuses(data, Record, keep_unknown=True)
        loads_or_refuses({"schema_version": "1.0", "records": [data]}, Dataset, keep_unknown=True)


@settings(max_examples=200, deadline=None)
@given(value=json_values, tag=st.sampled_from(sorted(registered_types())))
def test_arbitrary_values_with_a_real_tag_never_crash(value: Any, tag: str) -> None:
    fields = value if isinstance(value, dict) else {"id": value}
    loads_or_refuses({**fields, "type": tag}, Record)
    loads_or_refuses({"schema_version": "1.0", "records": [{**fields, "type": tag}]}, Dataset)


@settings(max_examples=200, deadline=None)
@given(value=json_values, cls=st.sampled_from(TARGETS))
def test_arbitrary_json_text_never_crashes_from_json(value: Any, cls: type[Model]) -> None:
    assume(_json_safe(value, allow_nan=True))  # ints of 5,000 digits have no JSON text in Python
    text = json.dumps(value)  # NaN and Infinity become JSON tokens, which are refused
    with contextlib.suppress(ConflictkitError):
        from_json(text, cls)
    with contextlib.suppress(ConflictkitError):
        from_json(text.encode("utf-8", "surrogatepass"), cls)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200), cls=st.sampled_from(TARGETS))
def test_arbitrary_bytes_never_crash_from_json(data: bytes, cls: type[Model]) -> None:
    with contextlib.suppress(ConflictkitError):
        from_json(data, cls)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _schema_accepts(document: Any) -> bool:
    schema = json_schema()
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return bool(checker.is_valid(document))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=datasets().map(to_dict), data=st.data())
def test_mutated_valid_documents_never_crash_and_the_schema_is_never_stricter(
    document: dict[str, Any], data: st.DataObject
) -> None:
    mutated = copy.deepcopy(document)
    path = data.draw(st.sampled_from(_paths(mutated)[1:]))
    parent = mutated
    for step in path[:-1]:
        parent = parent[step]
    how = data.draw(st.sampled_from(["replace", "delete", "add key"]))
    if how == "replace":
        parent[path[-1]] = data.draw(json_values)
    elif how == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8))] = data.draw(json_leaves)
    loaded = loads_or_refuses(mutated, Dataset)
    as_json = json.loads(json.dumps(mutated)) if _json_safe(mutated) else None
    if loaded is not None and as_json is not None:
        # Whatever the library accepts, the published schema accepts too.
        assert _schema_accepts(as_json)


def _json_safe(value: Any, *, allow_nan: bool = False) -> bool:
    try:
        json.dumps(value, allow_nan=allow_nan).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return False
    return True


@settings(max_examples=100, deadline=None)
@given(datasets())
def test_generated_valid_data_is_never_rejected(dataset: Dataset) -> None:
    text = to_json(dataset)
    assert from_json(text, Dataset) == dataset
    assert from_json(text.encode("utf-8"), Dataset) == dataset
    assert from_dict(to_dict(dataset), Dataset) == dataset
    for record in dataset:
        assert from_dict(to_dict(record), Record) == record


# --- specific hostile inputs -----------------------------------------------------------------------


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_tokens_are_refused(token: str) -> None:
    with pytest.raises(ValidationError, match=f"{token} is not valid JSON"):
        from_json(f'{{"latitude": {token}, "longitude": 0}}', Coordinates)


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_values_are_refused(number: float) -> None:
    with pytest.raises(ValidationError, match="must be a finite number"):
        from_dict({"latitude": number, "longitude": 0}, Coordinates)


def test_an_overflowing_json_number_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\$.latitude: must be a finite number, got inf"):
        from_json('{"latitude": 1e400, "longitude": 0}', Coordinates)


def test_huge_integers_as_json_text_are_refused_plainly() -> None:
    with pytest.raises(ValidationError) as error:
        from_json('{"best": 1' + "0" * 5000 + ', "unit": "troops"}', Quantity)
    assert str(error.value) == "1 problem:\n  $: invalid JSON: an integer has more than 4300 digits"


@pytest.mark.parametrize("number", [10**5000, -(10**5000), 10**400], ids=["1e5000", "-1e5000", "1e400"])
def test_huge_integers_as_values_are_refused_with_their_path(number: int) -> None:
    with pytest.raises(ValidationError) as error:
        from_dict({"best": number, "unit": "troops"}, Quantity)
    assert str(error.value.problems[0]).startswith("$.best: must be a number a float64 holds exactly")
    with pytest.raises(ValidationError, match=r"\$.start: must be an integer between -\(2\*\*53 - 1\)"):
        from_dict({"document": "d", "quote": "q", "start": number, "end": 1}, Evidence)


def test_a_large_number_written_as_a_float_is_a_fine_number() -> None:
    quantity = from_dict({"best": 1e20, "unit": "dollars"}, Quantity)
    assert from_json(to_json(quantity), Quantity) == quantity
    # Written as an integer beyond 2**53 it is refused: a float64 column could not give it back.
    with pytest.raises(ValidationError, match=r"\$.best: must be a number a float64 holds exactly"):
        from_dict({"best": 10**20, "unit": "dollars"}, Quantity)


def test_very_long_strings_load_and_messages_stay_short() -> None:
    long = "x" * 1_000_000
    assert from_dict({"best": 1, "unit": long}, Quantity).unit == long
    with pytest.raises(ValidationError) as error:
        from_dict({"best": 1, "unit": "u", "qualifier": long}, Quantity)
    assert len(str(error.value)) < 400


def test_deep_nesting_as_text_is_refused() -> None:
    for cls in TARGETS:
        with pytest.raises(ValidationError, match="nested too deeply"):
            from_json("[" * 100_000 + "]" * 100_000, cls)
        with pytest.raises(ValidationError, match="nested too deeply"):
            from_json('{"a":' * 100_000 + "1" + "}" * 100_000, cls)


def test_deep_nesting_as_values_is_refused() -> None:
    deep: list[Any] = []
    cursor = deep
    for _ in range(100_000):
        cursor.append([])
        cursor = cursor[0]
    with pytest.raises(ValidationError) as error:
        from_dict({"type": "actor", "id": deep, "name": "n", "kind": "state"}, Record)
    assert str(error.value.problems[0]).startswith("$.id: expected str, got list a list nested too deeply")
    with pytest.raises(ValidationError):
        from_dict({"schema_version": "1.0", "records": deep}, Dataset)


@pytest.mark.parametrize(
    "data",
    [b'{"name": "\xff"}', b"\xc3\x28", b"\xed\xa0\x80", b'"\xf0\x28\x8c\xbc"', b"\x80"],
)
def test_invalid_utf8_is_refused(data: bytes) -> None:
    with pytest.raises(ValidationError, match="invalid JSON"):
        from_json(data, Dataset)


@pytest.mark.parametrize("text", ["\ud800", "ok \udfff", "\udc00\ud800"])
def test_unpaired_surrogates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match=r"\$.text: must be Unicode text, but contains an unpaired"):
        from_dict({"type": "document", "id": "d", "title": "t", "text": text, "sha256": "0" * 64}, Record)
    escaped = json.dumps({"type": "document", "id": "d", "title": "t", "text": text})
    with pytest.raises(ValidationError, match="unpaired surrogate"):
        from_json(escaped, Record)


def test_paired_surrogate_escapes_are_text() -> None:
    document = from_json('{"type": "document", "id": "d", "title": "\\ud83d\\ude00", "text": "t"}', Document)
    assert document.title == "😀"


def test_non_string_keys_are_reported_at_the_object() -> None:
    with pytest.raises(ValidationError) as error:
        from_dict({1: 2, (1, 2): 3, "latitude": 0, "longitude": 0}, Coordinates)
    assert [str(problem) for problem in error.value.problems] == [
        "$: has a key that is not a string: 1",
        "$: has a key that is not a string: (1, 2)",
    ]


@pytest.mark.parametrize("value", [math.nan, 10**5000, {(1, 2): 3}], ids=["nan", "1e5000", "tuple-key"])
def test_records_of_unknown_types_must_hold_plain_json(value: Any) -> None:
    with pytest.raises(ValidationError, match="must hold plain JSON values"):
        from_dict({"type": "acme.x", "id": "x:1", "v": value}, Record, keep_unknown=True)


def test_iso_dates_need_ascii_digits() -> None:
    with pytest.raises(ValidationError, match=r"\$.earliest: expected an ISO 8601 date"):
        from_dict({"earliest": "\u0662\u0660\u0662\u0661-02-01", "latest": "2021-01-01"}, DateSpan)


# --- the command line ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    content=st.binary(max_size=100)
    | json_values.filter(lambda value: _json_safe(value, allow_nan=True)).map(
        lambda value: json.dumps(value).encode()
    ),
    suffix=st.sampled_from([".json", ".jsonl", ".ndjson"]),
)
def test_validate_never_crashes(content: bytes, suffix: str) -> None:
    handle, path = tempfile.mkstemp(suffix=suffix)
    try:
        os.write(handle, content)
        os.close(handle)
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            assert main(["validate", path]) in (0, 1, 2)
            assert main(["validate", "--format", "json", path]) in (0, 1, 2)
    finally:
        os.unlink(path)
