"""Arrow tables and Parquet files: generated schemas, lossless round trips, every problem reported."""

from __future__ import annotations

import enum
import sys
import threading
from datetime import date
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictkit.strategies as cks
from conflictkit import (
    Actor,
    ActorKind,
    Dataset,
    Location,
    LocationKind,
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    OpaqueRecord,
    Qualifier,
    Quantity,
    Record,
    ValidationError,
    from_json,
    load_seed,
    registered_types,
)
from conflictkit.tables import (
    ParquetSink,
    arrow_schema,
    from_arrow,
    read_parquet,
    to_arrow,
    write_parquet,
)


def messages(error: ValidationError) -> list[str]:
    return [str(problem) for problem in error.problems]


# --- schemas -----------------------------------------------------------------------------------------


def test_schema_follows_the_annotations() -> None:
    schema = arrow_schema(MilitaryMovement)
    assert schema.field("id").type == pa.string()
    assert not schema.field("id").nullable
    assert schema.field("origin").nullable
    assert schema.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert not schema.field("kind").nullable
    date_type = schema.field("date").type
    assert pa.types.is_struct(date_type)
    assert date_type.field("earliest").type == pa.date32()
    size = schema.field("size").type
    assert size.field("best").type == pa.float64()
    assert size.field("best").nullable
    assert not size.field("unit").nullable
    evidence = schema.field("evidence").type
    assert pa.types.is_list(evidence)
    assert evidence.value_type.field("start").type == pa.int64()


def test_every_registered_record_type_has_a_schema() -> None:
    for tag, cls in registered_types().items():
        if issubclass(cls, Record):
            assert arrow_schema(cls).field("id").type == pa.string(), tag


def test_schema_refuses_value_types_and_opaque_records() -> None:
    with pytest.raises(TypeError, match="tagged record type"):
        arrow_schema(Quantity)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tagged record type"):
        arrow_schema(OpaqueRecord)


# --- round trips ------------------------------------------------------------------------------------


def test_seed_round_trips_through_arrow_and_parquet(tmp_path: Path) -> None:
    seed = load_seed()
    tables = to_arrow(seed)
    assert sum(table.num_rows for table in tables.values()) == len(seed)
    assert from_arrow(tables) == seed
    write_parquet(seed, tmp_path)
    assert read_parquet(tmp_path) == seed


@settings(max_examples=40)
@given(cks.datasets())
def test_datasets_round_trip_through_arrow(dataset: Dataset) -> None:
    assert from_arrow(to_arrow(dataset)) == dataset


@given(cks.records())
def test_records_round_trip_with_equal_json(record: Record) -> None:
    [loaded] = from_arrow(to_arrow([record])).records
    assert loaded == record
    # Numbers typed int | float come back as ints when integral, as from JSON; everything else is equal.
    assert type(loaded) is type(record)


class Weapon(enum.Enum):
    """An enum a user adds."""

    DRONE = "drone"
    ARTILLERY = "artillery"


def test_late_user_subclass_round_trips(tmp_path: Path) -> None:
    # Defined after conflictkit (and its table code) is in use.
    @attrs.frozen(kw_only=True)
    class Strike(MilitaryMovement, type_tag="tests_tables.strike"):
        weapon: Weapon = Weapon.DRONE
        targets: tuple[str, ...] = ()
        reported_on: date | None = None
        code: str | int | None = None
        claimed: Quantity | None = None

    schema = arrow_schema(Strike)
    assert schema.field("code").type == pa.struct([pa.field("str", pa.string()), pa.field("int", pa.int64())])
    assert pa.types.is_list(schema.field("targets").type)

    @settings(max_examples=30)
    @given(
        cks.instances_of(
            Strike,
            targets=st.lists(cks.texts(), max_size=3).map(tuple),
            code=st.none() | st.integers(-5, 5) | cks.texts(),
        )
    )
    def round_trip(strike: Strike) -> None:
        loaded = from_arrow(to_arrow([strike]))
        assert loaded.records == (strike,)
        assert type(loaded.records[0].code) is type(strike.code)

    round_trip()
    strike = Strike(
        id="mv:1",
        actor="actor:x",
        kind=MovementKind.OFFENSIVE,
        status=MovementStatus.COMPLETED,
        weapon=Weapon.ARTILLERY,
        targets=("a", "b"),
        reported_on=date(2021, 7, 5),
        code=7,
    )
    write_parquet([strike], tmp_path)
    assert (tmp_path / "tests_tables.strike.parquet").exists()
    assert read_parquet(tmp_path).records == (strike,)


