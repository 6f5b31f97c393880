from __future__ import annotations

import pytest
from hypothesis import given

import conflictkit as ck
from conflictkit import strategies as cks

TEXT = "The Taliban seized six key districts in Badakhshan."


def _records() -> list[ck.Record]:
    return [
        ck.Document(id="doc", title="Report", text=TEXT),
        ck.Actor(id="taliban", name="Taliban", kind=ck.ActorKind.ARMED_GROUP),
        ck.Location(
            id="bds", name="Badakhshan", kind=ck.LocationKind.PROVINCE, country="AF", subdivision="AF-BDS"
        ),
        ck.TerritorialControl(
            id="seized",
            territory="bds",
            change=ck.ControlChange.CAPTURED,
            controller="taliban",
            evidence=(ck.Evidence.locate(TEXT, "seized six key districts", document="doc"),),
        ),
    ]


def test_lookup_iteration_and_types() -> None:
    dataset = ck.Dataset(records=_records())
    assert [record.id for record in dataset] == ["doc", "taliban", "bds", "seized"]
    assert len(dataset) == 4
    assert "bds" in dataset
    assert "nowhere" not in dataset
    assert dataset["taliban"].id == "taliban"
    assert dataset.get("nowhere") is None
    assert dataset.get("nowhere", 0) == 0
    with pytest.raises(KeyError):
        dataset["nowhere"]
    assert [record.id for record in dataset.of_type(ck.Actor)] == ["taliban"]
    assert len(dataset.of_type(ck.Record)) == 4
    assert dataset.validate() is dataset


def test_dataset_is_immutable_and_checks_its_records() -> None:
    dataset = ck.Dataset(records=_records())
    assert isinstance(dataset.records, tuple)
    with pytest.raises(ck.ValidationError):
        ck.Dataset(records=["not a record"])  # type: ignore[list-item]
    with pytest.raises(ck.ValidationError):
        ck.Dataset(records="abc")  # type: ignore[arg-type]


def test_every_integrity_problem_is_reported_at_once() -> None:
    records = _records()
    records.append(ck.Actor(id="taliban", name="Taliban again", kind=ck.ActorKind.ARMED_GROUP))
    records.append(
        ck.MilitaryMovement(
            id="offensive",
            actor="bds",
            kind=ck.MovementKind.OFFENSIVE,
            status=ck.MovementStatus.ONGOING,
            destination="nowhere",
            evidence=(ck.Evidence(document="doc", quote="seized", start=0, end=6, reported_by="reuters"),),
        )
    )
    records.append(ck.Statement(id="said", speaker="taliban", paraphrase="p", about=("seized", "ghost")))
    problems = ck.Dataset(records=records).problems()
    assert [(p.json_path, p.message) for p in problems] == [
        ("$.records[4].id", "duplicate id 'taliban' (first used at $.records[1])"),
        ("$.records[5].evidence[0].reported_by", "refers to 'reuters', which is not in the dataset"),
        ("$.records[5].evidence[0].quote", "does not match the text of 'doc' at [0:6], which reads 'The Ta'"),
        ("$.records[5].actor", "refers to 'bds', a Location, but must refer to an Actor"),
        ("$.records[5].destination", "refers to 'nowhere', which is not in the dataset"),
        ("$.records[6].about[1]", "refers to 'ghost', which is not in the dataset"),
    ]
    with pytest.raises(ck.ValidationError) as caught:
        ck.Dataset(records=records).validate()
    assert len(caught.value.problems) == 6


def test_evidence_must_cite_a_document() -> None:
    records = _records()
    records.append(
        ck.Actor(
            id="x",
            name="X",
            kind=ck.ActorKind.MEDIA,
            evidence=(ck.Evidence(document="taliban", quote="q", start=0, end=1),),
        )
    )
    (problem,) = ck.Dataset(records=records).problems()
    assert problem.json_path == "$.records[4].evidence[0].document"
    assert "must refer to a Document" in problem.message


@given(cks.datasets())
def test_generated_datasets_are_sound(dataset: ck.Dataset) -> None:
    assert dataset.problems() == ()
