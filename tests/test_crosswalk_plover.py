from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import conflictkit as ck
from conflictkit.crosswalk import plover
from conflictkit.crosswalk.losses import Loss

FIXTURE = Path(__file__).parent / "data" / "crosswalk" / "plover.jsonl"


def actor_name(dataset: ck.Dataset, actor_id: str | None) -> str | None:
    actor = dataset[actor_id] if actor_id else None
    assert actor is None or isinstance(actor, ck.Actor)
    return None if actor is None else actor.name


def no_loss(loss: Loss) -> None:
    pytest.fail(f"unexpected loss: {loss}")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def test_the_fixture_covers_every_event_type_and_mode(records: list[dict[str, Any]]) -> None:
    assert {(r["event"], r.get("mode")) for r in records} == set(plover.REPRESENTATIONS)


def test_records_come_back_exactly(records: list[dict[str, Any]]) -> None:
    dataset = plover.import_records(records)
    assert dataset.problems() == ()
    assert plover.export_records(dataset, on_loss=no_loss) == records
    assert list(plover.iter_export(plover.iter_import(iter(records)), on_loss=no_loss)) == records


def test_the_sentence_becomes_a_document_with_verbatim_evidence(records: list[dict[str, Any]]) -> None:
    dataset = plover.import_records(records[:1])
    [statement] = dataset.of_type(ck.Statement)
    [document] = dataset.of_type(ck.Document)
    assert document.text == records[0]["text"]
    evidence = statement.evidence[0]
    assert evidence.quote == records[0]["eventText"]
    assert document.text is not None
    assert document.text[evidence.start : evidence.end] == evidence.quote


def test_bad_records_name_their_json_paths(records: list[dict[str, Any]]) -> None:
    bad = [
        dict(records[0], event="SMILE"),
        dict(records[0], date="July 5"),
        dict(records[0], source=[{"actorText": "", "code": 3}]),
        dict(records[0], eventLoc={"name": "X", "lat": "north", "lon": 1.0}),
        dict(records[0], extra=1),
        "not an object",
    ]
    with pytest.raises(ck.ValidationError) as caught:
        plover.import_records(bad)
    paths = {problem.json_path for problem in caught.value.problems}
    assert paths == {
        "$[0].event",
        "$[1].date",
        "$[2].source[0].actorText",
        "$[2].source[0].code",
        "$[2].source",
        "$[3].eventLoc.lat",
        "$[4].extra",
        "$[5]",
    }


def test_polecat_rows_read_and_write() -> None:
    row = {
        "Event ID": "e1",
        "Event Date": "2021-07-05",
        "Event Type": "MOBILIZE",
        "Event Mode": "troops",
        "Actor Name": "Tajikistan",
        "Actor Country": "TJK",
        "Actor Sector": "GOV",
        "Placename": "Dushanbe",
        "Latitude": "38.5358",
        "Longitude": "68.7791",
        "Quad Code": "MATERIAL CONFLICT",
    }
    record = plover.from_polecat(row)
    dataset = plover.import_records([record])
    [written] = plover.export_records(dataset, on_loss=no_loss)
    assert written == record
    back = plover.to_polecat(written)
    assert {column: value for column, value in back.items() if value} == row


def test_the_seed_exports_with_the_issue_codes() -> None:
    seed = ck.load_seed()
    losses: list[Loss] = []
    # the report's own "Monday (July 5)" dates what it does not date otherwise
    out = plover.export_records(seed, on_loss=losses.append, default_date=date(2021, 7, 5))
    coded = {record["id"]: (record["event"], record.get("mode")) for record in out}
    assert coded["stmt:rahmon-calls-mirziyoyev"] == ("CONSULT", "phone")
    assert coded["stmt:rahmon-calls-tokaev"] == ("CONSULT", "phone")
    assert coded["stmt:ghani-calls-rahmon"] == ("CONSULT", "phone")
    assert coded["stmt:putin-assures-rahmon"] == ("AGREE", None)  # PLOVER's AGREE holds promises
    assert coded["stmt:mohib-counter-offensive"] == ("THREATEN", None)
    assert coded["move:tajik-reservists-mobilized"] == ("MOBILIZE", None)
    assert coded["ctrl:badakhshan-26-of-28-districts-captured"] == ("COERCE", "seize")
    # the threatened counter-offensive is one event: written once, from the statement
    assert "move:afghan-counter-offensive" not in coded
    reasons = {loss.record: loss.reason for loss in losses if loss.field is None}
    assert "stmt:mohib-counter-offensive" in reasons["move:afghan-counter-offensive"]
    assert "no event type" in reasons["move:afghan-troops-crossed-1037"]  # PLOVER has no border crossing
    dated = {loss.record for loss in losses if loss.field == "date"}
    assert "stmt:rahmon-calls-tokaev" in dated
    ceded = next(record for record in out if record["id"] == "ctrl:badakhshan-three-districts-ceded")
    assert [actor["actorText"] for actor in ceded["source"]] == ["Afghan security forces"]


