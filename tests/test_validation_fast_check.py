"""The generated fast check (``_accepts``) agrees with the full plan of field checks.

The fast check runs first on every instance; it may send a valid instance to the full plan, but
must never accept a value the plan rejects, or validation would become looser.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictkit
from conflictkit import (
    DatePrecision,
    DateSpan,
    Evidence,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    ValidationError,
)
from conflictkit.core.model import Model
from conflictkit.core.validation import _accepts, field_problems, rules


class _Text(str):
    pass


class _Count(int):
    pass


class _Other(enum.Enum):
    DAY = "day"


_QUANTITY = Quantity(best=3, unit="troops")
_SPAN = DateSpan.on(date(2021, 7, 5))
_EVIDENCE = Evidence(document="d1", quote="abc", start=0, end=3)

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    2.5,
    -0.5,
    float("nan"),
    float("inf"),
    -float("inf"),
    "",
    "  ",
    "x",
    "actor:1",
    " actor:1",
    "actor:1\n",
    _Text("actor:1"),
    _Count(3),
    date(2021, 7, 5),
    datetime(2021, 7, 5, 12, 0),
    DatePrecision.DAY,
    _Other.DAY,
    MovementKind.RETREAT,
    MovementStatus.ONGOING,
    Qualifier.ABOUT,
    (),
    ("x",),
    ("",),
    ["x"],
    (_EVIDENCE,),
    (_EVIDENCE, "x"),
    [_EVIDENCE],
    _QUANTITY,
    _SPAN,
    _EVIDENCE,
    {"a": 1},
]

CLASSES: list[type[Model]] = [
    *conflictkit.registered_types().values(),
    Quantity,
    DateSpan,
    Evidence,
    conflictkit.Coordinates,
]


def _fields(cls: type[Model]) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(cls.__attrs_attrs__)  # type: ignore[attr-defined]


def _unchecked(cls: type[Model], values: dict[str, Any]) -> Model:
    """An instance whose fields hold ``values``, made without running any check."""
    obj = object.__new__(cls)
    for field in _fields(cls):
        object.__setattr__(obj, field.name, values.get(field.name))
    return obj


@st.composite
def unchecked_instances(draw: st.DrawFn) -> Model:
    cls = draw(st.sampled_from(CLASSES))
    values = {field.name: draw(st.sampled_from(ODD_VALUES)) for field in _fields(cls)}
    return _unchecked(cls, values)


@settings(max_examples=600)
@given(unchecked_instances())
def test_fast_check_never_accepts_what_the_plan_rejects(obj: Model) -> None:
    if _accepts(type(obj))(obj):
        assert field_problems(obj) == []


@pytest.mark.parametrize(
    "obj",
    [
        _QUANTITY,
        _SPAN,
        _EVIDENCE,
        MilitaryMovement(
            id="m1",
            actor="a1",
            kind=MovementKind.RETREAT,
            status=MovementStatus.COMPLETED,
            origin="l1",
            destination="l2",
            size=Quantity(low=1000, high=1100.5, qualifier=Qualifier.ABOUT, unit="troops"),
            date=_SPAN,
            evidence=(_EVIDENCE,),
        ),
    ],
)
def test_fast_check_accepts_ordinary_valid_instances(obj: Model) -> None:
    # Otherwise every instance would take the slow path and the fast one would be dead code.
    assert _accepts(type(obj))(obj)


def test_values_the_fast_check_leaves_to_the_plan_are_still_accepted() -> None:
    # A str subclass is a str: the fast check declines it, the plan accepts it.
    assert Quantity(best=_Count(3), unit=_Text("troops")).unit == "troops"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"best": True}, "$.best"),
        ({"best": float("nan")}, "$.best"),
        ({"best": float("inf")}, "$.best"),
        ({"best": -1}, "$.best"),
        ({"best": 3, "unit": " "}, "$.unit"),
        ({"best": 3, "unit": 3}, "$.unit"),
        ({"best": 3, "qualifier": "exact"}, "$.qualifier"),
    ],
)
def test_bad_values_are_still_rejected_with_their_path(fields: dict[str, Any], path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Quantity(**{"unit": "troops", **fields})
    assert [problem.json_path for problem in caught.value.problems] == [path]


def test_a_users_subclass_gets_a_fast_check_for_its_own_fields() -> None:
    @attrs.frozen(kw_only=True)
    class Airstrike(MilitaryMovement, type_tag="perf_tests.airstrike"):
        aircraft: str = attrs.field(default="unknown", metadata=rules(conflictkit.core.validation.non_empty))
        sorties: tuple[int, ...] = ()

    made = Airstrike(
        id="m1", actor="a1", kind=MovementKind.OFFENSIVE, status=MovementStatus.ONGOING, sorties=(1, 2)
    )
    assert _accepts(Airstrike)(made)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(made, aircraft=" ", sorties=(1, True))
    assert [problem.json_path for problem in caught.value.problems] == ["$.aircraft", "$.sorties[1]"]
