"""Every code of each published codebook maps; every mapping is reversible or documented as lossy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.codes import CodeEntry, CodeTable, Representation

# The codebooks, as published (ACLED codebook 2023; UCDP GED codebook 23.1; PLOVER manual 2021).
ACLED_SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
ACLED_INTER = {str(n) for n in range(9)} | {
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
}
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "DEMAND",
    "DISAPPROVE",
    "INVESTIGATE",
    "FIGHT",
}
PLOVER_MODES = {
    "CONSULT": {"phone", "visit", "host", "multilateral"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"arrest", "detain", "deport", "confiscate", "ban", "curfew", "censor", "restrict", "seize"},
    "ASSAULT": {"beat", "firearms", "explosives", "aerial", "primitive", "sexual", "torture", "assassinate"},
}


def test_every_acled_event_and_sub_event_type_maps() -> None:
    published = {(event, sub) for event, subs in ACLED_SUB_EVENTS.items() for sub in subs}
    assert set(acled.SUB_EVENT_TYPES) == published


def test_every_acled_inter_code_and_label_maps() -> None:
    assert {entry.code for entry in acled.INTER_CODES} == ACLED_INTER


def test_every_plover_event_type_and_listed_mode_maps() -> None:
    assert {event for event, _ in plover.EVENT_TYPES} == PLOVER_TYPES
    for event, modes in PLOVER_MODES.items():
        assert modes <= {mode for e, mode in plover.EVENT_TYPES if e == event}, event


def test_every_ucdp_code_maps() -> None:
    assert {e.code for e in ucdp.TYPE_OF_VIOLENCE} == {"1", "2", "3"}
    assert {e.code for e in ucdp.WHERE_PRECISION} == {str(n) for n in range(1, 8)}
    assert {e.code for e in ucdp.DATE_PRECISION} == {str(n) for n in range(1, 6)}


TABLES = [
    acled.INTER_CODES,
    acled.TIME_PRECISION,
    acled.GEO_PRECISION,
    ucdp.TYPE_OF_VIOLENCE,
    ucdp.WHERE_PRECISION,
    ucdp.DATE_PRECISION,
]


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_code_tables_are_reversible_or_say_what_is_lost(table: CodeTable[object]) -> None:
    for entry in table.ambiguous():
        if table.code_of[entry.value] != entry.code:
            assert entry.lossy, f"{table.name} {entry.code!r}"
    for entry in table:
        if entry.lossy is None:
            assert table.value_of[table.code_of[entry.value]] == entry.value


def _reversible(table: Mapping[Any, Representation], lossy: set[Any]) -> None:
    seen: dict[Representation, Any] = {}
    for key, representation in table.items():
        if representation in seen:
            assert key in lossy or seen[representation] in lossy, (key, seen[representation])
        seen.setdefault(representation, key)


def test_acled_sub_event_types_are_one_to_one() -> None:
    _reversible(acled.SUB_EVENT_TYPES, set())


def test_plover_types_sharing_a_representation_are_listed_as_lossy() -> None:
    _reversible(plover.EVENT_TYPES, set(plover.LOSSY))


def test_a_code_table_rejects_a_repeated_code() -> None:
    with pytest.raises(ValueError, match="twice"):
        CodeTable(
            name="x",
            entries=(CodeEntry(code="1", meaning="a", value=1), CodeEntry(code="1", meaning="b", value=2)),
        )
