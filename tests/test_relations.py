"""Relations: construction, dataset integrity (with JSON paths), queries, and the seed's links."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import pytest

import conflictkit as ck
from conflictkit import (
    Actor,
    ActorKind,
    ControlChange,
    Dataset,
    EventLike,
    Inference,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Record,
    Relation,
    RelationKind,
    TerritorialControl,
    ValidationError,
    from_dict,
    from_json,
    load_seed,
    to_json,
)

WHY = (Inference(field="kind", reason="test"),)


def _link(record_id: str, source: str, kind: RelationKind, target: str) -> Relation:
    return Relation(id=record_id, source=source, kind=kind, target=target, inferred=WHY)


def _movement(record_id: str) -> MilitaryMovement:
    return MilitaryMovement(
        id=record_id, actor="actor:a", kind=MovementKind.BORDER_CROSSING, status=MovementStatus.COMPLETED
    )


BASE: list[Record] = [
    Actor(id="actor:a", name="A", kind=ActorKind.ARMED_FORCE),
    Location(id="loc:l", name="L", kind=LocationKind.PROVINCE),
    _movement("move:1"),
    _movement("move:2"),
    TerritorialControl(id="ctrl:1", territory="loc:l", change=ControlChange.CAPTURED),
]


def _problems(*links: Relation) -> list[tuple[str, str]]:
    dataset = Dataset(records=[*BASE, *links])
    return [(problem.json_path, problem.message) for problem in dataset.problems()]


# --- construction ----------------------------------------------------------------------------------


def test_a_relation_links_two_records_with_a_reason() -> None:
    link = _link("rel:1", "move:1", RelationKind.SAME_EVENT, "move:2")
    assert (link.source, link.kind, link.target) == ("move:1", RelationKind.SAME_EVENT, "move:2")
    assert link.other_end("move:1") == "move:2"
    assert link.other_end("move:2") == "move:1"
    with pytest.raises(ValueError, match="neither end"):
        link.other_end("move:3")
    assert ck.type_tag_of(Relation) == "relation"


def test_a_self_relation_is_refused_with_its_path() -> None:
    with pytest.raises(ValidationError) as error:
        _link("rel:1", "move:1", RelationKind.FOLLOWS, "move:1")
    assert [problem.json_path for problem in error.value.problems] == ["$.target"]


def test_a_relation_needs_evidence_or_an_inference() -> None:
    with pytest.raises(ValidationError, match=r"\$\.evidence: a relation needs evidence"):
        Relation(id="rel:1", source="move:1", kind=RelationKind.FOLLOWS, target="move:2")


def test_loading_reports_a_self_relation_and_an_unknown_kind_at_their_paths() -> None:
    document: dict[str, Any] = {
        "schema_version": "1.1",
        "records": [
            {"type": "relation", "id": "r1", "source": "a", "kind": "follows", "target": "a",
             "inferred": [{"field": "kind", "reason": "x"}]},
            {"type": "relation", "id": "r2", "source": "a", "kind": "is_friends_with", "target": "b",
             "inferred": [{"field": "kind", "reason": "x"}]},
        ],
    }  # fmt: skip
    with pytest.raises(ValidationError) as error:
        from_dict(document, Dataset)
    paths = [problem.json_path for problem in error.value.problems]
    assert paths == ["$.records[0].target", "$.records[1].kind"]
    assert "same_event" in error.value.problems[1].message  # the allowed values are named


# --- dataset integrity -----------------------------------------------------------------------------


def test_a_sound_set_of_relations_has_no_problems() -> None:
    assert (
        _problems(
            _link("rel:1", "move:1", RelationKind.SAME_EVENT, "move:2"),
            _link("rel:2", "ctrl:1", RelationKind.FOLLOWS, "move:1"),
            _link("rel:3", "move:2", RelationKind.CONTRADICTS, "ctrl:1"),
        )
        == []
    )


def test_a_relation_to_a_missing_record_is_reported_at_its_end() -> None:
    assert _problems(_link("rel:1", "move:1", RelationKind.FOLLOWS, "move:9")) == [
        ("$.records[5].target", "refers to 'move:9', which is not in the dataset")
    ]


def test_same_event_between_different_kinds_of_event_is_reported() -> None:
    [(path, message)] = _problems(_link("rel:1", "move:1", RelationKind.SAME_EVENT, "ctrl:1"))
    assert path == "$.records[5].target"
    assert "one kind of event" in message
    assert "a movement and 'ctrl:1' a control" in message


def test_same_event_with_a_record_that_is_no_event_is_reported_at_that_end() -> None:
    [(path, message)] = _problems(_link("rel:1", "actor:a", RelationKind.SAME_EVENT, "move:1"))
    assert path == "$.records[5].source"
    assert "'actor:a' is of type Actor, which describes no event" in message


def test_part_of_cycles_are_reported_with_the_cycle_spelt_out() -> None:
    found = _problems(
        _link("rel:1", "move:1", RelationKind.PART_OF, "move:2"),
        _link("rel:2", "move:2", RelationKind.PART_OF, "ctrl:1"),
        _link("rel:3", "ctrl:1", RelationKind.PART_OF, "move:1"),
    )
    assert found == [
        ("$.records[7].target", "part_of links form a cycle: move:1 -> move:2 -> ctrl:1 -> move:1")
    ]


def test_a_part_of_chain_without_a_cycle_is_fine_and_long_chains_do_not_recurse() -> None:
    chain = [_movement(f"move:c{index}") for index in range(3000)]
    links = [
        _link(f"rel:c{index}", f"move:c{index}", RelationKind.PART_OF, f"move:c{index + 1}")
        for index in range(2999)
    ]
    dataset = Dataset(records=[*BASE, *chain, *links])
    assert dataset.problems() == ()
    closing = _link("rel:close", "move:c2999", RelationKind.PART_OF, "move:c0")
    [problem] = Dataset(records=[*BASE, *chain, *links, closing]).problems()
    assert problem.message.startswith("part_of links form a cycle: move:c0 -> move:c1 ->")


def test_every_relation_problem_is_reported_at_once() -> None:
    found = _problems(
        _link("rel:1", "move:1", RelationKind.PART_OF, "move:2"),
        _link("rel:2", "move:2", RelationKind.PART_OF, "move:1"),
        _link("rel:3", "move:1", RelationKind.SAME_EVENT, "ctrl:1"),
        _link("rel:4", "move:1", RelationKind.FOLLOWS, "gone"),
    )
    assert [path for path, _ in found] == [
        "$.records[8].target",
        "$.records[7].target",
        "$.records[6].target",
    ]


def test_the_validate_command_checks_relations(tmp_path: Any) -> None:
    from conflictkit.cli.validate import check_file

    bad = Dataset(records=[*BASE, _link("rel:1", "move:1", RelationKind.SAME_EVENT, "ctrl:1")])
    path = tmp_path / "bad.json"
    path.write_text(to_json(bad), encoding="utf-8")
    report = check_file(path)
    assert [finding.path for finding in report.findings] == ["$.records[5].target"]


def test_relations_round_trip() -> None:
    dataset = Dataset(records=[*BASE, _link("rel:1", "move:1", RelationKind.SAME_EVENT, "move:2")])
    assert from_json(to_json(dataset), Dataset) == dataset


# --- event-like types ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Clash(EventLike, Record, type_tag="tests.relations.clash"):
    """A user's own event-like record type."""

    event_family: ClassVar[str] = "clash"


