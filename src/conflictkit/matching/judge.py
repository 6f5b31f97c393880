"""Whether two rows may be one event, and how well they agree: the scoring both engines share.

A pair is a candidate only if both records are of one event family, their dates (widened by
their precision) lie at most ``days`` apart, and their points at most ``km`` apart once each
point's own radius (its geo precision, the kind of place) is added. A candidate's score is the
weighted mean of what agrees (see :data:`WEIGHTS`), each part between 0 and 1:

* **date**: 1 when the ranges overlap, falling with the gap; halved when a side's date is only
  that of its report;
* **place**: 1 at the same point, falling to 0 at the allowed distance;
* **kind**: 1 for the same kind; for two kinds a user's taxonomy maps, the score of the finest
  level where their categories agree (see :class:`~conflictkit.matching.Taxonomy`), else 0;
  otherwise 0.6 for the same ACLED sub-event type or PLOVER event and mode, or for the same UCDP
  GED type of violence when a side was read from UCDP GED (the type is all UCDP says of a kind),
  0.3 for the same ACLED event type or PLOVER event type, else 0;
* **actors**: how well each actor of the side naming fewer finds its counterpart on the other
  (name trigrams, country, kind); left out when a side names none;
* **figures**: 1 when the main figures' ranges overlap, else the ratio of the nearer ends; left
  out when a side gives none.
"""

from __future__ import annotations

import math
from typing import Any

from conflictkit.crosswalk.ucdp import TYPE_OF_VIOLENCE
from conflictkit.matching.features import (
    R_ACTORS,
    R_DATED,
    R_EPISODE,
    R_FAMILY,
    R_FIGURE,
    R_HI,
    R_KIND,
    R_LAT,
    R_LO,
    R_LON,
    R_RADIUS,
    Kind,
    Row,
    Tables,
)
from conflictkit.matching.taxonomy import path_agreement

__all__ = ["WEIGHTS", "Judge", "Verdict"]

WEIGHTS: dict[str, float] = {"date": 0.15, "place": 0.15, "kind": 0.35, "actors": 0.25, "figures": 0.10}
"""How much each part of the agreement counts in a candidate's score."""

EARTH_KM = 6371.0088
"""The mean radius of the Earth, in km."""

Verdict = tuple[float, bool, int, float, float, float, float | None, float | None]
"""A candidate's judgement: score, episode (part_of), day gap, distance, allowed distance, and the
kind, actor and figure parts (``None`` where left out)."""

_W_DATE, _W_PLACE, _W_KIND = WEIGHTS["date"], WEIGHTS["place"], WEIGHTS["kind"]
_W_ACTORS, _W_FIGURES = WEIGHTS["actors"], WEIGHTS["figures"]
_W_BASE = _W_DATE + _W_PLACE + _W_KIND
_RADIANS = math.pi / 180
_DIAMETER = 2 * EARTH_KM
_sin, _cos, _asin, _sqrt = math.sin, math.cos, math.asin, math.sqrt
_KM_PER_DEGREE = math.pi * EARTH_KM / 180
_VIOLENCE = {entry.code: entry.meaning.split(":")[0] for entry in TYPE_OF_VIOLENCE}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km (haversine).

    >>> from conflictkit.matching.judge import distance_km
    >>> round(distance_km(38.5598, 68.7870, 36.7064, 71.5731))
    320
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


