"""A subclass's records are rows of their base type's table too, and load once, from their own."""

from __future__ import annotations

from pathlib import Path

import attrs
import duckdb
import pytest

from conflictkit import (
    Casualties,
    Dataset,
    Incident,
    IncidentKind,
    Quantity,
    ValidationError,
)
from conflictkit.tables import (
    flat_columns,
    flat_rows,
    from_arrow,
    read_parquet,
    to_arrow,
    write_csv,
    write_parquet,
)
from conflictkit.tables.parquet import ParquetSink


@attrs.frozen(kw_only=True)
class VehicleBombing(Incident, type_tag="testsuite.vehicle_bombing"):
    """An incident with the vehicle that carried the bomb."""

    vehicle: str
    """The vehicle, as the report names it."""


def _data() -> Dataset:
    killed = Quantity(best=8, unit="people")
    return Dataset(
        records=[
            Incident(id="inc:clash", kind=IncidentKind.ARMED_CLASH),
            VehicleBombing(
                id="inc:car-bomb",
                kind=IncidentKind.REMOTE_EXPLOSIVE,
                vehicle="car",
                casualties=(Casualties(killed=killed),),
            ),
        ]
    )


def test_the_base_table_counts_every_incident_with_each_row_tagged() -> None:
    tables = to_arrow(_data())
    incident = tables["incident"]
    assert incident.column("id").to_pylist() == ["inc:clash", "inc:car-bomb"]
    assert incident.column("_type").to_pylist() == ["incident", "testsuite.vehicle_bombing"]
    assert "vehicle" not in incident.column_names
    own = tables["testsuite.vehicle_bombing"]
    assert own.column("vehicle").to_pylist() == ["car"]
    assert from_arrow(tables) == _data()  # read once, from its own table


def test_a_subclass_row_without_its_own_table_is_reported_not_dropped() -> None:
    tables = to_arrow(_data())
    with pytest.raises(ValidationError) as caught:
        from_arrow({"incident": tables["incident"]})
    [problem] = caught.value.problems
    assert problem.path == ("incident", 1, "_type")
    assert "testsuite.vehicle_bombing" in problem.message
    assert "missing" in problem.message


def test_tables_without_a_type_column_still_load() -> None:
    tables = to_arrow(Dataset(records=[Incident(id="inc:clash", kind=IncidentKind.ARMED_CLASH)]))
    old = {"incident": tables["incident"].drop_columns(["_type"])}
    assert from_arrow(old) == Dataset(records=[Incident(id="inc:clash", kind=IncidentKind.ARMED_CLASH)])


@pytest.mark.parametrize("streamed", [False, True])
def test_parquet_base_table_is_queryable_and_reads_back(tmp_path: Path, streamed: bool) -> None:
    if streamed:
        with ParquetSink(tmp_path, batch_size=1, rows_held=1) as sink:
            for record in _data():
                sink.add(record)
    else:
        write_parquet(_data(), tmp_path)
    incidents = tmp_path / "incident.parquet"
    query = f"SELECT count(*), count(*) FILTER (WHERE _type <> 'incident') FROM '{incidents}'"
    assert duckdb.sql(query).fetchall() == [(2, 1)]
    assert read_parquet(tmp_path) == _data()


def test_the_flat_view_and_csv_count_every_incident_in_the_incident_table(tmp_path: Path) -> None:
    rows = flat_rows(_data())
    assert [(row["id"], row["type"]) for row in rows["incident"]] == [
        ("inc:clash", "incident"),
        ("inc:car-bomb", "testsuite.vehicle_bombing"),
    ]
    assert "vehicle" not in rows["incident"][1]
    assert rows["incident"][1]["killed_best"] == 8
    assert rows["testsuite.vehicle_bombing"][0]["vehicle"] == "car"
    write_csv(_data(), tmp_path)
    query = f"SELECT count(*), sum(killed_best) FROM '{tmp_path / 'incident.csv'}'"
    assert duckdb.sql(query).fetchall() == [(2, 8)]
    assert flat_columns(Incident)[-1] == "type"
