"""``conflictkit validate`` and the checking module behind it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflictkit.cli.command import main
from conflictkit.cli.validate import Status, check_bytes, check_file, check_value

from .test_json_schema import BASE

ACTOR = {"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["validate", *args])
    return status, capsys.readouterr().out


def test_valid_dataset_and_record_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = write(tmp_path, "data.json", json.dumps(BASE))
    record = write(tmp_path, "actor.json", json.dumps(ACTOR))
    status, out = run(capsys, dataset, record)
    assert status == 0
    assert out.splitlines() == [f"{dataset}: valid (1 document)", f"{record}: valid (1 document)"]


def test_invalid_document_reports_every_problem_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document: dict[str, Any] = json.loads(json.dumps(BASE))
    document["records"][4]["size"]["best"] = -1
    document["records"][4]["kind"] = "parade"
    document["records"][1]["colour"] = "red"
    path = write(tmp_path, "bad.json", json.dumps(document))
    status, out = run(capsys, path)
    assert status == 1
    lines = out.splitlines()
    assert f"{path}: $.records[1].colour: is not a known field" in lines
    assert any(line.startswith(f"{path}: $.records[4].kind: expected one of") for line in lines)
    assert f"{path}: $.records[4].size.best: must be >= 0, got -1" in lines


def test_dataset_integrity_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document: dict[str, Any] = json.loads(json.dumps(BASE))
    document["records"][4]["origin"] = "loc:nowhere"
    status, out = run(capsys, write(tmp_path, "d.json", json.dumps(document)))
    assert status == 1
    assert "$.records[4].origin: refers to 'loc:nowhere', which is not in the dataset" in out


def test_json_lines_report_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps(ACTOR),
        "",  # blank lines are skipped but still counted
        json.dumps({**ACTOR, "id": "a3", "kind": "parade"}),
        json.dumps(BASE),
        json.dumps({"type": "actor", "id": "a2", "name": "", "kind": "state"}),
    ]
    path = write(tmp_path, "stream.jsonl", "\r\n".join(lines) + "\n")
    status, out = run(capsys, path)
    assert status == 1
    assert out.splitlines()[0].startswith(f"{path}:3: $.kind: expected one of")
    assert out.splitlines()[1] == f"{path}:5: $.name: must not be empty or blank"
    assert len(out.splitlines()) == 2


def test_ndjson_is_json_lines(tmp_path: Path) -> None:
    second = {**ACTOR, "id": "a2"}
    report = check_file(write(tmp_path, "s.NDJSON", json.dumps(ACTOR) + "\n" + json.dumps(second)))
    assert (report.status, report.documents) == (Status.VALID, 2)


def test_a_line_that_is_not_json_makes_the_file_invalid_and_others_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "s.jsonl", "{bad\n" + json.dumps({**ACTOR, "id": ""}) + "\n")
    status, out = run(capsys, path)
    assert status == 1
    assert out.splitlines()[0].startswith(f"{path}:1: $: invalid JSON at line 1 column 2")
    assert out.splitlines()[1].startswith(f"{path}:2: $.id: must be an id")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "invalid JSON at line 1 column 1"),
        (b'{"best": NaN}', "NaN is not valid JSON"),
        (b"[Infinity]", "Infinity is not valid JSON"),
        (b'{"name": "\xff"}', "not UTF-8"),
        (b'\xef\xbb\xbf{"name": "\xc3\x28"}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a": 1, "a": 2}', "duplicate key 'a'"),
        (b"1" * 5000, "more than 4300 digits"),
    ],
)
def test_not_json_is_invalid_data_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    status, out = run(capsys, write(tmp_path, "x.json", content))
    assert status == 1
    assert message in out


def test_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.json")
    status, out = run(capsys, missing, str(tmp_path))
    assert status == 2
    assert f"{missing}: $: cannot read the file: No such file or directory" in out
    assert f"{tmp_path}: $: cannot read the file:" in out


def test_worst_status_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.json", json.dumps(ACTOR))
    bad = write(tmp_path, "bad.json", json.dumps({**ACTOR, "kind": 1}))
    assert run(capsys, good, bad)[0] == 1
    assert run(capsys, good, bad, str(tmp_path / "missing.json"))[0] == 2


@pytest.mark.parametrize(
    "value",
    [[ACTOR], "actor", 3, None, {"id": "a1", "name": "Taliban"}],
)
def test_values_that_are_neither_dataset_nor_record(value: Any) -> None:
    problems = check_value(value)
    assert [problem.json_path for problem in problems] == ["$"]
    assert "expected a Dataset document" in problems[0].message


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (None, "is required: a type tag such as 'actor'"),
        ([1], "expected a type tag string"),
        ("parade", "unknown type tag 'parade'"),
    ],
)
def test_bad_tags_are_reported(tag: Any, message: str) -> None:
    problems = check_value({**ACTOR, "type": tag})
    assert problems[0].json_path == "$.type"
    assert message in problems[0].message


def test_a_tagged_value_type_can_stand_alone() -> None:
    from .test_json_schema import SourcedQuantity  # registered by that module

    assert SourcedQuantity.__name__ == "SourcedQuantity"
    assert check_value({"type": "tests.sourced_quantity", "best": 3, "unit": "jets"}) == []
    assert check_value({"type": "tests.sourced_quantity", "best": -3, "unit": "jets"})


def test_json_format_is_machine_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.json", json.dumps(ACTOR))
    bad = write(
        tmp_path, "bad.jsonl", json.dumps(ACTOR) + "\n" + json.dumps({**ACTOR, "id": "a2", "kind": 1})
    )
    status, out = run(capsys, "--format", "json", good, bad)
    assert status == 1
    report = json.loads(out)
    assert report["status"] == "invalid"
    assert report["files"][0] == {"file": good, "status": "valid", "documents": 1, "problems": []}
    assert report["files"][1]["status"] == "invalid"
    assert report["files"][1]["documents"] == 2
    [problem] = report["files"][1]["problems"]
    assert problem["file"] == bad
    assert problem["line"] == 2
    assert problem["path"] == "$.kind"
    assert problem["message"].startswith("expected one of")


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2
    capsys.readouterr()


def test_check_bytes_counts_documents() -> None:
    lines = [json.dumps({**ACTOR, "id": f"a{number}"}).encode() for number in range(3)]
    report = check_bytes(b"\n".join(lines), name="-", json_lines=True)
    assert (report.status, report.documents, report.findings) == (Status.VALID, 3, ())


def test_unknown_record_types_are_invalid_unless_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drone = {"type": "other.drone_strike", "id": "mv:d", "drones": 3}
    dataset = {"schema_version": "1.0", "records": [ACTOR, drone]}
    data = write(tmp_path, "data.jsonl", json.dumps(dataset) + "\n" + json.dumps(drone) + "\n")
    status, out = run(capsys, data)
    assert status == Status.INVALID
    assert f"{data}:1: $.records[1].type: unknown type tag 'other.drone_strike'" in out
    assert f"{data}:2: $.type: unknown type tag 'other.drone_strike'" in out
    status, out = run(capsys, "--keep-unknown", data)
    assert status == Status.VALID, out
    nameless = write(tmp_path, "nameless.json", json.dumps({"type": "other.drone_strike", "drones": 3}))
    assert check_file(nameless, keep_unknown=True).status == Status.INVALID
