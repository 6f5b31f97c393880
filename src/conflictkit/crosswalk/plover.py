"""PLOVER: how conflictkit represents every PLOVER event type, mode and context.

The categories are those of the PLOVER manual (the 2021 event types, the older DEMAND, DISAPPROVE,
FIGHT and INVESTIGATE still found in older data, their modes, and the context codes). Every event
type, alone and with each of its modes, has exactly one conflictkit representation in
:data:`REPRESENTATIONS`; :func:`representation_of` looks one up. Contexts map one-to-one onto
:class:`~conflictkit.EventContext`.

>>> from conflictkit.crosswalk.plover import *
>>> from conflictkit.crosswalk import plover
>>> str(plover.representation_of("ASSAULT", "aerial"))
'Incident(kind=air_strike)'
>>> str(plover.representation_of("CONSULT", "phone"))
'Statement(act=consult, channel=phone_call)'

A PLOVER record is a JSON object::

    {"id": "...", "date": "2021-07-05", "event": "MOBILIZE", "mode": "troops",
     "context": ["military"], "source": [{"actorText": "Tajikistan", "code": "TJK", "sector": "GOV"}],
     "target": [], "eventText": "ordered the mobilization", "text": "<the coded sentence>",
     "eventLoc": {"name": "Dushanbe", "lat": 38.54, "lon": 68.78, "geonamesID": 1221874,
                  "countryCode": "TJK"}, "version": "PLOVER 0.7"}

Import (:func:`import_records`, streaming :func:`iter_import`): the sentence becomes a
:class:`~conflictkit.Document`, and the record the event type and mode stand for
(:data:`EVENT_TYPES`) carries verbatim evidence from it (the event text where the sentence holds
it, else the whole sentence). The actors and the place become records of their own; a
:class:`PloverEvent` keeps what conflictkit does not model (the id, the mode and contexts as
written, each actor's code and sector, the codebook version), so that exporting gives the record
back exactly. POLECAT's tab-separated release columns are read and written through
:func:`from_polecat` and :func:`to_polecat`.

Export (:func:`export_records`, streaming :func:`iter_export`): one record per event; what PLOVER
cannot hold is reported.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from conflictkit.core.errors import PathSegment, Problem, ValidationError, with_article
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, rules, shown
from conflictkit.crosswalk import Representation, UnknownCategoryError
from conflictkit.crosswalk.building import Ids
from conflictkit.crosswalk.codes import category_of, fits
from conflictkit.crosswalk.losses import Losses, LossHandler, Reporter
from conflictkit.crosswalk.rows import KeptColumn
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.actors import Actor, ActorKind
from conflictkit.records.control import ControlChange, TerritorialControl
from conflictkit.records.documents import Document
from conflictkit.records.incidents import Incident, IncidentKind
from conflictkit.records.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.records.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.records.movements import MilitaryMovement, MovementKind, MovementStatus
from conflictkit.records.record import Record
from conflictkit.records.statements import Statement, StatementChannel
from conflictkit.values.contexts import EventContext
from conflictkit.values.countries import _pycountry
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.references import ID_RULE, reference
from conflictkit.values.speech_acts import SpeechAct

__all__ = [
    "CONTEXTS",
    "EVENT_TYPES",
    "KEYS",
    "LEGACY_EVENT_TYPES",
    "LOSSY",
    "METADATA_KEYS",
    "MODES",
    "POLECAT_COLUMNS",
    "POLECAT_OUTPUT_COLUMNS",
    "REPRESENTATIONS",
    "SECTORS",
    "SPEECH_ACTS",
    "PloverActor",
    "PloverEvent",
    "export_records",
    "from_polecat",
    "import_records",
    "iter_export",
    "iter_import",
    "category_for",
    "release_of",
    "representation_of",
    "to_polecat",
]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""PLOVER's event types, as the 2021 manual orders them."""

LEGACY_EVENT_TYPES: tuple[str, ...] = ("DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE")
"""Event types of earlier PLOVER drafts that older data still uses."""

_REQUEST_MODES = ("assist", "change", "yield", "meet")
_ASSAULT_MODES = (
    "abduct",
    "beat",
    "torture",
    "execute",
    "sexual",
    "assassinate",
    "destroy",
    "primitive",
    "firearms",
    "explosives",
    "suicide-attack",
    "heavy-weapons",
    "aerial",
)

MODES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "AGREE": (),
        "CONSULT": ("visit", "host", "third-party", "multilateral", "phone"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": ("economic", "military", "humanitarian", "asylum"),
        "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"),
        "REQUEST": _REQUEST_MODES,
        "ACCUSE": ("disapprove", "investigate"),
        "REJECT": _REQUEST_MODES,
        "THREATEN": ("restrict", "ban", "arrest", "relations", "political", "expel", "territory", "violence"),
        "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
        "SANCTION": ("convict", "cancel", "expel", "withdraw", "sever", "discontinue"),
        "MOBILIZE": ("troops", "weapons", "police"),
        "COERCE": (
            "confiscate",
            "seize",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "detain",
            "deport",
            "withhold",
        ),
        "ASSAULT": _ASSAULT_MODES,
        # Older types carry the modes they took into the types that replaced them.
        "DEMAND": _REQUEST_MODES,
        "DISAPPROVE": (),
        "FIGHT": ("firearms", "heavy-weapons", "aerial"),
        "INVESTIGATE": (),
    }
)
"""The modes of each event type: what PLOVER's mode field may hold for it.

From the manual's mode tables and the 2021 CAMEO conversion table (which adds ``host`` to
CONSULT, ``ease`` to RETREAT, ``political`` to THREATEN, ``discontinue`` to SANCTION and ``disapprove``
and ``investigate`` to ACCUSE); POLECAT adds ``aerial`` to ASSAULT and ``detain`` and ``seize`` to
COERCE. An event type may also come without a mode.
"""

CONTEXTS: Mapping[str, EventContext] = MappingProxyType({context.value: context for context in EventContext})
"""Every PLOVER context code and the :class:`~conflictkit.EventContext` it becomes."""

SPEECH_ACTS: Mapping[SpeechAct, str | None] = MappingProxyType(
    {
        SpeechAct.AGREE: "AGREE",
        SpeechAct.CONSULT: "CONSULT",
        SpeechAct.SUPPORT: "SUPPORT",
        SpeechAct.CONCEDE: "CONCEDE",
        SpeechAct.REQUEST: "REQUEST",
        SpeechAct.DEMAND: "DEMAND",
        SpeechAct.ACCUSE: "ACCUSE",
        SpeechAct.DISAPPROVE: "DISAPPROVE",
        SpeechAct.REJECT: "REJECT",
        SpeechAct.THREATEN: "THREATEN",
        SpeechAct.ASSURE: "AGREE",  # a promise of help: PLOVER's AGREE includes offers and promises
        SpeechAct.EXPRESS_CONCERN: None,  # a comment: PLOVER dropped CAMEO's comment categories
        SpeechAct.CLAIM_RESPONSIBILITY: None,  # PLOVER has no claim of responsibility
    }
)
"""The PLOVER event type of each speech act, or ``None`` for those PLOVER does not code."""


def _statement(act: SpeechAct, note: str = "", channel: StatementChannel | None = None) -> Representation:
    values = (("act", act),) if channel is None else (("act", act), ("channel", channel))
    return Representation(Statement, values, note)


def _incident(kind: IncidentKind, note: str = "") -> Representation:
    return Representation(Incident, (("kind", kind),), note)


