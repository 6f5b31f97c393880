"""The flat analyst view, its CSV files and pandas frames."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import attrs
import pandas as pd
import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Quantity,
    Statement,
    load_seed,
    type_tag_of,
)
from conflictkit.tables import flat_columns, flat_rows, to_pandas, write_csv

MOVEMENT = MilitaryMovement(
    id="mv:1", actor="actor:x", kind=MovementKind.DEPLOYMENT, status=MovementStatus.ONGOING
)


def test_columns_are_the_same_whatever_the_records_hold() -> None:
    rows = flat_rows([MOVEMENT])["movement"]
    assert tuple(rows[0]) == flat_columns(MilitaryMovement)
    assert rows[0]["size_best"] is None
    assert rows[0]["date_earliest"] is None
    assert rows[0]["actor_name"] is None  # the actor is not among the records


def test_value_types_are_spread_and_ids_named() -> None:
    seed = load_seed()
    rows = flat_rows(seed)
    crossing = next(row for row in rows["movement"] if row["size_text"] == "1,037")
    assert crossing["size_best"] == 1037
    assert crossing["origin_name"] == "Badakhshan"
    assert crossing["destination_name"] == "Tajikistan"
    statement = rows["statement"][0]
    about = json.loads(statement["about"])
    assert json.loads(statement["about_names"]) == [
        getattr(seed[record_id], "name", None) or getattr(seed[record_id], "title", None)
        for record_id in about
    ]
    evidence = json.loads(crossing["evidence"])
    assert evidence[0]["quote"] in seed.records[0].text  # type: ignore[attr-defined]
    # One table per type tag the seed holds, one row per record: derived, so new record types count too.
    expected: dict[str, int] = {}
    for record in seed:
        tag = type_tag_of(type(record))
        assert tag is not None
        expected[tag] = expected.get(tag, 0) + 1
    assert {tag: len(found) for tag, found in rows.items()} == expected


def test_many_references_and_lists_are_json_text() -> None:
    statement = Statement(id="st:1", speaker="a1", paraphrase="x", about=("a1", "zz"))
    actor = Actor(id="a1", name="Taliban", kind=ActorKind.ARMED_GROUP, aliases=("a; b", "c"))
    rows = flat_rows([statement, actor])
    assert rows["statement"][0]["about_names"] == '["Taliban", null]'
    assert json.loads(rows["actor"][0]["aliases"]) == ["a; b", "c"]


def test_late_subclass_gets_its_columns() -> None:
    @attrs.frozen(kw_only=True)
    class Sortie(MilitaryMovement, type_tag="tests_flat.sortie"):
        aircraft: str = "unknown"
        payload: Quantity | None = None

    columns = flat_columns(Sortie)
    assert "aircraft" in columns
    assert "payload_best" in columns
    sortie = Sortie(
        id="s1",
        actor="a",
        kind=MovementKind.OFFENSIVE,
        status=MovementStatus.COMPLETED,
        payload=Quantity(best=4, unit="bombs"),
    )
    assert flat_rows([sortie])["tests_flat.sortie"][0]["payload_unit"] == "bombs"


def test_colliding_flat_columns_are_refused() -> None:
    @attrs.frozen(kw_only=True)
    class Clash(MilitaryMovement, type_tag="tests_flat.clash"):
        size_best: str = "x"

    with pytest.raises(TypeError, match=r"columns \['size_best'\] twice"):
        flat_columns(Clash)


def test_csv_holds_the_flat_view(tmp_path: Path) -> None:
    seed = load_seed()
    paths = write_csv(seed, tmp_path)
    assert sorted(path.name for path in paths) == sorted(f"{tag}.csv" for tag in flat_rows(seed))
    with open(tmp_path / "movement.csv", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == flat_columns(MilitaryMovement)
        rows = list(reader)
    expected = flat_rows(seed)["movement"]
    assert len(rows) == len(expected)
    assert rows[0]["size_best"] == "20000"
    assert rows[0]["date_earliest"] == "2021-07-05"
    assert rows[0]["origin"] == ""  # no value
    assert [row["id"] for row in rows] == [row["id"] for row in expected]


def test_csv_needs_no_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    write_csv(load_seed(), tmp_path)
    assert (tmp_path / "actor.csv").read_text(encoding="utf-8").startswith("id,name,kind,")


def test_pandas_frames_nested_and_flat() -> None:
    seed = load_seed()
    flat = to_pandas(seed, flat=True)
    assert list(flat["movement"].columns) == list(flat_columns(MilitaryMovement))
    nested = to_pandas(seed)
    movements = nested["movement"]
    assert len(movements) == len(seed.of_type(MilitaryMovement))
    first = seed.records[movements.index[0]]
    assert movements.iloc[0]["id"] == first.id


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(
        ImportError, match=r"install conflictkit's 'pandas' extra \(pip install '\.\[pandas\]'"
    ):
        to_pandas(Dataset(records=[MOVEMENT]), flat=True)


def test_pandas_frames_query_like_an_analyst() -> None:
    frames = to_pandas(load_seed(), flat=True)
    crossings = frames["movement"].query("kind == 'border_crossing'")
    assert isinstance(crossings, pd.DataFrame)
    assert set(crossings["destination_name"].dropna()) <= {"Tajikistan", "Tajikistan–Afghanistan border"}
