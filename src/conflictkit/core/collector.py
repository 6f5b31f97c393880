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

__all__ = ["collector_paused"]

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
        # A collector already off, with no pause of ours under way, was switched off by the
        # program: there is nothing to pause, and nothing to take the lock for. Read without the
        # lock, the two values may be stale; the worst that can follow is that this block runs
        # with the collector on (another thread's pause ended meanwhile), never that it is left off.
        self._counted = gc.isenabled() or _active != 0
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
