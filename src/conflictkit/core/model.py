"""The base class of every conflictkit type, and the registry of type tags.

Serialised records carry a *type tag* (``"type": "movement"``) so that a list of mixed records, or a
field typed as a base class, loads back as the right classes. Every attrs subclass of :class:`Model`
registers itself when attrs finishes building it, so a user's subclass needs no extra call and is
known even if it is defined after conflictkit has already loaded or written data.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from conflictkit.core import registry
from conflictkit.core.class_statements import stored_undecorated
from conflictkit.core.errors import DefinitionError, Problem, TypeTagError
from conflictkit.core.field_docs import document_fields
from conflictkit.core.validation import (
    RULES_KEY,
    allow_missing_arguments,
    check_annotations,
    fields_of,
    shown,
    validate,
)

__all__ = ["Model", "registered_types", "type_tag_of"]

TAG_KEY = "type"
"""The JSON key that carries a type tag."""

_CORE_PACKAGE = "conflictkit"
_TAG_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_DECLARED = "_conflictkit_declared_tag"
_TAG = "_conflictkit_tag"
_CHECK = "_conflictkit_cross_field_check"


class Model:
    """Base of every conflictkit record and value type.

    It validates each instance when it is made (and on :func:`attrs.evolve`), and registers each
    attrs subclass under a type tag. A subclass chooses its tag with the ``type_tag`` class keyword::

        @attrs.frozen(kw_only=True)
        class Airstrike(MilitaryMovement, type_tag="acme.airstrike"):
            aircraft: str = "unknown"

    Without it, the tag is ``"<module>.<qualified name>"``. Tags without a dot are reserved for
    conflictkit's own types.
    """

    __slots__ = ()

    _conflictkit_tag: ClassVar[str | None] = None
    _conflictkit_base_rules: ClassVar[tuple[Callable[[Any], Iterator[Problem]], ...] | None] = None

    def __init_subclass__(cls, *, type_tag: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if type_tag is not None:
            # attrs rebuilds slotted classes without the class keywords, so the declared tag is
            # kept in the class namespace, which attrs copies to the class it builds.
            setattr(cls, _DECLARED, type_tag)
        if _is_users(cls) and "__attrs_attrs__" not in cls.__dict__ and stored_undecorated(cls):
            raise DefinitionError(
                f"{_qualified(cls).replace('<locals>.', '')} subclasses a conflictkit type without "
                "@attrs.frozen, so its own "
                "fields would be neither set nor checked: decorate it with @attrs.frozen(kw_only=True)"
            )

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        # attrs gives slotted classes a __setstate__ that sets fields unchecked, on any instance: a
        # live "frozen" record could be changed with it. Instances are pickled through
        # __reduce__ instead, which rebuilds them with their checks.
        if "__setstate__" in cls.__dict__:
            type.__setattr__(cls, "__setstate__", Model.__setstate__)
        cls._check_definition()
        _keep_base_rules(cls)
        setattr(cls, _CHECK, _cross_field_check(cls))
        _register(cls)
        allow_missing_arguments(cls)
        document_fields(cls)

    @classmethod
    def _check_definition(cls) -> None:
        # A base whose subclasses have rules of their own raises TypeError here (Dataset does).
        pass

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (and copy) as a call to the class: unpickling validates like constructing does."""
        fields = {field.alias: getattr(self, field.name) for field in fields_of(type(self)) if field.init}
        return (_rebuild, (type(self), fields))

    def __setstate__(self, state: Any) -> None:
        """Refused: conflictkit instances are immutable, and are unpickled by construction."""
        raise attrs.exceptions.FrozenInstanceError()

    def __attrs_post_init__(self) -> None:
        holds = self.__class__.__dict__.get(_CHECK)
        base_rules = self._conflictkit_base_rules
        if base_rules is None:
            validate(self, self.consistency_problems, holds)
        else:
            validate(self, functools.partial(_every_rule, self, base_rules), holds)

    def consistency_problems(self) -> Iterator[Problem]:
        """Yield the problems that involve more than one field.

        It runs after every field has passed its own checks. Subclasses that add cross-field rules
        override it and ``yield from super().consistency_problems()``.
        """
        return iter(())

    def _consistency_holds(self) -> bool:
        # The cross-field rules of the class that defines it, as one plain predicate: true only if
        # consistency_problems yields nothing. The hot paths ask it first and run the generators,
        # which word the problems, only when it says no. It may say no to an instance the rules
        # accept (that costs time, never a wrong answer), never yes to one they refuse. It is used
        # only for classes whose consistency_problems is defined in the same class as it (see
        # cross_field_check): a subclass with rules of its own and no predicate runs its rules.
        return True


