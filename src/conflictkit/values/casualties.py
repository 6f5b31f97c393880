"""Casualties: who was killed, injured, captured or went missing, per side, as reported.

Each figure is a :class:`~conflictkit.Quantity` or ``None``. ``None`` means the report does not
say; ``Quantity(best=0, ...)`` means the report says there were none. The two stay apart in JSON:
a figure that is not reported is left out, a reported zero is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import Model
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.references import reference

__all__ = ["CASUALTY_FIGURES", "Casualties", "total_casualties"]

CASUALTY_FIGURES = ("killed", "injured", "captured", "missing")
"""The names of the figures a :class:`Casualties` holds, in order."""


@attrs.frozen(kw_only=True)
class Casualties(Model):
    """The casualties of one side of an incident, as reported.

    ``side`` is the actor whose people they were (civilians are an actor of their own), or
    ``None`` when the report does not say whose they were:

    >>> dozens = Quantity(low=12, qualifier=Qualifier.DOZENS, unit="people", text="dozens")
    >>> captured = Casualties(side="actor:afghan-security-forces", captured=dozens)
    >>> captured.killed is None  # not reported, which is not the same as none
    True
    >>> Casualties(killed=Quantity(best=2.5, unit="people"))
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $.killed.best: must be a whole number of people, got 2.5
    """

    side: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor whose people these were; ``None`` if the report does not say."""

    killed: Quantity | None = None
    """How many were killed; ``None`` if not reported."""

    injured: Quantity | None = None
    """How many were injured; ``None`` if not reported."""

    captured: Quantity | None = None
    """How many were captured, taken prisoner, detained or abducted; ``None`` if not reported."""

    missing: Quantity | None = None
    """How many went missing; ``None`` if not reported."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        reported = False
        for figure in (self.killed, self.injured, self.captured, self.missing):
            if figure is None:
                continue
            reported = True
            for number in (figure.best, figure.low, figure.high):
                if number is not None and not float(number).is_integer():
                    return False
        return reported

    def consistency_problems(self) -> Iterator[Problem]:
        """At least one figure is reported; every number in a figure is a whole number."""
        yield from super().consistency_problems()
        figures = {name: getattr(self, name) for name in CASUALTY_FIGURES}
        if all(figure is None for figure in figures.values()):
            yield Problem(
                path=("killed",), message="at least one of killed, injured, captured, missing is needed"
            )
        for name, figure in figures.items():
            if figure is None:
                continue
            for bound in ("best", "low", "high"):
                number = getattr(figure, bound)
                # People come whole; JSON cannot tell 3 from 3.0, so an integral float is fine.
                if number is not None and not float(number).is_integer():
                    yield Problem(
                        path=(name, bound), message=f"must be a whole number of people, got {number!r}"
                    )


def total_casualties(casualties: Iterable[Casualties]) -> Casualties:
    """The casualties of all sides added up, figure by figure, as a side-less :class:`Casualties`.

    A figure no side reports stays ``None``. When every side's figure is exact, the total is
    exact. Otherwise the total's ``low`` adds up each side's lowest known value (a side that
    reports only "dozens" adds its lower bound), its ``best`` and ``high`` are given only when
    every side reporting the figure gives one, and it is worded ``about`` (or ``at least`` when
    only a lower bound is known). Totals are computed, never stored, so they cannot disagree
    with the sides they add up.

    >>> soldiers = Casualties(side="actor:a", killed=Quantity(best=3, unit="people"))
    >>> civilians = Casualties(side="actor:b", killed=Quantity(best=2, unit="people"))
    >>> total_casualties([soldiers, civilians]).killed.best
    5
    >>> total_casualties([soldiers, civilians]).injured is None
    True

    It raises :class:`~conflictkit.ValidationError` if no side reports any figure.
    """
    sides = tuple(casualties)
    return Casualties(
        killed=_total([side.killed for side in sides]),
        injured=_total([side.injured for side in sides]),
        captured=_total([side.captured for side in sides]),
        missing=_total([side.missing for side in sides]),
    )


def _total(figures: list[Quantity | None]) -> Quantity | None:
    reported = [figure for figure in figures if figure is not None]
    if not reported:
        return None
    units = {figure.unit for figure in reported}
    unit = units.pop() if len(units) == 1 else "people"
    if all(figure.qualifier is Qualifier.EXACT for figure in reported):
        return Quantity(best=sum(_known(figure.best) for figure in reported), unit=unit)
    low = sum(_lowest(figure) for figure in reported)
    bests = [figure.best for figure in reported]
    highs = [figure.high if figure.high is not None else figure.best for figure in reported]
    best = sum(map(_known, bests)) if None not in bests else None
    high = sum(map(_known, highs)) if None not in highs else None
    qualifier = Qualifier.AT_LEAST if best is None and high is None else Qualifier.ABOUT
    return Quantity(best=best, low=low, high=high, qualifier=qualifier, unit=unit)


def _lowest(figure: Quantity) -> int | float:
    for number in (figure.low, figure.best):
        if number is not None:
            return number
    return 0  # a figure of unknown size adds at least nothing


def _known(number: int | float | None) -> int | float:
    return 0 if number is None else number
