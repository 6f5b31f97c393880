"""UCDP GED: the Uppsala Conflict Data Program's Georeferenced Event Dataset, to conflictkit and back.

A GED row is one event with at least one death. Import (:func:`import_records`, streaming
:func:`iter_import`) makes it an :class:`~conflictkit.Incident` whose casualties are the deaths of
side A, side B, civilians and of unknown affiliation; its two sides as actors; its place, with the
country from the Gleditsch–Ward number in ``country_id`` (not an ISO code); its date span with the
precision of ``date_prec``; and a :class:`UcdpEvent` keeping the columns conflictkit does not model
(conflict and dyad ids, the source fields, the low and high estimates, ...).

Export (:func:`export_records`, streaming :func:`iter_export`): one row per incident with at least
one reported death. UCDP codes nothing else, so every other event (movements, statements,
changes of control, incidents without deaths) is reported as left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from conflictkit.core.errors import CellProblem, TabularError, ValidationError
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.crosswalk.building import Ids, builder
from conflictkit.crosswalk.codes import CodeEntry, CodeTable
from conflictkit.crosswalk.countries import alpha2_from_gleditsch_ward, gleditsch_ward_from_alpha2
from conflictkit.crosswalk.losses import Losses, LossHandler, Reporter
from conflictkit.crosswalk.rows import (
    Cells,
    KeptColumn,
    RowHandler,
    check_columns,
    collect_rows,
    records_of_rows,
)
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.actors import Actor, ActorKind
from conflictkit.records.incidents import Incident, IncidentKind
from conflictkit.records.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.records.record import Record
from conflictkit.values.casualties import Casualties
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Inference
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.references import reference

__all__ = [
    "COLUMNS",
    "DATE_PRECISION",
    "REQUIRED_COLUMNS",
    "TYPE_OF_VIOLENCE",
    "WHERE_PRECISION",
    "UcdpEvent",
    "category_for",
    "export_records",
    "import_records",
    "iter_export",
    "iter_import",
    "release_of",
]

FORMAT = "ucdp"

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude",
    "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
"""The columns of the GED codebook, in the order of its CSV releases."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "id", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates", "latitude",
    "longitude", "country", "country_id", "date_prec", "date_start", "date_end", "deaths_a",
    "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)  # fmt: skip
"""The columns a row must have."""

_KNOWN = frozenset(COLUMNS)

TYPE_OF_VIOLENCE: CodeTable[IncidentKind] = CodeTable(
    name="type_of_violence",
    entries=(
        CodeEntry(
            code="1",
            meaning="state-based conflict: a government against another or an organised group",
            value=IncidentKind.ARMED_CLASH,
            lossy="shares armed_clash with 2: written back as 1 when a side is a state's (government, force)",
        ),
        CodeEntry(
            code="2",
            meaning="non-state conflict: organised groups, none a government",
            value=IncidentKind.ARMED_CLASH,
            lossy="shares armed_clash with 1: written back as 2 when no side is a state's",
        ),
        CodeEntry(
            code="3",
            meaning="one-sided violence: a government or group against civilians",
            value=IncidentKind.ATTACK,
        ),
    ),
)
"""UCDP's ``type_of_violence`` and the :class:`~conflictkit.IncidentKind` each becomes."""

WHERE_PRECISION: CodeTable[tuple[LocationKind, GeoPrecision]] = CodeTable(
    name="where_prec",
    entries=(
        CodeEntry(
            code="1", meaning="the exact location is known", value=(LocationKind.CITY, GeoPrecision.EXACT)
        ),
        CodeEntry(
            code="2",
            meaning="within about 25 km of a known point",
            value=(LocationKind.CITY, GeoPrecision.NEAR),
        ),
        CodeEntry(
            code="3",
            meaning="a second-order administrative unit",
            value=(LocationKind.DISTRICT, GeoPrecision.REGION),
        ),
        CodeEntry(
            code="4",
            meaning="a first-order administrative unit",
            value=(LocationKind.PROVINCE, GeoPrecision.REGION),
        ),
        CodeEntry(
            code="5",
            meaning="a linear feature or a vague area",
            value=(LocationKind.REGION, GeoPrecision.REGION),
        ),
        CodeEntry(
            code="6", meaning="only the country is known", value=(LocationKind.COUNTRY, GeoPrecision.REGION)
        ),
        CodeEntry(
            code="7",
            meaning="international waters or airspace",
            value=(LocationKind.REGION, GeoPrecision.EXACT),
            lossy="conflictkit has no kind for waters or airspace: a region located exactly",
        ),
    ),
)
"""UCDP's ``where_prec``: each becomes a location's kind and its coordinates' precision."""

