from __future__ import annotations

from datetime import date

import attrs
import pytest

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    ControlChange,
    ControlMethod,
    Dataset,
    DateSpan,
    Document,
    Evidence,
    Incident,
    IncidentKind,
    Inference,
    Interaction,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    Relation,
    RelationKind,
    Statement,
    StatementChannel,
    TerritorialControl,
    load_seed,
)
from conflictkit.dataset.summary import (
    UNDATED,
    count_line,
    describe,
    describe_control,
    describe_incident,
    describe_interaction,
    describe_movement,
    describe_statement,
    problem_lines,
    source_of,
    timeline,
    written,
)

TALIBAN = Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)
ARMY = Actor(id="actor:army", name="Army", kind=ActorKind.ARMED_FORCE)
PROVINCE = Location(id="loc:p", name="Badakhshan", kind=LocationKind.PROVINCE)


def _control(**fields: object) -> TerritorialControl:
    return TerritorialControl(id="ctrl:1", territory="loc:p", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(best=20000, unit="reservists", text="20,000"), "20,000 reservists"),
        (
            Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="members", text="more than a thousand"),
            "more than a thousand members",
        ),
        (
            Quantity(low=100, qualifier=Qualifier.HUNDREDS, unit="people", text="Hundreds"),
            "Hundreds of people",
        ),
        (Quantity(low=12, qualifier=Qualifier.DOZENS, unit="members", text="dozens"), "dozens of members"),
        (Quantity(best=3, unit="districts"), "3 districts"),
    ],
)
def test_written_keeps_the_reports_wording(quantity: Quantity, expected: str) -> None:
    assert written(quantity) == expected


def test_the_seed_description_has_counts_a_timeline_and_no_problems() -> None:
    text = describe(load_seed())
    lines = text.splitlines()
    assert lines[0] == load_seed().title
    assert lines[1] == count_line(load_seed())
    assert lines[1].startswith(f"{len(load_seed())} records: ")
    assert "Timeline:" in lines
    assert lines[-1] == "No problems found."
    for phrase in (
        "20,000 reservists",
        "more than a thousand members of Afghan security forces",
        "1,037 Afghan troops",
        "152 people",
        "Hundreds of members of Afghan security forces",
        "hundreds of people",
        "dozens of members of Afghan security forces",
        "Taliban captured 26 of 28 districts in Badakhshan",
        "Taliban captured six districts in Badakhshan",
        "ceded three districts in Badakhshan to Taliban (without a fight)",
        "Tajik border guards closed Border crossings in Ishkashim district",
        "as written: “Two days ago”",
        "attributed to Tajikistan Border Service",
        "source: TASS, attributed to Russian government",
    ):
        assert phrase in text, phrase


def test_the_seed_timeline_is_chronological_with_undated_records_last() -> None:
    entries = timeline(load_seed())
    dated = [entry.date for entry in entries if entry.date is not None]
    assert [span.earliest for span in dated] == sorted(span.earliest for span in dated)
    assert dated[0].text == "after 20 years of war"  # a condition, shown and marked as one
    assert dated[1] == DateSpan(earliest=date(2021, 7, 2), latest=date(2021, 7, 3), text="Two days ago")
    first_undated = next(index for index, entry in enumerate(entries) if entry.date is None)
    assert all(entry.date is None for entry in entries[first_undated:])
    kinds = {entry.record_id.split(":")[0] for entry in entries}
    assert kinds == {"move", "stmt", "ctrl", "inc", "int"}
    seed = load_seed()
    timed = (MilitaryMovement, Statement, TerritorialControl, Incident, Interaction)
    described = sum(len(seed.of_type(cls)) for cls in timed)
    claims = sum(len(entry.claims) or 1 for entry in entries)
    assert claims == described, "every claim is shown once, on its own or beneath its event"
    events = seed.events()
    counted = {claim.id for event in events for claim in event.claims}
    aside = [record for record in seed.records if isinstance(record, timed) and record.id not in counted]
    assert len(entries) == len(events) + len(aside)
    marks = ("[condition]", "[planned]", "[attribution]", "[part of ")
    assert {entry.record_id for entry in entries if any(mark in entry.what for mark in marks)} == {
        record.id for record in aside
    }


def test_the_seed_timeline_shows_the_sunday_crossing_once_with_its_claims_beneath() -> None:
    entries = timeline(load_seed())
    crossing_claims = {"move:afghan-forces-crossed-more-than-a-thousand", "move:afghan-troops-crossed-1037"}
    assert not [entry for entry in entries if entry.record_id in crossing_claims and not entry.claims]
    [crossing] = [entry for entry in entries if entry.claims and entry.record_id in crossing_claims]
    assert {claim.record_id for claim in crossing.claims} == crossing_claims
    assert crossing.date == DateSpan.on(date(2021, 7, 4), text="Sunday")
    assert "(2 claims; size: best 1,037 (more than 1,000, high 1,037))" in crossing.what
    assert "1,037" not in crossing.what.split(" (2 claims")[0], "the headline leaves the figures out"
    # The date, Sunday, comes from Reuters' claim: the Border Service is not shown as its source.
    assert crossing.source == "Reuters"
    lines = describe(load_seed()).splitlines()
    headline = next(index for index, line in enumerate(lines) if crossing.what in line)
    beneath = lines[headline + 2 : headline + 6]
    assert beneath[0].strip().startswith("· claim: ")
    assert "more than a thousand members" in beneath[0]
    assert beneath[1].strip() == "source: Reuters"
    assert "1,037 Afghan troops" in beneath[2]
    assert beneath[3].strip() == "source: Reuters, attributed to Tajikistan Border Service"


