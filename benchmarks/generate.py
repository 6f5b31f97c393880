"""Deterministic benchmark data: the seed dataset's records, replicated with fresh ids.

The seed models a real report, so its records are what real data looks like: every record type
(actors, locations, statements, military movements, territorial control, an incident, an
interaction, relations, a document), evidence on almost every record, inferences, countries,
subdivisions, quantities, casualties and date spans. Copy ``k`` of the seed renames every id ``x``
to ``x.k``, in the records and in every reference to them, so that each copy is a sound dataset of
its own and no two records share an id. The document keeps its SHA-256 but not its text (the text
is 5 kB, a hundred times a typical record).

Every record is valid. The generator works on plain JSON values (dicts), so the same data feeds
conflictkit, pydantic, msgspec and the ``json.loads`` floor.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import conflictkit
from conflictkit.records.documents import sha256_of


@functools.cache
def seed_records() -> tuple[dict[str, Any], ...]:
    """The seed's records as JSON values, the document's text replaced by its hash."""
    records = conflictkit.to_dict(conflictkit.load_seed())["records"]
    for record in records:
        if record["type"] == "document" and "text" in record:
            record.setdefault("sha256", sha256_of(record.pop("text")))
    return tuple(records)


def _renamed(value: Any, ids: frozenset[str], suffix: str) -> Any:
    if isinstance(value, str):
        return value + suffix if value in ids else value
    if isinstance(value, list):
        return [_renamed(item, ids, suffix) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, ids, suffix) for key, item in value.items()}
    return value


def records(count: int) -> Iterator[dict[str, Any]]:
    """``count`` records: as many copies of the seed as needed, the last one cut short."""
    seed = seed_records()
    ids = frozenset(record["id"] for record in seed)
    for index in range(count):
        copy, position = divmod(index, len(seed))
        yield _renamed(seed[position], ids, f".{copy}")


def dataset_json(count: int) -> str:
    """The JSON text of a dataset of ``count`` records."""
    return json.dumps(
        {"schema_version": conflictkit.SCHEMA_VERSION, "records": list(records(count))}, ensure_ascii=False
    )
