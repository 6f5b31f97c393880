"""Decode JSON text into validated objects: conflictkit next to pydantic v2, msgspec and the parsers.

Run from the repository root, with the ``bench`` extra installed (``pip install -e ".[bench]"``)::

    python benchmarks/bench_decode.py --records 100 1000 10000 100000 --repeat 5

The data (``generate.py``) is the seed dataset replicated with fresh ids: every record type, with
evidence and inferences, about 670 bytes per record. Every contender decodes the same text into a
dataset of validated objects; ``json.loads`` and ``orjson.loads`` (parsing alone) are the floor.

Fair footing:

- **The same collector state for every contender**, in two tables. *Paused*: the cyclic garbage
  collector is off during every run, for everyone. *On*: it is on for everyone, and every run ends
  with a full collection inside the timer, so that work a contender postpones (conflictkit pauses
  the collector inside its own calls) is counted, not left to whoever runs next. The benchmark's
  own data is frozen out of the collector (``gc.freeze``) so that collections traverse only what the
  run made.
- **The same rules**: ``rivals.py`` checks what conflictkit checks. Before timing, every contender
  decodes a set of invalid documents, and the table of rules says which ones it accepts; the
  ``pydantic v2 + duplicate-key scan`` column adds to pydantic what it lacks on its own (rejecting
  duplicate keys, by parsing the text once more with ``json``).
- **Warm**: each contender decodes the text once before it is timed, so the first call's one-off
  work (generating code, filling caches) is not counted; the first call is reported on its own.
- **Best and median** of ``--repeat`` runs, in microseconds per record of CPU time
  (``time.process_time``). Small sizes repeat the call within a run (at least 20,000 records per
  run) and keep every result alive until the run ends, as a program holding what it loaded would.
  Contenders take turns within each repetition, so a burst of load from other jobs on a shared
  machine falls on all of them.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import msgspec
import orjson
import pydantic
import rivals
from generate import records, seed_records

import conflictkit
from conflictkit import Dataset, fast_decode, serialization

Decode = Callable[[str], Any]
RECORDS_PER_RUN = 20_000
STATES = ("paused", "on")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate key")
    return obj


def _pydantic_scanned(text: str) -> Any:
    json.loads(text, object_pairs_hook=_no_duplicates)
    return rivals.pydantic_decode(text)


def _without_fast_extra(text: str) -> Any:
    """conflictkit's default path, as without the ``fast`` extra: the generated loaders alone."""
    real = fast_decode._msgspec
    fast_decode._msgspec = _none
    try:
        return conflictkit.from_json(text, Dataset)
    finally:
        fast_decode._msgspec = real


def _none() -> None:
    return None


def _previous_converters() -> Callable[[bool], Any]:
    """The converters as in 0.1: cattrs' function per class, no generated loader, no msgspec."""
    fast = serialization.make_converter(detailed_validation=False)
    fast.get_structure_hook(Dataset).__self__._loader = lambda cls: None
    detailed = serialization._detailed_converter
    return lambda keep_unknown: (fast, detailed)


_PREVIOUS = _previous_converters()


def _previous(text: str) -> Any:
    real, real_msgspec = serialization._converters, fast_decode._msgspec
    serialization._converters, fast_decode._msgspec = _PREVIOUS, _none
    try:
        return conflictkit.from_json(text, Dataset)
    finally:
        serialization._converters, fast_decode._msgspec = real, real_msgspec


class _NotPaused:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _not_paused(text: str) -> Any:
    """conflictkit[fast] with its collector pause switched off: the lever, measured."""
    real = serialization.collector_paused
    serialization.collector_paused = _NotPaused  # type: ignore[assignment,misc]
    try:
        return conflictkit.from_json(text, Dataset)
    finally:
        serialization.collector_paused = real  # type: ignore[misc]


