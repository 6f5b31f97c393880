"""Records of types this program does not know, kept intact so that nothing is lost in transit.

A pipeline that reads data written with an extension it lacks (``"type": "acme.airstrike"``) can
load it with ``keep_unknown=True``: each such record becomes an :class:`OpaqueRecord` that keeps the
original JSON object and writes it back with the same values, numbers spelled as they were read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from conflictkit.core import verbatim
from conflictkit.core.errors import Problem
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.records.record import Record

__all__ = ["OpaqueRecord"]


@attrs.frozen(kw_only=True)
class OpaqueRecord(Record):
    """A record whose type tag no class in this program claims, kept as its original JSON.

    Only its ``id`` is interpreted (so that a dataset can index it and references to it resolve);
    everything else is kept and written back as it came: the same keys in the same order and the
    same values, numbers spelled as written (``1E2`` stays ``1E2``, digits beyond a double's
    precision stay). Whitespace is written compactly, string escapes as the characters they stand for,
    and the integer ``-0`` as ``0``.

    >>> import conflictkit
    >>> text = '{"type":"acme.airstrike","id":"mv:9","aircraft":"Su-25"}'
    >>> record = conflictkit.from_json(text, conflictkit.Record, keep_unknown=True)
    >>> record.type_tag, record.data["aircraft"]
    ('acme.airstrike', 'Su-25')
    >>> conflictkit.to_json(record) == text
    True
    """

    type_tag: str = attrs.field(metadata=rules(non_empty))
    """The type tag nobody here knows, e.g. ``"acme.airstrike"``."""

    content: str = attrs.field(metadata=rules(non_empty))
    """The original JSON object, as compact JSON text in its original key order, numbers as written."""

    @classmethod
    def from_json_object(cls, data: dict[str, Any]) -> OpaqueRecord:
        """Wrap a parsed JSON object that has a string ``type`` and ``id``."""
        return cls(
            id=data["id"],
            type_tag=data["type"],
            content=verbatim.dumps(data),
        )

    @property
    def data(self) -> dict[str, Any]:
        """A fresh copy of the original JSON object."""
        import json  # imported when first needed: it keeps ``import conflictkit`` quick

        value: dict[str, Any] = json.loads(self.content)
        return value

    def consistency_problems(self) -> Iterator[Problem]:
        """The content is a JSON object whose ``type`` and ``id`` match the fields; nothing is added.

        Evidence or inferences given to the record (with :func:`attrs.evolve`) are refused: only its
        content is written.
        """
        yield from Model.consistency_problems(self)  # no own type tag, by design
        for name in ("evidence", "inferred"):
            if getattr(self, name):
                yield Problem(
                    path=(name,),
                    message="cannot be added to a record of an unknown type: only its original JSON is "
                    "written; keep it in the content",
                )
        try:  # as strictly as every loader parses: what to_json writes, from_json must read back
            data = verbatim.loads_strict(self.content)
        except RecursionError:
            yield Problem(path=("content",), message="is not JSON text that can be read: nested too deeply")
            return
        except ValueError as exc:
            yield Problem(
                path=("content",), message=f"is not JSON text that can be read back: {shown(str(exc))}"
            )
            return
        if not isinstance(data, dict) or data.get("type") != self.type_tag or data.get("id") != self.id:
            yield Problem(path=("content",), message="must be a JSON object with this type tag and id")
