"""A dataset's timeline, drawn as SVG and tabulated, from the data, when the docs are built.

The entries are those of :func:`conflictkit.dataset.summary.timeline`, the timeline ``conflictkit
describe`` prints: movements, statements and changes of control, in date order, each described in
one line with its quantities as the report wrote them and its source. Two directives put them on a
page:

``conflictkit-timeline``
    An SVG picture of the dated entries, written by :func:`timeline_svg` (no plotting library): one
    row per entry, a dot on the date axis for a single day, a bar from earliest to latest for a span.
``conflictkit-timeline-table``
    Every entry as a table: date, the date as the report wrote it, the kind of record, what
    happened, and who reported it. Undated entries come last.

Both show the dataset that the ``:dataset:`` option names as ``module:function`` (a function that
takes no arguments and returns a :class:`~conflictkit.Dataset`), by default the bundled seed
dataset, ``conflictkit:load_seed``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape, quoteattr

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conflictkit import (
    Dataset,
    DatePrecision,
    DateSpan,
    MilitaryMovement,
    Record,
    Statement,
    TerritorialControl,
)
from conflictkit.dataset.summary import TimelineEntry, timeline

# --- the entries --------------------------------------------------------------------------------

KINDS: dict[type[Record], tuple[str, str]] = {
    MilitaryMovement: ("movement", "#1f6fb2"),
    Statement: ("statement", "#8a5a00"),
    TerritorialControl: ("control", "#b2291f"),
}
"""The record types on a timeline, with the label and colour each is drawn in."""


@attrs.frozen
class Entry:
    """One entry of a timeline, with the kind of record it describes."""

    described: TimelineEntry
    kind: str
    colour: str

    @property
    def date(self) -> DateSpan | None:
        """When, as resolved; ``None`` when the report does not say."""
        return self.described.date


def _style(record: Record | None) -> tuple[str, str]:
    found = (style for cls, style in KINDS.items() if isinstance(record, cls))
    return next(found, ("record", "#555555"))


def timeline_entries(dataset: Dataset) -> list[Entry]:
    """The dataset's movements, statements and control changes: dated ones first, earliest first."""
    return [Entry(entry, *_style(dataset.get(entry.record_id))) for entry in timeline(dataset)]


@attrs.frozen
class DatedEntry:
    """An entry that has a date, as the picture needs it."""

    entry: Entry
    date: DateSpan


def dated_entries(dataset: Dataset) -> list[DatedEntry]:
    """The entries that have a date, earliest first."""
    return [DatedEntry(entry, entry.date) for entry in timeline_entries(dataset) if entry.date is not None]


# --- the picture --------------------------------------------------------------------------------

WIDTH, LABEL_WIDTH, ROW, TOP, BOTTOM = 980, 640, 24, 56, 34
CHART_LEFT, CHART_RIGHT = LABEL_WIDTH + 20, WIDTH - 30
DATE_WIDTH = 88
LABEL_CHARACTERS = 80  # about what fits between DATE_WIDTH and LABEL_WIDTH at 12px
LONG_SPAN_DAYS = 14
"""Spans longer than this do not stretch the date axis: they run off its ends, with an arrow, so
that "by Sept. 11" or "after 20 years of war" does not squeeze a week of events into a few pixels."""


def axis_range(entries: Sequence[DatedEntry]) -> tuple[date, date]:
    """The first and last day of the date axis: the short spans, whole; long spans only if all are long."""
    short = [e.date for e in entries if (e.date.latest - e.date.earliest).days <= LONG_SPAN_DAYS]
    spans = short or [entry.date for entry in entries]
    first = min(span.earliest for span in spans)
    last = max(span.latest for span in spans)
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
    entries = dated_entries(dataset)
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
    """``Jul 4``, ``Jun 28\N{EN DASH}Jul 5`` for a span, ``2001\N{EN DASH}Jul 5`` across years."""
    first, last = span.earliest, span.latest
    if span.is_point:
        return f"{first:%b} {first.day}"
    start = f"{first.year}" if first.year != last.year else f"{first:%b} {first.day}"
    return f"{start}\N{EN DASH}{last:%b} {last.day}"


def _legend() -> str:
    items = []
    for position, (label, colour) in enumerate(KINDS.values()):
        left = WIDTH - 20 - (len(KINDS) - position) * 100
        items.append(
            f'<circle cx="{left + 6}" cy="32" r="5" fill="{colour}"/>'
            f'<text x="{left + 16}" y="36" class="legend">{label}</text>'
        )
    items.append(
        '<text x="20" y="36" class="legend">'
        "bar = a span of dates, arrow = began earlier or ends later; pale = known to a week or worse</text>"
    )
    return "".join(items)


