"""The casualties table: one row per event and side, each figure reconciled over the event's claims.

The events table (:mod:`conflictkit.tables.events`) adds every side's casualties up into one
``killed_best`` per event; this table keeps the sides apart, so that "how many of the Afghan
security forces were captured, and how far do the sources disagree" is one filter. Its columns:

- ``event_id`` (the id of the event's first claim, as in the events table, to join on), ``type``
  (that claim's type tag);
- ``side`` (the actor whose people they were, an id; empty when a claim names no side) and
  ``side_name``;
- ``claims``: how many of the event's claims give a figure for this side, and ``claim_ids``;
- ``killed``, ``injured``, ``captured`` and ``missing``, each as ``_best``, ``_low`` and ``_high``,
  reconciled as :mod:`conflictkit.dataset.events` says (UCDP-style: the lower median of the
  claims' best estimates, the lowest low and the highest high);
- ``disagreeing``: the figures of this side on which the claims contradict each other.

:func:`casualty_rows` needs only the standard library; :func:`casualties_table` makes the rows an
Arrow table, :func:`casualties_frame` a pandas data frame, :func:`write_casualties_parquet` and
:func:`write_casualties_csv` files (in CSV, a list is a JSON array).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictkit.core.model import type_tag_of
from conflictkit.dataset.dataset import Dataset
from conflictkit.dataset.events import Event, ReconciledFigure
from conflictkit.io.atomic import atomic_file
from conflictkit.records.record import Record
from conflictkit.tables._extra import require
from conflictkit.tables.events import view_schema, write_rows_csv
from conflictkit.tables.flat import record_names
from conflictkit.tables.parquet import _pq
from conflictkit.values.casualties import CASUALTY_FIGURES

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = [
    "CASUALTY_COLUMNS",
    "casualties_frame",
    "casualties_table",
    "casualty_rows",
    "write_casualties_csv",
    "write_casualties_parquet",
]

_BOUNDS = ("best", "low", "high")
_LISTS = ("claim_ids", "disagreeing")

CASUALTY_COLUMNS: tuple[str, ...] = (
    "event_id",
    "type",
    "side",
    "side_name",
    "claims",
    "claim_ids",
    *(f"{figure}_{bound}" for figure in CASUALTY_FIGURES for bound in _BOUNDS),
    "disagreeing",
)
"""The columns of the casualties table, in order."""


def casualty_rows(records: Dataset | Iterable[Record]) -> list[dict[str, Any]]:
    """One row per event and side that has casualties, in the order of the events and of the sides.

    The seed's only casualties are "dozens" of Afghan forces captured at Ishkashim, a figure with
    no number; the capture is one event with the movement that reports the same flight:

    >>> from conflictkit import load_seed
    >>> [row] = casualty_rows(load_seed())
    >>> row["event_id"], row["side_name"], row["claim_ids"], row["captured_best"]
    ('move:afghan-forces-captured-in-ishkashim', 'Afghan security forces', ['inc:ishkashim-captures'], None)
    """
    dataset = records if isinstance(records, Dataset) else Dataset(records=list(records))
    names = record_names(dataset)
    return [row for event in dataset.events() for row in _rows(event, names)]


def _rows(event: Event, names: dict[str, str]) -> list[dict[str, Any]]:
    by_side: dict[str | None, dict[str, ReconciledFigure]] = {}
    for figure in event.figures():
        if figure.casualty is not None:
            by_side.setdefault(figure.side, {})[figure.casualty] = figure
    tag = type_tag_of(type(event.claims[0]))
    return [_row(event.id, tag, side, figures, names) for side, figures in by_side.items()]


def _row(
    event_id: str,
    tag: str | None,
    side: str | None,
    figures: dict[str, ReconciledFigure],
    names: dict[str, str],
) -> dict[str, Any]:
    claim_ids = list(dict.fromkeys(f.claim for figure in figures.values() for f in figure.figures))
    row: dict[str, Any] = {
        "event_id": event_id,
        "type": tag,
        "side": side,
        "side_name": None if side is None else names.get(side, side),
        "claims": len(claim_ids),
        "claim_ids": claim_ids,
    }
    for name in CASUALTY_FIGURES:
        figure = figures.get(name)
        for bound in _BOUNDS:
            row[f"{name}_{bound}"] = None if figure is None else getattr(figure, bound)
    row["disagreeing"] = [name for name, figure in figures.items() if not figure.agree]
    return row


def casualties_table(records: Dataset | Iterable[Record]) -> pyarrow.Table:
    """The casualties table as an Arrow table (requires ``conflictkit[arrow]``).

    >>> from conflictkit import load_seed
    >>> table = casualties_table(load_seed())
    >>> str(table.schema.field("killed_best").type), str(table.schema.field("claim_ids").type)
    ('double', 'list<item: string>')
    """
    pa = require("pyarrow", "conflictkit.tables.casualties_table")
    return pa.Table.from_pylist(casualty_rows(records), schema=_schema(pa))


def _schema(pa: Any) -> Any:
    types: dict[str, Any] = {"claims": pa.int64()}
    types.update(dict.fromkeys(_LISTS, pa.list_(pa.string())))
    for name in CASUALTY_FIGURES:
        types.update(dict.fromkeys((f"{name}_{bound}" for bound in _BOUNDS), pa.float64()))
    return view_schema(pa, "casualties", CASUALTY_COLUMNS, types)


def casualties_frame(records: Dataset | Iterable[Record]) -> pandas.DataFrame:
    """The casualties table as a pandas data frame (requires ``conflictkit[pandas]``).

    >>> from conflictkit import load_seed
    >>> frame = casualties_frame(load_seed())
    >>> frame[["side_name", "claims", "captured_best"]].to_dict("records")
    [{'side_name': 'Afghan security forces', 'claims': 1, 'captured_best': nan}]
    """
    pd = require("pandas", "conflictkit.tables.casualties_frame")
    frame = pd.DataFrame.from_records(casualty_rows(records), columns=list(CASUALTY_COLUMNS))
    for name in CASUALTY_FIGURES:
        for bound in _BOUNDS:
            frame[f"{name}_{bound}"] = frame[f"{name}_{bound}"].astype("float64")
    return frame


def write_casualties_parquet(records: Dataset | Iterable[Record], path: str | os.PathLike[str]) -> Path:
    """Write the casualties table to the Parquet file ``path`` (requires ``conflictkit[arrow]``)."""
    table = casualties_table(records)
    with atomic_file(path, binary=True) as file:  # beside the target, renamed in when complete
        _pq().write_table(table, file)
    return Path(path)


def write_casualties_csv(
    records: Dataset | Iterable[Record], path: str | os.PathLike[str], *, safe: bool = True
) -> Path:
    """Write the casualties table to the CSV file ``path``: lists as JSON arrays, a missing value empty.

    Written beside ``path`` and renamed into place when complete; with ``safe`` (the default), a
    cell a spreadsheet would run as a formula is neutralised, as in
    :func:`~conflictkit.tables.write_csv`. Standard library only.
    """
    return write_rows_csv(casualty_rows(records), CASUALTY_COLUMNS, path, safe=safe)
