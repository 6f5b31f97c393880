"""Decode JSON text into validated objects: conflictkit next to pydantic v2, msgspec and the parsers.

Run from the repository root, with the ``bench`` extra installed (``pip install -e ".[bench]"``)::

    python benchmarks/bench_decode.py --records 100 1000 10000 100000 --repeat 5

The data (``generate.py``) is the seed dataset replicated with fresh ids: every record type, with
evidence and inferences, about 670 bytes per record. Every contender decodes the same text into a
dataset of validated objects; ``json.loads`` and ``orjson.loads`` (parsing alone) are the floor.

Modes (``--modes``), each a table per collector state:

- ``document``: one Dataset document holding every record, decoded in one call;
- ``lines``: one record per line, each line decoded on its own (``from_json(line, Record)``; for
  pydantic, a ``TypeAdapter`` of the record union's ``validate_json``), as a program that gets
  records one at a time (a queue, a socket) does;
- ``iter_jsonl``: a JSON Lines file read and decoded: ``list(iter_jsonl(path, Record))``, and for
  the others a loop over the open file's lines;
- ``mixed``: as ``lines``, with 10 % of the lines invalid, one broken rule each, every kind of
  error in turn (see ``broken_lines``); each contender catches its own errors and keeps them. A
  last table sets every contender's time on lines that are all invalid beside its time on the same
  lines valid: what the error path costs.

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
- **pydantic as its users run it**: the ``on`` tables add ``pydantic v2, gc.disable()``, which
  switches the collector off around its whole run as a pydantic user who knows the lever would.
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
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pydantic
import rivals
from generate import records, seed_records

import conflictkit
from conflictkit import Dataset, Record
from conflictkit.io import converter as serialization
from conflictkit.io import fast_path as fast_decode

Decode = Callable[[Any], Any]
RECORDS_PER_RUN = 20_000
STATES = ("paused", "on")
MODES = ("document", "lines", "iter_jsonl", "mixed")
INVALID_SHARE = 10  # percent of lines broken in the mixed-validity mode


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
        "pydantic v2, gc.disable()": _gc_disabled(rivals.pydantic_decode),
        "pydantic v2 + duplicate-key scan": _pydantic_scanned,
        "msgspec": rivals.msgspec_decode,
        "json.loads": json.loads,
        "orjson.loads": orjson.loads,
    }
    return found


def _gc_disabled(decode: Decode) -> Decode:
    """``decode`` with the collector off around the whole call, as a user who knows the lever runs it."""

    def run(data: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return decode(data)
        finally:
            if was_enabled:
                gc.enable()

    return run


def _default_path(decode: Decode) -> Decode:
    """``decode`` as without the ``fast`` extra."""

    def run(data: Any) -> Any:
        real = fast_decode._msgspec
        fast_decode._msgspec = _none
        try:
            return decode(data)
        finally:
            fast_decode._msgspec = real

    return run


def _each(decode_one: Callable[[Any], Any]) -> Decode:
    """Decode every line of a list (or an open file), keeping each result or each error."""

    def run(lines: Any) -> list[Any]:
        out: list[Any] = []
        for line in lines:
            try:
                out.append(decode_one(line))
            except Exception as exc:  # every contender raises its own kind of error
                out.append(exc)
        return out

    return run


def _each_in_file(decode_one: Callable[[Any], Any]) -> Decode:
    each = _each(decode_one)

    def run(path: Path) -> list[Any]:
        with open(path, "rb") as file:
            return each(line for line in file if line.strip())

    return run


_PYDANTIC_RECORD = pydantic.TypeAdapter(rivals.PAnyRecord)
_MSGSPEC_RECORD = msgspec.json.Decoder(rivals.MAnyRecord)


def line_contenders() -> dict[str, Decode]:
    """Per line: each line of a list decoded on its own."""
    pydantic_lines = _each(_PYDANTIC_RECORD.validate_json)
    fast_lines = _each(lambda line: conflictkit.from_json(line, Record))
    return {
        "conflictkit[fast]": fast_lines,
        "conflictkit": _default_path(fast_lines),
        "pydantic v2": pydantic_lines,
        "pydantic v2, gc.disable()": _gc_disabled(pydantic_lines),
        "msgspec": _each(_MSGSPEC_RECORD.decode),
        "json.loads": _each(json.loads),
    }


def file_contenders() -> dict[str, Decode]:
    """A JSON Lines file read and decoded: ``iter_jsonl`` for conflictkit, a loop for the others."""
    pydantic_file = _each_in_file(_PYDANTIC_RECORD.validate_json)

    def fast_file(path: Path) -> list[Any]:
        return list(conflictkit.iter_jsonl(path, Record))

    return {
        "conflictkit[fast]": fast_file,
        "conflictkit": _default_path(fast_file),
        "pydantic v2": pydantic_file,
        "pydantic v2, gc.disable()": _gc_disabled(pydantic_file),
        "msgspec": _each_in_file(_MSGSPEC_RECORD.decode),
        "json.loads": _each_in_file(json.loads),
    }


def record_lines(count: int) -> list[str]:
    """``count`` generated records, one compact JSON text each."""
    return [json.dumps(record, ensure_ascii=False, separators=(",", ":")) for record in records(count)]


def _break(line: str, kind: str) -> str:
    record = json.loads(line)
    evidence = record.get("evidence") or [{"document": "doc:1", "quote": "x", "start": 1, "end": 2}]
    if kind == "duplicate key":
        return line[:-1] + ',"id":"x"}'
    if kind == "invalid JSON":
        return line[:-1]
    if kind == "extra key":
        record["nickname"] = "x"
    elif kind == "missing required field":
        del record["id"]
    elif kind == "malformed id":
        record["id"] = "not an id"
    elif kind == "unknown type tag":
        record["type"] = "airstrike"
    elif kind == "string for an int":
        record["evidence"] = [evidence[0] | {"start": "1"}, *evidence[1:]]
    elif kind == "bool for a string":
        record["id"] = True
    elif kind == "cross-field rule (end != start + len(quote))":
        record["evidence"] = [evidence[0] | {"end": evidence[0]["end"] + 1}, *evidence[1:]]
    elif kind == "negative offset":
        record["evidence"] = [evidence[0] | {"start": -1}, *evidence[1:]]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


BROKEN_KINDS = (
    "duplicate key",
    "invalid JSON",
    "extra key",
    "missing required field",
    "malformed id",
    "unknown type tag",
    "string for an int",
    "bool for a string",
    "cross-field rule (end != start + len(quote))",
    "negative offset",
)


def broken_lines(lines: list[str], every: int) -> list[str]:
    """``lines`` with every ``every``-th one broken, each kind of error in turn."""
    return [
        _break(line, BROKEN_KINDS[(index // every) % len(BROKEN_KINDS)]) if index % every == 0 else line
        for index, line in enumerate(lines)
    ]


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


def measure(
    count: int, repeat: int, chosen: dict[str, Decode], data: Any = None
) -> tuple[Timings, dict[str, float]]:
    if data is None:
        data = dataset_text(count)
    calls = max(1, RECORDS_PER_RUN // count)
    first = {name: first_call(decode, data) / count * 1e6 for name, decode in chosen.items()}
    runs: Timings = {state: {name: [] for name in chosen} for state in STATES}
    for _ in range(repeat):
        for state in STATES:
            for name, decode in chosen.items():
                seconds = one_run(decode, data, calls, state)
                runs[state][name].append(seconds / (calls * count) * 1e6)
    return runs, first


def mode_data(mode: str, count: int, directory: Path) -> tuple[dict[str, Decode], Any]:
    """The contenders of a mode and the data they decode."""
    if mode == "lines":
        return line_contenders(), record_lines(count)
    if mode == "mixed":
        return line_contenders(), broken_lines(record_lines(count), 100 // INVALID_SHARE)
    if mode == "iter_jsonl":
        path = directory / f"records-{count}.jsonl"
        path.write_text("".join(line + "\n" for line in record_lines(count)), encoding="utf-8")
        return file_contenders(), path
    return contenders(), dataset_text(count)


def error_path(
    count: int, repeat: int, chosen: dict[str, Decode]
) -> dict[str, tuple[list[float], list[float]]]:
    """µs per line of every contender on valid lines and on the same lines, every one broken."""
    valid = record_lines(count)
    broken = broken_lines(valid, 1)
    calls = max(1, RECORDS_PER_RUN // count)
    found: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in chosen}
    for decode in chosen.values():
        decode(valid), decode(broken)  # warm
    for _ in range(repeat):
        for name, decode in chosen.items():
            for position, lines in enumerate((valid, broken)):
                seconds = one_run(decode, lines, calls, "paused")
                found[name][position].append(seconds / (calls * count) * 1e6)
    return found


# --- tables ---------------------------------------------------------------------------------------


def _cell(values: list[float]) -> str:
    return f"{min(values):.1f} / {statistics.median(values):.1f}"


def _ratio(a: list[float], b: list[float]) -> str:
    return f"{min(a) / min(b):.2f}x / {statistics.median(a) / statistics.median(b):.2f}x"


def decode_table(state: str, results: dict[int, Timings], names: list[str], repeat: int, mode: str) -> str:
    label = {
        "paused": "collector paused for every contender",
        "on": "collector on for every contender, postponed collection counted",
    }[state]
    what = {
        "document": "one Dataset document",
        "lines": "one record per line, each line decoded on its own",
        "iter_jsonl": "a JSON Lines file read and decoded",
        "mixed": f"one record per line, {INVALID_SHARE} % of the lines invalid",
    }[mode]
    ratios = [
        ("conflictkit[fast]", "pydantic v2"),
        ("conflictkit[fast]", "pydantic v2, gc.disable()"),
        ("conflictkit", "pydantic v2"),
        ("conflictkit", "conflictkit 0.1"),
    ]
    if state == "paused":  # the same run as pydantic v2's: the collector is off for both
        ratios.remove(("conflictkit[fast]", "pydantic v2, gc.disable()"))
    ratios = [(a, b) for a, b in ratios if a in names and b in names]
    head = ["records", *names, *(f"{a} ÷ {b}" for a, b in ratios)]
    lines = [
        f"**{mode}: {what}; {label}**: µs per record, best / median of {repeat} runs "
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


def error_table(count: int, found: dict[str, tuple[list[float], list[float]]], repeat: int) -> str:
    lines = [
        f"**Error path**: {count:,} lines, all valid, then the same lines each with one broken rule "
        f"(every kind in turn); collector paused; µs per line, best / median of {repeat} runs",
        "",
        "| contender | valid | invalid | invalid ÷ valid |",
        "|---|---|---|---|",
    ]
    for name, (valid, invalid) in found.items():
        lines.append(f"| {name} | {_cell(valid)} | {_cell(invalid)} | {_ratio(invalid, valid)} |")
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
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="(default: all)")
    parser.add_argument("--no-rules", action="store_true", help="leave out the table of rules")
    args = parser.parse_args()
    with open("/proc/loadavg") if os.path.exists("/proc/loadavg") else open(os.devnull) as file:
        load = file.read().split()[:3]
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"conflictkit {conflictkit.__version__}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}, "
        f"orjson {orjson.__version__}\ncommand: python {shlex.join(sys.argv)}\n"
        f"load average at the start: {' '.join(load) or 'unknown'}\n",
        flush=True,
    )
    if not args.no_rules:
        ruled = contenders()
        if args.only:
            ruled = {name: ruled[name] for name in ruled if name in args.only}
        print(rules_table(ruled), end="\n\n", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        for mode in args.modes:
            results: dict[int, Timings] = {}
            firsts: dict[int, dict[str, float]] = {}
            names: list[str] = []
            for count in args.records:
                chosen, data = mode_data(mode, count, Path(directory))
                if args.only:
                    chosen = {name: chosen[name] for name in chosen if name in args.only}
                names = list(chosen)
                results[count], firsts[count] = measure(count, args.repeat, chosen, data)
                print(f"({mode}: {count:,} records measured)", file=sys.stderr, flush=True)
            for state in STATES:
                print(decode_table(state, results, names, args.repeat, mode), end="\n\n", flush=True)
            if mode == "document":
                print(first_call_table(firsts, names), end="\n\n", flush=True)
            if mode == "mixed":
                count = args.records[0]
                chosen = line_contenders()
                if args.only:
                    chosen = {name: chosen[name] for name in chosen if name in args.only}
                print(error_table(count, error_path(count, args.repeat, chosen), args.repeat), flush=True)
    with open("/proc/loadavg") if os.path.exists("/proc/loadavg") else open(os.devnull) as file:
        print(f"\nload average at the end: {' '.join(file.read().split()[:3]) or 'unknown'}")


if __name__ == "__main__":
    main()
