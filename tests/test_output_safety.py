"""Outputs never destroy what was there and are never left half-written (export, convert, tables)."""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conflictkit import Actor, Dataset, from_json, load_seed, to_json
from conflictkit.cli.command import main
from conflictkit.geo import to_geojson
from conflictkit.io import json_text
from conflictkit.io.atomic import MANIFEST, OutputError, atomic_file
from conflictkit.tables import CsvSink, ParquetSink, read_parquet, write_csv, write_parquet


@pytest.fixture
def seed_lines(tmp_path: Path) -> Path:
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(to_json(record) + "\n" for record in load_seed()), encoding="utf-8")
    return path


def _listing(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()
    }


def _export(*argv: str) -> int:
    return main(["export", *argv])


# --- export -------------------------------------------------------------------------------------------


def test_export_into_a_directory_of_other_files_is_refused_and_nothing_is_removed(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "notes.txt").write_text("precious", encoding="utf-8")
    (output / "theirs.parquet").write_bytes(b"someone else's table")
    before = _listing(output)
    assert _export(str(seed_lines), "--to", "parquet", "--output", str(output)) == 2
    err = capsys.readouterr().err
    assert f"{output}: cannot write: is not empty and holds files conflictkit did not write there" in err
    assert "'notes.txt', 'theirs.parquet'" in err
    assert "--overwrite" in err
    assert _listing(output) == before