@attrs.frozen(kw_only=True)
class Airstrike(Clash, type_tag="tests.relations.airstrike"):
    """A subclass inherits its parent's event family."""


def test_a_new_type_opts_in_by_deriving_from_event_like() -> None:
    records = [*BASE, Clash(id="clash:1"), Airstrike(id="strike:1")]
    same = _link("rel:1", "strike:1", RelationKind.SAME_EVENT, "clash:1")
    assert Dataset(records=[*records, same]).problems() == ()
    wrong = _link("rel:2", "strike:1", RelationKind.SAME_EVENT, "move:1")
    [problem] = Dataset(records=[*records, wrong]).problems()
    assert "a clash and 'move:1' a movement" in problem.message
    events = Dataset(records=[*records, same]).events()
    assert ("clash:1", "strike:1") in [event.claim_ids for event in events]


def test_an_event_like_type_must_name_its_family() -> None:
    with pytest.raises(TypeError, match="names no event family"):

        @attrs.frozen(kw_only=True)
        class Nameless(EventLike, Record, type_tag="tests.relations.nameless"):
            pass


# --- queries ---------------------------------------------------------------------------------------


def test_queries_follow_the_links_in_both_directions_where_they_are_symmetric() -> None:
    dataset = Dataset(
        records=[
            *BASE,
            _link("rel:1", "move:1", RelationKind.PART_OF, "move:2"),
            _link("rel:2", "ctrl:1", RelationKind.CONTRADICTS, "move:2"),
            _link("rel:3", "move:2", RelationKind.FOLLOWS, "ctrl:1"),
        ]
    )
    assert [relation.id for relation in dataset.relations_of("move:2")] == ["rel:1", "rel:2", "rel:3"]
    assert [relation.id for relation in dataset.relations_of("move:2", RelationKind.PART_OF)] == ["rel:1"]
    assert [record.id for record in dataset.parts_of("move:2")] == ["move:1"]
    assert dataset.parts_of("move:1") == ()
    assert [record.id for record in dataset.contradicting("move:2")] == ["ctrl:1"]
    assert [record.id for record in dataset.contradicting("ctrl:1")] == ["move:2"]
    assert [record.id for record in dataset.related("move:2", RelationKind.FOLLOWS)] == ["ctrl:1"]
    assert dataset.related("ctrl:1", RelationKind.FOLLOWS) == ()


