from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictkit import DatePrecision, DateSpan, ValidationError
from conflictkit.values.relative_dates import candidate_years, resolve_date_phrase

REPORT_DAY = date(2021, 7, 5)  # a Monday

anchors = st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 10, 31))
weekday_names = st.sampled_from(list(calendar.day_name))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Monday (July 5)", date(2021, 7, 5)),
        ("Sunday", date(2021, 7, 4)),
        ("on Sunday", date(2021, 7, 4)),
        ("Sunday\u2019s", None),  # a possessive is not a date phrase; the caller strips it
        ("earlier on Monday", date(2021, 7, 5)),
        ("Monday", date(2021, 7, 5)),
        ("Two days ago", date(2021, 7, 3)),
        ("3 days ago", date(2021, 7, 2)),
        ("yesterday", date(2021, 7, 4)),
        ("last Monday", date(2021, 6, 28)),
        ("next Sunday", date(2021, 7, 11)),
        ("July 5", date(2021, 7, 5)),
        ("5 July 2021", date(2021, 7, 5)),
        ("Monday, July 5", date(2021, 7, 5)),
        ("Sept. 11", date(2021, 9, 11)),
    ],
)
def test_report_phrases_resolve_to_a_day(phrase: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(ValidationError):
            resolve_date_phrase(phrase, REPORT_DAY)
        return
    span = resolve_date_phrase(phrase, REPORT_DAY)
    assert span == DateSpan.on(expected, text=phrase)
    assert span.precision is DatePrecision.DAY


def test_a_deadline_is_a_span_from_the_anchor() -> None:
    span = resolve_date_phrase("by Sept. 11", REPORT_DAY)
    assert (span.earliest, span.latest, span.text) == (REPORT_DAY, date(2021, 9, 11), "by Sept. 11")
    assert not span.is_point


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("Tuesday (July 5)", "2021-07-05 is a Monday, not a Tuesday"),
        ("banana", "not a weekday, a date"),
        ("", "not a weekday, a date"),
        ("Feb 30", "no day 30"),
        ("Smarch 3", "'smarch' is not a month"),
        ("eleventy days ago", "'eleventy' is not a number of days"),
        ("June 31, 2021", "2021-06-31 is not a day"),
        ("by July 4, 2021", "the deadline 2021-07-04 is before the anchor 2021-07-05"),
        ("by Sunday (July 4)", "2022-07-04 is a Monday, not a Sunday"),
    ],
)
def test_unresolvable_phrases_raise_naming_the_phrase(phrase: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        resolve_date_phrase(phrase, REPORT_DAY)
    message = caught.value.problems[0].message
    assert repr(phrase) in message
    assert reason in message


@given(anchor=anchors, name=weekday_names)
def test_a_bare_weekday_is_the_latest_such_day_on_or_before_the_anchor(anchor: date, name: str) -> None:
    day = resolve_date_phrase(name, anchor).earliest
    assert calendar.day_name[day.weekday()] == name
    assert timedelta(0) <= anchor - day < timedelta(days=7)


@given(anchor=anchors, name=weekday_names)
def test_last_and_next_weekday_are_strictly_before_and_after(anchor: date, name: str) -> None:
    last = resolve_date_phrase(f"last {name}", anchor).earliest
    following = resolve_date_phrase(f"next {name}", anchor).earliest
    assert timedelta(0) < anchor - last <= timedelta(days=7)
    assert timedelta(0) < following - anchor <= timedelta(days=7)
    assert calendar.day_name[last.weekday()] == calendar.day_name[following.weekday()] == name


@given(anchor=anchors, days=st.integers(min_value=0, max_value=400))
def test_days_ago_counts_back_from_the_anchor(anchor: date, days: int) -> None:
    assert resolve_date_phrase(f"{days} days ago", anchor) == DateSpan.on(
        anchor - timedelta(days=days), text=f"{days} days ago"
    )


@given(anchor=anchors, shift=st.integers(min_value=-180, max_value=180), style=st.integers(0, 2))
def test_a_day_of_a_month_is_the_occurrence_nearest_the_anchor(anchor: date, shift: int, style: int) -> None:
    day = anchor + timedelta(days=shift)
    month = (calendar.month_name, calendar.month_abbr, calendar.month_name)[style][day.month]
    phrase = f"{month} {day.day}" if style < 2 else f"{day.day} {month}"
    assert resolve_date_phrase(phrase, anchor).earliest == day


@given(anchor=anchors, ahead=st.integers(min_value=0, max_value=360))
def test_a_deadline_spans_from_the_anchor_to_the_day(anchor: date, ahead: int) -> None:
    deadline = anchor + timedelta(days=ahead)
    phrase = f"by {calendar.month_abbr[deadline.month]}. {deadline.day}"
    span = resolve_date_phrase(phrase, anchor)
    assert (span.earliest, span.latest, span.text) == (anchor, deadline, phrase)


@given(anchor=anchors, day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_weekday_with_its_full_date_resolves_only_when_they_agree(anchor: date, day: date) -> None:
    for weekday in range(7):
        phrase = f"{calendar.day_name[weekday]} ({calendar.month_name[day.month]} {day.day}, {day.year})"
        if weekday == day.weekday():
            assert resolve_date_phrase(phrase, anchor).earliest == day
        else:
            with pytest.raises(ValidationError):
                resolve_date_phrase(phrase, anchor)


def test_candidate_years_are_those_where_weekday_and_date_agree() -> None:
    assert candidate_years("Monday (July 5)", range(2001, 2031)) == (2004, 2010, 2021, 2027)
    assert candidate_years("Sunday, Feb 29", range(2000, 2030)) == (2004,)


@pytest.mark.parametrize("phrase", ["Monday", "July 5", "Funday (July 5)", "Monday (Smarch 5)"])
def test_candidate_years_need_a_weekday_and_a_date(phrase: str) -> None:
    with pytest.raises(ValidationError, match="date"):
        candidate_years(phrase, range(2000, 2030))