def test_a_conflictkit_statement_to_plover_and_back_keeps_its_act() -> None:
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:rahmon", name="Emomali Rahmon", kind=ck.ActorKind.PERSON, country="TJ"),
            ck.Actor(id="actor:tokaev", name="Kassym-Jomart Tokaev", kind=ck.ActorKind.PERSON, country="KZ"),
            ck.Statement(
                id="st:1",
                speaker="actor:rahmon",
                addressee="actor:tokaev",
                act=ck.SpeechAct.CONSULT,
                channel=ck.StatementChannel.PHONE_CALL,
                date=ck.DateSpan.on(date(2021, 7, 5)),
                paraphrase="discussed the border",
            ),
        ]
    )
    losses: list[Loss] = []
    [record] = plover.export_records(dataset, on_loss=losses.append)
    assert (record["event"], record["mode"]) == ("CONSULT", "phone")
    # PLOVER keeps the coded sentence, not a paraphrase; the persons' kinds become sectors
    assert sorted((loss.record, loss.field) for loss in losses) == [
        ("actor:rahmon", "kind"),
        ("actor:tokaev", "kind"),
        ("st:1", "paraphrase"),
    ]
    back = plover.import_records([record])
    [statement] = back.of_type(ck.Statement)
    assert (statement.act, statement.channel) == (ck.SpeechAct.CONSULT, ck.StatementChannel.PHONE_CALL)
    assert [actor_name(back, a) for a in (statement.speaker, statement.addressee)] == [
        "Emomali Rahmon",
        "Kassym-Jomart Tokaev",
    ]


def test_a_day_known_only_to_the_week_is_reported_when_written_as_a_day() -> None:
    week = ck.DateSpan(earliest=date(2000, 1, 1), latest=date(2000, 1, 1), precision=ck.DatePrecision.WEEK)
    dataset = ck.Dataset(
        records=[
            ck.Actor(id="actor:0", name="0", kind=ck.ActorKind.STATE),
            ck.Interaction(id="rec:0", kind=ck.InteractionKind.COOPERATE, sources=("actor:0",), date=week),
        ]
    )
    losses: list[Loss] = []
    [written] = plover.export_records(dataset, on_loss=losses.append)
    assert written["date"] == "2000-01-01"
    assert [str(loss) for loss in losses if loss.field == "date"] == [
        "rec:0.date: not in plover: the date 2000-01-01 is known to the week: written as a day"
    ]


GIVEN_EMPTY = {
    "id": "p1",
    "date": "2021-07-05",
    "event": "MOBILIZE",
    "mode": "troops",
    "context": [],
    "source": [{"actorText": "Tajikistan", "code": "TJK", "sector": "GOV"}],
    "target": [],
    "eventText": "ordered the mobilization",
    "text": "Rahmon ordered the mobilization of 20,000 reservists.",
    "version": "0.5b1",
}


def test_empty_context_and_target_lists_come_back() -> None:
    lost: list[Loss] = []
    [back] = plover.export_records(plover.import_records([GIVEN_EMPTY]), on_loss=lost.append)
    assert back == GIVEN_EMPTY
    assert (back["context"], back["target"]) == ([], [])
    assert lost == []


def test_an_event_text_that_export_drops_is_reported_under_its_field() -> None:
    dataset = plover.import_records([GIVEN_EMPTY])
    report = ck.Document(id="doc:other", title="Another report", text="Tajikistan mobilised reservists.")
    [event] = [record for record in dataset if isinstance(record, ck.EventLike)]
    moved = attrs.evolve(event, evidence=(ck.Evidence.locate(report, "mobilised reservists"),))
    others = [record for record in dataset if record.id != event.id]
    lost: list[Loss] = []
    [back] = plover.export_records(ck.Dataset(records=[*others, report, moved]), on_loss=lost.append)
    assert "eventText" not in back
    [dropped] = [loss for loss in lost if loss.field == "event_text"]
    assert dropped.record == event.id
    assert "'ordered the mobilization'" in dropped.reason


def test_a_point_only_near_its_place_is_reported_as_losing_its_precision() -> None:
    # Found by the crosswalk property test: eventLoc has no precision, so "near" came back "exact".
    near = ck.Location(
        id="loc:border",
        name="Border",
        kind=ck.LocationKind.BORDER,
        coordinates=ck.Coordinates(latitude=37.0, longitude=71.5, precision=ck.GeoPrecision.NEAR),
    )
    force = ck.Actor(id="actor:army", name="Army", kind=ck.ActorKind.ARMED_FORCE, country="TJ")
    report = ck.Document(id="doc:r", title="Report", text="The army deployed to the border.")
    moved = ck.MilitaryMovement(
        id="move:1",
        evidence=(ck.Evidence.locate(report, "deployed to the border"),),
        actor="actor:army",
        kind=ck.MovementKind.DEPLOYMENT,
        status=ck.MovementStatus.COMPLETED,
        destination="loc:border",
        date=ck.DateSpan.on(date(2021, 7, 5)),
    )
    lost: list[Loss] = []
    [row] = plover.export_records(ck.Dataset(records=[near, force, report, moved]), on_loss=lost.append)
    assert row["eventLoc"]["lat"] == 37.0
    [imprecise] = [loss for loss in lost if loss.record == "loc:border"]
    assert imprecise.field == "coordinates"
    assert "(near)" in imprecise.reason
