from __future__ import annotations

import gc
import io
import json
from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

import pytest

import conflictkit as ck
from conflictkit import (
    Actor,
    ActorKind,
    MilitaryMovement,
    Problem,
    Record,
    ValidationError,
    iter_jsonl,
    iter_jsonl_results,
    to_json,
)
from conflictkit.io import jsonl as jsonl_module

MOVEMENT: dict[str, Any] = {
    "type": "movement",
    "id": "movement:1",
    "actor": "actor:afghan-army",
    "kind": "retreat",
    "status": "completed",
    "size": {"best": 1037, "unit": "troops", "text": "1,037"},
}
ACTOR: dict[str, Any] = {"type": "actor", "id": "actor:taliban", "name": "Taliban", "kind": "armed_group"}


def _line(value: dict[str, Any], **changes: Any) -> str:
    return json.dumps({**value, **changes})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _bad_size() -> str:
    return _line(MOVEMENT, size={"best": 5, "low": 10, "qualifier": "about", "unit": "troops"})


def test_reads_every_record_of_a_file_in_order(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", [_line(ACTOR), _line(MOVEMENT), _line(ACTOR, id="actor:2")])
    records = list(iter_jsonl(path, Record))
    assert [type(record) for record in records] == [Actor, MilitaryMovement, Actor]
    assert [record.id for record in records] == ["actor:taliban", "movement:1", "actor:2"]


def test_accepts_a_path_string_and_open_binary_and_text_files(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", [_line(ACTOR), _line(MOVEMENT)])
    expected = list(iter_jsonl(path, Record))
    assert list(iter_jsonl(str(path), Record)) == expected
    with path.open("rb") as binary:
        assert list(iter_jsonl(binary, Record)) == expected
    with path.open(encoding="utf-8") as text:
        assert list(iter_jsonl(text, Record)) == expected


def test_round_trips_what_to_json_writes(tmp_path: Path) -> None:
    records = [Actor(id=f"actor:{n}", name=f"Unit “{n}”", kind=ActorKind.ARMED_GROUP) for n in range(5)]
    path = _write(tmp_path / "records.jsonl", [to_json(record) for record in records])
    assert list(iter_jsonl(path, Actor)) == records


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", ["", _line(ACTOR), "   ", _bad_size()])
    results = list(iter_jsonl_results(path, Record))
    assert [number for number, _ in results] == [2, 4]


def test_raise_stops_at_the_first_bad_line_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", [_line(ACTOR), _bad_size(), _line(ACTOR, kind="alien")])
    seen: list[Record] = []
    with pytest.raises(ValidationError) as caught:
        seen.extend(iter_jsonl(path, Record))
    assert [record.id for record in seen] == ["actor:taliban"]
    assert caught.value.problems == (
        Problem(path=("size", "low"), message="must be <= best (5), got 10", line=2),
    )
    assert str(caught.value) == "1 problem:\n  line 2: $.size.low: must be <= best (5), got 10"


def test_collect_yields_every_good_record_then_raises_every_problem(tmp_path: Path) -> None:
    lines = [_bad_size(), _line(ACTOR), "{not json", _line(ACTOR, id="actor:2", extra=1), _line(MOVEMENT)]
    path = _write(tmp_path / "records.jsonl", lines)
    seen: list[Record] = []
    with pytest.raises(ValidationError) as caught:
        seen.extend(iter_jsonl(path, Record, errors="collect"))
    assert [record.id for record in seen] == ["actor:taliban", "movement:1"]
    located = [(problem.line, problem.json_path) for problem in caught.value.problems]
    assert located == [(1, "$.size.low"), (3, "$"), (4, "$.extra")]
    assert caught.value.problems[1].message.startswith("invalid JSON")


def test_collect_raises_nothing_for_a_good_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", [_line(ACTOR)])
    assert len(list(iter_jsonl(path, Record, errors="collect"))) == 1


def test_results_pairs_each_line_with_its_record_or_error() -> None:
    lines = io.BytesIO(f"{_line(ACTOR)}\n{_line(MOVEMENT, kind=3)}\n".encode())
    results = list(iter_jsonl_results(lines, Record))
    assert results[0] == (1, Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP))
    number, error = results[1]
    assert number == 2
    assert isinstance(error, ValidationError)
    assert [(problem.line, problem.json_path) for problem in error.problems] == [(2, "$.kind")]


def test_a_line_of_the_wrong_type_is_an_error_not_a_crash() -> None:
    with pytest.raises(ValidationError) as caught:
        list(iter_jsonl([_line(MOVEMENT), "[1, 2]", '"text"'], Actor, errors="collect"))
    assert [problem.line for problem in caught.value.problems] == [1, 2, 3]


def test_lines_spanning_batches_keep_their_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl_module, "BATCH_SIZE", 2)
    lines = [_line(ACTOR, id=f"actor:{n}") for n in range(5)] + [_bad_size()]
    results = list(iter_jsonl_results(lines, Record))
    assert [number for number, _ in results] == [1, 2, 3, 4, 5, 6]
    assert isinstance(results[-1][1], ValidationError)


