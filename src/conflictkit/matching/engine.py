"""``match()``: candidate pairs of event-like records across datasets, found through the index."""

from __future__ import annotations

import math
import multiprocessing
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import islice, product

from conflictkit.core.collector import collector_paused
from conflictkit.dataset.dataset import Dataset
from conflictkit.matching.errors import MatchingError, check_threshold
from conflictkit.matching.features import (
    R_DATASET,
    R_FAMILY,
    R_HI,
    R_ID,
    R_LAT,
    R_LO,
    R_RADIUS,
    Row,
    Tables,
    extract,
    ucdp_events,
)
from conflictkit.matching.grid import KM_PER_DEGREE, Grid, Level
from conflictkit.matching.judge import Judge, Verdict
from conflictkit.matching.results import Matches
from conflictkit.matching.taxonomy import Taxonomy
from conflictkit.records.relations import EventLike

__all__ = ["MAX_DAYS", "MAX_KM", "candidates", "match", "prepare"]

MAX_DAYS = 366
"""The widest date window ``match`` accepts, in days."""

MAX_KM = 1000.0
"""The widest distance window ``match`` accepts, in km."""

BATCH = 10_000
"""Rows made, or scanned for partners, per pause of the garbage collector (never a whole run)."""

Candidate = tuple[int, int, Verdict]
"""A judged pair: the two rows' numbers (lower first) and the verdict."""


def _check_arguments(datasets: Sequence[object], days: object, km: object, episode_days: object) -> None:
    problems: list[str] = []
    if not datasets:
        problems.append("datasets: give at least one dataset")
    for position, dataset in enumerate(datasets):
        if not isinstance(dataset, Dataset):
            problems.append(f"datasets[{position}]: expected a Dataset, got {type(dataset).__name__}")
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        problems.append(f"days: must be a whole number of days from 0 to {MAX_DAYS}, got {days!r}")
    if (
        isinstance(km, bool)
        or not isinstance(km, (int, float))
        or not math.isfinite(km)
        or not 0 <= km <= MAX_KM
    ):
        problems.append(f"km: must be a distance from 0 to {MAX_KM:g} km, got {km!r}")
    if isinstance(episode_days, bool) or not isinstance(episode_days, int) or episode_days < 1:
        problems.append(f"episode_days: must be a whole number of days, at least 1, got {episode_days!r}")
    if problems:
        raise MatchingError("; ".join(problems))


def _check_ids(datasets: Sequence[Dataset]) -> None:
    owner: dict[str, int] = {}
    collisions: dict[str, list[int]] = {}
    for position, dataset in enumerate(datasets):
        for record in dataset.records:
            if not isinstance(record, EventLike):
                continue
            first = owner.setdefault(record.id, position)
            if first != position:
                collisions.setdefault(record.id, [first]).append(position)
    if collisions:
        shown = sorted(collisions)[:10]
        more = f" and {len(collisions) - len(shown)} more" if len(collisions) > len(shown) else ""
        listed = ", ".join(f"{name!r} (datasets {', '.join(map(str, collisions[name]))})" for name in shown)
        raise MatchingError(
            f"datasets: event records share ids across datasets, so a relation could not say which "
            f"is meant: {listed}{more}; give each source's records their own ids (e.g. a prefix)"
        )


def prepare(
    datasets: Sequence[Dataset],
    *,
    days: int,
    km: float,
    episode_days: int,
    report_date: date | None,
    taxonomy: Taxonomy | None = None,
) -> tuple[list[Row], Judge, list[tuple[int, str, str]], list[int]]:
    """The rows of the datasets, the judge, the unmatched records and each dataset's count of event records.

    The first step of :func:`~conflictkit.matching.match`, and of the Spark job, which ships the
    rows and the judge.
    """
    _check_arguments(datasets, days, km, episode_days)
    if taxonomy is not None and not isinstance(taxonomy, Taxonomy):
        raise MatchingError(f"taxonomy: expected a Taxonomy, got {type(taxonomy).__name__}")
    _check_ids(datasets)
    kept = [ucdp_events(dataset) for dataset in datasets]
    tables = Tables(taxonomy, violence=any(kept))
    rows: list[Row] = []
    unmatched: list[tuple[int, str, str]] = []
    counts: list[int] = []

    def note(dataset_index: int, record_id: str, reason: str) -> None:
        unmatched.append((dataset_index, record_id, reason))

    for position, dataset in enumerate(datasets):
        before = len(rows) + len(unmatched)
        made = extract(
            dataset,
            position,
            len(rows),
            tables,
            episode_days=episode_days,
            report_date=report_date,
            unmatched=note,
            kept=kept[position],
        )
        while True:  # a batch at a time with the collector paused, as in _scan
            with collector_paused():
                batch = list(islice(made, BATCH))
            if not batch:
                break
            rows.extend(batch)
        counts.append(len(rows) + len(unmatched) - before)
    scores = taxonomy.scores if taxonomy is not None else ()
    return rows, Judge(days=days, km=float(km), tables=tables, scores=scores), unmatched, counts


