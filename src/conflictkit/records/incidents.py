"""Incidents: violent or coercive events, who did what to whom, and the casualties of each side.

How an incident relates to the other records about the same fighting:

* **Territory taken in fighting.** Who holds the ground afterwards is always a
  :class:`~conflictkit.TerritorialControl` (``change`` captured or retaken, ``method`` by force):
  that is the record ACLED's "Non-state actor overtakes territory" and "Government regains
  territory" map to. An :class:`Incident` of kind ``territory_taken`` is added only when the report
  describes the fighting itself (who attacked whom, casualties, weapons); it names the territory as
  its ``location`` and is linked to the control record by a :class:`~conflictkit.Relation`
  (the control ``caused_by`` the incident), never merged into it.
* **Movements.** An offensive, a retreat or a border crossing is a
  :class:`~conflictkit.MilitaryMovement`; what happens to people during it (a clash, a capture) is an
  :class:`Incident` linked to the movement by a :class:`~conflictkit.Relation`: the incident
  ``part_of`` the movement when it is one episode of it (a clash during an offensive), or
  ``same_event`` when it is the same happening seen as an incident (the capture of retreating forces,
  which ends their retreat). A movement cut short by an incident keeps the status ``stopped``; the
  incident carries the casualties, the movement never does.
* Incidents are their own family of events (see :class:`~conflictkit.EventLike`): ``same_event``
  joins two claims of one incident, or an incident and the movement it is one happening with
  (forces captured while retreating: the capture is the end of the retreat), never an incident and
  a control record, so :meth:`conflictkit.Dataset.events` never counts one happening twice.

Each record stays one claim with its own evidence; how they connect is said by separate links, so
counting incidents never counts a movement or a change of control twice.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import ClassVar

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import duplicate_problems, each, non_empty, rules
from conflictkit.records.record import Record
from conflictkit.records.relations import NOT_ATTRIBUTION, EventLike, EventRole
from conflictkit.values.casualties import Casualties
from conflictkit.values.contexts import EventContext
from conflictkit.values.dates import DateSpan
from conflictkit.values.references import reference
from conflictkit.values.sequences import casualty_list, context_list, string_list

__all__ = ["Incident", "IncidentKind"]


class IncidentKind(enum.Enum):
    """What kind of violent or coercive event an incident is.

    It covers every ACLED sub-event type of Battles, Explosions/Remote violence and Violence against
    civilians, the violent sub-events of Protests, Riots and Strategic developments, and the modes
    of PLOVER's ASSAULT and COERCE (see the crosswalk tables on the vocabularies page).
    """

    ARMED_CLASH = "armed_clash"
    """Armed, organised groups fight each other (ACLED Battles: Armed clash)."""
    TERRITORY_TAKEN = "territory_taken"
    """Fighting in which territory changed hands; the change itself is a TerritorialControl."""
    AIR_STRIKE = "air_strike"
    """An attack from aircraft or drones (ACLED Air/drone strike; PLOVER ASSAULT aerial)."""
    SHELLING = "shelling"
    """Shelling, artillery, rocket or missile fire (ACLED Shelling/artillery/missile attack)."""
    REMOTE_EXPLOSIVE = "remote_explosive"
    """A landmine, IED, car bomb or other remotely set off explosive (ACLED Remote explosive/landmine/IED)."""
    SUICIDE_BOMBING = "suicide_bombing"
    """A suicide attack with explosives, on foot or by vehicle (ACLED Suicide bomb)."""
    GRENADE = "grenade"
    """An attack with a hand grenade or similar thrown explosive (ACLED Grenade)."""
    CHEMICAL_WEAPON = "chemical_weapon"
    """The use of chemical weapons (ACLED Chemical weapon)."""
    ATTACK = "attack"
    """A deliberate violent attack not otherwise specified; on civilians, ACLED's Attack."""
    SMALL_ARMS_ATTACK = "small_arms_attack"
    """A one-sided attack with rifles, pistols or light machine guns (PLOVER ASSAULT firearms)."""
    PRIMITIVE_WEAPONS_ATTACK = "primitive_weapons_attack"
    """An attack with fire, edged weapons, rocks or tools (PLOVER ASSAULT primitive)."""
    ASSASSINATION = "assassination"
    """A targeted killing, or an attempt at one (PLOVER ASSAULT assassinate)."""
    EXECUTION = "execution"
    """A judicially sanctioned execution (PLOVER ASSAULT execute)."""
    BEATING = "beating"
    """A physical assault without weapons (PLOVER ASSAULT beat)."""
    TORTURE = "torture"
    """Torture (PLOVER ASSAULT torture)."""
    SEXUAL_VIOLENCE = "sexual_violence"
    """Sexual violence (ACLED Sexual violence; PLOVER ASSAULT sexual)."""
    ABDUCTION = "abduction"
    """Abduction, kidnapping, hijacking or forced disappearance (ACLED Abduction/forced disappearance)."""
    CAPTURE = "capture"
    """People seized and held by force: combatants taken prisoner, people detained (PLOVER COERCE detain)."""
    ARREST = "arrest"
    """An arrest or detention by authorities, or a charge (ACLED Arrests; PLOVER COERCE arrest)."""
    DEPORTATION = "deportation"
    """Individuals expelled or deported (PLOVER COERCE deport)."""
    LOOTING_OR_DESTRUCTION = "looting_or_destruction"
    """Looting, or destruction of property (ACLED Looting/property destruction; PLOVER ASSAULT destroy)."""
    CONFISCATION = "confiscation"
    """Property confiscated (PLOVER COERCE confiscate)."""
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use"
    """An attack prevented: a bomb defused, a weapon seized or intercepted (ACLED Disrupted weapons use)."""
    EXCESSIVE_FORCE = "excessive_force"
    """Lethal or serious force against peaceful protesters (ACLED Excessive force against protesters)."""
    PROTEST_INTERVENTION = "protest_intervention"
    """A peaceful protest dispersed or suppressed without serious harm (ACLED Protest with intervention)."""
    VIOLENT_DEMONSTRATION = "violent_demonstration"
    """Demonstrators turn violent or destroy property (ACLED Violent demonstration; PLOVER PROTEST riot)."""
    MOB_VIOLENCE = "mob_violence"
    """A violent mob attacking people or property (ACLED Mob violence)."""
    MOVEMENT_RESTRICTION = "movement_restriction"
    """Restrictions on movement or political freedoms, blockades (PLOVER COERCE restrict)."""
    BAN = "ban"
    """A ban on individuals or organisations (PLOVER COERCE ban)."""
    CENSORSHIP = "censorship"
    """Censorship, or a ban on publications (PLOVER COERCE censor)."""
    CURFEW = "curfew"
    """A curfew imposed (PLOVER COERCE curfew)."""
    STATE_OF_EMERGENCY = "state_of_emergency"
    """A state of emergency or martial law imposed (PLOVER COERCE martial-law)."""
    WITHHOLDING = "withholding"
    """Public goods or services withheld: power, water, food, medicine (PLOVER COERCE withhold)."""
    COERCION = "coercion"
    """Coercion not otherwise specified (PLOVER COERCE without a mode)."""


