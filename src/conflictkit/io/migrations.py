"""Schema versions of Dataset documents, and the migrations that upgrade older ones.

Every Dataset document carries ``"schema_version": "MAJOR.MINOR"``. A new *minor* version only
adds optional things, so documents of any minor version of the current major load as they are. A
new *major* version changes the format; a document of an older major loads only through a chain
of migrations, each a function that rewrites a document dict of one version into the next::

    @register_migration("1.0", "2.0")
    def _rename_records(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "items": document["records"]}  # hypothetical 2.0 change

Migrations run on the plain dict before it is loaded, so the loader only ever sees the current
format. A document from a newer major version than this release reads fails with a
:class:`~conflictkit.SchemaVersionError` telling the reader to upgrade conflictkit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from conflictkit.core import registry
from conflictkit.core.errors import ConflictkitError, Problem, SchemaVersionError
from conflictkit.core.validation import shown
from conflictkit.dataset.dataset import SCHEMA_VERSION

__all__ = ["Migration", "migrate", "migrations", "parse_version", "register_migration"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A function upgrading a document dict by one step. It must not modify its argument."""

VERSION_KEY = "schema_version"
"""The key of a Dataset document that carries its schema version."""

_NUMBER = "(0|[1-9][0-9]{0,5})"  # no leading zeros: "01.0" is not a version, as the JSON Schema says
_VERSION = re.compile(rf"{_NUMBER}\.{_NUMBER}")
_MIGRATIONS: dict[str, tuple[str, Migration]] = {}


def parse_version(version: Any) -> tuple[int, int] | None:
    """``(major, minor)`` of a version string ``"MAJOR.MINOR"``, or ``None`` if it is not one.

    >>> parse_version("1.0"), parse_version("1"), parse_version(1.0), parse_version("01.0")
    ((1, 0), None, None, None)
    """
    if not isinstance(version, str):
        return None
    found = _VERSION.fullmatch(version)
    return (int(found[1]), int(found[2])) if found else None


_CURRENT = parse_version(SCHEMA_VERSION)
assert _CURRENT is not None, "SCHEMA_VERSION must be 'MAJOR.MINOR'"


def register_migration(from_version: str, to_version: str) -> Callable[[Migration], Migration]:
    """Decorator registering a function that upgrades documents by one version.

    ``to_version`` must be newer than ``from_version``, and each version has at most one migration
    away from it, so the chain from any version is unique and ends.
    """
    start, end = parse_version(from_version), parse_version(to_version)
    if start is None or end is None:
        raise ValueError(f"versions must be 'MAJOR.MINOR', got {from_version!r} and {to_version!r}")
    if end <= start:
        raise ValueError(f"a migration must go to a newer version, not {from_version} -> {to_version}")
    if from_version in _MIGRATIONS:
        raise ValueError(f"a migration from {from_version} is already registered")

    def register(function: Migration) -> Migration:
        global _MIGRATIONS
        with registry.LOCK:  # checked again and published whole: readers never see it change
            if from_version in _MIGRATIONS:
                raise ValueError(f"a migration from {from_version} is already registered")
            _MIGRATIONS = {**_MIGRATIONS, from_version: (to_version, function)}
        return function

    return register


def migrations() -> Mapping[str, tuple[str, Migration]]:
    """The registered migrations, from-version to (to-version, function): a read-only snapshot."""
    return MappingProxyType(_MIGRATIONS)


def _version_error(message: str) -> SchemaVersionError:
    return SchemaVersionError([Problem(path=(VERSION_KEY,), message=message)])


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a Dataset document dict to the current major version and return it.

    The input is returned unchanged when it is already current; otherwise each migration step
    produces a new dict. Raises :class:`~conflictkit.SchemaVersionError` when the version is
    missing or malformed, newer than this release reads, or older with no migration path, or when
    a migration cannot make sense of the document.

    >>> migrate({"schema_version": "1.0", "records": []})
    {'schema_version': '1.2', 'records': []}
    >>> migrate({"schema_version": "9.0"})
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.SchemaVersionError: 1 problem:
      $.schema_version: version 9.0 is newer than this release of conflictkit reads (1.2); upgrade conflictkit
    """
    version = document.get(VERSION_KEY)
    parsed = parse_version(version)
    if parsed is None:
        raise _version_error(f"expected a version 'MAJOR.MINOR', got {shown(version)}")
    while version in _MIGRATIONS:
        target, step = _MIGRATIONS[version]
        document = {**_run(step, document, version, target), VERSION_KEY: target}
        version = target
        parsed = parse_version(target)
    assert parsed is not None
    assert _CURRENT is not None
    if parsed[0] > _CURRENT[0]:
        raise _version_error(
            f"version {version} is newer than this release of conflictkit reads ({SCHEMA_VERSION}); "
            "upgrade conflictkit"
        )
    if parsed[0] < _CURRENT[0]:
        raise _version_error(
            f"version {version} is older than this release of conflictkit reads ({SCHEMA_VERSION}) "
            "and no migration upgrades it"
        )
    return document


def _run(step: Migration, document: dict[str, Any], version: str, target: str) -> dict[str, Any]:
    try:
        upgraded = step(document)
    except ConflictkitError:
        raise
    except Exception as exc:
        # A migration meets documents as malformed as any other input; its failure is theirs.
        raise _version_error(f"cannot migrate from version {version} to {target}: {exc}") from None
    if not isinstance(upgraded, dict):
        raise TypeError(f"migration {step.__qualname__} returned {type(upgraded).__name__}, not a dict")
    return upgraded


# --- the migrations of conflictkit's own versions -------------------------------------------------


@register_migration("1.0", "1.1")
def _from_1_0(document: dict[str, Any]) -> dict[str, Any]:
    """1.0 -> 1.1: relations, events and the ``unidentified`` actor kind only add to 1.0.

    Every 1.0 document is a valid 1.1 document as it stands, so the step only renews the version;
    it returns a copy, as every migration must.
    """
    return dict(document)


@register_migration("1.1", "1.2")
def _from_1_1(document: dict[str, Any]) -> dict[str, Any]:
    """1.1 -> 1.2: event-like records gain an optional ``role``, movements an ``equipment``.

    ``role`` says whether a record is an event, a condition or an attribution; incidents may
    also be the same event as movements.

    Every 1.1 document is a valid 1.2 document as it stands (a record without a ``role`` is an
    event, as before), so the step only renews the version; it returns a copy.
    """
    return dict(document)