def test_order_and_title_survive_the_split_by_type() -> None:
    dataset = Dataset(
        records=[
            Actor(id="a1", name="Taliban", kind=ActorKind.ARMED_GROUP),
            Location(id="l1", name="Kunduz", kind=LocationKind.CITY),
            Actor(id="a2", name="Afghan forces", kind=ActorKind.ARMED_FORCE),
        ],
        title="Order",
    )
    assert from_arrow(to_arrow(dataset)) == dataset


def test_integral_numbers_come_back_as_ints_and_others_unchanged() -> None:
    size = Quantity(best=3.0, low=2.5, unit="troops", qualifier=Qualifier.ABOUT)
    movement = MilitaryMovement(
        id="m", actor="a", kind=MovementKind.DEPLOYMENT, status=MovementStatus.ONGOING, size=size
    )
    [loaded] = from_arrow(to_arrow([movement])).records
    assert isinstance(loaded, MilitaryMovement)
    assert loaded.size is not None
    assert (loaded.size.best, type(loaded.size.best)) == (3, int)
    assert (loaded.size.low, type(loaded.size.low)) == (2.5, float)


def test_parquet_sink_writes_batches_in_bounded_buffers(tmp_path: Path) -> None:
    seed = load_seed()
    with ParquetSink(tmp_path, batch_size=3, rows_held=7) as sink:
        for record in seed:
            sink.add(record)
            assert (sink.held, sink.waiting) < (3, 7)  # whatever the input size
    assert pq.ParquetFile(tmp_path / "actor.parquet").num_row_groups > 1
    assert read_parquet(tmp_path).records == seed.records


def _writer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("conflictkit-parquet")]


def test_parquet_sink_raises_a_failed_background_write_and_stops_its_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full_disk)
    with pytest.raises(OSError, match="No space left on device"):
        _write_seed(tmp_path, batch_size=2, rows_held=2)
    assert _writer_threads() == []


def _write_seed(directory: Path, *, batch_size: int, rows_held: int) -> None:
    with ParquetSink(directory, batch_size=batch_size, rows_held=rows_held) as sink:
        for record in load_seed():
            sink.add(record)


def test_parquet_sink_writes_nothing_more_when_the_caller_fails(tmp_path: Path) -> None:
    def fail_after_one_record() -> None:
        with ParquetSink(tmp_path) as sink:
            sink.add(load_seed().records[0])
            raise KeyError("the caller's own error")

    with pytest.raises(KeyError):
        fail_after_one_record()
    assert list(tmp_path.glob("*.parquet")) == []
    assert _writer_threads() == []


def test_parquet_sink_bounds_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="batch_size and rows_held must be at least 1, got 0 and 5"):
        ParquetSink(tmp_path, batch_size=0, rows_held=5)


# --- what tables cannot hold ----------------------------------------------------------------------------


def test_opaque_records_are_reported_not_dropped() -> None:
    opaque = from_json('{"type": "acme.thing", "id": "x1"}', Record, keep_unknown=True)
    with pytest.raises(ValidationError) as caught:
        to_arrow([load_seed().records[0], opaque])
    assert messages(caught.value) == [
        "$.records[1]: is a record of the unknown type 'acme.thing', which no table can hold"
    ]


def test_value_subclasses_inside_a_base_column_are_reported() -> None:
    @attrs.frozen(kw_only=True)
    class SourcedQuantity(Quantity, type_tag="tests_tables.sourced_quantity"):
        source: str = "x"

    movement = MilitaryMovement(
        id="m1",
        actor="a",
        kind=MovementKind.DEPLOYMENT,
        status=MovementStatus.ONGOING,
        size=SourcedQuantity(best=3, unit="troops"),
    )
    with pytest.raises(ValidationError) as caught:
        to_arrow([movement])
    assert messages(caught.value) == [
        "$.movement[0].size: is a SourcedQuantity, a subclass that a Quantity column cannot hold"
    ]


def test_an_empty_dataset_with_a_title_is_reported() -> None:
    with pytest.raises(ValidationError, match="no table to hold it"):
        to_arrow(Dataset(title="Nothing yet"))


# --- bad tables ----------------------------------------------------------------------------------------


def seed_tables() -> dict[str, pa.Table]:
    return to_arrow(load_seed())


