"""The compiled path (msgspec, the ``fast`` extra) gives the default path's answer, duplicates included.

msgspec keeps the last of duplicated keys silently; conflictkit refuses them. These tests draw
documents (valid ones from the shipped strategies, and the same with a record's ``"type"`` removed
here and there), write them as JSON text with a key repeated in objects at every depth, and load
them with the compiled path on and off: per document (``from_json``) and per line
(``iter_jsonl_results``). Both must load equal objects of the same class or raise the same error
with the same message.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies
from conflictkit.core import registry
from conflictkit.io import converter as converter_module
from conflictkit.io import fast_path
from tests.compiled_path import switched_off

pytestmark = pytest.mark.skipif(not fast_path.enabled(), reason="the compiled path needs msgspec")

Outcome = tuple[Any, ...]

_TARGETS: list[tuple[type, Callable[[], st.SearchStrategy[Any]]]] = [
    (ck.Dataset, lambda: strategies.datasets(max_records=3)),
    (ck.Record, strategies.records),
    (ck.Actor, strategies.actors),
    (ck.Location, strategies.locations),
    (ck.Statement, strategies.statements),
    (ck.MilitaryMovement, strategies.military_movements),
    (ck.TerritorialControl, strategies.territorial_controls),
    (ck.Document, strategies.documents),
    (ck.Quantity, strategies.quantities),
    (ck.DateSpan, strategies.date_spans),
    (ck.Evidence, strategies.evidence),
]


def _outcome(load: Callable[[], Any]) -> Outcome:
    try:
        result = load()
    except Exception as exc:
        return ("raised", type(exc), str(exc))
    return ("loaded", type(result), repr(result), result)


def _both(load: Callable[[], Any]) -> tuple[Outcome, Outcome]:
    compiled = _outcome(load)
    with switched_off():
        default = _outcome(load)
    return compiled, default


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[type, Any]:
    """A target class and a document for it, valid or with the type tags of some objects removed."""
    target, strategy = draw(st.sampled_from(_TARGETS))
    document = ck.to_dict(draw(strategy()))
    if draw(st.booleans()):
        for obj in _objects(document):
            if "type" in obj and draw(st.booleans()):
                del obj["type"]
    if isinstance(document, dict) and draw(st.booleans()):
        document.pop("type", None)  # the record's own tag: loading as its class, the tag is required
    return target, document


def _text(
    value: Any, duplicated: set[int], draw: st.DrawFn, separators: tuple[str, str], ascii_only: bool = True
) -> str:
    """JSON text of ``value``; each object whose ``id()`` is in ``duplicated`` repeats one of its keys.

    With ``ascii_only`` every character beyond ASCII is escaped (``\\u00e9``), as ``json.dumps``
    writes by default; without, only what JSON requires is, and most texts have no backslash.
    """
    comma, colon = separators
    if isinstance(value, dict):
        pairs = [(key, _text(item, duplicated, draw, separators, ascii_only)) for key, item in value.items()]
        if pairs and id(value) in duplicated:
            key, text = draw(st.sampled_from(pairs))
            again = draw(st.sampled_from([text, "null", '"x"', "1", "[]", "{}"]))
            pairs.insert(draw(st.integers(0, len(pairs))), (key, again))
        return "{" + comma.join(json.dumps(key) + colon + text for key, text in pairs) + "}"
    if isinstance(value, list):
        return "[" + comma.join(_text(item, duplicated, draw, separators, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@st.composite
def _texts(draw: st.DrawFn, *, duplicates: bool = True) -> tuple[type, str]:
    """A target class and JSON text for it with a key repeated in one or more objects, at any depth."""
    target, document = draw(_documents())
    objects = list(_objects(document))
    duplicated: set[int] = set()
    if duplicates and objects:
        duplicated = {id(draw(st.sampled_from(objects)))}
        if draw(st.booleans()):
            duplicated.add(id(objects[0]))  # the outermost object, where a record's tag is
        duplicated |= {id(obj) for obj in objects if draw(st.integers(0, 5)) == 0}
    separators = draw(st.sampled_from([(",", ":"), (", ", ": "), (",", " : ")]))
    return target, _text(document, duplicated, draw, separators, draw(st.booleans()))


@given(_texts())
def test_documents_with_duplicated_keys_give_the_same_error_on_both_paths(case: tuple[type, str]) -> None:
    target, text = case
    compiled, default = _both(lambda: ck.from_json(text, target))
    assert compiled == default
    assert compiled[0] == "raised"
    compiled, default = _both(lambda: ck.from_json(text.encode(), target))
    assert compiled == default


@given(_texts(duplicates=False))
def test_documents_without_duplicates_give_the_same_answer_on_both_paths(case: tuple[type, str]) -> None:
    target, text = case
    compiled, default = _both(lambda: ck.from_json(text, target))
    assert compiled == default


@given(_texts(duplicates=False))
def test_valid_documents_are_loaded_by_the_compiled_path_itself(case: tuple[type, str]) -> None:
    # Declining is always safe, so a count that went wrong would only show as lost speed: every
    # valid text the string count can see through must be loaded by the compiled path.
    target, text = case
    with switched_off():
        expected = _outcome(lambda: ck.from_json(text, target))
    if expected[0] == "loaded" and "\\\\" not in text:
        loaded = fast_path.attempt(text, target)
        assert loaded is not None
        assert loaded is not fast_path.REFUSED
        assert repr(loaded) == expected[2]


@st.composite
def _lines(draw: st.DrawFn) -> tuple[type, list[str]]:
    target = draw(st.sampled_from([ck.Record, ck.Actor, ck.Location]))
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        cls, text = draw(_texts(duplicates=draw(st.booleans())))
        lines.append(text if issubclass(cls, target) else "{}")
    return target, lines


@given(_lines())
def test_json_lines_with_duplicated_keys_give_the_same_results_on_both_paths(
    case: tuple[type, list[str]],
) -> None:
    target, lines = case

    def load(source: list[str] | list[bytes]) -> list[tuple[int, Any]]:
        return [
            (number, repr(result) if isinstance(result, ck.Model) else (type(result), str(result)))
            for number, result in ck.iter_jsonl_results(source, target)
        ]

    compiled, default = _both(lambda: load(lines))
    assert compiled == default
    compiled, default = _both(lambda: load([line.encode() for line in lines]))
    assert compiled == default


@pytest.mark.parametrize(
    "text",
    [
        '{"id":"actor:1","name":"Taliban","name":"Islamic State","kind":"armed_group"}',
        '{"type":"actor","id":"actor:1","name":"Taliban","name":"Islamic State","kind":"armed_group"}',
        '{"type":"actor","id":"actor:1","type":"actor","name":"Taliban","kind":"armed_group"}',
    ],
)
def test_a_repeated_name_is_refused_by_the_compiled_path_with_or_without_a_type_tag(text: str) -> None:
    assert fast_path.decode(text, ck.Actor) is None  # declined: the default path words the error
    with pytest.raises(ck.ValidationError, match="duplicate key"):
        ck.from_json(text, ck.Actor)


def test_a_tagged_class_is_not_loaded_by_the_compiled_path_without_its_tag() -> None:
    text = '{"id":"actor:1","name":"Taliban","kind":"armed_group"}'
    assert fast_path.decode(text, ck.Actor) is None
    with pytest.raises(ck.ValidationError, match=r"\$\.type: is required"):
        ck.from_json(text, ck.Actor)


def test_the_compiled_path_still_loads_valid_records_itself() -> None:
    text = '{"type":"actor","id":"actor:1","name":"Taliban","kind":"armed_group"}'
    assert fast_path.decode(text, ck.Actor) == ck.Actor(
        id="actor:1", name="Taliban", kind=ck.ActorKind.ARMED_GROUP
    )


@given(_lines())
def test_load_dataset_of_json_lines_gives_the_same_results_on_both_paths(
    case: tuple[type, list[str]],
) -> None:
    _, lines = case
    data = "\n".join(lines).encode()
    compiled, default = _both(lambda: ck.load_dataset(io.BytesIO(data), json_lines=True))
    assert compiled == default
    compiled, default = _both(lambda: ck.load_dataset(io.BytesIO(data)))  # sniffed, as standard input
    assert compiled == default


def test_load_dataset_takes_the_compiled_path_for_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b"".join(ck.to_json(record).encode() + b"\n" for record in ck.load_seed())
    decoded: list[type] = []
    decode = fast_path.decode

    def counted(text: str | bytes | bytearray, cls: type) -> Any:
        result = decode(text, cls)
        decoded.append(type(result))
        return result

    monkeypatch.setattr(fast_path, "decode", counted)
    assert ck.load_dataset(io.BytesIO(lines), json_lines=True).records == ck.load_seed().records
    assert len(decoded) == len(ck.load_seed())
    assert type(None) not in decoded


@given(_texts(duplicates=False), st.booleans())
def test_load_dataset_of_a_document_gives_the_same_results_on_both_paths(
    case: tuple[type, str], duplicated: bool
) -> None:
    _, text = case
    if duplicated:
        text = text.replace('"id":', '"id":"x","id":', 1)
    data = text.encode()
    compiled, default = _both(lambda: ck.load_dataset(io.BytesIO(data), json_lines=False))
    assert compiled == default


def test_load_dataset_takes_the_compiled_path_for_a_dataset_document(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ck.to_json(ck.load_seed()).encode()
    decoded: list[Any] = []
    decode = fast_path.decode

    def recorded(text: str | bytes | bytearray, cls: type) -> Any:
        decoded.append(decode(text, cls))
        return decoded[-1]

    monkeypatch.setattr(fast_path, "decode", recorded)
    assert ck.load_dataset(io.BytesIO(data), json_lines=False) == ck.load_seed()
    assert decoded == [ck.load_seed()]


def test_a_class_registered_after_the_first_decode_is_decoded_by_the_compiled_path() -> None:
    text = '{"type":"tests_fast_path.patrol","id":"p1","name":"P","kind":"person","unit":"3rd"}'
    assert fast_path.decode('{"type":"actor","id":"a1","name":"A","kind":"person"}', ck.Record) is not None
    before = registry.version()
    assert fast_path.decode(text, ck.Record) is None  # no such tag yet: msgspec refuses

    @attrs.frozen(kw_only=True)
    class Patrol(ck.Actor, type_tag="tests_fast_path.patrol"):
        unit: str

    assert registry.version() > before
    loaded = fast_path.decode(text, ck.Record)
    assert type(loaded) is Patrol
    assert loaded == ck.from_json(text, Patrol)
    assert fast_path._decoder_for(ck.Record) is fast_path._decoder_for(ck.Record)  # cached


def test_an_invalid_text_the_compiled_path_refuses_is_structured_only_by_the_detailed_converter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = '{"type":"actor","id":"bad id","name":"Taliban","kind":"armed_group"}'
    assert fast_path.attempt(text, ck.Actor) is fast_path.REFUSED
    with switched_off():
        expected = _outcome(lambda: ck.from_json(text, ck.Actor))

    def not_again(data: Any, cls: type, keep_unknown: bool) -> Any:
        raise AssertionError("the fast converter structured a text the compiled path refused")

    monkeypatch.setattr(converter_module, "_structure", not_again)
    assert _outcome(lambda: ck.from_json(text, ck.Actor)) == expected
    assert expected[0] == "raised"
    assert "$.id: must be" in expected[2]


def test_a_valid_text_the_compiled_path_refuses_still_loads() -> None:
    record = ck.Actor(id="actor:1", name="Taliban", kind=ck.ActorKind.ARMED_GROUP)
    text = ck.to_json(record).encode("utf-16")  # JSON text, but not UTF-8: msgspec refuses it
    assert fast_path.attempt(text, ck.Actor) is fast_path.REFUSED
    assert ck.from_json(text, ck.Actor) == record


@attrs.frozen(kw_only=True)
class _Noted(ck.Actor, type_tag="tests_fast_path.noted"):
    note: str = "none"

    def __attrs_post_init__(self) -> None:  # the compiled path cannot build such a class
        super().__attrs_post_init__()


def test_a_record_of_a_type_the_compiled_path_cannot_build_is_declined_not_refused() -> None:
    text = '{"type":"tests_fast_path.noted","id":"n1","name":"N","kind":"person","note":"x"}'
    assert fast_path.attempt(text, ck.Record) is None
    assert fast_path.attempt(text, ck.Actor) is None
    assert ck.from_json(text, ck.Record) == _Noted(id="n1", name="N", kind=ck.ActorKind.PERSON, note="x")


def test_a_document_of_another_schema_version_is_declined_and_migrated() -> None:
    text = '{"schema_version":"1.1","records":[{"type":"actor","id":"a1","name":"A","kind":"person"}]}'
    assert fast_path.attempt(text, ck.Dataset) is None
    assert ck.from_json(text, ck.Dataset).records == (ck.Actor(id="a1", name="A", kind=ck.ActorKind.PERSON),)


@pytest.mark.parametrize(
    "text",
    [
        # spacing, which hid a pair from the earlier count of '":'
        '{"type":"actor","id":"a1","name" :"A","name":"B","kind":"person"}',
        '{"type":"actor","id":"actor:1","name"\n:"A","name":"B","kind":"person"}',
        # escaped quotes and other escapes, counted out of the quotes
        '{"type":"actor","id":"a1","name":"A \\"B\\"","name":"C","kind":"person"}',
        '{"type":"actor","id":"a1","name":"\\u00c9\\"","kind":"person","kind":"person"}',
        # a dropped value holding strings of its own
        '{"type":"statement","id":"s1","speaker":"a1","quote":"q","about":["a2","a3"],"about":["a4"]}',
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"size":{"best":1,"unit":"troops","text":"one"},"size":{"best":2,"unit":"troops"}}',
        # an escaped backslash, which the count cannot see through
        '{"type":"actor","id":"a1","name":"A\\\\","name":"B","kind":"person"}',
    ],
)
def test_a_duplicate_is_never_loaded_by_the_compiled_path(text: str) -> None:
    assert fast_path.attempt(text, ck.Record) is None
    with pytest.raises(ck.ValidationError, match="duplicate key"):
        ck.from_json(text, ck.Record)


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"actor","id":"a1","name":"A \\"B\\" \\u00c9\\n","kind":"person"}',
        '{"type":"actor","id":"a1","name":"\\"","kind":"person"}',
        '{"type":"statement","id":"s1","speaker":"a1","quote":"q","about":["a2","a3"],"addressee":null}',
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"size":{"best":1,"unit":"troops","text":"one","qualifier":"about"},"equipment":["tanks"],'
        '"date":{"earliest":"2021-07-04","latest":"2021-07-05","precision":"day"}}',
    ],
)
def test_escaped_quotes_and_nested_strings_are_counted_on_the_compiled_path(text: str) -> None:
    loaded = fast_path.attempt(text, ck.Record)
    assert loaded is not None
    assert loaded is not fast_path.REFUSED
    with switched_off():
        assert loaded == ck.from_json(text, ck.Record)


def test_a_valid_text_with_an_escaped_backslash_is_declined_and_loads() -> None:
    text = '{"type":"actor","id":"a1","name":"A\\\\","kind":"person"}'
    assert fast_path.attempt(text, ck.Record) is None
    assert ck.from_json(text, ck.Record) == ck.Actor(id="a1", name="A\\", kind=ck.ActorKind.PERSON)


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"statement","id":"s1","speaker":"a1","quote":"q","about":["a2","not an id"]}',
        '{"type":"statement","id":"s1","speaker":"a1","quote":"q","about":["a2","a3\\n"]}',
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"equipment":["tanks"," "]}',
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"equipment":["tanks",""]}',
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"equipment":["\\u3000\\u2003"]}',
        '{"type":"statement","id":"s1","speaker":"a1","quote":"\\u2003\\t"}',
        '{"type":"statement","id":"s1","speaker":"a1","quote":""}',
        '{"type":"statement","id":"s 1","speaker":"a1","quote":"q"}',
    ],
)
def test_a_value_or_item_breaking_a_text_rule_is_refused_with_the_default_paths_error(text: str) -> None:
    assert fast_path.attempt(text, ck.Record) is fast_path.REFUSED
    compiled, default = _both(lambda: ck.from_json(text, ck.Record))
    assert compiled == default
    assert compiled[0] == "raised"


def test_items_that_keep_the_rule_on_every_item_load_on_the_compiled_path() -> None:
    text = (
        '{"type":"movement","id":"m1","actor":"a1","kind":"deployment","status":"completed",'
        '"equipment":["tanks","ground-attack aircraft"]}'
    )
    loaded = fast_path.attempt(text, ck.Record)
    assert loaded == ck.from_json(text, ck.MilitaryMovement)
    assert loaded.equipment == ("tanks", "ground-attack aircraft")


@pytest.mark.parametrize(
    "day", ["2021-02-29", "2021-7-05", "20210705", "2021-07-05T00:00", "0000-01-01", "٢٠٢١-07-05"]
)
def test_a_date_the_default_path_refuses_is_refused_with_its_error(day: str) -> None:
    text = json.dumps({"earliest": "2021-07-01", "latest": day}, ensure_ascii=False)
    assert fast_path.attempt(text, ck.DateSpan) is fast_path.REFUSED
    compiled, default = _both(lambda: ck.from_json(text, ck.DateSpan))
    assert compiled == default
    assert compiled[0] == "raised"


def test_a_real_date_loads_on_the_compiled_path() -> None:
    text = '{"earliest":"2020-02-29","latest":"2021-07-05"}'
    loaded = fast_path.attempt(text, ck.DateSpan)
    assert loaded == ck.DateSpan(earliest=date(2020, 2, 29), latest=date(2021, 7, 5))
    assert type(loaded.latest) is date
