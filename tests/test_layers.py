"""The package's layers point one way: no module imports a layer above its own, and no circles.

The rule and the walk are in ``tests/layering.py``; these tests hold the package to it, and show
that the walk finds what it must.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.layering import PACKAGE_DIR, circles, import_graph, upward_imports


def test_every_import_points_down_the_layers() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_circles() -> None:
    assert circles(import_graph()) == []


def test_the_root_holds_few_entries() -> None:
    entries = [
        entry.name
        for entry in PACKAGE_DIR.iterdir()
        if entry.name != "__pycache__" and not (entry.is_dir() and (entry / "__init__.py").exists())
    ]
    assert len(entries) <= 10, sorted(entries)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "conflictkit"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "text",
    [
        "from conflictkit.dataset.dataset import Dataset\n",
        "def f():\n    from conflictkit.dataset import dataset\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import conflictkit.dataset.dataset\n",
        "from ..dataset import dataset\n",
    ],
)
def test_an_upward_import_is_found(tmp_path: Path, text: str) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "records/__init__.py": "",
            "records/actors.py": text,
            "dataset/__init__.py": "",
            "dataset/dataset.py": "",
        },
    )
    assert upward_imports(import_graph(root)) == ["conflictkit.records.actors -> conflictkit.dataset.dataset"]


def test_a_circle_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "records/__init__.py": "",
            "records/actors.py": "from conflictkit.records import locations\n",
            "records/locations.py": "from conflictkit.records.actors import Actor\n",
        },
    )
    assert circles(import_graph(root)) == [
        ["conflictkit.records.actors", "conflictkit.records.locations", "conflictkit.records.actors"]
    ]


def test_a_module_outside_the_layers_is_refused(tmp_path: Path) -> None:
    root = _package(
        tmp_path, {"__init__.py": "", "stray.py": "import conflictkit.core\n", "core/__init__.py": ""}
    )
    with pytest.raises(AssertionError, match=r"conflictkit\.stray is in no layer"):
        upward_imports(import_graph(root))
