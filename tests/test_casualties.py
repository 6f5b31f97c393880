from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictkit import (
    Casualties,
    Incident,
    Qualifier,
    Quantity,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
    total_casualties,
)
from conflictkit import strategies as cks


def people(best: int | float, qualifier: Qualifier = Qualifier.EXACT) -> Quantity:
    return Quantity(best=best, qualifier=qualifier, unit="people")


DOZENS = Quantity(low=12, qualifier=Qualifier.DOZENS, unit="people", text="dozens")


def test_not_reported_and_reported_as_none_stay_apart_in_json() -> None:
    none_killed = Casualties(side="actor:civilians", killed=people(0), injured=people(4))
    not_reported = Casualties(side="actor:civilians", injured=people(4))
    assert to_dict(none_killed)["killed"] == {"best": 0, "unit": "people"}
    assert "killed" not in to_dict(not_reported)
    assert from_json(to_json(none_killed), Casualties).killed == people(0)
    assert from_json(to_json(not_reported), Casualties).killed is None
    assert none_killed != not_reported


def test_a_side_may_be_unspecified() -> None:
    assert Casualties(captured=DOZENS).side is None


def test_casualties_with_no_figure_say_nothing_and_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Casualties(side="actor:a")
    assert [problem.json_path for problem in caught.value.problems] == ["$.killed"]


@pytest.mark.parametrize("bound", ["best", "low", "high"])
def test_a_non_integral_figure_is_refused_with_its_path(bound: str) -> None:
    numbers: dict[str, float] = {"best": 3, "low": 2, "high": 4}
    numbers[bound] += 0.5
    injured = Quantity(
        best=numbers["best"],
        low=numbers["low"],
        high=numbers["high"],
        qualifier=Qualifier.ABOUT,
        unit="people",
    )
    with pytest.raises(ValidationError) as caught:
        Casualties(injured=injured)
    assert [problem.json_path for problem in caught.value.problems] == [f"$.injured.{bound}"]


def test_an_integral_float_is_a_whole_number() -> None:
    # JSON does not tell 3 from 3.0.
    assert Casualties(killed=people(3.0)).killed == people(3.0)


def test_every_bad_figure_of_a_document_is_reported_at_once() -> None:
    data = [
        {"side": "actor:a", "killed": {"best": -3, "unit": "people"}},
        {"side": "actor:b", "injured": {"best": 2.5, "qualifier": "about", "unit": "people"}},
        {"side": "actor:c", "captured": {"best": "dozens", "unit": "people"}, "wounded": 1},
    ]
    incident = {"type": "incident", "id": "inc:1", "kind": "armed_clash", "casualties": data}
    with pytest.raises(ValidationError) as caught:
        from_dict(incident, Incident)
    assert sorted(problem.json_path for problem in caught.value.problems) == [
        "$.casualties[0].killed.best",
        "$.casualties[1].injured.best",
        "$.casualties[2].captured.best",
        "$.casualties[2].wounded",
    ]


def test_totals_add_exact_figures_exactly() -> None:
    total = total_casualties(
        [
            Casualties(side="actor:a", killed=people(3), injured=people(1)),
            Casualties(side="actor:b", killed=people(2)),
        ]
    )
    assert total.side is None
    assert total.killed == people(5)
    assert total.injured == people(1)
    assert total.captured is None
    assert total.missing is None


def test_totals_of_vague_figures_keep_only_what_is_known() -> None:
    total = total_casualties([Casualties(side="actor:a", captured=DOZENS), Casualties(captured=people(3))])
    assert total.captured == Quantity(low=15, qualifier=Qualifier.AT_LEAST, unit="people")


def test_totals_of_estimates_add_best_low_and_high() -> None:
    about = Quantity(best=10, low=8, high=12, qualifier=Qualifier.ABOUT, unit="people")
    total = total_casualties([Casualties(killed=about), Casualties(side="actor:b", killed=people(5))])
    assert total.killed == Quantity(best=15, low=13, high=17, qualifier=Qualifier.ABOUT, unit="people")


def test_a_reported_zero_counts_as_reported_in_totals() -> None:
    total = total_casualties([Casualties(killed=people(0))])
    assert total.killed == people(0)


def test_totals_of_nothing_are_refused() -> None:
    with pytest.raises(ValidationError):
        total_casualties([])


@settings(max_examples=60, deadline=None)
@given(st.lists(cks.casualties(), min_size=1, max_size=4))
def test_totals_are_valid_and_bound_every_side(sides: list[Casualties]) -> None:
    total = total_casualties(sides)
    for figure in ("killed", "injured", "captured", "missing"):
        reported = [getattr(side, figure) for side in sides if getattr(side, figure) is not None]
        summed = getattr(total, figure)
        assert (summed is None) == (not reported)
        if summed is not None:
            lows = [q.low if q.low is not None else q.best if q.best is not None else 0 for q in reported]
            assert summed.low is None or summed.low == pytest.approx(sum(lows))


@settings(max_examples=60, deadline=None)
@given(cks.casualties())
def test_generated_casualties_round_trip(casualties: Casualties) -> None:
    assert from_json(to_json(casualties), Casualties) == casualties
