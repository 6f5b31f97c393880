"""What matching compares, extracted once per record into compact rows.

Matching never touches the records in its inner loop: each event-like record becomes one
:data:`Row`, a plain tuple of numbers and small ints (its date range widened by its precision, its
point and the radius its geo precision and place kind allow, its kind signature, its actors, its
main figure), and the kind signatures and actors are numbered in shared :class:`Tables`. The same
rows and tables feed :func:`conflictkit.matching.match` and the Spark job.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any, Protocol

from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.actors import Actor
from conflictkit.records.control import TerritorialControl
from conflictkit.records.documents import Document
from conflictkit.records.incidents import Incident
from conflictkit.records.interactions import Interaction
from conflictkit.records.locations import GeoPrecision, Location, LocationKind
from conflictkit.records.movements import MilitaryMovement
from conflictkit.records.record import Record
from conflictkit.records.relations import EventLike, EventRole, event_role_of
from conflictkit.records.statements import Statement
from conflictkit.values.casualties import Casualties
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.quantities import Qualifier, Quantity

__all__ = [
    "GEO_PRECISION_KM",
    "LOCATION_KIND_KM",
    "NO_DATE",
    "NO_PLACE",
    "Grouping",
    "Kind",
    "Row",
    "SIGNATURE_BITS",
    "Tables",
    "extract",
    "figure_text",
    "signature",
    "ucdp_events",
]

Row = tuple[Any, ...]
"""One record's features: see the ``R_*`` positions in this module."""

# Positions in a Row.
R_INDEX, R_DATASET, R_ID, R_FAMILY, R_KIND, R_LO, R_HI, R_EPISODE, R_DATED = range(9)
R_LAT, R_LON, R_RADIUS, R_ACTORS, R_FIGURE = range(9, 14)

GEO_PRECISION_KM: dict[GeoPrecision, float] = {
    GeoPrecision.EXACT: 0.0,
    GeoPrecision.NEAR: 25.0,
    GeoPrecision.REGION: 50.0,
}
"""How far (km) the true place may lie from a point of each :class:`~conflictkit.GeoPrecision`
(ACLED's geo_precision 2 is "part of a region or near a town"; UCDP's where_prec 2 "within 25 km")."""

LOCATION_KIND_KM: dict[LocationKind, float] = {
    LocationKind.COUNTRY: 500.0,
    LocationKind.REGION: 250.0,
    LocationKind.PROVINCE: 100.0,
    LocationKind.DISTRICT: 25.0,
    LocationKind.BORDER: 250.0,
}
"""How far (km) a place of an area kind reaches from its representative point; other kinds, 0."""

NO_DATE = "no date"
"""Why a record is unmatched: it has no date (and no report date was given for it)."""

NO_PLACE = "no place"
"""Why a record is unmatched: it names no place, or no place with coordinates (itself or a parent)."""

NOT_AN_EVENT = "not an event"
"""Why a record is unmatched: its role is a condition, a plan or an attribution, no happening of its
own (see :class:`~conflictkit.EventRole`), so it is the same event as nothing."""

_EPOCH = date(1970, 1, 1).toordinal()


Kind = tuple[
    str,
    str,
    tuple[str, str] | None,
    tuple[str, str | None] | None,
    str | None,
    bool,
    tuple[str, ...] | None,
]
"""A kind signature: family, kind label, ACLED (event type, sub-event type), PLOVER (event, mode),
UCDP GED type of violence, whether that type is all the record's source says (a record read from
UCDP GED), and the categories a user's taxonomy gives the kind (``None`` if it gives none)."""


class Grouping(Protocol):
    """What the tables take from a user's taxonomy (:class:`~conflictkit.matching.Taxonomy`)."""

    def path(self, kind: str) -> tuple[str, ...] | None:
        """A kind's categories, finest first, or ``None``."""

    def name_group(self, names: Iterable[str]) -> str | None:
        """The group of an actor's names, or ``None``."""

    def kind_group(self, kind: str) -> str:
        """The group of an actor kind."""


