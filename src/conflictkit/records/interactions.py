"""Interactions: the material interactions between actors that no more specific record fits.

Violence and coercion are :class:`~conflictkit.Incident` records, troop movements
:class:`~conflictkit.MilitaryMovement`, changes of control :class:`~conflictkit.TerritorialControl`,
and what actors say :class:`~conflictkit.Statement` (with a speech act). What is left, such as aid,
cooperation, the release of prisoners, a peaceful protest or a reduction of relations, is an
:class:`Interaction`: source actors, target actors, a kind, a mode and contexts, in PLOVER's terms.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import duplicate_problems, rules
from conflictkit.records.record import Record
from conflictkit.records.relations import NOT_ATTRIBUTION, EventLike, EventRole
from conflictkit.values.contexts import EventContext
from conflictkit.values.dates import DateSpan
from conflictkit.values.quantities import Quantity
from conflictkit.values.references import reference
from conflictkit.values.sequences import context_list, string_list

__all__ = ["MODES_BY_KIND", "Interaction", "InteractionKind", "InteractionMode"]


class InteractionKind(enum.Enum):
    """What kind of material interaction it is (PLOVER's material event types, and ACLED's leftovers)."""

    COOPERATE = "cooperate"
    """Mutual material cooperation: economic, military, judicial, intelligence (PLOVER COOPERATE)."""
    AID = "aid"
    """Material aid that mainly benefits the target, including asylum (PLOVER AID)."""
    RETREAT = "retreat"
    """A material concession other than a troop withdrawal: release, disarm, ceasefire (PLOVER RETREAT)."""
    INVESTIGATE = "investigate"
    """An investigation of crime, abuses or military action (PLOVER INVESTIGATE; ACCUSE investigate)."""
    PROTEST = "protest"
    """A peaceful collective protest: demonstration, strike, boycott, blockade (PLOVER PROTEST)."""
    SANCTION = "sanction"
    """A reduction of relations, presence, aid or exchange, not only formal sanctions (PLOVER SANCTION)."""
    GROUP_CHANGE = "group_change"
    """A group forms, splits, merges, renames or changes its activity (ACLED Change to group/activity)."""
    OTHER = "other"
    """A significant development no other kind fits (ACLED Strategic developments: Other)."""


class InteractionMode(enum.Enum):
    """How an interaction was carried out (PLOVER's modes of the interaction kinds).

    Each mode belongs to the kind :data:`~conflictkit.records.interactions.MODES_BY_KIND` lists it under;
    a mode that does not fit its interaction's kind is a validation error.
    """

    ECONOMIC = "economic"
    """Economic aid: loans, grants (AID)."""
    MILITARY = "military"
    """Military aid: arms, personnel (AID)."""
    HUMANITARIAN = "humanitarian"
    """Humanitarian aid (AID)."""
    ASYLUM = "asylum"
    """Asylum granted (AID)."""
    RELEASE = "release"
    """Captives released (RETREAT)."""
    RETURN = "return"
    """Property returned (RETREAT)."""
    DISARM = "disarm"
    """Weapons given up, forces demobilised (RETREAT)."""
    CEASEFIRE = "ceasefire"
    """A ceasefire implemented (RETREAT)."""
    ACCESS = "access"
    """Observers, peacekeepers or aid workers let in (RETREAT)."""
    RESIGN = "resign"
    """An official resigns (RETREAT)."""
    EASE = "ease"
    """Sanctions, a curfew or a state of emergency eased (RETREAT)."""
    DEMONSTRATION = "demonstration"
    """An organised, largely peaceful demonstration (PROTEST demo)."""
    GENERAL_STRIKE = "general_strike"
    """A general strike (PROTEST strike-gen)."""
    LIMITED_STRIKE = "limited_strike"
    """A strike limited to some sectors (PROTEST strike-lim)."""
    HUNGER_STRIKE = "hunger_strike"
    """A hunger strike (PROTEST strike-hun)."""
    BOYCOTT = "boycott"
    """A boycott (PROTEST boycott)."""
    OBSTRUCT = "obstruct"
    """Passage obstructed, a road or building blocked (PROTEST obstruct)."""
    CONVICT = "convict"
    """Found guilty or liable in a court of law (SANCTION)."""
    CANCEL = "cancel"
    """Meetings, summits or dialogues cancelled (SANCTION)."""
    EXPEL = "expel"
    """An actor expelled from a group, organisation or country (SANCTION)."""
    WITHDRAW = "withdraw"
    """Own non-military resources withdrawn: aid, observers, diplomats, a mission (SANCTION)."""
    SEVER = "sever"
    """Diplomatic, commercial or material exchange curtailed or broken off (SANCTION)."""
    DISCONTINUE = "discontinue"
    """Economic, military or humanitarian aid reduced or stopped (SANCTION)."""


MODES_BY_KIND: Mapping[InteractionKind, frozenset[InteractionMode]] = MappingProxyType(
    {
        InteractionKind.COOPERATE: frozenset(),
        InteractionKind.AID: frozenset(
            {
                InteractionMode.ECONOMIC,
                InteractionMode.MILITARY,
                InteractionMode.HUMANITARIAN,
                InteractionMode.ASYLUM,
            }
        ),
        InteractionKind.RETREAT: frozenset(
            {
                InteractionMode.RELEASE,
                InteractionMode.RETURN,
                InteractionMode.DISARM,
                InteractionMode.CEASEFIRE,
                InteractionMode.ACCESS,
                InteractionMode.RESIGN,
                InteractionMode.EASE,
            }
        ),
        InteractionKind.INVESTIGATE: frozenset(),
        InteractionKind.PROTEST: frozenset(
            {
                InteractionMode.DEMONSTRATION,
                InteractionMode.GENERAL_STRIKE,
                InteractionMode.LIMITED_STRIKE,
                InteractionMode.HUNGER_STRIKE,
                InteractionMode.BOYCOTT,
                InteractionMode.OBSTRUCT,
            }
        ),
        InteractionKind.SANCTION: frozenset(
            {
                InteractionMode.CONVICT,
                InteractionMode.CANCEL,
                InteractionMode.EXPEL,
                InteractionMode.WITHDRAW,
                InteractionMode.SEVER,
                InteractionMode.DISCONTINUE,
            }
        ),
        InteractionKind.GROUP_CHANGE: frozenset(),
        InteractionKind.OTHER: frozenset(),
    }
)
"""The modes each kind of interaction allows (an empty set: the kind takes no mode)."""


@attrs.frozen(kw_only=True)
class Interaction(EventLike, Record, type_tag="interaction"):
    """A material interaction between actors that no more specific record fits.

    >>> release = Interaction(
    ...     id="int:prisoners-released",
    ...     kind=InteractionKind.RETREAT,
    ...     mode=InteractionMode.RELEASE,
    ...     sources=("actor:taliban",),
    ... )
    >>> Interaction(id="int:x", kind=InteractionKind.AID, mode=InteractionMode.RELEASE, sources=("actor:a",))
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $.mode: 'release' does not fit kind 'aid', which allows 'asylum', 'economic', 'humanitarian', 'military'
    """

    event_family: ClassVar[str] = "interaction"
    """Claims of the same event family can be the same event (see :class:`~conflictkit.EventLike`)."""

    kind: InteractionKind
    """What kind of interaction it is."""

    sources: tuple[str, ...] = attrs.field(converter=string_list, metadata=reference("actor", many=True))
    """Ids of the actors who act (PLOVER's source actors); at least one."""

    targets: tuple[str, ...] = attrs.field(
        default=(), converter=string_list, metadata=reference("actor", many=True)
    )
    """Ids of the actors acted upon (PLOVER's recipients), where there are any."""

    mode: InteractionMode | None = None
    """How it was carried out, if reported; it must be one of the modes its kind allows."""

    contexts: tuple[EventContext, ...] = attrs.field(default=(), converter=context_list)
    """The domains it belongs to (PLOVER contexts), e.g. diplomatic."""

    location: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the place where it happened."""

    date: DateSpan | None = None
    """When it happened."""

    size: Quantity | None = None
    """How many took part (protesters, strikers), as reported."""

    role: EventRole = attrs.field(default=EventRole.EVENT, metadata=rules(NOT_ATTRIBUTION))
    """Whether it is an event or a background condition (see :class:`~conflictkit.EventRole`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        sources, targets, contexts = self.sources, self.targets, self.contexts
        if not sources or (self.mode is not None and self.mode not in MODES_BY_KIND[self.kind]):
            return False
        if len(set(sources)) != len(sources) or len(set(targets)) != len(targets):
            return False
        if contexts and len(set(contexts)) != len(contexts):
            return False
        return not targets or set(targets).isdisjoint(sources)

    def consistency_problems(self) -> Iterator[Problem]:
        """There is a source; the mode fits the kind; no actor or context is listed twice."""
        yield from super().consistency_problems()
        if not self.sources:
            yield Problem(path=("sources",), message="at least one source actor is needed")
        allowed = MODES_BY_KIND[self.kind]
        if self.mode is not None and self.mode not in allowed:
            fits = ", ".join(sorted(repr(mode.value) for mode in allowed))
            takes = f"which allows {fits}" if fits else "which takes no mode"
            yield Problem(
                path=("mode",), message=f"{self.mode.value!r} does not fit kind {self.kind.value!r}, {takes}"
            )
        for name in ("sources", "targets", "contexts"):
            yield from duplicate_problems(getattr(self, name), name)
        for index, actor in enumerate(self.targets):
            if actor in self.sources:
                yield Problem(path=("targets", index), message=f"{actor!r} is also a source")
