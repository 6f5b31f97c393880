"""Events: the claims that describe one real-world happening, and their figures reconciled.

Claims stay separate records; :attr:`~conflictkit.RelationKind.SAME_EVENT` relations say which of
them describe one event. :func:`group_events` joins them transitively into :class:`Event` groups,
so that counting events never counts one event twice, and reconciles each figure the claims report
into a UCDP-style best, low and high, keeping every source's own figure beside it.

The reconciliation rule, for the figures the claims of one event give in the same field:

* **low** is the lowest lower bound any claim gives (its ``low``, else its ``best``), as UCDP's
  *low* is the lowest reliable estimate; it is exclusive ("more than 1,000") when every claim
  giving it words it "more than";
* **high** is the highest upper bound any claim gives (its ``high``, else its ``best``). A claim
  with no upper bound ("more than a thousand") does not raise it: UCDP's *high* is the highest
  figure a source gives, not an open bound;
* **best** is the lower median of the claims' own best estimates, so it is always a figure some
  source gave; ``None`` when no claim gives one;
* a figure whose qualifier is ``unknown`` gives no number and is only listed;
* casualty figures are matched by side, not by position, since claims may list the sides in any
  order: the field of the Taliban's killed is ``casualties['actor:taliban'].killed``.

:attr:`~conflictkit.ReconciledFigure.agree` says whether one number satisfies every claim's
bounds; when it does not, the claims contradict each other on the figure even though they
describe one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from conflictkit.core.errors import PathSegment, format_path
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of
from conflictkit.records.record import Record
from conflictkit.records.relations import EventRole, Relation, RelationKind, can_be_same_event, event_role_of
from conflictkit.values.casualties import Casualties
from conflictkit.values.dates import DateSpan
from conflictkit.values.quantities import Qualifier, Quantity

__all__ = ["Event", "ReconciledFigure", "SourcedFigure", "group_events", "reconcile"]

Number = int | float


@attrs.frozen(kw_only=True)
class SourcedFigure:
    """One claim's own figure for a field, with who reported it."""

    claim: str
    """Id of the record that gives the figure."""

    field: str
    """Where the figure sits in the record, as a path: ``"size"``, ``"count"``."""

    quantity: Quantity
    """The figure exactly as the claim records it."""

    reported_by: tuple[str, ...]
    """Ids of the outlets that reported the claim's evidence, e.g. Reuters."""

    attributed_to: tuple[str, ...]
    """Ids of the parties the claim's evidence is attributed to, e.g. a border service."""

    casualty: str | None = None
    """For a figure of :class:`~conflictkit.Casualties`, which one it is (``"killed"``, ...)."""

    side: str | None = None
    """For a figure of :class:`~conflictkit.Casualties`, the side it counts; ``None`` if none is named."""


@attrs.frozen(kw_only=True)
class ReconciledFigure:
    """The figures the claims of one event give for one field, reconciled UCDP-style.

    See :mod:`conflictkit.dataset.events` for the rule. ``figures`` keeps every claim's own figure.
    """

    field: str
    """The field the figures are given in, e.g. ``"size"``."""

    best: Number | None
    """The lower median of the claims' best estimates; ``None`` if no claim gives one."""

    low: Number | None
    """The lowest lower bound (or best estimate) any claim gives."""

    high: Number | None
    """The highest upper bound (or best estimate) any claim gives."""

    low_exclusive: bool = False
    """Whether ``low`` itself is excluded: every claim that gives it says "more than" it."""

    figures: tuple[SourcedFigure, ...]
    """Each claim's own figure, in dataset order."""

    @property
    def casualty(self) -> str | None:
        """For casualties, which figure the claims give (``"killed"``, ...); ``None`` for any other."""
        return self.figures[0].casualty if self.figures else None

    @property
    def side(self) -> str | None:
        """For casualties, the side the figures count; ``None`` if none is named, or for any other."""
        return self.figures[0].side if self.figures else None

    @property
    def units(self) -> tuple[str, ...]:
        """The units the claims count in, each once, in order ("Afghan troops", ...)."""
        return tuple(dict.fromkeys(figure.quantity.unit for figure in self.figures))

    @property
    def agree(self) -> bool:
        """Whether one number satisfies the bounds and exact figures of every claim."""
        lowest_allowed: tuple[Number, bool] | None = None  # (bound, strict)
        highest_allowed: tuple[Number, bool] | None = None  # (bound, inclusive)
        for figure in self.figures:
            lower, upper = _bounds(figure.quantity)
            if lower is not None and (lowest_allowed is None or lower > lowest_allowed):
                lowest_allowed = lower
            if upper is not None and (highest_allowed is None or upper < highest_allowed):
                highest_allowed = upper
        if lowest_allowed is None or highest_allowed is None:
            return True
        (low, low_strict), (high, high_inclusive) = lowest_allowed, highest_allowed
        return low < high or (low == high and not low_strict and high_inclusive)

    def __str__(self) -> str:
        def shown(number: Number | None) -> str:
            return "?" if number is None else f"{number:,g}"

        low = f"more than {shown(self.low)}" if self.low_exclusive else f"low {shown(self.low)}"
        return f"best {shown(self.best)} ({low}, high {shown(self.high)})"


