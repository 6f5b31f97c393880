"""The exception hierarchy and the :class:`Problem` every validation error is made of.

Every error conflictkit raises for bad input is a :class:`ConflictkitError`. Invalid data raises a
:class:`ValidationError`, which collects *all* the problems found, each with the JSON path of the value
at fault, so that a caller fixes a document in one pass instead of one error at a time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "MAX_SHOWN_PROBLEMS",
    "SUGGESTED_IDS",
    "CellProblem",
    "ConflictkitError",
    "DefinitionError",
    "Problem",
    "SchemaVersionError",
    "TabularError",
    "TypeTagError",
    "ValidationError",
    "clip",
    "did_you_mean",
    "format_path",
    "one_of",
    "did_you_mean_id",
    "with_article",
]

PathSegment = str | int
"""One step of a path: a field name or key (``str``) or a list index (``int``)."""

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

MAX_SHOWN_PROBLEMS = 100
"""How many problems ``str()`` of a :class:`ValidationError` lists; all are in its ``problems``."""

_MAX_MESSAGE = 500  # characters of one problem's message in a rendered error
_MAX_SEGMENT = 60  # characters of one key in a rendered path


_SUGGESTION_CUTOFF = 0.7  # how alike a misspelling and what it stands for must be (difflib's ratio)
_SUGGESTION_CANDIDATES = 100_000  # beyond this many candidates, no suggestion is looked for
_ONE_OF_LIMIT = 200  # characters of a list of allowed values in a message


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the candidate closest to a misspelt ``word``, or ``""``.

    >>> from conflictkit.core.errors import did_you_mean
    >>> did_you_mean("casualites", ["casualties", "date", "kind"])
    " (did you mean 'casualties'?)"
    >>> did_you_mean("parade", ["movement", "incident"])
    ''
    """
    if not isinstance(word, str) or len(word) > 200:
        return ""
    if candidates.__class__ is tuple and len(candidates) <= _REMEMBERED_CANDIDATES:
        return _closest(word, candidates)  # as below, without the copy
    options = []
    for count, candidate in enumerate(candidates):
        if count >= _SUGGESTION_CANDIDATES:
            return ""
        options.append(candidate)
    if len(options) > _REMEMBERED_CANDIDATES:
        return _closest.__wrapped__(word, tuple(options))
    return _closest(word, tuple(options))


_REMEMBERED_CANDIDATES = 256  # suggestions among at most this many candidates are remembered


@functools.lru_cache(maxsize=1024)
def _closest(word: str, options: tuple[str, ...]) -> str:
    # Remembered: a file with a misspelt key or tag has it on every line, and difflib compares
    # the word with every candidate each time (bounded, and lru_cache is safe across threads).
    found = _close_matches(word, list(options))
    return f" (did you mean {found[0]!r}?)" if found and found[0] != word else ""


def _close_matches(word: str, options: list[str]) -> list[str]:
    import difflib  # only when a suggestion is looked for: it keeps ``import conflictkit`` quick

    return difflib.get_close_matches(word, options, n=1, cutoff=_SUGGESTION_CUTOFF)


SUGGESTED_IDS = 10
"""For how many dangling references of one check a close id is looked for ("did you mean")."""


def did_you_mean_id(record_id: str, ids: Iterable[str]) -> str:
    """A "did you mean" for a dangling ``record_id``: an id of the same prefix whose rest is alike.

    Only the part after the prefix (``actor:``) is compared, so that ``move:9`` is not taken for
    ``move:2``.

    >>> from conflictkit.core.errors import did_you_mean_id
    >>> did_you_mean_id("actor:stanikzay", ["actor:stanikzai", "actor:rahmon"])
    " (did you mean 'actor:stanikzai'?)"
    >>> did_you_mean_id("move:9", ["move:2"])
    ''
    """
    prefix = record_id.partition(":")[0] + ":" if ":" in record_id else ""
    size = len(record_id)
    rests = {
        other[len(prefix) :]: other
        for other in ids
        if abs(len(other) - size) <= 3 and other.startswith(prefix) and other != record_id
    }
    rest = record_id[len(prefix) :]
    if len(rest) > 200 or len(rests) > _SUGGESTION_CANDIDATES:
        return ""
    found = _close_matches(rest, list(rests))
    return f" (did you mean {rests[found[0]]!r}?)" if found else ""


def one_of(values: Sequence[object]) -> str:
    """The allowed values for a message, cut short (with their number) when they are many.

    >>> from conflictkit.core.errors import one_of
    >>> one_of(["a", "b"])
    "'a', 'b'"
    >>> one_of(["x" * 90, "y" * 90, "z" * 90])[-30:]
    "y', ..., and 1 more (3 values)"
    """
    shown: list[str] = []
    length = 0
    for value in values:
        text = repr(value)
        if length + len(text) > _ONE_OF_LIMIT and shown:
            rest = len(values) - len(shown)
            return f"{', '.join(shown)}, ..., and {rest} more ({len(values)} values)"
        shown.append(text)
        length += len(text) + 2
    return ", ".join(shown)


