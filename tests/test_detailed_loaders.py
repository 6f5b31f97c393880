"""The detailed converter's generated loaders word every problem as cattrs' detailed functions did.

An invalid record is structured by the detailed converter, which reports every problem with its
path. It used to do so with cattrs' generated detailed function per class, whose nested exception
groups the converter then walked and worded; it now has a generated loader per class that collects
the same problems itself. These tests hold the new path to the old one, word for word and in the
same order: a reference converter built without the generated detailed loaders (so with cattrs'
functions, as before) must give the same result or the same error for every input, per line
(``from_json(line, Record)``) and per document (a Dataset), with the ``fast`` extra and without.

The inputs are the seed's records broken in each way the decoding benchmark breaks them (see
``broken_lines`` in ``benchmarks/bench_decode.py``), nested ones included, and drawn records with
random damage at any depth. The functions that word a broken construction check and the rules of
raw values, generated per class, are held to the plain loops they replace.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies
from conflictkit.core import validation
from conflictkit.core.errors import Problem
from conflictkit.io import converter as converter_module
from conflictkit.io import generated_loaders
from tests.compiled_path import switched_off

Outcome = tuple[Any, ...]


# --- the reference: the detailed converter as it was, with cattrs' functions -----------------------

_without_detailed_loaders: list[Any] = []


@contextlib.contextmanager
def _reference() -> Iterator[None]:
    """The library's detailed converter replaced by one built (lazily) without detailed loaders."""
    real_generate = generated_loaders.generate_detailed_loader
    setattr(converter_module, "generate_detailed_loader", lambda *args: None)  # noqa: B010
    if not _without_detailed_loaders:
        _without_detailed_loaders.extend(converter_module._new_converter(True, False))
    reference, hooks = _without_detailed_loaders
    real = converter_module._detailed_converter, converter_module._detailed_hooks
    converter_module._detailed_converter, converter_module._detailed_hooks = reference, hooks
    try:
        yield
    finally:
        converter_module._detailed_converter, converter_module._detailed_hooks = real
        setattr(converter_module, "generate_detailed_loader", real_generate)  # noqa: B010


def _outcome(load: Callable[[], Any]) -> Outcome:
    try:
        result = load()
    except Exception as exc:
        return ("raised", type(exc), str(exc), getattr(exc, "problems", None))
    return ("loaded", type(result), repr(result))


def _same_as_reference(load: Callable[[], Any]) -> Outcome:
    """``load()``'s outcome, checked against the reference's on both paths; returned for more checks."""
    found = _outcome(load)
    with _reference():
        expected = _outcome(load)
    assert found == expected
    with switched_off():
        assert _outcome(load) == found
        with _reference():
            assert _outcome(load) == found
    return found


# --- the benchmark's broken lines ------------------------------------------------------------------


BROKEN_KINDS = (
    "duplicate key",
    "invalid JSON",
    "extra key",
    "missing required field",
    "malformed id",
    "unknown type tag",
    "string for an int",
    "bool for a string",
    "cross-field rule (end != start + len(quote))",
    "negative offset",
)


def _break(line: str, kind: str) -> str:
    """``line`` broken as ``benchmarks/bench_decode.py`` breaks it (nested kinds in the evidence)."""
    record = json.loads(line)
    evidence = record.get("evidence") or [{"document": "doc:1", "quote": "x", "start": 1, "end": 2}]
    if kind == "duplicate key":
        return line[:-1] + ',"id":"x"}'
    if kind == "invalid JSON":
        return line[:-1]
    if kind == "extra key":
        record["nickname"] = "x"
    elif kind == "missing required field":
        del record["id"]
    elif kind == "malformed id":
        record["id"] = "not an id"
    elif kind == "unknown type tag":
        record["type"] = "airstrike"
    elif kind == "string for an int":
        record["evidence"] = [evidence[0] | {"start": "1"}, *evidence[1:]]
    elif kind == "bool for a string":
        record["id"] = True
    elif kind == "cross-field rule (end != start + len(quote))":
        record["evidence"] = [evidence[0] | {"end": evidence[0]["end"] + 1}, *evidence[1:]]
    elif kind == "negative offset":
        record["evidence"] = [evidence[0] | {"start": -1}, *evidence[1:]]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _seed_lines() -> list[str]:
    return [ck.to_json(record) for record in ck.load_seed().records]


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_every_broken_line_of_the_benchmark_gets_the_reference_error(kind: str) -> None:
    lines = _seed_lines()
    for line in lines:
        broken = _break(line, kind)
        outcome = _same_as_reference(lambda text=broken: ck.from_json(text, ck.Record))  # type: ignore[misc]
        assert outcome[0] == "raised", (kind, broken)
        assert outcome[1] is ck.ValidationError


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_a_document_of_broken_records_gets_the_reference_error(kind: str) -> None:
    lines = _seed_lines()
    broken = [_break(line, kind) if index % 3 == 0 else line for index, line in enumerate(lines)]
    document = '{"schema_version":' + json.dumps(ck.SCHEMA_VERSION) + ',"records":[' + ",".join(broken) + "]}"
    outcome = _same_as_reference(lambda: ck.from_json(document, ck.Dataset))
    assert outcome[0] == "raised"
    if kind not in ("duplicate key", "invalid JSON"):  # those stop the parser, once
        assert len(outcome[3]) >= len(lines) // 3  # a problem for every broken record, at least


def test_the_broken_lines_are_worded_as_before() -> None:
    # What the new path says, pinned for one record: the paths, the order, the words.
    line = ck.to_json(next(r for r in ck.load_seed().records if isinstance(r, ck.Actor) and r.evidence))
    record = json.loads(line)
    record["id"] = True
    record["nickname"] = "x"
    record["evidence"][0] |= {"start": "1", "quote": " "}
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_json(json.dumps(record), ck.Record)
    assert [str(problem) for problem in caught.value.problems] == [
        "$.nickname: is not a known field",
        "$.id: expected str, got bool True",
        "$.evidence[0].start: expected int, got str '1'",
        "$.evidence[0].quote: must not be empty or blank",
    ]


# --- drawn records, damaged anywhere ----------------------------------------------------------------

_VALUES: list[Any] = [
    *(None, True, False, 0, -1, 1.5, 2**60),
    *("", " ", "x", "not an id", "actor:1"),
    *([], {}, [{}], ["x"]),
]


def _objects(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _objects(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _objects(item, (*path, index))


def _value(draw: st.DrawFn) -> Any:
    # A copy: the lists and objects of _VALUES would otherwise be shared between documents, and
    # damaging one document (appending to a list it holds) would change the others.
    return copy.deepcopy(draw(st.sampled_from(_VALUES)))


@st.composite
def _damaged(draw: st.DrawFn) -> dict[str, Any]:
    """A drawn record's JSON object with one to three objects in it damaged."""
    document = copy.deepcopy(ck.to_dict(draw(strategies.records())))
    for _ in range(draw(st.integers(1, 3))):
        _, obj = draw(st.sampled_from(list(_objects(document))))
        action = draw(st.sampled_from(["drop", "add", "replace", "append"]))
        keys = list(obj)
        if action == "drop" and keys:
            del obj[draw(st.sampled_from(keys))]
        elif action == "add":
            near = [key + "s" for key in keys] + [key[:-1] for key in keys if len(key) > 2]
            obj[draw(st.sampled_from(near or ["x"]))] = _value(draw)
        elif keys:
            key = draw(st.sampled_from(keys))
            if action == "append" and isinstance(obj[key], list):
                obj[key].append(_value(draw))
            else:
                obj[key] = _value(draw)
    return document


@given(_damaged())
def test_damaged_records_get_the_reference_result_per_line(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    _same_as_reference(lambda: ck.from_json(text, ck.Record))
    _same_as_reference(lambda: ck.from_dict(copy.deepcopy(document), ck.Record))


@given(st.lists(_damaged(), min_size=1, max_size=3))
def test_damaged_records_get_the_reference_result_per_document(documents: list[dict[str, Any]]) -> None:
    text = json.dumps({"schema_version": ck.SCHEMA_VERSION, "records": documents})
    _same_as_reference(lambda: ck.from_json(text, ck.Dataset))


@given(_damaged())
def test_a_damaged_record_of_its_own_class_gets_the_reference_result(document: dict[str, Any]) -> None:
    cls = ck.core.model.class_for_tag(document["type"]) if isinstance(document.get("type"), str) else None
    if cls is not None:
        text = json.dumps(document)
        _same_as_reference(lambda: ck.from_json(text, cls))


# --- values a loader takes and the detailed hooks refuse --------------------------------------------


class _Text(str):
    """A str subclass: the hooks take only str itself for an enum value, as before."""


def test_an_enum_value_of_a_str_subclass_is_handled_as_before() -> None:
    data = {"type": "actor", "id": "actor:1", "name": "Taliban", "kind": _Text("armed_group")}
    outcome = _same_as_reference(lambda: ck.from_dict(dict(data), ck.Actor))
    assert outcome[0] == "loaded"  # the loader built it, as before
    broken = data | {"id": "not an id"}
    outcome = _same_as_reference(lambda: ck.from_dict(dict(broken), ck.Actor))
    assert outcome[0] == "raised"
    assert [problem.path for problem in outcome[3]] == [("kind",), ("id",)]


def test_a_valid_record_beside_an_invalid_one_keeps_its_str_subclass_enum_value() -> None:
    # The detailed converter loads every record of a document in which one is invalid; a record
    # the loader builds is built, as before, though its enum value is a str subclass.
    kept = {"type": "actor", "id": "actor:1", "name": "Taliban", "kind": _Text("armed_group")}
    broken = {"type": "actor", "id": "not an id", "name": "Taliban", "kind": "armed_group"}
    data = {"schema_version": ck.SCHEMA_VERSION, "records": [kept, broken]}
    outcome = _same_as_reference(lambda: ck.from_dict(copy.deepcopy(data), ck.Dataset))
    assert [problem.path for problem in outcome[3]] == [("records", 1, "id")]


def test_a_str_subclass_where_a_loader_wants_str_still_loads() -> None:
    data = {"type": "actor", "id": _Text("actor:1"), "name": _Text("Taliban"), "kind": "armed_group"}
    outcome = _same_as_reference(lambda: ck.from_dict(dict(data), ck.Actor))
    assert outcome[0] == "loaded"


# --- the generated wording functions against the loops they replace ---------------------------------


def _field_problems_loop(obj: Any) -> list[Problem]:
    problems: list[Problem] = []
    cls = type(obj)
    for name, type_check, value_rules in validation._plan(cls):
        value = getattr(obj, name)
        if value is validation.MISSING:
            problems.append(Problem(path=(name,), message=f"is required by {cls.__name__} but missing"))
            continue
        found = type_check(value)
        if found is None and value is not None:
            for rule in value_rules:
                message = rule(value)
                if message is not None:
                    found = [Problem(message=message)]
                    break
        if found:
            problems.extend(problem.under(name) for problem in found)
    return problems


def _raw_rule_problems_loop(cls: type, data: Mapping[str, Any], skip: set[Any]) -> list[Problem]:
    problems: list[Problem] = []
    for name, type_check, value_rules in validation._plan(cls):
        value = data.get(name)
        if name in skip or value is None or not value_rules or type_check(value) is not None:
            continue
        for rule in value_rules:
            message = rule(value)
            if message is not None:
                problems.append(Problem(path=(name,), message=message))
                break
    return problems


_CLASSES = [ck.Actor, ck.Location, ck.Statement, ck.MilitaryMovement, ck.Evidence, ck.Quantity, ck.DateSpan]


def _field_values(draw: st.DrawFn, cls: type, valid: Any) -> dict[str, Any]:
    """A value for every field: the valid instance's, or another drawn (wrong type, broken rule)."""
    values = {}
    for field in attrs.fields(cls):
        value = getattr(valid, field.name)
        choice = draw(st.integers(0, 3))
        if choice == 1:
            value = draw(st.sampled_from([*_VALUES, validation.MISSING, (), ("",), ("x", "x"), _Text("x")]))
        elif choice == 2 and isinstance(value, tuple):
            value = (*value, draw(st.sampled_from(_VALUES)))
        elif choice == 3 and isinstance(value, Enum):
            value = value.value  # the JSON value where the member belongs
        values[field.name] = value
    return values


_VALID: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    ck.Actor: strategies.actors,
    ck.Location: strategies.locations,
    ck.Statement: strategies.statements,
    ck.MilitaryMovement: strategies.military_movements,
    ck.Evidence: strategies.evidence,
    ck.Quantity: strategies.quantities,
    ck.DateSpan: strategies.date_spans,
}


@st.composite
def _broken_instances(draw: st.DrawFn) -> Any:
    cls = draw(st.sampled_from(_CLASSES))
    valid = draw(_VALID[cls]())
    instance = object.__new__(type(valid))
    for name, value in _field_values(draw, type(valid), valid).items():
        object.__setattr__(instance, name, value)
    return instance


@given(_broken_instances())
def test_the_generated_construction_check_words_as_the_loop(instance: Any) -> None:
    assert validation.field_problems(instance) == _field_problems_loop(instance)


@given(_broken_instances(), st.data())
def test_the_generated_raw_value_rules_word_as_the_loop(instance: Any, data: st.DataObject) -> None:
    cls = type(instance)
    values = {
        name: value
        for name in attrs.fields_dict(cls)
        if (value := getattr(instance, name)) is not validation.MISSING and data.draw(st.booleans())
    }
    values = {
        name: (list(value) if isinstance(value, tuple) and data.draw(st.booleans()) else value)
        for name, value in values.items()
    }
    skip = set(data.draw(st.lists(st.sampled_from([*attrs.fields_dict(cls), "other"]), max_size=3)))
    assert validation.raw_rule_problems(cls, values, skip) == _raw_rule_problems_loop(cls, values, skip)
