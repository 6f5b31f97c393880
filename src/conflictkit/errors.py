"""The exception hierarchy and the :class:`Problem` every validation error is made of.

Every error conflictkit raises for bad input is a :class:`ConflictkitError`. Invalid data raises a
:class:`ValidationError`, which collects *all* the problems found, each with the JSON path of the value
at fault, so that a caller fixes a document in one pass instead of one error at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ConflictkitError",
    "DefinitionError",
    "Problem",
    "SchemaVersionError",
    "TypeTagError",
    "ValidationError",
    "format_path",
    "with_article",
]

PathSegment = str | int
"""One step of a path: a field name or key (``str``) or a list index (``int``)."""

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
            parts.append(f".{segment}")
        else:
            parts.append(f"[{segment!r}]")
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
        return Problem(path=(*prefix, *self.path), message=self.message, line=self.line)

    def on_line(self, line: int) -> Problem:
        """The same problem, located on ``line`` of a JSON Lines file.

        >>> print(Problem(path=("size", "low"), message="must be <= best").on_line(12))
        line 12: $.size.low: must be <= best
        """
        return Problem(path=self.path, message=self.message, line=line)

    def __str__(self) -> str:
        where = self.json_path if self.line is None else f"line {self.line}: {self.json_path}"
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
        count = len(self.problems)
        header = f"{count} problem{'' if count == 1 else 's'}:"
        return "\n  ".join([header, *map(str, self.problems)])

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