# --- a subclass cannot weaken its bases' rules ------------------------------------------------------
#
# Loading ``{"type": "plugin.lenient_quantity", ...}`` as a Quantity yields the plugin's class, so
# the plugin must not be able to switch off what makes a Quantity valid: its cross-field rules, its
# fields' types and rules, or the validation step itself.


def _keep_base_rules(cls: type[Model]) -> None:
    if cls.__module__.split(".")[0] == _CORE_PACKAGE:
        return  # conflictkit's own classes chain their rules with super()
    _check_inherited_fields(cls)
    owners = [base for base in cls.__mro__ if "consistency_problems" in base.__dict__ and base is not Model]
    methods = tuple(dict.fromkeys(base.__dict__["consistency_problems"] for base in owners))
    # Every class's rules run, whether or not the subclass's method calls super() (duplicates from
    # one that does are dropped).
    cls._conflictkit_base_rules = methods if len(methods) > 1 else None
    own_post_init = cls.__dict__.get("__attrs_post_init__")
    if own_post_init is not None:
        type.__setattr__(cls, "__attrs_post_init__", _validating(own_post_init))


def _every_rule(obj: Model, methods: tuple[Callable[[Any], Iterator[Problem]], ...]) -> Iterator[Problem]:
    return iter(dict.fromkeys(problem for method in methods for problem in method(obj)))


def cross_field_rules(cls: type[Model]) -> Callable[[Any], Iterator[Problem]]:
    """What yields the cross-field problems of an instance of ``cls``, as its construction runs them.

    For code that builds instances without ``__init__`` (the generated loaders): a user's subclass
    runs every base class's rules, even where its own method skips ``super()``.
    """
    methods = cls._conflictkit_base_rules
    if methods is None:
        return cls.consistency_problems
    return lambda obj: _every_rule(obj, methods)


def cross_field_check(cls: type[Model]) -> Callable[[Any], bool]:
    """A predicate on instances of ``cls``, true only if they break none of its cross-field rules.

    Worked out once per class, when the class is made: the class's own plain predicate where the
    class that defines its rules defines one, else a check that runs the rules and sees whether
    any problem comes out. For code that builds instances without ``__init__`` (the generated
    loaders), which only needs to know whether the instance is valid.
    """
    check: Callable[[Any], bool] | None = cls.__dict__.get(_CHECK)
    return check if check is not None else _cross_field_check(cls)


def _cross_field_check(cls: type[Model]) -> Callable[[Any], bool]:
    if cls._conflictkit_base_rules is None:
        owner = next(base for base in cls.__mro__ if "consistency_problems" in base.__dict__)
        if "_consistency_holds" in owner.__dict__:
            holds: Callable[[Any], bool] = owner.__dict__["_consistency_holds"]
            return holds
    rules = cross_field_rules(cls)

    def no_problem(obj: Any) -> bool:
        return next(iter(rules(obj)), None) is None

    return no_problem


def has_cross_field_rules(cls: type[Model]) -> bool:
    """Whether instances of ``cls`` have any cross-field rule to run (Model's own has none).

    The generated loaders leave out the call when there is none: most value types have none.
    """
    return (
        cls._conflictkit_base_rules is not None or cls.consistency_problems is not Model.consistency_problems
    )


def _validating(post_init: Callable[[Any], None]) -> Callable[[Any], None]:
    @functools.wraps(post_init)
    def post_init_then_validate(self: Model) -> None:
        post_init(self)
        Model.__attrs_post_init__(self)  # again if it called super(): checks cost, skipped ones cost more

    return post_init_then_validate