def test_incidents_read_with_their_casualties_as_written() -> None:
    seed = load_seed()
    captures = seed["inc:ishkashim-captures"]
    assert isinstance(captures, Incident)
    assert describe_incident(captures, seed) == (
        "Taliban: capture against Afghan security forces in Ishkashim: "
        "Afghan security forces: dozens of members of Afghan security forces captured"
    )


def test_an_incident_with_no_side_named_does_not_invent_an_unknown_perpetrator() -> None:
    seed = load_seed()
    war = seed["inc:twenty-years-of-war"]
    assert isinstance(war, Incident)
    assert not war.perpetrators
    assert not war.targets
    assert describe_incident(war, seed) == "Armed clash (no side named) in Afghanistan"
    unclaimed = attrs.evolve(war, targets=("actor:afghanistan",))
    assert describe_incident(unclaimed, seed).startswith("unknown perpetrator: armed clash against ")


def test_interactions_read_with_kind_mode_and_place() -> None:
    seed = load_seed()
    suspension = seed["int:russian-consulate-suspended"]
    assert isinstance(suspension, Interaction)
    assert describe_interaction(suspension, seed) == (
        "Russian government: other at Russian consulate in Mazar-e-Sharif"
    )


def test_undated_entries_say_so() -> None:
    movement = MilitaryMovement(
        id="m", actor="actor:army", kind=MovementKind.OFFENSIVE, status=MovementStatus.ONGOING
    )
    text = describe(Dataset(records=[ARMY, movement]))
    assert f"  {UNDATED}" in text
    assert "Army: offensive (ongoing)" in text
    assert "source: unattributed" in text


def test_a_broken_dataset_is_described_and_its_problems_listed() -> None:
    movement = MilitaryMovement(
        id="m",
        actor="actor:ghost",
        kind=MovementKind.RETREAT,
        status=MovementStatus.COMPLETED,
        origin="loc:nowhere",
    )
    text = describe(Dataset(records=[movement], title="broken"))
    assert "actor:ghost: retreat (completed) from loc:nowhere" in text
    assert "2 problems:" in text
    assert "  $.records[0].actor: refers to 'actor:ghost', which is not in the dataset" in text


def test_an_empty_dataset() -> None:
    text = describe(Dataset(), name="empty.json")
    assert text.splitlines()[:2] == ["empty.json", "0 records"]
    assert "(no movements, statements or control changes)" in text


def test_problem_lines() -> None:
    assert problem_lines(()) == ["No problems found."]


def test_movement_with_orders_permission_and_size() -> None:
    movement = MilitaryMovement(
        id="m",
        actor="actor:army",
        kind=MovementKind.BORDER_CROSSING,
        status=MovementStatus.COMPLETED,
        origin="loc:p",
        ordered_by="actor:taliban",
        permitted_by="actor:taliban",
        size=Quantity(best=152, unit="people", text="152"),
    )
    dataset = Dataset(records=[ARMY, TALIBAN, PROVINCE, movement])
    assert describe_movement(movement, dataset) == (
        "Army: border crossing (completed) from Badakhshan, ordered by Taliban, permitted by Taliban: "
        "152 people"
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"change": ControlChange.CAPTURED, "controller": "actor:taliban"}, "Taliban captured Badakhshan"),
        (
            {
                "change": ControlChange.CEDED,
                "controller": "actor:taliban",
                "previous_controller": "actor:army",
                "method": ControlMethod.WITHOUT_FIGHT,
            },
            "Army ceded Badakhshan to Taliban (without a fight)",
        ),
        (
            {
                "change": ControlChange.RETAKEN,
                "controller": "actor:army",
                "previous_controller": "actor:taliban",
                "method": ControlMethod.BY_FORCE,
            },
            "Army retook Badakhshan from Taliban (by force)",
        ),
        ({"change": ControlChange.CONTESTED}, "control of contested Badakhshan"),
        (
            {
                "change": ControlChange.CAPTURED,
                "controller": "actor:taliban",
                "count": Quantity(best=26, unit="districts", text="26"),
                "total": Quantity(best=28, unit="districts", text="28"),
            },
            "Taliban captured 26 of 28 districts in Badakhshan",
        ),
    ],
)
def test_describe_control(fields: dict[str, object], expected: str) -> None:
    dataset = Dataset(records=[ARMY, TALIBAN, PROVINCE])
    assert describe_control(_control(**fields), dataset) == expected


