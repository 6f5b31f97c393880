"""Speech acts: what a statement does (agrees, consults, threatens, ...), in PLOVER's verbal terms."""

from __future__ import annotations

import enum

__all__ = ["SpeechAct"]


class SpeechAct(enum.Enum):
    """What a :class:`~conflictkit.Statement` does, one-to-one with PLOVER's verbal event types.

    PLOVER's 2021 manual has AGREE, CONSULT, SUPPORT, CONCEDE, REQUEST, ACCUSE, REJECT and
    THREATEN; older PLOVER data uses DEMAND and DISAPPROVE, kept as members of their own so that
    such data passes through unchanged. Three acts PLOVER does not code (it drops comments) are
    added because reports are full of them: an assurance, an expression of concern, and a claim of
    responsibility. PLOVER has no event type for the last two: a PLOVER export reports each such
    statement as a loss, and the event it is about (an attack) is exported on its own.
    """

    AGREE = "agree"
    """Agree to, offer or promise cooperation, or sign an agreement (PLOVER AGREE; ACLED Agreement)."""
    CONSULT = "consult"
    """Consult, meet, talk or negotiate, in person or by phone (PLOVER CONSULT)."""
    SUPPORT = "support"
    """Express diplomatic, non-material support: praise, endorse, recognise (PLOVER SUPPORT)."""
    CONCEDE = "concede"
    """Promise or announce a concession without carrying it out yet (PLOVER CONCEDE)."""
    REQUEST = "request"
    """Ask for or demand something of the addressee (PLOVER REQUEST)."""
    DEMAND = "demand"
    """Demand or order something, more forcefully than a request (older PLOVER DEMAND)."""
    ACCUSE = "accuse"
    """Accuse, allege, blame, sue or condemn (PLOVER ACCUSE)."""
    DISAPPROVE = "disapprove"
    """Criticise, object or complain (older PLOVER DISAPPROVE)."""
    REJECT = "reject"
    """Reject, refuse or decline (PLOVER REJECT)."""
    THREATEN = "threaten"
    """Threaten or warn of an action, e.g. announce a counter-offensive (PLOVER THREATEN)."""
    ASSURE = "assure"
    """Assure the addressee of help or a course of action; it needs an addressee (PLOVER codes it AGREE)."""
    EXPRESS_CONCERN = "express_concern"
    """Express concern or alarm about a situation (a comment PLOVER does not code)."""
    CLAIM_RESPONSIBILITY = "claim_responsibility"
    """Claim to have carried out an event, e.g. a group claiming a bombing; ``about`` names the
    incident. It says who claims it, not who did it: the incident's ``perpetrators`` say that, with
    an ``inferred`` note when the claim is the only source. PLOVER has no event type for it."""
