"""PLOVER: how conflictkit represents every PLOVER event type, mode and context.

The categories are those of the PLOVER manual (the 2021 event types, the older DEMAND, DISAPPROVE,
FIGHT and INVESTIGATE still found in older data, their modes, and the context codes). Every event
type, alone and with each of its modes, has exactly one conflictkit representation in
:data:`REPRESENTATIONS`; :func:`representation_of` looks one up. Contexts map one-to-one onto
:class:`~conflictkit.EventContext`.

>>> from conflictkit.crosswalk import plover
>>> str(plover.representation_of("ASSAULT", "aerial"))
'Incident(kind=air_strike)'
>>> str(plover.representation_of("CONSULT", "phone"))
'Statement(act=consult, channel=phone_call)'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conflictkit.contexts import EventContext
from conflictkit.control import ControlChange, TerritorialControl
from conflictkit.crosswalk import Representation, UnknownCategoryError
from conflictkit.incidents import Incident, IncidentKind
from conflictkit.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.movements import MilitaryMovement, MovementKind
from conflictkit.speech_acts import SpeechAct
from conflictkit.statements import Statement, StatementChannel

__all__ = [
    "CONTEXTS",
    "EVENT_TYPES",
    "LEGACY_EVENT_TYPES",
    "MODES",
    "REPRESENTATIONS",
    "SPEECH_ACTS",
    "representation_of",
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
    }
)
"""The PLOVER event type of each speech act, or ``None`` for the one PLOVER does not code."""


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
