"""The seed's incidents, interactions and speech acts say what the report says, and no more."""

from __future__ import annotations

import pytest

from conflictkit import (
    Casualties,
    Dataset,
    EventContext,
    Incident,
    IncidentKind,
    Interaction,
    InteractionKind,
    Qualifier,
    SpeechAct,
    Statement,
    load_seed,
)


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return load_seed()


def test_the_ishkashim_captures_are_an_incident_by_the_taliban(seed: Dataset) -> None:
    captures = seed["inc:ishkashim-captures"]
    assert isinstance(captures, Incident)
    assert captures.kind is IncidentKind.CAPTURE
    assert captures.perpetrators == ("actor:taliban",)
    assert captures.targets == ("actor:afghan-security-forces",)
    assert captures.location == "loc:ishkashim"
    (casualties,) = captures.casualties
    assert casualties.side == "actor:afghan-security-forces"
    assert casualties.captured is not None
    assert (casualties.captured.text, casualties.captured.qualifier) == ("dozens", Qualifier.DOZENS)
    # "dozens" stays unnumbered, as the seed's rule says; ACLED's 12 is derived, never stored.
    assert (casualties.captured.low, casualties.captured.best, casualties.captured.high) == (None, None, None)
    assert casualties.captured.conservative_estimate == 12
    assert "dozens were captured by the Taliban in Ishkashim district" in captures.evidence[0].quote


def test_nothing_is_invented_the_report_gives_no_deaths_or_injuries(seed: Dataset) -> None:
    sides: list[Casualties] = [side for incident in seed.of_type(Incident) for side in incident.casualties]
    assert sides
    assert all(side.killed is None and side.injured is None and side.missing is None for side in sides)
    for word in ("killed", "dead", "wounded", "injured"):
        assert word not in seed_report(seed)


def seed_report(seed: Dataset) -> str:
    text = seed["doc:2021-07-05-tajikistan-border"].text  # type: ignore[attr-defined]
    assert isinstance(text, str)
    return text


@pytest.mark.parametrize(
    ("statement_id", "act"),
    [
        ("stmt:putin-assures-rahmon", SpeechAct.ASSURE),
        ("stmt:tajik-presidents-office-concern", SpeechAct.EXPRESS_CONCERN),
        ("stmt:rahmon-forcible-crossing", SpeechAct.DISAPPROVE),
        ("stmt:rahmon-calls-mirziyoyev", SpeechAct.CONSULT),
        ("stmt:rahmon-calls-tokaev", SpeechAct.CONSULT),
        ("stmt:ghani-calls-rahmon", SpeechAct.CONSULT),
        ("stmt:mohib-security-talks-in-moscow", SpeechAct.CONSULT),
        ("stmt:mohib-counter-offensive", SpeechAct.THREATEN),
    ],
)
def test_statements_carry_the_speech_acts_the_report_makes_plain(
    seed: Dataset, statement_id: str, act: SpeechAct
) -> None:
    statement = seed[statement_id]
    assert isinstance(statement, Statement)
    assert statement.act is act


def test_at_least_five_statements_carry_a_speech_act(seed: Dataset) -> None:
    assert sum(statement.act is not None for statement in seed.of_type(Statement)) >= 5


def test_the_threatened_counter_offensive_is_what_the_threat_is_about(seed: Dataset) -> None:
    threat = seed["stmt:mohib-counter-offensive"]
    assert isinstance(threat, Statement)
    assert "move:afghan-counter-offensive" in threat.about


def test_the_consulate_suspension_is_an_interaction(seed: Dataset) -> None:
    suspension = seed["int:russian-consulate-suspended"]
    assert isinstance(suspension, Interaction)
    # A precaution, not a punishment: the report gives no target and no penalty, so not SANCTION.
    assert (suspension.kind, suspension.mode) == (InteractionKind.OTHER, None)
    assert suspension.sources == ("actor:russian-government",)
    assert suspension.targets == ()  # the report names no one it is aimed at
    assert suspension.location == "loc:russian-consulate-mazar-e-sharif"
    assert suspension.contexts == (EventContext.DIPLOMATIC,)
    assert suspension.evidence[0].reported_by == "actor:tass"
    assert {inference.field for inference in suspension.inferred} == {"kind", "sources"}
