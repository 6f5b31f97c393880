"""The fast paths give exactly the results of the path they replace, on valid and invalid input.

The fast paths are the generated loaders (always) and, for JSON text, the compiled path through
msgspec (with the ``fast`` extra; every test runs with it on and off). The reference is loading as
it was before them: cattrs' generated functions on the fast converter, then the detailed
converter when that fails. Both are run on the same documents: the
shipped strategies' values as JSON, and the same with one mutation applied somewhere in the tree
(a key dropped or added, a value replaced by one of another JSON type, a string emptied or made
malformed, a number made negative, huge or fractional, a type tag changed). The two must return
equal objects of the same classes with the same field types (``repr`` tells 3 from 3.0), or raise
the same exception with the same message.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies
from conflictkit.io import converter as serialization
from conflictkit.io import fast_path as fast_decode
from conflictkit.io.converter import make_converter
from conflictkit.io.generated_loaders import generate_loader
from tests.compiled_path import switched_off

Outcome = tuple[str, Any]


def _without_loaders(conv: cattrs.Converter) -> cattrs.Converter:
    hooks = conv.get_structure_hook(ck.Dataset).__self__  # type: ignore[attr-defined]
    hooks._loader = lambda cls: None  # the loaders' switch: every class keeps cattrs' function
    return conv


_REFERENCE = _without_loaders(make_converter(detailed_validation=False))
_REFERENCE_LENIENT = _without_loaders(make_converter(detailed_validation=False, keep_unknown=True))


@pytest.fixture(autouse=True, params=["compiled", "generated loaders only"])
def fast_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test with the compiled fast path (when msgspec is installed) and without it."""
    if request.param == "generated loaders only":
        monkeypatch.setattr(fast_decode, "_msgspec", lambda: None)
    return str(request.param)


@contextlib.contextmanager
def _reference_path() -> Iterator[None]:
    real = serialization._converters

    def converters(keep_unknown: bool) -> tuple[cattrs.Converter, cattrs.Converter]:
        detailed = real(keep_unknown)[1]
        return (_REFERENCE_LENIENT if keep_unknown else _REFERENCE), detailed

    serialization._converters = converters
    try:
        with switched_off():
            yield
    finally:
        serialization._converters = real


def _outcome(load: Callable[[], Any]) -> Outcome:
    try:
        result = load()
    except Exception as exc:
        return ("raised", (type(exc), str(exc)))
    return ("loaded", (type(result), repr(result), result))


def _both(load: Callable[[], Any]) -> tuple[Outcome, Outcome]:
    new = _outcome(load)
    with _reference_path():
        old = _outcome(load)
    return new, old


# --- documents ------------------------------------------------------------------------------------

_TARGETS: list[tuple[type, Callable[[], st.SearchStrategy[Any]]]] = [
    (ck.Dataset, lambda: strategies.datasets(max_records=4)),
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
    (ck.Coordinates, strategies.coordinates),
]


@st.composite
def _documents(draw: st.DrawFn) -> tuple[type, Any]:
    target, strategy = draw(st.sampled_from(_TARGETS))
    value = draw(strategy())
    return target, ck.to_dict(value)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


_REPLACEMENTS = st.one_of(
    st.sampled_from(
        [None, True, False, 0, -1, 1.5, 3.0, -0.0, 2**53, 2**60, 10**400, 1e300, "", " ", "x", "not an id"]
    ),
    st.sampled_from(["2021-02-30", "2021-07-05", "0000-01-01", "actor:x", "movement", "acme.unknown"]),
    st.sampled_from(["deployment", "exact", "about", "TJ", "XX", "AF-BDS", "Q1", "\ud800", "é"]),
    st.sampled_from([[], {}, [1], ["x"], [{}], {"type": "actor"}]),
    st.text(max_size=5),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[type, Any]:
    target, document = draw(_documents())
    document = copy.deepcopy(document)
    path = draw(st.sampled_from(list(_paths(document))))
    if not path:
        return target, draw(_REPLACEMENTS)
    parent = document
    for segment in path[:-1]:
        parent = parent[segment]
    last = path[-1]
    action = draw(st.sampled_from(["replace", "drop", "add", "tuple", "number"]))
    if action == "drop":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["extra", "type", "id", "evidence", "best", "text"]))] = draw(
            _REPLACEMENTS
        )
    elif action == "tuple" and isinstance(parent[last], list):
        parent[last] = tuple(parent[last])  # from_dict takes Python data: a tuple where JSON has a list
    elif action == "number" and isinstance(parent[last], (int, float)) and not isinstance(parent[last], bool):
        parent[last] = draw(st.sampled_from([-parent[last], parent[last] + 0.5, float(parent[last]), 2**53]))
    else:
        parent[last] = draw(_REPLACEMENTS)
    return target, document


