"""Bounded and linear at scale: id allocation on import, and the bad rows ``convert --keep-going`` keeps.

Work is measured in lines of Python executed (``sys.settrace``), never in seconds, so the tests say
the same on a busy machine as on an idle one; ``benchmarks/bench_limits.py`` shows the time and
memory.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import conflictkit.crosswalk.building as building
from conflictkit.cli.command import main
from conflictkit.crosswalk.building import Ids


def _lines_run(action: Any) -> int:
    count = 0
    watched = building.__file__

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if frame.f_code.co_filename != watched:
            return None
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def _allocate(count: int) -> None:
    ids = Ids("acled:loc:")
    made = {ids.of(("AF", "Ishkashim", 36.0 + n / 1e4, 71.5), "Ishkashim")[0] for n in range(count)}
    assert len(made) == count  # every place its own id


def test_ids_for_one_name_at_many_places_cost_the_same_each() -> None:
    small, large = _lines_run(lambda: _allocate(500)), _lines_run(lambda: _allocate(2000))
    assert large < 4 * small * 1.2  # four times the keys, about four times the work (quadratic: 16)


def test_ids_stay_distinct_when_a_name_looks_like_a_numbered_one() -> None:
    ids = Ids("p:")
    made = [ids.of(key, name)[0] for key, name in [(1, "T"), (2, "T-2"), (3, "T"), (4, "T"), (5, "T-3")]]
    assert made == ["p:T", "p:T-2", "p:T-3", "p:T-4", "p:T-3-2"]
    assert ids.of(3, "T") == ("p:T-3", False)


def test_keep_going_reports_each_distinct_problem_once_and_keeps_memory_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    good = '{"type": "actor", "id": "a", "name": "Taliban", "kind": "armed_group"}\n'
    source.write_text(good + "".join(f'{{"type": "actor", "id": "b{n}"}}\n' for n in range(1000)))
    output = tmp_path / "out.jsonl"
    argv = ["convert", str(source), "--from", "conflictkit", "--to", "conflictkit", "-o", str(output)]
    assert main([*argv, "--keep-going"]) == 1
    err = capsys.readouterr().err
    assert "1001 conflictkit in, 1 conflictkit records out" in err
    assert "2000 problems in the input:" in err  # two each (name, kind)
    # Each distinct problem once, with its count and its first lines: not a line per bad row.
    assert "  1000 lines: $.name: is required but missing (lines 2, 3, 4, 5, 6, ...)" in err
    assert "  1000 lines: $.kind: is required but missing (lines 2, 3, 4, 5, 6, ...)" in err
    assert "line 7" not in err
    assert "7," not in err
    assert len(err.splitlines()) == 4
    assert output.read_text(encoding="utf-8").count("\n") == 1
