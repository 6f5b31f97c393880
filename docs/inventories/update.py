"""Regenerate the small intersphinx inventories in this folder.

The docs are built without network access (CI has none), so ``intersphinx_mapping`` in
``docs/conf.py`` reads local inventory files instead of downloading ``objects.inv``. Each file here
holds only the entries the docs refer to, copied unchanged (name, role, relative URI, display name)
from the project's full inventory; intersphinx joins the URIs to the real base URLs in ``conf.py``,
so every link goes to the real page.

Run it from the repository root whenever the docs start referring to a new Python, attrs or cattrs
name (the ``-n`` build then fails with "reference target not found")::

    python docs/inventories/update.py
    python docs/inventories/update.py --source python=/usr/share/doc/python3/html/objects.inv

It builds the docs once with the *full* inventories (by default downloaded from the base URLs in
``conf.py``; ``--source NAME=PATH_OR_URL`` reads another copy, e.g. one a documentation package
installed, or one built from the project's own docs sources), records every reference the docs make
that conflictkit's own docs do not define, and writes ``NAME.inv`` with the matching entries.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
import tempfile
import urllib.request
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent
ENTRY = re.compile(r"(?x)(.+?)\s+(\S+):(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)")

Inventory = tuple[dict[str, str], list[str]]
"""An inventory's header fields (project, version) and its entry lines."""


def read_inventory(data: bytes) -> Inventory:
    """Parse an ``objects.inv`` (Sphinx inventory version 2)."""
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or lines[0].rstrip() != b"# Sphinx inventory version 2":
        raise SystemExit("not a Sphinx inventory version 2 file")
    header = {
        "project": lines[1].decode().removeprefix("# Project:").strip(),
        "version": lines[2].decode().removeprefix("# Version:").strip(),
    }
    return header, zlib.decompress(lines[4]).decode().splitlines()


def write_inventory(path: Path, header: dict[str, str], entries: Iterable[str]) -> None:
    """Write entry lines as an ``objects.inv`` (Sphinx inventory version 2)."""
    head = (
        "# Sphinx inventory version 2\n"
        f"# Project: {header['project']}\n"
        f"# Version: {header['version']}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{entry}\n" for entry in sorted(set(entries)))
    path.write_bytes(head.encode() + zlib.compress(body.encode(), 9))


def fetch(name: str, location: str) -> bytes:
    """The bytes of a local file or a URL; exit with a message saying what to do if unreadable."""
    try:
        if re.match(r"https?://", location):
            with urllib.request.urlopen(location, timeout=30) as response:
                data: bytes = response.read()
                return data
        return Path(location).read_bytes()
    except OSError as exc:  # urllib's URLError is an OSError
        raise SystemExit(
            f"cannot read the {name} inventory from {location}: {exc}\n"
            f"pass a local copy with --source {name}=PATH"
        ) from None


def referenced_targets(inventory_files: dict[str, str]) -> set[tuple[str, str]]:
    """Build the docs against the full inventories; return each ``(domain, target)`` they refer to
    that the docs themselves do not define."""
    from sphinx.application import Sphinx

    mapping = {name: (base, inventory_files[name]) for name, base in configured_bases().items()}
    found: set[tuple[str, str]] = set()

    def record(app: Any, env: Any, node: Any, contnode: Any) -> None:
        found.add((node.get("refdomain") or "std", node["reftarget"]))

    with tempfile.TemporaryDirectory() as out:
        app = Sphinx(
            srcdir=DOCS,
            confdir=DOCS,
            outdir=Path(out) / "html",
            doctreedir=Path(out) / "doctrees",
            buildername="html",
            confoverrides={"intersphinx_mapping": mapping},
            status=None,
            warning=sys.stderr,
            freshenv=True,
        )
        # Runs before intersphinx's own handler, which still resolves the reference afterwards.
        app.connect("missing-reference", record, priority=100)
        app.build()
    return found


def configured_bases() -> dict[str, str]:
    """Each inventory's name and base URL, as ``intersphinx_mapping`` in ``conf.py`` gives them."""
    mapping: dict[str, tuple[str, Any]] = runpy.run_path(str(DOCS / "conf.py"))["intersphinx_mapping"]
    return {name: base for name, (base, _inventory) in mapping.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME=PATH_OR_URL",
        help="read NAME's full inventory from here instead of BASE_URL/objects.inv",
    )
    args = parser.parse_args(argv)

    bases = configured_bases()
    sources = {name: base.rstrip("/") + "/objects.inv" for name, base in bases.items()}
    for option in args.source:
        name, _, location = option.partition("=")
        if name not in bases:
            parser.error(f"unknown inventory {name!r}; conf.py has {', '.join(bases)}")
        sources[name] = location

    with tempfile.TemporaryDirectory() as work:
        full: dict[str, Inventory] = {}
        files: dict[str, str] = {}
        for name, location in sources.items():
            data = fetch(name, location)
            full[name] = read_inventory(data)
            files[name] = str(Path(work) / f"{name}.inv")
            Path(files[name]).write_bytes(data)
        targets = referenced_targets(files)

    for name, (header, lines) in full.items():
        kept = [line for line in lines if _is_referenced(line, targets)]
        write_inventory(HERE / f"{name}.inv", header, kept)
        print(f"{name}.inv: {len(kept)} of {len(lines)} entries (from {sources[name]})")
    return 0


def _is_referenced(line: str, targets: set[tuple[str, str]]) -> bool:
    match = ENTRY.match(line.rstrip())
    if match is None:
        return False
    name, domain = match.group(1), match.group(2)
    return (domain, name) in targets


if __name__ == "__main__":
    raise SystemExit(main())
