"""conflictkit's record types as pydantic v2 models and msgspec Structs, checking the same rules.

Both rivals check what conflictkit checks on this data: strict types (no coercion: ``"5"`` is not an
int, ``true`` is not a number), enum values, ISO dates, non-blank strings, the id pattern on ids and
references, integers within ±(2**53 - 1), non-negative numbers and offsets, ranges (latitude,
longitude, GeoNames id), ISO 3166 country and subdivision codes (against pycountry's lists, as
conflictkit does), Wikidata ids, language tags, SHA-256 digests, extra keys forbidden, the type tag,
and every cross-field rule (quantity bounds and qualifier, where an unnumbered plural such as
"dozens" needs no number, ``earliest <= latest``, ``end == start + len(quote)``, origin differs from
destination, no piece of equipment listed twice, only a statement is an attribution (and then
attributes claims and is no act), a statement has a quote or a paraphrase and is not about itself,
its speech act fits it (``consult`` in a call, a meeting or an unspecified channel, ``assure`` to an
addressee), a subdivision lies in its country, a location is not its own parent, a count does not
exceed its total in the same unit, an incident lists no actor twice or on both sides and each side's
casualties once, names its territory when territory was taken, casualties give at least one figure
and only whole numbers, an interaction has a source, a mode its kind allows and no actor twice or on
both sides, no context is listed twice, a relation does not link a record to itself and has evidence
or an inference, a document has its text or hash and they agree, inferences name fields of their
record once).

Like conflictkit's decoding, neither checks what needs the whole dataset (references that point
to records of the right type, relations between claims, quotes against the document's text).
What they do not check the way conflictkit does is measured, not assumed: ``bench_decode.py``
feeds every contender invalid documents and prints which it accepts (duplicate keys, notably).
"""

from __future__ import annotations

import functools
import sys
from datetime import date
from typing import Annotated, Any, Literal

import msgspec
import pycountry
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from conflictkit import (
    ActorKind,
    ControlChange,
    ControlMethod,
    DatePrecision,
    EventContext,
    EventRole,
    GeoPrecision,
    IncidentKind,
    InteractionKind,
    InteractionMode,
    LocationKind,
    MovementKind,
    MovementStatus,
    Qualifier,
    RelationKind,
    SpeechAct,
    StatementChannel,
)
from conflictkit.records.documents import sha256_of
from conflictkit.records.interactions import MODES_BY_KIND

MAX_INT = 2**53 - 1
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"
TEXT_PATTERN = r"\S"  # not empty, not blank
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
VERSION_PATTERN = r"^[0-9]{1,6}\.[0-9]{1,6}$"
# pydantic's default engine (Rust's regex) reads "$" as the end of the text, as conflictkit's
# full match does; msgspec uses Python's re, whose "$" also matches before a final newline.
END_OF_TEXT = r"\Z"

FIELDS = {
    "actor": {"name", "kind", "aliases", "country", "title", "affiliation", "wikidata"},
    "location": {"name", "kind", "aliases", "country", "subdivision", "parent", "coordinates"}
    | {"geonames", "wikidata"},
    "statement": {"speaker", "channel", "addressee", "reported_by", "date", "location", "quote"}
    | {"paraphrase", "about", "act", "contexts", "role"},
    "movement": {"actor", "kind", "status", "origin", "destination", "ordered_by", "permitted_by"}
    | {"size", "date", "equipment", "role"},
    "control": {"territory", "change", "controller", "previous_controller", "method", "date"}
    | {"count", "total", "role"},
    "document": {"title", "publisher", "published", "url", "language", "text", "sha256"},
    "relation": {"source", "kind", "target"},
    "incident": {"kind", "perpetrators", "targets", "location", "date", "casualties", "weapons"}
    | {"contexts", "role"},
    "interaction": {"kind", "sources", "targets", "mode", "contexts", "location", "date", "size", "role"},
}
CASUALTY_FIGURES = ("killed", "injured", "captured", "missing")
UNNUMBERED = frozenset({Qualifier.DOZENS, Qualifier.HUNDREDS, Qualifier.THOUSANDS, Qualifier.UNKNOWN})
# A consultation is an exchange: said in a call or a meeting, or the report does not say how.
CONSULTING_CHANNELS = frozenset(
    {StatementChannel.PHONE_CALL, StatementChannel.MEETING, StatementChannel.UNSPECIFIED}
)
RECORD_FIELDS = {tag: frozenset({"id", "evidence", "inferred"} | names) for tag, names in FIELDS.items()}


