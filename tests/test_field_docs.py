"""help() describes every field, from the attribute docstrings the HTML reference shows."""

from __future__ import annotations

import ast
import inspect
import itertools
import pydoc
import sys
from pathlib import Path

import attrs
import pytest

import conflictkit as ck
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of

CORE: list[type[Model]] = [
    *(cls for cls in ck.registered_types().values() if cls.__module__.startswith("conflictkit.")),
    ck.Quantity,
    ck.DateSpan,
    ck.Evidence,
    ck.Inference,
    ck.Coordinates,
]


def docstrings_in_source(cls: type) -> dict[str, str]:
    """Attribute docstrings as the reference reads them: the string right under an annotation."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        module = sys.modules[klass.__module__]
        if not attrs.has(klass) or module.__file__ is None:
            continue
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        body = next(
            node.body
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name == klass.__name__
        )
        for first, second in itertools.pairwise(body):
            if isinstance(first, ast.AnnAssign) and isinstance(second, ast.Expr):
                assert isinstance(first.target, ast.Name)
                docs[first.target.id] = inspect.cleandoc(ast.literal_eval(second.value))
    return docs


@pytest.mark.parametrize("cls", CORE, ids=lambda cls: cls.__name__)
def test_help_describes_every_field(cls: type[Model]) -> None:
    shown = pydoc.plain(pydoc.render_doc(cls))
    documented = docstrings_in_source(cls)
    fields = [field.name for field in fields_of(cls) if field.init]
    assert set(fields) <= set(documented), "every field has an attribute docstring"
    doc = cls.__doc__
    assert doc is not None
    section = doc.split("\nAttributes:\n", 1)[1]
    for name in fields:
        first_line = documented[name].splitlines()[0]
        assert f"    {name}: {first_line}" in section
        assert f"{name}: {first_line}" in shown
    assert doc.startswith(inspect.cleandoc(cls.__dict__["__doc__"].original))


@attrs.frozen(kw_only=True)
class Convoy(ck.MilitaryMovement, type_tag="testsuite.field_docs_convoy"):
    """A column of vehicles."""

    vehicles: int = 0
    """How many vehicles the report counts.

    Trucks and armoured cars alike.
    """


def test_a_users_subclass_describes_its_own_and_inherited_fields() -> None:
    doc = Convoy.__doc__
    assert doc is not None
    assert doc.startswith("A column of vehicles.\n\nAttributes:\n")
    assert "    vehicles: How many vehicles the report counts.\n\n        Trucks and armoured" in doc
    assert "    actor: Id of the force that moves" in doc


def test_a_class_without_readable_source_keeps_its_docstring() -> None:
    namespace: dict[str, object] = {"attrs": attrs, "ck": ck}
    exec(
        "@attrs.frozen(kw_only=True)\n"
        "class Hidden(ck.Quantity, type_tag='testsuite.hidden'):\n"
        "    '''Defined where no source can be read.'''\n"
        "    note: str = 'x'\n",
        namespace,
    )
    hidden = namespace["Hidden"]
    assert isinstance(hidden, type)
    doc = hidden.__doc__
    assert doc is not None
    assert doc.startswith("Defined where no source can be read.")
    assert "    best: The best estimate" in doc  # the inherited fields' source is readable
    assert "note:" not in doc
