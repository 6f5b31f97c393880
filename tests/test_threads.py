"""Shared state under threads: the registry, the lazily built converters and caches, the collector.

Threads switch every few microseconds here (``sys.setswitchinterval``), so interleavings that the
default 5 ms interval makes rare happen on most runs.
"""

from __future__ import annotations

import gc
import itertools
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

import conflictkit as ck
from conflictkit.core.collector import collector_paused
from conflictkit.io import converter as serialization

THREADS = 16
_names = itertools.count()


@pytest.fixture(autouse=True)
def fast_switching() -> Iterator[None]:
    """Switch threads every microsecond, and restore the interpreter's interval afterwards."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
    assert gc.isenabled(), "the garbage collector was left switched off"


def run_together(work: Callable[[int], Any], threads: int = THREADS) -> list[Any]:
    """Run ``work(i)`` in ``threads`` threads released at the same moment; re-raise any failure."""
    start = threading.Barrier(threads)
    results: list[Any] = [None] * threads
    failures: list[BaseException] = []

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = work(index)
        except BaseException as exc:  # collected, re-raised in the main thread
            failures.append(exc)

    workers = [threading.Thread(target=run, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise failures[0]
    return results


def define_movement(tag: str, name: str | None = None) -> type[ck.MilitaryMovement]:
    """A user's MilitaryMovement subclass with one field of its own, as a module would define it."""
    namespace = {"__annotations__": {"payload": "str"}, "payload": "x", "__module__": __name__}
    cls = type(name or f"Defined{next(_names)}", (ck.MilitaryMovement,), namespace, type_tag=tag)
    return attrs.frozen(kw_only=True)(cls)


UNKNOWN = '{"type":"elsewhere.thing","id":"x:1","value":1}'


def test_first_lenient_loads_in_many_threads_build_the_converters_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Point 1: sixteen first calls with keep_unknown at once neither fail nor build twice."""
    made: list[bool] = []
    real = serialization.make_converter

    def counting(**options: Any) -> Any:
        made.append(options["detailed_validation"])
        return real(**options)

    monkeypatch.setattr(serialization, "make_converter", counting)
    for _ in range(5):
        made.clear()
        monkeypatch.setattr(serialization, "_lenient_converters", [])
        results = run_together(lambda _: ck.from_json(UNKNOWN, ck.Record, keep_unknown=True))
        assert all(isinstance(record, ck.OpaqueRecord) for record in results)
        assert sorted(made) == [False, True]


def test_json_schema_while_other_threads_define_classes() -> None:
    """Point 2: generating a schema never sees the registry change under it."""
    first = next(_names)

    def work(index: int) -> Any:
        if index % 2:
            return [define_movement(f"threadschema.m{first}_{index}_{n}") for n in range(5)]
        return [len(ck.json_schema()["$defs"]) for _ in range(3)]

    run_together(work)


def test_two_classes_claiming_one_tag_at_once_never_both_succeed() -> None:
    """Point 3: of the threads defining different classes with one tag, exactly one wins."""
    for attempt in range(10):
        tag = f"threadclash.t{next(_names)}"

        def claim(index: int, tag: str = tag, attempt: int = attempt) -> bool:
            try:
                define_movement(tag, name=f"Clash{attempt}_{index}")
            except ck.TypeTagError:
                return False
            return True

        assert sum(run_together(claim, threads=4)) == 1


def test_collector_stays_paused_until_the_last_thread_leaves() -> None:
    """Point 4: a block ending in one thread does not resume collection under another's block."""
    inside, leave = threading.Event(), threading.Event()
    states: list[bool] = []

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait()
            states.append(gc.isenabled())

    worker = threading.Thread(target=other)
    worker.start()
    inside.wait()
    with collector_paused():
        pass
    leave.set()
    worker.join()
    assert states == [False]
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    def pause(_: int) -> None:
        with collector_paused():
            pass

    gc.disable()
    try:
        run_together(pause)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_on_after_many_interleaved_pauses() -> None:
    """Point 4: reading and switching the collector in two steps used to leave it off."""

    def pause(_: int) -> None:
        for _ in range(300):
            with collector_paused():
                pass

    for _ in range(5):
        run_together(pause)
        assert gc.isenabled()


def test_decoding_encoding_schemas_and_new_classes_all_at_once() -> None:
    """Points 1-4 together: every shared structure used by many threads at the same time."""
    seed = ck.load_seed()
    text = ck.to_json(seed)
    first = next(_names)

    def work(index: int) -> Any:
        for round_ in range(3):
            role = (index + round_) % 5
            if role == 0:
                assert ck.from_json(text, ck.Dataset) == seed
            elif role == 1:
                assert ck.to_json(seed) == text
            elif role == 2:
                assert ck.json_schema()["$defs"]
            elif role == 3:
                cls = define_movement(f"threadstress.m{first}_{index}_{round_}")
                record = cls(
                    id="mv:1",
                    actor="actor:a",
                    kind=ck.MovementKind.DEPLOYMENT,
                    status=ck.MovementStatus.ANNOUNCED,
                )
                assert ck.from_json(ck.to_json(record), ck.Record) == record
            else:
                assert isinstance(ck.from_json(UNKNOWN, ck.Record, keep_unknown=True), ck.OpaqueRecord)

    run_together(work)


def test_two_migrations_from_one_version_at_once_never_both_register(monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration registry, like the type registry, checks and claims in one step."""
    from conflictkit.io import migrations

    for attempt in range(10):
        monkeypatch.setattr(migrations, "_MIGRATIONS", {})

        def claim(index: int, attempt: int = attempt) -> bool:
            try:
                migrations.register_migration(f"7.{attempt}", "8.0")(lambda document: document)
            except ValueError:
                return False
            return True

        assert sum(run_together(claim, threads=4)) == 1
        assert len(migrations.migrations()) == 1


def test_a_migration_is_checked_when_it_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gap between checking a version and claiming it, which threads can fall into."""
    from conflictkit.io import migrations

    monkeypatch.setattr(migrations, "_MIGRATIONS", {})
    first, second = (migrations.register_migration("7.0", "8.0") for _ in range(2))
    first(lambda document: document)
    with pytest.raises(ValueError, match="already registered"):
        second(lambda document: document)


def test_a_pause_with_the_collector_already_off_takes_no_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A program that switched the collector off pays nothing per call for the pause."""
    from conflictkit.core import collector

    class NoLock:
        def __enter__(self) -> None:
            raise AssertionError("the lock was taken")

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(collector, "_lock", NoLock())
    gc.disable()
    try:
        with collector_paused():
            actor = ck.from_json('{"type":"actor","id":"a1","name":"A","kind":"person"}', ck.Actor)
        assert actor.name == "A"
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nothing_to_pause_only_when_the_program_switched_the_collector_off() -> None:
    from conflictkit.core.collector import nothing_to_pause

    assert gc.isenabled()
    assert not nothing_to_pause()
    with collector_paused():
        assert not gc.isenabled()
        assert not nothing_to_pause()  # off for a pause of ours, which must be counted
    gc.disable()
    try:
        assert nothing_to_pause()
    finally:
        gc.enable()
