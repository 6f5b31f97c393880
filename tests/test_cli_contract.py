"""One command line: the same inputs, options, extensions and exit statuses for every subcommand."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import conflictkit
from conflictkit import Dataset, load_seed, to_json
from conflictkit.cli.command import SUBCOMMANDS, build_parser, main
from conflictkit.cli.common import ENTRY_POINT_GROUP, EXIT_ERROR, EXIT_INVALID, EXIT_OK
from conflictkit.io.json_schema import json_schema

from .test_json_schema import BASE

ACTOR = {"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}
MOVEMENT = {
    "type": "movement",
    "id": "move:1",
    "actor": "a1",
    "kind": "retreat",
    "status": "completed",
    "date": {"earliest": "2021-07-05", "latest": "2021-07-05"},
}
UNKNOWN = {
    "type": "acme.airstrike",
    "id": "move:9",
    "actor": "a1",
    "kind": "offensive",
    "status": "completed",
    "aircraft": "Su-25",
}
MARKUP = re.compile(r"``|:(?:class|meth|func|mod|data|attr):`")

EXTENSION = """
import attrs
import conflictkit


@attrs.frozen(kw_only=True)
class Airstrike(conflictkit.MilitaryMovement, type_tag="acme.airstrike"):
    aircraft: str = "unknown"
"""


def _write(path: Path, content: str | bytes) -> str:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def _jsonl(*values: Any) -> str:
    return "".join(json.dumps(value) + "\n" for value in values)


def _run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "conflictkit", *args],
        capture_output=True,
        check=False,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        **kwargs,
    )


# --- issue 14.4: one loader, one set of inputs, one exit-status contract ----------------------------


@pytest.mark.parametrize("command", ["validate", "describe"])
def test_every_command_accepts_json_lines_and_single_records(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _write(tmp_path / "data.jsonl", _jsonl(ACTOR, MOVEMENT))
    single = _write(tmp_path / "actor.json", json.dumps(ACTOR))
    assert main([command, lines, single]) == EXIT_OK
    out = capsys.readouterr().out
    if command == "describe":
        assert f"{lines}\n2 records: 1 actor, 1 movement\n" in out
        assert "2021-07-05             Taliban: retreat (completed)" in out
        assert f"{single}\n1 record: 1 actor\n" in out


@pytest.mark.parametrize("command", ["validate", "describe"])
@pytest.mark.parametrize(
    ("content", "status"),
    [
        ("{not json", EXIT_INVALID),
        (json.dumps({**ACTOR, "kind": "parade"}), EXIT_INVALID),
        (json.dumps({"schema_version": "1.0", "records": [MOVEMENT]}), EXIT_INVALID),  # dangling
        (json.dumps(ACTOR), EXIT_OK),
    ],
)
def test_every_command_exits_with_the_same_status(
    command: str, content: str, status: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, _write(tmp_path / "x.json", content)]) == status
    assert main([command, str(tmp_path / "missing.json")]) == EXIT_ERROR
    capsys.readouterr()


def test_every_subcommand_takes_the_common_options() -> None:
    parser = build_parser()
    args = parser.parse_args(["validate", "--import", "json", "--import", "csv", "--keep-unknown", "x.json"])
    assert (args.imports, args.keep_unknown) == (["json", "csv"], True)
    [subparsers] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    assert set(subparsers.choices) == {name for name, _ in SUBCOMMANDS}
    for name, subparser in subparsers.choices.items():
        assert {"--import", "--keep-unknown"} <= set(subparser._option_string_actions), name


@pytest.mark.parametrize("command", ["validate", "describe"])
def test_keep_unknown_works_for_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "data.jsonl", _jsonl(ACTOR, UNKNOWN))
    assert main([command, path]) == EXIT_INVALID
    assert "unknown type tag 'acme.airstrike'" in capsys.readouterr().out
    assert main([command, "--keep-unknown", path]) == EXIT_OK
    out = capsys.readouterr().out
    if command == "describe":
        assert "2 records: 1 OpaqueRecord, 1 actor" in out


def test_a_subcommand_added_to_the_registration_list_gets_the_shared_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def add_parser(subparsers: Any) -> None:
        parser = subparsers.add_parser("shout", help="fail loudly")
        parser.set_defaults(run=run)

    def run(args: argparse.Namespace) -> int:
        assert args.keep_unknown is False
        raise MemoryError

    monkeypatch.setattr("conflictkit.cli.command.SUBCOMMANDS", [*SUBCOMMANDS, ("shout", add_parser)])
    assert main(["shout", "--import", "json"]) == EXIT_ERROR
    assert capsys.readouterr().err == (
        "conflictkit: out of memory; large datasets are read one record at a time from JSON Lines files\n"
    )


# --- issue 14.5: extensions: --import and the entry-point group -------------------------------------


def test_schema_names_value_types_and_every_registered_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "quantity"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == json_schema(conflictkit.Quantity)
    assert main(["schema", "date_span"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == "DateSpan"
    assert main(["schema", "DateSpan"]) == EXIT_OK
    capsys.readouterr()
    from .test_extending import NightAirstrike  # registered by that module

    assert main(["schema", "testsuite.night_airstrike"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == json_schema(NightAirstrike)
    assert main(["schema", "nothing"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "unknown type 'nothing'; choose one of: " in err
    assert "quantity" in err


def test_import_makes_an_extension_known_to_every_command(tmp_path: Path) -> None:
    _write(tmp_path / "acme_types.py", EXTENSION)
    data = _write(tmp_path / "data.jsonl", _jsonl(ACTOR, UNKNOWN))
    env = {"PYTHONPATH": str(tmp_path)}
    schema = _run("schema", "acme.airstrike", env=env)
    assert schema.returncode == EXIT_ERROR
    schema = _run("schema", "--import", "acme_types", "acme.airstrike", env=env)
    assert schema.returncode == EXIT_OK, schema.stderr
    assert json.loads(schema.stdout)["$defs"]["acme.airstrike"]["properties"]["aircraft"] == {
        "type": "string"
    }
    # A dataset holding a user's subclass is described, its movement on the timeline.
    described = _run("--import", "acme_types", data, env=env)
    assert described.returncode == EXIT_OK, described.stderr
    assert b"2 records: 1 acme.airstrike, 1 actor" in described.stdout
    assert b"(no date)              Taliban: offensive (completed)" in described.stdout
    validated = _run("validate", "--import", "acme_types", data, env=env)
    assert validated.returncode == EXIT_OK, validated.stdout
    missing = _run("validate", "--import", "acme_nothing", data, env=env)
    assert missing.returncode == EXIT_ERROR
    assert missing.stdout == b""
    assert missing.stderr.decode().splitlines() == [
        "conflictkit: cannot import 'acme_nothing': ModuleNotFoundError: No module named 'acme_nothing'"
    ]


def test_installed_packages_register_extensions_by_entry_point(tmp_path: Path) -> None:
    # A distribution as pip installs it: the module and its metadata, with the entry point.
    _write(tmp_path / "acme_types.py", EXTENSION)
    info = tmp_path / "acme_types-1.0.dist-info"
    info.mkdir()
    _write(info / "METADATA", "Metadata-Version: 2.1\nName: acme-types\nVersion: 1.0\n")
    _write(info / "entry_points.txt", f"[{ENTRY_POINT_GROUP}]\nacme = acme_types\n")
    result = _run("schema", "acme.airstrike", env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == EXIT_OK, result.stderr
    assert json.loads(result.stdout)["title"] == "Airstrike"
    _write(info / "entry_points.txt", f"[{ENTRY_POINT_GROUP}]\nbroken = acme_missing\n")
    broken = _run("schema", env={"PYTHONPATH": str(tmp_path)})
    assert broken.returncode == EXIT_ERROR
    assert broken.stderr.decode().startswith(
        "conflictkit: cannot load the extension 'broken' (acme_missing) that an installed package registers"
    )


# --- issue 14.6: --version, help in plain words -----------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"conflictkit {conflictkit.__version__}\n"


@pytest.mark.parametrize("command", [[], *([name] for name, _ in SUBCOMMANDS)])
def test_help_is_plain_words(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: conflictkit")
    assert not MARKUP.search(out), out
    assert "--import MODULE" in out or not command


def test_the_json_schema_carries_no_markup() -> None:
    text = json.dumps(json_schema())
    assert not MARKUP.search(text), MARKUP.findall(text)
    assert "earliest <= latest" in text or "earliest == latest" in text


# --- issue 14.14: structure and references reported together ----------------------------------------


def test_validate_reports_structure_and_references_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document: dict[str, Any] = json.loads(json.dumps(BASE))
    document["records"][3]["kind"] = "planet"  # a location that does not load
    document["records"][4]["actor"] = "actor:ghost"  # a movement that does, with a dangling actor
    path = _write(tmp_path / "d.json", json.dumps(document))
    assert main(["validate", path]) == EXIT_INVALID
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}: $.records[3].kind: expected one of")
    assert lines[1:] == [f"{path}: $.records[4].actor: refers to 'actor:ghost', which is not in the dataset"]


# --- issue 15.20: standard input, odd whitespace, odd names, full disks, no memory -----------------


def test_dash_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(_jsonl(ACTOR, {**ACTOR, "id": "a2", "kind": 3}).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["validate", "-"]) == EXIT_INVALID
    assert capsys.readouterr().out.startswith("-:2: $.kind: expected one of")
    result = _run("validate", "-", input=to_json(load_seed(), indent=2).encode())
    assert (result.returncode, result.stdout) == (EXIT_OK, b"-: valid (1 document)\n")
    described = _run("-", input=_jsonl(ACTOR, MOVEMENT).encode())
    assert described.returncode == EXIT_OK
    assert described.stdout.startswith(b"-\n2 records: 1 actor, 1 movement\n")


@pytest.mark.parametrize("line", [b"\x0b", b"\x0c", b"\x0b\x0c"])
def test_a_line_of_vertical_tab_or_form_feed_is_reported(
    line: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "x.jsonl", json.dumps(ACTOR).encode() + b"\n" + line + b"\n\n")
    assert main(["validate", path]) == EXIT_INVALID
    assert capsys.readouterr().out.startswith(f"{path}:2: $: invalid JSON at line 1 column 1")


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.json")
    (tmp_path / name).write_text(json.dumps(ACTOR), encoding="utf-8")
    result = _run("validate", name, "gone\udcff.json", cwd=tmp_path)
    assert result.returncode == EXIT_ERROR
    assert result.stdout.decode().splitlines() == [
        "caf\\xe9.json: valid (1 document)",
        "gone\\xff.json: $: cannot read the file: No such file or directory",
    ]
    assert result.stderr == b""
    described = _run(name, cwd=tmp_path)
    assert (described.returncode, described.stderr) == (EXIT_OK, b"")
    assert described.stdout.startswith(b"caf\\xe9.json\n1 record: 1 actor\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs a device that is always full")
@pytest.mark.parametrize("command", [["schema"], ["describe"], ["validate", "-"], ["describe", "-"]])
def test_a_full_disk_is_an_error_of_the_run(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "conflictkit", *command],
            input=json.dumps(ACTOR).encode(),
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert result.returncode == EXIT_ERROR
    assert result.stderr.decode() == "conflictkit: cannot write the output: No space left on device\n"


def test_memory_exhaustion_is_an_error_of_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def exhausted(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr("conflictkit.cli.describe.read_entries", exhausted)
    monkeypatch.setattr("conflictkit.cli.validate.read_entries", exhausted)
    path = _write(tmp_path / "x.json", json.dumps(ACTOR))
    for command in (["validate", path], [path]):
        assert main(command) == EXIT_ERROR
        captured = capsys.readouterr()
        assert captured.err.count("\n") == 1
        assert captured.err.startswith("conflictkit: out of memory")


# --- issue 16.5: describe computes the problems once and keeps a bounded timeline -----------------


def test_describe_computes_the_problems_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = []
    original = Dataset.problems

    def counted(self: Dataset) -> tuple[conflictkit.Problem, ...]:
        calls.append(self)
        return original(self)

    load_seed()  # loading checks the seed once, and is cached: count what describing does
    monkeypatch.setattr(Dataset, "problems", counted)
    assert main([]) == EXIT_OK
    assert len(calls) == 1
    capsys.readouterr()


def test_describe_keeps_the_earliest_timeline_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = [9, 3, 7, 1, 5]
    moves = [
        {
            **MOVEMENT,
            "id": f"move:{day}",
            "date": {"earliest": f"2021-07-0{day}", "latest": f"2021-07-0{day}"},
        }
        for day in days
    ]
    path = _write(tmp_path / "m.jsonl", _jsonl(ACTOR, *moves))
    assert main(["describe", "--timeline", "2", path]) == EXIT_OK
    out = capsys.readouterr().out
    dates = re.findall(r"^  (2021-07-0\d) ", out, flags=re.MULTILINE)
    assert dates == ["2021-07-01", "2021-07-03"]
    assert "  ... and 3 later records (shown: the first 2)" in out
    assert "6 records: 1 actor, 5 movement" in out


@pytest.mark.parametrize("limit", ["-1", "many"])
def test_describe_refuses_a_timeline_limit_that_is_not_a_count(
    limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["describe", "--timeline", limit])
    assert exit_info.value.code == EXIT_ERROR
    assert "expected a number of entries (0 or more)" in capsys.readouterr().err


def test_seeds_build_check_says_what_it_checked() -> None:
    script = Path(__file__).resolve().parent.parent / "seeds" / "build.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("up to date: src/conflictkit/data/")
    assert "(the report's text" in lines[0]
    assert lines[1].endswith("(the dataset built from the source)")
    assert lines[2].endswith(".claims.json (the claim checklist, proved against the dataset)")
    assert lines[3] == "checked 3 packaged files against tajikistan_2021_07_05.py: all up to date"


def test_help_text_of_a_subcommand_names_its_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "0 all valid, 1 some data invalid" in out
    assert "2 the run failed" in out
