"""Matching events across datasets: the window, precision, episodes, the index, relations, bad input."""

from __future__ import annotations

import gc
import math
import random
from datetime import date, timedelta

import pytest

import conflictkit as ck
from conflictkit.matching import DEFAULT_THRESHOLD, TABLE_COLUMNS, Match, MatchingError, match
from conflictkit.matching.engine import candidates, prepare

SUNDAY_CROSSING = ("move:afghan-forces-crossed-more-than-a-thousand", "move:afghan-troops-crossed-1037")
REPORT_DAY = date(2021, 7, 5)  # the report's own "Monday (July 5)"


def seed_split() -> tuple[ck.Dataset, ck.Dataset]:
    """The seed as two sources: Reuters' own claims, and the claims it attributes to officials."""
    seed = ck.load_seed()
    shared: list[ck.Record] = []
    own: list[ck.Record] = []
    attributed: list[ck.Record] = []
    for record in seed:
        if isinstance(record, ck.Relation):
            continue
        if isinstance(record, ck.EventLike):
            quoted = any(evidence.attributed_to for evidence in record.evidence)
            (attributed if quoted else own).append(record)
        else:
            shared.append(record)
    return ck.Dataset(records=shared + own), ck.Dataset(records=shared + attributed)


def place(prefix: str, number: int, lat: float, lon: float, precision: ck.GeoPrecision) -> ck.Location:
    return ck.Location(
        id=f"{prefix}:loc:{number}",
        name=f"Place {number}",
        kind=ck.LocationKind.CITY,
        coordinates=ck.Coordinates(latitude=lat, longitude=lon, precision=precision),
    )


def incident(
    prefix: str,
    number: int,
    *,
    day: date | None = date(2020, 5, 9),
    last: date | None = None,
    precision: ck.DatePrecision = ck.DatePrecision.DAY,
    kind: ck.IncidentKind = ck.IncidentKind.ARMED_CLASH,
    located: bool = True,
) -> ck.Incident:
    span = None if day is None else ck.DateSpan(earliest=day, latest=last or day, precision=precision)
    return ck.Incident(
        id=f"{prefix}:inc:{number}",
        kind=kind,
        location=f"{prefix}:loc:{number}" if located else None,
        date=span,
    )


def two_sources(
    first: list[tuple[ck.Incident, tuple[float, float, ck.GeoPrecision]]],
    second: list[tuple[ck.Incident, tuple[float, float, ck.GeoPrecision]]],
) -> tuple[ck.Dataset, ck.Dataset]:
    made = []
    for prefix, items in (("a", first), ("b", second)):
        records: list[ck.Record] = []
        for record, (lat, lon, precision) in items:
            number = int(record.id.rsplit(":", 1)[1])
            records.append(place(prefix, number, lat, lon, precision))
            records.append(record)
        made.append(ck.Dataset(records=records))
    return made[0], made[1]


EXACT = ck.GeoPrecision.EXACT


def test_the_seed_split_in_two_matches_the_sunday_crossing() -> None:
    reuters, officials = seed_split()
    found = match(reuters, officials, report_date=REPORT_DAY)
    assert found.pairs() == [SUNDAY_CROSSING]
    best = max(found, key=lambda candidate: candidate.score)
    assert (best.left, best.right) == SUNDAY_CROSSING
    assert "same kind (border_crossing)" in best.reasons
    assert "figures agree: size more than a thousand / size 1,037" in best.reasons
    assert any("gives no date: taken as the week up to the report date 2021-07-05" in r for r in best.reasons)


def test_relations_let_events_reconcile_the_two_claims() -> None:
    reuters, officials = seed_split()
    relations = match(reuters, officials, report_date=REPORT_DAY).relations()
    assert [(link.source, link.kind, link.target) for link in relations] == [
        (*SUNDAY_CROSSING[:1], ck.RelationKind.SAME_EVENT, SUNDAY_CROSSING[1])
    ]
    assert relations[0].inferred[0].field == "kind"
    assert relations[0].inferred[0].reason.startswith("matched by conflictkit.matching, score 0.9")
    seed = ck.load_seed()
    without_own_link = [
        record
        for record in seed
        if not (isinstance(record, ck.Relation) and record.kind is ck.RelationKind.SAME_EVENT)
    ]
    combined = ck.Dataset(records=[*without_own_link, *relations])
    assert combined.problems() == ()
    crossing = next(event for event in combined.events() if SUNDAY_CROSSING[0] in event.claim_ids)
    assert set(crossing.claim_ids) == set(SUNDAY_CROSSING)
    size = crossing.figure("size")
    assert size is not None
    assert (size.best, size.low, size.high, size.agree) == (1037, 1000, 1037, True)


