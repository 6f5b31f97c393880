r"""The compiled fast path for JSON text, used when msgspec is installed (``conflictkit[fast]``).

msgspec parses the text and checks what it can express in C: the shape of every object (extra keys
refused), strict types (no ``"5"`` for an int, no ``true`` for a number), enum values, dates,
integer bounds, non-negative numbers. It decodes into msgspec Structs generated from the attrs
classes; a generated function per class then builds the attrs instance from its Struct, runs the
value rules left to Python (id and other patterns, non-blank strings, country codes, ...) and the
class's cross-field rules. Text rules stay in Python on purpose: msgspec calls back into ``re``
for a pattern constraint at a cost several times that of the compiled pattern's own ``fullmatch``.
The instances are the ones the default path builds.

It never reports a problem. It answers in one of three ways (:func:`attempt`): the instance; *refused*,
when msgspec or a rule found something wrong with the text (an invalid record: the caller goes
straight to the detailed converter, which words every problem, so an invalid record is structured
twice, not three times); or *declined*, when it cannot vouch for the text either way (a class it
cannot mirror, a record of a type it cannot mirror, another schema version, an escaped backslash
the string count cannot see through, a count that does not add up, msgspec not installed), and
the default path loads the text as if the fast path were not there. A text refused in error
(valid, but outside what msgspec checks, such as an integer beyond 64 bits in a float field) is
still loaded, by the detailed converter. So the results and errors are the default path's, word for word.

**Duplicate keys.** msgspec keeps the last of duplicate keys silently; conflictkit refuses them.
The fast path sees them by counting strings. Call *W* the number of JSON strings written in the
text (keys and string values, in every object and array, at every depth) and *H* the number the
decoded Structs hold (the keys of the fields given, plus each record's type tag, and every string
value: text, ids, enum values, dates, the items of a tuple of strings). Every string the Structs
hold was written in the text, and a duplicate makes the decoder drop at least one written key (the
earlier pair, with everything nested in it), so ``H <= W``, equal only without duplicates.

*W* is read off the text with one count in C. Each JSON string is delimited by two quotes, and
any other quote in valid JSON is an escaped one inside a string (``\"``): so the number of quotes
is ``2 * W`` plus the number of escaped quotes. A text without a backslash has none; a text with
backslashes but no escaped backslash (``\\``) has as many as there are occurrences of ``\"``
(a backslash always begins an escape, and only ``\"`` puts one before a quote); a text with an
escaped backslash, where ``\\"`` may end a string, is declined. The fast path accepts the text
only if ``2 * H`` equals the quotes less the escaped ones; then ``H == W``, and no pair was dropped.
Spacing cannot hide a pair, as it could from a count of ``":``: quotes are counted, not colons.

"Every string the Structs hold was written" holds for the type tag only because msgspec is made
to require it: a tagged Struct decoded on its own accepts an object without its tag (and the count
would then take a key and a value that were never written, hiding one duplicate). So a tagged
Struct is always decoded in a union with ``NoStruct``, whose tag no text can use (its builder
refuses), and in a union msgspec requires the tag.
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
import re
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, AnyStr

import attrs

from conflictkit.core import registry
from conflictkit.core.model import (
    TAG_KEY,
    Model,
    cross_field_check,
    has_cross_field_rules,
    registered_types,
    type_tag_of,
)
from conflictkit.core.validation import (
    MAX_SAFE_INTEGER,
    RULES_KEY,
    _fast_reject,
    fields_of,
    non_negative,
)
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.io.generated_loaders import Rejected, buildable
from conflictkit.records.record import Record

__all__ = ["REFUSED", "attempt", "decode", "enabled"]


_NO_TAG = "\x00conflictkit: no such type"


def _refuse(s: Any, counter: list[int]) -> Any:
    raise Rejected


class _Declined(Exception):
    """Raised by a builder for a text the fast path cannot vouch for either way."""


def _decline(s: Any, counter: list[int]) -> Any:
    raise _Declined


class _Refused:
    """The type of :data:`REFUSED`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED: Any = _Refused()
