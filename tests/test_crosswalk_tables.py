"""The ACLED and PLOVER tables give every codebook category exactly one conflictkit home.

The codebook categories below are written out here, from the published codebooks, rather than
read from the tables under test, so that a category dropped from a table is caught.
"""

from __future__ import annotations

import pytest

from conflictkit import (
    EventContext,
    Incident,
    IncidentKind,
    Interaction,
    InteractionKind,
    SpeechAct,
    Statement,
    StatementChannel,
)
from conflictkit.crosswalk import Representation, UnknownCategoryError, acled, plover
from conflictkit.records.interactions import MODES_BY_KIND

ACLED_CODEBOOK = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}

PLOVER_CODEBOOK = {
    "AGREE": [],
    "CONSULT": ["phone", "visit", "host", "third-party", "multilateral"],
    "SUPPORT": [],
    "CONCEDE": [],
    "COOPERATE": [],
    "AID": ["economic", "military", "humanitarian", "asylum"],
    "RETREAT": ["withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"],
    "REQUEST": ["assist", "change", "yield", "meet"],
    "ACCUSE": ["disapprove", "investigate"],
    "REJECT": ["assist", "change", "yield", "meet"],
    "THREATEN": ["restrict", "ban", "arrest", "relations", "political", "expel", "territory", "violence"],
    "PROTEST": ["demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"],
    "SANCTION": ["convict", "cancel", "expel", "withdraw", "sever", "discontinue"],
    "MOBILIZE": ["troops", "weapons", "police"],
    "COERCE": [
        "arrest",
        "detain",
        "deport",
        "confiscate",
        "ban",
        "curfew",
        "censor",
        "restrict",
        "seize",
        "martial-law",
        "withhold",
    ],
    "ASSAULT": [
        "beat",
        "firearms",
        "explosives",
        "aerial",
        "primitive",
        "sexual",
        "torture",
        "assassinate",
        "abduct",
        "execute",
        "destroy",
        "suicide-attack",
        "heavy-weapons",
    ],
    "DEMAND": ["assist", "change", "yield", "meet"],
    "DISAPPROVE": [],
    "FIGHT": ["firearms", "heavy-weapons", "aerial"],
    "INVESTIGATE": [],
}

PLOVER_CONTEXTS = [
    "political", "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource",
    "culture", "disease", "enviro_disaster", "migration", "humanitarian", "legal", "human_rights",
    "rights_freedoms", "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity",
    "government", "election", "legislative", "cbrn", "cyber", "political_institutions", "corruption",
    "crime", "crime_murder", "crime_theft", "crime_drugs", "crime_sexual", "future", "historical",
    "hypothetical", "executive", "democracy", "asylum",
]  # fmt: skip

ACLED_PAIRS = [(event, sub) for event, subs in ACLED_CODEBOOK.items() for sub in subs]
PLOVER_PAIRS = [(event, mode) for event, modes in PLOVER_CODEBOOK.items() for mode in [None, *modes]]


@pytest.mark.parametrize(("event_type", "sub_event_type"), ACLED_PAIRS)
def test_every_acled_sub_event_type_has_a_home(event_type: str, sub_event_type: str) -> None:
    assert isinstance(acled.representation_of(event_type, sub_event_type), Representation)


def test_the_acled_table_holds_the_codebook_and_nothing_else() -> None:
    assert {event: list(subs) for event, subs in acled.EVENT_TYPES.items()} == ACLED_CODEBOOK
    assert sorted(acled.REPRESENTATIONS) == sorted(ACLED_PAIRS)


@pytest.mark.parametrize(("event_type", "mode"), PLOVER_PAIRS)
def test_every_plover_event_type_and_mode_has_a_home(event_type: str, mode: str | None) -> None:
    assert isinstance(plover.representation_of(event_type, mode), Representation)


def test_the_plover_table_holds_the_codebook_and_nothing_else() -> None:
    assert [*plover.EVENT_TYPES, *plover.LEGACY_EVENT_TYPES] == list(PLOVER_CODEBOOK)
    assert {event: sorted(modes) for event, modes in plover.MODES.items()} == {
        event: sorted(modes) for event, modes in PLOVER_CODEBOOK.items()
    }
    assert sorted(plover.REPRESENTATIONS, key=str) == sorted(PLOVER_PAIRS, key=str)


def test_every_plover_context_has_a_home() -> None:
    assert sorted(plover.CONTEXTS) == sorted(PLOVER_CONTEXTS)
    assert all(plover.CONTEXTS[code] is EventContext(code) for code in PLOVER_CONTEXTS)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: acled.representation_of("Battles", "Riot"), "no sub-event type 'Riot'"),
        (lambda: plover.representation_of("YIELD"), "no event type 'YIELD'"),
        (lambda: plover.representation_of("ASSAULT", "phone"), "no mode 'phone' of event type 'ASSAULT'"),
    ],
)
def test_an_unknown_category_is_an_error_naming_it(call: object, message: str) -> None:
    with pytest.raises(UnknownCategoryError, match=message) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)


def test_interaction_homes_use_modes_their_kind_allows() -> None:
    tables = [*acled.REPRESENTATIONS.values(), *plover.REPRESENTATIONS.values()]
    for representation in tables:
        if representation.record is Interaction:
            kind = representation.value_of("kind")
            mode = representation.value_of("mode")
            assert isinstance(kind, InteractionKind)
            assert mode is None or mode in MODES_BY_KIND[kind], representation


def test_consultation_homes_use_channels_a_consultation_allows() -> None:
    for representation in plover.REPRESENTATIONS.values():
        if representation.value_of("act") is SpeechAct.CONSULT:
            assert representation.value_of("channel") in (
                None,
                StatementChannel.PHONE_CALL,
                StatementChannel.MEETING,
            )


def test_every_incident_kind_is_the_home_of_a_category() -> None:
    homes = {
        representation.value_of("kind")
        for representation in [*acled.REPRESENTATIONS.values(), *plover.REPRESENTATIONS.values()]
        if representation.record is Incident
    }
    # territory_taken is the companion of a TerritorialControl, documented in the ACLED table's notes.
    assert set(IncidentKind) - homes == {IncidentKind.TERRITORY_TAKEN}
    assert any("territory_taken" in representation.note for representation in acled.REPRESENTATIONS.values())


def test_every_speech_act_names_its_plover_type() -> None:
    assert set(plover.SPEECH_ACTS) == set(SpeechAct)
    for event_type in plover.SPEECH_ACTS.values():
        if event_type is not None:
            assert plover.representation_of(event_type).record is Statement
    acts_with_own_type = {act for act, event_type in plover.SPEECH_ACTS.items() if event_type == act.name}
    assert {
        plover.representation_of(act.name).value_of("act") for act in acts_with_own_type
    } == acts_with_own_type


def test_a_representation_refuses_a_field_its_record_lacks() -> None:
    with pytest.raises(ValueError, match="has no field 'mode'"):
        Representation(Incident, (("mode", IncidentKind.ATTACK),))
    with pytest.raises(TypeError, match="cannot hold"):
        Representation(Incident, (("kind", InteractionKind.AID),))
