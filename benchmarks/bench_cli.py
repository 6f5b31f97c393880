"""Peak memory and time per record of ``conflictkit validate`` and ``conflictkit`` (describe), by size.

Run from the repository root::

    python benchmarks/bench_cli.py --records 100000 1000000

The data is the seed dataset replicated with fresh ids (every record type, evidence quoting a
document, references between records, about 80 records per copy, each copy with its own copy of
the report's text), so that every reference resolves and every quote is checked. For each size it
writes the records as a JSON Lines file (with ``--format json``, as one Dataset document too) to a
temporary directory, then runs each command in a fresh process and reports that process's peak
resident set size (``ru_maxrss`` of the child) and its CPU time per record, best and median of
``--runs`` runs. A process that only imports conflictkit and counts the file's lines is the
baseline for JSON Lines; for a Dataset document, the baseline is a process that loads the same
records with ``load_dataset`` (from JSON Lines, so that only the records themselves are held). The
files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import conflictkit

COUNT_LINES = """
import sys
import conflictkit
with open(sys.argv[1], "rb") as file:
    print(sum(1 for _ in file))
"""


HOLD = [sys.executable, "-c", "import sys, conflictkit; conflictkit.load_dataset(sys.argv[1])"]


def seed_templates() -> list[str]:
    """Each seed record as JSON text with ``{copy}`` after every id, ready for ``str.format``."""
    records = conflictkit.to_dict(conflictkit.load_seed())["records"]
    ids = sorted((record["id"] for record in records), key=len, reverse=True)
    quoted_id = re.compile('"(' + "|".join(re.escape(record_id) for record_id in ids) + ')"')
    templates = []
    for record in records:
        text = json.dumps(record, ensure_ascii=False).replace("{", "{{").replace("}", "}}")
        templates.append(quoted_id.sub(r'"\1/{copy}"', text))
    return templates


def lines(count: int) -> Iterator[str]:
    """Whole copies of the seed, at least ``count`` records, one JSON document per line."""
    templates = seed_templates()
    copies = -(-count // len(templates))
    for copy in range(copies):
        for template in templates:
            yield template.format(copy=copy)


def write_files(directory: Path, count: int, as_document: bool) -> tuple[int, dict[str, Path]]:
    """Write the files; return how many records they hold (whole copies of the seed) and the files."""
    files = {"jsonl": directory / f"records-{count}.jsonl"}
    written = 0
    with files["jsonl"].open("w", encoding="utf-8") as file:
        for line in lines(count):
            file.write(line + "\n")
            written += 1
    if as_document:
        files["json"] = directory / f"records-{count}.json"
        with files["json"].open("w", encoding="utf-8") as file:
            file.write('{"schema_version": "1.0", "records": [\n')
            for number, line in enumerate(lines(count)):
                file.write((",\n" if number else "") + line)
            file.write("\n]}\n")
    return written, files


def run_child(command: list[str]) -> tuple[float, int]:
    """CPU seconds and peak RSS (KiB) of a child process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {result.returncode}: {result.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest of all children so far: each size and command is
    # measured in its own fresh interpreter (see measure()), which makes it that child's peak.
    return cpu, after.ru_maxrss


def measure(command: list[str], runs: int) -> tuple[list[float], int]:
    """Run ``command`` ``runs`` times, each under a fresh parent so ``ru_maxrss`` is its own."""
    probe = (
        "import json, subprocess, sys; from bench_cli import run_child; "
        "print(json.dumps(run_child(json.loads(sys.argv[1]))))"
    )
    seconds, peaks = [], []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", probe, json.dumps(command)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        )
        cpu, peak = json.loads(result.stdout)
        seconds.append(cpu)
        peaks.append(peak)
    return seconds, max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--format",
        nargs="+",
        choices=("jsonl", "json"),
        default=["jsonl"],
        help="jsonl: the records as JSON Lines; json: as one Dataset document",
    )
    args = parser.parse_args()
    print(f"command: python {' '.join(sys.argv)}; conflictkit {conflictkit.__version__}\n")
    print("| input | records | file size | command | peak RSS | µs per record, best / median |")
    print("|---|---|---|---|---|---|")
    cli = [sys.executable, "-m", "conflictkit"]
    with tempfile.TemporaryDirectory() as directory:
        for wanted in args.records:
            count, files = write_files(Path(directory), wanted, "json" in args.format)
            for kind, path in files.items():
                if kind not in args.format:
                    continue  # still read by the baseline of the other format
                size = f"{path.stat().st_size / 1e6:,.0f} MB"
                commands = {
                    "validate": [*cli, "validate", str(path)],
                    "describe": [*cli, str(path)],
                }
                if kind == "jsonl":
                    commands = {
                        "count lines (baseline)": [sys.executable, "-c", COUNT_LINES, str(path)],
                        **commands,
                    }
                else:  # what the records take once loaded: load_dataset streams the JSON Lines file
                    commands = {"hold the records (load_dataset)": [*HOLD, str(files["jsonl"])], **commands}
                for name, command in commands.items():
                    seconds, peak = measure(command, args.runs)
                    per_record = [second / count * 1e6 for second in seconds]
                    print(
                        f"| {kind} | {count:,} | {size} | {name} | {peak / 1024:,.1f} MiB "
                        f"| {min(per_record):.1f} / {statistics.median(per_record):.1f} |",
                        flush=True,
                    )
            for path in files.values():
                path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
