from __future__ import annotations

import io
import pickle

import pytest

from conflictkit import CellProblem, TabularError, ValidationError
from conflictkit.crosswalk.rows import Cells, iter_csv, write_csv


def test_a_row_reports_every_bad_cell_at_once_with_row_and_column() -> None:
    cells = Cells({"fatalities": "three", "latitude": "north"}, row=12)
    cells.integer("fatalities", low=0)
    cells.number("latitude", low=-90, high=90)
    with pytest.raises(TabularError) as caught:
        cells.check()
    error = caught.value
    assert isinstance(error, ValidationError)
    assert [(p.row, p.column) for p in error.problems if isinstance(p, CellProblem)] == [
        (12, "fatalities"),
        (12, "latitude"),
    ]
    assert error.rows == (12,)
    assert "row 12, column 'fatalities'" in str(error)
    assert "row 12, column 'latitude'" in str(error)


@pytest.mark.parametrize("text", ["3.0", " 3", "3 ", "03", "+3", "", "1e3", "three"])
def test_whole_numbers_are_written_in_digits_only(text: str) -> None:
    cells = Cells({"n": text}, row=1)
    assert cells.integer("n", required=True) is None
    assert len(cells.problems) == 1


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1,5", "north", "1.5.2"])
def test_numbers_are_finite_decimals(text: str) -> None:
    cells = Cells({"x": text}, row=1)
    assert cells.number("x") is None
    assert cells.problems


def test_an_empty_cell_is_not_zero_and_a_missing_required_one_is_a_problem() -> None:
    cells = Cells({"fatalities": ""}, row=1)
    assert cells.integer("fatalities") is None
    assert not cells.problems
    cells.integer("fatalities", required=True)
    cells.text("absent", required=True)
    assert [p.message for p in cells.problems] == ["must not be empty", "is missing (a required column)"]


def test_a_cell_that_is_not_text_is_a_problem_not_coerced() -> None:
    cells = Cells({"fatalities": 3}, row=1)
    assert cells.integer("fatalities") is None
    assert "expected text" in cells.problems[0].message


def test_range_and_codes() -> None:
    cells = Cells({"lat": "95", "code": "9"}, row=4)
    assert cells.number("lat", low=-90, high=90) is None
    assert cells.code("code", {"1": "one"}) is None
    messages = [p.message for p in cells.problems]
    assert messages == ["must be between -90 and 90, got 95.0", "unknown code '9'; expected one of '1'"]


def test_iter_csv_reads_a_byte_order_mark_and_quoted_newlines() -> None:
    data = '\ufeffid,notes\n1,"two\nlines"\n'.encode()
    assert list(iter_csv(io.BytesIO(data))) == [{"id": "1", "notes": "two\nlines"}]


def test_iter_csv_names_the_row_with_bad_bytes() -> None:
    data = b"id,notes\n1,fine\n2,caf\xe9\n"
    rows = iter_csv(io.BytesIO(data))
    assert next(rows) == {"id": "1", "notes": "fine"}
    with pytest.raises(TabularError) as caught:
        next(rows)
    assert caught.value.rows == (2,)
    assert "not UTF-8" in str(caught.value)


def test_iter_csv_rejects_ragged_rows_and_repeated_columns() -> None:
    with pytest.raises(TabularError, match="row 1: has 3 cells, the header has 2"):
        list(iter_csv(io.BytesIO(b"a,b\n1,2,3\n")))
    with pytest.raises(TabularError, match="header, column 'a': appears twice"):
        list(iter_csv(io.BytesIO(b"a,a\n1,2\n")))


def test_write_csv_refuses_unknown_columns() -> None:
    out = io.StringIO()
    with pytest.raises(ValueError, match="extra"):
        write_csv([{"a": "1", "extra": "x"}], ["a"], out)


def test_tabular_errors_pickle() -> None:
    error = TabularError([CellProblem(row=2, column="iso", message="bad")])
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
