"""Records as Apache Arrow tables and back, losslessly, one table per type tag.

Value types are Arrow structs, tuples are lists, enums dictionary-encoded strings, dates ``date32``;
a field is nullable exactly when its annotation is optional. A field typed ``int | float`` (a
:class:`~conflictkit.Quantity`'s numbers) is a ``float64`` column, which holds every number such a
field accepts exactly; an integral number comes back as an ``int``, as from JSON, where ``3`` and
``3.0`` are the same number. Each table also has a ``_position`` column with each record's position
in its dataset, so that the dataset's order survives the split into tables, and carries the type
tag, the schema version and the dataset's title in its schema metadata. A table holds the records
of its type and of every subclass of it, with each row's own type tag in the ``_type`` column: a
user's ``VehicleBombing(Incident)`` is a row of the ``incident`` table (its base fields) as well as
of its own table (all its fields), so that counting incidents counts it; loading reads it from its
own table only.

Loading checks the tables before anything is built (unknown type tags, missing or unexpected
columns, wrong types, nulls in required fields, unknown enum values), then builds every record, and
reports every problem at once in one :class:`~conflictkit.ValidationError` whose paths name the
table, the row (counting from 0) and the column: ``$.movement[3].size.low``.
"""

from __future__ import annotations

import enum
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from conflictkit.core.errors import PathSegment, Problem, ValidationError
from conflictkit.core.model import class_for_tag
from conflictkit.core.validation import MAX_SAFE_INTEGER, raw_rule_problems
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.records.record import Record
from conflictkit.tables._columns import (
    POSITION,
    TYPE_COLUMN,
    EnumShape,
    ListShape,
    Scalar,
    Shape,
    StructShape,
    UnionShape,
    struct_of,
    table_classes,
    table_name,
)
from conflictkit.tables._extra import require

if TYPE_CHECKING:
    import pyarrow

__all__ = ["arrow_schema", "from_arrow", "to_arrow"]

METADATA_KEY = b"conflictkit"
"""The schema metadata key under which a table carries its type tag, schema version and title."""

_FEATURE = "conflictkit's Arrow tables"


def _pa() -> Any:
    return require("pyarrow", _FEATURE)


# --- the schema ------------------------------------------------------------------------------------


def _arrow_type(shape: Shape) -> Any:
    pa = _pa()
    if isinstance(shape, Scalar):
        return {
            "str": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "number": pa.float64(),
            "bool": pa.bool_(),
            "date": pa.date32(),
        }[shape.kind]
    if isinstance(shape, EnumShape):
        values = pa.string() if shape.value_kind == "str" else pa.int64()
        return pa.dictionary(pa.int32(), values)
    if isinstance(shape, ListShape):
        return pa.list_(pa.field("item", _arrow_type(shape.item), nullable=False))
    if isinstance(shape, UnionShape):
        return pa.struct([pa.field(name, _arrow_type(option)) for name, option, _ in shape.options])
    return pa.struct(_arrow_fields(shape))


def _arrow_fields(struct: StructShape) -> list[Any]:
    pa = _pa()
    return [pa.field(column.name, _arrow_type(column.shape), column.nullable) for column in struct.columns]


def _metadata(tag: str, title: str | None) -> dict[bytes, bytes]:
    document = {"type": tag, "schema_version": SCHEMA_VERSION, "title": title}
    return {METADATA_KEY: json.dumps(document, ensure_ascii=False).encode("utf-8")}


def arrow_schema(cls: type[Record]) -> pyarrow.Schema:
    """The Arrow schema of the table that holds records of ``cls`` (requires ``conflictkit[arrow]``).

    It is generated from the class's fields, so a user's subclass gets its own columns:

    >>> from conflictkit import MilitaryMovement
    >>> schema = arrow_schema(MilitaryMovement)
    >>> schema.names[:4]
    ['_position', 'id', 'evidence', 'inferred']
    >>> print(schema.field("size").type)  # doctest: +NORMALIZE_WHITESPACE
    struct<best: double, low: double, high: double,
           qualifier: dictionary<values=string, indices=int32, ordered=0> not null,
           unit: string not null, text: string>
    """
    return _schema(cls, None)


