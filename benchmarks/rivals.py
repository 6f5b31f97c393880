"""The same schema (movements and actors) as a pydantic v2 model, a msgspec Struct and plain attrs.

The pydantic and msgspec versions validate the rules conflictkit checks for this data: strict
types (no coercion), enum values, ISO dates, non-blank strings, the id pattern, non-negative
numbers, extra keys forbidden, and the cross-field rules (quantity bounds and qualifier,
``earliest <= latest``, ``end == start + len(quote)``, origin differs from destination, inferred
fields named once). The one rule left weaker is an actor's country: conflictkit checks it against
ISO 3166 through pycountry, these check two capital letters (the benchmark data has no country).

The plain attrs classes validate nothing: they are the memory baseline.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import attrs
import msgspec
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from conflictkit import ActorKind, DatePrecision, MovementKind, MovementStatus, Qualifier

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"
TEXT_PATTERN = r"\S"  # not empty, not blank
COUNTRY_PATTERN = r"^[A-Z]{2}$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
MOVEMENT_FIELDS = frozenset(
    {"id", "evidence", "inferred", "actor", "kind", "status", "origin", "destination"}
    | {"ordered_by", "permitted_by", "size", "date"}
)
ACTOR_FIELDS = frozenset(
    {"id", "evidence", "inferred", "name", "kind", "aliases", "country", "title", "affiliation", "wikidata"}
)


# --- the cross-field rules, shared by both rivals -------------------------------------------------


def quantity_problem(best: Any, low: Any, high: Any, qualifier: Qualifier) -> str | None:
    if best is not None and low is not None and low > best:
        return "low must be <= best"
    if best is not None and high is not None and high < best:
        return "high must be >= best"
    if low is not None and high is not None and low > high:
        return "high must be >= low"
    known = (best, low, high) != (None, None, None)
    if (qualifier is Qualifier.UNKNOWN) == known:
        return "a number is needed unless the qualifier is unknown"
    if qualifier is Qualifier.EXACT and (best is None or any(b not in (None, best) for b in (low, high))):
        return "exact needs best, and bounds equal to it"
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST) and low is None:
        return "low is needed"
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST) and high is None:
        return "high is needed"
    return None


def inferred_problem(inferred: Any, names: frozenset[str]) -> str | None:
    seen: set[str] = set()
    for inference in inferred:
        if inference.field not in names or inference.field in seen:
            return f"bad inferred field {inference.field!r}"
        seen.add(inference.field)
    return None


# --- pydantic v2 ----------------------------------------------------------------------------------

PId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
PText = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
PCount = Annotated[int, Field(ge=0)]
PNumber = Annotated[int, Field(ge=0)] | Annotated[float, Field(ge=0, allow_inf_nan=False)]


class PStrict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PQuantity(PStrict):
    best: PNumber | None = None
    low: PNumber | None = None
    high: PNumber | None = None
    qualifier: Qualifier = Qualifier.EXACT
    unit: PText
    text: PText | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PQuantity:
        problem = quantity_problem(self.best, self.low, self.high, self.qualifier)
        if problem:
            raise ValueError(problem)
        return self


class PDateSpan(PStrict):
    earliest: date
    latest: date
    precision: DatePrecision = DatePrecision.DAY
    text: PText | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PDateSpan:
        if self.latest < self.earliest:
            raise ValueError("latest must not be before earliest")
        return self


class PEvidence(PStrict):
    document: PId
    quote: PText
    start: PCount
    end: int
    reported_by: PId | None = None
    attributed_to: PId | None = None

    @model_validator(mode="after")
    def _located(self) -> PEvidence:
        if self.end != self.start + len(self.quote):
            raise ValueError("end must be start + len(quote)")
        return self


class PInference(PStrict):
    field: PText
    reason: PText


class PMovement(PStrict):
    type: Literal["movement"]
    id: PId
    evidence: tuple[PEvidence, ...] = ()
    inferred: tuple[PInference, ...] = ()
    actor: PId
    kind: MovementKind
    status: MovementStatus
    origin: PId | None = None
    destination: PId | None = None
    ordered_by: PId | None = None
    permitted_by: PId | None = None
    size: PQuantity | None = None
    date: PDateSpan | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PMovement:
        if self.origin is not None and self.origin == self.destination:
            raise ValueError("destination must differ from origin")
        problem = inferred_problem(self.inferred, MOVEMENT_FIELDS)
        if problem:
            raise ValueError(problem)
        return self


class PActor(PStrict):
    type: Literal["actor"]
    id: PId
    evidence: tuple[PEvidence, ...] = ()
    inferred: tuple[PInference, ...] = ()
    name: PText
    kind: ActorKind
    aliases: tuple[PText, ...] = ()
    country: Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)] | None = None
    title: PText | None = None
    affiliation: PId | None = None
    wikidata: Annotated[str, StringConstraints(pattern=WIKIDATA_PATTERN)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PActor:
        problem = inferred_problem(self.inferred, ACTOR_FIELDS)
        if problem:
            raise ValueError(problem)
        return self


class PDataset(PStrict):
    schema_version: Annotated[str, StringConstraints(pattern=r"^\d{1,6}\.\d{1,6}$")]
    title: str | None = None
    records: tuple[Annotated[PMovement | PActor, Field(discriminator="type")], ...] = ()


# --- msgspec --------------------------------------------------------------------------------------

MId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
MText = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
MCount = Annotated[int, msgspec.Meta(ge=0)]
MNumber = Annotated[int, msgspec.Meta(ge=0)] | Annotated[float, msgspec.Meta(ge=0)]


class MStrict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True, kw_only=True):
    pass


class MQuantity(MStrict):
    unit: MText
    best: MNumber | None = None
    low: MNumber | None = None
    high: MNumber | None = None
    qualifier: Qualifier = Qualifier.EXACT
    text: MText | None = None

    def __post_init__(self) -> None:
        problem = quantity_problem(self.best, self.low, self.high, self.qualifier)
        if problem:
            raise ValueError(problem)


class MDateSpan(MStrict):
    earliest: date
    latest: date
    precision: DatePrecision = DatePrecision.DAY
    text: MText | None = None

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise ValueError("latest must not be before earliest")


class MEvidence(MStrict):
    document: MId
    quote: MText
    start: MCount
    end: int
    reported_by: MId | None = None
    attributed_to: MId | None = None

    def __post_init__(self) -> None:
        if self.end != self.start + len(self.quote):
            raise ValueError("end must be start + len(quote)")


class MInference(MStrict):
    field: MText
    reason: MText


class MMovement(MStrict, tag_field="type", tag="movement"):
    id: MId
    actor: MId
    kind: MovementKind
    status: MovementStatus
    evidence: tuple[MEvidence, ...] = ()
    inferred: tuple[MInference, ...] = ()
    origin: MId | None = None
    destination: MId | None = None
    ordered_by: MId | None = None
    permitted_by: MId | None = None
    size: MQuantity | None = None
    date: MDateSpan | None = None

    def __post_init__(self) -> None:
        if self.origin is not None and self.origin == self.destination:
            raise ValueError("destination must differ from origin")
        problem = inferred_problem(self.inferred, MOVEMENT_FIELDS)
        if problem:
            raise ValueError(problem)


class MActor(MStrict, tag_field="type", tag="actor"):
    id: MId
    name: MText
    kind: ActorKind
    evidence: tuple[MEvidence, ...] = ()
    inferred: tuple[MInference, ...] = ()
    aliases: tuple[MText, ...] = ()
    country: Annotated[str, msgspec.Meta(pattern=COUNTRY_PATTERN)] | None = None
    title: MText | None = None
    affiliation: MId | None = None
    wikidata: Annotated[str, msgspec.Meta(pattern=WIKIDATA_PATTERN)] | None = None

    def __post_init__(self) -> None:
        problem = inferred_problem(self.inferred, ACTOR_FIELDS)
        if problem:
            raise ValueError(problem)


class MDataset(MStrict):
    schema_version: Annotated[str, msgspec.Meta(pattern=r"^\d{1,6}\.\d{1,6}$")]
    title: str | None = None
    records: tuple[MMovement | MActor, ...] = ()


# --- plain slotted attrs: no validation, the memory baseline -------------------------------------


@attrs.frozen(kw_only=True)
class PlainQuantity:
    best: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    unit: str
    text: str | None = None


@attrs.frozen(kw_only=True)
class PlainDateSpan:
    earliest: date
    latest: date
    precision: DatePrecision = DatePrecision.DAY
    text: str | None = None


@attrs.frozen(kw_only=True)
class PlainEvidence:
    document: str
    quote: str
    start: int
    end: int
    reported_by: str | None = None
    attributed_to: str | None = None


@attrs.frozen(kw_only=True)
class PlainMovement:
    id: str
    evidence: tuple[PlainEvidence, ...] = ()
    inferred: tuple[Any, ...] = ()
    actor: str
    kind: MovementKind
    status: MovementStatus
    origin: str | None = None
    destination: str | None = None
    ordered_by: str | None = None
    permitted_by: str | None = None
    size: PlainQuantity | None = None
    date: PlainDateSpan | None = None


@attrs.frozen(kw_only=True)
class PlainActor:
    id: str
    evidence: tuple[PlainEvidence, ...] = ()
    inferred: tuple[Any, ...] = ()
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None


def plain_record(value: dict[str, Any]) -> PlainMovement | PlainActor:
    """A plain attrs record from its JSON value, converting without checking anything."""
    fields = {key: item for key, item in value.items() if key != "type"}
    fields["evidence"] = tuple(PlainEvidence(**item) for item in fields.get("evidence", ()))
    if value["type"] == "actor":
        fields["kind"] = ActorKind(fields["kind"])
        fields["aliases"] = tuple(fields.get("aliases", ()))
        return PlainActor(**fields)
    fields["kind"] = MovementKind(fields["kind"])
    fields["status"] = MovementStatus(fields["status"])
    if "size" in fields:
        size = dict(fields["size"])
        size["qualifier"] = Qualifier(size.get("qualifier", "exact"))
        fields["size"] = PlainQuantity(**size)
    if "date" in fields:
        span = dict(fields["date"])
        span["earliest"] = date.fromisoformat(span["earliest"])
        span["latest"] = date.fromisoformat(span["latest"])
        span["precision"] = DatePrecision(span.get("precision", "day"))
        fields["date"] = PlainDateSpan(**span)
    return PlainMovement(**fields)
