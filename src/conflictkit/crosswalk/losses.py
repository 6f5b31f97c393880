"""What an export leaves out, and why: a format that cannot hold a fact says so, per record.

Every exporter takes an ``on_loss`` callback that receives one :class:`Loss` per fact left out or
changed (a statement has no ACLED row; "hundreds" becomes ACLED's conservative 100). Without a
callback the losses are not dropped either: they are issued as one :class:`LossWarning` that counts
them and shows the first few.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs

from conflictkit.core.errors import with_article
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import Relation
from conflictkit.values.dates import DateSpan

__all__ = ["Loss", "LossHandler", "LossWarning", "Losses", "Reporter", "unheld_fields", "unmapped"]


@attrs.frozen(kw_only=True)
class Loss:
    """A fact of one record that a format cannot hold as it is: left out, or written less exactly.

    >>> from conflictkit.crosswalk.losses import *
    >>> print(Loss(record="st:1", format="acled", reason="a statement has no ACLED row"))
    st:1: not in acled: a statement has no ACLED row
    """

    record: str
    """Id of the record the fact belongs to."""

    format: str
    """The format written: ``"acled"``, ``"ucdp"`` or ``"plover"``."""

    reason: str
    """What was left out or changed, and why."""

    field: str | None = None
    """The record's field concerned, or ``None`` when the whole record is left out of the export."""

    def __str__(self) -> str:
        where = self.record if self.field is None else f"{self.record}.{self.field}"
        return f"{where}: not in {self.format}: {self.reason}"


LossHandler = Callable[[Loss], object]
"""A callback receiving each :class:`Loss`, e.g. ``losses.append``."""


class LossWarning(UserWarning):
    """Issued when an export left facts out and no ``on_loss`` callback was given to receive them."""


class Losses:
    """Hands losses to a callback, or gathers them into one warning when there is none.

    >>> from conflictkit.crosswalk.losses import *
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     with Losses(None) as losses:
    ...         losses.report(Loss(record="st:1", format="acled", reason="a statement has no ACLED row"))
    >>> print(caught[0].message)
    1 fact left out of acled (pass on_loss to receive each):
      st:1: not in acled: a statement has no ACLED row
    """

    __slots__ = ("_count", "_handler", "_kept")
    _SHOWN = 5

    def __init__(self, handler: LossHandler | None) -> None:
        self._handler = handler
        self._kept: list[Loss] = []  # only the first few, which the warning shows: a stream may lose millions
        self._count = 0

    def report(self, loss: Loss) -> None:
        """Pass on one loss."""
        if self._handler is not None:
            self._handler(loss)
            return
        self._count += 1
        if len(self._kept) < self._SHOWN:
            self._kept.append(loss)

    def __enter__(self) -> Losses:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._kept:
            return
        count = self._count
        shown = [f"  {loss}" for loss in self._kept]
        if count > self._SHOWN:
            shown.append(f"  ... and {count - self._SHOWN} more")
        facts = f"{count} fact{'s' * (count != 1)}"
        header = f"{facts} left out of {self._kept[0].format} (pass on_loss to receive each):"
        warnings.warn("\n".join([header, *shown]), LossWarning, stacklevel=3)


def unmapped(record: Record, format: str) -> Loss:
    """The loss of a whole record that ``format`` has no place for.

    A relation between claims, a record of a type no module defines (read with ``keep_unknown``),
    or another crosswalk's record.

    >>> from conflictkit import Inference, Record, Relation, RelationKind, from_json
    >>> from conflictkit.crosswalk.losses import unmapped
    >>> why = Inference(field="kind", reason="the report tells them in this order")
    >>> relation = Relation(id="r1", source="a", kind=RelationKind.FOLLOWS, target="b", inferred=(why,))
    >>> print(unmapped(relation, "acled"))
    r1: not in acled: acled has no place for a relation between claims (follows)
    >>> opaque = from_json('{"type": "acme.sighting", "id": "x1"}', Record, keep_unknown=True)
    >>> print(unmapped(opaque, "ucdp"))
    x1: not in ucdp: a record of the unknown type 'acme.sighting', which ucdp has no mapping for
    """
    if isinstance(record, OpaqueRecord):
        reason = f"a record of the unknown type {record.type_tag!r}, which {format} has no mapping for"
    elif isinstance(record, Relation):
        reason = f"{format} has no place for a relation between claims ({record.kind.value})"
    else:
        reason = f"{format} has no place for {with_article(type(record).__name__)}"
    return Loss(record=record.id, format=format, reason=reason)


