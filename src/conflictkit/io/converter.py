"""Strict (de)serialisation to plain dicts and JSON, through conflictkit's own cattrs converter.

The converter never coerces: ``"false"`` is not ``True``, ``2.9`` is not an ``int`` and ``3`` is not
a ``str`` (the values pass through untouched and the records' own strict type checks reject them).
Unknown keys are rejected, dates are ISO 8601 strings, enums are written by value, and records carry
a type tag so that heterogeneous lists and fields typed as a base class load back as the right class.

Loading runs a fast path first; only when it fails is the input structured again with cattrs'
detailed validation, to report every problem with its JSON path in one
:class:`~conflictkit.ValidationError`.
"""

from __future__ import annotations

import enum
import functools
import json
import operator
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from conflictkit.core import registry, verbatim
from conflictkit.core.collector import collector_paused, nothing_to_pause
from conflictkit.core.errors import (
    PathSegment,
    Problem,
    SchemaVersionError,
    ValidationError,
    did_you_mean,
    one_of,
    with_article,
)
from conflictkit.core.model import TAG_KEY, Model, class_for_tag, registered_types, type_tag_of
from conflictkit.core.nesting import MAX_NESTING, may_nest, nesting_problems
from conflictkit.core.validation import compile_type_check, fields_of, raw_rule_problems, shown
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.io import fast_path
from conflictkit.io.generated_loaders import (
    FAILED,
    Loader,
    Rejected,
    generate_detailed_loader,
    generate_dispatch,
    generate_loader,
    is_own_hook,
    own_hook,
)
from conflictkit.io.migrations import migrate
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record

__all__ = [
    "configure_converter",
    "converter",
    "from_dict",
    "from_json",
    "make_converter",
    "to_dict",
    "to_json",
]

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]
# A class's structure function and the keys it accepts; no keys for a hook the user registered,
# which is handed the whole value.
Concrete = tuple[Hook, frozenset[str] | None]

_PRIMITIVES = (str, int, float, bool)
_ENUM_VALUE_TYPES = (str, int)  # the values an enum field may have (checked when a class is made)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_BUILT: Any = object()  # marks a class whose loader is not built yet (None means "none")
_DATASET_KEYS = frozenset({"schema_version", "title", "records"})


# --- problems from exceptions ----------------------------------------------------------------------


def problems_from_exception(exc: BaseException) -> list[Problem]:
    """Turn an exception raised while structuring into problems with paths.

    cattrs' detailed validation nests exceptions in groups whose notes name the attribute or index
    that failed; conflictkit's own errors already carry paths relative to where they were raised.
    """
    if isinstance(exc, ValidationError):
        return list(exc.problems)
    if isinstance(exc, BaseValidationError):
        found: list[Problem] = []
        for inner in exc.exceptions:
            segment = _note_segment(inner)
            inner_problems = problems_from_exception(inner)
            if segment is not None and isinstance(inner, KeyError) and not isinstance(inner, ValidationError):
                inner_problems = [Problem(message="is required but missing")]
            found.extend(p.under(segment) if segment is not None else p for p in inner_problems)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in fields_of(exc.cl)] if attrs.has(exc.cl) else []
        return [_unknown_key(key, known) for key in sorted(exc.extra_fields)]
    if isinstance(exc, RecursionError):
        return [Problem(message="is nested too deeply")]
    return [Problem(message=str(exc) or type(exc).__name__)]


def _field_problems(exc: BaseException, name: str | None) -> list[Problem]:
    """The problems of ``exc``, raised by the hook of field ``name`` (``None``: by construction).

    As :func:`problems_from_exception` words an exception in the group cattrs' detailed function
    raises, where cattrs has noted the field's name after the exception's own notes.
    """
    segment = _note_segment(exc)
    if segment is None:
        segment = name
    found = problems_from_exception(exc)
    if segment is None:
        return found
    if isinstance(exc, KeyError) and not isinstance(exc, ValidationError):
        found = [Problem(message="is required but missing")]
    return [problem.under(segment) for problem in found]


def _note_segment(exc: BaseException) -> PathSegment | None:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return name
        index = getattr(note, "index", None)
        if isinstance(index, int):
            return index
    return None


def _raise_collected(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


# --- structuring hooks -----------------------------------------------------------------------------


@own_hook
def _passthrough(value: Any, _: Any) -> Any:
    # The records' own construction-time checks decide whether the value has the right type, so
    # nothing is converted here and nothing can be coerced.
    return value


def _strict(tp: Any) -> Hook:
    check = compile_type_check(tp)

    def structure(value: Any, _: Any) -> Any:
        found = check(value)
        if found:
            raise ValidationError(found)
        return value

    return own_hook(structure)


@own_hook
def _structure_date(value: Any, _: Any) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValidationError.at(f"expected an ISO 8601 date 'YYYY-MM-DD', got {shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError.at(f"is not a real date: {shown(value)}") from None


def _enum_hook(cls: type[enum.Enum]) -> Hook:
    # Keyed by type and value: the int 2 is not "2", and True (which equals 1) is neither.
    members = {(member.value.__class__, member.value): member for member in cls}
    allowed = one_of([member.value for member in cls])
    words = [str(member.value) for member in cls]

    def structure(value: Any, _: Any) -> enum.Enum:
        if value.__class__ in _ENUM_VALUE_TYPES and (value.__class__, value) in members:
            return members[value.__class__, value]
        hint = did_you_mean(value, words)
        raise ValidationError.at(f"expected one of {allowed}, got {shown(value)}{hint}")

    return own_hook(structure)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model) and not issubclass(tp, Dataset)


def _is_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _differs_from(default: object) -> str:
    """The operator generated code uses to tell a field's value from its ``default``, when writing.

    A field holding its default is left out of what is written (``to_dict``, and the JSON text
    :mod:`conflictkit.io.json_text` writes, which must match it byte for byte): ``None`` and enum
    members are compared by identity, any other default by equality.
    """
    return "is not" if default is None or isinstance(default, enum.Enum) else "!="


class _Hooks:
    """The hooks of one converter.

    ``detailed`` converters collect every problem; ``keep_unknown`` ones load records with unknown
    type tags as :class:`~conflictkit.OpaqueRecord` instead of rejecting them.
    """

    def __init__(self, conv: cattrs.Converter, detailed: bool, keep_unknown: bool = False) -> None:
        self.conv = conv
        self.detailed = detailed
        self.keep_unknown = keep_unknown
        self._concrete_fns: dict[type, Concrete] = {}
        self._unstructure_fns: dict[type, Callable[[Any], dict[str, Any]]] = {}
        self._loaders: dict[type, Loader | None] = {}
        self._cattrs_fns: dict[type, Hook] = {}  # cattrs' functions, which word what a loader refuses
        self._dispatchers: dict[type, Callable[[Any], Any]] = {}
        self._detailed_loaders: dict[type, Loader] = {}  # the generated ones, by class (see direct)

    # unions and tuples

    def union(self, tp: Any) -> Hook:
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if all(member in _PRIMITIVES for member in members):
            if not self.detailed:
                return _passthrough
            # Check null separately so that the message names the same types as construction does.
            strict = _strict(functools.reduce(operator.or_, members))
            return own_hook(lambda value, _: None if value is None else strict(value, _))
        if len(members) == 1:
            inner = self.conv.get_structure_hook(members[0])
            target = members[0]
            return own_hook(lambda value, _: None if value is None else inner(value, target))
        raise TypeError(f"conflictkit cannot load the union {tp!r}; use a common base class")

    def sequence(self, tp: Any) -> Hook:
        item_type = typing.get_args(tp)[0]
        item_hook = self.conv.get_structure_hook(item_type)
        detailed = self.detailed

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise ValidationError.at(f"expected a list, got {type(value).__name__}")
            if not detailed:
                return tuple([item_hook(item, item_type) for item in value])
            items: list[Any] = []
            problems: list[Problem] = []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:
                    problems.extend(p.under(index) for p in problems_from_exception(exc))
            _raise_collected(problems)
            return tuple(items)

        return own_hook(structure)

    # models: type tags, unknown keys, then cattrs' generated function for the concrete class

    def model(self, cls: type[Model]) -> Hook:
        requires_tag = issubclass(cls, Record)
        concrete = self._concrete_fns

        def structure(value: Any, _: Any) -> Model:
            if not isinstance(value, dict):
                raise ValidationError.at(f"expected an object, got {type(value).__name__}")
            tag = value.get(TAG_KEY)
            # Value types carry no tag: skip resolving one for them, the common case.
            untagged = tag is None and not requires_tag and TAG_KEY not in value
            target = cls if untagged else self._resolve_tag(tag, cls, requires_tag)
            if target is OpaqueRecord:
                return _opaque(value)
            fn, allowed = concrete.get(target) or self._concrete(target)
            if allowed is None:  # the user's hook for the class the tag names
                return fn(value, target)  # type: ignore[no-any-return]
            if allowed.issuperset(value):
                try:
                    return fn(value, target)  # type: ignore[no-any-return]
                except Rejected:  # refused by a generated loader, which never words why: cattrs does
                    return self._cattrs_function(target)(value, target)  # type: ignore[no-any-return]
            unknown = [_unknown_key(key, allowed) for key in value if key not in allowed]
            if self.detailed:
                # The other problems, without the unknown keys (which cattrs' function ignores and
                # a generated loader refuses): a value right but for its unknown keys builds fast.
                known = {key: item for key, item in value.items() if key in allowed}
                try:
                    fn(known, target)
                except ValidationError as error:  # a detailed loader's: every problem, worded
                    unknown.extend(error.problems)
                except Exception as exc:
                    unknown.extend(self._all_problems(exc, target, known))
            raise ValidationError(unknown)

        def structure_detailed(value: Any, _: Any) -> Model:
            try:
                return structure(value, _)
            except ValidationError:
                raise
            except Exception as exc:
                untagged = TAG_KEY not in value and not requires_tag
                target = cls if untagged else self._resolve_tag(value.get(TAG_KEY), cls, requires_tag)
                raise ValidationError(self._all_problems(exc, target, value)) from None

        return own_hook(structure_detailed if self.detailed else structure)

    def _all_problems(self, exc: BaseException, cls: type[Model], value: dict[str, Any]) -> list[Problem]:
        problems = problems_from_exception(exc)
        failed = {problem.path[0] for problem in problems if problem.path}
        return problems + raw_rule_problems(cls, value, failed)

    def _resolve_tag(self, tag: Any, cls: type[Model], requires_tag: bool) -> type[Model]:
        if tag is None:
            if requires_tag:
                raise ValidationError.at(_missing_tag_message(cls), TAG_KEY)
            # "type": null is no tag at all; the JSON Schema refuses it too.
            raise ValidationError.at("expected a type tag string, got null", TAG_KEY)
        if not isinstance(tag, str):
            raise ValidationError.at(f"expected a type tag string, got {type(tag).__name__}", TAG_KEY)
        target = class_for_tag(tag)
        if target is None:
            if self.keep_unknown and issubclass(OpaqueRecord, cls):
                return OpaqueRecord
            hint = did_you_mean(tag, registered_types())
            raise ValidationError.at(f"unknown type tag {shown(tag)}{hint}", TAG_KEY)
        if not issubclass(target, cls):
            raise ValidationError.at(
                f"type tag {shown(tag)} is {with_article(target.__name__)}, which is not "
                f"{with_article(cls.__name__)}",
                TAG_KEY,
            )
        return target

    def _concrete(self, cls: type[Model]) -> Concrete:
        found = self._concrete_fns.get(cls)
        if found is None:
            with registry.LOCK:  # one build per class, even when many threads ask at once
                found = self._concrete_fns.get(cls)
                if found is None:
                    hook = self.conv.get_structure_hook(cls)
                    if not is_own_hook(hook):  # registered by the user: it takes precedence
                        return registry.remember(self._concrete_fns, cls, (hook, None))
                    loader = self._loader(cls)
                    if loader is None:
                        fn = self._cattrs_function(cls)
                    elif self.detailed:
                        fn = self._detailed(cls, loader)
                    else:
                        fn = loader
                    names = {field.name for field in fields_of(cls) if field.init}
                    found = registry.remember(self._concrete_fns, cls, (fn, frozenset({*names, TAG_KEY})))
        return found

    def _detailed(self, cls: type[Model], loader: Loader) -> Hook:
        # The generated detailed loader words the problems itself; cattrs' function, where there
        # is none, and for a type that may hold itself (see _loader_first).
        detailed = generate_detailed_loader(
            cls,
            self.conv.get_structure_hook,
            self._loader,
            _field_problems,
            problems_from_exception,
            raw_rule_problems,
            self.direct,
        )
        cattrs_function = self._cattrs_function(cls)
        if detailed is None:
            return _loader_first(loader, cattrs_function)
        registry.remember(self._detailed_loaders, cls, detailed)
        return _unless_nesting(detailed, cattrs_function)

    def direct(self, cls: type) -> tuple[Loader, frozenset[str]] | None:
        """The generated detailed loader of ``cls`` and the keys it takes, if the hook calls it.

        The hook of ``cls`` hands an untagged object with no unknown keys to that loader, unless
        ``cls`` may hold itself; so a caller holding such an object may call it directly (with a
        list for its problems: see :func:`~conflictkit.io.generated_loaders.generate_detailed_loader`).
        """
        allowed = (self._concrete_fns.get(cls) or self._concrete(cls))[1]
        detailed = self._detailed_loaders.get(cls)
        if detailed is None or allowed is None or may_nest(cls):
            return None
        return detailed, allowed

    def _cattrs_function(self, cls: type[Model]) -> Hook:
        found = self._cattrs_fns.get(cls)
        if found is None:
            with registry.LOCK:
                found = self._cattrs_fns.get(cls)
                if found is None:
                    fn = make_dict_structure_fn(
                        cls,
                        self.conv,
                        _cattrs_forbid_extra_keys=False,
                        _cattrs_detailed_validation=self.detailed,
                    )
                    found = registry.remember(self._cattrs_fns, cls, fn)
        return found

    def _loader(self, cls: type) -> Loader | None:
        # Each class is checked and built in one generated function (see
        # conflictkit.io.generated_loaders). The detailed converter tries it first too, and calls
        # cattrs' function, which words every problem, only for a value the loader does not build:
        # the valid parts of an invalid document are built as fast as a valid document.
        found = self._loaders.get(cls, _NOT_BUILT)  # one read: another thread may empty the cache
        if found is not _NOT_BUILT:
            return cast("Loader | None", found)
        with registry.LOCK:  # built once per class, even when many threads ask at once
            found = self._loaders.get(cls, _NOT_BUILT)
            if found is not _NOT_BUILT:
                return cast("Loader | None", found)
            generated = is_own_hook(self.conv.get_structure_hook(cls))
            loader = generate_loader(cls, self.conv.get_structure_hook, self._loader) if generated else None
            return registry.remember(self._loaders, cls, loader)

    def _load_record(self) -> Callable[[Any], Any]:
        return self.dispatch(Record)

    def dispatch(self, base: type) -> Callable[[Any], Any]:
        """The generated loaders of the records declared as ``base``, picked by type tag.

        See :func:`~conflictkit.io.generated_loaders.generate_dispatch`: they raise, without
        wording it, on what they do not build.
        """
        load = self._dispatchers.get(base)
        if load is None:
            with registry.LOCK:
                load = self._dispatchers.get(base)
                if load is None:
                    load = generate_dispatch(base, self.conv.get_structure_hook(base), self._loader)
                    registry.remember(self._dispatchers, base, load)
        return load

    def unstructure_model(self, cls: type[Model]) -> Callable[[Any], dict[str, Any]]:
        return self.unstructure_any_model

    def unstructure_any_model(self, obj: Model) -> dict[str, Any]:
        # Dispatch on the instance's own class, not the declared field type, so that a subclass
        # stored in a field typed as its base keeps its tag and its extra fields.
        cls = obj.__class__
        fn = self._unstructure_fns.get(cls)
        if fn is None:
            with registry.LOCK:  # one build per class, even when many threads ask at once
                fn = self._unstructure_fns.get(cls)
                if fn is None:
                    fn = registry.remember(self._unstructure_fns, cls, self._build_unstructure(cls))
        return fn(obj)

    def _build_unstructure(self, cls: type[Model]) -> Callable[[Any], dict[str, Any]]:
        if issubclass(cls, OpaqueRecord):
            return _opaque_data
        # One generated function per class writes the tag first, then the fields in declaration
        # order, leaving out those equal to their default. Plain values, enums, dates and tuples of
        # them are written inline; anything else goes through the converter's hook for its type,
        # so hooks registered on the converter still apply.
        fields = [field for field in fields_of(cls) if field.init]
        if any(isinstance(field.default, attrs.Factory) for field in fields):  # type: ignore[arg-type]
            body = make_dict_unstructure_fn(cls, self.conv, _cattrs_omit_if_default=True)
            tag = type_tag_of(cls)
            return body if tag is None else lambda obj: {TAG_KEY: tag, **body(obj)}
        hints = typing.get_type_hints(cls)
        namespace: dict[str, Any] = {}
        tag = type_tag_of(cls)
        first = f"    res = {{{TAG_KEY!r}: {tag!r}}}" if tag else "    res = {}"
        lines = ["def unstructure(instance):", first]
        for position, field in enumerate(fields):
            value = self._unstructure_expression(hints[field.name], "value", namespace, f"_h{position}")
            lines.append(f"    value = instance.{field.name}")
            if field.default is attrs.NOTHING:
                lines.append(f"    res[{field.name!r}] = {value}")
                continue
            namespace[f"_d{position}"] = field.default
            lines.append(f"    if value {_differs_from(field.default)} _d{position}:")
            lines.append(f"        res[{field.name!r}] = {value}")
        lines.append("    return res")
        code = compile("\n".join(lines), f"<conflictkit unstructure {cls.__qualname__}>", "exec")
        exec(code, namespace)
        unstructure: Callable[[Any], dict[str, Any]] = namespace["unstructure"]
        return unstructure

    def _unstructure_expression(self, tp: Any, var: str, namespace: dict[str, Any], key: str) -> str:
        """A Python expression for the plain-JSON form of ``var``, which has the type ``tp``."""
        hook = self.conv.get_unstructure_hook(tp)
        args = typing.get_args(tp)
        if hook is identity:
            return var
        if hook is _enum_value:
            return f"{var}._value_"
        if hook is date.isoformat:
            return f"{var}.isoformat()"
        if _is_union(tp) and type(None) in args:
            members = [arg for arg in args if arg is not type(None)]
            inner_type = members[0] if len(members) == 1 else typing.Union[tuple(members)]  # noqa: UP007
            inner = self._unstructure_expression(inner_type, var, namespace, key)
            return var if inner == var else f"(None if {var} is None else {inner})"
        if _is_union(tp) and all(self.conv.get_unstructure_hook(arg) is identity for arg in args):
            return var
        if _is_tuple(tp):
            item = self._unstructure_expression(args[0], f"{var}_", namespace, f"{key}_item")
            return f"list({var})" if item == f"{var}_" else f"[{item} for {var}_ in {var}]"
        namespace[key] = hook
        return f"{key}({var})"

    # datasets

    def structure_dataset(self, value: Any, cls: Any) -> Dataset:
        if not isinstance(value, dict):
            raise ValidationError.at(f"expected a dataset object, got {type(value).__name__}")
        value = migrate(value)  # older versions are upgraded first; newer ones are refused
        problems = [_unknown_key(key, _DATASET_KEYS) for key in value if key not in _DATASET_KEYS]
        title = value.get("title")
        records = value.get("records", [])
        if not isinstance(records, list):
            problems.append(
                Problem(path=("records",), message=f"expected a list, got {type(records).__name__}")
            )
            records = []
        hook = self.conv.get_structure_hook(Record)
        if self.detailed:
            loaded = []
            for index, item in enumerate(records):
                try:
                    loaded.append(hook(item, Record))
                except Exception as exc:
                    problems.extend(p.under("records", index) for p in problems_from_exception(exc))
        else:
            try:
                loaded = list(map(self._load_record(), records))
            except Rejected:  # a generated loader refused a record: the hook says why
                loaded = [hook(item, Record) for item in records]
        _raise_collected(problems)
        target = cls if isinstance(cls, type) and issubclass(cls, Dataset) else Dataset
        try:
            return target(records=loaded, title=title)  # a subclass asked for is what is made
        except ValidationError as error:
            raise ValidationError(error.problems) from None

    def unstructure_dataset(self, dataset: Dataset) -> dict[str, Any]:
        document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if dataset.title is not None:
            document["title"] = dataset.title
        unstructure = self.unstructure_any_model
        document["records"] = [unstructure(record) for record in dataset.records]
        return document


def _loader_first(loader: Loader, detailed: Hook) -> Hook:
    """A structure function trying ``loader``, then, if it does not build the value, ``detailed``.

    The loader never builds what ``detailed`` refuses, and builds the same instance when it
    builds one; whatever it raises, ``detailed`` loads the value again and words its problems.
    A value of a type that may hold itself goes to ``detailed`` alone: trying the loader at every
    level of a deep value, then ``detailed`` at every level again, would cost twice per level.
    """

    def structure(value: Any, target: Any) -> Any:
        if may_nest(target):
            return detailed(value, target)
        try:
            return loader(value, target)
        except Exception:
            return detailed(value, target)

    return own_hook(structure)


def _unless_nesting(detailed: Loader, cattrs_function: Hook) -> Hook:
    """``detailed``, a generated detailed loader, or for a type that may hold itself, cattrs' function.

    A deep value of such a type would be tried inline and then by its hook at every level.
    """
    nests = (-1, False)  # the registry version it was worked out for, and the answer

    def structure(value: Any, target: Any) -> Any:
        nonlocal nests
        version, nesting = nests  # one read: another thread may replace it
        current = registry.version()
        if version != current:  # read before the answer: a class registered meanwhile is seen next time
            nesting = may_nest(target)  # target is always the loader's own class
            nests = (current, nesting)
        if nesting:
            return cattrs_function(value, target)
        return detailed(value, target)

    return own_hook(structure)


def _unknown_key(key: Any, known: Iterable[str] = ()) -> Problem:
    if isinstance(key, str):
        ordered = _sorted_keys(known) if isinstance(known, frozenset) else sorted(known)
        return Problem(path=(key,), message=f"is not a known field{did_you_mean(key, ordered)}")
    # Only a dict built in Python can have such a key; JSON object keys are always strings.
    return Problem(message=f"has a key that is not a string: {shown(key)}")


@functools.lru_cache(maxsize=1024)
def _sorted_keys(known: frozenset[str]) -> tuple[str, ...]:
    # A class's keys, in order for suggestions: worked out once, not on every object with a typo.
    return tuple(sorted(known))


def _opaque(value: dict[str, Any]) -> OpaqueRecord:
    if not isinstance(value.get("id"), str):
        raise ValidationError.at("is required: a record of an unknown type still needs a string id", "id")
    try:
        return OpaqueRecord.from_json_object(value)
    except ValidationError:
        raise  # the record's own problems, such as an empty id, keep their paths ($.id)
    except (ValueError, TypeError, RecursionError):
        # Only data built in Python can fail here (NaN, an int too long to write, a tuple key).
        raise ValidationError.at(
            "a record of an unknown type must hold plain JSON values: finite numbers, integers of at "
            f"most {sys.get_int_max_str_digits()} digits, string keys, nesting Python can write"
        ) from None


def _opaque_data(record: OpaqueRecord) -> Any:
    # Written as its stored text when the output is JSON text: parsing and encoding it again would
    # lose how its numbers were written.
    return verbatim.placeholder_for(record.content, lambda: record.data)


def _missing_tag_message(cls: type[Model]) -> str:
    # Worked out once per class and registry state: records missing their tag are often many.
    return registry.derived(("missing tag message", cls), lambda: _suggest_tags(cls))


def _suggest_tags(cls: type[Model]) -> str:
    # conflictkit's own tags (no dot) first: they are the ones most readers are after.
    tags = sorted(
        (str(type_tag_of(sub)) for sub in registry.subclasses(cls)), key=lambda tag: ("." in tag, tag)
    )
    shown = ", ".join(repr(tag) for tag in tags[:8]) + (", ..." if len(tags) > 8 else "")
    return f"is required: a type tag such as {shown}"


def configure_converter(
    conv: cattrs.Converter, *, detailed_validation: bool = True, keep_unknown: bool = False
) -> cattrs.Converter:
    """Install conflictkit's strict hooks on ``conv`` and return it.

    Use it to (de)serialise conflictkit types inside your own cattrs converter. Structure hooks
    you register afterwards take precedence, also for fields nested in conflictkit's types and for
    records whose type tag names the class; register them before the converter first loads the
    types concerned, as with cattrs' own generated functions, which keep the hooks they were
    built with. With ``keep_unknown``, records whose type tag is unknown load as
    :class:`~conflictkit.OpaqueRecord` instead of failing.
    """
    _configure(conv, detailed_validation, keep_unknown)
    return conv


def _configure(conv: cattrs.Converter, detailed_validation: bool, keep_unknown: bool) -> _Hooks:
    hooks = _Hooks(conv, detailed=detailed_validation, keep_unknown=keep_unknown)
    for primitive in _PRIMITIVES:
        conv.register_structure_hook(primitive, _strict(primitive) if detailed_validation else _passthrough)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), lambda _: _enum_value
    )
    conv.register_structure_hook_factory(_is_union, hooks.union)
    conv.register_structure_hook_factory(_is_tuple, hooks.sequence)
    conv.register_unstructure_hook_factory(_is_tuple, lambda tp: _list_of(conv, tp))
    conv.register_structure_hook_factory(_is_model, hooks.model)
    conv.register_unstructure_hook_factory(_is_model, hooks.unstructure_model)
    conv.register_structure_hook(Dataset, hooks.structure_dataset)
    conv.register_unstructure_hook(Dataset, hooks.unstructure_dataset)
    return hooks


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _list_of(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    item_type = typing.get_args(tp)[0]
    item_hook = conv.get_unstructure_hook(item_type)
    return lambda items: [item_hook(item) for item in items]


def make_converter(*, detailed_validation: bool = True, keep_unknown: bool = False) -> cattrs.Converter:
    """A new cattrs converter configured with conflictkit's strict hooks.

    With ``detailed_validation`` it reports every problem of a document; without, it stops at the
    first one, which is faster. ``forbid_extra_keys`` is on either way. ``keep_unknown`` is as for
    :func:`configure_converter`.
    """
    return _new_converter(detailed_validation, keep_unknown)[0]


def _new_converter(detailed_validation: bool, keep_unknown: bool) -> tuple[cattrs.Converter, _Hooks]:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    return conv, _configure(conv, detailed_validation, keep_unknown)


_fast_pair = _new_converter(detailed_validation=False, keep_unknown=False)
converter: cattrs.Converter = _fast_pair[0]
"""conflictkit's own converter (fast path, stops at the first problem).

The public functions use it, and fall back to a detailed one to report every problem when it
fails. Do not register hooks on it: the public functions also load through paths that do not
consult it (the detailed converter, and with ``conflictkit[fast]`` the compiled path). To
customise, use :func:`make_converter` or :func:`configure_converter`.
"""

_fast_hooks = _fast_pair[1]  # its generated loaders, which the readers of JSON text call directly
_detailed_converter, _detailed_hooks = _new_converter(detailed_validation=True, keep_unknown=False)
_lenient_converters: list[cattrs.Converter] = []


def _converters(keep_unknown: bool) -> tuple[cattrs.Converter, cattrs.Converter]:
    """The fast and the detailed converter for a loading mode (lenient ones made on first use)."""
    if not keep_unknown:
        return converter, _detailed_converter
    if not _lenient_converters:
        with registry.LOCK:  # built once, and published whole: never half a pair to another thread
            if not _lenient_converters:
                pair = [
                    make_converter(detailed_validation=detailed, keep_unknown=True)
                    for detailed in (False, True)
                ]
                _lenient_converters[:] = pair
    return _lenient_converters[0], _lenient_converters[1]


# --- the public functions --------------------------------------------------------------------------


_CHECKED_TARGETS: dict[type, bool] = {}  # classes found to be conflictkit types: checked once each


def _check_target(cls: Any) -> None:
    if isinstance(cls, type):
        if cls in _CHECKED_TARGETS:
            return
        if issubclass(cls, Model):
            registry.remember(_CHECKED_TARGETS, cls, True)
            return
    raise TypeError(f"cls must be a conflictkit type, got {cls!r}")


def _check_writable(obj: Any) -> None:
    if isinstance(obj, Model):
        return
    if isinstance(obj, (list, tuple)):
        raise TypeError(
            f"a {type(obj).__name__} is not a record: write several records as one Dataset "
            "(to_json(Dataset(records=[...]))), or as JSON Lines, one to_json(record) per line"
        )
    raise TypeError(f"expected a conflictkit record, value or Dataset, got {type(obj).__name__}")


def _wrong_document(data: Any, cls: type[Any]) -> ValidationError | None:
    """An error for a whole document given as the wrong kind: a dataset for a record, or the reverse."""
    if not isinstance(data, dict):
        return None
    is_dataset = issubclass(cls, Dataset)
    if not is_dataset and TAG_KEY not in data and "records" in data and "schema_version" in data:
        return ValidationError.at(
            "is a Dataset document (it has 'schema_version' and 'records'), not "
            f"{with_article(cls.__name__)}: load it with Dataset as the class, then look records up "
            "by id or with of_type()"
        )
    tag = data.get(TAG_KEY)
    if is_dataset and isinstance(tag, str) and "records" not in data:
        return ValidationError.at(
            f"is a single record of type {tag!r}, not a Dataset document: load it with its class "
            "(or Record), or put it in a Dataset"
        )
    return None


def to_dict(obj: Model) -> dict[str, Any]:
    """The plain-JSON dict form of a record, value or :class:`~conflictkit.Dataset`.

    >>> from conflictkit import Quantity
    >>> to_dict(Quantity(best=1037, unit="troops", text="1,037"))
    {'best': 1037, 'unit': 'troops', 'text': '1,037'}
    """
    _check_writable(obj)
    with collector_paused():
        try:
            result: dict[str, Any] = converter.unstructure(obj)
        except RecursionError:  # only a value built in Python can get here: loading limits nesting
            raise ValidationError.at(
                f"is nested too deeply to write (at most {MAX_NESTING} levels load)"
            ) from None
    return result


def from_dict(data: Any, cls: type[T], *, keep_unknown: bool = False) -> T:
    """Load ``data`` (plain JSON values) as an instance of ``cls``, strictly.

    Raises :class:`~conflictkit.ValidationError` listing every problem with its JSON path. A record
    whose type tag no class claims is an error, unless ``keep_unknown`` is true: then it loads as an
    :class:`~conflictkit.OpaqueRecord` that writes back the same JSON.

    >>> from conflictkit import Quantity
    >>> from_dict({"best": "1037", "unit": "troops", "extra": 1}, Quantity)
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 2 problems:
      $.extra: is not a known field
      $.best: expected int or float, got str '1037'
    """
    _check_target(cls)
    with collector_paused():
        return _structure(data, cls, keep_unknown)


def _structure(data: Any, cls: type[T], keep_unknown: bool) -> T:
    fast, detailed = _converters(keep_unknown)
    try:
        result: T = fast.structure(data, cls)
    except Exception:
        pass  # the fast path stops at the first problem; collect them all below
    else:
        return _writable(result, cls)
    return _structure_detailed(data, cls, detailed)


def _structure_parsed(data: Any, cls: type[T]) -> T:
    """Parsed JSON text loaded as ``cls``: as :func:`_structure`, and for a record class, faster.

    A record goes straight to the generated loader its type tag names; whatever that does not
    build, the detailed converter loads or words, without the fast converter's second try through
    cattrs (which builds the same instances and refuses the same values, as the detailed converter
    does).
    """
    if not issubclass(cls, Record):
        return _structure(data, cls, False)
    try:
        result: T = _fast_hooks.dispatch(cls)(data)
    except Exception:
        return _structure_detailed(data, cls, _detailed_converter)
    return _writable(result, cls)


def _structure_detailed(data: Any, cls: type[T], detailed: cattrs.Converter) -> T:
    """``data`` loaded by the detailed converter alone: every problem, worded, or the instance."""
    wrong_kind = _wrong_document(data, cls)
    if wrong_kind is not None:
        raise wrong_kind
    if detailed is _detailed_converter and data.__class__ is dict and issubclass(cls, Record):
        # A record with a known tag: what the converter's hook would do, its detailed loader
        # called directly, which gives its problems in a list rather than raising them through
        # the hooks (a type that may hold itself, or without such a loader, goes to the hook).
        tag = data.get(TAG_KEY)
        target = class_for_tag(tag) if tag.__class__ is str else None
        own = _detailed_hooks.direct(target) if target is not None and issubclass(target, cls) else None
        if own is not None:
            load, allowed = own
            if allowed.issuperset(data):
                problems: list[Problem] = []
                loaded = load(data, target, problems)
                if loaded is FAILED:
                    raise ValidationError(problems)
                return _writable(loaded, cls)  # type: ignore[no-any-return]
            # Unknown keys, then the problems of the rest, as the hook reports them.
            problems = [_unknown_key(key, allowed) for key in data if key not in allowed]
            load({key: item for key, item in data.items() if key in allowed}, target, problems)
            raise ValidationError(problems)
    try:
        result = detailed.structure(data, cls)
    except Exception as exc:
        error_class = SchemaVersionError if isinstance(exc, SchemaVersionError) else ValidationError
        raise error_class(problems_from_exception(exc)) from None
    return _writable(result, cls)


def _writable(result: T, cls: type[T]) -> T:
    # Only types that can contain themselves are walked; conflictkit's own never are.
    if may_nest(cls):
        _raise_collected(nesting_problems(result))
    return result


_reject_constant = verbatim.reject_constant  # shared with OpaqueRecord's check of its content


_object_without_duplicates = verbatim.object_without_duplicates

_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_object_without_duplicates)
# One decoder for every call: json.loads() with these options would build a new one each time,
# which costs more than parsing a typical JSON Lines record.


