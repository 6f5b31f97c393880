"""A dataset's timeline, drawn as SVG and tabulated, from the data, when the docs are built.

The entries are the dataset's dated movements, statements and changes of control (subclasses
included), in date order. Two directives put them on a page:

``conflictkit-timeline``
    An SVG picture, written by :func:`timeline_svg` (no plotting library): one row per entry, a dot
    on the date axis for a single day, a bar from earliest to latest for a span.
``conflictkit-timeline-table``
    The same entries as a table: date, the date as the report wrote it, what happened with the
    quantities as written, and who reported it.

Both show the dataset :func:`docs_dataset.load_docs_dataset` returns. ``timeline_svg(dataset)`` and
``timeline_entries(dataset)`` work on any :class:`~conflictkit.Dataset`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape, quoteattr

import attrs
from docs_dataset import load_docs_dataset
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conflictkit import (
    Dataset,
    DatePrecision,
    DateSpan,
    MilitaryMovement,
    Quantity,
    Record,
    Statement,
    TerritorialControl,
)

# --- the entries --------------------------------------------------------------------------------

KINDS: dict[type[Record], tuple[str, str]] = {
    MilitaryMovement: ("movement", "#1f6fb2"),
    Statement: ("statement", "#8a5a00"),
    TerritorialControl: ("control", "#b2291f"),
}
"""The record types on a timeline, with the label and colour each is drawn in."""


@attrs.frozen
class Entry:
    """One dated record on a timeline."""

    record: Record
    kind: str
    colour: str
    date: DateSpan
    summary: str
    source: str


def _name(dataset: Dataset, record_id: str | None) -> str:
    record = dataset.get(record_id) if record_id is not None else None
    return str(getattr(record, "name", record_id))


def _words(value: Any) -> str:
    return str(value.value).replace("_", " ")


def as_written(quantity: Quantity, *, with_unit: bool = True) -> str:
    """A quantity as the report wrote it, followed by its unit unless the wording has it."""
    text = str(quantity)
    return f"{text} {quantity.unit}" if with_unit and quantity.unit not in text else text


def _amount(quantity: Quantity | None) -> str:
    return "" if quantity is None else f", {as_written(quantity)}"


def summarise(record: Record, dataset: Dataset) -> str:
    """What a dated record says, in one line, with its quantities as the report wrote them."""
    if isinstance(record, MilitaryMovement):
        route = "".join(
            f" {word} {_name(dataset, place)}"
            for word, place in (("from", record.origin), ("to", record.destination))
            if place is not None
        )
        return f"{_name(dataset, record.actor)}: {_words(record.kind)} ({_words(record.status)}){route}" + (
            _amount(record.size)
        )
    if isinstance(record, Statement):
        said = f"“{record.quote}”" if record.quote is not None else str(record.paraphrase)
        to = f" to {_name(dataset, record.addressee)}" if record.addressee is not None else ""
        return f"{_name(dataset, record.speaker)} ({_words(record.channel)}{to}): {said}"
    if isinstance(record, TerritorialControl):
        by = f" by {_name(dataset, record.controller)}" if record.controller is not None else ""
        count, total = record.count, record.total
        amount = _amount(count)
        if count is not None and total is not None:
            amount = f", {as_written(count, with_unit=False)} of {as_written(total)}"
        return f"{_name(dataset, record.territory)}: {_words(record.change)}{by}{amount}"
    return record.id


def sources(record: Record, dataset: Dataset) -> str:
    """Who reported the record's evidence, and whom they attribute it to."""
    found: list[str] = []
    for evidence in record.evidence:
        outlet = _name(dataset, evidence.reported_by) if evidence.reported_by else "the document"
        party = f", citing {_name(dataset, evidence.attributed_to)}" if evidence.attributed_to else ""
        if f"{outlet}{party}" not in found:
            found.append(f"{outlet}{party}")
    return "; ".join(found)


def _kind_of(record: Record) -> tuple[str, str] | None:
    return next((style for cls, style in KINDS.items() if isinstance(record, cls)), None)


def timeline_entries(dataset: Dataset) -> list[Entry]:
    """The dataset's dated movements, statements and control changes, earliest first."""
    entries = []
    for record in dataset:
        style, when = _kind_of(record), getattr(record, "date", None)
        if style is None or not isinstance(when, DateSpan):
            continue
        summary, source = summarise(record, dataset), sources(record, dataset)
        entries.append(Entry(record, style[0], style[1], when, summary, source))
    return sorted(entries, key=lambda entry: (entry.date.earliest, entry.date.latest))


