"""Build the packaged seed data from its source: ``python seeds/build.py [--check]``.

It writes, under ``src/conflictkit/data/``, the report's text (byte for byte) and the dataset JSON
built by :mod:`tajikistan_2021_07_05`, in which offsets are computed from the quoted text. With
``--check`` it writes nothing: it says which packaged files it compared with what the source builds,
and exits with status 1 if one is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: the source sits beside it

import tajikistan_2021_07_05 as source

from conflictkit import to_json

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "conflictkit" / "data"
"""Where the package keeps its data files."""


def dataset_json() -> str:
    """The packaged dataset's JSON text: indented for diffs, ending with a newline."""
    return to_json(source.build_dataset(), indent=2) + "\n"


def outputs() -> dict[Path, bytes]:
    """Every packaged file and the bytes it must hold."""
    return {
        DATA_DIR / f"{source.REPORT_NAME}.txt": source.REPORT_PATH.read_bytes(),
        DATA_DIR / f"{source.REPORT_NAME}.json": dataset_json().encode("utf-8"),
    }


def stale() -> list[Path]:
    """The packaged files that are missing or differ from what the source builds."""
    return [path for path, data in outputs().items() if not path.is_file() or path.read_bytes() != data]


def _shown(path: Path) -> str:
    # Relative to the repository when the file is in it, as a reader of the output would type it.
    root = Path(__file__).resolve().parent.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def check() -> int:
    """Say which packaged files were compared with what the source builds, and which are stale."""
    out_of_date = set(stale())
    what = {".txt": "the report's text, byte for byte", ".json": "the dataset built from the source"}
    for path in outputs():
        verdict = "out of date" if path in out_of_date else "up to date"
        print(
            f"{verdict}: {_shown(path)} ({what[path.suffix]})",
            file=sys.stderr if path in out_of_date else sys.stdout,
        )
    if out_of_date:
        print("run `python seeds/build.py` to rebuild them", file=sys.stderr)
        return 1
    print(f"checked {len(outputs())} packaged files against {Path(source.__file__).name}: all up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Write the packaged files, or with ``--check`` report the stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the packaged files are current")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    for path, data in outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
