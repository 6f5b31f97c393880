from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import cast

import attrs
import pytest

import conflictkit
from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    DateSpan,
    Document,
    Evidence,
    Location,
    LocationKind,
    MilitaryMovement,
    Model,
    Qualifier,
    Quantity,
    Record,
    Statement,
    StatementChannel,
    TerritorialControl,
    from_json,
    load_seed,
    seed_document,
    seed_report_text,
    sha256_of,
    to_json,
)
from conflictkit.seed import SEED_NAME
from conflictkit.values.references import is_reference
from conflictkit.values.relative_dates import candidate_years

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_build", SEEDS / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _values(value: Model) -> Iterator[tuple[attrs.Attribute[object], object]]:
    """Every (field, value) of a model and of the models nested in it, tuples' items included."""
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
        item = getattr(value, field.name)
        yield field, item
        for element in item if isinstance(item, tuple) else (item,):
            if isinstance(element, Model):
                if element is not item:
                    yield field, element
                yield from _values(element)


def _referenced_ids(record: Record) -> set[str]:
    found: set[str] = set()
    for field, item in _values(record):
        if is_reference(field.metadata) and item is not None:
            found.update(item if isinstance(item, tuple) else (str(item),))
    return found


def _evidence(record: Record) -> Iterator[Evidence]:
    for _, item in _values(record):
        if isinstance(item, Evidence):
            yield item


def _quantities(record: Record) -> Iterator[Quantity]:
    for _, item in _values(record):
        if isinstance(item, Quantity):
            yield item


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return load_seed()


# --- the packaged files ----------------------------------------------------------------------------


def test_the_report_is_kept_byte_for_byte_in_seeds_and_in_the_package() -> None:
    kept = (SEEDS / f"{SEED_NAME}.txt").read_bytes()
    assert seed_report_text().encode("utf-8") == kept
    assert seed_report_text().startswith("A government forces flee from Taliban offensive")
    assert "\r" not in seed_report_text()


def test_the_packaged_dataset_is_what_the_source_builds() -> None:
    build = _load_build_script()
    packaged = build.DATA_DIR / f"{SEED_NAME}.json"
    assert packaged.read_text(encoding="utf-8") == build.dataset_json()
    assert build.stale() == []


def test_the_build_check_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = _load_build_script()
    monkeypatch.setattr(build, "DATA_DIR", tmp_path)
    assert build.main(["--check"]) == 1
    assert build.main([]) == 0
    assert build.main(["--check"]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f"{SEED_NAME}.claims.json",
        f"{SEED_NAME}.json",
        f"{SEED_NAME}.txt",
    ]


def test_the_seed_is_exported_and_cached(seed: Dataset) -> None:
    assert conflictkit.load_seed is load_seed
    assert {"load_seed", "seed_document", "seed_report_text"} <= set(conflictkit.__all__)
    assert load_seed() is seed


# --- integrity -------------------------------------------------------------------------------------


def test_the_seed_passes_the_integrity_check(seed: Dataset) -> None:
    assert seed.problems() == ()
    assert seed.validate() is seed


def test_every_quote_is_the_report_text_at_its_offsets(seed: Dataset) -> None:
    text = seed_report_text()
    quotes = [evidence for record in seed for evidence in _evidence(record)]
    assert len(quotes) > len(seed)
    for evidence in quotes:
        assert evidence.document == seed_document().id
        assert text[evidence.start : evidence.end] == evidence.quote
        assert evidence.end - evidence.start == len(evidence.quote)


def test_every_record_but_the_document_has_evidence_from_an_outlet(seed: Dataset) -> None:
    outlets = {"actor:reuters", "actor:tass"}
    for record in seed:
        assert record.evidence, record.id
        if not isinstance(record, Document):
            assert {evidence.reported_by for evidence in record.evidence} <= outlets, record.id


def test_quotes_attributed_to_tass_are_those_of_its_paragraph(seed: Dataset) -> None:
    tass_paragraph = seed_report_text().index("TASS reported")
    for record in seed:
        for evidence in _evidence(record):
            assert (evidence.reported_by == "actor:tass") == (evidence.start >= tass_paragraph), record.id


def test_every_actor_and_location_is_referenced_by_another_record(seed: Dataset) -> None:
    referenced: set[str] = set()
    for record in seed:
        referenced |= _referenced_ids(record) - {record.id}
    for record in seed:
        if isinstance(record, (Actor, Location)):
            assert record.id in referenced, f"{record.id} is referenced by no other record"


def test_the_round_trip_is_lossless(seed: Dataset) -> None:
    text = to_json(seed, indent=2)
    again = from_json(text, Dataset)
    assert again == seed
    assert to_json(again, indent=2) == text


# --- the document and its date ---------------------------------------------------------------------


