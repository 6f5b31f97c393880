"""Matching events across datasets: which records of several sources describe one event.

:func:`match` pairs the event-like records of different datasets (ACLED and UCDP GED, two coders,
a monitor and a news feed) that fall within a window of days and kilometres, each side's date and
place widened by its own precision, and scores each pair by what agrees: the date, the place, the
kind (through the event families, the ACLED, UCDP GED and PLOVER category tables, and a user's
:class:`Taxonomy` if given), the actors and the figures. Candidates come from an index of time
buckets and grid cells, never from all pairs.
:meth:`Matches.relations` turns the good ones into ``same_event`` (or, for a record inside an
episode, ``part_of``) :class:`~conflictkit.Relation` records, with the score and the reasons as
an inference, so that :meth:`conflictkit.Dataset.events` reconciles the sources' figures.

>>> import conflictkit as ck
>>> from datetime import date
>>> from conflictkit.matching import match
>>> seed = ck.load_seed()
>>> found = match(seed, within=True, report_date=date(2021, 7, 5))
>>> for pair in found.above(0.9):
...     print(pair.left, pair.right, round(pair.score, 2))
move:afghan-forces-crossed-more-than-a-thousand move:afghan-troops-crossed-1037 0.93
move:people-entered-from-ishkashim-152 move:people-fled-hundreds 0.93
"""

from conflictkit.matching.engine import MAX_DAYS, MAX_KM, match
from conflictkit.matching.errors import MatchingError
from conflictkit.matching.judge import WEIGHTS
from conflictkit.matching.results import DEFAULT_THRESHOLD, TABLE_COLUMNS, Match, Matches
from conflictkit.matching.taxonomy import Taxonomy

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_DAYS",
    "MAX_KM",
    "TABLE_COLUMNS",
    "WEIGHTS",
    "Match",
    "Matches",
    "MatchingError",
    "Taxonomy",
    "match",
]