def test_every_problem_of_bad_tables_is_reported_at_once() -> None:
    tables = seed_tables()
    movement = tables["movement"]
    movement = movement.drop_columns(["status"])  # missing column
    actor = tables["actor"]
    actor = actor.set_column(actor.schema.get_field_index("name"), "name", pa.array(range(actor.num_rows)))
    location = tables["location"]
    names = location.column("name").to_pylist()
    names[2] = None  # null in a required field
    location = location.set_column(location.schema.get_field_index("name"), "name", pa.array(names))
    kinds = [str(kind) for kind in location.column("kind").to_pylist()]
    kinds[4] = "volcano"  # not a LocationKind
    location = location.set_column(location.schema.get_field_index("kind"), "kind", pa.array(kinds))
    control = tables["control"].append_column("colour", pa.array(["red"] * tables["control"].num_rows))
    bad = {**tables, "movement": movement, "actor": actor, "location": location, "control": control}
    bad["acme.unknown"] = tables["document"]
    with pytest.raises(ValidationError) as caught:
        from_arrow(bad)
    found = messages(caught.value)
    assert "$.movement.status: is required but the column is missing" in found
    assert "$.actor.name: expected a column of string, got int64" in found
    assert "$.location[2].name: is null, but is required" in found
    assert any(message.startswith("$.location[4].kind: expected one of 'country'") for message in found)
    assert "$.control.colour: is not a column of this type" in found
    assert "$['acme.unknown']: is not a known record type tag: 'acme.unknown'" in found
    assert len(found) == 6


def test_rows_that_records_refuse_are_reported_with_row_and_column() -> None:
    table = seed_tables()["movement"]
    sizes = table.column("size").to_pylist()
    row = next(index for index, size in enumerate(sizes) if size is not None)
    sizes[row] = {**sizes[row], "best": 5.0, "low": 10.0, "high": None, "qualifier": "about"}
    table = table.set_column(
        table.schema.get_field_index("size"),
        table.schema.field("size"),
        pa.array(sizes, table.schema.field("size").type),
    )
    ids = table.column("id").to_pylist()
    ids[0] = "not an id!"
    table = table.set_column(table.schema.get_field_index("id"), "id", pa.array(ids))
    with pytest.raises(ValidationError) as caught:
        from_arrow({"movement": table})
    found = messages(caught.value)
    assert f"$.movement[{row}].size.low: must be <= best (5), got 10" in found
    assert any(message.startswith("$.movement[0].id: must be an id") for message in found), found


def test_wrong_struct_fields_are_named() -> None:
    table = seed_tables()["movement"]
    date_type = pa.struct([pa.field("earliest", pa.string()), pa.field("when", pa.string())])
    table = table.set_column(
        table.schema.get_field_index("date"), "date", pa.nulls(table.num_rows, date_type)
    )
    with pytest.raises(ValidationError) as caught:
        from_arrow({"movement": table})
    assert messages(caught.value) == [
        "$.movement.date.when: is not a field of this struct",
        "$.movement.date.earliest: expected a column of date32[day], got string",
        "$.movement.date.latest: is required but missing from the struct",
        "$.movement.date.precision: is required but missing from the struct",
        "$.movement.date.text: is required but missing from the struct",
    ]


def test_tables_from_other_tools_load_when_their_types_fit() -> None:
    # Engines write plain strings for dictionary columns and large types; they are the same values.
    table = seed_tables()["location"]
    plain = table.cast(
        pa.schema(
            [
                field.with_type(pa.large_string()) if pa.types.is_dictionary(field.type) else field
                for field in table.schema
            ],
            metadata=table.schema.metadata,
        )
    )
    assert from_arrow({"location": plain}).records == load_seed().of_type(Location)


def test_unreadable_parquet_files_are_reported(tmp_path: Path) -> None:
    write_parquet(load_seed(), tmp_path)
    (tmp_path / "movement.parquet").write_bytes(b"not parquet")
    with pytest.raises(ValidationError) as caught:
        read_parquet(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == ("movement.parquet",)
    assert "cannot be read as Parquet" in problem.message


def test_parquet_with_a_null_in_a_required_field_is_reported(tmp_path: Path) -> None:
    table = seed_tables()["actor"]
    kinds = table.column("kind").to_pylist()
    kinds[1] = None
    table = table.set_column(table.schema.get_field_index("kind"), "kind", pa.array(kinds))
    pq.write_table(table, tmp_path / "actor.parquet")
    with pytest.raises(ValidationError) as caught:
        read_parquet(tmp_path)
    assert messages(caught.value) == ["$.actor[1].kind: is null, but is required"]


# --- the optional dependency ---------------------------------------------------------------------------


def test_missing_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"install conflictkit's 'arrow' extra \(pip install '\.\[arrow\]'"):
        to_arrow(load_seed())


def test_core_import_does_not_import_pyarrow() -> None:
    import subprocess

    code = (
        "import sys, conflictkit, conflictkit.tables; "
        "print('pyarrow' in sys.modules, 'pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


CORE_RECORD_TYPES = sorted(
    (cls for tag, cls in registered_types().items() if "." not in tag and issubclass(cls, Record)),
    key=lambda cls: cls.__name__,
)


@settings(max_examples=60)
@given(st.sampled_from(CORE_RECORD_TYPES).flatmap(st.from_type))
def test_every_core_record_type_round_trips(record: Record) -> None:
    # Generated from the registry, so record types added to conflictkit are covered without edits.
    assert from_arrow(to_arrow([record])).records == (record,)