def _interaction(
    kind: InteractionKind, mode: InteractionMode | None = None, note: str = ""
) -> Representation:
    values = (("kind", kind),) if mode is None else (("kind", kind), ("mode", mode))
    return Representation(Interaction, values, note)


_ASKED = "what is asked for is the statement's paraphrase and the records in about; the mode is not kept"
_THREAT = (
    "the threatened action is the record in about (e.g. an announced MilitaryMovement); the mode is not kept"
)
_MEETING = "channel meeting; which party visits or hosts is not kept (the speaker is PLOVER's source)"
_MOBILIZE = MilitaryMovement, (("kind", MovementKind.MOBILIZATION),)

_ASSAULT_KINDS = {
    None: IncidentKind.ATTACK,
    "abduct": IncidentKind.ABDUCTION,
    "beat": IncidentKind.BEATING,
    "torture": IncidentKind.TORTURE,
    "execute": IncidentKind.EXECUTION,
    "sexual": IncidentKind.SEXUAL_VIOLENCE,
    "assassinate": IncidentKind.ASSASSINATION,
    "destroy": IncidentKind.LOOTING_OR_DESTRUCTION,
    "primitive": IncidentKind.PRIMITIVE_WEAPONS_ATTACK,
    "firearms": IncidentKind.SMALL_ARMS_ATTACK,
    "explosives": IncidentKind.REMOTE_EXPLOSIVE,
    "suicide-attack": IncidentKind.SUICIDE_BOMBING,
    "heavy-weapons": IncidentKind.SHELLING,
    "aerial": IncidentKind.AIR_STRIKE,
}
_COERCE_KINDS = {
    None: IncidentKind.COERCION,
    "confiscate": IncidentKind.CONFISCATION,
    "restrict": IncidentKind.MOVEMENT_RESTRICTION,
    "ban": IncidentKind.BAN,
    "censor": IncidentKind.CENSORSHIP,
    "curfew": IncidentKind.CURFEW,
    "martial-law": IncidentKind.STATE_OF_EMERGENCY,
    "arrest": IncidentKind.ARREST,
    "detain": IncidentKind.CAPTURE,
    "deport": IncidentKind.DEPORTATION,
    "withhold": IncidentKind.WITHHOLDING,
}
_FIGHT_KINDS = {
    None: IncidentKind.ARMED_CLASH,
    "firearms": IncidentKind.ARMED_CLASH,
    "heavy-weapons": IncidentKind.SHELLING,
    "aerial": IncidentKind.AIR_STRIKE,
}
# PLOVER's mode codes for the interaction kinds differ from conflictkit's value names only where
# PLOVER abbreviates (demo, strike-gen, ...).
_INTERACTION_MODES = {
    "demo": InteractionMode.DEMONSTRATION,
    "strike-gen": InteractionMode.GENERAL_STRIKE,
    "strike-lim": InteractionMode.LIMITED_STRIKE,
    "strike-hun": InteractionMode.HUNGER_STRIKE,
}


def _interaction_mode(mode: str) -> InteractionMode:
    return _INTERACTION_MODES.get(mode) or InteractionMode(mode)


def _build() -> dict[tuple[str, str | None], Representation]:
    table: dict[tuple[str, str | None], Representation] = {
        ("AGREE", None): _statement(SpeechAct.AGREE),
        ("CONSULT", None): _statement(SpeechAct.CONSULT),
        ("CONSULT", "phone"): _statement(SpeechAct.CONSULT, channel=StatementChannel.PHONE_CALL),
        ("SUPPORT", None): _statement(SpeechAct.SUPPORT),
        ("CONCEDE", None): _statement(SpeechAct.CONCEDE),
        ("COOPERATE", None): _interaction(InteractionKind.COOPERATE),
        ("AID", None): _interaction(InteractionKind.AID),
        ("RETREAT", None): _interaction(InteractionKind.RETREAT),
        ("RETREAT", "withdraw"): Representation(
            MilitaryMovement,
            (("kind", MovementKind.WITHDRAWAL),),
            "forces pulled back from an area; ceding the territory itself is a TerritorialControl",
        ),
        ("ACCUSE", None): _statement(SpeechAct.ACCUSE),
        ("ACCUSE", "disapprove"): _statement(SpeechAct.ACCUSE),
        ("ACCUSE", "investigate"): _interaction(InteractionKind.INVESTIGATE),
        ("DISAPPROVE", None): _statement(SpeechAct.DISAPPROVE),
        ("INVESTIGATE", None): _interaction(InteractionKind.INVESTIGATE),
        ("THREATEN", None): _statement(SpeechAct.THREATEN, _THREAT),
        ("PROTEST", None): _interaction(InteractionKind.PROTEST),
        ("PROTEST", "riot"): _incident(
            IncidentKind.VIOLENT_DEMONSTRATION, "the rioters are the perpetrators"
        ),
        ("SANCTION", None): _interaction(InteractionKind.SANCTION),
        ("MOBILIZE", None): Representation(*_MOBILIZE),
        ("COERCE", "seize"): Representation(
            TerritorialControl,
            (("change", ControlChange.CAPTURED),),
            "seizure of territory or a place; seizure of property is mode confiscate",
        ),
    }
    for event_type, act in (("REQUEST", SpeechAct.REQUEST), ("DEMAND", SpeechAct.DEMAND)):
        table[event_type, None] = _statement(act)
        table.update({(event_type, mode): _statement(act, _ASKED) for mode in MODES[event_type]})
    table.update(
        {("REJECT", mode): _statement(SpeechAct.REJECT, _ASKED) for mode in (None, *MODES["REJECT"])}
    )
    table.update({("THREATEN", mode): _statement(SpeechAct.THREATEN, _THREAT) for mode in MODES["THREATEN"]})
    for mode in ("visit", "host", "third-party", "multilateral"):
        table["CONSULT", mode] = _statement(SpeechAct.CONSULT, _MEETING, StatementChannel.MEETING)
    interaction_kinds = {
        "AID": InteractionKind.AID,
        "SANCTION": InteractionKind.SANCTION,
        "PROTEST": InteractionKind.PROTEST,
        "RETREAT": InteractionKind.RETREAT,
    }
    for event_type, interaction_kind in interaction_kinds.items():
        for mode in MODES[event_type]:
            if (event_type, mode) not in table:  # riot and withdraw have homes of their own
                table[event_type, mode] = _interaction(interaction_kind, _interaction_mode(mode))
    table.update({("MOBILIZE", mode): Representation(*_MOBILIZE) for mode in MODES["MOBILIZE"]})
    for event_type, incident_kinds in (
        ("ASSAULT", _ASSAULT_KINDS),
        ("COERCE", _COERCE_KINDS),
        ("FIGHT", _FIGHT_KINDS),
    ):
        for incident_mode, incident_kind in incident_kinds.items():
            table[event_type, incident_mode] = _incident(incident_kind)
    return table


REPRESENTATIONS: Mapping[tuple[str, str | None], Representation] = MappingProxyType(_build())
"""The conflictkit representation of every PLOVER ``(event type, mode)``; ``None``: no mode given."""


def representation_of(event_type: str, mode: str | None = None) -> Representation:
    """The conflictkit representation of a PLOVER event type, with or without a mode.

    Raises :class:`~conflictkit.crosswalk.UnknownCategoryError` for a type or mode PLOVER does not
    define.
    """
    try:
        return REPRESENTATIONS[event_type, mode]
    except KeyError:
        where = (
            f"event type {event_type!r}" if mode is None else f"mode {mode!r} of event type {event_type!r}"
        )
        raise UnknownCategoryError(f"PLOVER has no {where}") from None