class Judge:
    """Judges pairs of rows for one run: the window, and the tables of kinds and actors.

    It holds only plain data, so it pickles: the Spark job ships it to its workers.
    """

    __slots__ = ("_kind_cache", "_kind_parts", "actors", "days", "kinds", "km", "scores")

    def __init__(self, *, days: int, km: float, tables: Tables, scores: tuple[float, ...] = ()) -> None:
        self.days = days
        """The date window, in days."""
        self.km = km
        """The distance window, in km."""
        self.kinds = tables.kinds
        """The kind signatures, by number."""
        self.actors = tables.actors
        """The actors, by number."""
        self.scores = scores
        """The kind agreement at each level of the user's taxonomy (empty without one)."""
        self._kind_cache: dict[tuple[int, int], tuple[float, str]] = {}
        self._kind_parts: dict[int, float] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "km": self.km,
            "kinds": self.kinds,
            "actors": self.actors,
            "scores": self.scores,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._kind_cache, self._kind_parts = {}, {}

    def __call__(self, a: Row, b: Row) -> Verdict | None:
        """The verdict on two rows, or ``None`` when they are no candidates."""
        return self.verdict(a, b, -1.0)

    def verdict(self, a: Row, b: Row, min_score: float) -> Verdict | None:
        """The verdict on two rows if they are candidates scoring ``min_score`` or more, else ``None``.

        A pair that cannot reach ``min_score`` whatever its actors is let go before they are
        compared; the verdicts kept are those of calling the judge.
        """
        if a[R_FAMILY] != b[R_FAMILY]:
            return None
        gap = b[R_LO] - a[R_HI]
        if a[R_LO] - b[R_HI] > gap:
            gap = a[R_LO] - b[R_HI]
        if gap < 0:
            gap = 0
        elif gap > self.days:
            return None
        allowed = self.km + a[R_RADIUS] + b[R_RADIUS]
        # The haversine distance, inline: this is the inner loop.
        lat1, lat2 = a[R_LAT] * _RADIANS, b[R_LAT] * _RADIANS
        h = (
            _sin((lat2 - lat1) / 2) ** 2
            + _cos(lat1) * _cos(lat2) * _sin((b[R_LON] - a[R_LON]) * _RADIANS / 2) ** 2
        )
        distance = _DIAMETER * _asin(_sqrt(h) if h < 1.0 else 1.0)
        if distance > allowed + 1e-9:
            return None
        date_part = 1.0 - gap / (self.days + 1)
        if a[R_DATED] is not None or b[R_DATED] is not None:
            date_part *= 0.5
        place_part = 1.0 - distance / allowed if allowed > 0 else 1.0
        kinds = a[R_KIND] << 32 | b[R_KIND]
        kind_part = self._kind_parts.get(kinds)
        if kind_part is None:
            kind_part = self._kind_parts[kinds] = self.kind(a[R_KIND], b[R_KIND])[0]
        total = _W_DATE * date_part + _W_PLACE * place_part + _W_KIND * kind_part
        weight = _W_BASE
        actors_a, actors_b = a[R_ACTORS], b[R_ACTORS]
        figure_part = _figure_agreement(a[R_FIGURE], b[R_FIGURE])
        if min_score > 0:
            # The best the score can be, the actors (where both sides name some) agreeing fully.
            most, out_of = total, weight
            if actors_a and actors_b:
                most += _W_ACTORS
                out_of += _W_ACTORS
            if figure_part is not None:
                most += _W_FIGURES * figure_part
                out_of += _W_FIGURES
            if most / out_of < min_score - 1e-9:
                return None
        actor_part = self.actor_agreement(actors_a, actors_b)
        if actor_part is not None:
            total += _W_ACTORS * actor_part
            weight += _W_ACTORS
        if figure_part is not None:
            total += _W_FIGURES * figure_part
            weight += _W_FIGURES
        score = total / weight
        if score < min_score:
            return None
        return (
            score,
            a[R_EPISODE] != b[R_EPISODE],
            gap,
            distance,
            allowed,
            kind_part,
            actor_part,
            figure_part,
        )

    def near(self, a: Row, b: Row) -> bool:
        """The engine's quick test before judging: dates within the window, latitudes within reach.

        It never rejects a pair the judge would keep.
        """
        if b[R_LO] - a[R_HI] > self.days or a[R_LO] - b[R_HI] > self.days:
            return False
        reach = (self.km + a[R_RADIUS] + b[R_RADIUS]) / _KM_PER_DEGREE + 1e-9
        return bool(abs(b[R_LAT] - a[R_LAT]) <= reach)

    def kind(self, first: int, second: int) -> tuple[float, str]:
        """How compatible two kind signatures are, and why."""
        known = self._kind_cache.get((first, second))
        if known is None:
            low, high = (first, second) if first <= second else (second, first)
            known = _kind_agreement(self.kinds[low], self.kinds[high], self.scores)
            self._kind_cache[first, second] = self._kind_cache[second, first] = known
        return known

    def actor_agreement(self, first: tuple[int, ...], second: tuple[int, ...]) -> float | None:
        """How well the actors of the side naming fewer find counterparts on the other.

        ``None`` if a side names none.
        """
        if not first or not second:
            return None
        actors = self.actors
        if len(first) == 1 and len(second) == 1:
            return 1.0 if first[0] == second[0] else _similarity(actors[first[0]], actors[second[0]])
        if len(first) > len(second):
            first, second = second, first
        total = 0.0
        for one in first:
            a = actors[one]
            best = 0.0
            for other in second:
                similarity = 1.0 if one == other else _similarity(a, actors[other])
                if similarity > best:
                    best = similarity
            total += best
        return total / len(first)

    def actor(self, first: int, second: int) -> float:
        """How alike two actors are: their names' trigrams (Dice, 0.6), country (0.2), kind (0.2)."""
        return 1.0 if first == second else _similarity(self.actors[first], self.actors[second])