# --- the seed --------------------------------------------------------------------------------------


def test_the_seed_ties_the_three_ceded_districts_to_the_26_captured() -> None:
    seed = load_seed()
    assert [part.id for part in seed.parts_of("ctrl:badakhshan-26-of-28-districts-captured")] == [
        "ctrl:badakhshan-three-districts-ceded"
    ]
    overlap = seed.related("ctrl:badakhshan-26-of-28-districts-captured", RelationKind.OVERLAPS)
    assert [record.id for record in overlap] == ["ctrl:badakhshan-six-districts-seized"]


def test_the_seed_records_the_reports_one_contradiction() -> None:
    seed = load_seed()
    assert [record.id for record in seed.contradicting("move:afghan-troops-crossed-1037")] == [
        "stmt:rahmon-forcible-crossing"
    ]
    contradictions = [r for r in seed.of_type(Relation) if r.kind is RelationKind.CONTRADICTS]
    assert [relation.id for relation in contradictions] == ["rel:forcible-crossing-contradicts-permission"]


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        ("move:afghan-forces-crossed-more-than-a-thousand", "move:people-fled-hundreds"),
        ("move:people-entered-from-ishkashim-152", "ctrl:ishkashim-border-crossings-blocked"),
    ],
)
def test_claims_that_can_both_hold_are_in_tension_not_contradictions(claim: str, other: str) -> None:
    # Their notes say both can hold: by the vocabulary's own definition they do not contradict.
    seed = load_seed()
    assert other in [record.id for record in seed.related(claim, RelationKind.IN_TENSION)]
    assert other not in [record.id for record in seed.contradicting(claim)]


def test_the_seed_says_the_overlap_of_the_152_and_the_1037_is_not_known() -> None:
    seed = load_seed()
    [relation] = seed.relations_of("move:people-entered-from-ishkashim-152", RelationKind.MAY_OVERLAP)
    assert relation.other_end("move:people-entered-from-ishkashim-152") == "move:afghan-troops-crossed-1037"
    assert "is not known" in relation.inferred[0].reason


def test_the_seed_relates_its_duplicate_actors() -> None:
    seed = load_seed()
    assert [r.id for r in seed.related("actor:russian-government", RelationKind.PART_OF)] == ["actor:russia"]
    guards = seed.related("actor:tajik-border-guards", RelationKind.PART_OF)
    assert [record.id for record in guards] == ["actor:tajikistan-border-service"]


def test_every_seed_relation_has_evidence_or_a_reason() -> None:
    for relation in load_seed().of_type(Relation):
        assert relation.evidence or relation.inferred, relation.id
