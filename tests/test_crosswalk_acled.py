from __future__ import annotations

import tracemalloc
import warnings
from datetime import date
from pathlib import Path

import pytest

import conflictkit as ck
from conflictkit import CellProblem, TabularError
from conflictkit.crosswalk import acled
from conflictkit.crosswalk.losses import Loss, LossWarning
from conflictkit.crosswalk.rows import iter_csv

FIXTURE = Path(__file__).parent / "data" / "crosswalk" / "acled.csv"


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
    assert {(row["event_type"], row["sub_event_type"]) for row in rows} == set(acled.REPRESENTATIONS)
    inter = {row[column] for row in rows for column in ("inter1", "inter2")}
    assert {entry.code for entry in acled.INTER_CODES} - {"0"} <= inter
    assert {row["time_precision"] for row in rows} == {"1", "2", "3"}
    assert {row["geo_precision"] for row in rows} == {"1", "2", "3"}


def test_rows_come_back_exactly(rows: list[dict[str, str]]) -> None:
    dataset = acled.import_records(rows)
    assert dataset.problems() == ()
    losses: list[Loss] = []
    assert acled.export_records(dataset, on_loss=losses.append) == rows
    assert losses == []


def test_streaming_gives_the_same_rows(rows: list[dict[str, str]]) -> None:
    records = list(acled.iter_import(iter(rows)))
    assert records == list(acled.import_records(rows).records)
    assert list(acled.iter_export(iter(records), on_loss=no_loss)) == rows


def test_what_a_row_becomes(rows: list[dict[str, str]]) -> None:
    dataset = acled.import_records(rows)
    clash = dataset["AFG1001"]
    assert isinstance(clash, ck.Incident)
    assert clash.kind is ck.IncidentKind.ARMED_CLASH
    assert [actor_name(dataset, a) for a in clash.perpetrators] == ["Taliban"]
    assert clash.casualties[0].killed == ck.Quantity(best=5, unit="people")
    assert clash.date is not None
    assert clash.date == ck.DateSpan.on(clash.date.earliest, precision=ck.DatePrecision.DAY)
    notes = dataset[clash.evidence[0].document]
    assert isinstance(notes, ck.Document)
    assert notes.text == clash.evidence[0].quote == rows[0]["notes"]
    assert notes.publisher == "Pajhwok Afghan News"
    assert clash.location is not None
    place = dataset[clash.location]
    assert isinstance(place, ck.Location)
    assert place.country == "AF"
    assert place.coordinates == ck.Coordinates(latitude=36.7063, longitude=71.5717)
    taken = dataset["AFG1002"]
    assert isinstance(taken, ck.TerritorialControl)
    assert (taken.change, taken.method) == (ck.ControlChange.CAPTURED, ck.ControlMethod.BY_FORCE)
    retaken = dataset["AFG1003"]
    assert isinstance(retaken, ck.TerritorialControl)
    # territory changed hands with deaths: the deaths are an incident of their own, on the same row
    fatalities = dataset["AFG1003:fatalities"]
    assert isinstance(fatalities, ck.Incident)
    assert fatalities.casualties[0].killed is not None
    assert fatalities.casualties[0].killed.best == 12
    week = retaken.date
    assert week is not None
    assert week.precision is ck.DatePrecision.WEEK
    kept = next(r for r in dataset.of_type(acled.AcledEvent) if r.event_id_cnty == "AFG1003")
    assert kept.describes == ("AFG1003", "AFG1003:fatalities")


def test_actors_and_places_are_shared_between_rows(rows: list[dict[str, str]]) -> None:
    dataset = acled.import_records(rows)
    talibans = [a for a in dataset.of_type(ck.Actor) if a.name == "Taliban"]
    assert len(talibans) == 1
    assert talibans[0].kind is ck.ActorKind.ARMED_GROUP


