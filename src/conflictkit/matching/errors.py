"""The error matching raises for arguments it cannot work with."""

from __future__ import annotations

import math

from conflictkit.core.errors import ConflictkitError

__all__ = ["MatchingError", "check_threshold"]


class MatchingError(ConflictkitError, ValueError):
    """Arguments matching cannot work with: a window out of range, colliding ids, no score.

    Raised by :func:`~conflictkit.matching.match` and the methods of its result.
    """


def check_threshold(threshold: object, name: str = "threshold") -> float:
    """``threshold`` as a score from 0 to 1, or a :class:`MatchingError` naming the argument."""
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not math.isfinite(threshold)
        or not 0 <= threshold <= 1
    ):
        raise MatchingError(f"{name}: must be a score from 0 to 1, got {threshold!r}")
    return float(threshold)
