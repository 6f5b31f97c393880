"""ACLED: the Armed Conflict Location & Event Data export, to conflictkit and back.

The categories are those of ACLED's codebook (event types and their sub-event types, spelled as
ACLED's exports spell them). Each sub-event type has exactly one conflictkit representation, in
:data:`REPRESENTATIONS`; :func:`representation_of` looks one up.

>>> from conflictkit.crosswalk.acled import *
>>> from conflictkit.crosswalk import acled
>>> str(acled.representation_of("Battles", "Non-state actor overtakes territory"))
'TerritorialControl(change=captured, method=by_force)'

Import (:func:`import_records`, streaming :func:`iter_import`): each row becomes the record its
sub-event type stands for, its actors and place (one record each, shared between rows), the notes as
a :class:`~conflictkit.Document` quoted whole as evidence, the fatalities as
:class:`~conflictkit.Casualties` (on an :class:`~conflictkit.Incident`: of the row's record, or of
one made for them when the record is not an incident), and an :class:`AcledEvent` that keeps the
columns conflictkit does not model (the event id as ACLED wrote it, the inter codes as written, the
admin names, the tags, the timestamp, ...), so that exporting gives the row back exactly.

Export (:func:`export_records`, streaming :func:`iter_export`): one row per event; every fact a row
cannot hold is reported as a :class:`~conflictkit.crosswalk.losses.Loss`, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from conflictkit.core.errors import CellProblem, TabularError, ValidationError, with_article
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.crosswalk import Representation, UnknownCategoryError
from conflictkit.crosswalk.building import Ids, slug
from conflictkit.crosswalk.codes import CodeEntry, CodeTable, category_of, fits
from conflictkit.crosswalk.countries import alpha2_from_iso_numeric, country_matches, iso_numeric_from_alpha2
from conflictkit.crosswalk.losses import Loss, Losses, LossHandler, Reporter
from conflictkit.crosswalk.rows import Cells, RowHandler, check_columns, collect_rows, records_of_rows
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.actors import Actor, ActorKind
from conflictkit.records.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.records.documents import Document
from conflictkit.records.incidents import Incident, IncidentKind
from conflictkit.records.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.records.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.records.movements import MilitaryMovement
from conflictkit.records.record import Record
from conflictkit.records.relations import Relation, RelationKind
from conflictkit.records.statements import Statement
from conflictkit.values.casualties import Casualties, total_casualties
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.references import ID_RULE, reference
from conflictkit.values.speech_acts import SpeechAct

__all__ = [
    "COLUMNS",
    "EVENT_TYPES",
    "REPRESENTATIONS",
    "GEO_PRECISION",
    "INTER_CODES",
    "REQUIRED_COLUMNS",
    "TIME_PRECISION",
    "AcledEvent",
    "export_records",
    "import_records",
    "iter_export",
    "iter_import",
    "category_for",
    "representation_of",
]

FORMAT = "acled"

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
"""ACLED's published columns, in the order of its exports."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "iso", "country", "location", "latitude", "longitude", "geo_precision", "fatalities",
)  # fmt: skip
"""The columns a row must have (older exports lack some of the others, e.g. ``disorder_type``)."""

_KNOWN = frozenset(COLUMNS)

TIME_PRECISION: CodeTable[DatePrecision] = CodeTable(
    name="time_precision",
    entries=(
        CodeEntry(code="1", meaning="the exact day is known", value=DatePrecision.DAY),
        CodeEntry(code="2", meaning="known to within a week", value=DatePrecision.WEEK),
        CodeEntry(code="3", meaning="known to the month", value=DatePrecision.MONTH),
    ),
)
"""ACLED's ``time_precision`` codes and the :class:`~conflictkit.DatePrecision` each becomes.

A conflictkit date known only to the year has no code: it is written as ``3`` and reported.
"""

GEO_PRECISION: CodeTable[GeoPrecision] = CodeTable(
    name="geo_precision",
    entries=(
        CodeEntry(code="1", meaning="the town itself, with its coordinates", value=GeoPrecision.EXACT),
        CodeEntry(code="2", meaning="part of a region, or near a town", value=GeoPrecision.NEAR),
        CodeEntry(
            code="3",
            meaning="a larger region (its provincial capital's coordinates)",
            value=GeoPrecision.REGION,
        ),
    ),
)
"""ACLED's ``geo_precision`` codes and the :class:`~conflictkit.GeoPrecision` each becomes."""

_INTER: tuple[tuple[str, str, ActorKind | None, str | None], ...] = (
    ("0", "No actor", None, None),
    ("1", "State forces", ActorKind.ARMED_FORCE, None),
    ("2", "Rebel group", ActorKind.ARMED_GROUP, "an armed group is written back as 2, rebel group"),
    ("3", "Political militia", ActorKind.ARMED_GROUP, "an armed group is written back as 2, rebel group"),
    ("4", "Identity militia", ActorKind.ARMED_GROUP, "an armed group is written back as 2, rebel group"),
    ("5", "Rioters", ActorKind.POPULATION, "a population is written back as 7, civilians"),
    ("6", "Protesters", ActorKind.POPULATION, "a population is written back as 7, civilians"),
    ("7", "Civilians", ActorKind.POPULATION, "a population is written back as 7, civilians"),
    (
        "8",
        "External/Other forces",
        ActorKind.INTERNATIONAL_ORGANIZATION,
        "also used for foreign and private forces; conflictkit's actor kind says which",
    ),
)
INTER_CODES: CodeTable[ActorKind | None] = CodeTable(
    name="inter1, inter2",
    entries=(
        *(
            CodeEntry[ActorKind | None](code=code, meaning=label, value=kind, lossy=lossy)
            for code, label, kind, lossy in _INTER
        ),
        *(
            CodeEntry[ActorKind | None](
                code=label,
                meaning=f"newer exports' label of {code}",
                value=kind,
                lossy=f"written back as {code} unless the AcledEvent keeps the label"
                + (f"; {lossy}" if lossy else ""),
            )
            for code, label, kind, lossy in _INTER
            if kind is not None
        ),
    ),
)
"""ACLED's actor types (``inter1``, ``inter2``): older exports write numbers, newer ones labels.

Each becomes the :class:`~conflictkit.ActorKind` of the actor; the code as written is kept in the
:class:`AcledEvent`, so a row comes back with the code it had. A number and its label share a
value, so the label entries are marked lossy: without an :class:`AcledEvent`, the number is
written.
"""

