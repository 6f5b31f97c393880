"""A plain-text description of a dataset: what it holds, what happened when, and what is wrong.

:func:`describe` is what ``conflictkit describe`` prints. It never fails on a dataset with broken
references: a missing record is shown by its id, and the problems are listed at the end.

>>> from conflictkit import load_seed
>>> print(describe(load_seed()).splitlines()[1])  # doctest: +ELLIPSIS
123 records: 32 actor, 5 control, 1 document, 3 incident, 4 interaction, ..., 20 statement
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.model import Model, type_tag_of
from conflictkit.dataset.dataset import Dataset
from conflictkit.dataset.events import Event
from conflictkit.dataset.integrity import Quote, references_in
from conflictkit.records.actors import Actor
from conflictkit.records.control import ControlChange, TerritorialControl
from conflictkit.records.documents import Document
from conflictkit.records.incidents import Incident
from conflictkit.records.interactions import Interaction
from conflictkit.records.locations import Location
from conflictkit.records.movements import MilitaryMovement
from conflictkit.records.record import Record
from conflictkit.records.relations import EventRole, Relation, RelationKind, event_role_of
from conflictkit.records.statements import Statement, StatementChannel
from conflictkit.values.casualties import CASUALTY_FIGURES, Casualties
from conflictkit.values.dates import DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.quantities import Quantity

__all__ = [
    "PROBLEM_LIMIT",
    "Summary",
    "TimelineEntry",
    "count_line",
    "describe",
    "describe_control",
    "describe_event",
    "describe_incident",
    "describe_interaction",
    "describe_movement",
    "describe_statement",
    "problem_lines",
    "source_of",
    "timeline",
    "written",
]

DATE_WIDTH = len("2021-07-05/2021-09-11")
"""The width of the timeline's date column: a span of two ISO dates."""

UNDATED = "(no date)"
"""What the date column shows for a record the report does not date."""

SNIPPET_LENGTH = 100
"""Quotes and paraphrases longer than this are cut, for the timeline's sake only."""

PROBLEM_LIMIT = 1000
"""A summary lists at most this many problems, and says how many more there are."""

_TIMELINE_TYPES = (MilitaryMovement, Statement, TerritorialControl, Incident, Interaction)

_CONVERSATIONS = {StatementChannel.PHONE_CALL, StatementChannel.MEETING, StatementChannel.TOLD_REPORTER}
# Vocabulary values whose words are not just the value with spaces for underscores.
_PHRASES = {
    "counter_offensive": "counter-offensive",
    "without_fight": "without a fight",
    "told_reporter": "told a reporter",
}
_CHANGE_VERBS = {
    ControlChange.CAPTURED: "captured",
    ControlChange.CEDED: "ceded",
    ControlChange.RETAKEN: "retook",
    ControlChange.CONTESTED: "contested",
    ControlChange.HELD: "held",
    ControlChange.CLOSED: "closed",
}


class TimelineEntry(NamedTuple):
    """One line of the timeline: when, what happened, and who reported it."""

    date: DateSpan | None
    """When, as resolved; ``None`` when the report does not say."""

    what: str
    """What happened, in one line, with quantities as the report wrote them."""

    source: str
    """The outlet that reported it and the party it is attributed to."""

    record_id: str
    """The id of the record described; for an event of several claims, its first claim's id."""

    claims: tuple[TimelineEntry, ...] = ()
    """For an event of several claims, one entry per claim, shown beneath it; else empty."""


def describe(dataset: Dataset, *, name: str | None = None, problems: Sequence[Problem] | None = None) -> str:
    """The full description: title, counts per type, the timeline, then the problems.

    ``problems`` are the dataset's problems when the caller has them already; by default
    :meth:`~conflictkit.Dataset.problems` is called, once.
    """
    lines = [name or dataset.title or "Dataset", count_line(dataset), "", "Timeline:"]
    entries = timeline(dataset)
    lines.extend(_entry_text(entry) for entry in entries)
    if not entries:
        lines.append("  (no movements, statements or control changes)")
    lines.append("")
    lines.extend(problem_lines(dataset.problems() if problems is None else problems))
    return "\n".join(lines)


