"""What :func:`~conflictkit.matching.match` finds: :class:`Match` pairs, kept as :class:`Matches`."""

from __future__ import annotations

import hashlib
import importlib
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, overload

import attrs

from conflictkit.matching.errors import check_threshold
from conflictkit.matching.features import (
    R_ACTORS,
    R_DATASET,
    R_DATED,
    R_EPISODE,
    R_FIGURE,
    R_HI,
    R_ID,
    R_KIND,
    R_LO,
    R_RADIUS,
    Row,
    day_of,
    figure_text,
)
from conflictkit.matching.judge import Judge, Verdict
from conflictkit.records.relations import Relation, RelationKind
from conflictkit.values.evidence import Inference

__all__ = ["DEFAULT_THRESHOLD", "TABLE_COLUMNS", "Match", "Matches"]

DEFAULT_THRESHOLD = 0.75
"""The score from which :meth:`~conflictkit.matching.Matches.relations` turns a candidate into a relation."""


@attrs.frozen(kw_only=True)
class Match:
    """A candidate pair: two records that may describe one event, with how well they agree and why."""

    left: str
    """Id of the first record: for a ``part_of`` candidate, the part."""

    right: str
    """Id of the second record: for a ``part_of`` candidate, the episode it lies in."""

    score: float
    """How well the two agree, from 0 to 1 (see :mod:`conflictkit.matching.judge`)."""

    reasons: tuple[str, ...]
    """What agreed and what did not: date, place, kind, actors, figures, one line each."""

    kind: RelationKind = RelationKind.SAME_EVENT
    """``same_event``, or ``part_of`` when the right record is an episode the left lies in."""

    datasets: tuple[int, int] = (0, 1)
    """The positions of the two records' datasets among those matched."""


