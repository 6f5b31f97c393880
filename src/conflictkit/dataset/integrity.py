"""The integrity check of a dataset that arrives one record at a time, in bounded memory.

:meth:`conflictkit.Dataset.problems` needs every record in memory. :class:`IntegrityCheck` finds the
same problems (duplicate ids, references to missing records or to records of the wrong type,
quotes that do not match their document, relations that cannot hold) while records are handed to
it one at a time, as a JSON Lines file is read. It keeps only what the checks need (each record's
id, type and place, the references and quotes it could not settle at once, the ends of relations,
and the text of documents) in a temporary SQLite database on disk, so checking a million records
takes about the memory of checking a thousand. A reference to a record read shortly before is
settled in memory, from a bounded list of the ids read last, and never stored.

Given two functions (the io layer's JSON, so that every registered type and unknown records come
back as they were), it also keeps the actors, locations and documents as text, to give them back:

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

import datetime
import enum
import heapq
import sqlite3
import types
import typing
from array import array
from collections.abc import Callable, Iterable, Iterator
from types import NoneType, TracebackType
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
from conflictkit.records.locations import Location, parent_cycle_message, parent_cycles
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import CHAINED_KINDS, Relation, RelationKind, cycle_problems, link_problems
from conflictkit.values.evidence import Evidence
from conflictkit.values.references import REFERENCE_KEY, is_reference

__all__ = ["IntegrityCheck", "Quote", "references_in"]

Path = tuple[PathSegment, ...]

_FLUSH_ROWS = 2000
"""Records buffered in memory before they are written to the database..."""

_FLUSH_BYTES = 1 << 20
"""...or sooner, once their texts, names and quotes take this many bytes."""

_SCHEMA = """
CREATE TABLE records (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind INTEGER, line INTEGER,
                      path TEXT NOT NULL, name, text TEXT, wide BLOB, body TEXT);
CREATE TABLE refs (seq INTEGER NOT NULL, sub INTEGER NOT NULL, id TEXT NOT NULL,
                   target INTEGER NOT NULL, path TEXT NOT NULL);
CREATE TABLE quotes (seq INTEGER NOT NULL, sub INTEGER NOT NULL, document TEXT NOT NULL,
                     start INTEGER NOT NULL, length INTEGER NOT NULL, quote NOT NULL, path TEXT NOT NULL);
CREATE TABLE links (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL);
CREATE TABLE parents (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, parent TEXT);
"""
# Only what the checks need is stored: each record's id, type and place (line, path), each
# reference and quote with its path inside its record, the ends of relations, the text of
# documents, and the names and JSON of the actors, locations and documents (given back by
# records() and names()). Texts are stored as TEXT, whose substr() counts code points as Python's
# slices do. A string that UTF-8 cannot encode (it holds a lone surrogate, which JSON's \ud800
# escapes allow) is stored as UTF-32 bytes instead ("wide"), where four bytes make one code point,
# and compared in Python.
_WIDE_CODEC = "utf-32-le"
_WIDTH = 4

_RECENT_IDS = 1 << 11
"""The ids remembered (with their types) to resolve references in memory: twice this at most (an id
referred to again is remembered again, so that the ids a file keeps referring to stay)."""

_RECENT_TEXT = 1 << 20
"""The characters of documents' texts remembered to compare quotes in memory, at most."""

_BLOOM_BYTES = 1 << 21
"""The size of the Bloom filter of every id read (2 MiB: 16 Mibit)."""

_BLOOM_HASHES = 3
_BLOOM_SHIFT = 20
_BLOOM_MASK = (1 << 24) - 1  # a bit of the filter, from 24 bits of the hash
_HASH_MASK = (1 << 64) - 1
_UNKNOWN = -1  # the kind remembered for a record of an unknown type, or one that failed to load
_NO_TEXT: Any = object()

_KEPT = (Actor, Location, Document)
"""The records kept whole, for :meth:`IntegrityCheck.records`."""


def _stored(text: str) -> str | bytes:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode(_WIDE_CODEC, "surrogatepass")
    return text


