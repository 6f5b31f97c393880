"""Events: grouping claims by same_event, and reconciling their figures UCDP-style."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    EventLike,
    EventRole,
    Evidence,
    Inference,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    Relation,
    RelationKind,
    load_seed,
)
from conflictkit.dataset.events import SourcedFigure, reconcile

WHY = (Inference(field="kind", reason="test"),)


def _movement(
    record_id: str, size: Quantity | None = None, *, attributed_to: str | None = None
) -> MilitaryMovement:
    evidence: tuple[Evidence, ...] = ()
    if attributed_to is not None:
        evidence = (Evidence(document="doc", quote="q", start=0, end=1, attributed_to=attributed_to),)
    return MilitaryMovement(
        id=record_id,
        actor="actor:a",
        kind=MovementKind.BORDER_CROSSING,
        status=MovementStatus.COMPLETED,
        size=size,
        evidence=evidence,
    )


def _same(record_id: str, source: str, target: str) -> Relation:
    return Relation(id=record_id, source=source, kind=RelationKind.SAME_EVENT, target=target, inferred=WHY)


def _figure(quantity: Quantity, claim: str = "c") -> SourcedFigure:
    return SourcedFigure(claim=claim, field="size", quantity=quantity, reported_by=(), attributed_to=())


def troops(*, best: float | None = None, low: float | None = None, high: float | None = None) -> Quantity:
    qualifier = Qualifier.EXACT if low is None and high is None else Qualifier.ABOUT
    return Quantity(best=best, low=low, high=high, unit="troops", qualifier=qualifier)


# --- grouping --------------------------------------------------------------------------------------


def test_same_event_links_join_claims_transitively_and_others_stay_single() -> None:
    records = [
        Actor(id="actor:a", name="A", kind=ActorKind.ARMED_FORCE),
        _movement("m1"),
        _movement("m2"),
        _movement("m3"),
        _movement("m4"),
        _same("r1", "m3", "m1"),
        _same("r2", "m2", "m3"),
    ]
    events = Dataset(records=records).events()
    assert [event.claim_ids for event in events] == [("m1", "m2", "m3"), ("m4",)]
    assert [link.id for link in events[0].links] == ["r1", "r2"]
    assert events[0].id == "m1"
    assert events[1].links == ()


def test_links_that_break_the_rules_join_nothing() -> None:
    actor = Actor(id="actor:a", name="A", kind=ActorKind.ARMED_FORCE)
    records = [actor, _movement("m1"), _same("r1", "m1", "actor:a"), _same("r2", "m1", "gone")]
    dataset = Dataset(records=records)
    assert [event.claim_ids for event in dataset.events()] == [("m1",)]
    assert len(dataset.problems()) == 2


def test_a_duplicate_id_is_an_event_of_its_own() -> None:
    events = Dataset(records=[_movement("m1"), _movement("m1")]).events()
    assert [event.claim_ids for event in events] == [("m1",), ("m1",)]


@given(st.from_type(Dataset))
def test_every_event_like_record_is_in_exactly_one_event(dataset: Dataset) -> None:
    claims = Counter(id(claim) for event in dataset.events() for claim in (*event.claims, *event.parts))
    event_like = [
        record
        for record in dataset
        if isinstance(record, EventLike) and getattr(record, "role", EventRole.EVENT) is EventRole.EVENT
    ]
    assert sorted(claims) == sorted(id(record) for record in event_like)
    assert set(claims.values()) <= {1}


# --- sources and figures ---------------------------------------------------------------------------


def test_an_event_keeps_each_sources_figure_beside_the_reconciled_one() -> None:
    records = [
        _movement(
            "m1", Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops"), attributed_to="actor:x"
        ),
        _movement("m2", troops(best=1037), attributed_to="actor:y"),
        _same("r1", "m1", "m2"),
    ]
    [event] = Dataset(records=records).events()
    assert event.sources == ("actor:x", "actor:y")
    figure = event.figure("size")
    assert figure is not None
    assert (figure.best, figure.low, figure.high) == (1037, 1000, 1037)
    assert figure.low_exclusive
    assert str(figure) == "best 1,037 (more than 1,000, high 1,037)"
    assert [(own.claim, own.attributed_to) for own in figure.figures] == [
        ("m1", ("actor:x",)),
        ("m2", ("actor:y",)),
    ]
    assert figure.figures[0].quantity.qualifier is Qualifier.MORE_THAN
    assert figure.units == ("troops",)
    assert figure.agree
    assert event.figure("casualties") is None


def test_best_is_the_lower_median_of_the_given_bests() -> None:
    figure = reconcile("size", [_figure(troops(best=n)) for n in (30, 10, 20, 40)])
    assert (figure.best, figure.low, figure.high) == (20, 10, 40)


def test_bounds_come_from_lows_and_highs_and_open_bounds_do_not_raise_the_high() -> None:
    figure = reconcile(
        "size",
        [
            _figure(troops(low=50, best=60, high=90)),
            _figure(Quantity(low=200, qualifier=Qualifier.AT_LEAST, unit="troops")),
            _figure(Quantity(qualifier=Qualifier.UNKNOWN, unit="troops")),
        ],
    )
    assert (figure.best, figure.low, figure.high) == (60, 50, 90)
    assert len(figure.figures) == 3
    assert not figure.agree  # at least 200 and at most 90 cannot both hold


def test_the_low_is_exclusive_only_when_every_claim_giving_it_says_more_than() -> None:
    more_than = Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops")
    at_least = Quantity(low=1000, qualifier=Qualifier.AT_LEAST, unit="troops")
    assert reconcile("size", [_figure(more_than), _figure(troops(best=1200))]).low_exclusive
    assert not reconcile("size", [_figure(more_than), _figure(at_least)]).low_exclusive
    assert not reconcile("size", [_figure(more_than), _figure(troops(best=1000))]).low_exclusive
    assert not reconcile("size", [_figure(more_than), _figure(troops(best=900))]).low_exclusive
    figure = reconcile("size", [_figure(at_least)])
    assert str(figure) == "best ? (low 1,000, high ?)"


def test_no_figures_give_no_numbers() -> None:
    figure = reconcile("size", [_figure(Quantity(qualifier=Qualifier.UNKNOWN, unit="troops"))])
    assert (figure.best, figure.low, figure.high) == (None, None, None)
    assert figure.agree
    assert str(figure) == "best ? (low ?, high ?)"


def test_strict_bounds_decide_agreement_at_the_boundary() -> None:
    more_than = Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops")
    at_least = Quantity(low=1000, qualifier=Qualifier.AT_LEAST, unit="troops")
    less_than = Quantity(high=1000, qualifier=Qualifier.LESS_THAN, unit="troops")
    exactly = troops(best=1000)
    assert not reconcile("size", [_figure(more_than), _figure(exactly)]).agree
    assert reconcile("size", [_figure(at_least), _figure(exactly)]).agree
    assert not reconcile("size", [_figure(less_than), _figure(exactly)]).agree
    assert reconcile("size", [_figure(more_than), _figure(troops(best=1001))]).agree


# --- the seed --------------------------------------------------------------------------------------


def test_the_seeds_sunday_crossing_is_one_event_of_more_than_a_thousand_best_1037() -> None:
    seed = load_seed()
    [crossing] = [event for event in seed.events() if "move:afghan-troops-crossed-1037" in event.claim_ids]
    assert crossing.claim_ids == (
        "move:afghan-forces-crossed-more-than-a-thousand",
        "move:afghan-troops-crossed-1037",
    )
    figure = crossing.figure("size")
    assert figure is not None
    assert (figure.best, figure.low) == (1037, 1000)
    assert figure.low_exclusive  # more than 1,000
    assert figure.figures[0].quantity.qualifier is Qualifier.MORE_THAN
    assert figure.agree
    assert crossing.date is not None
    assert str(crossing.date) == "2021-07-04"
    assert set(crossing.sources) == {"actor:reuters", "actor:tajikistan-border-service"}


def test_counting_the_seeds_events_counts_the_sunday_crossing_once() -> None:
    seed = load_seed()
    events = seed.events()
    crossings = [
        event
        for event in events
        if isinstance(event.claims[0], MilitaryMovement)
        and event.claims[0].kind is MovementKind.BORDER_CROSSING
        and event.claims[0].actor == "actor:afghan-security-forces"
    ]
    assert len(crossings) == 1
