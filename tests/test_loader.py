"""The one loader behind the commands, and the integrity check it runs in bounded memory."""

from __future__ import annotations

import copy
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import conflictkit
from conflictkit import (
    ActorKind,
    Dataset,
    ValidationError,
    iter_jsonl_results,
    load_dataset,
    load_seed,
    to_dict,
)
from conflictkit.cli.command import main
from conflictkit.io.files import End, Entry, Start, json_integrity_check, read_entries, read_json

from .test_json_schema import BASE

ACTOR = {"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}


def _integrity(records: list[Any]) -> list[str]:
    with json_integrity_check() as check:
        for position, record in enumerate(records):
            check.add(record, path=("records", position))
        return [str(problem) for problem in check.problems()]


def _broken_seed() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = copy.deepcopy(to_dict(load_seed())["records"])
    movements = [record for record in records if record["type"] == "movement"]
    statements = [record for record in records if record["type"] == "statement"]
    movements[0]["actor"] = "actor:ghost"  # missing
    movements[1]["origin"] = movements[2]["actor"]  # an actor where a location belongs
    statements[0]["evidence"][0]["quote"] = "x" * len(statements[0]["evidence"][0]["quote"])  # mismatch
    records.append(copy.deepcopy(records[3]))  # a duplicate id
    records.insert(5, {"type": "acme.unknown", "id": "opaque:1", "anything": [1, 2]})
    movements[3]["actor"] = "opaque:1"  # an unknown type: nothing to check against
    return records


def test_the_streamed_integrity_check_finds_what_dataset_problems_finds() -> None:
    document = {"schema_version": "1.0", "records": _broken_seed()}
    dataset = conflictkit.from_dict(document, Dataset, keep_unknown=True)
    expected = [str(problem) for problem in dataset.problems()]
    assert len(expected) == 4  # missing, wrong type, quote, duplicate
    assert _integrity(list(dataset)) == expected
    assert _integrity(list(load_seed())) == [] == list(load_seed().problems())


def test_load_dataset_reports_structure_and_references_together(tmp_path: Path) -> None:
    document: dict[str, Any] = copy.deepcopy(BASE)
    document["records"][1]["colour"] = "red"  # structure: the actor fails to load...
    document["records"][2]["name"] = ""  # ...and so does the location the movement comes from
    document["records"][4]["destination"] = "loc:nowhere"  # a reference that does not resolve
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_dataset(path)
    assert [str(problem) for problem in caught.value.problems] == [
        "$.records[1].colour: is not a known field",
        "$.records[2].name: must not be empty or blank",
        # The records that failed still count as present: the movement's actor and origin refer
        # to them without a problem.
        "$.records[4].destination: refers to 'loc:nowhere', which is not in the dataset",
    ]


def test_load_dataset_is_exported_and_loads_every_accepted_input(tmp_path: Path) -> None:
    assert "load_dataset" in conflictkit.__all__
    json_path = tmp_path / "data.json"
    json_path.write_text(json.dumps(BASE), encoding="utf-8")
    lines_path = tmp_path / "data.jsonl"
    lines_path.write_text("\n".join(json.dumps(record) for record in BASE["records"]), encoding="utf-8")
    record_path = tmp_path / "actor.json"
    record_path.write_text(json.dumps(ACTOR), encoding="utf-8")
    from_json = load_dataset(json_path)
    assert from_json.title == BASE["title"]
    assert list(load_dataset(lines_path)) == list(from_json)
    assert [record.id for record in load_dataset(record_path)] == ["a1"]


def test_load_dataset_refuses_two_datasets_in_one_file() -> None:
    lines = io.BytesIO(f"{json.dumps(BASE)}\n{json.dumps(BASE)}\n".encode())
    with pytest.raises(ValidationError, match="holds a second Dataset document"):
        load_dataset(lines)


def test_json_lines_are_read_line_by_line_never_whole() -> None:
    class LinesOnly(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise AssertionError("the whole file was read")

    source = LinesOnly(b"\n".join(json.dumps({**ACTOR, "id": f"a{n}"}).encode() for n in range(5)))
    events = list(read_entries(source, json_lines=True))
    assert [type(event) for event in events] == [Start, *[Entry] * 5, End]


@pytest.mark.parametrize("command", ["validate", "describe"])
def test_the_commands_stream_json_lines_in_memory_that_does_not_grow_with_the_file(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def peak_while_checking(lines: int) -> int:
        path = tmp_path / f"{lines}.jsonl"
        padding = "x" * 2000  # long lines, so that holding the file would show
        with path.open("w", encoding="utf-8") as file:
            for number in range(lines):
                file.write(json.dumps({**ACTOR, "id": f"a{number}", "name": f"{padding}{number}"}) + "\n")
                # Relations too: the checks of relations run at the end, on records read back.
                kind = "part_of" if number < lines - 1 else "follows"  # a chain of parts, no cycle
                relation = {"type": "relation", "id": f"r{number}", "source": f"a{number}", "kind": kind}
                reason = [{"field": "kind", "reason": padding}]
                file.write(
                    json.dumps({**relation, "target": f"a{(number + 1) % lines}", "inferred": reason}) + "\n"
                )
        tracemalloc.start()
        try:
            assert main([command, str(path)]) == 0
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            capsys.readouterr()

    small, large = peak_while_checking(200), peak_while_checking(4000)
    # 8000 lines of 2 kB are 16 MB: a reader holding the file, its lines or its records would show it.
    assert large < small + 2_000_000, (small, large)


@pytest.mark.parametrize("blank", [b"\x0b", b"\x0c", b" \x0c ", b"\xc2\xa0"])
def test_a_line_of_whitespace_json_does_not_allow_is_reported(blank: bytes) -> None:
    data = json.dumps(ACTOR).encode() + b"\n" + blank + b"\n  \t\r\n"
    documents = list(read_json(io.BytesIO(data), json_lines=True))
    assert [line for line, _ in documents] == [1, 2]
    assert isinstance(documents[1][1], ValidationError)
    assert "line 2: $: invalid JSON" in str(documents[1][1])
    results = list(iter_jsonl_results([line.decode() for line in data.split(b"\n")], conflictkit.Actor))
    assert [number for number, _ in results] == [1, 2]
    assert isinstance(results[1][1], ValidationError)


def test_standard_input_is_json_lines_or_one_document_by_its_first_line() -> None:
    lines = io.BytesIO(
        b"\n" + json.dumps(ACTOR).encode() + b"\n" + json.dumps({**ACTOR, "id": "a2"}).encode()
    )
    assert [line for line, _ in read_json(lines)] == [2, 3]
    indented = io.BytesIO(json.dumps(BASE, indent=2).encode())
    [(line, value)] = list(read_json(indented))
    assert (line, value) == (None, BASE)
    single = io.BytesIO(json.dumps(ACTOR).encode() + b"\n\n")
    assert list(read_json(single)) == [(None, ACTOR)]


@pytest.mark.parametrize("text", ["Afghan troops fled.", "Afghān trōops — fled. 🇹🇯"])
def test_quotes_are_compared_by_code_points_as_python_slices(text: str) -> None:
    records: list[Any] = [conflictkit.Document(id="doc:1", title="Report", text=text)]
    for number, quote in enumerate([text[7:13], "x" * 6, text[7:] + " And more", text[0:6]]):
        evidence = conflictkit.Evidence(document="doc:1", quote=quote, start=7, end=7 + len(quote))
        records.append(
            conflictkit.Actor(id=f"a{number}", name="A", kind=ActorKind.STATE, evidence=(evidence,))
        )
    dataset = Dataset(records=records)
    expected = [str(problem) for problem in dataset.problems()]
    assert len(expected) == 3
    assert _integrity(list(dataset)) == expected


def test_load_dataset_checks_relations_between_claims_too() -> None:
    from conflictkit import RelationKind

    from .test_relations import BASE as RELATED
    from .test_relations import _link

    cycle = [
        _link("rel:1", "move:1", RelationKind.PART_OF, "move:2"),
        _link("rel:2", "move:2", RelationKind.PART_OF, "move:1"),
    ]
    lines = io.BytesIO(
        b"".join(conflictkit.to_json(record).encode() + b"\n" for record in [*RELATED, *cycle])
    )
    with pytest.raises(ValidationError) as caught:
        load_dataset(lines)
    [problem] = caught.value.problems
    assert (problem.line, problem.json_path) == (7, "$.target")
    assert problem.message == "part_of links form a cycle: move:1 -> move:2 -> move:1"