def _loaded(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode(_WIDE_CODEC, "surrogatepass")


# What the check does with each field of a class, decided once per class: a reference (one id or
# a tuple of ids), a value that may hold models (searched for references), or nothing.
_REFERENCE, _NESTED = 0, 1
_Step = tuple[str, int, int]  # the field's name, what to do, the kind of record it refers to
_Steps = tuple[_Step, ...]


class IntegrityCheck:
    """Collects records one at a time and reports the problems :meth:`~conflictkit.Dataset.problems` would.

    Give each record its ``path`` (``("records", 3)`` inside a Dataset document, ``()`` for a record
    on its own line) and its ``line`` in a JSON Lines file. The problems come out in the order of
    the records, each located by its line and path. Use it as a context manager (or call
    :meth:`close`) to delete its temporary database.

    With ``encode`` and ``decode`` (a record to text and back), the actors, locations and documents
    are kept as text, to be given back by :meth:`records`; without them, only what the checks need
    is kept.
    """

    def __init__(
        self,
        *,
        encode: Callable[[Record], str] | None = None,
        decode: Callable[[str], Record] | None = None,
    ) -> None:
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
        self._record_kinds: dict[type, int | None] = {}  # None: a type to check nothing against
        self._fitting: dict[tuple[int, int], bool] = {}
        self._bloom = bytearray(_BLOOM_BYTES)
        self._recent: dict[str, int] = {}
        self._older: dict[str, int] = {}
        self._recent_texts: dict[str, str | None] = {}
        self._older_texts: dict[str, str | None] = {}
        self._recent_size = 0
        self._steps: dict[type, _Steps] = {}  # both bounded by the classes in the dataset
        self._records: list[tuple[Any, ...]] = []
        self._refs: list[tuple[Any, ...]] = []
        self._quotes: list[tuple[Any, ...]] = []
        self._links: list[tuple[Any, ...]] = []
        self._parents: list[tuple[Any, ...]] = []
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
        if self._finished:
            raise RuntimeError("records cannot be added once the problems have been read")
        if len(self._records) >= _FLUSH_ROWS or self._buffered >= _FLUSH_BYTES:
            self._flush()
        seq = self._count
        self._count += 1
        cls = type(record)
        if cls in self._record_kinds:
            kind = self._record_kinds[cls]
        else:
            kind = self._record_kinds[cls] = None if issubclass(cls, OpaqueRecord) else self._kind(cls)
        if isinstance(record, _KEPT):
            self._records.append(self._kept_row(seq, record, kind, path, line))
        else:
            self._records.append((seq, record.id, kind, line, _dumps(path), None, None, None, None))
        if self._first(record.id):
            self._remember(record.id, _UNKNOWN if kind is None else kind)
            if isinstance(record, Document):
                self._remember_text(record.id, record.text)
        if isinstance(record, Relation):
            self._links.append((seq, record.kind.value, record.source, record.target))
        elif isinstance(record, Location):
            self._parents.append((seq, record.id, record.parent))
        self._collect(record, "", seq, 0)

    def _kept_row(
        self, seq: int, record: Actor | Location | Document, kind: int | None, path: Path, line: int | None
    ) -> tuple[Any, ...]:
        name = text = wide = body = None
        if isinstance(record, Document):
            stored = None if record.text is None else _stored(record.text)
            text, wide = (stored, None) if isinstance(stored, str) else (None, stored)
            self._buffered += len(record.text or "")
        else:
            name = _stored(record.name)
            self._buffered += len(record.name)
        if self._encode is not None:
            body = self._encode(record)
            self._buffered += len(body)
        return (seq, record.id, kind, line, _dumps(path), name, text, wide, body)

    # The references to records read shortly before are resolved as they come, and never stored:
    # a bounded memory of the ids read last (with their types, and the texts of documents) answers
    # for an id that is certainly the first record with it. "Certainly first" is what a Bloom
    # filter of every id read says: an id it has not seen is new; one it may have seen (read
    # before, or a rare false positive) is left to the database, which gets every reference it
    # cannot resolve. So the answers are the same, and memory stays bounded however long the file.

    def _first(self, record_id: str) -> bool:
        """Note an id as read; whether it is certainly the first record with it."""
        bits = hash(record_id) & _HASH_MASK
        bloom = self._bloom
        first = False
        for _ in range(_BLOOM_HASHES):
            bit = bits & _BLOOM_MASK
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not bloom[byte] & mask:
                bloom[byte] |= mask
                first = True
            bits >>= _BLOOM_SHIFT
        return first

    def _remember(self, record_id: str, kind: int) -> None:
        if len(self._recent) >= _RECENT_IDS:
            self._older, self._recent = self._recent, {}
        self._recent[record_id] = kind

    def _remember_text(self, record_id: str, text: str | None) -> None:
        size = len(text or "")
        if size > _RECENT_TEXT // 2:
            return  # the database compares its quotes
        if self._recent_size + size > _RECENT_TEXT // 2:
            self._older_texts, self._recent_texts, self._recent_size = self._recent_texts, {}, 0
        self._recent_texts[record_id] = text
        self._recent_size += size

    def _known_kind(self, record_id: str) -> int | None:
        # The kind of the first record with an id, if it is among the ids remembered (_UNKNOWN: a
        # type to check nothing against); None if the database must answer.
        kind = self._recent.get(record_id)
        if kind is None:
            kind = self._older.get(record_id)
            if kind is not None:
                self._remember(record_id, kind)
        return kind

    def _fits(self, kind: int, target: int) -> bool:
        key = (kind, target)
        fits = self._fitting.get(key)
        if fits is None:
            fits = self._fitting[key] = kind == _UNKNOWN or issubclass(
                self._classes[kind], self._classes[target]
            )
        return fits

    def _quote_fits(self, evidence: Evidence) -> bool:
        # Whether an evidence's quote certainly matches its document (or cannot be compared, as the
        # database would find): known from the records remembered.
        document = evidence.document
        text = self._recent_texts.get(document, _NO_TEXT)
        if text is _NO_TEXT:
            text = self._older_texts.get(document, _NO_TEXT)
        if text is None:
            return True  # a document without its text: nothing to compare
        if isinstance(text, str):
            return text[evidence.start : evidence.end] == evidence.quote
        kind = self._known_kind(document)
        # Not a document (or of an unknown type): no text to compare, as in the database.
        return kind is not None and (kind == _UNKNOWN or not issubclass(self._classes[kind], Document))

    def _collect(self, value: Model, prefix: str, seq: int, sub: int) -> int:
        # The references of a value in the order references_in() gives them, numbered from sub + 1,
        # with their paths inside the record as text; those that resolve to a remembered record are
        # not stored.
        cls = type(value)
        steps = self._steps.get(cls)
        if steps is None:
            steps = self._steps[cls] = self._plan(cls)
        for name, action, target in steps:
            item = getattr(value, name)
            if item is None:
                continue
            if action == _REFERENCE:
                if isinstance(item, tuple):
                    for position, record_id in enumerate(item):
                        sub += 1
                        kind = self._known_kind(record_id)
                        if kind is None or not self._fits(kind, target):
                            where = f"{prefix}{name}{_SEPARATOR}{position}"
                            self._refs.append((seq, sub, record_id, target, where))
                else:
                    sub += 1
                    kind = self._known_kind(item)
                    if kind is None or not self._fits(kind, target):
                        self._refs.append((seq, sub, item, target, prefix + name))
            elif isinstance(item, Model):
                sub = self._collect(item, f"{prefix}{name}{_SEPARATOR}", seq, sub)
            elif isinstance(item, tuple):
                for position, element in enumerate(item):
                    if isinstance(element, Model):
                        sub = self._collect(
                            element, f"{prefix}{name}{_SEPARATOR}{position}{_SEPARATOR}", seq, sub
                        )
        if isinstance(value, Evidence):
            sub += 1
            if not self._quote_fits(value):
                quote = value.quote
                self._buffered += len(quote)
                self._quotes.append(
                    (seq, sub, value.document, value.start, max(value.end - value.start, 0), _stored(quote),
                     prefix + "quote")
                )  # fmt: skip
        return sub

    def _plan(self, cls: type) -> _Steps:
        return tuple(
            (name, _NESTED, -1) if target is None else (name, _REFERENCE, self._kind(_resolved(target)))
            for name, target in _searched(cls)
        )

    def add_unloaded(self, record_id: Any, *, path: Path = (), line: int | None = None) -> None:
        """Note the id of a record that failed to load.

        References to it are then not reported as dangling: its type is unknown, like an
        :class:`~conflictkit.OpaqueRecord`'s.
        """
        if self._finished:
            raise RuntimeError("records cannot be added once the problems have been read")
        if isinstance(record_id, str) and record_id.isascii():
            if len(self._records) >= _FLUSH_ROWS or self._buffered >= _FLUSH_BYTES:
                self._flush()
            self._records.append((self._count, record_id, None, line, _dumps(path), None, None, None, None))
            self._count += 1
            if self._first(record_id):
                self._remember(record_id, _UNKNOWN)

    def _kind(self, cls: type) -> int:
        kind = self._kinds.get(cls)
        if kind is None:
            kind = self._kinds[cls] = len(self._classes)
            self._classes.append(cls)
        return kind

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._records)
        self._db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?)", self._refs)
        self._db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)", self._quotes)
        self._db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", self._links)
        self._db.executemany("INSERT INTO parents VALUES (?, ?, ?)", self._parents)
        self._records, self._refs, self._quotes, self._links, self._parents = [], [], [], [], []
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

    def records(self, ids: Iterable[str]) -> list[Record]:
        """The actors, locations and documents among ``ids`` (the first record with each id), by id.

        Only a check given ``encode`` and ``decode`` keeps them; another raises :class:`RuntimeError`.
        """
        if self._decode is None or self._encode is None:
            raise RuntimeError("this integrity check keeps no records: give it encode and decode")
        self._finish()
        found: list[Record] = []
        query = "SELECT r.body FROM firsts f JOIN records r ON r.seq = f.seq WHERE f.id = ?"
        for record_id in sorted(set(ids)):
            row = self._db.execute(query, (record_id,)).fetchone()
            if row is not None and row[0] is not None:
                found.append(self._decode(row[0]))
        return found

    def problems(self) -> Iterator[Problem]:
        """Every integrity problem, in the order of the records (then of their fields)."""
        self._finish()
        ordered = heapq.merge(self._duplicates(), self._reference_problems(), self._quote_problems())
        for _, _, problem in ordered:
            yield problem
        # As Dataset.problems does: relations are checked last, from the ends of each relation and
        # the types of the records they link, and placed where the relation was read.
        links = self._db.execute(
            "SELECT seq, kind, source, target FROM links WHERE kind = ? ORDER BY seq",
            (RelationKind.SAME_EVENT.value,),
        )
        positioned = ((seq, RelationKind(kind), source, target) for seq, kind, source, target in links)
        for problem in link_problems(positioned, self._class_of, cycles=False):
            yield self._placed(problem)
        for kind in CHAINED_KINDS:
            for problem in self._cycles(kind):
                yield self._placed(problem)
        for problem in self._parent_cycles():
            yield self._placed(problem)

    def _parent_cycles(self) -> Iterator[Problem]:
        # As Dataset.problems: the first location with each id counts, and each is walked from in
        # turn. Only the locations that have a parent are held, a few bytes per place.
        rows = self._db.execute(
            "SELECT p.id, p.parent FROM parents p JOIN (SELECT MIN(seq) AS seq FROM parents GROUP BY id) "
            "first ON first.seq = p.seq WHERE p.parent IS NOT NULL ORDER BY p.seq"
        )
        parents: dict[str, str | None] = dict(rows)
        for cycle in parent_cycles(parents):
            firsts = {
                record_id: self._db.execute("SELECT seq FROM firsts WHERE id = ?", (record_id,)).fetchone()[0]
                for record_id in cycle
            }
            first = min(cycle, key=firsts.__getitem__)
            message = parent_cycle_message(cycle, first)
            yield Problem(path=("records", firsts[first], "parent"), message=message)

    def _cycles(self, kind: RelationKind) -> Iterator[Problem]:
        # The links of one kind as numbers in arrays (ids numbered in the database), so that the
        # search for cycles holds a few bytes per link, not the ids.
        db = self._db
        db.execute("DROP TABLE IF EXISTS nodes")
        db.execute("CREATE TABLE nodes (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)")
        db.execute(
            "INSERT INTO nodes (id) SELECT source FROM links WHERE kind = ?1 "
            "UNION SELECT target FROM links WHERE kind = ?1",
            (kind.value,),
        )
        count = db.execute("SELECT count(*) FROM nodes").fetchone()[0]
        if not count:
            return
        query = (
            "SELECT s.num, l.seq, t.num FROM links l JOIN nodes s ON s.id = l.source "
            "JOIN nodes t ON t.id = l.target WHERE l.kind = ? ORDER BY l.seq"
        )
        ends = array("q", bytes(8 * (count + 2)))  # per node, where its links end in the arrays
        starts = array("q")  # the sources, in the order they first appear
        started = bytearray(count + 1)
        for source, _, _ in db.execute(query, (kind.value,)):
            ends[source + 1] += 1
            if not started[source]:
                started[source] = 1
                starts.append(source)
        for node in range(1, count + 2):
            ends[node] += ends[node - 1]
        filled = array("q", ends)  # where the next link of each node goes
        positions = array("q", bytes(8 * ends[count + 1]))
        targets = array("q", positions)
        for source, position, target in db.execute(query, (kind.value,)):
            at = filled[source]
            positions[at], targets[at] = position, target
            filled[source] = at + 1
        del filled, started

        def link(at: int) -> tuple[int, int]:
            return positions[at], targets[at]

        def edges_of(node: int) -> Iterator[tuple[int, int]]:
            return map(link, range(ends[node], ends[node + 1]))  # a few bytes per node on the path

        def name(node: int) -> str:
            found: str = db.execute("SELECT id FROM nodes WHERE num = ?", (node,)).fetchone()[0]
            return found

        yield from cycle_problems(starts, edges_of, kind, state=bytearray(count + 1), name=name)

    def _class_of(self, record_id: str) -> type | None:
        # The type of the first record with an id, or None if there is none or its type is unknown.
        row = self._db.execute(
            "SELECT r.kind FROM firsts f JOIN records r ON r.seq = f.seq WHERE f.id = ?", (record_id,)
        ).fetchone()
        return None if row is None or row[0] is None else self._classes[row[0]]

    def _where(self, seq: int) -> tuple[int | None, Path]:
        line, path = self._db.execute("SELECT line, path FROM records WHERE seq = ?", (seq,)).fetchone()
        return line, _loads(path)

    def _placed(self, problem: Problem) -> Problem:
        if len(problem.path) < 2 or problem.path[0] != "records" or not isinstance(problem.path[1], int):
            return problem
        line, path = self._where(problem.path[1])
        return Problem(path=(*path, *problem.path[2:]), message=problem.message, line=line)

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
            SELECT x.seq, x.sub, x.id, x.target, x.path, f.seq, r.kind
            FROM refs x LEFT JOIN firsts f ON f.id = x.id LEFT JOIN records r ON r.seq = f.seq
            WHERE f.seq IS NULL OR (r.kind IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM compatible c WHERE c.kind = r.kind AND c.target = x.target))
            ORDER BY x.seq, x.sub
            """
        )
        hints = SUGGESTED_IDS  # how many more dangling ids get a "did you mean"
        for seq, sub, record_id, target, path, found, kind in rows:
            message = self._reference_message(record_id, target, found, kind)
            if found is None and hints > 0 and message is not None:
                hints -= 1
                message += self._suggestion(record_id)
            if message is not None:
                line, where = self._where(seq)
                yield seq, sub, Problem(path=(*where, *_loads(path)), message=message, line=line)

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
            SELECT q.seq, q.sub, q.document, q.start, q.length, q.path, q.quote,
                   substr(r.text, q.start + 1, q.length) AS found,
                   substr(r.wide, q.start * {_WIDTH} + 1, q.length * {_WIDTH}) AS found_wide
            FROM quotes q JOIN firsts f ON f.id = q.document JOIN records r ON r.seq = f.seq
            WHERE (r.text IS NOT NULL AND found IS NOT q.quote) OR r.wide IS NOT NULL
            ORDER BY q.seq, q.sub
            """  # only integer constants are formatted in
        )
        for seq, sub, document, start, length, path, quote, found, found_wide in rows:
            text = _loaded(found if found_wide is None else found_wide)
            if text == _loaded(quote):
                continue
            message = (
                f"does not match the text of {shown(document)} at [{start}:{start + length}], "
                f"which reads {shown(text)}"
            )
            line, where = self._where(seq)
            yield seq, sub, Problem(path=(*where, *_loads(path)), message=message, line=line)


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


