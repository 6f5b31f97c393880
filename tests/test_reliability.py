"""Invariants that hold whatever the input: tags, cycles, exact codes, pickles, versions and dates."""

from __future__ import annotations

import copy
import enum
import pickle
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import conflictkit as ck


def location(record_id: str, parent: str | None) -> ck.Location:
    return ck.Location(id=record_id, name="x", kind=ck.LocationKind.CITY, parent=parent)


# --- point 7: "type": null on a value type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (ck.Quantity, {"best": 1, "unit": "troops"}),
        (ck.DateSpan, {"earliest": "2021-07-05", "latest": "2021-07-05"}),
        (ck.Evidence, {"document": "doc:1", "quote": "a", "start": 0, "end": 1}),
        (ck.Inference, {"field": "status", "reason": "implied"}),
    ],
)
def test_null_type_tag_on_a_value_type_is_refused(cls: type[ck.Model], data: dict[str, Any]) -> None:
    assert isinstance(ck.from_dict(data, cls), cls)
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": None, **data}, cls)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (("type",), "expected a type tag string, got null")
    ]


def test_null_type_tag_inside_a_record_is_refused() -> None:
    movement = ck.to_dict(ck.load_seed().of_type(ck.MilitaryMovement)[0])
    assert "date" in movement
    movement["date"] = {"type": None, **movement["date"]}
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict(movement, ck.Record)
    assert caught.value.problems[0].path == ("date", "type")


# --- point 15: cycles of parents --------------------------------------------------------------------


def test_every_cycle_of_parents_is_found_once() -> None:
    dataset = ck.Dataset(
        records=[
            location("loc:a", "loc:b"),
            location("loc:b", "loc:c"),
            location("loc:c", "loc:a"),
            location("loc:d", "loc:a"),  # leads into a cycle without being in it
            location("loc:e", "loc:f"),
            location("loc:f", "loc:e"),
            location("loc:g", None),
            location("loc:h", "loc:g"),
        ]
    )
    assert [(p.path, p.message) for p in dataset.problems()] == [
        (
            ("records", 0, "parent"),
            "the chain of parents loops back: 'loc:a' -> 'loc:b' -> 'loc:c' -> 'loc:a'",
        ),
        (("records", 4, "parent"), "the chain of parents loops back: 'loc:e' -> 'loc:f' -> 'loc:e'"),
    ]
    with pytest.raises(ck.ValidationError):
        dataset.validate()


def test_long_chains_of_parents_are_fine_and_walked_once() -> None:
    chain = [location(f"loc:{n}", f"loc:{n + 1}" if n < 2999 else None) for n in range(3000)]
    assert ck.Dataset(records=chain).problems() == ()


def test_own_parent_is_reported_by_the_location_alone() -> None:
    with pytest.raises(ck.ValidationError, match="its own parent"):
        location("loc:a", "loc:a")


# --- point 16: exact subdivision codes ---------------------------------------------------------------


def test_subdivision_codes_are_upper_case_only() -> None:
    assert ck.is_subdivision_code("AF-BDS")
    assert not ck.is_subdivision_code("af-bds")
    assert not ck.is_subdivision_code("Af-Bds")
    with pytest.raises(ck.ValidationError, match="subdivision"):
        ck.Location(id="loc:b", name="B", kind=ck.LocationKind.PROVINCE, country="AF", subdivision="af-bds")


# --- point 18: pickles ------------------------------------------------------------------------------


def test_pickles_and_copies_round_trip() -> None:
    seed = ck.load_seed()
    assert pickle.loads(pickle.dumps(seed)) == seed
    assert copy.deepcopy(seed) == seed
    assert copy.copy(seed) == seed


def test_a_tampered_pickle_is_validated() -> None:
    quantity = ck.Quantity(best=5, low=1, unit="troops", qualifier=ck.Qualifier.ABOUT)
    blob = pickle.dumps(quantity, protocol=4)
    assert blob.count(b"K\x05") == 1  # the best value, as a one-byte int
    with pytest.raises(ck.ValidationError, match="low"):
        pickle.loads(blob.replace(b"K\x05", b"K\x00"))


def test_setstate_cannot_change_a_live_instance() -> None:
    quantity = ck.Quantity(best=5, unit="troops")
    before = hash(quantity)
    for cls in (ck.Quantity, ck.Actor, ck.Dataset, ck.OpaqueRecord):
        assert cls.__setstate__ is ck.Model.__setstate__
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quantity.__setstate__((7, None, None, None, "x", None))
    assert hash(quantity) == before
    assert quantity.best == 5