DATE_PRECISION: CodeTable[DatePrecision] = CodeTable(
    name="date_prec",
    entries=(
        CodeEntry(code="1", meaning="the exact day is known", value=DatePrecision.DAY),
        CodeEntry(
            code="2",
            meaning="a span of 2 to 6 days",
            value=DatePrecision.WEEK,
            lossy="shares week with 3: written back as 2 when the span is shorter than 7 days",
        ),
        CodeEntry(
            code="3",
            meaning="within a week",
            value=DatePrecision.WEEK,
            lossy="shares week with 2: written back as 3 for 7 days or more",
        ),
        CodeEntry(code="4", meaning="within a month", value=DatePrecision.MONTH),
        CodeEntry(code="5", meaning="longer than a month, up to a year", value=DatePrecision.YEAR),
    ),
)
"""UCDP's ``date_prec`` and the :class:`~conflictkit.DatePrecision` of the event's span."""


def _optional_text() -> Any:
    return attrs.field(default=None, metadata=rules(non_empty))


@attrs.frozen(kw_only=True)
class UcdpEvent(Record, type_tag="ucdp.event"):
    """The columns of a UCDP GED row that conflictkit does not model, beside the row's incident.

    A subclass of :class:`~conflictkit.Record` with a namespaced type tag, like any extension.
    """

    describes: str = attrs.field(metadata=reference(Incident))
    """Id of the incident the row became."""

    ged_id: int
    """The row's ``id``."""

    type_of_violence: int
    """1 state-based, 2 non-state, 3 one-sided."""

    where_prec: int
    """The location's precision code as written (1–7)."""

    date_prec: int
    """The date's precision code as written (1–5)."""

    country: str = attrs.field(metadata=rules(non_empty))
    """The country's name as UCDP writes it, e.g. ``"Russia (Soviet Union)"``."""

    country_id: int
    """The Gleditsch–Ward number as written."""

    low: int
    """The lowest estimate of all deaths."""

    high: int
    """The highest estimate of all deaths."""

    time_of_day: str | None = _optional_text()
    """What follows the day in ``date_start`` and ``date_end`` (``" 00:00:00.000"`` in some releases)."""

    relid: str | None = _optional_text()
    """UCDP's id of the event's source relation."""
    year: str | None = _optional_text()
    """The year column as written."""
    active_year: str | None = _optional_text()
    """Whether the dyad was active that year (``"1"``/``"0"``, or ``"True"``/``"False"``)."""
    code_status: str | None = _optional_text()
    """``"Clear"`` or ``"Check"``."""
    conflict_dset_id: str | None = _optional_text()
    """The conflict's id in the conflict dataset."""
    conflict_new_id: str | None = _optional_text()
    """The conflict's UCDP id."""
    conflict_name: str | None = _optional_text()
    """The conflict's name, e.g. ``"Afghanistan: Government"``."""
    dyad_dset_id: str | None = _optional_text()
    """The dyad's id in the dyadic dataset."""
    dyad_new_id: str | None = _optional_text()
    """The dyad's UCDP id."""
    dyad_name: str | None = _optional_text()
    """The dyad's name."""
    side_a_dset_id: str | None = _optional_text()
    """Side A's id in the actor dataset."""
    side_a_new_id: str | None = _optional_text()
    """Side A's UCDP actor id."""
    side_b_dset_id: str | None = _optional_text()
    """Side B's id in the actor dataset."""
    side_b_new_id: str | None = _optional_text()
    """Side B's UCDP actor id."""
    number_of_sources: str | None = _optional_text()
    """How many sources report the event."""
    source_article: str | None = _optional_text()
    """The sources, as cited."""
    source_office: str | None = _optional_text()
    """Where the sources' reporters were."""
    source_date: str | None = _optional_text()
    """When the sources were published."""
    source_headline: str | None = _optional_text()
    """The sources' headlines."""
    source_original: str | None = _optional_text()
    """The original sources cited by the reports."""
    where_description: str | None = _optional_text()
    """How the place is described."""
    adm_1: str | None = _optional_text()
    """The first-order administrative unit."""
    adm_2: str | None = _optional_text()
    """The second-order administrative unit."""
    geom_wkt: str | None = _optional_text()
    """The point as well-known text."""
    priogrid_gid: str | None = _optional_text()
    """The PRIO-GRID cell."""
    region: str | None = _optional_text()
    """UCDP's region, e.g. ``"Asia"``."""
    event_clarity: str | None = _optional_text()
    """1 clear, 2 an aggregate of events."""
    gwnoa: str | None = _optional_text()
    """Gleditsch–Ward numbers of side A's states."""
    gwnob: str | None = _optional_text()
    """Gleditsch–Ward numbers of side B's states."""

    columns: tuple[KeptColumn, ...] = ()
    """Cells of columns the codebook does not list (a release's own), kept as written and written back."""

    quality: tuple[str, ...] = ()
    """What is odd about the row as published, kept as it is: e.g. ``low`` above ``best``."""


