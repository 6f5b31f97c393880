"""The streamed integrity check: references resolved in memory give the answers the database gives."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import conflictkit
from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    Document,
    Evidence,
    Location,
    LocationKind,
    Record,
    RelationKind,
    Statement,
)
from conflictkit.dataset import integrity
from conflictkit.dataset.integrity import IntegrityCheck
from conflictkit.io.files import json_integrity_check

from .test_loader import _broken_seed


def _streamed(records: list[Any], check: IntegrityCheck | None = None) -> list[str]:
    with check or json_integrity_check() as checking:
        for position, record in enumerate(records):
            checking.add(record, path=("records", position))
        return [str(problem) for problem in checking.problems()]


def _fillers(count: int) -> list[Actor]:
    return [Actor(id=f"actor:filler-{n}", name="Filler", kind=ActorKind.STATE) for n in range(count)]


@pytest.fixture
def small_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remember two ids and no text, so that most references are left to the database."""
    monkeypatch.setattr(integrity, "_RECENT_IDS", 2)
    monkeypatch.setattr(integrity, "_RECENT_TEXT", 0)


@pytest.mark.usefixtures("small_memory")
def test_a_duplicate_read_long_after_the_first_record_with_its_id_is_not_taken_for_it() -> None:
    # The first record with the id is a location; an actor with the same id comes once the location
    # has been forgotten. A speaker referring to the id refers to the location: a wrong type.
    place = Location(id="x", name="Badakhshan", kind=LocationKind.PROVINCE)
    actor = Actor(id="x", name="Taliban", kind=ActorKind.ARMED_GROUP)
    speaker = Statement(id="s1", speaker="x", quote="We hold it.")
    records: list[Any] = [place, *_fillers(5), actor, speaker]
    expected = [str(problem) for problem in Dataset(records=records).problems()]
    assert any("refers to 'x', a Location, but must refer to an Actor" in line for line in expected)
    assert _streamed(records) == expected


