"""Matching as a Spark job, for datasets that do not fit one machine.

The index of :mod:`conflictkit.matching.grid` becomes a join: every row is keyed once by its home
bucket and once by each bucket it probes, the two are joined on the key, and the library's own
:class:`~conflictkit.matching.judge.Judge` scores each joined pair on the workers. The extents each
grid holds (the only global facts the index needs) are gathered first with one aggregation. The
result is the same candidates as :func:`~conflictkit.matching.match` on the same rows, in the same
order once collected.

Nothing here imports PySpark: the functions take the ``SparkContext`` (or an RDD of rows) they are
given.

>>> from conflictkit.matching.spark import match_spark  # doctest: +SKIP
>>> found = match_spark(spark.sparkContext, acled_week, ucdp_week)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from conflictkit.dataset.dataset import Dataset
from conflictkit.matching.engine import Candidate, prepare
from conflictkit.matching.errors import check_threshold
from conflictkit.matching.features import R_DATASET, R_FAMILY, R_HI, R_INDEX, R_LO, R_RADIUS, Row
from conflictkit.matching.grid import Grid, Key, Level
from conflictkit.matching.judge import Judge
from conflictkit.matching.results import Matches
from conflictkit.matching.taxonomy import Taxonomy

__all__ = ["candidates_rdd", "grid_of", "match_spark"]


def _extents(row: Row, grid: Grid) -> tuple[Level, tuple[int, float]]:
    return grid.level(row), (row[R_HI] - row[R_LO], row[R_RADIUS])


def _widest(first: tuple[int, float], second: tuple[int, float]) -> tuple[int, float]:
    return max(first[0], second[0]), max(first[1], second[1])


def grid_of(rows: Any, judge: Judge) -> Grid:
    """The index geometry for an RDD of rows: each grid's widest date range and radius, aggregated."""
    empty = Grid(days=judge.days, km=judge.km)
    grid = Grid(days=judge.days, km=judge.km)
    for level, (days, radius) in rows.map(lambda row: _extents(row, empty)).reduceByKey(_widest).collect():
        grid.note(level, days, radius)
    return grid


def _keyed_homes(row: Row, grid: Grid) -> tuple[Key, Row]:
    return grid.home(row, grid.level(row)), row


def _keyed_probes(row: Row, grid: Grid) -> Iterable[tuple[Key, Row]]:
    return ((key, row) for key in grid.probes(row, grid.level(row)))


def _judged(
    item: tuple[Key, tuple[Row, Row]], grid: Grid, judge: Judge, within: bool, min_score: float, tally: Any
) -> list[Candidate]:
    key, (prober, home) = item
    level = grid.level(prober)
    if key[0] == level[0] and key[1] == level[1] and home[R_INDEX] <= prober[R_INDEX]:
        return []  # in its own grid a row takes only the rows after it, as the engine does
    if prober[R_FAMILY] != home[R_FAMILY] or (not within and prober[R_DATASET] == home[R_DATASET]):
        return []
    if not judge.near(prober, home):
        return []  # what the engine skips before judging, so that both count the same pairs
    tally.add(1)
    first, second = (prober, home) if prober[R_INDEX] < home[R_INDEX] else (home, prober)
    verdict = judge.verdict(first, second, min_score)
    if verdict is None:
        return []
    return [(first[R_INDEX], second[R_INDEX], verdict)]


def candidates_rdd(
    context: Any, rows: Any, judge: Judge, *, within: bool = False, min_score: float = 0.5
) -> tuple[Any, Any]:
    """The candidates of an RDD of rows, as an RDD of ``(row, row, verdict)``, and a counter of pairs judged.

    The rows' home keys are joined with their probe keys; the judge and the grid are broadcast.
    The counter (a Spark accumulator) holds its total once the RDD has been computed.
    """
    grid = context.broadcast(grid_of(rows, judge))
    shipped = context.broadcast(judge)
    tally = context.accumulator(0)
    homes = rows.map(lambda row: _keyed_homes(row, grid.value))
    probes = rows.flatMap(lambda row: _keyed_probes(row, grid.value))
    found = probes.join(homes).flatMap(
        lambda item: _judged(item, grid.value, shipped.value, within, min_score, tally)
    )
    return found, tally


def match_spark(
    context: Any,
    *datasets: Dataset,
    days: int = 1,
    km: float = 10.0,
    within: bool = False,
    episode_days: int = 7,
    report_date: date | None = None,
    min_score: float = 0.5,
    partitions: int | None = None,
    taxonomy: Taxonomy | None = None,
) -> Matches:
    """:func:`~conflictkit.matching.match`, with the candidates found and judged by Spark.

    ``context`` is a ``SparkContext``. The rows are made on the driver and spread over
    ``partitions`` (Spark's default parallelism if ``None``); the candidates are collected and
    put in the engine's order, so the result equals ``match()``'s on the same input.
    """
    rows, judge, unmatched, counts = prepare(
        datasets, days=days, km=km, episode_days=episode_days, report_date=report_date, taxonomy=taxonomy
    )
    check_threshold(min_score, "min_score")
    found, tally = candidates_rdd(
        context, context.parallelize(rows, partitions), judge, within=within, min_score=min_score
    )
    collected: list[Candidate] = sorted(found.collect(), key=lambda candidate: (candidate[0], candidate[1]))
    return Matches(
        rows=rows,
        judge=judge,
        candidates=collected,
        judged=int(tally.value),
        unmatched=tuple(unmatched),
        event_counts=tuple(counts),
    )
