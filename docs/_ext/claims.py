"""The seed's claim checklist, tabulated from the packaged data when the docs are built.

``.. conflictkit-claims::`` renders :func:`conflictkit.seed_checklist` as a table: each claim's
quote, the records (and fields) that capture it, its status, and what is left out and why.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from conflictkit import Claim, seed_checklist


def claim_cells(claim: Claim) -> tuple[str, ...]:
    """The table's cells for one claim: quote, records, status, why."""
    records = "; ".join(
        capture.record + (f" ({', '.join(capture.fields)})" if capture.fields else "")
        for capture in claim.captures
    )
    return (f"“{claim.quote}”", records or "(none)", claim.status.value.replace("_", " "), claim.why or "")


class ClaimsDirective(SphinxDirective):
    """Tabulate the seed's claim checklist."""

    HEADERS: ClassVar[tuple[str, ...]] = ("Claim", "Captured by", "Status", "What is left out, and why")
    WIDTHS: ClassVar[tuple[int, ...]] = (30, 35, 9, 26)

    def run(self) -> list[nodes.Node]:
        group = nodes.tgroup(cols=len(self.HEADERS))
        group += [nodes.colspec(colwidth=width) for width in self.WIDTHS]
        group += nodes.thead("", self._row(self.HEADERS))
        group += nodes.tbody("", *(self._row(claim_cells(claim)) for claim in seed_checklist().claims))
        return [nodes.table("", group)]

    @staticmethod
    def _row(cells: tuple[str, ...]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(text=cell)) for cell in cells))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("conflictkit-claims", ClaimsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
