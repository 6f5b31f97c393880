"""The integrity check of a dataset that arrives one record at a time, in bounded memory.

:meth:`conflictkit.Dataset.problems` needs every record in memory. :class:`IntegrityCheck` finds the
same problems (duplicate ids, references to missing records or to records of the wrong type,
quotes that do not match their document) while records are handed to it one at a time, as a
JSON Lines file is read. It keeps only what the checks need (each record's id, type and name, the
references, and the text of documents) in a temporary SQLite database on disk, so checking a
million records takes about the memory of checking a thousand.

It keeps the records in its database as text, written and read by the two functions it is given
(the io layer's JSON, so that every registered type and unknown records come back as they were):

>>> from functools import partial
>>> from conflictkit import Actor, ActorKind, Record, Statement, from_json, to_json
>>> with IntegrityCheck(encode=to_json, decode=partial(from_json, cls=Record, keep_unknown=True)) as check:
...     check.add(Statement(id="s1", speaker="actor:rahmon", quote="We will win."), line=1)
...     check.add(Actor(id="actor:rahmon", name="Emomali Rahmon", kind=ActorKind.PERSON), line=2)
...     check.add(Statement(id="s1", speaker="actor:nobody", quote="No."), line=3)
...     for problem in check.problems():
...         print(problem)
line 3: $.id: duplicate id 's1' (first used at line 1)
line 3: $.speaker: refers to 'actor:nobody', which is not in the dataset
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

from conflictkit.core.errors import (
    SUGGESTED_IDS,
    PathSegment,
    Problem,
    did_you_mean_id,
    format_path,
    with_article,
)
from conflictkit.core.model import Model, class_for_tag
from conflictkit.core.validation import fields_of, shown
from conflictkit.records.actors import Actor
from conflictkit.records.documents import Document
from conflictkit.records.locations import Location
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import Relation, relation_problems
from conflictkit.values.evidence import Evidence
from conflictkit.values.references import REFERENCE_KEY, is_reference

__all__ = ["IntegrityCheck", "Quote", "references_in"]

Path = tuple[PathSegment, ...]

_FLUSH_ROWS = 2000
"""Records buffered in memory before they are written to the database..."""

_FLUSH_BYTES = 1 << 20
"""...or sooner, once their texts, names and quotes take this many bytes."""

_SCHEMA = """
CREATE TABLE records (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind INTEGER, name, text TEXT, wide BLOB,
                      line INTEGER, path TEXT NOT NULL, body TEXT);
CREATE TABLE refs (seq INTEGER, sub INTEGER, id TEXT NOT NULL, target INTEGER NOT NULL,
                   line INTEGER, path TEXT NOT NULL);
CREATE TABLE quotes (seq INTEGER, sub INTEGER, document TEXT NOT NULL, start INTEGER NOT NULL,
                     length INTEGER NOT NULL, quote NOT NULL, line INTEGER, path TEXT NOT NULL);
