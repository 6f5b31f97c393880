"""The package's layers and the imports between them, read from the source with :mod:`ast`.

The layers, bottom up: ``core`` ← ``values`` ← ``records`` ← ``dataset`` ← ``io`` ← the formats
(``crosswalk``, ``tables``, ``geo``, ``matching``, ``seed``, ``strategies``) ← ``cli``. Every import
counts, also one inside a function or under ``TYPE_CHECKING``. The package root re-exports the public
names, so it sits with the command line at the top. ``test_layers.py`` holds the package to this;
the docs' Architecture page draws it. Nothing here needs more than the standard library.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import conflictkit

PACKAGE_DIR = Path(conflictkit.__file__).parent

LAYERS: dict[str, int] = {
    "core": 0,
    "values": 1,
    "records": 2,
    "dataset": 3,
    "io": 4,
    "crosswalk": 5,
    "tables": 5,
    "geo": 5,
    "matching": 5,
    "seed": 5,
    "strategies": 5,
    "cli": 6,
    "__main__": 6,
    "": 6,  # the package root: the public facade
}
"""Each top-level part of the package and its layer; a higher number is a higher layer."""


def module_name(path: Path, root: Path = PACKAGE_DIR) -> str:
    """The dotted name of the module at ``path`` under the package directory ``root``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """Every conflictkit module that the module ``name`` imports, wherever the import is written."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in known else base


def layer_of(module: str) -> int:
    """The layer of a conflictkit module, from the first part of its name under the package."""
    parts = module.split(".")
    part = parts[1] if len(parts) > 1 else ""
    if part not in LAYERS:
        raise AssertionError(f"{module} is in no layer: add its package to LAYERS and to the docs")
    return LAYERS[part]


def import_graph(root: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """Each module of the package under ``root`` and the package's modules it imports."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    known = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = imported_modules(tree, name, path.name == "__init__.py", known)
        graph[name] = {target for target in targets if target in known and target != name}
    return graph


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Each import of a higher layer, as ``importer -> imported``."""
    return sorted(
        f"{importer} -> {imported}"
        for importer, targets in graph.items()
        for imported in targets
        if layer_of(imported) > layer_of(importer)
    )


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles among the modules (package ``__init__`` files re-exporting their own
    modules are left out: importing a submodule runs its package first, by Python's rules)."""
    edges = {
        importer: {target for target in targets if not importer.startswith(target + ".")}
        for importer, targets in graph.items()
        if not any(target.startswith(importer + ".") for target in targets) or importer.count(".") > 1
    }
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found
