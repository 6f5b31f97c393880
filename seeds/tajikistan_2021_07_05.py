"""The source of the seed dataset: what the report of Monday, July 5, 2021 says.

The report: Afghan forces flee a Taliban offensive into Tajikistan; Tajikistan mobilises 20,000
reservists.

This module is the reviewable source of the dataset packaged with conflictkit. Records name their
evidence by the quoted text (and, where a passage occurs more than once, by its occurrence);
:meth:`conflictkit.Evidence.locate` computes the offsets. ``python seeds/build.py`` writes the
packaged JSON from it, and a test checks that the two never drift apart.

Conventions:

- The report relays Reuters' reporting ("Reuters reported from Dushanbe"; its sources "told
  Reuters"), so Reuters is the ``reported_by`` outlet of every quote except the closing paragraph,
  which the report takes from TASS. ``attributed_to`` names the party the report credits.
- Nothing is added that the report does not say or clearly imply; every implied value (the year,
  ISO codes, a district's province) is listed in the record's ``inferred``. Vague figures
  ("hundreds", "dozens") stay unnumbered: ``Quantity.conservative_estimate`` derives the number
  ACLED would code, and nothing stores it as if the report had given it.
- Only what happened is an event (see ``EventRole``): a statement whose one role is to say who
  reported a claim is an ``attribution`` (the claim's evidence names the party in
  ``attributed_to``); a standing state the report gives as background (Russia's force in
  Tajikistan, talks that stall, attacks that continue) is a ``condition``; what is only announced
  or planned (a counter-offensive, the 11 September deadline, refugee camps being explored) is
  ``planned``; a subset of another claim (three of the 26 districts) is ``part_of`` it.
- Quantities keep the report's wording: ``text`` is the number as written, ``unit`` what it counts.
  Conflicting figures ("more than a thousand", "1,037", "hundreds") are separate records.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictkit import (
    Actor,
    ActorKind,
    Casualties,
    ControlChange,
    ControlMethod,
    Coordinates,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    EventContext,
    EventRole,
    Evidence,
    GeoPrecision,
    Incident,
    IncidentKind,
    Inference,
    Interaction,
    InteractionKind,
    InteractionMode,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    Record,
    Relation,
    RelationKind,
    SpeechAct,
    Statement,
    StatementChannel,
    TerritorialControl,
    sha256_of,
)
from conflictkit.values.relative_dates import candidate_years, resolve_date_phrase

REPORT_NAME = "2021-07-05-reuters-tajikistan-mobilises-reservists"
"""The file name (without extension) of the report, here and in the package's data."""

REPORT_PATH = Path(__file__).with_name(f"{REPORT_NAME}.txt")
"""The report, byte for byte as received."""

DOCUMENT_ID = "doc:2021-07-05-tajikistan-border"
"""The id of the report's :class:`~conflictkit.Document` record."""

TITLE = "Afghan forces flee a Taliban offensive into Tajikistan; Tajikistan mobilises 20,000 reservists"
"""The dataset's title."""

ANCHOR = date(2021, 7, 5)
"""The report's own explicit date, "Monday (July 5)", its year inferred (see :func:`anchor_inference`).

Relative dates ("Sunday", "earlier on Monday") resolve against it, not against a publication date:
when this text was written or published is not known (see :func:`publication_inference`).
"""

PUBLISHED = ANCHOR
"""The former name of :data:`ANCHOR`, which is not the text's publication date."""

DATE_PHRASE = "Monday (July 5)"
"""The phrase that dates the report's news."""

YEARS_CONSIDERED = range(2001, 2031)
"""The years searched for a Monday, July 5: from the start of the war the report dates to 2030."""

REUTERS = "actor:reuters"
TASS = "actor:tass"


def report_text() -> str:
    """The report's text, decoded from its exact bytes (no newline translation)."""
    return REPORT_PATH.read_bytes().decode("utf-8")


class Quoter:
    """Makes :class:`~conflictkit.Evidence` for quotes of one document, reported by one outlet."""

    def __init__(self, text: str, *, document: str = DOCUMENT_ID, outlet: str = REUTERS) -> None:
        self.text = text
        self.document = document
        self.outlet = outlet

    def __call__(
        self, quote: str, *, source: str | None = None, occurrence: int = 1, outlet: str | None = None
    ) -> Evidence:
        """Evidence for the ``occurrence``-th appearance of ``quote``, attributed to ``source``."""
        return Evidence.locate(
            self.text,
            quote,
            document=self.document,
            occurrence=occurrence,
            reported_by=outlet or self.outlet,
            attributed_to=source,
        )


# --- inferences ------------------------------------------------------------------------------------


def iso_code(field: str, named: str) -> Inference:
    """The report names a country or province in words; the dataset adds its ISO 3166 code."""
    return Inference(field=field, reason=f"ISO 3166 code for {named!r}, as the report names it")


def resolved(phrase: str, field: str = "date", *, note: str = "") -> tuple[DateSpan, Inference]:
    """Resolve a date phrase against the report's own "Monday (July 5)", and say so."""
    reason = (
        f"the report says {phrase!r}; resolved against the report's own date 'Monday (July 5)', "
        f"{ANCHOR}, whose year is inferred (see {DOCUMENT_ID}){note}"
    )
    return resolve_date_phrase(phrase, ANCHOR), Inference(field=field, reason=reason)


def anchor_year_reason() -> str:
    """Why the report's "Monday (July 5)" is July 5, 2021."""
    years = candidate_years(DATE_PHRASE, YEARS_CONSIDERED)
    listed = ", ".join(map(str, years))
    return (
        f"from {YEARS_CONSIDERED.start} to {YEARS_CONSIDERED.stop - 1}, July 5 fell on a Monday in "
        f"{listed}; only 2021 fits the events the report gives: the U.S. withdrawal from Bagram Airfield "
        "and the plan to get all foreign troops out of Afghanistan by Sept. 11 after 20 years of war"
    )


def publication_inference() -> Inference:
    """What is and is not known of when the text was written: why ``published`` is left empty."""
    return Inference(
        field="published",
        reason=(
            "not known, so left empty. The text prints no date and no byline: it relays Reuters' "
            "reporting ('Reuters reported from Dushanbe', sources 'told Reuters') and TASS's. Its news "
            "is Rahmon's order 'on Monday (July 5)' (" + anchor_year_reason() + "); it calls the "
            "crossing 'Sunday's' and cites sources who spoke 'earlier on Monday', so the reporting it "
            "relays was written on Monday, July 5, 2021, and this text no earlier. How much later it "
            "was written or published is not known. Relative dates are anchored on the report's own "
            "'Monday (July 5)', not on a publication date"
        ),
    )


# --- the document ----------------------------------------------------------------------------------


def document(text: str, quote: Quoter) -> Document:
    """The report itself."""
    headline = text.split("\n", 1)[0]
    return Document(
        id=DOCUMENT_ID,
        title=headline,
        language="en",
        text=text,
        sha256=sha256_of(text),
        evidence=(
            Evidence.locate(text, headline, document=DOCUMENT_ID),
            Evidence.locate(text, "on Monday (July 5)", document=DOCUMENT_ID),
        ),
        inferred=(
            publication_inference(),
            Inference(field="language", reason="the text is written in English"),
        ),
    )


# --- actors ----------------------------------------------------------------------------------------


def head_of_state(named: str) -> Inference:
    """The affiliation rule: a head of state belongs to the state; other officials to its government."""
    return Inference(
        field="affiliation",
        reason=f"{named!r} is a head of state, affiliated with the state (a minister or adviser is "
        "affiliated with the government)",
    )


def people(quote: Quoter) -> list[Actor]:
    """The named people, with their titles as the report gives them."""
    return [
        Actor(
            id="actor:rahmon",
            name="Rahmon",
            kind=ActorKind.PERSON,
            country="TJ",
            title="President of Tajikistan",
            affiliation="actor:tajikistan",
            evidence=(quote("Tajikistan’s President Rahmon"),),
            inferred=(
                iso_code("country", "Tajikistan’s President"),
                head_of_state("Tajikistan’s President Rahmon"),
            ),
        ),
        Actor(
            id="actor:putin",
            name="Vladimir Putin",
            aliases=("Putin",),
            kind=ActorKind.PERSON,
            country="RU",
            title="President of Russia",
            affiliation="actor:russia",
            evidence=(quote("Russian President Vladimir Putin"),),
            inferred=(
                iso_code("country", "Russian President"),
                head_of_state("Russian President Vladimir Putin"),
            ),
        ),
        Actor(
            id="actor:ghani",
            name="Ghani",
            kind=ActorKind.PERSON,
            country="AF",
            title="President of Afghanistan",
            affiliation="actor:afghanistan",
            evidence=(quote("Afghan President Ghani"),),
            inferred=(iso_code("country", "Afghan President"), head_of_state("Afghan President Ghani")),
        ),
        Actor(
            id="actor:mirziyoyev",
            name="Mirziyoyev",
            kind=ActorKind.PERSON,
            country="UZ",
            title="President of Uzbekistan",
            affiliation="actor:uzbekistan",
            evidence=(quote("Uzbek President Mirziyoyev"),),
            inferred=(iso_code("country", "Uzbek President"), head_of_state("Uzbek President Mirziyoyev")),
        ),
        Actor(
            id="actor:tokaev",
            name="Tokaev",
            kind=ActorKind.PERSON,
            country="KZ",
            title="President of Kazakhstan",
            affiliation="actor:kazakhstan",
            evidence=(quote("Kazakh President Tokaev"),),
            inferred=(iso_code("country", "Kazakh President"), head_of_state("Kazakh President Tokaev")),
        ),
        Actor(
            id="actor:mohib",
            name="Mohib",
            kind=ActorKind.PERSON,
            country="AF",
            title="National Security Adviser of Afghanistan",
            affiliation="actor:afghan-government",
            evidence=(quote("Afghan National Security Adviser Mohib"),),
            inferred=(iso_code("country", "Afghan National Security Adviser"),),
        ),
        Actor(
            id="actor:atik",
            name="Zabihullah Atik",
            kind=ActorKind.PERSON,
            country="AF",
            title="Lawmaker from Badakhshan province",
            evidence=(quote("Zabihullah Atik, a lawmaker from Badakhshan province"),),
            inferred=(
                Inference(
                    field="country",
                    reason="a lawmaker from Badakhshan, which the report calls 'the northern Afghan "
                    "province of Badakhshan'",
                ),
            ),
        ),
    ]


