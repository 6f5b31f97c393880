"""Reported numbers that keep their uncertainty and their wording."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from conflictkit.errors import Problem
from conflictkit.model import Model
from conflictkit.validation import non_empty, non_negative, rules

__all__ = ["Qualifier", "Quantity"]


class Qualifier(enum.Enum):
    """How a reported number relates to the true one."""

    EXACT = "exact"
    """The number is given exactly ("1,037 Afghan troops")."""
    ABOUT = "about"
    """An approximation ("about 300", "some 20,000")."""
    MORE_THAN = "more_than"
    """A lower bound that is exceeded ("more than a thousand")."""
    AT_LEAST = "at_least"
    """A lower bound that may be met ("at least 50")."""
    LESS_THAN = "less_than"
    """An upper bound that is not reached ("fewer than 100")."""
    AT_MOST = "at_most"
    """An upper bound that may be met ("up to 100")."""
    DOZENS = "dozens"
    """An unnumbered plural of dozens ("dozens were captured")."""
    HUNDREDS = "hundreds"
    """An unnumbered plural of hundreds ("hundreds of members fled")."""
    THOUSANDS = "thousands"
    """An unnumbered plural of thousands."""
    UNKNOWN = "unknown"
    """The report gives no usable number ("the exact number was not known")."""


_LOWER_BOUNDED = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
_UPPER_BOUNDED = {Qualifier.LESS_THAN, Qualifier.AT_MOST}


@attrs.frozen(kw_only=True)
class Quantity(Model):
    """A reported number with its uncertainty: a best estimate and/or bounds, and its wording.

    "1,037" and "more than a thousand" are both valid and different:

    >>> Quantity(best=1037, unit="troops", text="1,037")  # doctest: +NORMALIZE_WHITESPACE
    Quantity(best=1037, low=None, high=None, qualifier=<Qualifier.EXACT: 'exact'>,
             unit='troops', text='1,037')
    >>> Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops", text="more than a thousand").low
    1000
    >>> Quantity(best=5, low=10, qualifier=Qualifier.ABOUT, unit="troops")
    Traceback (most recent call last):
    ...
    conflictkit.errors.ValidationError: 1 problem:
      $.low: must be <= best (5), got 10
    """

    best: int | float | None = attrs.field(default=None, metadata=rules(non_negative))
    """The best estimate, if the report gives or implies one (UCDP's *best*)."""

    low: int | float | None = attrs.field(default=None, metadata=rules(non_negative))
    """The lowest plausible value (UCDP's *low*); for "more than N" this is N."""

    high: int | float | None = attrs.field(default=None, metadata=rules(non_negative))
    """The highest plausible value (UCDP's *high*); for "fewer than N" this is N."""

    qualifier: Qualifier = Qualifier.EXACT
    """How the number was worded: exact, about, more than, hundreds, ..."""

    unit: str = attrs.field(metadata=rules(non_empty))
    """What is counted, in the plural: ``"reservists"``, ``"districts"``, ``"people"``."""

    text: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """The number as the report wrote it: ``"more than a thousand"``, ``"1,037"``."""

    def consistency_problems(self) -> Iterator[Problem]:
        """Bounds are ordered, something is known unless the qualifier says it is not."""
        yield from super().consistency_problems()
        best, low, high = self.best, self.low, self.high
        if best is not None and low is not None and low > best:
            yield Problem(path=("low",), message=f"must be <= best ({best}), got {low}")
        if best is not None and high is not None and high < best:
            yield Problem(path=("high",), message=f"must be >= best ({best}), got {high}")
        if low is not None and high is not None and low > high:
            yield Problem(path=("high",), message=f"must be >= low ({low}), got {high}")
        known = (best, low, high) != (None, None, None)
        if self.qualifier is Qualifier.UNKNOWN and known:
            yield Problem(path=("qualifier",), message="is 'unknown' but a number is given")
        if self.qualifier is not Qualifier.UNKNOWN and not known:
            yield Problem(path=("best",), message="best, low or high is needed unless unknown")
        if self.qualifier is Qualifier.EXACT and (
            best is None or any(bound not in (None, best) for bound in (low, high))
        ):
            yield Problem(
                path=("qualifier",),
                message="is 'exact': best is needed, and low and high, if given, must equal it",
            )
        if self.qualifier in _LOWER_BOUNDED and low is None:
            yield Problem(path=("low",), message=f"is needed for '{self.qualifier.value}'")
        if self.qualifier in _UPPER_BOUNDED and high is None:
            yield Problem(path=("high",), message=f"is needed for '{self.qualifier.value}'")

    def __str__(self) -> str:
        """The quantity as the report wrote it, else a rendering of its numbers."""
        if self.text is not None:
            return self.text
        if self.best is not None:
            return f"{self.best:g} {self.unit}"
        bounds = f"{self.low if self.low is not None else ''}–{self.high if self.high is not None else ''}"
        return f"{self.qualifier.value.replace('_', ' ')} {bounds} {self.unit}".strip()
