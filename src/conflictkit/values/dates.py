"""Dates as reports give them: a day, or a span, with a precision and the phrase as written."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, rules

__all__ = ["DatePrecision", "DateSpan"]


class DatePrecision(enum.Enum):
    """How precisely a date is known (compare ACLED's time_precision, UCDP's date_prec)."""

    DAY = "day"
    """Known to the day."""
    WEEK = "week"
    """Known to within a week."""
    MONTH = "month"
    """Known to the month."""
    YEAR = "year"
    """Known to the year."""


@attrs.frozen(kw_only=True)
class DateSpan(Model):
    """When something happened: a single day (``earliest == latest``) or a span, with precision.

    >>> from datetime import date
    >>> day = DateSpan.on(date(2021, 7, 5), text="Monday (July 5)")
    >>> day.is_point, day.precision.value
    (True, 'day')
    >>> DateSpan(earliest=date(2021, 7, 5), latest=date(2021, 7, 1))
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $.latest: must not be before earliest (2021-07-05), got 2021-07-01
    """

    earliest: date
    """The first day it may have happened on."""

    latest: date
    """The last day it may have happened on; equal to ``earliest`` for a single day."""

    precision: DatePrecision = DatePrecision.DAY
    """How precisely the report fixes the date."""

    text: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """The phrase as the report wrote it: ``"Sunday"``, ``"Two days ago"``, ``"by Sept. 11"``."""

    @classmethod
    def on(
        cls, day: date, *, precision: DatePrecision = DatePrecision.DAY, text: str | None = None
    ) -> DateSpan:
        """A single day."""
        return cls(earliest=day, latest=day, precision=precision, text=text)

    @property
    def is_point(self) -> bool:
        """Whether this is a single day."""
        return self.earliest == self.latest

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        return not self.latest < self.earliest

    def consistency_problems(self) -> Iterator[Problem]:
        """``earliest`` comes no later than ``latest``."""
        yield from super().consistency_problems()
        if self.latest < self.earliest:
            yield Problem(
                path=("latest",),
                message=f"must not be before earliest ({self.earliest}), got {self.latest}",
            )

    def __str__(self) -> str:
        """ISO dates, a span written ``first/last`` as in ISO 8601."""
        if self.is_point:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"
