"""Smaller defects of the output side: ids of unknown records, encodings, file names, relation cycles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    Inference,
    Record,
    Relation,
    RelationKind,
    ValidationError,
    from_json,
    load_seed,
    to_json,
)
from conflictkit.cli.command import main


def _run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "conflictkit", *args],
        capture_output=True,
        check=False,
        timeout=120,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("identifier", ['""', '"  "'])
def test_a_bad_id_of_an_unknown_record_points_at_id(identifier: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_json(f'{{"type": "acme.x", "id": {identifier}}}', Record, keep_unknown=True)
    assert [problem.path for problem in caught.value.problems] == [("id",)]


def test_describe_under_an_ascii_encoding_escapes_instead_of_crashing() -> None:
    result = _run(env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr.decode()
    assert b"\\u201c" in result.stdout  # the report's curly quotes, escaped
    assert b"Traceback" not in result.stderr


def test_convert_to_standard_output_under_ascii_writes_json_that_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    source.write_text("".join(to_json(record) + "\n" for record in load_seed()), encoding="utf-8")
    result = _run(
        "convert",
        str(source),
        "--from",
        "conflictkit",
        "--to",
        "conflictkit",
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr.decode()
    records = [from_json(line, Record) for line in result.stdout.decode("ascii").splitlines()]
    assert records == list(load_seed())


def test_a_line_break_in_a_file_name_cannot_forge_a_report_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "x.jsonl\nall.jsonl: valid (1 document)"
    name.write_text('{"type": "actor", "id": "a"}\n', encoding="utf-8")
    assert main(["validate", str(name)]) == 1
    out = capsys.readouterr()
    lines = (out.out + out.err).splitlines()
    assert not [line for line in lines if line.startswith("all.jsonl")]
    assert any(repr(str(name)) in line for line in lines)


def test_utf16_on_standard_input_is_named_as_an_encoding_problem() -> None:
    text = to_json(Actor(id="a", name="Taliban", kind=ActorKind.ARMED_GROUP)) + "\n"
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        result = _run("validate", "-", stdin=text.encode(encoding))
        assert result.returncode == 1
        assert f"the text is {encoding.upper()[:6]}" in result.stdout.decode() + result.stderr.decode()


@pytest.mark.parametrize("kind", [RelationKind.SUPERSEDES, RelationKind.DUPLICATE_OF, RelationKind.PART_OF])
def test_cycles_of_supersedes_and_duplicate_of_are_reported_like_part_of(kind: RelationKind) -> None:
    actors = [Actor(id=f"a{n}", name=f"Actor {n}", kind=ActorKind.ARMED_GROUP) for n in range(3)]
    why = (Inference(field="kind", reason="test"),)
    links = [
        Relation(id=f"r{n}", source=f"a{n}", kind=kind, target=f"a{(n + 1) % 3}", inferred=why)
        for n in range(3)
    ]
    problems = Dataset(records=[*actors, *links]).problems()
    cycles = [problem for problem in problems if "form a cycle" in problem.message]
    assert [problem.message for problem in cycles] == [
        f"{kind.value} links form a cycle: a0 -> a1 -> a2 -> a0"
    ]
    assert cycles[0].path == ("records", 5, "target")