def _schema(cls: type[Record], title: str | None) -> pyarrow.Schema:
    pa = _pa()
    position = pa.field(POSITION, pa.int64(), nullable=False)
    tag = pa.field(TYPE_COLUMN, pa.dictionary(pa.int32(), pa.string()), nullable=False)
    fields = [position, *_arrow_fields(struct_of(cls)), tag]
    return pa.schema(fields, metadata=_metadata(table_name(cls), title))


# --- records to tables -----------------------------------------------------------------------------


def to_arrow(records: Dataset | Iterable[Record]) -> dict[str, pyarrow.Table]:
    """One Arrow table per type tag of ``records``, with the columns of :func:`arrow_schema`.

    Requires ``conflictkit[arrow]``. The tables hold everything the records hold; what they cannot
    hold (a record of an unknown type kept as an :class:`~conflictkit.OpaqueRecord`, a value of a
    subclass inside a column typed as its base class) is reported as a
    :class:`~conflictkit.ValidationError`, never dropped.

    >>> from conflictkit import load_seed
    >>> tables = to_arrow(load_seed())
    >>> tables["movement"].num_rows, tables["movement"].column("kind")[0].as_py()
    (13, 'mobilization')
    """
    title = records.title if isinstance(records, Dataset) else None
    groups: dict[type[Record], tuple[list[int], list[Record]]] = {}
    problems: list[Problem] = []
    for position, record in enumerate(records):
        cls = type(record)
        if cls not in groups:
            try:
                table_name(cls)
            except TypeError:
                problems.append(_untabled(record, position))
                continue
        for table_class in table_classes(cls):
            positions, members = groups.setdefault(table_class, ([], []))
            positions.append(position)
            members.append(record)
    if title is not None and not groups and not problems:
        problems.append(Problem(path=("title",), message="a dataset without records has no table to hold it"))
    tables = {}
    for cls, (positions, members) in groups.items():
        try:
            tables[table_name(cls)] = records_table(cls, members, positions, title)
        except ValidationError as error:
            problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return tables


def _untabled(record: Record, position: int) -> Problem:
    what = f"a record of the unknown type {getattr(record, 'type_tag', type(record).__name__)!r}"
    return Problem(path=("records", position), message=f"is {what}, which no table can hold")


def records_table(
    cls: type[Record], records: Sequence[Record], positions: Sequence[int], title: str | None = None
) -> pyarrow.Table:
    """The Arrow table of ``records``, of the class ``cls`` or subclasses of it, at ``positions``."""
    pa = _pa()
    schema = _schema(cls, title)
    struct = struct_of(cls)
    problems: list[Problem] = []
    arrays = [pa.array(positions, pa.int64())]
    for column in struct.columns:
        values = list(map(operator.attrgetter(column.name), records))
        arrow_type = schema.field(column.name).type
        arrays.append(_to_array(column.shape, values, arrow_type, column.nullable, problems, (column.name,)))
    tags = [table_name(type(record)) for record in records]
    arrays.append(pa.array(tags, pa.string()).dictionary_encode())
    if problems:
        tag = table_name(cls)
        raise ValidationError(problem.under(tag) for problem in problems)
    return pa.Table.from_arrays(arrays, schema=schema)


class _Filler:
    """Stands for the fields of a struct that is null.

    Parquet refuses a null in a required field even under a null struct, so required fields there
    get a placeholder value (nullable ones get null), as ``pyarrow.Table.from_pylist`` does.
    """


_FILLER = _Filler()
_FILL_VALUES: dict[str, Any] = {"str": "", "int": 0, "float": 0.0, "number": 0.0, "bool": False}