class Matches(Sequence[Match]):
    """The candidates of one :func:`~conflictkit.matching.match` run, in a deterministic order.

    A sequence of :class:`Match`, ordered by the first record's position (datasets in the order
    given, records in dataset order), then the second's. It keeps compact rows and builds each
    :class:`Match` (and its reasons) when asked, so millions of candidates stay affordable.
    """

    def __init__(
        self,
        *,
        rows: Sequence[Row],
        judge: Judge,
        candidates: Sequence[tuple[int, int, Verdict]],
        judged: int,
        unmatched: tuple[tuple[int, str, str], ...],
        event_counts: tuple[int, ...],
    ) -> None:
        self._rows = rows
        self._judge = judge
        self._candidates = candidates
        self.judged = judged
        """How many pairs the index proposed and were judged (all pairs are never compared)."""
        self.unmatched = unmatched
        """The records left out, as ``(dataset position, id, reason)``: no date, or no place."""
        self.event_counts = event_counts
        """How many event-like records each dataset holds."""

    def __len__(self) -> int:
        """The number of candidates kept."""
        return len(self._candidates)

    @overload
    def __getitem__(self, index: int) -> Match: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Match]: ...
    def __getitem__(self, index: int | slice) -> Match | Sequence[Match]:
        """The candidate (or candidates) at ``index``."""
        if isinstance(index, slice):
            return [self._build(candidate) for candidate in self._candidates[index]]
        return self._build(self._candidates[index])

    def __iter__(self) -> Iterator[Match]:
        """The candidates, in order."""
        for candidate in self._candidates:
            yield self._build(candidate)

    def __repr__(self) -> str:
        return f"<Matches: {len(self)} candidates of {self.judged} pairs judged>"

    def unmatched_counts(self) -> dict[str, int]:
        """How many records were left out, by reason."""
        return dict(sorted(Counter(reason for _, _, reason in self.unmatched).items()))

    def scores(self) -> list[float]:
        """Every candidate's score, in order (cheaper than building the matches)."""
        return [verdict[0] for _, _, verdict in self._candidates]

    def pairs(
        self, threshold: float = DEFAULT_THRESHOLD, *, one_to_one: bool = False
    ) -> list[tuple[str, str]]:
        """The ids of the pairs at or above ``threshold`` (see :meth:`relations` for ``one_to_one``)."""
        return [
            (self._rows[first][R_ID], self._rows[second][R_ID])
            for first, second, _ in self._selected(threshold, one_to_one)
        ]

    def above(self, threshold: float = DEFAULT_THRESHOLD, *, one_to_one: bool = False) -> list[Match]:
        """The matches at or above ``threshold``, in order."""
        return [self._build(candidate) for candidate in self._selected(threshold, one_to_one)]

    def _selected(self, threshold: float, one_to_one: bool) -> list[tuple[int, int, Verdict]]:
        threshold = check_threshold(threshold)
        kept = [candidate for candidate in self._candidates if candidate[2][0] >= threshold]
        if not one_to_one:
            return kept
        # Greedy assignment, best score first (ties in order): no record is the same event as two
        # records of another dataset. Episodes keep all their parts.
        taken: set[tuple[int, int]] = set()  # (row, other dataset)
        chosen: set[tuple[int, int]] = set()
        ranked = sorted(range(len(kept)), key=lambda position: (-kept[position][2][0], position))
        for position in ranked:
            first, second, verdict = kept[position]
            if verdict[1]:
                chosen.add((first, second))
                continue
            left_key = (first, self._rows[second][R_DATASET])
            right_key = (second, self._rows[first][R_DATASET])
            if left_key in taken or right_key in taken:
                continue
            taken.update((left_key, right_key))
            chosen.add((first, second))
        return [candidate for candidate in kept if (candidate[0], candidate[1]) in chosen]

    def relations(
        self, threshold: float = DEFAULT_THRESHOLD, *, one_to_one: bool = False
    ) -> tuple[Relation, ...]:
        """The candidates at or above ``threshold`` as :class:`~conflictkit.Relation` records.

        A ``same_event`` relation, or ``part_of`` from a record to the episode it lies in, each
        with an inference on its ``kind`` giving the score and the reasons; added to a dataset
        holding both records, :meth:`conflictkit.Dataset.events` joins them and reconciles their
        figures. With ``one_to_one``, no record is joined to two records of another dataset: the
        best-scoring candidates are taken first.
        """
        found = []
        for candidate in self._selected(threshold, one_to_one):
            match = self._build(candidate)
            note = f"matched by conflictkit.matching, score {match.score:.2f}: " + "; ".join(match.reasons)
            found.append(
                Relation(
                    id=_relation_id(match.left, match.right),
                    source=match.left,
                    kind=match.kind,
                    target=match.right,
                    inferred=(Inference(field="kind", reason=note),),
                )
            )
        return tuple(found)

    def to_pandas(self) -> Any:
        """The candidates as a pandas DataFrame for review: one row each, reasons and parts in columns.

        Needs pandas (conflictkit's ``pandas`` extra).
        """
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as exc:
            raise ImportError(
                "Matches.to_pandas() needs pandas, which is not installed: install conflictkit's "
                "'pandas' extra (pip install '.[pandas]' in a checkout of conflictkit)"
            ) from exc
        return pandas.DataFrame(self.table(), columns=list(TABLE_COLUMNS))

    def table(self) -> Iterator[tuple[Any, ...]]:
        """The candidates as rows of :data:`~conflictkit.matching.results.TABLE_COLUMNS`.

        What :meth:`to_pandas` and ``--review`` write.
        """
        for candidate in self._candidates:
            match = self._build(candidate)
            verdict = candidate[2]
            yield (
                match.left,
                match.right,
                match.datasets[0],
                match.datasets[1],
                match.kind.value,
                round(match.score, 4),
                verdict[2],
                round(verdict[3], 3),
                verdict[5],
                verdict[6],
                verdict[7],
                "; ".join(match.reasons),
            )

    def _build(self, candidate: tuple[int, int, Verdict]) -> Match:
        first, second, verdict = candidate
        a, b = self._rows[first], self._rows[second]
        kind = RelationKind.SAME_EVENT
        if verdict[1]:
            kind = RelationKind.PART_OF
            if a[R_EPISODE]:
                a, b = b, a
        return Match(
            left=a[R_ID],
            right=b[R_ID],
            score=verdict[0],
            reasons=self._reasons(a, b, verdict),
            kind=kind,
            datasets=(a[R_DATASET], b[R_DATASET]),
        )

    def _reasons(self, a: Row, b: Row, verdict: Verdict) -> tuple[str, ...]:
        _, episode, gap, distance, allowed, _, actor_part, figure_part = verdict
        judge = self._judge
        dates = f"{_span(a)} and {_span(b)}"
        found = [f"dates overlap: {dates}" if gap == 0 else f"dates {gap} days apart: {dates}"]
        for row in (a, b):
            if row[R_DATED] is not None:
                found.append(f"{row[R_ID]} gives no date: taken as {row[R_DATED]}")
        if episode:
            found.append(f"{a[R_ID]} lies within the episode {b[R_ID]} ({_span(b)})")
        found.append(
            f"places {distance:.1f} km apart, within {allowed:g} km (window {judge.km:g} km, "
            f"precision {a[R_RADIUS]:g} and {b[R_RADIUS]:g} km)"
        )
        found.append(judge.kind(a[R_KIND], b[R_KIND])[1])
        if actor_part is None:
            found.append("actors: not compared, a side names none")
        else:
            names = _best_pair(judge, a[R_ACTORS], b[R_ACTORS])
            found.append(f"actors agree {actor_part:.2f}: {names}")
        if figure_part is None:
            found.append("figures: not compared, a side gives none")
        else:
            word = "agree" if figure_part == 1.0 else f"conflict ({figure_part:.2f})"
            found.append(f"figures {word}: {figure_text(a[R_FIGURE])} / {figure_text(b[R_FIGURE])}")
        return tuple(found)

    def summary(self, threshold: float = DEFAULT_THRESHOLD, *, one_to_one: bool = False) -> dict[str, Any]:
        """Counts for a report: pairs judged, candidates, matches and episodes, records per dataset."""
        chosen = self._selected(threshold, one_to_one)
        episodes = sum(1 for candidate in chosen if candidate[2][1])
        return {
            "pairs_judged": self.judged,
            "candidates": len(self),
            "matches": len(chosen) - episodes,
            "episodes": episodes,
            "event_records": list(self.event_counts),
            "unmatched": self.unmatched_counts(),
        }


TABLE_COLUMNS = (
    "left",
    "right",
    "left_dataset",
    "right_dataset",
    "kind",
    "score",
    "days_apart",
    "km_apart",
    "kind_agreement",
    "actor_agreement",
    "figure_agreement",
    "reasons",
)
"""The columns of :meth:`~conflictkit.matching.Matches.table` and
:meth:`~conflictkit.matching.Matches.to_pandas`."""


def _span(row: Row) -> str:
    first, last = day_of(row[R_LO]), day_of(row[R_HI])
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _best_pair(judge: Judge, first: tuple[int, ...], second: tuple[int, ...]) -> str:
    best = max((judge.actor(one, other), one, other) for one in first for other in second)
    return f"{judge.actors[best[1]][0]!r} ~ {judge.actors[best[2]][0]!r}"


def _relation_id(left: str, right: str) -> str:
    readable = f"match:{left}--{right}"
    if len(readable) <= 200 and "--" not in left and "--" not in right:
        return readable
    digest = hashlib.sha256(f"{left}\0{right}".encode()).hexdigest()[:24]
    return f"match:{digest}"
