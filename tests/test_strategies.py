from __future__ import annotations

import importlib.metadata

from hypothesis import given
from hypothesis import strategies as st

import conflictkit as ck


def test_entry_point_is_declared() -> None:
    names = {ep.value for ep in importlib.metadata.entry_points(group="hypothesis")}
    assert "conflictkit.strategies:_hypothesis_setup_hook" in names


@given(st.from_type(ck.Actor), st.from_type(ck.Dataset))
def test_from_type_works_through_the_entry_point(actor: ck.Actor, dataset: ck.Dataset) -> None:
    assert isinstance(actor, ck.Actor)
    assert dataset.problems() == ()


@given(st.from_type(ck.Quantity))
def test_generated_quantities_are_ordered(quantity: ck.Quantity) -> None:
    known = [n for n in (quantity.low, quantity.best, quantity.high) if n is not None]
    assert known == sorted(known)


def test_core_import_does_not_import_hypothesis() -> None:
    import subprocess
    import sys

    code = "import sys, conflictkit; print('hypothesis' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_importing_strategies_first_works() -> None:
    # Importing the module imports Hypothesis, which runs its entry points, including this
    # module's hook, before the module has finished loading.
    import subprocess
    import sys

    code = (
        "import conflictkit.strategies, conflictkit\n"
        "from hypothesis import strategies as st\n"
        "print(type(st.from_type(conflictkit.Actor).example()).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Actor"
