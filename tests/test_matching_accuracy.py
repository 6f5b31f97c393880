"""The accuracy benchmark, small: a second source derived from a first, matched at the defaults."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from conflictkit.matching import match

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_matching.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_matching", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_derived_source_is_matched_with_f1_above_095_at_the_defaults() -> None:
    bench = _benchmark()
    first, second, truth = bench.sources(1500, seed=5)
    found = match(first, second)
    precision, recall, f1 = bench.scores(set(found.pairs()), truth)
    assert len(truth) > 1000
    assert f1 >= 0.95, (precision, recall, f1)
    # Every true pair is at least a candidate: the window and the precisions let none escape.
    assert truth <= {(match.left, match.right) for match in found}


def test_without_actors_and_kinds_the_score_alone_would_not_do() -> None:
    # The same benchmark's unrelated events lie within the window: at a threshold that ignores
    # what the judge weighs beyond date and place, precision falls. This guards the benchmark
    # against becoming trivial.
    bench = _benchmark()
    first, second, truth = bench.sources(1500, seed=5)
    found = match(first, second, min_score=0.0)
    precision, _, _ = bench.scores(set(found.pairs(0.0)), truth)
    assert precision < 0.9