FORMAT = "plover"

KEYS: tuple[str, ...] = (
    "id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "eventLoc", "version",
    "polecat",
)  # fmt: skip
"""The keys of a PLOVER record, in the order they are written (``polecat``: see :func:`from_polecat`)."""

METADATA_KEYS: tuple[str, ...] = (
    "publication", "coder", "dateCoded", "language", "textInfo", "comment", "size", "dead", "injured",
    "license", "copyright",
)  # fmt: skip
"""Keys of the PLOVER gold-standard records (0.5b1) that say who coded a record, when and how.

Each is kept, with its value as written (text, number or object), on the :class:`PloverEvent`
and written back.
"""

_REQUIRED = ("id", "date", "event", "source")
_SPELLED = ("mode", "context", "source", "target")
_ACTOR_KEYS = ("actorText", "code", "sector")
_LOCATION_KEYS = ("name", "lat", "lon", "geonamesID", "countryCode")

LOSSY: Mapping[tuple[str, str | None], str] = MappingProxyType(
    {
        **{
            ("MOBILIZE", mode): "a mobilisation: the mode is kept only by the PloverEvent"
            for mode in MODES["MOBILIZE"]
        },
        (
            "ACCUSE",
            "disapprove",
        ): "an accusation: written back as ACCUSE unless the PloverEvent keeps the mode",
        ("INVESTIGATE", None): "an investigation: written back as ACCUSE investigate unless the PloverEvent "
        "keeps the older type",
        ("FIGHT", "firearms"): "an armed clash: written back as FIGHT unless the PloverEvent keeps the mode",
        ("FIGHT", "heavy-weapons"): "shelling: written back as ASSAULT heavy-weapons unless the PloverEvent "
        "keeps the older type",
        ("FIGHT", "aerial"): "an air strike: written back as ASSAULT aerial unless the PloverEvent keeps "
        "the older type",
    }
)
"""PLOVER categories that share their representation with another and whose own note (in
:data:`REPRESENTATIONS`) does not say what is lost: what is."""

_EXPORT_EXTRA: Mapping[tuple[type[Record], Any], tuple[str, str | None, str]] = {
    (MilitaryMovement, MovementKind.DEPLOYMENT): (
        "MOBILIZE",
        "troops",
        "a deployment is written as MOBILIZE troops",
    ),
    (MilitaryMovement, MovementKind.RETREAT): (
        "RETREAT",
        "withdraw",
        "a retreat under pressure is written as RETREAT withdraw",
    ),
    (MilitaryMovement, MovementKind.OFFENSIVE): ("FIGHT", None, "an offensive is written as FIGHT"),
    (MilitaryMovement, MovementKind.COUNTER_OFFENSIVE): (
        "FIGHT",
        None,
        "a counter-offensive is written as FIGHT",
    ),
    (Incident, IncidentKind.TERRITORY_TAKEN): ("FIGHT", None, "fighting for territory is written as FIGHT"),
    (Incident, IncidentKind.GRENADE): (
        "ASSAULT",
        "explosives",
        "a grenade attack is written as ASSAULT explosives",
    ),
    (Incident, IncidentKind.CHEMICAL_WEAPON): ("ASSAULT", None, "a chemical attack is written as ASSAULT"),
    (Incident, IncidentKind.DISRUPTED_WEAPONS_USE): (
        "COERCE",
        "confiscate",
        "a disrupted attack is written as COERCE confiscate",
    ),
    (Incident, IncidentKind.EXCESSIVE_FORCE): ("ASSAULT", None, "excessive force is written as ASSAULT"),
    (Incident, IncidentKind.PROTEST_INTERVENTION): (
        "COERCE",
        None,
        "a dispersed protest is written as COERCE",
    ),
    (Incident, IncidentKind.MOB_VIOLENCE): ("ASSAULT", None, "mob violence is written as ASSAULT"),
    (TerritorialControl, ControlChange.RETAKEN): (
        "COERCE",
        "seize",
        "territory retaken is written as COERCE seize",
    ),
    (TerritorialControl, ControlChange.CEDED): (
        "RETREAT",
        "withdraw",
        "territory ceded is written as RETREAT withdraw",
    ),
}
"""How records PLOVER has no exact category for are written, and what the export reports."""


SECTORS: Mapping[str, ActorKind] = {
    "GOV": ActorKind.GOVERNMENT,
    "MIL": ActorKind.ARMED_FORCE,
    "COP": ActorKind.ARMED_FORCE,
    "REB": ActorKind.ARMED_GROUP,
    "INS": ActorKind.ARMED_GROUP,
    "CVL": ActorKind.POPULATION,
    "MED": ActorKind.MEDIA,
    "IGO": ActorKind.INTERNATIONAL_ORGANIZATION,
    "": ActorKind.STATE,
}
"""PLOVER actor sectors and the :class:`~conflictkit.ActorKind` each becomes (an empty sector: a state).

Other sectors (business, religious, ...) become a population; the sector as written is kept in the
:class:`PloverEvent`.
"""

_SECTOR_OF_KIND = {
    ActorKind.GOVERNMENT: "GOV",
    ActorKind.OFFICE: "GOV",
    ActorKind.PERSON: "GOV",
    ActorKind.STATE: "",
    ActorKind.ARMED_FORCE: "MIL",
    ActorKind.ARMED_GROUP: "REB",
    ActorKind.POPULATION: "CVL",
    ActorKind.MEDIA: "MED",
    ActorKind.INTERNATIONAL_ORGANIZATION: "IGO",
    ActorKind.ANONYMOUS_SOURCE: "CVL",
    ActorKind.UNIDENTIFIED: "CVL",
}


@attrs.frozen(kw_only=True)
class PloverActor(Model):
    """One actor of a PLOVER record as written: its text, code and sector."""

    actor_text: str = attrs.field(metadata=rules(non_empty))
    """The actor as the sentence names it (``actorText``)."""

    code: str = ""
    """Its code: an ISO 3166-1 alpha-3 country code, or an organisation code; may be empty."""

    sector: str = ""
    """Its sector code, e.g. ``"GOV"``; may be empty."""


def _optional_text() -> Any:
    return attrs.field(default=None, metadata=rules(non_empty))


@attrs.frozen(kw_only=True)
class PloverEvent(Record, type_tag="plover.event"):
    """What a PLOVER record says that conflictkit does not model, kept beside the record it became."""

    describes: str = attrs.field(metadata=reference(Record))
    """Id of the record the PLOVER record became."""

    plover_id: str = attrs.field(metadata=rules(non_empty))
    """The record's ``id``."""

    event: str = attrs.field(metadata=rules(non_empty))
    """The event type as written."""

    mode: str | None = _optional_text()
    """The mode as written."""

    context: tuple[str, ...] = ()
    """The contexts as written."""

    source: tuple[PloverActor, ...] = ()
    """The source actors as written."""

    target: tuple[PloverActor, ...] = ()
    """The target actors as written."""

    event_text: str | None = _optional_text()
    """The words of the sentence that denote the event (``eventText``)."""

    version: str | None = _optional_text()
    """The codebook version the record was coded with."""

    polecat: tuple[str, ...] = ()
    """POLECAT columns that PLOVER records do not have, as ``"Column=value"``."""

    metadata: tuple[KeptColumn, ...] = ()
    """The record's :data:`METADATA_KEYS` as written: each key with its value as JSON text."""

    spelled: tuple[KeptColumn, ...] = ()
    """``mode``, ``context``, ``source`` and ``target`` as written (JSON text), where the record
    wrote them in a form read as another: ``"context": "political"`` (one code, not a list),
    ``"target": ""`` (no targets), ``"mode": ""``, actors without a ``sector``."""


