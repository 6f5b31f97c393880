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

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from conflictkit.core.errors import CellProblem, TabularError, ValidationError, with_article
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.crosswalk import Representation, UnknownCategoryError
from conflictkit.crosswalk.building import Ids, builder
from conflictkit.crosswalk.codes import CodeEntry, CodeTable, category_of, fits
from conflictkit.crosswalk.countries import (
    alpha2_from_gleditsch_ward,
    alpha2_from_iso_numeric,
    country_matches,
    iso_numeric_from_alpha2,
)
from conflictkit.crosswalk.losses import Loss, Losses, LossHandler, Reporter
from conflictkit.crosswalk.rows import (
    Cells,
    KeptColumn,
    RowHandler,
    check_columns,
    collect_rows,
    plain_integer,
    plain_number,
    records_of_rows,
)
from conflictkit.crosswalk.ucdp import UcdpEvent
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
    "LEGACY_REPRESENTATIONS",
    "REQUIRED_COLUMNS",
    "TIME_PRECISION",
    "AcledEvent",
    "export_records",
    "import_records",
    "iter_export",
    "iter_import",
    "category_for",
    "extra_columns",
    "representation_of",
    "vintage_of",
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
    "event_id_cnty", "event_date", "time_precision", "event_type", "actor1",
    "country", "location", "latitude", "longitude", "geo_precision", "fatalities",
)  # fmt: skip
"""The columns a row must have (older exports lack some of the others, e.g. ``disorder_type``).

Two more are needed except in files from before 2019: ``sub_event_type``, unless the event type
is one of :data:`LEGACY_REPRESENTATIONS`; and ``iso``, unless the file has ``gwno``, the
Gleditsch–Ward number older files give instead.
"""

_KNOWN = frozenset(COLUMNS)
T = TypeVar("T")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

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

_TERRITORY_BEFORE_2019 = (
    "before 2019 a battle's effect on territory was part of its event type; " + _TERRITORY_NOTE
)

