"""Keep the API reference in step with ``conflictkit.__all__``.

* Every public name is documented under the path users import it from (``conflictkit.Actor``), but
  annotations and docstrings name the defining module (``conflictkit.records.actors.ActorKind``). References
  to such a path are resolved to the public name, so they link instead of failing ``-n``.
* Annotations that name a module by the alias a module imported it as (``st.SearchStrategy``
  for ``hypothesis.strategies.SearchStrategy``) are resolved under the module's real name.
* Type variables in signatures (``T`` in ``from_dict(data, cls: type[T]) -> T``) have no page of
  their own; they are shown as plain names rather than as broken links.
* Constants exported from the package root (``SCHEMA_VERSION``, ``converter``) have their
  docstring under their definition in a submodule; autodoc, looking in ``conflictkit/__init__.py``,
  would show the docstring of their type instead. The defining module's docstring is used.
* Every record class states its type tag, the ``"type"`` it carries in JSON.
* A class's docstring is shown as written: the section that describes its fields for ``help()``
  (see :mod:`conflictkit.core.field_docs`) is left out, since each field has its own entry.
* The build warns (an error under ``-W``) about every name in ``conflictkit.__all__`` that the API
  reference does not document, so a new export cannot go undocumented.
"""

from __future__ import annotations

import sys
import types
from typing import Any, TypeVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docstrings import prepare_docstring

import conflictkit
from conflictkit.core.field_docs import FieldsDocstring

logger = logging.getLogger(__name__)

PACKAGE = "conflictkit"


def public_name(target: str) -> str | None:
    """``conflictkit.<module>.<Name>[.<attribute>]`` as ``conflictkit.<Name>[.<attribute>]``.

    Only for names the package exports, and only when the module's object is the exported one.
    """
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != PACKAGE:
        return None
    for split in range(2, len(parts)):
        name = parts[split]
        if name in conflictkit.__all__ and _defines(".".join(parts[:split]), name):
            return ".".join([PACKAGE, *parts[split:]])
    return None


def _defines(module_name: str, name: str) -> bool:
    module = __import__(module_name, fromlist=[name])
    return getattr(module, name, None) is getattr(conflictkit, name)


def resolve_public(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve a reference to a defining module's path through the public name."""
    if node.get("refdomain") != "py":
        return None
    target = public_name(node["reftarget"])
    if target is None:
        return None
    domain: Any = env.get_domain("py")
    resolved: nodes.reference | None = domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )
    return resolved


def module_aliases() -> dict[str, str]:
    """Aliases conflictkit's modules import modules under, e.g. ``st`` for hypothesis.strategies."""
    found: dict[str, str] = {}
    for module_name, module in list(sys.modules.items()):
        if module_name != PACKAGE and not module_name.startswith(f"{PACKAGE}."):
            continue
        for alias, value in vars(module).items():
            if isinstance(value, types.ModuleType) and alias != value.__name__.rpartition(".")[2]:
                found[alias] = value.__name__
    return found


def resolve_alias(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve ``alias.Name`` as ``real.module.Name``, through every resolver (intersphinx too)."""
    head, dot, rest = node["reftarget"].partition(".")
    real = module_aliases().get(head) if node.get("refdomain") == "py" and dot else None
    if real is None:
        return None
    retry = node.deepcopy()
    retry["reftarget"] = f"{real}.{rest}"
    resolved: nodes.Element | None = app.emit_firstresult("missing-reference", env, retry, contnode)
    return resolved


def is_type_variable(target: str) -> bool:
    """Whether ``target`` names a :class:`~typing.TypeVar` defined in a conflictkit module."""
    module_name, _, name = target.rpartition(".")
    if not module_name.startswith(PACKAGE):
        return False
    module = sys.modules.get(module_name)
    return isinstance(getattr(module, name, None), TypeVar)


def show_type_variable(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.TextElement | None:
    """Render a reference to a type variable as its bare name, without a link."""
    if node.get("refdomain") == "py" and is_type_variable(node["reftarget"]):
        return contnode
    return None


def defining_module_docs(name: str) -> list[str] | None:
    """The attribute docstring under ``name``'s definition in a conflictkit submodule, if any."""
    value = getattr(conflictkit, name)
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith(f"{PACKAGE}.") or getattr(module, name, None) is not value:
            continue
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", name))
        if docs:
            return list(docs)
    return None


def improve_docstring(app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]) -> None:
    """Use the defining module's docstring for exported data; state each record's type tag."""
    short = name.removeprefix(f"{PACKAGE}.")
    if what == "data" and short in conflictkit.__all__:
        docs = defining_module_docs(short)
        if docs is not None:
            lines[:] = docs
    if what == "class" and isinstance(obj, type) and issubclass(obj, conflictkit.Model):
        written = obj.__dict__.get("__doc__")
        if isinstance(written, FieldsDocstring):
            # The reference documents every field under its class; the section describing the
            # fields for help() would say it all twice.
            lines[:] = prepare_docstring(written.original or "")
        tag = conflictkit.type_tag_of(obj) if "_conflictkit_tag" in obj.__dict__ else None
        if tag is not None:
            lines.extend(["", f'Serialised with ``"type": "{tag}"``.', ""])


def check_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about every public name the API reference does not document."""
    domain: Any = env.get_domain("py")
    documented = set(domain.objects)
    for name in conflictkit.__all__:
        if f"{PACKAGE}.{name}" not in documented:
            logger.warning("public name %s.%s is not in the API reference", PACKAGE, name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve_public)
    app.connect("missing-reference", show_type_variable)
    app.connect("missing-reference", resolve_alias)
    app.connect("autodoc-process-docstring", improve_docstring)
    app.connect("env-check-consistency", check_documented)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
