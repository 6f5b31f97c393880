"""What a user writes, checked by ``mypy --strict`` in the typecheck session (and run as a test).

Each line here is one a new user's mypy complained about: lists for tuple fields, a typed lookup
by id, and a list's ``append`` as a crosswalk's loss handler.
"""

from __future__ import annotations

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    Dataset,
    EventContext,
    Evidence,
    Incident,
    IncidentKind,
    Inference,
    Interaction,
    InteractionKind,
    Location,
    LocationKind,
    Quantity,
    Statement,
    StatementChannel,
    load_seed,
)
from conflictkit.crosswalk import acled
from conflictkit.crosswalk.losses import Loss


def lists_for_tuples() -> Dataset:
    """Lists type-check wherever a record takes a tuple."""
    taliban = Actor(
        id="actor:taliban", name="Taliban", kind=ActorKind.ARMED_GROUP, aliases=["Islamic Emirate"]
    )
    kabul = Location(id="loc:kabul", name="Kabul", kind=LocationKind.CITY, aliases=["Kabol"])
    bombing = Incident(
        id="inc:car-bomb",
        kind=IncidentKind.REMOTE_EXPLOSIVE,
        perpetrators=["actor:taliban"],
        targets=[],
        location="loc:kabul",
        casualties=[Casualties(killed=Quantity(best=8, unit="people"))],
        weapons=["car bomb"],
        contexts=[EventContext.MILITARY],
        evidence=[],
        inferred=[Inference(field="perpetrators", reason="the Taliban claimed it")],
    )
    claim = Statement(
        id="stmt:claim",
        speaker="actor:taliban",
        channel=StatementChannel.OFFICIAL_STATEMENT,
        paraphrase="The Taliban claimed the bombing.",
        about=["inc:car-bomb"],
        contexts=[EventContext.MILITARY],
    )
    return Dataset(records=[taliban, kabul, bombing, claim])


def typed_lookup(dataset: Dataset) -> str | None:
    """``get(id, cls)`` is typed: no cast, no isinstance, before reading an Incident's fields."""
    bombing: Incident | None = dataset.get("inc:car-bomb", Incident)
    return None if bombing is None else bombing.kind.value


def losses_into_a_list() -> list[Loss]:
    """A list's ``append`` is a loss handler."""
    losses: list[Loss] = []
    acled.export_records(load_seed(), on_loss=losses.append)
    return losses


def unused(_: Evidence, __: Interaction, ___: InteractionKind) -> None:
    """The names above are importable and typed; nothing to run."""


def test_the_typed_examples_run() -> None:
    dataset = lists_for_tuples()
    assert dataset.problems() == ()
    taliban = dataset.get("actor:taliban", Actor)
    assert taliban is not None
    assert taliban.aliases == ("Islamic Emirate",)
    assert typed_lookup(dataset) == "remote_explosive"
    assert losses_into_a_list()