"""What :func:`attempt` answers for a text it found invalid (the detailed converter words why)."""


class _Untranslatable(Exception):
    """A type or rule msgspec cannot mirror exactly: the class gets no Struct."""


@functools.cache
def _msgspec() -> Any:
    try:
        import msgspec  # the `fast` extra; imported on first use, never by `import conflictkit`
    except ImportError:
        return None
    return msgspec


def enabled() -> bool:
    """Whether the compiled fast path is available (msgspec is installed)."""
    return _msgspec() is not None


# --- Structs and builders generated from the attrs classes ------------------------------------------

Builder = Callable[[Any, list[int]], Any]


class _Compiled:
    """The Structs mirroring conflictkit classes, and the builders of instances from them."""

    def __init__(self, msgspec: Any) -> None:
        self.msgspec = msgspec
        self.structs: dict[type, Any] = {}
        self.builders: dict[Any, Builder] = {}  # by Struct
        self.failed: set[type] = set()
        self.in_progress: set[type] = set()
        # A tagged Struct decoded alone takes an object without its tag; in a union with this one
        # (whose tag no text can name usefully: its builder refuses) msgspec requires the tag.
        self.no_struct = msgspec.defstruct(
            "NoStruct", [], forbid_unknown_fields=True, kw_only=True, tag_field=TAG_KEY, tag=_NO_TAG
        )
        self.builders[self.no_struct] = _refuse

    def tag_required(self, struct: Any) -> Any:
        """``struct``, or when it has a tag, a union that refuses an object without the tag."""
        return struct if struct.__struct_config__.tag is None else struct | self.no_struct

    def struct(self, cls: type) -> Any:
        """The Struct mirroring ``cls``; raises :class:`_Untranslatable` if there is none."""
        found = self.structs.get(cls)
        if found is not None:
            return found
        if cls in self.failed or cls in self.in_progress or not buildable(cls):
            raise _Untranslatable(cls)
        self.in_progress.add(cls)
        try:
            found = self.structs[cls] = self._make(cls)
        except _Untranslatable:
            self.failed.add(cls)
            raise
        finally:
            self.in_progress.discard(cls)
        return found

    def _make(self, cls: type) -> Any:
        msgspec = self.msgspec
        hints = typing.get_type_hints(cls)
        tag = type_tag_of(cls)
        namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_Rejected": Rejected}
        namespace["_holds"] = cross_field_check(cls)
        namespace["_UNSET"] = msgspec.UNSET
        struct_fields: list[tuple[Any, ...]] = []
        body: list[str] = []
        # The keys and string values every instance's object holds, whatever it is given: a record's
        # type tag (its key and value) here, each required field's below (see above).
        required = 0 if tag is None else 2
        for index, field in enumerate(fields_of(cls)):
            tp = hints[field.name]
            value_rules = list(field.metadata.get(RULES_KEY, ()))
            annotation, convert = self._type(tp, value_rules, namespace, str(index))
            steps = [] if convert is None else [f"value = {convert}"]
            if value_rules:  # what msgspec does not check, as the construction check inlines it
                rejects = [
                    _fast_reject(rule, tp, namespace, f"_r{index}_{position}")
                    for position, rule in enumerate(value_rules)
                ]
                guard = "value is not None and " if type(None) in typing.get_args(tp) else ""
                steps += [f"if {guard}({' or '.join(rejects)}):", "    raise _Rejected"]
            body.append(f"    value = s.{field.name}")
            strings = _strings_held(tp)  # the field's string values, as an int or an expression
            if field.default is attrs.NOTHING:
                struct_fields.append((field.name, annotation))
                if isinstance(strings, int):
                    required += 1 + strings
                else:
                    required += 1
                    body.append(f"    n += {strings}")
                body += [f"    {step}" for step in steps]
            else:
                struct_fields.append((field.name, annotation | msgspec.UnsetType, msgspec.UNSET))
                namespace[f"_d{index}"] = field.default  # a default the loaders found valid
                body += [
                    "    if value is _UNSET:",
                    f"        value = _d{index}",
                    "    else:",
                    f"        n += {1 + strings if isinstance(strings, int) else f'1 + {strings}'}",
                ]
                body += [f"        {step}" for step in steps]
            namespace[f"_s{index}"] = getattr(cls, field.name).__set__
            body.append(f"    _s{index}(instance, value)")
        rules = ["    if not _holds(instance):", "        raise _Rejected"]
        lines = [
            "def build(s, counter):",
            "    instance = _new(_cls)",
            f"    n = {required}",
            *body,
            "    counter[0] += n",
            *(rules if has_cross_field_rules(cls) else []),
            "    return instance",
        ]
        exec(compile("\n".join(lines), f"<conflictkit fast build {cls.__qualname__}>", "exec"), namespace)
        options: dict[str, Any] = {"forbid_unknown_fields": True, "kw_only": True}
        if tag is not None:
            options.update(tag_field=TAG_KEY, tag=tag)
        struct = msgspec.defstruct(f"{cls.__name__}Struct", struct_fields, **options)
        self.builders[struct] = namespace["build"]
        return struct

    def _type(
        self, tp: Any, value_rules: list[Any], namespace: dict[str, Any], key: str
    ) -> tuple[Any, str | None]:
        """The msgspec annotation for ``tp``, and the expression converting ``value`` (None: as is).

        The rules msgspec checks are taken out of ``value_rules``; those left run in Python.
        """
        args = typing.get_args(tp)
        if tp in (str, int, float, bool):
            return self._scalars([tp], value_rules), None
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            nullable = len(members) < len(args)
            if all(member in (str, int, float, bool) for member in members):
                annotation = self._scalars(members, value_rules)
                return (annotation | None if nullable else annotation), None
            if len(members) == 1 and nullable:
                inner, convert = self._type(members[0], value_rules, namespace, key)
                return inner | None, None if convert is None else f"(None if value is None else {convert})"
            raise _Untranslatable(tp)
        if tp is date:
            # msgspec reads exactly the dates the default path reads: real dates written YYYY-MM-DD.
            return date, None
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if not all(isinstance(member.value, str) for member in tp):
                raise _Untranslatable(tp)
            return tp, None  # msgspec decodes an enum from its value
        if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            item, convert = self._type(args[0], [], namespace, f"{key}_item")
            if convert is None:
                return tuple[item, ...], None  # type: ignore[valid-type]
            call = re.fullmatch(r"(_b[A-Za-z0-9_]+)\(value, counter\)", convert)
            if call:  # one builder per item: mapped in C, without a comprehension's frame
                namespace["_repeat"] = itertools.repeat
                return tuple[item, ...], f"tuple(map({call[1]}, value, _repeat(counter)))"  # type: ignore[valid-type]
            # The item's conversion inline, its loop variable named ``value`` as the expression
            # expects (the list it iterates is the outer ``value``): no function call per item.
            return tuple[item, ...], f"tuple([{convert} for value in value])"  # type: ignore[valid-type]
        if isinstance(tp, type) and issubclass(tp, Model) and not issubclass(tp, Record):
            struct = self.struct(tp)  # the declared class only: a tagged subclass makes msgspec refuse
            if struct.__struct_config__.tag is None:
                namespace[f"_b{key}"] = self.builders[struct]
                return struct, f"_b{key}(value, counter)"
            namespace["_builders"] = self.builders
            return self.tag_required(struct), "_builders[value.__class__](value, counter)"
        raise _Untranslatable(tp)

    def _scalars(self, members: list[Any], value_rules: list[Any]) -> Any:
        """The annotation for a union of scalar types, taking the rules msgspec can check."""
        meta = self.msgspec.Meta
        annotations: list[Any] = []
        low = None
        if non_negative in value_rules:
            value_rules.remove(non_negative)
            low = 0
        if str in members:
            # Text rules (ids, patterns, non-blank) stay in Python: msgspec's pattern constraint
            # costs about 0.6 µs a string, several times a compiled pattern's fullmatch.
            annotations.append(str)
        if bool in members:
            annotations.append(bool)
        if float in members:
            # A float field keeps an integer as an int (JSON does not tell 3 from 3.0), within the
            # range a float64 holds exactly, as the default path checks.
            annotations.append(
                Annotated[int, meta(ge=-MAX_SAFE_INTEGER if low is None else low, le=MAX_SAFE_INTEGER)]
            )
            annotations.append(float if low is None else Annotated[float, meta(ge=low)])
        elif int in members:
            annotations.append(
                Annotated[int, meta(ge=-MAX_SAFE_INTEGER if low is None else low, le=MAX_SAFE_INTEGER)]
            )
        return functools.reduce(operator.or_, annotations)

    # decoders for the classes a text may be loaded as

    def decoder(self, cls: type) -> Any:
        """A msgspec decoder for ``cls`` and a function building the result, or raise."""
        msgspec = self.msgspec
        if cls is Dataset:
            return msgspec.json.Decoder(self._dataset_struct())
        if isinstance(cls, type) and issubclass(cls, Record):
            return msgspec.json.Decoder(self._records_of(cls))
        return msgspec.json.Decoder(self.tag_required(self.struct(cls)))

    def _records_of(self, base: type) -> Any:
        structs = []
        translated = False
        for tag, registered in registered_types().items():
            if issubclass(registered, base):
                try:
                    structs.append(self.struct(registered))
                    translated = True
                except _Untranslatable:
                    structs.append(self._declined(tag))
        if not translated:
            raise _Untranslatable(base)
        return functools.reduce(operator.or_, structs, self.no_struct)

    def _declined(self, tag: str) -> Any:
        """A Struct taking any object with ``tag``, whose builder declines: the default path loads it.

        A record of a type msgspec cannot mirror is valid or not as the default path says, so
        the fast path must neither refuse it (as msgspec would refuse an unknown tag) nor load it.
        """
        struct = self.msgspec.defstruct(
            "DeclinedStruct", [], forbid_unknown_fields=False, kw_only=True, tag_field=TAG_KEY, tag=tag
        )
        self.builders[struct] = _decline
        return struct

    def _dataset_struct(self) -> Any:
        msgspec = self.msgspec
        struct = msgspec.defstruct(
            "DatasetStruct",
            [
                ("schema_version", str),
                ("title", str | None | msgspec.UnsetType, msgspec.UNSET),
                ("records", list[self._records_of(Record)] | msgspec.UnsetType, msgspec.UNSET),  # type: ignore[misc]
            ],
            forbid_unknown_fields=True,
            kw_only=True,
        )
        self.builders[struct] = self._build_dataset
        return struct

    def _build_dataset(self, s: Any, counter: list[int]) -> Dataset:
        if s.schema_version != SCHEMA_VERSION:
            raise _Declined  # another version: migrations and version errors are the default path's
        builders = self.builders
        records = [] if s.records is self.msgspec.UNSET else s.records
        built = [builders[record.__class__](record, counter) for record in records]
        title = None if s.title is self.msgspec.UNSET else s.title
        # The keys given, and the strings among their values: the schema version and a title.
        counter[0] += 2 + (s.title is not self.msgspec.UNSET) * (1 + (title is not None))
        counter[0] += s.records is not self.msgspec.UNSET
        return Dataset(records=built, title=title)


