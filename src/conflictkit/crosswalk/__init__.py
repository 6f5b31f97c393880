"""Crosswalks between conflictkit and the anchors' codebooks: ACLED, UCDP GED and PLOVER.

Each codebook has a module of its own (:mod:`conflictkit.crosswalk.acled`,
:mod:`conflictkit.crosswalk.ucdp`, :mod:`conflictkit.crosswalk.plover`) holding, as plain immutable
tables, the conflictkit representation of every category the codebook defines: which record type it
becomes and which vocabulary values that record carries. The documentation renders these tables, so
the two cannot drift apart.

Each module also reads and writes the format's own data: ``import_records(rows) -> Dataset`` and
``export_records(dataset) -> list[dict]``, with streaming variants ``iter_import`` and
``iter_export`` for files that do not fit in memory. What a format cannot hold is reported, record by
record (:mod:`conflictkit.crosswalk.losses`); ``conflictkit convert`` does the same on files.
"""

from __future__ import annotations

import enum
import typing
from typing import Any

import attrs

from conflictkit.core.errors import ConflictkitError
from conflictkit.core.validation import fields_of
from conflictkit.records.record import Record

__all__ = ["Representation", "UnknownCategoryError"]


class UnknownCategoryError(ConflictkitError, ValueError):
    """A category (event type, sub-event type, mode) that the codebook does not define."""


@attrs.frozen
class Representation:
    """How conflictkit represents one category of another codebook.

    >>> from conflictkit import Incident, IncidentKind
    >>> from conflictkit.crosswalk import Representation
    >>> clash = Representation(Incident, (("kind", IncidentKind.ARMED_CLASH),))
    >>> str(clash)
    'Incident(kind=armed_clash)'
    >>> clash.value_of("kind")
    <IncidentKind.ARMED_CLASH: 'armed_clash'>
    """

    record: type[Record]
    """The record type that represents the category."""

    values: tuple[tuple[str, enum.Enum], ...] = ()
    """The vocabulary values the record carries, as ``(field name, value)`` pairs."""

    note: str = ""
    """What else to know: what the record cannot hold, or the companion records it takes."""

    def __attrs_post_init__(self) -> None:
        hints = typing.get_type_hints(self.record)
        names = {field.name for field in fields_of(self.record)}
        for name, value in self.values:
            if name not in names:
                raise ValueError(f"{self.record.__name__} has no field {name!r}")
            if type(value) not in _types_in(hints[name]):
                raise TypeError(f"{self.record.__name__}.{name} cannot hold {value!r}")

    def value_of(self, name: str) -> enum.Enum | None:
        """The value the representation gives the field ``name``, or ``None``."""
        return next((value for field, value in self.values if field == name), None)

    def __str__(self) -> str:
        """The representation as a short call, e.g. ``Incident(kind=armed_clash)``."""
        settings = ", ".join(f"{name}={value.value}" for name, value in self.values)
        return f"{self.record.__name__}({settings})"


def _types_in(annotation: Any) -> set[Any]:
    found = {annotation}
    for argument in typing.get_args(annotation):
        found |= _types_in(argument)
    return found
