"""Every code of each published codebook maps; every mapping is reversible or documented as lossy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from conflictkit.crosswalk import Representation, acled, plover, ucdp
from conflictkit.crosswalk.codes import CodeEntry, CodeTable

# The codebooks, as published (ACLED codebook 2023: actor types; UCDP GED codebook 23.1).
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


def test_every_acled_inter_code_and_label_maps() -> None:
    assert {entry.code for entry in acled.INTER_CODES} == ACLED_INTER


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


def _reversible(table: Mapping[Any, Representation], lossy: Mapping[Any, str]) -> None:
    """Categories that share a representation cannot be told apart on the way back: each but the
    first must say so (the table's note, or the module's list of lossy categories)."""
    first: dict[tuple[type, tuple[tuple[str, object], ...]], Any] = {}
    for key, representation in table.items():
        shared = (representation.record, representation.values)
        if shared in first:
            assert representation.note or key in lossy, (key, first[shared])
        first.setdefault(shared, key)


def test_acled_sub_event_types_are_one_to_one() -> None:
    shared = [r for r in acled.REPRESENTATIONS.values() if list(acled.REPRESENTATIONS.values()).count(r) > 1]
    assert shared == []


def test_plover_categories_sharing_a_representation_say_what_is_lost() -> None:
    _reversible(plover.REPRESENTATIONS, plover.LOSSY)


def test_a_code_table_rejects_a_repeated_code() -> None:
    with pytest.raises(ValueError, match="twice"):
        CodeTable(
            name="x",
            entries=(CodeEntry(code="1", meaning="a", value=1), CodeEntry(code="1", meaning="b", value=2)),
        )


def test_every_actor_kind_has_an_inter_code_and_a_sector() -> None:
    from conflictkit import ActorKind

    assert set(acled._INTER_OF_KIND) == set(ActorKind)
    assert set(plover._SECTOR_OF_KIND) == set(ActorKind)
