"""Generated check-and-build functions: the fast path that loads plain JSON values into records.

Loading a record used to take several steps per object: cattrs' generated function dispatched
every field to its hook, attrs' ``__init__`` stored the fields, and the construction check walked
them again. For each class, this module generates one function that, in a single pass over the
fields, converts each JSON value (enums, dates, nested values, tuples), checks it against the
field's type and value rules (the same inlined tests as the construction check, see
:mod:`conflictkit.core.validation`), stores it, and finally runs the class's cross-field rules.

It only ever answers "here is the instance" or raises: it never words a problem. When it raises,
for whatever reason, the caller loads the same input again with the detailed converter, which
reports every problem with its path. So it may refuse more than the rules do (a ``str`` subclass,
a ``list`` subclass: the detailed path accepts them and builds the same instance), never less, and
the instances it builds are the ones construction would build.

The detailed converter has a second generated function per class (:func:`generate_detailed_loader`):
the same single pass, which on a field the inline code does not accept calls that field's hook (the
one cattrs' detailed function would call), collects the problems it raises under the field's name
and goes on with the next field, and which words a broken value or cross-field rule by running the
construction check on the instance. It reports the problems cattrs' detailed function and the
converter's wording of it would report, in the same order, without cattrs' nested exception
groups, and without structuring the fields that are right a second time.

Functions are generated from the classes on first use, so a user's subclass is loaded this way
without writing anything. A class this module cannot build directly (one with its own
``__attrs_post_init__``, a converter or validator on a field, a factory default, slots beyond its
fields) gets no function, and cattrs' generated function is used for it, as before.
"""

from __future__ import annotations

import enum
import re
import threading
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from conflictkit.core.errors import Problem, ValidationError
from conflictkit.core.model import TAG_KEY, Model, class_for_tag, cross_field_check, has_cross_field_rules
from conflictkit.core.validation import (
    RULES_KEY,
    _fast_reject,
    _fast_test,
    _only_lists_converted,
    compile_type_check,
    fields_of,
)
from conflictkit.records.record import Record

__all__ = [
    "FAILED",
    "Rejected",
    "buildable",
    "generate_detailed_loader",
    "generate_dispatch",
    "generate_loader",
    "is_own_hook",
    "own_hook",
]

Loader = Callable[..., Any]
"""A generated function: ``load(data)`` returns the instance, or raises."""

Lookup = Callable[[type], "Loader | None"]
"""Finds the generated loader of a nested class (``None`` if it has none)."""

Word = Callable[[BaseException, "str | None"], "list[Problem]"]
"""Words an exception a field's hook raised (or construction, for ``None``) as problems under the field."""

Direct = Callable[[type], "tuple[Loader, frozenset[str]] | None"]
"""The detailed loader of a class and the keys it takes, where its hook would just call that loader."""

Explain = Callable[[BaseException], "list[Problem]"]
"""Words any exception raised while structuring a value as problems with paths relative to the value."""

RuleProblems = Callable[[type, Any, "set[Any]"], "list[Problem]"]
"""The value-rule problems of the raw values of fields not in the set (see ``raw_rule_problems``)."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PRIMITIVES = (str, int, float, bool, type(None))
_SEQUENCES = (list, tuple)
_generating = threading.local()  # the classes whose loader is being generated, to break cycles


class Rejected(Exception):
    """Raised by a generated loader that does not accept its input: the detailed path decides."""


_OWN = "__conflictkit_hook__"

HookT = typing.TypeVar("HookT", bound=Callable[..., Any])


def own_hook(hook: HookT) -> HookT:
    """Mark ``hook`` as one of conflictkit's own structure hooks, and return it.

    A generated loader does the work of conflictkit's own hooks inline; a hook a user registered
    on the converter instead is called, never bypassed.
    """
    setattr(hook, _OWN, True)
    return hook


def is_own_hook(hook: Any) -> bool:
    """Whether ``hook`` is one of conflictkit's own structure hooks (see :func:`own_hook`)."""
    return getattr(hook, _OWN, False) is True


def _load_date(value: Any) -> date:
    if value.__class__ is str and _DATE.fullmatch(value):
        return date.fromisoformat(value)  # a malformed date raises ValueError, which rejects too
    raise Rejected


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _is_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_primitive(tp: Any) -> bool:
    if _is_union(tp):
        return all(arg in _PRIMITIVES for arg in typing.get_args(tp))
    return tp in _PRIMITIVES