_TYPED = frozenset(
    {"id", "type_of_violence", "where_prec", "date_prec", "country", "country_id", "low", "high"}
)
_KEPT_TEXT = tuple(
    field.name for field in attrs.fields(UcdpEvent) if field.name in COLUMNS and field.name not in _TYPED
)
"""The columns a UcdpEvent keeps as text, exactly as written."""
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(.*)")
_CIVILIANS = "Civilians"
_GOVERNMENT = "Government of "
_BOTH_SIDES_REASON = (
    "the file names this actor on both sides of the event (two factions or units of one name): "
    "the second side is a record of its own"
)
"""Why an actor named on both sides of one event is two records."""

_KIND_REASON = "UCDP names sides without a type; taken from the name (a government, civilians, else a group)"


def _side_kind(name: str) -> ActorKind:
    if name.startswith(_GOVERNMENT):
        return ActorKind.GOVERNMENT
    if name == _CIVILIANS:
        return ActorKind.POPULATION
    return ActorKind.ARMED_GROUP


@functools.lru_cache(maxsize=1024)
def _deaths(number: int) -> Quantity:
    # Rows share their counts: one immutable Quantity each, made and checked once.
    return Quantity(best=number, unit="people")


@functools.lru_cache(maxsize=4096)
def _casualties(side: str | None, number: int) -> Casualties:
    # Rows share their sides and counts: one immutable Casualties each, made and checked once.
    return Casualties(side=side, killed=_deaths(number))


@functools.lru_cache(maxsize=4096)
def _span(start: date, end: date, precision: DatePrecision) -> DateSpan:
    # Rows share their dates: one immutable DateSpan each, made and checked once.
    return DateSpan(earliest=start, latest=end, precision=precision)


def release_of(columns: Iterable[str]) -> str:
    """Which GED column set a header is, in words, for a conversion's summary.

    >>> from conflictkit.crosswalk import ucdp
    >>> ucdp.release_of(ucdp.COLUMNS)
    'UCDP GED, the 49 columns of 23.1 and later'
    >>> ucdp.release_of([name for name in ucdp.COLUMNS if name not in ("gwnoa", "gwnob")])
    'UCDP GED, 47 of the 49 columns (an older or candidate release), without gwnoa, gwnob'
    """
    found = list(columns)
    missing = [name for name in COLUMNS if name not in found]
    extra = [name for name in found if name not in _KNOWN]
    if not missing and not extra:
        return "UCDP GED, the 49 columns of 23.1 and later"
    what = f"UCDP GED, {len(found) - len(extra)} of the 49 columns (an older or candidate release)"
    if missing:
        what += f", without {', '.join(missing)}"
    if extra:
        what += f", with {', '.join(extra)} (kept as written)"
    return what


