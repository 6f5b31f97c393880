"""Converting a large ACLED-style CSV to conflictkit and back, streaming: rows per second, peak memory.

Run from the repository root::

    python benchmarks/bench_crosswalk.py --rows 100000 1000000 --runs 3

For each size it writes a seeded, generated ACLED-style CSV (every event and sub-event type,
numeric and text inter codes, all precisions, a few thousand distinct actors and places, notes of
realistic length) to a temporary directory, then, each in a fresh Python process:

* **csv.DictReader alone**: every row of the CSV read as a dict, nothing else: the floor that the
  import is compared with;
* **ACLED → conflictkit**: ``conflictkit convert FILE --from acled --to conflictkit -o OUT``, run
  in the benchmark's process through the command's own entry point (``conflictkit.cli.command.main``),
  so that what is timed is what users run: ``iter_csv`` → ``acled.iter_import`` → one JSON document
  per record, written as JSON Lines in batches (:func:`conflictkit.io.json_text.json_lines`) to a
  temporary file beside the target, renamed over it at the end;
* **conflictkit → ACLED**: ``iter_jsonl`` → ``acled.iter_export`` → ``write_csv`` (what
  ``conflictkit convert --from conflictkit --to acled --stream`` does), checking that the CSV written back is
  byte for byte the one generated.

With ``--ucdp``, it also imports a UCDP GED file of as many rows, made from the rows of the
test fixture (``tests/data/crosswalk/ucdp_ged.csv``) with fresh ids, 300 groups, 2,000 places,
other years and other deaths, with ``conflictkit convert --from ucdp --to conflictkit`` in the
same way, beside ``csv.DictReader`` alone on that file.

It reports rows per second from the process's CPU time (``time.process_time``), best and median of
``--runs`` runs, and the process's peak resident set size (``ru_maxrss``), so that sizes can be
compared: streaming memory must not grow with the file. The files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from conflictkit.crosswalk.acled import COLUMNS, REPRESENTATIONS, _interaction

IMPORT = """
import contextlib, io, resource, sys, time
from conflictkit.cli.command import main
source, target = sys.argv[1], sys.argv[2]
start = time.process_time()
with contextlib.redirect_stderr(io.StringIO()):  # the command's summary
    status = main(["convert", source, "--from", "FORMAT", "--to", "conflictkit", "-o", target])
