"""The collector is paused a batch at a time, never for a whole export or conversion.

Another thread of the process keeps making reference cycles, which only the collector frees. While
``conflictkit export`` or ``convert`` runs beside it, the cycles it made must keep being freed: the
most alive at once stays well below the number made. Paused for the whole run, every cycle made
during the run would be alive at its end.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conflictkit.cli import main

_RECORDS = 4000  # four batches of JSON Lines read, and of records made into columns or written


class _Cycles:
    """A thread making reference cycles (each with 1 kB) and counting how many are alive at most."""

    def __init__(self) -> None:
        self.alive = 0
        self.made = 0
        self.most_alive = 0
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        cycles = self

        class Node:
            def __init__(self) -> None:
                self.me = self
                self.payload = bytearray(1024)
                with cycles.lock:
                    cycles.alive += 1
                    cycles.made += 1

            def __del__(self) -> None:
                with cycles.lock:
                    cycles.alive -= 1

        while not self.done.is_set():
            for _ in range(100):
                Node()
            with self.lock:
                self.most_alive = max(self.most_alive, self.alive)

    def __enter__(self) -> _Cycles:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.done.set()
        self.thread.join()
        gc.collect()


@pytest.fixture
def lines(tmp_path: Path) -> Path:
    path = tmp_path / "actors.jsonl"
    path.write_text(
        "".join(
            f'{{"type":"actor","id":"actor:{n}","name":"Actor {n}","kind":"person"}}\n'
            for n in range(_RECORDS)
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _commands(lines: Path, out: Path) -> dict[str, Callable[[], int]]:
    return {
        "export parquet": lambda: main(
            ["export", str(lines), "--to", "parquet", "--output", str(out), "--batch-size", "1000"]
        ),
        "export csv": lambda: main(["export", str(lines), "--to", "csv", "--output", str(out)]),
        "convert": lambda: main(
            ["convert", str(lines), "--from", "conflictkit", "--to", "conflictkit", "-o", str(out)]
        ),
    }


@pytest.mark.parametrize("command", ["export parquet", "export csv", "convert"])
def test_another_threads_cycles_are_freed_while_a_command_runs(
    command: str, lines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if command == "export parquet":
        pytest.importorskip("pyarrow")
    run = _commands(lines, tmp_path / "out.jsonl" if command == "convert" else tmp_path / "out")[command]
    # Once first, so that what happens once per process (pyarrow importing pandas as it first
    # builds an array, the generated code of each class) is not counted as a batch.
    assert run() == 0
    with _Cycles() as cycles:
        while cycles.made < 2000:  # the thread is running
            threading.Event().wait(0.001)
        made_before = cycles.made
        assert run() == 0
        made_during = cycles.made - made_before
    assert made_during > 5000, "too few cycles made beside the command to tell"
    # Paused for the whole run, every cycle made meanwhile (and the 1 kB each holds) would be alive
    # when the command ends; paused per batch, the collector frees them between batches.
    assert cycles.most_alive < made_during / 2