_SEARCHED: dict[type, _Plan] = {}


def _searched(cls: type) -> _Plan:
    """:func:`_plan` without the fields whose types can hold no reference (bounded as it is)."""
    plan = _SEARCHED.get(cls)
    if plan is None:
        hints = _hints(cls)
        plan = tuple(
            (name, target)
            for name, target in _plan(cls)
            if target is not None or name not in hints or _may_hold_model(hints[name])
        )
        if len(_SEARCHED) >= _PLANS_LIMIT:
            _SEARCHED.clear()  # a race here only costs a plan computed twice
        _SEARCHED[cls] = plan
    return plan


_PLAIN = (str, int, float, bytes, enum.Enum, datetime.date, datetime.time, NoneType)
"""Classes whose values hold no models (a bool is an int; a datetime is a date)."""


def _hints(cls: type) -> dict[str, Any]:
    """The resolved types of a class's fields; none (every field is searched) if they do not resolve."""
    try:
        return typing.get_type_hints(cls)
    except Exception:  # a forward reference that does not resolve: search every field
        return {}


def _may_hold_model(hint: Any) -> bool:
    """Whether a value of a field so typed can be, or hold in a tuple, a model; ``True`` when unsure."""
    if isinstance(hint, type) and not typing.get_args(hint):
        return not issubclass(hint, _PLAIN)
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return False
    if origin is typing.Annotated:
        return _may_hold_model(typing.get_args(hint)[0])
    if origin in (tuple, typing.Union, types.UnionType):
        return any(_may_hold_model(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)
    return True


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