def test_export_to_the_current_directory_keeps_the_input(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    before = _listing(tmp_path)
    assert _export("seed.jsonl", "--to", "csv", "--output", ".") == 2
    assert "holds the input 'seed.jsonl'" in capsys.readouterr().err
    assert _listing(tmp_path) == before


def test_overwrite_replaces_only_files_of_the_exports_own_kind(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("precious", encoding="utf-8")
    assert _export("seed.jsonl", "--to", "csv", "--output", ".", "--overwrite") == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "precious"
    assert seed_lines.read_text(encoding="utf-8").count("\n") == len(load_seed())
    assert not (tmp_path / "old.csv").exists()  # a stale table would mix two datasets
    assert (tmp_path / "actor.csv").exists()


def test_export_again_into_its_own_directory_replaces_its_tables_and_removes_stale_ones(
    seed_lines: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    assert _export(str(seed_lines), "--to", "parquet", "--output", str(output)) == 0
    actors = tmp_path / "actors.jsonl"
    actors.write_text(
        "".join(to_json(record) + "\n" for record in load_seed().of_type(Actor)), encoding="utf-8"
    )
    (output / "notes.txt").write_text("mine", encoding="utf-8")  # added by the user afterwards
    assert _export(str(actors), "--to", "parquet", "--output", str(output)) == 2  # refused: not ours
    (output / "notes.txt").unlink()
    (output / ".conflictkit-staging-killed").mkdir()  # what a killed run leaves is no one else's
    assert _export(str(actors), "--to", "parquet", "--output", str(output)) == 0
    assert sorted(path.name for path in output.iterdir()) == [
        ".conflictkit-staging-killed",
        MANIFEST,
        "actor.parquet",
    ]
    assert read_parquet(output).records == tuple(load_seed().of_type(Actor))


def test_export_refuses_a_file_where_a_directory_is_needed_and_the_reverse(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "report.txt"
    a_file.write_text("precious", encoding="utf-8")
    assert _export(str(seed_lines), "--to", "parquet", "--output", str(a_file)) == 2
    assert f"{a_file}: cannot write: is a file, not a directory" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "precious"
    a_directory = tmp_path / "keep"
    a_directory.mkdir()
    (a_directory / "x.txt").write_text("precious", encoding="utf-8")
    assert _export(str(seed_lines), "--to", "geojson", "--output", str(a_directory)) == 2
    assert f"{a_directory}: cannot write: is a directory, not a file" in capsys.readouterr().err
    assert (a_directory / "x.txt").read_text(encoding="utf-8") == "precious"


def test_export_geojson_over_its_input_is_refused(
    seed_lines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = seed_lines.read_bytes()
    assert _export(str(seed_lines), "--to", "geojson", "--output", str(seed_lines), "--overwrite") == 2
    assert "is the input" in capsys.readouterr().err
    assert seed_lines.read_bytes() == before


def test_export_reads_standard_input_and_writes_geojson_to_standard_output(
    seed_lines: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_lines.read_bytes())))
    assert _export("-", "--to", "geojson", "--output", "-") == 0
    assert json.loads(capsys.readouterr().out) == to_geojson(load_seed())
    document = to_json(load_seed(), indent=2).encode()  # one JSON document, not JSON Lines
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(document)))
    assert _export("-", "--to", "geojson", "--output", "-") == 0
    assert json.loads(capsys.readouterr().out) == to_geojson(load_seed())


def test_a_failed_geojson_export_leaves_the_old_file(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "seed.geojson"
    output.write_text("old", encoding="utf-8")
    with seed_lines.open("a", encoding="utf-8") as file:
        file.write('{"type": "actor", "id": "bad"}\n')
    assert _export(str(seed_lines), "--to", "geojson", "--output", str(output)) == 1
    assert output.read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seed.geojson", "seed.jsonl"]


# --- tables and sinks -------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [write_parquet, write_csv])
def test_tables_written_again_never_mix_two_datasets(write: Any, tmp_path: Path) -> None:
    write(load_seed(), tmp_path / "t")
    write(load_seed().of_type(Actor), tmp_path / "t")
    suffix = ".parquet" if write is write_parquet else ".csv"
    assert sorted(path.name for path in (tmp_path / "t").iterdir()) == [MANIFEST, f"actor{suffix}"]
    if write is write_parquet:
        assert read_parquet(tmp_path / "t").records == tuple(load_seed().of_type(Actor))


@pytest.mark.parametrize("write", [write_parquet, write_csv])
def test_tables_refuse_a_directory_of_other_files(write: Any, tmp_path: Path) -> None:
    (tmp_path / "movement.parquet").write_bytes(b"theirs")
    (tmp_path / "movement.csv").write_bytes(b"theirs")
    with pytest.raises(OutputError, match="is not empty"):
        write(load_seed(), tmp_path)
    assert {path.name for path in tmp_path.iterdir()} == {"movement.parquet", "movement.csv"}
    write(load_seed(), tmp_path, overwrite=True)
    assert (tmp_path / "movement.parquet").read_bytes() != b"theirs" or write is write_csv
    assert (tmp_path / ("movement.csv" if write is write_csv else "movement.parquet")).stat().st_size > 6


class _Boom(Exception):
    pass


def _fill_and_fail(sink: ParquetSink | CsvSink) -> None:
    with sink:
        for record in load_seed():
            sink.add(record)
        raise _Boom


def _write_and_fail(target: Path) -> None:
    with atomic_file(target) as file:
        file.write("new, half")
        raise _Boom


def test_parquet_sink_leaves_no_footerless_file_and_prints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    (tmp_path / "actor.parquet").write_bytes(b"an older table")
    with pytest.raises(_Boom):
        _fill_and_fail(ParquetSink(tmp_path, batch_size=2, rows_held=2))
    gc.collect()
    assert unraisable == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["actor.parquet"]
    assert (tmp_path / "actor.parquet").read_bytes() == b"an older table"


def test_parquet_sink_writes_complete_files(tmp_path: Path) -> None:
    with ParquetSink(tmp_path, batch_size=2, rows_held=2) as sink:
        for record in load_seed():
            sink.add(record)
    assert pq.read_table(tmp_path / "actor.parquet").num_rows == len(load_seed().of_type(Actor))
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_csv_sink_leaves_nothing_when_its_caller_fails(tmp_path: Path) -> None:
    (tmp_path / "actor.csv").write_text("older", encoding="utf-8")
    with pytest.raises(_Boom):
        _fill_and_fail(CsvSink(tmp_path, {}))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["actor.csv"]
    assert (tmp_path / "actor.csv").read_text(encoding="utf-8") == "older"


def test_atomic_file_keeps_the_target_on_error_and_its_permissions_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(_Boom):
        _write_and_fail(target)
    assert target.read_text(encoding="utf-8") == "old"
    with atomic_file(target) as file:
        file.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["out.txt"]


# --- convert ------------------------------------------------------------------------------------------


def _convert(source: Path | str, *argv: str) -> int:
    return main(["convert", str(source), "--from", "conflictkit", "--to", "conflictkit", *argv])


def test_convert_refuses_an_output_that_is_its_input(
    seed_lines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = seed_lines.read_bytes()
    assert _convert(seed_lines, "-o", str(seed_lines)) == 2
    assert f"{seed_lines}: cannot write: is the input" in capsys.readouterr().err
    assert seed_lines.read_bytes() == before
    link = seed_lines.with_name("link.jsonl")
    link.symlink_to(seed_lines)
    assert _convert(seed_lines, "-o", str(link)) == 2
    assert seed_lines.read_bytes() == before


def test_convert_to_a_directory_blames_the_output(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _convert(seed_lines, "-o", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path}: cannot write: is a directory" in err
    assert "cannot read" not in err


def test_convert_from_a_misspelt_input_leaves_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text("precious\n", encoding="utf-8")
    assert _convert(tmp_path / "misspelt.jsonl", "-o", str(output)) == 2
    assert "misspelt.jsonl: cannot read: No such file or directory" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8") == "precious\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.jsonl"]


def test_convert_stopped_by_a_bad_row_writes_nothing_and_says_so(
    seed_lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = seed_lines.read_text(encoding="utf-8").splitlines()
    lines.insert(40, '{"type": "actor", "id": "bad"}')
    seed_lines.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    output.write_text("precious\n", encoding="utf-8")
    assert _convert(seed_lines, "-o", str(output)) == 1
    err = capsys.readouterr().err
    assert "conflictkit in, 0 conflictkit records out" in err
    assert f"{output}: not written" in err
    assert output.read_text(encoding="utf-8") == "precious\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.jsonl", "seed.jsonl"]
    assert _convert(seed_lines, "-o", str(output), "--keep-going") == 1
    assert len(output.read_text(encoding="utf-8").splitlines()) == len(load_seed())
    assert f"{len(load_seed())} conflictkit records out" in capsys.readouterr().err


def test_an_interrupted_convert_leaves_no_partial_file(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = json_text._written  # what convert writes each record's JSON text with

    def interrupted(value: Any, separators: tuple[str, str]) -> Any:
        nonlocal calls
        calls += 1
        if calls == 20:
            raise KeyboardInterrupt
        return real(value, separators)

    monkeypatch.setattr(json_text, "_written", interrupted)
    output = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        _convert(seed_lines, "-o", str(output))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seed.jsonl"]


def test_convert_writes_standard_output_for_a_dash(
    seed_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _convert(seed_lines, "-o", "-") == 0
    assert len(capsys.readouterr().out.splitlines()) == len(load_seed())
    assert not (tmp_path / "-").exists()


CONVERT = ("--from", "conflictkit", "--to", "conflictkit")


def _small_files() -> None:  # runs in the child, before it starts Python
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs POSIX file size limits")
def test_a_full_disk_leaves_the_target_and_names_it(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text("precious\n", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    big.write_bytes(seed_lines.read_bytes() * 3)  # more than the 20,000 bytes a file may hold
    assert big.stat().st_size > 20_000
    result = subprocess.run(
        [sys.executable, "-B", "-m", "conflictkit", "convert", str(big), *CONVERT, "-o", str(output)],
        capture_output=True,
        check=False,
        timeout=120,
        preexec_fn=_small_files,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert f"{output}: cannot write: File too large" in err
    assert ".part" not in err
    assert output.read_text(encoding="utf-8") == "precious\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.jsonl", "out.jsonl", "seed.jsonl"]


def test_dataset_output_is_atomic_too(seed_lines: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    assert _convert(seed_lines, "-o", str(output)) == 0
    assert from_json(output.read_bytes(), Dataset).records == load_seed().records
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.json", "seed.jsonl"]
