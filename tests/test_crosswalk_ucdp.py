from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import conflictkit as ck
from conflictkit import CellProblem, TabularError
from conflictkit.crosswalk import ucdp
from conflictkit.crosswalk.countries import alpha2_from_gleditsch_ward, gleditsch_ward_from_alpha2
from conflictkit.crosswalk.losses import Loss
from conflictkit.crosswalk.rows import iter_csv

FIXTURE = Path(__file__).parent / "data" / "crosswalk" / "ucdp_ged.csv"


def actor_name(dataset: ck.Dataset, actor_id: str | None) -> str | None:
    actor = dataset[actor_id] if actor_id else None
    assert actor is None or isinstance(actor, ck.Actor)
    return None if actor is None else actor.name


def no_loss(loss: Loss) -> None:
    pytest.fail(f"unexpected loss: {loss}")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(iter_csv(FIXTURE))


def test_the_fixture_covers_the_codebook(rows: list[dict[str, str]]) -> None:
    assert {row["type_of_violence"] for row in rows} == {e.code for e in ucdp.TYPE_OF_VIOLENCE}
    assert {row["where_prec"] for row in rows} == {e.code for e in ucdp.WHERE_PRECISION}
    assert {row["date_prec"] for row in rows} == {e.code for e in ucdp.DATE_PRECISION}
    assert set(rows[0]) == set(ucdp.COLUMNS)


def test_rows_come_back_exactly(rows: list[dict[str, str]]) -> None:
    dataset = ucdp.import_records(rows)
    assert dataset.problems() == ()
    assert ucdp.export_records(dataset, on_loss=no_loss) == rows
    assert list(ucdp.iter_export(ucdp.iter_import(iter(rows)), on_loss=no_loss)) == rows


def test_deaths_become_casualties_per_side(rows: list[dict[str, str]]) -> None:
    dataset = ucdp.import_records(rows)
    incident = dataset["ucdp:ged:400002"]
    assert isinstance(incident, ck.Incident)
    assert incident.kind is ck.IncidentKind.ARMED_CLASH
    killed = {actor_name(dataset, c.side): c.killed.best for c in incident.casualties if c.killed}
    assert killed == {"Government of Afghanistan": 4, "Taleban": 6, "Civilians": 1, None: 0}
    assert ck.total_casualties(incident.casualties).killed == ck.Quantity(best=11, unit="people")
    assert incident.date == ck.DateSpan(
        earliest=date(2021, 7, 1), latest=date(2021, 7, 4), precision=ck.DatePrecision.WEEK
    )
    place = dataset[incident.location]  # type: ignore[index]
    assert isinstance(place, ck.Location)
    assert place.country == "AF"
    one_sided = dataset["ucdp:ged:400004"]
    assert isinstance(one_sided, ck.Incident)
    assert one_sided.kind is ck.IncidentKind.ATTACK


def test_gleditsch_ward_numbers_are_not_iso() -> None:
    assert alpha2_from_gleditsch_ward(700) == "AF"
    assert alpha2_from_gleditsch_ward(702) == "TJ"
    assert gleditsch_ward_from_alpha2("AF") == 700
    with pytest.raises(ck.ValidationError):
        alpha2_from_gleditsch_ward(4)  # Afghanistan's ISO number


def test_bad_rows_are_reported_with_row_and_column(rows: list[dict[str, str]]) -> None:
    bad = [
        dict(rows[0], best="6"),  # not the sum of the deaths columns
        dict(rows[0], country_id="4"),
        dict(rows[0], where_prec="8", date_prec="6", type_of_violence="4"),
        dict(rows[0], date_end="2021-07-01 00:00:00.000"),
        dict(rows[0], deaths_a="x", latitude="north"),
        dict(rows[0], deaths_a="0", deaths_b="0", best="0", low="0", high="0"),
    ]
    with pytest.raises(TabularError) as caught:
        ucdp.import_records(bad)
    found = {(p.row, p.column) for p in caught.value.problems if isinstance(p, CellProblem)}
    assert found == {
        (1, "best"),
        (2, "country_id"),
        (3, "where_prec"),
        (3, "date_prec"),
        (3, "type_of_violence"),
        (4, "date_end"),
        (5, "deaths_a"),
        (5, "latitude"),
        (6, "best"),
    }


