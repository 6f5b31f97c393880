"""ACLED files as their publishers and users really write them, one fixture per vintage.

Each fixture under ``data/crosswalk/vintages/`` imitates one published shape (header spelling and
order, date spelling, quoting, line endings, NA, index column, deleted columns) with invented rows.
Each imports with every row accepted and comes back with every column equal.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit import CellProblem, TabularError
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.crosswalk.losses import Loss
from conflictkit.crosswalk.rows import iter_csv

VINTAGES = Path(__file__).parent / "data" / "crosswalk" / "vintages"
ACLED_FILES = {
    "acled_2015_regional.csv": "ACLED, upper-case columns with gwno and ally_actor_n (2016 and before)",
    "acled_2016_pandas.csv": (
        "ACLED, lower-case columns with gwno and ally_actor_n (2016 and before), with an index column"
    ),
    "acled_2020_export_tool.csv": "ACLED, export tool columns with data_id and iso3 (2019 to 2022)",
    "acled_2020_excel.csv": "ACLED, export tool columns with data_id and iso3 (2019 to 2022)",
    "acled_2023_r.csv": "ACLED, 31 columns with disorder_type (2023 and later)",
    "acled_2024_labels.csv": (
        "ACLED, 31 columns with disorder_type (2023 and later), without actor2, assoc_actor_2, inter2"
    ),
}
REVISED = {"acled_2023_r.csv": 1}  # files with a row a later row revises: the earlier row's number


def ignore(loss: Loss) -> None:
    """Losses a test does not look at."""


def no_loss(loss: Loss) -> None:
    pytest.fail(f"unexpected loss: {loss}")


def read(name: str) -> list[dict[str, str]]:
    return list(iter_csv(VINTAGES / name))


def event_id(row: Mapping[str, str]) -> str:
    return row.get("event_id_cnty") or row["EVENT_ID_CNTY"]


def differences(
    rows: list[dict[str, str]], exported: list[dict[str, str]]
) -> list[tuple[str, str, str, str]]:
    """Each (event id, column, cell read, cell written) where the export differs from the file."""
    by_id = {row["event_id_cnty"]: row for row in exported}
    found = []
    for row in rows:
        out = by_id.get(event_id(row), {})
        for column, cell in row.items():
            name = column.lower().replace("ally_actor", "assoc_actor")
            if name in ("", "unnamed: 0"):
                continue  # the index column a data-frame library wrote
            if out.get(name) != cell:
                found.append((event_id(row), column, cell, out.get(name, "<missing>")))
    return found


@pytest.mark.parametrize("name", sorted(ACLED_FILES))
def test_every_vintage_imports_and_comes_back_with_every_column(name: str) -> None:
    rows = read(name)
    bad: list[TabularError] = []
    dataset = acled.import_records(rows, on_error=bad.append)
    revised = REVISED.get(name)
    assert [error.rows for error in bad] == ([] if revised is None else [(revised,)])
    assert dataset.problems() == ()
    losses: list[Loss] = []
    exported = acled.export_records(dataset, on_loss=losses.append)
    assert losses == []
    kept = [row for number, row in enumerate(rows, start=1) if number != revised]
    assert len(exported) == len(kept)
    assert differences(kept, exported) == []


@pytest.mark.parametrize("name", sorted(set(ACLED_FILES) - set(REVISED)))
def test_every_vintage_imports_in_strict_mode_and_streams(name: str) -> None:
    rows = read(name)
    dataset = acled.import_records(rows)
    records = list(acled.iter_import(iter(rows)))
    assert records == list(dataset.records)
    exported = list(acled.iter_export(iter(records), on_loss=no_loss))
    assert differences(rows, exported) == []


@pytest.mark.parametrize("name", sorted(ACLED_FILES))
def test_the_vintage_is_recognised_from_the_header(name: str) -> None:
    assert acled.vintage_of(read(name)[0]) == ACLED_FILES[name]


def test_a_repeated_event_id_is_an_error_naming_both_rows_in_strict_mode() -> None:
    rows = read("acled_2023_r.csv")
    with pytest.raises(TabularError) as caught:
        acled.import_records(rows)
    [problem] = caught.value.problems
    assert isinstance(problem, CellProblem)
    assert (problem.row, problem.column) == (6, "event_id_cnty")
    assert "of row 1" in problem.message
    bad: list[TabularError] = []  # a stream cannot take back row 1: the repeat is the bad row
    records = list(acled.iter_import(iter(rows), on_error=bad.append))
    assert [error.rows for error in bad] == [(6,)]
    assert "AFG70101" in {record.id for record in records}


def test_lenient_mode_keeps_the_later_revised_row() -> None:
    bad: list[TabularError] = []
    dataset = acled.import_records(read("acled_2023_r.csv"), on_error=bad.append)
    [error] = bad
    assert "is repeated by row 6, a revised row: the later row is kept" in str(error)
    clash = dataset["AFG70101"]
    assert isinstance(clash, ck.Incident)
    assert clash.casualties[0].killed == ck.Quantity(best=3, unit="people")


def test_a_bad_later_row_does_not_replace_a_good_one() -> None:
    rows = read("acled_2023_r.csv")
    bad: list[TabularError] = []
    dataset = acled.import_records([rows[0], dict(rows[5], fatalities="-1")], on_error=bad.append)
    assert [error.rows for error in bad] == [(2,)]
    clash = dataset["AFG70101"]
    assert isinstance(clash, ck.Incident)
    assert clash.casualties[0].killed == ck.Quantity(best=2, unit="people")
    assert dataset.problems() == ()


def test_the_2015_file_reads_gwno_ally_actors_and_the_event_types_before_2019() -> None:
    rows = read("acled_2015_regional.csv")
    assert (VINTAGES / "acled_2015_regional.csv").read_bytes().count(b"\r\n") == len(rows) + 1
    assert {row["EVENT_TYPE"] for row in rows} == set(acled.LEGACY_REPRESENTATIONS)
    dataset = acled.import_records(rows)
    place = dataset["acled:loc:Khorugh"]
    assert isinstance(place, ck.Location)
    assert place.country == "TJ"  # from GWNO 702: the file has no iso
    regained = dataset["AFG204"]
    assert isinstance(regained, ck.TerritorialControl)
    assert regained.change is ck.ControlChange.RETAKEN
    kept = dataset["acled:row:AFG204"]
    assert isinstance(kept, acled.AcledEvent)
    assert (kept.sub_event_type, kept.assoc_actor_1, kept.iso) == (
        None,
        "Police Forces of Afghanistan (2004-2021)",
        None,
    )
    assert kept.event_date == "07-January-2015"
    assert kept.latitude == "36.70630"  # written back as spelled, not as 36.7063
    assert [(column.column, column.value) for column in kept.columns] == [
        ("gwno", "700"),
        ("event_id_no_cnty", "204"),
    ]


def test_an_actor_named_on_both_sides_keeps_both_sides() -> None:
    dataset = acled.import_records(read("acled_2015_regional.csv"))
    clash = dataset["AFG212"]
    assert isinstance(clash, ck.Incident)
    [first], [second] = clash.perpetrators, clash.targets
    assert first != second
    assert {dataset[first].name, dataset[second].name} == {"Taliban"}  # type: ignore[attr-defined]
    assert acled.export_records(dataset, on_loss=no_loss)[11]["actor2"] == "Taliban"


def test_the_same_name_with_another_actor_kind_is_another_actor() -> None:
    # The Taliban are a rebel group (2) in one row and the state's force (1) in another.
    dataset = acled.import_records(read("acled_2023_r.csv")[:4])
    first, second = dataset["AFG70101"], dataset["AFG70102"]
    assert isinstance(first, ck.Incident)
    assert isinstance(second, ck.Incident)
    group, force = dataset[first.perpetrators[0]], dataset[second.perpetrators[0]]
    assert isinstance(group, ck.Actor)
    assert isinstance(force, ck.Actor)
    assert (group.name, group.kind) == ("Taliban", ck.ActorKind.ARMED_GROUP)
    assert (force.name, force.kind) == ("Taliban", ck.ActorKind.ARMED_FORCE)
    exported = acled.export_records(dataset, on_loss=no_loss)
    assert [row["inter1"] for row in exported] == ["2", "1", "6", "1"]


def test_associated_actors_keep_their_order_and_repeats() -> None:
    rows = read("acled_2023_r.csv")[:5]
    assert rows[2]["assoc_actor_1"] == "Women (Afghanistan); Students (Afghanistan); Women (Afghanistan)"
    exported = acled.export_records(acled.import_records(rows), on_loss=no_loss)
    assert [row["assoc_actor_1"] for row in exported] == [row["assoc_actor_1"] for row in rows]


def test_na_is_empty_and_written_back_as_na() -> None:
    rows = read("acled_2023_r.csv")[:1]
    assert rows[0]["assoc_actor_1"] == "NA"
    dataset = acled.import_records(rows)
    clash = dataset["AFG70101"]
    assert isinstance(clash, ck.Incident)
    assert len(clash.perpetrators) == 1  # no actor called "NA"
    assert acled.export_records(dataset)[0]["tags"] == "NA"


def test_text_labels_and_an_interaction_of_deleted_columns_are_kept() -> None:
    rows = read("acled_2024_labels.csv")
    assert "actor2" not in rows[0]
    assert rows[0]["interaction"] == "State forces-Rebel group"  # of the deleted inter2
    dataset = acled.import_records(rows)
    exported = acled.export_records(dataset, on_loss=no_loss)
    assert [row["interaction"] for row in exported] == [row["interaction"] for row in rows]
    assert [row["inter1"] for row in exported] == ["State forces", "Rioters", "Protesters", "State forces"]


def test_an_interaction_that_disagrees_with_the_inter_codes_is_kept_as_written() -> None:
    row = dict(read("acled_2020_export_tool.csv")[0], interaction="17")
    exported = acled.export_records(acled.import_records([row]), on_loss=no_loss)
    assert exported[0]["interaction"] == "17"


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("01-January-2015", "2015-01-01"),
        ("21 March 2020", "2020-03-21"),
        ("9-May-20", "2020-05-09"),
        ("2020-05-09", "2020-05-09"),
        ("28 December 2022", "2022-12-28"),
        ("9-Sep-99", "1999-09-09"),
    ],
)
def test_every_date_spelling_is_read_and_written_back(written: str, read_as: str) -> None:
    row = dict(read("acled_2020_export_tool.csv")[0], event_date=written, year=read_as[:4])
    dataset = acled.import_records([row])
    clash = dataset[row["event_id_cnty"]]
    assert isinstance(clash, ck.Incident)
    assert clash.date is not None
    assert clash.date.earliest.isoformat() == read_as
    assert acled.export_records(dataset)[0]["event_date"] == written


@pytest.mark.parametrize(
    "written", ["31-February-2015", "2020/05/09", "9-Mai-20", "May 9, 2020", "09-05-2020"]
)
def test_a_date_of_no_known_spelling_is_a_row_error(written: str) -> None:
    row = dict(read("acled_2020_export_tool.csv")[0], event_date=written, year="2020")
    with pytest.raises(TabularError) as caught:
        acled.import_records([row])
    assert [(p.row, p.column) for p in caught.value.problems if isinstance(p, CellProblem)] == [
        (1, "event_date")
    ]


def test_kosovo_has_iso_0_and_keeps_its_name() -> None:
    rows = read("acled_2020_export_tool.csv")
    kosovo = next(row for row in rows if row["iso"] == "0")
    dataset = acled.import_records([kosovo])
    place = next(iter(dataset.of_type(ck.Location)))
    assert place.country is None
    assert acled.export_records(dataset, on_loss=no_loss)[0]["country"] == "Kosovo"


def test_ids_that_slug_to_one_stay_apart() -> None:
    row = read("acled_2020_export_tool.csv")[0]
    dataset = acled.import_records([dict(row, event_id_cnty="AFG 1"), dict(row, event_id_cnty="AFG-1")])
    ids = [record.id for record in dataset.records]
    assert len(ids) == len(set(ids))
    exported = acled.export_records(dataset, on_loss=no_loss)
    assert [out["event_id_cnty"] for out in exported] == ["AFG 1", "AFG-1"]


def test_a_file_of_another_format_is_named() -> None:
    header = "id,relid,year,side_a,side_b,where_prec,best,high,low"
    rows = list(iter_csv(io.BytesIO(f"{header}\n1,AFG-1,2021,a,b,1,2,3,1\n".encode())))
    with pytest.raises(TabularError) as caught:
        acled.import_records(rows)
    assert "this is not an ACLED file: its header is that of a UCDP GED file" in str(caught.value)


def test_header_case_order_and_an_index_column_do_not_matter() -> None:
    row = read("acled_2020_export_tool.csv")[0]
    shuffled = list(row.items())
    random.Random(7).shuffle(shuffled)
    written = {"Unnamed: 0": "0", **{name.upper(): cell for name, cell in shuffled}}
    assert acled.export_records(acled.import_records([written]), on_loss=no_loss)[0] == {
        **dict.fromkeys(acled.COLUMNS, ""),
        **row,
    }


def test_a_column_twice_in_two_spellings_is_a_header_problem() -> None:
    row = dict(read("acled_2020_export_tool.csv")[0], ISO="4")
    with pytest.raises(TabularError, match="is the column 'iso' again"):
        acled.import_records([row])


# A property over the vintages' shapes: any row of any fixture, re-spelled as another vintage
# would write it, comes back with every column equal, or with a loss for its record.

ROWS = [(name, row) for name in sorted(ACLED_FILES) for row in read(name)]


@st.composite
def spelled_rows(draw: st.DrawFn) -> dict[str, str]:
    _, row = draw(st.sampled_from(ROWS))
    row = {name.lower().replace("ally_actor", "assoc_actor"): cell for name, cell in row.items() if name}
    day = acled_day(row)
    style = draw(st.sampled_from(["iso", "dash", "space", "excel"]))
    row["event_date"] = {
        "iso": day.isoformat(),
        "dash": f"{day.day:02d}-{day.strftime('%B')}-{day.year}",
        "space": f"{day.day} {day.strftime('%B')} {day.year}",
        "excel": f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}",
    }[style]
    for column in ("latitude", "longitude"):
        row[column] = row[column] + "0" * draw(st.integers(0, 2)) if "." in row[column] else row[column]
    if draw(st.booleans()):
        row = {name: cell or "NA" for name, cell in row.items()}
    if draw(st.booleans()):
        row = {name.upper(): cell for name, cell in row.items()}
    return row


def acled_day(row: Mapping[str, str]) -> date:
    for spelling in ("%Y-%m-%d", "%d-%B-%Y", "%d %B %Y", "%d-%b-%y"):
        try:
            return datetime.strptime(row["event_date"], spelling).date()
        except ValueError:
            continue
    raise AssertionError(row["event_date"])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        spelled_rows(),
        min_size=1,
        max_size=4,
        unique_by=lambda row: event_id({k.lower(): v for k, v in row.items()}),
    )
)
def test_rows_of_every_shape_come_back_with_every_column_or_a_loss(rows: list[dict[str, str]]) -> None:
    dataset = acled.import_records(rows)
    losses: list[Loss] = []
    exported = acled.export_records(dataset, on_loss=losses.append)
    lost = {loss.record for loss in losses}
    by_id = {row["event_id_cnty"]: row for row in exported}
    for row in rows:
        lower = {name.lower(): cell for name, cell in row.items()}
        out = by_id[lower["event_id_cnty"]]
        for column, cell in lower.items():
            assert out.get(column) == cell or lower["event_id_cnty"] in lost, (column, cell, out.get(column))


# The command line on the vintages


def convert(*argv: str) -> int:
    from conflictkit.cli.command import main

    return main(["convert", *argv])


@pytest.mark.parametrize("name", sorted(set(ACLED_FILES) - set(REVISED)))
def test_convert_reads_every_vintage_and_names_it(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records, back = tmp_path / "records.jsonl", tmp_path / "back.csv"
    assert convert(str(VINTAGES / name), "--from", "acled", "--to", "conflictkit", "-o", str(records)) == 0
    assert convert(str(records), "--from", "conflictkit", "--to", "acled", "-o", str(back)) == 0
    err = capsys.readouterr().err
    assert f"recognised: {ACLED_FILES[name]}" in err
    assert "problem" not in err
    assert differences(read(name), read_back(back)) == []


def read_back(path: Path) -> list[dict[str, str]]:
    return list(iter_csv(path))


def test_convert_names_the_columns_it_keeps_and_writes_them_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records, back = tmp_path / "records.jsonl", tmp_path / "back.csv"
    source = VINTAGES / "acled_2020_export_tool.csv"
    assert convert(str(source), "--from", "acled", "--to", "conflictkit", "-o", str(records)) == 0
    assert "columns conflictkit does not model, kept on each row: data_id, event_id_no_cnty, iso3" in (
        capsys.readouterr().err
    )
    assert convert(str(records), "--from", "conflictkit", "--to", "acled", "-o", str(back)) == 0
    header = back.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*acled.COLUMNS, "data_id", "event_id_no_cnty", "iso3"]


def test_each_distinct_problem_is_printed_once_with_its_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (VINTAGES / "acled_2020_export_tool.csv").read_text(encoding="utf-8")
    source = tmp_path / "bad.csv"
    source.write_text(
        text.replace(",1,Pajhwok", ",4,Pajhwok").replace(",2,Tolo", ",4,Tolo"), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert convert(str(source), "--from", "acled", "--to", "conflictkit", "--keep-going", "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert "3 rows, column 'geo_precision': unknown code '4'" in err
    assert "(rows 1, 2, 4)" in err
    assert err.count("unknown code '4'") == 1


def test_losses_go_to_a_json_lines_file(tmp_path: Path) -> None:
    seed = Path(ck.__file__).parent / "data" / "2021-07-05-reuters-tajikistan-mobilises-reservists.json"
    losses = tmp_path / "losses.jsonl"
    out = tmp_path / "seed.csv"
    argv = ["--from", "conflictkit", "--to", "acled", "--default-date", "2021-07-05", "-o", str(out)]
    assert convert(str(seed), *argv, "--losses", str(losses)) == 0
    lines = [json.loads(line) for line in losses.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 10
    assert set(lines[0]) == {"record", "field", "format", "reason"}
    assert {"record": "stmt:putin-assures-rahmon", "field": None, "format": "acled"} in [
        {key: line[key] for key in ("record", "field", "format")} for line in lines
    ]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("damage", "row", "column"),
    [
        (lambda lines: [*lines[:-1], lines[-1][: lines[-1].index(",Protesters")]], 6, "actor1"),  # truncated
        (
            lambda lines: [lines[0], lines[1].replace("Ishkashim", "Ish\x00kashim", 1), *lines[2:]],
            1,
            "admin2",
        ),
        (
            lambda lines: [
                *lines[:2],
                lines[2].replace(",3,1585000102", "," + "9" * 5000 + ",1585000102"),
                *lines[3:],
            ],
            2,
            "fatalities",
        ),
    ],
)
def test_a_damaged_row_is_a_row_error_and_keep_going_reads_on(
    damage: Any, row: int, column: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (VINTAGES / "acled_2020_export_tool.csv").read_text(encoding="utf-8").splitlines()
    source = tmp_path / "damaged.csv"
    source.write_text("\n".join(damage(lines)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for keep_going in ((), ("--keep-going",)):
        assert (
            convert(str(source), "--from", "acled", "--to", "conflictkit", *keep_going, "-o", str(out)) == 1
        )
        err = capsys.readouterr().err
        assert f"row {row}, column {column!r}" in err
        assert "Traceback" not in err
    written = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(record_id.startswith("acled:row:") for record_id in written) == 5  # every other row


def test_a_ucdp_file_given_as_acled_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ged = Path(__file__).parent / "data" / "crosswalk" / "ucdp_ged.csv"
    assert convert(str(ged), "--from", "acled", "--to", "conflictkit", "-o", str(tmp_path / "o.jsonl")) == 1
    err = capsys.readouterr().err
    assert "this is not an ACLED file: its header is that of a UCDP GED file" in err
    assert err.count("UCDP GED file") == 1


# UCDP GED releases


def test_ids_made_for_a_failed_row_are_given_up() -> None:
    from conflictkit.crosswalk.building import Ids

    ids = Ids("acled:actor:")
    assert ids.of("Taliban") == ("acled:actor:Taliban", True)
    ids.forget("Taliban")
    assert ids.of("Taliban") == ("acled:actor:Taliban", True)


UCDP_23_1 = VINTAGES / "ucdp_ged_23_1.csv"


def test_a_ged_release_imports_best_0_and_low_above_best_as_published() -> None:
    rows = read("ucdp_ged_23_1.csv")
    assert len(rows[0]) == 49
    assert (rows[0]["best"], rows[0]["high"], rows[0]["number_of_sources"]) == ("0", "2", "-1")
    assert (rows[1]["low"], rows[1]["best"]) == ("4", "3")
    assert rows[0]["date_start"].endswith(" 00:00:00.000")
    dataset = ucdp.import_records(rows)
    assert dataset.problems() == ()
    quiet = dataset["ucdp:row:520101"]
    assert isinstance(quiet, ucdp.UcdpEvent)
    assert (quiet.low, quiet.high, quiet.quality) == (0, 2, ())
    odd = dataset["ucdp:row:520102"]
    assert isinstance(odd, ucdp.UcdpEvent)
    assert odd.quality == ("low (4) is above best (3) as published; both are kept as they are",)
    losses: list[Loss] = []
    assert ucdp.export_records(dataset, on_loss=losses.append) == rows
    assert losses == []


def test_a_ged_row_with_best_above_high_is_refused_naming_the_three_columns() -> None:
    row = dict(read("ucdp_ged_23_1.csv")[1], high="2", low="1")
    with pytest.raises(TabularError, match=r"best \(3\) <= high \(2\) must hold \(low is 1\)"):
        ucdp.import_records([row])
    bad: list[TabularError] = []
    kept = ucdp.import_records([row, read("ucdp_ged_23_1.csv")[2]], on_error=bad.append)
    assert [error.rows for error in bad] == [(1,)]
    assert "ucdp:ged:520103" in kept


def test_an_older_ged_release_with_columns_of_its_own_is_read_and_written_back() -> None:
    rows = [
        {name: cell for name, cell in row.items() if name not in ("gwnoa", "gwnob", "geom_wkt")}
        | {"version": "20.1"}
        for row in read("ucdp_ged_23_1.csv")
    ]
    assert ucdp.release_of(rows[0]) == (
        "UCDP GED, 46 of the 49 columns (an older or candidate release), without geom_wkt, gwnoa, gwnob,"
        " with version (kept as written)"
    )
    dataset = ucdp.import_records(rows)
    exported = ucdp.export_records(dataset, on_loss=no_loss)
    assert [{name: out[name] for name in row} for row, out in zip(rows, exported, strict=True)] == rows


def test_a_repeated_ged_id_is_a_row_error_naming_both_rows() -> None:
    rows = read("ucdp_ged_23_1.csv")
    with pytest.raises(TabularError, match="row 3, column 'id': repeats the id 520101 of row 1"):
        ucdp.import_records([*rows[:2], rows[0]])


def test_an_acled_file_given_as_ucdp_is_named() -> None:
    with pytest.raises(
        TabularError, match="this is not a UCDP GED file: its header is that of an ACLED file"
    ):
        ucdp.import_records(read("acled_2020_export_tool.csv")[:1])


def test_convert_names_the_ged_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records, back = tmp_path / "records.jsonl", tmp_path / "back.csv"
    assert convert(str(UCDP_23_1), "--from", "ucdp", "--to", "conflictkit", "-o", str(records)) == 0
    assert "recognised: UCDP GED, the 49 columns of 23.1 and later" in capsys.readouterr().err
    assert convert(str(records), "--from", "conflictkit", "--to", "ucdp", "-o", str(back)) == 0
    assert back.read_bytes().replace(b"\r\n", b"\n") == UCDP_23_1.read_bytes()


# PLOVER gold-standard records and POLECAT releases

GOLD = VINTAGES / "plover_gold_0_5b1.jsonl"
POLECAT = VINTAGES / "polecat_release.tsv"


def gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_gold_standard_records_import_and_come_back_with_every_key() -> None:
    records = gold()
    assert all(record["version"] == "0.5b1" and "textInfo" in record for record in records)
    assert {type(record["context"]).__name__ for record in records} == {"str", "list"}
    assert any(record.get("target") == "" for record in records)
    dataset = plover.import_records(records)
    assert dataset.problems() == ()
    assert plover.export_records(dataset, on_loss=no_loss) == records


def test_gold_standard_metadata_is_kept_on_the_plover_event() -> None:
    dataset = plover.import_records(gold())
    kept = {event.plover_id: event for event in dataset.of_type(plover.PloverEvent)}
    mobilize = kept["PLOVER-GSR99-MOBILIZE-0003"]
    assert {item.column: json.loads(item.value) for item in mobilize.metadata}["size"] == 20000
    assert mobilize.context == ("military", "refugee")  # a context code of an older codebook, kept
    protest = kept["PLOVER-GSR99-PROTEST-0004"]
    assert protest.mode == "demo-org"  # an older mode, kept as written
    assert isinstance(dataset[protest.describes], ck.Interaction)


@pytest.mark.parametrize(("key", "value"), [("id", ""), ("date", ""), ("event", "")])
def test_an_empty_id_date_or_event_is_a_record_error(key: str, value: str) -> None:
    record = dict(gold()[0], **{key: value})
    with pytest.raises(ck.ValidationError, match=rf"\$\[0\]\.{key}: must not be empty"):
        plover.import_records([record])
    bad: list[ck.ValidationError] = []
    assert (
        len(plover.import_records([record, gold()[1]], on_error=bad.append).of_type(plover.PloverEvent)) == 1
    )
    assert len(bad) == 1


def test_a_polecat_release_reads_and_writes_every_column_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back = tmp_path / "back.tsv"
    assert convert(str(POLECAT), "--from", "plover", "--to", "plover", "-o", str(back)) == 0
    recognised = "POLECAT release (intensity as Intensity, actor sectors as Primary Actor Sector), 40 columns"
    assert f"recognised: {recognised}" in capsys.readouterr().err
    original = list(iter_csv(POLECAT, delimiter="\t"))
    written = list(iter_csv(back, delimiter="\t"))
    assert written == original
    dataset = plover.import_records(map(plover.from_polecat, original))
    accused = next(event for event in dataset.of_type(plover.PloverEvent) if event.event == "ACCUSE")
    assert accused.mode == "allege"
    actor = dataset[dataset.of_type(ck.Actor)[0].id]
    assert isinstance(actor, ck.Actor)
    assert actor.kind is ck.ActorKind.GOVERNMENT  # from Primary Actor Sector GOV


def test_both_intensity_spellings_are_kept(tmp_path: Path) -> None:
    text = POLECAT.read_text(encoding="utf-8").replace("\tIntensity\t", "\tEvent Intensity\t", 1)
    source, back = tmp_path / "older.tsv", tmp_path / "back.tsv"
    source.write_text(text, encoding="utf-8")
    assert convert(str(source), "--from", "plover", "--to", "plover", "-o", str(back)) == 0
    assert [row["Event Intensity"] for row in iter_csv(back, delimiter="\t")] == ["-2.0", "-3.0"]


@pytest.mark.parametrize(("column", "cell"), [("Latitude", "n/a"), ("GeoNames ID", "1221874.0")])
def test_a_polecat_cell_that_is_not_a_number_is_a_row_error(
    column: str, cell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(iter_csv(POLECAT, delimiter="\t"))
    record = plover.from_polecat(dict(rows[0], **{column: cell}))  # never a ValueError
    with pytest.raises(ck.ValidationError, match="eventLoc"):
        plover.import_records([record])
    header = list(rows[0])
    source = tmp_path / "damaged.tsv"
    lines = [
        "\t".join(header),
        *("\t".join(dict(row, **{column: cell}).values()) for row in rows[:1]),
        "\t".join(rows[1].values()),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert (
        convert(str(source), "--from", "plover", "--to", "conflictkit", "--keep-going", "-o", str(out)) == 1
    )
    err = capsys.readouterr().err
    assert "eventLoc" in err
    assert "Traceback" not in err


# Meaning, not just columns


def test_the_force_acts_on_the_protesters_whichever_column_names_them() -> None:
    rows = read("acled_2023_r.csv")[2:3]  # Protest with intervention: the protesters are actor1
    assert (rows[0]["actor1"], rows[0]["actor2"]) == ("Protesters (Afghanistan)", "Taliban")
    dataset = acled.import_records(rows)
    incident = dataset["AFG70103"]
    assert isinstance(incident, ck.Incident)
    assert [dataset[actor].name for actor in incident.perpetrators] == ["Taliban"]  # type: ignore[attr-defined]
    assert next(dataset[actor].name for actor in incident.targets) == "Protesters (Afghanistan)"  # type: ignore[attr-defined]
    [coded] = plover.export_records(dataset, on_loss=ignore)
    assert [actor["actorText"] for actor in coded["source"]] == ["Taliban"]
    assert coded["target"][0]["actorText"] == "Protesters (Afghanistan)"
    assert differences(rows, acled.export_records(dataset, on_loss=no_loss)) == []


def test_force_named_first_stays_the_perpetrator() -> None:
    row = read("acled_2020_export_tool.csv")[2]  # Excessive force: police are actor1
    dataset = acled.import_records([row])
    incident = dataset[row["event_id_cnty"]]
    assert isinstance(incident, ck.Incident)
    assert [dataset[actor].name for actor in incident.perpetrators] == [row["actor1"]]  # type: ignore[attr-defined]
    assert acled.export_records(dataset, on_loss=no_loss) == [dict.fromkeys(acled.COLUMNS, "") | row]


def test_plover_actors_get_the_country_of_their_event() -> None:
    dataset = acled.import_records(read("acled_2020_export_tool.csv")[:1])
    losses: list[Loss] = []
    [coded] = plover.export_records(dataset, on_loss=losses.append)
    assert [actor["code"] for actor in coded["source"] + coded["target"]] == ["AFG", "AFG"]
    assert {(loss.field, loss.reason[:20]) for loss in losses if loss.field == "country"} == {
        ("country", "has no country: writ")
    }


def test_ucdp_to_acled_keeps_the_sources_and_admin_units_and_writes_acled_country_names(
    tmp_path: Path,
) -> None:
    rows = read("ucdp_ged_23_1.csv")
    exported = acled.export_records(ucdp.import_records(rows), on_loss=ignore)
    assert [(row["source"], row["admin1"], row["country"]) for row in exported] == [
        (ged["source_article"], ged["adm_1"], "Afghanistan") for ged in rows
    ]
    records, out = tmp_path / "ged.jsonl", tmp_path / "acled.csv"
    assert convert(str(UCDP_23_1), "--from", "ucdp", "--to", "conflictkit", "-o", str(records)) == 0
    assert convert(str(records), "--from", "conflictkit", "--to", "acled", "-o", str(out)) == 0
    assert [row["source"] for row in read_back(out)] == [ged["source_article"] for ged in rows]


def test_plover_ids_that_slug_to_one_stay_apart_and_a_repeated_id_is_an_error() -> None:
    records = gold()
    dataset = plover.import_records([dict(records[0], id="GSR 1"), dict(records[1], id="GSR-1")])
    assert dataset.problems() == ()
    assert [event.plover_id for event in dataset.of_type(plover.PloverEvent)] == ["GSR 1", "GSR-1"]
    repeated = [dict(records[1], id="GSR-1"), dict(records[2], id="GSR-1")]
    with pytest.raises(ck.ValidationError, match=r"\$\[1\]\.id: repeats the id of the record at \$\[0\]"):
        plover.import_records(repeated)
    bad: list[ck.ValidationError] = []
    assert len(plover.import_records(repeated, on_error=bad.append).of_type(plover.PloverEvent)) == 1
    assert len(bad) == 1
