"""Territorial control: who holds a territory, how that changed, and aggregate claims."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import ClassVar

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import rules, shown
from conflictkit.records.record import Record
from conflictkit.records.relations import NOT_ATTRIBUTION, EventLike, EventRole
from conflictkit.values.dates import DateSpan
from conflictkit.values.quantities import Quantity
from conflictkit.values.references import reference

__all__ = ["ControlChange", "ControlMethod", "TerritorialControl"]


class ControlChange(enum.Enum):
    """What happened to control of a territory (compare ACLED's territory sub-events)."""

    CAPTURED = "captured"
    """Taken from another actor ("non-state actor overtakes territory")."""
    CEDED = "ceded"
    """Given up to another actor ("non-violent transfer of territory")."""
    RETAKEN = "retaken"
    """Taken back by its former holder ("government regains territory")."""
    CONTESTED = "contested"
    """Fought over, with no clear holder."""
    HELD = "held"
    """Held, with no change reported."""
    CLOSED = "closed"
    """Access shut by its holder, e.g. border crossings blocked by border guards."""
    ESTABLISHED = "established"
    """A base or headquarters set up in the territory ("headquarters or base established")."""


class ControlMethod(enum.Enum):
    """How a change of control came about."""

    BY_FORCE = "by_force"
    """Through fighting."""
    WITHOUT_FIGHT = "without_fight"
    """Without a fight: abandoned, surrendered or handed over."""
    NEGOTIATED = "negotiated"
    """By agreement."""


@attrs.frozen(kw_only=True)
class TerritorialControl(EventLike, Record, type_tag="control"):
    """Who controls a territory as of when; or an aggregate claim like "26 of 28 districts".

    For an aggregate claim, ``territory`` is the enclosing area (the province), ``count`` says how
    many units changed hands and ``total`` how many there are, in the same unit.
    """

    event_family: ClassVar[str] = "control"
    """Claims of the same event family can be the same event (see :class:`~conflictkit.EventLike`)."""

    territory: str = attrs.field(metadata=reference("location"))
    """Id of the territory, or of the area enclosing the units counted."""

    change: ControlChange
    """What happened to control."""

    controller: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor in control after the change."""

    previous_controller: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor in control before the change."""

    method: ControlMethod | None = None
    """How the change came about."""

    date: DateSpan | None = None
    """When the change happened, or as of when the control is reported."""

    count: Quantity | None = None
    """How many units (districts, crossings) the claim covers."""

    total: Quantity | None = None
    """How many such units there are in all: the denominator of "26 of 28 districts"."""

    role: EventRole = attrs.field(default=EventRole.EVENT, metadata=rules(NOT_ATTRIBUTION))
    """Whether it is an event or a background condition (see :class:`~conflictkit.EventRole`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        count, total = self.count, self.total
        if total is None:
            return True
        if count is None or count.unit != total.unit:
            return False
        fewest = _first_known(count.low, count.best, count.high)
        most = _first_known(total.high, total.best, total.low)
        return fewest is None or most is None or not fewest > most

    def consistency_problems(self) -> Iterator[Problem]:
        """A total comes with a count in the same unit, and the count does not exceed it."""
        yield from super().consistency_problems()
        count, total = self.count, self.total
        if total is None:
            return
        if count is None:
            yield Problem(path=("count",), message="is needed when total is given")
            return
        if count.unit != total.unit:
            yield Problem(
                path=("total", "unit"),
                message=f"must match count's unit {shown(count.unit)}, got {shown(total.unit)}",
            )
        fewest = _first_known(count.low, count.best, count.high)
        most = _first_known(total.high, total.best, total.low)
        if fewest is not None and most is not None and fewest > most:
            yield Problem(path=("count",), message=f"cannot exceed total ({most:g}), got {fewest:g}")


def _first_known(*numbers: float | None) -> float | None:
    return next((number for number in numbers if number is not None), None)
