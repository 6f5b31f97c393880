"""Relative date phrases as reports write them: "Sunday", "Two days ago", "by Sept. 11".

They are resolved with python-dateutil against an anchor date, usually the report's publication
date, into a :class:`~conflictkit.DateSpan` that keeps the phrase and its precision.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta, weekday

from conflictkit.core.errors import ValidationError
from conflictkit.core.validation import shown
from conflictkit.values.dates import DateSpan

__all__ = ["candidate_years", "resolve_date_phrase"]


def _relativedelta(**offsets: Any) -> relativedelta:
    # dateutil is imported on first use, so that `import conflictkit` does not load it.
    from dateutil.relativedelta import relativedelta

    return relativedelta(**offsets)


def _weekday(number: int, nth: int) -> weekday:
    """The weekday ``number`` (0 is Monday) for dateutil, the ``nth`` one from a date (-1: last)."""
    from dateutil.relativedelta import weekday

    return weekday(number, nth)


@functools.cache
def _month_names() -> Any:
    # dateutil's parser module takes tens of milliseconds to import; only phrases need it.
    from dateutil import parser

    return parser.parserinfo()


_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# Words that place an event within a day without changing which day it is ("earlier on Monday").
_WITHIN_DAY = re.compile(r"^(?:(?:earlier|later|late|early)\s+)?(?:on\s+)?")
_MONTH_DAY = r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?"
_DAY_MONTH = r"(?P<day2>\d{1,2})\s+(?P<month2>[a-z]+)\.?(?:,?\s+(?P<year2>\d{4}))?"
_CALENDAR = re.compile(rf"^(?:{_MONTH_DAY}|{_DAY_MONTH})$")
_WEEKDAY = re.compile(
    r"^(?:(?P<which>last|next)\s+)?(?P<weekday>[a-z]+)(?:\s*\((?P<paren>[^()]*)\)|,\s*(?P<comma>.+))?$"
)
_DAYS_AGO = re.compile(r"^(?P<count>\d+|[a-z]+)\s+days?\s+ago$")


def resolve_date_phrase(phrase: str, anchor: date) -> DateSpan:
    """Resolve a date phrase as a report writes it against ``anchor``, the report's own date.

    The phrase is kept as the span's ``text``. Understood forms, in any letter case:

    - a weekday, alone or with its date: ``"Sunday"``, ``"on Sunday"``, ``"earlier on Monday"``,
      ``"Monday (July 5)"``. A bare weekday is the latest such day on or before the anchor (reports
      speak of the past: in Monday's report "Sunday" is the day before, "Monday" the same day);
      ``"last Sunday"`` and ``"next Sunday"`` are strictly before or after it. A weekday given
      with a date must agree with it.
    - a day of a month: ``"July 5"``, ``"Sept. 11"``, ``"5 July 2021"``; without a year, the
      occurrence nearest the anchor.
    - ``"today"``, ``"yesterday"``, ``"tomorrow"``, ``"two days ago"``, ``"3 days ago"``.
    - a deadline, ``"by Sept. 11"``: the span from the anchor to the first such day on or after
      it. Its precision stays that of its bounds (a day); the span carries the uncertainty.

    Anything else raises :class:`~conflictkit.ValidationError` naming the phrase: a phrase that
    cannot be resolved is never guessed at.

    >>> from datetime import date
    >>> monday = date(2021, 7, 5)
    >>> str(resolve_date_phrase("Sunday", monday)), str(resolve_date_phrase("Two days ago", monday))
    ('2021-07-04', '2021-07-03')
    >>> deadline = resolve_date_phrase("by Sept. 11", monday)
    >>> str(deadline), deadline.text
    ('2021-07-05/2021-09-11', 'by Sept. 11')
    >>> resolve_date_phrase("Tuesday (July 5)", monday)
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $: cannot resolve the date phrase 'Tuesday (July 5)': 2021-07-05 is a Monday, not a Tuesday
    """
    words = " ".join(phrase.split()).lower().rstrip(",.;:")
    try:
        if words.startswith("by "):
            deadline = _resolve_day(words[3:], anchor, on_or_after=True)
            if deadline < anchor:
                raise _Unresolved(f"the deadline {deadline} is before the anchor {anchor}")
            return DateSpan(earliest=anchor, latest=deadline, text=phrase)
        return DateSpan.on(_resolve_day(words, anchor, on_or_after=False), text=phrase)
    except _Unresolved as reason:
        raise ValidationError.at(f"cannot resolve the date phrase {shown(phrase)}: {reason}") from None


def candidate_years(phrase: str, years: Iterable[int]) -> tuple[int, ...]:
    """The years among ``years`` in which a phrase such as ``"Monday (July 5)"`` is true.

    A weekday given with its date narrows down the year of an undated report.

    >>> candidate_years("Monday (July 5)", range(2001, 2031))
    (2004, 2010, 2021, 2027)
    """
    words = " ".join(phrase.split()).lower()
    match = _WEEKDAY.match(_WITHIN_DAY.sub("", words, count=1))
    calendar = match and (match["paren"] or match["comma"])
    weekday = _WEEKDAYS.get(match["weekday"]) if match else None
    if not calendar or weekday is None:
        raise ValidationError.at(f"the date phrase {shown(phrase)} does not name both a weekday and a date")
    try:
        month, day, _ = _calendar_parts(calendar)
    except _Unresolved as reason:
        raise ValidationError.at(f"cannot read the date in {shown(phrase)}: {reason}") from None
    return tuple(year for year in years if _weekday_of(year, month, day) == weekday)


class _Unresolved(Exception):
    """Why a phrase could not be resolved (turned into a ValidationError naming the phrase)."""


def _resolve_day(words: str, anchor: date, *, on_or_after: bool) -> date:
    words = _WITHIN_DAY.sub("", words, count=1)
    if words in _RELATIVE_DAYS:
        return anchor + _relativedelta(days=_RELATIVE_DAYS[words])
    days_ago = _DAYS_AGO.match(words)
    if days_ago:
        return anchor - _relativedelta(days=_count(days_ago["count"]))
    weekday = _WEEKDAY.match(words)
    if weekday and weekday["weekday"] in _WEEKDAYS:
        return _resolve_weekday(weekday, anchor, on_or_after=on_or_after)
    return _resolve_calendar(words, anchor, on_or_after=on_or_after)


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    raise _Unresolved(f"{shown(word)} is not a number of days")


def _resolve_weekday(match: re.Match[str], anchor: date, *, on_or_after: bool) -> date:
    weekday = _WEEKDAYS[match["weekday"]]
    calendar = match["paren"] or match["comma"]
    if calendar is not None:
        day = _resolve_calendar(calendar.strip(), anchor, on_or_after=on_or_after)
        if day.weekday() != weekday:
            raise _Unresolved(f"{day} is a {_day_name(day.weekday())}, not a {_day_name(weekday)}")
        return day
    if match["which"] == "last":
        return anchor + _relativedelta(days=-1, weekday=_weekday(weekday, -1))
    if match["which"] == "next" or on_or_after:
        step = 1 if match["which"] == "next" else 0
        return anchor + _relativedelta(days=step, weekday=_weekday(weekday, +1))
    return anchor + _relativedelta(weekday=_weekday(weekday, -1))


def _resolve_calendar(words: str, anchor: date, *, on_or_after: bool) -> date:
    month, day, year = _calendar_parts(words)
    if year is not None:
        return _make_date(year, month, day)
    candidates = [
        found for offset in (-1, 0, 1) if (found := _valid_date(anchor.year + offset, month, day)) is not None
    ]
    if on_or_after:
        candidates = [found for found in candidates if found >= anchor]
    if not candidates:
        raise _Unresolved(f"there is no day {day} in month {month} near {anchor}")
    return min(candidates, key=lambda found: abs((found - anchor).days))


def _calendar_parts(words: str) -> tuple[int, int, int | None]:
    """Month number, day and year (if given) of a phrase like ``"sept. 11"`` or ``"5 july 2021"``."""
    match = _CALENDAR.match(words.strip())
    if match is None:
        raise _Unresolved("it is not a weekday, a date, or a number of days ago")
    month_name = match["month"] or match["month2"]
    day = int(match["day"] or match["day2"])
    year_text = match["year"] or match["year2"]
    # dateutil knows the month names and their abbreviations ("Sept", "Sep", "September").
    month = _month_names().month(month_name)
    if month is None:
        raise _Unresolved(f"{shown(month_name)} is not a month")
    year = int(year_text) if year_text else None
    if year is None and day > 31:
        raise _Unresolved(f"there is no day {day} in any month")
    if year is not None:
        _make_date(year, month, day)
    return month, day, year


def _make_date(year: int, month: int, day: int) -> date:
    found = _valid_date(year, month, day)
    if found is None:
        raise _Unresolved(f"{year:04d}-{month:02d}-{day:02d} is not a day of the calendar")
    return found


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    found = _valid_date(year, month, day)
    return None if found is None else found.weekday()


def _day_name(weekday: int) -> str:
    return list(_WEEKDAYS)[weekday].capitalize()