class Tables:
    """The kind signatures and actors of the rows, numbered; shared by all datasets of one run."""

    __slots__ = ("_actor_index", "_kind_index", "actors", "grouping", "kinds", "violence")

    def __init__(self, grouping: Grouping | None = None, *, violence: bool = True) -> None:
        self.grouping = grouping
        """The user's taxonomy, if any."""
        self.violence = violence
        """Whether the kinds carry UCDP GED's type of violence: it counts only against a record
        read from UCDP GED, so a run without one leaves it out."""
        self.kinds: list[Kind] = []
        """Each kind signature (see :data:`Kind`)."""
        self.actors: list[tuple[str, int, int, str | None, str, str | None]] = []
        """Each actor: normalised name, the signature of its names' trigrams (see :func:`signature`)
        and how many bits it sets, country, kind (or the taxonomy's group of it), and the
        taxonomy's group of its names (``None`` if none)."""
        self._kind_index: dict[Any, int] = {}
        self._actor_index: dict[Any, int] = {}

    def kind_of(
        self,
        record: Record,
        family: str,
        actor: Callable[[str], Record | None] = lambda _: None,
        kept: ucdp.UcdpEvent | None = None,
    ) -> int:
        """The number of the record's kind signature (its categories are computed once per signature).

        ``actor`` looks up the record's actors (UCDP's type of violence depends on their kinds);
        ``kept`` is the :class:`~conflictkit.crosswalk.ucdp.UcdpEvent` of a record read from UCDP GED.
        """
        label = _kind_label(record)
        violence = ucdp.category_for(record, actor, kept=kept) if self.violence else None
        from_ucdp = kept is not None and violence == str(kept.type_of_violence)
        key = (type(record), family, label, _kind_detail(record), violence, from_ucdp)
        number = self._kind_index.get(key)
        if number is None:
            number = self._kind_index[key] = len(self.kinds)
            path = self.grouping.path(label) if self.grouping is not None else None
            self.kinds.append(
                (
                    family,
                    label,
                    acled.category_for(record),
                    plover.category_for(record),
                    violence,
                    from_ucdp,
                    path,
                )
            )
        return number

    def actor_of(self, actor: Actor) -> int:
        """The number of an actor, by its names, country and kind (equal actors share one)."""
        key = (actor.name, actor.aliases, actor.country, actor.kind)
        number = self._actor_index.get(key)
        if number is None:
            number = self._actor_index[key] = len(self.actors)
            grams: set[str] = set()
            for name in (actor.name, *actor.aliases):
                grams |= trigrams(name)
            bits = signature(grams)
            kind: str = actor.kind.value
            group = None
            if self.grouping is not None:
                kind = self.grouping.kind_group(kind)
                group = self.grouping.name_group((actor.name, *actor.aliases))
            self.actors.append((normalised(actor.name), bits, bits.bit_count(), actor.country, kind, group))
        return number


def _kind_label(record: Record) -> str:
    for name in ("kind", "change", "act"):
        value = getattr(record, name, None)
        if value is not None:
            return str(getattr(value, "value", value))
    return type(record).__name__


def _kind_detail(record: Record) -> Any:
    # What else the crosswalks' categories depend on: a movement's status, a control's method, an
    # interaction's mode.
    return (
        getattr(record, "status", None),
        getattr(record, "method", None),
        getattr(record, "mode", None),
    )


_WORD = re.compile(r"[^\w]+")


def normalised(name: str) -> str:
    """A name folded for comparison: lower case, accents and punctuation removed, spaces single.

    >>> from conflictkit.matching.features import normalised
    >>> normalised("  Taliban-led  Forces (Afghanistan) ")
    'taliban led forces afghanistan'
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.sub(" ", plain).split())


def trigrams(name: str) -> frozenset[str]:
    """The character trigrams of a normalised name, padded so short names still have some."""
    text = f"  {normalised(name)} "
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


SIGNATURE_BITS = 1024
"""How many bits a name's trigrams are hashed into (:func:`signature`)."""


def signature(grams: Iterable[str]) -> int:
    """Trigrams hashed (CRC-32, the same in every process) into an int of :data:`SIGNATURE_BITS` bits.

    Two names' shared trigrams are then counted with one ``&`` and ``bit_count()``; a collision
    (two trigrams on one bit) is rare at a thousand bits for names of a few dozen trigrams.

    >>> from conflictkit.matching.features import signature, trigrams
    >>> signature(trigrams("Taliban")).bit_count() == len(trigrams("Taliban"))
    True
    """
    bits = 0
    for gram in grams:
        bits |= 1 << (zlib.crc32(gram.encode()) % SIGNATURE_BITS)
    return bits


