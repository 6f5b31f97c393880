"""``conflictkit schema [TYPE]``: the JSON Schema of a Dataset document, a record type or a value type."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from conflictkit.cli.common import EXIT_ERROR, EXIT_OK
from conflictkit.core.model import Model, class_for_tag, registered_types, type_tag_of
from conflictkit.dataset.dataset import Dataset
from conflictkit.io.json_schema import json_schema

__all__ = ["add_parser", "schema_targets"]

_DATASET = "dataset"


def schema_targets() -> dict[str, type[Model]]:
    """Every name ``conflictkit schema`` accepts, and its class.

    The type tags of every registered record type (users' included), and conflictkit's value types
    by their names in lower case with words joined by ``_`` (``quantity``, ``date_span``).
    """
    targets: dict[str, type[Model]] = {"dataset": Dataset}
    for cls in _model_classes():
        tag = type_tag_of(cls)
        if tag is None:
            targets.setdefault(_snake_case(cls.__name__), cls)
    targets.update(registered_types())
    return targets


def _model_classes() -> Iterator[type[Model]]:
    pending: list[type[Model]] = [Model]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
                if "_conflictkit_tag" in sub.__dict__:  # an attrs class, registered when built
                    yield sub


def _snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def add_parser(subparsers: Any) -> None:
    """Add the ``schema`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a dataset, a record type or a value type",
        description="Print the JSON Schema (draft 2020-12) of a Dataset document, or of one type: "
        "a record type by its type tag (movement, acme.airstrike), or a value type by its name "
        "(quantity, date_span). Types of extensions are known after --import MODULE.",
    )
    parser.add_argument(
        "type", nargs="?", default=_DATASET, metavar="TYPE", help="dataset (the default), a tag or a name"
    )
    parser.set_defaults(run=_schema)


def _schema(args: argparse.Namespace) -> int:
    targets = schema_targets()
    cls = targets.get(args.type) or class_for_tag(args.type) or targets.get(_snake_case(args.type))
    if cls is None:
        known = ", ".join(sorted(targets))
        print(f"conflictkit schema: unknown type {args.type!r}; choose one of: {known}", file=sys.stderr)
        return EXIT_ERROR  # a usage error, as argparse reports them
    schema = json_schema() if cls is Dataset else json_schema(cls)
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK
