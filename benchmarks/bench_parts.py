"""Where decoding time goes: each step of conflictkit's two decode paths, timed on its own.

Run from the repository root, with the ``bench`` extra installed (``pip install -e ".[bench]"``)::

    python benchmarks/bench_parts.py --records 100000

The data is ``generate.py``'s (the seed replicated with fresh ids). The collector is paused for
every step. Times are the best and the median of ``--repeat`` runs, in microseconds per record.
The steps of each path add up to a little less than the whole: the rest is the glue between them.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench_decode import dataset_text

import conflictkit
from conflictkit import Dataset
from conflictkit.core.model import cross_field_check
from conflictkit.io import converter as serialization
from conflictkit.io import fast_path as fast_decode


def timed(action: Callable[[], Any], count: int, repeat: int) -> str:
    runs = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            action()
            runs.append((time.process_time() - start) / count * 1e6)
        finally:
            gc.enable()
    return f"{min(runs):.2f} / {statistics.median(runs):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    count, repeat = args.records, args.repeat
    text = dataset_text(count)
    data = json.loads(text)
    dataset = conflictkit.from_json(text, Dataset)
    records = list(dataset.records)
    decoder, compiled = fast_decode._decoder_for(Dataset)
    structs = decoder.decode(text)
    build = compiled.builders[structs.__class__]
    load_record = serialization.converter.get_structure_hook(Dataset).__self__._load_record()
    quiet = fast_decode._msgspec
    every_object = [value for record in records for value in objects(record)]

    def default_path() -> Any:
        fast_decode._msgspec = lambda: None
        try:
            return conflictkit.from_json(text, Dataset)
        finally:
            fast_decode._msgspec = quiet

    steps = [
        (
            "with the `fast` extra",
            "the whole: `from_json(text, Dataset)`",
            lambda: conflictkit.from_json(text, Dataset),
        ),
        ("with the `fast` extra", "msgspec parses and checks into Structs", lambda: decoder.decode(text)),
        (
            "with the `fast` extra",
            "build the instances from the Structs, rules included",
            lambda: build(structs, [0]),
        ),
        (
            "with the `fast` extra",
            "count the strings written (duplicate keys)",
            lambda: fast_decode._strings_written(text),
        ),
        ("default", "the whole: `from_json(text, Dataset)`", default_path),
        ("default", "parse: `json` with the duplicate-key hook", lambda: serialization.parse_json(text)),
        (
            "default",
            "check and build every record: generated loaders",
            lambda: [load_record(r) for r in data["records"]],
        ),
        ("default", "make the Dataset (index by id, its check)", lambda: Dataset(records=records)),
        (
            "both",
            "cross-field rules of every object, as generators (which word failures)",
            lambda: cross_field(every_object),
        ),
        (
            "both",
            "the same rules as predicates (what the paths above run)",
            lambda: cross_field_predicates(every_object),
        ),
        ("floor", "`json.loads` alone", lambda: json.loads(text)),
    ]
    print(f"command: python {' '.join(sys.argv)}\n")
    print(f"{count:,} records, collector paused, µs per record, best / median of {repeat} runs\n")
    print("| path | step | µs per record |\n|---|---|---|")
    for path, step, action in steps:
        print(f"| {path} | {step} | {timed(action, count, repeat)} |", flush=True)


def cross_field_predicates(values: list[Any]) -> None:
    for value in values:
        cross_field_check(type(value))(value)


def cross_field(values: list[Any]) -> None:
    for value in values:
        for _ in value.consistency_problems():
            pass


def objects(value: Any) -> list[Any]:
    found = [value]
    for name in value.__attrs_attrs__:
        item = getattr(value, name.name)
        items = item if isinstance(item, tuple) else (item,)
        found += [
            nested
            for element in items
            if isinstance(element, conflictkit.Model)
            for nested in objects(element)
        ]
    return found


if __name__ == "__main__":
    main()
