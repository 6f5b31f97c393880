"""Optional dependencies: imported on first use, with an error that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

EXTRAS = {"pyarrow": "arrow", "pandas": "pandas"}
"""The optional module each extra of conflictkit installs."""


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature``, or raise :class:`ImportError` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS[module]
        raise ImportError(
            f"{feature} needs {module}, which is not installed: install conflictkit's {extra!r} extra "
            f"(pip install '.[{extra}]' in a checkout of conflictkit)"
        ) from exc