class Summary:
    """A description built one record at a time, holding only what it will print.

    It counts the records per type and keeps the records of the timeline, at most
    ``timeline_limit`` of them (the earliest; ``None`` keeps all), and the ``same_event`` and
    ``part_of`` relations that group them into events (one small record per link), so that a file
    of any size is described in bounded memory. :meth:`lines` renders them as :func:`describe` does, with the
    records they refer to (actors, locations, documents) looked up at the end, since a record may
    name one that comes later in the file.
    """

    def __init__(self, *, timeline_limit: int | None = None) -> None:
        self.timeline_limit = timeline_limit
        """How many timeline records are kept and shown; ``None``: all of them."""
        self.counts: dict[str, int] = {}
        """How many records of each type tag were added."""
        self.total = 0
        """How many records were added."""
        self._timeline: list[tuple[tuple[bool, str, str, int], Record]] = []
        # The links that group the timeline's claims into events, as (id, source, kind, target):
        # their evidence is not needed, and a file may hold a link for every record.
        self._links: list[tuple[str, str, RelationKind, str]] = []
        self._left_out = 0
        self._problems: list[Problem] = []
        self._problem_count = 0

    def add(self, record: Model) -> None:
        """Count a record, and keep it for the timeline if it belongs there."""
        tag = type_tag_of(type(record)) or type(record).__name__
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.total += 1
        if isinstance(record, _TIMELINE_TYPES):
            self._timeline.append((_date_key(record.date, self.total), record))
            limit = self.timeline_limit
            if limit is not None and len(self._timeline) >= 2 * limit + 16:
                self._trim(limit)
        elif isinstance(record, Relation) and record.kind in _EVENT_LINKS:
            self._links.append((record.id, record.source, record.kind, record.target))

    def note(self, problem: Problem) -> None:
        """Remember a problem found while reading (the first :data:`PROBLEM_LIMIT` are kept)."""
        self._problem_count += 1
        if len(self._problems) < PROBLEM_LIMIT:
            self._problems.append(problem)

    @property
    def problem_count(self) -> int:
        """How many problems were noted, and listed by the last call to :meth:`lines`."""
        return self._problem_count

    def _trim(self, limit: int) -> None:
        self._timeline.sort(key=lambda pair: pair[0])
        self._left_out += max(len(self._timeline) - limit, 0)
        del self._timeline[limit:]

    def referenced_ids(self) -> set[str]:
        """The ids the kept timeline records refer to (their documents included)."""
        ids: set[str] = set()
        for _, record in self._timeline:
            for reference in references_in(record):
                ids.add(reference.document if isinstance(reference, Quote) else reference[0])
        return ids

    def count_line(self) -> str:
        """How many records of each type, as :func:`count_line` says it."""
        listed = ", ".join(f"{count:,} {tag}" for tag, count in sorted(self.counts.items()))
        plural = "" if self.total == 1 else "s"
        return f"{self.total:,} record{plural}" + (f": {listed}" if listed else "")

    def lines(self, title: str, referenced: Iterable[Record], problems: Iterable[Problem]) -> Iterator[str]:
        """The description, line by line: ``title``, the counts, the timeline, then ``problems``.

        ``referenced`` are the records :meth:`referenced_ids` names, as far as they exist.
        """
        if self.timeline_limit is not None:
            self._trim(self.timeline_limit)
        else:
            self._timeline.sort(key=lambda pair: pair[0])
        # Claims are grouped into events as describe() groups them, in the file's order, whatever
        # order the claims and their links come in.
        kept = [record for _, record in sorted(self._timeline, key=lambda pair: pair[0][3])]
        kept_ids = {record.id for record in kept}
        links = [
            Relation(id=link_id, source=source, kind=kind, target=target, inferred=_AS_READ)
            for link_id, source, kind, target in self._links
            if source in kept_ids and target in kept_ids
        ]
        entries = timeline(Dataset(records=[*kept, *links, *referenced])) if kept else []
        yield title
        yield self.count_line()
        yield ""
        yield "Timeline:"
        yield from (_entry_text(entry) for entry in entries)
        if not entries and not self._left_out:
            yield "  (no movements, statements or control changes)"
        if self._left_out:
            yield f"  ... and {self._left_out:,} later records (shown: the first {self.timeline_limit:,})"
        yield ""
        for problem in problems:
            self.note(problem)
        yield from problem_lines(self._problems, total=self._problem_count)


_EVENT_LINKS = frozenset({RelationKind.SAME_EVENT, RelationKind.PART_OF})
"""The relations :meth:`~conflictkit.Dataset.events` groups claims by: one event, or a part of one."""

_AS_READ = (Inference(field="kind", reason="a link of the file described, kept without its evidence"),)


def _date_key(date: DateSpan | None, position: int) -> tuple[bool, str, str, int]:
    # Undated records go last; records on the same dates keep the file's order.
    if date is None:
        return (True, "", "", position)
    return (False, date.earliest.isoformat(), date.latest.isoformat(), position)


