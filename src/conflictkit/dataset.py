"""A dataset: an immutable, ordered collection of records, and its integrity check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, overload

import attrs

from conflictkit.documents import Document
from conflictkit.errors import PathSegment, Problem, ValidationError, with_article
from conflictkit.evidence import Evidence
from conflictkit.model import Model
from conflictkit.opaque import OpaqueRecord
from conflictkit.records import Record
from conflictkit.references import is_reference, reference_target
from conflictkit.validation import fields_of

__all__ = ["SCHEMA_VERSION", "Dataset"]

SCHEMA_VERSION = "1.0"
"""The version of the document format written by this release, as ``"MAJOR.MINOR"``."""

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
    def get(self, record_id: str, default: D) -> Record | D: ...
    def get(self, record_id: str, default: Any = None) -> Any:
        """The (first) record with the id ``record_id``, or ``default``."""
        position = self._index.get(record_id)
        return default if position is None else self.records[position]

    def of_type(self, cls: type[R]) -> tuple[R, ...]:
        """The records that are instances of ``cls`` (subclasses included), in order."""
        return tuple(record for record in self.records if isinstance(record, cls))

    def problems(self) -> tuple[Problem, ...]:
        """Every integrity problem of the dataset; empty when it is sound.

        It finds duplicate ids, references to ids that are missing or belong to a record of the
        wrong type, and evidence whose quote does not match its document's text.
        """
        found: list[Problem] = []
        for position, record in enumerate(self.records):
            first = self._index[record.id]
            if first != position:
                found.append(
                    Problem(
                        path=("records", position, "id"),
                        message=f"duplicate id {record.id!r} (first used at $.records[{first}])",
                    )
                )
            found.extend(self._reference_problems(record, ("records", position)))
        return tuple(found)

    def validate(self) -> Dataset:
        """Return the dataset if :meth:`problems` finds none.

        Otherwise raise them all as one :class:`~conflictkit.ValidationError`.
        """
        found = self.problems()
        if found:
            raise ValidationError(found)
        return self

    def _reference_problems(self, value: Model, path: tuple[PathSegment, ...]) -> Iterator[Problem]:
        for field in fields_of(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            if is_reference(field.metadata):
                target = reference_target(field) or Record
                ids = item if isinstance(item, tuple) else (item,)
                for position, record_id in enumerate(ids):
                    where = (*path, field.name, position) if isinstance(item, tuple) else (*path, field.name)
                    yield from self._check_reference(record_id, target, where)
            elif isinstance(item, Model):
                yield from self._reference_problems(item, (*path, field.name))
            elif isinstance(item, tuple):
                for position, element in enumerate(item):
                    if isinstance(element, Model):
                        yield from self._reference_problems(element, (*path, field.name, position))
        if isinstance(value, Evidence):
            yield from self._quote_problems(value, path)

    def _check_reference(
        self, record_id: str, target: type, path: tuple[PathSegment, ...]
    ) -> Iterator[Problem]:
        record = self.get(record_id)
        if isinstance(record, OpaqueRecord):
            return  # a record of an unknown type may be of any type: nothing to check against
        if record is None:
            yield Problem(path=path, message=f"refers to {record_id!r}, which is not in the dataset")
        elif not isinstance(record, target):
            yield Problem(
                path=path,
                message=f"refers to {record_id!r}, {with_article(type(record).__name__)}, "
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
                message=f"does not match the text of {document.id!r} at "
                f"[{evidence.start}:{evidence.end}], which reads {found!r}",
            )