# --- the differential tests -----------------------------------------------------------------------


@given(_documents())
def test_valid_documents_load_to_the_same_objects(case: tuple[type, Any]) -> None:
    target, document = case
    new, old = _both(lambda: ck.from_dict(document, target))
    assert new == old
    assert new[0] == "loaded"


@given(_mutated())
def test_mutated_documents_give_the_same_objects_or_the_same_errors(case: tuple[type, Any]) -> None:
    target, document = case
    new, old = _both(lambda: ck.from_dict(document, target))
    assert new == old


@given(_mutated(), st.booleans())
def test_json_text_gives_the_same_results_with_and_without_keep_unknown(
    case: tuple[type, Any], keep_unknown: bool
) -> None:
    target, document = case
    try:
        text = json.dumps(document)
    except (TypeError, ValueError):
        return  # not JSON (a tuple key, say): from_dict covers it
    new, old = _both(lambda: ck.from_json(text, target, keep_unknown=keep_unknown))
    assert new == old


_SEPARATORS = [(",", ":"), (", ", ": "), (",", " : "), (",\n", ":\t"), (",", ':"x":1,')]


def _to_text(value: Any, draw: st.DrawFn, separators: tuple[str, str]) -> str:
    """JSON text of ``value``, sometimes repeating a key of an object (with another value, or not)."""
    comma, colon = separators
    if isinstance(value, dict):
        pairs = [(key, _to_text(item, draw, separators)) for key, item in value.items()]
        if pairs and draw(st.integers(0, 7)) == 0:
            key, text = draw(st.sampled_from(pairs))
            pairs.insert(
                draw(st.integers(0, len(pairs))), (key, draw(st.sampled_from([text, "null", '"x"'])))
            )
        return "{" + comma.join(json.dumps(key) + colon + text for key, text in pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + comma.join(_to_text(item, draw, separators) for item in value) + "]"
    return json.dumps(value)


@st.composite
def _texts(draw: st.DrawFn) -> tuple[type, str]:
    target, document = draw(st.one_of(_documents(), _mutated()))
    separators = draw(st.sampled_from(_SEPARATORS[:4]))
    try:
        text = _to_text(document, draw, separators)
    except (TypeError, ValueError):
        text = "{}"
    if draw(st.booleans()):  # colons where a count of key ends might be fooled
        text = text.replace(
            draw(st.sampled_from(['"x"', '"a', ":"])), draw(st.sampled_from(['":"', '"\\u003a', '"\\":'])), 1
        )
    return target, text


@given(_texts())
def test_json_text_with_duplicate_keys_odd_spacing_and_colons_gives_the_same_results(
    case: tuple[type, str],
) -> None:
    target, text = case
    new, old = _both(lambda: ck.from_json(text, target))
    assert new == old
    new, old = _both(lambda: ck.from_json(text.encode(), target))
    assert new == old


def test_the_compiled_path_is_taken_for_the_seed_and_declines_duplicates(fast_path: str) -> None:
    text = ck.to_json(ck.load_seed())
    if fast_path == "generated loaders only" or not fast_decode.enabled():
        assert fast_decode.decode(text, ck.Dataset) is None
        return
    assert fast_decode.decode(text, ck.Dataset) == ck.load_seed()
    duplicated = text.replace('"name":"Rahmon"', '"name":"Rahmon","name":"Rahmon"', 1)
    assert duplicated != text
    assert fast_decode.decode(duplicated, ck.Dataset) is None
    with pytest.raises(ck.ValidationError, match="duplicate key 'name'"):
        ck.from_json(duplicated, ck.Dataset)


def test_a_duplicate_key_hidden_by_a_space_before_a_colon_is_still_refused() -> None:
    # Five pairs, four distinct keys; one key end is written '" :', so '":' occurs four times:
    # counting alone would match, which is why the compiled path declines spaced colons.
    text = '{"type":"actor","id":"a1","name":"A","kind":"person","name" :"B"}'
    assert fast_decode.decode(text, ck.Actor) is None
    with pytest.raises(ck.ValidationError, match="duplicate key 'name'"):
        ck.from_json(text, ck.Actor)


def test_the_seed_loads_to_the_same_dataset() -> None:
    text = ck.to_json(ck.load_seed())
    new, old = _both(lambda: ck.from_json(text, ck.Dataset))
    assert new == old
    assert new[1][2] == ck.load_seed()


# --- users' subclasses and classes the loaders leave to cattrs ------------------------------------


@attrs.frozen(kw_only=True)
class _Sighting(ck.MilitaryMovement, type_tag="tests_loaders.sighting"):
    aircraft: tuple[str, ...] = ()
    altitude: int | None = None


@attrs.frozen(kw_only=True)
class _Range(ck.Quantity, type_tag="tests_loaders.range"):
    margin: float = 0.0


@attrs.frozen(kw_only=True)
class _Checked(ck.Actor, type_tag="tests_loaders.checked"):
    note: str = "none"

    def __attrs_post_init__(self) -> None:  # its own post-init: no generated loader
        super().__attrs_post_init__()


def test_generated_loaders_exist_for_plain_classes_and_not_for_special_ones() -> None:
    def loader(cls: type) -> Any:
        return generate_loader(cls, serialization.converter.get_structure_hook, lambda _: None)

    assert loader(_Sighting) is not None
    assert loader(_Range) is not None
    assert loader(_Checked) is None  # a post-init of its own might do anything
    assert loader(ck.Dataset) is None  # derived state (its index) and a converter


@pytest.mark.parametrize(
    "document",
    [
        {
            "type": "tests_loaders.sighting",
            "id": "s1",
            "actor": "a",
            "kind": "deployment",
            "status": "ongoing",
            "aircraft": ["MiG-29", "Su-25"],
            "altitude": 3000,
        },
        {
            "type": "tests_loaders.sighting",
            "id": "s1",
            "actor": "a",
            "kind": "deployment",
            "status": "ongoing",
            "aircraft": ["MiG-29", ""],
            "altitude": 3.5,
        },
        {
            "type": "movement",
            "id": "m1",
            "actor": "a",
            "kind": "deployment",
            "status": "ongoing",
            "size": {"type": "tests_loaders.range", "best": 5, "unit": "troops", "margin": 1},
        },
        {
            "type": "movement",
            "id": "m1",
            "actor": "a",
            "kind": "deployment",
            "status": "ongoing",
            "size": {"type": "tests_loaders.range", "best": 5, "unit": "troops", "margin": "1"},
        },
        {
            "type": "movement",
            "id": "m1",
            "actor": "a",
            "kind": "deployment",
            "status": "ongoing",
            "size": {"type": "actor", "best": 5, "unit": "troops"},
        },
        {"type": "tests_loaders.checked", "id": "c1", "name": "N", "kind": "person", "note": "x"},
        {"type": "tests_loaders.checked", "id": "c1", "name": "N", "kind": "person", "note": 1},
    ],
)
def test_subclasses_load_as_before(document: dict[str, Any]) -> None:
    new, old = _both(lambda: ck.from_dict(document, ck.Record))
    assert new == old


@attrs.frozen(kw_only=True)
class _Polar(ck.Coordinates, type_tag="tests_loaders.polar"):
    """A subclass that adds a cross-field rule to a value type that has none of its own."""

    def consistency_problems(self) -> Iterator[ck.Problem]:
        yield from super().consistency_problems()
        if abs(self.latitude) < 60:
            yield ck.Problem(path=("latitude",), message="is not polar")


def test_a_rule_added_by_a_subclass_of_a_ruleless_value_type_runs_on_every_path() -> None:
    place = {"type": "location", "id": "l1", "name": "N", "kind": "city"}
    polar = {"type": "tests_loaders.polar", "latitude": 10, "longitude": 1}
    with pytest.raises(ck.ValidationError, match=r"\$\.coordinates\.latitude: is not polar"):
        ck.from_json(json.dumps({**place, "coordinates": polar}), ck.Record)
    loaded = ck.from_json(json.dumps({**place, "coordinates": {**polar, "latitude": 80}}), ck.Record)
    assert isinstance(loaded, ck.Location)
    assert isinstance(loaded.coordinates, _Polar)


def test_a_str_subclass_is_left_to_the_detailed_path_which_keeps_it() -> None:
    class Name(str):
        pass

    document = {"type": "actor", "id": "a1", "name": Name("Taliban"), "kind": "armed_group"}
    new, old = _both(lambda: ck.from_dict(document, ck.Actor))
    assert new == old
    assert type(new[1][2].name) is Name