def count_line(dataset: Dataset) -> str:
    """How many records of each type (by type tag), e.g. ``"3 records: 2 actor, 1 movement"``."""
    counts = Counter(type_tag_of(type(record)) or type(record).__name__ for record in dataset)
    listed = ", ".join(f"{count} {tag}" for tag, count in sorted(counts.items()))
    plural = "" if len(dataset) == 1 else "s"
    return f"{len(dataset)} record{plural}" + (f": {listed}" if listed else "")


def timeline(dataset: Dataset) -> list[TimelineEntry]:
    """One entry per event (see :meth:`~conflictkit.Dataset.events`) in date order; undated ones last.

    Movements, statements, control changes, incidents and interactions are described; an event
    several claims describe is one entry, with an entry per claim in its ``claims``, so no event is
    listed twice.
    """
    events = dataset.events()
    entries = [_event_entry(event, dataset) for event in events]
    counted = {claim.id for event in events for claim in event.claims}
    entries.extend(
        _aside_entry(record, dataset, events) for record in dataset.records if record.id not in counted
    )
    return sorted((entry for entry in entries if entry is not None), key=_chronological)


def _aside_entry(record: Record, dataset: Dataset, events: Sequence[Event]) -> TimelineEntry | None:
    # A record events() counts in no event of its own is still shown, saying what it is instead.
    entry = _entry(record, dataset)
    role = event_role_of(record)
    if entry is None or role is None:
        return None
    if role is EventRole.EVENT:
        whole = next((event.id for event in events if record in event.parts), None)
        aside = f"part of {whole}" if whole is not None else None
    else:
        aside = role.value
    return entry if aside is None else entry._replace(what=f"{entry.what} [{aside}]")


def describe_event(event: Event, dataset: Dataset) -> str:
    """What happened, from the first claim without its figures, then how many claims and the figures.

    For example ``"Afghan security forces: border crossing (completed) from Afghanistan to
    Tajikistan (2 claims; size: best 1,037 (more than 1,000, high 1,037))"``.
    """
    headline = _headline(event.claims[0], dataset)
    figures = "".join(f"; {figure.field}: {figure}" for figure in event.figures())
    return f"{headline} ({len(event.claims)} claims{figures})"


def problem_lines(problems: Sequence[Problem], *, total: int | None = None) -> list[str]:
    """The problems, one per line under a heading, or a line saying there are none.

    ``total`` is how many there are when ``problems`` holds only the first of them.
    """
    count = len(problems) if total is None else total
    if not count:
        return ["No problems found."]
    lines = [f"{count:,} problem{'' if count == 1 else 's'}:", *(f"  {problem}" for problem in problems)]
    if count > len(problems):
        lines.append(f"  ... and {count - len(problems):,} more (conflictkit validate lists them all)")
    return lines


def describe_movement(movement: MilitaryMovement, dataset: Dataset) -> str:
    """``"<force>: <kind> (<status>) from <origin> to <destination>, ordered by ...: <size>"``."""
    parts = [f"{_name(movement.actor, dataset)}: {_words(movement.kind.value)} ({movement.status.value})"]
    if movement.origin is not None:
        parts.append(f"from {_name(movement.origin, dataset)}")
    if movement.destination is not None:
        parts.append(f"to {_name(movement.destination, dataset)}")
    text = " ".join(parts)
    if movement.ordered_by is not None:
        text += f", ordered by {_name(movement.ordered_by, dataset)}"
    if movement.permitted_by is not None:
        text += f", permitted by {_name(movement.permitted_by, dataset)}"
    if movement.size is not None:
        text += f": {written(movement.size)}"
    return text


def describe_statement(statement: Statement, dataset: Dataset) -> str:
    """``"<speaker> (phone call with <addressee>): “<quote>”"``, or the paraphrase without quotes."""
    how = (
        [_channel_phrase(statement, dataset)] if statement.channel is not StatementChannel.UNSPECIFIED else []
    )
    if statement.addressee is not None and statement.channel not in _CONVERSATIONS:
        how.append(f"to {_name(statement.addressee, dataset)}")
    if statement.location is not None:
        how.append(f"in {_name(statement.location, dataset)}")
    speaker = _name(statement.speaker, dataset) + (f" ({', '.join(how)})" if how else "")
    if statement.quote is not None:
        return f"{speaker}: “{_snippet(statement.quote)}”"
    return f"{speaker}: {_snippet(statement.paraphrase or '')}"


def describe_control(control: TerritorialControl, dataset: Dataset) -> str:
    """``"<controller> captured 26 of 28 districts in <territory>"``, and how, for a control record."""
    territory = _name(control.territory, dataset)
    what = territory
    if control.count is not None:
        what = f"{_counted(control.count, control.total)} in {territory}"
    verb = _CHANGE_VERBS.get(control.change, _words(control.change.value))
    controller = _name(control.controller, dataset) if control.controller is not None else None
    if control.change is ControlChange.CEDED and control.previous_controller is not None:
        text = f"{_name(control.previous_controller, dataset)} ceded {what}"
        text += f" to {controller}" if controller else ""
    else:
        text = f"{controller or 'control of'} {verb} {what}"
        if control.previous_controller is not None:
            text += f" from {_name(control.previous_controller, dataset)}"
    if control.method is not None:
        text += f" ({_words(control.method.value)})"
    return text


def describe_incident(incident: Incident, dataset: Dataset) -> str:
    """``"<perpetrators>: <kind> against <targets> in <place>: <casualties>"``.

    With no perpetrator the line says ``unknown perpetrator``; with no side at all (the report's
    "20 years of war"), ``Armed clash (no side named) in <place>``.

    Each side's casualties read as the report wrote them, e.g. ``"dozens of people captured"``;
    figures the report does not give are not mentioned.
    """
    kind = _words(incident.kind.value)
    if incident.perpetrators:
        text = f"{_names(incident.perpetrators, dataset)}: {kind}"
    elif incident.targets:
        text = f"unknown perpetrator: {kind}"
    else:  # a war or clashes with no side named: no one is "unknown", the report names no one
        text = f"{kind[:1].upper()}{kind[1:]} (no side named)"
    if incident.targets:
        text += f" against {_names(incident.targets, dataset)}"
    if incident.location is not None:
        text += f" in {_name(incident.location, dataset)}"
    losses = [_casualty_phrase(side, dataset) for side in incident.casualties]
    return text + (f": {'; '.join(losses)}" if losses else "")


def describe_interaction(interaction: Interaction, dataset: Dataset) -> str:
    """``"<sources>: <kind> (<mode>) towards <targets> at <place>: <size>"``."""
    text = f"{_names(interaction.sources, dataset)}: {_words(interaction.kind.value)}"
    if interaction.mode is not None:
        text += f" ({_words(interaction.mode.value)})"
    if interaction.targets:
        text += f" towards {_names(interaction.targets, dataset)}"
    if interaction.location is not None:
        text += f" at {_name(interaction.location, dataset)}"
    if interaction.size is not None:
        text += f": {written(interaction.size)}"
    return text


def written(quantity: Quantity) -> str:
    """A quantity as the report wrote it, with what it counts: ``"more than a thousand members"``.

    >>> written(Quantity(best=20000, unit="reservists", text="20,000"))
    '20,000 reservists'
    >>> from conflictkit import Qualifier
    >>> written(Quantity(qualifier=Qualifier.DOZENS, unit="people", text="dozens"))
    'dozens of people'
    >>> written(Quantity(best=3, unit="districts"))
    '3 districts'
    """
    if quantity.text is None:
        return str(quantity)
    joiner = " of " if quantity.qualifier.conservative_number is not None else " "  # "dozens of"
    return f"{quantity}{joiner}{quantity.unit}"


UNATTRIBUTED = "unattributed"
"""What the timeline's source shows for a record whose evidence names no outlet, publisher or party."""


def source_of(record: Record, dataset: Dataset) -> str:
    """Who reported a record's evidence and whom it is attributed to.

    For example ``"Reuters, attributed to Tajikistan Border Service"``. Evidence that names no
    outlet counts as reported by the publisher of the document it quotes, when the dataset knows it.
    """
    return _sources_of(record.evidence, dataset)


def _sources_of(evidence: Sequence[Evidence], dataset: Dataset) -> str:
    outlets = _unique(_outlet(quote, dataset) for quote in evidence)
    parties = _unique(quote.attributed_to for quote in evidence)
    if not outlets and not parties:
        return UNATTRIBUTED
    text = ", ".join(outlets) or "outlet not given"
    if parties:
        text += ", attributed to " + ", ".join(_name(party, dataset) for party in parties)
    return text


def _outlet(evidence: Evidence, dataset: Dataset) -> str | None:
    if evidence.reported_by is not None:
        return _name(evidence.reported_by, dataset)
    document = dataset.get(evidence.document)
    return document.publisher if isinstance(document, Document) else None


