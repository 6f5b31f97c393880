"""Decode, encode, construction and memory of conflictkit next to the JSON floor, pydantic and msgspec.

Run from the repository root, with the ``bench`` extra installed (``pip install -e ".[bench]"``)::

    python benchmarks/bench_load.py --records 10000 100000

For each size it generates a dataset (90% MilitaryMovement with a Quantity, a DateSpan and one
Evidence; 10% Actor; seeded, so every run sees the same data), then measures, per record:

- decode: JSON text to validated objects (``conflictkit.from_json(text, Dataset)``, pydantic's
  ``model_validate_json``, ``msgspec.json.decode``), and the floor: ``json.loads`` and
  ``orjson.loads`` of the same text;
- encode: objects to JSON text (``to_json``, ``model_dump_json``, ``msgspec.json.encode``; the
  floor dumps the plain dicts with ``json.dumps`` and ``orjson.dumps``);
- construct: building the objects from Python values (enums and dates already made);
- memory (first size only): bytes per record still allocated after loading from text
  (tracemalloc), and the peak while loading, next to plain slotted attrs classes with the same
  fields built from ``json.loads``.

Times are the best and the median of ``--repeat`` runs, in microseconds per record. The cyclic
garbage collector stays on, as in a user's program.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from typing import Any

import msgspec
import orjson
import rivals
from generate import dataset_json

import conflictkit
from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    DatePrecision,
    DateSpan,
    Evidence,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
)

Timing = tuple[float, float]  # best, median, in microseconds per record


def timed(action: Callable[[], Any], count: int, repeat: int) -> Timing:
    runs = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = action()
        runs.append((time.process_time() - start) / count * 1e6)
        del result
    return min(runs), statistics.median(runs)


def memory(load: Callable[[], Any], count: int) -> tuple[float, float]:
    """Bytes per record still allocated after ``load()``, and at the peak during it."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    loaded = load()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del loaded
    return (current - before) / count, (peak - before) / count


# --- Python values for the construction benchmark -------------------------------------------------


def python_values(record: dict[str, Any]) -> dict[str, Any]:
    """A record's JSON value with enums and dates made, nested values still plain dicts."""
    fields = {key: value for key, value in record.items() if key != "type"}
    fields["evidence"] = [dict(item) for item in fields.get("evidence", ())]
    if record["type"] == "actor":
        fields["kind"] = ActorKind(fields["kind"])
        fields["aliases"] = tuple(fields["aliases"])
        return {"type": "actor", **fields}
    fields["kind"] = MovementKind(fields["kind"])
    fields["status"] = MovementStatus(fields["status"])
    size = dict(fields["size"])
    size["qualifier"] = Qualifier(size["qualifier"])
    span = dict(fields["date"])
    span["earliest"] = date.fromisoformat(span["earliest"])
    span["latest"] = date.fromisoformat(span["latest"])
    span["precision"] = DatePrecision(span["precision"])
    fields["size"], fields["date"] = size, span
    return {"type": "movement", **fields}


def builder(
    movement: Any, actor: Any, quantity: Any, span: Any, evidence: Any, with_tag: bool
) -> Callable[[list[dict[str, Any]]], list[Any]]:
    """A function that builds every record with the given classes."""

    def build(values: list[dict[str, Any]]) -> list[Any]:
        built = []
        for value in values:
            fields = {key: item for key, item in value.items() if with_tag or key != "type"}
            fields["evidence"] = tuple(evidence(**item) for item in value["evidence"])
            if value["type"] == "actor":
                built.append(actor(**fields))
                continue
            fields["size"] = quantity(**value["size"])
            fields["date"] = span(**value["date"])
            built.append(movement(**fields))
        return built

    return build


# --- one size -------------------------------------------------------------------------------------