def test_user_subclasses_pickle_through_their_constructor() -> None:
    @attrs.frozen(kw_only=True)
    class Pickled(ck.Quantity, type_tag="testsuite.pickled_quantity"):
        note: str = "n"

    # A class defined in a function cannot be found by pickle, but copying uses the same path.
    value = Pickled(best=3, unit="x", note="kept")
    assert copy.deepcopy(value) == value
    assert Pickled.__setstate__ is ck.Model.__setstate__


# --- point 19: the library and the schema agree on versions and dates ---------------------------------


def schema_accepts(document: dict[str, Any], *, formats: bool) -> bool:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER if formats else None
    validator = jsonschema.Draft202012Validator(ck.json_schema(), format_checker=checker)
    return bool(validator.is_valid(document))


def library_accepts(document: dict[str, Any]) -> bool:
    try:
        ck.from_dict(document, ck.Dataset)
    except ck.ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "version",
    ["1.0", "1.7", "1.123456", "01.0", "1.00", "1.01", "1.0000001", "1", "1.", ".0", " 1.0", "1.0\n"],
)
def test_library_and_schema_agree_on_schema_versions(version: str) -> None:
    document = {"schema_version": version, "records": []}
    assert library_accepts(document) == schema_accepts(document, formats=False)


@pytest.mark.parametrize(
    "day",
    ["2021-02-28", "2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "2021-04-31", "2021-12-31",
     "2021-13-01", "2021-00-10", "2021-01-00", "0000-01-01", "0001-01-01", "9999-12-31", "2021-1-01"],
)  # fmt: skip
def test_library_and_schema_agree_on_dates_without_format_checking(day: str) -> None:
    span = {"earliest": day, "latest": day}
    document = {
        "schema_version": "1.0",
        "records": [{"type": "document", "id": "doc:1", "title": "t", "text": "t", "published": span}],
    }
    accepted = library_accepts(document)
    assert accepted == schema_accepts(document, formats=False)
    assert accepted == schema_accepts(document, formats=True)
    if accepted:
        assert date.fromisoformat(day).isoformat() == day


# --- point 5: Dataset subclasses ----------------------------------------------------------------------


def test_dataset_subclass_with_fields_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="cannot add fields"):

        @attrs.frozen(kw_only=True)
        class WithSource(ck.Dataset, type_tag="testsuite.dataset_with_source"):
            source: str = "x"

    assert "testsuite.dataset_with_source" not in ck.registered_types()


def test_dataset_subclass_loads_as_itself() -> None:
    @attrs.frozen(kw_only=True)
    class Annotated(ck.Dataset, type_tag="testsuite.annotated_dataset"):
        def actors(self) -> tuple[ck.Actor, ...]:
            return self.of_type(ck.Actor)

    data = Annotated(records=ck.load_seed().records, title="t")
    loaded = ck.from_json(ck.to_json(data), Annotated)
    assert type(loaded) is Annotated
    assert loaded == data
    assert ck.to_json(loaded) == ck.to_json(ck.Dataset(records=data.records, title="t"))


# --- point 8: fields that JSON cannot carry -----------------------------------------------------------


class Level(enum.Enum):
    LOW = 1
    HIGH = 2


@attrs.frozen(kw_only=True)
class Rated(ck.Actor, type_tag="testsuite.rated"):
    level: Level = Level.LOW
    levels: tuple[Level, ...] = ()


def test_enum_fields_with_int_values_round_trip() -> None:
    rated = Rated(id="actor:r", name="R", kind=ck.ActorKind.PERSON, level=Level.HIGH, levels=(Level.LOW,))
    text = ck.to_json(rated)
    assert '"level":2' in text
    assert ck.from_json(text, ck.Record) == rated
    schema = ck.json_schema(Rated)["$defs"]["testsuite.rated"]["properties"]
    assert schema["level"] == {"enum": [1, 2]}
    for wrong in ("2.0", "true", '"2"'):
        with pytest.raises(ck.ValidationError, match="expected one of 1, 2"):
            ck.from_json(text.replace('"level":2', f'"level":{wrong}'), ck.Record)


class Ratio(enum.Enum):
    HALF = 0.5


def test_enum_values_json_cannot_carry_are_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="enum values must be str or int"):

        @attrs.frozen(kw_only=True)
        class Halved(ck.Actor, type_tag="testsuite.halved"):
            ratio: Ratio = Ratio.HALF


