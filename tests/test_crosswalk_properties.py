"""Generated datasets to each format and back: every fact the format holds comes back, or a loss says why.

For each event record the export wrote, the facts below are compared between the original and the
record read back from the export. A fact may differ only where the export reported a loss for the
record (as a whole, or for a field the fact comes from), or for an actor or place it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.losses import Loss
from conflictkit.strategies import coordinates as coordinates_strategy
from conflictkit.strategies import datasets

EVENTS = (ck.Incident, ck.Interaction, ck.TerritorialControl, ck.MilitaryMovement, ck.Statement)

# The fields each fact comes from, by record type: a loss naming one of them excuses the fact.
SOURCES = {
    "side1": {"perpetrators", "sources", "controller", "speaker", "actor", "actors"},
    "side2": {"targets", "previous_controller", "addressee", "actors"},
    "place": {"location", "territory", "destination", "origin"},
    "date": {"date"},
    "kind": {"kind", "change", "act", "mode", "method", "channel", "status"},
    "killed": {"casualties"},
}


def sides(record: ck.Record) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    if isinstance(record, ck.Incident):
        return record.perpetrators, record.targets, record.location
    if isinstance(record, ck.Interaction):
        return record.sources, record.targets, record.location
    if isinstance(record, ck.TerritorialControl):
        return (
            tuple(filter(None, [record.controller])),
            tuple(filter(None, [record.previous_controller])),
            record.territory,
        )
    if isinstance(record, ck.MilitaryMovement):
        return (record.actor,), (), record.destination or record.origin
    assert isinstance(record, ck.Statement)
    return (record.speaker,), tuple(filter(None, [record.addressee])), record.location


def facts(record: ck.Record, dataset: ck.Dataset) -> dict[str, Any]:
    def name(record_id: str) -> str:
        actor = dataset.get(record_id)
        return actor.name if isinstance(actor, ck.Actor) else record_id

    first, second, place_id = sides(record)
    place = dataset.get(place_id) if place_id else None
    date = getattr(record, "date", None)
    killed = None
    if isinstance(record, ck.Incident) and any(c.killed for c in record.casualties):
        killed = ck.total_casualties(record.casualties).killed
    return {
        "side1": [name(a) for a in first],
        "side2": [name(a) for a in second if a not in first],
        "place": (place.name, place.country, place.coordinates) if isinstance(place, ck.Location) else None,
        "date": (date.earliest, date.latest, date.precision) if date is not None else None,
        "kind": (type(record).__name__, getattr(record, "kind", None) or getattr(record, "change", None)
                 or getattr(record, "act", None)),
        "killed": None if killed is None else (killed.best, killed.low, killed.high),
    }  # fmt: skip


def excused(losses: list[Loss], record: ck.Record, fact: str, dataset: ck.Dataset) -> bool:
    first, second, place_id = sides(record)
    named = {*first, *second, *(filter(None, [place_id]))}
    for loss in losses:
        if loss.record == record.id and (loss.field is None or loss.field in SOURCES[fact]):
            return True
        if loss.record in named:  # an actor's kind or a place's fields the format could not hold
            return True
    return False


def check_round_trip(
    dataset: ck.Dataset,
    export: Callable[..., list[dict[str, Any]]],
    read_back: Callable[[list[dict[str, Any]]], ck.Dataset],
    match: Callable[[ck.Dataset, list[ck.Record]], Iterable[tuple[ck.Record, ck.Record]]],
) -> None:
    losses: list[Loss] = []
    rows = export(dataset, on_loss=losses.append)
    # A loss without a field means the record was left out of the export.
    left_out = {loss.record for loss in losses if loss.field is None}
    written: list[ck.Record] = [r for r in dataset.records if isinstance(r, EVENTS) and r.id not in left_out]
    if not rows:
        return
    back = read_back(rows)
    assert back.problems() == ()
    for original, returned in match(back, written):
        before, after = facts(original, dataset), facts(returned, back)
        for fact, value in before.items():
            if value != after[fact]:
                assert excused(losses, original, fact, dataset), (fact, value, after[fact], losses)


def by_id(back: ck.Dataset, written: list[ck.Record]) -> Iterable[tuple[ck.Record, ck.Record]]:
    for record in written:
        returned = back.get(record.id)
        if returned is not None and isinstance(returned, EVENTS):
            yield record, returned


SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@st.composite
def located_datasets(draw: st.DrawFn) -> ck.Dataset:
    """Generated datasets whose places have coordinates and a country and whose events have a date,
    so that most events make a row a tabular format accepts (the others are covered above)."""
    dataset = draw(datasets(max_records=6))
    records: list[ck.Record] = []
    for record in dataset.records:
        if isinstance(record, ck.Location):
            coordinates = draw(coordinates_strategy())
            country = record.country or ("AF" if record.subdivision is None else None)
            record = attrs.evolve(record, coordinates=coordinates, country=country or record.country)
        elif isinstance(record, EVENTS) and getattr(record, "date", None) is None:
            record = attrs.evolve(record, date=ck.DateSpan.on(draw(st.dates())))
        records.append(record)
    return ck.Dataset(records=records)


@st.composite
def fatal_datasets(draw: st.DrawFn) -> ck.Dataset:
    """Located datasets whose incidents have two sides, a place and a death: what UCDP GED codes."""
    dataset = draw(located_datasets())
    actors = [a.id for a in dataset.of_type(ck.Actor)]
    places = [p.id for p in dataset.of_type(ck.Location)]
    records: list[ck.Record] = []
    for record in dataset.records:
        if isinstance(record, ck.Incident) and len(actors) > 1:
            first = record.perpetrators[:1] or (actors[0],)
            second = record.targets[:1] or (next(a for a in actors if a not in first),)
            casualties = [c for c in record.casualties if c.side is not None]
            killed = ck.Quantity(best=draw(st.integers(1, 500)), unit="people")
            casualties.append(ck.Casualties(killed=killed))
            record = attrs.evolve(
                record, perpetrators=first, targets=second, location=record.location or places[0],
                casualties=tuple(casualties),
            )  # fmt: skip
        records.append(record)
    if len(actors) > 1:  # and one incident surely
        killed = ck.Quantity(best=draw(st.integers(1, 99)), unit="people")
        records.append(
            ck.Incident(
                id="inc:fatal", kind=draw(st.sampled_from(ck.IncidentKind)), perpetrators=(actors[0],),
                targets=(actors[1],), location=places[0], date=ck.DateSpan.on(draw(st.dates())),
                casualties=(ck.Casualties(side=actors[1], killed=killed),),
            )
        )  # fmt: skip
    return ck.Dataset(records=records)


@SETTINGS
@given(st.one_of(datasets(max_records=6), located_datasets()))
def test_conflictkit_to_acled_and_back(dataset: ck.Dataset) -> None:
    def read_back(rows: list[dict[str, Any]]) -> ck.Dataset:
        good = [row for row in rows if row["latitude"] and row["iso"] and row["actor1"] and row["event_date"]]
        bad: list[ck.TabularError] = []
        return acled.import_records(good, on_error=bad.append)

    check_round_trip(dataset, acled.export_records, read_back, by_id)


@SETTINGS
@given(datasets(max_records=6))
def test_conflictkit_to_plover_and_back(dataset: ck.Dataset) -> None:
    check_round_trip(dataset, plover.export_records, plover.import_records, by_id)


@SETTINGS
@given(st.one_of(datasets(max_records=6), fatal_datasets()))
def test_conflictkit_to_ucdp_and_back(dataset: ck.Dataset) -> None:
    def read_back(rows: list[dict[str, Any]]) -> ck.Dataset:
        numbered = [dict(row, id=str(number)) for number, row in enumerate(rows, start=1) if row["latitude"]]
        return ucdp.import_records(numbered)

    def match(back: ck.Dataset, written: list[ck.Record]) -> Iterable[tuple[ck.Record, ck.Record]]:
        incidents = [r for r in back.records if isinstance(r, ck.Incident)]
        exported = [r for r in written if isinstance(r, ck.Incident)]
        return zip(exported, incidents, strict=False)

    check_round_trip(dataset, ucdp.export_records, read_back, match)


ROWS = st.sampled_from(sorted(acled.REPRESENTATIONS))


@settings(max_examples=60, deadline=None)
@given(
    types=ROWS,
    fatalities=st.integers(0, 10_000),
    latitude=st.decimals(-90, 90, places=4),
    longitude=st.decimals(-180, 180, places=4),
    inter=st.sampled_from([e.code for e in acled.INTER_CODES if e.value is not None]),
    time_precision=st.sampled_from("123"),
    geo_precision=st.sampled_from("123"),
    notes=st.text(min_size=1, max_size=80).filter(lambda text: text.strip() == text),
)
def test_generated_acled_rows_come_back_exactly(
    types: tuple[str, str], fatalities: int, latitude: Any, longitude: Any, inter: str,
    time_precision: str, geo_precision: str, notes: str,
) -> None:  # fmt: skip
    lat, lon = (acled._decimal(float(str(value))) for value in (latitude, longitude))
    row = dict.fromkeys(acled.COLUMNS, "") | {
        "event_id_cnty": "AFG1", "event_date": "2021-07-05", "year": "2021", "time_precision": time_precision,
        "event_type": types[0], "sub_event_type": types[1], "actor1": "Taliban", "inter1": inter,
        "interaction": acled._interaction(inter, ""), "iso": "4", "country": "Afghanistan",
        "location": "Kunduz",
        "latitude": lat, "longitude": lon, "geo_precision": geo_precision, "notes": notes,
        "fatalities": str(fatalities),
    }  # fmt: skip
    losses: list[Loss] = []
    assert acled.export_records(acled.import_records([row]), on_loss=losses.append) == [row]
    assert losses == []


@pytest.mark.parametrize("module", [acled, ucdp, plover])
def test_an_empty_dataset_exports_nothing(module: Any) -> None:
    assert module.export_records(ck.Dataset()) == []