def _filled(shape: Shape, values: list[Any], nullable: bool) -> list[Any]:
    if nullable:
        return [None if value is _FILLER else value for value in values]
    if isinstance(shape, Scalar):
        fill = _FILL_VALUES.get(shape.kind, date(1970, 1, 1))
    elif isinstance(shape, EnumShape):
        fill = next(iter(shape.cls))
    elif isinstance(shape, ListShape):
        fill = ()
    else:
        return values  # a struct's own fields are filled in turn
    return [fill if value is _FILLER else value for value in values]


def _enum_positions(cls: type[enum.Enum]) -> dict[int, int]:
    # Keyed by id(): hashing an Enum member runs Python code, an id() lookup does not.
    return {id(member): position for position, member in enumerate(cls)}


def _to_array(
    shape: Shape,
    values: list[Any],
    arrow_type: Any,
    nullable: bool,
    problems: list[Problem],
    path: tuple[str, ...],
    fillers: bool = False,
) -> Any:
    """The Arrow array of ``values``, built column by column (no dict per row)."""
    pa = _pa()
    if fillers:  # some enclosing struct is null here
        values = _filled(shape, values, nullable)
    if isinstance(shape, Scalar):
        return pa.array(values, arrow_type)
    # Validated records hold no None in a required field, so only optional fields and the fields
    # of a struct that may be null need the per-value null checks: the rest take the quick paths.
    may_be_null = nullable or fillers
    if isinstance(shape, EnumShape):
        return _enum_array(shape, values, arrow_type, may_be_null)
    mask = _null_mask(values) if may_be_null else None
    if isinstance(shape, ListShape):
        return _list_array(shape, values, arrow_type, mask, problems, path)
    if isinstance(shape, UnionShape):
        children = [
            _to_array(
                option,
                [value if _is_option(value, tp) else _FILLER for value in values],
                arrow_type.field(name).type,
                True,
                problems,
                (*path, name),
                fillers=True,
            )
            for name, option, tp in shape.options
        ]
        return pa.StructArray.from_arrays(children, fields=list(arrow_type), mask=mask)
    return _struct_array(shape, values, arrow_type, mask, fillers, problems, path)


def _null_mask(values: list[Any]) -> Any:
    """The Arrow mask of the None values, or None when there is none (the common case)."""
    if not any(map(operator.is_, values, itertools.repeat(None))):
        return None
    pa = _pa()
    return pa.array([value is None for value in values], pa.bool_())


def _enum_array(shape: EnumShape, values: list[Any], arrow_type: Any, may_be_null: bool) -> Any:
    pa = _pa()
    positions = _enum_positions(shape.cls)
    if may_be_null:
        indices = [None if value is None else positions[id(value)] for value in values]
    else:
        indices = list(map(positions.__getitem__, map(id, values)))
    dictionary = pa.array([member.value for member in shape.cls], arrow_type.value_type)
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), dictionary)


def _list_array(
    shape: ListShape,
    values: list[Any],
    arrow_type: Any,
    mask: Any,
    problems: list[Problem],
    path: tuple[str, ...],
) -> Any:
    pa = _pa()
    present = values if mask is None else [() if value is None else value for value in values]
    offsets = pa.array([0, *itertools.accumulate(map(len, present))], pa.int32())
    items = list(itertools.chain.from_iterable(present))
    inner = _to_array(shape.item, items, arrow_type.value_type, False, problems, path)
    return pa.ListArray.from_arrays(offsets, inner, type=arrow_type, mask=mask)


def _struct_array(
    shape: StructShape,
    values: list[Any],
    arrow_type: Any,
    mask: Any,
    fillers: bool,
    problems: list[Problem],
    path: tuple[str, ...],
) -> Any:
    _check_exact_class(shape.cls, values, problems, path)
    fill_children = fillers or mask is not None
    children = []
    for column in shape.columns:
        if fill_children:
            name = column.name
            column_values = [
                _FILLER if value is None or value is _FILLER else getattr(value, name) for value in values
            ]
        else:
            column_values = list(map(operator.attrgetter(column.name), values))
        children.append(
            _to_array(
                column.shape,
                column_values,
                arrow_type.field(column.name).type,
                column.nullable,
                problems,
                (*path, column.name),
                fillers=fill_children,
            )
        )
    return _pa().StructArray.from_arrays(children, fields=list(arrow_type), mask=mask)


