"""Hypothesis strategies for valid conflictkit data, used until the public strategies land.

Every record is valid by construction (bounds ordered, quotes located in their document, references
pointing to records of the right type), so a dataset drawn here must load, validate, round-trip and
satisfy the JSON Schema.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from conflictkit import (
    Actor,
    ActorKind,
    ControlChange,
    ControlMethod,
    Coordinates,
    Dataset,
    DatePrecision,
    DateSpan,
    Document,
    Evidence,
    GeoPrecision,
    Inference,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    Record,
    Statement,
    StatementChannel,
    TerritorialControl,
    sha256_of,
)

words = st.text(min_size=1, max_size=12).filter(lambda text: text.strip() == text and text != "")
"""Non-blank text without surrounding whitespace, any Unicode (no surrogates)."""

names = st.lists(words, min_size=1, max_size=3).map(" ".join)
optional_names = st.none() | names
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
QIDS = st.integers(1, 10**9).map(lambda n: f"Q{n}")
PLACES = [("AF", "AF-BDS"), ("AF", "AF-KAB"), ("TJ", "TJ-GB"), ("TJ", None), ("US", "US-NY")]


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    """A day or a span of up to a year."""
    earliest = draw(dates)
    latest = earliest + timedelta(days=draw(st.integers(0, 366)))
    return DateSpan(
        earliest=earliest,
        latest=latest,
        precision=draw(st.sampled_from(DatePrecision)),
        text=draw(optional_names),
    )


numbers = st.integers(0, 10**6) | st.floats(0, 1e12, allow_nan=False, allow_infinity=False)


@st.composite
def quantities(draw: st.DrawFn, unit: str | None = None) -> Quantity:
    """A quantity whose numbers agree with its qualifier."""
    qualifier = draw(st.sampled_from(Qualifier))
    unit = unit or draw(names)
    text = draw(optional_names)
    if qualifier is Qualifier.UNKNOWN:
        return Quantity(qualifier=qualifier, unit=unit, text=text)
    n = draw(numbers)
    if qualifier is Qualifier.EXACT:
        bound = draw(st.sampled_from([None, n]))
        return Quantity(best=n, low=bound, high=bound, qualifier=qualifier, unit=unit, text=text)
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        best = draw(st.none() | st.just(n + draw(numbers)))
        return Quantity(low=n, best=best, qualifier=qualifier, unit=unit, text=text)
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        return Quantity(high=n, qualifier=qualifier, unit=unit, text=text)
    low = draw(st.none() | st.just(n / 2))
    high = draw(st.none() | st.just(n * 2))
    return Quantity(best=n, low=low, high=high, qualifier=qualifier, unit=unit, text=text)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A sound dataset: every reference resolves to a record of the right type."""
    records: list[Record] = []
    documents: list[tuple[str, list[str]]] = []
    for number in range(draw(st.integers(1, 2))):
        doc_words = draw(st.lists(words, min_size=1, max_size=8))
        text = " ".join(doc_words)
        doc_id = f"doc:{number}"
        documents.append((doc_id, doc_words))
        records.append(
            Document(
                id=doc_id,
                title=draw(names),
                publisher=draw(optional_names),
                published=draw(st.none() | date_spans()),
                url=draw(st.none() | st.just("https://example.org/report")),
                language=draw(st.sampled_from([None, "en", "ru", "tg-Cyrl"])),
                text=text,
                sha256=draw(st.sampled_from([None, sha256_of(text)])),
            )
        )

    def evidence() -> tuple[Evidence, ...]:
        found = []
        for _ in range(draw(st.integers(0, 2))):
            doc_id, doc_words = draw(st.sampled_from(documents))
            index = draw(st.integers(0, len(doc_words) - 1))
            start = sum(len(word) + 1 for word in doc_words[:index])
            quote = doc_words[index]
            found.append(Evidence(document=doc_id, quote=quote, start=start, end=start + len(quote)))
        return tuple(found)

    actors: list[str] = []
    for number in range(draw(st.integers(1, 3))):
        actor_id = f"actor:{number}"
        records.append(
            Actor(
                id=actor_id,
                name=draw(names),
                kind=draw(st.sampled_from(ActorKind)),
                aliases=tuple(draw(st.lists(names, max_size=2))),
                country=draw(st.sampled_from([None, "AF", "TJ", "RU"])),
                title=draw(optional_names),
                affiliation=draw(st.none() | st.sampled_from(actors)) if actors else None,
                wikidata=draw(st.none() | QIDS),
                evidence=evidence(),
                inferred=draw(st.sampled_from([(), (Inference(field="country", reason="from context"),)])),
            )
        )
        actors.append(actor_id)

    locations: list[str] = []
    for number in range(draw(st.integers(2, 3))):
        location_id = f"loc:{number}"
        country, subdivision = draw(st.sampled_from(PLACES))
        coordinates = draw(
            st.none()
            | st.builds(
                Coordinates,
                latitude=st.floats(-90, 90),
                longitude=st.floats(-180, 180),
                precision=st.sampled_from(GeoPrecision),
            )
        )
        records.append(
            Location(
                id=location_id,
                name=draw(names),
                kind=draw(st.sampled_from(LocationKind)),
                aliases=tuple(draw(st.lists(names, max_size=2))),
                country=country,
                subdivision=subdivision,
                parent=draw(st.none() | st.sampled_from(locations)) if locations else None,
                coordinates=coordinates,
                geonames=draw(st.none() | st.integers(1, 2**53 - 1)),
                wikidata=draw(st.none() | QIDS),
                evidence=evidence(),
            )
        )
        locations.append(location_id)

    origin, destination = draw(st.permutations(locations))[:2]
    records.append(
        MilitaryMovement(
            id="move:0",
            actor=draw(st.sampled_from(actors)),
            kind=draw(st.sampled_from(MovementKind)),
            status=draw(st.sampled_from(MovementStatus)),
            origin=draw(st.sampled_from([None, origin])),
            destination=destination,
            ordered_by=draw(st.none() | st.sampled_from(actors)),
            permitted_by=draw(st.none() | st.sampled_from(actors)),
            size=draw(st.none() | quantities()),
            date=draw(st.none() | date_spans()),
            evidence=evidence(),
        )
    )
    count = draw(st.integers(0, 50))
    with_total = draw(st.booleans())
    records.append(
        TerritorialControl(
            id="control:0",
            territory=draw(st.sampled_from(locations)),
            change=draw(st.sampled_from(ControlChange)),
            controller=draw(st.none() | st.sampled_from(actors)),
            previous_controller=draw(st.none() | st.sampled_from(actors)),
            method=draw(st.none() | st.sampled_from(ControlMethod)),
            date=draw(st.none() | date_spans()),
            count=Quantity(best=count, unit="districts") if with_total else draw(st.none() | quantities()),
            total=Quantity(best=count + draw(st.integers(0, 50)), unit="districts") if with_total else None,
        )
    )
    speaker = draw(st.sampled_from(actors))
    quote = draw(optional_names)
    records.append(
        Statement(
            id="statement:0",
            speaker=speaker,
            channel=draw(st.sampled_from(StatementChannel)),
            addressee=draw(st.none() | st.sampled_from(actors)),
            reported_by=draw(st.none() | st.sampled_from(actors)),
            date=draw(st.none() | date_spans()),
            location=draw(st.none() | st.sampled_from(locations)),
            quote=quote,
            paraphrase=draw(names) if quote is None else draw(optional_names),
            about=tuple(draw(st.lists(st.sampled_from(["move:0", "control:0", *actors]), max_size=3))),
            evidence=evidence(),
        )
    )
    order = draw(st.permutations(range(len(records))))
    return Dataset(records=[records[i] for i in order], title=draw(optional_names))


def documents() -> st.SearchStrategy[dict[str, Any]]:
    """Valid Dataset documents as plain JSON values."""
    from conflictkit import to_dict

    return datasets().map(to_dict)
