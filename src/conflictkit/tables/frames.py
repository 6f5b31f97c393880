"""Records as pandas data frames, one per type tag: nested (from Arrow) or the flat analyst view."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from conflictkit.dataset.dataset import Dataset
from conflictkit.records.record import Record
from conflictkit.tables._columns import POSITION
from conflictkit.tables._extra import require
from conflictkit.tables.arrow import to_arrow
from conflictkit.tables.flat import flat_rows

if TYPE_CHECKING:
    import pandas

__all__ = ["to_pandas"]


def to_pandas(records: Dataset | Iterable[Record], *, flat: bool = False) -> dict[str, pandas.DataFrame]:
    """One pandas data frame per type tag of ``records``.

    With ``flat=True`` (requires ``conflictkit[pandas]``) the frames hold the flat analyst view of
    :func:`~conflictkit.tables.flat_rows`: plain columns, value types spread out, referenced ids
    named. Otherwise (requires ``conflictkit[arrow,pandas]``) they hold the Arrow tables of
    :func:`~conflictkit.tables.to_arrow`, value types as dicts and lists as arrays, indexed by each
    record's position in the dataset.

    >>> from conflictkit import load_seed
    >>> frames = to_pandas(load_seed(), flat=True)
    >>> movements = frames["movement"]
    >>> int(movements[movements["kind"] == "mobilization"]["size_best"].sum())
    20000
    >>> nested = to_pandas(load_seed())["movement"]
    >>> nested.iloc[0]["size"]["unit"], nested.iloc[0]["date"]["earliest"]
    ('reservists', datetime.date(2021, 7, 5))
    """
    pd = require("pandas", "conflictkit.tables.to_pandas")
    if flat:
        return {
            tag: pd.DataFrame.from_records(rows, columns=list(rows[0]))
            for tag, rows in flat_rows(records).items()
        }
    frames = {}
    for tag, table in to_arrow(records).items():
        frames[tag] = table.to_pandas().set_index(POSITION)
    return frames
