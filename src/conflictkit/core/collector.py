"""Pausing Python's cyclic garbage collector while conflictkit loads or writes, safely across threads.

The collector's switch is one per process. Reading it and flipping it in two steps from several
threads can interleave so that the last thread out sees "off" (set by another) as the state to
restore, and leaves collection off for the whole process. So every pause goes through one counter
under a lock: the first block in switches the collector off if it was on, the last block out
switches it back on, and a collector that was off to begin with stays off.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["collector_paused", "nothing_to_pause"]

_lock = threading.Lock()
_active = 0  # blocks currently inside collector_paused, in every thread
_restore = False  # whether the first of them found the collector on


class collector_paused:  # lower case: it reads as an action, ``with collector_paused():``
    """Pause Python's cyclic garbage collector for the duration of a ``with`` block.

    Loading or dumping builds many container objects and no reference cycles, yet every 700 new
    containers trigger a collection that walks the young objects, and now and then all of them:
    on large datasets that made up a large share of the load time. Reference counting still frees
    everything as usual. The collector is switched back on (if it was on) when the last block, in
    any thread, ends, also on error.
    """

    __slots__ = ("_counted",)

    def __enter__(self) -> None:
        global _active, _restore
        self._counted = not nothing_to_pause()
        if not self._counted:
            return
        with _lock:
            if _active == 0:
                _restore = gc.isenabled()
                gc.disable()
            _active += 1

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        global _active
        if not self._counted:
            return
        with _lock:
            _active -= 1
            if _active == 0 and _restore:
                gc.enable()


def nothing_to_pause() -> bool:
    """Whether the program has switched the collector off itself, so that a pause would do nothing.

    True when the collector is off and no pause of conflictkit's is under way. It takes no lock:
    read without it, the two values may be stale, and the worst that can follow is that a block
    skipping its pause runs with the collector on (another thread's pause ended meanwhile), never
    that the collector is left off.
    """
    return not gc.isenabled() and _active == 0
