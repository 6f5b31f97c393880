"""The columns of a record type, read off its attrs fields and their annotations.

Nothing here is written per class, as for :func:`conflictkit.json_schema`: every table, flat view
and CSV file is derived from the tree of :class:`Shape` values this module builds from a class's
annotations, so a record type added later (by conflictkit or a user) gets its columns for free.
It imports neither pyarrow nor pandas.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from datetime import date
from typing import Any

import attrs

from conflictkit.core.model import Model, type_tag_of
from conflictkit.core.validation import fields_of
from conflictkit.records.record import Record
from conflictkit.values.references import is_reference

POSITION = "_position"
"""The column that keeps each record's position in its dataset, so that order survives the split
into one table per type."""

TYPE_COLUMN = "_type"
"""The column that holds each row's type tag: a table holds the records of its type and of every
subclass of it (a ``VehicleBombing`` is also a row of the ``incident`` table), so that counting a
table counts every record of its type."""

RESERVED = frozenset({POSITION, TYPE_COLUMN})
"""Column names no field may take."""


@attrs.frozen
class Scalar:
    """A plain value: ``str``, ``int``, ``float``, ``bool``, ``date``, or ``number`` (int or float)."""

    kind: str


@attrs.frozen
class EnumShape:
    """An enumeration, stored by its members' values."""

    cls: type[enum.Enum]
    value_kind: str  # "str" or "int"


@attrs.frozen
class ListShape:
    """A ``tuple[X, ...]``."""

    item: Shape


@attrs.frozen
class Column:
    """One field of a struct: its name, shape, whether it may be null, and whether it is a reference."""

    name: str
    shape: Shape
    nullable: bool
    reference: bool = False
    many: bool = False


@attrs.frozen
class StructShape:
    """An attrs class: one column per field that ``__init__`` takes."""

    cls: type
    columns: tuple[Column, ...]


@attrs.frozen
class UnionShape:
    """A union of several types (other than ``int | float``): one child per option, one set."""

    options: tuple[tuple[str, Shape, type], ...]


Shape = Scalar | EnumShape | ListShape | StructShape | UnionShape

_SCALARS: dict[Any, str] = {str: "str", int: "int", float: "float", bool: "bool", date: "date"}


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _option_name(tp: Any) -> str:
    name = _SCALARS.get(tp) or getattr(tp, "__name__", None)
    return name if isinstance(name, str) else str(tp)


def shape_of(tp: Any) -> Shape:
    """The shape of values of the annotation ``tp`` (``None`` already taken out of unions)."""
    if tp in _SCALARS:
        return Scalar(_SCALARS[tp])
    args = typing.get_args(tp)
    if _is_union(tp):
        if set(args) == {int, float}:
            return Scalar("number")  # a float column holds every int a conflictkit field accepts
        return UnionShape(tuple((_option_name(arg), shape_of(arg), arg) for arg in args))
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ListShape(shape_of(args[0]))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_shape(tp)
    if isinstance(tp, type) and issubclass(tp, Model):
        return struct_of(tp)
    raise TypeError(f"conflictkit cannot express the annotation {tp!r} as a table column")


def _enum_shape(cls: type[enum.Enum]) -> EnumShape:
    values = [member.value for member in cls]
    if all(isinstance(value, str) for value in values):
        return EnumShape(cls, "str")
    if all(isinstance(value, int) and not isinstance(value, bool) for value in values):
        return EnumShape(cls, "int")
    raise TypeError(f"{cls.__qualname__}: a table column holds enums whose values are all str or all int")


_STRUCTS: dict[type, StructShape] = {}
_STRUCTS_LOCK = threading.Lock()
_MAX_STRUCTS = 1024  # a notebook that redefines classes must not grow the cache without bound


def struct_of(cls: type) -> StructShape:
    """The columns of an attrs class, in field order (cached)."""
    found = _STRUCTS.get(cls)
    if found is None:
        found = _build_struct(cls)
        with _STRUCTS_LOCK:
            if len(_STRUCTS) >= _MAX_STRUCTS:
                _STRUCTS.clear()
            _STRUCTS[cls] = found
    return found


def _build_struct(cls: type) -> StructShape:
    hints = typing.get_type_hints(cls)
    columns = []
    for field in fields_of(cls):
        if not field.init:
            continue  # derived state is never serialised
        if field.name in RESERVED:
            raise TypeError(f"{cls.__qualname__}: a field may not be called {field.name!r} in a table")
        tp = hints[field.name]
        args = typing.get_args(tp)
        nullable = _is_union(tp) and type(None) in args
        if nullable:
            others = tuple(arg for arg in args if arg is not type(None))
            tp = others[0] if len(others) == 1 else typing.Union[others]  # noqa: UP007
        reference = is_reference(field.metadata)
        many = reference and typing.get_origin(tp) is tuple
        columns.append(Column(field.name, shape_of(tp), nullable, reference, many))
    return StructShape(cls, tuple(columns))


def table_classes(cls: type[Record]) -> tuple[type[Record], ...]:
    """The classes whose tables hold records of ``cls``: ``cls``, then each tagged record class above it."""
    return tuple(
        klass
        for klass in cls.__mro__
        if isinstance(klass, type)
        and issubclass(klass, Record)
        and (klass is cls or type_tag_of(klass) is not None)
    )


def table_name(cls: type) -> str:
    """The name of the table holding records of ``cls``: its type tag."""
    tag = type_tag_of(cls) if isinstance(cls, type) and issubclass(cls, Model) else None
    if tag is None or not issubclass(cls, Record):
        raise TypeError(f"tables hold records of a tagged record type, not {cls!r}")
    return tag
