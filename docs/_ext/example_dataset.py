"""A small example dataset for the docs build, used only where ``conflictkit.load_seed`` is missing.

It models a few facts from an excerpt of the seed report (July 2021: Afghan forces flee a Taliban
offensive into Tajikistan), enough for the generated timeline and table to show every kind of
dated record: statements, movements (one planned over a span of dates) and a change of control.
Once the package ships ``load_seed``, :func:`docs_dataset.load_docs_dataset` uses the seed instead
and this module can be deleted.
"""

from __future__ import annotations

from datetime import date

from conflictkit import (
    Actor,
    ActorKind,
    ControlChange,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Evidence,
    Inference,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    Statement,
    StatementChannel,
    TerritorialControl,
)

EXCERPT = (
    "Tajikistan’s President Rahmon on Monday (July 5) ordered the mobilization of 20,000 reservists "
    "to strengthen the defense of the border with Afghanistan, Reuters reported from Dushanbe. This "
    "comes after more than a thousand members of Afghan security forces fled across the border into "
    "Tajikistan amid an offensive by Taliban militants.\n\n"
    "Two days ago, the U.S. officially withdrew from Bagram Airfield, its main base in Afghanistan, as "
    "part of a plan to get all foreign troops out of the country by Sept. 11.\n\n"
    "The Taliban seized six key districts in the northern Afghan province of Badakhshan, which borders "
    "Tajikistan and China, after 1,037 Afghan troops escaped across the border line with Tajikistan’s "
    "permission, the Tajikistan Border Service said.\n\n"
    "On Sunday, Afghan President Ghani spoke with Rahmon by phone to discuss the developments.\n\n"
    "Zabihullah Atik, a lawmaker from Badakhshan province, told Reuters that the Taliban had captured "
    "26 of the province’s 28 districts, three of which government forces had ceded to the insurgents "
    "without a fight."
)
"""An excerpt of the seed report, the one document the example quotes."""

DOC = "doc:example-excerpt"
YEAR = Inference(field="date", reason="year from the report's publication date (2021-07-05)")
MONDAY = date(2021, 7, 5)
SUNDAY = date(2021, 7, 4)


def _quote(text: str, **attribution: str) -> tuple[Evidence, ...]:
    return (Evidence.locate(EXCERPT, text, document=DOC, reported_by="actor:reuters", **attribution),)


def _actors() -> list[Actor]:
    def actor(key: str, name: str, kind: ActorKind, **more: str) -> Actor:
        return Actor(id=f"actor:{key}", name=name, kind=kind, **more)

    return [
        actor("reuters", "Reuters", ActorKind.MEDIA),
        actor("rahmon", "Emomali Rahmon", ActorKind.PERSON, country="TJ", title="President of Tajikistan"),
        actor("ghani", "Ashraf Ghani", ActorKind.PERSON, country="AF", title="President of Afghanistan"),
        actor("atik", "Zabihullah Atik", ActorKind.PERSON, country="AF", title="lawmaker from Badakhshan"),
        actor("tj-reservists", "Tajik reservists", ActorKind.ARMED_FORCE, country="TJ"),
        actor("tj-border-service", "Tajikistan Border Service", ActorKind.ARMED_FORCE, country="TJ"),
        actor("tajikistan", "Tajikistan", ActorKind.STATE, country="TJ"),
        actor("afghan-forces", "Afghan security forces", ActorKind.ARMED_FORCE, country="AF"),
        actor("taliban", "Taliban", ActorKind.ARMED_GROUP),
        actor("us-forces", "U.S. forces", ActorKind.ARMED_FORCE, country="US"),
        actor("foreign-troops", "Foreign troops", ActorKind.ARMED_FORCE),
    ]


def _locations() -> list[Location]:
    return [
        Location(id="loc:afghanistan", name="Afghanistan", kind=LocationKind.COUNTRY, country="AF"),
        Location(id="loc:tajikistan", name="Tajikistan", kind=LocationKind.COUNTRY, country="TJ"),
        Location(
            id="loc:badakhshan",
            name="Badakhshan",
            kind=LocationKind.PROVINCE,
            country="AF",
            subdivision="AF-BDS",
            parent="loc:afghanistan",
        ),
        Location(
            id="loc:bagram",
            name="Bagram Airfield",
            kind=LocationKind.MILITARY_BASE,
            country="AF",
            parent="loc:afghanistan",
        ),
    ]