def _strings_held(tp: Any) -> int | str:
    """The JSON strings a field's value of type ``tp`` holds, nested Structs aside (they count their own).

    An int when it is always the same, otherwise an expression of the Struct's ``value``.
    """
    args = typing.get_args(tp)
    if tp is str or tp is date or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return 1  # an enum's value and a date are written as strings
    if tp in (int, float, bool) or (isinstance(tp, type) and issubclass(tp, Model)):
        return 0
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        counts = {_strings_held(member) for member in members}
        if counts == {0}:
            return 0
        if counts == {1} and len(members) == 1:
            return "(value is not None)"
        if counts == {0, 1} and all(member in (str, int, float, bool) for member in members):
            return "(value.__class__ is str)"
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _strings_held(args[0])
        if item == 0:
            return 0
        if item == 1:
            return "len(value)"
    raise _Untranslatable(tp)  # a type _Compiled._type does not mirror either


# --- decoding -------------------------------------------------------------------------------------


class _State:
    """The Structs and decoders mirroring the classes registered at one registry version."""

    __slots__ = ("compiled", "decoders", "version")

    def __init__(self, version: int, compiled: _Compiled) -> None:
        self.version = version
        self.compiled = compiled
        self.decoders: dict[type, tuple[Any, _Compiled]] = {}