def contenders() -> dict[str, Decode]:
    found: dict[str, Decode] = {
        "conflictkit[fast]": lambda text: conflictkit.from_json(text, Dataset),
        "conflictkit": _without_fast_extra,
        "conflictkit 0.1": _previous,
        "conflictkit[fast], no pause inside": _not_paused,
        "pydantic v2": rivals.pydantic_decode,
        "pydantic v2 + duplicate-key scan": _pydantic_scanned,
        "msgspec": rivals.msgspec_decode,
        "json.loads": json.loads,
        "orjson.loads": orjson.loads,
    }
    return found


FLOORS = ("json.loads", "orjson.loads")  # parsers: they check no rule, so they are left out of the rules


def dataset_text(count: int) -> str:
    """The JSON text of a dataset of ``count`` generated records, built without holding the dicts."""
    parts = [json.dumps(record, ensure_ascii=False) for record in records(count)]
    return (
        '{"schema_version":'
        + json.dumps(conflictkit.SCHEMA_VERSION)
        + ',"records":['
        + ",".join(parts)
        + "]}"
    )


# --- the rules each contender enforces ------------------------------------------------------------


def _document(*records_json: str) -> str:
    return (
        '{"schema_version":'
        + json.dumps(conflictkit.SCHEMA_VERSION)
        + ',"records":['
        + ",".join(records_json)
        + "]}"
    )


def probes() -> dict[str, str]:
    """Invalid documents, each breaking one rule conflictkit enforces, by what they break."""
    evidence = '{"document":"doc:1","quote":"x","start":1,"end":2}'
    base = seed_records()
    actor = next(record for record in base if record["type"] == "actor" and "country" in record)
    quantity_movement = next(record for record in base if record["type"] == "movement" and "size" in record)
    incident = next(record for record in base if record["type"] == "incident" and "casualties" in record)
    addressed = next(record for record in base if record["type"] == "statement" and "addressee" in record)

    def with_(record: dict[str, Any], **changes: Any) -> str:
        return json.dumps({**record, **changes}, ensure_ascii=False)

    return {
        "duplicate key": _document(with_(actor)[:-1] + ',"name":"Other"}'),
        "extra key": _document(with_(actor, nickname="x")),
        "string for an int": _document(with_(actor, evidence=[json.loads(evidence) | {"start": "1"}])),
        "float for an int": _document(with_(actor, evidence=[json.loads(evidence) | {"start": 1.0}])),
        "bool for a number": _document(
            with_(quantity_movement, size=quantity_movement["size"] | {"best": True})
        ),
        "integer beyond 2**53 - 1": _document(
            with_(actor, evidence=[json.loads(evidence) | {"start": 2**60, "end": 2**60 + 1}])
        ),
        "malformed id": _document(with_(actor, id="not an id")),
        "id ending in a newline": _document(with_(actor, id=actor["id"] + "\n")),
        "unknown country code": _document(with_(actor, country="XX")),
        "cross-field rule (end != start + len(quote))": _document(
            with_(actor, evidence=[json.loads(evidence) | {"end": 5}])
        ),
        "casualties: a fraction of a person": _document(
            with_(incident, casualties=[{"killed": {"best": 2.5, "unit": "people"}}])
        ),
        "speech act 'assure' without an addressee": _document(
            with_({key: value for key, value in addressed.items() if key != "addressee"}, act="assure")
        ),
        "unknown type tag": _document(with_(actor, type="airstrike")),
    }


def accepted_probes(decode: Decode) -> list[str]:
    accepted = []
    for rule, text in probes().items():
        try:
            decode(text)
        except Exception:  # every contender raises its own kind of error
            continue
        accepted.append(rule)
    return accepted


# --- timing ---------------------------------------------------------------------------------------


def one_run(decode: Decode, text: str, calls: int, state: str) -> float:
    """CPU seconds for ``calls`` decodes of ``text`` in collector state ``state``."""
    kept = []
    gc.collect()
    gc.freeze()  # the benchmark's own objects: no collection below traverses them
    if state == "paused":
        gc.disable()
    try:
        start = time.process_time()
        for _ in range(calls):
            kept.append(decode(text))
        if state == "on":
            gc.collect()  # whatever collection a contender postponed is paid here, inside the timer
        elapsed = time.process_time() - start
    finally:
        gc.enable()
        del kept
        gc.unfreeze()
    return elapsed