def candidates(
    rows: Sequence[Row], judge: Judge, *, within: bool, min_score: float, workers: int = 1
) -> tuple[list[Candidate], int]:
    """The judged pairs of rows at or above ``min_score``, and how many pairs were judged.

    Pairs come from the index (:class:`~conflictkit.matching.grid.Grid`), each once, lower row
    first. With ``workers`` above 1 (and where processes can be forked), the rows are scanned in
    that many processes, each taking every ``workers``-th row; the result is the same.
    """
    grid = Grid(days=judge.days, km=judge.km)
    levels = [grid.level(row) for row in rows]
    for number, row in enumerate(rows):
        grid.note(levels[number], row[R_HI] - row[R_LO], row[R_RADIUS])
    # One index per dataset, so that a row never walks the rows of its own dataset (unless
    # within); in it, one table per grid, keyed by (time bucket, latitude row, longitude column).
    buckets: list[dict[Level, dict[tuple[int, int, int], list[int]]]] = []
    for number, row in enumerate(rows):
        level = levels[number]
        while len(buckets) <= row[R_DATASET]:
            buckets.append({})
        grids = buckets[row[R_DATASET]]
        table = grids.get(level)
        if table is None:
            table = grids[level] = {}
        spot = grid.home(row, level)[2:]
        members = table.get(spot)
        if members is None:
            table[spot] = [number]
        else:
            members.append(number)
    index = _Index(rows, levels, grid, buckets, judge, within, min_score)
    if workers > 1 and len(rows) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with _FORK_LOCK:
            global _FORKED
            _FORKED = index
            try:
                context = multiprocessing.get_context("fork")
                with context.Pool(workers) as pool:
                    parts = pool.map(_scan_forked, [(start, workers) for start in range(workers)])
            finally:
                _FORKED = None
        found = [candidate for part, _ in parts for candidate in part]
        judged = sum(count for _, count in parts)
    else:
        found, judged = _scan(index, range(len(rows)))
    found.sort(key=_pair_order)
    return found, judged


class _Index:
    __slots__ = ("buckets", "grid", "judge", "levels", "min_score", "rows", "within")

    def __init__(
        self,
        rows: Sequence[Row],
        levels: list[Level],
        grid: Grid,
        buckets: list[dict[Level, dict[tuple[int, int, int], list[int]]]],
        judge: Judge,
        within: bool,
        min_score: float,
    ) -> None:
        self.rows, self.levels, self.grid, self.buckets = rows, levels, grid, buckets
        self.judge, self.within, self.min_score = judge, within, min_score


_FORK_LOCK = threading.Lock()
_FORKED: _Index | None = None  # what forked workers inherit; set only while a pool runs


def _scan_forked(stripe: tuple[int, int]) -> tuple[list[Candidate], int]:
    assert _FORKED is not None
    start, step = stripe
    return _scan(_FORKED, range(start, len(_FORKED.rows), step))


def _scan(index: _Index, numbers: range) -> tuple[list[Candidate], int]:
    found: list[Candidate] = []
    judged = 0
    # A batch of rows at a time with the collector paused: the scan makes many tuples and no
    # reference cycles, and another thread's cycles are still collected between batches.
    for start in range(0, len(numbers), BATCH):
        with collector_paused():
            judged += _scan_batch(index, numbers[start : start + BATCH], found)
    return found, judged


