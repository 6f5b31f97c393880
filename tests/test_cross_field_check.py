"""Each class's cross-field predicate answers as its rules do.

Construction and the loaders ask a class's predicate (:func:`conflictkit.core.model.cross_field_check`)
first and run the generators that word the problems only when it says no. So the predicate must
never say yes to an instance its rules refuse. These tests build instances that break the rules
(fields mixed from valid instances of the same class, set without construction) and compare the
predicate with the rules, and check that a user's subclass with rules of its own keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies
from conflictkit.core.errors import Problem
from conflictkit.core.model import cross_field_check
from conflictkit.records.interactions import MODES_BY_KIND

_CLASSES: list[tuple[type, Callable[[], st.SearchStrategy[Any]]]] = [
    (ck.Quantity, strategies.quantities),
    (ck.DateSpan, strategies.date_spans),
    (ck.Evidence, strategies.evidence),
    (ck.Casualties, strategies.casualties),
    (ck.Actor, strategies.actors),
    (ck.Location, strategies.locations),
    (ck.Statement, strategies.statements),
    (ck.MilitaryMovement, strategies.military_movements),
    (ck.TerritorialControl, strategies.territorial_controls),
    (ck.Incident, strategies.incidents),
    (ck.Interaction, strategies.interactions),
    (ck.Document, strategies.documents),
    (ck.Relation, strategies.relations),
]


def _unchecked(cls: type, values: dict[str, Any]) -> Any:
    """An instance of ``cls`` with ``values``, made without construction and its checks."""
    instance: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


@st.composite
def _mixed(draw: st.DrawFn) -> Any:
    """An instance whose every field comes from one of several valid instances of its class."""
    cls, strategy = draw(st.sampled_from(_CLASSES))
    sources = draw(st.lists(strategy(), min_size=1, max_size=3))
    cls = type(sources[0])
    values = {field.name: getattr(draw(st.sampled_from(sources)), field.name) for field in attrs.fields(cls)}
    for name, value in values.items():  # an item listed twice breaks the rules against repeats
        if isinstance(value, tuple) and value and draw(st.integers(0, 3)) == 0:
            values[name] = (*value, value[0])
    return _unchecked(cls, values)


def _rules_pass(instance: Any) -> bool:
    return not list(instance.consistency_problems())


@settings(max_examples=300)
@given(_mixed())
def test_the_predicate_says_yes_exactly_when_the_rules_find_nothing(instance: Any) -> None:
    assert cross_field_check(type(instance))(instance) is _rules_pass(instance)


_KILLED = ck.Casualties(killed=ck.Quantity(best=2, unit="people"))
_NAME = ck.Inference(field="name", reason="the report implies it")
_NO_FIELD = ck.Inference(field="rank", reason="the report implies it")

_BREAKS: list[tuple[type, dict[str, Any]]] = [
    (ck.Quantity, {"best": 5, "low": 6, "unit": "troops"}),
    (ck.Quantity, {"best": 5, "high": 4, "unit": "troops"}),
    (ck.Quantity, {"low": 6, "high": 4, "qualifier": ck.Qualifier.ABOUT, "unit": "troops"}),
    (ck.Quantity, {"best": 5, "qualifier": ck.Qualifier.UNKNOWN, "unit": "troops"}),
    (ck.Quantity, {"qualifier": ck.Qualifier.ABOUT, "unit": "troops"}),
    (ck.Quantity, {"best": 5, "low": 4, "qualifier": ck.Qualifier.EXACT, "unit": "troops"}),
    (ck.Quantity, {"best": 5, "qualifier": ck.Qualifier.MORE_THAN, "unit": "troops"}),
    (ck.Quantity, {"best": 5, "qualifier": ck.Qualifier.AT_MOST, "unit": "troops"}),
    (ck.Evidence, {"document": "d", "quote": "abc", "start": 1, "end": 3}),
    (ck.Casualties, {}),
    (ck.Casualties, {"killed": ck.Quantity(best=2.5, qualifier=ck.Qualifier.ABOUT, unit="people")}),
    (ck.Location, {"id": "l", "name": "L", "kind": ck.LocationKind.CITY, "parent": "l"}),
    (ck.Location, {"id": "l", "name": "L", "kind": ck.LocationKind.PROVINCE, "subdivision": "AF-BDS"}),
    (
        ck.Location,
        {"id": "l", "name": "L", "kind": ck.LocationKind.PROVINCE, "subdivision": "AF-BDS", "country": "TJ"},
    ),
    (ck.Relation, {"id": "r", "source": "a", "kind": ck.RelationKind.SAME_EVENT, "target": "a"}),
    (ck.Relation, {"id": "r", "source": "a", "kind": ck.RelationKind.SAME_EVENT, "target": "b"}),
    (ck.Document, {"id": "d", "title": "T"}),
    (ck.Document, {"id": "d", "title": "T", "text": "x", "sha256": "0" * 64}),
    (ck.Statement, {"id": "s", "speaker": "a"}),
    (ck.Statement, {"id": "s", "speaker": "a", "quote": "q", "about": ("s",)}),
    (ck.Statement, {"id": "s", "speaker": "a", "quote": "q", "act": ck.SpeechAct.ASSURE}),
    (
        ck.Statement,
        {
            "id": "s",
            "speaker": "a",
            "quote": "q",
            "act": ck.SpeechAct.CONSULT,
            "channel": ck.StatementChannel.OFFICIAL_STATEMENT,
        },
    ),
    (ck.Statement, {"id": "s", "speaker": "a", "quote": "q", "role": ck.EventRole.ATTRIBUTION}),
    (
        ck.Statement,
        {"id": "s", "speaker": "a", "quote": "q", "contexts": (ck.EventContext.MILITARY,) * 2},
    ),
    (
        ck.MilitaryMovement,
        {
            "id": "m",
            "actor": "a",
            "kind": ck.MovementKind.DEPLOYMENT,
            "status": ck.MovementStatus.COMPLETED,
            "equipment": ("tanks", "tanks"),
        },
    ),
    (
        ck.MilitaryMovement,
        {
            "id": "m",
            "actor": "a",
            "kind": ck.MovementKind.DEPLOYMENT,
            "status": ck.MovementStatus.COMPLETED,
            "origin": "l",
            "destination": "l",
        },
    ),
    (
        ck.TerritorialControl,
        {
            "id": "c",
            "territory": "t",
            "change": ck.ControlChange.CAPTURED,
            "count": ck.Quantity(best=5, unit="districts"),
            "total": ck.Quantity(best=28, unit="provinces"),
        },
    ),
    (
        ck.TerritorialControl,
        {
            "id": "c",
            "territory": "t",
            "change": ck.ControlChange.CAPTURED,
            "count": ck.Quantity(best=30, unit="districts"),
            "total": ck.Quantity(best=28, unit="districts"),
        },
    ),
    (
        ck.TerritorialControl,
        {
            "id": "c",
            "territory": "t",
            "change": ck.ControlChange.CAPTURED,
            "total": ck.Quantity(best=28, unit="districts"),
        },
    ),
    (
        ck.Incident,
        {"id": "i", "kind": ck.IncidentKind.TERRITORY_TAKEN, "perpetrators": ("a",), "targets": ("b",)},
    ),
    (ck.Incident, {"id": "i", "kind": ck.IncidentKind.ATTACK, "perpetrators": ("a",), "targets": ("a",)}),
    (ck.Interaction, {"id": "x", "kind": ck.InteractionKind.COOPERATE, "sources": ()}),
    (
        ck.Interaction,
        {
            "id": "x",
            "kind": ck.InteractionKind.COOPERATE,
            "sources": ("a",),
            "mode": next(
                mode for mode in ck.InteractionMode if mode not in MODES_BY_KIND[ck.InteractionKind.COOPERATE]
            ),
        },
    ),
    (
        ck.Interaction,
        {"id": "x", "kind": ck.InteractionKind.COOPERATE, "sources": ("a", "a")},
    ),
    (
        ck.Incident,
        {"id": "i", "kind": ck.IncidentKind.ATTACK, "casualties": (_KILLED, _KILLED)},
    ),
    (ck.Incident, {"id": "i", "kind": ck.IncidentKind.ATTACK, "perpetrators": ("a", "a")}),
    (ck.Incident, {"id": "i", "kind": ck.IncidentKind.ATTACK, "contexts": (ck.EventContext.MILITARY,) * 2}),
    (ck.DateSpan, {"earliest": date(2021, 7, 5), "latest": date(2021, 7, 4)}),
    (ck.Actor, {"id": "a", "name": "A", "kind": ck.ActorKind.PERSON, "inferred": (_NO_FIELD,)}),
    (ck.Actor, {"id": "a", "name": "A", "kind": ck.ActorKind.PERSON, "inferred": (_NAME, _NAME)}),
    (ck.Record, {"id": "a"}),
    (ck.Interaction, {"id": "x", "kind": ck.InteractionKind.COOPERATE, "sources": ("a",), "targets": ("a",)}),
]


def _with_defaults(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    defaults = {
        field.name: field.default for field in attrs.fields(cls) if field.default is not attrs.NOTHING
    }
    return {**defaults, **values}


@pytest.mark.parametrize(("cls", "values"), _BREAKS)
def test_the_predicate_says_no_to_an_instance_that_breaks_a_rule(cls: type, values: dict[str, Any]) -> None:
    instance = _unchecked(cls, _with_defaults(cls, values))
    assert cross_field_check(cls)(instance) is _rules_pass(instance)
    with pytest.raises(ck.ValidationError):
        cls(**values)


@attrs.frozen(kw_only=True)
class _Squad(ck.Actor, type_tag="tests_cross_field_check.squad"):
    members: int = 1

    def consistency_problems(self) -> Iterator[Problem]:
        yield from super().consistency_problems()
        if self.members > 12:
            yield Problem(path=("members",), message="a squad has at most 12 members")


def test_a_subclass_with_rules_of_its_own_keeps_them_on_every_path() -> None:
    with pytest.raises(ck.ValidationError, match=r"\$\.members: a squad has at most 12 members"):
        _Squad(id="s1", name="S", kind=ck.ActorKind.ARMED_FORCE, members=13)
    text = '{"type":"tests_cross_field_check.squad","id":"s1","name":"S","kind":"armed_force","members":13}'
    for cls in (_Squad, ck.Actor, ck.Record):
        with pytest.raises(ck.ValidationError, match=r"\$\.members: a squad has at most 12 members"):
            ck.from_json(text, cls)
    assert ck.from_json(text.replace("13", "12"), ck.Record) == _Squad(
        id="s1", name="S", kind=ck.ActorKind.ARMED_FORCE, members=12
    )
