"""Build the packaged seed data from its source: ``python seeds/build.py [--check]``.

It writes, under ``src/conflictkit/data/``, the report's text (byte for byte), the dataset JSON
built by :mod:`tajikistan_2021_07_05`, in which offsets are computed from the quoted text, and the
claim checklist (``tajikistan_2021_07_05_claims.json``), which must fit the dataset: a quote that is
not in the report, or a record id or field that does not exist, fails the build. With
``--check`` it writes nothing: it says which packaged files it compared with what the source builds,
and exits with status 1 if one is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: the source sits beside it

import tajikistan_2021_07_05 as source

from conflictkit import Checklist, from_json, to_json

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "conflictkit" / "data"
"""Where the package keeps its data files."""


CHECKLIST_PATH = Path(__file__).with_name("tajikistan_2021_07_05_claims.json")
"""The claim checklist's source: every claim of the report, and the records that capture it."""


class ChecklistError(Exception):
    """The checklist does not fit the dataset; the message lists every problem."""


def checklist_json(path: Path = CHECKLIST_PATH) -> str:
    """The packaged checklist's JSON text, after proving it against the dataset the source builds."""
    checklist = from_json(path.read_bytes(), Checklist)
    problems = checklist.problems(source.build_dataset())
    if problems:
        lines = "\n".join(f"  {path.name}: {problem}" for problem in problems)
        raise ChecklistError(f"the checklist does not fit the dataset:\n{lines}")
    return to_json(checklist, indent=2) + "\n"


def dataset_json() -> str:
    """The packaged dataset's JSON text: indented for diffs, ending with a newline."""
    return to_json(source.build_dataset(), indent=2) + "\n"


def outputs() -> dict[Path, bytes]:
    """Every packaged file and the bytes it must hold."""
    return {
        DATA_DIR / f"{source.REPORT_NAME}.txt": source.REPORT_PATH.read_bytes(),
        DATA_DIR / f"{source.REPORT_NAME}.json": dataset_json().encode("utf-8"),
        DATA_DIR / f"{source.REPORT_NAME}.claims.json": checklist_json().encode("utf-8"),
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
    what = {
        ".txt": "the report's text, byte for byte",
        ".json": "the dataset built from the source",
        ".claims.json": "the claim checklist, proved against the dataset",
    }
    for path in outputs():
        verdict = "out of date" if path in out_of_date else "up to date"
        kind = ".claims.json" if path.name.endswith(".claims.json") else path.suffix
        print(
            f"{verdict}: {_shown(path)} ({what[kind]})",
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
    try:
        if args.check:
            return check()
        written = outputs()
    except ChecklistError as error:
        print(error, file=sys.stderr)
        return 1
    for path, data in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