def measure(count: int, repeat: int, with_memory: bool) -> dict[str, dict[str, Any]]:
    text = dataset_json(count)
    data = json.loads(text)
    values = [python_values(record) for record in data["records"]]
    loaded = conflictkit.from_json(text, Dataset)
    p_loaded = rivals.PDataset.model_validate_json(text)
    m_loaded = msgspec.json.decode(text, type=rivals.MDataset)
    assert conflictkit.from_json(conflictkit.to_json(loaded), Dataset) == loaded

    build_ck = builder(MilitaryMovement, Actor, Quantity, DateSpan, Evidence, with_tag=False)
    build_p = builder(
        rivals.PMovement, rivals.PActor, rivals.PQuantity, rivals.PDateSpan, rivals.PEvidence, True
    )
    build_m = builder(
        rivals.MMovement, rivals.MActor, rivals.MQuantity, rivals.MDateSpan, rivals.MEvidence, False
    )
    build_plain = builder(
        rivals.PlainMovement,
        rivals.PlainActor,
        rivals.PlainQuantity,
        rivals.PlainDateSpan,
        rivals.PlainEvidence,
        False,
    )

    def plain_load() -> list[Any]:
        parsed = json.loads(text)
        return [rivals.plain_record(record) for record in parsed["records"]]

    result: dict[str, dict[str, Any]] = {
        "decode": {
            "conflictkit": timed(lambda: conflictkit.from_json(text, Dataset), count, repeat),
            "pydantic": timed(lambda: rivals.PDataset.model_validate_json(text), count, repeat),
            "msgspec": timed(lambda: msgspec.json.decode(text, type=rivals.MDataset), count, repeat),
            "json": timed(lambda: json.loads(text), count, repeat),
            "orjson": timed(lambda: orjson.loads(text), count, repeat),
            "plain attrs": timed(plain_load, count, repeat),
        },
        "encode": {
            "conflictkit": timed(lambda: conflictkit.to_json(loaded), count, repeat),
            "pydantic": timed(lambda: p_loaded.model_dump_json(exclude_defaults=True), count, repeat),
            "msgspec": timed(lambda: msgspec.json.encode(m_loaded), count, repeat),
            "json": timed(lambda: json.dumps(data, ensure_ascii=False), count, repeat),
            "orjson": timed(lambda: orjson.dumps(data), count, repeat),
        },
        "construct": {
            "conflictkit": timed(lambda: build_ck(values), count, repeat),
            "pydantic": timed(lambda: build_p(values), count, repeat),
            "msgspec": timed(lambda: build_m(values), count, repeat),
            "plain attrs": timed(lambda: build_plain(values), count, repeat),
        },
    }
    if with_memory:
        result["memory"] = {
            "conflictkit": memory(lambda: conflictkit.from_json(text, Dataset), count),
            "pydantic": memory(lambda: rivals.PDataset.model_validate_json(text), count),
            "msgspec": memory(lambda: msgspec.json.decode(text, type=rivals.MDataset), count),
            "json": memory(lambda: json.loads(text), count),
            "plain attrs": memory(plain_load, count),
        }
    return result


# --- the table ------------------------------------------------------------------------------------

TIME_COLUMNS = ("conflictkit", "pydantic", "msgspec", "json", "orjson", "plain attrs")


def _time_cell(timing: Timing | None) -> str:
    return "-" if timing is None else f"{timing[0]:.1f} / {timing[1]:.1f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x"


def table(count: int, repeat: int, result: dict[str, dict[str, Any]]) -> str:
    header = (
        f"**{count:,} records**, µs per record, best / median of {repeat} runs "
        "(ratios use the best: on a shared machine, noise only ever adds time)\n\n"
        "| operation | conflictkit | pydantic v2 | msgspec | json | orjson | plain attrs "
        "| conflictkit ÷ json | conflictkit ÷ pydantic |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    lines = [header]
    for operation in ("decode", "encode", "construct"):
        row = result[operation]
        cells = [_time_cell(row.get(column)) for column in TIME_COLUMNS]
        ck = row["conflictkit"][0]
        vs_json = _ratio(ck, row["json"][0]) if "json" in row else "-"
        lines.append(f"| {operation} | {' | '.join(cells)} | {vs_json} | {_ratio(ck, row['pydantic'][0])} |")
    mem = result.get("memory")
    if mem is None:
        return "\n".join(lines)
    lines.append("")
    lines.append(
        "| memory, bytes per record | conflictkit | pydantic v2 | msgspec | json (dicts) | plain attrs "
        "| conflictkit ÷ plain attrs |\n|---|---|---|---|---|---|---|"
    )
    for index, label in ((0, "kept after loading"), (1, "peak while loading")):
        cells = [f"{mem[column][index]:,.0f}" for column in ("conflictkit", "pydantic", "msgspec", "json")]
        plain = mem["plain attrs"][index]
        ratio = _ratio(mem["conflictkit"][index], plain)
        lines.append(f"| {label} | {' | '.join(cells)} | {plain:,.0f} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"conflictkit {conflictkit.__version__}; command: python {' '.join(sys.argv)}\n"
    )
    for position, count in enumerate(args.records):
        # Memory per record does not depend on the count, and tracing it is slow: smallest size only.
        result = measure(count, args.repeat, with_memory=position == 0)
        print(table(count, args.repeat, result), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
