"""What ``import conflictkit`` does, and does not do, at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import conflictkit


def _modules_loaded_by_import() -> set[str]:
    # A fresh interpreter: this test process may have loaded anything already.
    source_root = str(Path(conflictkit.__file__).parent.parent)
    code = "import sys; import conflictkit; print('\\n'.join(sorted(sys.modules)))"
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
    loaded = _modules_loaded_by_import()
    assert "conflictkit.fast_decode" in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"msgspec", "orjson"}}