"""
# Texts are stored as TEXT, whose substr() counts code points as Python's slices do. A string that
# UTF-8 cannot encode (it holds a lone surrogate, which JSON's \ud800 escapes allow) is stored as
# UTF-32 bytes instead ("wide"), where four bytes make one code point, and compared in Python.
_WIDE_CODEC = "utf-32-le"
_WIDTH = 4


def _stored(text: str) -> str | bytes:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode(_WIDE_CODEC, "surrogatepass")
    return text


def _loaded(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode(_WIDE_CODEC, "surrogatepass")


class IntegrityCheck:
    """Collects records one at a time and reports the problems :meth:`~conflictkit.Dataset.problems` would.

    Give each record its ``path`` (``("records", 3)`` inside a Dataset document, ``()`` for a record
    on its own line) and its ``line`` in a JSON Lines file. The problems come out in the order of
    the records, each located by its line and path. Use it as a context manager (or call
    :meth:`close`) to delete its temporary database.
    """

    def __init__(self, *, encode: Callable[[Record], str], decode: Callable[[str], Record]) -> None:
        # The records are kept as text, written and read by functions of a higher layer (JSON).
        self._encode = encode
        self._decode = decode
        # An empty name makes SQLite keep the database in a private temporary file, deleted on close.
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=True)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;")
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._kinds: dict[type, int] = {}
        self._classes: list[type] = []
        self._records: list[tuple[Any, ...]] = []
        self._refs: list[tuple[Any, ...]] = []
        self._quotes: list[tuple[Any, ...]] = []
        self._count = 0
        self._buffered = 0
        self._finished = False

    def __enter__(self) -> IntegrityCheck:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Delete the temporary database."""
        self._db.close()

    @property
    def count(self) -> int:
        """How many records (loaded or not) have been added."""
        return self._count

    # collecting

    def add(self, record: Record, *, path: Path = (), line: int | None = None) -> None:
        """Add a record that loaded."""
        name = record.name if isinstance(record, (Actor, Location)) else None
        text = record.text if isinstance(record, Document) else None
        # Every record is kept whole in the database, to be read back by records() and by the
        # relation checks (a relation may link records read long before or after it).
        body = self._encode(record)
        kind = None if isinstance(record, OpaqueRecord) else self._kind(type(record))
        seq = self._add_row(record.id, kind, name, text, path, line, body)
        for sub, reference in enumerate(references_in(record, path), start=1):
            if isinstance(reference, Quote):
                self._buffered += len(reference.quote)
                self._quotes.append(
                    (seq, sub, reference.document, reference.start, reference.length,
                     _stored(reference.quote), line, _dumps(reference.path))
                )  # fmt: skip
            else:
                record_id, target, where = reference
                self._refs.append((seq, sub, record_id, self._kind(target), line, _dumps(where)))

    def add_unloaded(self, record_id: Any, *, path: Path = (), line: int | None = None) -> None:
        """Note the id of a record that failed to load.

        References to it are then not reported as dangling: its type is unknown, like an
        :class:`~conflictkit.OpaqueRecord`'s.
        """
        if isinstance(record_id, str) and record_id.isascii():
            self._add_row(record_id, None, None, None, path, line, None)

    def _kind(self, cls: type) -> int:
        kind = self._kinds.get(cls)
        if kind is None:
            kind = self._kinds[cls] = len(self._classes)
            self._classes.append(cls)
        return kind

    def _add_row(
        self,
        record_id: str,
        kind: int | None,
        name: str | None,
        text: str | None,
        path: Path,
        line: int | None,
        body: str | None,
    ) -> int:
        if self._finished:
            raise RuntimeError("records cannot be added once the problems have been read")
        if len(self._records) >= _FLUSH_ROWS or self._buffered >= _FLUSH_BYTES:
            self._flush()
        seq = self._count
        self._count += 1
        self._buffered += len(name or "") + len(text or "") + len(body or "")
        stored = None if text is None else _stored(text)
        self._records.append(
            (seq, record_id, kind, None if name is None else _stored(name),
             stored if isinstance(stored, str) else None, stored if isinstance(stored, bytes) else None,
             line, _dumps(path), body)
        )  # fmt: skip
        return seq

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._records)
        self._db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)", self._refs)
        self._db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._quotes)
        self._records, self._refs, self._quotes = [], [], []
        self._buffered = 0

    def _finish(self) -> None:
        if self._finished:
            return
        self._flush()
        # Which record classes may stand where a reference expects which class: a small table, so
        # that the references that resolve well never leave the database.
        self._db.execute("CREATE TABLE compatible (kind INTEGER, target INTEGER, PRIMARY KEY (kind, target))")
        pairs = [
            (kind, target)
            for kind, actual in enumerate(self._classes)
            for target, expected in enumerate(self._classes)
            if issubclass(actual, expected)
        ]
        self._db.executemany("INSERT INTO compatible VALUES (?, ?)", pairs)
        self._db.execute("CREATE TABLE firsts AS SELECT id, MIN(seq) AS seq FROM records GROUP BY id")
        self._db.execute("CREATE UNIQUE INDEX firsts_id ON firsts (id)")
        self._db.execute("COMMIT")
        self._finished = True

    # reading

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """The names of the actors and locations among ``ids`` (the first record with each id)."""
        self._finish()
        found: dict[str, str] = {}
        query = "SELECT r.name FROM firsts f JOIN records r ON r.seq = f.seq WHERE f.id = ?"
        for record_id in set(ids):
            row = self._db.execute(query, (record_id,)).fetchone()
            if row is not None and row[0] is not None:
                found[record_id] = _loaded(row[0])
        return found

    def records(self, ids: Iterable[str], *, every_type: bool = False) -> list[Record]:
        """The actors, locations and documents among ``ids`` (the first record with each id).

        With ``every_type``, records of every type.
        """
        self._finish()
        found: list[Record] = []
        query = "SELECT r.body FROM firsts f JOIN records r ON r.seq = f.seq WHERE f.id = ?"
        for record_id in sorted(set(ids)):
            row = self._db.execute(query, (record_id,)).fetchone()
            if row is not None and row[0] is not None:
                record = self._decode(row[0])
                if every_type or isinstance(record, (Actor, Location, Document)):
                    found.append(record)
        return found

    def problems(self) -> Iterator[Problem]:
        """Every integrity problem, in the order of the records (then of their fields)."""
        self._finish()
        ordered = heapq.merge(self._duplicates(), self._reference_problems(), self._quote_problems())
        for _, _, problem in ordered:
            yield problem
        # As Dataset.problems does: relations are checked last, with the records they link, all
        # read back from the database, and placed where the relation was read.
        for problem in relation_problems(self._stored_relations(), self._lookup):
            yield self._placed(problem)

    def _stored_relations(self) -> Iterator[tuple[int, Relation]]:
        kinds = [kind for kind, cls in enumerate(self._classes) if issubclass(cls, Relation)]
        if not kinds:
            return
        marks = ", ".join("?" * len(kinds))  # only placeholders are formatted in
        rows = self._db.execute(f"SELECT seq, body FROM records WHERE kind IN ({marks}) ORDER BY seq", kinds)
        for seq, body in rows:
            relation = self._decode(body)
            if isinstance(relation, Relation):
                yield seq, relation

    def _lookup(self, record_id: str) -> Record | None:
        found = self.records([record_id], every_type=True)
        return found[0] if found else None

    def _placed(self, problem: Problem) -> Problem:
        if len(problem.path) < 2 or problem.path[0] != "records" or not isinstance(problem.path[1], int):
            return problem
        row = self._db.execute("SELECT line, path FROM records WHERE seq = ?", (problem.path[1],)).fetchone()
        if row is None:
            return problem
        return Problem(path=(*_loads(row[1]), *problem.path[2:]), message=problem.message, line=row[0])

    def _duplicates(self) -> Iterator[tuple[int, int, Problem]]:
        rows = self._db.execute(
            """
            SELECT r.seq, r.id, r.line, r.path, first.line, first.path
            FROM records r JOIN firsts f ON f.id = r.id JOIN records first ON first.seq = f.seq
            WHERE r.seq != f.seq ORDER BY r.seq
            """
        )
        for seq, record_id, line, path, first_line, first_path in rows:
            where = _location(first_line, _loads(first_path))
            message = f"duplicate id {shown(record_id)} (first used at {where})"
            yield seq, 0, Problem(path=(*_loads(path), "id"), message=message, line=line)

    def _reference_problems(self) -> Iterator[tuple[int, int, Problem]]:
        rows = self._db.execute(
            """
            SELECT x.seq, x.sub, x.id, x.target, x.line, x.path, f.seq, r.kind
            FROM refs x LEFT JOIN firsts f ON f.id = x.id LEFT JOIN records r ON r.seq = f.seq
            WHERE f.seq IS NULL OR (r.kind IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM compatible c WHERE c.kind = r.kind AND c.target = x.target))
            ORDER BY x.seq, x.sub
            """
        )
        hints = SUGGESTED_IDS  # how many more dangling ids get a "did you mean"
        for seq, sub, record_id, target, line, path, found, kind in rows:
            message = self._reference_message(record_id, target, found, kind)
            if found is None and hints > 0 and message is not None:
                hints -= 1
                message += self._suggestion(record_id)
            if message is not None:
                yield seq, sub, Problem(path=_loads(path), message=message, line=line)

    def _suggestion(self, record_id: str) -> str:
        """A "did you mean" for an id that may misspell one of the dataset's (see ``did_you_mean``)."""
        prefix = record_id.partition(":")[0] + ":" if ":" in record_id else ""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        size = len(record_id)
        ids = self._db.execute(
            "SELECT id FROM firsts WHERE id LIKE ? ESCAPE '\\' AND length(id) BETWEEN ? AND ?",
            (escaped + "%", size - 3, size + 3),
        )
        return did_you_mean_id(record_id, (row[0] for row in ids))

    def _reference_message(
        self, record_id: str, target: int, found: int | None, kind: int | None
    ) -> str | None:
        if found is None:
            return f"refers to {shown(record_id)}, which is not in the dataset"
        if kind is None:
            return None  # a record of an unknown type may be of any type: nothing to check against
        actual, expected = self._classes[kind], self._classes[target]
        if issubclass(actual, expected):
            return None
        return (
            f"refers to {shown(record_id)}, {with_article(actual.__name__)}, "
            f"but must refer to {with_article(expected.__name__)}"
        )

    def _quote_problems(self) -> Iterator[tuple[int, int, Problem]]:
        rows = self._db.execute(
            f"""
            SELECT q.seq, q.sub, q.document, q.start, q.length, q.line, q.path, q.quote,
                   substr(r.text, q.start + 1, q.length) AS found,
                   substr(r.wide, q.start * {_WIDTH} + 1, q.length * {_WIDTH}) AS found_wide
            FROM quotes q JOIN firsts f ON f.id = q.document JOIN records r ON r.seq = f.seq
            WHERE (r.text IS NOT NULL AND found IS NOT q.quote) OR r.wide IS NOT NULL
            ORDER BY q.seq, q.sub
            """  # only integer constants are formatted in
        )
        for seq, sub, document, start, length, line, path, quote, found, found_wide in rows:
            text = _loaded(found if found_wide is None else found_wide)
            if text == _loaded(quote):
                continue
            message = (
                f"does not match the text of {shown(document)} at [{start}:{start + length}], "
                f"which reads {shown(text)}"
            )
            yield seq, sub, Problem(path=_loads(path), message=message, line=line)