def test_undated_records_are_unmatched_without_a_report_date() -> None:
    reuters, officials = seed_split()
    found = match(reuters, officials)
    assert found.pairs() == []
    assert (1, SUNDAY_CROSSING[1], "no date") in found.unmatched
    undated = [
        record.id
        for dataset in (reuters, officials)
        for record in dataset
        if isinstance(record, ck.EventLike)
        and getattr(record, "date", None) is None
        and getattr(record, "role", ck.EventRole.EVENT) is ck.EventRole.EVENT
    ]
    assert sorted(record_id for _, record_id, reason in found.unmatched if reason == "no date") == sorted(
        undated
    )


def test_conditions_plans_and_attributions_are_unmatched_as_no_events() -> None:
    # The ongoing withdrawal is an event; the plan to be out by 11 September is not, and is the
    # same event as nothing (they once matched with a score of 0.92).
    reuters, officials = seed_split()
    found = match(reuters, officials, report_date=date(2021, 7, 5))
    not_events = sorted(
        record.id
        for dataset in (reuters, officials)
        for record in dataset
        if isinstance(record, ck.EventLike)
        and getattr(record, "role", ck.EventRole.EVENT) is not ck.EventRole.EVENT
    )
    assert not_events
    assert (
        sorted(record_id for _, record_id, reason in found.unmatched if reason == "not an event")
        == not_events
    )
    matched = {record_id for pair in found.pairs(0.5) for record_id in pair}
    assert "move:foreign-troops-out-by-sept-11" not in matched


def test_a_day_matches_a_week_precision_record_only_inside_its_week() -> None:
    week = incident("a", 1, day=date(2020, 5, 6), precision=ck.DatePrecision.WEEK)
    inside = incident("b", 1, day=date(2020, 5, 9))
    outside = incident("b", 2, day=date(2020, 5, 11))
    first, second = two_sources(
        [(week, (34.0, 65.0, EXACT))], [(inside, (34.0, 65.0, EXACT)), (outside, (34.0, 65.0, EXACT))]
    )
    assert [(m.left, m.right) for m in match(first, second, days=0)] == [("a:inc:1", "b:inc:1")]
    # As a day-precise record, the same date is three days away from the inside one.
    day = incident("a", 1, day=date(2020, 5, 6))
    first, second = two_sources([(day, (34.0, 65.0, EXACT))], [(inside, (34.0, 65.0, EXACT))])
    assert len(match(first, second, days=0)) == 0


def test_geo_precision_widens_the_distance() -> None:
    a = incident("a", 1)
    b = incident("b", 1)
    moved = (34.0 + 30 / 111.195, 65.0)  # 30 km north
    first, second = two_sources([(a, (34.0, 65.0, EXACT))], [(b, (*moved, EXACT))])
    assert len(match(first, second, km=10)) == 0
    first, second = two_sources([(a, (34.0, 65.0, EXACT))], [(b, (*moved, ck.GeoPrecision.NEAR))])
    (found,) = match(first, second, km=10)
    assert "within 35 km (window 10 km, precision 0 and 25 km)" in found.reasons[1]


def test_an_episode_contains_events_as_part_of_candidates() -> None:
    offensive = incident("a", 1, day=date(2020, 5, 1), last=date(2020, 5, 20))
    clashes = [incident("b", n, day=date(2020, 5, 1) + timedelta(days=3 * n)) for n in range(1, 5)]
    first, second = two_sources(
        [(offensive, (34.0, 65.0, EXACT))], [(c, (34.01, 65.0, EXACT)) for c in clashes]
    )
    found = match(first, second)
    assert [(m.left, m.right, m.kind) for m in found] == [
        (f"b:inc:{n}", "a:inc:1", ck.RelationKind.PART_OF) for n in range(1, 5)
    ]
    relations = found.relations(one_to_one=True)  # an episode keeps all its parts
    assert [link.kind for link in relations] == [ck.RelationKind.PART_OF] * 4
    assert ck.Dataset(records=[*first, *second, *relations]).problems() == ()


def test_a_span_of_episode_days_is_an_episode_one_day_shorter_is_not() -> None:
    week = incident("a", 1, day=date(2020, 5, 1), last=date(2020, 5, 7))  # seven days
    inside = incident("b", 1, day=date(2020, 5, 3))
    first, second = two_sources([(week, (34.0, 65.0, EXACT))], [(inside, (34.0, 65.0, EXACT))])
    assert [m.kind for m in match(first, second, episode_days=7)] == [ck.RelationKind.PART_OF]
    assert [m.kind for m in match(first, second, episode_days=8)] == [ck.RelationKind.SAME_EVENT]


