"""Deterministic benchmark data: mostly military movements, with some actors.

Every record is valid. The generator works on plain JSON values (dicts), so the same data feeds
conflictkit, pydantic, msgspec and the ``json.loads`` floor.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

MOVEMENT_KINDS = ("mobilization", "deployment", "withdrawal", "retreat", "border_crossing", "offensive")
STATUSES = ("announced", "planned", "ordered", "ongoing", "completed")
PRECISIONS = ("day", "week", "month")
ACTOR_KINDS = ("armed_force", "armed_group", "government", "media", "anonymous_source")
QUOTES = (
    "Afghan soldiers fled across the border into Tajikistan",
    "ordered the mobilization of 20,000 reservists",
    "more than a thousand Afghan troops",
    "the Taliban captured the district centre without a fight",
    "government forces launched a counter-offensive on Sunday",
)
ACTOR_EVERY = 10
"""One record in this many is an actor; the rest are military movements."""


def record(rng: random.Random, index: int) -> dict[str, Any]:
    """The JSON value of the ``index``-th record."""
    if index % ACTOR_EVERY == ACTOR_EVERY - 1:
        return _actor(rng, index)
    return _movement(rng, index)


def _movement(rng: random.Random, index: int) -> dict[str, Any]:
    best = rng.randrange(10, 30000)
    earliest = date(2021, 1, 1) + timedelta(days=rng.randrange(365))
    quote = rng.choice(QUOTES)
    start = rng.randrange(0, 5000)
    movement: dict[str, Any] = {
        "type": "movement",
        "id": f"movement:{index}",
        "evidence": [
            {
                "document": f"document:{index % 97}",
                "quote": quote,
                "start": start,
                "end": start + len(quote),
                "reported_by": "actor:reuters",
            }
        ],
        "actor": f"actor:force-{index % 50}",
        "kind": rng.choice(MOVEMENT_KINDS),
        "status": rng.choice(STATUSES),
        "origin": f"location:{index % 300}",
        "destination": f"location:{(index + 1) % 300}",
        "size": {
            "best": best,
            "low": best - rng.randrange(0, 10),
            "high": best + rng.randrange(0, 10),
            "qualifier": "about",
            "unit": "troops",
            "text": f"about {best:,}",
        },
        "date": {
            "earliest": earliest.isoformat(),
            "latest": (earliest + timedelta(days=rng.randrange(0, 7))).isoformat(),
            "precision": rng.choice(PRECISIONS),
            "text": "last week",
        },
    }
    if index % 3 == 0:
        movement["ordered_by"] = f"actor:leader-{index % 20}"
    return movement


def _actor(rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "type": "actor",
        "id": f"actor:{index}",
        "name": f"Unit {index}",
        "kind": rng.choice(ACTOR_KINDS),
        "aliases": [f"U{index}", f"Battalion {index % 40}"],
        "title": "Commander",
        "wikidata": f"Q{1000 + index}",
    }


def records(count: int, seed: int = 2021) -> Iterator[dict[str, Any]]:
    """``count`` records, the same for the same seed."""
    rng = random.Random(seed)
    for index in range(count):
        yield record(rng, index)


def dataset_json(count: int, seed: int = 2021) -> str:
    """The JSON text of a dataset of ``count`` records."""
    return json.dumps({"schema_version": "1.0", "records": list(records(count, seed))}, ensure_ascii=False)
