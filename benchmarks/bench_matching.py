"""Matching events across two datasets: speed and memory at scale, and accuracy against ground truth.

Run from the repository root::

    python benchmarks/bench_matching.py accuracy --events 10000
    python benchmarks/bench_matching.py speed --events 10000 100000 1000000
    python benchmarks/bench_matching.py naive --events 10000

**accuracy** generates a seeded dataset of incidents (source A) and derives a second source (B)
from it the way real sources differ: 20 % of the events dropped; dates shifted within their
precision (a fifth of B's dates known only to the week, moved up to three days); coordinates
moved within their geo precision (exact within 2 km, near within 25 km, region within 50 km);
kinds passed through ACLED's taxonomy and back (so a small-arms attack comes back an attack);
actor names spelled differently (a letter changed, doubled or dropped, a word added); death
tolls changed by up to a fifth; and 20 % more unrelated events added, each within a day and
10 km of an event of A. It then runs ``match`` at the defaults and prints precision, recall and
F1 of the ``same_event`` relations at the default threshold, one-to-one and not, and across
thresholds.

**speed** generates two such datasets per size at a fixed density (the days covered grow with
the number of events, the area stays the same) and times ``match`` alone, each size in a fresh
process, with the process's peak resident memory before and after matching (the datasets
themselves are most of it). **naive** times comparing all pairs with the same judge, for scale.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from typing import Any

import conflictkit as ck
from conflictkit.crosswalk import acled

START = date(2015, 1, 1)
BOX = (30.0, 60.0, 40.0, 70.0)  # south, west, north, east: about 1,100 x 900 km
KINDS = (
    ck.IncidentKind.ARMED_CLASH,
    ck.IncidentKind.AIR_STRIKE,
    ck.IncidentKind.SHELLING,
    ck.IncidentKind.REMOTE_EXPLOSIVE,
    ck.IncidentKind.SUICIDE_BOMBING,
    ck.IncidentKind.ATTACK,
    ck.IncidentKind.SMALL_ARMS_ATTACK,
    ck.IncidentKind.ABDUCTION,
    ck.IncidentKind.ARREST,
    ck.IncidentKind.LOOTING_OR_DESTRUCTION,
    ck.IncidentKind.VIOLENT_DEMONSTRATION,
    ck.IncidentKind.MOB_VIOLENCE,
)
ACTOR_KINDS = (ck.ActorKind.ARMED_FORCE, ck.ActorKind.ARMED_GROUP, ck.ActorKind.POPULATION)
SYLLABLES = ("ka", "ta", "li", "ban", "mo", "ra", "shi", "dun", "ze", "hor", "qa", "vi", "nu", "gar", "sel")
KM_PER_DEGREE = 111.195

Event = dict[str, Any]


def actor_pool(rng: random.Random, count: int) -> list[tuple[str, ck.ActorKind, str]]:
    """Generated actors: a made-up name, a kind, a country."""
    pool = []
    for number in range(count):
        words = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            for _ in range(rng.randint(1, 2))
        ]
        noun = rng.choice(("Forces", "Militia", "Brigade", "Front", "Movement", "Group"))
        pool.append(
            (f"{' '.join(words)} {noun} {number}", rng.choice(ACTOR_KINDS), rng.choice(("AF", "TJ", "PK")))
        )
    return pool


def respelled(rng: random.Random, name: str) -> str:
    """The name as another source spells it."""
    words = name.split()
    word = rng.randrange(len(words) - 1)  # keep the number, as sources keep distinct groups apart
    letters = list(words[word])
    spot = rng.randrange(1, len(letters))
    change = rng.random()
    if change < 0.3:
        letters[spot] = rng.choice("aeiouy")
    elif change < 0.6:
        letters.insert(spot, letters[spot])
    elif change < 0.8 and len(letters) > 3:
        del letters[spot]
    else:
        words.insert(0, rng.choice(("Armed", "Local", "Unidentified")))
        word += 1
    words[word] = "".join(letters)
    return " ".join(words)


def base_events(rng: random.Random, count: int, days: int, actors: int) -> list[Event]:
    """Generated events, uniformly over ``days`` days and the box."""
    south, west, north, east = BOX
    return [
        {
            "day": rng.randrange(days),
            "lat": rng.uniform(south, north),
            "lon": rng.uniform(west, east),
            "precision": ck.GeoPrecision.EXACT,
            "date_precision": ck.DatePrecision.DAY,
            "kind": rng.choice(KINDS),
            "actors": tuple(rng.sample(range(actors), 2)),
            "killed": rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20, 40)),
            "truth": number,
        }
        for number in range(count)
    ]


_ROUND_TRIP = {
    kind: acled.REPRESENTATIONS[acled.category_for(ck.Incident(id="inc:x", kind=kind))].values[0][1]
    for kind in KINDS
}


def _moved(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    distance = km * rng.random() ** 0.5
    angle = rng.uniform(0, 6.283185307179586)
    import math

    lat2 = lat + distance * math.cos(angle) / KM_PER_DEGREE
    lon2 = lon + distance * math.sin(angle) / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    return lat2, lon2


def derived_events(rng: random.Random, events: list[Event], actors: int) -> list[Event]:
    """A second source's view of ``events``, with unrelated events added (``truth`` None)."""
    derived = []
    for event in events:
        if rng.random() < 0.2:
            continue
        copy = dict(event)
        if rng.random() < 0.2:
            copy["date_precision"] = ck.DatePrecision.WEEK
            copy["day"] = event["day"] + rng.randint(-3, 3)
        roll = rng.random()
        precision, reach = (
            (ck.GeoPrecision.EXACT, 2.0)
            if roll < 0.7
            else (ck.GeoPrecision.NEAR, 25.0)
            if roll < 0.9
            else (ck.GeoPrecision.REGION, 50.0)
        )
        copy["precision"] = precision
        copy["lat"], copy["lon"] = _moved(rng, event["lat"], event["lon"], reach)
        copy["kind"] = _ROUND_TRIP[event["kind"]]
        copy["respell"] = True
        copy["killed"] = round(event["killed"] * rng.uniform(0.8, 1.2))
        derived.append(copy)
    for _ in range(len(events) // 5):
        near = rng.choice(events)
        lat, lon = _moved(rng, near["lat"], near["lon"], 10.0)
        derived.append(
            {
                "day": near["day"] + rng.randint(-1, 1),
                "lat": lat,
                "lon": lon,
                "precision": ck.GeoPrecision.EXACT,
                "date_precision": ck.DatePrecision.DAY,
                "kind": rng.choice(KINDS),
                "actors": tuple(rng.sample(range(actors), 2)),
                "killed": rng.choice((0, 1, 2, 3, 5, 8, 12, 20)),
                "truth": None,
                "respell": True,
            }
        )
    rng.shuffle(derived)
    return derived


def dataset(
    prefix: str, events: list[Event], pool: list[tuple[str, ck.ActorKind, str]], rng: random.Random
) -> ck.Dataset:
    """Records of events: one location per event, actors named the source's way."""
    records: list[ck.Record] = []
    spelled: dict[int, str] = {}
    for number, (name, kind, country) in enumerate(pool):
        spelled[number] = respelled(rng, name) if prefix == "b" else name
        records.append(
            ck.Actor(id=f"{prefix}:actor:{number}", name=spelled[number], kind=kind, country=country)
        )
    for number, event in enumerate(events):
        place = f"{prefix}:loc:{number}"
        records.append(
            ck.Location(
                id=place,
                name=f"Place {number}",
                kind=ck.LocationKind.CITY,
                coordinates=ck.Coordinates(
                    latitude=event["lat"], longitude=event["lon"], precision=event["precision"]
                ),
            )
        )
        day = START + timedelta(days=event["day"])
        first, second = event["actors"]
        records.append(
            ck.Incident(
                id=f"{prefix}:inc:{number}",
                kind=event["kind"],
                perpetrators=(f"{prefix}:actor:{first}",),
                targets=(f"{prefix}:actor:{second}",),
                location=place,
                date=ck.DateSpan(earliest=day, latest=day, precision=event["date_precision"]),
                casualties=(
                    ck.Casualties(
                        side=f"{prefix}:actor:{second}",
                        killed=ck.Quantity(best=event["killed"], unit="people"),
                    ),
                ),
            )
        )
    return ck.Dataset(records=records)


def sources(
    count: int, seed: int = 24, days: int | None = None
) -> tuple[ck.Dataset, ck.Dataset, set[tuple[str, str]]]:
    """Source A, source B derived from it, and the true pairs (A's id, B's id)."""
    rng = random.Random(seed)
    actors = max(50, count // 20)
    pool = actor_pool(rng, actors)
    events = base_events(rng, count, days or max(30, count // 275), actors)
    derived = derived_events(rng, events, actors)
    first = dataset("a", events, pool, rng)
    second = dataset("b", derived, pool, rng)
    truth = {
        (f"a:inc:{event['truth']}", f"b:inc:{number}")
        for number, event in enumerate(derived)
        if event["truth"] is not None
    }
    return first, second, truth


def scores(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy(count: int) -> None:
    """Print precision, recall and F1 at the defaults and across thresholds."""
    from conflictkit.matching import DEFAULT_THRESHOLD, match

    first, second, truth = sources(count)
    found = match(first, second)
    print(f"{count:,} events in A, {len(second.of_type(ck.Incident)):,} in B, {len(truth):,} true pairs")
    print(f"candidates kept {len(found):,}, pairs judged {found.judged:,}")
    print("| threshold | one-to-one | precision | recall | F1 |")
    print("| --- | --- | --- | --- | --- |")
    for threshold in sorted({0.6, 0.65, 0.7, DEFAULT_THRESHOLD, 0.8, 0.85, 0.9}):
        for one_to_one in (False, True):
            pairs = set(found.pairs(threshold, one_to_one=one_to_one))
            precision, recall, f1 = scores(pairs, truth)
            mark = " (default)" if threshold == DEFAULT_THRESHOLD and not one_to_one else ""
            print(
                f"| {threshold:.2f}{mark} | {'yes' if one_to_one else 'no'} "
                f"| {precision:.3f} | {recall:.3f} | {f1:.3f} |"
            )


SPEED = """
import resource, sys, time
sys.path.insert(0, "benchmarks")
from bench_matching import sources
from conflictkit.matching import match
count = int(sys.argv[1])
first, second, truth = sources(count)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
found = match(first, second, workers=int(sys.argv[2]))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, cpu, before, after, len(found), found.judged)
"""


def speed(counts: list[int], workers: int) -> None:
    """Time ``match`` at each size in a fresh process: wall-clock and CPU seconds (of the main process)."""
    print(
        "| events per side | seconds | CPU seconds | events per second | candidates | pairs judged "
        "| peak MiB before | peak MiB after |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for count in counts:
        output = subprocess.run(
            [sys.executable, "-c", SPEED, str(count), str(workers)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        seconds, cpu = float(output[0]), float(output[1])
        before, after, kept, judged = (int(value) for value in output[2:6])
        print(
            f"| {count:,} | {seconds:.1f} | {cpu:.1f} | {2 * count / seconds:,.0f} | {kept:,} | {judged:,} "
            f"| {before / 1024:,.0f} | {after / 1024:,.0f} |"
        )


def naive(count: int) -> None:
    """Time judging all pairs, the method the index replaces."""
    from conflictkit.matching.engine import prepare

    first, second, _ = sources(count)
    start, cpu = time.perf_counter(), time.process_time()
    rows, judge, _, counts = prepare((first, second), days=1, km=10.0, episode_days=7, report_date=None)
    left, right = rows[: counts[0]], rows[counts[0] :]
    kept = 0
    for a in left:
        for b in right:
            verdict = judge(a, b)
            if verdict is not None and verdict[0] >= 0.5:
                kept += 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"all pairs at {count:,} x {len(right):,}: {seconds:.1f} s ({cpu:.1f} CPU seconds), "
        f"{kept:,} candidates"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("what", choices=("accuracy", "speed", "naive"))
    parser.add_argument("--events", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workers", type=int, default=1, help="processes scanning the index (speed)")
    args = parser.parse_args()
    if args.what == "accuracy":
        for count in args.events:
            accuracy(count)
    elif args.what == "speed":
        speed(args.events, args.workers)
    else:
        for count in args.events:
            naive(count)
    print(
        "peak resident memory of this process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