@functools.cache
def countries() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@functools.cache
def subdivisions() -> frozenset[str]:
    return frozenset(subdivision.code for subdivision in pycountry.subdivisions)


# --- the rules, shared by both rivals (each returns a message or None) ----------------------------


def quantity_problem(q: Any) -> str | None:
    best, low, high, qualifier = q.best, q.low, q.high, q.qualifier
    # An int is a fine number, but not one too large to be a float (msgspec cannot bound ints so far).
    if any(number is not None and number > sys.float_info.max for number in (best, low, high)):
        return "a number must be finite"
    if best is not None and low is not None and low > best:
        return "low must be <= best"
    if best is not None and high is not None and high < best:
        return "high must be >= best"
    if low is not None and high is not None and low > high:
        return "high must be >= low"
    known = (best, low, high) != (None, None, None)
    if qualifier is Qualifier.UNKNOWN and known:
        return "unknown, but a number is given"
    if qualifier not in UNNUMBERED and not known:
        return "a number is needed unless the qualifier is unknown, dozens, hundreds or thousands"
    if qualifier is Qualifier.EXACT and (best is None or any(b not in (None, best) for b in (low, high))):
        return "exact needs best, and bounds equal to it"
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST) and low is None:
        return "low is needed"
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST) and high is None:
        return "high is needed"
    return None


def casualties_problem(c: Any) -> str | None:
    figures = [getattr(c, name) for name in CASUALTY_FIGURES]
    if all(figure is None for figure in figures):
        return "at least one of killed, injured, captured, missing is needed"
    for figure in figures:
        if figure is None:
            continue
        for number in (figure.best, figure.low, figure.high):
            if number is not None and not float(number).is_integer():
                return "casualties are whole numbers of people"
    return None


def repeats(items: Any) -> bool:
    return len(set(items)) != len(items)


def inferred_problem(record: Any, tag: str) -> str | None:
    seen: set[str] = set()
    for inference in record.inferred:
        if inference.field not in RECORD_FIELDS[tag] or inference.field in seen:
            return f"bad inferred field {inference.field!r}"
        seen.add(inference.field)
    return None


def _first_known(*numbers: Any) -> Any:
    return next((number for number in numbers if number is not None), None)


def record_problem(r: Any, tag: str) -> str | None:
    problem = inferred_problem(r, tag)
    if problem:
        return problem
    if tag in ("movement", "control", "incident", "interaction") and r.role is EventRole.ATTRIBUTION:
        return "'attribution' is for statements only"
    if tag == "movement":
        if repeats(r.equipment):
            return "a piece of equipment is listed twice"
        if r.origin is not None and r.origin == r.destination:
            return "destination must differ from origin"
    if tag == "statement":
        if r.quote is None and r.paraphrase is None:
            return "a quote or a paraphrase is needed"
        if r.id in r.about:
            return "a statement cannot be about itself"
        if r.act is SpeechAct.CONSULT and r.channel not in CONSULTING_CHANNELS:
            return "'consult' needs a phone call or meeting"
        if r.act is SpeechAct.ASSURE and r.addressee is None:
            return "'assure' needs an addressee"
        if repeats(r.contexts):
            return "a context is listed twice"
        if r.role is EventRole.ATTRIBUTION and (not r.about or r.act is not None):
            return "an attribution attributes claims and is no act"
    if tag == "location":
        if r.country is not None and r.country not in countries():
            return "unknown country"
        if r.subdivision is not None:
            if r.subdivision not in subdivisions():
                return "unknown subdivision"
            if r.country is None or r.subdivision.split("-")[0] != r.country:
                return "subdivision not in country"
        if r.parent == r.id:
            return "a location cannot be its own parent"
    if tag == "actor" and r.country is not None and r.country not in countries():
        return "unknown country"
    if tag == "control" and r.total is not None:
        if r.count is None:
            return "count is needed when total is given"
        if r.count.unit != r.total.unit:
            return "units differ"
        fewest = _first_known(r.count.low, r.count.best, r.count.high)
        most = _first_known(r.total.high, r.total.best, r.total.low)
        if fewest is not None and most is not None and fewest > most:
            return "count exceeds total"
    if tag == "incident":
        return incident_problem(r)
    if tag == "interaction":
        return interaction_problem(r)
    if tag == "relation":
        if r.source == r.target:
            return "a record cannot relate to itself"
        if not r.evidence and not r.inferred:
            return "a relation needs evidence or an inference"
    if tag == "document":
        if r.text is None and r.sha256 is None:
            return "text or sha256 is needed"
        if r.text is not None and r.sha256 is not None and sha256_of(r.text) != r.sha256:
            return "sha256 does not match"
    return None


