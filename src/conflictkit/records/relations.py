"""Relations: typed, evidenced links between records, and the rules a dataset's links obey.

Conflicting or overlapping reports stay separate records, each with its own evidence; a
:class:`Relation` says how two of them relate (the same event, a part of another, a contradiction,
a sequence, a cause) without editing either, the way STIX 2.1 links objects with relationship
objects. Records that describe a real-world happening declare it by deriving from
:class:`EventLike`; :meth:`conflictkit.Dataset.events` groups them into events.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from conflictkit.core.errors import PathSegment, Problem, with_article
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.values.references import reference

__all__ = ["EventLike", "Relation", "RelationKind", "relation_problems"]


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
    CONTRADICTS = "contradicts"
    """The claims cannot both be true as reported: "hundreds" against "more than a thousand",
    crossings "blocked" against 152 let in. Symmetric."""
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
    {RelationKind.SAME_EVENT, RelationKind.OVERLAPS, RelationKind.CONTRADICTS, RelationKind.DUPLICATE_OF}
)
"""The kinds that read the same both ways: ``a contradicts b`` is ``b contradicts a``."""


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
    ``caused_by`` instead.
    """

    __slots__ = ()

    event_family: ClassVar[str]
    """The kind of happening the records describe; ``same_event`` needs equal families."""

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

_Edge = tuple[int, str]  # a part_of link, from its part: the relation's position, the whole's id


def relation_problems(relations: Iterable[PositionedRelation], lookup: Lookup) -> Iterator[Problem]:
    """The problems of a dataset's relations beyond their references' existence.

    ``relations`` pairs each relation with its position in the dataset's records (read once, in
    order, so it may stream); ``lookup`` finds a record by id. Missing ends are reported by the
    dataset's reference check already; this adds ``same_event`` links between records that cannot
    be one event and ``part_of`` cycles. Only the ends of ``part_of`` links are held, for the cycles.
    """
    part_of: dict[str, list[_Edge]] = {}  # by the id of the part
    for position, relation in relations:
        if relation.kind is RelationKind.SAME_EVENT:
            yield from _same_event_problems(relation, lookup, ("records", position))
        elif relation.kind is RelationKind.PART_OF:
            part_of.setdefault(relation.source, []).append((position, relation.target))
    yield from _cycle_problems(part_of)


def _same_event_problems(
    relation: Relation, lookup: Lookup, path: tuple[PathSegment, ...]
) -> Iterator[Problem]:
    source, target = lookup(relation.source), lookup(relation.target)
    if source is None or target is None or _opaque(source) or _opaque(target):
        return  # a missing end is reported as a reference problem; an unknown type may be anything
    families: dict[str, str] = {}
    for end, record in (("source", source), ("target", target)):
        family = event_family_of(record)
        if family is None:
            yield Problem(
                path=(*path, end),
                message=f"same_event links records that describe events, but {record.id!r} is of type "
                f"{type(record).__name__}, which describes no event",
            )
        else:
            families[end] = family
    if len(families) == 2 and families["source"] != families["target"]:
        yield Problem(
            path=(*path, "target"),
            message=f"same_event needs two claims of one kind of event, but {source.id!r} is "
            f"{with_article(families['source'])} and {target.id!r} {with_article(families['target'])}; "
            "link different kinds "
            "with part_of, follows or caused_by",
        )


def _opaque(record: Record) -> bool:
    return isinstance(record, OpaqueRecord)


def _cycle_problems(edges: Mapping[str, list[_Edge]]) -> Iterator[Problem]:
    # Depth-first search; every edge that closes a cycle is reported once, at the relation that
    # closes it, with the cycle spelt out.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    trail: list[str] = []
    for start in edges:
        if start not in state:
            yield from _visit(start, edges, state, trail)


def _visit(
    node: str, edges: Mapping[str, list[_Edge]], state: dict[str, int], trail: list[str]
) -> Iterator[Problem]:
    # Iterative, so a long chain of parts cannot exhaust the interpreter's recursion limit.
    stack: list[tuple[str, Iterator[_Edge]]] = [(node, iter(edges.get(node, ())))]
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
        if state.get(nxt) == 1:
            cycle = [*trail[trail.index(nxt) :], nxt]
            yield Problem(
                path=("records", position, "target"),
                message="part_of links form a cycle: " + " -> ".join(cycle),
            )
        elif nxt not in state:
            state[nxt] = 1
            trail.append(nxt)
            stack.append((nxt, iter(edges.get(nxt, ()))))