def test_fatalities_three_and_latitude_north_are_one_error_naming_both(rows: list[dict[str, str]]) -> None:
    bad = dict(rows[0], fatalities="three", latitude="north")
    with pytest.raises(TabularError) as caught:
        acled.import_records([rows[1], bad])
    problems = caught.value.problems
    assert {(p.row, p.column) for p in problems if isinstance(p, CellProblem)} == {
        (2, "fatalities"),
        (2, "latitude"),
    }
    assert len(problems) == 2


def test_every_bad_row_is_reported_at_once(rows: list[dict[str, str]]) -> None:
    missing = {k: v for k, v in rows[2].items() if k != "event_date"}
    bad = [
        dict(rows[0], iso="762"),  # Tajikistan's number, Afghanistan's name
        missing,
        dict(rows[3], fatalities="1" * 5000),  # too long for int(): a row error, not a ValueError
        dict(rows[4], sub_event_type="Air strike"),
        dict(rows[4], event_type="Battles"),
        dict(rows[5], inter1="9"),
        dict(rows[5], timestamp="9" * 5000),
        dict(rows[5], year="2020"),
        dict(rows[5], event_date="2021-02-30"),
        dict(rows[5], geo_precision="4", time_precision="0"),
        dict(rows[5], iso="999"),
    ]
    with pytest.raises(TabularError) as caught:
        acled.import_records(bad)
    found = {(p.row, p.column) for p in caught.value.problems if isinstance(p, CellProblem)}
    assert found == {
        (1, "country"),
        (2, "event_date"),
        (3, "fatalities"),
        (4, "sub_event_type"),
        (5, "event_type"),
        (6, "inter1"),
        (7, "timestamp"),
        (8, "year"),
        (9, "event_date"),
        (10, "geo_precision"),
        (10, "time_precision"),
        (11, "iso"),
    }
    assert caught.value.rows == tuple(range(1, 12))


def test_lenient_mode_keeps_good_rows_and_reports_each_bad_one(rows: list[dict[str, str]]) -> None:
    bad: list[TabularError] = []
    dataset = acled.import_records([rows[0], dict(rows[1], fatalities="-1"), rows[2]], on_error=bad.append)
    assert [error.rows for error in bad] == [(2,)]
    assert "AFG1001" in dataset
    assert "AFG1003" in dataset
    assert "AFG1002" not in dataset


def test_the_notes_and_source_may_be_empty(rows: list[dict[str, str]]) -> None:
    row = rows[-1]
    assert row["notes"] == ""
    assert row["source"] == ""
    dataset = acled.import_records([row])
    assert not dataset.of_type(ck.Document)
    assert acled.export_records(dataset) == [row]


def test_a_statement_has_no_acled_row_and_the_export_says_so() -> None:
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:rahmon", name="Emomali Rahmon", kind=ck.ActorKind.PERSON),
            ck.Statement(id="st:1", speaker="actor:rahmon", paraphrase="called for calm"),
        ]
    )
    losses: list[Loss] = []
    assert acled.export_records(dataset, on_loss=losses.append) == []
    assert [(loss.record, loss.reason) for loss in losses] == [("st:1", "a statement has no ACLED row")]


def test_losses_without_a_callback_are_a_warning_not_silence() -> None:
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:rahmon", name="Emomali Rahmon", kind=ck.ActorKind.PERSON),
            ck.Statement(id="st:1", speaker="actor:rahmon", paraphrase="called for calm"),
        ]
    )
    with pytest.warns(LossWarning, match="st:1: not in acled: a statement has no ACLED row"):
        acled.export_records(dataset)


