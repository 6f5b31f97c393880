"""Directives that render the crosswalks' code tables and lossy mappings from the code.

``.. conflictkit-code-table:: acled.INTER_CODES`` renders a :class:`~conflictkit.crosswalk.codes.CodeTable`
(code, meaning, conflictkit value, what is lost); ``.. conflictkit-lossy-exports:: acled`` renders
:func:`~conflictkit.crosswalk.codes.lossy_exports` for a format: every kind of record the format
writes inexactly, the category it is written as, and what that category reads back as.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from conflictkit.crosswalk.codes import CodeTable, lossy_exports


def _shown(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return f"``{value.value}``"
    if isinstance(value, tuple):
        return ", ".join(_shown(item) for item in value)
    return "(none)" if value is None else f"``{value}``"


def _list_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [headers, *rows]:
        lines += [f"   * - {row[0]}", *(f"     - {cell}" for cell in row[1:])]
    return [*lines, ""]


def code_table_rows(table: CodeTable[Any]) -> list[list[str]]:
    """One row per code: the code, its meaning, the conflictkit value, and what is lost."""
    return [[f"``{e.code}``", e.meaning, _shown(e.value), e.lossy or "reversible"] for e in table]


def lossy_rows(module_name: str) -> list[list[str]]:
    """One row per kind of record the format writes inexactly."""
    module = importlib.import_module(f"conflictkit.crosswalk.{module_name}")
    rows = []
    for record, category, reads_back in lossy_exports(module.category_for, module.REPRESENTATIONS):
        written = "(no row)" if category is None else " / ".join(part or "(no mode)" for part in category)
        rows.append([f"``{record}``", written, reads_back if category is None else f"``{reads_back}``"])
    return rows


class _TableDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def table(self) -> tuple[list[str], list[list[str]], Any]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        headers, rows, module = self.table()
        self.env.note_dependency(inspect.getfile(module))
        text = StringList()
        for line in _list_table(headers, rows):
            text.append(line, f"<{module.__name__}>")
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, text, container)
        return list(container.children)


class CodeTableDirective(_TableDirective):
    """Render ``<format module>.<TABLE>``, a code table of :mod:`conflictkit.crosswalk`."""

    def table(self) -> tuple[list[str], list[list[str]], Any]:
        module_name, table_name = self.arguments[0].split(".")
        module = importlib.import_module(f"conflictkit.crosswalk.{module_name}")
        table = getattr(module, table_name)
        return ["Code", "Codebook meaning", "conflictkit", "On the way back"], code_table_rows(table), module


class LossyExportsDirective(_TableDirective):
    """Render the lossy mappings of a format's export."""

    def table(self) -> tuple[list[str], list[list[str]], Any]:
        module = importlib.import_module(f"conflictkit.crosswalk.{self.arguments[0]}")
        headers = ["conflictkit record", "Written as", "Which reads back as"]
        return headers, lossy_rows(self.arguments[0]), module


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-code-table", CodeTableDirective)
    app.add_directive("conflictkit-lossy-exports", LossyExportsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