class _Importer:
    def __init__(self) -> None:
        self.actors = Ids("ucdp:actor:")
        self.locations = Ids("ucdp:loc:")
        self.seen: dict[int, int] = {}

    def records(self, values: Mapping[str, Any], number: int) -> list[Record]:
        cells = Cells(values, row=number)
        extra = tuple(str(name) for name in values if name not in _KNOWN)
        if "event_id_cnty" in values or "EVENT_ID_CNTY" in values:
            cells.problem(None, "this is not a UCDP GED file: its header is that of an ACLED file")
        elif "Event ID" in values:
            cells.problem(None, "this is not a UCDP GED file: its header is that of a POLECAT file")
        cells.problems.extend(
            check_columns(
                values,
                number,
                known=_KNOWN | frozenset(extra),
                required=REQUIRED_COLUMNS,
                format_name="UCDP GED",
            )
        )
        for name in extra:
            cells.raw(name)  # a cell that is not text is a problem
        ged_id = cells.integer("id", low=1, required=True)
        violence = cells.code("type_of_violence", TYPE_OF_VIOLENCE.value_of, required=True)
        where = cells.code("where_prec", WHERE_PRECISION.value_of, required=True)
        date_prec = cells.code("date_prec", DATE_PRECISION.value_of, required=True)
        side_a = cells.text("side_a", required=True)
        side_b = cells.text("side_b", required=True)
        place = cells.text("where_coordinates", required=True)
        latitude = cells.number("latitude", low=-90, high=90, required=True)
        longitude = cells.number("longitude", low=-180, high=180, required=True)
        country = cells.text("country", required=True)
        country_id = cells.integer("country_id", required=True)
        alpha2 = None
        if country_id is not None:
            try:
                alpha2 = alpha2_from_gleditsch_ward(country_id)
            except ValidationError as error:
                cells.problem("country_id", error.problems[0].message)
        start, suffix_start = self._date(cells, "date_start")
        end, suffix_end = self._date(cells, "date_end")
        if start is not None and end is not None:
            if end < start:
                cells.problem("date_end", f"must not be before date_start ({start}), got {end}")
            if suffix_start != suffix_end:
                cells.problem("date_end", "must be written like date_start")
        deaths = {
            column: cells.integer(column, low=0, required=True)
            for column in (
                "deaths_a",
                "deaths_b",
                "deaths_civilians",
                "deaths_unknown",
                "best",
                "low",
                "high",
            )
        }
        year = cells.integer("year")
        if year is not None and start is not None and year != start.year:
            cells.problem("year", f"must be the year of date_start ({start.year}), got {year}")
        if None not in deaths.values():
            total = sum(
                deaths[c] or 0 for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
            )
            low, high = deaths["low"] or 0, deaths["high"] or 0
            if deaths["best"] != total:
                cells.problem(
                    "best", f"must be the sum of the four deaths columns ({total}), got {deaths['best']}"
                )
            elif total > high:
                cells.problem("high", f"best ({total}) <= high ({high}) must hold (low is {low})")
            elif high == 0:
                cells.problem(
                    "best", "UCDP GED codes only events with at least one death: best and high are 0"
                )
        if ged_id is not None and ged_id in self.seen:
            cells.problem("id", f"repeats the id {ged_id} of row {self.seen[ged_id]}")
        cells.check()
        try:
            records = self._build(
                values,
                cells.found(ged_id),
                cells.found(violence),
                cells.found(where),
                cells.found(date_prec),
                cells.found(side_a),
                cells.found(side_b),
                cells.found(place),
                cells.found(latitude),
                cells.found(longitude),
                alpha2,
                cells.found(start),
                cells.found(end),
                suffix_start,
                deaths,
                cells.found(country),
                cells.found(country_id),
            )
        except ValidationError as error:
            raise TabularError(
                CellProblem(row=number, message=str(problem)) for problem in error.problems
            ) from None
        self.seen[cells.found(ged_id)] = number
        return records

    def _date(self, cells: Cells, column: str) -> tuple[date | None, str]:
        text = cells.text(column, required=True)
        if text is None:
            return None, ""
        match = _DATE.fullmatch(text)
        if match is None or match.group(2) not in ("", " 00:00:00.000", " 00:00:00"):
            cells.problem(column, f"expected a date written YYYY-MM-DD, got {shown(text)}")
            return None, ""
        try:
            return date.fromisoformat(match.group(1)), match.group(2)
        except ValueError:
            cells.problem(column, f"expected a date written YYYY-MM-DD, got {shown(text)}")
            return None, ""

    def _actor(
        self, name: str, new_id: str, out: list[Record], country: str | None, other: str | None = None
    ) -> str:
        key: object = new_id or name
        inferred = [Inference(field="kind", reason=_KIND_REASON)]
        actor_id, new = self.actors.of(key, new_id or name)
        if actor_id == other:  # one name on both sides: two of one name, as for ACLED
            key = (key, "other side")
            actor_id, new = self.actors.of(key, new_id or name)
            inferred.append(Inference(field="id", reason=_BOTH_SIDES_REASON))
        if new:
            kind = _side_kind(name)
            out.append(Actor(id=actor_id, name=name, kind=kind, inferred=tuple(inferred)))
        return actor_id

    def _build(
        self,
        values: Mapping[str, Any],
        ged_id: int,
        violence: IncidentKind,
        where: tuple[LocationKind, GeoPrecision],
        date_prec: DatePrecision,
        side_a: str,
        side_b: str,
        place: str,
        latitude: float,
        longitude: float,
        alpha2: str | None,
        start: date,
        end: date,
        time_of_day: str,
        deaths: Mapping[str, int | None],
        country: str,
        country_id: int,
    ) -> list[Record]:
        out: list[Record] = []
        a = self._actor(side_a, str(values.get("side_a_new_id", "")), out, alpha2)
        b = self._actor(side_b, str(values.get("side_b_new_id", "")), out, alpha2, other=a)
        civilians, new = self.actors.of(("civilians",), _CIVILIANS)
        if new:
            out.append(Actor(id=civilians, name=_CIVILIANS, kind=ActorKind.POPULATION))
        kind, precision = where
        key = (place, latitude, longitude, where, alpha2)
        location_id, new = self.locations.of(key, place)
        if new:
            coordinates = Coordinates(latitude=latitude, longitude=longitude, precision=precision)
            out.append(
                Location(id=location_id, name=place, kind=kind, country=alpha2, coordinates=coordinates)
            )
        sides = [(a, deaths["deaths_a"]), (b, deaths["deaths_b"]), (civilians, deaths["deaths_civilians"])]
        casualties = [_casualties(side, number or 0) for side, number in sides]
        casualties.append(_casualties(None, deaths["deaths_unknown"] or 0))
        incident = builder(Incident)(
            id=f"ucdp:ged:{ged_id}",
            kind=violence,
            perpetrators=(a,),
            targets=(b,),
            location=location_id,
            date=_span(start, end, date_prec),
            casualties=tuple(casualties),
        )
        out.append(incident)
        kept: dict[str, Any] = {name: (str(values.get(name, "")) or None) for name in _KEPT_TEXT}
        best, low = deaths["best"] or 0, deaths["low"] or 0
        quality = (
            (f"low ({low}) is above best ({best}) as published; both are kept as they are",)
            if low > best
            else ()
        )
        extra = tuple(
            KeptColumn(column=str(name), value=str(cell))
            for name, cell in values.items()
            if name not in _KNOWN
        )
        out.append(
            builder(UcdpEvent)(
                id=f"ucdp:row:{ged_id}",
                describes=incident.id,
                ged_id=ged_id,
                type_of_violence=int(values["type_of_violence"]),
                where_prec=int(values["where_prec"]),
                date_prec=int(values["date_prec"]),
                country=country,
                country_id=country_id,
                low=deaths["low"] or 0,
                high=deaths["high"] or 0,
                time_of_day=time_of_day or None,
                columns=extra,
                quality=quality,
                **kept,
            )
        )
        return out


