"""The base class of the records a dataset holds."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import _TAG, Model
from conflictkit.core.validation import fields_of, rules, shown
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.references import ID_RULE
from conflictkit.values.sequences import evidence_list, inference_list

__all__ = ["Record"]


@attrs.frozen(kw_only=True)
class Record(Model):
    """A thing a dataset holds: it has an id, and other records refer to it by that id.

    Concrete records are :class:`~conflictkit.Actor`, :class:`~conflictkit.Location`,
    :class:`~conflictkit.Statement`, :class:`~conflictkit.MilitaryMovement`,
    :class:`~conflictkit.TerritorialControl`, :class:`~conflictkit.Incident`,
    :class:`~conflictkit.Interaction`, :class:`~conflictkit.Document` and
    :class:`~conflictkit.Relation`; users add their own by subclassing any of them, or
    :class:`Record` itself.
    """

    id: str = attrs.field(metadata=rules(ID_RULE))
    """The record's id, unique within a dataset, e.g. ``"actor:rahmon"``."""

    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=evidence_list)
    """The quotes that support this record."""

    inferred: tuple[Inference, ...] = attrs.field(default=(), converter=inference_list)
    """Fields whose values the source implies rather than states, with the reason for each."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        cls = type(self)
        if cls.__dict__.get(_TAG) is None:
            return False
        if not self.inferred:
            return True
        names = _field_names(cls)
        seen: set[str] = set()
        for inference in self.inferred:
            if inference.field not in names or inference.field in seen:
                return False
            seen.add(inference.field)
        return True

    def consistency_problems(self) -> Iterator[Problem]:
        """The record has a type tag; every inference names a field of this record, at most once."""
        yield from super().consistency_problems()
        cls = type(self)
        if _TAG not in cls.__dict__:
            decorate = "decorate it with @attrs.frozen(kw_only=True)"
            yield Problem(message=f"{cls.__name__} is not registered: {decorate}")
        elif cls.__dict__[_TAG] is None:
            yield Problem(message=f"{cls.__name__} has no type tag: use a concrete record type")
        if not self.inferred:
            return
        names = _field_names(cls)
        seen: set[str] = set()
        for index, inference in enumerate(self.inferred):
            if inference.field not in names:
                yield Problem(
                    path=("inferred", index, "field"),
                    message=f"{shown(inference.field)} is not a field of {type(self).__name__}",
                )
            elif inference.field in seen:
                yield Problem(
                    path=("inferred", index, "field"),
                    message=f"{shown(inference.field)} is listed more than once",
                )
            seen.add(inference.field)


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # one entry per record class, as validation's plans


def _field_names(cls: type) -> frozenset[str]:
    # Computed once per class rather than for every record that has inferences.
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(field.name for field in fields_of(cls))
    return names