def clip(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else a prefix of it and its full length.

    Input can be hostile (a key or a tag of 50 million characters): messages echo only a prefix.

    >>> clip("abcdefghijklmnopqrstuvwxyz", 10)
    'abcdefg... (26 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[: max(limit - 3, 1)]}... ({len(text)} characters)"


def format_path(segments: Sequence[PathSegment]) -> str:
    """Render path segments as a JSON path such as ``$.records[3].size.low``.

    >>> format_path(("records", 3, "size", "low"))
    '$.records[3].size.low'
    >>> format_path(())
    '$'
    >>> format_path(("odd key",))
    "$['odd key']"
    """
    parts = ["$"]
    for segment in segments:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif _IDENTIFIER.match(segment):
            parts.append(f".{clip(segment, _MAX_SEGMENT)}")
        else:
            parts.append(f"[{clip(repr(segment), _MAX_SEGMENT)}]")
    return "".join(parts)


def with_article(noun: str) -> str:
    """``noun`` after "a" or "an", as messages name a class: ``"an Actor"``, ``"a Location"``.

    >>> with_article("Actor"), with_article("Location")
    ('an Actor', 'a Location')
    """
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a value: where it is and what is wrong with it."""

    path: tuple[PathSegment, ...] = ()
    """Where the problem is, as field names and list indices from the document's root."""

    message: str
    """What is wrong, in words a person can act on."""

    line: int | None = None
    """The line of a JSON Lines file the problem is on (counting from 1), or ``None``."""

    @property
    def json_path(self) -> str:
        """The path rendered as a JSON path, e.g. ``$.records[3].size.low``."""
        return format_path(self.path)

    def under(self, *prefix: PathSegment) -> Problem:
        """The same problem seen from a containing value, with ``prefix`` put before its path."""
        # What Problem(path=..., message=..., line=...) builds, without the keyword call: a problem
        # deep in a document is seen again from every value that holds it.
        problem = _new_problem(Problem)
        _set_path(problem, (*prefix, *self.path))
        _set_message(problem, self.message)
        _set_line(problem, self.line)
        return problem

    def on_line(self, line: int) -> Problem:
        """The same problem, located on ``line`` of a JSON Lines file.

        >>> print(Problem(path=("size", "low"), message="must be <= best").on_line(12))
        line 12: $.size.low: must be <= best
        """
        return Problem(path=self.path, message=self.message, line=line)

    def __str__(self) -> str:
        where = self.json_path if self.line is None else f"line {self.line}: {self.json_path}"
        return f"{where}: {clip(self.message, _MAX_MESSAGE)}"


_new_problem = object.__new__
_set_path = Problem.__dict__["path"].__set__  # the slots' own setters, as attrs' __init__ uses them
_set_message = Problem.__dict__["message"].__set__
_set_line = Problem.__dict__["line"].__set__


@attrs.frozen(kw_only=True)
class CellProblem(Problem):
    """A problem in a row of a table (a CSV file, a list of row mappings): its row and column.

    ``path`` is ``(column,)``, so code that reads :attr:`Problem.path` still finds the field.

    >>> print(CellProblem(row=3, column="fatalities", message="expected a whole number, got 'three'"))
    row 3, column 'fatalities': expected a whole number, got 'three'
    """

    row: int
    """The row the problem is in, counting data rows from 1 (the header is not counted)."""

    column: str | None = None
    """The column at fault, or ``None`` for a problem of the whole row or of the header."""

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "header"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class ConflictkitError(Exception):
    """Root of every exception conflictkit raises on purpose."""


class ValidationError(ConflictkitError, ValueError):
    """Data that does not satisfy the schema.

    It holds every problem found, not just the first; ``str()`` lists them all, one per line.

    >>> error = ValidationError([Problem(path=("size", "low"), message="must be <= best")])
    >>> print(error)
    1 problem:
      $.size.low: must be <= best
    >>> error.problems[0].json_path
    '$.size.low'
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        """The problems found, in the order they were found."""
        super().__init__(self.problems)

    @classmethod
    def at(cls, message: str, *path: PathSegment) -> ValidationError:
        """A validation error with a single problem at ``path``."""
        return cls([Problem(path=path, message=message)])

    def under(self, *prefix: PathSegment) -> ValidationError:
        """The same error seen from a containing value (same class, paths prefixed)."""
        return type(self)(problem.under(*prefix) for problem in self.problems)

    def __str__(self) -> str:
        # Bounded, however many problems there are: a document of a million bad records must not
        # make a message of a hundred megabytes. Every problem stays in ``problems``.
        count = len(self.problems)
        header = f"{count} problem{'' if count == 1 else 's'}:"
        lines = [header, *map(str, self.problems[:MAX_SHOWN_PROBLEMS])]
        if count > MAX_SHOWN_PROBLEMS:
            lines.append(f"... and {count - MAX_SHOWN_PROBLEMS} more, not shown (all are in .problems)")
        return "\n  ".join(lines)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class SchemaVersionError(ValidationError):
    """A document written by a schema version this release cannot read."""


class DefinitionError(ConflictkitError, TypeError):
    """A class that cannot be a conflictkit type, named with the fields at fault.

    Raised when the class is created for fields of an unsupported type (all of them at once), and
    when a subclass that attrs did not build (no ``@attrs.frozen``) is used.
    """


class TypeTagError(ConflictkitError, TypeError):
    """A class cannot take the type tag it asked for, e.g. because another class already has it."""


class TabularError(ValidationError):
    """Rows of a table that cannot be read: every problem of every bad row, each with row and column.

    >>> error = TabularError([
    ...     CellProblem(row=2, column="fatalities", message="expected a whole number, got 'three'"),
    ...     CellProblem(row=2, column="latitude", message="expected a number, got 'north'"),
    ... ])
    >>> print(error)
    2 problems:
      row 2, column 'fatalities': expected a whole number, got 'three'
      row 2, column 'latitude': expected a number, got 'north'
    >>> error.rows
    (2,)
    """

    @property
    def rows(self) -> tuple[int, ...]:
        """The rows with problems, in order, each once."""
        return tuple(
            dict.fromkeys(problem.row for problem in self.problems if isinstance(problem, CellProblem))
        )
