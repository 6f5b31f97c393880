"""Quantities: unnumbered plurals keep the report's wording; ACLED-style numbers are derived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conflictkit as ck
from conflictkit import Qualifier, Quantity

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("qualifier", "acled"), [(Qualifier.DOZENS, 12), (Qualifier.HUNDREDS, 100), (Qualifier.THOUSANDS, 1000)]
)
def test_an_unnumbered_plural_needs_no_number(qualifier: Qualifier, acled: int) -> None:
    vague = Quantity(qualifier=qualifier, unit="people", text=qualifier.value)
    assert (vague.best, vague.low, vague.high) == (None, None, None)
    assert vague.conservative_estimate == acled
    assert ck.from_json(ck.to_json(vague), Quantity) == vague
    assert ck.to_dict(vague) == {"qualifier": qualifier.value, "unit": "people", "text": qualifier.value}


@pytest.mark.parametrize("qualifier", [Qualifier.ABOUT, Qualifier.EXACT, Qualifier.MORE_THAN])
def test_a_worded_number_still_needs_its_number(qualifier: Qualifier) -> None:
    with pytest.raises(ck.ValidationError, match=r"\$\.best: best, low or high is needed"):
        Quantity(qualifier=qualifier, unit="people")


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(best=1037, unit="troops"), 1037),
        (Quantity(best=300, low=250, qualifier=Qualifier.ABOUT, unit="troops"), 250),
        (Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops"), 1000),
        (Quantity(high=100, qualifier=Qualifier.LESS_THAN, unit="troops"), None),
        (Quantity(qualifier=Qualifier.UNKNOWN, unit="troops"), None),
        # A bound given with the plural (as documents of schema 1.0 wrote them) is kept and used.
        (Quantity(low=200, qualifier=Qualifier.HUNDREDS, unit="troops"), 200),
    ],
)
def test_the_conservative_estimate_is_the_lowest_figure_the_report_supports(
    quantity: Quantity, expected: int | None
) -> None:
    assert quantity.conservative_estimate == expected


def test_rendering_without_a_number() -> None:
    assert str(Quantity(qualifier=Qualifier.HUNDREDS, unit="people")) == "hundreds of people"
    assert str(Quantity(qualifier=Qualifier.UNKNOWN, unit="people")) == "an unknown number of people"


def test_documents_of_schema_1_0_with_a_coded_bound_still_load() -> None:
    text = (DATA / "dataset-1.0-seed-2021-07-05.json").read_text(encoding="utf-8")
    coded = [
        record["size"]
        for record in json.loads(text)["records"]
        if record.get("size", {}).get("qualifier") == "hundreds"
    ]
    assert coded, "the frozen 1.0 document codes 'hundreds' with a number"
    assert all(size["low"] == 100 for size in coded)
    dataset = ck.from_json(text, ck.Dataset)
    sizes = [
        movement.size
        for movement in dataset.of_type(ck.MilitaryMovement)
        if movement.size is not None and movement.size.qualifier is Qualifier.HUNDREDS
    ]
    assert [size.low for size in sizes] == [100] * len(coded)
    assert all(size.conservative_estimate == 100 for size in sizes)


def test_the_seed_stores_no_number_for_vague_figures() -> None:
    seed = ck.load_seed()
    vague = [
        movement
        for movement in seed.of_type(ck.MilitaryMovement)
        if movement.size is not None and movement.size.qualifier.conservative_number is not None
    ]
    # "dozens" is the capture's figure (inc:ishkashim-captures), not the size of a movement.
    assert {movement.size.text for movement in vague if movement.size} == {"Hundreds", "hundreds"}
    for movement in vague:
        assert movement.size is not None
        assert (movement.size.best, movement.size.low, movement.size.high) == (None, None, None)
        assert all(inference.field != "size" for inference in movement.inferred), movement.id
