"""Claim checklists: every claim a report makes, and which records capture it.

A gold standard is judged claim by claim. A :class:`Checklist` lists the claims of one report
(who did what, when, where, how many, attributed to whom, and each causal or temporal link it
states), each with its verbatim quote, the records (and fields) that capture it, and a
:class:`ClaimStatus` saying whether it is captured, partly captured or not modelled, and why.
:meth:`~conflictkit.Checklist.problems` proves it against a dataset: every quote occurs in the
report, every record listed exists and has the fields named. The seed's checklist ships with it
(:func:`conflictkit.seed_checklist`).

>>> from conflictkit import seed_checklist
>>> print(seed_checklist().coverage())
64 claims: 41 captured, 21 partly, 2 not modelled
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from conflictkit.core.errors import Problem, ValidationError
from conflictkit.core.model import Model
from conflictkit.core.validation import duplicate_problems, each, fields_of, non_empty, rules, shown
from conflictkit.records.documents import Document

if TYPE_CHECKING:
    from conflictkit.dataset.dataset import Dataset

__all__ = ["ClaimCapture", "Checklist", "Claim", "ClaimStatus", "ClaimCoverage"]


class ClaimStatus(enum.Enum):
    """How far the dataset captures a claim of the report."""

    CAPTURED = "captured"
    """The records listed hold the whole claim."""
    PARTLY = "partly"
    """The records hold part of the claim; ``why`` says what is left out."""
    NOT_MODELLED = "not_modelled"
    """No record holds the claim; ``why`` says what the schema lacks for it."""


@attrs.frozen(kw_only=True)
class ClaimCapture(Model):
    """A record that captures (part of) a claim, and the fields of it that do."""

    record: str = attrs.field(metadata=rules(non_empty))
    """Id of the record."""

    fields: tuple[str, ...] = attrs.field(default=(), metadata=rules(each(non_empty)))
    """Names of the record's fields that hold the claim; empty: the record as a whole."""


@attrs.frozen(kw_only=True)
class Claim(Model):
    """One claim of the report: its quote, the records that capture it, and its status."""

    id: str = attrs.field(metadata=rules(non_empty))
    """An id for the claim, unique in its checklist, e.g. ``"claim:mobilisation-ordered"``."""

    quote: str = attrs.field(metadata=rules(non_empty))
    """The passage of the report that makes the claim, copied exactly."""

    status: ClaimStatus
    """Whether the records capture it whole, in part, or not at all."""

    captures: tuple[ClaimCapture, ...] = ()
    """The records (and fields) that capture it; at least one unless it is not modelled."""

    why: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """What is left out and why; needed when the claim is captured only partly or not at all."""

    def consistency_problems(self) -> Iterator[Problem]:
        """A captured claim names its records; a claim not wholly captured says why."""
        yield from super().consistency_problems()
        if self.status is not ClaimStatus.NOT_MODELLED and not self.captures:
            yield Problem(path=("captures",), message=f"a {self.status.value} claim names its records")
        if self.status is not ClaimStatus.CAPTURED and self.why is None:
            yield Problem(path=("why",), message=f"a claim {self.status.value} needs the reason")


@attrs.frozen(kw_only=True)
class ClaimCoverage:
    """How many claims of a checklist are captured, partly captured and not modelled."""

    captured: int
    """Claims the records hold whole."""

    partly: int
    """Claims the records hold in part."""

    not_modelled: int
    """Claims no record holds."""

    @property
    def total(self) -> int:
        """Every claim of the checklist."""
        return self.captured + self.partly + self.not_modelled

    def __str__(self) -> str:
        return (
            f"{self.total} claims: {self.captured} captured, {self.partly} partly, "
            f"{self.not_modelled} not modelled"
        )


@attrs.frozen(kw_only=True)
class Checklist(Model):
    """The claims of one report, each with the records that capture it (see the module)."""

    document: str = attrs.field(metadata=rules(non_empty))
    """Id of the :class:`~conflictkit.Document` whose text the quotes are from."""

    claims: tuple[Claim, ...] = ()
    """The claims, in the order the report makes them."""

    def consistency_problems(self) -> Iterator[Problem]:
        """No two claims share an id."""
        yield from super().consistency_problems()
        ids = tuple(claim.id for claim in self.claims)
        for problem in duplicate_problems(ids, "claims"):
            yield Problem(path=(*problem.path, "id"), message=problem.message)

    def coverage(self) -> ClaimCoverage:
        """How many claims are captured, partly captured and not modelled."""
        statuses = [claim.status for claim in self.claims]
        return ClaimCoverage(
            captured=statuses.count(ClaimStatus.CAPTURED),
            partly=statuses.count(ClaimStatus.PARTLY),
            not_modelled=statuses.count(ClaimStatus.NOT_MODELLED),
        )

    def problems(self, dataset: Dataset) -> tuple[Problem, ...]:
        """Every way the checklist does not fit ``dataset``, each at its JSON path in the checklist.

        The document must be in the dataset with its text, every quote must occur in that text,
        and every record listed must exist and have the fields named.
        """
        found: list[Problem] = []
        document = dataset.get(self.document)
        text: str | None = None
        if not isinstance(document, Document):
            found.append(
                Problem(path=("document",), message=f"no document {shown(self.document)} in the dataset")
            )
        elif document.text is None:
            found.append(Problem(path=("document",), message=f"document {shown(self.document)} has no text"))
        else:
            text = document.text
        for index, claim in enumerate(self.claims):
            if text is not None and claim.quote not in text:
                found.append(
                    Problem(
                        path=("claims", index, "quote"), message=f"{shown(claim.quote)} is not in the report"
                    )
                )
            for at, capture in enumerate(claim.captures):
                found.extend(_capture_problems(capture, dataset, ("claims", index, "captures", at)))
        return tuple(found)

    def validate(self, dataset: Dataset) -> Checklist:
        """The checklist itself if :meth:`problems` finds none; else a ValidationError listing them all."""
        found = self.problems(dataset)
        if found:
            raise ValidationError(list(found))
        return self


def _capture_problems(
    capture: ClaimCapture, dataset: Dataset, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    record = dataset.get(capture.record)
    if record is None:
        yield Problem(path=(*path, "record"), message=f"no record {shown(capture.record)} in the dataset")
        return
    names = {field.name for field in fields_of(type(record))}
    for index, name in enumerate(capture.fields):
        if name not in names:
            yield Problem(
                path=(*path, "fields", index),
                message=f"{type(record).__name__} {shown(record.id)} has no field {shown(name)}",
            )
