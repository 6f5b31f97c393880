"""Relations: typed, evidenced links between records, and the rules a dataset's links obey.

Conflicting or overlapping reports stay separate records, each with its own evidence; a
:class:`Relation` says how two of them relate (the same event, a part of another, a contradiction,
a sequence, a cause) without editing either, the way STIX 2.1 links objects with relationship
objects. Records that describe a real-world happening declare it by deriving from
:class:`EventLike`; :meth:`conflictkit.Dataset.events` groups them into events.
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, Protocol, TypeVar

import attrs

from conflictkit.core.errors import PathSegment, Problem, with_article
from conflictkit.core.validation import with_json_schema
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.values.references import reference

__all__ = [
    "EventLike",
    "EventRole",
    "Relation",
    "RelationKind",
    "can_be_same_event",
    "event_family_of",
    "event_role_of",
    "CHAINED_KINDS",
    "CycleState",
    "cycle_problems",
    "link_problems",
    "relation_problems",
]


class RelationKind(enum.Enum):
    """How the source record of a :class:`~conflictkit.Relation` relates to its target (compare STIX's verbs).

    Read a relation as a sentence: *source* ``part_of`` *target*, *source* ``follows`` *target*.
    """

    SAME_EVENT = "same_event"
    """Both claims describe one real-world event ("more than a thousand" and "1,037" crossed on
    Sunday). Symmetric; only between claims of one kind of event (see :class:`~conflictkit.EventLike`)."""
    PART_OF = "part_of"
    """The source is a subset or a part of the target: 3 of the 26 districts captured, a unit of a
    force, an office of a government. Never circular."""
    OVERLAPS = "overlaps"
    """The two claims cover some of the same things, without the report saying that one contains
    the other: "six key districts" seized and "26 of 28" captured. Symmetric."""
    MAY_OVERLAP = "may_overlap"
    """The claims may cover some of the same things, and the report does not say whether they do:
    152 people let in from Ishkashim and 1,037 troops across the border. Symmetric."""
    CONTRADICTS = "contradicts"
    """The claims cannot both be true as reported: a crossing "with Tajikistan's permission"
    against a "forcible crossing". Symmetric."""
    IN_TENSION = "in_tension"
    """The claims can both be true, but only if something the report does not say holds: crossings
    "blocked" and 152 let in (at different times), "hundreds" fled and "more than a thousand"
    crossed (in different flights). Weaker than ``contradicts``. Symmetric."""
    FOLLOWS = "follows"
    """The source happened after the target ("seized ... after 1,037 ... escaped")."""
    CAUSED_BY = "caused_by"
    """The source happened because of the target (forces fled because of an offensive)."""
    IN_RESPONSE_TO = "in_response_to"
    """The source is an actor's deliberate response to the target (a mobilisation answering a
    border crossing)."""
    SUPERSEDES = "supersedes"
    """The source corrects or updates the target, which it replaces (a revised toll)."""
    DUPLICATE_OF = "duplicate_of"
    """The source denotes the same entity as the target, under another name (STIX's
    ``duplicate-of``): an actor or a place recorded twice."""


SYMMETRIC_KINDS = frozenset(
    {
        RelationKind.SAME_EVENT,
        RelationKind.OVERLAPS,
        RelationKind.MAY_OVERLAP,
        RelationKind.CONTRADICTS,
        RelationKind.IN_TENSION,
        RelationKind.DUPLICATE_OF,
    }
)
"""The kinds that read the same both ways: ``a contradicts b`` is ``b contradicts a``."""


class EventRole(enum.Enum):
    """What an event-like record is to :meth:`conflictkit.Dataset.events`: an event, or not.

    A report says more than what happened: it sets the scene (a force stationed somewhere, talks
    that stall), tells what is planned, and says who reported what (the Border Service says 1,037
    crossed). Only records of role ``event`` are counted as events. A record ``part_of`` another
    event of its family is not counted apart either: it is listed among that event's
    :attr:`~conflictkit.Event.parts`.
    """

    EVENT = "event"
    """It describes a happening: an act, a change, a movement, a call. Counted by ``events()``."""
    CONDITION = "condition"
    """A standing state of affairs or a continuing background process the report gives as
    context (a force deployed in a country, talks that remain inconclusive, attacks that
    continue), not a happening of its own. Not counted; :meth:`conflictkit.Dataset.conditions`
    lists them."""
    PLANNED = "planned"
    """Announced, planned or being considered, and not begun when reported (a counter-offensive
    someone "will launch", troops to be out "by Sept. 11", camps being explored). Not counted:
    the announcement, where the dataset records it as a statement, is the event."""
    ATTRIBUTION = "attribution"
    """Statements only: its one role is to say who reported the claims in its ``about`` (the
    Border Service says 1,037 crossed; an official confirms hundreds fled). The claims' own
    :class:`~conflictkit.Evidence` names the party in ``attributed_to``; the statement keeps how
    and to whom it was said. Not counted: saying so is not an act."""


def _not_attribution(value: object) -> str | None:
    if value is EventRole.ATTRIBUTION:
        return "'attribution' is for statements only; this record describes what was reported"
    return None


NOT_ATTRIBUTION = with_json_schema(_not_attribution, {"not": {"const": EventRole.ATTRIBUTION.value}})
"""The rule of the ``role`` field of event-like records other than statements."""


class EventLike:
    """Marks a record type whose records each describe one real-world happening.

    :meth:`conflictkit.Dataset.events` puts every record of such a type in exactly one event, and
    :attr:`RelationKind.SAME_EVENT` joins only records whose types share an :attr:`event_family`.
    A record type opts in by listing this class among its bases and naming its family::

        @attrs.frozen(kw_only=True)
        class Incident(EventLike, Record, type_tag="incident"):
            event_family: ClassVar[str] = "incident"

    A subclass inherits its parent's family, so a user's ``Airstrike(Incident)`` can be the same
    event as an ``Incident``. Families keep apart what is never one event: a border crossing
    (a movement) is not the districts seized after it (a control change), and a statement about a
    movement is not the movement; such pairs are linked with ``part_of``, ``follows`` or
    ``caused_by`` instead. Families that can describe one happening say so in
    :attr:`same_event_with` (a capture and the retreat it ends). Whether a record counts as an
    event at all is its ``role`` (see :class:`EventRole`).
    """

    __slots__ = ()

    event_family: ClassVar[str]
    """The kind of happening the records describe; ``same_event`` needs equal families, or
    families that :attr:`same_event_with` allows."""

    same_event_with: ClassVar[frozenset[str]] = frozenset()
    """Other families whose claims can describe the same happening as this type's: an incident
    (a capture) and a movement (the retreat it ends) can be one event seen two ways. Either side
    declaring the other is enough."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        family = getattr(cls, "event_family", None)
        if not isinstance(family, str) or not family:
            raise TypeError(
                f"{cls.__qualname__} derives from EventLike but names no event family: set the class "
                'variable event_family, e.g. event_family: ClassVar[str] = "incident"'
            )


