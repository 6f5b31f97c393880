"""The registry of type tags, shared by every thread of the process.

Classes register themselves when they are defined, possibly from several threads at once, while
other threads load data or generate schemas. So the registry is never changed in place: each
registration publishes a new mapping under a lock, and readers always see one complete mapping that
no one changes while they iterate it. What is derived from it (which classes derive from which, the
tags a missing-tag message suggests) is computed once per registry state, so a lookup costs the
same with ten registered classes as with ten thousand.

:data:`LOCK` also guards every lazily built, process-wide cache of the library (the converters and
their generated functions, the validation plans), so that each is built exactly once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = [
    "LOCK",
    "MAX_CACHED_CLASSES",
    "add",
    "derived",
    "lookup",
    "remember",
    "snapshot",
    "subclasses",
    "version",
]

V = TypeVar("V")

LOCK = threading.RLock()
"""Held while the registry changes and while a process-wide cache builds an entry.

It is re-entrant because building one entry (a converter hook) can build others (its fields').
"""

_tags: Mapping[str, type] = MappingProxyType({})
_version = 0  # how many registrations ``_tags`` has seen: a cache key cheaper than the mapping
# Caches computed from the current ``_tags``; dropped whenever the registry changes, so they hold at
# most one entry per registered class and key.
_derived: dict[Hashable, Any] = {}


def snapshot() -> Mapping[str, type]:
    """The current tags and classes: a read-only mapping that never changes once returned."""
    return _tags


def version() -> int:
    """A number that changes whenever a class registers: what caches built from the registry compare.

    Reading it takes no lock. A cache built under :data:`LOCK` with the number read there holds
    exactly the classes registered at that number.
    """
    return _version


def lookup(tag: str) -> type | None:
    """The class registered under ``tag``, or ``None``."""
    return _tags.get(tag)


def add(tag: str, cls: type, check: Callable[[type | None], None]) -> None:
    """Register ``cls`` under ``tag`` once ``check`` accepts the class that has the tag now.

    ``check`` runs under the lock, so two threads claiming one tag cannot both see it free.
    """
    global _tags, _version
    with LOCK:
        check(_tags.get(tag))
        _tags = MappingProxyType({**_tags, tag: cls})
        _version += 1
        _derived.clear()


MAX_CACHED_CLASSES = 4096
"""The most classes a per-class cache holds before it starts again (see :func:`remember`)."""

K = TypeVar("K")


def remember(cache: dict[K, V], key: K, value: V) -> V:
    """Store ``value`` under ``key`` in a per-class cache, under the lock, and return it.

    A cache that reaches :data:`MAX_CACHED_CLASSES` entries is emptied first: a program that keeps
    defining classes (a notebook re-running cells) must not grow it without bound. Entries are
    rebuilt on demand.
    """
    with LOCK:
        if len(cache) >= MAX_CACHED_CLASSES:
            cache.clear()
        cache[key] = value
    return value


def derived(key: Hashable, compute: Callable[[], V]) -> V:
    """``compute()``, remembered until the registry next changes."""
    found = _derived.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    with LOCK:
        found = _derived.get(key, _MISSING)
        if found is _MISSING:
            found = _derived[key] = compute()
        return found  # type: ignore[no-any-return]


_MISSING: Any = object()


def subclasses(cls: type) -> tuple[type, ...]:
    """The registered classes that are ``cls`` or derive from it, in the order of their tags."""
    index: dict[type, tuple[type, ...]] = derived("subclass index", _subclass_index)
    return index.get(cls, ())


def _subclass_index() -> dict[type, tuple[type, ...]]:
    # One pass over the registry and each class's bases: linear in the number of classes.
    index: dict[type, list[type]] = {}
    for _, cls in sorted(_tags.items()):
        for base in cls.__mro__:
            index.setdefault(base, []).append(cls)
    return {base: tuple(found) for base, found in index.items()}
