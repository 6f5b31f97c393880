"""Rules' JSON Schema hints, safe messages, and the type checks hardened against hostile values."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from conflictkit import Actor, ActorKind, Coordinates, Document, Evidence, Quantity, ValidationError
from conflictkit.core.validation import (
    MAX_SAFE_INTEGER,
    at_most,
    compile_type_check,
    each,
    in_range,
    json_schema_hint,
    matches,
    non_empty,
    non_negative,
    shown,
    with_json_schema,
)
from conflictkit.values.countries import country_rule, subdivision_rule
from conflictkit.values.references import ID_RULE


def test_rules_carry_their_json_schema() -> None:
    assert json_schema_hint(non_empty) == {"minLength": 1, "pattern": "\\S", "minItems": 1}
    assert json_schema_hint(non_negative) == {"minimum": 0}
    assert json_schema_hint(in_range(-90, 90)) == {"minimum": -90, "maximum": 90}
    assert json_schema_hint(at_most(3)) == {"maxLength": 3, "maxItems": 3}
    assert json_schema_hint(matches(r"Q[0-9]+", "a QID")) == {"pattern": "^(?:Q[0-9]+)(?![\\s\\S])"}
    assert json_schema_hint(each(non_negative)) == {"items": {"minimum": 0}}
    assert json_schema_hint(ID_RULE) == {"pattern": "^(?:[A-Za-z0-9][A-Za-z0-9._:/-]{0,199})(?![\\s\\S])"}
    assert json_schema_hint(subdivision_rule) == {"pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}(?![\\s\\S])"}


def test_the_country_hint_is_the_code_list_of_the_rule() -> None:
    hint = json_schema_hint(country_rule)
    assert hint is not None
    codes = hint["enum"]
    assert len(codes) == 249
    assert all(country_rule(code) is None for code in codes)
    assert country_rule("XX") is not None
    assert "XX" not in codes


def test_a_rule_without_a_hint_has_none() -> None:
    def odd(value: Any) -> str | None:
        return None if value % 2 else "must be odd"

    assert json_schema_hint(odd) is None
    assert json_schema_hint(each(odd)) is None
    assert with_json_schema(odd, lambda: {"not": {"multipleOf": 2}}) is odd
    assert json_schema_hint(odd) == {"not": {"multipleOf": 2}}


@pytest.mark.parametrize("pattern", [r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", r"Q[1-9][0-9]*", r"[0-9a-f]{64}"])
def test_anchored_hint_patterns_match_as_the_rule_does(pattern: str) -> None:
    import re

    rule = matches(pattern, "it")
    hint = json_schema_hint(rule)
    assert hint is not None
    anchored = re.compile(hint["pattern"])
    for candidate in ["en", "tg-Cyrl", "Q42", "Q0", "x" * 64, "a" * 64, "EN", "en-", "Q42 "]:
        assert (rule(candidate) is None) == (anchored.search(candidate) is not None), candidate


def test_shown_never_raises() -> None:
    deep: list[Any] = []
    cursor = deep
    for _ in range(sys.getrecursionlimit() * 2):
        cursor.append([])
        cursor = cursor[0]
    assert shown(deep) == "a list nested too deeply to show"
    assert shown(10**5000) == "an integer of 16610 bits"
    assert shown("abc") == "'abc'"
    assert shown("y" * 10_000) == "'" + "y" * 56 + "... (10002 characters)"


def test_int_fields_take_json_safe_integers_only() -> None:
    check = compile_type_check(int)
    assert check(MAX_SAFE_INTEGER) is None
    assert check(-MAX_SAFE_INTEGER) is None
    [problem] = check(MAX_SAFE_INTEGER + 1) or []
    assert problem.message == "must be an integer between -(2**53 - 1) and 2**53 - 1, got 9007199254740992"
    assert check(True) is not None


def test_float_fields_take_ints_that_a_float_holds_exactly() -> None:
    check = compile_type_check(float)
    assert check(2**53 - 1) is None
    assert check(-(2**53 - 1)) is None
    assert check(1e300) is None
    # A float64 column would turn 2**53 + 1 into 2**53: the integer is refused, not rounded later.
    [problem] = check(2**53 + 1) or []
    assert problem.message.startswith("must be a number a float64 holds exactly")
    assert problem.message.endswith("got 9007199254740993")


def test_int_or_float_reports_the_range_not_the_type() -> None:
    with pytest.raises(ValidationError) as error:
        Quantity(best=10**5000, unit="troops")
    assert str(error.value).startswith("1 problem:\n  $.best: must be a number a float64 holds exactly")
    assert str(error.value).endswith(", got an integer of 16610 bits")
    with pytest.raises(ValidationError, match=r"\$.best: expected int or float, got str '3'"):
        Quantity(best="3", unit="troops")  # type: ignore[arg-type]


def test_rule_messages_survive_huge_values() -> None:
    with pytest.raises(
        ValidationError, match=r"holds exactly.*, got 1000000000.*[.]{3} [(]301 characters[)]$"
    ):
        Coordinates(latitude=10**300, longitude=0)
    with pytest.raises(ValidationError, match=r"must be between -90 and 90, got 1e\+300$"):
        Coordinates(latitude=1e300, longitude=0)
    with pytest.raises(ValidationError, match=r"\$.start: must be an integer between"):
        Evidence(document="d", quote="q", start=10**5000, end=10**5000 + 1)


def test_strings_must_be_text() -> None:
    with pytest.raises(ValidationError, match=r"\$.name: must be Unicode text, but contains an unpaired"):
        Actor(id="a", name="bad \udc80", kind=ActorKind.STATE)
    with pytest.raises(ValidationError, match=r"\$.aliases\[1\]: must be Unicode text"):
        Actor(id="a", name="ok", kind=ActorKind.STATE, aliases=("fine", "\ud800"))
    # A document whose text is not Unicode used to crash computing its SHA-256.
    with pytest.raises(ValidationError, match=r"\$.text: must be Unicode text"):
        Document(id="d", title="t", text="\ud800", sha256="0" * 64)
    assert Actor(id="a", name="Рахмон 😀", kind=ActorKind.PERSON).name == "Рахмон 😀"


def test_inference_messages_are_short() -> None:
    from conflictkit import Inference

    with pytest.raises(ValidationError) as error:
        Actor(id="a", name="n", kind=ActorKind.STATE, inferred=(Inference(field="z" * 10_000, reason="r"),))
    assert len(str(error.value)) < 200