def incident_problem(r: Any) -> str | None:
    if repeats(r.perpetrators) or repeats(r.targets) or repeats(r.contexts):
        return "an actor or a context is listed twice"
    if any(actor in r.perpetrators for actor in r.targets):
        return "a target is also a perpetrator"
    if repeats([entry.side for entry in r.casualties]):
        return "a side has casualties listed twice"
    if r.kind is IncidentKind.TERRITORY_TAKEN and r.location is None:
        return "territory_taken needs the territory as its location"
    return None


def interaction_problem(r: Any) -> str | None:
    if not r.sources:
        return "at least one source actor is needed"
    if r.mode is not None and r.mode not in MODES_BY_KIND[r.kind]:
        return "the mode does not fit the kind"
    if repeats(r.sources) or repeats(r.targets) or repeats(r.contexts):
        return "an actor or a context is listed twice"
    if any(actor in r.sources for actor in r.targets):
        return "a target is also a source"
    return None


# --- pydantic v2 ----------------------------------------------------------------------------------

PId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
PText = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
PInt = Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]
PCount = Annotated[int, Field(ge=0, le=MAX_INT)]
PNumber = Annotated[int, Field(ge=0)] | Annotated[float, Field(ge=0, allow_inf_nan=False)]
PWikidata = Annotated[str, StringConstraints(pattern=WIKIDATA_PATTERN)]


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
        problem = quantity_problem(self)
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
    end: PInt
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


class PCoordinates(PStrict):
    latitude: Annotated[float, Field(ge=-90, le=90)] | Annotated[int, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)] | Annotated[int, Field(ge=-180, le=180)]
    precision: GeoPrecision = GeoPrecision.EXACT


class PRecord(PStrict):
    id: PId
    evidence: tuple[PEvidence, ...] = ()
    inferred: tuple[PInference, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> PRecord:
        problem = record_problem(self, self.type)  # type: ignore[attr-defined]
        if problem:
            raise ValueError(problem)
        return self


class PActor(PRecord):
    type: Literal["actor"]
    name: PText
    kind: ActorKind
    aliases: tuple[PText, ...] = ()
    country: str | None = None
    title: PText | None = None
    affiliation: PId | None = None
    wikidata: PWikidata | None = None


class PLocation(PRecord):
    type: Literal["location"]
    name: PText
    kind: LocationKind
    aliases: tuple[PText, ...] = ()
    country: str | None = None
    subdivision: str | None = None
    parent: PId | None = None
    coordinates: PCoordinates | None = None
    geonames: Annotated[int, Field(ge=1, le=2**53)] | None = None
    wikidata: PWikidata | None = None


class PStatement(PRecord):
    type: Literal["statement"]
    speaker: PId
    channel: StatementChannel = StatementChannel.UNSPECIFIED
    addressee: PId | None = None
    reported_by: PId | None = None
    date: PDateSpan | None = None
    location: PId | None = None
    quote: PText | None = None
    paraphrase: PText | None = None
    about: tuple[PId, ...] = ()
    act: SpeechAct | None = None
    contexts: tuple[EventContext, ...] = ()
    role: EventRole = EventRole.EVENT


class PMovement(PRecord):
    type: Literal["movement"]
    actor: PId
    kind: MovementKind
    status: MovementStatus
    origin: PId | None = None
    destination: PId | None = None
    ordered_by: PId | None = None
    permitted_by: PId | None = None
    size: PQuantity | None = None
    date: PDateSpan | None = None
    equipment: tuple[PText, ...] = ()
    role: EventRole = EventRole.EVENT


class PControl(PRecord):
    type: Literal["control"]
    territory: PId
    change: ControlChange
    controller: PId | None = None
    previous_controller: PId | None = None
    method: ControlMethod | None = None
    date: PDateSpan | None = None
    count: PQuantity | None = None
    total: PQuantity | None = None
    role: EventRole = EventRole.EVENT


class PCasualties(PStrict):
    side: PId | None = None
    killed: PQuantity | None = None
    injured: PQuantity | None = None
    captured: PQuantity | None = None
    missing: PQuantity | None = None

    @model_validator(mode="after")
    def _reported(self) -> PCasualties:
        problem = casualties_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PIncident(PRecord):
    type: Literal["incident"]
    kind: IncidentKind
    perpetrators: tuple[PId, ...] = ()
    targets: tuple[PId, ...] = ()
    location: PId | None = None
    date: PDateSpan | None = None
    casualties: tuple[PCasualties, ...] = ()
    weapons: tuple[PText, ...] = ()
    contexts: tuple[EventContext, ...] = ()
    role: EventRole = EventRole.EVENT


class PInteraction(PRecord):
    type: Literal["interaction"]
    kind: InteractionKind
    sources: tuple[PId, ...]
    targets: tuple[PId, ...] = ()
    mode: InteractionMode | None = None
    contexts: tuple[EventContext, ...] = ()
    location: PId | None = None
    date: PDateSpan | None = None
    size: PQuantity | None = None
    role: EventRole = EventRole.EVENT


class PDocument(PRecord):
    type: Literal["document"]
    title: PText
    publisher: PText | None = None
    published: PDateSpan | None = None
    url: PText | None = None
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] | None = None
    text: str | None = None
    sha256: Annotated[str, StringConstraints(pattern=SHA256_PATTERN)] | None = None


