"""What ``import conflictkit`` does, and does not do, at import time."""

from __future__ import annotations

import doctest
import pydoc
import subprocess
import sys
import types
from pathlib import Path

import pytest

import conflictkit


def _modules_loaded_by_import(then: str = "pass") -> set[str]:
    # A fresh interpreter: this test process may have loaded anything already.
    source_root = str(Path(conflictkit.__file__).parent.parent)
    code = f"import sys; import conflictkit; {then}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": source_root},
    )
    return set(result.stdout.split())


def test_importing_conflictkit_loads_neither_pycountry_nor_dateutil() -> None:
    loaded = _modules_loaded_by_import()
    assert "conflictkit" in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"pycountry", "dateutil"}}


def test_importing_conflictkit_loads_neither_msgspec_nor_orjson() -> None:
    # The `fast` extra's packages are imported on first use, so that they cost nothing until then.
    loaded = _modules_loaded_by_import("conflictkit.from_json")
    assert "conflictkit.io.fast_path" in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"msgspec", "orjson"}}


def test_importing_conflictkit_leaves_the_formats_and_files_until_their_names_are_used() -> None:
    loaded = _modules_loaded_by_import()
    assert "conflictkit.records.actors" in loaded  # the schema itself comes with the package
    deferred = {"cattrs", "sqlite3", "difflib", "secrets", "hashlib", "conflictkit.io", "conflictkit.seed"}
    assert not deferred & loaded
    assert "conflictkit.dataset.checklist" not in loaded
    used = _modules_loaded_by_import("conflictkit.load_dataset")
    assert {"cattrs", "sqlite3", "conflictkit.io.files"} <= used


def test_every_public_name_is_the_object_its_module_defines() -> None:
    code = (
        "import conflictkit, importlib; "
        "wrong = [n for n, m in conflictkit._LAZY.items() "
        "if getattr(conflictkit, n) is not getattr(importlib.import_module(m), n)]; "
        "missing = [n for n in conflictkit.__all__ if not hasattr(conflictkit, n)]; "
        "print(wrong, missing, isinstance(conflictkit.io, type(conflictkit)))"
    )
    source_root = str(Path(conflictkit.__file__).parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": source_root},
    )
    assert result.stdout.split("\n")[0] == "[] [] True"
    assert set(conflictkit._LAZY) <= set(conflictkit.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        conflictkit.nothing_here  # noqa: B018


def test_dir_lists_the_public_surface_and_no_submodule() -> None:
    names = dir(conflictkit)
    assert names == sorted(conflictkit.__all__)
    assert "load_seed" in names
    assert not [name for name in names if isinstance(getattr(conflictkit, name), types.ModuleType)]
    assert isinstance(conflictkit.seed, types.ModuleType)  # still importable, just not offered


def test_help_opens_with_a_runnable_example_naming_load_seed() -> None:
    text = pydoc.plain(pydoc.render_doc(conflictkit))
    name, description = text.split("NAME\n", 1)[1].split("DESCRIPTION\n", 1)
    assert "a typed, immutable, validated schema" in name  # the summary line
    lines = [line.strip() for line in description.splitlines()]
    example = lines[: lines.index("")]  # the description opens with the example
    assert example[0] == ">>> import conflictkit as ck"
    inputs = [line for line in example if line.startswith(">>> ")]
    assert len(inputs) == 5
    assert "ck.load_seed()" in inputs[1]
    assert any("MilitaryMovement" in line for line in inputs)
    assert any(".validate()" in line for line in inputs)
    assert any("to_json(" in line for line in inputs)
    assert ":class:" not in (conflictkit.__doc__ or "")
    runner = doctest.DocTestRunner(optionflags=doctest.DONT_ACCEPT_TRUE_FOR_1)
    test = doctest.DocTestParser().get_doctest(conflictkit.__doc__ or "", {}, "conflictkit", None, 0)
    runner.run(test, out=lambda _: None)
    assert runner.summarize(verbose=False) == (0, 5)
