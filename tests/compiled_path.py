"""Switching conflictkit's compiled fast path off in a test, as if msgspec were not installed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from conflictkit.io import fast_path


@contextlib.contextmanager
def switched_off() -> Iterator[None]:
    """Inside the block, texts load through the default path (the generated loaders)."""
    real = fast_path._msgspec
    fast_path._msgspec = lambda: None  # type: ignore[assignment]
    try:
        yield
    finally:
        fast_path._msgspec = real