def test_ucdp_codes_only_fatal_events_and_the_export_says_what_it_left_out() -> None:
    losses: list[Loss] = []
    assert ucdp.export_records(ck.load_seed(), on_loss=losses.append, default_date=date(2021, 7, 5)) == []
    events = [
        r
        for r in ck.load_seed()
        if isinstance(
            r, (ck.Incident, ck.MilitaryMovement, ck.Statement, ck.TerritorialControl, ck.Interaction)
        )
    ]
    others = [r for r in ck.load_seed() if isinstance(r, (ck.Relation, ck.Document))]
    assert {loss.record for loss in losses} == {r.id for r in [*events, *others]}
    event_ids = {r.id for r in events}
    assert all("at least one death" in loss.reason for loss in losses if loss.record in event_ids)
    assert {loss.reason.split(" (")[0] for loss in losses if loss.record not in event_ids} == {
        "ucdp has no place for a Document",
        "ucdp has no place for a relation between claims",
    }


def test_a_conflictkit_incident_with_vague_deaths_keeps_its_bounds() -> None:
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:gov", name="Government of Afghanistan", kind=ck.ActorKind.GOVERNMENT),
            ck.Actor(id="actor:t", name="Taleban", kind=ck.ActorKind.ARMED_GROUP),
            ck.Location(
                id="loc:k",
                name="Kunduz",
                kind=ck.LocationKind.CITY,
                country="AF",
                coordinates=ck.Coordinates(latitude=36.728, longitude=68.8681),
            ),
            ck.Incident(
                id="inc:1",
                kind=ck.IncidentKind.ARMED_CLASH,
                perpetrators=("actor:gov",),
                targets=("actor:t",),
                location="loc:k",
                date=ck.DateSpan.on(date(2021, 7, 5)),
                casualties=(
                    ck.Casualties(
                        side="actor:t",
                        killed=ck.Quantity(
                            best=20, low=12, high=30, qualifier=ck.Qualifier.ABOUT, unit="people"
                        ),
                    ),
                ),
            ),
        ]
    )
    losses: list[Loss] = []
    [row] = ucdp.export_records(dataset, on_loss=losses.append)
    assert (row["type_of_violence"], row["deaths_b"], row["best"], row["low"], row["high"]) == (
        "1",
        "20",
        "20",
        "12",
        "30",
    )
    assert (row["country_id"], row["where_prec"], row["date_prec"]) == ("700", "1", "1")
    assert [(loss.record, loss.field) for loss in losses] == [("inc:1", "casualties")]  # "about 20"
    back = ucdp.import_records([row | {"id": "1"}])
    incident = back["ucdp:ged:1"]
    assert isinstance(incident, ck.Incident)
    assert [c.killed.best for c in incident.casualties if c.killed] == [0, 20, 0, 0]


def test_two_actors_of_one_name_on_both_sides_stay_two() -> None:
    # Found by the crosswalk property test: the import made them one actor and dropped the target.
    place = ck.Location(
        id="loc:kunduz",
        name="Kunduz",
        kind=ck.LocationKind.CITY,
        country="AF",
        coordinates=ck.Coordinates(latitude=36.7, longitude=68.8),
    )
    day = date(2021, 7, 4)
    clash = ck.Incident(
        id="inc:1",
        kind=ck.IncidentKind.ARMED_CLASH,
        perpetrators=("actor:a",),
        targets=("actor:b",),
        location="loc:kunduz",
        date=ck.DateSpan(earliest=day, latest=day, precision=ck.DatePrecision.DAY),
        casualties=(ck.Casualties(killed=ck.Quantity(best=3, unit="people")),),
    )
    factions = [ck.Actor(id=f"actor:{x}", name="Taliban", kind=ck.ActorKind.ARMED_GROUP) for x in "ab"]
    rows = ucdp.export_records(ck.Dataset(records=[*factions, place, clash]))
    back = ucdp.import_records(rows)
    (incident,) = back.of_type(ck.Incident)
    assert len(incident.perpetrators) == len(incident.targets) == 1
    assert incident.perpetrators != incident.targets
    sides = [back.get(side, ck.Actor) for side in (*incident.perpetrators, *incident.targets)]
    assert [side.name if side is not None else None for side in sides] == ["Taliban", "Taliban"]
    assert ucdp.export_records(back) == rows