def iter_import(rows: Iterable[Mapping[str, Any]], *, on_error: RowHandler | None = None) -> Iterator[Record]:
    """Yield the records of UCDP GED rows one row at a time (see :func:`import_records`)."""
    return records_of_rows(rows, _Importer().records, on_error)


def import_records(rows: Iterable[Mapping[str, Any]], *, on_error: RowHandler | None = None) -> Dataset:
    """A dataset of the records of UCDP GED rows (mappings of column to text, as a CSV reader gives them).

    The problems of all bad rows are raised together as one :class:`~conflictkit.TabularError`;
    with ``on_error`` (lenient mode) each bad row's error is passed to it and the good rows kept.
    """
    return Dataset(records=collect_rows(iter_import, rows, on_error))


_STATE = frozenset({ActorKind.GOVERNMENT, ActorKind.STATE, ActorKind.ARMED_FORCE, ActorKind.OFFICE})
_WHERE_OF_KIND = {
    LocationKind.DISTRICT: "3",
    LocationKind.PROVINCE: "4",
    LocationKind.REGION: "5",
    LocationKind.BORDER: "5",
    LocationKind.COUNTRY: "6",
}


_HELD: dict[type[Record], frozenset[str]] = {
    Incident: frozenset({"kind", "perpetrators", "targets", "location", "date", "casualties"}),
    Actor: frozenset({"name", "kind"}),
    Location: frozenset({"name", "kind", "coordinates", "country"}),
}
"""The fields of each record type a UCDP GED row holds (some only in part: the losses say which)."""


