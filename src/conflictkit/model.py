"""The base class of every conflictkit type, and the registry of type tags.

Serialised records carry a *type tag* (``"type": "movement"``) so that a list of mixed records, or a
field typed as a base class, loads back as the right classes. Every attrs subclass of :class:`Model`
registers itself when attrs finishes building it, so a user's subclass needs no extra call and is
known even if it is defined after conflictkit has already loaded or written data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from conflictkit.class_statements import stored_undecorated
from conflictkit.errors import DefinitionError, Problem, TypeTagError
from conflictkit.field_docs import document_fields
from conflictkit.validation import allow_missing_arguments, check_annotations, fields_of, validate

__all__ = ["Model", "registered_types", "type_tag_of"]

TAG_KEY = "type"
"""The JSON key that carries a type tag."""

_CORE_PACKAGE = "conflictkit"
_TAG_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_REGISTRY: dict[str, type[Model]] = {}
_DECLARED = "_conflictkit_declared_tag"
_TAG = "_conflictkit_tag"


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
        _register(cls)
        allow_missing_arguments(cls)
        document_fields(cls)

    def __attrs_post_init__(self) -> None:
        validate(self, self.consistency_problems)

    def consistency_problems(self) -> Iterator[Problem]:
        """Yield the problems that involve more than one field.

        It runs after every field has passed its own checks. Subclasses that add cross-field rules
        override it and ``yield from super().consistency_problems()``.
        """
        return iter(())


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
        check_annotations(cls)
        return
    if not isinstance(tag, str) or not _TAG_PATTERN.match(tag):
        raise TypeTagError(f"{cls.__qualname__}: type tag {tag!r} is not a dotted name")
    in_core = cls.__module__.split(".")[0] == _CORE_PACKAGE
    if "." not in tag and not in_core:
        raise TypeTagError(
            f"{cls.__qualname__}: type tag {tag!r} has no namespace; tags without a dot are "
            f"reserved for conflictkit, use e.g. 'yourproject.{tag}'"
        )
    existing = _REGISTRY.get(tag)
    if existing is not None and not _same_definition(existing, cls):
        raise TypeTagError(
            f"type tag {tag!r} of {_qualified(cls)} is already taken by {_qualified(existing)}"
        )
    if TAG_KEY in _field_names(cls):
        raise TypeTagError(f"{cls.__qualname__}: a field may not be called {TAG_KEY!r}")
    check_annotations(cls)
    _REGISTRY[tag] = cls


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
    """A read-only view of every registered type tag and its class, including users' subclasses."""
    return MappingProxyType(_REGISTRY)


def class_for_tag(tag: str) -> type[Model] | None:
    """The class registered under ``tag``, or ``None``."""
    return _REGISTRY.get(tag)
