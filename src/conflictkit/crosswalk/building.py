"""Helpers the importers share: record ids made from a format's names and numbers.

A format names actors and places by text ("Taliban", "Military Forces of Afghanistan (2004-2021)");
conflictkit refers to records by id. :class:`Ids` gives each distinct name one id, the same every
time it is met, so that a file's thousand mentions of one actor become one :class:`~conflictkit.Actor`.
It remembers one entry per distinct name, never per row, so streaming stays in bounded memory for
any realistic file (the names of a format's actors and places, not its events).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from conflictkit.core import registry
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of
from conflictkit.io.generated_loaders import buildable
from conflictkit.records.documents import Document
from conflictkit.records.record import Record
from conflictkit.values.dates import DateSpan

__all__ = ["Ids", "builder", "slug", "source_date"]

M = TypeVar("M")

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


_BUILDERS: dict[type, Callable[..., Any]] = {}  # per class; bounded by registry.remember


def builder(cls: type[M]) -> Callable[..., M]:
    """A function making instances of ``cls`` from keyword arguments as ``cls(...)`` does, with less work.

    The importers make several records per row, millions of times. ``cls(...)`` goes through a
    wrapper that words unknown keywords, attrs' ``__init__`` and the construction check; the
    function returned sets the fields directly (through each field's list-to-tuple converter, if
    it has one) and then runs the same construction check (the class's ``__attrs_post_init__``:
    every field's type and rules, then the cross-field rules). So an instance it returns is equal
    to the one ``cls(...)`` returns for the same arguments, and what ``cls(...)`` refuses it
    refuses with the same :class:`~conflictkit.ValidationError`. It takes keywords only, every
    required field among them (the importers pass each); for a class whose ``__init__`` does more
    than store the fields and check the instance (a validator, a factory default, its own
    ``__attrs_post_init__``: see ``conflictkit.io.generated_loaders.buildable``), it is the
    class itself.

    >>> from conflictkit import Quantity
    >>> from conflictkit.crosswalk.building import builder
    >>> builder(Quantity)(best=3, unit="people") == Quantity(best=3, unit="people")
    True
    """
    made = _BUILDERS.get(cls)
    if made is None:
        with registry.LOCK:  # one generated function per class, even when many threads ask at once
            made = _BUILDERS.get(cls)
            if made is None:
                made = registry.remember(_BUILDERS, cls, _generate_builder(cls))
    return made


def _generate_builder(cls: type) -> Callable[..., Any]:
    if not buildable(cls):
        return cls
    # buildable() made sure the class's __attrs_post_init__ is Model's: the construction check.
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_check": Model.__attrs_post_init__}
    parameters: list[str] = []
    body: list[str] = []
    for position, field in enumerate(fields_of(cls)):
        name = field.alias or field.name
        if field.default is attrs.NOTHING:
            parameters.append(name)
        else:
            namespace[f"_d{position}"] = field.default
            parameters.append(f"{name}=_d{position}")
        value = name
        if field.converter is not None:  # a list-to-tuple converter (buildable allows no other)
            namespace[f"_c{position}"] = field.converter
            value = f"_c{position}({name})"
        descriptor = getattr(cls, field.name)
        assert isinstance(descriptor, types.MemberDescriptorType)  # buildable made sure of it
        namespace[f"_s{position}"] = descriptor.__set__
        body.append(f"    _s{position}(instance, {value})")
    lines = [
        f"def build(*, {', '.join(parameters)}):",
        "    instance = _new(_cls)",
        *body,
        "    _check(instance)",
        "    return instance",
    ]
    code = compile("\n".join(lines), f"<conflictkit builder {cls.__qualname__}>", "exec")
    exec(code, namespace)
    build: Callable[..., Any] = namespace["build"]
    return build
