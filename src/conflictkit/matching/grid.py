"""The index that finds candidate pairs without comparing all pairs: time buckets x grid cells.

Each row sits at a *level*, one for time and one for space: the smallest power of two (times the
window: ``days`` for time, ``km`` for space) whose bucket holds the row's date range, and whose
cell its place's diameter. A row is stored once, in the bucket and cell of its middle day and its
point, in the grid of its levels. A row then looks for partners only in the grids as coarse as its
own or coarser (ordered by the sum of the levels, then time, then space), in the few buckets and
cells its reach covers there (its own extent, the window, and the largest extent stored in that
grid); in its own grid it takes only the rows after it, so every pair is found exactly once. A
day-exact record never scans the buckets of year-precise ones cell by cell: those are coarse and
few, and the rows of one precision never crowd the buckets of another.

The key of a row's home and of each of its probes is a plain tuple ``(time level, space level,
bucket, row, column)``: the Spark job joins on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from conflictkit.matching.features import R_HI, R_LAT, R_LO, R_LON, R_RADIUS, Row
from conflictkit.matching.judge import EARTH_KM

__all__ = ["Grid", "Key", "Level", "Reach"]

Key = tuple[int, int, int, int, int]
"""A bucket of the index: time level, space level, time bucket, latitude row, longitude column."""

Level = tuple[int, int]
"""A grid of the index: its time level and its space level."""

Reach = tuple[Level, range, range, "list[int] | range"]
"""Where a row looks in one grid: the grid, its time buckets, latitude rows, longitude columns."""

KM_PER_DEGREE = math.pi * EARTH_KM / 180
"""Kilometres per degree of latitude."""


_SCALE = 2
_PLAN_LIMIT = 4096


def _level(extent: float, base: float) -> int:
    level, size = 0, base
    while size < extent:
        size *= 2
        level += 1
    return level


class Grid:
    """The geometry of the index for one window, and the largest extents stored at each level."""

    __slots__ = (
        "_order",
        "_plans",
        "_size_cache",
        "base_days",
        "base_km",
        "days",
        "km",
        "max_days",
        "max_radius",
    )

    def __init__(self, *, days: int, km: float) -> None:
        self.days = days
        """The date window, in days."""
        self.km = km
        """The distance window, in km."""
        self.base_days = _SCALE * max(days, 1)
        """The bucket width at level 0, in days: twice the window, so that a row reaches few buckets."""
        self.base_km = _SCALE * max(km, 1.0)
        """The cell size at level 0, in km: twice the window."""
        self.max_days: dict[Level, int] = {}
        """The longest date range (last day minus first) stored in each grid."""
        self.max_radius: dict[Level, float] = {}
        """The largest radius stored in each grid."""
        self._order: list[Level] = []
        self._size_cache: dict[Level, tuple[int, float, float, int]] = {}
        self._plans: dict[tuple[Level, float], list[tuple[Any, ...]]] = {}

    def level(self, row: Row) -> Level:
        """The grid a row is stored in: its time level and its space level."""
        return _level(row[R_HI] - row[R_LO], self.base_days), _level(2 * row[R_RADIUS], self.base_km)

    def add(self, rows: Iterable[Row]) -> None:
        """Note the extents of rows to be stored (every row must be added before probing)."""
        for row in rows:
            self.note(self.level(row), row[R_HI] - row[R_LO], row[R_RADIUS])

    def note(self, level: Level, days: int, radius: float) -> None:
        """Note one stored row's grid and extents."""
        if level not in self.max_days:
            self._order = sorted({*self.max_days, level}, key=_coarseness)
            self._plans.clear()
        if days > self.max_days.get(level, -1):
            self.max_days[level] = days
            self._plans.clear()
        if radius > self.max_radius.get(level, -1.0):
            self.max_radius[level] = radius
            self._plans.clear()

    def _sizes(self, level: Level) -> tuple[int, float, float, int]:
        # Longitude columns divide the 360 degrees exactly, so that they wrap at the antimeridian.
        known = self._size_cache.get(level)
        if known is None:
            width = self.base_days << level[0]
            cell = self.base_km * (1 << level[1]) / KM_PER_DEGREE
            columns = max(1, math.floor(360 / cell))
            known = self._size_cache[level] = (width, cell, 360 / columns, columns)
        return known

    def home(self, row: Row, level: Level) -> Key:
        """The bucket a row is stored in, in its grid."""
        width, cell, column_width, columns = self._sizes(level)
        middle = (row[R_LO] + row[R_HI]) // 2
        return (
            level[0],
            level[1],
            middle // width,
            math.floor((row[R_LAT] + 90) / cell),
            math.floor((row[R_LON] + 180) / column_width) % columns,
        )

    def reaches(self, row: Row, own_level: Level) -> list[Reach]:
        """Where a row looks for partners, grid by grid: its own grid and every coarser one stored.

        Each :data:`Reach` gives a grid, its time buckets, its latitude rows and its longitude
        columns; :meth:`probes` spells out the keys.
        """
        radius = row[R_RADIUS]
        plan = self._plans.get((own_level, radius))
        if plan is None:
            plan = self._plan(own_level, radius)
        latitude, longitude, low, high = row[R_LAT], row[R_LON], row[R_LO], row[R_HI]
        floor = math.floor
        found: list[Reach] = []
        for level, width, cell, column_width, columns, reach_days, reach_km, reach_degrees, spreads in plan:
            first_row = floor((latitude - reach_degrees + 90) / cell)
            last_row = floor((latitude + reach_degrees + 90) / cell)
            # The widest longitude spread is at the band's edge farthest from the equator: computed
            # once per grid, radius and band.
            band = first_row if latitude < 0 else last_row
            spread = spreads.get(band)
            if spread is None:
                edge = min(90.0, abs(latitude) + reach_degrees)
                edge = max(abs((first_row * cell) - 90), abs(((last_row + 1) * cell) - 90), edge)
                spread = spreads[band] = _spread(min(90.0, edge), reach_km)
            if spread >= 180.0:
                reached: list[int] | range = range(columns)
            else:  # the columns within the spread, wrapped at the antimeridian
                first = floor((longitude - spread + 180) / column_width)
                last = floor((longitude + spread + 180) / column_width)
                if last - first + 1 >= columns:
                    reached = range(columns)
                elif first >= 0 and last < columns:
                    reached = range(first, last + 1)
                else:
                    reached = [column % columns for column in range(first, last + 1)]
            found.append(
                (
                    level,
                    range((low - reach_days) // width, (high + reach_days) // width + 1),
                    range(first_row, last_row + 1),
                    reached,
                )
            )
        return found

    def _plan(self, own_level: Level, radius: float) -> list[tuple[Any, ...]]:
        own = _coarseness(own_level)
        plan: list[tuple[Any, ...]] = []
        for level in self._order:
            if _coarseness(level) < own:
                continue
            width, cell, column_width, columns = self._sizes(level)
            reach_km = self.km + radius + self.max_radius[level] + 1e-6
            plan.append(
                (
                    level,
                    width,
                    cell,
                    column_width,
                    columns,
                    self.days + self.max_days[level],
                    reach_km,
                    reach_km / KM_PER_DEGREE,
                    {},  # the spread of each latitude band (see reaches)
                )
            )
        if len(self._plans) < _PLAN_LIMIT:
            self._plans[own_level, radius] = plan
        return plan

    def probes(self, row: Row, own_level: Level) -> Iterator[Key]:
        """The keys of the buckets a row looks for partners in (see :meth:`reaches`)."""
        for (time_level, space_level), buckets, lat_rows, columns in self.reaches(row, own_level):
            for bucket in buckets:
                for lat_row in lat_rows:
                    for column in columns:
                        yield (time_level, space_level, bucket, lat_row, column)


def _coarseness(level: Level) -> tuple[int, int, int]:
    return level[0] + level[1], level[0], level[1]


def _spread(latitude: float, reach_km: float) -> float:
    # The widest longitude difference (degrees) within reach_km of a point at this latitude;
    # 180 when the reach takes in a pole.
    angle = reach_km / EARTH_KM
    cosine = math.cos(math.radians(latitude))
    if angle >= math.pi / 2 or math.sin(angle) >= cosine:
        return 180.0
    return math.degrees(math.asin(math.sin(angle) / cosine)) + 1e-9
