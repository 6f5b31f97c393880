"""Resource bounds on hostile or large input: message sizes, memory kept by caches, cost per class.

Run from the repository root::

    python benchmarks/bench_limits.py

It prints, for input an attacker or a large pipeline can produce:

- the length of the error message for a 5 MB unknown key, type tag, duplicate key and quote;
- for a document of 200,000 empty records: the number of problems, the message length and the
  peak memory traced while loading (``tracemalloc``);
- the memory still held after checking 30,000 junk country codes, and after streaming 30,000
  JSON Lines records with junk subdivision codes;
- the number of Python calls (``sys.setprofile``) that ``json_schema()`` and loading 50 records
  without a type tag make with 250, 500 and 1,000 registered subclasses: counts, not times, so
  the growth shows the same on a busy machine as on an idle one.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from typing import Any

import attrs

import conflictkit as ck

BIG = 5_000_000


def message_length(action: Callable[[], object]) -> int:
    try:
        action()
    except ck.ConflictkitError as error:
        return len(str(error))
    return 0


def messages() -> None:
    key = "k" * BIG
    print(
        "unknown key:",
        message_length(lambda: ck.from_json(f'{{"best":1,"unit":"x","{key}":1}}', ck.Quantity)),
    )
    print("unknown tag:", message_length(lambda: ck.from_json(f'{{"type":"{key}","id":"a"}}', ck.Record)))
    print("duplicate key:", message_length(lambda: ck.from_json(f'{{"{key}":1,"{key}":2}}', ck.Record)))
    document = ck.Document(id="doc:1", title="t", text="y" * BIG)
    evidence = ck.Evidence(document="doc:1", quote="x" * BIG, start=0, end=BIG)
    actor = ck.Actor(id="actor:a", name="A", kind=ck.ActorKind.PERSON, evidence=(evidence,))
    print("quote mismatch:", message_length(ck.Dataset(records=[document, actor]).validate))


def many_problems(count: int = 200_000) -> None:
    text = '{"schema_version":"1.0","records":[' + ",".join(["{}"] * count) + "]}"
    gc.collect()
    tracemalloc.start()
    try:
        ck.from_json(text, ck.Dataset)
    except ck.ValidationError as error:
        problems, length = len(error.problems), len(str(error))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{count} empty records: {problems} problems, message {length} characters, peak {peak / 1e6:.0f} MB"
    )


def kept(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    action()
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current / 1e6


def junk_locations(count: int) -> None:
    for number in range(count):
        with contextlib.suppress(ck.ValidationError):
            ck.Location(id=f"loc:{number}", name="x", kind=ck.LocationKind.CITY, country=f"Q{number}")


def junk_stream(count: int) -> None:
    lines = (
        json.dumps(
            {"type": "location", "id": f"loc:{n}", "name": "x", "kind": "city", "subdivision": f"X{n:07d}"}
        )
        for n in range(count)
    )
    for _ in ck.iter_jsonl_results(lines, ck.Record):
        pass


def caches() -> None:
    junk_locations(10)  # loads pycountry's tables and builds the loaders outside the measurement
    junk_stream(10)
    print(f"30,000 junk country codes: {kept(lambda: junk_locations(30_000)):.1f} MB kept")
    print(f"30,000 streamed junk subdivisions: {kept(lambda: junk_stream(30_000)):.1f} MB kept")


def calls(action: Callable[[], object]) -> int:
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


def registered_classes() -> None:
    untagged = '{"schema_version":"1.0","records":[' + ",".join(['{"id":"a"}'] * 50) + "]}"

    def load_untagged() -> None:
        with contextlib.suppress(ck.ValidationError):
            ck.from_json(untagged, ck.Dataset)

    defined = 0
    for total in (250, 500, 1000):
        for number in range(defined, total):
            namespace = {"__annotations__": {"extra": "str"}, "extra": "x", "__module__": "bench"}
            attrs.frozen(kw_only=True)(type(f"Extra{number}", (ck.MilitaryMovement,), namespace))
        defined = total
        ck.json_schema(), load_untagged()  # the first calls build what is cached
        print(
            f"{total} subclasses: json_schema() {calls(ck.json_schema)} calls, 50 untagged records "
            f"{calls(load_untagged)} calls"
        )


if __name__ == "__main__":
    messages()
    many_problems()
    caches()
    registered_classes()