def buildable(cls: type) -> bool:
    """Whether instances of ``cls`` can be built by setting their slots directly.

    That skips ``__init__``, so it is only done where ``__init__`` would do nothing more than store
    the fields and run :class:`~conflictkit.core.model.Model`'s construction check.
    """
    if not (isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)):
        return False
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is not Model.__attrs_post_init__ or hasattr(cls, "__attrs_pre_init__"):
        return False
    fields = fields_of(cls)
    for field in fields:
        if not field.init or not _only_lists_converted(field) or field.validator is not None:
            return False
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            return False
        if not isinstance(getattr(cls, field.name, None), types.MemberDescriptorType):
            return False
    slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())}
    return slots - {"__weakref__"} == {field.name for field in fields}


def _default_is_valid(field: attrs.Attribute[Any], tp: Any) -> bool:
    default = field.default
    if compile_type_check(tp)(default) is not None:
        return False
    if default is None:
        return True
    return all(rule(default) is None for rule in field.metadata.get(RULES_KEY, ()))


class _Generator:
    """Writes the source of one class's loader; ``namespace`` collects the names it refers to."""

    def __init__(self, hook_for: Callable[[Any], Any], lookup: Lookup, exact_enums: bool = False) -> None:
        self.hook_for = hook_for
        self.lookup = lookup
        # A loader looks enum values up by equality, so it takes a str subclass the hook refuses;
        # a detailed loader, which must refuse what the hook refuses, tests for str first.
        self.exact_enums = exact_enums
        self.namespace: dict[str, Any] = {"_Rejected": Rejected, "_load_date": _load_date, "_tuple": tuple}
        self.counter = 0

    def name(self, value: Any, prefix: str) -> str:
        self.counter += 1
        key = f"_{prefix}{self.counter}"
        self.namespace[key] = value
        return key

    def expression(self, tp: Any, var: str) -> tuple[str, str | None]:
        """An expression converting the JSON value ``var`` to ``tp``, and a test it must pass first.

        The expression raises when it cannot convert; the test (``None`` if there is none) is true
        only if ``var`` already has the right type, for values that need no conversion.
        """
        hook = self.hook_for(tp)
        if not is_own_hook(hook):  # a hook the user registered: it decides
            return f"{self.name(hook, 'h')}({var}, {self.name(tp, 'c')})", None
        if _is_primitive(tp):
            return var, _fast_test(tp, var, self.namespace, self.name(None, "t"), compile_type_check(tp))
        args = typing.get_args(tp)
        if _is_union(tp) and type(None) in args and len(args) == 2:
            inner, test = self.expression(next(arg for arg in args if arg is not type(None)), var)
            guarded_test = None if test is None else f"({var} is None or {test})"
            return (var if inner == var else f"(None if {var} is None else {inner})"), guarded_test
        if _is_tuple(tp):
            item = f"{var}_"
            inner, test = self.expression(args[0], item)
            shape = f"({var}.__class__ is list or {var}.__class__ is tuple)"
            items_ok = "" if test is None else f" and all([{test} for {item} in {var}])"
            if inner == item:
                return f"_tuple({var})", f"({shape}{items_ok})"
            call = re.fullmatch(rf"(_[a-z]+[0-9]+)\({item}\)", inner)  # one function of the item
            if call:
                return f"_tuple(map({call[1]}, {var}))", shape
            return f"_tuple([{inner} for {item} in {var}])", f"({shape}{items_ok})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            # Only string values can come from JSON; members with other values are left to the
            # detailed path, which refuses them with its message.
            members = {member.value: member for member in tp if isinstance(member.value, str)}
            exact = f"{var}.__class__ is str" if self.exact_enums else None
            return f"{self.name(members, 'e')}[{var}]", exact
        if tp is date:
            return f"_load_date({var})", None
        nested = self.lookup(tp) if isinstance(tp, type) and not issubclass(tp, Record) else None
        if nested is None:
            return f"{self.name(self.hook_for(tp), 'h')}({var}, {self.name(tp, 'c')})", None
        # The nested loader hands anything but an untagged object to the converter's hook itself.
        return f"{self.name(nested, 'l')}({var})", None

    def field_lines(self, field: attrs.Attribute[Any], tp: Any, descriptor: Any) -> list[str]:
        name = field.name
        expression, test = self.expression(tp, "value")
        required = field.default is attrs.NOTHING
        lines = [f"    value = data[{name!r}]" if required else f"    if {name!r} in data:"]
        body = "    " if required else "        "
        if not required:
            lines.append(f"{body}value = data[{name!r}]")
        if test is not None:
            lines += [f"{body}if not {test}:", f"{body}    raise _Rejected"]
        if expression != "value":
            lines.append(f"{body}value = {expression}")
        if not required:
            lines += ["    else:", f"        value = {self.name(field.default, 'd')}"]
        value_rules = field.metadata.get(RULES_KEY, ())
        if value_rules:
            rejects = [_fast_reject(rule, tp, self.namespace, self.name(rule, "r")) for rule in value_rules]
            guard = "value is not None and " if type(None) in typing.get_args(tp) else ""  # as the check
            lines += [f"    if {guard}({' or '.join(rejects)}):", "        raise _Rejected"]
        # The slot's own setter: what attrs' __init__ does for frozen classes, without a call.
        lines.append(f"    {self.name(descriptor.__set__, 's')}(instance, value)")
        return lines

    def detailed_field_lines(self, field: attrs.Attribute[Any], tp: Any, descriptor: Any) -> list[str]:
        """Structure one field for a detailed loader: inline first, then its hook, which words a failure."""
        name = field.name
        hook = f"{self.name(self.hook_for(tp), 'h')}, raw, {self.name(tp, 'c')}, {name!r}, problems"
        expression, test = self.expression(tp, "raw")
        lines = [f"    if {name!r} in data:", f"        raw = data[{name!r}]"]
        each = re.fullmatch(r"_tuple\(map\((_l[0-9]+), raw\)\)", expression)
        if each is not None and is_own_hook(self.hook_for(tp)):
            # A list of values, each with its loader: the items the loader builds are kept, and
            # only the others are handed to their hook, as the list's hook would.
            item = typing.get_args(tp)[0]
            item_hook = f"{self.name(self.hook_for(item), 'h')}, {self.name(item, 'c')}"
            lines.append(f"        value = _items({each[1]}, {item_hook}, {hook})")
        elif test is None and _HOOK_CALL.fullmatch(expression):  # the hook itself: called once
            lines.append(f"        value = _slow({hook})")
        else:
            lines.append("        try:")
            if test is not None:
                lines += [f"            if not {test}:", "                raise _Rejected"]
            lines += [
                f"            value = {expression}",
                "        except Exception:",  # refused inline: the hook decides, and words why
                "            value = _FAILED",
                "        if value is _FAILED:",
                f"            value = _slow({hook})",
            ]
            if _has_enum(tp):  # the hook may refuse what the loader takes: see ``refuse``
                lines.append("            retry = True")
        lines.append("    else:")
        if field.default is attrs.NOTHING:
            missing = self.name(Problem(path=(name,), message="is required but missing"), "m")
            lines += [f"        problems.append({missing})", "        value = _FAILED"]
        else:
            lines.append(f"        value = {self.name(field.default, 'd')}")
        lines.append(f"    {self.name(descriptor.__set__, 's')}(instance, value)")
        return lines

    def rule_lines(self, field: attrs.Attribute[Any], tp: Any) -> list[str]:
        """Raise if a value rule refuses the field's value, read back from the built instance."""
        value_rules = field.metadata.get(RULES_KEY, ())
        if not value_rules:
            return []
        rejects = [_fast_reject(rule, tp, self.namespace, self.name(rule, "r")) for rule in value_rules]
        guard = "value is not None and " if type(None) in typing.get_args(tp) else ""
        return [
            f"    value = instance.{field.name}",
            f"    if {guard}({' or '.join(rejects)}):",
            "        raise _Rejected",
        ]