LEGACY_REPRESENTATIONS: Mapping[str, Representation] = MappingProxyType(
    {
        "Battle-No change of territory": _incident(IncidentKind.ARMED_CLASH),
        "Battle-Non-state actor overtakes territory": Representation(
            TerritorialControl,
            (("change", ControlChange.CAPTURED), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_BEFORE_2019,
        ),
        "Battle-Non-state actors overtake territory": Representation(
            TerritorialControl,
            (("change", ControlChange.CAPTURED), ("method", ControlMethod.BY_FORCE)),
            "another spelling of Battle-Non-state actor overtakes territory, kept as written",
        ),
        "Battle-Government regains territory": Representation(
            TerritorialControl,
            (("change", ControlChange.RETAKEN), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_BEFORE_2019,
        ),
        "Headquarters or base established": Representation(
            TerritorialControl,
            (("change", ControlChange.ESTABLISHED),),
            "the territory is the base's location",
        ),
        "Strategic development": Representation(
            Interaction,
            (("kind", InteractionKind.OTHER),),
            "split since 2019 into agreements, arrests, changes to a group, ...; the notes say which",
        ),
        "Riots/Protests": Representation(
            Interaction,
            (("kind", InteractionKind.PROTEST), ("mode", InteractionMode.DEMONSTRATION)),
            "riots and protests were one type before 2019; whether the crowd was violent is in the notes",
        ),
        "Violence against civilians": _incident(IncidentKind.ATTACK, "the targets are civilians"),
        "Violence Against Civilians": _incident(
            IncidentKind.ATTACK, "another spelling of Violence against civilians, kept as written"
        ),
        "Non-violent transfer of territory": Representation(
            TerritorialControl, (("change", ControlChange.CEDED), ("method", ControlMethod.WITHOUT_FIGHT))
        ),
        "Remote violence": _incident(
            IncidentKind.ATTACK,
            "shelling, air strikes and remote explosives alike before 2019; the notes say which",
        ),
    }
)
"""The conflictkit representation of the event types of ACLED files from before 2019.

Those files have no ``sub_event_type``: the event type alone is the category. Both spellings that
real files use are here; the one read is kept in the :class:`AcledEvent` and written back.
"""


# ---------------------------------------------------------------------------------------------
# Files as published: headers of every vintage, dates as written, NA

_RENAMED = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
_INDEX_NAMES = frozenset({"", "unnamed: 0"})
_OTHER_FORMATS = (
    (
        frozenset({"side_a", "side_b", "best", "where_prec"}),
        "a UCDP GED file (use --from ucdp / conflictkit.crosswalk.ucdp)",
    ),
    (
        frozenset({"event id", "event type", "event mode"}),
        "a POLECAT file (use --from plover with a .tsv file)",
    ),
)


@attrs.frozen
class _Layout:
    """How one file writes ACLED's columns: the name each cell is read under, and what is ignored."""

    names: tuple[str | None, ...]
    """For each column as written, its ACLED name (``None``: a leading index column, ignored)."""

    extra: frozenset[str]
    """The columns (by their lower-case name) conflictkit does not model: kept on the AcledEvent."""

    problems: tuple[tuple[str, str], ...]
    """Problems of the header itself, as ``(column, message)``."""


@functools.lru_cache(maxsize=64)
def _layout(columns: tuple[str, ...]) -> _Layout:
    names: list[str | None] = []
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for position, written in enumerate(columns):
        name = written.strip().casefold()
        if position == 0 and name in _INDEX_NAMES:
            names.append(None)  # an index column a data-frame library wrote (pandas, R)
            continue
        name = _RENAMED.get(name, name)
        if name in seen:
            problems.append(
                (written, f"is the column {seen[name]!r} again (header case and ally_ are not told apart)")
            )
        seen[name] = written
        names.append(name)
    found = frozenset(name for name in names if name is not None)
    if "event_id_cnty" not in found:
        for marks, what in _OTHER_FORMATS:
            if marks <= found:
                problems.append(("", f"this is not an ACLED file: its header is that of {what}"))
    return _Layout(names=tuple(names), extra=found - _KNOWN, problems=tuple(problems))


def vintage_of(columns: Iterable[str]) -> str:
    """Which of ACLED's published column sets a header is, in words, for a conversion's summary.

    >>> from conflictkit.crosswalk import acled
    >>> acled.vintage_of(acled.COLUMNS)
    'ACLED, 31 columns with disorder_type (2023 and later)'
    >>> acled.vintage_of(["", "actor1", "gwno", "ally_actor_1", "event_id_cnty"])
    'ACLED, lower-case columns with gwno and ally_actor_n (2016 and before), with an index column'
    """
    written = tuple(columns)
    layout = _layout(written)
    found = {name for name in layout.names if name is not None}
    if "gwno" in found and "iso" not in found:
        case = "upper-case" if all(name == name.upper() for name in written if name) else "lower-case"
        what = f"ACLED, {case} columns with gwno and ally_actor_n (2016 and before)"
    elif "disorder_type" in found:
        what = "ACLED, 31 columns with disorder_type (2023 and later)"
    elif "iso3" in found or "data_id" in found:
        what = "ACLED, export tool columns with data_id and iso3 (2019 to 2022)"
    elif "sub_event_type" in found:
        what = "ACLED, columns with sub_event_type (2019 and later)"
    else:
        what = "ACLED, columns not of a known vintage"
    if None in layout.names:
        what += ", with an index column"
    missing = [name for name in COLUMNS if name not in found]
    if missing and "disorder_type" in found:
        what += f", without {', '.join(missing)}"
    return what


def extra_columns(columns: Iterable[str]) -> tuple[str, ...]:
    """The columns of a header that conflictkit does not model, by their lower-case names.

    Their cells are kept on each row's :class:`AcledEvent` and written back.

    >>> from conflictkit.crosswalk import acled
    >>> acled.extra_columns(["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "iso3"])
    ('data_id', 'event_id_no_cnty', 'iso3')
    """
    layout = _layout(tuple(columns))
    return tuple(name for name in layout.names if name is not None and name in layout.extra)


_MONTHS = {
    name: number
    for number, month in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
    for name in (month, month[:3])
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})([- ])([A-Za-z]+)\2([0-9]{4}|[0-9]{2})")


def _read_date(text: str, year: int | None) -> date | None:
    """A date as ACLED's files write it: ``2020-05-09``, ``01-January-2015``, ``21 March 2020``, ``9-May-20``.

    A two-digit year takes its century from the ``year`` column, else Excel's rule (00 to 29 are 20xx).
    """
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
            return date.fromisoformat(text)
        found = _DAY_MONTH_YEAR.fullmatch(text)
        if found is None:
            return None
        day, _, month_name, year_text = found.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            return None
        number = int(year_text)
        if len(year_text) == 2:
            if year is not None and year % 100 == number:
                number = year
            else:
                number += 2000 if number < 30 else 1900
        return date(number, month, int(day))
    except ValueError:
        return None


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

    sub_event_type: str | None = _optional_text()
    """The sub-event type as written; ``None`` in files from before 2019, which have none."""

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

    iso: int | None = None
    """The ISO 3166-1 numeric code as written (``0`` for Kosovo); ``None`` in files that give ``gwno``."""

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

    event_date: str | None = _optional_text()
    """The date as the file wrote it (``01-January-2015``, ``21 March 2020``, ``9-May-20``), if not ISO."""

    latitude: str | None = _optional_text()
    """The latitude as written, when that is not its shortest form (``36.70630``)."""

    longitude: str | None = _optional_text()
    """The longitude as written, when that is not its shortest form."""

    na: tuple[str, ...] = ()
    """The columns whose cell was written ``NA`` (a file saved by R), written back so."""

    columns: tuple[KeptColumn, ...] = ()
    """The row's cells in columns conflictkit does not model, in the file's order.

    Older and re-saved files have columns of their own (``gwno``, ``data_id``,
    ``event_id_no_cnty``, ``iso3``); each is kept, under its lower-case name, and written back.
    """


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
    sub_event_type: str | None
    country: str | None
    latitude: float
    longitude: float
    geo_precision: GeoPrecision
    fatalities: int
    iso: int | None
    timestamp: int | None
    spelled: Mapping[str, str]
    na: tuple[str, ...]
    extra: tuple[tuple[str, str], ...]


def _normalised(
    values: Mapping[str, Any], layout: _Layout
) -> tuple[dict[str, Any], tuple[str, ...], tuple[tuple[str, Any], ...]]:
    """The row under ACLED's column names, ``NA`` read as empty; the NA columns; the extra cells."""
    cells: dict[str, Any] = {}
    na: list[str] = []
    extra: list[tuple[str, Any]] = []
    for cell, name in zip(values.values(), layout.names, strict=True):
        if name is None:
            continue
        if cell == "NA":
            cell = ""
            na.append(name)
        cells[name] = cell
        if name in layout.extra:
            extra.append((name, cell))
    return cells, tuple(na), tuple(extra)


def _given(value: T | None, number: int) -> T:
    """A value the row's check has found (a row whose check failed never gets here)."""
    if value is None:  # pragma: no cover - Cells.check() has raised for every missing value
        raise TabularError([CellProblem(row=number, message="cannot be read")])
    return value


_DATE_SPELLINGS = "2020-05-09, 01-January-2015, 21 March 2020 or 9-May-20"


def _check_row(values: Mapping[str, Any], number: int) -> _Row:
    layout = _layout(tuple(str(name) for name in values))
    normal, na, extra = _normalised(values, layout)
    problems = check_columns(
        normal, number, known=_KNOWN | layout.extra, required=REQUIRED_COLUMNS, format_name="ACLED"
    )
    cells = Cells(normal, row=number)
    for column, message in layout.problems:
        cells.problem(column or None, message)
    cells.problems.extend(problems)
    for name, cell in extra:
        if not isinstance(cell, str):
            cells.problem(name, f"expected text (a cell of a table), got {type(cell).__name__} {shown(cell)}")
    year = cells.integer("year")
    written_date = cells.text("event_date", required=True)
    day = None
    if written_date is not None:
        day = _read_date(written_date, year)
        if day is None:
            cells.problem(
                "event_date", f"expected a date written {_DATE_SPELLINGS}, got {shown(written_date)}"
            )
    precision = cells.code("time_precision", TIME_PRECISION.value_of, required=True)
    event_type = cells.text("event_type", required=True)
    sub_event_type = cells.text("sub_event_type", required="sub_event_type" in normal)
    representation = None
    if event_type is not None and "sub_event_type" not in normal:  # a file from before 2019
        representation = LEGACY_REPRESENTATIONS.get(event_type)
        if representation is None:
            known_types = ", ".join(repr(name) for name in LEGACY_REPRESENTATIONS)
            cells.problem(
                "event_type",
                f"unknown event type {shown(event_type)} of a file without sub_event_type; "
                f"expected one of {known_types}",
            )
    elif event_type is not None and sub_event_type is not None:
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
    # ``interaction`` is kept as written: ACLED's own files have rows where it disagrees with the
    # inter codes, and files whose users deleted actor2 and inter2 keep the interaction of both.
    cells.text("interaction")
    country = cells.text("country", required=True)
    alpha2 = iso = None
    if "iso" in normal or "gwno" not in normal:
        iso = cells.integer("iso", low=0, required=True)
        if iso:  # 0 is a territory without a code of its own (Kosovo): its name is kept
            try:
                alpha2 = alpha2_from_iso_numeric(iso)
            except ValidationError as error:
                cells.problem("iso", error.problems[0].message)
    else:  # files from before 2019 give the Gleditsch–Ward number instead
        gwno = cells.integer("gwno", low=0, required=True)
        if gwno is not None:
            try:
                alpha2 = alpha2_from_gleditsch_ward(gwno)
            except ValidationError as error:
                cells.problem("gwno", error.problems[0].message)
    if alpha2 is not None and country is not None and not country_matches(alpha2, country):
        column = "iso" if "iso" in normal else "gwno"
        cells.problem(
            "country", f"{shown(country)} is not the country of {column} {normal[column]} ({alpha2})"
        )
    cells.text("location", required=True)
    latitude = cells.number("latitude", low=-90, high=90, required=True)
    longitude = cells.number("longitude", low=-180, high=180, required=True)
    geo_precision = cells.code("geo_precision", GEO_PRECISION.value_of, required=True)
    fatalities = cells.integer("fatalities", low=0, required=True)
    timestamp = cells.integer("timestamp", low=0)
    if year is not None and day is not None and year != day.year:
        cells.problem("year", f"must be the year of event_date ({day.year}), got {year}")
    cells.check()
    spelled: dict[str, str] = {}
    if written_date is not None and not _ISO_DAY.fullmatch(written_date):
        spelled["event_date"] = written_date
    for column, number_read in (("latitude", latitude), ("longitude", longitude)):
        if number_read is not None and _decimal(number_read) != normal[column]:
            spelled[column] = normal[column]
    return _Row(
        number=number,
        values=normal,
        day=_given(day, number),
        precision=_given(precision, number),
        representation=_given(representation, number),
        event_type=_given(event_type, number),
        sub_event_type=sub_event_type,
        country=alpha2,
        latitude=_given(latitude, number),
        longitude=_given(longitude, number),
        geo_precision=_given(geo_precision, number),
        fatalities=_given(fatalities, number),
        iso=iso,
        timestamp=timestamp,
        spelled=spelled,
        na=na,
        extra=extra,
    )


@functools.lru_cache(maxsize=64)
def _plain_layout(columns: tuple[str, ...]) -> bool:
    """Whether a header is ACLED's columns as named since 2019, with none of another vintage or file.

    Rows under such a header can take :func:`_plain_row`: their cells are read under the names
    they have, and every required column is there.
    """
    if not all(column.__class__ is str for column in columns):
        return False  # the full check reads the names as text
    layout = _layout(columns)
    return (
        layout.names == columns
        and not layout.problems
        and not layout.extra
        and {"sub_event_type", "iso", *REQUIRED_COLUMNS} <= set(columns)
    )


def _plain_row(values: Mapping[str, Any], number: int) -> _Row | None:
    """The checked row, for a row whose every cell is plainly valid; ``None`` at the first doubt.

    The quick path of the import: the same checks as :func:`_check_row` for rows of
    :func:`_plain_layout`, without wording problems, and exactly the :class:`_Row` it gives (a test
    compares the two on every fixture row). A row it does not take (an empty required cell, an
    ``NA``, a cell that is not text, a code it does not know, ...) goes to :func:`_check_row`,
    which finds and words every problem, or accepts the row.
    """
    if values.__class__ is not dict or not _plain_layout(tuple(values)):
        return None
    cells = values.values()
    try:
        "".join(cells)  # every cell is text
    except TypeError:
        return None
    if "NA" in cells:
        return None
    get = values.__getitem__  # the columns _plain_layout made sure of
    cell = values.get  # the others: an absent column is an empty cell, as for Cells
    written_date = get("event_date")
    year_text = cell("year", "")
    year = plain_integer(year_text)
    if year_text and year is None:
        return None
    day = _read_date(written_date, year) if written_date else None
    precision = TIME_PRECISION.value_of.get(get("time_precision"))
    sub_event_type = get("sub_event_type")
    representation = REPRESENTATIONS.get((get("event_type"), sub_event_type))
    if day is None or (year is not None and year != day.year) or precision is None or representation is None:
        return None
    codes = INTER_CODES.value_of
    inter2 = cell("inter2", "")
    if (
        not get("actor1")
        or codes.get(cell("inter1", "")) is None
        or (
            codes.get(inter2) is None
            if cell("actor2", "")
            else inter2 and codes.get(inter2, _ANY) is not None
        )
        or not _assoc_ok(cell("assoc_actor_1", "") or None)
        or not _assoc_ok(cell("assoc_actor_2", "") or None)
    ):
        return None
    country = get("country")
    iso = plain_integer(get("iso"), low=0)
    if not country or not get("location") or iso is None:
        return None
    alpha2 = None
    if iso:
        try:
            alpha2 = alpha2_from_iso_numeric(iso)
        except ValidationError:
            return None
        if not country_matches(alpha2, country):
            return None
    latitude = plain_number(get("latitude"), -90, 90)
    longitude = plain_number(get("longitude"), -180, 180)
    geo_precision = GEO_PRECISION.value_of.get(get("geo_precision"))
    fatalities = plain_integer(get("fatalities"), low=0)
    timestamp_text = cell("timestamp", "")
    timestamp = plain_integer(timestamp_text, low=0)
    if (
        latitude is None
        or longitude is None
        or geo_precision is None
        or fatalities is None
        or (timestamp_text and timestamp is None)
    ):
        return None
    spelled: dict[str, str] = {}
    if not _ISO_DAY.fullmatch(written_date):
        spelled["event_date"] = written_date
    if _decimal(latitude) != get("latitude"):
        spelled["latitude"] = get("latitude")
    if _decimal(longitude) != get("longitude"):
        spelled["longitude"] = get("longitude")
    return _Row(
        number=number,
        values=values,
        day=day,
        precision=precision,
        representation=representation,
        event_type=get("event_type"),
        sub_event_type=sub_event_type,
        country=alpha2,
        latitude=latitude,
        longitude=longitude,
        geo_precision=geo_precision,
        fatalities=fatalities,
        iso=iso,
        timestamp=timestamp,
        spelled=spelled,
        na=(),
        extra=(),
    )


_ANY: Any = object()  # a code no table has


_BOTH_SIDES_REASON = (
    "ACLED names this actor on both sides of the event (two factions, units or crowds of one name): "
    "the second side is a record of its own"
)


class _Importer:
    """Turns rows into records; remembers the actors and places it has made (one entry per name).

    An actor is one per name *and actor type*: a name read with inter codes of different actor
    kinds in different rows (a group that became the state's force) makes one actor per kind, each
    row keeping the code it wrote. Codes of one kind (2, 3 and 4 are all armed groups) share the
    actor, and each row's code is kept on its :class:`AcledEvent`.
    """

    def __init__(self) -> None:
        self.actors = Ids("acled:actor:")
        self.locations = Ids("acled:loc:")
        self.events = Ids("")
        self.names: dict[str, str] = {}
        self.seen: dict[str, int] = {}
        self.made: list[tuple[Ids, object]] = []  # the ids made for the row being read
        self.revise = False  # a repeated event id makes the row's records again, with the same ids
        self.last_event_id: str | None = None

    def records(self, values: Mapping[str, Any], number: int) -> list[Record]:
        row = _plain_row(values, number) or _check_row(values, number)
        event_id = str(row.values["event_id_cnty"])
        first = self.seen.get(event_id)
        if first is not None and not self.revise:
            message = f"repeats the event_id_cnty {shown(event_id)} of row {first} (a revised row?)"
            raise TabularError([CellProblem(row=number, column="event_id_cnty", message=message)])
        self.made.clear()
        try:
            records = self._build(row)
        except ValidationError as error:  # a value the cells allow but a record does not
            for ids, key in self.made:  # the row's records are not yielded: nor are its ids taken
                ids.forget(key)
            raise TabularError(
                CellProblem(row=number, message=str(problem)) for problem in error.problems
            ) from None
        self.seen[event_id] = number
        self.last_event_id = event_id
        return records

    def _text(self, row: _Row, column: str) -> str | None:
        value = row.values.get(column, "")
        return value or None

    def _actors(
        self, row: _Row, column: str, assoc: str, inter: str, out: list[Record], other: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        name = self._text(row, column)
        if name is None:
            return ()
        kind = _given(INTER_CODES.value_of[row.values[inter]], row.number)
        ids: list[str] = []
        for position, actor_name in enumerate([name, *_names(self._text(row, assoc))]):
            key: tuple[object, ...] = (actor_name, kind)
            actor_id, new = self.actors.of(key, actor_name)
            reasons = [("kind", _ASSOC_KIND_REASON)] if position else []
            if actor_id in other:  # the same actor on both sides: two of one name
                key = (*key, "other side")
                actor_id, new = self.actors.of(key, actor_name)
                reasons.append(("id", _BOTH_SIDES_REASON))
            if new:
                self.made.append((self.actors, key))
                inferred = tuple(Inference(field=field, reason=reason) for field, reason in reasons)
                out.append(Actor(id=actor_id, name=actor_name, kind=kind, inferred=inferred))
                self.names[actor_id] = actor_name
            if actor_id not in ids:
                ids.append(actor_id)
        return tuple(ids)

    def _location(self, row: _Row, out: list[Record]) -> str:
        name = str(row.values["location"])
        key = (row.iso, row.country, name, row.latitude, row.longitude, row.geo_precision)
        location_id, new = self.locations.of(key, name)
        if new:
            self.made.append((self.locations, key))
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

    def _assoc_kept(self, row: _Row, number: str, side: tuple[str, ...]) -> str | None:
        """The cell of associated actors, when the record's side does not give it back as written."""
        cell = self._text(row, f"assoc_actor_{number}")
        if cell is None or "; ".join(self.names.get(actor, actor) for actor in side[1:]) == cell:
            return None
        return cell

    def _build(self, row: _Row) -> list[Record]:
        out: list[Record] = []
        cell = row.values.get  # a cell's text, or None (absent or empty): as _text, without a call
        event_id = str(row.values["event_id_cnty"])
        token, new = self.events.of(event_id)  # ids that slug to one ("AFG 1", "AFG-1") stay apart
        if new:
            self.made.append((self.events, event_id))
        main_id = event_id if ID_RULE(event_id) is None else f"acled:event:{token}"
        side1 = self._actors(row, "actor1", "assoc_actor_1", "inter1", out)
        side2 = self._actors(row, "actor2", "assoc_actor_2", "inter2", out, side1)
        location = self._location(row, out)
        notes = cell("notes") or None
        source = cell("source") or None
        evidence: tuple[Evidence, ...] = ()
        if notes is not None:
            document_id = f"acled:notes:{token}"
            out.append(
                builder(Document)(
                    id=document_id, title=f"ACLED {event_id}: notes", publisher=source, text=notes
                )
            )
            evidence = (builder(Evidence)(document=document_id, quote=notes, start=0, end=len(notes)),)
        when = _day(row.day, row.precision)
        killed = _killed(row.fatalities)
        common: dict[str, Any] = {"id": main_id, "evidence": evidence}
        paraphrase = notes or _AGREEMENT  # an ACLED agreement is known by its notes
        if _protesters_first(row.representation.value_of("kind"), (cell("inter1") or None)):
            side1, side2 = side2, side1  # the force acts on the protesters, whichever column ACLED gave it
        main, _ = _event_record(row.representation, common, side1, side2, location, when, killed, paraphrase)
        first_event = len(out)
        out.append(main)
        describes = [main.id]
        if not isinstance(main, Incident) and row.fatalities > 0:
            kind = (
                IncidentKind.TERRITORY_TAKEN if row.event_type.startswith("Battle") else IncidentKind.ATTACK
            )
            extra = builder(Incident)(
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
        held1, held2, _, _ = _sides(main, (cell("inter1") or None))
        # The AcledEvent comes before the records it describes, so that a stream can be exported
        # row by row: the exporter knows, on meeting them, which records make up the row.
        out.insert(
            first_event,
            builder(AcledEvent)(
                id=f"acled:row:{token}",
                describes=tuple(describes),
                event_id_cnty=event_id,
                event_type=row.event_type,
                sub_event_type=row.sub_event_type,
                disorder_type=(cell("disorder_type") or None),
                inter1=(cell("inter1") or None),
                inter2=(cell("inter2") or None),
                interaction=(cell("interaction") or None),
                assoc_actor_1=self._assoc_kept(row, "1", held1),
                assoc_actor_2=self._assoc_kept(row, "2", held2),
                civilian_targeting=(cell("civilian_targeting") or None),
                iso=row.iso,
                region=(cell("region") or None),
                country=str(values["country"]),
                admin1=(cell("admin1") or None),
                admin2=(cell("admin2") or None),
                admin3=(cell("admin3") or None),
                source=source,
                source_scale=(cell("source_scale") or None),
                tags=(cell("tags") or None),
                timestamp=row.timestamp,
                event_date=row.spelled.get("event_date"),
                latitude=row.spelled.get("latitude"),
                longitude=row.spelled.get("longitude"),
                na=row.na,
                columns=tuple(KeptColumn(column=name, value=cell) for name, cell in row.extra),
            ),
        )
        return out


@functools.lru_cache(maxsize=4096)
def _day(day: date, precision: DatePrecision) -> DateSpan:
    # Rows share their days: one immutable DateSpan each, made and checked once.
    return DateSpan.on(day, precision=precision)


@functools.lru_cache(maxsize=1024)
def _killed(fatalities: int) -> Casualties:
    # Rows share their counts of fatalities: one immutable Casualties each, made and checked once.
    return Casualties(killed=Quantity(best=fatalities, unit=_PEOPLE))


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
        incident = builder(Incident)(
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
        return builder(Interaction)(
            kind=kind, mode=detail, sources=side1, targets=side2, location=location, date=when, **common
        ), True
    if record is TerritorialControl:
        control = builder(TerritorialControl)(
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
        statement = builder(Statement)(
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

    A row repeating an earlier row's ``event_id_cnty`` is a bad row naming both: a stream cannot
    take back the records of a row it has yielded. :func:`import_records` in lenient mode keeps
    the later (revised) row instead.
    """
    return records_of_rows(rows, _Importer().records, on_error)


def import_records(rows: Iterable[Mapping[str, Any]], *, on_error: RowHandler | None = None) -> Dataset:
    """A dataset of the records of ACLED rows (mappings of column to text, as a CSV reader gives them).

    Every row is checked; the problems of all bad rows are raised together as one
    :class:`~conflictkit.TabularError`, each naming its row and column. With ``on_error`` (lenient
    mode), each bad row's error is passed to it and the good rows are kept.

    ACLED revises events by publishing a row again with the same ``event_id_cnty``. In strict mode
    a repeated id is an error naming both rows; in lenient mode the later, revised row replaces the
    earlier one (if it is good itself), and the earlier one is passed to ``on_error`` saying so.
    """
    if on_error is None:
        return Dataset(records=collect_rows(iter_import, rows, None))
    importer = _Importer()
    importer.revise = True
    out: dict[str, Record] = {}
    rows_of: dict[str, tuple[int, list[str]]] = {}  # event id: its row and the ids of its own records

    def records(values: Mapping[str, Any], number: int) -> list[Record]:
        made = importer.records(values, number)
        event_id = str(importer.last_event_id)
        earlier = rows_of.get(event_id)
        if earlier is not None:
            for record_id in earlier[1]:
                del out[record_id]
            message = f"is repeated by row {number}, a revised row: the later row is kept"
            on_error(TabularError([CellProblem(row=earlier[0], column="event_id_cnty", message=message)]))
        own = [record.id for record in made if not isinstance(record, (Actor, Location))]
        rows_of[event_id] = (number, own)
        return made

    for record in records_of_rows(rows, records, on_error):
        out[record.id] = record
    return Dataset(records=list(out.values()))


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


_ON_PROTESTERS = frozenset({IncidentKind.PROTEST_INTERVENTION, IncidentKind.EXCESSIVE_FORCE})


def _protesters_first(kind: object, inter1: str | None) -> bool:
    """Whether a row names the protesters as actor1 of an intervention in, or force against, a protest.

    conflictkit's incident has the force as its perpetrator and the protesters as its target, so
    that PLOVER is told the force coerced the protesters, never the reverse; the row's own order
    is kept by its inter1 and given back on export.
    """
    return kind in _ON_PROTESTERS and INTER_CODES.value_of.get(inter1 or "") is ActorKind.POPULATION


def _sides(
    record: Record, inter1: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...], str | None, DateSpan | None]:
    """The two sides, the place and the date of an event record, as ACLED's columns see them.

    ``inter1`` is the code a row read from ACLED gave actor1: protesters named first come first.
    """
    if isinstance(record, Incident):
        if _protesters_first(record.kind, inter1):
            return record.targets, record.perpetrators, record.location, record.date
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
        self,
        records: list[Record],
        kept: AcledEvent | None,
        ged: UcdpEvent | None = None,
        claims: Sequence[Record] = (),
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
        if kept is not None and fits(_kept_representation(kept), main):
            types = (kept.event_type, kept.sub_event_type or "")
        elif not fits(REPRESENTATIONS[types], main):
            self.loss(
                main,
                f"written as {types[0]} / {types[1]}, which reads back as {REPRESENTATIONS[types]}",
                "kind",
            )
        side1, side2, location_id, when = _sides(main, kept.inter1 if kept is not None else None)
        side1 = self._named_by_claims(main, side1, claims)
        self._unheld_of_event(records, main, side1 + side2, location_id)
        row = dict.fromkeys(COLUMNS, "")
        row["event_type"], row["sub_event_type"] = types
        row["event_id_cnty"] = kept.event_id_cnty if kept is not None else main.id
        self._date(row, main, when, kept)
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
            row.update((kept_column.column, kept_column.value) for kept_column in kept.columns)
            for column in kept.na:
                if not row.get(column):
                    row[column] = "NA"
        elif ged is not None:  # a UCDP GED row: its sources and admin units are ACLED's too
            row["source"] = ged.source_article or row["source"]
            row["admin1"] = ged.adm_1 or row["admin1"]
            row["admin2"] = ged.adm_2 or row["admin2"]
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

    def _date(
        self, row: dict[str, str], main: Record, when: DateSpan | None, kept: AcledEvent | None
    ) -> None:
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
        if (
            kept is not None
            and kept.event_date is not None
            and _read_date(kept.event_date, when.earliest.year) == when.earliest
        ):
            row["event_date"] = kept.event_date  # the spelling the row was read with
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
                if kept is not None and getattr(kept, f"inter{number}") == "0":
                    row[f"inter{number}"] = "0"  # older files' code for "no actor"
                continue
            row[f"actor{number}"] = self.name(side[0])
            for actor_id in side[1:]:
                name = self.name(actor_id)
                if ";" in name or name != name.strip():
                    self.loss(
                        main, f"the associated actor {name!r} cannot be told apart in a '; ' list", "actors"
                    )
            names = [self.name(actor) for actor in side[1:]]
            kept_assoc = getattr(kept, f"assoc_actor_{number}") if kept is not None else None
            if kept_assoc is not None and (not names or set(names) == set(_names(kept_assoc))):
                row[f"assoc_actor_{number}"] = kept_assoc  # with its order and repeats as written
            else:
                row[f"assoc_actor_{number}"] = "; ".join(names)
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
            if (
                kept is not None
                and kept.interaction is not None
                and (row["inter1"], row["inter2"]) == (kept.inter1 or "", kept.inter2 or "")
            ):
                row["interaction"] = kept.interaction  # as ACLED wrote it, even where it disagrees

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
            row["iso"] = "" if kept.iso is None else str(kept.iso)
            row["country"] = kept.country
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
            for column, number in (
                ("latitude", location.coordinates.latitude),
                ("longitude", location.coordinates.longitude),
            ):
                written = getattr(kept, column) if kept is not None else None
                row[column] = (
                    written if written is not None and float(written) == number else _decimal(number)
                )
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


def _kept_representation(kept: AcledEvent) -> Representation | None:
    if kept.sub_event_type is None:
        return LEGACY_REPRESENTATIONS.get(kept.event_type)
    return REPRESENTATIONS.get((kept.event_type, kept.sub_event_type))


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


_ACLED_NAMES = MappingProxyType(
    {
        "RU": "Russia", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
        "CI": "Ivory Coast", "PS": "Palestine", "TR": "Turkey", "CZ": "Czech Republic", "SZ": "eSwatini",
        "CV": "Cape Verde", "TL": "East Timor", "BN": "Brunei", "FM": "Micronesia",
    }
)  # fmt: skip
"""ACLED's spelling of the countries whose ISO names (and common names) it does not use."""


def _country_name(alpha2: str) -> str:
    """The country's name as ACLED writes it: ``Syria``, not ``Syrian Arab Republic``.

    >>> from conflictkit.crosswalk.acled import _country_name
    >>> _country_name("SY"), _country_name("CD"), _country_name("TJ")
    ('Syria', 'Democratic Republic of Congo', 'Tajikistan')
    """
    from conflictkit.values.countries import _pycountry

    known = _ACLED_NAMES.get(alpha2)
    if known is not None:
        return known
    country = _pycountry().countries.get(alpha_2=alpha2)
    return str(getattr(country, "common_name", None) or country.name)


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
    ged_for: dict[str, UcdpEvent] = {}
    pending: list[Record] = []  # an event of no AcledEvent, until the record after it (its UcdpEvent?)

    def lookup(record_id: str) -> Record | None:
        return known.get(record_id) or documents.get(record_id)

    with Losses(on_loss) as losses:
        exporter = _Exporter(lookup, losses)
        exporter.default_date = default_date

        def flush(ged: UcdpEvent | None = None) -> Iterator[dict[str, str]]:
            while pending:
                event = pending.pop()
                row = exporter.row([event], None, ged or ged_for.pop(event.id, None))
                if row is not None:
                    yield row

        for record in records:
            if isinstance(record, UcdpEvent):
                if pending and pending[0].id == record.describes:
                    yield from flush(record)
                else:
                    ged_for[record.describes] = record
                exporter.unmapped(record)  # its other columns have no place in ACLED
                continue
            yield from flush()
            if isinstance(record, AcledEvent):
                for described in record.describes:
                    waiting[described] = record
                gathered[record.id] = []
            elif _is_event(record):
                kept = waiting.pop(record.id, None)
                if kept is None:
                    pending.append(record)
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
        yield from flush()
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
    ged_for = {companion.describes: companion for companion in dataset.of_type(UcdpEvent)}
    rows: list[dict[str, str]] = []
    done: set[str] = set()
    with Losses(on_loss) as losses:
        exporter = _Exporter(dataset.get, losses)
        exporter.default_date = default_date
        for claim_ids in _export_units(dataset):
            claims = [claim for claim in map(dataset.get, claim_ids) if claim is not None]
            claims = [claim for claim in claims if claim.id not in done and _is_event(claim)]
            if not claims:
                continue
            # One row per event: from the claim an AcledEvent describes (a row read from ACLED),
            # else from its first incident (a capture that ended a retreat is coded as the
            # capture), else from its first claim; the other claims are reported, not added up.
            first = next((claim for claim in claims if isinstance(claim, Incident)), claims[0])
            main = next((claim for claim in claims if claim.id in kept_for), first)
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
            row = exporter.row(group, kept, ged_for.get(main.id), claims)
            if row is not None:
                rows.append(row)
        for record in dataset.records:
            if not _written_or_used(record):
                exporter.unmapped(record)
    return rows


def _export_units(dataset: Dataset) -> list[tuple[str, ...]]:
    """The ids of the claims of each event, and of every other event-like record alone, in order.

    Records that :meth:`~conflictkit.Dataset.events` counts in no event of their own (parts of an
    event, conditions, attributions) are still written, each in a row of its own, as before.
    """
    position: dict[str, int] = {}
    for at, record in enumerate(dataset.records):
        position.setdefault(record.id, at)
    units = [event.claim_ids for event in dataset.events()]
    grouped = {claim_id for unit in units for claim_id in unit}
    units += [(record.id,) for record in dataset.records if _is_event(record) and record.id not in grouped]
    return sorted(units, key=lambda unit: position[unit[0]])


def _written_or_used(record: Record) -> bool:
    """Whether export_records writes ``record`` in a row, or uses it to write one."""
    if isinstance(record, Relation):
        return record.kind is RelationKind.SAME_EVENT  # joins the claims of one event in one row
    return _is_event(record) or isinstance(record, (AcledEvent, Actor, Location, Document))