assert status == 0, status
print(time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
UCDP_FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "data" / "crosswalk" / "ucdp_ged.csv"

READ = """
import csv, resource, sys, time
source = sys.argv[1]
start = time.process_time()
with open(source, encoding="utf-8", newline="") as file:
    rows = sum(1 for _ in csv.DictReader(file))
print(time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

EXPORT = """
import resource, sys, time
from conflictkit import Record, iter_jsonl
from conflictkit.crosswalk import acled
from conflictkit.crosswalk.rows import write_csv
source, target = sys.argv[1], sys.argv[2]
start = time.process_time()
with open(target, "w", encoding="utf-8", newline="") as out:
    write_csv(acled.iter_export(iter_jsonl(source, Record), on_loss=print), acled.COLUMNS, out)
print(time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

COUNTRIES = (
    ("4", "South Asia", "Afghanistan", 34.5, 69.2),
    ("762", "Caucasus and Central Asia", "Tajikistan", 38.5, 68.8),
    ("804", "Europe", "Ukraine", 49.0, 31.0),
    ("729", "Northern Africa", "Sudan", 15.5, 32.5),
    ("466", "Western Africa", "Mali", 12.6, -8.0),
)
INTER = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
WORDS = (
    "forces",
    "clashed",
    "with",
    "militants",
    "near",
    "the",
    "village",
    "of",
    "district",
    "reported",
    "casualties",
    "shelling",
    "residents",
    "fled",
    "on",
    "morning",
    "after",
    "attack",
    "police",
    "said",
)


def acled_rows(count: int, seed: int = 1) -> list[dict[str, str]]:
    # The actors and places are the same for every chunk of a file (a fixed seed), so that a larger
    # file has more rows, not more distinct actors and places.
    rng = random.Random(0)
    types = list(REPRESENTATIONS)
    places = []
    for number in range(2000):
        iso, region, country, lat, lon = rng.choice(COUNTRIES)
        places.append(
            (
                iso,
                region,
                country,
                f"Admin1-{number % 40}",
                f"Admin2-{number % 400}",
                f"Place {number}",
                f"{lat + rng.uniform(-3, 3):.4f}",
                f"{lon + rng.uniform(-3, 3):.4f}",
            )
        )
    actors = [
        (f"Armed Group {number} ({rng.choice(COUNTRIES)[2]})", str(rng.randint(1, 8)))
        for number in range(3000)
    ]
    start = date(2018, 1, 1)
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        event_type, sub_event = rng.choice(types)
        iso, region, country, admin1, admin2, location, lat, lon = rng.choice(places)
        actor1, inter1 = rng.choice(actors)
        actor2, inter2 = rng.choice(actors) if rng.random() < 0.7 else ("", "")
        if actor2 == actor1:
            actor2, inter2 = "", ""
        labels = rng.random() < 0.5
        inter1_text = INTER[inter1] if labels else inter1
        inter2_text = (INTER[inter2] if labels else inter2) if inter2 else ""
        day = start + timedelta(days=rng.randrange(2500))
        notes = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40))).capitalize() + "."
        rows.append(
            {
                "event_id_cnty": f"X{number}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": rng.choice("1112"),
                "disorder_type": "Political violence",
                "event_type": event_type,
                "sub_event_type": sub_event,
                "actor1": actor1,
                "assoc_actor_1": "",
                "inter1": inter1_text,
                "actor2": actor2,
                "assoc_actor_2": "",
                "inter2": inter2_text,
                "interaction": _interaction(inter1_text, inter2_text),
                "civilian_targeting": "",
                "iso": iso,
                "region": region,
                "country": country,
                "admin1": admin1,
                "admin2": admin2,
                "admin3": "",
                "location": location,
                "latitude": lat.rstrip("0").rstrip("."),
                "longitude": lon.rstrip("0").rstrip("."),
                "geo_precision": rng.choice("112"),
                "source": "Local media",
                "source_scale": "National",
                "notes": notes,
                "fatalities": str(rng.choice((0, 0, 0, 1, 2, 5))),
                "tags": "",
                "timestamp": str(1600000000 + number),
            }
        )
    return rows


def ucdp_rows(count: int, seed: int = 1) -> tuple[list[str], list[dict[str, str]]]:
    """UCDP GED rows from the test fixture's: fresh ids, 300 groups, 2,000 places, other years and deaths."""
    with UCDP_FIXTURE.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        templates = list(reader)
        columns = list(reader.fieldnames or ())
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        row = dict(rng.choice(templates))
        years = rng.randrange(9)
        for column in ("date_start", "date_end"):
            row[column] = str(int(row[column][:4]) + years) + row[column][4:]
        row["year"] = row["date_start"][:4]
        row["id"] = str(seed * 10_000_000 + number)
        row["relid"] = f"GEN-{row['id']}"
        group = rng.randrange(300)
        for side in ("side_a", "side_b"):
            if not row[side].startswith("Government of ") and row[side] != "Civilians":
                row[side], row[f"{side}_new_id"] = f"Group {group}", str(5000 + group)
        place = rng.randrange(2000)
        row["where_coordinates"] = f"{row['where_coordinates']} {place}"
        place_rng = random.Random(place)
        row["latitude"] = f"{float(row['latitude']) + place_rng.uniform(-1, 1):.4f}"
        row["longitude"] = f"{float(row['longitude']) + place_rng.uniform(-1, 1):.4f}"
        deaths = [rng.choice((0, 0, 1, 2, 5)) for _ in range(4)]
        deaths[rng.randrange(4)] += 1  # GED codes only events with a death
        for column, value in zip(
            ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"), deaths, strict=True
        ):
            row[column] = str(value)
        row["best"] = row["low"] = str(sum(deaths))
        row["high"] = str(sum(deaths) + rng.randrange(4))
        rows.append(row)
    return columns, rows


def write_ucdp_file(path: Path, count: int) -> None:
    columns, rows = ucdp_rows(count)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_csv_file(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS)
        writer.writeheader()
        chunk = 100_000
        for offset in range(0, count, chunk):
            writer.writerows(acled_rows(min(chunk, count - offset), seed=offset + 1))


def run(script: str, source: Path, target: Path) -> tuple[float, int]:
    result = subprocess.run(
        [sys.executable, "-c", script, str(source), str(target)], capture_output=True, text=True, check=True
    )
    lines = result.stdout.split("\n")
    seconds, rss = lines[-2].split()
    return float(seconds), int(rss)


