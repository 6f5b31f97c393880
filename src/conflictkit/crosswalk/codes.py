"""Codebook tables: a format's codes, what they mean, and what conflictkit holds for each.

Each small vocabulary of a format (ACLED's inter codes and precisions, UCDP GED's type of violence
and precisions) is one :class:`CodeTable`, written once in code: importers read codes through it,
exporters write codes through it, and the documentation renders it, so the three cannot drift.
Where several codes share one conflictkit value the way back cannot tell them apart; such entries
carry a ``lossy`` note saying what is lost, and tests check that every such entry has one.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterator, Mapping
from types import MappingProxyType
from typing import Generic, TypeVar

import attrs

from conflictkit.records import Record

__all__ = ["CodeEntry", "CodeTable", "Representation"]

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


@attrs.frozen(kw_only=True)
class Representation:
    """The conflictkit record a format's category becomes: its class and the values that say what it is.

    >>> from conflictkit import Incident, IncidentKind
    >>> Representation.of(Incident, IncidentKind.AIR_STRIKE).describe()
    'Incident (air_strike)'
    """

    record: type[Record]
    """The record class."""

    kind: enum.Enum
    """Its kind (or, for a control record, its change; for a statement, its speech act)."""

    detail: enum.Enum | None = None
    """A second value where one is needed: a control change's method, an interaction's mode, a
    statement's channel, a movement's status."""

    @classmethod
    def of(cls, record: type[Record], kind: enum.Enum, detail: enum.Enum | None = None) -> Representation:
        """A representation (shorthand for the keyword form)."""
        return cls(record=record, kind=kind, detail=detail)

    def describe(self) -> str:
        """The representation in words, as the documentation shows it."""
        detail = f", {self.detail.value}" if self.detail is not None else ""
        return f"{self.record.__name__} ({self.kind.value}{detail})"

    @classmethod
    def candidates(cls, record: Record) -> Iterator[Representation]:
        """The representations ``record`` fits, the most specific first (with its detail, then without)."""
        for base, kind_field, detail_field in _FIELDS:
            if isinstance(record, base):
                kind = getattr(record, kind_field)
                if kind is None:
                    return
                detail = getattr(record, detail_field) if detail_field else None
                if detail is not None:
                    yield cls(record=base, kind=kind, detail=detail)
                yield cls(record=base, kind=kind)
                return


def _fields() -> tuple[tuple[type[Record], str, str | None], ...]:
    from conflictkit.control import TerritorialControl
    from conflictkit.incidents import Incident
    from conflictkit.interactions import Interaction
    from conflictkit.movements import MilitaryMovement
    from conflictkit.statements import Statement

    return (
        (Incident, "kind", None),
        (Interaction, "kind", "mode"),
        (TerritorialControl, "change", "method"),
        (MilitaryMovement, "kind", "status"),
        (Statement, "act", "channel"),
    )


_FIELDS = _fields()
