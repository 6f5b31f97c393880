"""Converters that let a list stand for a tuple field, typed so that mypy accepts the list.

Records store tuples (immutable, hashable); callers often hold lists. Each tuple field of
conflictkit's records names one of these converters, so that ``Actor(..., aliases=["Tolo"])``
passes ``mypy --strict`` as well as running: the attrs mypy plugin types the ``__init__``
parameter from the converter's argument, and it reads only named, non-generic functions, hence one
per item type. Each turns a list into a tuple and leaves anything else for the field's check.

A user's subclass can do the same for its own tuple fields, with a converter of its own marked by
:func:`conflictkit.core.validation.tuple_converter`::

        def vehicles(value: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return as_tuple(value)
"""

from __future__ import annotations

from conflictkit.core.validation import as_tuple, tuple_converter
from conflictkit.values.casualties import Casualties
from conflictkit.values.contexts import EventContext
from conflictkit.values.evidence import Evidence, Inference

__all__ = ["casualty_list", "context_list", "evidence_list", "inference_list", "string_list"]


def string_list(value: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Texts or ids, as a tuple (a list is converted)."""
    result: tuple[str, ...] = as_tuple(value)
    return result


def evidence_list(value: list[Evidence] | tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Evidence, as a tuple (a list is converted)."""
    result: tuple[Evidence, ...] = as_tuple(value)
    return result


def inference_list(value: list[Inference] | tuple[Inference, ...]) -> tuple[Inference, ...]:
    """Inferences, as a tuple (a list is converted)."""
    result: tuple[Inference, ...] = as_tuple(value)
    return result


def casualty_list(value: list[Casualties] | tuple[Casualties, ...]) -> tuple[Casualties, ...]:
    """The casualties of each side, as a tuple (a list is converted)."""
    result: tuple[Casualties, ...] = as_tuple(value)
    return result


def context_list(value: list[EventContext] | tuple[EventContext, ...]) -> tuple[EventContext, ...]:
    """Event contexts, as a tuple (a list is converted)."""
    result: tuple[EventContext, ...] = as_tuple(value)
    return result


# Registered by call, not as a decorator: the attrs mypy plugin reads only undecorated functions.
for _converter in (string_list, evidence_list, inference_list, casualty_list, context_list):
    tuple_converter(_converter)