def first_call(decode: Decode, text: str) -> float:
    start = time.process_time()
    decode(text)
    return time.process_time() - start


Timings = dict[str, dict[str, list[float]]]  # state -> contender -> µs per record, one per run


def measure(count: int, repeat: int, chosen: dict[str, Decode]) -> tuple[Timings, dict[str, float]]:
    text = dataset_text(count)
    calls = max(1, RECORDS_PER_RUN // count)
    first = {name: first_call(decode, text) / count * 1e6 for name, decode in chosen.items()}
    runs: Timings = {state: {name: [] for name in chosen} for state in STATES}
    for _ in range(repeat):
        for state in STATES:
            for name, decode in chosen.items():
                seconds = one_run(decode, text, calls, state)
                runs[state][name].append(seconds / (calls * count) * 1e6)
    return runs, first


# --- tables ---------------------------------------------------------------------------------------


def _cell(values: list[float]) -> str:
    return f"{min(values):.1f} / {statistics.median(values):.1f}"


def _ratio(a: list[float], b: list[float]) -> str:
    return f"{min(a) / min(b):.2f}x / {statistics.median(a) / statistics.median(b):.2f}x"


def decode_table(state: str, results: dict[int, Timings], names: list[str], repeat: int) -> str:
    label = {
        "paused": "collector paused for every contender",
        "on": "collector on for every contender, postponed collection counted",
    }[state]
    ratios = [
        ("conflictkit[fast]", "pydantic v2"),
        ("conflictkit", "pydantic v2"),
        ("conflictkit", "conflictkit 0.1"),
    ]
    ratios = [(a, b) for a, b in ratios if a in names and b in names]
    head = ["records", *names, *(f"{a} ÷ {b}" for a, b in ratios)]
    lines = [
        f"**Decode, {label}**: µs per record, best / median of {repeat} runs "
        "(ratios: of the bests / of the medians)",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for count, timings in results.items():
        row = timings[state]
        cells = [_cell(row[name]) for name in names] + [_ratio(row[a], row[b]) for a, b in ratios]
        lines.append(f"| {count:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def first_call_table(firsts: dict[int, dict[str, float]], names: list[str]) -> str:
    lines = [
        "**First call** (cold: generated code and caches built on the way), µs per record, one run",
        "",
        "| records | " + " | ".join(names) + " |",
        "|" + "---|" * (len(names) + 1),
    ]
    for count, first in firsts.items():
        lines.append(f"| {count:,} | " + " | ".join(f"{first[name]:.1f}" for name in names) + " |")
    return "\n".join(lines)


def rules_table(chosen: dict[str, Decode]) -> str:
    checked = [name for name in chosen if name not in FLOORS]
    accepted = {name: accepted_probes(chosen[name]) for name in checked}
    lines = [
        "**Rules**: what each contender does with a document that breaks one rule",
        "",
        "| rule broken | " + " | ".join(checked) + " |",
        "|" + "---|" * (len(checked) + 1),
    ]
    for rule in probes():
        cells = ["**accepted**" if rule in accepted[name] else "rejected" for name in checked]
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--only", nargs="+", help="contenders to run (default: all)")
    args = parser.parse_args()
    chosen = contenders()
    if args.only:
        chosen = {name: chosen[name] for name in chosen if name in args.only}
    names = list(chosen)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"conflictkit {conflictkit.__version__}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}, "
        f"orjson {orjson.__version__}\ncommand: python {shlex.join(sys.argv)}\n",
        flush=True,
    )
    print(rules_table(chosen), end="\n\n", flush=True)
    results: dict[int, Timings] = {}
    firsts: dict[int, dict[str, float]] = {}
    for count in args.records:
        results[count], firsts[count] = measure(count, args.repeat, chosen)
        print(f"({count:,} records measured)", file=sys.stderr, flush=True)
    for state in STATES:
        print(decode_table(state, results, names, args.repeat), end="\n\n")
    print(first_call_table(firsts, names), flush=True)


if __name__ == "__main__":
    main()