def states_and_bodies(quote: Quoter) -> list[Actor]:
    """States, governments and offices."""
    return [
        Actor(
            id="actor:tajikistan",
            name="Tajikistan",
            kind=ActorKind.STATE,
            country="TJ",
            evidence=(quote("with Tajikistan’s permission"),),
            inferred=(iso_code("country", "Tajikistan"),),
        ),
        Actor(
            id="actor:afghanistan",
            name="Afghanistan",
            kind=ActorKind.STATE,
            country="AF",
            evidence=(quote("Afghan President Ghani"),),
            inferred=(iso_code("country", "Afghan"),),
        ),
        Actor(
            id="actor:uzbekistan",
            name="Uzbekistan",
            kind=ActorKind.STATE,
            country="UZ",
            evidence=(quote("Uzbek President Mirziyoyev"),),
            inferred=(iso_code("country", "Uzbek"),),
        ),
        Actor(
            id="actor:kazakhstan",
            name="Kazakhstan",
            kind=ActorKind.STATE,
            country="KZ",
            evidence=(quote("Kazakh President Tokaev"),),
            inferred=(iso_code("country", "Kazakh"),),
        ),
        Actor(
            id="actor:afghan-government",
            name="Afghan government",
            kind=ActorKind.GOVERNMENT,
            country="AF",
            evidence=(quote("continue to target Afghan government and security facilities"),),
            inferred=(iso_code("country", "Afghan"),),
        ),
        Actor(
            id="actor:russia",
            name="Russia",
            kind=ActorKind.STATE,
            country="RU",
            evidence=(quote("Russia has a strong force deployed in Tajikistan"),),
            inferred=(iso_code("country", "Russia"),),
        ),
        Actor(
            id="actor:russian-government",
            name="Russian government",
            aliases=("Moscow",),
            kind=ActorKind.GOVERNMENT,
            country="RU",
            evidence=(quote("Moscow would support"), quote("Moscow said", outlet=TASS)),
            inferred=(
                Inference(field="country", reason="'Moscow', speaking for Russia, is Russia's government"),
            ),
        ),
        Actor(
            id="actor:united-states",
            name="United States",
            aliases=("U.S.",),
            kind=ActorKind.STATE,
            country="US",
            evidence=(quote("the U.S. officially withdrew"),),
            inferred=(iso_code("country", "the U.S."),),
        ),
        Actor(
            id="actor:kremlin",
            name="Kremlin",
            kind=ActorKind.OFFICE,
            country="RU",
            affiliation="actor:putin",
            evidence=(quote("A Kremlin statement said Putin assured Rahmon"),),
            inferred=(
                Inference(field="country", reason="the office of the Russian President, Putin"),
                Inference(field="affiliation", reason="the Kremlin is the office of the Russian President"),
            ),
        ),
        Actor(
            id="actor:tajik-presidents-office",
            name="Office of the President of Tajikistan",
            aliases=("Tajik president’s office", "the president’s office"),
            kind=ActorKind.OFFICE,
            country="TJ",
            affiliation="actor:rahmon",
            evidence=(quote("a statement issued by the Tajik president’s office"),),
            inferred=(iso_code("country", "Tajik"),),
        ),
        Actor(
            id="actor:tajik-security-council",
            name="Security council of Tajikistan",
            aliases=("the security council",),
            kind=ActorKind.OFFICE,
            country="TJ",
            affiliation="actor:tajikistan",
            evidence=(quote("held a meeting of the security council"),),
            inferred=(
                Inference(
                    field="country", reason="the security council whose meeting Tajikistan's president held"
                ),
                Inference(
                    field="affiliation",
                    reason="the security council whose meeting Tajikistan's president held",
                ),
            ),
        ),
    ]


def forces(quote: Quoter) -> list[Actor]:
    """Armed forces and units, and the Taliban."""
    return [
        Actor(
            id="actor:afghan-security-forces",
            name="Afghan security forces",
            aliases=("Afghan troops", "government forces"),
            kind=ActorKind.ARMED_FORCE,
            country="AF",
            affiliation="actor:afghan-government",
            evidence=(quote("members of Afghan security forces"),),
            inferred=(iso_code("country", "Afghan"),),
        ),
        Actor(
            id="actor:tajik-reservists",
            name="Tajik reservists",
            kind=ActorKind.ARMED_FORCE,
            country="TJ",
            affiliation="actor:tajikistan",
            evidence=(quote("ordered the mobilization of 20,000 reservists"),),
            inferred=(
                Inference(field="country", reason="reservists mobilised by Tajikistan's president"),
                Inference(field="affiliation", reason="reservists mobilised by Tajikistan's president"),
            ),
        ),
        Actor(
            id="actor:tajik-border-guards",
            name="Tajik border guards",
            kind=ActorKind.ARMED_FORCE,
            country="TJ",
            affiliation="actor:tajikistan",
            evidence=(quote("Tajik border guards"),),
            inferred=(iso_code("country", "Tajik"),),
        ),
        Actor(
            id="actor:tajikistan-border-service",
            name="Tajikistan Border Service",
            kind=ActorKind.ARMED_FORCE,
            country="TJ",
            affiliation="actor:tajikistan",
            evidence=(quote("the Tajikistan Border Service said"),),
            inferred=(iso_code("country", "Tajikistan"),),
        ),
        Actor(
            id="actor:russian-forces-in-tajikistan",
            name="Russian forces in Tajikistan",
            kind=ActorKind.ARMED_FORCE,
            country="RU",
            affiliation="actor:russia",
            evidence=(quote("Russia has a strong force deployed in Tajikistan"),),
            inferred=(iso_code("country", "Russia"),),
        ),
        Actor(
            id="actor:foreign-troops",
            name="Foreign troops",
            kind=ActorKind.ARMED_FORCE,
            evidence=(quote("Foreign troops are now close to completing their withdrawal from Afghanistan"),),
        ),
        Actor(
            id="actor:us-forces",
            name="U.S. forces",
            kind=ActorKind.ARMED_FORCE,
            country="US",
            affiliation="actor:united-states",
            evidence=(
                quote("the U.S. officially withdrew from Bagram Airfield, its main base in Afghanistan"),
            ),
            inferred=(iso_code("country", "the U.S."),),
        ),
        Actor(
            id="actor:taliban",
            name="Taliban",
            aliases=("Taliban militants", "the insurgents"),
            kind=ActorKind.ARMED_GROUP,
            evidence=(quote("an offensive by Taliban militants"),),
        ),
    ]


def sources(quote: Quoter) -> list[Actor]:
    """Media outlets, anonymous sources, and the people who fled."""
    return [
        Actor(
            id=REUTERS,
            name="Reuters",
            kind=ActorKind.MEDIA,
            evidence=(quote("Reuters reported from Dushanbe"),),
        ),
        Actor(
            id=TASS,
            name="TASS",
            kind=ActorKind.MEDIA,
            evidence=(quote("TASS reported", outlet=TASS),),
        ),
        Actor(
            id="actor:afghan-official",
            name="An Afghan official",
            kind=ActorKind.ANONYMOUS_SOURCE,
            country="AF",
            evidence=(quote("An Afghan official confirmed"),),
            inferred=(iso_code("country", "Afghan"),),
        ),
        Actor(
            id="actor:government-sources",
            name="Government sources",
            kind=ActorKind.ANONYMOUS_SOURCE,
            evidence=(quote("Government sources told Reuters earlier on Monday"),),
        ),
        Actor(
            id="actor:tajik-officials",
            name="Tajik officials",
            kind=ActorKind.ANONYMOUS_SOURCE,
            country="TJ",
            evidence=(quote("Tajik officials said"),),
            inferred=(iso_code("country", "Tajik"),),
        ),
        Actor(
            id="actor:people-fleeing",
            name="People fleeing across the border into Tajikistan",
            aliases=("these people",),
            kind=ActorKind.UNIDENTIFIED,
            evidence=(
                quote("hundreds of people had fled across the border into Tajikistan"),
                quote("Tajik officials said they allowed 152 people to enter from Ishkashim"),
            ),
        ),
    ]


# --- locations -------------------------------------------------------------------------------------
def gazetteer(field: str, entry: str) -> Inference:
    """The report names a place; a gazetteer (GeoNames, Wikidata, Wikipedia) gives its point or id.

    Only entries checked against the gazetteer are used; places no gazetteer entry fits (a region
    the report describes in words, a stretch of border, a base it does not name) have none.
    """
    return Inference(field=field, reason=f"from the gazetteer: {entry}")


