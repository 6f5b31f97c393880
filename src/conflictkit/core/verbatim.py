"""Records of unknown types written back as they were read: numbers keep their spelling and precision.

A float parsed from ``1E2`` or ``123456789012345678901234567890.5`` would be written back as
``100.0`` or ``1.2345678901234568e+29``. While :func:`numbers_as_written` is active, the parser
remembers the text of every float whose Python spelling differs, so that an
:class:`~conflictkit.OpaqueRecord` made meanwhile stores the text as written (:func:`dumps`). When
records are written, :func:`splicing` lets each one's stored JSON text go into the output as it is,
instead of being parsed and encoded again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from conflictkit.core.validation import shown

__all__ = [
    "Spellings",
    "Splices",
    "dumps",
    "loads_strict",
    "numbers_as_written",
    "object_without_duplicates",
    "placeholder_for",
    "reject_constant",
    "splicing",
]

# id of a parsed float -> (the float, kept alive so that the id stays its own; its text)
_spellings: ContextVar[dict[int, tuple[float, str]] | None] = ContextVar("spellings", default=None)
# the JSON texts to splice into the output being written, in order
_splices: ContextVar[Splices | None] = ContextVar("splices", default=None)


@contextmanager
def numbers_as_written() -> Iterator[Callable[[str], float]]:
    """A ``parse_float`` for :class:`json.JSONDecoder` that remembers spellings, for this block."""
    table: dict[int, tuple[float, str]] = {}

    def parse_float(text: str) -> float:
        number = float(text)
        if repr(number) != text:
            table[id(number)] = (number, text)
        return number

    token = _spellings.set(table)
    try:
        yield parse_float
    finally:
        _spellings.reset(token)


class Spellings:
    """The spellings of the floats of one parsed document, kept until its records are built.

    Parsing and building can be apart (a file is parsed document by document, then each document's
    records are built): :meth:`parse_float` remembers while parsing, and :meth:`active` makes the
    spellings count for :func:`dumps` while building. The table holds only floats whose Python
    spelling differs, and goes with the document.
    """

    __slots__ = ("table",)

    def __init__(self) -> None:
        self.table: dict[int, tuple[float, str]] = {}
        """Each remembered float's id, the float itself (which keeps the id its own) and its text."""

    def parse_float(self, text: str) -> float:
        """A ``parse_float`` for :class:`json.JSONDecoder` that remembers ``text`` if it is unusual."""
        number = float(text)
        if repr(number) != text:
            self.table[id(number)] = (number, text)
        return number

    @contextmanager
    def active(self) -> Iterator[None]:
        """Let :func:`dumps` write the remembered spellings during this block."""
        token = _spellings.set(self.table)
        try:
            yield
        finally:
            _spellings.reset(token)


def reject_constant(name: str) -> Any:
    """A ``parse_constant`` for :class:`json.JSONDecoder`: ``NaN`` and ``Infinity`` are not JSON."""
    raise ValueError(f"{name} is not valid JSON")


def object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` for :class:`json.JSONDecoder` that refuses a key given twice."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key {shown(duplicate)} in an object")
    return obj


@functools.cache
def _strict() -> Any:
    import json  # imported when first needed: it keeps ``import conflictkit`` quick

    return json.JSONDecoder(parse_constant=reject_constant, object_pairs_hook=object_without_duplicates)


def loads_strict(text: str) -> Any:
    """Parse JSON text as conflictkit's loaders do: no ``NaN`` or ``Infinity``, no key twice.

    Raises :class:`ValueError` (a :class:`json.JSONDecodeError` for malformed text).

    >>> loads_strict('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    ValueError: duplicate key 'a' in an object
    """
    return _strict().decode(text)


def _marker() -> str:
    import secrets  # imported when first needed: it keeps ``import conflictkit`` quick

    return f"\ue000{secrets.token_hex(8)}:"


def dumps(data: Any) -> str:
    """Compact JSON text of ``data``, its floats spelled as they were parsed (see module doc)."""
    import json  # imported when first needed: it keeps ``import conflictkit`` quick

    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    table = _spellings.get()
    if not table:
        return text
    marker = _marker()  # private-use character and a random part: never data
    written: list[str] = []
    swapped = _swap_floats(data, table, marker, written)
    if not written:
        return text
    text = json.dumps(swapped, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return re.sub(f'"{re.escape(marker)}([0-9]+)"', lambda found: written[int(found[1])], text)


def _swap_floats(data: Any, table: dict[int, tuple[float, str]], marker: str, written: list[str]) -> Any:
    # A copy of data with each remembered float replaced by a marker string; iterative, because an
    # unknown record may nest as deeply as the parser allows.
    root = [data]
    pending: list[tuple[Any, Any]] = [(root, 0)]
    while pending:
        container, key = pending.pop()
        item = container[key]
        if item.__class__ is float:
            remembered = table.get(id(item))
            if remembered is not None and remembered[0] is item:
                container[key] = f"{marker}{len(written)}"
                written.append(remembered[1])
        elif item.__class__ is dict:
            container[key] = mapping = dict(item)
            pending.extend((mapping, name) for name in mapping)
        elif item.__class__ is list:
            container[key] = items = list(item)
            pending.extend((items, index) for index in range(len(items)))
    return root[0]


class Splices:
    """The JSON texts to put into one output, and the random marker of their stand-ins.

    Use it as a context manager around making the output's plain values (see :func:`splicing`).
    """

    __slots__ = ("_token", "marker", "texts")

    def __init__(self) -> None:
        self.marker = ""  # made on first use: most outputs have nothing to splice
        self.texts: list[str] = []

    def __enter__(self) -> Splices:
        self._token = _splices.set(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        _splices.reset(self._token)

    def stand_in(self, text: str) -> str:
        """A unique string to put where ``text`` goes, replaced by :meth:`splice`."""
        if not self.marker:
            self.marker = _marker()  # a private-use character, a random part
        self.texts.append(text)
        return f"{self.marker}{len(self.texts) - 1}"

    def splice(self, written: str) -> str:
        """``written`` JSON with each stand-in replaced by its text."""
        if not self.texts:
            return written
        texts = self.texts
        return re.sub(f'"{re.escape(self.marker)}([0-9]+)"', lambda found: texts[int(found[1])], written)


def splicing() -> Splices:
    """A context manager collecting the JSON texts that :func:`placeholder_for` stands in for."""
    return Splices()


def placeholder_for(text: str, value: Callable[[], Any]) -> Any:
    """A stand-in for the JSON ``text`` while :func:`splicing`; otherwise ``value()``."""
    splices = _splices.get()
    return value() if splices is None else splices.stand_in(text)
