"""The docs' timeline picture: a twenty-year condition does not squeeze a week of events into a corner."""

from __future__ import annotations

import importlib
import re
from datetime import date
from types import ModuleType

import pytest

from conflictkit import load_seed


@pytest.fixture(scope="module")
def timeline() -> ModuleType:
    return importlib.import_module("timeline")


def test_the_axis_covers_the_short_spans_not_the_long_ones(timeline: ModuleType) -> None:
    entries = timeline.dated_entries(load_seed())
    assert any(entry.date.earliest.year == 2001 for entry in entries)  # "after 20 years of war"
    first, last = timeline.axis_range(entries)
    assert date(2021, 6, 1) < first
    assert last < date(2021, 8, 1)


def test_a_span_from_before_the_axis_is_drawn_with_an_arrow_in_from_the_left(timeline: ModuleType) -> None:
    svg = timeline.timeline_svg(load_seed())
    ticks = re.findall(r'<line x1="[0-9.]+" y1="\d+" x2="[0-9.]+" y2="\d+" class="grid"/>', svg)
    assert 0 < len(ticks) <= 31
    war = svg.split("[inc:twenty-years-of-war]</title>", 1)[1].split("</g>", 1)[0]
    assert f"{timeline.CHART_LEFT - 10}," in war  # the tip of the left arrow
    assert ">2001\N{EN DASH}Jul 5<" in war


def test_short_dates_name_the_year_only_when_a_span_crosses_one(timeline: ModuleType) -> None:
    from conflictkit import DateSpan

    assert timeline.short_date(DateSpan(earliest=date(2021, 7, 4), latest=date(2021, 7, 4))) == "Jul 4"
    assert timeline.short_date(DateSpan(earliest=date(2021, 6, 28), latest=date(2021, 7, 5))) == (
        "Jun 28\N{EN DASH}Jul 5"
    )
    assert timeline.short_date(DateSpan(earliest=date(2001, 1, 1), latest=date(2021, 7, 5))) == (
        "2001\N{EN DASH}Jul 5"
    )