class _Exporter(Reporter):
    def __init__(self, lookup: Callable[[str], Record | None], losses: Losses) -> None:
        super().__init__(FORMAT, _HELD, lookup, losses)
        self.numbered = 0

    def actor(self, actor_id: str) -> Actor | None:
        actor = self.lookup(actor_id)
        return actor if isinstance(actor, Actor) else None

    def row(self, record: Record, kept: UcdpEvent | None) -> dict[str, str] | None:
        if not isinstance(record, Incident):
            self.loss(record, "UCDP GED codes only violent events with at least one death")
            return None
        killed = [entry for entry in record.casualties if entry.killed is not None]
        published = kept is not None and kept.high > 0  # GED publishes best 0 when high is not
        if not published and (
            not killed or all(_most(entry.killed) == 0 for entry in killed if entry.killed is not None)
        ):
            self.loss(record, "no deaths reported: UCDP GED codes only events with at least one death")
            return None
        when = self.date_of(record)
        if record.location is None or not record.perpetrators or not record.targets or when is None:
            self.loss(record, "UCDP GED needs a side A, a side B, a place and a date: left out")
            return None
        row = dict.fromkeys(COLUMNS, "")
        if kept is not None:
            for name in _KEPT_TEXT:
                row[name] = getattr(kept, name) or ""
        self._sides(row, record, kept)
        self.unheld(record)
        for actor_id in (*record.perpetrators[:1], *record.targets[:1]):
            self.unheld(self.lookup(actor_id))
        self.unheld(self.lookup(record.location))
        self._deaths(row, record, kept)
        self._place(row, record, kept)
        self._date(row, when, kept)
        if kept is not None:
            row["id"] = str(kept.ged_id)
            row.update((column.column, column.value) for column in kept.columns)
        else:  # GED ids are numbers: a record made in conflictkit gets the next one
            self.numbered += 1
            row["id"] = str(self.numbered)
            row["year"] = str(when.earliest.year)
        return row

    def _sides(self, row: dict[str, str], record: Incident, kept: UcdpEvent | None) -> None:
        side_a = self.actor(record.perpetrators[0])
        side_b = self.actor(record.targets[0]) if record.targets else None
        row["side_a"] = side_a.name if side_a else record.perpetrators[0]
        row["side_b"] = side_b.name if side_b else ""
        for extra in (*record.perpetrators[1:], *record.targets[1:]):
            self.loss(record, f"UCDP has one actor per side: {extra!r} is left out", "perpetrators")
        if kept is not None and TYPE_OF_VIOLENCE.value_of.get(str(kept.type_of_violence)) == record.kind:
            row["type_of_violence"] = str(kept.type_of_violence)
        else:
            row["type_of_violence"] = _violence(side_a, side_b)
            if row["type_of_violence"] != "3" and record.kind is not IncidentKind.ARMED_CLASH:
                self.loss(
                    record,
                    f"kind {record.kind.value!r} is written as type of violence {row['type_of_violence']}",
                    "kind",
                )

    def _deaths(self, row: dict[str, str], record: Incident, kept: UcdpEvent | None) -> None:
        a = record.perpetrators[0]
        b = record.targets[0] if record.targets else None
        totals = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
        low = high = 0
        exact = True
        for entry in record.casualties:
            if entry.killed is None:
                continue
            side = entry.side
            actor = self.actor(side) if side else None
            column = (
                "deaths_a"
                if side == a
                else "deaths_b"
                if side == b
                else "deaths_civilians"
                if actor is not None and actor.kind is ActorKind.POPULATION
                else "deaths_unknown"
            )
            if side is not None and column == "deaths_unknown":
                self.loss(
                    record,
                    f"deaths of {side!r}, neither side nor civilians, are counted as of unknown affiliation",
                    "casualties",
                )
            figure = entry.killed
            best = _best(figure)
            totals[column] += best
            low += int(figure.low if figure.low is not None else best)
            high += int(figure.high if figure.high is not None else best)
            if figure.qualifier is not Qualifier.EXACT:
                exact = False
                self.loss(
                    record,
                    f"{figure} killed is written as {best}, its low and high kept in low and high",
                    "casualties",
                )
            for other in ("injured", "captured", "missing"):
                if getattr(entry, other) is not None:
                    self.loss(record, f"UCDP counts only deaths: {other} is left out", "casualties")
        best_total = sum(totals.values())
        for column, number in totals.items():
            row[column] = str(number)
        row["best"] = str(best_total)
        if (
            kept is not None
            and exact
            and best_total <= kept.high
            and (kept.low <= best_total or kept.quality)
        ):
            row["low"], row["high"] = str(kept.low), str(kept.high)  # as published, low above best too
            return
        row["low"], row["high"] = str(min(low, best_total)), str(max(high, best_total))

    def _place(self, row: dict[str, str], record: Incident, kept: UcdpEvent | None) -> None:
        location = self.lookup(record.location or "")
        if not isinstance(location, Location):
            return
        row["where_coordinates"] = location.name
        coordinates = location.coordinates
        if coordinates is None:
            self.loss(
                record,
                f"place {location.id!r} has no coordinates: latitude and longitude are left empty",
                "location",
            )
        else:
            row["latitude"], row["longitude"] = repr(coordinates.latitude), repr(coordinates.longitude)
        precision = coordinates.precision if coordinates is not None else GeoPrecision.REGION
        if kept is not None and WHERE_PRECISION.value_of.get(str(kept.where_prec)) == (
            location.kind,
            precision,
        ):
            row["where_prec"] = str(kept.where_prec)
        elif location.kind in _WHERE_OF_KIND:
            row["where_prec"] = _WHERE_OF_KIND[location.kind]
        else:
            row["where_prec"] = "1" if precision is GeoPrecision.EXACT else "2"
        if location.country is not None:
            number = gleditsch_ward_from_alpha2(location.country)
            row["country_id"] = str(
                kept.country_id if kept is not None and _same_state(kept.country_id, number) else number
            )
            row["country"] = kept.country if kept is not None else _country_name(location.country)
        elif kept is not None:
            row["country_id"], row["country"] = str(kept.country_id), kept.country
        else:
            self.loss(record, "the place has no country: country and country_id are left empty", "location")

    def _date(self, row: dict[str, str], when: DateSpan, kept: UcdpEvent | None) -> None:
        suffix = kept.time_of_day or "" if kept is not None else ""
        row["date_start"] = when.earliest.isoformat() + suffix
        row["date_end"] = when.latest.isoformat() + suffix
        days = (when.latest - when.earliest).days + 1
        if kept is not None and DATE_PRECISION.value_of.get(str(kept.date_prec)) == when.precision:
            row["date_prec"] = str(kept.date_prec)
        elif when.precision is DatePrecision.DAY and days == 1:
            row["date_prec"] = "1"
        elif when.precision in (DatePrecision.DAY, DatePrecision.WEEK) and days < 7:
            row["date_prec"] = "2"
        elif when.precision in (DatePrecision.DAY, DatePrecision.WEEK):
            row["date_prec"] = "3"
        else:
            row["date_prec"] = DATE_PRECISION.code_of[when.precision]