def widened(span: DateSpan) -> tuple[int, int]:
    """The first and last day (ordinals) a span may mean, given its precision.

    A week-precision span shorter than a week grows to the seven days around it; a month- or
    year-precision span grows to whole calendar months or years.

    >>> from datetime import date
    >>> from conflictkit import DatePrecision, DateSpan
    >>> from conflictkit.matching.features import widened
    >>> lo, hi = widened(DateSpan.on(date(2021, 7, 4), precision=DatePrecision.WEEK))
    >>> date.fromordinal(lo), date.fromordinal(hi)
    (datetime.date(2021, 7, 1), datetime.date(2021, 7, 7))
    """
    lo, hi = span.earliest, span.latest
    if span.precision is DatePrecision.DAY:
        return lo.toordinal(), hi.toordinal()
    if span.precision is DatePrecision.WEEK and (hi - lo).days < 6:
        middle = lo + (hi - lo) // 2
        lo, hi = middle - timedelta(days=3), middle + timedelta(days=3)
    elif span.precision is DatePrecision.MONTH:
        lo = lo.replace(day=1)
        hi = hi.replace(day=calendar.monthrange(hi.year, hi.month)[1])
    elif span.precision is DatePrecision.YEAR:
        lo, hi = date(lo.year, 1, 1), date(hi.year, 12, 31)
    return lo.toordinal(), hi.toordinal()


def place_of(record: Record) -> str | None:
    """The id of the place an event-like record happened at (a movement's destination, else origin)."""
    if isinstance(record, MilitaryMovement):
        return record.destination or record.origin
    if isinstance(record, TerritorialControl):
        return record.territory
    location = getattr(record, "location", None)
    return location if isinstance(location, str) else None


def actors_of(record: Record) -> tuple[str, ...]:
    """The ids of the actors an event-like record names, on any side, each once."""
    if isinstance(record, Incident):
        found: tuple[str | None, ...] = (*record.perpetrators, *record.targets)
    elif isinstance(record, Interaction):
        found = (*record.sources, *record.targets)
    elif isinstance(record, MilitaryMovement):
        found = (record.actor,)
    elif isinstance(record, TerritorialControl):
        found = (record.controller, record.previous_controller)
    elif isinstance(record, Statement):
        found = (record.speaker, record.addressee)
    else:
        found = ()
    return tuple(dict.fromkeys(actor for actor in found if actor is not None))


Figure = tuple[str, float, float, tuple[Quantity, ...]]
"""A record's main figure: the field, its lowest and highest value (``inf`` if open), and the
quantities it adds up (see :func:`figure_text`)."""


def figure_of(record: Record) -> Figure | None:
    """The figure the record's size is best compared by: deaths of an incident, a force's size, a count."""
    if isinstance(record, Incident):
        killed = [
            entry.killed for entry in record.casualties if isinstance(entry, Casualties) and entry.killed
        ]
        if not killed:
            return None
        low = sum(_bounds(quantity)[0] for quantity in killed)
        high = sum(_bounds(quantity)[1] for quantity in killed)
        return ("killed", low, high, tuple(killed))
    quantity = getattr(record, "size", None) or getattr(record, "count", None)
    if not isinstance(quantity, Quantity):
        return None
    low, high = _bounds(quantity)
    field = "size" if getattr(record, "size", None) is quantity else "count"
    return (field, low, high, (quantity,))


def _bounds(quantity: Quantity) -> tuple[float, float]:
    low = quantity.low if quantity.low is not None else quantity.best
    high = quantity.high if quantity.high is not None else quantity.best
    if low is None:
        low = quantity.conservative_estimate
    if high is None or quantity.qualifier is Qualifier.UNKNOWN:
        high = float("inf")
    return float(low or 0), float(high)


def figure_text(figure: Figure) -> str:
    """A figure as the reasons show it: ``"size 1,037"``, ``"killed 6 (2 + 3 + 1)"``."""
    field, low, _, quantities = figure
    parts = " + ".join(map(_shown, quantities))
    return f"{field} {parts}" if len(quantities) == 1 else f"{field} {low:g} ({parts})"


def _shown(quantity: Quantity) -> str:
    if quantity.text:
        return quantity.text
    number = quantity.best if quantity.best is not None else quantity.low
    return f"{number:,g}" if number is not None else quantity.qualifier.value