def _check_inherited_fields(cls: type[Model]) -> None:
    own = {field.name: field for field in fields_of(cls)}
    own_types = _resolved_types(cls)
    for base in cls.__mro__[1:]:
        if not (issubclass(base, Model) and attrs.has(base)):
            continue
        for field in fields_of(base):
            mine = own[field.name]
            if mine.inherited:  # type: ignore[attr-defined]  # attrs sets it, its stubs omit it
                continue  # not redefined here (and the base that defined it was checked itself)
            kept = set(map(id, mine.metadata.get(RULES_KEY, ())))
            dropped = [rule for rule in field.metadata.get(RULES_KEY, ()) if id(rule) not in kept]
            base_types = _resolved_types(base)
            if own_types and base_types:
                retyped = own_types[field.name] != base_types[field.name]
            else:  # a forward reference not defined yet: compare the annotations as written
                retyped = mine.type != field.type
            if retyped or dropped or mine.init != field.init:
                raise TypeError(
                    f"{cls.__qualname__}.{field.name} redefines {base.__qualname__}.{field.name} with "
                    "another type or fewer rules: a subclass may add fields and rules, never loosen "
                    "its base's"
                )


def _resolved_types(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except NameError:
        return {}


def _rebuild(cls: type[Model], fields: dict[str, Any]) -> Model:
    # What a pickle calls to rebuild an instance: the class itself, so that a tampered pickle is
    # checked like any other input.
    if not (isinstance(cls, type) and issubclass(cls, Model)):
        raise TypeError(f"cannot rebuild {shown(cls)}: not a conflictkit type")
    return cls(**fields)


def _is_users(cls: type) -> bool:
    return cls.__module__.split(".")[0] != _CORE_PACKAGE


def _default_tag(cls: type[Model]) -> str | None:
    if not _is_users(cls):
        return None  # conflictkit's own value types and abstract bases carry no tag
    # A class defined inside a function has "<locals>" in its qualified name; leave it out.
    return f"{cls.__module__}.{cls.__qualname__.replace('<locals>.', '')}"


def _register(cls: type[Model]) -> None:
    declared = cls.__dict__.get(_DECLARED)
    tag = declared if declared is not None else _default_tag(cls)
    setattr(cls, _TAG, tag)
    if tag is None:
        _check_annotations_if_users(cls)
        return
    if not isinstance(tag, str) or not _TAG_PATTERN.fullmatch(tag):
        raise TypeTagError(f"{cls.__qualname__}: type tag {shown(tag)} is not a dotted name")
    in_core = cls.__module__.split(".")[0] == _CORE_PACKAGE
    if "." not in tag and not in_core:
        raise TypeTagError(
            f"{cls.__qualname__}: type tag {shown(tag)} has no namespace; tags without a dot are "
            f"reserved for conflictkit, use e.g. 'yourproject.{tag}'"
        )
    if TAG_KEY in _field_names(cls):
        raise TypeTagError(f"{cls.__qualname__}: a field may not be called {TAG_KEY!r}")
    _check_annotations_if_users(cls)

    def tag_is_free(existing: type | None) -> None:
        if existing is not None and not _same_definition(existing, cls):
            raise TypeTagError(
                f"type tag {shown(tag)} of {_qualified(cls)} is already taken by {_qualified(existing)}"
            )

    registry.add(tag, cls, tag_is_free)  # checks and claims the tag in one step, under a lock


def _check_annotations_if_users(cls: type) -> None:
    # A user's class is checked when it is made, so that an unsupported annotation fails there.
    # conflictkit's own classes are checked by its tests; their checks are compiled on first use,
    # which keeps that work out of `import conflictkit`.
    if _is_users(cls):
        check_annotations(cls)


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields_of(cls))


def _same_definition(a: type, b: type) -> bool:
    # Re-running a class definition (a notebook cell, importlib.reload) replaces the old class.
    return a.__module__ == b.__module__ and a.__qualname__ == b.__qualname__


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def type_tag_of(cls: type) -> str | None:
    """The type tag of a class, or ``None`` for conflictkit's untagged value types and bases.

    >>> import conflictkit
    >>> type_tag_of(conflictkit.MilitaryMovement)
    'movement'
    >>> type_tag_of(conflictkit.Quantity) is None
    True
    """
    if _TAG not in cls.__dict__:
        raise TypeTagError(
            f"{_qualified(cls)} is not registered with conflictkit: decorate it with "
            "@attrs.frozen(kw_only=True) (or @attrs.define) so that it gets a type tag"
        )
    tag: str | None = cls.__dict__[_TAG]
    return tag


def registered_types() -> Mapping[str, type[Model]]:
    """Every registered type tag and its class, including users' subclasses.

    It is a read-only snapshot: classes registered later (by any thread) appear in the next call's
    answer, never while this one is iterated.
    """
    return registry.snapshot()


def class_for_tag(tag: str) -> type[Model] | None:
    """The class registered under ``tag``, or ``None``."""
    return registry.lookup(tag)
