"""The quick paths of the crosswalk imports and of JSON Lines output give what the plain paths give.

Three routes exist for speed alone, each checked here against the route it stands in for:

- ``acled._plain_row``, the quick check of a row, against ``acled._check_row`` (the same row, or
  ``None`` so that the full check decides and words the problems);
- ``building.builder(cls)``, which the importers make records with, against ``cls(...)``;
- ``json_text`` and ``json_lines``, which ``convert`` writes JSON Lines with, against
  ``json.dumps(to_dict(record), ensure_ascii=False)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import strategies as cks
from conflictkit.cli.command import main
from conflictkit.crosswalk import acled, building, ucdp
from conflictkit.crosswalk.building import builder
from conflictkit.crosswalk.rows import iter_csv
from conflictkit.io.converter import to_dict
from conflictkit.io.json_text import json_lines, json_text

DATA = Path(__file__).parent / "data" / "crosswalk"
ACLED_FILES = [DATA / "acled.csv", *sorted((DATA / "vintages").glob("acled_*.csv"))]


def acled_rows() -> list[tuple[str, int, dict[str, str]]]:
    return [
        (path.name, number, row)
        for path in ACLED_FILES
        for number, row in enumerate(iter_csv(path, bad_rows="yield"), start=1)
    ]


def checked(row: dict[str, Any], number: int) -> Any:
    try:
        return acled._check_row(row, number)
    except ck.TabularError as error:
        return error


# --- the quick check of a row ----------------------------------------------------------------------


def test_the_quick_check_gives_the_full_checks_row_or_leaves_the_row_to_it() -> None:
    taken = 0
    for name, number, row in acled_rows():
        if isinstance(row, ck.crosswalk.rows.UnreadRow):
            continue
        quick = acled._plain_row(row, number)
        if quick is not None:
            taken += 1
            assert quick == acled._check_row(row, number), (name, number)
    assert taken >= 20  # the fixture's rows of today's columns take it


def test_the_quick_check_takes_every_category_and_precision_of_the_fixture() -> None:
    rows = list(iter_csv(DATA / "acled.csv"))
    quick = [acled._plain_row(row, number) for number, row in enumerate(rows, start=1)]
    assert all(row is not None for row in quick)
    taken = [row for row in quick if row is not None]
    assert {(row.event_type, row.sub_event_type) for row in taken} == set(acled.REPRESENTATIONS)
    assert {row.precision for row in taken} == set(acled.TIME_PRECISION.value_of.values())
    assert {row.geo_precision for row in taken} == set(acled.GEO_PRECISION.value_of.values())


SPOILERS = ["", " ", "NA", "0", "-1", "3.0", "x", "1e3", "99999999999999999999", "2020-02-30", "\ud800", 7]


@pytest.mark.parametrize("spoiler", SPOILERS, ids=repr)
def test_the_quick_check_never_takes_a_row_the_full_check_refuses(spoiler: Any) -> None:
    # Every cell of every fixture row spoiled in turn: where the full check refuses the row, the
    # quick one must leave it to it; where it accepts it, the quick one gives the same or nothing.
    rows = list(iter_csv(DATA / "acled.csv"))
    for number, row in enumerate(rows, start=1):
        for column in row:
            spoiled = {**row, column: spoiler}
            quick = acled._plain_row(spoiled, number)
            if quick is not None:
                assert quick == checked(spoiled, number), (number, column)


def test_a_row_with_a_column_name_that_is_not_text_gets_the_full_check() -> None:
    row: dict[Any, Any] = {**next(iter(iter_csv(DATA / "acled.csv"))), 7: "x"}
    assert acled._plain_row(row, 1) is None
    [kept] = acled.import_records([row]).of_type(acled.AcledEvent)
    assert kept.columns == (ck.crosswalk.rows.KeptColumn(column="7", value="x"),)  # as before


@given(st.data())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_the_quick_check_on_any_cell_text(data: st.DataObject) -> None:
    rows = list(iter_csv(DATA / "acled.csv"))
    number = data.draw(st.integers(min_value=1, max_value=len(rows)))
    row = rows[number - 1]
    column = data.draw(st.sampled_from(sorted(row)))
    cell = data.draw(
        st.one_of(st.text(max_size=12), st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True))
    )
    spoiled = {**row, column: cell}
    quick = acled._plain_row(spoiled, number)
    if quick is not None:
        assert quick == checked(spoiled, number)


# --- building records --------------------------------------------------------------------------------


def plain_import(rows: list[dict[str, str]], module: Any, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    with monkeypatch.context() as patch:
        patch.setattr(module, "builder", lambda cls: cls)  # every record through its constructor
        return list(module.iter_import(rows))


@pytest.mark.parametrize(("module", "path"), [(acled, DATA / "acled.csv"), (ucdp, DATA / "ucdp_ged.csv")])
def test_records_built_quickly_equal_those_of_the_constructors(
    module: Any, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(iter_csv(path))
    quick = list(module.iter_import(rows))
    plain = plain_import(rows, module, monkeypatch)
    assert [type(record) for record in quick] == [type(record) for record in plain]
    assert quick == plain
    assert [json.dumps(to_dict(record)) for record in quick] == [
        json.dumps(to_dict(record)) for record in plain
    ]


def test_the_fixture_makes_every_record_type_the_importer_builds() -> None:
    made = {type(record) for record in acled.iter_import(iter_csv(DATA / "acled.csv"))}
    assert {
        ck.Incident,
        ck.Interaction,
        ck.TerritorialControl,
        ck.Statement,
        ck.Document,
        acled.AcledEvent,
    } <= made


@pytest.mark.parametrize(
    ("cls", "arguments"),
    [
        (ck.Incident, {"id": "x", "kind": ck.IncidentKind.ATTACK, "perpetrators": ["a:b", "a:b"]}),
        (ck.Incident, {"id": "bad id", "kind": "attack", "targets": ("a:b",), "location": 3}),
        (ck.Document, {"id": "doc:1", "title": " ", "text": "x\ud800"}),
        (ck.Quantity, {"best": 3, "low": 5, "unit": ""}),
        (
            acled.AcledEvent,
            {"id": "r:1", "describes": (), "event_id_cnty": "", "event_type": "x", "country": "y"},
        ),
    ],
)
def test_a_builder_refuses_what_the_constructor_refuses_with_the_same_error(
    cls: type, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ck.ValidationError) as plain:
        cls(**arguments)
    with pytest.raises(ck.ValidationError) as quick:
        builder(cls)(**arguments)
    assert str(quick.value) == str(plain.value)
    assert quick.value.problems == plain.value.problems


@given(cks.records())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_a_builder_makes_what_the_constructor_makes(record: ck.Record) -> None:
    cls = type(record)
    arguments = {field.alias: getattr(record, field.name) for field in attrs.fields(cls) if field.init}
    built = builder(cls)(**arguments)
    assert type(built) is cls
    assert built == cls(**arguments) == record


def test_a_class_whose_init_does_more_is_built_by_its_constructor() -> None:
    @attrs.frozen(kw_only=True)
    class Checked(ck.Actor, type_tag="test_quick.checked"):
        rank: int = attrs.field(default=0, validator=attrs.validators.ge(0))

    assert builder(Checked) is Checked
    assert builder(ck.Actor) is not ck.Actor
    assert building._BUILDERS  # generated once, then kept (bounded by the registry's limit)


# --- JSON text -----------------------------------------------------------------------------------------


def dumped(record: Any) -> str:
    with ck.core.verbatim.splicing() as splices:
        document = to_dict(record)
    return splices.splice(json.dumps(document, ensure_ascii=False))


def fixture_records() -> list[Any]:
    records: list[Any] = list(acled.iter_import(iter_csv(DATA / "acled.csv")))
    records += list(ucdp.iter_import(iter_csv(DATA / "ucdp_ged.csv")))
    records += list(ck.load_seed().records)
    return records


def test_json_text_is_what_json_dumps_writes_for_every_fixture_record() -> None:
    records = fixture_records()
    assert {type(record).__name__ for record in records} >= {
        "Actor", "Location", "Document", "Statement", "MilitaryMovement", "TerritorialControl",
        "Incident", "Interaction", "Relation", "AcledEvent", "UcdpEvent",
    }  # fmt: skip
    for record in records:
        assert json_text(record) == dumped(record)
    assert json_lines(records) == "".join(dumped(record) + "\n" for record in records)


@given(cks.records())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_json_text_is_what_json_dumps_writes_for_any_record(record: ck.Record) -> None:
    assert json_text(record) == dumped(record)
    assert json_text(record, separators=(",", ":")) == json.dumps(
        to_dict(record), ensure_ascii=False, separators=(",", ":")
    )


@given(st.one_of(cks.quantities(), cks.date_spans(), cks.casualties(), cks.coordinates()))
def test_json_text_of_values(value: Any) -> None:
    assert json_text(value) == json.dumps(to_dict(value), ensure_ascii=False)


def test_json_text_of_a_subclass_an_unknown_record_and_text_to_escape() -> None:
    @attrs.frozen(kw_only=True)
    class Strike(ck.Incident, type_tag="test_quick.strike"):
        aircraft: str = "unknown"
        sorties: int | None = None

    strike = Strike(
        id="s:1",
        kind=ck.IncidentKind.AIR_STRIKE,
        aircraft='Su-25 "Frogfoot"\n\u2028é',
        sorties=4,
    )
    unknown = '{"type": "other.thing", "id": "o:1", "n": 1.50, "big": 123456789012345678901234567890}'
    [opaque] = ck.iter_jsonl([unknown], ck.Record, keep_unknown=True)
    for record in (
        strike,
        opaque,
        ck.Quantity(best=2.5e16, low=1e16, unit="troops", qualifier=ck.Qualifier.ABOUT),
        ck.Quantity(best=1.5, unit="km", text="1.5"),
    ):
        assert json_text(record) == dumped(record)
    assert json_lines([strike, opaque]) == f"{dumped(strike)}\n{dumped(opaque)}\n"
    assert '"n":1.50' in json_text(opaque)  # kept as it came in (compact), as before


def test_json_text_refuses_what_to_dict_refuses() -> None:
    with pytest.raises(TypeError, match="not a record"):
        json_text([ck.Quantity(best=1, unit="people")])  # type: ignore[arg-type]


def test_convert_writes_what_json_dumps_of_each_record_gives(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    assert (
        main(
            ["convert", str(DATA / "acled.csv"), "--from", "acled", "--to", "conflictkit", "-o", str(target)]
        )
        == 0
    )
    expected = "".join(
        json.dumps(to_dict(record), ensure_ascii=False) + "\n"
        for record in acled.iter_import(iter_csv(DATA / "acled.csv"))
    )
    assert target.read_text(encoding="utf-8") == expected
