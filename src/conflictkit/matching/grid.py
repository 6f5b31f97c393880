"""The index that finds candidate pairs without comparing all pairs: time buckets x grid cells.

Each row sits at a *level*: the smallest power of two (times the window: ``days`` for time,
``km`` for space) whose bucket holds the row's date range and whose cell its place's diameter.
A row is stored once, in the bucket and cell of its middle day and its point at its level. A row
then looks for partners only at its own level and the coarser ones, in the few buckets and cells
its reach covers there (its own extent, the window, and the largest extent stored at that level);
at its own level it takes only the rows after it, so every pair is found exactly once. A day-exact
record never scans the buckets of year-precise ones cell by cell: those are coarse and few.

The key of a row's home and of each of its probes is a plain tuple ``(level, bucket, row, column)``:
the Spark job joins on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from conflictkit.matching.features import R_HI, R_LAT, R_LO, R_LON, R_RADIUS, Row
from conflictkit.matching.judge import EARTH_KM

__all__ = ["Grid", "Key"]

Key = tuple[int, int, int, int]
"""A bucket of the index: level, time bucket, latitude row, longitude column."""

KM_PER_DEGREE = math.pi * EARTH_KM / 180
"""Kilometres per degree of latitude."""


def _level(extent: float, base: float) -> int:
    level, size = 0, base
    while size < extent:
        size *= 2
        level += 1
    return level


class Grid:
    """The geometry of the index for one window, and the largest extents stored at each level."""

    __slots__ = ("base_days", "base_km", "days", "km", "max_days", "max_radius")

    def __init__(self, *, days: int, km: float) -> None:
        self.days = days
        """The date window, in days."""
        self.km = km
        """The distance window, in km."""
        self.base_days = max(days, 1)
        """The bucket width at level 0, in days."""
        self.base_km = max(km, 1.0)
        """The cell size at level 0, in km."""
        self.max_days: dict[int, int] = {}
        """The longest date range (last day minus first) stored at each level."""
        self.max_radius: dict[int, float] = {}
        """The largest radius stored at each level."""

    def level(self, row: Row) -> int:
        """The level a row is stored at."""
        return max(
            _level(row[R_HI] - row[R_LO], self.base_days), _level(2 * row[R_RADIUS], self.base_km)
        )

    def add(self, rows: Iterable[Row]) -> None:
        """Note the extents of rows to be stored (every row must be added before probing)."""
        for row in rows:
            self.note(self.level(row), row[R_HI] - row[R_LO], row[R_RADIUS])

    def note(self, level: int, days: int, radius: float) -> None:
        """Note one stored row's level and extents."""
        if days > self.max_days.get(level, -1):
            self.max_days[level] = days
        if radius > self.max_radius.get(level, -1.0):
            self.max_radius[level] = radius

    def _sizes(self, level: int) -> tuple[int, float, float, int]:
        # Longitude columns divide the 360 degrees exactly, so that they wrap at the antimeridian.
        width = self.base_days << level
        cell = self.base_km * (1 << level) / KM_PER_DEGREE
        columns = max(1, math.floor(360 / cell))
        return width, cell, 360 / columns, columns

    def home(self, row: Row, level: int) -> Key:
        """The bucket a row is stored in, at its level."""
        width, cell, column_width, columns = self._sizes(level)
        middle = (row[R_LO] + row[R_HI]) // 2
        return (
            level,
            middle // width,
            math.floor((row[R_LAT] + 90) / cell),
            math.floor((row[R_LON] + 180) / column_width) % columns,
        )

    def probes(self, row: Row, own_level: int) -> Iterator[Key]:
        """The buckets a row looks for partners in: at its own level and every coarser one stored."""
        for level in sorted(self.max_days):
            if level < own_level:
                continue
            width, cell, column_width, columns = self._sizes(level)
            reach_days = self.days + self.max_days[level]
            first_bucket = (row[R_LO] - reach_days) // width
            last_bucket = (row[R_HI] + reach_days) // width
            reach_km = self.km + row[R_RADIUS] + self.max_radius[level] + 1e-6
            latitude, longitude = row[R_LAT], row[R_LON]
            reach_degrees = reach_km / KM_PER_DEGREE
            first_row = math.floor((latitude - reach_degrees + 90) / cell)
            last_row = math.floor((latitude + reach_degrees + 90) / cell)
            column_list = _columns(latitude, longitude, reach_km, column_width, columns)
            for bucket in range(first_bucket, last_bucket + 1):
                for lat_row in range(first_row, last_row + 1):
                    for column in column_list:
                        yield (level, bucket, lat_row, column)


def _columns(latitude: float, longitude: float, reach_km: float, cell: float, columns: int) -> list[int]:
    # The widest longitude difference within reach_km of a point at this latitude.
    angle = reach_km / EARTH_KM
    cosine = math.cos(math.radians(latitude))
    if angle >= math.pi / 2 or math.sin(angle) >= cosine:
        return list(range(columns))
    spread = math.degrees(math.asin(math.sin(angle) / cosine)) + 1e-9
    first = math.floor((longitude - spread + 180) / cell)
    last = math.floor((longitude + spread + 180) / cell)
    if last - first + 1 >= columns:
        return list(range(columns))
    return [column % columns for column in range(first, last + 1)]