def _row(dated: DatedEntry, middle: float, x: Any) -> str:
    entry, when = dated.entry, dated.date
    start, end = x(when.earliest), x(when.latest + timedelta(days=1))
    pale = ' fill-opacity="0.45"' if when.precision is not DatePrecision.DAY else ""
    if when.is_point:
        mark = f'<circle cx="{(start + end) / 2:.1f}" cy="{middle:.1f}" r="5" fill="{entry.colour}"{pale}/>'
    elif start < CHART_LEFT or end > CHART_RIGHT:  # a long span runs off the axis: arrows say it goes on
        left, right = max(start, CHART_LEFT), min(end, CHART_RIGHT)
        mark = (
            f'<rect x="{left:.1f}" y="{middle - 5:.1f}" width="{right - left:.1f}" height="10" '
            f'fill="{entry.colour}"{pale}/>'
        )
        if start < CHART_LEFT:
            mark += _arrowhead(CHART_LEFT, CHART_LEFT - 10, middle, f'fill="{entry.colour}"{pale}')
        if end > CHART_RIGHT:
            mark += _arrowhead(CHART_RIGHT, CHART_RIGHT + 10, middle, f'fill="{entry.colour}"{pale}')
    else:
        mark = (
            f'<rect x="{start:.1f}" y="{middle - 5:.1f}" width="{end - start:.1f}" height="10" rx="5" '
            f'fill="{entry.colour}"{pale}/>'
        )
    written = f"{when}" + (f" ({when.text})" if when.text else "")
    what = entry.described.what
    tooltip = escape(f"{written}: {what} [{entry.described.record_id}]")
    label = escape(_clip(what))
    return (
        f"<g><title>{tooltip}</title>"
        f'<text x="20" y="{middle + 4:.1f}" class="tick">{escape(short_date(when))}</text>'
        f'<text x="{20 + DATE_WIDTH}" y="{middle + 4:.1f}" fill={quoteattr(entry.colour)}>{label}</text>'
        f"{mark}</g>"
    )


def _arrowhead(base: float, tip: float, middle: float, paint: str) -> str:
    """A triangle on the axis's end ``base``, pointing out to ``tip``: the span goes on."""
    return f'<polygon points="{base},{middle - 8:.1f} {tip},{middle:.1f} {base},{middle + 8:.1f}" {paint}/>'


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

DEFAULT_DATASET = "conflictkit:load_seed"


def load_dataset(spec: str) -> Dataset:
    """Call the function ``module:function`` names and return the dataset it gives."""
    module_name, _, function_name = spec.partition(":")
    dataset = getattr(importlib.import_module(module_name), function_name)()
    if not isinstance(dataset, Dataset):
        raise TypeError(f"{spec} returned {type(dataset).__name__}, not a Dataset")
    return dataset


class TimelineDirective(SphinxDirective):
    """Draw a dataset's timeline as an SVG file and show it as a figure."""

    option_spec: ClassVar[dict[str, Any]] = {
        "dataset": directives.unchanged,
        "name": directives.unchanged,
        "alt": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        dataset = load_dataset(self.options.get("dataset", DEFAULT_DATASET))
        name = self.options.get("name", "timeline")
        target = Path(self.env.srcdir) / "_generated" / f"{name}.svg"
        target.parent.mkdir(exist_ok=True)
        target.write_text(timeline_svg(dataset), encoding="utf-8")
        alt = self.options.get("alt", f"Timeline of {dataset.title or 'the dataset'}")
        image = nodes.image(uri=f"/_generated/{name}.svg", alt=alt)
        entries = timeline_entries(dataset)
        shown = len(dated_entries(dataset))
        undated = len(entries) - shown
        caption = (
            f"{shown} dated movements, statements and changes of control, earliest first; hover over a "
            f"row for its full text and id."
            + (f" {undated} more have no date: they are at the end of the table below." if undated else "")
        )
        return [nodes.figure("", image, nodes.caption(text=caption))]


class TimelineTableDirective(SphinxDirective):
    """Tabulate a dataset's timeline."""

    option_spec: ClassVar[dict[str, Any]] = {"dataset": directives.unchanged}
    HEADERS: ClassVar[tuple[str, ...]] = (
        "Date",
        "As written",
        "Record",
        "What the report says",
        "Reported by",
    )
    WIDTHS: ClassVar[tuple[int, ...]] = (12, 12, 9, 47, 20)

    def run(self) -> list[nodes.Node]:
        dataset = load_dataset(self.options.get("dataset", DEFAULT_DATASET))
        rows = [_cells(entry) for entry in timeline_entries(dataset)]
        return [self._table(rows)]

    def _table(self, rows: Sequence[tuple[str, ...]]) -> nodes.table:
        group = nodes.tgroup(cols=len(self.HEADERS))
        group += [nodes.colspec(colwidth=width) for width in self.WIDTHS]
        group += nodes.thead("", self._row(self.HEADERS))
        group += nodes.tbody("", *(self._row(row) for row in rows))
        return nodes.table("", group)

    @staticmethod
    def _row(cells: tuple[str, ...]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(text=cell)) for cell in cells))


def _cells(entry: Entry) -> tuple[str, ...]:
    when = entry.date
    date_text = "no date" if when is None else str(when).replace("/", " to ")
    written = "" if when is None or when.text is None else f"“{when.text}”"
    return (date_text, written, entry.kind, entry.described.what, entry.described.source)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-timeline", TimelineDirective)
    app.add_directive("conflictkit-timeline-table", TimelineTableDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
