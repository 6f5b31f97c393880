"""The JSON text of records, written straight from their fields: what JSON Lines output is made of.

``json.dumps(to_dict(record), ensure_ascii=False)`` builds a dict per record and per nested value,
then walks them again to write the text. For each class, this module generates one function that
writes the text in a single pass over the fields, without the dicts. The text is the same, byte
for byte: the type tag first, then the fields in declaration order, those equal to their default
left out, enums by value, dates as ISO text, tuples as arrays, nested values by their own class
(a subclass keeps its tag and its fields), and the separators of ``json.dumps`` (``", "`` and
``": "`` by default).

What a generated function does not write itself it hands to the converter and ``json.dumps``,
so the text stays the same there too: a record of an unknown type
(:class:`~conflictkit.OpaqueRecord`, written as it came in), a class with a factory default, a
field type other than text, numbers, booleans, enums, dates, tuples and conflictkit's types.

>>> from conflictkit import Quantity
>>> from conflictkit.io.json_text import json_text
>>> json_text(Quantity(best=1037, unit="troops", text="1,037"))
'{"best": 1037, "unit": "troops", "text": "1,037"}'
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date
from json.encoder import encode_basestring
from typing import Any

import attrs

from conflictkit.core import registry, verbatim
from conflictkit.core.collector import collector_paused
from conflictkit.core.model import TAG_KEY, Model, type_tag_of
from conflictkit.core.validation import fields_of
from conflictkit.io.converter import _differs_from, converter, to_dict
from conflictkit.records.opaque import OpaqueRecord

__all__ = ["DEFAULT_SEPARATORS", "json_lines", "json_text"]

DEFAULT_SEPARATORS = (", ", ": ")
"""The item and key separators of ``json.dumps`` without ``indent``: what JSON Lines output uses."""

Writer = Callable[[Any], str]

_WRITERS: dict[tuple[str, str], dict[type, Writer]] = {}  # per separators, per class; bounded
_PRIMITIVES = (str, int, float, bool, type(None))


def json_text(obj: Model, *, separators: tuple[str, str] = DEFAULT_SEPARATORS) -> str:
    """The JSON text ``json.dumps(to_dict(obj), ensure_ascii=False, separators=separators)`` gives.

    A record of an unknown type is written as it came in, as by the converter's
    :func:`~conflictkit.to_json`.

    >>> from conflictkit import Actor, ActorKind
    >>> from conflictkit.io.json_text import json_text
    >>> json_text(Actor(id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP))
    '{"type": "actor", "id": "actor:taliban", "name": "Taliban", "kind": "armed_group"}'
    """
    with verbatim.splicing() as splices:
        text = _written(obj, separators)
    return splices.splice(text)


def json_lines(records: Iterable[Model]) -> str:
    r"""The JSON Lines text of ``records``: each one's :func:`json_text`, each line ending in a newline.

    The collector is paused while the lines are written: give a bounded batch of records.

    >>> from conflictkit import Quantity
    >>> from conflictkit.io.json_text import json_lines
    >>> json_lines([Quantity(best=3, unit="people"), Quantity(best=5, unit="troops", text="five")])
    '{"best": 3, "unit": "people"}\n{"best": 5, "unit": "troops", "text": "five"}\n'
    """
    with collector_paused(), verbatim.splicing() as splices:
        lines = [_written(record, DEFAULT_SEPARATORS) + "\n" for record in records]
    return splices.splice("".join(lines))


def _written(obj: Any, separators: tuple[str, str]) -> str:
    if not isinstance(obj, Model):
        to_dict(obj)  # raises the converter's TypeError for what is not a conflictkit type
    writers = _WRITERS.get(separators) or _writers(separators)
    write = writers.get(obj.__class__) or _writer(obj.__class__, separators)
    try:
        return write(obj)
    except RecursionError:
        # Only a value built in Python can nest this deeply: the converter words the error.
        return _fallback(separators)(obj)


def _writers(separators: tuple[str, str]) -> dict[type, Writer]:
    with registry.LOCK:
        writers = _WRITERS.get(separators)
        if writers is None:
            writers = registry.remember(_WRITERS, separators, {})
    return writers


def _writer(cls: type, separators: tuple[str, str]) -> Writer:
    writers = _writers(separators)
    with registry.LOCK:  # one generated function per class, even when many threads ask at once
        write = writers.get(cls)
        if write is None:
            write = registry.remember(writers, cls, _generate(cls, separators))
    return write


def _fallback(separators: tuple[str, str]) -> Writer:
    """The converter's dict, written by ``json.dumps``: for what no function is generated for."""

    def write(obj: Any) -> str:
        return json.dumps(to_dict(obj), ensure_ascii=False, separators=separators)

    return write