def generate_loader(cls: type, hook_for: Callable[[Any], Any], lookup: Lookup) -> Loader | None:
    """The generated loader of ``cls``, or ``None`` if it cannot be built directly (see above).

    ``hook_for(tp)`` is the converter's structure hook for a field type the loader does not handle
    itself (records, which carry type tags, and any type other than conflictkit's own); ``lookup``
    finds the loaders of nested value types.
    """
    if not buildable(cls):
        return None
    generating: set[type] = _generating.__dict__.setdefault("classes", set())
    if cls in generating:
        return None  # a class nested in itself: the converter's hook loads the inner ones
    generating.add(cls)
    try:
        return _generate(cls, hook_for, lookup)
    finally:
        generating.discard(cls)


def _generate(cls: type, hook_for: Callable[[Any], Any], lookup: Lookup) -> Loader | None:
    hints = typing.get_type_hints(cls)
    fields = fields_of(cls)
    if any(
        field.default is not attrs.NOTHING and not _default_is_valid(field, hints[field.name])
        for field in fields
    ):
        return None
    generator = _Generator(hook_for, lookup)
    allowed = generator.name(frozenset({TAG_KEY, *(field.name for field in fields)}), "keys")
    new = generator.name(object.__new__, "new")
    klass = generator.name(cls, "cls")
    hook = generator.name(hook_for(cls), "hook")
    lines = [
        # Called by the converter's hook, ``target`` is the class the hook resolved; called
        # directly for a nested value, anything but an untagged object goes to the hook, which
        # resolves type tags (a subclass) and refuses what is not an object.
        "def load(data, target=None):",
        f"    if target is None and (data.__class__ is not dict or {TAG_KEY!r} in data):",
        f"        return {hook}(data, {klass})",
        f"    if not {allowed}.issuperset(data):",
        "        raise _Rejected",
        f"    instance = {new}({klass})",
    ]
    for field in fields:
        lines += generator.field_lines(field, hints[field.name], getattr(cls, field.name))
    if has_cross_field_rules(cls):
        holds = generator.name(cross_field_check(cls), "holds")
        lines += [f"    if not {holds}(instance):", "        raise _Rejected"]
    lines.append("    return instance")
    source = "\n".join(lines)
    exec(compile(source, f"<conflictkit loader {cls.__qualname__}>", "exec"), generator.namespace)
    loader: Loader = generator.namespace["load"]
    return loader