def same_bytes(first: Path, second: Path, chunk: int = 1 << 20) -> bool:
    with first.open("rb") as one, second.open("rb") as other:
        while True:
            a, b = one.read(chunk), other.read(chunk)
            if a != b:
                return False
            if not a:
                return True


def generate_in_fresh_process(path: Path, count: int) -> None:
    # The file is generated in a process of its own: a Linux process's peak RSS (ru_maxrss) starts
    # from its parent's at fork, so the parent must never hold the generated rows.
    subprocess.run([sys.executable, __file__, "--generate", str(count), str(path)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--ucdp", action="store_true", help="also import UCDP GED rows (made from the test fixture's)"
    )
    parser.add_argument("--generate", nargs=2, metavar=("ROWS", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--generate-ucdp", nargs=2, metavar=("ROWS", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        write_csv_file(Path(args.generate[1]), int(args.generate[0]))
        return
    if args.generate_ucdp:
        write_ucdp_file(Path(args.generate_ucdp[1]), int(args.generate_ucdp[0]))
        return
    print(f"command: python {' '.join(sys.argv)}\n")
    print("| rows | CSV size | direction | rows/s, best / median | peak RSS |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for count in args.rows:
            csv_path = Path(directory) / f"acled-{count}.csv"
            jsonl_path = Path(directory) / f"acled-{count}.jsonl"
            back_path = Path(directory) / f"acled-{count}-back.csv"
            generate_in_fresh_process(csv_path, count)
            size = csv_path.stat().st_size / 1e6
            seconds: dict[str, float] = {}
            for name, script, source, target in (
                ("csv.DictReader alone (the floor)", READ, csv_path, jsonl_path),
                ("ACLED → conflictkit", IMPORT.replace("FORMAT", "acled"), csv_path, jsonl_path),
                ("conflictkit → ACLED", EXPORT, jsonl_path, back_path),
            ):
                timings = [run(script, source, target) for _ in range(args.runs)]
                rates = [count / seconds for seconds, _ in timings]
                rss = max(peak for _, peak in timings)
                seconds[name] = min(second for second, _ in timings)
                print(
                    f"| {count:,} | {size:,.0f} MB | {name} "
                    f"| {max(rates):,.0f} / {statistics.median(rates):,.0f} "
                    f"| {rss / 1024:,.1f} MiB |",
                    flush=True,
                )
            floor = seconds["csv.DictReader alone (the floor)"]
            print(
                f"| {count:,} | | ACLED → conflictkit ÷ csv.DictReader (best runs) "
                f"| {seconds['ACLED → conflictkit'] / floor:.1f}x | |",
                flush=True,
            )
            # Compared in chunks: reading whole files here would raise this process's peak RSS,
            # which the next size's child processes inherit as their ru_maxrss starting point.
            assert same_bytes(back_path, csv_path), "the round trip changed the file"
            if args.ucdp:
                ucdp_path = Path(directory) / f"ucdp-{count}.csv"
                subprocess.run(
                    [sys.executable, __file__, "--generate-ucdp", str(count), str(ucdp_path)], check=True
                )
                size = ucdp_path.stat().st_size / 1e6
                for name, script in (
                    ("UCDP GED: csv.DictReader alone (the floor)", READ),
                    ("UCDP GED → conflictkit", IMPORT.replace("FORMAT", "ucdp")),
                ):
                    timings = [run(script, ucdp_path, jsonl_path) for _ in range(args.runs)]
                    rates = [count / seconds for seconds, _ in timings]
                    seconds[name] = min(second for second, _ in timings)
                    print(
                        f"| {count:,} | {size:,.0f} MB | {name} "
                        f"| {max(rates):,.0f} / {statistics.median(rates):,.0f} "
                        f"| {max(peak for _, peak in timings) / 1024:,.1f} MiB |",
                        flush=True,
                    )
                ratio = (
                    seconds["UCDP GED → conflictkit"] / seconds["UCDP GED: csv.DictReader alone (the floor)"]
                )
                print(
                    f"| {count:,} | | UCDP GED → conflictkit ÷ csv.DictReader (best runs) | {ratio:.1f}x | |"
                )


if __name__ == "__main__":
    main()