class PRelation(PRecord):
    type: Literal["relation"]
    source: PId
    kind: RelationKind
    target: PId


PAnyRecord = Annotated[
    PActor | PLocation | PStatement | PMovement | PControl | PIncident | PInteraction | PDocument | PRelation,
    Field(discriminator="type"),
]


class PDataset(PStrict):
    schema_version: Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
    title: str | None = None
    records: tuple[PAnyRecord, ...] = ()


# --- msgspec --------------------------------------------------------------------------------------


def _python_re(pattern: str) -> str:
    return pattern.removesuffix("$") + END_OF_TEXT


MId = Annotated[str, msgspec.Meta(pattern=_python_re(ID_PATTERN))]
MText = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
MInt = Annotated[int, msgspec.Meta(ge=-MAX_INT, le=MAX_INT)]
MCount = Annotated[int, msgspec.Meta(ge=0, le=MAX_INT)]
MNumber = Annotated[int, msgspec.Meta(ge=0)] | Annotated[float, msgspec.Meta(ge=0)]
MWikidata = Annotated[str, msgspec.Meta(pattern=_python_re(WIKIDATA_PATTERN))]


class MStrict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True, kw_only=True):
    pass


class MQuantity(MStrict, kw_only=True):
    unit: MText
    best: MNumber | None = None
    low: MNumber | None = None
    high: MNumber | None = None
    qualifier: Qualifier = Qualifier.EXACT
    text: MText | None = None

    def __post_init__(self) -> None:
        problem = quantity_problem(self)
        if problem:
            raise ValueError(problem)


class MDateSpan(MStrict, kw_only=True):
    earliest: date
    latest: date
    precision: DatePrecision = DatePrecision.DAY
    text: MText | None = None

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise ValueError("latest must not be before earliest")


class MEvidence(MStrict, kw_only=True):
    document: MId
    quote: MText
    start: MCount
    end: MInt
    reported_by: MId | None = None
    attributed_to: MId | None = None

    def __post_init__(self) -> None:
        if self.end != self.start + len(self.quote):
            raise ValueError("end must be start + len(quote)")


class MInference(MStrict, kw_only=True):
    field: MText
    reason: MText


class MCoordinates(MStrict, kw_only=True):
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    precision: GeoPrecision = GeoPrecision.EXACT


class MRecord(MStrict, tag_field="type", kw_only=True):
    id: MId
    evidence: tuple[MEvidence, ...] = ()
    inferred: tuple[MInference, ...] = ()

    def __post_init__(self) -> None:
        problem = record_problem(self, self.__struct_config__.tag)  # type: ignore[arg-type]
        if problem:
            raise ValueError(problem)


