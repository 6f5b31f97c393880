"""The seed dataset shipped with conflictkit, and the report it was built from.

The report (Monday, July 5, 2021: Afghan forces flee a Taliban offensive into Tajikistan; Tajikistan
mobilises 20,000 reservists) and the dataset modelling it are package data, read with
:mod:`importlib.resources`, so they are available from an installed wheel without a checkout.
The dataset's reviewable source and build script live in the repository's ``seeds/`` folder.

>>> from conflictkit import MilitaryMovement
>>> seed = load_seed()
>>> [str(move.size) for move in seed.of_type(MilitaryMovement)][:3]
['20,000', 'more than a thousand', '1,037']
>>> evidence = seed["move:afghan-troops-crossed-1037"].evidence[0]
>>> seed_report_text()[evidence.start : evidence.end] == evidence.quote
True
"""

from __future__ import annotations

import functools
from importlib import resources

from conflictkit.dataset.checklist import Checklist
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.converter import from_json
from conflictkit.records.documents import Document

__all__ = ["SEED_NAME", "load_seed", "seed_checklist", "seed_document", "seed_report_text"]

SEED_NAME = "2021-07-05-reuters-tajikistan-mobilises-reservists"
"""The name of the seed report's and dataset's files in the package's ``data`` folder."""


def _data(suffix: str) -> bytes:
    return (resources.files("conflictkit") / "data" / f"{SEED_NAME}{suffix}").read_bytes()


@functools.cache
def load_seed() -> Dataset:
    """The seed dataset, loaded from the package's data and checked for integrity.

    It is read once and cached: a :class:`~conflictkit.Dataset` is immutable, so every caller can
    share it.
    """
    return from_json(_data(".json"), Dataset).validate()


@functools.cache
def seed_report_text() -> str:
    """The seed report's text, exactly as received; evidence offsets index into it."""
    return _data(".txt").decode("utf-8")


def seed_document() -> Document:
    """The :class:`~conflictkit.Document` record of the seed report, from :func:`load_seed`."""
    (document,) = load_seed().of_type(Document)
    return document


@functools.cache
def seed_checklist() -> Checklist:
    """The seed report's claim checklist: every claim it makes, and the records that capture it.

    It is checked against :func:`load_seed` when loaded (every quote is in the report, every
    record listed exists), and cached.

    >>> checklist = seed_checklist()
    >>> claim = checklist.claims[0]
    >>> claim.quote[:50], claim.status.value, claim.captures[0].record
    ('Tajikistan’s President Rahmon on Monday (July 5) o', 'captured', 'move:tajik-reservists-mobilized')
    """
    return from_json(_data(".claims.json"), Checklist).validate(load_seed())
