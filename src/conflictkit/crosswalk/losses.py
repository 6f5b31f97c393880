"""What an export leaves out, and why: a format that cannot hold a fact says so, per record.

Every exporter takes an ``on_loss`` callback that receives one :class:`Loss` per fact left out or
changed (a statement has no ACLED row; "hundreds" becomes ACLED's conservative 100). Without a
callback the losses are not dropped either: they are issued as one :class:`LossWarning` that counts
them and shows the first few.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import attrs

__all__ = ["Loss", "LossHandler", "LossWarning", "Losses"]


@attrs.frozen(kw_only=True)
class Loss:
    """A fact of one record that a format cannot hold as it is: left out, or written less exactly.

    >>> print(Loss(record="st:1", format="acled", reason="a statement has no ACLED row"))
    st:1: not in acled: a statement has no ACLED row
    """

    record: str
    """Id of the record the fact belongs to."""

    format: str
    """The format written: ``"acled"``, ``"ucdp"`` or ``"plover"``."""

    reason: str
    """What was left out or changed, and why."""

    field: str | None = None
    """The record's field concerned, or ``None`` when the whole record is left out."""

    def __str__(self) -> str:
        where = self.record if self.field is None else f"{self.record}.{self.field}"
        return f"{where}: not in {self.format}: {self.reason}"


LossHandler = Callable[[Loss], object]
"""A callback receiving each :class:`Loss`, e.g. ``losses.append``."""


class LossWarning(UserWarning):
    """Issued when an export left facts out and no ``on_loss`` callback was given to receive them."""


class Losses:
    """Hands losses to a callback, or gathers them into one warning when there is none.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     with Losses(None) as losses:
    ...         losses.report(Loss(record="st:1", format="acled", reason="a statement has no ACLED row"))
    >>> print(caught[0].message)
    1 fact left out of acled (pass on_loss to receive each):
      st:1: not in acled: a statement has no ACLED row
    """

    __slots__ = ("_handler", "_kept")
    _SHOWN = 5

    def __init__(self, handler: LossHandler | None) -> None:
        self._handler = handler
        self._kept: list[Loss] = []

    def report(self, loss: Loss) -> None:
        """Pass on one loss."""
        if self._handler is not None:
            self._handler(loss)
        else:
            self._kept.append(loss)

    def __enter__(self) -> Losses:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._kept:
            return
        count = len(self._kept)
        shown = [f"  {loss}" for loss in self._kept[: self._SHOWN]]
        if count > self._SHOWN:
            shown.append(f"  ... and {count - self._SHOWN} more")
        facts = f"{count} fact{'s' * (count != 1)}"
        header = f"{facts} left out of {self._kept[0].format} (pass on_loss to receive each):"
        warnings.warn("\n".join([header, *shown]), LossWarning, stacklevel=3)
