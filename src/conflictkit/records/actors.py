"""Actors: the people, states, bodies, forces, groups, outlets and sources in a report."""

from __future__ import annotations

import enum

import attrs

from conflictkit.core.validation import each, matches, non_empty, rules
from conflictkit.records.record import Record
from conflictkit.values.countries import country_rule
from conflictkit.values.references import reference
from conflictkit.values.sequences import string_list

__all__ = ["WIKIDATA_RULE", "Actor", "ActorKind"]

WIKIDATA_RULE = matches(r"Q[1-9][0-9]*", "a Wikidata item id such as 'Q1063'")
"""The rule a Wikidata item id (QID) obeys."""


class ActorKind(enum.Enum):
    """What kind of actor a record describes."""

    PERSON = "person"
    """A named individual: a president, a lawmaker, an adviser."""
    STATE = "state"
    """A state acting as a whole ("Russia", "Tajikistan")."""
    GOVERNMENT = "government"
    """A government, seen as the executive of a state ("Moscow" speaking for Russia)."""
    OFFICE = "office"
    """A government body or office: the Kremlin, a president's office, a security council."""
    ARMED_FORCE = "armed_force"
    """A state's armed or security force, or a unit of it: an army, border guards, reservists."""
    ARMED_GROUP = "armed_group"
    """A non-state armed group or insurgency, e.g. the Taliban."""
    MEDIA = "media"
    """A news outlet or agency: Reuters, TASS."""
    INTERNATIONAL_ORGANIZATION = "international_organization"
    """An organisation of states: the UN, the CSTO."""
    ANONYMOUS_SOURCE = "anonymous_source"
    """An unnamed source: "an Afghan official", "government sources"."""
    POPULATION = "population"
    """A group of people who are not an organisation: refugees, displaced civilians."""
    UNIDENTIFIED = "unidentified"
    """People the report does not identify further: "people" who fled may be soldiers, civilians
    or both."""


@attrs.frozen(kw_only=True)
class Actor(Record, type_tag="actor"):
    """Someone who acts, speaks or is acted upon.

    >>> rahmon = Actor(id="actor:rahmon", name="Emomali Rahmon", kind=ActorKind.PERSON,
    ...                country="TJ", title="President of Tajikistan")
    >>> rahmon.title
    'President of Tajikistan'
    """

    name: str = attrs.field(metadata=rules(non_empty))
    """The name as the dataset refers to it, e.g. ``"Emomali Rahmon"``, ``"Taliban"``."""

    kind: ActorKind
    """What kind of actor this is."""

    aliases: tuple[str, ...] = attrs.field(default=(), converter=string_list, metadata=rules(each(non_empty)))
    """Other names used for it, including the forms the report uses ("Rahmon")."""

    country: str | None = attrs.field(default=None, metadata=rules(country_rule))
    """ISO 3166-1 alpha-2 code of the country it belongs to or represents."""

    title: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """Title or role as the report gives it: ``"President of Tajikistan"``."""

    affiliation: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor it belongs to: a force's state, a person's government, an office's head."""

    wikidata: str | None = attrs.field(default=None, metadata=rules(WIKIDATA_RULE))
    """Wikidata item id (QID), where one identifies the actor."""