def _violence(side_a: Actor | None, side_b: Actor | None) -> str:
    # One-sided when side B is civilians; else state-based when a side is a state's, else non-state.
    if side_b is not None and side_b.kind is ActorKind.POPULATION:
        return "3"
    return "1" if any(actor is not None and actor.kind in _STATE for actor in (side_a, side_b)) else "2"


def category_for(
    record: Record,
    actor: Callable[[str], Record | None] = lambda _: None,
    *,
    kept: UcdpEvent | None = None,
) -> str | None:
    """The UCDP GED ``type_of_violence`` a record is written as, or ``None`` if UCDP has no row for it.

    UCDP codes only incidents: the type an incident read from GED came with (its ``kept``
    :class:`UcdpEvent`), else the one export gives it from its first perpetrator and target
    (``actor`` looks up an actor by id): 3 (one-sided) against civilians, 1 (state-based) when a
    side is a state's, else 2 (non-state). Whether the incident reports a death does not matter
    here.

    >>> from conflictkit.crosswalk.ucdp import *
    >>> from conflictkit import Actor, ActorKind, Incident, IncidentKind
    >>> army = Actor(id="actor:army", name="Afghan National Army", kind=ActorKind.ARMED_FORCE)
    >>> strike = Incident(id="inc:1", kind=IncidentKind.AIR_STRIKE, perpetrators=("actor:army",),
    ...                   targets=("actor:taliban",))
    >>> category_for(strike, {"actor:army": army}.get)
    '1'
    """
    if not isinstance(record, Incident):
        return None
    if kept is not None and TYPE_OF_VIOLENCE.value_of.get(str(kept.type_of_violence)) == record.kind:
        return str(kept.type_of_violence)
    sides: list[Actor | None] = []
    for ids in (record.perpetrators, record.targets):
        found = actor(ids[0]) if ids else None
        sides.append(found if isinstance(found, Actor) else None)
    return _violence(sides[0], sides[1])


