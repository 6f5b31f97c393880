"""References between records: fields that hold the id of another record.

Records never nest other records; they name them by id, like a STIX bundle. A field declares what
it refers to with :func:`reference`, and :meth:`conflictkit.Dataset.problems` checks that every such
id exists in the dataset and belongs to a record of the declared type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from conflictkit.core.validation import RULES_KEY, Rule, each, matches

__all__ = ["ID_RULE", "reference", "reference_target"]

REFERENCE_KEY = "conflictkit.reference"
"""The attrs metadata key that names the record type a field refers to."""

ID_RULE: Rule = matches(
    r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}",
    "an id of letters, digits and . _ : / - (starting with a letter or digit, at most 200 long)",
)
"""The rule every record id and every reference obeys."""


def reference(target: type | str, *extra: Rule, many: bool = False) -> dict[str, Any]:
    """Attrs field metadata for a field holding the id (or, with ``many``, ids) of other records.

    ``target`` is the record class the ids must belong to (subclasses included), or its type tag
    where importing the class would be circular. Use it as
    ``speaker: str = attrs.field(metadata=reference(Actor))``.
    """
    id_rule = each(ID_RULE) if many else ID_RULE
    return {REFERENCE_KEY: target, RULES_KEY: (id_rule, *extra)}


def reference_target(field: attrs.Attribute[Any]) -> type | None:
    """The record class a field refers to, or ``None`` if it is not a reference."""
    target = field.metadata.get(REFERENCE_KEY)
    if isinstance(target, str):
        from conflictkit.core.model import class_for_tag

        return class_for_tag(target)
    return target if isinstance(target, type) else None


def is_reference(metadata: Mapping[str, Any]) -> bool:
    """Whether a field's metadata marks it as a reference."""
    return REFERENCE_KEY in metadata
