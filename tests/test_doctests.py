"""Run the examples in every module's docstrings and guide, comparing their output exactly."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import runpy
import sys
from pathlib import Path

import pytest

import conflictkit

MODULES = sorted(
    [
        "conflictkit",
        *(
            info.name
            for info in pkgutil.walk_packages(conflictkit.__path__, "conflictkit.")
            if not info.name.endswith("__main__")
        ),
    ]
)

# Output and exception messages are compared exactly: no IGNORE_EXCEPTION_DETAIL, no ELLIPSIS and
# no NORMALIZE_WHITESPACE by default. An example that needs one says so with its own directive.
EXACT = doctest.DONT_ACCEPT_TRUE_FOR_1

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=EXACT)
    assert result.failed == 0


GUIDES = [
    ROOT / "README.md",
    ROOT / "docs" / "extending.md",
    ROOT / "docs" / "schema.md",
    ROOT / "docs" / "events.md",
    ROOT / "docs" / "analysis.md",
    ROOT / "docs" / "crosswalks.md",
]


@pytest.mark.parametrize("path", GUIDES, ids=lambda path: path.name)
def test_guide_examples(path: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=EXACT)
    assert result.attempted > 0
    assert result.failed == 0


def sphinx_doctest_flags(monkeypatch: pytest.MonkeyPatch) -> int:
    """The flags the Sphinx doctest builder runs every page's examples with (docs/conf.py)."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # conf.py adds docs/_ext to the path
    flags: int = runpy.run_path(str(ROOT / "docs" / "conf.py"))["doctest_default_flags"]
    return flags


def test_sphinx_compares_examples_as_exactly_as_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sphinx_doctest_flags(monkeypatch) == EXACT


# Examples that were wrong in the docs: a message that lists one problem of two, and one that
# hides the reason behind "...". Both must fail under the flags the examples run with.
LYING_EXAMPLES = {
    "a missing problem": """
>>> from conflictkit import Quantity
>>> Quantity(best=5, low=10, unit="troops")
Traceback (most recent call last):
...
conflictkit.core.errors.ValidationError: 1 problem:
  $.low: must be <= best (5), got 10
""",
    "an elided reason": """
>>> from datetime import date
>>> from conflictkit import resolve_date_phrase
>>> resolve_date_phrase("the other day", date(2021, 7, 5))
Traceback (most recent call last):
...
conflictkit.core.errors.ValidationError: 1 problem:
  $: cannot resolve the date phrase 'the other day': ...
""",
}


@pytest.mark.parametrize("source", LYING_EXAMPLES.values(), ids=list(LYING_EXAMPLES))
@pytest.mark.parametrize("where", ["sphinx", "tests"])
def test_an_example_with_a_wrong_message_fails(
    source: str, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags = sphinx_doctest_flags(monkeypatch) if where == "sphinx" else EXACT
    example = doctest.DocTestParser().get_doctest(source, {}, "lying", None, 0)
    runner = doctest.DocTestRunner(optionflags=flags)
    runner.run(example, out=lambda _: None)
    assert runner.summarize(verbose=False).failed == 1