def test_the_document_holds_the_report_and_says_its_publication_date_is_not_known() -> None:
    document = seed_document()
    assert document.text == seed_report_text()
    assert document.sha256 == sha256_of(seed_report_text())
    # The text relays Reuters' reporting and prints no date: when it was written is not known.
    assert document.published is None
    assert "Monday (July 5)" in seed_report_text()
    (why,) = [inference for inference in document.inferred if inference.field == "published"]
    years = candidate_years("Monday (July 5)", range(2001, 2031))
    assert 2021 in years
    assert ", ".join(map(str, years)) in why.reason
    assert "not known" in why.reason
    assert "relays Reuters" in why.reason


def test_every_date_the_report_words_is_marked_as_inferred(seed: Dataset) -> None:
    dated = 0
    for record in seed:
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if isinstance(value, DateSpan):
                dated += 1
                assert value.text is not None, record.id
                assert value.text.lower() in seed_report_text().lower(), record.id
                assert field.name in {inference.field for inference in record.inferred}, record.id
    assert dated >= 8


@pytest.mark.parametrize(
    ("record_id", "earliest", "latest", "phrase"),
    [
        ("move:tajik-reservists-mobilized", date(2021, 7, 5), date(2021, 7, 5), "Monday (July 5)"),
        ("move:afghan-forces-crossed-more-than-a-thousand", date(2021, 7, 4), date(2021, 7, 4), "Sunday"),
        ("move:us-withdrew-from-bagram", date(2021, 7, 2), date(2021, 7, 3), "Two days ago"),
        ("move:foreign-troops-out-by-sept-11", date(2021, 7, 5), date(2021, 9, 11), "by Sept. 11"),
        ("stmt:ghani-calls-rahmon", date(2021, 7, 4), date(2021, 7, 4), "On Sunday"),
        ("stmt:government-sources-refugee-camps", date(2021, 7, 5), date(2021, 7, 5), "earlier on Monday"),
    ],
)
def test_relative_dates_are_resolved_against_the_reports_monday_july_5(
    seed: Dataset, record_id: str, earliest: date, latest: date, phrase: str
) -> None:
    record = seed[record_id]
    assert isinstance(record, (MilitaryMovement, Statement))
    assert record.date is not None
    assert (record.date.earliest, record.date.latest, record.date.text) == (earliest, latest, phrase)


# --- coverage --------------------------------------------------------------------------------------


def _quantity_texts(seed: Dataset) -> set[tuple[str | None, str, Qualifier]]:
    return {
        (quantity.text, quantity.unit, quantity.qualifier)
        for record in seed
        for quantity in _quantities(record)
    }


@pytest.mark.parametrize(
    ("text", "unit", "qualifier"),
    [
        ("20,000", "reservists", Qualifier.EXACT),
        ("1,037", "Afghan troops", Qualifier.EXACT),
        ("more than a thousand", "members of Afghan security forces", Qualifier.MORE_THAN),
        ("152", "people", Qualifier.EXACT),
        ("26", "districts", Qualifier.EXACT),
        ("28", "districts", Qualifier.EXACT),
        ("six", "districts", Qualifier.EXACT),
        ("three", "districts", Qualifier.EXACT),
        ("Hundreds", "members of Afghan security forces", Qualifier.HUNDREDS),
        ("hundreds", "people", Qualifier.HUNDREDS),
        ("dozens", "members of Afghan security forces", Qualifier.DOZENS),
    ],
)
def test_the_reported_counts_are_present(seed: Dataset, text: str, unit: str, qualifier: Qualifier) -> None:
    assert (text, unit, qualifier) in _quantity_texts(seed)


def test_quantities_are_worded_as_in_their_evidence(seed: Dataset) -> None:
    for record in seed:
        quotes = " ".join(evidence.quote for evidence in record.evidence)
        for quantity in _quantities(record):
            assert quantity.text is not None, record.id
            assert quantity.text in quotes, record.id


def test_conflicting_figures_for_the_crossing_are_separate_records(seed: Dataset) -> None:
    more_than = seed["move:afghan-forces-crossed-more-than-a-thousand"]
    exact = seed["move:afghan-troops-crossed-1037"]
    assert isinstance(more_than, MilitaryMovement)
    assert isinstance(exact, MilitaryMovement)
    assert more_than.size == Quantity(
        low=1000,
        qualifier=Qualifier.MORE_THAN,
        unit="members of Afghan security forces",
        text="more than a thousand",
    )
    assert exact.size == Quantity(best=1037, unit="Afghan troops", text="1,037")
    assert exact.permitted_by == "actor:tajikistan"
    assert {e.attributed_to for e in exact.evidence} == {"actor:tajikistan-border-service"}
    assert not {e.quote for e in exact.evidence} & {e.quote for e in more_than.evidence}