def _same_state(kept: int, number: int) -> bool:
    try:
        return alpha2_from_gleditsch_ward(kept) == alpha2_from_gleditsch_ward(number)
    except ValidationError:
        return False


def _best(figure: Quantity) -> int:
    for number in (figure.best, figure.low, figure.high):
        if number is not None:
            return int(number)
    return 0


def _most(figure: Quantity | None) -> float:
    if figure is None:
        return 0
    return max(number for number in (figure.best, figure.low, figure.high, 0) if number is not None)


def _country_name(alpha2: str) -> str:
    from conflictkit.values.countries import _pycountry

    return str(_pycountry().countries.get(alpha_2=alpha2).name)


def iter_export(
    records: Iterable[Record], *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> Iterator[dict[str, str]]:
    """Yield UCDP GED rows for a stream of records, one incident at a time.

    Actors and places must come before the incidents that refer to them; a :class:`UcdpEvent`
    may come before or right after its incident (as :func:`iter_import` writes it).
    """
    known: dict[str, Record] = {}
    kept_for: dict[str, UcdpEvent] = {}
    pending: Record | None = None
    with Losses(on_loss) as losses:
        exporter = _Exporter(known.get, losses)
        exporter.default_date = default_date
        for record in records:
            if isinstance(record, UcdpEvent):
                if pending is not None and pending.id == record.describes:
                    row = exporter.row(pending, record)
                    pending = None
                    if row is not None:
                        yield row
                else:
                    kept_for[record.describes] = record
                continue
            if pending is not None:
                row = exporter.row(pending, kept_for.pop(pending.id, None))
                pending = None
                if row is not None:
                    yield row
            if isinstance(record, (Actor, Location)):
                known[record.id] = record
            elif _is_event(record):
                pending = record
            else:  # documents, relations, records of unknown or other formats' types
                exporter.unmapped(record)
        if pending is not None:
            row = exporter.row(pending, kept_for.pop(pending.id, None))
            if row is not None:
                yield row


def _is_event(record: Record) -> bool:
    from conflictkit.records.control import TerritorialControl
    from conflictkit.records.interactions import Interaction
    from conflictkit.records.movements import MilitaryMovement
    from conflictkit.records.statements import Statement

    return isinstance(record, (Incident, Interaction, TerritorialControl, MilitaryMovement, Statement))


def export_records(
    dataset: Dataset, *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> list[dict[str, str]]:
    """UCDP GED rows for a dataset: one per incident with a death; everything else is reported as left out.

    An event with no date of its own is written with its source's publication date, else with
    ``default_date`` (the report's date, say); each such date is reported as a loss.
    """
    kept_for = {record.describes: record for record in dataset.of_type(UcdpEvent)}
    rows: list[dict[str, str]] = []
    with Losses(on_loss) as losses:
        exporter = _Exporter(dataset.get, losses)
        exporter.default_date = default_date
        for record in dataset.records:
            if _is_event(record):
                row = exporter.row(record, kept_for.get(record.id))
                if row is not None:
                    rows.append(row)
            elif not isinstance(record, (Actor, Location, UcdpEvent)):
                exporter.unmapped(record)
    return rows
