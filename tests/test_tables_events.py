"""The events table: one row per event, claims joined, figures reconciled."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    Dataset,
    Incident,
    IncidentKind,
    Inference,
    Location,
    LocationKind,
    Qualifier,
    Quantity,
    Relation,
    RelationKind,
    load_seed,
    to_dict,
)
from conflictkit.cli.command import main
from conflictkit.geo import to_geojson
from conflictkit.tables import (
    EVENT_COLUMNS,
    event_rows,
    events_frame,
    events_table,
    flat_columns,
    flat_rows,
    read_parquet,
    write_events_csv,
    write_events_parquet,
    write_parquet,
)

WHY = (Inference(field="kind", reason="stated by the test"),)


def killed(best: int, *, low: int | None = None, high: int | None = None) -> Quantity:
    if low is None:
        return Quantity(best=best, unit="people")
    return Quantity(best=best, low=low, high=high, qualifier=Qualifier.ABOUT, unit="people")


def car_bomb() -> Dataset:
    """Two claims of one Kabul car bomb: the police count eight dead, the Taliban claim it."""
    return Dataset(
        records=[
            Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP),
            Actor(id="actor:civilians", name="Civilians", kind=ActorKind.POPULATION),
            Actor(id="actor:attackers", name="Attackers", kind=ActorKind.ARMED_GROUP),
            Location(id="loc:kabul", name="Kabul", kind=LocationKind.CITY, country="AF"),
            Incident(
                id="inc:police",
                kind=IncidentKind.REMOTE_EXPLOSIVE,
                location="loc:kabul",
                targets=("actor:civilians",),
                casualties=(
                    Casualties(side="actor:civilians", killed=killed(8), injured=killed(20)),
                    Casualties(side="actor:attackers", killed=killed(4)),
                ),
            ),
            Incident(
                id="inc:claim",
                kind=IncidentKind.REMOTE_EXPLOSIVE,
                perpetrators=("actor:taliban",),
                casualties=(Casualties(side="actor:civilians", killed=killed(12, low=10, high=15)),),
            ),
            Relation(
                id="rel:same",
                source="inc:claim",
                kind=RelationKind.SAME_EVENT,
                target="inc:police",
                inferred=WHY,
            ),
        ]
    )


def test_the_seed_has_one_row_per_event_with_the_sunday_crossing_reconciled() -> None:
    seed = load_seed()
    rows = event_rows(seed)
    assert len(rows) == len(seed.events()) == 21
    assert [row["event_id"] for row in rows] == [event.id for event in seed.events()]
    [crossing] = [row for row in rows if row["claims"] > 1 and row["size_best"] is not None]
    assert crossing["claim_ids"] == [
        "move:afghan-forces-crossed-more-than-a-thousand",
        "move:afghan-troops-crossed-1037",
    ]
    assert (crossing["size_best"], crossing["size_low"], crossing["size_high"]) == (1037, 1000, 1037)
    assert crossing["disagreeing"] == []
    assert crossing["type"] == "movement"
    assert crossing["kind"] == "border_crossing"
    assert crossing["sources"] == 2


def test_casualties_are_reconciled_per_side_and_added_up_over_the_sides() -> None:
    [row] = event_rows(car_bomb())
    assert row["claims"] == 2
    # civilians: 8 and 12 (10-15) -> best 8 (lower median), low 8, high 15; attackers: 4
    assert (row["killed_best"], row["killed_low"], row["killed_high"]) == (12, 12, 19)
    assert (row["injured_best"], row["injured_low"], row["injured_high"]) == (20, 20, 20)
    assert row["captured_best"] is None
    assert row["perpetrator_names"] == ["Taliban"]  # named by one claim only
    assert row["target_names"] == ["Civilians"]
    assert (row["place_name"], row["country"]) == ("Kabul", "AF")
    assert row["disagreeing"] == ["killed"]  # 8 exactly and 10 to 15 cannot both hold


def test_the_tables_in_arrow_pandas_parquet_and_csv_hold_the_same_rows(tmp_path: Path) -> None:
    data = car_bomb()
    table = events_table(data)
    assert table.column_names == list(EVENT_COLUMNS)
    assert table.column("perpetrator_names").to_pylist() == [["Taliban"]]
    frame = events_frame(data)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert frame["killed_best"].tolist() == [12.0]
    parquet = write_events_parquet(data, tmp_path / "events.parquet")
    assert duckdb.sql(f"SELECT sum(killed_best) FROM '{parquet}'").fetchall() == [(12.0,)]
    written = write_events_csv(data, tmp_path / "events.csv")
    with open(written, encoding="utf-8") as file:
        [row] = list(csv.DictReader(file))
    assert json.loads(row["perpetrator_names"]) == ["Taliban"]
    assert row["killed_high"] == "19"
    assert row["captured_best"] == ""


def test_no_events_make_an_empty_table() -> None:
    data = Dataset(records=[Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)])
    assert event_rows(data) == []
    assert events_table(data).num_rows == 0


def test_the_flat_incident_view_has_casualty_columns_added_up_over_the_sides() -> None:
    rows = flat_rows(car_bomb())["incident"]
    police, claim = rows
    assert (police["killed_best"], police["killed_low"], police["killed_high"]) == (12, None, None)
    assert police["injured_best"] == 20
    assert police["captured_best"] is None
    assert (claim["killed_best"], claim["killed_low"], claim["killed_high"]) == (12, 10, 15)
    assert "killed_best" in flat_columns(Incident)
    assert json.loads(police["casualties"])[1]["side"] == "actor:attackers"  # each side kept


def test_duckdb_sums_the_killed_of_a_nested_incident_table(tmp_path: Path) -> None:
    write_parquet(car_bomb(), tmp_path)
    query = (
        "SELECT sum(c.killed.best) FROM (SELECT unnest(casualties) AS c FROM "
        f"'{tmp_path / 'incident.parquet'}') WHERE c.killed IS NOT NULL"
    )
    assert duckdb.sql(query).fetchall() == [(24.0,)]


def test_geojson_properties_hold_lists_as_json_arrays() -> None:
    collection = to_geojson(car_bomb())
    [police] = [feature for feature in collection["features"] if feature["id"] == "inc:police"]
    properties = police["properties"]
    assert properties["targets"] == ["actor:civilians"]
    assert properties["targets_names"] == ["Civilians"]
    assert properties["casualties"][0]["killed"]["best"] == 8
    assert properties["killed_best"] == 12
    assert json.loads(json.dumps(collection)) == collection


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_export_writes_the_events_table_beside_the_record_tables(tmp_path: Path, to: str) -> None:
    seed = tmp_path / "seed.jsonl"
    seed.write_text(
        "".join(json.dumps(to_dict(record)) + "\n" for record in reversed(load_seed().records)),
        encoding="utf-8",
    )
    out = tmp_path / "tables"
    assert main(["export", str(seed), "--to", to, "--output", str(out), "--events"]) == 0
    assert (out / f"movement.{to}").exists()
    table = out / f"events.{to}"
    query = f"SELECT claims, size_best FROM '{table}' WHERE claims > 1 AND size_best IS NOT NULL"
    assert duckdb.sql(query).fetchall() == [(2, 1037)]
    assert duckdb.sql(f"SELECT count(*) FROM '{out / f'events.{to}'}'").fetchall() == [(21,)]


def test_export_without_events_writes_no_events_table(tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    seed.write_text("".join(json.dumps(to_dict(record)) + "\n" for record in load_seed()), encoding="utf-8")
    assert main(["export", str(seed), "--to", "csv", "--output", str(tmp_path / "tables")]) == 0
    assert not (tmp_path / "tables" / "events.csv").exists()


def test_read_parquet_passes_the_events_table_by(tmp_path: Path) -> None:
    write_parquet(car_bomb(), tmp_path)
    write_events_parquet(car_bomb(), tmp_path / "events.parquet")
    assert read_parquet(tmp_path) == car_bomb()
