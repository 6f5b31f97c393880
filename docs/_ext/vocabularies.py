"""The ``conflictkit-vocabularies`` directive: every vocabulary, its values and their meanings.

Everything is read from the code at build time, so the page cannot fall behind it:

* the vocabularies are the :class:`enum.Enum` classes exported in ``conflictkit.__all__``;
* the meaning of each value is its member's docstring, the string literal written under the member
  in the source. Python does not keep those at run time, so they are read from the source with
  Sphinx's own analyser, the one autodoc uses for the same docstrings in the API reference;
* "Used by" lists the fields of exported classes whose annotation mentions the vocabulary.

A member without a docstring is a build warning, hence an error under ``-W``.

The ``conflictkit-crosswalk`` directive renders the tables of :mod:`conflictkit.crosswalk` the
same way: ``acled`` (every ACLED event type and sub-event type), ``plover`` (every PLOVER event type
and mode) or ``plover-contexts``, each with its conflictkit representation.
"""

from __future__ import annotations

import enum
import inspect
import typing
from collections.abc import Iterator
from typing import Any

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import conflictkit
from conflictkit.crosswalk import Representation, acled, plover

logger = logging.getLogger(__name__)


def exported_vocabularies() -> list[type[enum.Enum]]:
    """The Enums conflictkit exports, in the order of ``conflictkit.__all__``."""
    found = (getattr(conflictkit, name) for name in conflictkit.__all__)
    return [item for item in found if isinstance(item, type) and issubclass(item, enum.Enum)]


def member_descriptions(vocabulary: type[enum.Enum]) -> dict[str, list[str]]:
    """Each member's name and the lines of the docstring written under it in the source."""
    analyzer = ModuleAnalyzer.for_module(vocabulary.__module__)
    docs = analyzer.find_attr_docs()
    return {member.name: list(docs.get((vocabulary.__qualname__, member.name), [])) for member in vocabulary}


def _mentions(annotation: Any, vocabulary: type[enum.Enum]) -> bool:
    if annotation is vocabulary:
        return True
    return any(_mentions(argument, vocabulary) for argument in typing.get_args(annotation))


def fields_using(vocabulary: type[enum.Enum]) -> Iterator[str]:
    """``Class.field`` for every field of an exported attrs class annotated with ``vocabulary``."""
    for name in conflictkit.__all__:
        cls = getattr(conflictkit, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            own = field.name in inspect.get_annotations(cls)
            if own and _mentions(hints[field.name], vocabulary):
                yield f"{name}.{field.name}"


def vocabulary_rst(vocabulary: type[enum.Enum]) -> list[str]:
    """The reStructuredText section for one vocabulary."""
    name = vocabulary.__name__
    summary = inspect.cleandoc(vocabulary.__doc__ or "").split("\n\n")[0].replace("\n", " ")
    used_by = ", ".join(f":attr:`{field} <conflictkit.{field}>`" for field in fields_using(vocabulary))
    lines = [
        name,
        "-" * len(name),
        "",
        summary,
        "",
        f"Reference: :class:`conflictkit.{name}`." + (f" Used by {used_by}." if used_by else ""),
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 25 25 50",
        "",
        "   * - Value in JSON",
        "     - Member",
        "     - Meaning",
    ]
    for member_name, description in member_descriptions(vocabulary).items():
        if not description or not "".join(description).strip():
            logger.warning("%s.%s has no docstring to describe it", name, member_name)
        meaning = [line for line in description if line.strip()] or [""]
        lines += [
            f'   * - ``"{vocabulary[member_name].value}"``',
            f"     - ``{member_name}``",
            f"     - {meaning[0]}",
            *(f"       {line}" for line in meaning[1:]),
        ]
    return [*lines, ""]


class VocabulariesDirective(SphinxDirective):
    """Insert one section per exported vocabulary (use it in a reStructuredText page)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = StringList()
        for vocabulary in exported_vocabularies():
            self.env.note_dependency(inspect.getfile(vocabulary))
            for line in vocabulary_rst(vocabulary):
                text.append(line, f"<{vocabulary.__module__}.{vocabulary.__qualname__}>")
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, text, container)
        return list(container.children)


def _list_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [headers, *rows]:
        lines += [f"   * - {row[0]}", *(f"     - {cell}" for cell in row[1:])]
    return [*lines, ""]


def _home(representation: Representation) -> str:
    call = f"``{representation}``"
    return f"{call}: {representation.note}" if representation.note else call


def acled_rows() -> list[list[str]]:
    """One row per ACLED event type and sub-event type, in the codebook's order."""
    return [
        [event_type, sub_event_type, _home(acled.representation_of(event_type, sub_event_type))]
        for event_type, sub_event_types in acled.EVENT_TYPES.items()
        for sub_event_type in sub_event_types
    ]


def acled_legacy_rows() -> list[list[str]]:
    """One row per event type of ACLED files from before 2019 (which have no sub-event type)."""
    return [
        [event_type, _home(representation)]
        for event_type, representation in acled.LEGACY_REPRESENTATIONS.items()
    ]


def plover_rows() -> list[list[str]]:
    """One row per PLOVER event type (without a mode, then with each of its modes)."""
    return [
        [
            event_type,
            "(none)" if mode is None else f"``{mode}``",
            _home(plover.representation_of(event_type, mode)),
        ]
        for event_type in (*plover.EVENT_TYPES, *plover.LEGACY_EVENT_TYPES)
        for mode in (None, *plover.MODES[event_type])
    ]


def plover_context_rows() -> list[list[str]]:
    """One row per PLOVER context code."""
    return [
        [f"``{code}``", f":attr:`EventContext.{context.name} <conflictkit.EventContext.{context.name}>`"]
        for code, context in plover.CONTEXTS.items()
    ]


_CROSSWALK_TABLES = {
    "acled": (["ACLED event type", "Sub-event type", "conflictkit"], acled_rows, acled),
    "acled-legacy": (["ACLED event type (before 2019)", "conflictkit"], acled_legacy_rows, acled),
    "plover": (["PLOVER event type", "Mode", "conflictkit"], plover_rows, plover),
    "plover-contexts": (["PLOVER context", "conflictkit"], plover_context_rows, plover),
}


class CrosswalkDirective(SphinxDirective):
    """Insert one crosswalk table, named by the directive's argument."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        headers, rows, module = _CROSSWALK_TABLES[self.arguments[0]]
        self.env.note_dependency(inspect.getfile(module))
        text = StringList()
        for line in _list_table(headers, rows()):
            text.append(line, f"<{module.__name__}>")
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, text, container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-vocabularies", VocabulariesDirective)
    app.add_directive("conflictkit-crosswalk", CrosswalkDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