_WEAPON_RULE = each(non_empty)


@attrs.frozen(kw_only=True)
class Incident(EventLike, Record, type_tag="incident"):
    """A violent or coercive event: who did it, to whom, where, when, and the casualties per side.

    >>> from conflictkit import Casualties, Qualifier, Quantity
    >>> dozens = Quantity(low=12, qualifier=Qualifier.DOZENS, unit="people", text="dozens")
    >>> captures = Incident(
    ...     id="inc:ishkashim-captures",
    ...     kind=IncidentKind.CAPTURE,
    ...     perpetrators=("actor:taliban",),
    ...     targets=("actor:afghan-security-forces",),
    ...     location="loc:ishkashim",
    ...     casualties=(Casualties(side="actor:afghan-security-forces", captured=dozens),),
    ... )
    >>> str(captures.casualties[0].captured)
    'dozens'

    For two-sided fighting (an armed clash), the side that attacked is the perpetrator when the
    report says which it was; otherwise list one side as perpetrators and the other as targets
    and note it in ``inferred``. See the module documentation for how incidents relate to
    :class:`~conflictkit.TerritorialControl` and :class:`~conflictkit.MilitaryMovement`.
    """

    event_family: ClassVar[str] = "incident"
    """Claims of the same event family can be the same event (see :class:`~conflictkit.EventLike`)."""

    same_event_with: ClassVar[frozenset[str]] = frozenset({"movement"})
    """An incident and a movement can be one happening seen two ways: forces captured while
    retreating are a capture and the end of the retreat (see :func:`~conflictkit.can_be_same_event`)."""

    kind: IncidentKind
    """What happened."""

    perpetrators: tuple[str, ...] = attrs.field(
        default=(), converter=string_list, metadata=reference("actor", many=True)
    )
    """Ids of the actors who carried it out (PLOVER's source, ACLED's actor 1)."""

    targets: tuple[str, ...] = attrs.field(
        default=(), converter=string_list, metadata=reference("actor", many=True)
    )
    """Ids of the actors it was directed at (PLOVER's recipient, ACLED's actor 2)."""

    location: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the place where it happened (for ``territory_taken``, the territory)."""

    date: DateSpan | None = None
    """When it happened."""

    casualties: tuple[Casualties, ...] = attrs.field(default=(), converter=casualty_list)
    """The casualties of each side, as reported: at most one entry per side."""

    weapons: tuple[str, ...] = attrs.field(default=(), converter=string_list, metadata=rules(_WEAPON_RULE))
    """The weapons used, in the report's words ("tanks", "helicopters"), where reported."""

    contexts: tuple[EventContext, ...] = attrs.field(default=(), converter=context_list)
    """The domains it belongs to (PLOVER contexts), e.g. military."""

    role: EventRole = attrs.field(default=EventRole.EVENT, metadata=rules(NOT_ATTRIBUTION))
    """Whether it is an event or a background condition (see :class:`~conflictkit.EventRole`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        perpetrators, targets, contexts = self.perpetrators, self.targets, self.contexts
        if len(set(perpetrators)) != len(perpetrators) or len(set(targets)) != len(targets):
            return False
        if targets and perpetrators and not set(targets).isdisjoint(perpetrators):
            return False
        if self.casualties and len({entry.side for entry in self.casualties}) != len(self.casualties):
            return False
        if contexts and len(set(contexts)) != len(contexts):
            return False
        return not (self.kind is IncidentKind.TERRITORY_TAKEN and self.location is None)

    def consistency_problems(self) -> Iterator[Problem]:
        """No actor is listed twice or on both sides; each side's casualties appear once."""
        yield from super().consistency_problems()
        yield from duplicate_problems(self.perpetrators, "perpetrators")
        yield from duplicate_problems(self.targets, "targets")
        for index, actor in enumerate(self.targets):
            if actor in self.perpetrators:
                yield Problem(path=("targets", index), message=f"{actor!r} is also a perpetrator")
        seen: set[str | None] = set()
        for index, entry in enumerate(self.casualties):
            if entry.side in seen:
                side = "no side" if entry.side is None else repr(entry.side)
                yield Problem(
                    path=("casualties", index, "side"), message=f"{side} has casualties listed twice"
                )
            seen.add(entry.side)
        yield from duplicate_problems(self.contexts, "contexts")
        if self.kind is IncidentKind.TERRITORY_TAKEN and self.location is None:
            yield Problem(path=("location",), message="is needed for 'territory_taken': the territory taken")
