"""CSV output is safe to open in a spreadsheet (OWASP's CSV injection rule) and reads back as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from conflictkit import Actor, Record, load_seed, to_json
from conflictkit.cli.command import main
from conflictkit.crosswalk.rows import iter_csv, write_csv
from conflictkit.io.spreadsheet import TRIGGERS, neutralise, restore
from conflictkit.tables import write_csv as write_tables

DATA = Path(__file__).parent / "data" / "crosswalk"
FORMULA = '=HYPERLINK("http://x.example","click")'


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r0123456789.eEa x"), max_size=8) | st.text())
def test_every_cell_comes_back_and_none_starts_a_formula(cell: str) -> None:
    safe = neutralise(cell)
    assert restore(safe) == cell
    if safe and safe[0] in TRIGGERS:  # only plain numbers such as -33.5 may start so
        float(safe)


def _cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def _seed_with_formula() -> list[Record]:
    records = list(load_seed())
    first = next(index for index, record in enumerate(records) if isinstance(record, Actor))
    actor = records[first]
    assert isinstance(actor, Actor)
    records[first] = attrs.evolve(actor, name=FORMULA)
    return records


def test_write_csv_neutralises_formulas_by_default(tmp_path: Path) -> None:
    write_tables(_seed_with_formula(), tmp_path / "safe")
    write_tables(_seed_with_formula(), tmp_path / "raw", safe=False)
    safe = {cell for row in _cells(tmp_path / "safe" / "actor.csv") for cell in row}
    raw = {cell for row in _cells(tmp_path / "raw" / "actor.csv") for cell in row}
    assert "'" + FORMULA in safe
    assert FORMULA not in safe
    assert FORMULA in raw
    assert not [cell for cell in safe if cell and cell[0] in TRIGGERS and cell[0] != "-"]


def test_export_csv_is_safe_unless_told(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(to_json(record) + "\n" for record in _seed_with_formula()), encoding="utf-8")
    assert main(["export", str(lines), "--to", "csv", "--output", str(tmp_path / "safe")]) == 0
    argv = ["export", str(lines), "--to", "csv", "--output", str(tmp_path / "raw"), "--no-safe-csv"]
    assert main(argv) == 0
    assert "'" + FORMULA in {cell for row in _cells(tmp_path / "safe" / "actor.csv") for cell in row}
    assert FORMULA in {cell for row in _cells(tmp_path / "raw" / "actor.csv") for cell in row}


def test_the_crosswalk_writer_neutralises_and_the_reader_restores() -> None:
    out = io.StringIO()
    write_csv(
        [{"notes": "@everyone", "latitude": "-33.5", "actor1": "'=quoted"}],
        ["notes", "latitude", "actor1"],
        out,
    )
    assert out.getvalue().splitlines()[1] == "'@everyone,-33.5,''=quoted"
    [row] = iter_csv(io.BytesIO(out.getvalue().encode()), restore_cells=True)
    assert row == {"notes": "@everyone", "latitude": "-33.5", "actor1": "'=quoted"}


def test_acled_round_trip_through_a_safe_file_keeps_the_original(tmp_path: Path) -> None:
    rows = (DATA / "acled.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = next(csv.reader([rows[1]]))
    cells[header.index("notes")] = "=1+1 and " + cells[header.index("notes")]
    source = tmp_path / "acled.csv"
    with open(source, "w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([header, cells])
    first, back, again = tmp_path / "1.jsonl", tmp_path / "back.csv", tmp_path / "2.jsonl"
    convert = ["convert", "--from", "acled", "--to", "conflictkit"]
    assert main([*convert, str(source), "-o", str(first)]) == 0
    assert main(["convert", str(first), "--from", "conflictkit", "--to", "acled", "-o", str(back)]) == 0
    assert "'=1+1 and " in back.read_text(encoding="utf-8")
    assert main([*convert, str(back), "-o", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
