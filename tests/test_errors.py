from __future__ import annotations

import pickle

import pytest

from conflictkit import ConflictkitError, Problem, SchemaVersionError, TypeTagError, ValidationError
from conflictkit.core.errors import format_path


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        ((), "$"),
        (("records", 3, "size", "low"), "$.records[3].size.low"),
        (("a b",), "$['a b']"),
        ((0, 1), "$[0][1]"),
    ],
)
def test_format_path(segments: tuple[str | int, ...], expected: str) -> None:
    assert format_path(segments) == expected


def test_validation_error_lists_every_problem() -> None:
    error = ValidationError([Problem(path=("a",), message="first"), Problem(path=("b", 2), message="second")])
    assert str(error) == "2 problems:\n  $.a: first\n  $.b[2]: second"
    assert [problem.json_path for problem in error.problems] == ["$.a", "$.b[2]"]


def test_under_prefixes_paths_and_keeps_class() -> None:
    error = SchemaVersionError([Problem(path=("x",), message="m")]).under("records", 1)
    assert isinstance(error, SchemaVersionError)
    assert error.problems[0].json_path == "$.records[1].x"


def test_hierarchy() -> None:
    assert issubclass(ValidationError, ConflictkitError)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(SchemaVersionError, ValidationError)
    assert issubclass(TypeTagError, ConflictkitError)
    assert issubclass(TypeTagError, TypeError)


def test_validation_error_pickles() -> None:
    error = ValidationError.at("bad", "records", 0)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems
