"""Codebook tables: a format's codes, what they mean, and what conflictkit holds for each.

Each small vocabulary of a format (ACLED's inter codes and precisions, UCDP GED's type of violence
and precisions) is one :class:`CodeTable`, written once in code: importers read codes through it,
exporters write codes through it, and the documentation renders it, so the three cannot drift.
Where several codes share one conflictkit value the way back cannot tell them apart; such entries
carry a ``lossy`` note saying what is lost, and tests check that every such entry has one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from types import MappingProxyType
from typing import Generic, TypeVar

import attrs

from conflictkit.crosswalk import Representation
from conflictkit.records.record import Record

__all__ = [
    "CodeEntry",
    "CodeTable",
    "category_of",
    "describe_record",
    "fits",
    "lossy_exports",
    "sample_records",
]

V = TypeVar("V", bound=Hashable)


@attrs.frozen(kw_only=True)
class CodeEntry(Generic[V]):
    """One code of a codebook and the conflictkit value it stands for."""

    code: str
    """The code as the format writes it in a file, e.g. ``"2"`` or ``"Rebel group"``."""

    meaning: str
    """What the codebook says the code means."""

    value: V
    """The conflictkit value that holds it."""

    lossy: str | None = None
    """Why the code cannot be told back from the value alone, or ``None`` when it can."""


@attrs.frozen(kw_only=True)
class CodeTable(Generic[V]):
    """A codebook vocabulary mapped to conflictkit values, both ways.

    The first entry of a value is the code written for it on export.

    >>> from conflictkit.crosswalk.codes import *
    >>> from conflictkit import GeoPrecision
    >>> table = CodeTable(name="geo_precision", entries=(
    ...     CodeEntry(code="1", meaning="exact", value=GeoPrecision.EXACT),
    ...     CodeEntry(code="2", meaning="near", value=GeoPrecision.NEAR),
    ... ))
    >>> table.value_of["2"], table.code_of[GeoPrecision.EXACT]
    (<GeoPrecision.NEAR: 'near'>, '1')
    """

    name: str
    """The column or vocabulary the table is for, e.g. ``"inter1, inter2"``."""

    entries: tuple[CodeEntry[V], ...]
    """The codes, in codebook order."""

    value_of: Mapping[str, V] = attrs.field(init=False, repr=False, eq=False)
    """Each code's value."""

    code_of: Mapping[V, str] = attrs.field(init=False, repr=False, eq=False)
    """Each value's code for export: the first entry holding it."""

    def __attrs_post_init__(self) -> None:
        codes = [entry.code for entry in self.entries]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.name}: a code appears twice")
        object.__setattr__(self, "value_of", MappingProxyType({e.code: e.value for e in self.entries}))
        code_of: dict[V, str] = {}
        for entry in self.entries:
            code_of.setdefault(entry.value, entry.code)
        object.__setattr__(self, "code_of", MappingProxyType(code_of))

    def __iter__(self) -> Iterator[CodeEntry[V]]:
        """The entries, in codebook order."""
        return iter(self.entries)

    def ambiguous(self) -> tuple[CodeEntry[V], ...]:
        """Entries whose value another entry shares: their code cannot be told back from the value."""
        shared = [entry.value for entry in self.entries]
        return tuple(entry for entry in self.entries if shared.count(entry.value) > 1)


def fits(representation: Representation | None, record: Record) -> bool:
    """Whether ``record`` is of the representation's class and carries each of its values.

    >>> from conflictkit.crosswalk.codes import *
    >>> from conflictkit import Incident, IncidentKind
    >>> from conflictkit.crosswalk import acled
    >>> strike = Incident(id="inc:1", kind=IncidentKind.AIR_STRIKE)
    >>> fits(acled.REPRESENTATIONS["Explosions/Remote violence", "Air/drone strike"], strike)
    True
    >>> fits(acled.REPRESENTATIONS["Battles", "Armed clash"], strike)
    False
    """
    if representation is None or not isinstance(record, representation.record):
        return False
    return all(getattr(record, name) == value for name, value in representation.values)