def _check_exact_class(cls: type, values: list[Any], problems: list[Problem], path: tuple[str, ...]) -> None:
    """Report values of a subclass of ``cls``: its extra fields have no column to go to."""
    if not set(map(type, values)) - {cls, type(None), _Filler}:
        return
    for row, value in enumerate(values):
        if value is not None and value is not _FILLER and type(value) is not cls:
            problems.append(
                Problem(
                    path=(row, *path),
                    message=f"is a {type(value).__name__}, a subclass that a {cls.__name__} column "
                    "cannot hold",
                )
            )


def _is_option(value: Any, tp: type) -> bool:
    if value is None:
        return False
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, float)
    return isinstance(value, tp)


# --- tables to records -----------------------------------------------------------------------------

Convert = Callable[[Any, list[Problem], tuple[PathSegment, ...]], Any]
"""Turns one Python value of a column into a field's value, noting problems at a path."""


def from_arrow(tables: dict[str, pyarrow.Table]) -> Dataset:
    """The dataset held by tables keyed by type tag, as :func:`to_arrow` makes them.

    Requires ``conflictkit[arrow]``. Records come back in their dataset order (the ``_position``
    column; without it, table by table in row order). Every problem, in every table, is reported
    at once in one :class:`~conflictkit.ValidationError` with paths ``$.<table>[<row>].<column>``.

    >>> from conflictkit import load_seed
    >>> from_arrow(to_arrow(load_seed())) == load_seed()
    True
    """
    _pa()
    problems: list[Problem] = []
    placed: list[tuple[tuple[int, int, int], Record]] = []
    title: str | None = None
    for order, (tag, table) in enumerate(tables.items()):
        cls = class_for_tag(tag) if isinstance(tag, str) else None
        if cls is None or not issubclass(cls, Record):
            problems.append(Problem(path=(tag,), message=f"is not a known record type tag: {tag!r}"))
            continue
        title = title or _title_of(table)
        for row, position, record in _table_records(cls, tag, table, problems, set(tables)):
            placed.append(((0, position, 0) if position is not None else (1, order, row), record))
    if problems:
        raise ValidationError(problems)
    placed.sort(key=lambda item: item[0])
    return Dataset(records=[record for _, record in placed], title=title)


def _title_of(table: Any) -> str | None:
    metadata = table.schema.metadata or {}
    try:
        title = json.loads(metadata[METADATA_KEY]).get("title")
    except (KeyError, ValueError, AttributeError):
        return None
    return title if isinstance(title, str) else None


def _table_records(
    cls: type[Record], tag: str, table: Any, problems: list[Problem], present: set[str]
) -> list[tuple[int, int | None, Record]]:
    struct = struct_of(cls)
    expected = {column.name: column for column in struct.columns}
    found = len(problems)
    names = table.schema.names
    problems.extend(
        Problem(path=(tag, name), message=f"appears {count} times; a table holds each column once")
        for name, count in _repeated(names)
    )
    if len(problems) > found:
        return []  # which of the columns is meant cannot be told
    for name in names:
        if name not in expected and name not in (POSITION, TYPE_COLUMN):
            problems.append(Problem(path=(tag, name), message="is not a column of this type"))
    for column in struct.columns:
        if column.name not in names:
            problems.append(Problem(path=(tag, column.name), message="is required but the column is missing"))
        else:
            problems.extend(
                problem.under(tag, column.name)
                for problem in _type_problems(column.shape, table.schema.field(column.name).type)
            )
    positions: list[Any] = [None] * table.num_rows
    if POSITION in names:
        position_type = table.schema.field(POSITION).type
        if not _pa().types.is_integer(position_type):
            problems.append(Problem(path=(tag, POSITION), message=f"must be integers, got {position_type}"))
        else:
            positions = table.column(POSITION).to_pylist()
            problems.extend(
                Problem(path=(tag, row, POSITION), message="is null, but is required")
                for row, value in enumerate(positions)
                if value is None
            )
    own = _own_rows(cls, tag, table, problems, present)
    if len(problems) > found:
        return []  # the columns are wrong: their values cannot be read as the fields
    converters = {column.name: _converter(column.shape, column.nullable) for column in struct.columns}
    columns = {name: _column_values(table, tag, name, problems) for name in expected}
    records = []
    for row in range(table.num_rows):
        if not own[row]:
            continue  # a subclass's record: read from its own table
        if any(columns[name][row] is _UNREADABLE for name in expected):
            continue  # reported when the column was read
        row_problems: list[Problem] = []
        values = {name: converters[name](columns[name][row], row_problems, (name,)) for name in expected}
        if row_problems:
            # The record cannot be built; still report what its other fields break.
            failed = {problem.path[0] for problem in row_problems if problem.path}
            row_problems.extend(raw_rule_problems(cls, values, failed))
        else:
            try:
                records.append((row, positions[row], cls(**values)))
            except ValidationError as error:
                row_problems.extend(error.problems)
        problems.extend(problem.under(tag, row) for problem in row_problems)
    return records