def test_describe_statement_quotes_or_paraphrases() -> None:
    dataset = Dataset(records=[ARMY, TALIBAN])
    quoted = Statement(
        id="s1",
        speaker="actor:army",
        channel=StatementChannel.PHONE_CALL,
        addressee="actor:taliban",
        quote="We will hold",
    )
    said = Statement(id="s2", speaker="actor:army", addressee="actor:taliban", paraphrase="x" * 150)
    assert describe_statement(quoted, dataset) == "Army (phone call with Taliban): “We will hold”"
    summary = describe_statement(said, dataset)
    assert summary.startswith("Army (to Taliban): xxx")
    assert summary.endswith("…")
    assert len(summary) < 150


def test_source_of_lists_outlets_and_attributions_once() -> None:
    evidence = Evidence(
        document="d", quote="q", start=0, end=1, reported_by="actor:army", attributed_to="actor:taliban"
    )
    record = TerritorialControl(
        id="c", territory="loc:p", change=ControlChange.HELD, evidence=(evidence, evidence)
    )
    assert source_of(record, Dataset(records=[ARMY, TALIBAN])) == "Army, attributed to Taliban"
    only_party = Evidence(document="d", quote="q", start=0, end=1, attributed_to="actor:taliban")
    record = TerritorialControl(id="c", territory="loc:p", change=ControlChange.HELD, evidence=(only_party,))
    assert source_of(record, Dataset()) == "outlet not given, attributed to actor:taliban"


def test_an_incident_with_two_claims_is_one_entry_with_its_tolls_reconciled_by_side() -> None:
    def clash(record_id: str, killed: int) -> Incident:
        toll = Casualties(side="actor:army", killed=Quantity(best=killed, unit="soldiers"))
        return Incident(
            id=record_id,
            kind=IncidentKind.ARMED_CLASH,
            perpetrators=("actor:taliban",),
            targets=("actor:army",),
            casualties=(toll,),
        )

    same = Relation(
        id="rel:1",
        source="inc:2",
        kind=RelationKind.SAME_EVENT,
        target="inc:1",
        inferred=(Inference(field="kind", reason="one clash"),),
    )
    [entry] = timeline(Dataset(records=[TALIBAN, ARMY, clash("inc:1", 3), clash("inc:2", 5), same]))
    assert entry.what.startswith("Taliban: armed clash against Army (2 claims; ")
    assert "casualties['actor:army'].killed: best 3 (low 3, high 5)" in entry.what
    assert [claim.what.rsplit(": ", 1)[-1] for claim in entry.claims] == [
        "3 soldiers killed",
        "5 soldiers killed",
    ]


def test_evidence_without_an_outlet_is_credited_to_its_documents_publisher() -> None:
    report = Document(id="doc:r", title="Report", publisher="Reuters", text="Army held it.")
    unpublished = Document(id="doc:u", title="Leaflet", text="Army held it.")
    party = Evidence(document="doc:r", quote="Army", start=0, end=4, attributed_to="actor:taliban")
    held = Evidence(document="doc:r", quote="held", start=5, end=9)

    def source(*evidence: Evidence) -> str:
        record = TerritorialControl(id="c", territory="loc:p", change=ControlChange.HELD, evidence=evidence)
        return source_of(record, Dataset(records=[report, unpublished, TALIBAN]))

    assert source(held) == "Reuters"
    assert source(held, party) == "Reuters, attributed to Taliban"
    assert source(attrs.evolve(held, document="doc:u")) == "unattributed"
    assert source(attrs.evolve(held, document="doc:missing")) == "unattributed"
    assert source() == "unattributed"


def test_a_control_event_of_two_claims_is_one_entry_with_the_counts_reconciled() -> None:
    def claim(record_id: str, count: Quantity) -> TerritorialControl:
        return TerritorialControl(
            id=record_id,
            territory="loc:p",
            change=ControlChange.CAPTURED,
            controller="actor:taliban",
            count=count,
        )

    same = Relation(
        id="rel:1",
        source="ctrl:b",
        kind=RelationKind.SAME_EVENT,
        target="ctrl:a",
        inferred=(Inference(field="kind", reason="one capture"),),
    )
    dataset = Dataset(
        records=[
            TALIBAN,
            PROVINCE,
            claim("ctrl:a", Quantity(best=5, unit="districts", text="five")),
            claim(
                "ctrl:b",
                Quantity(low=4, qualifier=Qualifier.AT_LEAST, unit="districts", text="at least four"),
            ),
            same,
        ]
    )
    [entry] = timeline(dataset)
    assert entry.what == "Taliban captured Badakhshan (2 claims; count: best 5 (low 4, high 5))"
    assert [claim.record_id for claim in entry.claims] == ["ctrl:a", "ctrl:b"]
    assert "Taliban captured at least four districts in Badakhshan" in describe(dataset)
