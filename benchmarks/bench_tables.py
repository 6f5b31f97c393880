"""Tables at scale: ``conflictkit export`` to Parquet against decoding alone, and ``to_arrow``.

Run from the repository root (needs ``conflictkit[arrow]``)::

    python benchmarks/bench_tables.py --lines 100000 1000000 --in-memory 1000000 --repeat 3

Two measurements, on the generated mixed records of ``generate.py`` (the seed replicated: every
record type, evidence and inferences on most records):

1. **Export against decode.** For each size, a JSON Lines file is written to a temporary
   directory, then read in fresh Python processes, alternately: one decodes every line with
   conflictkit (``iter_jsonl(path, Record)``, the records counted and dropped), the other runs
   ``conflictkit export FILE --to parquet`` (the same decoding, plus Arrow batches and Parquet
   files). Each process reports its wall time and its peak resident set size. The ratio is
   export time over decode time, from the best runs and from the medians. A third fresh process
   times what every export pays once whatever its size: importing pyarrow and building its first
   array (which imports pandas too, when pandas is installed); the last column is the ratio
   without that start-up.
2. **to_arrow against from_pylist.** The records are made in memory once; ``to_arrow(records)`` is
   timed against ``pyarrow.Table.from_pylist`` building the same tables (same schemas, same
   values) from plain dicts prepared beforehand, one table per type. Both run with the garbage
   collector in the same state (collected, then enabled), alternately, best and median of the runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import records

DECODE = """
import resource, sys, time
import conflictkit
start = time.perf_counter()
count = sum(1 for _ in conflictkit.iter_jsonl(sys.argv[1], conflictkit.Record))
print(count, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

EXPORT = """
import resource, sys, time
from conflictkit.cli.export import export
start = time.perf_counter()
status = export([sys.argv[1]], "parquet", sys.argv[2])
seconds = time.perf_counter() - start
assert status == 0, status
import pyarrow.parquet as pq, pathlib  # after the timer: confirms that every record was written
count = sum(pq.ParquetFile(p).metadata.num_rows for p in pathlib.Path(sys.argv[2]).glob("*.parquet"))
print(count, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


STARTUP = """
import sys, time
import conflictkit
start = time.perf_counter()
import pyarrow, pyarrow.parquet
pyarrow.array(["x"])  # pyarrow imports pandas here, if it is installed
print(0, time.perf_counter() - start, int("pandas" in sys.modules))
"""


def write_jsonl(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for record in records(count):
            file.write(json.dumps(record, ensure_ascii=False))
            file.write("\n")


def fresh(script: str, *args: str) -> tuple[int, float, int]:
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    count, seconds, max_rss_kib = result.stdout.split()
    return int(count), float(seconds), int(max_rss_kib)


def export_against_decode(counts: list[int], repeat: int) -> None:
    print(
        "| lines | file size | decode, best / median | export to Parquet, best / median "
        "| ratio, best / median | peak RSS, decode | peak RSS, export | pyarrow start-up "
        "| ratio without it, best / median |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    startup = [fresh(STARTUP) for _ in range(3)]
    startup_seconds = min(seconds for _, seconds, _ in startup)
    with_pandas = " (pandas imported)" if startup[0][2] else ""
    with tempfile.TemporaryDirectory() as directory:
        for count in counts:
            path = Path(directory) / f"records-{count}.jsonl"
            write_jsonl(path, count)
            decode: list[float] = []
            export: list[float] = []
            rss_decode = rss_export = 0
            for run in range(repeat):
                n, seconds, rss = fresh(DECODE, str(path))
                assert n == count, (n, count)
                decode.append(seconds)
                rss_decode = max(rss_decode, rss)
                n, seconds, rss = fresh(EXPORT, str(path), str(Path(directory) / f"out-{count}-{run}"))
                assert n == count, (n, count)
                export.append(seconds)
                rss_export = max(rss_export, rss)
            size_mb = path.stat().st_size / 1e6
            path.unlink()
            best, median = min(decode), statistics.median(decode)
            best_export, median_export = min(export), statistics.median(export)
            print(
                f"| {count:,} | {size_mb:,.0f} MB | {best:.2f} s / {median:.2f} s "
                f"| {best_export:.2f} s / {median_export:.2f} s "
                f"| {best_export / best:.2f} / {median_export / median:.2f} "
                f"| {rss_decode / 1024:,.0f} MiB | {rss_export / 1024:,.0f} MiB "
                f"| {startup_seconds:.2f} s{with_pandas} "
                f"| {(best_export - startup_seconds) / best:.2f} "
                f"/ {(median_export - startup_seconds) / median:.2f} |",
                flush=True,
            )


def plain_rows(dataset_records: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The dicts ``from_pylist`` needs for the same tables: values as Arrow takes them."""
    from conflictkit import type_tag_of
    from conflictkit.tables._columns import POSITION

    def plain(value: Any) -> Any:
        import enum

        import attrs

        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, tuple):
            return [plain(item) for item in value]
        if attrs.has(type(value)):
            return {field.name: plain(getattr(value, field.name)) for field in attrs.fields(type(value))}
        return value

    rows: dict[str, list[dict[str, Any]]] = {}
    for position, record in enumerate(dataset_records):
        row = {POSITION: position, **plain(record)}
        rows.setdefault(type_tag_of(type(record)) or "", []).append(row)
    return rows


def timed(function: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def to_arrow_against_from_pylist(count: int, repeat: int) -> None:
    import pyarrow as pa

    from conflictkit import Record, from_dict
    from conflictkit.core.model import class_for_tag
    from conflictkit.tables import arrow_schema, to_arrow

    made = [from_dict(value, Record) for value in records(count)]
    rows = plain_rows(made)
    schemas = {tag: arrow_schema(class_for_tag(tag)) for tag in rows}  # type: ignore[arg-type]

    def baseline() -> dict[str, Any]:
        return {tag: pa.Table.from_pylist(rows[tag], schema=schemas[tag]) for tag in rows}

    def ours() -> dict[str, Any]:
        return to_arrow(made)

    theirs, mine = baseline(), ours()
    for tag in rows:  # the same values (dictionaries may order their entries differently)
        assert mine[tag].slice(0, 1000).to_pylist() == theirs[tag].slice(0, 1000).to_pylist(), tag
    del theirs, mine
    times: dict[str, list[float]] = {"to_arrow": [], "from_pylist": []}
    for _ in range(repeat):
        times["to_arrow"].append(timed(ours))
        times["from_pylist"].append(timed(baseline))
    best = {name: min(values) for name, values in times.items()}
    print("| records | to_arrow, best / median | from_pylist on plain dicts, best / median | ratio (best) |")
    print("|---|---|---|---|")
    print(
        f"| {count:,} | {best['to_arrow']:.2f} s / {statistics.median(times['to_arrow']):.2f} s "
        f"| {best['from_pylist']:.2f} s / {statistics.median(times['from_pylist']):.2f} s "
        f"| {best['to_arrow'] / best['from_pylist']:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--in-memory", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"command: python {' '.join(sys.argv)}\n")
    if args.lines:
        export_against_decode(args.lines, args.repeat)
        print()
    if args.in_memory:
        to_arrow_against_from_pylist(args.in_memory, args.repeat)


if __name__ == "__main__":
    main()
