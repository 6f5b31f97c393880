"""A dataset: an immutable, ordered collection of records, and its integrity check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, overload

import attrs

from conflictkit.core.errors import (
    SUGGESTED_IDS,
    PathSegment,
    Problem,
    ValidationError,
    did_you_mean_id,
    with_article,
)
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of, shown
from conflictkit.dataset.events import Event, group_events
from conflictkit.records.documents import Document
from conflictkit.records.locations import Location, parent_cycle_message, parent_cycles
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import (
    SYMMETRIC_KINDS,
    EventRole,
    Relation,
    RelationKind,
    event_role_of,
    relation_problems,
)
from conflictkit.values.evidence import Evidence
from conflictkit.values.references import is_reference, reference_target

__all__ = ["SCHEMA_VERSION", "Dataset"]

SCHEMA_VERSION = "1.2"
"""The version of the document format written by this release, as ``"MAJOR.MINOR"``."""

_DOCUMENT_FIELDS = frozenset({"records", "title"})

R = TypeVar("R", bound=Record)
D = TypeVar("D")


def _as_records(records: Iterable[Record]) -> tuple[Record, ...]:
    # Accept any iterable of records (a list is the natural way to build one), but never a string
    # or a mapping, which would silently become a tuple of characters or keys.
    if isinstance(records, (str, bytes, dict)):
        raise ValidationError.at(f"expected a list of records, got {type(records).__name__}", "records")
    return tuple(records)


@attrs.frozen(kw_only=True)
class Dataset(Model):
    """An ordered, immutable collection of records that refer to each other by id.

    >>> from conflictkit import Actor, ActorKind
    >>> data = Dataset(records=[Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)])
    >>> len(data), data["actor:taliban"].name
    (1, 'Taliban')
    >>> [actor.id for actor in data.of_type(Actor)]
    ['actor:taliban']

    Constructing a dataset checks each record's own fields (the records do that themselves) but
    not how records refer to each other: call :meth:`problems` or :meth:`validate` for that.
    """

    records: tuple[Record, ...] = attrs.field(default=(), converter=_as_records)
    """The records, in order."""

    title: str | None = None
    """A name for the dataset."""

    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False, hash=False)

    @classmethod
    def _check_definition(cls) -> None:
        # A dataset document has a fixed set of keys, which the JSON Schema and every reader rely on:
        # a field of a subclass could be neither written nor read back, so it is refused up front.
        added = [field.name for field in fields_of(cls) if field.init and field.name not in _DOCUMENT_FIELDS]
        if added:
            raise TypeError(
                f"{cls.__qualname__}: a Dataset subclass cannot add fields ({', '.join(added)}): a dataset "
                "document holds only its title and records. Keep such data in a record, e.g. a Document"
            )

    def __attrs_post_init__(self) -> None:
        index: dict[str, int] = {}
        for position, record in enumerate(self.records):
            if isinstance(record, Record):
                index.setdefault(record.id, position)
        object.__setattr__(self, "_index", index)
        super().__attrs_post_init__()

    def __iter__(self) -> Iterator[Record]:
        """The records, in order."""
        return iter(self.records)

    def __len__(self) -> int:
        """The number of records."""
        return len(self.records)

    def __contains__(self, record_id: object) -> bool:
        """Whether a record has the id ``record_id``."""
        return record_id in self._index

    def __getitem__(self, record_id: str) -> Record:
        """The (first) record with the id ``record_id``; :class:`KeyError` if there is none."""
        return self.records[self._index[record_id]]

    @overload
    def get(self, record_id: str) -> Record | None: ...
    @overload
    def get(self, record_id: str, default: type[R]) -> R | None: ...
    @overload
    def get(self, record_id: str, default: D) -> Record | D: ...
    def get(self, record_id: str, default: Any = None) -> Any:
        """The (first) record with the id ``record_id``, or ``default``; typed, given a record class.

        Given a record class instead of a default, it returns the record as that class for mypy
        (``dataset.get("inc:1", Incident)`` is an ``Incident | None``), ``None`` when no record has
        the id, and raises :class:`TypeError` when the record is of another type.
        :meth:`of_type` is typed the same way.

        >>> from conflictkit import Actor, ActorKind, Location
        >>> data = Dataset(records=[Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)])
        >>> data.get("actor:taliban", Actor).name, data.get("actor:nobody", Actor)
        ('Taliban', None)
        >>> data.get("actor:taliban", Location)
        Traceback (most recent call last):
        ...
        TypeError: 'actor:taliban' is an Actor, not a Location
        """
        position = self._index.get(record_id)
        if isinstance(default, type) and issubclass(default, Record):
            record = None if position is None else self.records[position]
            if record is None or isinstance(record, default):
                return record
            found, wanted = with_article(type(record).__name__), with_article(default.__name__)
            raise TypeError(f"{record_id!r} is {found}, not {wanted}")
        return default if position is None else self.records[position]

    @classmethod
    def merge(cls, *datasets: Dataset, title: str | None = None) -> Dataset:
        """One dataset of the records of ``datasets``, in order; ``a + b`` is ``Dataset.merge(a, b)``.

        A record that an earlier dataset already holds, equal in every field (a shared actor or
        place), is kept once. Two different records with one id are refused: one
        :class:`~conflictkit.ValidationError` lists every such id, at ``$[<dataset>].records[<n>]``.
        The title is ``title``, else the first dataset's that has one.

        >>> from conflictkit import Actor, ActorKind
        >>> taliban = Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP)
        >>> monday = Dataset(records=[taliban], title="Monday")
        >>> isk = Actor(id="actor:isk", name="ISK", kind=ActorKind.ARMED_GROUP)
        >>> tuesday = Dataset(records=[taliban, isk])
        >>> both = monday + tuesday
        >>> [record.id for record in both], both.title
        (['actor:taliban', 'actor:isk'], 'Monday')
        >>> import attrs
        >>> Dataset.merge(monday, Dataset(records=[attrs.evolve(taliban, name="The Taliban")]))
        Traceback (most recent call last):
        ...
        conflictkit.core.errors.ValidationError: 1 problem:
          $[1].records[0].id: 'actor:taliban' is also the id of a different record, at $[0].records[0]
        """
        kept: list[Record] = []
        seen: dict[str, tuple[int, int, Record]] = {}
        problems: list[Problem] = []
        for which, dataset in enumerate(datasets):
            if not isinstance(dataset, Dataset):
                raise TypeError(f"merges datasets, not {type(dataset).__name__}")
            for position, record in enumerate(dataset.records):
                earlier = seen.get(record.id)
                if earlier is None:
                    seen[record.id] = (which, position, record)
                    kept.append(record)
                elif earlier[2] != record:
                    where = f"$[{earlier[0]}].records[{earlier[1]}]"
                    problems.append(
                        Problem(
                            path=(which, "records", position, "id"),
                            message=f"{shown(record.id)} is also the id of a different record, at {where}",
                        )
                    )
        if problems:
            raise ValidationError(problems)
        if title is None:
            title = next((dataset.title for dataset in datasets if dataset.title is not None), None)
        return cls(records=kept, title=title)

    def __add__(self, other: object) -> Dataset:
        """The records of both datasets, as :meth:`merge` combines them."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return Dataset.merge(self, other)

    def of_type(self, cls: type[R]) -> tuple[R, ...]:
        """The records that are instances of ``cls`` (subclasses included), in order.

        It is typed: ``dataset.of_type(Incident)`` is a ``tuple[Incident, ...]`` for mypy.
        """
        return tuple(record for record in self.records if isinstance(record, cls))

    def problems(self) -> tuple[Problem, ...]:
        """Every integrity problem of the dataset; empty when it is sound.

        It finds duplicate ids, references to ids that are missing or belong to a record of the
        wrong type, evidence whose quote does not match its document's text, ``same_event``
        relations between records that cannot be one event, cycles of ``part_of``, ``supersedes``
        and ``duplicate_of`` relations, and locations whose chain of parents loops back.
        """
        found: list[Problem] = []
        hints = [SUGGESTED_IDS]  # how many more dangling ids get a "did you mean"
        for position, record in enumerate(self.records):
            first = self._index[record.id]
            if first != position:
                found.append(
                    Problem(
                        path=("records", position, "id"),
                        message=f"duplicate id {shown(record.id)} (first used at $.records[{first}])",
                    )
                )
            found.extend(self._reference_problems(record, ("records", position), hints))
        found.extend(relation_problems(self._positioned_relations(), self.get))
        found.extend(self._parent_cycle_problems())
        return tuple(found)

    def events(self) -> tuple[Event, ...]:
        """The real-world events the dataset describes, each with the claims that describe it.

        Records of event-like types (see :class:`~conflictkit.EventLike`) joined by ``same_event``
        relations, directly or through others, form one event; every other such record is an
        event of its own, unless it is ``part_of`` one (then it is one of its
        :attr:`~conflictkit.Event.parts`) or its :class:`~conflictkit.EventRole` says it is a
        condition, a plan or an attribution, which are no events. See :class:`~conflictkit.Event` for
        claims, sources and reconciled figures.

        >>> from conflictkit import load_seed
        >>> crossing = next(event for event in load_seed().events()
        ...                 if "move:afghan-troops-crossed-1037" in event.claim_ids)
        >>> crossing.claim_ids
        ('move:afghan-forces-crossed-more-than-a-thousand', 'move:afghan-troops-crossed-1037')
        >>> print(crossing.figure("size"))
        best 1,037 (more than 1,000, high 1,037)
        """
        return group_events(self.records)

    def conditions(self) -> tuple[Record, ...]:
        """The records of role :attr:`~conflictkit.EventRole.CONDITION`, which events() leaves out.

        They are the background the claims are set against.

        >>> from conflictkit import load_seed
        >>> [record.id for record in load_seed().conditions()][:1]
        ['move:russian-forces-deployed-in-tajikistan']
        """
        return tuple(record for record in self.records if event_role_of(record) is EventRole.CONDITION)

    def relations_of(self, record_id: str, kind: RelationKind | None = None) -> tuple[Relation, ...]:
        """The relations with ``record_id`` at either end (of ``kind``, if given), in order."""
        return tuple(
            relation
            for relation in self.of_type(Relation)
            if record_id in (relation.source, relation.target) and kind in (None, relation.kind)
        )

    def parts_of(self, record_id: str) -> tuple[Record, ...]:
        """The records stated to be part of ``record_id``, directly (``source part_of record_id``).

        >>> from conflictkit import load_seed
        >>> [part.id for part in load_seed().parts_of("ctrl:badakhshan-26-of-28-districts-captured")]
        ['ctrl:badakhshan-three-districts-ceded']
        """
        return self._ends(
            relation.source
            for relation in self.relations_of(record_id, RelationKind.PART_OF)
            if relation.target == record_id
        )

    def contradicting(self, record_id: str) -> tuple[Record, ...]:
        """The records linked to ``record_id`` by ``contradicts``, in either direction."""
        return self._ends(
            relation.other_end(record_id)
            for relation in self.relations_of(record_id, RelationKind.CONTRADICTS)
        )

    def related(self, record_id: str, kind: RelationKind) -> tuple[Record, ...]:
        """The records at the other end of ``record_id``'s relations of ``kind``.

        For the symmetric kinds (``same_event``, ``overlaps``, ``contradicts``, ``duplicate_of``)
        either direction counts; for the others, only relations whose source is ``record_id``:
        ``related(x, FOLLOWS)`` is what ``x`` follows.
        """
        symmetric = kind in SYMMETRIC_KINDS
        return self._ends(
            relation.other_end(record_id)
            for relation in self.relations_of(record_id, kind)
            if symmetric or relation.source == record_id
        )

    def _ends(self, ids: Iterable[str]) -> tuple[Record, ...]:
        found = (self.get(record_id) for record_id in dict.fromkeys(ids))
        return tuple(record for record in found if record is not None)

    def _positioned_relations(self) -> list[tuple[int, Relation]]:
        return [
            (position, record) for position, record in enumerate(self.records) if isinstance(record, Relation)
        ]

    def validate(self) -> Dataset:
        """Return the dataset if :meth:`problems` finds none.

        Otherwise raise them all as one :class:`~conflictkit.ValidationError`.
        """
        found = self.problems()
        if found:
            raise ValidationError(found)
        return self

    def _reference_problems(
        self, value: Model, path: tuple[PathSegment, ...], hints: list[int]
    ) -> Iterator[Problem]:
        for field in fields_of(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            if is_reference(field.metadata):
                target = reference_target(field) or Record
                ids = item if isinstance(item, tuple) else (item,)
                for position, record_id in enumerate(ids):
                    where = (*path, field.name, position) if isinstance(item, tuple) else (*path, field.name)
                    yield from self._check_reference(record_id, target, where, hints)
            elif isinstance(item, Model):
                yield from self._reference_problems(item, (*path, field.name), hints)
            elif isinstance(item, tuple):
                for position, element in enumerate(item):
                    if isinstance(element, Model):
                        yield from self._reference_problems(element, (*path, field.name, position), hints)
        if isinstance(value, Evidence):
            yield from self._quote_problems(value, path)

    def _parent_cycle_problems(self) -> Iterator[Problem]:
        """Locations whose chain of parents comes back to where it started, once per cycle.

        A location that is its own parent is reported by the location itself.
        """
        parents: dict[str, str | None] = {}
        for record in self.records:
            if isinstance(record, Location):
                parents.setdefault(record.id, record.parent)  # the first record with an id counts
        for cycle in parent_cycles(parents):
            first = min(cycle, key=self._index.__getitem__)
            yield Problem(
                path=("records", self._index[first], "parent"), message=parent_cycle_message(cycle, first)
            )

    def _check_reference(
        self, record_id: str, target: type, path: tuple[PathSegment, ...], hints: list[int]
    ) -> Iterator[Problem]:
        record = self.get(record_id)
        if isinstance(record, OpaqueRecord):
            return  # a record of an unknown type may be of any type: nothing to check against
        if record is None:
            # A dangling id may misspell one that exists (actor:stanikzay for actor:stanikzai): the
            # first few say which (each look is a pass over the ids).
            hint = ""
            if hints[0] > 0:
                hints[0] -= 1
                hint = did_you_mean_id(record_id, self._index)
            message = f"refers to {shown(record_id)}, which is not in the dataset{hint}"
            yield Problem(path=path, message=message)
        elif not isinstance(record, target):
            yield Problem(
                path=path,
                message=f"refers to {shown(record_id)}, {with_article(type(record).__name__)}, "
                f"but must refer to {with_article(target.__name__)}",
            )

    def _quote_problems(self, evidence: Evidence, path: tuple[PathSegment, ...]) -> Iterator[Problem]:
        document = self.get(evidence.document)
        if not isinstance(document, Document) or document.text is None:
            return
        found = document.text[evidence.start : evidence.end]
        if found != evidence.quote:
            yield Problem(
                path=(*path, "quote"),
                message=f"does not match the text of {shown(document.id)} at "
                f"[{evidence.start}:{evidence.end}], which reads {shown(found)}",
            )