# ---------------------------------------------------------------------------------------------
# Import


class _Checker:
    """The values of one PLOVER record, checked strictly; every problem kept with its JSON path."""

    def __init__(self, record: Any, index: int) -> None:
        self.index = index
        self.problems: list[Problem] = []
        self.record: Mapping[str, Any] = record if isinstance(record, Mapping) else {}
        if not isinstance(record, Mapping):
            self.problem((), f"expected a JSON object, got {type(record).__name__}")

    def problem(self, path: tuple[PathSegment, ...], message: str) -> None:
        self.problems.append(Problem(path=(self.index, *path), message=message))

    def keys(self, value: Mapping[str, Any], known: tuple[str, ...], path: tuple[PathSegment, ...]) -> None:
        for key in value:
            if key not in known:
                self.problem((*path, str(key)), "is not a key of a PLOVER record")

    def text(self, value: Any, path: tuple[PathSegment, ...], *, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.problem(path, "is required" if value is None else "must not be empty")
            return None
        if not isinstance(value, str):
            self.problem(path, f"expected a string, got {type(value).__name__} {shown(value)}")
            return None
        return value

    def number(self, value: Any, path: tuple[PathSegment, ...], low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(path, f"expected a number, got {type(value).__name__} {shown(value)}")
            return None
        if not low <= value <= high:
            self.problem(path, f"must be between {low} and {high}, got {value}")
            return None
        return float(value)

    def actors(self, key: str) -> tuple[PloverActor, ...]:
        value = self.record.get(key, [])
        if value == "":  # the gold standard's spelling of "none"
            return ()
        if not isinstance(value, list):
            self.problem((key,), f"expected a list of actors, got {type(value).__name__}")
            return ()
        actors = []
        for position, item in enumerate(value):
            path: tuple[PathSegment, ...] = (key, position)
            if not isinstance(item, Mapping):
                self.problem(path, f"expected an actor object, got {type(item).__name__}")
                continue
            self.keys(item, _ACTOR_KEYS, path)
            name = self.text(item.get("actorText"), (*path, "actorText"), required=True)
            code = self.text(item.get("code", ""), (*path, "code")) or ""
            sector = self.text(item.get("sector", ""), (*path, "sector")) or ""
            if name is not None:
                actors.append(PloverActor(actor_text=name, code=code, sector=sector))
        return tuple(actors)

    def check(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _alpha2(code: str) -> str | None:
    if len(code) != 3:
        return None
    found = _pycountry().countries.get(alpha_3=code)
    return None if found is None else str(found.alpha_2)


def _alpha3(alpha2: str | None) -> str:
    if alpha2 is None:
        return ""
    found = _pycountry().countries.get(alpha_2=alpha2)
    return "" if found is None else str(found.alpha_3)


class _Importer:
    def __init__(self) -> None:
        self.actors = Ids("plover:actor:")
        self.locations = Ids("plover:loc:")
        self.tokens = Ids("")  # ids that slug to one ("GSR 1", "GSR-1") get records of their own
        self.seen: dict[str, int] = {}

    def records(self, value: Any, index: int) -> list[Record]:
        checker = _Checker(value, index)
        record = checker.record
        checker.keys(record, (*KEYS, *METADATA_KEYS), ())
        for key in _REQUIRED:
            if key not in record and isinstance(value, Mapping):
                checker.problem((key,), "is required")
        plover_id = checker.text(record.get("id"), ("id",), required="id" in record)
        day = None
        date_text = checker.text(record.get("date"), ("date",), required="date" in record)
        if date_text is not None:
            try:
                day = date.fromisoformat(date_text) if len(date_text) == 10 else None
            except ValueError:
                day = None
            if day is None:
                checker.problem(("date",), f"expected a date written YYYY-MM-DD, got {shown(date_text)}")
        event = checker.text(record.get("event"), ("event",), required="event" in record)
        mode = checker.text(record.get("mode"), ("mode",))
        representation = None
        if event is not None:
            representation = REPRESENTATIONS.get((event, mode))
            if representation is None and event in MODES:
                # A mode of an older codebook ("demo-org"): kept as written, read as the event type.
                representation = REPRESENTATIONS.get((event, None))
            if representation is None:
                checker.problem(("event",), f"unknown PLOVER event type {shown(event)}")
        contexts = record.get("context", [])
        if isinstance(contexts, str):  # the gold standard writes one code, or none, as a string
            contexts = [contexts] if contexts else []
        if not isinstance(contexts, list) or not all(isinstance(item, str) and item for item in contexts):
            checker.problem(("context",), "expected a list of context codes")
            contexts = []
        sources = checker.actors("source")
        targets = checker.actors("target")
        if not sources and "source" in record:
            checker.problem(("source",), "at least one source actor is needed")
        event_text = checker.text(record.get("eventText"), ("eventText",))
        text = checker.text(record.get("text"), ("text",))
        version = checker.text(record.get("version"), ("version",))
        place = self._place(checker, record.get("eventLoc"))
        polecat = record.get("polecat", {})
        if not isinstance(polecat, Mapping) or not all(isinstance(v, str) for v in polecat.values()):
            checker.problem(("polecat",), "expected an object of POLECAT columns and their text")
            polecat = {}
        if plover_id is not None and plover_id in self.seen:
            checker.problem(("id",), f"repeats the id of the record at $[{self.seen[plover_id]}]")
        checker.check()
        if plover_id is None or day is None or event is None or representation is None:
            raise ValidationError.at("is not a PLOVER record (it has no id, date or event)").under(index)
        metadata = tuple(
            KeptColumn(column=key, value=json.dumps(record[key], ensure_ascii=False))
            for key in METADATA_KEYS
            if key in record
        )
        spelled = tuple(
            KeptColumn(column=key, value=json.dumps(record[key], ensure_ascii=False))
            for key in _SPELLED
            # as written where export would write it otherwise: in another form, or (an empty
            # list) not at all
            if key in record and (_plain(key, record[key]) != record[key] or record[key] == [])
        )
        try:
            out = self._build(
                plover_id,
                day,
                event,
                mode,
                representation,
                tuple(contexts),
                sources,
                targets,
                event_text,
                text,
                version,
                place,
            )
            self.seen[plover_id] = index
            kept = out[-1]
            if isinstance(kept, PloverEvent) and (polecat or metadata or spelled):
                polecat_columns = tuple(f"{k}={v}" for k, v in polecat.items())
                out[-1] = attrs.evolve(kept, polecat=polecat_columns, metadata=metadata, spelled=spelled)
            return out
        except ValidationError as error:
            raise error.under(index) from None

    def _place(
        self, checker: _Checker, value: Any
    ) -> tuple[str, float | None, float | None, int | None, str] | None:
        if value is None:
            return None
        path: tuple[PathSegment, ...] = ("eventLoc",)
        if not isinstance(value, Mapping):
            checker.problem(path, f"expected a place object, got {type(value).__name__}")
            return None
        checker.keys(value, _LOCATION_KEYS, path)
        name = checker.text(value.get("name"), (*path, "name"), required=True)
        lat = checker.number(value["lat"], (*path, "lat"), -90, 90) if "lat" in value else None
        lon = checker.number(value["lon"], (*path, "lon"), -180, 180) if "lon" in value else None
        if (lat is None) != (lon is None) and not checker.problems:
            checker.problem(path, "lat and lon go together")
        geonames = value.get("geonamesID")
        if geonames is not None and (
            isinstance(geonames, bool) or not isinstance(geonames, int) or geonames < 1
        ):
            checker.problem((*path, "geonamesID"), f"expected a positive whole number, got {shown(geonames)}")
            geonames = None
        country = checker.text(value.get("countryCode", ""), (*path, "countryCode")) or ""
        if country and _alpha2(country) is None:
            checker.problem(
                (*path, "countryCode"), f"{shown(country)} is not an ISO 3166-1 alpha-3 country code"
            )
        return (name or "", lat, lon, geonames, country)

    def _actor_ids(self, actors: tuple[PloverActor, ...], out: list[Record]) -> tuple[str, ...]:
        ids: list[str] = []
        for actor in actors:
            actor_id, new = self.actors.of(
                (actor.actor_text, actor.code, actor.sector), f"{actor.code}-{actor.actor_text}"
            )
            if new:
                kind = SECTORS.get(actor.sector)
                inferred: tuple[Inference, ...] = ()
                if kind is None:
                    kind = ActorKind.POPULATION
                    reason = f"PLOVER sector {actor.sector!r} has no conflictkit kind; taken as a population"
                    inferred = (Inference(field="kind", reason=reason),)
                out.append(
                    Actor(
                        id=actor_id,
                        name=actor.actor_text,
                        kind=kind,
                        country=_alpha2(actor.code),
                        inferred=inferred,
                    )
                )
            if actor_id not in ids:
                ids.append(actor_id)
        return tuple(ids)

    def _build(
        self,
        plover_id: str,
        day: date,
        event: str,
        mode: str | None,
        representation: Representation,
        contexts: tuple[str, ...],
        sources: tuple[PloverActor, ...],
        targets: tuple[PloverActor, ...],
        event_text: str | None,
        text: str | None,
        version: str | None,
        place: tuple[str, float | None, float | None, int | None, str] | None,
    ) -> list[Record]:
        out: list[Record] = []
        source_ids = self._actor_ids(sources, out)
        target_ids = tuple(a for a in self._actor_ids(targets, out) if a not in source_ids)
        location_id = None
        if place is not None:
            name, lat, lon, geonames, country = place
            location_id, new = self.locations.of(place, name)
            if new:
                coordinates = (
                    Coordinates(latitude=lat, longitude=lon) if lat is not None and lon is not None else None
                )
                out.append(
                    Location(
                        id=location_id,
                        name=name,
                        kind=LocationKind.CITY,
                        country=_alpha2(country),
                        coordinates=coordinates,
                        geonames=geonames,
                        inferred=(
                            Inference(
                                field="kind",
                                reason="PLOVER does not say what kind of place it is; taken as a town",
                            ),
                        ),
                    )
                )
        token = self.tokens.of(plover_id)[0]
        main_id = plover_id if ID_RULE(plover_id) is None else f"plover:event:{token}"
        evidence: tuple[Evidence, ...] = ()
        if text is not None:
            document_id = f"plover:text:{token}"
            out.append(Document(id=document_id, title=f"PLOVER {plover_id}: coded sentence", text=text))
            quote = event_text if event_text and event_text in text else text
            evidence = (Evidence.locate(text, quote, document=document_id),)
        when = DateSpan.on(day)
        main = _native(
            representation, main_id, evidence, source_ids, target_ids, location_id, when, contexts, text
        )
        out.append(main)
        out.append(
            PloverEvent(
                id=f"plover:record:{token}",
                describes=main.id,
                plover_id=plover_id,
                event=event,
                mode=mode,
                context=contexts,
                source=sources,
                target=targets,
                event_text=event_text,
                version=version,
            )
        )
        return out


def _contexts(codes: tuple[str, ...]) -> tuple[EventContext, ...]:
    # Codes conflictkit does not know stay in the PloverEvent, which writes them back.
    return tuple(CONTEXTS[code] for code in codes if code in CONTEXTS)


def _native(
    representation: Representation,
    record_id: str,
    evidence: tuple[Evidence, ...],
    sources: tuple[str, ...],
    targets: tuple[str, ...],
    location: str | None,
    when: DateSpan,
    contexts: tuple[str, ...],
    text: str | None,
) -> Record:
    cls = representation.record
    # The table pairs each class with values of its own vocabularies; Any lets one builder serve all.
    kind: Any = representation.values[0][1] if representation.values else None
    detail: Any = representation.values[1][1] if len(representation.values) > 1 else None
    common: dict[str, Any] = {"id": record_id, "evidence": evidence}
    if cls is Statement:
        channel = detail if isinstance(detail, StatementChannel) else StatementChannel.UNSPECIFIED
        addressee = targets[0] if targets else None
        return Statement(
            speaker=sources[0],
            addressee=addressee,
            act=kind,
            channel=channel,
            date=when,
            location=location,
            paraphrase=text or _no_text(kind),
            **common,
        )
    if cls is Interaction:
        return Interaction(
            kind=kind,
            mode=detail,
            sources=sources,
            targets=targets,
            location=location,
            date=when,
            contexts=_contexts(contexts),
            **common,
        )
    if cls is Incident:
        return Incident(
            kind=kind,
            perpetrators=sources,
            targets=targets,
            location=location,
            date=when,
            contexts=_contexts(contexts),
            **common,
        )
    if cls is MilitaryMovement:
        return MilitaryMovement(
            actor=sources[0],
            kind=kind,
            status=MovementStatus.COMPLETED,
            destination=location,
            date=when,
            **common,
        )
    if cls is TerritorialControl:
        if location is None:
            raise ValidationError.at("a seizure needs a place (eventLoc): the territory seized", "eventLoc")
        return TerritorialControl(
            territory=location,
            change=kind,
            method=detail,
            controller=sources[0],
            previous_controller=targets[0] if targets else None,
            date=when,
            **common,
        )
    raise AssertionError(cls)  # pragma: no cover - the table is closed


def _no_text(act: SpeechAct) -> str:
    """The paraphrase of a statement whose PLOVER record has no sentence (a POLECAT row)."""
    return f"{act.value} (PLOVER)"


Handler = Callable[[ValidationError], object]


def iter_import(records: Iterable[Any], *, on_error: Handler | None = None) -> Iterator[Record]:
    """Yield the conflictkit records of PLOVER records (parsed JSON objects), one at a time.

    A bad record raises a :class:`~conflictkit.ValidationError` with every problem of that record,
    each with its JSON path (``$[3].source[0].code``); with ``on_error`` the error is passed to it
    instead and the record skipped.
    """
    importer = _Importer()
    for index, value in enumerate(records):
        try:
            if isinstance(value, ValidationError):  # a row its reader could not read (a ragged line)
                raise value
            out = importer.records(value, index)
        except ValidationError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield from out


def import_records(records: Iterable[Any], *, on_error: Handler | None = None) -> Dataset:
    """A dataset of the conflictkit records of PLOVER records; all problems raised together."""
    errors: list[ValidationError] = []
    out = list(iter_import(records, on_error=on_error if on_error is not None else errors.append))
    if errors:
        raise ValidationError(problem for error in errors for problem in error.problems)
    return Dataset(records=out)


# ---------------------------------------------------------------------------------------------
# Export

_PROJECTED = frozenset({MovementStatus.ANNOUNCED, MovementStatus.PLANNED})
_RECENT_DOCUMENTS = 1000


def _is_event(record: Record) -> bool:
    return isinstance(record, (Incident, Interaction, TerritorialControl, MilitaryMovement, Statement))


def category_for(record: Record) -> tuple[str, str | None] | None:
    """The PLOVER event type and mode a record is written as, or ``None`` if PLOVER has none for it.

    >>> from conflictkit.crosswalk.plover import *
    >>> from conflictkit import MilitaryMovement, MovementKind, MovementStatus
    >>> category_for(MilitaryMovement(id="mv:1", actor="actor:a", kind=MovementKind.MOBILIZATION,
    ...                               status=MovementStatus.ORDERED))
    ('MOBILIZE', None)
    """
    coded = _event_of(record)
    return None if coded is None else (coded[0], coded[1])


def _event_of(record: Record) -> tuple[str, str | None, str | None] | None:
    """PLOVER's event type and mode for a record, with what the export changes, or ``None``."""
    if isinstance(record, MilitaryMovement) and record.status in _PROJECTED:
        return "THREATEN", None, f"a movement {record.status.value} is written as a THREATEN by its force"
    if isinstance(record, MilitaryMovement) and record.kind is MovementKind.BORDER_CROSSING:
        return None
    key = category_of(REPRESENTATIONS, record)
    if key is not None:
        return key[0], key[1], None
    if isinstance(record, Statement) and record.act is not None:
        event = SPEECH_ACTS[record.act]
        if event is None:
            return None
        return event, None, f"the speech act {record.act.value!r} is written as {event}"
    kind = getattr(record, "kind", None) or getattr(record, "change", None)
    return _EXPORT_EXTRA.get((_base(record), kind))


def _base(record: Record) -> type[Record]:
    return next(
        cls
        for cls in (Incident, Interaction, TerritorialControl, MilitaryMovement, Statement, Record)
        if isinstance(record, cls)
    )


def _sides(record: Record) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    if isinstance(record, Statement):
        return (record.speaker,), (record.addressee,) if record.addressee else (), record.location
    if isinstance(record, Interaction):
        return record.sources, record.targets, record.location
    if isinstance(record, Incident):
        return record.perpetrators, record.targets, record.location
    if isinstance(record, MilitaryMovement):
        return (record.actor,), (), record.destination or record.origin
    if isinstance(record, TerritorialControl):
        holder = (record.controller,) if record.controller else ()
        former = (record.previous_controller,) if record.previous_controller else ()
        if record.change is ControlChange.CEDED:  # who gives ground up is the one who acts
            return former, holder, record.territory
        return holder, former, record.territory
    return (), (), None


_HELD: dict[type[Record], frozenset[str]] = {
    Statement: frozenset({"speaker", "addressee", "act", "channel", "date", "location"}),
    Incident: frozenset({"kind", "perpetrators", "targets", "location", "date", "contexts"}),
    Interaction: frozenset({"kind", "mode", "sources", "targets", "contexts", "location", "date"}),
    MilitaryMovement: frozenset({"actor", "kind", "status", "destination", "origin", "date"}),
    TerritorialControl: frozenset({"territory", "change", "controller", "previous_controller", "date"}),
    Actor: frozenset({"name", "kind", "country"}),
    Location: frozenset({"name", "kind", "coordinates", "geonames", "country"}),
}
"""The fields of each record type a PLOVER record holds (some only in part: the losses say which)."""


class _Exporter(Reporter):
    def __init__(self, lookup: Callable[[str], Record | None], losses: Losses) -> None:
        super().__init__(FORMAT, _HELD, lookup, losses)
        self.sectors_reported: set[str] = set()
        self.codes_reported: set[str] = set()
        self.threats: dict[str, str] = {}  # announced movement -> the THREATEN statement about it
        self.precisions_reported: set[str] = set()  # places whose point is not exact, reported once

    def record(self, record: Record, kept: PloverEvent | None) -> dict[str, Any] | None:
        threat = self.threats.get(record.id)
        if threat is not None and isinstance(record, MilitaryMovement) and record.status in _PROJECTED:
            self.loss(record, f"the threat to carry it out is written from the statement {threat}")
            return None
        coded = _event_of(record)
        if coded is None:
            what = type(record).__name__
            if isinstance(record, Statement):
                what = "a statement without a speech act" if record.act is None else "a statement"
            self.loss(record, f"PLOVER has no event type for {what} ({_what(record)})")
            return None
        event, mode, change = coded
        if kept is not None and fits(_kept_representation(kept), record):
            event, mode, change = kept.event, kept.mode, None
        if change is not None:
            self.loss(record, change, "kind")
        date_ = self.date_of(record)
        if date_ is None:
            self.loss(record, "has no date, which PLOVER requires (see default_date): left out")
            return None
        if not date_.is_point:
            self.loss(record, f"the span {date_} is written as its first day", "date")
        elif date_.precision is not DatePrecision.DAY:  # PLOVER's date is a day, read back as one
            self.loss(
                record, f"the date {date_} is known to the {date_.precision.value}: written as a day", "date"
            )
        sources, targets, location_id = _sides(record)
        if not any(isinstance(self.lookup(actor_id), Actor) for actor_id in sources):
            self.loss(record, "names no actor who acts, which PLOVER requires (a source): left out")
            return None
        text = self.lookup(record.evidence[0].document) if record.evidence else None
        said = getattr(text, "text", None)
        paraphrase = getattr(record, "paraphrase", 0)
        made_up = (
            isinstance(record, Statement) and record.act is not None and paraphrase == _no_text(record.act)
        )
        self.unheld(
            record,
            also=frozenset({"paraphrase"}) if paraphrase == said or made_up else frozenset(),
        )
        for actor_id in (*sources, *targets):
            self.unheld(self.lookup(actor_id))
        if location_id is not None:
            self.unheld(self.lookup(location_id))
        out: dict[str, Any] = {
            "id": kept.plover_id if kept is not None else record.id,
            "date": date_.earliest.isoformat(),
        }
        out["event"] = event
        if mode is not None:
            out["mode"] = mode
        held = tuple(getattr(record, "contexts", ()))
        contexts = [context.value for context in held]
        if kept is not None and (not held or set(_contexts(kept.context)) == set(held)):
            contexts = list(kept.context)  # with the codes conflictkit does not know, as written
        if contexts:
            out["context"] = contexts
        place_of = self.lookup(location_id) if location_id else None
        country = place_of.country if isinstance(place_of, Location) else None
        out["source"] = self._actors(sources, kept.source if kept is not None else (), country)
        target = self._actors(targets, kept.target if kept is not None else (), country)
        if target or (kept is not None and kept.target):
            out["target"] = target
        self._text(out, record, kept)
        place = self._place(record, location_id)
        if place is not None:
            out["eventLoc"] = place
        if kept is not None and kept.version is not None:
            out["version"] = kept.version
        if kept is not None and kept.polecat:
            out["polecat"] = dict(item.split("=", 1) for item in kept.polecat)
        if kept is not None:
            for kept_value in kept.spelled:  # as written, where it still says what the record says
                written = json.loads(kept_value.value)
                if _plain(kept_value.column, written) == _plain(
                    kept_value.column, out.get(kept_value.column)
                ):
                    out[kept_value.column] = written
            out.update((item.column, json.loads(item.value)) for item in kept.metadata)
        return out

    def _actors(
        self, ids: tuple[str, ...], written: tuple[PloverActor, ...], country: str | None = None
    ) -> list[dict[str, str]]:
        """The actors as PLOVER writes them; one without a country gets the code of the event's country."""
        actors = [actor for actor in map(self.lookup, ids) if isinstance(actor, Actor)]
        names = [actor.name for actor in actors]
        if written and names == [actor.actor_text for actor in written[: len(names)]]:
            # The record holds the first actors as written; the rest (a statement has one speaker,
            # a movement one force) are kept by the PloverEvent.
            kinds_agree = all(
                SECTORS.get(w.sector, ActorKind.POPULATION) is a.kind
                for w, a in zip(written, actors, strict=False)
            )
            if kinds_agree:
                return [{"actorText": a.actor_text, "code": a.code, "sector": a.sector} for a in written]
        for actor in actors:
            sector = _SECTOR_OF_KIND[actor.kind]
            if SECTORS[sector] is not actor.kind and actor.id not in self.sectors_reported:
                self.sectors_reported.add(actor.id)
                back = SECTORS[sector].value
                self.loss(
                    actor,
                    f"{with_article(actor.kind.value)} is written as sector {sector!r}, read back as {back}",
                    "kind",
                )
        return [
            {
                "actorText": actor.name,
                "code": self._code(actor, country),
                "sector": _SECTOR_OF_KIND[actor.kind],
            }
            for actor in actors
        ]

    def _code(self, actor: Actor, country: str | None) -> str:
        if actor.country is not None or country is None:
            return _alpha3(actor.country)
        code = _alpha3(country)
        if code and actor.id not in self.codes_reported:
            self.codes_reported.add(actor.id)
            reason = f"has no country: written with the code of the country its events are in first, {code}"
            self.loss(actor, reason, "country")
        return code

    def _text(self, out: dict[str, Any], record: Record, kept: PloverEvent | None) -> None:
        if not record.evidence:
            return
        first = record.evidence[0]
        document = self.lookup(first.document)
        imported = kept is not None and first.document.startswith("plover:text:")
        if isinstance(document, Document) and document.text is not None and imported:
            out["text"] = document.text
            if kept is not None and kept.event_text is not None:
                out["eventText"] = kept.event_text
            return
        out["text"] = first.quote
        if kept is not None and kept.event_text is not None:
            self.loss(
                record,
                f"eventText {kept.event_text!r} is not written: the record's evidence is no longer the "
                "sentence it was coded from",
                "event_text",
            )
        if len(record.evidence) > 1:
            self.loss(
                record, "PLOVER holds one sentence: only the first piece of evidence is written", "evidence"
            )

    def _place(self, record: Record, location_id: str | None) -> dict[str, Any] | None:
        location = self.lookup(location_id) if location_id else None
        if not isinstance(location, Location):
            return None
        place: dict[str, Any] = {"name": location.name}
        if location.coordinates is not None:
            place["lat"], place["lon"] = location.coordinates.latitude, location.coordinates.longitude
            precision = location.coordinates.precision
            if precision is not GeoPrecision.EXACT and location.id not in self.precisions_reported:
                self.precisions_reported.add(location.id)
                reason = (
                    f"PLOVER's eventLoc holds no precision: the point ({precision.value}) reads back as exact"
                )
                self.loss(location, reason, "coordinates")
        if location.geonames is not None:
            place["geonamesID"] = location.geonames
        code = _alpha3(location.country)
        if code:
            place["countryCode"] = code
        return place


def _kept_representation(kept: PloverEvent) -> Representation | None:
    found = REPRESENTATIONS.get((kept.event, kept.mode))
    if found is None and kept.event in MODES and kept.mode not in MODES[kept.event]:
        found = REPRESENTATIONS.get((kept.event, None))  # a mode of an older codebook
    return found


def _plain(key: str, value: Any) -> Any:
    """A value of ``mode``, ``context``, ``source`` or ``target`` in the form export writes it."""
    if key == "mode":
        return value or None
    if value is None or value == "":
        return []
    if key == "context":
        return [value] if isinstance(value, str) else value
    if not isinstance(value, list):
        return value
    return [
        {
            "actorText": item.get("actorText"),
            "code": item.get("code") or "",
            "sector": item.get("sector") or "",
        }
        if isinstance(item, Mapping)
        else item
        for item in value
    ]


def _what(record: Record) -> str:
    kind = getattr(record, "kind", None) or getattr(record, "act", None) or getattr(record, "change", None)
    return kind.value if isinstance(kind, enum.Enum) else record.id


def iter_export(
    records: Iterable[Record], *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> Iterator[dict[str, Any]]:
    """Yield PLOVER records for a stream of conflictkit records, one event at a time.

    Actors, places and documents must come before the events that refer to them; a
    :class:`PloverEvent` may come right after its event (as :func:`iter_import` writes it).
    """
    known: dict[str, Record] = {}
    documents: dict[str, Record] = {}
    pending: Record | None = None

    def lookup(record_id: str) -> Record | None:
        return known.get(record_id) or documents.get(record_id)

    with Losses(on_loss) as losses:
        exporter = _Exporter(lookup, losses)
        exporter.default_date = default_date
        for record in records:
            if isinstance(record, PloverEvent) and pending is not None and pending.id == record.describes:
                out = exporter.record(pending, record)
                pending = None
                if out is not None:
                    yield out
                continue
            if pending is not None:
                out = exporter.record(pending, None)
                pending = None
                if out is not None:
                    yield out
            if _is_event(record):
                pending = record
            elif isinstance(record, (Actor, Location)):
                known[record.id] = record
            elif isinstance(record, Document):
                documents[record.id] = record
                if len(documents) > _RECENT_DOCUMENTS:  # sentences come just before their event
                    del documents[next(iter(documents))]
            elif isinstance(record, PloverEvent):
                exporter.loss(
                    record, f"describes {record.describes}, which a stream keeps it for only right before it"
                )
            else:  # relations, records of unknown or other formats' types
                exporter.unmapped(record)
        if pending is not None:
            out = exporter.record(pending, None)
            if out is not None:
                yield out


def export_records(
    dataset: Dataset, *, on_loss: LossHandler | None = None, default_date: date | None = None
) -> list[dict[str, Any]]:
    """PLOVER records for a dataset: one per event; what PLOVER cannot hold is reported.

    An event with no date of its own is written with its source's publication date, else with
    ``default_date`` (the report's date, say); each such date is reported as a loss.
    """
    kept_for = {record.describes: record for record in dataset.of_type(PloverEvent)}
    out: list[dict[str, Any]] = []
    with Losses(on_loss) as losses:
        exporter = _Exporter(dataset.get, losses)
        exporter.default_date = default_date
        for statement in dataset.of_type(Statement):
            if statement.act is SpeechAct.THREATEN:
                exporter.threats.update(dict.fromkeys(statement.about, statement.id))
        for record in dataset.records:
            if _is_event(record):
                written = exporter.record(record, kept_for.get(record.id))
                if written is not None:
                    out.append(written)
            elif not isinstance(record, (Actor, Location, Document, PloverEvent)):
                exporter.unmapped(record)
    return out


# ---------------------------------------------------------------------------------------------
# POLECAT

POLECAT_COLUMNS: Mapping[str, str] = {
    "Event ID": "id",
    "Event Date": "date",
    "Event Type": "event",
    "Event Mode": "mode",
    "Event Text": "eventText",
    "Contexts": "context",
    "Actor Name": "source",
    "Actor Country": "source",
    "Actor Sector": "source",
    "Recipient Name": "target",
    "Recipient Country": "target",
    "Recipient Sector": "target",
    "Placename": "eventLoc",
    "Latitude": "eventLoc",
    "Longitude": "eventLoc",
    "GeoNames ID": "eventLoc",
    "Version": "version",
}
"""POLECAT release columns and the PLOVER key each feeds; other POLECAT columns (Event Intensity,
Quad Code, Source, Publication Date, Language, ...) are kept in :attr:`PloverEvent.polecat`."""


POLECAT_OUTPUT_COLUMNS: tuple[str, ...] = (
    *POLECAT_COLUMNS,
    "Event Intensity",
    "Quad Code",
    "Story ID",
    "Sentence Number",
    "Source",
    "Publication Date",
    "Language",
)
"""The columns :func:`to_polecat` writes: PLOVER's, then those of POLECAT's releases it keeps."""


def release_of(columns: Iterable[str]) -> str:
    """Which POLECAT column set a tab-separated header is, in words, for a conversion's summary.

    >>> from conflictkit.crosswalk import plover
    >>> plover.release_of(["Event ID", "Event Date", "Event Type", "Intensity", "Primary Actor Sector"])
    'POLECAT release (intensity as Intensity, actor sectors as Primary Actor Sector), 5 columns'
    """
    found = list(columns)
    intensity = next((name for name in ("Intensity", "Event Intensity") if name in found), None)
    sector = next((name for name in ("Primary Actor Sector", "Actor Sector") if name in found), None)
    what = "POLECAT release" if "Event ID" in found else "not a POLECAT release (no Event ID column)"
    details = [f"intensity as {intensity}"] if intensity else []
    details += [f"actor sectors as {sector}"] if sector else []
    return (
        f"{what} ({', '.join(details)}), {len(found)} columns" if details else f"{what}, {len(found)} columns"
    )


def from_polecat(row: Mapping[str, str]) -> dict[str, Any]:
    """A PLOVER record from a row of a POLECAT release (a mapping of column to text).

    Several actors in one POLECAT cell are separated by semicolons. Columns PLOVER records do not
    have stay in the record under ``"polecat"``; importing keeps them in
    :attr:`PloverEvent.polecat`, and exporting writes them back.

    >>> from conflictkit.crosswalk.plover import *
    >>> record = from_polecat({"Event ID": "e1", "Event Date": "2021-07-05", "Event Type": "MOBILIZE",
    ...     "Actor Name": "Tajikistan", "Actor Country": "TJK", "Actor Sector": "GOV",
    ...     "Quad Code": "MATERIAL CONFLICT"})
    >>> record["source"], record["polecat"]
    ([{'actorText': 'Tajikistan', 'code': 'TJK', 'sector': 'GOV'}], {'Quad Code': 'MATERIAL CONFLICT'})
    """
    record: dict[str, Any] = {}
    for column, key in (
        ("Event ID", "id"),
        ("Event Date", "date"),
        ("Event Type", "event"),
        ("Event Mode", "mode"),
        ("Event Text", "eventText"),
        ("Version", "version"),
    ):
        if row.get(column):
            record[key] = row[column]
    if row.get("Contexts"):
        record["context"] = [item.strip() for item in row["Contexts"].split(";")]
    for key, prefix in (("source", "Actor"), ("target", "Recipient")):
        names = [n.strip() for n in row.get(f"{prefix} Name", "").split(";") if n.strip()]
        codes = [c.strip() for c in row.get(f"{prefix} Country", "").split(";")]
        # Releases give each actor's sector as "Primary Actor Sector" (and all of them, kept as
        # written, in "Actor Sectors"); "Actor Sector" is the column conflictkit itself writes.
        sector_column = f"{prefix} Sector" if f"{prefix} Sector" in row else f"Primary {prefix} Sector"
        sectors = [c.strip() for c in row.get(sector_column, "").split(";")]
        if names:
            record[key] = [
                {
                    "actorText": name,
                    "code": codes[i] if i < len(codes) else "",
                    "sector": sectors[i] if i < len(sectors) else "",
                }
                for i, name in enumerate(names)
            ]
    if row.get("Placename"):
        # A cell that is not a number ("n/a", "1221874.0" for an id) stays text, for the import to
        # report with its path; it is never a ValueError here.
        place: dict[str, Any] = {"name": row["Placename"]}
        if row.get("Latitude") and row.get("Longitude"):
            place["lat"], place["lon"] = _number_or_text(row["Latitude"]), _number_or_text(row["Longitude"])
        if row.get("GeoNames ID"):
            geonames = row["GeoNames ID"]
            place["geonamesID"] = int(geonames) if _WHOLE.fullmatch(geonames) else geonames
        record["eventLoc"] = place
    # Every other column is kept, empty ones too, so that a release is written back column by column;
    # so is a column read into the record whose cell the record would write otherwise ("a;b").
    extra = {column: value for column, value in row.items() if column not in POLECAT_COLUMNS}
    written = to_polecat(record)
    for column in POLECAT_COLUMNS:
        if column in row and written.get(column, "") != row[column]:
            extra[column] = row[column]
    if extra:
        record["polecat"] = extra
    return record


def to_polecat(record: Mapping[str, Any]) -> dict[str, str]:
    """A POLECAT row (column to text) from a PLOVER record, the inverse of :func:`from_polecat`.

    >>> from conflictkit.crosswalk.plover import *
    >>> to_polecat({"id": "e1", "date": "2021-07-05", "event": "MOBILIZE",
    ...             "source": [{"actorText": "Tajikistan", "code": "TJK", "sector": "GOV"}]})["Actor Country"]
    'TJK'
    """
    row = dict.fromkeys(POLECAT_OUTPUT_COLUMNS, "")
    for column, key in (
        ("Event ID", "id"),
        ("Event Date", "date"),
        ("Event Type", "event"),
        ("Event Mode", "mode"),
        ("Event Text", "eventText"),
        ("Version", "version"),
    ):
        row[column] = str(record.get(key, ""))
    row["Contexts"] = "; ".join(record.get("context", []))
    for key, prefix in (("source", "Actor"), ("target", "Recipient")):
        actors = record.get(key, [])
        row[f"{prefix} Name"] = "; ".join(actor["actorText"] for actor in actors)
        row[f"{prefix} Country"] = "; ".join(actor.get("code", "") for actor in actors)
        row[f"{prefix} Sector"] = "; ".join(actor.get("sector", "") for actor in actors)
    place = record.get("eventLoc") or {}
    row["Placename"] = place.get("name", "")
    row["Latitude"] = repr(place["lat"]) if "lat" in place else ""
    row["Longitude"] = repr(place["lon"]) if "lon" in place else ""
    row["GeoNames ID"] = str(place.get("geonamesID", ""))
    kept = dict(record.get("polecat", {}))
    for column in POLECAT_COLUMNS:  # a cell as the release wrote it, if it says what the record says
        if column in kept and _cell_items(kept[column]) != _cell_items(row[column]):
            del kept[column]
    row.update(kept)
    for prefix in ("Actor", "Recipient"):
        if f"Primary {prefix} Sector" in kept:  # a release: its own column holds the sectors
            del row[f"{prefix} Sector"]
    return row


_WHOLE = re.compile(r"[1-9][0-9]{0,17}")
_DECIMAL = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,20})?")


def _cell_items(cell: str) -> list[str]:
    items = [item.strip() for item in cell.split(";")]
    try:
        return [repr(float(item)) for item in items]
    except ValueError:
        return items


def _number_or_text(text: str) -> float | str:
    return float(text) if _DECIMAL.fullmatch(text) else text