class _Places:
    """Each location id of a dataset resolved to a point and a radius, through its parents."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._resolved: dict[str, tuple[float, float, float] | None] = {}

    def point(self, location_id: str) -> tuple[float, float, float] | None:
        known = self._resolved.get(location_id, False)
        if known is not False:
            return known  # type: ignore[return-value]
        seen: set[str] = set()
        current: str | None = location_id
        result: tuple[float, float, float] | None = None
        while current is not None and current not in seen:
            seen.add(current)
            location = self._dataset.get(current)
            if not isinstance(location, Location):
                break
            if location.coordinates is not None:
                radius = max(
                    GEO_PRECISION_KM[location.coordinates.precision], LOCATION_KIND_KM.get(location.kind, 0.0)
                )
                result = (location.coordinates.latitude, location.coordinates.longitude, radius)
                break
            current = location.parent
        self._resolved[location_id] = result
        return result


def extract(
    dataset: Dataset,
    dataset_index: int,
    start: int,
    tables: Tables,
    *,
    episode_days: int,
    report_date: date | None,
    unmatched: Callable[[int, str, str], None],
    kept: Mapping[str, ucdp.UcdpEvent] | None = None,
) -> Iterator[Row]:
    """The rows of a dataset's event-like records; those without date or place go to ``unmatched``.

    ``start`` numbers the first row (rows of all datasets are numbered in one sequence). ``kept``
    gives the :class:`~conflictkit.crosswalk.ucdp.UcdpEvent` of each incident read from UCDP GED
    (see :func:`ucdp_events`), by the incident's id.
    """
    places = _Places(dataset)
    if kept is None:
        kept = ucdp_events(dataset)
    actor_numbers: dict[str, int | None] = {}
    published: dict[str, tuple[int, int] | None] = {}
    index = start
    for record in dataset.records:
        if not isinstance(record, EventLike):
            continue
        if event_role_of(record) is not EventRole.EVENT:
            unmatched(dataset_index, record.id, NOT_AN_EVENT)
            continue
        family = record.event_family
        span = getattr(record, "date", None)
        dated: str | None = None
        if isinstance(span, DateSpan):
            lo, hi = widened(span)
            episode = (
                span.precision is DatePrecision.DAY and (span.latest - span.earliest).days + 1 >= episode_days
            )
        else:
            fallback = _report_dates(record, dataset, published, report_date)
            if fallback is None:
                unmatched(dataset_index, record.id, NO_DATE)
                continue
            lo, hi, dated = fallback
            episode = False
        place = place_of(record)
        point = places.point(place) if place is not None else None
        if point is None:
            unmatched(dataset_index, record.id, NO_PLACE)
            continue
        actors: list[int] = []
        for actor_id in actors_of(record):
            if actor_id not in actor_numbers:
                actor = dataset.get(actor_id)
                actor_numbers[actor_id] = tables.actor_of(actor) if isinstance(actor, Actor) else None
            number = actor_numbers[actor_id]
            if number is not None:
                actors.append(number)
        yield (
            index,
            dataset_index,
            record.id,
            family,
            tables.kind_of(record, family, dataset.get, kept.get(record.id)),
            lo - _EPOCH,
            hi - _EPOCH,
            episode,
            dated,
            point[0],
            point[1],
            point[2],
            tuple(actors),
            figure_of(record),
        )
        index += 1


def ucdp_events(dataset: Dataset) -> dict[str, ucdp.UcdpEvent]:
    """The :class:`~conflictkit.crosswalk.ucdp.UcdpEvent` of each incident read from UCDP GED, by its id."""
    return {event.describes: event for event in dataset.of_type(ucdp.UcdpEvent)}


def _report_dates(
    record: Record,
    dataset: Dataset,
    published: dict[str, tuple[int, int] | None],
    report_date: date | None,
) -> tuple[int, int, str] | None:
    # An undated record of a report happened at most a week before the report: its document's
    # publication date, else the report date the caller gives.
    for evidence in record.evidence:
        if evidence.document not in published:
            document = dataset.get(evidence.document)
            day = document.published if isinstance(document, Document) else None
            published[evidence.document] = None if day is None else widened(day)
        known = published[evidence.document]
        if known is not None:
            return known[1] - 6, known[1], f"publication of {evidence.document}"
    if report_date is None:
        return None
    last = report_date.toordinal()
    return last - 6, last, f"the week up to the report date {report_date.isoformat()}"


def day_of(ordinal_since_epoch: int) -> date:
    """The date of a row's day number."""
    return date.fromordinal(ordinal_since_epoch + _EPOCH)
