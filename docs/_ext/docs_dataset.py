"""The dataset the generated pictures and tables of the docs show."""

from __future__ import annotations

import functools

import conflictkit
from conflictkit import Dataset


@functools.cache
def load_docs_dataset() -> tuple[Dataset, bool]:
    """The bundled seed dataset and ``True``; without ``conflictkit.load_seed``, the example
    dataset of ``example_dataset.py`` and ``False``."""
    load_seed = getattr(conflictkit, "load_seed", None)
    if load_seed is not None:
        seed: Dataset = load_seed()
        return seed, True
    from example_dataset import example_dataset

    return example_dataset(), False