def test_26_of_28_districts_has_count_total_and_unit(seed: Dataset) -> None:
    claim = seed["ctrl:badakhshan-26-of-28-districts-captured"]
    assert isinstance(claim, TerritorialControl)
    assert (claim.count, claim.total) == (
        Quantity(best=26, unit="districts", text="26"),
        Quantity(best=28, unit="districts", text="28"),
    )
    assert (claim.territory, claim.controller) == ("loc:badakhshan", "actor:taliban")


def test_the_named_people_have_titles(seed: Dataset) -> None:
    names = {actor.name: actor.title for actor in seed.of_type(Actor)}
    for name in ("Rahmon", "Vladimir Putin", "Ghani", "Mirziyoyev", "Tokaev", "Mohib", "Zabihullah Atik"):
        assert names[name], name


@pytest.mark.parametrize(
    ("location_id", "country", "subdivision", "parent"),
    [
        ("loc:afghanistan", "AF", None, None),
        ("loc:tajikistan", "TJ", None, None),
        ("loc:badakhshan", "AF", "AF-BDS", "loc:northern-afghanistan"),
        ("loc:ishkashim", "AF", "AF-BDS", "loc:badakhshan"),
        ("loc:dushanbe", "TJ", None, "loc:tajikistan"),
        ("loc:moscow", "RU", None, "loc:russia"),
        ("loc:mazar-e-sharif", "AF", None, "loc:northern-afghanistan"),
        ("loc:bagram-airfield", "AF", None, "loc:afghanistan"),
    ],
)
def test_locations_have_codes_and_parents(
    seed: Dataset, location_id: str, country: str, subdivision: str | None, parent: str | None
) -> None:
    location = seed[location_id]
    assert isinstance(location, Location)
    assert (location.country, location.subdivision, location.parent) == (country, subdivision, parent)


def test_districts_carry_their_province_code_and_every_code_is_marked_inferred(seed: Dataset) -> None:
    for location in seed.of_type(Location):
        if location.kind is LocationKind.DISTRICT:
            # ISO 3166-2 stops at provinces: a district carries the code of the province it lies in.
            assert location.parent is not None
            province = seed[location.parent]
            assert isinstance(province, Location)
            assert location.subdivision == province.subdivision is not None
        inferred = {inference.field for inference in location.inferred}
        for field in ("country", "subdivision", "parent"):
            if field != "parent" or location.kind is LocationKind.DISTRICT:
                assert getattr(location, field) is None or field in inferred, (location.id, field)


def test_statements_quote_verbatim_and_link_what_they_support(seed: Dataset) -> None:
    statements = seed.of_type(Statement)
    assert len(statements) >= 15
    for statement in statements:
        if statement.quote is not None:
            assert any(statement.quote in evidence.quote for evidence in statement.evidence), statement.id
    linked = {record_id for statement in statements for record_id in statement.about}
    for record in (*seed.of_type(TerritorialControl), seed["move:afghan-troops-crossed-1037"]):
        assert record.id in linked, record.id


_CHANNEL_WORDS = {
    StatementChannel.PHONE_CALL: ("phone",),
    StatementChannel.TOLD_REPORTER: ("told",),
    StatementChannel.MEDIA_REPORT: ("reported",),
    StatementChannel.OFFICIAL_STATEMENT: ("statement",),
    StatementChannel.MEETING: ("meeting", "talks"),
}


def test_statement_channels_and_addressees_the_quotes_do_not_state_are_marked_inferred(seed: Dataset) -> None:
    for statement in seed.of_type(Statement):
        quotes = " ".join(evidence.quote for evidence in statement.evidence).lower()
        inferred = {inference.field for inference in statement.inferred}
        words = _CHANNEL_WORDS.get(statement.channel, ())
        if words and not any(word in quotes for word in words):
            assert "channel" in inferred, statement.id
        if statement.addressee is not None:
            addressee = seed[statement.addressee]
            assert isinstance(addressee, Actor)
            if not any(name.lower() in quotes for name in (addressee.name, *addressee.aliases)):
                assert "addressee" in inferred, statement.id


def test_the_people_who_fled_are_not_claimed_to_be_civilians(seed: Dataset) -> None:
    people = seed["actor:people-fleeing"]
    assert isinstance(people, Actor)
    assert people.kind is ActorKind.UNIDENTIFIED


def test_the_1037_and_the_152_were_both_permitted_by_tajikistan(seed: Dataset) -> None:
    crossings = [seed["move:afghan-troops-crossed-1037"], seed["move:people-entered-from-ishkashim-152"]]
    assert [movement.permitted_by for movement in crossings if isinstance(movement, MilitaryMovement)] == [
        "actor:tajikistan",
        "actor:tajikistan",
    ]
