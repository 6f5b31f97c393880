"""Reported numbers that keep their uncertainty and their wording."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, non_negative, rules

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
    """An unnumbered plural of dozens ("dozens were captured"); needs no number."""
    HUNDREDS = "hundreds"
    """An unnumbered plural of hundreds ("hundreds of members fled"); needs no number."""
    THOUSANDS = "thousands"
    """An unnumbered plural of thousands; needs no number."""
    UNKNOWN = "unknown"
    """The report gives no usable number ("the exact number was not known")."""

    @property
    def conservative_number(self) -> int | None:
        """The number ACLED codes this unnumbered plural as (dozens 12, hundreds 100, thousands 1000).

        ``None`` for every qualifier that is not an unnumbered plural.

        >>> Qualifier.HUNDREDS.conservative_number
        100
        >>> Qualifier.ABOUT.conservative_number is None
        True
        """
        return _CONSERVATIVE_NUMBERS.get(self)


# ACLED codes vague numbers conservatively: "dozens" as 12, "hundreds" as 100 (and "thousands",
# by the same rule, as 1,000). These are derived on request, never stored as if reported.
_CONSERVATIVE_NUMBERS = {Qualifier.DOZENS: 12, Qualifier.HUNDREDS: 100, Qualifier.THOUSANDS: 1000}
_UNNUMBERED = frozenset(_CONSERVATIVE_NUMBERS) | {Qualifier.UNKNOWN}
_LOWER_BOUNDED = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
_UPPER_BOUNDED = {Qualifier.LESS_THAN, Qualifier.AT_MOST}


@attrs.frozen(kw_only=True)
class Quantity(Model):
    """A reported number with its uncertainty: a best estimate and/or bounds, and its wording.

    "1,037" and "more than a thousand" are both valid and different (the first example's output is
    wrapped to fit the page, hence its directive to compare it ignoring line breaks):

    >>> Quantity(best=1037, unit="troops", text="1,037")  # doctest: +NORMALIZE_WHITESPACE
    Quantity(best=1037, low=None, high=None, qualifier=<Qualifier.EXACT: 'exact'>,
             unit='troops', text='1,037')
    >>> Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops", text="more than a thousand").low
    1000
    >>> Quantity(best=5, low=10, qualifier=Qualifier.ABOUT, unit="troops")
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $.low: must be <= best (5), got 10

    An unnumbered plural ("hundreds") needs no number; the number ACLED would code is derived:

    >>> fled = Quantity(qualifier=Qualifier.HUNDREDS, unit="people", text="hundreds")
    >>> fled.low is None, fled.conservative_estimate
    (True, 100)
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

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        best, low, high, qualifier = self.best, self.low, self.high, self.qualifier
        if best is not None and ((low is not None and low > best) or (high is not None and high < best)):
            return False
        if low is not None and high is not None and low > high:
            return False
        known = best is not None or low is not None or high is not None
        if (qualifier is Qualifier.UNKNOWN and known) or (qualifier not in _UNNUMBERED and not known):
            return False
        if qualifier is Qualifier.EXACT and (
            best is None or (low is not None and low != best) or (high is not None and high != best)
        ):
            return False
        if qualifier in _LOWER_BOUNDED and low is None:
            return False
        return not (qualifier in _UPPER_BOUNDED and high is None)

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
        if self.qualifier not in _UNNUMBERED and not known:
            yield Problem(
                path=("best",),
                message="best, low or high is needed unless the qualifier is unknown, dozens, "
                "hundreds or thousands",
            )
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

    @property
    def conservative_estimate(self) -> int | float | None:
        """The lowest number the report supports, coded the way ACLED codes vague numbers.

        It is ``low`` if given, else ``best``, else, for an unnumbered plural, the qualifier's
        :attr:`~Qualifier.conservative_number` ("hundreds" is 100). ``None`` when the report sets no
        lower figure ("fewer than 100", "the exact number was not known"). It is derived, never
        stored: the record keeps what the report said.

        >>> Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops").conservative_estimate
        1000
        >>> Quantity(qualifier=Qualifier.DOZENS, unit="people").conservative_estimate
        12
        >>> Quantity(qualifier=Qualifier.UNKNOWN, unit="people").conservative_estimate is None
        True
        """
        for number in (self.low, self.best):
            if number is not None:
                return number
        return self.qualifier.conservative_number

    def __str__(self) -> str:
        """The quantity as the report wrote it, else a rendering of its numbers."""
        if self.text is not None:
            return self.text
        if self.best is not None:
            return f"{self.best:g} {self.unit}"
        if self.low is None and self.high is None:
            if self.qualifier is Qualifier.UNKNOWN:
                return f"an unknown number of {self.unit}"
            return f"{self.qualifier.value} of {self.unit}"
        bounds = f"{self.low if self.low is not None else ''}–{self.high if self.high is not None else ''}"
        return f"{self.qualifier.value.replace('_', ' ')} {bounds} {self.unit}".strip()
