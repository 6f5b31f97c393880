from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictkit.cli.command import main

DATA = Path(__file__).parent / "data" / "crosswalk"


def test_acled_to_conflictkit_and_back_gives_the_same_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "acled.jsonl"
    back = tmp_path / "back.csv"
    assert (
        main(
            ["convert", str(DATA / "acled.csv"), "--from", "acled", "--to", "conflictkit", "-o", str(records)]
        )
        == 0
    )
    assert main(["convert", str(records), "--from", "conflictkit", "--to", "acled", "-o", str(back)]) == 0
    assert back.read_bytes() == (DATA / "acled.csv").read_bytes()
    summary = capsys.readouterr().err
    assert "31 acled in, 121 conflictkit records out" in summary
    assert "121 conflictkit in, 31 acled rows out" in summary


def test_the_seed_to_plover_reports_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.json"
    assert (
        main(
            [
                "convert",
                str(
                    DATA.parent.parent.parent
                    / "src"
                    / "conflictkit"
                    / "data"
                    / "2021-07-05-reuters-tajikistan-mobilises-reservists.json"
                ),
                "--from",
                "conflictkit",
                "--to",
                "conflictkit",
                "-o",
                str(seed),
            ]
        )
        == 0
    )
    out = tmp_path / "seed.plover.jsonl"
    assert main(["convert", str(seed), "--from", "conflictkit", "--to", "plover", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(record["event"] == "MOBILIZE" for record in records)
    assert "left out or changed for plover" in capsys.readouterr().err


def test_bad_rows_exit_1_and_keep_going_converts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (DATA / "acled.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bad = lines[1].replace(",5,,1625001001", ",three,,1625001001")
    source = tmp_path / "bad.csv"
    source.write_text(lines[0] + bad + lines[2], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(source), "--from", "acled", "--to", "conflictkit", "-o", str(out)]) == 1
    assert "row 1, column 'fatalities'" in capsys.readouterr().err
    assert (
        main(["convert", str(source), "--from", "acled", "--to", "ucdp", "--keep-going", "-o", str(out)]) == 1
    )
    err = capsys.readouterr().err
    assert "2 acled in, 0 ucdp rows out" in err
    assert "row 1, column 'fatalities'" in err


def test_an_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert main(["convert", str(tmp_path / "missing.csv"), "--from", "acled", "--to", "plover"]) == 2


def test_plover_json_array_in_and_out(tmp_path: Path) -> None:
    records = [json.loads(line) for line in (DATA / "plover.jsonl").read_text(encoding="utf-8").splitlines()]
    source = tmp_path / "plover.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["convert", str(source), "--from", "plover", "--to", "plover", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == records


def test_a_polecat_release_converts_through_conflictkit(tmp_path: Path) -> None:
    release = tmp_path / "polecat.tsv"
    release.write_text(
        "Event ID\tEvent Date\tEvent Type\tEvent Mode\tActor Name\tActor Country\tActor Sector\tQuad Code\n"
        "e1\t2021-07-05\tMOBILIZE\ttroops\tTajikistan\tTJK\tGOV\tMATERIAL CONFLICT\n",
        encoding="utf-8",
    )
    out = tmp_path / "back.tsv"
    assert main(["convert", str(release), "--from", "plover", "--to", "plover", "-o", str(out)]) == 0
    header, row = (line.split("\t") for line in out.read_text(encoding="utf-8").splitlines())
    written = dict(zip(header, row, strict=True))
    assert (written["Event Type"], written["Event Mode"], written["Quad Code"]) == (
        "MOBILIZE",
        "troops",
        "MATERIAL CONFLICT",
    )


def test_a_file_in_another_encoding_is_an_error_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (DATA / "acled.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    source = tmp_path / "latin1.csv"
    source.write_bytes((lines[0] + lines[1] + lines[2].replace("Ishkashim", "Ishkåshim")).encode("latin-1"))
    assert (
        main(["convert", str(source), "--from", "acled", "--to", "conflictkit", "-o", str(tmp_path / "o")])
        == 1
    )
    assert "row 2, column 'admin2': is not UTF-8 text" in capsys.readouterr().err


UNKNOWN = '{"type": "acme.sighting", "id": "x1", "aircraft": ["Su-25"]}'
ACTOR = '{"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}'


def test_keep_unknown_carries_records_of_unknown_types_through_a_conflictkit_conversion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(f"{ACTOR}\n{UNKNOWN}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["convert", str(lines), "--from", "conflictkit", "--to", "conflictkit", "-o", str(out)]
    assert main(argv) == 1  # without the option, the unknown type is an error
    assert "unknown type tag 'acme.sighting'" in capsys.readouterr().err
    assert main([*argv, "--keep-unknown"]) == 0
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()][1] == json.loads(
        UNKNOWN
    )


def test_keep_unknown_reports_what_a_crosswalk_cannot_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(f"{ACTOR}\n{UNKNOWN}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    argv = ["convert", str(lines), "--from", "conflictkit", "--to", "acled", "-o", str(out), "--keep-unknown"]
    assert main(argv) == 0
    assert (
        "x1: not in acled: a record of the unknown type 'acme.sighting', which acled has no mapping for"
        in (capsys.readouterr().err)
    )
