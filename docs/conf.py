"""Sphinx configuration for conflictkit's documentation."""

from __future__ import annotations

import conflictkit

project = "conflictkit"
author = "The conflictkit developers"
copyright = "2026, the conflictkit developers"
release = conflictkit.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "conflictkit"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "attrs": ("https://www.attrs.org/en/stable/", None),
    "cattrs": ("https://catt.rs/en/stable/", None),
}

myst_enable_extensions = ["colon_fence"]
doctest_global_setup = "import conflictkit\nfrom conflictkit import *\n"
