"""What each speed-up in conflictkit buys: every lever switched off and on, side by side.

Run from the repository root (the ``bench`` extra installed)::

    python benchmarks/bench_levers.py --records 100000

Each line times one operation on the same generated dataset (see ``generate.py``) with a lever
off, then on, best of ``--repeat`` runs in microseconds per record of process CPU time. Levers are
switched off by putting back what conflictkit did before (monkeypatching its private helpers), so
this script is tied to the library's internals and is not an API example.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from bench_load import timed
from cattrs.gen import make_dict_unstructure_fn
from generate import dataset_json

import conflictkit
from conflictkit import Dataset, serialization, validation
from conflictkit.model import type_tag_of


@contextlib.contextmanager
def collector_not_paused() -> Iterator[None]:
    enter, leave = serialization.collector_paused.__enter__, serialization.collector_paused.__exit__
    serialization.collector_paused.__enter__ = lambda self: None  # type: ignore[method-assign]
    serialization.collector_paused.__exit__ = lambda self, *exc: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        serialization.collector_paused.__enter__ = enter  # type: ignore[method-assign]
        serialization.collector_paused.__exit__ = leave  # type: ignore[method-assign]


@contextlib.contextmanager
def no_fast_check() -> Iterator[None]:
    """Every instance walks the full plan of field checks, as before the generated check."""
    saved = dict(validation._ACCEPTS)
    validation._ACCEPTS.clear()
    real = validation._accepts
    validation._accepts = lambda cls: lambda obj: False  # type: ignore[assignment]
    try:
        yield
    finally:
        validation._accepts = real
        validation._ACCEPTS.update(saved)


@contextlib.contextmanager
def cattrs_unstructure() -> Iterator[None]:
    """cattrs' generated unstructure functions with the type tag prepended, as before."""
    hooks: Any = serialization.converter.get_unstructure_hook(conflictkit.Quantity).__self__
    saved = dict(hooks._unstructure_fns)
    for cls in saved:
        body = make_dict_unstructure_fn(cls, serialization.converter, _cattrs_omit_if_default=True)
        tag = type_tag_of(cls)
        hooks._unstructure_fns[cls] = body if tag is None else with_tag(body, tag)
    try:
        yield
    finally:
        hooks._unstructure_fns.update(saved)


def with_tag(body: Callable[[Any], dict[str, Any]], tag: str) -> Callable[[Any], dict[str, Any]]:
    return lambda obj: {"type": tag, **body(obj)}


@contextlib.contextmanager
def no_orjson() -> Iterator[None]:
    real = serialization._orjson_dumps
    serialization._orjson_dumps = lambda: None  # type: ignore[assignment]
    try:
        yield
    finally:
        serialization._orjson_dumps = real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    count, repeat = args.records, args.repeat
    text = dataset_json(count)
    data = json.loads(text)
    loaded = conflictkit.from_json(text, Dataset)
    conflictkit.to_json(loaded)  # build every unstructure function before swapping them

    def decode() -> Any:
        return conflictkit.from_json(text, Dataset)

    def encode() -> Any:
        return conflictkit.to_json(loaded)

    levers: list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[], Any]]] = [
        ("collector paused while loading", decode, collector_not_paused, contextlib.nullcontext),
        ("collector paused while dumping", encode, collector_not_paused, contextlib.nullcontext),
        ("generated fast check per class", decode, no_fast_check, contextlib.nullcontext),
        ("generated unstructure functions", encode, cattrs_unstructure, contextlib.nullcontext),
        ("orjson to write the text", encode, no_orjson, contextlib.nullcontext),
    ]
    print(f"command: python {' '.join(sys.argv)}\n")
    print(f"{count:,} records, µs per record, best of {repeat} runs\n")
    print("| lever | operation | off | on | off ÷ on |\n|---|---|---|---|---|")
    for name, action, off, on in levers:
        with off():
            slow = timed(action, count, repeat)[0]
        with on():
            fast = timed(action, count, repeat)[0]
        print(f"| {name} | {action.__name__} | {slow:.1f} | {fast:.1f} | {slow / fast:.2f}x |")

    # Levers that are not switches: the detailed converter, the duplicate-key check.
    fast_path = timed(lambda: serialization.converter.structure(data, Dataset), count, repeat)[0]
    detailed = timed(lambda: serialization._detailed_converter.structure(data, Dataset), count, repeat)[0]
    print(
        f"| fast converter first (detailed only on failure) | structure dicts | {detailed:.1f} "
        f"| {fast_path:.1f} | {detailed / fast_path:.2f}x |"
    )
    hook = serialization._object_without_duplicates
    with_check = timed(lambda: json.loads(text, object_pairs_hook=hook), count, repeat)[0]
    plain = timed(lambda: json.loads(text), count, repeat)[0]
    print(
        f"| duplicate-key check (kept) | json.loads | {plain:.1f} (without) | {with_check:.1f} (with) "
        f"| costs {with_check / plain - 1:.0%} |"
    )


if __name__ == "__main__":
    main()