def _fragment(separators: tuple[str, str]) -> Callable[[Any], str]:
    def write(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=separators)

    return write


def _plain_writer(fragment: Callable[[Any], str]) -> Callable[[Any], str]:
    """Writes text, a number, a boolean or null as the JSON encoder does; anything else through it."""

    def plain(value: Any) -> str:
        cls = value.__class__
        if cls is str:
            return encode_basestring(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if cls is int:
            return int.__repr__(value)
        if cls is float and value - value == 0.0:  # finite: NaN and infinities as the encoder writes them
            return float.__repr__(value)
        return fragment(value)

    return plain


def _generate(cls: type, separators: tuple[str, str]) -> Writer:
    if (
        not (issubclass(cls, Model) and attrs.has(cls))
        or issubclass(cls, OpaqueRecord)
        or converter.get_unstructure_hook(cls) != converter.get_unstructure_hook(Model)
    ):
        return _fallback(separators)
    fields = [field for field in fields_of(cls) if field.init]
    if any(isinstance(field.default, attrs.Factory) for field in fields):  # type: ignore[arg-type]
        return _fallback(separators)  # the converter writes these through cattrs' function
    item_separator, key_separator = separators
    fragment = _fragment(separators)
    namespace: dict[str, Any] = {
        "_q": encode_basestring,
        "_plain": _plain_writer(fragment),
        "_writers": _writers(separators),
        "_writer": lambda value: _writer(value.__class__, separators),
    }
    hints = typing.get_type_hints(cls)
    tag = type_tag_of(cls)
    start = "{" + (encode_basestring(TAG_KEY) + key_separator + encode_basestring(tag) if tag else "")
    lines = ["def write(instance):", f"    text = {start!r}"]
    written = bool(tag)  # whether something is surely written before the next field
    for position, field in enumerate(fields):
        tp = hints[field.name]
        args = typing.get_args(tp)
        if field.default is None and _is_union(tp) and len(args) == 2 and type(None) in args:
            tp = next(arg for arg in args if arg is not type(None))  # written only when not None
        expression = _expression(tp, "value", namespace, f"_h{position}", separators)
        key = encode_basestring(field.name) + key_separator
        # Before a field, a separator if something came before it (only known at run time when
        # the fields before it are all left out when equal to their defaults).
        prefix = (
            repr(item_separator + key)
            if written
            else f"({item_separator!r} if len(text) > 1 else '') + {key!r}"
        )
        lines.append(f"    value = instance.{field.name}")
        if field.default is attrs.NOTHING:
            lines.append(f"    text += {prefix} + {expression}")
            written = True
            continue
        namespace[f"_d{position}"] = field.default
        lines.append(f"    if value {_differs_from(field.default)} _d{position}:")
        lines.append(f"        text += {prefix} + {expression}")
    lines.append("    return text + '}'")
    code = compile("\n".join(lines), f"<conflictkit json text {cls.__qualname__}>", "exec")
    exec(code, namespace)
    write: Writer = namespace["write"]
    return write


def _expression(tp: Any, var: str, namespace: dict[str, Any], key: str, separators: tuple[str, str]) -> str:
    """A Python expression for the JSON text of ``var``, which has the type ``tp``."""
    args = typing.get_args(tp)
    if tp is str:
        return f"_q({var})"
    if tp is int:
        return f"(int.__repr__({var}) if {var}.__class__ is int else _plain({var}))"
    if _is_union(tp) and type(None) in args and len(args) == 2:
        inner = _expression(
            next(arg for arg in args if arg is not type(None)), var, namespace, key, separators
        )
        return f"('null' if {var} is None else {inner})"
    if tp in _PRIMITIVES or (_is_union(tp) and all(arg in _PRIMITIVES for arg in args)):
        return f"_plain({var})"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"_plain({var}._value_)"
    if tp is date:
        return f"('\"' + {var}.isoformat() + '\"')"
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _expression(args[0], f"{var}_", namespace, f"{key}_item", separators)
        return f"('[' + {separators[0]!r}.join([{item} for {var}_ in {var}]) + ']')"
    if isinstance(tp, type) and issubclass(tp, Model) and attrs.has(tp):
        # By the value's own class: a subclass keeps its tag and its fields.
        return f"(_writers.get({var}.__class__) or _writer({var}))({var})"
    namespace[key] = _converted(tp, _fragment(separators))
    return f"{key}({var})"


def _converted(tp: Any, fragment: Callable[[Any], str]) -> Callable[[Any], str]:
    hook = converter.get_unstructure_hook(tp)
    return lambda value: fragment(hook(value))


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)