def test_hundreds_become_acleds_conservative_100_and_the_export_says_so() -> None:
    hundreds = ck.Quantity(low=100, qualifier=ck.Qualifier.HUNDREDS, unit="people", text="hundreds")
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:t", name="Taliban", kind=ck.ActorKind.ARMED_GROUP),
            ck.Location(
                id="loc:k",
                name="Kunduz",
                kind=ck.LocationKind.CITY,
                country="AF",
                coordinates=ck.Coordinates(latitude=36.728, longitude=68.8681),
            ),
            ck.Incident(
                id="inc:1",
                kind=ck.IncidentKind.ATTACK,
                perpetrators=("actor:t",),
                location="loc:k",
                date=ck.DateSpan.on(__import__("datetime").date(2021, 7, 5)),
                casualties=(ck.Casualties(killed=hundreds),),
            ),
        ]
    )
    losses: list[Loss] = []
    [row] = acled.export_records(dataset, on_loss=losses.append)
    assert row["fatalities"] == "100"
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert row["iso"] == "4"
    assert row["country"] == "Afghanistan"
    assert [loss.reason for loss in losses] == ["hundreds killed is written as ACLED's conservative 100"]


def test_the_seed_exports_one_row_per_event_with_the_issue_codes() -> None:
    seed = ck.load_seed()
    losses: list[Loss] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = acled.export_records(seed, on_loss=losses.append, default_date=date(2021, 7, 5))
    coded = {row["event_id_cnty"]: (row["event_type"], row["sub_event_type"]) for row in rows}
    overtakes = ("Battles", "Non-state actor overtakes territory")
    assert coded["ctrl:badakhshan-26-of-28-districts-captured"] == overtakes
    assert coded["ctrl:badakhshan-six-districts-seized"] == overtakes
    assert coded["ctrl:badakhshan-three-districts-ceded"] == (
        "Strategic developments",
        "Non-violent transfer of territory",
    )
    assert coded["move:tajik-reservists-mobilized"][0] == "Strategic developments"
    assert coded["move:afghan-forces-crossed-more-than-a-thousand"][0] == "Strategic developments"
    # the two claims of Sunday's crossing are one event: one row, the other claim reported
    assert "move:afghan-troops-crossed-1037" not in coded
    same = [loss for loss in losses if loss.record == "move:afghan-troops-crossed-1037"]
    assert [loss.field for loss in same] == [None]
    assert "same event" in same[0].reason
    assert len(rows) == len({row["event_id_cnty"] for row in rows})
    taliban = [row for row in rows if coded[row["event_id_cnty"]] == overtakes]
    assert {row["actor1"] for row in taliban} == {"Taliban"}
    # statements have no ACLED row, and the export says so for each
    no_row = {loss.record for loss in losses if loss.reason == "a statement has no ACLED row"}
    assert no_row == {s.id for s in seed.of_type(ck.Statement) if s.act is not ck.SpeechAct.AGREE}
    # the captures at Ishkashim: dozens captured is not a death count
    captures = next(row for row in rows if row["event_id_cnty"] == "inc:ishkashim-captures")
    assert captures["fatalities"] == "0"
    assert any(loss.record == "inc:ishkashim-captures" and "captured" in loss.reason for loss in losses)


def test_losses_without_a_callback_keep_only_what_the_warning_shows() -> None:
    from conflictkit.crosswalk.losses import Losses

    def report_many() -> int:
        tracemalloc.start()
        try:
            with Losses(None) as losses:
                for number in range(20_000):
                    losses.report(Loss(record=f"st:{number}", format="acled", reason="x" * 100))
                return tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()

    with pytest.warns(LossWarning) as caught:
        held = report_many()
    assert held < 100_000  # 20,000 losses of 100 characters kept would be several megabytes
    message = str(caught[0].message)
    assert message.startswith(
        "20000 facts left out of acled (pass on_loss to receive each):\n  st:0: not in acled"
    )
    assert message.endswith("  ... and 19995 more")


def test_a_huge_cell_is_clipped_in_the_message_that_echoes_it(rows: list[dict[str, str]]) -> None:
    huge = "Air strike " * 10_000
    with pytest.raises(TabularError) as caught:
        acled.import_records([dict(rows[4], sub_event_type=huge)])
    messages = [problem.message for problem in caught.value.problems]
    assert all(len(message) < 300 for message in messages), [len(message) for message in messages]
    assert any("(110002 characters)" in message for message in messages)
