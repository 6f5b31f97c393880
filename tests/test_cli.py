from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    load_seed,
    to_json,
)
from conflictkit.cli.command import EXIT_BROKEN_PIPE, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, main
from conflictkit.dataset.summary import count_line


def _write(path: Path, dataset: Dataset) -> Path:
    path.write_text(to_json(dataset), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    movement = MilitaryMovement(
        id="move:1", actor="actor:ghost", kind=MovementKind.RETREAT, status=MovementStatus.COMPLETED
    )
    return _write(tmp_path / "broken.json", Dataset(records=[movement]))


@pytest.mark.parametrize("argv", [[], ["describe"]])
def test_without_files_it_describes_the_bundled_seed(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"{load_seed().title} (bundled seed dataset ")
    assert f"\n{count_line(load_seed())}\n" in out
    assert "  2021-07-05             Tajik reservists: mobilization (ordered)" in out
    assert "ordered by Rahmon: 20,000 reservists" in out
    assert out.rstrip().endswith("No problems found.")


def test_it_describes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "seed.json", load_seed())
    assert main([str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: {load_seed().title}")
    assert "1,037 Afghan troops" in out


def test_an_invalid_dataset_exits_1_and_lists_its_problems(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["describe", str(broken)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "1 problem:\n  $.records[0].actor: refers to 'actor:ghost', which is not in the dataset" in out


def test_a_file_that_does_not_load_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", "records": [{"type": "actor", "id": "a"}]}', encoding="utf-8")
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert main([str(bad), str(garbage)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert f"{bad}\n0 records\n" in out
    assert "$.records[0].name: is required but missing" in out
    assert f"{garbage}\n0 records\n" in out
    assert "  $: invalid JSON at line 1 column 2" in out


def test_an_unreadable_file_exits_2_after_describing_the_others(
    tmp_path: Path, broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "good.json", Dataset(records=[Actor(id="a", name="A", kind=ActorKind.STATE)]))
    missing = tmp_path / "missing.json"
    assert main([str(good), str(missing), str(broken)]) == EXIT_UNREADABLE
    captured = capsys.readouterr()
    assert f"{missing}: cannot read:" in captured.err
    assert f"{good}\n1 record: 1 actor" in captured.out
    assert "refers to 'actor:ghost'" in captured.out


def test_python_dash_m_conflictkit_describes_the_seed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "conflictkit"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "more than a thousand members of Afghan security forces" in result.stdout
    assert "No problems found." in result.stdout


def test_a_reader_that_goes_away_ends_it_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails, as when `| head` has exited
    try:
        result = subprocess.run(
            [sys.executable, "-m", "conflictkit"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == EXIT_BROKEN_PIPE