def countries_and_regions(quote: Quoter) -> list[Location]:
    """Countries, regions and the province."""
    return [
        Location(
            id="loc:afghanistan",
            name="Afghanistan",
            kind=LocationKind.COUNTRY,
            country="AF",
            coordinates=Coordinates(latitude=33.0, longitude=65.0, precision=GeoPrecision.REGION),
            geonames=1149361,
            wikidata="Q889",
            evidence=(quote("the border with Afghanistan"),),
            inferred=(
                iso_code("country", "Afghanistan"),
                gazetteer(
                    "coordinates",
                    "the point the CIA World Factbook gives for Afghanistan (33 00 N, 65 00 E), "
                    "standing for the whole country",
                ),
                gazetteer("geonames", "GeoNames feature 1149361 is the country Afghanistan"),
                gazetteer("wikidata", "Wikidata item Q889 is the country Afghanistan"),
            ),
        ),
        Location(
            id="loc:tajikistan",
            name="Tajikistan",
            kind=LocationKind.COUNTRY,
            country="TJ",
            coordinates=Coordinates(latitude=39.0, longitude=71.0, precision=GeoPrecision.REGION),
            geonames=1220409,
            wikidata="Q863",
            evidence=(quote("fled across the border into Tajikistan"),),
            inferred=(
                iso_code("country", "Tajikistan"),
                gazetteer(
                    "coordinates",
                    "the point the CIA World Factbook gives for Tajikistan (39 00 N, 71 00 E), "
                    "standing for the whole country",
                ),
                gazetteer("geonames", "GeoNames feature 1220409 is the country Tajikistan"),
                gazetteer("wikidata", "Wikidata item Q863 is the country Tajikistan"),
            ),
        ),
        Location(
            id="loc:russia",
            name="Russia",
            kind=LocationKind.COUNTRY,
            country="RU",
            coordinates=Coordinates(latitude=60.0, longitude=100.0, precision=GeoPrecision.REGION),
            geonames=2017370,
            wikidata="Q159",
            evidence=(quote("Russia has a strong force deployed in Tajikistan"),),
            inferred=(
                iso_code("country", "Russia"),
                gazetteer(
                    "coordinates",
                    "the point the CIA World Factbook gives for Russia (60 00 N, 100 00 E), "
                    "standing for the whole country",
                ),
                gazetteer("geonames", "GeoNames feature 2017370 is the country Russia"),
                gazetteer("wikidata", "Wikidata item Q159 is the country Russia"),
            ),
        ),
        Location(
            id="loc:northern-afghanistan",
            name="Northern Afghanistan",
            aliases=("the northern part of Afghanistan",),
            kind=LocationKind.REGION,
            country="AF",
            parent="loc:afghanistan",
            evidence=(
                quote("a swift offensive in northern Afghanistan"),
                quote("the northern part of Afghanistan bordering Tajikistan"),
            ),
            inferred=(iso_code("country", "Afghanistan"),),
        ),
        Location(
            id="loc:badakhshan",
            name="Badakhshan",
            aliases=("Badakhshan province",),
            kind=LocationKind.PROVINCE,
            country="AF",
            subdivision="AF-BDS",
            parent="loc:northern-afghanistan",
            coordinates=Coordinates(latitude=37.11664, longitude=70.58002, precision=GeoPrecision.REGION),
            wikidata="Q165376",
            evidence=(
                quote("the northern Afghan province of Badakhshan, which borders Tajikistan and China"),
            ),
            inferred=(
                iso_code("country", "Afghan"),
                Inference(
                    field="subdivision",
                    reason="ISO 3166-2 code of Afghanistan's Badakhshan province, which the report calls "
                    "'the northern Afghan province of Badakhshan' (not Tajikistan's Gorno-Badakhshan, TJ-GB)",
                ),
                gazetteer(
                    "coordinates",
                    "the province's capital, Fayzabad (37°07′N 70°35′E in Wikipedia's article on "
                    "Fayzabad, Badakhshan), standing for the whole province; the rounded point "
                    "38°N 71°E of the article on the province lies on the Panj, at its edge",
                ),
                gazetteer("wikidata", "Wikidata item Q165376 is Afghanistan's Badakhshan Province"),
            ),
        ),
        Location(
            id="loc:tajik-afghan-border",
            name="Tajikistan–Afghanistan border",
            aliases=("the border with Afghanistan", "the border line"),
            kind=LocationKind.BORDER,
            evidence=(quote("strengthen the defense of the border with Afghanistan"),),
        ),
    ]


def places(quote: Quoter) -> list[Location]:
    """Districts, cities, bases, facilities and border crossings."""
    return [
        Location(
            id="loc:ishkashim",
            name="Ishkashim",
            aliases=("Ishkashim district",),
            kind=LocationKind.DISTRICT,
            country="AF",
            subdivision="AF-BDS",
            parent="loc:badakhshan",
            coordinates=Coordinates(latitude=36.70639, longitude=71.57306, precision=GeoPrecision.NEAR),
            evidence=(quote("in Ishkashim district"),),
            inferred=(
                Inference(field="subdivision", reason="the district lies in Badakhshan (see parent), AF-BDS"),
                Inference(
                    field="parent",
                    reason="Atik, a lawmaker from Badakhshan, names it while describing the province's "
                    "districts and escape routes",
                ),
                Inference(field="country", reason="a district of Badakhshan province, in Afghanistan"),
                gazetteer(
                    "coordinates",
                    "the point Wikipedia's article on Ishkashim District gives (36°42′23″N 71°34′23″E), "
                    "near the district's capital",
                ),
            ),
        ),
        Location(
            id="loc:ishkashim-border-crossings",
            name="Border crossings in Ishkashim district",
            kind=LocationKind.BORDER_CROSSING,
            parent="loc:ishkashim",
            coordinates=Coordinates(latitude=36.70639, longitude=71.57306, precision=GeoPrecision.REGION),
            evidence=(
                quote("in Ishkashim district, where Tajik border guards blocked all border crossings"),
            ),
            inferred=(
                gazetteer(
                    "coordinates",
                    "the crossings are in Ishkashim district, as the report says; the point is the "
                    "district's (see loc:ishkashim), not the crossings' own",
                ),
            ),
        ),
        Location(
            id="loc:dushanbe",
            name="Dushanbe",
            kind=LocationKind.CITY,
            country="TJ",
            parent="loc:tajikistan",
            coordinates=Coordinates(latitude=38.53575, longitude=68.77905, precision=GeoPrecision.EXACT),
            geonames=1221874,
            wikidata="Q9365",
            evidence=(quote("Reuters reported from Dushanbe"),),
            inferred=(
                Inference(field="country", reason="Dushanbe is the capital of Tajikistan"),
                Inference(field="parent", reason="Dushanbe is the capital of Tajikistan"),
                gazetteer("coordinates", "the point of GeoNames feature 1221874, Dushanbe"),
                gazetteer("geonames", "GeoNames feature 1221874 is Dushanbe, capital of Tajikistan"),
                gazetteer("wikidata", "Wikidata item Q9365 is Dushanbe"),
            ),
        ),
        Location(
            id="loc:moscow",
            name="Moscow",
            kind=LocationKind.CITY,
            country="RU",
            parent="loc:russia",
            coordinates=Coordinates(latitude=55.75222, longitude=37.61556, precision=GeoPrecision.EXACT),
            geonames=524901,
            wikidata="Q649",
            evidence=(quote("Mohib was in Moscow Monday for security talks"),),
            inferred=(
                Inference(field="country", reason="Moscow is the capital of Russia"),
                Inference(field="parent", reason="Moscow is the capital of Russia"),
                gazetteer("coordinates", "the point of GeoNames feature 524901, Moscow"),
                gazetteer("geonames", "GeoNames feature 524901 is Moscow, capital of Russia"),
                gazetteer("wikidata", "Wikidata item Q649 is Moscow"),
            ),
        ),
        Location(
            id="loc:mazar-e-sharif",
            name="Mazar-e-Sharif",
            kind=LocationKind.CITY,
            country="AF",
            parent="loc:northern-afghanistan",
            coordinates=Coordinates(latitude=36.70904, longitude=67.11087, precision=GeoPrecision.EXACT),
            geonames=1133616,
            wikidata="Q130469",
            evidence=(quote("the northern Afghan city of Mazar-e-Sharif", outlet=TASS),),
            inferred=(
                iso_code("country", "Afghan"),
                gazetteer("coordinates", "the point of GeoNames feature 1133616, Mazār-e Sharīf"),
                gazetteer("geonames", "GeoNames feature 1133616 is Mazār-e Sharīf in Balkh province"),
                gazetteer("wikidata", "Wikidata item Q130469 is Mazar-i-Sharif"),
            ),
        ),
        Location(
            id="loc:russian-consulate-mazar-e-sharif",
            name="Russian consulate in Mazar-e-Sharif",
            kind=LocationKind.FACILITY,
            country="AF",
            parent="loc:mazar-e-sharif",
            coordinates=Coordinates(latitude=36.70904, longitude=67.11087, precision=GeoPrecision.NEAR),
            evidence=(
                quote("the Russian consulate in the northern Afghan city of Mazar-e-Sharif", outlet=TASS),
            ),
            inferred=(
                iso_code("country", "Afghan"),
                gazetteer(
                    "coordinates",
                    "the consulate is in Mazar-e-Sharif, as the report says; the point is the city's "
                    "(GeoNames feature 1133616), not the consulate's own",
                ),
            ),
        ),
        Location(
            id="loc:bagram-airfield",
            name="Bagram Airfield",
            kind=LocationKind.MILITARY_BASE,
            country="AF",
            parent="loc:afghanistan",
            coordinates=Coordinates(latitude=34.94611, longitude=69.265, precision=GeoPrecision.EXACT),
            evidence=(quote("Bagram Airfield, its main base in Afghanistan"),),
            inferred=(
                iso_code("country", "Afghanistan"),
                gazetteer(
                    "coordinates",
                    "the point Wikipedia's article on Bagram Airfield gives (34°56′46″N 69°15′54″E)",
                ),
            ),
        ),
        Location(
            id="loc:russian-base-in-tajikistan",
            name="Russia's largest offshore military base",
            kind=LocationKind.MILITARY_BASE,
            country="TJ",
            parent="loc:tajikistan",
            evidence=(
                quote("its largest offshore military base in the impoverished Central Asian republic"),
            ),
            inferred=(
                Inference(
                    field="country",
                    reason="'the impoverished Central Asian republic' is Tajikistan, of which the previous "
                    "paragraph speaks as 'the former Soviet republic'",
                ),
                Inference(field="parent", reason="the base lies in Tajikistan (see country)"),
            ),
        ),
    ]


# --- military movements ----------------------------------------------------------------------------


def two_days_ago_span() -> tuple[DateSpan, Inference]:
    """When "Two days ago" was: counted from the Sunday of the sentence before, or from the Monday."""
    sunday = resolve_date_phrase("Sunday", ANCHOR).earliest
    earliest = resolve_date_phrase("two days ago", sunday).earliest
    latest = resolve_date_phrase("two days ago", ANCHOR).earliest
    reason = (
        "the report says 'Two days ago' right after 'Sunday’s flight was the largest yet identified': "
        f"counted from that Sunday ({sunday}) it is {earliest}, counted from the report's own 'Monday "
        f"(July 5)' ({ANCHOR}) it is {latest}. The report does not say which, so the span holds both "
        "readings; resolving it against an inferred publication date alone would be over-precise"
    )
    return DateSpan(earliest=earliest, latest=latest, text="Two days ago"), Inference(
        field="date", reason=reason
    )