@pytest.mark.parametrize("as_bytes", [False, True])
def test_blank_lines_in_any_batch_are_skipped_and_counted_but_other_space_is_reported(
    monkeypatch: pytest.MonkeyPatch, as_bytes: bool
) -> None:
    monkeypatch.setattr(jsonl_module, "BATCH_SIZE", 3)
    lines = [_line(ACTOR), "", " \t\r\n", _line(ACTOR, id="actor:2"), "\x0b", "\n", "", _line(MOVEMENT)]
    source = [line.encode() for line in lines] if as_bytes else lines
    results = list(iter_jsonl_results(source, Record))
    assert [number for number, _ in results] == [1, 4, 5, 8]
    assert isinstance(results[2][1], ValidationError)  # \x0b is not JSON's whitespace: an error
    assert [problem.line for problem in results[2][1].problems] == [5]
    with pytest.raises(ValidationError) as caught:
        list(iter_jsonl(source, Record))
    assert [problem.line for problem in caught.value.problems] == [5]


def test_the_collector_is_on_while_the_caller_handles_records() -> None:
    states = [gc.isenabled() for _ in iter_jsonl([_line(ACTOR), _line(ACTOR, id="actor:2")], Record)]
    assert states == [True, True]
    assert gc.isenabled()


def test_a_file_opened_here_is_closed_when_the_caller_stops_early(tmp_path: Path) -> None:
    path = _write(tmp_path / "records.jsonl", [_line(ACTOR), _line(ACTOR, id="actor:2")])
    opened: list[Any] = []
    real_open = open

    def spy(*args: Any, **kwargs: Any) -> Any:
        file = real_open(*args, **kwargs)
        opened.append(file)
        return file

    records = cast("Generator[Record, None, None]", iter_jsonl(path, Record))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("builtins.open", spy)
        next(records)
    records.close()
    assert [file.closed for file in opened] == [True]


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="errors must be"):
        list(iter_jsonl([], Record, errors="skip"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="conflictkit type"):
        list(iter_jsonl([], dict))  # type: ignore[type-var]
    with pytest.raises(TypeError, match="a path or the lines of a file"):
        list(iter_jsonl(b'{"a": 1}\n', Record))  # type: ignore[arg-type]


def test_keep_unknown_loads_records_of_unknown_types_as_opaque_records() -> None:
    lines = ['{"type": "acme.sighting", "id": "x1", "aircraft": ["Su-25"]}']
    with pytest.raises(ck.ValidationError, match=r"unknown type tag 'acme\.sighting'"):
        list(ck.iter_jsonl(lines, ck.Record))
    [record] = ck.iter_jsonl(lines, ck.Record, keep_unknown=True)
    assert isinstance(record, ck.OpaqueRecord)
    assert (record.type_tag, record.data["aircraft"]) == ("acme.sighting", ["Su-25"])
    [(number, result)] = ck.iter_jsonl_results(lines, ck.Record, keep_unknown=True)
    assert (number, result) == (1, record)
