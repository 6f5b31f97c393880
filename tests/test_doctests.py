"""Run the examples in every module's docstrings."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import conflictkit

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(conflictkit.__path__, "conflictkit.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


ROOT = Path(__file__).parent.parent
GUIDES = [
    ROOT / "README.md",
    ROOT / "docs" / "extending.md",
    ROOT / "docs" / "schema.md",
    ROOT / "docs" / "events.md",
    ROOT / "docs" / "analysis.md",
]


@pytest.mark.parametrize("path", GUIDES, ids=lambda path: path.name)
def test_guide_examples(path: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