_state = _State(-1, None)  # type: ignore[arg-type]  # replaced on first use


def _decoder_for(cls: type) -> tuple[Any, _Compiled]:
    # The hot path: two reads and a dict lookup, no lock and no copy of the registry. A class
    # registered since the state was built changes the version, and the next call builds afresh.
    state = _state
    if state.version == registry.version():
        found = state.decoders.get(cls)
        if found is not None:
            return found
    return _build_decoder(cls)


def _build_decoder(cls: type) -> tuple[Any, _Compiled]:
    global _state
    with registry.LOCK:  # no class registers while the Structs are made: they match the version
        state = _state
        if state.version != registry.version():  # a class registered since: mirror them afresh
            state = _state = _State(registry.version(), _Compiled(_msgspec()))
        found = state.decoders.get(cls)
        if found is None:
            try:
                found = (state.compiled.decoder(cls), state.compiled)
            except _Untranslatable:
                found = (None, state.compiled)
            registry.remember(state.decoders, cls, found)  # bounded: classes defined on the fly
    return found


def decode(text: str | bytes | bytearray, cls: type) -> Any:
    """``text`` loaded as ``cls`` through msgspec, or ``None`` when the fast path declines or refuses."""
    result = attempt(text, cls)
    return None if result is REFUSED else result


