"""The casualties table: one row per event and side, each side's figures reconciled over the claims."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from conflictkit import Casualties, Incident, IncidentKind, Quantity, load_seed, to_dict
from conflictkit.cli.command import main
from conflictkit.tables import (
    CASUALTY_COLUMNS,
    casualties_frame,
    casualties_table,
    casualty_rows,
    read_parquet,
    write_casualties_csv,
    write_casualties_parquet,
    write_parquet,
)

from .test_tables_events import car_bomb


def test_each_side_of_an_event_is_a_row_with_its_figures_reconciled_over_the_claims() -> None:
    rows = casualty_rows(car_bomb())
    assert [(row["event_id"], row["side"], row["side_name"], row["claims"]) for row in rows] == [
        ("inc:police", "actor:civilians", "Civilians", 2),
        ("inc:police", "actor:attackers", "Attackers", 1),
    ]
    civilians, attackers = rows
    # The police count 8 killed, the claim about 12 (10 to 15): the lower median, the widest bounds.
    assert (civilians["killed_best"], civilians["killed_low"], civilians["killed_high"]) == (8, 8, 15)
    assert (civilians["injured_best"], civilians["injured_low"], civilians["injured_high"]) == (20, 20, 20)
    assert civilians["claim_ids"] == ["inc:police", "inc:claim"]
    assert civilians["disagreeing"] == ["killed"]  # 8 exactly is not "about 12, 10 to 15"
    assert (attackers["killed_best"], attackers["captured_best"], attackers["disagreeing"]) == (4, None, [])


def test_a_claim_with_no_side_is_a_row_without_one() -> None:
    unsided = Incident(
        id="inc:x",
        kind=IncidentKind.REMOTE_EXPLOSIVE,
        casualties=(Casualties(killed=Quantity(best=3, unit="people")),),
    )
    [row] = casualty_rows([unsided])
    assert (row["side"], row["side_name"], row["killed_best"], row["claims"]) == (None, None, 3, 1)


def test_an_event_without_casualties_has_no_row() -> None:
    seed = load_seed()
    rows = casualty_rows(seed)
    assert {row["event_id"] for row in rows} < {event.id for event in seed.events()}
    [captured] = rows  # the seed's only casualties: "dozens" of Afghan forces captured at Ishkashim
    assert captured["claim_ids"] == ["inc:ishkashim-captures"]
    assert captured["captured_best"] is None  # "dozens" is no number


def test_the_arrow_table_frame_parquet_and_csv_hold_the_same_rows(tmp_path: Path) -> None:
    data = car_bomb()
    rows = casualty_rows(data)
    table = casualties_table(data)
    assert table.column_names == list(CASUALTY_COLUMNS)
    assert table.to_pylist() == [
        {
            key: (float(value) if key.endswith(("_best", "_low", "_high")) and value is not None else value)
            for key, value in row.items()
        }
        for row in rows
    ]
    frame = casualties_frame(data)
    assert frame.groupby("side_name")["killed_best"].sum().to_dict() == {"Attackers": 4.0, "Civilians": 8.0}
    write_parquet(data, tmp_path)
    parquet = write_casualties_parquet(data, tmp_path / "casualties.parquet")
    assert duckdb.sql(f"SELECT sum(killed_best) FROM '{parquet}'").fetchall() == [(12.0,)]
    # A folder of record tables with the view beside them still reads as the records.
    assert read_parquet(tmp_path) == data
    written = write_casualties_csv(data, tmp_path / "casualties.csv")
    with written.open(newline="", encoding="utf-8") as file:
        read = list(csv.DictReader(file))
    assert [row["side"] for row in read] == ["actor:civilians", "actor:attackers"]
    assert json.loads(read[0]["claim_ids"]) == ["inc:police", "inc:claim"]
    assert read[1]["captured_best"] == ""


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_export_with_events_also_writes_the_casualties_table(tmp_path: Path, to: str) -> None:
    source = tmp_path / "bomb.jsonl"
    source.write_text("".join(json.dumps(to_dict(record)) + "\n" for record in car_bomb()), encoding="utf-8")
    output = tmp_path / "out"
    assert main(["export", str(source), "--to", to, "--output", str(output), "--events"]) == 0
    assert (output / f"casualties.{to}").is_file()
    if to == "parquet":
        sides = duckdb.sql(f"SELECT side FROM '{output / 'casualties.parquet'}' ORDER BY side").fetchall()
        assert sides == [("actor:attackers",), ("actor:civilians",)]


def test_a_side_whose_id_reads_as_a_plain_name_or_is_long_keeps_its_own_row() -> None:
    # A side id without punctuation ("civilians") or over sixty characters is written otherwise
    # in a path; each side still has its own row, and two long ids alike at the start stay apart.
    long_a, long_b = "actor:" + "x" * 70 + "a", "actor:" + "x" * 70 + "b"
    bombing = Incident(
        id="inc:x",
        kind=IncidentKind.REMOTE_EXPLOSIVE,
        casualties=(
            Casualties(side="civilians", killed=Quantity(best=3, unit="people")),
            Casualties(side=long_a, killed=Quantity(best=1, unit="people")),
            Casualties(side=long_b, killed=Quantity(best=2, unit="people")),
        ),
    )
    rows = casualty_rows([bombing])
    assert [(row["side"], row["killed_best"]) for row in rows] == [("civilians", 3), (long_a, 1), (long_b, 2)]