def _movements() -> list[MilitaryMovement]:
    crossing = {
        "actor": "actor:afghan-forces",
        "kind": MovementKind.BORDER_CROSSING,
        "status": MovementStatus.COMPLETED,
        "origin": "loc:afghanistan",
        "destination": "loc:tajikistan",
    }
    return [
        MilitaryMovement(
            id="move:mobilization",
            actor="actor:tj-reservists",
            kind=MovementKind.MOBILIZATION,
            status=MovementStatus.ORDERED,
            ordered_by="actor:rahmon",
            size=Quantity(best=20_000, unit="reservists", text="20,000"),
            date=DateSpan.on(MONDAY, text="Monday (July 5)"),
            evidence=_quote("ordered the mobilization of 20,000 reservists"),
            inferred=(YEAR,),
        ),
        # The same crossing, reported twice with different figures: two records, never merged.
        MilitaryMovement(
            id="move:crossing-reuters",
            **crossing,
            size=Quantity(
                low=1000, qualifier=Qualifier.MORE_THAN, unit="members", text="more than a thousand"
            ),
            date=DateSpan.on(SUNDAY, text="Sunday"),
            evidence=_quote("more than a thousand members of Afghan security forces fled across the border"),
            inferred=(Inference(field="date", reason="'Sunday’s border crossing' before Monday, July 5"),),
        ),
        MilitaryMovement(
            id="move:crossing-border-service",
            **crossing,
            permitted_by="actor:tajikistan",
            size=Quantity(best=1037, unit="troops", text="1,037"),
            evidence=_quote(
                "1,037 Afghan troops escaped across the border line with Tajikistan’s permission",
                attributed_to="actor:tj-border-service",
            ),
        ),
        MilitaryMovement(
            id="move:bagram-withdrawal",
            actor="actor:us-forces",
            kind=MovementKind.WITHDRAWAL,
            status=MovementStatus.COMPLETED,
            origin="loc:bagram",
            date=DateSpan.on(date(2021, 7, 3), text="Two days ago"),
            evidence=_quote("the U.S. officially withdrew from Bagram Airfield"),
            inferred=(Inference(field="date", reason="two days before the publication date"),),
        ),
        MilitaryMovement(
            id="move:foreign-withdrawal",
            actor="actor:foreign-troops",
            kind=MovementKind.WITHDRAWAL,
            status=MovementStatus.PLANNED,
            origin="loc:afghanistan",
            date=DateSpan(
                earliest=MONDAY, latest=date(2021, 9, 11), precision=DatePrecision.DAY, text="by Sept. 11"
            ),
            evidence=_quote("a plan to get all foreign troops out of the country by Sept. 11"),
            inferred=(YEAR,),
        ),
    ]


def _statements() -> list[Statement]:
    return [
        Statement(
            id="stmt:ghani-call",
            speaker="actor:ghani",
            addressee="actor:rahmon",
            channel=StatementChannel.PHONE_CALL,
            reported_by="actor:reuters",
            date=DateSpan.on(SUNDAY, text="On Sunday"),
            paraphrase="Ghani and Rahmon discussed the developments by phone.",
            about=("move:crossing-reuters",),
            evidence=_quote("Afghan President Ghani spoke with Rahmon by phone"),
            inferred=(YEAR,),
        ),
        Statement(
            id="stmt:atik-districts",
            speaker="actor:atik",
            channel=StatementChannel.TOLD_REPORTER,
            reported_by="actor:reuters",
            paraphrase="The Taliban had captured 26 of Badakhshan's 28 districts.",
            about=("ctrl:badakhshan-26-of-28",),
            evidence=_quote("told Reuters that the Taliban had captured 26 of the province’s 28 districts"),
        ),
    ]


def _control() -> list[TerritorialControl]:
    return [
        TerritorialControl(
            id="ctrl:badakhshan-26-of-28",
            territory="loc:badakhshan",
            change=ControlChange.CAPTURED,
            controller="actor:taliban",
            date=DateSpan(
                earliest=date(2021, 6, 28), latest=MONDAY, precision=DatePrecision.WEEK, text="had captured"
            ),
            count=Quantity(best=26, unit="districts", text="26"),
            total=Quantity(best=28, unit="districts", text="28"),
            evidence=_quote(
                "the Taliban had captured 26 of the province’s 28 districts", attributed_to="actor:atik"
            ),
            inferred=(Inference(field="date", reason="some time in the week before the report"),),
        ),
    ]


def example_dataset() -> Dataset:
    """The example dataset, checked for integrity."""
    document = Document(
        id=DOC,
        title=(
            "A government forces flee from Taliban offensive across the border "
            "Tajikistan strengthens border security"
        ),
        publisher="Reuters",
        published=DateSpan.on(MONDAY),
        language="en",
        text=EXCERPT,
    )
    records = [document, *_actors(), *_locations(), *_movements(), *_statements(), *_control()]
    return Dataset(records=records, title="Example: an excerpt of the seed report").validate()