K = TypeVar("K")


def category_of(table: Mapping[K, Representation], record: Record) -> K | None:
    """The category of ``table`` that ``record`` fits most closely (carrying the most of its values).

    Among equally close categories the first in the table (the codebook's order) wins; ``None`` when
    the record fits none.

    >>> from conflictkit.crosswalk.codes import *
    >>> from conflictkit import Statement, SpeechAct, StatementChannel
    >>> from conflictkit.crosswalk import plover
    >>> call = Statement(id="st:1", speaker="actor:a", act=SpeechAct.CONSULT,
    ...                  channel=StatementChannel.PHONE_CALL, paraphrase="discussed the border")
    >>> category_of(plover.REPRESENTATIONS, call)
    ('CONSULT', 'phone')
    """
    best: K | None = None
    closest = -1
    for key, representation in table.items():
        if len(representation.values) > closest and fits(representation, record):
            best, closest = key, len(representation.values)
    return best


def sample_records() -> Iterator[Record]:
    """One minimal record for every kind (and mode, method, status, channel) conflictkit has.

    The crosswalks' lossy mappings are computed by writing each of these and reading back what the
    format's category stands for.
    """
    from conflictkit.records.control import ControlChange, ControlMethod, TerritorialControl
    from conflictkit.records.incidents import Incident, IncidentKind
    from conflictkit.records.interactions import MODES_BY_KIND, Interaction
    from conflictkit.records.movements import MilitaryMovement, MovementKind, MovementStatus
    from conflictkit.records.statements import Statement
    from conflictkit.values.speech_acts import SpeechAct

    for incident_kind in IncidentKind:
        yield Incident(id="x", kind=incident_kind, location="loc:x")
    for change in ControlChange:
        for method in (None, *ControlMethod):
            yield TerritorialControl(id="x", territory="loc:x", change=change, method=method)
    for interaction_kind, modes in MODES_BY_KIND.items():
        for mode in (None, *sorted(modes, key=lambda m: m.value)):
            yield Interaction(id="x", kind=interaction_kind, mode=mode, sources=("actor:a",))
    for movement_kind in MovementKind:
        for status in (MovementStatus.ANNOUNCED, MovementStatus.COMPLETED):  # a plan, and what happened
            yield MilitaryMovement(id="x", actor="actor:a", kind=movement_kind, status=status)
    for act in SpeechAct:
        yield Statement(id="x", speaker="actor:a", addressee="actor:b", act=act, paraphrase="p")


def describe_record(record: Record) -> str:
    """A sample record's class and the values that say what it is, e.g. ``Incident(kind=torture)``."""
    parts = []
    for name in ("kind", "change", "method", "mode", "status", "act"):
        value = getattr(record, name, None)
        if value is not None:
            parts.append(f"{name}={value.value}")
    return f"{type(record).__name__}({', '.join(parts)})"


def lossy_exports(
    category_for: Callable[[Record], K | None], table: Mapping[K, Representation]
) -> list[tuple[str, K | None, str]]:
    """Every sample record a format writes inexactly, with its category and what that reads back as.

    The category is ``None`` (and the reading "no row") where the format has none for the record.

    >>> from conflictkit.crosswalk.codes import *
    >>> from conflictkit.crosswalk import acled
    >>> ("Incident(kind=torture)", ("Violence against civilians", "Attack"), "Incident(kind=attack)") in (
    ...     lossy_exports(acled.category_for, acled.REPRESENTATIONS))
    True
    """
    found: dict[str, tuple[str, K | None, str]] = {}
    for record in sample_records():
        category = category_for(record)
        entry: tuple[str, K | None, str]
        if category is None:
            entry = (describe_record(record), None, "no row: left out, reported")
        elif not fits(table[category], record):
            entry = (describe_record(record), category, str(table[category]))
        else:
            continue
        found.setdefault(entry[0], entry)
    return list(found.values())
