"""The command line's rough edges: --import from the current directory, -o, plain messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import conflictkit as ck
from conflictkit import load_seed, to_dict
from conflictkit.cli.command import main
from conflictkit.crosswalk import plover
from conflictkit.crosswalk.losses import Loss


def test_import_finds_a_module_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "issue25_sightings.py").write_text(
        "import attrs\n"
        "import conflictkit as ck\n\n"
        "@attrs.frozen(kw_only=True)\n"
        "class Sighting(ck.Record, type_tag='issue25.sighting'):\n"
        "    where: str\n",
        encoding="utf-8",
    )
    data = tmp_path / "data.jsonl"
    data.write_text('{"type": "issue25.sighting", "id": "s:1", "where": "Kabul"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if entry not in ("", str(tmp_path))])
    assert main(["validate", str(data), "--import", "issue25_sightings"]) == 0
    assert "valid" in capsys.readouterr().out
    assert str(tmp_path) not in sys.path  # put on the path for the import only


def test_export_takes_o_and_says_plainly_what_a_bound_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(to_dict(load_seed())), encoding="utf-8")
    assert main(["export", str(seed), "--to", "csv", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "movement.csv").exists()
    with pytest.raises(SystemExit):
        main(["export", str(seed), "--to", "parquet", "-o", str(tmp_path / "p"), "--batch-size", "abc"])
    err = capsys.readouterr().err
    assert "expected a whole number, at least 1, got 'abc'" in err
    assert "_positive" not in err


def test_a_claim_of_responsibility_is_a_speech_act_plover_reports_as_a_loss() -> None:
    data = ck.Dataset(
        records=[
            ck.Actor(id="actor:taliban", name="Taliban", kind=ck.ActorKind.ARMED_GROUP),
            ck.Incident(id="inc:1", kind=ck.IncidentKind.REMOTE_EXPLOSIVE),
            ck.Statement(
                id="stmt:claim",
                speaker="actor:taliban",
                act=ck.SpeechAct.CLAIM_RESPONSIBILITY,
                paraphrase="The Taliban claimed the bombing.",
                about=["inc:1"],
            ),
        ]
    )
    assert data.problems() == ()
    losses: list[Loss] = []
    plover.export_records(data, on_loss=losses.append)
    [loss] = [loss for loss in losses if loss.record == "stmt:claim"]
    assert "claim_responsibility" in loss.reason
    assert plover.SPEECH_ACTS[ck.SpeechAct.CLAIM_RESPONSIBILITY] is None
