"""Sphinx configuration for conflictkit's documentation.

Build with ``sphinx-build -W -n -b html docs docs/_build/html`` (warnings are errors, every reference
must resolve) and run the examples with ``-b doctest``; ``nox -s docs`` does both.
"""

from __future__ import annotations

import doctest
import logging
import sys
from pathlib import Path

import conflictkit

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

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
    # conflictkit's own extensions, in docs/_ext/
    "public_api",
    "vocabularies",
    "timeline",
    "crosswalk_codes",
    "seedmap",
    "architecture",
    "claims",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated", "inventories", "_ext", "_data"]
nitpicky = True

html_theme = "furo"
html_title = "conflictkit"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}
python_maximum_signature_line_length = 88  # longer signatures get one parameter per line
python_use_unqualified_type_names = True

# The build runs without network access, so intersphinx reads small local inventories holding only
# the names these docs refer to (docs/inventories/*.inv); links still go to the real sites.
# docs/inventories/update.py regenerates them from the full inventories.
INVENTORIES = DOCS / "inventories"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3/", str(INVENTORIES / "python.inv")),
    "attrs": ("https://www.attrs.org/en/stable/", str(INVENTORIES / "attrs.inv")),
    "cattrs": ("https://catt.rs/en/stable/", str(INVENTORIES / "cattrs.inv")),
    "hypothesis": ("https://hypothesis.readthedocs.io/en/latest/", str(INVENTORIES / "hypothesis.inv")),
    "pyarrow": ("https://arrow.apache.org/docs/", str(INVENTORIES / "pyarrow.inv")),
    "pandas": ("https://pandas.pydata.org/docs/", str(INVENTORIES / "pandas.inv")),
}

myst_enable_extensions = ["colon_fence", "deflist"]


class _WithoutMystConfiguration(logging.Filter):
    """Drop the line in which myst-parser prints its whole configuration at the start of each build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "myst v" not in str(record.msg)


logging.getLogger("sphinx.myst_parser.sphinx_ext.main").addFilter(_WithoutMystConfiguration())
myst_heading_anchors = 3

# Examples are compared exactly, exception messages included. Sphinx's default flags would ignore
# an exception's message (IGNORE_EXCEPTION_DETAIL) and let "..." stand for any text (ELLIPSIS), so
# a page could show an error the library does not raise. An example that needs to be relaxed says
# so itself, with a ``# doctest: +FLAG`` directive and a comment saying why.
doctest_default_flags = doctest.DONT_ACCEPT_TRUE_FOR_1

# Docstring examples run in their module's namespace, as ``pytest --doctest-modules`` runs them:
# the package root's names, and those of the modules the API reference documents whole.
doctest_global_setup = """
import conflictkit
from conflictkit import *
from conflictkit.dataset.summary import *
from conflictkit.cli.validate import *
from conflictkit.cli.common import *
from conflictkit.dataset.integrity import *
from conflictkit.io.files import *
from conflictkit.io.atomic import *
from conflictkit.io.spreadsheet import *
from conflictkit.io.migrations import *
from conflictkit.dataset.events import group_events, reconcile
from conflictkit.core.validation import json_schema_hint, with_json_schema
from conflictkit.tables import *
from conflictkit.tables.flat import *
from conflictkit.geo import *
"""
