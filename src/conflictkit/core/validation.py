"""Construction-time validation shared by every conflictkit type.

Each field is checked twice over: against its annotated type (strictly: ``True`` is not an ``int``,
``2`` is not a ``str``) and against the small value rules listed in its metadata (non-empty, in range,
a known country code, ...). Then the class's cross-field rules run. All problems found are raised
together as one :class:`~conflictkit.core.errors.ValidationError` whose paths name the fields.

Subclasses defined by users get the same treatment for their own fields without writing anything:
the plan of checks is derived from the attrs fields and their annotations on first use.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import math
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from conflictkit.core.errors import (
    DefinitionError,
    Problem,
    ValidationError,
    clip,
    did_you_mean,
    one_of,
    with_article,
)
from conflictkit.core.registry import LOCK as BUILD_LOCK
from conflictkit.core.registry import remember

__all__ = [
    "MAX_SAFE_INTEGER",
    "Check",
    "Rule",
    "as_tuple",
    "at_most",
    "describe_type",
    "duplicate_problems",
    "each",
    "in_range",
    "json_schema_hint",
    "matches",
    "non_empty",
    "non_negative",
    "raw_rule_problems",
    "rules",
    "shown",
    "tuple_converter",
    "validate",
    "with_json_schema",
]

Rule = Callable[[Any], "str | None"]
"""A value rule: returns ``None`` when the value is acceptable, otherwise the message saying why not."""

Check = Callable[[Any], "list[Problem] | None"]
"""A compiled type check: ``None`` when the value has the right type, otherwise its problems."""

RULES_KEY = "conflictkit.rules"
"""The attrs metadata key under which a field's value rules are stored (see :func:`rules`)."""

MAX_SAFE_INTEGER = 2**53 - 1
"""The largest integer an ``int`` field accepts (and the negative of the smallest).

Integers beyond it lose precision in JSON parsers that read numbers as doubles (I-JSON, RFC 7493),
so data that other languages must read cannot rely on them.
"""

_SCHEMA_HINT = "json_schema"
_SURROGATE = re.compile(r"[\ud800-\udfff]")

SchemaHint = Mapping[str, Any] | Callable[[], Mapping[str, Any]]
"""JSON Schema keywords a rule stands for, or a function computing them when a schema is made."""


def with_json_schema(rule: Rule, keywords: SchemaHint) -> Rule:
    """Record the JSON Schema keywords that express ``rule``, and return ``rule``.

    :func:`conflictkit.json_schema` reads them instead of guessing from the rule's name. Give the
    keywords for every JSON type the rule may see (``minLength`` for strings, ``minItems`` for
    arrays): the generator keeps those that apply to the field's type. A rule without keywords
    is simply not expressed in the schema.

    >>> even = with_json_schema(lambda n: None if n % 2 == 0 else "must be even", {"multipleOf": 2})
    >>> json_schema_hint(even)
    {'multipleOf': 2}
    """
    setattr(rule, _SCHEMA_HINT, keywords)  # functions take attributes; Rule is a plain callable type
    return rule


