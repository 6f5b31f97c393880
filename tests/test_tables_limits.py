"""Tables refuse or report what they cannot hold: one ValidationError naming table, row and column."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conflictkit import (
    MilitaryMovement,
    Quantity,
    ValidationError,
    from_json,
    load_seed,
)
from conflictkit.cli.command import main
from conflictkit.io import fast_path
from conflictkit.tables import from_arrow, read_parquet, to_arrow


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return to_arrow(load_seed())


def _problems(tables: dict[str, pa.Table]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        from_arrow(tables)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def _with_column(table: pa.Table, name: str, column: Any) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, column)


def test_a_duplicated_column_is_reported(tables: dict[str, pa.Table]) -> None:
    actor = tables["actor"]
    doubled = actor.append_column("name", actor.column("name"))
    assert _problems({"actor": doubled}) == [
        (("actor", "name"), "appears 2 times; a table holds each column once")
    ]


def test_a_duplicated_struct_field_is_reported(tables: dict[str, pa.Table]) -> None:
    movement = tables["movement"]
    size = movement.column("size").combine_chunks()
    best = size.field("best")
    doubled = pa.StructArray.from_arrays(
        [size.field(index) for index in range(size.type.num_fields)] + [best],
        names=[size.type.field(index).name for index in range(size.type.num_fields)] + ["best"],
        mask=size.is_null(),
    )
    assert _problems({"movement": _with_column(movement, "size", doubled)}) == [
        (("movement", "size", "best"), "appears 2 times; a struct holds each field once")
    ]


def test_a_date_past_year_9999_is_reported_with_its_row(tables: dict[str, pa.Table]) -> None:
    movement = tables["movement"]
    dates = movement.column("date").combine_chunks()
    names = [dates.type.field(index).name for index in range(dates.type.num_fields)]
    children = [dates.field(index) for index in range(dates.type.num_fields)]
    earliest = children[names.index("earliest")].cast(pa.int32()).to_pylist()
    row = dates.is_valid().to_pylist().index(True, 1)  # a row that has a date, not the first
    earliest[row] = 3_000_000  # days after 1970: year 10183
    children[names.index("earliest")] = pa.array(earliest, pa.int32()).cast(pa.date32())
    broken = pa.StructArray.from_arrays(children, fields=list(dates.type), mask=dates.is_null())
    [(path, message)] = _problems({"movement": _with_column(movement, "date", broken)})
    assert path == ("movement", row, "date")
    assert message == "holds a value Python cannot represent (date value out of range)"


def test_bytes_that_are_not_utf8_are_reported_with_their_row(tables: dict[str, pa.Table]) -> None:
    actor = tables["actor"]
    names = actor.column("name").combine_chunks()
    validity, offsets, data = names.buffers()
    raw = bytearray(data.to_pybytes())
    raw[len("".join(names[:3].to_pylist()).encode())] = 0xFF  # the first byte of row 3's name
    broken = pa.Array.from_buffers(pa.string(), len(names), [validity, offsets, pa.py_buffer(bytes(raw))])
    assert _problems({"actor": _with_column(actor, "name", broken)}) == [
        (("actor", 3, "name"), "holds bytes that are not UTF-8 text")
    ]


def test_read_parquet_reports_a_duplicated_column(tables: dict[str, pa.Table], tmp_path: Path) -> None:
    actor = tables["actor"]
    pq.write_table(actor.append_column("kind", actor.column("kind")), tmp_path / "actor.parquet")
    with pytest.raises(ValidationError) as caught:
        read_parquet(tmp_path)
    assert [(problem.path, problem.message) for problem in caught.value.problems] == [
        (("actor", "kind"), "appears 2 times; a table holds each column once")
    ]


def _huge_document(number: str) -> str:
    return (
        '{"type": "movement", "id": "m1", "actor": "a", "kind": "deployment", "status": "completed", '
        f'"size": {{"best": {number}, "unit": "troops"}}}}'
    )


def test_an_integer_beyond_2_53_in_a_number_is_refused_at_construction() -> None:
    # A float64 column (Arrow, Parquet, DuckDB) would hold 2**60 + 1 as 2**60: refused, not rounded.
    with pytest.raises(ValidationError) as caught:
        Quantity(best=2**60 + 1, unit="troops")
    [problem] = caught.value.problems
    assert problem.path == ("best",)
    assert "an integer between -(2**53 - 1) and 2**53 - 1" in problem.message
    assert "got 1152921504606846977" in problem.message


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "default path"])
def test_an_integer_beyond_2_53_in_a_number_is_refused_at_decode(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fast:
        monkeypatch.setattr(fast_path, "_msgspec", lambda: None)
    elif not fast_path.enabled():
        pytest.skip("the fast extra is not installed")
    with pytest.raises(ValidationError) as caught:
        from_json(_huge_document(str(2**60 + 1)), MilitaryMovement)
    [problem] = caught.value.problems
    assert problem.path == ("size", "best")
    assert "got 1152921504606846977" in problem.message
    # The edges: 2**53 - 1 is held exactly, and a number written with an exponent is a float.
    assert from_json(_huge_document(str(2**53 - 1)), MilitaryMovement).size == Quantity(
        best=2**53 - 1, unit="troops"
    )
    assert from_json(_huge_document("1e20"), MilitaryMovement).size == Quantity(best=1e20, unit="troops")


def test_a_float_beyond_2_53_goes_to_arrow_as_written() -> None:
    movement = from_json(_huge_document("1.5e20"), MilitaryMovement)
    table = to_arrow([movement])["movement"]
    assert table.column("size").combine_chunks().field("best").to_pylist() == [1.5e20]


def test_export_of_an_integer_beyond_2_53_is_an_invalid_record_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "huge.jsonl"
    source.write_text(_huge_document(str(2**60)) + "\n", encoding="utf-8")
    output = tmp_path / "out"
    assert main(["export", str(source), "--to", "parquet", "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "got 1152921504606846976" in err
    assert not output.exists()


def _mutations(table: pa.Table, rng: random.Random) -> pa.Table:
    names = table.schema.names
    index = rng.randrange(len(names))
    name = names[index]
    column = table.column(index)
    choice = rng.randrange(7)
    if choice == 0:
        return table.append_column(name, column)
    if choice == 1:
        return table.remove_column(index)
    if choice == 2:
        return table.set_column(index, name, pa.nulls(table.num_rows, column.type))
    if choice == 3:
        return table.set_column(index, name, table.column(rng.randrange(len(names))))
    if choice == 4:
        return table.rename_columns([rng.choice(names) if n == name else n for n in names])
    if choice == 5 and table.num_rows:
        return table.slice(rng.randrange(table.num_rows), rng.randrange(table.num_rows + 1))
    return table.set_column(index, name, pa.nulls(table.num_rows, pa.null()))


def test_mutated_tables_raise_only_validation_errors(tables: dict[str, pa.Table]) -> None:
    rng = random.Random(22)
    for _ in range(300):
        mutated = dict(tables)
        for _ in range(rng.randrange(1, 3)):
            tag = rng.choice(list(mutated))
            mutated[tag] = _mutations(mutated[tag], rng)
        with contextlib.suppress(ValidationError):
            from_arrow(mutated)
