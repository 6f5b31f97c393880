"""The package's layers, drawn as SVG from the package's own imports when the docs are built.

The ``conflictkit-layers`` directive reads every module of the installed package with :mod:`ast`
(the walk of ``tests/layering.py``, which the layer test uses, and its layer table), and draws
one band per layer, top layer first, with its modules and how many imports it makes of each layer
below it. An import that pointed up would be drawn in red; the test fails on it first.
"""

from __future__ import annotations

import sys
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.layering import LAYERS, import_graph, layer_of

WIDTH = 760
BAND = 64
GAP = 26
MARGIN = 10

_NAMES = {0: "core", 1: "values", 2: "records", 3: "dataset", 4: "io", 5: "formats", 6: "cli"}


def _parts_of(layer: int) -> list[str]:
    return sorted(part or "(package root)" for part, rank in LAYERS.items() if rank == layer)


def layers_svg() -> str:
    """The SVG drawing of the layers, their modules and the imports between them."""
    graph = import_graph()
    modules: dict[int, list[str]] = {rank: [] for rank in _NAMES}
    imports: dict[int, Counter[int]] = {rank: Counter() for rank in _NAMES}
    for module, targets in graph.items():
        rank = layer_of(module)
        modules[rank].append(module.removeprefix("conflictkit.") or "conflictkit")
        for target in targets:
            imports[rank][layer_of(target)] += 1
    ranks = sorted(_NAMES, reverse=True)
    height = MARGIN * 2 + len(ranks) * BAND + (len(ranks) - 1) * GAP
    parts: list[str] = []
    for row, rank in enumerate(ranks):
        y = MARGIN + row * (BAND + GAP)
        names = ", ".join(sorted(name.rsplit(".", 1)[-1] for name in modules[rank] if "." in name))
        packages = ", ".join(_parts_of(rank))
        below = ", ".join(
            f"{_NAMES[lower]} {count}" for lower, count in sorted(imports[rank].items()) if lower < rank
        )
        upward = sum(count for higher, count in imports[rank].items() if higher > rank)
        parts.append(
            f'<rect x="{MARGIN}" y="{y}" width="{WIDTH - 2 * MARGIN}" height="{BAND}" rx="6" class="band"/>'
        )
        parts.append(
            f'<text x="{MARGIN + 10}" y="{y + 20}" class="layer">{escape(_NAMES[rank])} '
            f'<tspan class="count">({len(modules[rank])} modules: {escape(packages)})</tspan></text>'
        )
        parts.append(f'<text x="{MARGIN + 10}" y="{y + 38}" class="modules">{escape(_clip(names))}</text>')
        imports_text = f"imports {below}" if below else "imports nothing of conflictkit"
        parts.append(f'<text x="{MARGIN + 10}" y="{y + 55}" class="imports">{escape(imports_text)}</text>')
        if upward:
            parts.append(
                f'<text x="{WIDTH - 200}" y="{y + 55}" class="upward">{upward} upward imports</text>'
            )
        if row < len(ranks) - 1:
            x = WIDTH / 2
            parts.append(
                f'<line x1="{x}" y1="{y + BAND}" x2="{x}" y2="{y + BAND + GAP - 4}" class="arrow" '
                'marker-end="url(#head)"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">'
        '<defs><marker id="head" markerWidth="8" markerHeight="8" refX="4" refY="4" orient="auto">'
        '<path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker></defs>'
        "<style>.band{fill:#f4f6fa;stroke:#8899aa}.layer{font-weight:bold;font-size:14px;fill:#222}"
        ".count{font-weight:normal;fill:#555;font-size:12px}.modules{font-size:11px;fill:#333}"
        ".imports{font-size:11px;fill:#777}.upward{font-size:11px;fill:#c00}"
        ".arrow{stroke:#555;stroke-width:1.5}</style>"
        '<rect width="100%" height="100%" fill="white"/>' + "".join(parts) + "</svg>\n"
    )


def _clip(text: str, limit: int = 118) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(", ", 1)[0] + ", …"


class LayersDirective(SphinxDirective):
    """Draw the package's layers and the imports between them as an SVG figure."""

    def run(self) -> list[nodes.Node]:
        target = Path(self.env.srcdir) / "_generated" / "layers.svg"
        target.parent.mkdir(exist_ok=True)
        target.write_text(layers_svg(), encoding="utf-8")
        image = nodes.image(uri="/_generated/layers.svg", alt="conflictkit's layers, top layer first")
        caption = (
            "The layers, top first, drawn from the package's imports when these pages were built: "
            "each band lists its modules and how many imports it makes of each layer below it. "
            "Arrows point the only way imports may go: down."
        )
        return [nodes.figure("", image, nodes.caption(text=caption))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflictkit-layers", LayersDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
