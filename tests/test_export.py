"""``conflictkit export``: JSON Lines to Parquet, CSV and GeoJSON, streaming, nothing partial."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conflictkit import load_seed, to_json
from conflictkit.cli.command import main
from conflictkit.geo import to_geojson
from conflictkit.tables import flat_rows, read_parquet


@pytest.fixture
def seed_lines(tmp_path: Path) -> Path:
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(to_json(record) + "\n" for record in load_seed()), encoding="utf-8")
    return path


def test_parquet_holds_every_record_in_order(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert main(["export", str(seed_lines), "--to", "parquet", "--output", str(output)]) == 0
    assert read_parquet(output).records == load_seed().records


def test_parquet_is_written_in_batches(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    argv = ["export", str(seed_lines), "--to", "parquet", "--output", str(output)]
    assert main([*argv, "--batch-size", "4", "--rows-held", "8"]) == 0
    actors = pq.ParquetFile(output / "actor.parquet")
    sizes = [actors.metadata.row_group(index).num_rows for index in range(actors.num_row_groups)]
    assert sum(sizes) == 32  # 32 actors, in row groups as the bounds say
    assert len(sizes) > 1
    assert max(sizes) < 8 + 4
    assert read_parquet(output).records == load_seed().records


def test_several_files_and_a_dataset_document(seed_lines: Path, tmp_path: Path) -> None:
    document = tmp_path / "seed.json"
    document.write_text(to_json(load_seed()), encoding="utf-8")
    output = tmp_path / "out"
    assert main(["export", str(seed_lines), str(document), "--to", "parquet", "--output", str(output)]) == 0
    assert read_parquet(output).records == load_seed().records * 2


def test_csv_names_references_across_the_input(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "csv"
    assert main(["export", str(seed_lines), "--to", "csv", "--output", str(output)]) == 0
    with open(output / "movement.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    expected = flat_rows(load_seed())["movement"]
    assert [row["actor_name"] for row in rows] == [row["actor_name"] for row in expected]


def test_geojson_is_the_seed_collection(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "seed.geojson"
    assert main(["export", str(seed_lines), "--to", "geojson", "--output", str(output)]) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == to_geojson(load_seed())


@pytest.mark.parametrize("to", ["parquet", "csv", "geojson"])
def test_invalid_lines_are_all_reported_and_nothing_is_written(
    to: str, seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = seed_lines.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"type":"actor"', '"type":"acme.unknown"')
    lines.insert(7, '{"type": "actor", "id": "a", "name": " ", "kind": "person"}')
    seed_lines.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out"
    assert main(["export", str(seed_lines), "--to", to, "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert f"{seed_lines}: line 4: $.type:" in err
    assert f"{seed_lines}: line 8: $.name: must not be empty or blank" in err
    assert "not exported: 2 invalid document(s)" in err
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [seed_lines]  # no staging left behind


def test_overwrite_replaces_the_tables_of_an_existing_output(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "stale.parquet").write_bytes(b"old")
    argv = ["export", str(seed_lines), "--to", "parquet", "--output", str(output), "--overwrite"]
    assert main(argv) == 0
    assert not (output / "stale.parquet").exists()


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["export", str(missing), "--to", "csv", "--output", str(tmp_path / "out")]) == 2
    assert f"{missing}: cannot read: No such file or directory" in capsys.readouterr().err


def test_missing_pyarrow_names_the_extra(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["export", str(seed_lines), "--to", "parquet", "--output", str(tmp_path / "out")]) == 2
    assert "install conflictkit's 'arrow' extra (pip install '.[arrow]'" in capsys.readouterr().err


def test_rows_held_must_be_positive(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", str(seed_lines), "--to", "parquet", "--output", str(tmp_path / "o"), "--rows-held", "0"]
    with pytest.raises(SystemExit):
        main(argv)
    assert "--rows-held: must be at least 1, got 0" in capsys.readouterr().err


def test_a_failed_write_exits_2_and_leaves_nothing(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full_disk)
    output = tmp_path / "out"
    assert main(["export", str(seed_lines), "--to", "parquet", "--output", str(output)]) == 2
    assert f"{output / 'document.parquet'}: cannot write: No space left on device" in capsys.readouterr().err
    assert not output.exists()


def test_batch_size_must_be_positive(seed_lines: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", str(seed_lines), "--to", "csv", "--output", str(tmp_path), "--batch-size", "0"])
    assert caught.value.code == 2


def test_keep_unknown_reports_each_record_no_format_can_hold(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text('{"type": "acme.sighting", "id": "x1"}\n', encoding="utf-8")
    output = tmp_path / "out"
    argv = [
        "export",
        str(seed_lines),
        str(unknown),
        "--to",
        "parquet",
        "--output",
        str(output),
        "--keep-unknown",
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert (
        f"{unknown}: line 1: $: is a record of the unknown type 'acme.sighting', which no table, CSV file or "
        "GeoJSON feature can hold; --import the module that defines it"
    ) in err
    assert not output.exists()
