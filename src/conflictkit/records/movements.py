"""Military movements: mobilisations, deployments, withdrawals, border crossings, offensives."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import ClassVar

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import duplicate_problems, each, non_empty, rules
from conflictkit.records.record import Record
from conflictkit.records.relations import NOT_ATTRIBUTION, EventLike, EventRole
from conflictkit.values.dates import DateSpan
from conflictkit.values.quantities import Quantity
from conflictkit.values.references import reference

__all__ = ["MilitaryMovement", "MovementKind", "MovementStatus"]


class MovementKind(enum.Enum):
    """What a force does (compare PLOVER's MOBILIZE and RETREAT)."""

    MOBILIZATION = "mobilization"
    """Calling up forces or reservists."""
    DEPLOYMENT = "deployment"
    """Sending or stationing forces somewhere."""
    WITHDRAWAL = "withdrawal"
    """An orderly, planned departure ("the U.S. withdrew from Bagram")."""
    RETREAT = "retreat"
    """Falling back or fleeing under pressure ("fled in haste")."""
    BORDER_CROSSING = "border_crossing"
    """Crossing an international border."""
    OFFENSIVE = "offensive"
    """An attack to take ground."""
    COUNTER_OFFENSIVE = "counter_offensive"
    """An attack to retake ground lost to an offensive."""


class MovementStatus(enum.Enum):
    """How far a movement had got when it was reported."""

    ANNOUNCED = "announced"
    """Said to be intended ("will launch a counter-offensive")."""
    PLANNED = "planned"
    """Part of a stated plan with a timetable ("by Sept. 11")."""
    ORDERED = "ordered"
    """Ordered by an authority."""
    ONGOING = "ongoing"
    """Under way."""
    COMPLETED = "completed"
    """Done."""
    STOPPED = "stopped"
    """Cut short before it was done: blocked, turned back, or its members captured."""


@attrs.frozen(kw_only=True)
class MilitaryMovement(EventLike, Record, type_tag="movement"):
    """A force that mobilises, deploys, withdraws, crosses a border, retreats or attacks."""

    event_family: ClassVar[str] = "movement"
    """Claims of the same event family can be the same event (see :class:`~conflictkit.EventLike`)."""

    actor: str = attrs.field(metadata=reference("actor"))
    """Id of the force that moves (an :class:`~conflictkit.Actor`)."""

    kind: MovementKind
    """What the force does."""

    status: MovementStatus
    """How far the movement had got when reported."""

    origin: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the location it moves from."""

    destination: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the location it moves to (or, for an offensive, the area attacked)."""

    ordered_by: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor who ordered it."""

    permitted_by: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor who permitted it, e.g. the state whose border was crossed."""

    size: Quantity | None = None
    """How many took part, as reported."""

    date: DateSpan | None = None
    """When it happened, or when it is due for announced and planned movements."""

    equipment: tuple[str, ...] = attrs.field(default=(), metadata=rules(each(non_empty)))
    """The equipment the force moves or has deployed, in the report's words ("tanks",
    "helicopters", "ground-attack aircraft"), where reported."""

    role: EventRole = attrs.field(default=EventRole.EVENT, metadata=rules(NOT_ATTRIBUTION))
    """Whether it is an event or a background condition (see :class:`~conflictkit.EventRole`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        if self.equipment and len(set(self.equipment)) != len(self.equipment):
            return False
        return self.origin is None or self.origin != self.destination

    def consistency_problems(self) -> Iterator[Problem]:
        """Origin and destination differ; no piece of equipment is listed twice."""
        yield from super().consistency_problems()
        yield from duplicate_problems(self.equipment, "equipment")
        if self.origin is not None and self.origin == self.destination:
            yield Problem(path=("destination",), message="must differ from origin")