def _similarity(
    a: tuple[str, int, int, str | None, str, str | None], b: tuple[str, int, int, str | None, str, str | None]
) -> float:
    # Equal names (or names the taxonomy groups), or Dice's coefficient of the names' trigrams,
    # through their signatures; then the country and the kind.
    if a[0] == b[0] or (a[5] is not None and a[5] == b[5]):
        name = 1.0
    else:
        name = 2 * (a[1] & b[1]).bit_count() / (a[2] + b[2])
    return 0.6 * name + 0.2 * (a[3] is not None and a[3] == b[3]) + 0.2 * (a[4] == b[4])


def _kind_agreement(a: Kind, b: Kind, scores: tuple[float, ...]) -> tuple[float, str]:
    if a[1] == b[1]:
        return 1.0, f"same kind ({a[1]})"
    decided = path_agreement(a[6], b[6], scores, a[1], b[1])
    if decided is not None:
        return decided
    if a[2] is not None and a[2] == b[2]:
        return 0.6, f"same ACLED sub-event type {a[2][1]!r} ({a[1]} / {b[1]})"
    if a[3] is not None and a[3] == b[3]:
        mode = f" {a[3][1]}" if a[3][1] else ""
        return 0.6, f"same PLOVER event {a[3][0]}{mode} ({a[1]} / {b[1]})"
    if a[4] is not None and a[4] == b[4] and (a[5] or b[5]):
        meaning = _VIOLENCE.get(a[4], "")
        return 0.6, f"same UCDP GED type of violence {a[4]}, {meaning} ({a[1]} / {b[1]})"
    if a[2] is not None and b[2] is not None and a[2][0] == b[2][0]:
        return 0.3, f"same ACLED event type {a[2][0]!r} ({a[1]} / {b[1]})"
    if a[3] is not None and b[3] is not None and a[3][0] == b[3][0]:
        return 0.3, f"same PLOVER event type {a[3][0]} ({a[1]} / {b[1]})"
    return 0.0, f"different kinds ({a[1]} / {b[1]})"


def _figure_agreement(a: Any, b: Any) -> float | None:
    if a is None or b is None:
        return None
    _, low_a, high_a, _ = a
    _, low_b, high_b, _ = b
    if low_a <= high_b and low_b <= high_a:
        return 1.0
    lower_high, upper_low = (high_a, low_b) if high_a < low_b else (high_b, low_a)
    return float(lower_high / upper_low) if upper_low > 0 else 0.0