def _event_entry(event: Event, dataset: Dataset) -> TimelineEntry | None:
    claims = tuple(entry for entry in (_entry(claim, dataset) for claim in event.claims) if entry is not None)
    if len(claims) <= 1:
        return claims[0] if claims else None
    # The event's date is the narrowest a claim gives: its line names that claim's sources only,
    # so that a party credited with a figure is never shown as the source of the date.
    dating = [claim for claim in event.claims if getattr(claim, "date", None) == event.date]
    return TimelineEntry(
        date=event.date,
        what=describe_event(event, dataset),
        source=_sources_of([quote for claim in dating or event.claims for quote in claim.evidence], dataset),
        record_id=event.id,
        claims=claims,
    )


def _headline(record: Record, dataset: Dataset) -> str:
    # What happened, without the figures the claims disagree on; they follow, reconciled.
    if isinstance(record, MilitaryMovement):
        return describe_movement(attrs.evolve(record, size=None), dataset)
    if isinstance(record, TerritorialControl):
        return describe_control(attrs.evolve(record, count=None, total=None), dataset)
    if isinstance(record, Incident):
        return describe_incident(attrs.evolve(record, casualties=()), dataset)
    if isinstance(record, Interaction):
        return describe_interaction(attrs.evolve(record, size=None), dataset)
    entry = _entry(record, dataset)
    return entry.what if entry is not None else record.id


def _entry(record: Record, dataset: Dataset) -> TimelineEntry | None:
    if isinstance(record, MilitaryMovement):
        what, date = describe_movement(record, dataset), record.date
    elif isinstance(record, Statement):
        what, date = describe_statement(record, dataset), record.date
    elif isinstance(record, TerritorialControl):
        what, date = describe_control(record, dataset), record.date
    elif isinstance(record, Incident):
        what, date = describe_incident(record, dataset), record.date
    elif isinstance(record, Interaction):
        what, date = describe_interaction(record, dataset), record.date
    else:
        return None
    return TimelineEntry(date=date, what=what, source=source_of(record, dataset), record_id=record.id)


def _chronological(entry: TimelineEntry) -> tuple[bool, str, str]:
    # Python's sort is stable, so records on the same day keep the dataset's order.
    if entry.date is None:
        return (True, "", "")
    return (False, entry.date.earliest.isoformat(), entry.date.latest.isoformat())


def _entry_text(entry: TimelineEntry) -> str:
    when = UNDATED if entry.date is None else str(entry.date)
    details = f"source: {entry.source}"
    if entry.date is not None and entry.date.text is not None:
        details = f"as written: “{entry.date.text}” · {details}"
    indent = " " * (DATE_WIDTH + 4)
    text = f"  {when:<{DATE_WIDTH}}  {entry.what}\n{indent}{details}"
    for claim in entry.claims:
        text += f"\n{indent}· claim: {claim.what}\n{indent}  source: {claim.source}"
    return text


def _counted(count: Quantity, total: Quantity | None) -> str:
    if total is None:
        return written(count)
    return f"{count} of {written(total)}"


def _name(record_id: str, dataset: Dataset) -> str:
    record = dataset.get(record_id)
    if isinstance(record, (Actor, Location)):
        return record.name
    return record_id


def _names(record_ids: tuple[str, ...], dataset: Dataset) -> str:
    return ", ".join(_name(record_id, dataset) for record_id in record_ids)


def _casualty_phrase(casualties: Casualties, dataset: Dataset) -> str:
    figures = [
        f"{written(figure)} {name}"
        for name in CASUALTY_FIGURES
        if (figure := getattr(casualties, name)) is not None
    ]
    side = "side not given" if casualties.side is None else _name(casualties.side, dataset)
    return f"{side}: {', '.join(figures)}"


def _channel_phrase(statement: Statement, dataset: Dataset) -> str:
    if statement.addressee is None or statement.channel not in _CONVERSATIONS:
        return _words(statement.channel.value)
    addressee = _name(statement.addressee, dataset)
    if statement.channel is StatementChannel.TOLD_REPORTER:
        return f"told {addressee}"
    return f"{_words(statement.channel.value)} with {addressee}"


def _words(value: str) -> str:
    return _PHRASES.get(value, value.replace("_", " "))


def _snippet(text: str) -> str:
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[: SNIPPET_LENGTH - 1].rstrip() + "…"


def _unique(ids: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(record_id for record_id in ids if record_id is not None))
