"""JSON Schema (draft 2020-12) for conflictkit data, generated from the attrs classes.

Nothing here is written per class: the schema is read off each class's attrs fields, their
annotations and the JSON Schema keywords their value rules carry (see
:func:`conflictkit.core.validation.with_json_schema`), so a user's subclass registered before the call
is described as exactly as conflictkit's own types.

What a JSON Schema cannot say (references between records, one field bounded by another, quotes
matching their document) is listed in each class's ``$comment`` and checked by conflictkit alone.
"""

from __future__ import annotations

import enum
import inspect
import re
import sys
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from conflictkit.core import registry
from conflictkit.core.model import TAG_KEY, Model, registered_types, type_tag_of
from conflictkit.core.validation import (
    MAX_SAFE_INTEGER,
    PATTERN_END,
    RULES_KEY,
    Rule,
    fields_of,
    json_schema_hint,
)
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.io.migrations import VERSION_KEY
from conflictkit.records.record import Record

__all__ = ["DIALECT", "json_schema", "plain_text"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the generated schemas."""

Schema = dict[str, Any]
"""A JSON Schema (or a part of one) as plain JSON values."""

_STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern", "format"})
_NUMBER_KEYWORDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
_ARRAY_KEYWORDS = frozenset({"minItems", "maxItems", "items", "uniqueItems", "contains"})
_TIGHTER: dict[str, Any] = {
    "minimum": max,
    "exclusiveMinimum": max,
    "minLength": max,
    "minItems": max,
    "maximum": min,
    "exclusiveMaximum": min,
    "maxLength": min,
    "maxItems": min,
}
_DATE_PATTERN = (
    # Only real calendar dates from 0001-01-01, as the library reads them: 30 days have April, June,
    # September and November; February has 29 in leap years (every 4th, not centuries but every 400th).
    "^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)" + PATTERN_END
)
# Numbers a float cannot hold (1e400, which parsers read as infinity) are refused, as the library does.
_FLOAT_RANGE = {"minimum": -sys.float_info.max, "maximum": sys.float_info.max}
_INT_RANGE = {"minimum": -MAX_SAFE_INTEGER, "maximum": MAX_SAFE_INTEGER}
_PRIMITIVE_TYPES: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def json_schema(cls: type[Model] | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a Dataset document, or of the type ``cls``.

    Every registered record and value type, including subclasses defined by users before the
    call, is in ``$defs``; a field or list typed as a base class accepts the registered
    subclasses by their ``type`` tag.

    >>> schema = json_schema()
    >>> schema["$schema"], schema["required"]
    ('https://json-schema.org/draft/2020-12/schema', ['schema_version'])
    >>> from conflictkit import MilitaryMovement
    >>> movement = json_schema(MilitaryMovement)["$defs"]["movement"]
    >>> movement["properties"]["type"], movement["required"]
    ({'const': 'movement'}, ['type', 'id', 'actor', 'kind', 'status'])
    """
    builder = _Builder()
    if cls is None or cls is Dataset:
        root = builder.dataset()
        for _, registered in sorted(registered_types().items()):
            builder.concrete_ref(registered)
    elif isinstance(cls, type) and issubclass(cls, Model):
        root = {"title": cls.__name__, **builder.declared_ref(cls)}
    else:
        raise TypeError(f"cls must be a conflictkit type, got {cls!r}")
    return {"$schema": DIALECT, **root, "$defs": dict(sorted(builder.defs.items()))}


def _def_name(cls: type) -> str:
    # Tags are unique; conflictkit's untagged value types go by their class name, which no tag
    # can equal because tags start with a lower-case letter.
    tag = type_tag_of(cls)
    return tag if tag is not None else cls.__name__


def _is_abstract(cls: type) -> bool:
    return issubclass(cls, Record) and type_tag_of(cls) is None


def _summary(obj: Any) -> str | None:
    doc = inspect.getdoc(obj)
    return plain_text(doc.split("\n\n")[0].replace("\n", " ")) if doc else None


_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`<]*?)\s*(?:<[^`>]*>)?`")
_ROLE_TARGET = re.compile(r":[a-z]+(?::[a-z]+)?:`~([^`]*\.)?([^`.]+)`")
_LITERAL = re.compile(r"``(.+?)``")
_INTERPRETED = re.compile(r"`([^`]+)`")


def plain_text(text: str) -> str:
    """A docstring's reStructuredText as plain words, for readers that show text as it is.

    Cross-references keep their text (without the leading module path when it starts with a
    tilde), literals lose their backquotes.

    >>> plain_text("An :class:`~conflictkit.Actor` named in ``name`` (see :meth:`Dataset.problems`).")
    'An Actor named in name (see Dataset.problems).'
    """
    text = _ROLE_TARGET.sub(r"\2", text)
    text = _ROLE.sub(r"\1", text)
    text = _LITERAL.sub(r"\1", text)
    return _INTERPRETED.sub(r"\1", text)


class _Builder:
    """Collects the ``$defs`` of one schema while the types are walked."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}

    def _ref(self, name: str) -> Schema:
        return {"$ref": f"#/$defs/{name}"}

    # classes

    def concrete_ref(self, cls: type[Model]) -> Schema:
        """A reference to the object schema of exactly ``cls``."""
        name = _def_name(cls)
        if name not in self.defs:
            self.defs[name] = {}  # claimed first, so that recursive types terminate
            self.defs[name] = self._object(cls)
        return self._ref(name)

    def declared_ref(self, cls: type[Model]) -> Schema:
        """A reference for a value declared as ``cls``: it or any registered subclass."""
        # Looked up in an index built once per registry state, not by scanning the registry for
        # every field: that made schemas quadratic in the number of registered classes.
        subclasses = sorted((sub for sub in registry.subclasses(cls) if sub is not cls), key=_def_name)
        if not subclasses:
            return self.concrete_ref(cls)
        name = _def_name(cls) if _is_abstract(cls) else f"any:{_def_name(cls)}"
        if name not in self.defs:
            self.defs[name] = {}
            options = [] if _is_abstract(cls) else [self.concrete_ref(cls)]
            # Without its tag a value loads as the declared class, so a subclass needs its tag here.
            options.extend({**self.concrete_ref(sub), "required": [TAG_KEY]} for sub in subclasses)
            self.defs[name] = {"oneOf": options}
        return self._ref(name)

    def _object(self, cls: type[Model]) -> Schema:
        try:
            hints = typing.get_type_hints(cls)
        except NameError as error:
            raise TypeError(
                f"cannot describe {cls.__module__}.{cls.__qualname__}: its annotation {error.name!r} "
                "does not resolve; define it at module level"
            ) from None
        properties: Schema = {}
        required: list[str] = []
        tag = type_tag_of(cls)
        if tag is not None:
            properties[TAG_KEY] = {"const": tag}
            if issubclass(cls, Record):
                required.append(TAG_KEY)
        for field in fields_of(cls):
            if not field.init:
                continue  # derived state is never serialised
            properties[field.name] = self.field_schema(hints[field.name], field.metadata.get(RULES_KEY, ()))
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: Schema = {"title": cls.__name__}
        summary = _summary(cls)
        if summary:
            schema["description"] = summary
        comment = _cross_field_rules(cls)
        if comment:
            schema["$comment"] = comment
        schema.update(type="object", properties=properties, required=required, additionalProperties=False)
        return schema

    def dataset(self) -> Schema:
        """The schema of a Dataset document: the Dataset's fields and the schema version."""
        schema = self._object(Dataset)
        major = SCHEMA_VERSION.split(".")[0]
        version = {
            "type": "string",
            "pattern": f"^{major}\\.(0|[1-9][0-9]{{0,5}}){PATTERN_END}",
            "description": f"The document's schema version; this schema describes {major}.x.",
        }
        schema["properties"] = {VERSION_KEY: version, **schema["properties"]}
        schema["required"] = [VERSION_KEY, *schema["required"]]
        return schema

    # fields

    def field_schema(self, tp: Any, rules: tuple[Rule, ...]) -> Schema:
        """The schema of a field of type ``tp`` whose non-null values obey ``rules``."""
        args = typing.get_args(tp)
        optional = _is_union(tp) and type(None) in args
        if optional:
            others = tuple(arg for arg in args if arg is not type(None))
            tp = others[0] if len(others) == 1 else typing.Union[others]  # noqa: UP007
        schema = self.annotation_schema(tp)
        for rule in rules:
            hint = json_schema_hint(rule)
            if hint:
                _merge(schema, hint)
        return _or_null(schema) if optional else schema

    def annotation_schema(self, tp: Any) -> Schema:
        """The schema of values of the annotation ``tp``."""
        if tp is int:
            return {"type": "integer", **_INT_RANGE}
        if tp is float:
            return {"type": "number", **_FLOAT_RANGE}
        if tp in _PRIMITIVE_TYPES:
            return {"type": _PRIMITIVE_TYPES[tp]}
        if tp is date:
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        args = typing.get_args(tp)
        if _is_union(tp) and all(arg in _PRIMITIVE_TYPES for arg in args):
            names = [_PRIMITIVE_TYPES[arg] for arg in args]
            bounds: Schema = {}
            if "number" in names:  # a JSON number covers the integers
                names = [name for name in names if name != "integer"]
                bounds = _FLOAT_RANGE
            elif "integer" in names:
                bounds = _INT_RANGE
            return {"type": names[0] if len(names) == 1 else names, **bounds}
        origin = typing.get_origin(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.annotation_schema(args[0])}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [member.value for member in tp]
            schema: Schema = {"enum": values}
            if all(isinstance(value, str) for value in values):
                schema = {"type": "string", **schema}
            return schema
        if isinstance(tp, type) and issubclass(tp, Model):
            return self.declared_ref(tp)
        raise TypeError(f"conflictkit cannot express the annotation {tp!r} as JSON Schema")


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _json_types(schema: Schema) -> set[str]:
    declared = schema.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def _applies(keyword: str, json_types: set[str]) -> bool:
    if keyword in _STRING_KEYWORDS:
        return "string" in json_types
    if keyword in _NUMBER_KEYWORDS:
        return bool(json_types & {"number", "integer"})
    if keyword in _ARRAY_KEYWORDS:
        return "array" in json_types
    return True


def _merge(schema: Schema, hint: Mapping[str, Any]) -> None:
    """Add a rule's keywords to ``schema`` in place, keeping those that apply to its JSON type."""
    json_types = _json_types(schema)
    for keyword, value in hint.items():
        if not _applies(keyword, json_types):
            continue
        if keyword == "items" and isinstance(schema.get("items"), dict):
            _merge(schema["items"], value)
        elif keyword not in schema:
            schema[keyword] = value
        elif keyword in _TIGHTER:
            schema[keyword] = _TIGHTER[keyword](schema[keyword], value)
        elif schema[keyword] != value:
            # Two patterns (or two of any keyword) must both hold.
            schema.setdefault("allOf", []).append({keyword: value})


def _or_null(schema: Schema) -> Schema:
    if "type" in schema and not {"$ref", "oneOf", "anyOf", "const"} & schema.keys():
        declared = schema["type"]
        widened = {**schema, "type": [*([declared] if isinstance(declared, str) else declared), "null"]}
        if "enum" in schema:
            widened["enum"] = [*schema["enum"], None]
        return widened
    return {"anyOf": [schema, {"type": "null"}]}


def _cross_field_rules(cls: type) -> str | None:
    """The docstrings of the ``consistency_problems`` a class and its bases define, as one note."""
    notes = []
    for klass in reversed(cls.__mro__):
        method = klass.__dict__.get("consistency_problems")
        if method is not None and klass is not Model:
            doc = inspect.getdoc(method)
            if doc:
                notes.append(plain_text(doc.split("\n\n")[0].replace("\n", " ")))
    if not notes:
        return None
    return "Also checked by conflictkit, not by this schema: " + " ".join(notes)
