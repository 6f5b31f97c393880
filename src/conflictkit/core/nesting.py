"""How deeply values may nest: what is loaded must be writable.

Reading and writing a value nested in itself (a user's tree-shaped value type) each take Python
stack frames per level, and not the same number: a value that loads could fail to write with a
``RecursionError``, and would with a loader that takes fewer frames. So values of types that can
contain themselves are refused on loading beyond :data:`MAX_NESTING` levels, well within what
writing can do. conflictkit's own types cannot contain themselves and are never walked.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from conflictkit.core import registry
from conflictkit.core.errors import PathSegment, Problem
from conflictkit.core.validation import fields_of

__all__ = ["MAX_NESTING", "may_nest", "nesting_problems"]

MAX_NESTING = 100
"""The most levels of values inside values (of types that can contain themselves) a document may have."""


def may_nest(cls: type) -> bool:
    """Whether a value of ``cls`` can hold, however deeply, a value of a type that holds itself."""
    return registry.derived(("may nest", cls), lambda: _reaches_a_cycle(cls))


def _held_types(cls: type) -> Iterator[type]:
    """The classes a value loaded as ``cls`` may be (its subclasses) or hold directly (its fields')."""
    yield from (sub for sub in registry.subclasses(cls) if sub is not cls)
    if not hasattr(cls, "__attrs_attrs__"):
        return
    try:
        hints = typing.get_type_hints(cls)
    except NameError:
        return  # described when its annotations resolve; nothing to walk before that
    for field in fields_of(cls):
        yield from _classes_in(hints.get(field.name))


def _classes_in(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type):
        if hasattr(annotation, "__attrs_attrs__"):
            yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _classes_in(argument)


def _reaches_a_cycle(root: type) -> bool:
    # Depth-first search, without recursion, for an edge back to a class still being explored.
    exploring, done = {root}, set()
    stack: list[tuple[type, Iterator[type]]] = [(root, _held_types(root))]
    while stack:
        cls, held = stack[-1]
        following = next(held, None)
        if following is None:
            stack.pop()
            exploring.discard(cls)
            done.add(cls)
        elif following in exploring:
            return True
        elif following not in done:
            exploring.add(following)
            stack.append((following, _held_types(following)))
    return False


def nesting_problems(value: Any) -> list[Problem]:
    """A problem at the first place where ``value`` nests deeper than :data:`MAX_NESTING`, if any."""
    pending: list[tuple[Any, int, tuple[PathSegment, ...]]] = [(value, 0, ())]
    while pending:
        item, depth, path = pending.pop()
        if hasattr(item.__class__, "__attrs_attrs__"):
            if depth > MAX_NESTING:
                message = f"is nested more than {MAX_NESTING} levels deep, too deep to write back"
                return [Problem(path=path, message=message)]
            for field in fields_of(item.__class__):
                pending.append((getattr(item, field.name), depth + 1, (*path, field.name)))
        elif item.__class__ is tuple:
            pending.extend((element, depth, (*path, index)) for index, element in enumerate(item))
    return []