_INTER_LABEL = {code: label for code, label, _, _ in _INTER}
_INTER_NUMBER = {label: code for code, label, _, _ in _INTER}
_NO_ACTOR = {"", "0"}


def _interaction(inter1: str, inter2: str) -> str:
    """The ``interaction`` ACLED derives from the two inter codes, lower code first."""
    if inter1 in _INTER_NUMBER or inter2 in _INTER_NUMBER:  # newer exports: labels
        first, second = _INTER_NUMBER.get(inter1, inter1), _INTER_NUMBER.get(inter2, inter2)
        if second in _NO_ACTOR:
            return f"{_INTER_LABEL.get(first, first)} only"
        low, high = sorted((first, second))
        return f"{_INTER_LABEL.get(low, low)}-{_INTER_LABEL.get(high, high)}"
    if inter2 in _NO_ACTOR:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


# The representation tables

EVENT_TYPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
        "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)
"""ACLED's event types, each with its sub-event types, in the codebook's order."""


def _incident(kind: IncidentKind, note: str = "") -> Representation:
    return Representation(Incident, (("kind", kind),), note)


_TERRITORY_NOTE = (
    "the change of control; fatalities, if reported, go on an Incident of kind territory_taken "
    "linked to it by a relation"
)

REPRESENTATIONS: Mapping[tuple[str, str], Representation] = MappingProxyType(
    {
        ("Battles", "Armed clash"): _incident(IncidentKind.ARMED_CLASH),
        ("Battles", "Government regains territory"): Representation(
            TerritorialControl,
            (("change", ControlChange.RETAKEN), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_NOTE,
        ),
        ("Battles", "Non-state actor overtakes territory"): Representation(
            TerritorialControl,
            (("change", ControlChange.CAPTURED), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_NOTE,
        ),
        ("Explosions/Remote violence", "Chemical weapon"): _incident(IncidentKind.CHEMICAL_WEAPON),
        ("Explosions/Remote violence", "Air/drone strike"): _incident(IncidentKind.AIR_STRIKE),
        ("Explosions/Remote violence", "Suicide bomb"): _incident(IncidentKind.SUICIDE_BOMBING),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"): _incident(IncidentKind.SHELLING),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"): _incident(
            IncidentKind.REMOTE_EXPLOSIVE
        ),
        ("Explosions/Remote violence", "Grenade"): _incident(IncidentKind.GRENADE),
        ("Violence against civilians", "Sexual violence"): _incident(
            IncidentKind.SEXUAL_VIOLENCE, "the targets are civilians"
        ),
        ("Violence against civilians", "Attack"): _incident(IncidentKind.ATTACK, "the targets are civilians"),
        ("Violence against civilians", "Abduction/forced disappearance"): _incident(
            IncidentKind.ABDUCTION, "the targets are civilians"
        ),
        ("Protests", "Peaceful protest"): Representation(
            Interaction,
            (("kind", InteractionKind.PROTEST), ("mode", InteractionMode.DEMONSTRATION)),
            "the protesters are the sources; the crowd size goes in size",
        ),
        ("Protests", "Protest with intervention"): _incident(
            IncidentKind.PROTEST_INTERVENTION,
            "the intervening force is the perpetrator, the protesters the target",
        ),
        ("Protests", "Excessive force against protesters"): _incident(
            IncidentKind.EXCESSIVE_FORCE, "the force is the perpetrator, the protesters the target"
        ),
        ("Riots", "Violent demonstration"): _incident(
            IncidentKind.VIOLENT_DEMONSTRATION, "the rioters are the perpetrators"
        ),
        ("Riots", "Mob violence"): _incident(IncidentKind.MOB_VIOLENCE, "the mob is the perpetrator"),
        ("Strategic developments", "Agreement"): Representation(
            Statement,
            (("act", SpeechAct.AGREE),),
            "one statement per party; the other party is the addressee",
        ),
        ("Strategic developments", "Arrests"): _incident(IncidentKind.ARREST),
        ("Strategic developments", "Change to group/activity"): Representation(
            Interaction, (("kind", InteractionKind.GROUP_CHANGE),), "the group is the source"
        ),
        ("Strategic developments", "Disrupted weapons use"): _incident(IncidentKind.DISRUPTED_WEAPONS_USE),
        ("Strategic developments", "Headquarters or base established"): Representation(
            TerritorialControl,
            (("change", ControlChange.ESTABLISHED),),
            "the territory is the base's location",
        ),
        ("Strategic developments", "Looting/property destruction"): _incident(
            IncidentKind.LOOTING_OR_DESTRUCTION
        ),
        ("Strategic developments", "Non-violent transfer of territory"): Representation(
            TerritorialControl, (("change", ControlChange.CEDED), ("method", ControlMethod.WITHOUT_FIGHT))
        ),
        ("Strategic developments", "Other"): Representation(Interaction, (("kind", InteractionKind.OTHER),)),
    }
)
"""The conflictkit representation of every ACLED ``(event type, sub-event type)``."""


def representation_of(event_type: str, sub_event_type: str) -> Representation:
    """The conflictkit representation of an ACLED event type and sub-event type.

    Raises :class:`~conflictkit.crosswalk.UnknownCategoryError` naming both for a pair the codebook
    does not have.
    """
    try:
        return REPRESENTATIONS[event_type, sub_event_type]
    except KeyError:
        raise UnknownCategoryError(
            f"ACLED has no sub-event type {sub_event_type!r} under event type {event_type!r}"
        ) from None


_BY_SUB_EVENT = {sub_event: (event_type, sub_event) for event_type, sub_event in REPRESENTATIONS}


def _optional_text() -> Any:
    return attrs.field(default=None, metadata=rules(non_empty))


@attrs.frozen(kw_only=True)
class AcledEvent(Record, type_tag="acled.event"):
    """The columns of an ACLED row that conflictkit does not model, kept beside the records of the row.

    It is an ordinary subclass of :class:`~conflictkit.Record` with a namespaced type tag, as any
    project adds its own (see the extending guide): it validates, serialises and round-trips like
    the core's records. Its ``describes`` names the records the row became.
    """

    describes: tuple[str, ...] = attrs.field(metadata=reference(Record, many=True))
    """Ids of the records the row became: the event, and an incident with its fatalities if it is not one."""

    event_id_cnty: str = attrs.field(metadata=rules(non_empty))
    """ACLED's event id, e.g. ``"AFG53127"``."""

    event_type: str = attrs.field(metadata=rules(non_empty))
    """The event type as written."""

    sub_event_type: str = attrs.field(metadata=rules(non_empty))
    """The sub-event type as written."""

    disorder_type: str | None = _optional_text()
    """``"Political violence"``, ``"Demonstrations"``, ``"Strategic developments"``, or a combination."""

    inter1: str | None = _optional_text()
    """The first actor's type as written: a number (older exports) or a label (newer ones)."""

    inter2: str | None = _optional_text()
    """The second actor's type as written."""

    interaction: str | None = _optional_text()
    """The interaction code as written."""

    assoc_actor_1: str | None = _optional_text()
    """Associated actors of actor 1, where the event's record has no place for them."""

    assoc_actor_2: str | None = _optional_text()
    """Associated actors of actor 2, where the event's record has no place for them."""

    civilian_targeting: str | None = _optional_text()
    """``"Civilian targeting"`` when civilians were the main target."""

    iso: int
    """The ISO 3166-1 numeric code as written."""

    region: str | None = _optional_text()
    """ACLED's world region, e.g. ``"Caucasus and Central Asia"``."""

    country: str = attrs.field(metadata=rules(non_empty))
    """The country's name as ACLED spells it."""

    admin1: str | None = _optional_text()
    """The first-level administrative unit's name."""

    admin2: str | None = _optional_text()
    """The second-level administrative unit's name."""

    admin3: str | None = _optional_text()
    """The third-level administrative unit's name."""

    source: str | None = _optional_text()
    """The sources as ACLED lists them, e.g. ``"Reuters; Pajhwok Afghan News"``."""

    source_scale: str | None = _optional_text()
    """The sources' scale: ``"National"``, ``"International"``, ``"Local partner-Other"``, ..."""

    tags: str | None = _optional_text()
    """Additional tags, e.g. crowd sizes."""

    timestamp: int | None = None
    """When the row was last changed, in seconds since 1970."""


# ---------------------------------------------------------------------------------------------
# Import


def _names(cell: str | None) -> list[str]:
    """ACLED lists several associated actors in one cell, separated by semicolons."""
    return [name.strip() for name in cell.split(";")] if cell else []


def _assoc_ok(cell: str | None) -> bool:
    """Whether a cell of associated actors is written exactly as ``"; ".join`` gives it back."""
    return cell is None or ("; ".join(_names(cell)) == cell and all(_names(cell)))


_PEOPLE = "people"
_AGREEMENT = "an agreement (ACLED gives no notes)"
_LOCATION_KIND_REASON = "ACLED names a place without saying what kind it is; taken as a town"
_ASSOC_KIND_REASON = "ACLED gives the type of an event's main actors only; taken for its associated actors"


@attrs.frozen(kw_only=True)
class _Row:
    """What one row says, checked: everything needed to build its records."""

    number: int
    values: Mapping[str, Any]
    day: date
    precision: DatePrecision
    representation: Representation
    event_type: str
    sub_event_type: str
    country: str
    latitude: float
    longitude: float
    geo_precision: GeoPrecision
    fatalities: int
    iso: int
    timestamp: int | None


def _check_row(values: Mapping[str, Any], number: int) -> _Row:
    problems = check_columns(values, number, known=_KNOWN, required=REQUIRED_COLUMNS, format_name="ACLED")
    cells = Cells(values, row=number)
    cells.problems.extend(problems)
    day = cells.day("event_date", required=True)
    year = cells.integer("year")
    precision = cells.code("time_precision", TIME_PRECISION.value_of, required=True)
    event_type = cells.text("event_type", required=True)
    sub_event_type = cells.text("sub_event_type", required=True)
    representation = None
    if event_type is not None and sub_event_type is not None:
        representation = REPRESENTATIONS.get((event_type, sub_event_type))
        if representation is None:
            known = _BY_SUB_EVENT.get(sub_event_type)
            if known is not None:
                cells.problem("event_type", f"{shown(sub_event_type)} is a sub-event type of {known[0]!r}")
            else:
                cells.problem(
                    "sub_event_type", f"unknown sub-event type {shown(sub_event_type)} of {shown(event_type)}"
                )
    cells.text("actor1", required=True)
    for column in ("assoc_actor_1", "assoc_actor_2"):
        if not _assoc_ok(cells.text(column)):
            cells.problem(column, "names must be separated by '; ' with none empty")
    inter1 = cells.code("inter1", INTER_CODES.value_of)
    inter2 = cells.code("inter2", INTER_CODES.value_of)
    for actor, inter, kind in (("actor1", "inter1", inter1), ("actor2", "inter2", inter2)):
        if cells.text(actor) is not None and kind is None and not cells.problems_in(inter):
            cells.problem(inter, f"an actor type is needed for {actor}")
        if cells.text(actor) is None and kind is not None:
            cells.problem(inter, f"is an actor type, but there is no {actor}")
    interaction = cells.text("interaction")
    if interaction is not None and inter1 is not None:
        expected = _interaction(cells.raw("inter1"), cells.raw("inter2"))
        if interaction != expected:
            cells.problem(
                "interaction", f"must be {expected!r} for inter1 and inter2, got {shown(interaction)}"
            )
    iso = cells.integer("iso", low=0, required=True)
    country = cells.text("country", required=True)
    alpha2 = None
    if iso is not None:
        try:
            alpha2 = alpha2_from_iso_numeric(iso)
        except ValidationError as error:
            cells.problem("iso", error.problems[0].message)
    if alpha2 is not None and country is not None and not country_matches(alpha2, country):
        cells.problem("country", f"{shown(country)} is not the country of iso {iso} ({alpha2})")
    cells.text("location", required=True)
    latitude = cells.number("latitude", low=-90, high=90, required=True)
    longitude = cells.number("longitude", low=-180, high=180, required=True)
    geo_precision = cells.code("geo_precision", GEO_PRECISION.value_of, required=True)
    fatalities = cells.integer("fatalities", low=0, required=True)
    timestamp = cells.integer("timestamp", low=0)
    if year is not None and day is not None and year != day.year:
        cells.problem("year", f"must be the year of event_date ({day.year}), got {year}")
    cells.check()
    assert day is not None
    assert precision is not None
    assert representation is not None
    assert event_type is not None
    assert sub_event_type is not None
    assert alpha2 is not None
    assert latitude is not None
    assert longitude is not None
    assert geo_precision is not None
    assert fatalities is not None
    assert iso is not None
    return _Row(
        number=number,
        values=values,
        day=day,
        precision=precision,
        representation=representation,
        event_type=event_type,
        sub_event_type=sub_event_type,
        country=alpha2,
        latitude=latitude,
        longitude=longitude,
        geo_precision=geo_precision,
        fatalities=fatalities,
        iso=iso,
        timestamp=timestamp,
    )


class _Importer:
    """Turns rows into records; remembers the actors and places it has made (one entry per name)."""

    def __init__(self) -> None:
        self.actors = Ids("acled:actor:")
        self.locations = Ids("acled:loc:")

    def records(self, values: Mapping[str, Any], number: int) -> list[Record]:
        row = _check_row(values, number)
        try:
            return self._build(row)
        except ValidationError as error:  # a value the cells allow but a record does not
            raise TabularError(
                CellProblem(row=number, message=str(problem)) for problem in error.problems
            ) from None

    def _text(self, row: _Row, column: str) -> str | None:
        value = row.values.get(column, "")
        return value or None

    def _actors(self, row: _Row, column: str, assoc: str, inter: str, out: list[Record]) -> tuple[str, ...]:
        name = self._text(row, column)
        if name is None:
            return ()
        kind = INTER_CODES.value_of[row.values[inter]]
        assert kind is not None
        ids = []
        for position, actor_name in enumerate([name, *_names(self._text(row, assoc))]):
            actor_id, new = self.actors.of(actor_name)
            if new:
                inferred = (Inference(field="kind", reason=_ASSOC_KIND_REASON),) if position else ()
                out.append(Actor(id=actor_id, name=actor_name, kind=kind, inferred=inferred))
            if actor_id not in ids:
                ids.append(actor_id)
        return tuple(ids)

    def _location(self, row: _Row, out: list[Record]) -> str:
        name = str(row.values["location"])
        key = (row.iso, name, row.latitude, row.longitude, row.geo_precision)
        location_id, new = self.locations.of(key, name)
        if new:
            coordinates = Coordinates(
                latitude=row.latitude, longitude=row.longitude, precision=row.geo_precision
            )
            out.append(
                Location(
                    id=location_id,
                    name=name,
                    kind=LocationKind.CITY,
                    country=row.country,
                    coordinates=coordinates,
                    inferred=(Inference(field="kind", reason=_LOCATION_KIND_REASON),),
                )
            )
        return location_id

    def _build(self, row: _Row) -> list[Record]:
        out: list[Record] = []
        event_id = str(row.values["event_id_cnty"])
        main_id = event_id if ID_RULE(event_id) is None else f"acled:event:{slug(event_id)}"
        side1 = self._actors(row, "actor1", "assoc_actor_1", "inter1", out)
        side2 = self._actors(row, "actor2", "assoc_actor_2", "inter2", out)
        location = self._location(row, out)
        notes = self._text(row, "notes")
        source = self._text(row, "source")
        evidence: tuple[Evidence, ...] = ()
        if notes is not None:
            document_id = f"acled:notes:{slug(event_id)}"
            out.append(
                Document(id=document_id, title=f"ACLED {event_id}: notes", publisher=source, text=notes)
            )
            evidence = (Evidence(document=document_id, quote=notes, start=0, end=len(notes)),)
        when = DateSpan.on(row.day, precision=row.precision)
        killed = Casualties(killed=Quantity(best=row.fatalities, unit=_PEOPLE))
        common: dict[str, Any] = {"id": main_id, "evidence": evidence}
        paraphrase = notes or _AGREEMENT  # an ACLED agreement is known by its notes
        main, held_assoc = _event_record(
            row.representation, common, side1, side2, location, when, killed, paraphrase
        )
        first_event = len(out)
        out.append(main)
        describes = [main.id]
        if not isinstance(main, Incident) and row.fatalities > 0:
            kind = IncidentKind.TERRITORY_TAKEN if row.event_type == "Battles" else IncidentKind.ATTACK
            extra = Incident(
                id=f"{main_id}:fatalities",
                kind=kind,
                perpetrators=side1,
                targets=tuple(actor for actor in side2 if actor not in side1),
                location=location,
                date=when,
                casualties=(killed,),
                evidence=evidence,
            )
            out.append(extra)
            describes.append(extra.id)
        values = row.values
        # The AcledEvent comes before the records it describes, so that a stream can be exported
        # row by row: the exporter knows, on meeting them, which records make up the row.
        out.insert(
            first_event,
            AcledEvent(
                id=f"acled:row:{slug(event_id)}",
                describes=tuple(describes),
                event_id_cnty=event_id,
                event_type=row.event_type,
                sub_event_type=row.sub_event_type,
                disorder_type=self._text(row, "disorder_type"),
                inter1=self._text(row, "inter1"),
                inter2=self._text(row, "inter2"),
                interaction=self._text(row, "interaction"),
                assoc_actor_1=None if held_assoc else self._text(row, "assoc_actor_1"),
                assoc_actor_2=None if held_assoc else self._text(row, "assoc_actor_2"),
                civilian_targeting=self._text(row, "civilian_targeting"),
                iso=row.iso,
                region=self._text(row, "region"),
                country=str(values["country"]),
                admin1=self._text(row, "admin1"),
                admin2=self._text(row, "admin2"),
                admin3=self._text(row, "admin3"),
                source=source,
                source_scale=self._text(row, "source_scale"),
                tags=self._text(row, "tags"),
                timestamp=row.timestamp,
            ),
        )
        return out


def _event_record(
    representation: Representation,
    common: dict[str, Any],
    side1: tuple[str, ...],
    side2: tuple[str, ...],
    location: str,
    when: DateSpan,
    killed: Casualties,
    paraphrase: str,
) -> tuple[Record, bool]:
    """The row's main record, and whether it holds the associated actors itself."""
    record = representation.record
    # The table pairs each class with values of its own vocabularies; Any lets one builder serve all.
    kind: Any = representation.values[0][1]
    detail: Any = representation.values[1][1] if len(representation.values) > 1 else None
    side2 = tuple(actor for actor in side2 if actor not in side1)  # an actor on both sides: once
    if record is Incident:
        incident = Incident(
            kind=kind,
            perpetrators=side1,
            targets=side2,
            location=location,
            date=when,
            casualties=(killed,),
            **common,
        )
        return incident, True
    if record is Interaction:
        return Interaction(
            kind=kind, mode=detail, sources=side1, targets=side2, location=location, date=when, **common
        ), True
    if record is TerritorialControl:
        control = TerritorialControl(
            territory=location,
            change=kind,
            method=detail,
            controller=side1[0] if side1 else None,
            previous_controller=side2[0] if side2 else None,
            date=when,
            **common,
        )
        return control, False
    if record is Statement:
        statement = Statement(
            speaker=side1[0],
            addressee=side2[0] if side2 else None,
            act=kind,
            date=when,
            location=location,
            paraphrase=paraphrase,
            **common,
        )
        return statement, False
    raise AssertionError(f"no builder for {record.__name__}")  # pragma: no cover - the table is closed


def iter_import(rows: Iterable[Mapping[str, Any]], *, on_error: RowHandler | None = None) -> Iterator[Record]:
    """Yield the records of ACLED rows, one row at a time: for files that do not fit in memory.

    Each actor and place is yielded once, before the first record that refers to it. A bad row
    raises a :class:`~conflictkit.TabularError` with every problem of that row; with ``on_error``
    (lenient mode), the error is passed to it instead, the row is skipped, and reading goes on.
    """
    return records_of_rows(rows, _Importer().records, on_error)


def import_records(rows: Iterable[Mapping[str, Any]], *, on_error: RowHandler | None = None) -> Dataset:
    """A dataset of the records of ACLED rows (mappings of column to text, as a CSV reader gives them).

    Every row is checked; the problems of all bad rows are raised together as one
    :class:`~conflictkit.TabularError`, each naming its row and column. With ``on_error`` (lenient
    mode), each bad row's error is passed to it and the good rows are kept.
    """
    return Dataset(records=collect_rows(iter_import, rows, on_error))


# ---------------------------------------------------------------------------------------------
# Export

_STATE_KINDS = frozenset({ActorKind.ARMED_FORCE, ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.OFFICE})
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
_INTER_OF_KIND = {
    ActorKind.ARMED_FORCE: "1",
    ActorKind.STATE: "1",
    ActorKind.GOVERNMENT: "1",
    ActorKind.OFFICE: "1",
    ActorKind.PERSON: "1",
    ActorKind.ARMED_GROUP: "2",
    ActorKind.POPULATION: "7",
    ActorKind.INTERNATIONAL_ORGANIZATION: "8",
    ActorKind.MEDIA: "8",
    ActorKind.ANONYMOUS_SOURCE: "8",
    ActorKind.UNIDENTIFIED: "8",  # ACLED's "other": neither a force nor civilians is known
}
_OTHER = ("Strategic developments", "Other")
_INCIDENT_FALLBACK = {
    IncidentKind.TERRITORY_TAKEN: ("Battles", "Armed clash"),
    IncidentKind.SMALL_ARMS_ATTACK: ("Violence against civilians", "Attack"),
    IncidentKind.PRIMITIVE_WEAPONS_ATTACK: ("Violence against civilians", "Attack"),
    IncidentKind.ASSASSINATION: ("Violence against civilians", "Attack"),
    IncidentKind.EXECUTION: ("Violence against civilians", "Attack"),
    IncidentKind.BEATING: ("Violence against civilians", "Attack"),
    IncidentKind.TORTURE: ("Violence against civilians", "Attack"),
    IncidentKind.CAPTURE: ("Strategic developments", "Arrests"),
    IncidentKind.DEPORTATION: ("Strategic developments", "Arrests"),
    IncidentKind.CONFISCATION: ("Strategic developments", "Looting/property destruction"),
}
_PROJECTED = frozenset({"announced", "planned"})
_HELD: dict[type[Record], frozenset[str]] = {
    Incident: frozenset({"kind", "perpetrators", "targets", "location", "date", "casualties"}),
    TerritorialControl: frozenset(
        {"territory", "change", "method", "controller", "previous_controller", "date"}
    ),
    Interaction: frozenset({"kind", "mode", "sources", "targets", "location", "date"}),
    Statement: frozenset({"speaker", "addressee", "act", "date", "location"}),
    MilitaryMovement: frozenset({"actor", "kind", "status", "destination", "origin", "date"}),
    Actor: frozenset({"name", "kind"}),
    Location: frozenset({"name", "kind", "country", "coordinates", "parent"}),
}
"""The fields of each record type an ACLED row holds (some only in part: the losses say which)."""
_RECENT_DOCUMENTS = 1000


def category_for(
    record: Record, actor_kind: Callable[[str | None], ActorKind | None] = lambda _: None
) -> tuple[str, str] | None:
    """The ACLED event type and sub-event type a record is written as, or ``None`` for no row.

    The category whose representation the record fits, else the closest one (``actor_kind`` tells
    a state's force from a group, for a capture of territory);
    :func:`~conflictkit.crosswalk.codes.lossy_exports` lists where
    that is not exact.

    >>> from conflictkit.crosswalk.acled import *
    >>> from conflictkit import Incident, IncidentKind
    >>> category_for(Incident(id="inc:1", kind=IncidentKind.TORTURE))
    ('Violence against civilians', 'Attack')
    """
    key = category_of(REPRESENTATIONS, record)
    if key is not None:
        return key
    if isinstance(record, Incident):
        return _INCIDENT_FALLBACK.get(record.kind, _OTHER)
    if isinstance(record, TerritorialControl):
        if record.change is ControlChange.ESTABLISHED:
            return ("Strategic developments", "Headquarters or base established")
        peaceful = record.method in (ControlMethod.WITHOUT_FIGHT, ControlMethod.NEGOTIATED)
        if record.change is ControlChange.CEDED or (
            record.change in (ControlChange.CAPTURED, ControlChange.RETAKEN) and peaceful
        ):
            return ("Strategic developments", "Non-violent transfer of territory")
        if record.change in (ControlChange.CAPTURED, ControlChange.RETAKEN):
            if actor_kind(record.controller) in _STATE_KINDS:
                return ("Battles", "Government regains territory")
            return ("Battles", "Non-state actor overtakes territory")
        return _OTHER
    if isinstance(record, Interaction):
        if record.kind is InteractionKind.PROTEST:
            return ("Protests", "Peaceful protest")
        if record.kind is InteractionKind.COOPERATE:
            return ("Strategic developments", "Agreement")
        return _OTHER
    if isinstance(record, MilitaryMovement):
        if record.status.value in _PROJECTED:
            return None
        if record.kind.value in ("offensive", "counter_offensive"):
            return _OTHER
        return ("Strategic developments", "Change to group/activity")
    if isinstance(record, Statement) and record.act is SpeechAct.AGREE:
        return ("Strategic developments", "Agreement")
    return None


def _sides(record: Record) -> tuple[tuple[str, ...], tuple[str, ...], str | None, DateSpan | None]:
    """The two sides, the place and the date of an event record, as ACLED's columns see them."""
    if isinstance(record, Incident):
        return record.perpetrators, record.targets, record.location, record.date
    if isinstance(record, Interaction):
        return record.sources, record.targets, record.location, record.date
    if isinstance(record, TerritorialControl):
        first = (record.controller,) if record.controller else ()
        second = (record.previous_controller,) if record.previous_controller else ()
        return first, second, record.territory, record.date
    if isinstance(record, MilitaryMovement):
        return (record.actor,), (), record.destination or record.origin, record.date
    if isinstance(record, Statement):
        return (
            (record.speaker,),
            (record.addressee,) if record.addressee else (),
            record.location,
            record.date,
        )
    return (), (), None, None


def _is_event(record: Record) -> bool:
    return isinstance(record, (Incident, Interaction, TerritorialControl, MilitaryMovement, Statement))


class _Exporter(Reporter):
    """Builds rows from records, looking up the actors, places and documents they refer to."""

    def __init__(self, lookup: Callable[[str], Record | None], losses: Losses) -> None:
        super().__init__(FORMAT, _HELD, lookup, losses)
        self.inter_reported: set[str] = set()

    def actor_kind(self, actor_id: str | None) -> ActorKind | None:
        actor = self.lookup(actor_id) if actor_id else None
        return actor.kind if isinstance(actor, Actor) else None

    def name(self, actor_id: str) -> str:
        actor = self.lookup(actor_id)
        return actor.name if isinstance(actor, Actor) else actor_id

    def row(
        self, records: list[Record], kept: AcledEvent | None, claims: Sequence[Record] = ()
    ) -> dict[str, str] | None:
        """The row of an event from ``records``; ``claims`` (the event's) fill what they leave unsaid."""
        main = next((r for r in records if not isinstance(r, Incident)), records[0])
        types = category_for(main, self.actor_kind)
        if types is None:
            why = (
                "a statement has no ACLED row"
                if isinstance(main, Statement)
                else "ACLED codes only events that happened"
            )
            for record in records:
                self.loss(record, why)
            return None
        if kept is not None and fits(REPRESENTATIONS.get((kept.event_type, kept.sub_event_type)), main):
            types = (kept.event_type, kept.sub_event_type)
        elif not fits(REPRESENTATIONS[types], main):
            self.loss(
                main,
                f"written as {types[0]} / {types[1]}, which reads back as {REPRESENTATIONS[types]}",
                "kind",
            )
        side1, side2, location_id, when = _sides(main)
        side1 = self._named_by_claims(main, side1, claims)
        self._unheld_of_event(records, main, side1 + side2, location_id)
        row = dict.fromkeys(COLUMNS, "")
        row["event_type"], row["sub_event_type"] = types
        row["event_id_cnty"] = kept.event_id_cnty if kept is not None else main.id
        self._date(row, main, when)
        self._actors(row, main, side1, side2, kept)
        self._place(row, main, location_id, kept)
        self._fatalities(row, records)
        self._notes(row, main, kept)
        row["disorder_type"] = kept.disorder_type or "" if kept is not None else _DISORDER[types[0]]
        if kept is not None:
            row["civilian_targeting"] = kept.civilian_targeting or ""
            row["source_scale"] = kept.source_scale or ""
            row["tags"] = kept.tags or ""
            row["timestamp"] = "" if kept.timestamp is None else str(kept.timestamp)
            row["region"] = kept.region or ""
        return row

    def _named_by_claims(
        self, main: Record, side1: tuple[str, ...], claims: Sequence[Record]
    ) -> tuple[str, ...]:
        """``side1``, or when it names nobody, the first side another claim of the event names (reported)."""
        if side1:
            return side1
        for claim in claims:
            named = _sides(claim)[0]
            if named and claim is not main:
                names = ", ".join(self.name(actor) for actor in named)
                self.loss(
                    main,
                    f"names no actor; {claim.id}, a claim of the same event, names {names}: "
                    "actor1 is written from it",
                    "actors",
                )
                return named
        return side1

    def _unheld_of_event(
        self, records: list[Record], main: Record, actors: tuple[str, ...], location_id: str | None
    ) -> None:
        for record in records:
            also: frozenset[str] = frozenset()
            if isinstance(record, Statement) and record.paraphrase in (_AGREEMENT, _notes_of(record)):
                also = frozenset({"paraphrase"})  # the notes hold it
            self.unheld(record, also=also)
        if isinstance(main, MilitaryMovement) and main.origin and main.destination:
            self.loss(main, "ACLED has one place per event: the destination is written", "origin")
        for actor_id in actors:
            self.unheld(self.lookup(actor_id))
        if location_id is not None:
            self.unheld(self.lookup(location_id))

    def _date(self, row: dict[str, str], main: Record, when: DateSpan | None) -> None:
        if when is None:
            when = self.date_of(main)
            if when is None:
                self.loss(main, "has no date: event_date and year are left empty (see default_date)", "date")
                return
            when = attrs.evolve(when, precision=DatePrecision.MONTH)  # it happened by then, not on that day
        precision = when.precision
        if when.latest != when.earliest:
            days = (when.latest - when.earliest).days + 1
            precision = DatePrecision.WEEK if days <= 7 else DatePrecision.MONTH
            if days > 7 and (when.earliest.year, when.earliest.month) != (
                when.latest.year,
                when.latest.month,
            ):
                self.loss(main, f"the span {when} is longer than a month: written as its first day", "date")
            elif when.precision is DatePrecision.DAY:
                self.loss(main, f"the span {when} is written as its first day", "date")
        if precision is DatePrecision.YEAR:
            self.loss(main, "a date known only to the year is written with time_precision 3 (month)", "date")
            precision = DatePrecision.MONTH
        row["event_date"] = when.earliest.isoformat()
        row["year"] = str(when.earliest.year)
        row["time_precision"] = TIME_PRECISION.code_of[precision]

    def _actors(
        self,
        row: dict[str, str],
        main: Record,
        side1: tuple[str, ...],
        side2: tuple[str, ...],
        kept: AcledEvent | None,
    ) -> None:
        for number, side in (("1", side1), ("2", side2)):
            if not side:
                continue
            row[f"actor{number}"] = self.name(side[0])
            for actor_id in side[1:]:
                name = self.name(actor_id)
                if ";" in name or name != name.strip():
                    self.loss(
                        main, f"the associated actor {name!r} cannot be told apart in a '; ' list", "actors"
                    )
            assoc = "; ".join(self.name(actor) for actor in side[1:])
            kept_assoc = getattr(kept, f"assoc_actor_{number}") if kept is not None else None
            row[f"assoc_actor_{number}"] = assoc or kept_assoc or ""
            kept_inter = getattr(kept, f"inter{number}") if kept is not None else None
            kind = self.actor_kind(side[0])
            if kept_inter is not None and INTER_CODES.value_of.get(kept_inter) == kind:
                row[f"inter{number}"] = kept_inter
            elif kind is not None:
                code = _INTER_OF_KIND[kind]
                row[f"inter{number}"] = code
                actor = self.lookup(side[0])
                if INTER_CODES.value_of[code] is not kind and actor is not None:
                    back = INTER_CODES.value_of[code]
                    assert back is not None  # the codes written for a kind all name one
                    what = with_article(kind.value)
                    reason = f"{what} is written as inter code {code}, read back as {back.value}"
                    if actor.id not in self.inter_reported:
                        self.inter_reported.add(actor.id)
                        self.loss(actor, reason, "kind")
        if not side1:
            self.loss(main, "names no actor: actor1 is left empty, which ACLED requires", "actors")
        if row["inter1"]:
            row["interaction"] = _interaction(row["inter1"], row["inter2"])

    def _place(
        self, row: dict[str, str], main: Record, location_id: str | None, kept: AcledEvent | None
    ) -> None:
        location = self.lookup(location_id) if location_id else None
        if not isinstance(location, Location):
            self.loss(main, "has no place: the location columns are left empty", "location")
            return
        row["location"] = location.name
        country, admin = self._country_and_admin(location)
        if country is not None:
            row["iso"] = str(iso_numeric_from_alpha2(country))
            row["country"] = kept.country if kept is not None else _country_name(country)
        elif kept is not None:
            row["iso"], row["country"] = str(kept.iso), kept.country
        else:
            self.loss(
                main, f"place {location.id!r} has no country: iso and country are left empty", "location"
            )
        for level, name in zip(("admin1", "admin2", "admin3"), admin, strict=False):
            row[level] = name
        if kept is not None:
            row["admin1"], row["admin2"], row["admin3"] = (
                kept.admin1 or "",
                kept.admin2 or "",
                kept.admin3 or "",
            )
        if location.coordinates is None:
            self.loss(
                main,
                f"place {location.id!r} has no coordinates: latitude and longitude are left empty",
                "location",
            )
        else:
            row["latitude"] = _decimal(location.coordinates.latitude)
            row["longitude"] = _decimal(location.coordinates.longitude)
            row["geo_precision"] = GEO_PRECISION.code_of[location.coordinates.precision]

    def _country_and_admin(self, location: Location) -> tuple[str | None, list[str]]:
        """The country, and the names of the provinces and districts above the place, outermost first."""
        admin: list[str] = []
        country = location.country
        seen = {location.id}
        parent = self.lookup(location.parent) if location.parent else None
        while isinstance(parent, Location) and parent.id not in seen:
            seen.add(parent.id)
            country = country or parent.country
            if parent.kind in (LocationKind.PROVINCE, LocationKind.DISTRICT):
                admin.insert(0, parent.name)
            parent = self.lookup(parent.parent) if parent.parent else None
        if location.kind in (LocationKind.PROVINCE, LocationKind.DISTRICT):
            admin.append(location.name)
        return country, admin

    def _fatalities(self, row: dict[str, str], records: list[Record]) -> None:
        sides = [entry for record in records if isinstance(record, Incident) for entry in record.casualties]
        reported = [entry.killed for entry in sides if entry.killed is not None]
        # One side's figure is written as reported (its wording kept for the loss report);
        # several are added up.
        killed = reported[0] if len(reported) == 1 else total_casualties(sides).killed if reported else None
        incident = next((record for record in records if isinstance(record, Incident)), None)
        for other in ("injured", "captured", "missing"):
            if incident is not None and any(getattr(entry, other) is not None for entry in sides):
                self.loss(incident, f"ACLED counts only deaths: {other} is left out", "casualties")
        row["fatalities"] = "0"
        if killed is None:
            if incident is not None:
                self.loss(incident, "no deaths reported: ACLED writes 0, which also means none", "casualties")
            return
        number = killed.best if killed.qualifier is Qualifier.EXACT else _conservative(killed)
        row["fatalities"] = str(int(number or 0))
        if killed.qualifier is not Qualifier.EXACT and incident is not None:
            reason = f"{killed} killed is written as ACLED's conservative {row['fatalities']}"
            self.loss(incident, reason, "casualties")

    def _notes(self, row: dict[str, str], main: Record, kept: AcledEvent | None) -> None:
        quotes = [evidence.quote for evidence in main.evidence]
        row["notes"] = " ".join(quotes)
        publishers: list[str] = []
        for evidence in main.evidence:
            document = self.lookup(evidence.document)
            if isinstance(document, Document) and document.publisher and document.publisher not in publishers:
                publishers.append(document.publisher)
        row["source"] = "; ".join(publishers)
        if kept is not None and kept.source is not None:
            row["source"] = kept.source
        imported = kept is not None and all(
            e.start == 0 and e.document.startswith("acled:notes:") for e in main.evidence
        )
        if main.evidence and not imported:
            self.loss(
                main, "evidence keeps its quotes as the notes, not their documents and offsets", "evidence"
            )


def _notes_of(record: Record) -> str:
    return " ".join(evidence.quote for evidence in record.evidence)


def _conservative(quantity: Quantity) -> float:
    """ACLED's conservative reading of a vague figure: its lower bound ("dozens" = 12, "hundreds" = 100)."""
    for number in (quantity.low, quantity.best, quantity.high):
        if number is not None:
            return number
    return 0


def _decimal(number: float) -> str:
    """A coordinate in its shortest form, as ACLED writes it: ``36.7063``, ``70.58``, ``66``."""
    text = repr(number)
    return text[:-2] if text.endswith(".0") else text


def _country_name(alpha2: str) -> str:
    from conflictkit.values.countries import _pycountry

    return str(_pycountry().countries.get(alpha_2=alpha2).name)


def iter_export(
    records: Iterable[Record], *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> Iterator[dict[str, str]]:
    """Yield ACLED rows for a stream of records (e.g. from :func:`conflictkit.iter_jsonl`), event by event.

    Actors, places and documents must come before the events that refer to them (as
    :func:`iter_import` and JSON Lines written from a dataset give them). Actors and places are
    kept (one entry per distinct one), documents only the last thousand, events not at all, so
    memory does not grow with the number of rows. Records not joined by an :class:`AcledEvent`
    are one event each: use :func:`export_records` to join the claims of one event.
    """
    known: dict[str, Record] = {}
    documents: dict[str, Record] = {}
    waiting: dict[str, AcledEvent] = {}
    gathered: dict[str, list[Record]] = {}

    def lookup(record_id: str) -> Record | None:
        return known.get(record_id) or documents.get(record_id)

    with Losses(on_loss) as losses:
        exporter = _Exporter(lookup, losses)
        exporter.default_date = default_date
        for record in records:
            if isinstance(record, AcledEvent):
                for described in record.describes:
                    waiting[described] = record
                gathered[record.id] = []
            elif _is_event(record):
                kept = waiting.pop(record.id, None)
                if kept is None:
                    row = exporter.row([record], None)
                    if row is not None:
                        yield row
                    continue
                group = gathered[kept.id]
                group.append(record)
                if len(group) == len(kept.describes):
                    del gathered[kept.id]
                    row = exporter.row(group, kept)
                    if row is not None:
                        yield row
            elif isinstance(record, (Actor, Location)):
                known[record.id] = record
            elif isinstance(record, Document):
                documents[record.id] = record
                if (
                    len(documents) > _RECENT_DOCUMENTS
                ):  # notes come just before their row: keep the recent ones
                    del documents[next(iter(documents))]
            else:  # relations (a stream joins no claims), records of unknown or other formats' types
                exporter.unmapped(record)
        for kept_id, group in gathered.items():
            for record in group:
                losses.report(
                    Loss(
                        record=record.id, format=FORMAT, reason=f"{kept_id} describes records that never came"
                    )
                )


def export_records(
    dataset: Dataset, *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> list[dict[str, str]]:
    """ACLED rows for a dataset: one row per event, with every fact a row cannot hold reported.

    Records an :class:`AcledEvent` describes make one row together, with the columns it keeps.
    Losses go to ``on_loss`` (e.g. ``losses.append``), else into one
    :class:`~conflictkit.crosswalk.losses.LossWarning`.

    An event with no date of its own is written with its source's publication date, else with
    ``default_date`` (the report's date, say); each such date is reported as a loss.
    """
    kept_for: dict[str, AcledEvent] = {}
    for companion in dataset.of_type(AcledEvent):
        for described_id in companion.describes:
            kept_for[described_id] = companion
    rows: list[dict[str, str]] = []
    done: set[str] = set()
    with Losses(on_loss) as losses:
        exporter = _Exporter(dataset.get, losses)
        exporter.default_date = default_date
        for event in dataset.events():
            claims = [claim for claim in map(dataset.get, event.claim_ids) if claim is not None]
            claims = [claim for claim in claims if claim.id not in done and _is_event(claim)]
            if not claims:
                continue
            # One row per event: from the claim an AcledEvent describes (a row read from ACLED),
            # else from the event's first claim; the other claims are reported, not added up.
            main = next((claim for claim in claims if claim.id in kept_for), claims[0])
            kept = kept_for.get(main.id)
            group = [main]
            if kept is not None:
                described = (dataset.get(record_id) for record_id in kept.describes)
                group = [member for member in described if member is not None]
            done.update(member.id for member in group)
            for other in claims:
                if other.id not in done:
                    done.add(other.id)
                    exporter.loss(
                        other, f"the same event as {main.id}: ACLED has one row per event, from {main.id}"
                    )
            row = exporter.row(group, kept, claims)
            if row is not None:
                rows.append(row)
        for record in dataset.records:
            if not _written_or_used(record):
                exporter.unmapped(record)
    return rows


def _written_or_used(record: Record) -> bool:
    """Whether export_records writes ``record`` in a row, or uses it to write one."""
    if isinstance(record, Relation):
        return record.kind is RelationKind.SAME_EVENT  # joins the claims of one event in one row
    return _is_event(record) or isinstance(record, (AcledEvent, Actor, Location, Document))
