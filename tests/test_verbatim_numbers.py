"""Nothing re-spelled, nothing invalid written: unknown records keep their numbers on every path."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conflictkit import (
    OpaqueRecord,
    Record,
    ValidationError,
    from_json,
    iter_jsonl,
    iter_jsonl_results,
    load_dataset,
    to_json,
)
from conflictkit.cli.command import main

LINE = '{"type":"acme.sighting","id":"x1","altitude":1E2,"ratio":0.10,"big":123456789012345678901234567890.5}'
OTHER = LINE.replace('"x1"', '"x2"')


def test_iter_jsonl_keeps_numbers_as_written() -> None:
    assert [to_json(record) for record in iter_jsonl([LINE, OTHER], Record, keep_unknown=True)] == [
        LINE,
        OTHER,
    ]
    [(_, record)] = list(iter_jsonl_results([LINE.encode()], Record, keep_unknown=True))
    assert isinstance(record, OpaqueRecord)
    assert to_json(record) == LINE


def test_load_dataset_keeps_numbers_as_written_in_lines_and_documents() -> None:
    lines = load_dataset(io.BytesIO(f"{LINE}\n{OTHER}\n".encode()), keep_unknown=True)
    assert [to_json(record) for record in lines] == [LINE, OTHER]
    document = '{"schema_version": "1.0", "records": [' + LINE + "]}"
    [record] = load_dataset(io.BytesIO(document.encode()), keep_unknown=True)
    assert to_json(record) == LINE


def test_convert_keep_unknown_keeps_numbers_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{LINE}\n{OTHER}\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    argv = ["convert", str(source), "--from", "conflictkit", "--to", "conflictkit", "--keep-unknown"]
    assert main([*argv, "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8").splitlines() == [LINE, OTHER]


def test_a_dataset_document_converted_to_lines_keeps_numbers_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"schema_version": "1.0", "records": [' + LINE + "]}", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    argv = ["convert", str(source), "--from", "conflictkit", "--to", "conflictkit", "--keep-unknown"]
    assert main([*argv, "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8").splitlines() == [LINE]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"type":"acme.x","id":"a","v":NaN}', "NaN is not valid JSON"),
        ('{"type":"acme.x","id":"a","v":-Infinity}', "-Infinity is not valid JSON"),
        ('{"type":"acme.x","id":"a","k":1,"k":2}', "duplicate key 'k' in an object"),
        ('{"type":"acme.x","id":"a","n":{"k":1,"k":1}}', "duplicate key 'k' in an object"),
    ],
)
def test_opaque_content_that_from_json_refuses_is_refused(content: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        OpaqueRecord(id="a", type_tag="acme.x", content=content)
    [problem] = caught.value.problems
    assert problem.path == ("content",)
    assert reason in problem.message
    with pytest.raises(ValidationError):
        from_json(content, Record, keep_unknown=True)  # what the record would have written


def test_opaque_content_that_is_valid_round_trips() -> None:
    record = OpaqueRecord(id="a", type_tag="acme.x", content='{"type":"acme.x","id":"a","v":[1,2.5e3]}')
    assert from_json(to_json(record), Record, keep_unknown=True) == record
    assert json.loads(to_json(record))["v"] == [1, 2500.0]