class Quote:
    """An evidence's quote, to compare with its document's text: ``text[start : start + length]``."""

    __slots__ = ("document", "length", "path", "quote", "start")

    def __init__(self, evidence: Evidence, path: Path) -> None:
        self.document: str = evidence.document
        """The id of the document quoted."""
        self.start: int = evidence.start
        """Where the quote starts in the document's text."""
        self.length: int = max(evidence.end - evidence.start, 0)
        """How many characters it spans there."""
        self.quote: str = evidence.quote
        """The quote."""
        self.path: Path = (*path, "quote")
        """The path of the quote in its document."""


def references_in(value: Model, path: Path = ()) -> Iterator[tuple[str, type, Path] | Quote]:
    """The references a value makes, as ``(id, class it must refer to, path)``, and its evidence's quotes.

    They come in the order :meth:`~conflictkit.Dataset.problems` checks them.
    """
    for name, target in _plan(type(value)):
        item = getattr(value, name)
        if item is None:
            continue
        if target is not None:
            cls = _resolved(target)
            if isinstance(item, tuple):
                for position, record_id in enumerate(item):
                    yield record_id, cls, (*path, name, position)
            else:
                yield item, cls, (*path, name)
        elif isinstance(item, Model):
            yield from references_in(item, (*path, name))
        elif isinstance(item, tuple):
            for position, element in enumerate(item):
                if isinstance(element, Model):
                    yield from references_in(element, (*path, name, position))
    if isinstance(value, Evidence):
        yield Quote(value, path)


_Plan = tuple[tuple[str, type | str | None], ...]
_PLANS: dict[type, _Plan] = {}
_PLANS_LIMIT = 1024  # bounded: classes can be defined without end (in a loop, in a notebook)


def _plan(cls: type) -> _Plan:
    """Each field's name, and what it refers to (a class, or a type tag resolved when used)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = tuple(
            (field.name, field.metadata[REFERENCE_KEY] if is_reference(field.metadata) else None)
            for field in fields_of(cls)
        )
        if len(_PLANS) >= _PLANS_LIMIT:
            _PLANS.clear()  # a race here only costs a plan computed twice
        _PLANS[cls] = plan
    return plan


def _resolved(target: type | str) -> type:
    if isinstance(target, str):
        return class_for_tag(target) or Record
    return target


def _location(line: int | None, path: Path) -> str:
    if line is None:
        return format_path(path)
    return f"line {line}" if not path else f"line {line}, {format_path(path)}"


_SEPARATOR = "\x1f"
# Paths are field names (identifiers, which never start with a digit) and list indices: a digit
# string read back is an index.


def _dumps(path: Path) -> str:
    return _SEPARATOR.join(map(str, path))


def _loads(text: str) -> Path:
    if not text:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in text.split(_SEPARATOR))