@pytest.mark.parametrize(
    "annotation",
    [
        ck.Quantity | ck.DateSpan,
        ck.Quantity | ck.DateSpan | None,
        str | date,
        str | Level,
        tuple[ck.Quantity | ck.DateSpan, ...],
    ],
)
def test_unions_json_cannot_tell_apart_are_refused_at_definition(annotation: Any) -> None:
    before = len(ck.json_schema()["$defs"])
    namespace = {"__annotations__": {"either": annotation}, "either": None, "__module__": __name__}
    with pytest.raises(TypeError, match="use a common base class"):
        attrs.frozen(kw_only=True)(type("Either", (ck.Actor,), namespace, type_tag="testsuite.either"))
    assert "testsuite.either" not in ck.registered_types()
    assert len(ck.json_schema()["$defs"]) == before  # the schema of every other type still works


def test_unions_of_plain_types_are_fine() -> None:
    @attrs.frozen(kw_only=True)
    class Plain(ck.Actor, type_tag="testsuite.plain_union"):
        code: str | int | None = None

    plain = Plain(id="actor:p", name="P", kind=ck.ActorKind.PERSON, code=3)
    assert ck.from_json(ck.to_json(plain), ck.Record) == plain


# --- point 17: a subclass cannot weaken its base's rules ---------------------------------------------

LOW_ABOVE_BEST = {"best": 1, "low": 5, "unit": "troops", "qualifier": "about"}


def test_a_subclass_that_checks_nothing_still_obeys_its_base() -> None:
    @attrs.frozen(kw_only=True)
    class Lenient(ck.Quantity, type_tag="testsuite.lenient_quantity"):
        def consistency_problems(self) -> Iterator[ck.Problem]:
            return iter(())

    with pytest.raises(ck.ValidationError, match="must be <= best"):
        ck.from_dict({"type": "testsuite.lenient_quantity", **LOW_ABOVE_BEST}, ck.Quantity)


def test_a_subclass_that_skips_validation_is_validated_anyway() -> None:
    @attrs.frozen(kw_only=True)
    class Unchecked(ck.Quantity, type_tag="testsuite.unchecked_quantity"):
        def __attrs_post_init__(self) -> None:
            pass

    with pytest.raises(ck.ValidationError, match="must be <= best"):
        ck.from_dict({"type": "testsuite.unchecked_quantity", **LOW_ABOVE_BEST}, ck.Quantity)


def test_a_subclass_adding_rules_reports_each_problem_once() -> None:
    @attrs.frozen(kw_only=True)
    class Noted(ck.Quantity, type_tag="testsuite.noted_quantity"):
        note: str = "fine"

        def consistency_problems(self) -> Iterator[ck.Problem]:
            yield from super().consistency_problems()
            if self.note == "bad":
                yield ck.Problem(path=("note",), message="is bad")

    with pytest.raises(ck.ValidationError) as caught:
        Noted(best=1, low=5, unit="troops", qualifier=ck.Qualifier.ABOUT, note="bad")
    assert [problem.path for problem in caught.value.problems] == [("low",), ("note",)]


@pytest.mark.parametrize(
    "redefinition",
    [
        {
            "__annotations__": {"best": "int | float | None"},
            "best": attrs.field(default=None),
        },  # rule dropped
        {"__annotations__": {"unit": "str | None"}, "unit": None},  # type widened
    ],
)
def test_a_subclass_cannot_loosen_an_inherited_field(redefinition: dict[str, Any]) -> None:
    namespace = {**redefinition, "__module__": __name__}
    with pytest.raises(TypeError, match="never loosen"):
        attrs.frozen(kw_only=True)(
            type("Loose", (ck.Quantity,), namespace, type_tag="testsuite.loose_quantity")
        )
    assert "testsuite.loose_quantity" not in ck.registered_types()


# --- point 6: records of unknown types write back what they read ---------------------------------------

ODD_NUMBERS = (
    '{"type":"elsewhere.odd","id":"x:1","a":1E2,"b":123456789012345678901234567890.5,"c":[1.50,-0.0,2.5e-3]}'
)


def test_unknown_records_keep_numbers_as_written() -> None:
    record = ck.from_json(ODD_NUMBERS, ck.Record, keep_unknown=True)
    assert isinstance(record, ck.OpaqueRecord)
    assert record.content == ODD_NUMBERS
    assert ck.to_json(record) == ODD_NUMBERS
    dataset = ck.from_json(
        f'{{"schema_version":"{ck.SCHEMA_VERSION}","records":[{ODD_NUMBERS}]}}', ck.Dataset, keep_unknown=True
    )
    assert ck.to_json(dataset) == f'{{"schema_version":"{ck.SCHEMA_VERSION}","records":[{ODD_NUMBERS}]}}'
    assert ODD_NUMBERS in ck.to_json(dataset, indent=2)
    assert ck.to_dict(record)["a"] == 100.0  # Python values, as parsed


def test_a_string_like_a_stand_in_is_left_alone() -> None:
    actor = ck.Actor(id="actor:a", name="\ue000conflictkit:0", kind=ck.ActorKind.PERSON)
    record = ck.from_json(ODD_NUMBERS, ck.Record, keep_unknown=True)
    text = ck.to_json(ck.Dataset(records=[actor, record]))
    assert ck.from_json(text, ck.Dataset, keep_unknown=True).records[0] == actor


def test_known_records_loaded_leniently_are_unchanged() -> None:
    text = '{"type":"movement","id":"mv:1","actor":"actor:a","kind":"deployment","status":"announced"}'
    assert ck.from_json(text, ck.Record, keep_unknown=True) == ck.from_json(text, ck.Record)


def test_evidence_cannot_be_added_to_an_unknown_record() -> None:
    record = ck.from_json(ODD_NUMBERS, ck.Record, keep_unknown=True)
    evidence = ck.Evidence(document="doc:1", quote="a", start=0, end=1)
    inference = ck.Inference(field="id", reason="implied")
    with pytest.raises(ck.ValidationError, match="cannot be added to a record of an unknown type"):
        attrs.evolve(record, evidence=(evidence,))
    with pytest.raises(ck.ValidationError, match="cannot be added to a record of an unknown type"):
        attrs.evolve(record, inferred=(inference,))


# --- point 9: what loads can be written -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Branch(ck.Model, type_tag="testsuite.branch"):
    children: tuple[Branch, ...] = ()


def nested_branches(levels: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for _ in range(levels):
        document = {"children": [document]}
    return document


def test_deep_unknown_records_write_back() -> None:
    """As deep as the parser accepts here (the stack under a test runner is deeper than usual)."""
    written, refusals = [], []
    for levels in (980, 900, 800, 600):
        deep = '{"type":"elsewhere.deep","id":"x:1","v":' + "[" * levels + "]" * levels + "}"
        text = f'{{"schema_version":"{ck.SCHEMA_VERSION}","records":[{deep}]}}'
        try:
            dataset = ck.from_json(text, ck.Dataset, keep_unknown=True)
        except ck.ValidationError as error:
            refusals.append(str(error))
            continue
        assert ck.to_json(dataset) == text
        assert ck.to_json(dataset, indent=1).count("[") == levels + 1
        written.append(levels)
    assert written
    assert all("nested too deeply" in refusal for refusal in refusals)


def test_values_of_recursive_types_load_only_as_deep_as_they_write() -> None:
    from conflictkit.core.nesting import MAX_NESTING

    within = ck.from_dict(nested_branches(MAX_NESTING), Branch)
    assert ck.from_json(ck.to_json(within), Branch) == within
    with pytest.raises(ck.ValidationError, match=f"nested more than {MAX_NESTING} levels"):
        ck.from_dict(nested_branches(MAX_NESTING + 1), Branch)
    with pytest.raises(ck.ValidationError, match="nested"):
        ck.from_dict(nested_branches(500), Branch)


def test_a_value_built_too_deep_to_write_says_so() -> None:
    branch = Branch()
    for _ in range(3 * sys.getrecursionlimit()):
        branch = Branch(children=(branch,))
    with pytest.raises(ck.ValidationError, match="nested too deeply to write"):
        ck.to_json(branch)


def test_pickles_made_before_the_layout_by_layer_still_load() -> None:
    # Made with the flat layout, when Actor lived in conflictkit.actors, Quantity in
    # conflictkit.quantities and ValidationError in conflictkit.errors.
    data = Path(__file__).parent / "data" / "pickles"
    blob = (data / "seed-1.1-flat-layout.pickle").read_bytes()
    assert b"conflictkit.actors" in blob
    seed = pickle.loads(blob)  # the seed of schema 1.1, 95 records, as it was then
    assert isinstance(seed, ck.Dataset)
    assert len(seed) == 95
    assert {type(record).__module__.split(".")[1] for record in seed} == {"records"}
    assert seed.problems() == ()
    assert ck.from_json(ck.to_json(seed), ck.Dataset) == seed
    error = pickle.loads((data / "validation-error-flat-layout.pickle").read_bytes())
    assert isinstance(error, ck.ValidationError)
    assert [problem.message for problem in error.problems] == ["must be >= 0, got -1"]