def _as_str(text: str | bytes | bytearray) -> str:
    # What json.loads() does before decoding: refuse a BOM in str, detect the encoding of bytes.
    if isinstance(text, str):
        if text.startswith("\ufeff"):
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return text
    return text.decode(json.detect_encoding(text), "surrogatepass")


def parse_json(text: str | bytes | bytearray, *, parse_float: Callable[[str], Any] | None = None) -> Any:
    """Parse JSON text strictly: no NaN or Infinity, no duplicate keys.

    Anything that is not valid JSON raises :class:`~conflictkit.ValidationError`. ``parse_float``
    is as for :class:`json.JSONDecoder` (such as
    :meth:`Spellings.parse_float <conflictkit.core.verbatim.Spellings.parse_float>`).
    """
    if parse_float is None:
        return _parse_with(_DECODER, text)
    decoder = json.JSONDecoder(
        parse_float=parse_float, parse_constant=_reject_constant, object_pairs_hook=_object_without_duplicates
    )
    return _parse_with(decoder, text)


def _parse_with(decoder: json.JSONDecoder, text: str | bytes | bytearray) -> Any:
    if not isinstance(text, (str, bytes, bytearray)):
        raise TypeError(f"expected JSON text as str or bytes, got {type(text).__name__}")
    try:
        return decoder.decode(_as_str(text))
    except json.JSONDecodeError as exc:
        raise ValidationError.at(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise ValidationError.at(f"invalid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise ValidationError.at("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python's guard against quadratic int parsing
            raise ValidationError.at(
                f"invalid JSON: an integer has more than {sys.get_int_max_str_digits()} digits"
            ) from None
        raise ValidationError.at(f"invalid JSON: {exc}") from None


def from_json(text: str | bytes | bytearray, cls: type[T], *, keep_unknown: bool = False) -> T:
    """Load JSON text as an instance of ``cls``, strictly (see :func:`from_dict`).

    >>> from conflictkit import Actor
    >>> from_json('{"type": "actor", "id": "a1", "name": "Taliban", "kind": "armed_group"}', Actor).name
    'Taliban'
    """
    _check_target(cls)
    if not keep_unknown and nothing_to_pause():  # a call per line skips the pause's own cost
        return _from_json_text(text, cls)
    with collector_paused():
        if not keep_unknown:
            return _from_json_text(text, cls)
        # Records of unknown types keep their numbers as written (see conflictkit.core.verbatim).
        with verbatim.numbers_as_written() as parse_float:
            decoder = json.JSONDecoder(
                parse_float=parse_float,
                parse_constant=_reject_constant,
                object_pairs_hook=_object_without_duplicates,
            )
            return _structure(_parse_with(decoder, text), cls, keep_unknown)


def _from_json_text(text: str | bytes | bytearray, cls: type[T]) -> T:
    """:func:`from_json` without ``keep_unknown``, for callers that checked ``cls`` and paused the collector.

    The one way JSON text becomes an instance: the compiled path when the ``fast`` extra is
    installed, the default path when it declines. Readers of many documents (JSON Lines, files)
    call it per document and do the per-call work once per batch.
    """
    loaded = fast_path.attempt(text, cls)  # with the `fast` extra; None when it declines
    if loaded is None:
        return _structure_parsed(parse_json(text), cls)
    if loaded is fast_path.REFUSED:  # invalid: the fast converter would only find it so again
        return _structure_detailed(parse_json(text), cls, _detailed_converter)
    return loaded  # type: ignore[no-any-return]


def to_json(obj: Model, *, indent: int | None = None) -> str:
    """The JSON text of a record, value or :class:`~conflictkit.Dataset` (UTF-8 safe, no NaN).

    Without ``indent`` the text is compact (no spaces after ``,`` and ``:``). When the optional
    ``orjson`` package is installed (the ``fast`` extra: ``pip install ".[fast]"``) it writes compact text
    several times faster; the text is the same except that numbers in exponent notation may be
    spelled differently (``1e16`` rather than ``1e+16``), which JSON reads as the same number.

    >>> from conflictkit import Quantity
    >>> to_json(Quantity(best=1037, unit="troops", text="1,037"))
    '{"best":1037,"unit":"troops","text":"1,037"}'
    """
    with verbatim.splicing() as splices:
        document = to_dict(obj)
    return splices.splice(_dumps(document, indent))


def _dumps(document: dict[str, Any], indent: int | None) -> str:
    if indent is None:
        fast_dumps = _orjson_dumps()
        if fast_dumps is not None:
            try:
                return fast_dumps(document).decode()
            except TypeError:
                pass  # integers beyond 64 bits or text that is not valid Unicode: json copes
        return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=indent)


@functools.cache
def _orjson_dumps() -> Callable[[Any], bytes] | None:
    try:
        import orjson  # optional, and imported on first use to keep `import conflictkit` fast
    except ImportError:
        return None
    dumps: Callable[[Any], bytes] = orjson.dumps
    return dumps
