"""Records as tables: Apache Arrow, Parquet, pandas, and a flat view for analysts (CSV included).

Every table is generated from the record classes, their fields and annotations (as
:func:`conflictkit.json_schema` is), so new record types, users' subclasses included, get their
tables without any code of their own.

- :func:`arrow_schema`, :func:`to_arrow`, :func:`from_arrow`: one lossless Arrow table per type tag
  (requires ``conflictkit[arrow]``).
- :func:`write_parquet`, :func:`read_parquet`: one Parquet file per type tag, readable by DuckDB,
  Spark and pandas without conflictkit (requires ``conflictkit[arrow]``).
- :func:`flat_rows`, :func:`write_csv`: one row per record with value types spread into plain
  columns and referenced ids resolved to names (standard library only).
- :func:`to_pandas`: pandas data frames of either view (requires ``conflictkit[pandas]``).
- :func:`event_rows`, :func:`events_table`, :func:`events_frame`, :func:`write_events_csv`,
  :func:`write_events_parquet`: the events table, one row per event with its claims joined and
  their figures reconciled (see :mod:`conflictkit.tables.events`).
- :func:`casualty_rows`, :func:`casualties_table`, :func:`casualties_frame`,
  :func:`write_casualties_csv`, :func:`write_casualties_parquet`: the casualties table, one row
  per event and side with each side's figures reconciled (see :mod:`conflictkit.tables.casualties`).
"""

from conflictkit.tables.arrow import arrow_schema, from_arrow, to_arrow
from conflictkit.tables.casualties import (
    CASUALTY_COLUMNS,
    casualties_frame,
    casualties_table,
    casualty_rows,
    write_casualties_csv,
    write_casualties_parquet,
)
from conflictkit.tables.events import (
    EVENT_COLUMNS,
    event_rows,
    events_frame,
    events_table,
    write_events_csv,
    write_events_parquet,
)
from conflictkit.tables.flat import CsvSink, flat_columns, flat_rows, record_names, write_csv
from conflictkit.tables.frames import to_pandas
from conflictkit.tables.parquet import ParquetSink, read_parquet, write_parquet

__all__ = [
    "CASUALTY_COLUMNS",
    "EVENT_COLUMNS",
    "CsvSink",
    "ParquetSink",
    "arrow_schema",
    "casualties_frame",
    "casualties_table",
    "casualty_rows",
    "event_rows",
    "events_frame",
    "events_table",
    "flat_columns",
    "flat_rows",
    "from_arrow",
    "read_parquet",
    "record_names",
    "to_arrow",
    "to_pandas",
    "write_casualties_csv",
    "write_casualties_parquet",
    "write_csv",
    "write_events_csv",
    "write_events_parquet",
    "write_parquet",
]
