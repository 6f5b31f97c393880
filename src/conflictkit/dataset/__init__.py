"""The dataset layer: :class:`~conflictkit.Dataset` and what is computed over many records.

The dataset itself and its integrity check (:mod:`~conflictkit.dataset.dataset`), event grouping and
the reconciliation of figures across claims (:mod:`~conflictkit.dataset.events`), the integrity check
of records streamed one at a time (:mod:`~conflictkit.dataset.integrity`) and the plain-text summary
``conflictkit describe`` prints (:mod:`~conflictkit.dataset.summary`). Modules here import the core,
values and records layers; never JSON, files, formats or the command line.
"""

from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset

__all__ = ["SCHEMA_VERSION", "Dataset"]