def _has_enum(tp: Any) -> bool:
    if isinstance(tp, type):
        return issubclass(tp, enum.Enum)
    return any(_has_enum(arg) for arg in typing.get_args(tp))


class _Failed:
    """The type of :data:`FAILED`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Any = _Failed()
"""What a detailed loader given a list for its problems returns when it adds to it; inside one,
the value of a field whose hook raised, while the other fields are structured."""
_FAILED = FAILED
_HOOK_CALL = re.compile(r"_h[0-9]+\(raw, _c[0-9]+\)")  # an expression that only calls a hook


def generate_detailed_loader(
    cls: type,
    hook_for: Callable[[Any], Any],
    lookup: Lookup,
    word: Word,
    explain: Explain,
    rule_problems: RuleProblems,
    direct: Direct,
) -> Loader | None:
    """The detailed converter's generated function for ``cls``, or ``None`` where there is no loader.

    ``load(data, target, out=None)`` takes an object whose keys are all fields of ``cls`` (the
    converter's hook refuses unknown keys first) and returns the instance, or raises one
    :class:`~conflictkit.ValidationError` with every problem, as cattrs' detailed function for the
    class and the converter's wording of its errors would: a problem for every field whose hook
    raises (``word(exc, name)``), in the order of the fields, or "is required but missing" for an
    absent required field, then the value rules the other fields' raw values break
    (``rule_problems``); or, every field structured, the construction check's problems (``word(exc,
    None)``) followed by those value rules. Given a list as ``out``, it adds the problems to it
    and returns :data:`FAILED` instead of raising.

    ``hook_for`` and ``lookup`` are as for :func:`generate_loader`, whose inline conversions and
    checks each field tries first: the hook runs only for a value they do not take; in a list of
    values, only for the items their loader does not take, each item's problems (``explain(exc)``)
    put under its index, as the list's hook does. ``direct(item_class)`` gives the detailed loader
    and the keys of the class of such items, when the hook would call that loader for an object
    without type tag and unknown keys (``None`` otherwise): then it is called without the hook.
    """
    if not buildable(cls) or any(field.alias != field.name for field in fields_of(cls)):
        return None
    hints = typing.get_type_hints(cls)
    fields = fields_of(cls)
    if any(
        field.default is not attrs.NOTHING and not _default_is_valid(field, hints[field.name])
        for field in fields
    ):
        return None
    plain = lookup(cls)
    if plain is None:
        return None
    generator = _Generator(hook_for, lookup, exact_enums=True)
    namespace = generator.namespace
    post_init = cls.__attrs_post_init__  # type: ignore[attr-defined]  # buildable: Model's own check

    def slow(hook: Callable[[Any, Any], Any], raw: Any, tp: Any, name: str, problems: list[Problem]) -> Any:
        try:
            return hook(raw, tp)
        except Exception as exc:  # whatever a hook raises is worded, as cattrs' function collects it
            problems += word(exc, name)
            return _FAILED

    def items(
        load: Loader,
        item_hook: Callable[[Any, Any], Any],
        item_type: Any,
        hook: Callable[[Any, Any], Any],
        raw: Any,
        tp: Any,
        name: str,
        problems: list[Problem],
    ) -> Any:
        if raw.__class__ is not list and raw.__class__ is not tuple:
            return slow(hook, raw, tp, name, problems)  # the list's hook says what it is instead
        built = []
        found: list[Problem] = []
        for index, item in enumerate(raw):
            try:
                built.append(load(item))
                continue
            except Exception:  # refused by the loader: the item's hook decides, and words why
                pass
            own = direct(item_type) if item.__class__ is dict and TAG_KEY not in item else None
            if own is not None and own[1].issuperset(item):  # what the hook would do, unwrapped
                inner: list[Problem] = []
                result = own[0](item, item_type, inner)
                if result is not _FAILED:
                    built.append(result)
                    continue
                found += [problem.under(name, index) for problem in inner]
                continue
            try:
                built.append(item_hook(item, item_type))
            except Exception as exc:
                found += [problem.under(name, index) for problem in explain(exc)]
        if found:
            problems += found
            return _FAILED
        return tuple(built)

    def refuse(problems: list[Problem], data: Any, retry: bool, out: list[Problem] | None) -> Any:
        if retry:  # an enum value the hook refused (a str subclass, say): as before, the loader may build it
            try:
                return plain(data, cls)
            except Exception:
                pass
        failed = {problem.path[0] for problem in problems if problem.path}
        problems += rule_problems(cls, data, failed)
        if out is None:
            raise ValidationError(problems)
        out += problems
        return _FAILED

    def construct(instance: Any, data: Any, retry: bool, out: list[Problem] | None) -> Any:
        # Every field has its type; a value or cross-field rule said no (or the inline tests were
        # stricter than the rules): the construction check decides, and words what it refuses.
        try:
            post_init(instance)
        except Exception as exc:
            problems = word(exc, None)
        else:
            return instance
        return refuse(problems, data, retry, out)

    namespace.update(_new=object.__new__, _cls=cls, _slow=slow, _items=items)
    namespace.update(_refuse=refuse, _construct=construct)
    namespace["_FAILED"] = _FAILED
    lines = ["def load(data, target=None, out=None):", "    problems = []", "    retry = False"]
    lines.append("    instance = _new(_cls)")
    rule_lines: list[str] = []
    for field in fields:
        tp = hints[field.name]
        lines += generator.detailed_field_lines(field, tp, getattr(cls, field.name))
        rule_lines += generator.rule_lines(field, tp)
    if has_cross_field_rules(cls):
        holds = generator.name(cross_field_check(cls), "holds")
        rule_lines += [f"    if not {holds}(instance):", "        raise _Rejected"]
    lines += ["    if problems:", "        return _refuse(problems, data, retry, out)"]
    if rule_lines:
        lines += [
            "    try:",
            *(f"    {line}" for line in rule_lines),
            "    except Exception:",
            "        pass",
            "    else:",
            "        return instance",
            "    return _construct(instance, data, retry, out)",
        ]
    else:
        lines.append("    return instance")
    source = "\n".join(lines)
    exec(compile(source, f"<conflictkit detailed loader {cls.__qualname__}>", "exec"), namespace)
    loader: Loader = namespace["load"]
    return loader


def generate_dispatch(base: type, hook: Callable[[Any, Any], Any], lookup: Lookup) -> Callable[[Any], Any]:
    """A loader for values declared as ``base`` that picks the class from the value's type tag.

    A tag of a class with a generated loader goes straight to it; anything else (no tag, an
    unknown tag, a class without a loader, not an object) goes to the converter's ``hook``, which
    resolves or refuses it as usual. Tags are looked up in the registry on every call, so a class
    registered again under the same tag is never served by a stale entry.
    """
    known: dict[str, tuple[type, Loader]] = {}  # at most one entry per registered tag

    def load(data: Any) -> Any:
        if data.__class__ is dict:
            tag = data.get(TAG_KEY)
            if not isinstance(tag, str):
                return hook(data, base)
            entry = known.get(tag)
            if entry is not None and class_for_tag(tag) is entry[0]:
                return entry[1](data, entry[0])
            target = class_for_tag(tag)
            if target is not None and issubclass(target, base):
                loader = lookup(target)
                if loader is not None:
                    known[tag] = (target, loader)
                    return loader(data, target)
        return hook(data, base)

    return load
