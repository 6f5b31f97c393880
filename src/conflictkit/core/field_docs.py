"""Field descriptions for ``help()``: the attribute docstrings, added to the class docstring.

Every field of a conflictkit type is described by the docstring written under it in the class
body. Sphinx reads those from the source for the HTML reference; Python keeps no trace of them at
run time. So that ``help(MilitaryMovement)`` (and editors that show ``__doc__``) describe the
fields too, each class's docstring gets an ``Attributes:`` section generated from the same
docstrings, inherited fields included.

The section is made on first access to the class's ``__doc__``, not at import: reading the source
costs time that only ``help()`` and documentation tools need to spend.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import threading
from typing import Any

__all__ = ["FieldsDocstring", "attribute_docstrings", "document_fields"]

_SECTION = "Attributes:"
_lock = threading.Lock()


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstrings written under the annotated attributes of ``cls``'s own class body.

    Empty when the source cannot be read (a class defined in an interactive session).
    """
    import textwrap  # only help() and documentation tools get here; keep it out of the import

    try:
        source = textwrap.dedent(inspect.getsource(cls))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return {}
    body = next((node.body for node in tree.body if isinstance(node, ast.ClassDef)), [])
    found: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _fields_section(cls: type) -> str:
    import attrs  # the classes given here are attrs classes

    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):  # a subclass's description of a field wins
        if attrs.has(klass):
            docs.update(attribute_docstrings(klass))
    lines = []
    for field in attrs.fields(cls):
        doc = docs.get(field.name)
        if doc is None or not field.init:
            continue
        first, *rest = doc.splitlines()
        lines.append(f"    {field.name}: {first}")
        lines.extend(f"        {line}" if line else "" for line in rest)
    return "\n".join([_SECTION, *lines]) if lines else ""


class FieldsDocstring:
    """A class's ``__doc__``: its own docstring, then a section describing its fields.

    Python looks a class's ``__doc__`` up in the class namespace and calls ``__get__`` on what it
    finds, so the section is computed when first asked for, and then kept.
    """

    def __init__(self, original: str | None) -> None:
        self.original = original
        """The docstring written in the class body (what the HTML reference shows)."""
        self._full: str | None = None

    def __get__(self, instance: Any, owner: type | None = None) -> str | None:
        if owner is None:
            owner = type(instance)
        if self._full is None:
            with _lock:
                section = _fields_section(owner)
                original = inspect.cleandoc(self.original) if self.original else ""
                self._full = "\n\n".join(part for part in (original, section) if part)
        return self._full or None


def document_fields(cls: type) -> None:
    """Make ``cls.__doc__`` describe its fields as well (see :class:`FieldsDocstring`)."""
    original = cls.__dict__.get("__doc__")
    if isinstance(original, FieldsDocstring):
        return
    type.__setattr__(cls, "__doc__", FieldsDocstring(original))