def undated_count(dataset: Dataset) -> int:
    """How many movements, statements and control changes have no date."""
    return sum(1 for r in dataset if _kind_of(r) and getattr(r, "date", None) is None)


# --- the picture --------------------------------------------------------------------------------

WIDTH, LABEL_WIDTH, ROW, TOP, BOTTOM = 980, 520, 24, 56, 34
CHART_LEFT, CHART_RIGHT = LABEL_WIDTH + 20, WIDTH - 30
DATE_WIDTH = 88
LABEL_CHARACTERS = 60  # about what fits between DATE_WIDTH and LABEL_WIDTH at 12px
LONG_SPAN_DAYS = 14
"""Spans longer than this do not stretch the date axis: they run off its end, with an arrow, so
that "by Sept. 11" does not squeeze a week of events into a few pixels."""


def axis_range(entries: Sequence[Entry]) -> tuple[date, date]:
    """The first and last day of the date axis: every start, and every end but of long spans."""
    short_ends = [e.date.latest for e in entries if (e.date.latest - e.date.earliest).days <= LONG_SPAN_DAYS]
    first = min(entry.date.earliest for entry in entries)
    last = max([entry.date.earliest for entry in entries] + short_ends)
    return first - timedelta(days=1), last + timedelta(days=2)


def _clip(text: str, limit: int = LABEL_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ticks(first: date, last: date) -> Iterator[date]:
    days = (last - first).days
    step = next(step for limit, step in ((8, 1), (20, 2), (70, 7), (10**9, 14)) if days <= limit)
    day = first
    while day <= last:
        yield day
        day += timedelta(days=step)


def timeline_svg(dataset: Dataset, *, title: str | None = None) -> str:
    """An SVG timeline of the dataset's dated movements, statements and control changes."""
    entries = timeline_entries(dataset)
    heading = title or dataset.title or "Timeline"
    if not entries:
        return _svg(80, heading, ['<text x="20" y="60">No dated records.</text>'])
    first, last = axis_range(entries)
    scale = (CHART_RIGHT - CHART_LEFT) / max((last - first).days, 1)

    def x(day: date) -> float:
        return CHART_LEFT + (day - first).days * scale

    height = TOP + ROW * len(entries) + BOTTOM
    axis_y = TOP + ROW * len(entries) + 6
    parts = [_legend()]
    for day in _ticks(first, last):
        noon = x(day) + scale / 2  # a day runs from x(day) to x(day + 1); its tick is in the middle
        if noon > CHART_RIGHT:
            break
        parts.append(
            f'<line x1="{noon:.1f}" y1="{TOP - 6}" x2="{noon:.1f}" y2="{axis_y}" class="grid"/>'
            f'<text x="{noon:.1f}" y="{axis_y + 16}" text-anchor="middle" class="tick">'
            f"{day:%b} {day.day}</text>"
        )
    for row, entry in enumerate(entries):
        parts.append(_row(entry, TOP + row * ROW + ROW / 2, x))
    return _svg(height, heading, parts)


def short_date(span: DateSpan) -> str:
    """``Jul 4``, or ``Jun 28\N{EN DASH}Jul 5`` for a span."""
    first, last = span.earliest, span.latest
    text = f"{first:%b} {first.day}"
    return text if span.is_point else f"{text}\N{EN DASH}{last:%b} {last.day}"


def _legend() -> str:
    items = []
    for position, (label, colour) in enumerate(KINDS.values()):
        left = CHART_LEFT + position * 120
        items.append(
            f'<circle cx="{left + 6}" cy="32" r="5" fill="{colour}"/>'
            f'<text x="{left + 16}" y="36" class="legend">{label}</text>'
        )
    items.append(
        '<text x="20" y="36" class="legend">'
        "bar = a span of dates, arrow = ends later; pale = known to a week or worse</text>"
    )
    return "".join(items)


def _row(entry: Entry, middle: float, x: Any) -> str:
    start, end = x(entry.date.earliest), x(entry.date.latest + timedelta(days=1))
    pale = ' fill-opacity="0.45"' if entry.date.precision is not DatePrecision.DAY else ""
    if entry.date.is_point:
        mark = f'<circle cx="{(start + end) / 2:.1f}" cy="{middle:.1f}" r="5" fill="{entry.colour}"{pale}/>'
    elif end > CHART_RIGHT:  # a long span runs off the axis: an arrow says it goes on
        tip, top, bottom = CHART_RIGHT + 10, middle - 8, middle + 8
        mark = (
            f'<rect x="{start:.1f}" y="{middle - 5:.1f}" width="{CHART_RIGHT - start:.1f}" height="10" '
            f'fill="{entry.colour}"{pale}/>'
            f'<polygon points="{CHART_RIGHT},{top:.1f} {tip},{middle:.1f} {CHART_RIGHT},{bottom:.1f}" '
            f'fill="{entry.colour}"{pale}/>'
        )
    else:
        mark = (
            f'<rect x="{start:.1f}" y="{middle - 5:.1f}" width="{end - start:.1f}" height="10" rx="5" '
            f'fill="{entry.colour}"{pale}/>'
        )
    when = f"{entry.date}" + (f" ({entry.date.text})" if entry.date.text else "")
    tooltip = escape(f"{when}: {entry.summary} [{entry.record.id}]")
    label = escape(_clip(entry.summary))
    return (
        f"<g><title>{tooltip}</title>"
        f'<text x="20" y="{middle + 4:.1f}" class="tick">{escape(short_date(entry.date))}</text>'
        f'<text x="{20 + DATE_WIDTH}" y="{middle + 4:.1f}" fill={quoteattr(entry.colour)}>{label}</text>'
        f"{mark}</g>"
    )


def _svg(height: float, heading: str, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" font-family="sans-serif" font-size="12">'
        f"<title>{escape(heading)}</title>"
        "<style>.grid{stroke:#ccc;stroke-width:1}.tick{fill:#555;font-size:11px}"
        ".legend{fill:#333}.heading{font-weight:bold;font-size:14px;fill:#222}</style>"
        '<rect width="100%" height="100%" fill="white"/>'
        f'<text x="20" y="16" class="heading">{escape(heading)}</text>' + "".join(parts) + "</svg>\n"
    )


# --- the directives -----------------------------------------------------------------------------


def _fallback_note(is_seed: bool) -> list[nodes.Node]:
    if is_seed:
        return []
    text = (
        "conflictkit.load_seed is not available in this build, so this shows the small example "
        "dataset defined in docs/_ext/example_dataset.py instead of the seed dataset."
    )
    return [nodes.note("", nodes.paragraph(text=text))]


class TimelineDirective(SphinxDirective):
    """Draw the docs dataset's timeline as an SVG file and show it as a figure."""

    option_spec: ClassVar[dict[str, Any]] = {"name": directives.unchanged, "alt": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        dataset, is_seed = load_docs_dataset()
        name = self.options.get("name", "timeline")
        target = Path(self.env.srcdir) / "_generated" / f"{name}.svg"
        target.parent.mkdir(exist_ok=True)
        target.write_text(timeline_svg(dataset), encoding="utf-8")
        alt = self.options.get("alt", f"Timeline of {dataset.title or 'the dataset'}")
        image = nodes.image(uri=f"/_generated/{name}.svg", alt=alt)
        shown, undated = len(timeline_entries(dataset)), undated_count(dataset)
        caption = (
            f"{shown} dated movements, statements and changes of control, earliest first; hover over a "
            f"row for its full text and id."
            + (f" {undated} more have no date and are not shown." if undated else "")
        )
        figure = nodes.figure("", image, nodes.caption(text=caption))
        return [*_fallback_note(is_seed), figure]


class TimelineTableDirective(SphinxDirective):
    """Tabulate the docs dataset's timeline."""

    HEADERS: ClassVar[tuple[str, ...]] = (
        "Date",
        "As written",
        "Record",
        "What the report says",
        "Reported by",
    )
    WIDTHS: ClassVar[tuple[int, ...]] = (12, 14, 10, 44, 20)

    def run(self) -> list[nodes.Node]:
        dataset, is_seed = load_docs_dataset()
        rows = [
            (str(e.date), e.date.text or "", e.kind, e.summary, e.source) for e in timeline_entries(dataset)
        ]
        return [*_fallback_note(is_seed), self._table(rows)]

    def _table(self, rows: Sequence[tuple[str, ...]]) -> nodes.table:
        group = nodes.tgroup(cols=len(self.HEADERS))
        group += [nodes.colspec(colwidth=width) for width in self.WIDTHS]
        group += nodes.thead("", self._row(self.HEADERS))
        group += nodes.tbody("", *(self._row(row) for row in rows))
        return nodes.table("", group)

    @staticmethod
    def _row(cells: tuple[str, ...]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(text=cell)) for cell in cells))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-timeline", TimelineDirective)
    app.add_directive("conflictkit-timeline-table", TimelineTableDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