def _scan_batch(index: _Index, numbers: range, found: list[Candidate]) -> int:
    """Judge the pairs of the rows ``numbers``, adding those kept to ``found``; return how many."""
    rows, levels, grid, buckets, judge = index.rows, index.levels, index.grid, index.buckets, index.judge
    within, min_score = index.within, index.min_score
    append = found.append
    verdict_of = judge.verdict
    judged = 0
    datasets = len(buckets)
    # The indexes a row of each dataset searches, with whether they come before its own: rows are
    # numbered dataset by dataset, so in a row's own grid (where it takes only the rows after it)
    # the datasets before its own hold nothing for it.
    searched = [
        [
            (grids, position < dataset)
            for position, grids in enumerate(buckets)
            if within or position != dataset
        ]
        for dataset in range(datasets)
    ]
    days, km = judge.days, judge.km
    for number in numbers:
        row = rows[number]
        level = levels[number]
        family, low, high = row[R_FAMILY], row[R_LO], row[R_HI]
        latitude, reach = row[R_LAT], km + row[R_RADIUS]
        targets = searched[row[R_DATASET]]
        for grid_level, time_buckets, lat_rows, columns in grid.reaches(row, level):
            same_level = grid_level == level
            for grids, before in targets:
                if same_level and before:
                    continue
                table = grids.get(grid_level)
                if table is None:
                    continue
                # The buckets within reach that hold rows, looked up without a Python loop.
                for members in filter(None, map(table.get, product(time_buckets, lat_rows, columns))):
                    for other in members:
                        if same_level and other <= number:
                            continue
                        partner = rows[other]
                        if (
                            partner[R_FAMILY] != family
                            or partner[R_LO] - high > days
                            or low - partner[R_HI] > days
                            # the latitudes alone put them too far apart (as Judge.near)
                            or abs(partner[R_LAT] - latitude)
                            > (reach + partner[R_RADIUS]) / KM_PER_DEGREE + 1e-9
                        ):
                            continue
                        judged += 1
                        if number < other:
                            verdict = verdict_of(row, partner, min_score)
                            if verdict is not None:
                                append((number, other, verdict))
                        else:
                            verdict = verdict_of(partner, row, min_score)
                            if verdict is not None:
                                append((other, number, verdict))
    return judged


def _pair_order(candidate: Candidate) -> tuple[int, int]:
    return candidate[0], candidate[1]


def match(
    *datasets: Dataset,
    days: int = 1,
    km: float = 10.0,
    within: bool = False,
    episode_days: int = 7,
    report_date: date | None = None,
    min_score: float = 0.5,
    workers: int = 1,
    taxonomy: Taxonomy | None = None,
) -> Matches:
    """Candidate pairs of event-like records that may describe one event, across the datasets.

    ``days`` and ``km`` are the window: two records are candidates when their dates, each widened
    by its precision, lie at most ``days`` apart and their places at most ``km`` apart beyond what
    each place's precision allows. ``within`` also pairs records of one dataset (duplicates).
    A record dated to the day whose span is ``episode_days`` or longer is an *episode*: a record
    inside it is a ``part_of`` candidate. ``report_date`` dates the records that give no date
    (and whose document gives no publication date) to the week up to it; without it they are
    unmatched, as are records without a place and records that are no event of their own
    (conditions, plans and attributions: see :class:`~conflictkit.EventRole`). Pairs scoring
    below ``min_score`` are judged but not kept. ``workers`` scans the index in that many processes
    (where they can be forked). ``taxonomy`` says which kinds (and actor names and kinds) count as
    alike for you (see :class:`~conflictkit.matching.Taxonomy`).

    >>> import conflictkit as ck
    >>> from conflictkit.matching import match
    >>> seed = ck.load_seed()
    >>> found = match(seed, within=True)
    >>> found.unmatched_counts()
    {'no date': 22, 'no place': 2, 'not an event': 18}
    """
    rows, judge, unmatched, counts = prepare(
        datasets,
        days=days,
        km=km,
        episode_days=episode_days,
        report_date=report_date,
        taxonomy=taxonomy,
    )
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise MatchingError(f"workers: must be a whole number, at least 1, got {workers!r}")
    check_threshold(min_score, "min_score")
    found, judged = candidates(rows, judge, within=within, min_score=min_score, workers=workers)
    return Matches(
        rows=rows,
        judge=judge,
        candidates=found,
        judged=judged,
        unmatched=tuple(unmatched),
        event_counts=tuple(counts),
    )


def ids_of(rows: Iterable[Row]) -> list[str]:
    """The record ids of rows, in order."""
    return [row[R_ID] for row in rows]
