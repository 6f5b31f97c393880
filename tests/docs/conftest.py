"""The docs' Sphinx extensions (``docs/_ext``), importable by their tests; run by the docs session,
which has Sphinx installed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

EXTENSIONS = Path(__file__).parent.parent.parent / "docs" / "_ext"


@pytest.fixture(scope="session", autouse=True)
def extensions_on_the_path() -> Iterator[None]:
    # As docs/conf.py does for sphinx-build: the extensions import each other by plain name.
    sys.path.insert(0, str(EXTENSIONS))
    yield
    sys.path.remove(str(EXTENSIONS))