def test_one_to_one_joins_no_record_twice() -> None:
    a = incident("a", 1)
    twins = [(incident("b", 1), (34.0, 65.0, EXACT)), (incident("b", 2), (34.05, 65.0, EXACT))]
    first, second = two_sources([(a, (34.0, 65.0, EXACT))], twins)
    found = match(first, second)
    assert found.pairs(0.5) == [("a:inc:1", "b:inc:1"), ("a:inc:1", "b:inc:2")]
    assert found.pairs(0.5, one_to_one=True) == [("a:inc:1", "b:inc:1")]


def test_kinds_agree_through_the_category_tables() -> None:
    small_arms = incident("a", 1, kind=ck.IncidentKind.SMALL_ARMS_ATTACK)
    attack = incident("b", 1, kind=ck.IncidentKind.ATTACK)
    arrest = incident("b", 2, kind=ck.IncidentKind.ARREST)
    first, second = two_sources(
        [(small_arms, (34.0, 65.0, EXACT))], [(attack, (34.0, 65.0, EXACT)), (arrest, (34.0, 65.0, EXACT))]
    )
    by_right = {m.right: m for m in match(first, second, min_score=0.0)}
    assert by_right["b:inc:1"].reasons[2] == "same ACLED sub-event type 'Attack' (small_arms_attack / attack)"
    assert by_right["b:inc:2"].reasons[2].startswith("different kinds")
    assert by_right["b:inc:1"].score > by_right["b:inc:2"].score


def test_records_of_different_families_are_never_candidates() -> None:
    reuters, officials = seed_split()
    for found in match(reuters, officials, report_date=REPORT_DAY, min_score=0.0):
        assert found.left.split(":")[0] == found.right.split(":")[0]


def test_duplicates_within_one_dataset_only_when_asked() -> None:
    first, _ = two_sources(
        [(incident("a", 1), (34.0, 65.0, EXACT)), (incident("a", 2), (34.0, 65.0, EXACT))], []
    )
    assert len(match(first)) == 0
    assert [(m.left, m.right, m.datasets) for m in match(first, within=True)] == [
        ("a:inc:1", "a:inc:2", (0, 0))
    ]


def test_longitudes_wrap_at_the_antimeridian() -> None:
    first, second = two_sources(
        [(incident("a", 1), (-17.0, 179.99, EXACT))], [(incident("b", 1), (-17.0, -179.99, EXACT))]
    )
    (found,) = match(first, second, km=5)
    assert found.reasons[1].startswith("places 2.1 km apart")


def test_records_without_date_or_place_are_counted() -> None:
    first, second = two_sources(
        [
            (incident("a", 1, day=None), (34.0, 65.0, EXACT)),
            (incident("a", 2, located=False), (34.0, 65.0, EXACT)),
        ],
        [(incident("b", 1), (34.0, 65.0, EXACT))],
    )
    found = match(first, second)
    assert found.unmatched == ((0, "a:inc:1", "no date"), (0, "a:inc:2", "no place"))
    assert found.event_counts == (2, 1)
    assert found.summary()["unmatched"] == {"no date": 1, "no place": 1}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"days": -1}, "days: must be a whole number of days from 0 to 366, got -1"),
        ({"days": 1.5}, "days: must be a whole number of days from 0 to 366, got 1.5"),
        ({"days": True}, "days: must be a whole number"),
        ({"km": math.nan}, "km: must be a distance from 0 to 1000 km, got nan"),
        ({"km": 5000}, "km: must be a distance from 0 to 1000 km, got 5000"),
        ({"episode_days": 0}, "episode_days: must be a whole number of days, at least 1, got 0"),
    ],
)
def test_windows_out_of_range_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(MatchingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        match(ck.Dataset(), **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("threshold", [-0.1, 1.5, math.nan, True, "0.8"])
def test_a_threshold_that_is_no_score_is_refused(threshold: object) -> None:
    reuters, officials = seed_split()
    found = match(reuters, officials, report_date=REPORT_DAY)
    with pytest.raises(MatchingError, match=r"threshold: must be a score from 0 to 1, got "):
        found.relations(threshold)  # type: ignore[arg-type]
    with pytest.raises(MatchingError, match=r"min_score: must be a score from 0 to 1"):
        match(reuters, officials, min_score=threshold)  # type: ignore[arg-type]


def test_all_argument_problems_are_reported_at_once() -> None:
    with pytest.raises(MatchingError) as caught:
        match("not a dataset", days=-1, km=-1)  # type: ignore[arg-type]
    assert str(caught.value).count(": ") >= 3
    assert "datasets[0]: expected a Dataset, got str" in str(caught.value)


def test_colliding_ids_are_refused_naming_them() -> None:
    first, _ = two_sources([(incident("a", 1), (34.0, 65.0, EXACT))], [])
    with pytest.raises(MatchingError, match=r"'a:inc:1' \(datasets 0, 1\)"):
        match(first, first)


def test_shared_actors_and_places_are_no_collision() -> None:
    reuters, officials = seed_split()  # both hold the report's actors, places and document
    assert len(match(reuters, officials, report_date=REPORT_DAY)) > 0


def test_the_same_input_gives_the_same_matches_in_order() -> None:
    first, second = random_sources(random.Random(7), 60)
    once, again = list(match(first, second)), list(match(first, second))
    assert once == again
    order = [(m.left, m.right) for m in once]
    assert len(order) == len(set(order))


def random_sources(rng: random.Random, count: int) -> tuple[ck.Dataset, ck.Dataset]:
    """Two small sources crowded in time and space, with every date and geo precision."""
    items: list[list[tuple[ck.Incident, tuple[float, float, ck.GeoPrecision]]]] = [[], []]
    for side, prefix in enumerate("ab"):
        for number in range(count):
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(60))
            precision = rng.choice(list(ck.DatePrecision))
            last = day + timedelta(days=rng.choice((0, 0, 0, 2, 10)))
            lat = rng.uniform(-89, 89) if number % 10 == 0 else rng.uniform(34, 35)
            lon = rng.choice((rng.uniform(-180, 180), rng.uniform(179.5, 180), rng.uniform(65, 66)))
            record = incident(
                prefix,
                number,
                day=day,
                last=last,
                precision=precision,
                kind=rng.choice(list(ck.IncidentKind)[:4]),
            )
            items[side].append((record, (lat, lon, rng.choice(list(ck.GeoPrecision)))))
    return two_sources(items[0], items[1])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("days", "km"), [(0, 0.0), (1, 10.0), (3, 50.0), (30, 200.0)])