def _bounds(quantity: Quantity) -> tuple[tuple[Number, bool] | None, tuple[Number, bool] | None]:
    # A "more than" bound is strict (1,000 is not "more than a thousand"); other bounds are not.
    # The flags make tuple order rank the tighter bound first: a strict lower bound (n, True)
    # above an inclusive (n, False); a strict upper bound (n, False) below an inclusive (n, True).
    lower = quantity.low if quantity.low is not None else quantity.best
    upper = quantity.high if quantity.high is not None else quantity.best
    strict_low = quantity.qualifier is Qualifier.MORE_THAN and quantity.low is not None
    strict_high = quantity.qualifier is Qualifier.LESS_THAN and quantity.high is not None
    return (
        None if lower is None else (lower, strict_low),
        None if upper is None else (upper, not strict_high),
    )


def reconcile(field: str, figures: Sequence[SourcedFigure]) -> ReconciledFigure:
    """Reconcile the figures several claims give for one field (see the module's rule).

    >>> claims = [SourcedFigure(claim=name, field="size", quantity=quantity, reported_by=(),
    ...                         attributed_to=()) for name, quantity in [
    ...     ("a", Quantity(low=1000, qualifier=Qualifier.MORE_THAN, unit="troops")),
    ...     ("b", Quantity(best=1037, unit="troops"))]]
    >>> figure = reconcile("size", claims)
    >>> print(figure)
    best 1,037 (more than 1,000, high 1,037)
    >>> figure.agree  # 1,037 is more than a thousand
    True
    """
    bests = sorted(figure.quantity.best for figure in figures if figure.quantity.best is not None)
    lows = [_lower(figure.quantity) for figure in figures]
    highs = [_upper(figure.quantity) for figure in figures]
    known_lows = [number for number in lows if number is not None]
    known_highs = [number for number in highs if number is not None]
    low = min(known_lows) if known_lows else None
    # "more than 1,000" and "1,000" together reconcile to a low of 1,000 that is not excluded.
    giving_low = [figure.quantity for figure, number in zip(figures, lows, strict=True) if number == low]
    return ReconciledFigure(
        field=field,
        best=bests[(len(bests) - 1) // 2] if bests else None,
        low=low,
        high=max(known_highs) if known_highs else None,
        low_exclusive=low is not None
        and all(quantity.qualifier is Qualifier.MORE_THAN and quantity.low == low for quantity in giving_low),
        figures=tuple(figures),
    )


def _lower(quantity: Quantity) -> Number | None:
    return quantity.low if quantity.low is not None else quantity.best


def _upper(quantity: Quantity) -> Number | None:
    return quantity.high if quantity.high is not None else quantity.best


@attrs.frozen(kw_only=True)
class Event:
    """One real-world event: the claims that describe it, joined by ``same_event`` relations.

    A claim no relation joins to another is an event of its own. Records ``part_of`` a claim of
    the event (of a family that could be one event with it) are its :attr:`parts`: a subset such
    as three of the 26 districts captured is not an event apart.
    """

    claims: tuple[Record, ...]
    """The records describing the event, in dataset order; at least one."""

    links: tuple[Relation, ...] = ()
    """The ``same_event`` and ``part_of`` relations that join the claims and parts, in dataset order."""

    parts: tuple[Record, ...] = ()
    """The records that are part of the event rather than the whole of it, in dataset order. Their
    figures count part of the whole, so :meth:`figures` leaves them out."""

    @property
    def id(self) -> str:
        """The id of the event's first claim, which stands for the event."""
        return self.claims[0].id

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The ids of the claims, in order."""
        return tuple(claim.id for claim in self.claims)

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of every outlet and party the claims' evidence names, each once, in order."""
        found: list[str] = []
        for claim in self.claims:
            for evidence in claim.evidence:
                found.extend(actor for actor in (evidence.reported_by, evidence.attributed_to) if actor)
        return tuple(dict.fromkeys(found))

    @property
    def date(self) -> DateSpan | None:
        """The narrowest ``date`` any claim gives, or ``None`` if none is dated."""
        dates = [
            claim_date
            for claim in self.claims
            if isinstance(claim_date := getattr(claim, "date", None), DateSpan)
        ]
        return min(dates, key=lambda span: span.latest - span.earliest, default=None)

    def figures(self) -> tuple[ReconciledFigure, ...]:
        """One reconciled figure per field any claim gives a quantity in, in order of first use."""
        # Grouped by the path itself: its rendering shortens a long key, which two sides may share.
        by_path: dict[tuple[PathSegment, ...], list[SourcedFigure]] = {}
        for claim in self.claims:
            outlets = _unique(evidence.reported_by for evidence in claim.evidence)
            parties = _unique(evidence.attributed_to for evidence in claim.evidence)
            for path, quantity, casualty in _quantities_of(claim):
                by_path.setdefault(path, []).append(
                    SourcedFigure(
                        claim=claim.id,
                        field=format_path(path)[2:],  # "$.size" -> "size"
                        quantity=quantity,
                        reported_by=outlets,
                        attributed_to=parties,
                        casualty=casualty[1] if casualty else None,
                        side=casualty[0] if casualty else None,
                    )
                )
        return tuple(reconcile(figures[0].field, figures) for figures in by_path.values())

    def figure(self, field: str) -> ReconciledFigure | None:
        """The reconciled figure for ``field`` (e.g. ``"size"``), or ``None`` if no claim gives one."""
        return next((figure for figure in self.figures() if figure.field == field), None)


_UNSPECIFIED_SIDE = "unspecified side"


def _quantities_of(
    value: Model, path: tuple[PathSegment, ...] = (), side: tuple[str | None] | None = None
) -> Iterator[tuple[tuple[PathSegment, ...], Quantity, tuple[str | None, str] | None]]:
    """Every :class:`~conflictkit.Quantity` inside a record or value, with its path, in field order.

    Each comes with ``(side, figure)`` when it is a figure of :class:`~conflictkit.Casualties`
    (``side`` holds the side's id, ``(None,)`` for none named), else ``None``.
    """
    for field in fields_of(type(value)):
        if not field.init:
            continue
        item = getattr(value, field.name)
        where = (*path, field.name)
        if isinstance(item, Quantity):
            yield where, item, (None if side is None else (side[0], field.name))
        elif isinstance(item, Model):
            yield from _quantities_of(item, where)
        elif isinstance(item, tuple):
            for index, element in enumerate(item):
                if isinstance(element, Quantity):
                    yield (*where, index), element, None
                elif isinstance(element, Casualties):
                    # Claims list sides in any order: a side's figures are matched by its actor.
                    at = (*where, element.side or _UNSPECIFIED_SIDE)
                    yield from _quantities_of(element, at, (element.side,))
                elif isinstance(element, Model):
                    yield from _quantities_of(element, (*where, index))


def group_events(records: Sequence[Record]) -> tuple[Event, ...]:
    """Group the event-like records into events, joining ``same_event`` relations transitively.

    Every record whose type derives from :class:`~conflictkit.EventLike` and whose
    :class:`~conflictkit.EventRole` is ``event`` lands in exactly one event, in the order of its
    first claim: as one of its claims, or as one of its :attr:`~conflictkit.Event.parts` when it
    is ``part_of`` another such record that it could be one event with. Conditions, plans and
    attributions are no events. Links that break the dataset's rules (an end that is missing, not
    event-like, or of a family that cannot be one event with the other) join nothing;
    ``Dataset.problems`` reports them.
    """
    first: dict[str, int] = {}
    for position, record in enumerate(records):
        if _counted(record):
            first.setdefault(record.id, position)
    parent = {position: position for position in first.values()}

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    joining: list[Relation] = []
    parts: set[int] = set()
    for relation in _joining_links(records):
        a, b = first.get(relation.source), first.get(relation.target)
        if a is None or b is None or a == b or not can_be_same_event(records[a], records[b]):
            continue
        joining.append(relation)
        if relation.kind is RelationKind.PART_OF:
            parts.add(a)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for position, record in enumerate(records):
        if first.get(record.id) == position:
            groups.setdefault(root(position), []).append(position)
        elif _counted(record):
            groups.setdefault(position, []).append(position)  # a duplicate id: an event of its own
    links: dict[int, list[Relation]] = {}
    for relation in joining:
        links.setdefault(root(first[relation.source]), []).append(relation)
    events = []
    for key, members in sorted(groups.items()):
        wholes = [records[at] for at in members if at not in parts]
        pieces = [records[at] for at in members if at in parts]
        if not wholes:  # part_of links in a cycle, which Dataset.problems reports: none is the whole
            wholes, pieces = pieces, []
        events.append(Event(claims=tuple(wholes), links=tuple(links.get(key, ())), parts=tuple(pieces)))
    return tuple(events)


def _counted(record: Record) -> bool:
    return event_role_of(record) is EventRole.EVENT


def _joining_links(records: Iterable[Record]) -> Iterator[Relation]:
    for record in records:
        if isinstance(record, Relation) and record.kind in (RelationKind.SAME_EVENT, RelationKind.PART_OF):
            yield record


def _unique(ids: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(actor for actor in ids if actor is not None))