def by_september_11() -> tuple[DateSpan, Inference]:
    """When the plan is due: any day from the report's Monday to 11 September, so known to the month."""
    day = resolve_date_phrase("by Sept. 11", ANCHOR)
    span = DateSpan(earliest=day.earliest, latest=day.latest, precision=DatePrecision.MONTH, text=day.text)
    reason = (
        f"the report says 'by Sept. 11': the plan is to be done on a day from the report's own 'Monday "
        f"(July 5)', {ANCHOR}, whose year is inferred (see {DOCUMENT_ID}), to {day.latest}. A span of "
        "about two months is not known to the day, so it is coded at month precision; the deadline is "
        "the plan's date, not the date of the withdrawal under way"
    )
    return span, Inference(field="date", reason=reason)


def movements(quote: Quoter) -> list[MilitaryMovement]:
    """Mobilisation, border crossings, flights, withdrawals, offensives and deployments."""
    monday, monday_inferred = resolved("Monday (July 5)")
    sunday, sunday_inferred = resolved(
        "Sunday", note="; the report's next sentence, on 'Sunday’s border crossing', dates this crossing"
    )
    two_days_ago, two_days_ago_inferred = two_days_ago_span()
    deadline, deadline_inferred = by_september_11()
    return [
        MilitaryMovement(
            id="move:tajik-reservists-mobilized",
            actor="actor:tajik-reservists",
            kind=MovementKind.MOBILIZATION,
            status=MovementStatus.ORDERED,
            destination="loc:tajik-afghan-border",
            ordered_by="actor:rahmon",
            size=Quantity(best=20000, unit="reservists", text="20,000"),
            date=monday,
            evidence=(
                quote(
                    "Tajikistan’s President Rahmon on Monday (July 5) ordered the mobilization of 20,000 "
                    "reservists to strengthen the defense of the border with Afghanistan"
                ),
            ),
            inferred=(
                monday_inferred,
                Inference(
                    field="destination",
                    reason="the order is 'to strengthen the defense of the border with Afghanistan'; the "
                    "report does not say where the reservists are to go",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:afghan-forces-crossed-more-than-a-thousand",
            actor="actor:afghan-security-forces",
            kind=MovementKind.BORDER_CROSSING,
            status=MovementStatus.COMPLETED,
            origin="loc:badakhshan",
            destination="loc:tajikistan",
            size=Quantity(
                low=1000,
                qualifier=Qualifier.MORE_THAN,
                unit="members of Afghan security forces",
                text="more than a thousand",
            ),
            date=sunday,
            evidence=(
                quote(
                    "more than a thousand members of Afghan security forces fled across the border into "
                    "Tajikistan amid an offensive by Taliban militants"
                ),
                quote(
                    "Sunday’s border crossing underscores the rapidly deteriorating situation in Afghanistan"
                ),
                quote("Sunday’s flight was the largest yet identified"),
            ),
            inferred=(
                sunday_inferred,
                Inference(
                    field="origin",
                    reason="'fled across the border into Tajikistan' names no province: this is the crossing "
                    "the Border Service counts as 1,037 (see rel:sunday-crossing-1037-same-event), which it "
                    "sets in Badakhshan (see move:afghan-troops-crossed-1037)",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:afghan-troops-crossed-1037",
            actor="actor:afghan-security-forces",
            kind=MovementKind.BORDER_CROSSING,
            status=MovementStatus.COMPLETED,
            origin="loc:badakhshan",
            destination="loc:tajikistan",
            permitted_by="actor:tajikistan",
            size=Quantity(best=1037, unit="Afghan troops", text="1,037"),
            evidence=(
                quote(
                    "1,037 Afghan troops escaped across the border line with Tajikistan’s permission",
                    source="actor:tajikistan-border-service",
                ),
            ),
            inferred=(
                Inference(
                    field="origin",
                    reason="the Border Service says the Taliban seized six key districts of Badakhshan, "
                    "'which borders Tajikistan', after the 1,037 'escaped across the border line': the "
                    "troops are read as escaping from Badakhshan across its border with Tajikistan. The "
                    "report does not say where they crossed",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:people-entered-from-ishkashim-152",
            actor="actor:people-fleeing",
            kind=MovementKind.BORDER_CROSSING,
            status=MovementStatus.COMPLETED,
            origin="loc:ishkashim",
            destination="loc:tajikistan",
            permitted_by="actor:tajikistan",
            size=Quantity(best=152, unit="people", text="152"),
            evidence=(
                quote(
                    "Tajik officials said they allowed 152 people to enter from Ishkashim",
                    source="actor:tajik-officials",
                ),
            ),
            inferred=(
                Inference(
                    field="permitted_by",
                    reason="'Tajik officials said they allowed': the officials speak for Tajikistan, which "
                    "let the people in, as the Border Service says of the 1,037 ('with Tajikistan’s "
                    "permission')",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:afghan-forces-fled-hundreds",
            actor="actor:afghan-security-forces",
            kind=MovementKind.RETREAT,
            status=MovementStatus.COMPLETED,
            origin="loc:northern-afghanistan",
            size=Quantity(
                qualifier=Qualifier.HUNDREDS, unit="members of Afghan security forces", text="Hundreds"
            ),
            evidence=(
                quote(
                    "Hundreds of members of Afghan security forces fled in haste after the Taliban launched "
                    "a swift offensive in northern Afghanistan"
                ),
            ),
        ),
        MilitaryMovement(
            id="move:people-fled-hundreds",
            actor="actor:people-fleeing",
            kind=MovementKind.BORDER_CROSSING,
            status=MovementStatus.COMPLETED,
            origin="loc:afghanistan",
            destination="loc:tajikistan",
            size=Quantity(qualifier=Qualifier.HUNDREDS, unit="people", text="hundreds"),
            evidence=(
                quote(
                    "hundreds of people had fled across the border into Tajikistan, but the exact number "
                    "was not known",
                    source="actor:afghan-official",
                ),
            ),
            inferred=(
                Inference(
                    field="origin",
                    reason="'fled across the border into Tajikistan' from Afghanistan, the other side of the "
                    "border the report speaks of; the official does not say from where",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:afghan-forces-captured-in-ishkashim",
            actor="actor:afghan-security-forces",
            kind=MovementKind.RETREAT,
            status=MovementStatus.STOPPED,
            origin="loc:ishkashim",
            evidence=(
                quote(
                    "members of Afghan security forces used different escape routes, but dozens were "
                    "captured by the Taliban in Ishkashim district",
                    source="actor:atik",
                ),
            ),
            inferred=(
                Inference(
                    field="origin",
                    reason="the forces were captured 'in Ishkashim district' while using 'different escape "
                    "routes': their retreat is placed where it ended; where it began is not reported",
                ),
                Inference(
                    field="status",
                    reason="'dozens were captured': the retreat of those captured was cut short. How many "
                    "retreated is not reported; the dozens are the capture's figure (see "
                    "inc:ishkashim-captures), not the size of the retreat",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:foreign-troops-withdrawing",
            actor="actor:foreign-troops",
            kind=MovementKind.WITHDRAWAL,
            status=MovementStatus.ONGOING,
            origin="loc:afghanistan",
            evidence=(
                quote(
                    "Foreign troops are now close to completing their withdrawal from Afghanistan after 20 "
                    "years of war"
                ),
            ),
        ),
        MilitaryMovement(
            id="move:foreign-troops-out-by-sept-11",
            role=EventRole.PLANNED,
            actor="actor:foreign-troops",
            kind=MovementKind.WITHDRAWAL,
            status=MovementStatus.PLANNED,
            origin="loc:afghanistan",
            date=deadline,
            evidence=(quote("a plan to get all foreign troops out of the country by Sept. 11"),),
            inferred=(deadline_inferred,),
        ),
        MilitaryMovement(
            id="move:us-withdrew-from-bagram",
            actor="actor:us-forces",
            kind=MovementKind.WITHDRAWAL,
            status=MovementStatus.COMPLETED,
            origin="loc:bagram-airfield",
            date=two_days_ago,
            evidence=(
                quote(
                    "Two days ago, the U.S. officially withdrew from Bagram Airfield, its main base in "
                    "Afghanistan"
                ),
            ),
            inferred=(two_days_ago_inferred,),
        ),
        MilitaryMovement(
            id="move:taliban-offensive",
            actor="actor:taliban",
            kind=MovementKind.OFFENSIVE,
            status=MovementStatus.ONGOING,
            destination="loc:northern-afghanistan",
            evidence=(
                quote("the Taliban launched a swift offensive in northern Afghanistan"),
                quote("are rapidly gaining ground across the country"),
            ),
        ),
        MilitaryMovement(
            id="move:afghan-counter-offensive",
            role=EventRole.PLANNED,
            actor="actor:afghan-security-forces",
            kind=MovementKind.COUNTER_OFFENSIVE,
            status=MovementStatus.ANNOUNCED,
            evidence=(
                quote(
                    "He said government forces did not anticipate the Taliban offensive, but will launch a "
                    "counter-offensive",
                    source="actor:mohib",
                ),
            ),
        ),
        MilitaryMovement(
            id="move:russian-forces-deployed-in-tajikistan",
            role=EventRole.CONDITION,
            actor="actor:russian-forces-in-tajikistan",
            kind=MovementKind.DEPLOYMENT,
            status=MovementStatus.ONGOING,
            destination="loc:russian-base-in-tajikistan",
            equipment=("tanks", "helicopters", "ground-attack aircraft"),
            evidence=(
                quote("Russia has a strong force deployed in Tajikistan"),
                quote(
                    "Russia has its largest offshore military base in the impoverished Central Asian "
                    "republic, with tanks, helicopters and ground-attack aircraft deployed"
                ),
            ),
            inferred=(
                Inference(
                    field="destination",
                    reason="the report says Russia 'has a strong force deployed in Tajikistan' and its "
                    "largest offshore base there, with equipment deployed; that the force is at the base "
                    "is inferred",
                ),
                Inference(
                    field="role",
                    reason="a standing presence the report gives as background, not a deployment it reports",
                ),
            ),
        ),
    ]


# --- territorial control ---------------------------------------------------------------------------


def control(quote: Quoter) -> list[TerritorialControl]:
    """Districts seized, captured and ceded, and border crossings blocked."""
    return [
        TerritorialControl(
            id="ctrl:badakhshan-six-districts-seized",
            territory="loc:badakhshan",
            change=ControlChange.CAPTURED,
            controller="actor:taliban",
            count=Quantity(best=6, unit="districts", text="six"),
            evidence=(
                quote(
                    "The Taliban seized six key districts in the northern Afghan province of Badakhshan",
                    source="actor:tajikistan-border-service",
                ),
            ),
        ),
        TerritorialControl(
            id="ctrl:badakhshan-26-of-28-districts-captured",
            territory="loc:badakhshan",
            change=ControlChange.CAPTURED,
            controller="actor:taliban",
            count=Quantity(best=26, unit="districts", text="26"),
            total=Quantity(best=28, unit="districts", text="28"),
            evidence=(
                quote("the Taliban had captured 26 of the province’s 28 districts", source="actor:atik"),
            ),
        ),
        TerritorialControl(
            id="ctrl:badakhshan-three-districts-ceded",
            territory="loc:badakhshan",
            change=ControlChange.CEDED,
            controller="actor:taliban",
            previous_controller="actor:afghan-security-forces",
            method=ControlMethod.WITHOUT_FIGHT,
            count=Quantity(best=3, unit="districts", text="three"),
            evidence=(
                quote(
                    "three of which government forces had ceded to the insurgents without a fight",
                    source="actor:atik",
                ),
            ),
        ),
        TerritorialControl(
            id="ctrl:ishkashim-border-crossings-blocked",
            territory="loc:ishkashim-border-crossings",
            change=ControlChange.CLOSED,
            controller="actor:tajik-border-guards",
            evidence=(quote("where Tajik border guards blocked all border crossings", source="actor:atik"),),
        ),
        TerritorialControl(
            id="ctrl:taliban-cut-off-roads",
            territory="loc:northern-afghanistan",
            change=ControlChange.CLOSED,
            controller="actor:taliban",
            evidence=(
                quote(
                    "The Taliban have cut off all roads and these people have nowhere to go but across the "
                    "border",
                    source="actor:afghan-official",
                ),
            ),
            inferred=(
                Inference(
                    field="territory",
                    reason="the official speaks of those fleeing the Taliban's offensive in the north into "
                    "Tajikistan; which roads ('all roads') he means is not said",
                ),
            ),
        ),
    ]


# --- incidents and interactions ------------------------------------------------------------------


def incidents_and_interactions(quote: Quoter) -> list[Record]:
    """The captures in Ishkashim and the suspension of the Russian consulate in Mazar-e-Sharif.

    The captures are linked to the retreat they cut short.

    The report gives no deaths and no injuries anywhere, so no casualty figure but the captured is
    filled in: a figure left out means "not reported".
    """
    monday, monday_inferred = resolved("Monday (July 5)")
    return [
        Incident(
            id="inc:taliban-continue-to-target-government",
            role=EventRole.CONDITION,
            kind=IncidentKind.ATTACK,
            perpetrators=("actor:taliban",),
            targets=("actor:afghan-government",),
            location="loc:afghanistan",
            evidence=(quote("continue to target Afghan government and security facilities"),),
            inferred=(
                Inference(field="location", reason="'across the country', Afghanistan"),
                Inference(
                    field="role",
                    reason="attacks that 'continue': a campaign the report gives as background, no attack "
                    "of its own",
                ),
            ),
        ),
        Interaction(
            id="int:taliban-halted-attacks-on-western-forces",
            role=EventRole.CONDITION,
            kind=InteractionKind.RETREAT,
            mode=InteractionMode.CEASEFIRE,
            sources=("actor:taliban",),
            targets=("actor:foreign-troops",),
            evidence=(quote("The Taliban have halted attacks on Western forces"),),
            inferred=(
                Inference(
                    field="targets",
                    reason="'Western forces' are read as the foreign troops withdrawing from Afghanistan",
                ),
                Inference(
                    field="role",
                    reason="a halt that holds as the report is written; when it began is not said",
                ),
            ),
        ),
        Incident(
            id="inc:twenty-years-of-war",
            role=EventRole.CONDITION,
            kind=IncidentKind.ARMED_CLASH,
            location="loc:afghanistan",
            date=DateSpan(
                earliest=date(2001, 1, 1),
                latest=ANCHOR,
                precision=DatePrecision.YEAR,
                text="after 20 years of war",
            ),
            evidence=(quote("their withdrawal from Afghanistan after 20 years of war"),),
            inferred=(
                Inference(
                    field="date",
                    reason="'20 years of war' before the report's 'Monday (July 5)', 2021 (see "
                    f"{DOCUMENT_ID}): from 2001, known to the year",
                ),
                Inference(field="location", reason="the war the foreign troops leave Afghanistan after"),
                Inference(
                    field="role",
                    reason="the war the withdrawal ends, given as background; who fought whom is not said",
                ),
            ),
        ),
        Interaction(
            id="int:peace-talks-inconclusive",
            role=EventRole.CONDITION,
            kind=InteractionKind.OTHER,
            sources=("actor:taliban", "actor:afghan-government"),
            evidence=(
                quote("as peace talks stall"),
                quote("Peace talks between the two sides remain inconclusive"),
            ),
            inferred=(
                Inference(
                    field="sources",
                    reason="'the two sides' are read as the Taliban and the Afghan government, of which the "
                    "paragraph before speaks; the report does not name them",
                ),
                Inference(
                    field="kind",
                    reason="talks that 'remain inconclusive' are no consultation held on a day (PLOVER "
                    "CONSULT) but a stalled process; coded other",
                ),
                Inference(field="role", reason="a standing state of the talks, given as background"),
            ),
        ),
        Interaction(
            id="int:tajikistan-exploring-refugee-camps",
            role=EventRole.PLANNED,
            kind=InteractionKind.AID,
            mode=InteractionMode.HUMANITARIAN,
            sources=("actor:tajikistan",),
            location="loc:tajikistan",
            date=monday,
            evidence=(
                quote(
                    "Tajikistan was exploring setting up camps for a possible influx of Afghan refugees",
                    source="actor:government-sources",
                ),
            ),
            inferred=(
                Inference(
                    field="date",
                    reason=f"{monday_inferred.reason}; the sources spoke 'earlier on Monday' of what "
                    "Tajikistan was exploring then",
                ),
                Inference(field="location", reason="camps set up by Tajikistan, in Tajikistan"),
                Inference(
                    field="role",
                    reason="camps being explored for a 'possible' influx: considered, not set up",
                ),
            ),
        ),
        Incident(
            id="inc:ishkashim-captures",
            kind=IncidentKind.CAPTURE,
            perpetrators=("actor:taliban",),
            targets=("actor:afghan-security-forces",),
            location="loc:ishkashim",
            casualties=(
                Casualties(
                    side="actor:afghan-security-forces",
                    captured=Quantity(
                        qualifier=Qualifier.DOZENS, unit="members of Afghan security forces", text="dozens"
                    ),
                ),
            ),
            evidence=(
                quote(
                    "members of Afghan security forces used different escape routes, but dozens were "
                    "captured by the Taliban in Ishkashim district",
                    source="actor:atik",
                ),
            ),
            inferred=(
                Inference(
                    field="targets",
                    reason="the dozens captured are of the 'members of Afghan security forces' who used "
                    "different escape routes, in the same sentence",
                ),
                Inference(
                    field="casualties",
                    reason="the dozens captured are members of Afghan security forces (see targets); "
                    "'dozens' gives no number, so none is stored (Quantity.conservative_estimate derives "
                    "the 12 ACLED would code)",
                ),
            ),
        ),
        Relation(
            id="rel:ishkashim-captures-same-event-as-retreat",
            source="inc:ishkashim-captures",
            kind=RelationKind.SAME_EVENT,
            target="move:afghan-forces-captured-in-ishkashim",
            evidence=(
                quote(
                    "members of Afghan security forces used different escape routes, but dozens were "
                    "captured by the Taliban in Ishkashim district",
                    source="actor:atik",
                ),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="the dozens were captured while escaping: one happening, seen as a capture and "
                    "as the end of their retreat (the retreat's status is 'stopped')",
                ),
            ),
        ),
        Interaction(
            id="int:russian-consulate-suspended",
            kind=InteractionKind.OTHER,
            sources=("actor:russian-government",),
            location="loc:russian-consulate-mazar-e-sharif",
            contexts=(EventContext.DIPLOMATIC,),
            evidence=(
                quote(
                    "Moscow said the Russian consulate in the northern Afghan city of Mazar-e-Sharif was "
                    "suspended because of security concerns",
                    source="actor:russian-government",
                    outlet=TASS,
                ),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="a consulate suspended 'because of security concerns' is a precaution, not a "
                    "measure against anyone: the report gives no target and no punishment, so it is not "
                    "PLOVER SANCTION (nor RETREAT, a concession); coded other",
                ),
                Inference(
                    field="sources",
                    reason="Moscow, which announced it, runs the Russian consulate; the report does not "
                    "say who decided the suspension",
                ),
            ),
        ),
    ]


# --- statements ------------------------------------------------------------------------------------


def statements_by_tajikistan(quote: Quoter) -> list[Statement]:
    """What Rahmon, his office, Tajik officials and the Border Service said."""
    office = "actor:tajik-presidents-office"
    neighbours = (
        "The president’s office said Rahmon also spoke by phone with leaders of Central Asia’s immediate "
        "neighbors, including Uzbek President Mirziyoyev and Kazakh President Tokaev, and held a meeting "
        "of the security council"
    )
    return [
        Statement(
            id="stmt:tajik-presidents-office-concern",
            act=SpeechAct.EXPRESS_CONCERN,
            speaker=office,
            channel=StatementChannel.OFFICIAL_STATEMENT,
            reported_by=REUTERS,
            quote=(
                "Of particular concern is the escalation of the situation in the northern part of "
                "Afghanistan bordering Tajikistan"
            ),
            about=("loc:northern-afghanistan",),
            evidence=(
                quote(
                    "“Of particular concern is the escalation of the situation in the northern part of "
                    "Afghanistan bordering Tajikistan,” said a statement issued by the Tajik president’s "
                    "office",
                    source=office,
                ),
            ),
        ),
        Statement(
            id="stmt:rahmon-forcible-crossing",
            act=SpeechAct.DISAPPROVE,
            speaker="actor:rahmon",
            addressee="actor:afghan-security-forces",
            channel=StatementChannel.OFFICIAL_STATEMENT,
            reported_by=REUTERS,
            quote="forcible crossing",
            paraphrase=(
                "Rahmon expressed concern over the forcible crossing of the border by members of the "
                "Afghan security forces"
            ),
            about=("move:afghan-forces-crossed-more-than-a-thousand", "move:afghan-troops-crossed-1037"),
            evidence=(
                quote(
                    "The statement also said Rahmon expressed concern over the “forcible crossing” of the "
                    "border by members of the Afghan security forces",
                    source=office,
                ),
            ),
            inferred=(
                Inference(
                    field="act",
                    reason="concern over an act of an identified actor, the Afghan forces' 'forcible "
                    "crossing', criticises it: PLOVER DISAPPROVE, not a general concern",
                ),
                Inference(
                    field="addressee",
                    reason="the target of the disapproval (PLOVER's recipient), the Afghan security forces; "
                    "the statement is not said to be addressed to them",
                ),
            ),
        ),
        Statement(
            id="stmt:rahmon-calls-mirziyoyev",
            act=SpeechAct.CONSULT,
            speaker="actor:rahmon",
            addressee="actor:mirziyoyev",
            channel=StatementChannel.PHONE_CALL,
            reported_by=REUTERS,
            paraphrase="Rahmon spoke by phone with Uzbek President Mirziyoyev",
            evidence=(quote(neighbours, source=office),),
        ),
        Statement(
            id="stmt:rahmon-calls-tokaev",
            act=SpeechAct.CONSULT,
            speaker="actor:rahmon",
            addressee="actor:tokaev",
            channel=StatementChannel.PHONE_CALL,
            reported_by=REUTERS,
            paraphrase="Rahmon spoke by phone with Kazakh President Tokaev",
            evidence=(quote(neighbours, source=office),),
        ),
        Statement(
            id="stmt:rahmon-security-council",
            speaker="actor:rahmon",
            channel=StatementChannel.MEETING,
            reported_by=REUTERS,
            paraphrase="Rahmon held a meeting of the security council",
            evidence=(quote(neighbours, source=office),),
            about=("actor:tajik-security-council",),
            inferred=(
                Inference(
                    field="act",
                    reason="none: a meeting of Tajikistan's own security council, held by its president, is "
                    "internal, not a consultation between two parties (PLOVER CONSULT needs a dyad), and "
                    "the report says only that he 'held a meeting of the security council'",
                ),
            ),
        ),
        Statement(
            id="stmt:tajik-officials-152-allowed",
            role=EventRole.ATTRIBUTION,
            speaker="actor:tajik-officials",
            reported_by=REUTERS,
            paraphrase=(
                "they allowed 152 people to enter from Ishkashim, but did not comment on whether anyone "
                "was ever denied entry"
            ),
            about=("move:people-entered-from-ishkashim-152",),
            evidence=(
                quote(
                    "Tajik officials said they allowed 152 people to enter from Ishkashim, but did not "
                    "comment on whether anyone was ever denied entry",
                    source="actor:tajik-officials",
                ),
            ),
        ),
        Statement(
            id="stmt:border-service-1037-crossed",
            role=EventRole.ATTRIBUTION,
            speaker="actor:tajikistan-border-service",
            reported_by=REUTERS,
            paraphrase=(
                "The Taliban seized six key districts in the northern Afghan province of Badakhshan after "
                "1,037 Afghan troops escaped across the border line with Tajikistan’s permission"
            ),
            about=("ctrl:badakhshan-six-districts-seized", "move:afghan-troops-crossed-1037"),
            evidence=(
                quote(
                    "The Taliban seized six key districts in the northern Afghan province of Badakhshan, "
                    "which borders Tajikistan and China, after 1,037 Afghan troops escaped across the border "
                    "line with Tajikistan’s permission, the Tajikistan Border Service said",
                    source="actor:tajikistan-border-service",
                ),
            ),
        ),
    ]


def statements_by_others(quote: Quoter) -> list[Statement]:
    """What Reuters, the Kremlin, Afghan officials, sources and Moscow said."""
    monday, monday_inferred = resolved("Monday (July 5)")
    sunday, sunday_inferred = resolved("On Sunday")
    earlier, earlier_inferred = resolved("earlier on Monday")
    mohib_monday, mohib_monday_inferred = resolved("Monday")
    return [
        Statement(
            id="stmt:reuters-reports-mobilization",
            role=EventRole.ATTRIBUTION,
            speaker=REUTERS,
            channel=StatementChannel.MEDIA_REPORT,
            reported_by=REUTERS,
            location="loc:dushanbe",
            date=monday,
            paraphrase=(
                "Rahmon ordered the mobilization of 20,000 reservists to strengthen the defense of the "
                "border with Afghanistan"
            ),
            about=("move:tajik-reservists-mobilized",),
            evidence=(
                quote(
                    "Tajikistan’s President Rahmon on Monday (July 5) ordered the mobilization of 20,000 "
                    "reservists to strengthen the defense of the border with Afghanistan, Reuters reported "
                    "from Dushanbe"
                ),
            ),
            inferred=(
                Inference(
                    field="date",
                    reason=f"{monday_inferred.reason}; Reuters reported Monday's order in a report of "
                    "that Monday",
                ),
            ),
        ),
        Statement(
            id="stmt:reuters-taliban-targets",
            role=EventRole.ATTRIBUTION,
            speaker=REUTERS,
            channel=StatementChannel.MEDIA_REPORT,
            reported_by=REUTERS,
            paraphrase=(
                "The Taliban have halted attacks on Western forces, but continue to target Afghan government "
                "and security facilities and are rapidly gaining ground across the country"
            ),
            about=(
                "int:taliban-halted-attacks-on-western-forces",
                "inc:taliban-continue-to-target-government",
                "move:taliban-offensive",
            ),
            evidence=(
                quote(
                    "The Taliban have halted attacks on Western forces, but continue to target Afghan "
                    "government and security facilities and are rapidly gaining ground across the country"
                ),
            ),
            inferred=(
                Inference(
                    field="channel",
                    reason="the report states it without attributing it; the text relays Reuters' reporting",
                ),
            ),
        ),
        Statement(
            id="stmt:reuters-peace-talks-stall",
            role=EventRole.ATTRIBUTION,
            speaker=REUTERS,
            channel=StatementChannel.MEDIA_REPORT,
            reported_by=REUTERS,
            paraphrase="Peace talks between the two sides remain inconclusive",
            about=("int:peace-talks-inconclusive",),
            evidence=(
                quote("as peace talks stall"),
                quote("Peace talks between the two sides remain inconclusive"),
            ),
            inferred=(
                Inference(
                    field="channel",
                    reason="the report states it without attributing it; the text relays Reuters' reporting",
                ),
            ),
        ),
        Statement(
            id="stmt:rahmon-calls-putin",
            act=SpeechAct.CONSULT,
            speaker="actor:rahmon",
            addressee="actor:putin",
            channel=StatementChannel.PHONE_CALL,
            reported_by=REUTERS,
            paraphrase="Rahmon made phone calls to discuss the situation with allies, including Putin",
            evidence=(
                quote(
                    "Tajikistan’s President Rahmon made a series of international phone calls to discuss the "
                    "situation with allies in the region, including with Russian President Vladimir Putin"
                ),
            ),
        ),
        Statement(
            id="stmt:putin-assures-rahmon",
            act=SpeechAct.ASSURE,
            speaker="actor:putin",
            addressee="actor:rahmon",
            channel=StatementChannel.PHONE_CALL,
            reported_by=REUTERS,
            paraphrase=(
                "Moscow would support the maintenance of stability in the former Soviet republic’s border "
                "region with Afghanistan, both directly and through regional security groups, if necessary"
            ),
            about=("loc:tajik-afghan-border",),
            evidence=(
                quote(
                    "A Kremlin statement said Putin assured Rahmon that Moscow would support the maintenance "
                    "of stability in the former Soviet republic’s border region with Afghanistan, both "
                    "directly and through regional security groups, if necessary",
                    source="actor:kremlin",
                ),
            ),
            inferred=(
                Inference(
                    field="channel",
                    reason="a Kremlin statement reports the assurance; that it was given in the phone call "
                    "Rahmon made to Putin is inferred from the report's preceding paragraph",
                ),
            ),
        ),
        Statement(
            id="stmt:ghani-calls-rahmon",
            act=SpeechAct.CONSULT,
            speaker="actor:ghani",
            addressee="actor:rahmon",
            channel=StatementChannel.PHONE_CALL,
            reported_by=REUTERS,
            date=sunday,
            paraphrase="Ghani spoke with Rahmon by phone to discuss the developments",
            evidence=(
                quote(
                    "On Sunday, Afghan President Ghani spoke with Rahmon by phone to discuss the developments"
                ),
            ),
            inferred=(sunday_inferred,),
        ),
        Statement(
            id="stmt:government-sources-refugee-camps",
            role=EventRole.ATTRIBUTION,
            speaker="actor:government-sources",
            addressee=REUTERS,
            channel=StatementChannel.TOLD_REPORTER,
            reported_by=REUTERS,
            date=earlier,
            paraphrase="Tajikistan was exploring setting up camps for a possible influx of Afghan refugees",
            about=("int:tajikistan-exploring-refugee-camps",),
            evidence=(
                quote(
                    "Government sources told Reuters earlier on Monday that Tajikistan was exploring setting "
                    "up camps for a possible influx of Afghan refugees",
                    source="actor:government-sources",
                ),
            ),
            inferred=(earlier_inferred,),
        ),
        Statement(
            id="stmt:afghan-official-hundreds-fled",
            role=EventRole.ATTRIBUTION,
            speaker="actor:afghan-official",
            addressee=REUTERS,
            channel=StatementChannel.TOLD_REPORTER,
            reported_by=REUTERS,
            quote=(
                "The Taliban have cut off all roads and these people have nowhere to go but across the border"
            ),
            paraphrase=(
                "hundreds of people had fled across the border into Tajikistan, but the exact number was "
                "not known"
            ),
            about=("move:people-fled-hundreds", "ctrl:taliban-cut-off-roads"),
            evidence=(
                quote(
                    "An Afghan official confirmed that hundreds of people had fled across the border into "
                    "Tajikistan, but the exact number was not known",
                    source="actor:afghan-official",
                ),
                quote(
                    "“The Taliban have cut off all roads and these people have nowhere to go but across the "
                    "border,” he told Reuters",
                    source="actor:afghan-official",
                ),
            ),
        ),
        Statement(
            id="stmt:atik-districts-captured",
            role=EventRole.ATTRIBUTION,
            speaker="actor:atik",
            addressee=REUTERS,
            channel=StatementChannel.TOLD_REPORTER,
            reported_by=REUTERS,
            paraphrase=(
                "the Taliban had captured 26 of the province’s 28 districts, three of which government "
                "forces had ceded to the insurgents without a fight"
            ),
            about=("ctrl:badakhshan-26-of-28-districts-captured", "ctrl:badakhshan-three-districts-ceded"),
            evidence=(
                quote(
                    "Zabihullah Atik, a lawmaker from Badakhshan province, told Reuters that the Taliban had "
                    "captured 26 of the province’s 28 districts, three of which government forces had ceded "
                    "to the insurgents without a fight",
                    source="actor:atik",
                ),
            ),
        ),
        Statement(
            id="stmt:atik-escape-routes",
            role=EventRole.ATTRIBUTION,
            speaker="actor:atik",
            addressee=REUTERS,
            channel=StatementChannel.TOLD_REPORTER,
            reported_by=REUTERS,
            paraphrase=(
                "members of Afghan security forces used different escape routes, but dozens were captured "
                "by the Taliban in Ishkashim district, where Tajik border guards blocked all border crossings"
            ),
            about=(
                "move:afghan-forces-captured-in-ishkashim",
                "inc:ishkashim-captures",
                "ctrl:ishkashim-border-crossings-blocked",
            ),
            evidence=(
                quote(
                    "He said members of Afghan security forces used different escape routes, but dozens were "
                    "captured by the Taliban in Ishkashim district, where Tajik border guards blocked all "
                    "border crossings",
                    source="actor:atik",
                ),
            ),
            inferred=(
                Inference(field="channel", reason="'He said' continues Atik's account 'told Reuters'"),
                Inference(field="addressee", reason="'He said' continues Atik's account 'told Reuters'"),
            ),
        ),
        Statement(
            id="stmt:mohib-security-talks-in-moscow",
            act=SpeechAct.CONSULT,
            speaker="actor:mohib",
            addressee="actor:russian-government",
            channel=StatementChannel.MEETING,
            reported_by=REUTERS,
            location="loc:moscow",
            date=mohib_monday,
            paraphrase="Mohib was in Moscow for security talks",
            evidence=(
                quote("Afghan National Security Adviser Mohib was in Moscow Monday for security talks"),
            ),
            inferred=(
                mohib_monday_inferred,
                Inference(
                    field="addressee",
                    reason="security talks 'in Moscow' are read as talks with Russia's government; the "
                    "report does not name his counterpart",
                ),
            ),
        ),
        Statement(
            id="stmt:mohib-counter-offensive",
            act=SpeechAct.THREATEN,
            speaker="actor:mohib",
            addressee="actor:taliban",
            reported_by=REUTERS,
            paraphrase=(
                "government forces did not anticipate the Taliban offensive, but will launch a "
                "counter-offensive"
            ),
            about=("move:taliban-offensive", "move:afghan-counter-offensive"),
            evidence=(
                quote(
                    "He said government forces did not anticipate the Taliban offensive, but will launch a "
                    "counter-offensive",
                    source="actor:mohib",
                ),
            ),
            inferred=(
                Inference(
                    field="addressee",
                    reason="the target of the threat (PLOVER's recipient): the Taliban, whose offensive the "
                    "counter-offensive answers; to whom he said it is not reported",
                ),
            ),
        ),
        Statement(
            id="stmt:moscow-consulate-suspended",
            role=EventRole.ATTRIBUTION,
            speaker="actor:russian-government",
            channel=StatementChannel.MEDIA_REPORT,
            reported_by=TASS,
            paraphrase=(
                "the Russian consulate in the northern Afghan city of Mazar-e-Sharif was suspended because "
                "of security concerns"
            ),
            about=("int:russian-consulate-suspended",),
            evidence=(
                quote(
                    "TASS reported that Moscow said the Russian consulate in the northern Afghan city of "
                    "Mazar-e-Sharif was suspended because of security concerns",
                    source="actor:russian-government",
                    outlet=TASS,
                ),
            ),
        ),
    ]


# --- relations -------------------------------------------------------------------------------------


def relations(quote: Quoter) -> list[Relation]:
    """How the claims relate: one Sunday crossing, districts within districts, contradictions."""
    border_service = "actor:tajikistan-border-service"
    more_than_a_thousand = "move:afghan-forces-crossed-more-than-a-thousand"
    crossed_1037 = "move:afghan-troops-crossed-1037"
    captured_26 = "ctrl:badakhshan-26-of-28-districts-captured"
    seized_six = "ctrl:badakhshan-six-districts-seized"
    escaped_1037 = quote(
        "1,037 Afghan troops escaped across the border line with Tajikistan’s permission",
        source=border_service,
    )
    hundreds_fled = "move:afghan-forces-fled-hundreds"
    office_statement = "actor:tajik-presidents-office"
    return [
        Relation(
            id="rel:sunday-crossing-1037-same-event",
            source=crossed_1037,
            kind=RelationKind.SAME_EVENT,
            target=more_than_a_thousand,
            evidence=(
                quote("more than a thousand members of Afghan security forces fled across the border"),
                escaped_1037,
                quote("Sunday’s flight was the largest yet identified"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason=(
                        "both are Afghan forces crossing into Tajikistan in the same news, and their figures "
                        "agree (1,037 is more than a thousand); the report calls Sunday's flight the largest "
                        "yet identified, so no second crossing of that size is reported. The report does not "
                        "say in so many words that the Border Service's 1,037 crossed on Sunday"
                    ),
                ),
            ),
        ),
        Relation(
            id="rel:three-ceded-part-of-26-captured",
            source="ctrl:badakhshan-three-districts-ceded",
            kind=RelationKind.PART_OF,
            target=captured_26,
            evidence=(
                quote(
                    "captured 26 of the province’s 28 districts, three of which government forces had ceded",
                    source="actor:atik",
                ),
            ),
        ),
        Relation(
            id="rel:six-seized-overlaps-26-captured",
            source=seized_six,
            kind=RelationKind.OVERLAPS,
            target=captured_26,
            evidence=(
                quote(
                    "The Taliban seized six key districts in the northern Afghan province of Badakhshan",
                    source=border_service,
                ),
                quote("the Taliban had captured 26 of the province’s 28 districts", source="actor:atik"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="the report does not say whether the six districts the Border Service names are "
                    "among the 26 Atik counts. Both are Badakhshan districts taken by the Taliban, and the "
                    "province has 28, so if both counts hold at once at least four of the six are among the "
                    "26 (6 + 26 - 28); whether all six are is not known",
                ),
            ),
        ),
        Relation(
            id="rel:hundreds-fled-in-tension-with-more-than-a-thousand",
            source="move:people-fled-hundreds",
            kind=RelationKind.IN_TENSION,
            target=more_than_a_thousand,
            evidence=(
                quote(
                    "hundreds of people had fled across the border into Tajikistan, but the exact number was "
                    "not known",
                    source="actor:afghan-official",
                ),
                quote("more than a thousand members of Afghan security forces fled across the border"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason=(
                        "an Afghan official puts those who fled across the border at 'hundreds', the report "
                        "at 'more than a thousand' on Sunday. Both hold if the hundreds fled in other "
                        "flights than Sunday's, as the report's 'Sunday’s flight was the largest yet "
                        "identified' suggests; if both counted the same flight, they could not. The report "
                        "does not say which, nor whether the official's 'people' are the security forces"
                    ),
                ),
            ),
        ),
        Relation(
            id="rel:crossings-blocked-in-tension-with-152-allowed",
            source="ctrl:ishkashim-border-crossings-blocked",
            kind=RelationKind.IN_TENSION,
            target="move:people-entered-from-ishkashim-152",
            evidence=(
                quote("where Tajik border guards blocked all border crossings", source="actor:atik"),
                quote(
                    "Tajik officials said they allowed 152 people to enter from Ishkashim, but did not "
                    "comment on whether anyone was ever denied entry",
                    source="actor:tajik-officials",
                ),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="Atik says all crossings in Ishkashim were blocked, Tajik officials that they let "
                    "152 people in from Ishkashim; both hold only if the crossings were blocked at another "
                    "time than the 152 entered, which the report does not say",
                ),
            ),
        ),
        Relation(
            id="rel:forcible-crossing-contradicts-permission",
            source="stmt:rahmon-forcible-crossing",
            kind=RelationKind.CONTRADICTS,
            target=crossed_1037,
            evidence=(
                quote(
                    "Rahmon expressed concern over the “forcible crossing” of the border by members of the "
                    "Afghan security forces",
                    source="actor:tajik-presidents-office",
                ),
                escaped_1037,
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="a crossing made with Tajikistan's permission, as the Border Service says, is not "
                    "forcible, as Rahmon's office calls it; the report does not reconcile the two",
                ),
            ),
        ),
        Relation(
            id="rel:six-seized-follows-1037-crossed",
            source=seized_six,
            kind=RelationKind.FOLLOWS,
            target=crossed_1037,
            evidence=(
                quote(
                    "The Taliban seized six key districts in the northern Afghan province of Badakhshan, "
                    "which borders Tajikistan and China, after 1,037 Afghan troops escaped",
                    source=border_service,
                ),
            ),
        ),
        Relation(
            id="rel:mobilization-follows-crossing",
            source="move:tajik-reservists-mobilized",
            kind=RelationKind.FOLLOWS,
            target=more_than_a_thousand,
            evidence=(quote("This comes after more than a thousand members of Afghan security forces fled"),),
        ),
        Relation(
            id="rel:mobilization-in-response-to-crossing",
            source="move:tajik-reservists-mobilized",
            kind=RelationKind.IN_RESPONSE_TO,
            target=more_than_a_thousand,
            evidence=(
                quote(
                    "ordered the mobilization of 20,000 reservists to strengthen the defense of the border"
                ),
                quote("This comes after more than a thousand members of Afghan security forces fled"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="the report sets the order to 'strengthen the defense of the border' right after "
                    "the crossing ('This comes after'); it does not quote Rahmon giving the crossing as his "
                    "reason",
                ),
            ),
        ),
        Relation(
            id="rel:crossing-caused-by-offensive",
            source=more_than_a_thousand,
            kind=RelationKind.CAUSED_BY,
            target="move:taliban-offensive",
            evidence=(
                quote("fled across the border into Tajikistan amid an offensive by Taliban militants"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="'fled ... amid an offensive': forces fleeing during an offensive are read as "
                    "fleeing it",
                ),
            ),
        ),
        Relation(
            id="rel:flight-follows-offensive",
            source="move:afghan-forces-fled-hundreds",
            kind=RelationKind.FOLLOWS,
            target="move:taliban-offensive",
            evidence=(
                quote("fled in haste after the Taliban launched a swift offensive in northern Afghanistan"),
            ),
        ),
        Relation(
            id="rel:official-hundreds-same-event-as-hundreds-fled",
            source="move:people-fled-hundreds",
            kind=RelationKind.SAME_EVENT,
            target=hundreds_fled,
            evidence=(
                quote(
                    "An Afghan official confirmed that hundreds of people had fled across the border into "
                    "Tajikistan",
                    source="actor:afghan-official",
                ),
                quote("Hundreds of members of Afghan security forces fled in haste"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="the official 'confirmed' the hundreds the report gives just before: one flight "
                    "of hundreds, told twice",
                ),
            ),
        ),
        Relation(
            id="rel:hundreds-fled-caused-by-roads-cut-off",
            source="move:people-fled-hundreds",
            kind=RelationKind.CAUSED_BY,
            target="ctrl:taliban-cut-off-roads",
            evidence=(
                quote(
                    "The Taliban have cut off all roads and these people have nowhere to go but across the "
                    "border",
                    source="actor:afghan-official",
                ),
            ),
        ),
        Relation(
            id="rel:sunday-crossing-follows-earlier-flights",
            source=more_than_a_thousand,
            kind=RelationKind.FOLLOWS,
            target=hundreds_fled,
            evidence=(quote("Sunday’s flight was the largest yet identified"),),
            inferred=(
                Inference(
                    field="kind",
                    reason="'the largest yet identified' compares Sunday's flight with the flights "
                    "identified before it, the hundreds who fled in haste; the report gives them no date",
                ),
            ),
        ),
        Relation(
            id="rel:152-may-overlap-1037",
            source="move:people-entered-from-ishkashim-152",
            kind=RelationKind.MAY_OVERLAP,
            target=crossed_1037,
            evidence=(
                quote(
                    "Tajik officials said they allowed 152 people to enter from Ishkashim",
                    source="actor:tajik-officials",
                ),
                escaped_1037,
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="both are people let into Tajikistan from Afghanistan with its permission; "
                    "whether the 152 from Ishkashim are among the 1,037 is not known: the report gives the "
                    "152 no date and does not say where the 1,037 crossed",
                ),
            ),
        ),
        Relation(
            id="rel:ishkashim-captures-caused-by-crossings-blocked",
            source="inc:ishkashim-captures",
            kind=RelationKind.CAUSED_BY,
            target="ctrl:ishkashim-border-crossings-blocked",
            evidence=(
                quote(
                    "dozens were captured by the Taliban in Ishkashim district, where Tajik border guards "
                    "blocked all border crossings",
                    source="actor:atik",
                ),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="'captured ... where Tajik border guards blocked all border crossings': forces "
                    "who could not cross were caught; the report implies it without saying so",
                ),
            ),
        ),
        Relation(
            id="rel:bagram-part-of-foreign-withdrawal",
            source="move:us-withdrew-from-bagram",
            kind=RelationKind.PART_OF,
            target="move:foreign-troops-withdrawing",
            evidence=(
                quote("the U.S. officially withdrew from Bagram Airfield, its main base in Afghanistan"),
                quote("Foreign troops are now close to completing their withdrawal from Afghanistan"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="U.S. forces are foreign troops (see rel:us-forces-part-of-foreign-troops): "
                    "leaving their main base is a step of the withdrawal under way",
                ),
            ),
        ),
        Relation(
            id="rel:bagram-part-of-plan",
            source="move:us-withdrew-from-bagram",
            kind=RelationKind.PART_OF,
            target="move:foreign-troops-out-by-sept-11",
            evidence=(
                quote(
                    "the U.S. officially withdrew from Bagram Airfield, its main base in Afghanistan, as "
                    "part of a plan to get all foreign troops out of the country by Sept. 11"
                ),
            ),
        ),
        Relation(
            id="rel:foreign-withdrawal-part-of-plan",
            source="move:foreign-troops-withdrawing",
            kind=RelationKind.PART_OF,
            target="move:foreign-troops-out-by-sept-11",
            evidence=(
                quote("Foreign troops are now close to completing their withdrawal from Afghanistan"),
                quote("a plan to get all foreign troops out of the country by Sept. 11"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="the withdrawal under way carries out the plan to have all foreign troops out "
                    "by 11 September",
                ),
            ),
        ),
        Relation(
            id="rel:counter-offensive-in-response-to-offensive",
            source="move:afghan-counter-offensive",
            kind=RelationKind.IN_RESPONSE_TO,
            target="move:taliban-offensive",
            evidence=(
                quote(
                    "government forces did not anticipate the Taliban offensive, but will launch a "
                    "counter-offensive",
                    source="actor:mohib",
                ),
            ),
        ),
        Relation(
            id="rel:six-seized-caused-by-offensive",
            source=seized_six,
            kind=RelationKind.CAUSED_BY,
            target="move:taliban-offensive",
            evidence=(
                quote(
                    "The Taliban seized six key districts in the northern Afghan province of Badakhshan",
                    source=border_service,
                ),
                quote("the Taliban launched a swift offensive in northern Afghanistan"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="districts of the northern province of Badakhshan taken by the Taliban during "
                    "their offensive in northern Afghanistan are read as taken in it",
                ),
            ),
        ),
        Relation(
            id="rel:26-captured-caused-by-offensive",
            source=captured_26,
            kind=RelationKind.CAUSED_BY,
            target="move:taliban-offensive",
            evidence=(
                quote("the Taliban had captured 26 of the province’s 28 districts", source="actor:atik"),
                quote("the Taliban launched a swift offensive in northern Afghanistan"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="districts of the northern province of Badakhshan taken by the Taliban during "
                    "their offensive in northern Afghanistan are read as taken in it; some may have been "
                    "taken before it, which the report does not say",
                ),
            ),
        ),
        Relation(
            id="rel:forcible-crossing-part-of-office-statement",
            source="stmt:rahmon-forcible-crossing",
            kind=RelationKind.PART_OF,
            target="stmt:tajik-presidents-office-concern",
            evidence=(
                quote(
                    "The statement also said Rahmon expressed concern over the “forcible crossing”",
                    source=office_statement,
                ),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="'The statement also said': the second half of the one statement issued by the "
                    "president's office",
                ),
            ),
        ),
        Relation(
            id="rel:assurance-in-response-to-call",
            source="stmt:putin-assures-rahmon",
            kind=RelationKind.IN_RESPONSE_TO,
            target="stmt:rahmon-calls-putin",
            evidence=(
                quote("including with Russian President Vladimir Putin"),
                quote("A Kremlin statement said Putin assured Rahmon", source="actor:kremlin"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="Rahmon called Putin, and the Kremlin says Putin assured him: read as the answer "
                    "given in the call; the report does not say so outright",
                ),
            ),
        ),
        Relation(
            id="rel:us-forces-part-of-foreign-troops",
            source="actor:us-forces",
            kind=RelationKind.PART_OF,
            target="actor:foreign-troops",
            evidence=(
                quote(
                    "the U.S. officially withdrew from Bagram Airfield, its main base in Afghanistan, as "
                    "part of a plan to get all foreign troops out of the country"
                ),
            ),
        ),
        Relation(
            id="rel:afghan-government-part-of-afghanistan",
            source="actor:afghan-government",
            kind=RelationKind.PART_OF,
            target="actor:afghanistan",
            evidence=(quote("Afghan government and security facilities"), quote("Afghan President Ghani")),
            inferred=(
                Inference(
                    field="kind",
                    reason="the Afghan government is the government of the Afghan state, as Moscow is of "
                    "Russia (see rel:russian-government-part-of-russia)",
                ),
            ),
        ),
        Relation(
            id="rel:border-part-of-tajikistan",
            source="loc:tajik-afghan-border",
            kind=RelationKind.PART_OF,
            target="loc:tajikistan",
            evidence=(quote("the border line with Tajikistan’s permission", source=border_service),),
            inferred=(Inference(field="kind", reason="a border between two countries is part of each"),),
        ),
        Relation(
            id="rel:border-part-of-afghanistan",
            source="loc:tajik-afghan-border",
            kind=RelationKind.PART_OF,
            target="loc:afghanistan",
            evidence=(quote("the border with Afghanistan"),),
            inferred=(Inference(field="kind", reason="a border between two countries is part of each"),),
        ),
        Relation(
            id="rel:russian-government-part-of-russia",
            source="actor:russian-government",
            kind=RelationKind.PART_OF,
            target="actor:russia",
            evidence=(
                quote("Moscow would support"),
                quote("Russia has a strong force deployed in Tajikistan"),
            ),
            inferred=(
                Inference(
                    field="kind",
                    reason="'Moscow', speaking for Russia, is the government of the Russian state; the "
                    "report names both",
                ),
            ),
        ),
        Relation(
            id="rel:border-guards-part-of-border-service",
            source="actor:tajik-border-guards",
            kind=RelationKind.PART_OF,
            target=border_service,
            evidence=(quote("Tajik border guards"), quote("the Tajikistan Border Service said")),
            inferred=(
                Inference(
                    field="kind",
                    reason="Tajikistan's border guards serve in its Border Service; the report names the "
                    "service once, as a source, and its guards once, as the force that blocked the crossings",
                ),
            ),
        ),
    ]


# --- the dataset -----------------------------------------------------------------------------------


def build_dataset(text: str | None = None) -> Dataset:
    """The seed dataset, built from the report's text (by default, the file next to this module)."""
    text = report_text() if text is None else text
    quote = Quoter(text)
    records: list[Record] = [document(text, quote)]
    for part in (
        people,
        states_and_bodies,
        forces,
        sources,
        countries_and_regions,
        places,
        movements,
        control,
        statements_by_tajikistan,
        statements_by_others,
        incidents_and_interactions,
        relations,
    ):
        records.extend(part(quote))
    return Dataset(records=records, title=TITLE).validate()