def unheld_fields(record: Model, held: frozenset[str]) -> list[str]:
    """The fields of ``record`` that have a value (not their default) but are not in ``held``.

    ``id``, ``evidence`` and ``inferred`` are never listed: ids are how records are found, evidence
    is reported by each format on its own terms, and inference notes describe how a value was
    derived, not a fact.

    >>> from conflictkit.crosswalk.losses import *
    >>> from conflictkit import Actor, ActorKind
    >>> unheld_fields(Actor(id="a", name="Taliban", kind=ActorKind.ARMED_GROUP, aliases=("Taleban",)),
    ...               frozenset({"name", "kind"}))
    ['aliases']
    """
    skipped = {"id", "evidence", "inferred"}
    found = []
    for field in fields_of(type(record)):
        if field.name in held or field.name in skipped:
            continue
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs types Factory as a function
            default = default.factory()
        if getattr(record, field.name) != default:
            found.append(field.name)
    return found


class Reporter:
    """The part of an exporter that reports losses: one format, its held fields, seen records.

    ``held`` maps record classes to the fields the format holds for them; :meth:`unheld` reports the
    others, once per actor and place however many events name them.
    """

    def __init__(
        self,
        format_name: str,
        held: Mapping[type[Record], frozenset[str]],
        lookup: Callable[[str], Record | None],
        losses: Losses,
    ) -> None:
        self.format_name = format_name
        self.held = held
        self.lookup = lookup
        self.losses = losses
        self.checked: set[str] = set()
        self.default_date: date | None = None

    def date_of(self, record: Record) -> DateSpan | None:
        """The record's date; else its source's publication date, else the default date (reported)."""
        when = getattr(record, "date", None)
        if isinstance(when, DateSpan):
            return when
        from conflictkit.crosswalk.building import source_date

        when = source_date(record, self.lookup)
        if when is not None:
            self.loss(record, f"has no date: written with its source's publication date, {when}", "date")
            return when
        if self.default_date is not None:
            when = DateSpan.on(self.default_date)
            self.loss(record, f"has no date: written with the default date, {when}", "date")
        return when

    def loss(self, record: Record, reason: str, field: str | None = None) -> None:
        """Report that ``record`` (or its ``field``) is left out or changed, and why."""
        self.losses.report(Loss(record=record.id, format=self.format_name, reason=reason, field=field))

    def unmapped(self, record: Record) -> None:
        """Report that the format has no place for ``record`` at all (see :func:`unmapped`)."""
        self.losses.report(unmapped(record, self.format_name))

    def unheld(self, record: Record | None, *, also: frozenset[str] = frozenset()) -> None:
        """Report each field of ``record`` with a value the format has no place for."""
        if record is None or record.id in self.checked:
            return
        if not _is_event_like(record):
            self.checked.add(record.id)  # actors and places: once
        held = next((fields for cls, fields in self.held.items() if isinstance(record, cls)), frozenset())
        for name in unheld_fields(record, held | also):
            self.loss(record, f"{self.format_name} has no place for it", name)


def _is_event_like(record: Record) -> bool:
    from conflictkit.records.actors import Actor
    from conflictkit.records.documents import Document
    from conflictkit.records.locations import Location

    return not isinstance(record, (Actor, Location, Document))