def event_family_of(record: object) -> str | None:
    """The :attr:`EventLike.event_family` of a record, or ``None`` if it is not event-like."""
    return record.event_family if isinstance(record, EventLike) else None


def event_role_of(record: object) -> EventRole | None:
    """The :class:`EventRole` of an event-like record (``event`` if its type has no ``role``), or ``None``."""
    if not isinstance(record, EventLike):
        return None
    role = getattr(record, "role", EventRole.EVENT)
    return role if isinstance(role, EventRole) else EventRole.EVENT


def can_be_same_event(first: object, second: object) -> bool:
    """Whether ``same_event`` may join the two records.

    Both must be event-like, of one family or of families one of them allows
    (:attr:`EventLike.same_event_with`).

    >>> from conflictkit import Incident, IncidentKind, MilitaryMovement, MovementKind, MovementStatus
    >>> capture = Incident(id="inc:1", kind=IncidentKind.CAPTURE)
    >>> retreat = MilitaryMovement(id="move:1", actor="actor:a", kind=MovementKind.RETREAT,
    ...                            status=MovementStatus.STOPPED)
    >>> can_be_same_event(capture, retreat), can_be_same_event(retreat, capture)
    (True, True)
    """
    if not isinstance(first, EventLike) or not isinstance(second, EventLike):
        return False
    return (
        first.event_family == second.event_family
        or second.event_family in first.same_event_with
        or first.event_family in second.same_event_with
    )