def json_schema_hint(rule: Rule) -> dict[str, Any] | None:
    """The JSON Schema keywords recorded for ``rule`` by :func:`with_json_schema`, or ``None``."""
    hint = getattr(rule, _SCHEMA_HINT, None)
    if hint is None:
        return None
    return dict(hint() if callable(hint) else hint)


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` shortened to ``limit`` characters, for messages; never raises.

    Input can be hostile: an integer too long to print, or a list nested too deeply to repr.

    >>> shown("x" * 100, limit=10)
    "'xxxxxx... (102 characters)"
    >>> shown(10**5000)
    'an integer of 16610 bits'
    """
    try:
        text = repr(value)
    except ValueError:  # int too long to convert to decimal
        bits = value.bit_length() if isinstance(value, int) else 0
        return f"an integer of {bits} bits" if bits else type(value).__name__
    except RecursionError:
        return f"{with_article(type(value).__name__)} nested too deeply to show"
    return clip(text, limit)


def rules(*checks: Rule) -> dict[str, tuple[Rule, ...]]:
    """Attrs field metadata that attaches value rules to a field.

    Rules run after the field's type has been checked, and are skipped when an optional field is
    ``None``. Use it as ``name: str = attrs.field(metadata=rules(non_empty))``.
    """
    return {RULES_KEY: checks}


def non_empty(value: Any) -> str | None:
    """Reject empty or blank strings and empty collections."""
    if isinstance(value, str):
        return "must not be empty or blank" if not value.strip() else None
    return "must not be empty" if len(value) == 0 else None


with_json_schema(non_empty, {"minLength": 1, "pattern": "\\S", "minItems": 1})


def each(rule: Rule) -> Rule:
    """A rule applying ``rule`` to every item of a collection, naming the first item that fails."""

    def check(value: Any) -> str | None:
        for index, item in enumerate(value):
            message = rule(item)
            if message is not None:
                return f"item {index} {message}"
        return None

    setattr(check, _ITEM_RULE_ATTRIBUTE, rule)  # lets the fast path check the items in msgspec
    item_hint = json_schema_hint(rule)
    return with_json_schema(check, {"items": item_hint}) if item_hint else check


def non_negative(value: Any) -> str | None:
    """Reject numbers below zero."""
    return f"must be >= 0, got {shown(value)}" if value < 0 else None


with_json_schema(non_negative, {"minimum": 0})


def in_range(low: float, high: float) -> Rule:
    """A rule accepting numbers from ``low`` to ``high`` inclusive."""

    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"must be between {low} and {high}, got {shown(value)}"

    return with_json_schema(check, {"minimum": low, "maximum": high})


def at_most(limit: int) -> Rule:
    """A rule accepting strings or collections of at most ``limit`` items."""

    def check(value: Any) -> str | None:
        return f"must have at most {limit} items" if len(value) > limit else None

    return with_json_schema(check, {"maxLength": limit, "maxItems": limit})


def matches(pattern: str, meaning: str) -> Rule:
    """A rule accepting strings that match ``pattern`` in full; ``meaning`` explains the pattern."""
    compiled = re.compile(pattern)

    def check(value: Any) -> str | None:
        return None if compiled.fullmatch(value) else f"must be {meaning}, got {shown(value)}"

    setattr(check, _PATTERN_ATTRIBUTE, compiled)  # lets the fast path inline the match
    # Anchored, because JSON Schema patterns match anywhere in the string.
    return with_json_schema(check, {"pattern": f"^(?:{pattern}){PATTERN_END}"})


_PATTERN_ATTRIBUTE = "_conflictkit_pattern"
_ITEM_RULE_ATTRIBUTE = "_conflictkit_item_rule"

PATTERN_END = r"(?![\s\S])"
"""The end of the text, in a JSON Schema pattern: unlike ``$``, which Python's ``re`` (and so
Python's jsonschema) also matches before a final newline, it means the same in every dialect."""


# --- type checks -----------------------------------------------------------------------------------


def describe_type(tp: Any) -> str:
    """A short human name for a type annotation, as used in error messages."""
    if isinstance(tp, tuple):  # the options of a union
        return " or ".join(map(describe_type, tp))
    if tp is type(None):
        return "null"
    args = typing.get_args(tp)
    if _is_union(tp):
        return " or ".join(describe_type(arg) for arg in args)
    if typing.get_origin(tp) is tuple:
        return f"list of {describe_type(args[0])}"
    return getattr(tp, "__name__", str(tp))


def _got(value: Any) -> str:
    return f"{type(value).__name__} {shown(value)}"


_EXPECTED = "expected "


def _wrong(expected: str, value: Any) -> list[Problem]:
    return [Problem(message=f"{_EXPECTED}{expected}, got {_got(value)}")]


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _check_str(value: Any) -> list[Problem] | None:
    if not isinstance(value, str):
        return _wrong("str", value)
    # A lone surrogate (the JSON escape \ud800) is not text: it cannot be written as UTF-8 or hashed.
    if not value.isascii() and _SURROGATE.search(value):
        return [Problem(message="must be Unicode text, but contains an unpaired surrogate code point")]
    return None


def _check_int(value: Any) -> list[Problem] | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return _wrong("int", value)
    if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        return [Problem(message=f"must be an integer between -(2**53 - 1) and 2**53 - 1, got {shown(value)}")]
    return None


def _check_float(value: Any) -> list[Problem] | None:
    # JSON does not tell 3 from 3.0, so an int is a fine float; a bool is not, nor NaN or infinity,
    # which JSON cannot carry. An int beyond 2**53 is refused too: a number is written to a float64
    # (Arrow, Parquet, DuckDB, JavaScript) wherever it goes, and there it would silently become
    # another integer. Written with a fraction or exponent (1e20) it is a float and says so.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _wrong("number", value)
    if isinstance(value, float) and not math.isfinite(value):
        return [Problem(message=f"must be a finite number, got {value!r}")]
    if isinstance(value, int) and not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        return [Problem(message=_INEXACT_INTEGER.format(shown(value)))]
    return None


_INEXACT_INTEGER = (
    "must be a number a float64 holds exactly: an integer between -(2**53 - 1) and 2**53 - 1, "
    "or a number written with a fraction or an exponent (as 1e20), got {}"
)


def _check_bool(value: Any) -> list[Problem] | None:
    return None if isinstance(value, bool) else _wrong("bool", value)


def _check_date(value: Any) -> list[Problem] | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return None
    return _wrong("date", value)


_SCALAR_CHECKS: dict[Any, Check] = {
    str: _check_str,
    int: _check_int,
    float: _check_float,
    bool: _check_bool,
    date: _check_date,
}


def _instance_check(cls: type) -> Check:
    name = cls.__name__

    def check(value: Any) -> list[Problem] | None:
        return None if isinstance(value, cls) else _wrong(name, value)

    return check


def _enum_check(cls: type[enum.Enum]) -> Check:
    allowed = one_of([member.value for member in cls])
    # Construction takes the enum's members, JSON their values: a value given in Python is named
    # with the member to use instead (keyed by value, and by name in any case, "Deployment").
    members = {str(member.value): member for member in cls}
    members.update({name.lower(): member for name, member in cls.__members__.items()})

    def check(value: Any) -> list[Problem] | None:
        if isinstance(value, cls):
            return None
        member = members.get(value, members.get(value.lower())) if isinstance(value, str) else None
        if member is not None:
            use = f"{cls.__name__}.{member.name}"
            return [Problem(message=f"expected {cls.__name__}, got str {shown(value)}: use {use}")]
        hint = did_you_mean(value, [str(member.value) for member in cls]) if isinstance(value, str) else ""
        return [Problem(message=f"expected {cls.__name__} (one of {allowed}), got {_got(value)}{hint}")]

    return check


def _tuple_check(item: Check, item_name: str) -> Check:
    def check(value: Any) -> list[Problem] | None:
        if not isinstance(value, tuple):
            return _wrong(f"tuple of {item_name}", value)
        problems: list[Problem] = []
        for index, element in enumerate(value):
            found = item(element)
            if found:
                problems.extend(problem.under(index) for problem in found)
        return problems or None

    return check


def _union_check(options: tuple[Check, ...], description: str) -> Check:
    def check(value: Any) -> list[Problem] | None:
        failures = []
        for option in options:
            found = option(value)
            if found is None:
                return None
            failures.append(found)
        # A value of a right type but out of bounds (an int too large) is told so, not that its
        # type is wrong.
        for found in failures:
            if not all(problem.message.startswith(_EXPECTED) for problem in found):
                return found
        return _wrong(description, value)

    return check


def _optional_check(inner: Check) -> Check:
    def check(value: Any) -> list[Problem] | None:
        return None if value is None else inner(value)

    return check


_UNION_MEMBERS = (str, int, float, bool)


def _union_of(options: tuple[Any, ...]) -> Check:
    # JSON cannot tell which of two objects or two lists a value is meant to be, so only plain
    # values may be mixed; records and value types share a base class instead.
    if not all(option in _UNION_MEMBERS for option in options):
        raise TypeError(
            f"a union may only mix str, int, float and bool (and None), not {describe_type(options)}; "
            "for records or value types, use a common base class"
        )
    # A float check accepts ints already (JSON cannot tell 3 from 3.0), within a float's range.
    checked = tuple(option for option in options if not (option is int and float in options))
    return _union_check(tuple(map(compile_type_check, checked)), " or ".join(map(describe_type, options)))


def compile_type_check(tp: Any) -> Check:
    """Compile a type annotation into a fast, strict check of values against it."""
    if tp in _SCALAR_CHECKS:
        return _SCALAR_CHECKS[tp]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if _is_union(tp):
        others = tuple(arg for arg in args if arg is not type(None))
        if len(others) < len(args):
            inner = compile_type_check(others[0]) if len(others) == 1 else _union_of(others)
            return _optional_check(inner)
        return _union_of(args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_check(compile_type_check(args[0]), describe_type(args[0]))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        _check_json_enum(tp)
        return _enum_check(tp)
    if isinstance(tp, type) and attrs.has(tp) and hasattr(tp, "consistency_problems"):
        return _instance_check(tp)  # a conflictkit type (Model cannot be imported here)
    # Mutable or open-ended types (list, dict, Any, ...) would make records unhashable, or let
    # loaders coerce data (a string is an iterable of characters), so they are refused up front.
    raise TypeError(f"{SUPPORTED_TYPES}; not {tp!r}")


SUPPORTED_TYPES = (
    "conflictkit fields may be str, int, float, bool, date, an Enum, a conflictkit type, "
    "tuple[X, ...] of those, or an optional of them or a union of str, int, float and bool"
)
"""What a field of a conflictkit type may be annotated with, as error messages say it."""


def _check_json_enum(cls: type[enum.Enum]) -> None:
    for member in cls:
        if member.value.__class__ not in (str, int):
            raise TypeError(
                f"conflictkit cannot write {cls.__name__}.{member.name}: enum values must be str or int, "
                f"got {type(member.value).__name__}"
            )


def check_annotations(cls: type) -> None:
    """Compile the checks of an attrs class now, so that an unsupported annotation fails early.

    Raises :class:`~conflictkit.DefinitionError` naming the class and every field whose type is
    not supported. Annotations that do not resolve yet (forward references) are checked on first
    use instead.
    """
    with contextlib.suppress(NameError):
        _plan(cls)


def fields_of(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of a class, typed for any class (attrs' own signature wants an attrs type)."""
    found: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    return found


# --- the plan of checks for a class ----------------------------------------------------------------

FieldPlan = tuple[tuple[str, Check, tuple[Rule, ...]], ...]

_PLANS: dict[type, FieldPlan] = {}
_SEQUENCE_FIELDS: dict[type, tuple[str, ...]] = {}


def _plan(cls: type) -> FieldPlan:
    plan = _PLANS.get(cls)
    if plan is None:
        with BUILD_LOCK:  # one build per class, even when many threads make their first instances
            plan = _PLANS.get(cls)
            if plan is None:
                plan = _build_plan(cls)
    return plan


def _build_plan(cls: type) -> FieldPlan:
    hints = typing.get_type_hints(cls)
    fields = [field for field in fields_of(cls) if field.init]  # init=False: the class's own state
    checks: list[tuple[str, Check, tuple[Rule, ...]]] = []
    refused: list[str] = []
    for field in fields:
        try:
            checks.append(
                (field.name, compile_type_check(hints[field.name]), field.metadata.get(RULES_KEY, ()))
            )
        except TypeError as error:
            refused.append(
                f"{field.name!r} is {_annotation(hints[field.name])}{_reason(error, hints[field.name])}"
            )
    if refused:
        raise DefinitionError(
            f"{cls.__module__}.{cls.__qualname__}: unsupported field "
            f"type{'s' if len(refused) > 1 else ''}: {'; '.join(refused)}. {SUPPORTED_TYPES}"
        )
    remember(
        _SEQUENCE_FIELDS, cls, tuple(field.name for field in fields if _is_tuple_field(hints[field.name]))
    )
    return remember(_PLANS, cls, tuple(checks))


def _sequence_fields(cls: type) -> tuple[str, ...]:
    names = _SEQUENCE_FIELDS.get(cls)
    if names is None:  # a bounded cache may have started again since the class's plan was built
        hints = typing.get_type_hints(cls)
        found = (field.name for field in fields_of(cls) if field.init and _is_tuple_field(hints[field.name]))
        names = remember(_SEQUENCE_FIELDS, cls, tuple(found))
    return names


def _annotation(tp: Any) -> str:
    return tp.__name__ if isinstance(tp, type) and not typing.get_args(tp) else str(tp).replace("typing.", "")


def _reason(error: TypeError, annotation: Any) -> str:
    # The list of what is supported follows once, after every field; what remains of the message
    # is worth saying only if it names more than the annotation does (a type nested inside it).
    message = str(error)
    if not message.startswith(SUPPORTED_TYPES):
        return f" ({message})"
    culprit = message.removeprefix(f"{SUPPORTED_TYPES}; not ")
    return "" if culprit == repr(annotation) else f" (because of {culprit})"


def _is_tuple_field(tp: Any) -> bool:
    options = typing.get_args(tp) if _is_union(tp) else (tp,)
    return any(typing.get_origin(option) is tuple for option in options)


def field_problems(obj: Any) -> list[Problem]:
    """Check every field of an attrs instance against its type and rules; return all problems."""
    cls = obj.__class__
    check = _FIELD_PROBLEMS.get(cls) or _wording(cls, _FIELD_PROBLEMS, _generate_field_problems)
    return check(obj)


def raw_rule_problems(cls: type, data: Mapping[str, Any], skip: set[Any]) -> list[Problem]:
    """Value-rule problems of the raw JSON values in ``data`` that already have their field's type.

    When loading a document fails before a record can be built, this still reports the rules its
    plain fields break (a malformed id next to a malformed date), so one pass shows everything.
    """
    check = _RAW_RULE_PROBLEMS.get(cls) or _wording(cls, _RAW_RULE_PROBLEMS, _generate_raw_rule_problems)
    return check(data, skip)


# Both are generated per class, like the construction check below: the same walk over the plan,
# in the same order and with the same messages, with the type tests and the rules inlined where
# the construction check inlines them, and each rule's message asked for only when it refuses.
# Loading an invalid record runs them for every object that holds a problem.

_FIELD_PROBLEMS: dict[type, Callable[..., list[Problem]]] = {}
_RAW_RULE_PROBLEMS: dict[type, Callable[..., list[Problem]]] = {}


def _wording(
    cls: type,
    cache: dict[type, Callable[..., list[Problem]]],
    generate: Callable[[type], Callable[..., list[Problem]]],
) -> Callable[..., list[Problem]]:
    found = cache.get(cls)
    if found is None:
        with BUILD_LOCK:
            found = cache.get(cls)
            if found is None:
                found = remember(cache, cls, generate(cls))
    return found


def _rule_lines(
    name: str, tp: Any, value_rules: tuple[Rule, ...], namespace: dict[str, Any], key: str, indent: str
) -> list[str]:
    """Append a problem at ``name`` with the message of the first rule that refuses ``value``."""
    lines = []
    for index, rule in enumerate(value_rules):
        rule_key = f"{key}_{index}"
        reject = _fast_reject(rule, tp, namespace, f"{rule_key}_inline")  # the type test has passed
        namespace[rule_key] = rule  # asked for its message only when it refuses
        keyword = "if" if index == 0 else "elif"
        lines += [
            f"{indent}{keyword} {reject}:",
            f"{indent}    problems.append(_Problem(path=({name!r},), message={rule_key}(value)))",
        ]
    return lines


def _generate_field_problems(cls: type) -> Callable[[Any], list[Problem]]:
    plan = _plan(cls)
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"_date": date, "_MISSING": MISSING, "_Problem": Problem}
    lines = ["def field_problems(obj):", "    problems = []"]
    for position, (name, type_check, value_rules) in enumerate(plan):
        tp = hints[name]
        namespace[f"_c{position}"] = type_check
        missing = f"is required by {cls.__name__} but missing"
        namespace[f"_m{position}"] = Problem(path=(name,), message=missing)
        test = _fast_test(tp, "value", namespace, f"_t{position}", type_check)
        rules = _rule_lines(name, tp, value_rules, namespace, f"_r{position}", "            ")
        lines += [
            f"    value = obj.{name}",
            "    if value is _MISSING:",
            f"        problems.append(_m{position})",
            "    else:",
            f"        found = None if {test} else _c{position}(value)",
            "        if found is not None:",
            f"            problems += [problem.under({name!r}) for problem in found]",
        ]
        if rules:
            lines += ["        elif value is not None:", *rules]
    lines.append("    return problems")
    return _compiled(lines, namespace, "field_problems", cls)


def _generate_raw_rule_problems(cls: type) -> Callable[[Mapping[str, Any], set[Any]], list[Problem]]:
    plan = _plan(cls)
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"_date": date, "_Problem": Problem}
    lines = ["def raw_rule_problems(data, skip):", "    problems = []"]
    for position, (name, type_check, value_rules) in enumerate(plan):
        if not value_rules:
            continue
        tp = hints[name]
        namespace[f"_c{position}"] = type_check
        test = _fast_test(tp, "value", namespace, f"_t{position}", type_check)
        needed = _instance_needed(tp)  # without it, the check fails: its message is not worth making
        slow = f"_c{position}(value) is None"
        if needed is not None:
            namespace[f"_n{position}"] = needed
            slow = f"(isinstance(value, _n{position}) and {slow})"
        lines += [
            f"    value = data.get({name!r})",
            f"    if value is not None and {name!r} not in skip and ({test} or {slow}):",
            *_rule_lines(name, tp, value_rules, namespace, f"_r{position}", "        "),
        ]
    lines.append("    return problems")
    return _compiled(lines, namespace, "raw_rule_problems", cls)


def _instance_needed(tp: Any) -> type | None:
    """A class a value must be an instance of to pass the type check of ``tp`` (other than None)."""
    args = typing.get_args(tp)
    if _is_union(tp):
        others = [arg for arg in args if arg is not type(None)]
        return _instance_needed(others[0]) if len(others) == 1 else None
    if typing.get_origin(tp) is tuple:
        return tuple
    if isinstance(tp, type) and (issubclass(tp, (enum.Enum, date)) or attrs.has(tp)):
        return tp
    return None


def _compiled(
    lines: list[str], namespace: dict[str, Any], name: str, cls: type
) -> Callable[..., list[Problem]]:
    exec(compile("\n".join(lines), f"<conflictkit {name} {cls.__qualname__}>", "exec"), namespace)
    function: Callable[..., list[Problem]] = namespace[name]
    return function


# --- the fast path: one generated function per class ----------------------------------------------
#
# Walking the plan above costs several calls per field, paid by every instance ever made. Valid
# instances are the common case, so each class also gets a generated function that inlines the
# checks and only answers "every field is fine". It may be stricter than the plan (a ``str``
# subclass, say, is left to the plan), never looser: when it says no, the plan decides and words
# the problems.

Accepts = Callable[[Any], bool]

_ACCEPTS: dict[type, Accepts] = {}


def _accepts(cls: type) -> Accepts:
    accepts = _ACCEPTS.get(cls)
    if accepts is None:
        _require_attrs(cls)
        with BUILD_LOCK:
            accepts = _ACCEPTS.get(cls)
            if accepts is None:
                accepts = remember(_ACCEPTS, cls, _generate_accepts(cls))
    return accepts


def _require_attrs(cls: type) -> None:
    # A subclass that attrs did not build and that its class statement did not reveal as such
    # (one made with type(), say) is refused the first time an instance is made.
    if "__attrs_attrs__" in cls.__dict__:
        return
    base = next(parent for parent in cls.__mro__ if "__attrs_attrs__" in parent.__dict__)
    raise DefinitionError(
        f"{cls.__module__}.{cls.__qualname__} subclasses {base.__name__}, but attrs did not build it, "
        "so its own fields would be neither set nor checked: decorate it with @attrs.frozen(kw_only=True)"
    )


def _generate_accepts(cls: type) -> Accepts:
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"_date": date}
    lines = ["def accepts(obj):"]
    for position, (name, type_check, value_rules) in enumerate(_plan(cls)):
        test = _fast_test(hints[name], "value", namespace, f"_t{position}", type_check)
        lines.append(f"    value = obj.{name}")
        lines.append(f"    if not ({test}):")
        lines.append("        return False")
        if value_rules:
            nullable = _is_union(hints[name]) and type(None) in typing.get_args(hints[name])
            rejects = [  # the type test has made sure of the value's type
                _fast_reject(rule, hints[name], namespace, f"_r{position}_{index}")
                for index, rule in enumerate(value_rules)
            ]
            guard = "value is not None and " if nullable else ""  # rules skip a missing value
            lines.append(f"    if {guard}({' or '.join(rejects)}):")
            lines.append("        return False")
    lines.append("    return True")
    source = "\n".join(lines)
    exec(compile(source, f"<conflictkit accepts {cls.__qualname__}>", "exec"), namespace)
    accepts: Accepts = namespace["accepts"]
    return accepts


def _fast_test(tp: Any, var: str, namespace: dict[str, Any], key: str, slow: Check) -> str:
    """A Python expression that is true only if ``var`` passes the type check of ``tp``."""
    if tp is str:  # the exact type; non-ASCII text must have no lone surrogate, as _check_str says
        namespace["_surrogate"] = _SURROGATE
        return f"({var}.__class__ is str and ({var}.isascii() or _surrogate.search({var}) is None))"
    if tp is int:  # the exact type (bool is not an int), within the range _check_int allows
        return f"({var}.__class__ is int and {-MAX_SAFE_INTEGER} <= {var} <= {MAX_SAFE_INTEGER})"
    if tp is float:  # an int within 2**53 is a float; ``x - x`` is 0.0 for every float but NaN and inf
        return (
            f"(({var}.__class__ is int and {-MAX_SAFE_INTEGER} <= {var} <= {MAX_SAFE_INTEGER})"
            f" or ({var}.__class__ is float and {var} - {var} == 0.0))"
        )
    if tp is bool:
        return f"({var} is True or {var} is False)"
    if tp is date:
        return f"{var}.__class__ is _date"
    args = typing.get_args(tp)
    if _is_union(tp):
        options = [
            _fast_test(arg, var, namespace, f"{key}_{index}", compile_type_check(arg))
            for index, arg in enumerate(args)
            if arg is not type(None)
        ]
        if len(options) < len(args):
            options.insert(0, f"{var} is None")
        return f"({' or '.join(options)})"
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = f"{var}_"
        item_test = _fast_test(args[0], item, namespace, f"{key}_item", compile_type_check(args[0]))
        return f"({var}.__class__ is tuple and (not {var} or all([{item_test} for {item} in {var}])))"
    namespace[key] = tp
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{var}.__class__ is {key}"
    if isinstance(tp, type) and attrs.has(tp):
        return f"isinstance({var}, {key})"
    namespace[key] = slow  # anything else is left to the plan's own check
    return f"{key}({var}) is None"


def _fast_reject(rule: Rule, tp: object, namespace: dict[str, Any], key: str) -> str:
    """A Python expression that is true when ``rule`` rejects ``value``, the rule inlined if known.

    ``tp`` is the field's annotation, whose type test has already passed: it tells when ``value``
    is sure to be a string, or a tuple of strings, so that a text rule can be inlined.
    """
    pattern = getattr(rule, _PATTERN_ATTRIBUTE, None)
    if pattern is not None:
        namespace[key] = pattern
        return f"{key}.fullmatch(value) is None"
    if rule is non_negative:
        return "value < 0"
    if rule is non_empty and tp in (str, str | None):
        # Blank as str.strip() sees it (the same whitespace), without copying the string.
        return "(not value or value.isspace())"
    item_rule = getattr(rule, _ITEM_RULE_ATTRIBUTE, None)
    if item_rule is not None and tp in (tuple[str, ...], tuple[str, ...] | None):
        item_pattern = getattr(item_rule, _PATTERN_ATTRIBUTE, None)
        if item_pattern is not None:  # every item matched in C, no frame per item
            namespace[key] = item_pattern.fullmatch
            return f"not all(map({key}, value))"
        if item_rule is non_empty:
            return '("" in value or any(map(str.isspace, value)))'
    namespace[key] = rule
    return f"{key}(value) is not None"


# --- what construction accepts beyond the annotations -----------------------------------------------


class _Missing:
    """The value of a required field left out of a constructor call, until validation reports it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


MISSING: Any = _Missing()
"""Stands in for a required argument the caller left out (see :func:`allow_missing_arguments`).

A required field's parameter defaults to it, so that a constructor call that leaves out several
fields reaches validation, which names them all in one :class:`ValidationError`, instead of
failing with Python's ``TypeError`` for the call. No instance ever keeps it.
"""


def allow_missing_arguments(cls: type) -> None:
    """Let ``cls``'s attrs-generated ``__init__`` take calls that leave out required fields.

    The parameters of required fields default to :data:`MISSING`; the signature shown by
    ``help()`` and :func:`inspect.signature` stays the one attrs generated. Fields with their own
    attrs converter or validator keep Python's error, since those would run on the placeholder.
    The generated function belongs to ``cls`` alone, so no other class is affected.
    """
    init = cls.__dict__.get("__init__")
    if not isinstance(init, types.FunctionType) or not init.__code__.co_filename.startswith(
        "<attrs generated"
    ):
        return  # the class's own __init__, or one inherited: not ours to change
    signature = inspect.signature(init)
    plain = {
        field.alias
        for field in fields_of(cls)
        if field.init and _only_lists_converted(field) and field.validator is None
    }
    keyword_defaults = dict(init.__kwdefaults__ or {})
    positional: list[Any] = []
    for parameter in list(signature.parameters.values())[1:]:  # after self
        default = parameter.default
        if default is inspect.Parameter.empty and parameter.name in plain:
            default = MISSING
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            if default is not inspect.Parameter.empty:
                keyword_defaults[parameter.name] = default
        elif default is inspect.Parameter.empty:
            positional.clear()  # only the trailing positional parameters can have defaults
        else:
            positional.append(default)
    init.__signature__ = signature  # type: ignore[attr-defined]  # functions take attributes
    init.__kwdefaults__ = keyword_defaults
    init.__defaults__ = tuple(positional) or None
    type.__setattr__(cls, "__init__", _reporting_unknown_keywords(cls, init))


def _reporting_unknown_keywords(cls: type, init: Callable[..., None]) -> Callable[..., None]:
    """``init``, which reports an unknown keyword (``casualites=``) as a :class:`ValidationError`.

    The error names every unknown keyword, with the field it may stand for, and every problem
    of the other arguments, as one error.
    """
    names = frozenset(field.alias for field in fields_of(cls) if field.init)

    @functools.wraps(init)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except TypeError:
            unknown = [key for key in kwargs if key not in names]
            if not unknown:
                raise
            known = sorted(name for name in names if name is not None)
            problems = [
                Problem(path=(key,), message=f"is not a field of {cls.__name__}{did_you_mean(key, known)}")
                for key in unknown
            ]
            try:
                init(self, *args, **{key: value for key, value in kwargs.items() if key in names})
            except ValidationError as error:
                problems.extend(error.problems)
            raise ValidationError(problems) from None

    return __init__


_TUPLE_CONVERTERS: set[object] = set()

_Converter = TypeVar("_Converter", bound=Callable[..., Any])


def as_tuple(value: Any) -> Any:
    """A list, as a tuple; anything else unchanged, for the field's check to judge.

    >>> from conflictkit.core.validation import as_tuple
    >>> as_tuple(["a", "b"]), as_tuple(("a",)), as_tuple("ab")
    (('a', 'b'), ('a',), 'ab')
    """
    return tuple(value) if isinstance(value, list) else value


def tuple_converter(function: _Converter) -> _Converter:
    """Register ``function`` as a converter for a tuple field that only turns lists into tuples.

    Such a converter, named and typed for its items (``def strings(value: list[str] |
    tuple[str, ...]) -> tuple[str, ...]``), is what the attrs mypy plugin reads to let callers
    pass lists (it supports neither generic converters nor calls, and types a decorated
    converter as ``Any``: register it with a call after its definition). Construction treats a field
    with such a converter as one without: a missing argument is reported with the other problems,
    and the generated loaders, which give tuples, still build the record directly.
    """
    _TUPLE_CONVERTERS.add(function)
    return function


def _only_lists_converted(field: attrs.Attribute[Any]) -> bool:
    """Whether ``field`` has no converter, or one marked with :func:`tuple_converter`."""
    return field.converter is None or field.converter in _TUPLE_CONVERTERS


def _sequences_as_tuples(obj: Any) -> None:
    """Store a tuple in every tuple field given another sequence (a list); leave anything else.

    Records stay immutable and hashable, and callers may pass the lists they have. Text is not a
    sequence of items here: a string stays a string, for the type check to refuse.
    """
    names = _SEQUENCE_FIELDS.get(obj.__class__)
    for name in _sequence_fields(obj.__class__) if names is None else names:
        value = getattr(obj, name)
        if (
            value.__class__ is not tuple
            and isinstance(value, Sequence)
            and not isinstance(value, (str, bytes, bytearray))
        ):
            object.__setattr__(obj, name, tuple(value))  # the instance is still being built


def validate(
    obj: Any, cross_field: Callable[[], Iterator[Problem]], holds: Callable[[Any], bool] | None = None
) -> None:
    """Raise one :class:`ValidationError` with every field problem of ``obj``.

    ``cross_field`` yields the problems that involve several fields; it only runs once every field
    is of the right type, so it can rely on the annotations. ``holds``, when given, is a predicate
    true only if ``cross_field`` would yield nothing: when it says so, ``cross_field`` is not run.

    Construction accepts two things its annotations do not say: any sequence for a tuple field
    (stored as a tuple), and a call that leaves out required fields (reported here, all of them).
    Loading JSON never relies on either: its hooks build tuples from JSON arrays only, and report
    missing keys themselves.
    """
    accepts = _ACCEPTS.get(obj.__class__) or _accepts(obj.__class__)
    if not accepts(obj):
        _sequences_as_tuples(obj)
        problems = field_problems(obj)
        if problems:
            raise ValidationError(problems)
    if holds is not None and holds(obj):
        return
    problems = list(cross_field())
    if problems:
        raise ValidationError(problems)


def duplicate_problems(items: tuple[Any, ...], name: str) -> Iterator[Problem]:
    """A problem at ``(name, index)`` for every item of ``items`` that repeats an earlier one."""
    seen: set[Any] = set()
    for index, item in enumerate(items):
        if item in seen:
            value = item.value if isinstance(item, enum.Enum) else item
            yield Problem(path=(name, index), message=f"{shown(value)} is listed more than once")
        seen.add(item)
