"""ACLED: how conflictkit represents every ACLED event type and sub-event type.

The categories are those of ACLED's codebook (event types and their sub-event types, spelled as
ACLED's exports spell them). Each sub-event type has exactly one conflictkit representation, in
:data:`REPRESENTATIONS`; :func:`representation_of` looks one up.

>>> from conflictkit.crosswalk import acled
>>> str(acled.representation_of("Battles", "Non-state actor overtakes territory"))
'TerritorialControl(change=captured, method=by_force)'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conflictkit.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.crosswalk import Representation, UnknownCategoryError
from conflictkit.incidents import Incident, IncidentKind
from conflictkit.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.speech_acts import SpeechAct
from conflictkit.statements import Statement

__all__ = ["EVENT_TYPES", "REPRESENTATIONS", "representation_of"]

EVENT_TYPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
        "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)
"""ACLED's event types, each with its sub-event types, in the codebook's order."""


def _incident(kind: IncidentKind, note: str = "") -> Representation:
    return Representation(Incident, (("kind", kind),), note)


_TERRITORY_NOTE = (
    "the change of control; fatalities, if reported, go on an Incident of kind territory_taken "
    "linked to it by a relation"
)

REPRESENTATIONS: Mapping[tuple[str, str], Representation] = MappingProxyType(
    {
        ("Battles", "Armed clash"): _incident(IncidentKind.ARMED_CLASH),
        ("Battles", "Government regains territory"): Representation(
            TerritorialControl,
            (("change", ControlChange.RETAKEN), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_NOTE,
        ),
        ("Battles", "Non-state actor overtakes territory"): Representation(
            TerritorialControl,
            (("change", ControlChange.CAPTURED), ("method", ControlMethod.BY_FORCE)),
            _TERRITORY_NOTE,
        ),
        ("Explosions/Remote violence", "Chemical weapon"): _incident(IncidentKind.CHEMICAL_WEAPON),
        ("Explosions/Remote violence", "Air/drone strike"): _incident(IncidentKind.AIR_STRIKE),
        ("Explosions/Remote violence", "Suicide bomb"): _incident(IncidentKind.SUICIDE_BOMBING),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"): _incident(IncidentKind.SHELLING),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"): _incident(
            IncidentKind.REMOTE_EXPLOSIVE
        ),
        ("Explosions/Remote violence", "Grenade"): _incident(IncidentKind.GRENADE),
        ("Violence against civilians", "Sexual violence"): _incident(
            IncidentKind.SEXUAL_VIOLENCE, "the targets are civilians"
        ),
        ("Violence against civilians", "Attack"): _incident(IncidentKind.ATTACK, "the targets are civilians"),
        ("Violence against civilians", "Abduction/forced disappearance"): _incident(
            IncidentKind.ABDUCTION, "the targets are civilians"
        ),
        ("Protests", "Peaceful protest"): Representation(
            Interaction,
            (("kind", InteractionKind.PROTEST), ("mode", InteractionMode.DEMONSTRATION)),
            "the protesters are the sources; the crowd size goes in size",
        ),
        ("Protests", "Protest with intervention"): _incident(
            IncidentKind.PROTEST_INTERVENTION,
            "the intervening force is the perpetrator, the protesters the target",
        ),
        ("Protests", "Excessive force against protesters"): _incident(
            IncidentKind.EXCESSIVE_FORCE, "the force is the perpetrator, the protesters the target"
        ),
        ("Riots", "Violent demonstration"): _incident(
            IncidentKind.VIOLENT_DEMONSTRATION, "the rioters are the perpetrators"
        ),
        ("Riots", "Mob violence"): _incident(IncidentKind.MOB_VIOLENCE, "the mob is the perpetrator"),
        ("Strategic developments", "Agreement"): Representation(
            Statement,
            (("act", SpeechAct.AGREE),),
            "one statement per party; the other party is the addressee",
        ),
        ("Strategic developments", "Arrests"): _incident(IncidentKind.ARREST),
        ("Strategic developments", "Change to group/activity"): Representation(
            Interaction, (("kind", InteractionKind.GROUP_CHANGE),), "the group is the source"
        ),
        ("Strategic developments", "Disrupted weapons use"): _incident(IncidentKind.DISRUPTED_WEAPONS_USE),
        ("Strategic developments", "Headquarters or base established"): Representation(
            TerritorialControl,
            (("change", ControlChange.ESTABLISHED),),
            "the territory is the base's location",
        ),
        ("Strategic developments", "Looting/property destruction"): _incident(
            IncidentKind.LOOTING_OR_DESTRUCTION
        ),
        ("Strategic developments", "Non-violent transfer of territory"): Representation(
            TerritorialControl, (("change", ControlChange.CEDED), ("method", ControlMethod.WITHOUT_FIGHT))
        ),
        ("Strategic developments", "Other"): Representation(Interaction, (("kind", InteractionKind.OTHER),)),
    }
)
"""The conflictkit representation of every ACLED ``(event type, sub-event type)``."""


def representation_of(event_type: str, sub_event_type: str) -> Representation:
    """The conflictkit representation of an ACLED event type and sub-event type.

    Raises :class:`~conflictkit.crosswalk.UnknownCategoryError` naming both for a pair the codebook
    does not have.
    """
    try:
        return REPRESENTATIONS[event_type, sub_event_type]
    except KeyError:
        raise UnknownCategoryError(
            f"ACLED has no sub-event type {sub_event_type!r} under event type {event_type!r}"
        ) from None