def attempt(text: str | bytes | bytearray, cls: type) -> Any:
    """``text`` loaded as ``cls`` through msgspec; :data:`REFUSED` if it is invalid; ``None`` to decline.

    :data:`REFUSED` means that msgspec or one of the rules found something wrong: load the text
    with the detailed converter, which words every problem (and still loads a text that is valid
    but outside what msgspec checks). ``None`` means that the fast path cannot tell: load the text
    as if it were not there.
    """
    if _msgspec() is None:
        return None
    written = _strings_written(text)
    if written is None:
        return None
    decoder, compiled = _decoder_for(cls)
    if decoder is None:
        return None
    counter = [0]
    try:
        struct = decoder.decode(text)
        result = compiled.builders[struct.__class__](struct, counter)
    except _Declined:
        return None
    except Exception:
        return REFUSED  # msgspec or a rule found something wrong: the detailed converter words it
    if counter[0] != written:
        return None  # a duplicate key, which parsing words at once
    return result


def _strings_written(text: object) -> int | None:
    """The number of JSON strings written in ``text``, or ``None`` when counting cannot tell (see above)."""
    if isinstance(text, str):
        return _strings_delimited(text, '"', "\\")
    if isinstance(text, bytes):
        return _strings_delimited(text, b'"', b"\\")
    return None


def _strings_delimited(text: AnyStr, quote: AnyStr, backslash: AnyStr) -> int | None:
    quotes = text.count(quote)
    if backslash in text:
        if backslash + backslash in text:
            return None  # an escaped backslash: `\\"` may end a string
        quotes -= text.count(backslash + quote)  # the escaped quotes
    return quotes // 2 if quotes % 2 == 0 else None  # odd: not valid JSON, which msgspec words
