"""Peak memory of streaming a JSON Lines file with ``conflictkit.iter_jsonl``, by file size.

Run from the repository root::

    python benchmarks/bench_stream.py --lines 100000 1000000

For each size it writes a JSON Lines file of generated records (see ``generate.py``) to a temporary
directory, then reads it in a fresh Python process that counts the records ``iter_jsonl`` yields,
and reports that process's peak resident set size (``resource.getrusage(...).ru_maxrss``) and the
CPU time per line (``time.process_time``). A process that only imports conflictkit and counts the
file's lines gives the baseline. The file is deleted afterwards. Constant memory means the peak
does not grow with the number of lines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import records

READ = """
import resource, sys, time
import conflictkit
path, mode = sys.argv[1], sys.argv[2]
start = time.process_time()
if mode == "iter_jsonl":
    count = sum(1 for _ in conflictkit.iter_jsonl(path, conflictkit.Record))
else:
    with open(path, "rb") as file:
        count = sum(1 for _ in file)
seconds = time.process_time() - start
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, seconds)
"""


def write_jsonl(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for record in records(count):
            file.write(json.dumps(record, ensure_ascii=False))
            file.write("\n")


def read_in_fresh_process(path: Path, mode: str) -> tuple[int, int, float]:
    result = subprocess.run(
        [sys.executable, "-c", READ, str(path), mode], capture_output=True, text=True, check=True
    )
    count, max_rss_kib, seconds = result.stdout.split()
    return int(count), int(max_rss_kib), float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    print(f"command: python {' '.join(sys.argv)}\n")
    print("| lines | file size | peak RSS, iter_jsonl | peak RSS, counting lines only | µs per line |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for count in args.lines:
            path = Path(directory) / f"records-{count}.jsonl"
            write_jsonl(path, count)
            size_mb = path.stat().st_size / 1e6
            loaded, rss, seconds = read_in_fresh_process(path, "iter_jsonl")
            counted, base_rss, _ = read_in_fresh_process(path, "count")
            assert loaded == counted == count, (loaded, counted, count)
            path.unlink()
            print(
                f"| {count:,} | {size_mb:,.0f} MB | {rss / 1024:,.1f} MiB | {base_rss / 1024:,.1f} MiB "
                f"| {seconds / count * 1e6:.1f} |"
            )


if __name__ == "__main__":
    main()
