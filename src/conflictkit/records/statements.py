"""Statements: who said what, to whom, how, when, and which records it supports."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import ClassVar

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import duplicate_problems, non_empty, rules
from conflictkit.records.record import Record
from conflictkit.records.relations import EventLike, EventRole
from conflictkit.values.contexts import EventContext
from conflictkit.values.dates import DateSpan
from conflictkit.values.references import reference
from conflictkit.values.sequences import context_list, string_list
from conflictkit.values.speech_acts import SpeechAct

__all__ = ["Statement", "StatementChannel"]


class StatementChannel(enum.Enum):
    """How a statement was made or reached the report."""

    OFFICIAL_STATEMENT = "official_statement"
    """A written or published statement of an office or organisation."""
    PHONE_CALL = "phone_call"
    """Said in a phone call between the speaker and the addressee."""
    MEETING = "meeting"
    """Said in a meeting or talks."""
    TOLD_REPORTER = "told_reporter"
    """Said to a journalist ("told Reuters")."""
    MEDIA_REPORT = "media_report"
    """Known only through another outlet's report ("TASS reported")."""
    PRESS_CONFERENCE = "press_conference"
    """Said at a press conference or briefing."""
    SOCIAL_MEDIA = "social_media"
    """Posted on social media."""
    UNSPECIFIED = "unspecified"
    """The report does not say how ("said")."""


@attrs.frozen(kw_only=True)
class Statement(EventLike, Record, type_tag="statement"):
    """Something an actor said, with the quote or a paraphrase and the records it supports."""

    event_family: ClassVar[str] = "statement"
    """Claims of the same event family can be the same event (see :class:`~conflictkit.EventLike`)."""

    speaker: str = attrs.field(metadata=reference("actor"))
    """Id of the actor who said it."""

    channel: StatementChannel = StatementChannel.UNSPECIFIED
    """How it was said or reached the report."""

    addressee: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the actor it was said to (the other party of a phone call), if any."""

    reported_by: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the outlet through which it is known, e.g. Reuters or TASS."""

    date: DateSpan | None = None
    """When it was said."""

    location: str | None = attrs.field(default=None, metadata=reference("location"))
    """Id of the place where it was said."""

    quote: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """The speaker's words verbatim, where the report quotes them."""

    paraphrase: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """What was said, in the report's or the dataset's words, where there is no quote."""

    about: tuple[str, ...] = attrs.field(
        default=(), converter=string_list, metadata=reference(Record, many=True)
    )
    """Ids of the records this statement supports or is about."""

    act: SpeechAct | None = None
    """What the statement does (agrees, consults, threatens, ...), where the report makes it plain."""

    contexts: tuple[EventContext, ...] = attrs.field(default=(), converter=context_list)
    """The domains it belongs to (PLOVER contexts), e.g. diplomatic."""

    role: EventRole = EventRole.EVENT
    """Whether saying it is an event (a call, a threat, an announcement), a background condition,
    or only the attribution of the claims in ``about`` to the speaker (see
    :class:`~conflictkit.EventRole`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        if (self.quote is None and self.paraphrase is None) or self.id in self.about:
            return False
        act = self.act
        if act is SpeechAct.CONSULT and self.channel not in _CONSULTING_CHANNELS:
            return False
        if act is SpeechAct.ASSURE and self.addressee is None:
            return False
        if self.contexts and len(set(self.contexts)) != len(self.contexts):
            return False
        return self.role is not EventRole.ATTRIBUTION or (bool(self.about) and act is None)

    def consistency_problems(self) -> Iterator[Problem]:
        """A quote or paraphrase; not about itself; its act fits; an attribution attributes."""
        yield from super().consistency_problems()
        if self.quote is None and self.paraphrase is None:
            yield Problem(path=("quote",), message="a quote or a paraphrase is needed")
        if self.id in self.about:
            yield Problem(path=("about",), message="a statement cannot be about itself")
        yield from _act_problems(self)
        yield from duplicate_problems(self.contexts, "contexts")
        if self.role is EventRole.ATTRIBUTION:
            if not self.about:
                yield Problem(
                    path=("about",), message="an attribution needs the ids of the claims it attributes"
                )
            if self.act is not None:
                yield Problem(
                    path=("role",),
                    message=f"a statement that is an act ({self.act.value!r}) is an event, "
                    "not an attribution",
                )


# A consultation is an exchange between parties: said in a call or a meeting, or the report does
# not say how; a published statement or a remark to a journalist is not one.
_CONSULTING_CHANNELS = frozenset(
    {StatementChannel.PHONE_CALL, StatementChannel.MEETING, StatementChannel.UNSPECIFIED}
)


def _act_problems(statement: Statement) -> Iterator[Problem]:
    act = statement.act
    if act is SpeechAct.CONSULT and statement.channel not in _CONSULTING_CHANNELS:
        yield Problem(
            path=("act",),
            message=f"'consult' needs a phone call or meeting, not channel {statement.channel.value!r}",
        )
    if act is SpeechAct.ASSURE and statement.addressee is None:
        yield Problem(path=("addressee",), message="is needed for 'assure': one assures someone")
