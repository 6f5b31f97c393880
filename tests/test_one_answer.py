"""One answer whichever door: the command line and Python group claims into events alike."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    Dataset,
    Incident,
    IncidentKind,
    Inference,
    Quantity,
    Record,
    Relation,
    RelationKind,
    load_seed,
    to_dict,
)
from conflictkit.cli.command import main
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.losses import Loss
from conflictkit.dataset.summary import describe


def _jsonl(path: Path, records: Sequence[Record]) -> None:
    path.write_text("".join(json.dumps(to_dict(record)) + "\n" for record in records), encoding="utf-8")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("order", ["as shipped", "relations first", "reversed"])
def test_convert_to_acled_writes_the_rows_export_records_gives(tmp_path: Path, order: str) -> None:
    seed = load_seed()
    records = list(seed.records)
    if order == "relations first":
        records.sort(key=lambda record: not isinstance(record, Relation))
    elif order == "reversed":
        records.reverse()
    source, out = tmp_path / "seed.jsonl", tmp_path / "seed.csv"
    _jsonl(source, records)
    argv = ["convert", str(source), "--from", "conflictkit", "--to", "acled", "-o", str(out)]
    assert main([*argv, "--default-date", "2021-07-05"]) == 0
    expected = acled.export_records(
        Dataset(records=records), on_loss=lambda loss: None, default_date=date(2021, 7, 5)
    )
    assert _csv_rows(out) == expected
    assert len(expected) == 20  # one per event of the seed that ACLED codes, and per record apart


def test_the_seed_document_converts_to_as_many_acled_rows_as_python_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "seed.json", tmp_path / "seed.csv"
    source.write_text(json.dumps(to_dict(load_seed())), encoding="utf-8")
    assert main(["convert", str(source), "--from", "conflictkit", "--to", "acled", "-o", str(out)]) == 0
    assert len(_csv_rows(out)) == len(acled.export_records(load_seed(), on_loss=lambda loss: None)) == 20
    assert "123 conflictkit in, 20 acled rows out" in capsys.readouterr().err


@pytest.mark.parametrize("module", [ucdp, plover])
def test_convert_to_ucdp_and_plover_writes_what_python_exports(
    tmp_path: Path, module: object, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = load_seed()
    source = tmp_path / "seed.jsonl"
    _jsonl(source, list(reversed(seed.records)))
    name = "ucdp" if module is ucdp else "plover"
    out = tmp_path / ("seed.csv" if module is ucdp else "seed.plover.jsonl")
    main(["convert", str(source), "--from", "conflictkit", "--to", name, "-o", str(out)])
    exported: list[object] = []
    if module is ucdp:
        exported.extend(ucdp.export_records(seed, on_loss=lambda loss: None))
    else:
        exported.extend(plover.export_records(seed, on_loss=lambda loss: None))
    count = len(exported)
    assert f"123 conflictkit in, {count} {name}" in capsys.readouterr().err


def test_stream_keeps_the_record_by_record_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "seed.jsonl", tmp_path / "seed.csv"
    _jsonl(source, list(load_seed().records))
    argv = ["convert", str(source), "--from", "conflictkit", "--to", "acled", "-o", str(out), "--stream"]
    assert main(argv) == 0
    assert "123 conflictkit in, 23 acled rows out" in capsys.readouterr().err  # claims not joined


WHY = (Inference(field="kind", reason="stated by the test"),)


def _bombing_claims() -> Dataset:
    def bombing(record_id: str, perpetrators: tuple[str, ...]) -> Incident:
        return Incident(
            id=record_id,
            kind=IncidentKind.REMOTE_EXPLOSIVE,
            perpetrators=perpetrators,
            casualties=(Casualties(killed=Quantity(best=8, unit="people")),),
        )

    return Dataset(
        records=[
            Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP),
            bombing("inc:police-says", ()),
            bombing("inc:taliban-claims", ("actor:taliban",)),
            Relation(
                id="rel:same",
                source="inc:taliban-claims",
                kind=RelationKind.SAME_EVENT,
                target="inc:police-says",
                inferred=WHY,
            ),
        ]
    )


def test_a_perpetrator_only_one_claim_names_is_written_and_the_choice_reported() -> None:
    losses: list[Loss] = []
    [row] = acled.export_records(_bombing_claims(), on_loss=losses.append)
    assert row["actor1"] == "Taliban"
    assert row["inter1"] == "2"
    [chosen] = [loss for loss in losses if "a claim of the same event" in loss.reason]
    assert chosen.record == "inc:police-says"
    assert "inc:taliban-claims" in chosen.reason
    assert "names Taliban" in chosen.reason
    assert not any("names no actor: actor1 is left empty" in loss.reason for loss in losses)


@pytest.mark.parametrize("order", ["as shipped", "reversed"])
def test_describe_of_a_file_groups_claims_into_events_as_the_seed_description_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    seed = load_seed()
    records = list(seed.records)
    if order == "reversed":
        records.reverse()
    source = tmp_path / "seed.jsonl"
    _jsonl(source, records)
    main(["describe", str(source)])
    printed = capsys.readouterr().out
    expected = describe(Dataset(records=records))
    timeline = expected[expected.index("Timeline:") :]
    assert timeline in printed
    assert "(2 claims; size: best 1,037 (more than 1,000, high 1,037))" in printed
