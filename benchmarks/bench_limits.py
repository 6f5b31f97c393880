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
  the growth shows the same on a busy machine as on an idle one;
- importing 10,000, 30,000 and 100,000 ACLED rows that share one place name at different
  coordinates (each a place of its own, so each needs an id of its own): the time per row, which
  stays flat when allocating ids is linear (it grew with the row count when each new id searched
  its number from 1);
- ``conflictkit convert --keep-going`` over 10,000, 30,000 and 100,000 bad ACLED rows: the peak
  memory traced, which stays flat when the summary keeps a bounded sample of the bad rows.

Sizes can be given on the command line (``python benchmarks/bench_limits.py 10000 30000``) to run
only the last two measurements at those sizes.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

import conflictkit as ck
from conflictkit.cli import convert
from conflictkit.crosswalk import acled
from conflictkit.crosswalk.rows import write_csv

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


ROW = {
    "event_id_cnty": "AFG1001",
    "event_date": "2021-07-04",
    "year": "2021",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Taliban",
    "assoc_actor_1": "",
    "inter1": "2",
    "actor2": "Military Forces of Afghanistan (2004-2021)",
    "assoc_actor_2": "",
    "inter2": "1",
    "interaction": "12",
    "civilian_targeting": "",
    "iso": "4",
    "region": "South Asia",
    "country": "Afghanistan",
    "admin1": "Badakhshan",
    "admin2": "Ishkashim",
    "admin3": "",
    "location": "Ishkashim",
    "latitude": "36.7063",
    "longitude": "71.5717",
    "geo_precision": "1",
    "source": "Pajhwok Afghan News",
    "source_scale": "National",
    "notes": "On 4 July 2021, Taliban militants clashed with Afghan forces in Ishkashim district.",
    "fatalities": "5",
    "tags": "",
    "timestamp": "1625001001",
}


def one_place_name(count: int, *, bad: bool = False) -> Iterator[dict[str, str]]:
    """ACLED rows at ``count`` different points all named Ishkashim (or, with ``bad``, bad rows)."""
    for number in range(count):
        yield {
            **ROW,
            "event_id_cnty": f"AFG{number}",
            "latitude": f"{36 + number / 1e6:.6f}",
            "fatalities": "three" if bad else "5",
        }


def id_allocation(sizes: list[int]) -> None:
    for count in sizes:
        start = time.perf_counter()
        records = sum(1 for _ in acled.iter_import(one_place_name(count)))
        seconds = time.perf_counter() - start
        print(
            f"{count:,} ACLED rows, one place name at {count:,} points: {records:,} records, "
            f"{seconds:.1f} s, {seconds / count * 1e6:.0f} us per row"
        )


def keep_going_memory(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        for count in sizes:
            source = Path(directory) / f"bad-{count}.csv"
            with open(source, "w", encoding="utf-8", newline="") as file:
                write_csv(one_place_name(count, bad=True), acled.COLUMNS, file)
            args = argparse.Namespace(
                input=str(source),
                source="acled",
                target="conflictkit",
                output=os.path.join(directory, "out.jsonl"),
                keep_going=True,
                default_date=None,
            )
            gc.collect()
            tracemalloc.start()
            with contextlib.redirect_stderr(io.StringIO()) as summary:
                status = convert.run(args)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            last = summary.getvalue().splitlines()[-1].strip()
            print(
                f"convert --keep-going, {count:,} bad ACLED rows: exit {status}, "
                f"peak {peak / 1e6:.1f} MB traced; summary ends {last!r}"
            )


if __name__ == "__main__":
    sizes = [int(size) for size in sys.argv[1:]] or [10_000, 30_000, 100_000]
    if len(sys.argv) == 1:
        messages()
        many_problems()
        caches()
        registered_classes()
    if os.path.exists("/proc/loadavg"):  # the timings below are of a machine this busy
        print(f"load average: {Path('/proc/loadavg').read_text(encoding='utf-8').strip()}")
    id_allocation(sizes)
    keep_going_memory(sizes)
