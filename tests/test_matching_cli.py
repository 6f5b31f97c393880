"""``conflictkit match``: inputs in any format, relations as JSON Lines, a review CSV, safe writes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import conflictkit as ck
from conflictkit.cli.command import main
from conflictkit.matching import TABLE_COLUMNS

DATA = Path(__file__).parent / "data" / "crosswalk"
ACLED, UCDP = str(DATA / "acled.csv"), str(DATA / "ucdp_ged.csv")


def test_an_acled_and_a_ucdp_file_are_matched_into_relations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relations, review = tmp_path / "relations.jsonl", tmp_path / "review.csv"
    arguments = ["match", ACLED, UCDP, "--from", "acled", "--from", "ucdp", "-o", str(relations)]
    assert main([*arguments, "--review", str(review)]) == 0
    links = [ck.from_dict(json.loads(line), ck.Relation) for line in relations.read_text().splitlines()]
    pairs = [(link.source, link.kind.value, link.target) for link in links]
    assert ("AFG1001", "same_event", "ucdp:ged:400001") in pairs
    assert all(link.inferred[0].reason.startswith("matched by conflictkit.matching") for link in links)
    with review.open(newline="") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == TABLE_COLUMNS
    assert len(rows) > len(links)  # every candidate, not only those above the threshold
    summary = capsys.readouterr().err
    assert f"matches {len(links)}, episodes 0 (threshold 0.75)" in summary
    assert f"{ACLED}: 32 event records" in summary
    assert sorted(path.name for path in tmp_path.iterdir()) == ["relations.jsonl", "review.csv"]


def test_the_relations_join_the_sources_into_events(tmp_path: Path) -> None:
    relations = tmp_path / "relations.jsonl"
    assert main(["match", ACLED, UCDP, "--from", "acled", "--from", "ucdp", "-o", str(relations)]) == 0
    from conflictkit.cli.match import read_input

    acled, ucdp = read_input(ACLED, "acled"), read_input(UCDP, "ucdp")
    links = [ck.from_dict(json.loads(line), ck.Relation) for line in relations.read_text().splitlines()]
    combined = ck.Dataset(records=[*acled, *ucdp, *links])
    joined = next(event for event in combined.events() if "AFG1001" in event.claim_ids)
    assert joined.claim_ids == ("AFG1001", "ucdp:ged:400001")


def test_one_format_per_input_or_one_for_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", ACLED, UCDP, ACLED, "--from", "acled", "--from", "ucdp"]) == 2
    assert "--from is given 2 times for 3 inputs" in capsys.readouterr().err


def test_a_bad_window_is_refused_and_the_output_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "relations.jsonl"
    output.write_text("a user's file\n")
    assert (
        main(["match", ACLED, UCDP, "--from", "acled", "--from", "ucdp", "--days", "-2", "-o", str(output)])
        == 2
    )
    assert "days: must be a whole number of days from 0 to 366, got -2" in capsys.readouterr().err
    assert output.read_text() == "a user's file\n"
    assert [path.name for path in tmp_path.iterdir()] == ["relations.jsonl"]


def test_an_unreadable_input_and_an_invalid_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", str(tmp_path / "missing.csv"), ACLED, "--from", "acled"]) == 2
    assert "missing.csv: cannot read" in capsys.readouterr().err
    broken = tmp_path / "broken.csv"
    broken.write_text("event_id_cnty,event_date\nX1,not a date\n")
    assert main(["match", str(broken), ACLED, "--from", "acled"]) == 1
    assert "broken.csv: not valid acled input" in capsys.readouterr().err


def test_the_same_file_twice_is_a_collision(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", ACLED, ACLED, "--from", "acled"]) == 2
    assert "event records share ids across datasets" in capsys.readouterr().err
