"""Helpers the importers share: record ids made from a format's names and numbers.

A format names actors and places by text ("Taliban", "Military Forces of Afghanistan (2004-2021)");
conflictkit refers to records by id. :class:`Ids` gives each distinct name one id, the same every
time it is met, so that a file's thousand mentions of one actor become one :class:`~conflictkit.Actor`.
It remembers one entry per distinct name, never per row, so streaming stays in bounded memory for
any realistic file (the names of a format's actors and places, not its events).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictkit.records.documents import Document
from conflictkit.records.record import Record
from conflictkit.values.dates import DateSpan

__all__ = ["Ids", "slug", "source_date"]

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def slug(text: str) -> str:
    """``text`` reduced to the characters a record id may hold.

    >>> from conflictkit.crosswalk.building import *
    >>> slug("Military Forces of Afghanistan (2004-2021)")
    'Military-Forces-of-Afghanistan-2004-2021'
    >>> slug("Ishkashim / Eshkashem")
    'Ishkashim-Eshkashem'
    """
    return _NOT_ID.sub("-", text).strip("-._")[:150] or "x"


class Ids:
    """One id per distinct key, under a prefix; different keys never share an id.

    >>> from conflictkit.crosswalk.building import *
    >>> ids = Ids("acled:actor:")
    >>> ids.of("Taliban"), ids.of("Taliban"), ids.of("Taliban!")
    (('acled:actor:Taliban', True), ('acled:actor:Taliban', False), ('acled:actor:Taliban-2', True))
    """

    __slots__ = ("_by_key", "_next", "_prefix", "_taken")

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._by_key: dict[object, tuple[str, str, int]] = {}  # key -> its id, the id's base and number
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # per base: the number its next id starts trying from

    def of(self, key: object, name: str | None = None) -> tuple[str, bool]:
        """The id for ``key`` (made from ``name``, or from ``key`` if it is text) and whether it is new.

        Keys that share a name (one place name at many coordinates) get ``-2``, ``-3``, ... in
        constant time each: the next number to try is remembered per name, never searched from 1.
        """
        known = self._by_key.get(key)
        if known is not None:
            return known[0], False
        base = self._prefix + slug(name if name is not None else str(key))
        number = self._next.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self._taken:
            number += 1
            candidate = f"{base}-{number}"
        self._next[base] = number + 1
        self._by_key[key] = (candidate, base, number)
        self._taken.add(candidate)
        return candidate, True

    def forget(self, key: object) -> None:
        """Give up the id of ``key`` (made for a row that then failed), so that it is made anew."""
        known = self._by_key.pop(key, None)
        if known is not None:
            candidate, base, number = known
            self._taken.discard(candidate)
            # The number is free again: the next key of this name may take it.
            self._next[base] = min(self._next.get(base, number), number)


def source_date(record: Record, lookup: Callable[[str], Record | None]) -> DateSpan | None:
    """When the first document quoted as ``record``'s evidence was published, if it says.

    Event formats need a date for every event. A record whose report gives none is written with
    its source's publication date (as event data coders do), and the export reports the change.
    """
    for evidence in record.evidence:
        document = lookup(evidence.document)
        if isinstance(document, Document) and document.published is not None:
            return document.published
    return None