def test_the_index_finds_exactly_the_pairs_all_pairs_would(seed: int, days: int, km: float) -> None:
    first, second = random_sources(random.Random(seed), 80)
    rows, judge, _, counts = prepare((first, second), days=days, km=km, episode_days=7, report_date=None)
    indexed, judged = candidates(rows, judge, within=False, min_score=0.0)
    everything = [
        (i, j, verdict)
        for i in range(counts[0])
        for j in range(counts[0], len(rows))
        if (verdict := judge(rows[i], rows[j])) is not None
    ]
    assert indexed == everything
    assert judged < counts[0] * counts[1]


@pytest.mark.parametrize("seed", range(2))
def test_the_index_finds_every_pair_within_datasets_too(seed: int) -> None:
    first, second = random_sources(random.Random(seed + 10), 60)
    rows, judge, _, _ = prepare((first, second), days=2, km=20.0, episode_days=7, report_date=None)
    indexed, _ = candidates(rows, judge, within=True, min_score=0.0)
    everything = [
        (i, j, verdict)
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if (verdict := judge(rows[i], rows[j])) is not None
    ]
    assert indexed == everything
    assert any(rows[i][1] == rows[j][1] for i, j, _ in indexed)


def test_forked_workers_find_the_same_candidates() -> None:
    first, second = random_sources(random.Random(3), 60)
    assert list(match(first, second, workers=2)) == list(match(first, second))


def test_matches_to_pandas_for_review() -> None:
    reuters, officials = seed_split()
    frame = match(reuters, officials, report_date=REPORT_DAY).to_pandas()
    assert tuple(frame.columns) == TABLE_COLUMNS
    top = frame.sort_values("score", ascending=False).iloc[0]
    assert (top["left"], top["right"], top["kind"]) == (*SUNDAY_CROSSING, "same_event")
    assert "same kind (border_crossing)" in top["reasons"]


def test_a_match_is_a_frozen_value() -> None:
    reuters, officials = seed_split()
    found = match(reuters, officials, report_date=REPORT_DAY)
    first = found[0]
    assert isinstance(first, Match)
    assert first == found[0]
    with pytest.raises(AttributeError):
        first.score = 1.0  # type: ignore[misc]
    assert DEFAULT_THRESHOLD == 0.75


def test_the_collector_is_paused_per_batch_never_for_the_whole_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from conflictkit.core.collector import collector_paused
    from conflictkit.matching import engine

    pauses: list[bool] = []

    class counted(collector_paused):  # stands in for the context manager
        __slots__ = ()

        def __enter__(self) -> None:
            # The collector is on as each batch starts: no pause is held around the whole run.
            pauses.append(gc.isenabled())
            super().__enter__()

    monkeypatch.setattr(engine, "collector_paused", counted)
    monkeypatch.setattr(engine, "BATCH", 7)
    first, second = random_sources(random.Random(5), 30)
    expected = list(match(first, second))
    assert gc.isenabled()
    assert len(pauses) >= 2 * (60 // 7)  # rows made, then rows scanned, 7 at a time
    assert all(pauses)
    monkeypatch.setattr(engine, "BATCH", 10_000)
    assert list(match(first, second)) == expected