@pytest.mark.parametrize("recent_ids", [1, 2, 1 << 11])
@pytest.mark.parametrize("recent_text", [0, 1 << 20])
@pytest.mark.parametrize("bloom_bits", [3, 24])
def test_every_memory_size_finds_what_dataset_problems_finds(
    monkeypatch: pytest.MonkeyPatch, recent_ids: int, recent_text: int, bloom_bits: int
) -> None:
    monkeypatch.setattr(integrity, "_RECENT_IDS", recent_ids)
    monkeypatch.setattr(integrity, "_RECENT_TEXT", recent_text)
    # A filter of 8 bits answers "may have been read" for nearly every id: the database decides.
    monkeypatch.setattr(integrity, "_BLOOM_MASK", (1 << bloom_bits) - 1)
    monkeypatch.setattr(integrity, "_BLOOM_BYTES", max((1 << bloom_bits) // 8, 1))
    records = _broken_seed()
    moved = copy.deepcopy(records[3])  # the duplicate again, now far from the first
    records.append(moved)
    document = {"schema_version": "1.0", "records": records}
    dataset = conflictkit.from_dict(document, Dataset, keep_unknown=True)
    expected = [str(problem) for problem in dataset.problems()]
    assert len(expected) == 5
    assert _streamed(list(dataset)) == expected


@pytest.mark.parametrize("recent_text", [0, 1 << 20])
def test_quotes_of_a_remembered_document_are_compared_in_memory_as_in_the_database(
    monkeypatch: pytest.MonkeyPatch, recent_text: int
) -> None:
    monkeypatch.setattr(integrity, "_RECENT_TEXT", recent_text)
    text = "Afghān trōops 🇹🇯 fled."
    records: list[Any] = [
        Document(id="doc:1", title="Report", text=text),
        Document(id="doc:2", title="No text", sha256="0" * 64),
    ]
    for number, (document, quote) in enumerate([("doc:1", "trōops"), ("doc:1", "x" * 6), ("doc:2", "any")]):
        evidence = Evidence(document=document, quote=quote, start=7, end=7 + len(quote))
        records.append(Actor(id=f"a{number}", name="A", kind=ActorKind.STATE, evidence=(evidence,)))
    expected = [str(problem) for problem in Dataset(records=records).problems()]
    assert expected == [
        "$.records[3].evidence[0].quote: does not match the text of 'doc:1' at [7:13], which reads 'trōops'"
    ]
    assert _streamed(records) == expected


def test_a_check_without_encode_keeps_no_records_to_give_back() -> None:
    actor = Actor(id="a1", name="Taliban", kind=ActorKind.ARMED_GROUP)
    with IntegrityCheck() as check:
        check.add(actor)
        assert list(check.problems()) == []
        assert check.names(["a1"]) == {"a1": "Taliban"}
        with pytest.raises(RuntimeError, match="keeps no records"):
            check.records(["a1"])
    with json_integrity_check() as check:
        check.add(actor)
        assert check.records(["a1", "a2"]) == [actor]


@attrs.frozen(kw_only=True)
class _Report(Record, type_tag="testsuite.integrity.report"):
    """A user's record holding evidence in a field of its own, beside fields that hold no records."""

    sources: tuple[Evidence, ...] = ()
    note: str = ""
    day: date | None = None


@pytest.mark.usefixtures("small_memory")
def test_references_inside_a_users_own_fields_are_found() -> None:
    document = Document(id="doc:1", title="Report", text="Afghan troops fled.")
    records: list[Any] = [
        document,
        _Report(
            id="r1",
            note="doc:9",  # text, not a reference
            sources=(
                Evidence(document="doc:1", quote="troops", start=7, end=13),
                Evidence(document="doc:2", quote="fled", start=14, end=18),
                Evidence(document="doc:1", quote="fled!", start=14, end=19),
            ),
        ),
    ]
    expected = [str(problem) for problem in Dataset(records=records).problems()]
    assert expected == [
        "$.records[1].sources[1].document: refers to 'doc:2', which is not in the dataset",
        "$.records[1].sources[2].quote: does not match the text of 'doc:1' at [14:19], which reads 'fled.'",
    ]
    assert _streamed(records) == expected


def test_cycles_of_every_kind_are_found_as_dataset_problems_finds_them() -> None:
    from .test_relations import BASE as RELATED
    from .test_relations import _link

    a, b, c = "move:1", "move:2", "ctrl:1"
    links = [
        _link("rel:1", a, RelationKind.PART_OF, b),  # a tail entering the cycle b -> c -> b
        _link("rel:2", b, RelationKind.PART_OF, c),
        _link("rel:3", c, RelationKind.PART_OF, b),
        _link("rel:4", c, RelationKind.PART_OF, a),  # a second cycle through the first
        _link("rel:5", a, RelationKind.SUPERSEDES, c),
        _link("rel:6", c, RelationKind.SUPERSEDES, a),
        _link("rel:7", b, RelationKind.DUPLICATE_OF, b + "-missing"),
        _link("rel:8", a, RelationKind.DUPLICATE_OF, b),
        _link("rel:9", b, RelationKind.SAME_EVENT, c),
    ]
    records: list[Any] = [*RELATED, *links]
    expected = [str(problem) for problem in Dataset(records=records).problems()]
    assert sum("form a cycle" in line for line in expected) == 3
    assert _streamed(records) == expected


def test_loops_of_location_parents_are_found_as_dataset_problems_finds_them() -> None:
    def place(record_id: str, parent: str | None) -> Location:
        return Location(id=record_id, name=record_id, kind=LocationKind.DISTRICT, parent=parent)

    records: list[Any] = [
        place("loc:a", "loc:b"),  # a tail into the loop b -> c -> b
        place("loc:b", "loc:c"),
        place("loc:c", "loc:b"),
        place("loc:d", None),
        place("loc:d", "loc:e"),  # a duplicate: the first location with an id counts, not this one
        place("loc:e", "loc:d"),
        *_fillers(3),
        place("loc:f", "loc:g"),  # a second loop, read after the fillers
        place("loc:g", "loc:f"),
    ]
    expected = [str(problem) for problem in Dataset(records=records).problems()]
    assert sum("the chain of parents loops back" in line for line in expected) == 2
    assert _streamed(records) == expected


def test_validate_reports_a_loop_of_location_parents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictkit import to_json
    from conflictkit.cli.command import main

    lines = [
        Location(id="loc:a", name="A", kind=LocationKind.DISTRICT, parent="loc:b"),
        Location(id="loc:b", name="B", kind=LocationKind.PROVINCE, parent="loc:a"),
    ]
    source = tmp_path / "places.jsonl"
    source.write_text("".join(to_json(record) + "\n" for record in lines), encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    assert "the chain of parents loops back: 'loc:a' -> 'loc:b' -> 'loc:a'" in capsys.readouterr().out