_UNREADABLE = object()  # a cell whose value Python cannot hold; its problem is reported


def _repeated(names: Sequence[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return [(name, count) for name, count in counts.items() if count > 1]


def _column_values(table: Any, tag: str, name: str, problems: list[Problem]) -> list[Any]:
    """The column's values as Python objects, each cell that has none reported with its row.

    A date past year 9999 or bytes that are not UTF-8 stand as ``_UNREADABLE``.
    """
    column = table.column(name)
    try:
        values: list[Any] = column.to_pylist()
    except (ValueError, OverflowError, _pa().ArrowException):
        pass
    else:
        return values
    values = []
    for row in range(len(column)):
        try:
            values.append(column[row].as_py())
        except UnicodeDecodeError:
            problems.append(Problem(path=(tag, row, name), message="holds bytes that are not UTF-8 text"))
            values.append(_UNREADABLE)
        except (ValueError, OverflowError, _pa().ArrowException) as exc:
            problems.append(
                Problem(path=(tag, row, name), message=f"holds a value Python cannot represent ({exc})")
            )
            values.append(_UNREADABLE)
    return values


def _own_rows(
    cls: type[Record], tag: str, table: Any, problems: list[Problem], present: set[str]
) -> list[bool]:
    """Which rows hold records of the table's own type; a subclass's rows must have their own table."""
    if TYPE_COLUMN not in table.schema.names:
        return [True] * table.num_rows  # tables written before subclasses shared their base's table
    own = []
    for row, row_tag in enumerate(table.column(TYPE_COLUMN).to_pylist()):
        own.append(row_tag == tag)
        if row_tag == tag:
            continue
        subclass = class_for_tag(row_tag) if isinstance(row_tag, str) else None
        if subclass is None or not issubclass(subclass, cls) or subclass is cls:
            message = f"must be {tag!r} or the type tag of a subclass of it, got {row_tag!r}"
        elif row_tag not in present:
            message = f"is a {row_tag!r} record, whose own table (which holds all its fields) is missing"
        else:
            continue
        problems.append(Problem(path=(tag, row, TYPE_COLUMN), message=message))
    return own


def _type_problems(shape: Shape, actual: Any) -> list[Problem]:
    """Problems with a column's Arrow type, for the values of ``shape``."""
    pa = _pa()
    types = pa.types
    if types.is_dictionary(actual) and not isinstance(shape, EnumShape):
        actual = actual.value_type
    ok: bool
    if isinstance(shape, Scalar):
        ok = {
            "str": types.is_string(actual) or types.is_large_string(actual),
            "int": types.is_integer(actual),
            "float": types.is_integer(actual) or types.is_floating(actual),
            "number": types.is_integer(actual) or types.is_floating(actual),
            "bool": types.is_boolean(actual),
            "date": types.is_date(actual),
        }[shape.kind]
    elif isinstance(shape, EnumShape):
        values = actual.value_type if types.is_dictionary(actual) else actual
        text = types.is_string(values) or types.is_large_string(values)
        ok = text if shape.value_kind == "str" else types.is_integer(values)
    elif isinstance(shape, ListShape):
        if not (types.is_list(actual) or types.is_large_list(actual)):
            ok = False
        else:
            return [problem.under(0) for problem in _type_problems(shape.item, actual.value_type)]
    else:
        if not types.is_struct(actual):
            ok = False
        else:
            return _struct_type_problems(shape, actual)
    if ok:
        return []
    return [Problem(message=f"expected a column of {_arrow_type(shape)}, got {actual}")]


def _struct_type_problems(shape: StructShape | UnionShape, actual: Any) -> list[Problem]:
    expected: dict[str, Shape]
    if isinstance(shape, UnionShape):
        expected = {name: option for name, option, _ in shape.options}
    else:
        expected = {column.name: column.shape for column in shape.columns}
    names = [actual.field(index).name for index in range(actual.num_fields)]
    repeated = _repeated(names)
    if repeated:  # which of the fields is meant cannot be told
        return [
            Problem(path=(name,), message=f"appears {count} times; a struct holds each field once")
            for name, count in repeated
        ]
    problems = [
        Problem(path=(name,), message="is not a field of this struct")
        for name in names
        if name not in expected
    ]
    for name, child in expected.items():
        if name not in names:
            problems.append(Problem(path=(name,), message="is required but missing from the struct"))
        else:
            problems.extend(problem.under(name) for problem in _type_problems(child, actual.field(name).type))
    return problems


_REQUIRED = "is null, but is required"


def _converter(shape: Shape, nullable: bool) -> Convert:
    convert = _value_converter(shape)

    def checked(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
        if value is None:
            if not nullable:
                problems.append(Problem(path=path, message=_REQUIRED))
            return None
        return convert(value, problems, path)

    return checked


def _keep(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
    return value


def _number(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
    # A float64 column cannot tell 3 from 3.0; as in JSON, an integral number is an int.
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_SAFE_INTEGER:
        return int(value)
    return value


def _value_converter(shape: Shape) -> Convert:
    if isinstance(shape, Scalar):
        return _number if shape.kind == "number" else _keep
    if isinstance(shape, EnumShape):
        return _enum_converter(shape)
    if isinstance(shape, ListShape):
        item = _converter(shape.item, False)

        def convert_list(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
            return tuple(item(element, problems, (*path, index)) for index, element in enumerate(value))

        return convert_list
    if isinstance(shape, UnionShape):
        return _union_converter(shape)
    return _struct_converter(shape)


def _enum_converter(shape: EnumShape) -> Convert:
    members = {member.value: member for member in shape.cls}
    allowed = ", ".join(repr(value) for value in members)

    def convert_enum(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
        member = members.get(value)
        if member is None:
            problems.append(Problem(path=path, message=f"expected one of {allowed}, got {value!r}"))
        return member

    return convert_enum


def _union_converter(shape: UnionShape) -> Convert:
    options = [(name, _value_converter(option)) for name, option, _ in shape.options]

    def convert_union(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
        chosen = [(name, convert) for name, convert in options if value.get(name) is not None]
        if len(chosen) != 1:
            names = ", ".join(name for name, _ in options)
            problems.append(
                Problem(path=path, message=f"exactly one of {names} must be set, got {len(chosen)}")
            )
            return None
        name, convert = chosen[0]
        return convert(value[name], problems, (*path, name))

    return convert_union


def _struct_converter(shape: StructShape) -> Convert:
    fields = [(column.name, _converter(column.shape, column.nullable)) for column in shape.columns]
    cls = shape.cls

    def convert_struct(value: Any, problems: list[Problem], path: tuple[PathSegment, ...]) -> Any:
        found = len(problems)
        values = {name: convert(value[name], problems, (*path, name)) for name, convert in fields}
        if len(problems) > found:
            return None
        try:
            return cls(**values)
        except ValidationError as error:
            problems.extend(problem.under(*path) for problem in error.problems)
            return None

    return convert_struct