class MActor(MRecord, tag="actor", kw_only=True):
    name: MText
    kind: ActorKind
    aliases: tuple[MText, ...] = ()
    country: str | None = None
    title: MText | None = None
    affiliation: MId | None = None
    wikidata: MWikidata | None = None


class MLocation(MRecord, tag="location", kw_only=True):
    name: MText
    kind: LocationKind
    aliases: tuple[MText, ...] = ()
    country: str | None = None
    subdivision: str | None = None
    parent: MId | None = None
    coordinates: MCoordinates | None = None
    geonames: Annotated[int, msgspec.Meta(ge=1, le=2**53)] | None = None
    wikidata: MWikidata | None = None


class MStatement(MRecord, tag="statement", kw_only=True):
    speaker: MId
    channel: StatementChannel = StatementChannel.UNSPECIFIED
    addressee: MId | None = None
    reported_by: MId | None = None
    date: MDateSpan | None = None
    location: MId | None = None
    quote: MText | None = None
    paraphrase: MText | None = None
    about: tuple[MId, ...] = ()
    act: SpeechAct | None = None
    contexts: tuple[EventContext, ...] = ()
    role: EventRole = EventRole.EVENT


class MMovement(MRecord, tag="movement", kw_only=True):
    actor: MId
    kind: MovementKind
    status: MovementStatus
    origin: MId | None = None
    destination: MId | None = None
    ordered_by: MId | None = None
    permitted_by: MId | None = None
    size: MQuantity | None = None
    date: MDateSpan | None = None
    equipment: tuple[MText, ...] = ()
    role: EventRole = EventRole.EVENT


class MControl(MRecord, tag="control", kw_only=True):
    territory: MId
    change: ControlChange
    controller: MId | None = None
    previous_controller: MId | None = None
    method: ControlMethod | None = None
    date: MDateSpan | None = None
    count: MQuantity | None = None
    total: MQuantity | None = None
    role: EventRole = EventRole.EVENT


class MCasualties(MStrict, kw_only=True):
    side: MId | None = None
    killed: MQuantity | None = None
    injured: MQuantity | None = None
    captured: MQuantity | None = None
    missing: MQuantity | None = None

    def __post_init__(self) -> None:
        problem = casualties_problem(self)
        if problem:
            raise ValueError(problem)


class MIncident(MRecord, tag="incident", kw_only=True):
    kind: IncidentKind
    perpetrators: tuple[MId, ...] = ()
    targets: tuple[MId, ...] = ()
    location: MId | None = None
    date: MDateSpan | None = None
    casualties: tuple[MCasualties, ...] = ()
    weapons: tuple[MText, ...] = ()
    contexts: tuple[EventContext, ...] = ()
    role: EventRole = EventRole.EVENT


class MInteraction(MRecord, tag="interaction", kw_only=True):
    kind: InteractionKind
    sources: tuple[MId, ...]
    targets: tuple[MId, ...] = ()
    mode: InteractionMode | None = None
    contexts: tuple[EventContext, ...] = ()
    location: MId | None = None
    date: MDateSpan | None = None
    size: MQuantity | None = None
    role: EventRole = EventRole.EVENT


class MDocument(MRecord, tag="document", kw_only=True):
    title: MText
    publisher: MText | None = None
    published: MDateSpan | None = None
    url: MText | None = None
    language: Annotated[str, msgspec.Meta(pattern=_python_re(LANGUAGE_PATTERN))] | None = None
    text: str | None = None
    sha256: Annotated[str, msgspec.Meta(pattern=_python_re(SHA256_PATTERN))] | None = None


class MRelation(MRecord, tag="relation", kw_only=True):
    source: MId
    kind: RelationKind
    target: MId


MAnyRecord = (
    MActor | MLocation | MStatement | MMovement | MControl | MIncident | MInteraction | MDocument | MRelation
)


class MDataset(MStrict, kw_only=True):
    schema_version: Annotated[str, msgspec.Meta(pattern=_python_re(VERSION_PATTERN))]
    title: str | None = None
    records: tuple[MAnyRecord, ...] = ()


_M_DECODER = msgspec.json.Decoder(MDataset)


def msgspec_decode(text: str) -> MDataset:
    return _M_DECODER.decode(text)


def pydantic_decode(text: str) -> PDataset:
    return PDataset.model_validate_json(text)