@attrs.frozen(kw_only=True)
class Relation(Record, type_tag="relation"):
    """A typed link from one record to another, with the evidence or reasoning behind it.

    >>> from conflictkit import Inference
    >>> link = Relation(id="rel:1", source="move:a", kind=RelationKind.SAME_EVENT, target="move:b",
    ...                 inferred=(Inference(field="kind", reason="both describe Sunday's crossing"),))
    >>> link.kind.value
    'same_event'
    >>> Relation(id="rel:2", source="move:a", kind=RelationKind.FOLLOWS, target="move:a")
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 2 problems:
      $.target: must differ from source: a record cannot relate to itself
      $.evidence: a relation needs evidence, or an entry in inferred saying why it holds
    """

    source: str = attrs.field(metadata=reference(Record))
    """Id of the record the relation is about: the subject of "*source* part of *target*"."""

    kind: RelationKind
    """How the source relates to the target."""

    target: str = attrs.field(metadata=reference(Record))
    """Id of the record the source relates to."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        return self.source != self.target and bool(self.evidence or self.inferred)

    def consistency_problems(self) -> Iterator[Problem]:
        """The two ends differ; there is evidence or an inference."""
        yield from super().consistency_problems()
        if self.source == self.target:
            yield Problem(
                path=("target",), message="must differ from source: a record cannot relate to itself"
            )
        if not self.evidence and not self.inferred:
            yield Problem(
                path=("evidence",),
                message="a relation needs evidence, or an entry in inferred saying why it holds",
            )

    def other_end(self, record_id: str) -> str:
        """The id at the other end from ``record_id`` (which must be one of the two ends)."""
        if record_id == self.source:
            return self.target
        if record_id == self.target:
            return self.source
        raise ValueError(f"{record_id!r} is neither end of relation {self.id!r}")


# --- dataset integrity -----------------------------------------------------------------------------

Lookup = Callable[[str], "Record | None"]
PositionedRelation = tuple[int, Relation]

PositionedLink = tuple[int, "RelationKind", str, str]
ClassOf = Callable[[str], "type | None"]
Node = TypeVar("Node")
_NodeIn = TypeVar("_NodeIn", contravariant=True)
_Edge = tuple[int, str]  # a part_of link, from its part: the relation's position, the whole's id


def relation_problems(relations: Iterable[PositionedRelation], lookup: Lookup) -> Iterator[Problem]:
    """The problems of a dataset's relations beyond their references' existence.

    ``relations`` pairs each relation with its position in the dataset's records (read once, in
    order, so it may stream); ``lookup`` finds a record by id. Missing ends are reported by the
    dataset's reference check already; this adds ``same_event`` links between records that cannot
    be one event and cycles of ``part_of``, ``supersedes`` and ``duplicate_of`` links (a record
    that is part of itself, replaces itself, or a chain of duplicates with no original). Only the
    ends of those links are held, for the cycles.
    """

    def class_of(record_id: str) -> type | None:
        record = lookup(record_id)
        return None if record is None else type(record)

    links = ((position, relation.kind, relation.source, relation.target) for position, relation in relations)
    return link_problems(links, class_of)


def link_problems(
    links: Iterable[PositionedLink], class_of: ClassOf, *, cycles: bool = True
) -> Iterator[Problem]:
    """:func:`relation_problems` from each relation's ends only: ``(position, kind, source, target)``.

    ``class_of`` gives the type of the record with an id, or ``None`` if there is none (or its
    type is unknown); the checks need no more of the records they link. Without ``cycles``, only
    the ``same_event`` links are checked (the caller looks for cycles with :func:`cycle_problems`).
    """
    chains: dict[RelationKind, dict[str, list[_Edge]]] = {kind: {} for kind in CHAINED_KINDS}  # by source
    for position, kind, source, target in links:
        if kind is RelationKind.SAME_EVENT:
            yield from _same_event_problems(source, target, class_of, ("records", position))
        elif cycles and kind in chains:
            chains[kind].setdefault(source, []).append((position, target))
    for kind, edges in chains.items():
        edges_of = functools.partial(_edges_from, edges)
        yield from cycle_problems(edges, edges_of, kind, state=defaultdict(int), name=str)


def _edges_from(edges: dict[str, list[_Edge]], node: str) -> list[_Edge]:
    return edges.get(node, [])


CHAINED_KINDS = (RelationKind.PART_OF, RelationKind.SUPERSEDES, RelationKind.DUPLICATE_OF)
"""The kinds of relation whose links must not form a cycle, in the order their cycles are reported."""


def _same_event_problems(
    source_id: str, target_id: str, class_of: ClassOf, path: tuple[PathSegment, ...]
) -> Iterator[Problem]:
    source, target = class_of(source_id), class_of(target_id)
    if source is None or target is None or _opaque(source) or _opaque(target):
        return  # a missing end is reported as a reference problem; an unknown type may be anything
    families: dict[str, str] = {}
    for end, record_id, cls in (("source", source_id, source), ("target", target_id, target)):
        family = cls.event_family if issubclass(cls, EventLike) else None
        if family is None:
            yield Problem(
                path=(*path, end),
                message=f"same_event links records that describe events, but {record_id!r} is of type "
                f"{cls.__name__}, which describes no event",
            )
        else:
            families[end] = family
    if len(families) == 2 and not _same_event_families(source, target):
        yield Problem(
            path=(*path, "target"),
            message=f"same_event needs two claims of one kind of event, but {source_id!r} is "
            f"{with_article(families['source'])} and {target_id!r} {with_article(families['target'])}; "
            "link different kinds "
            "with part_of, follows or caused_by",
        )


def _same_event_families(first: type, second: type) -> bool:
    # can_be_same_event() for two event-like classes.
    assert issubclass(first, EventLike)
    assert issubclass(second, EventLike)
    return (
        first.event_family == second.event_family
        or second.event_family in first.same_event_with
        or first.event_family in second.same_event_with
    )


def _opaque(cls: type) -> bool:
    return issubclass(cls, OpaqueRecord)


class CycleState(Protocol[_NodeIn]):
    """Where the search stands with each node: 0 not reached, 1 on the current path, 2 done."""

    def __getitem__(self, node: _NodeIn, /) -> int: ...

    def __setitem__(self, node: _NodeIn, value: int, /) -> None: ...


def cycle_problems(
    starts: Iterable[Node],
    edges_of: Callable[[Node], Iterable[tuple[int, Node]]],
    kind: RelationKind,
    *,
    state: CycleState[Node],
    name: Callable[[Node], str],
) -> Iterator[Problem]:
    """The cycles of one kind of link, each reported once, at the relation that closes it.

    The nodes are searched depth first from each of ``starts`` in turn (the sources of the links,
    in the order they first appear); ``edges_of`` gives a node's links in the order of the
    relations, as ``(position, node linked to)``. ``state`` keeps where the search stands with each
    node and starts at 0 for all (a ``defaultdict(int)``, or a ``bytearray`` over numbered nodes);
    ``name`` gives a node's id for the message.
    """
    trail: list[Node] = []
    for start in starts:
        if not state[start]:
            yield from _visit(start, edges_of, state, trail, kind, name)


def _visit(
    node: Node,
    edges_of: Callable[[Node], Iterable[tuple[int, Node]]],
    state: CycleState[Node],
    trail: list[Node],
    kind: RelationKind,
    name: Callable[[Node], str],
) -> Iterator[Problem]:
    # Iterative, so a long chain of parts cannot exhaust the interpreter's recursion limit.
    stack: list[tuple[Node, Iterator[tuple[int, Node]]]] = [(node, iter(edges_of(node)))]
    state[node] = 1
    trail.append(node)
    while stack:
        current, pending = stack[-1]
        step = next(pending, None)
        if step is None:
            stack.pop()
            trail.pop()
            state[current] = 2
            continue
        position, nxt = step
        seen = state[nxt]
        if seen == 1:
            cycle = [*trail[trail.index(nxt) :], nxt]
            yield Problem(
                path=("records", position, "target"),
                message=f"{kind.value} links form a cycle: " + " -> ".join(map(name, cycle)),
            )
        elif not seen:
            state[nxt] = 1
            trail.append(nxt)
            stack.append((nxt, iter(edges_of(nxt))))
