"""The Spark examples of the Analysis page, run in PySpark's local mode (the ``spark`` nox session).

One SparkSession (tests/spark/conftest.py) serves the tests; the data is the seed, a few dozen records.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from pyspark.sql import SparkSession

from conflictkit import MilitaryMovement, load_seed, to_json
from conflictkit.tables import write_parquet

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


jobs = _load("spark_jobs")


def test_spark_reads_conflictkit_parquet(spark: SparkSession, tmp_path: Path) -> None:
    write_parquet(load_seed(), tmp_path)
    movements = spark.read.parquet(str(tmp_path / "movement.parquet"))
    assert movements.count() == len(load_seed().of_type(MilitaryMovement))
    assert movements.schema["kind"].dataType.simpleString() == "string"
    assert movements.schema["size"].dataType.simpleString().startswith("struct<best:double")
    rows = {row["into"]: row for row in jobs.crossings_by_destination(spark, str(tmp_path)).collect()}
    assert rows["Tajikistan"]["reports"] == 4
    assert rows["Tajikistan"]["largest_reported"] == 1037.0


def test_shards_are_validated_on_the_workers(spark: SparkSession, tmp_path: Path) -> None:
    records = list(load_seed())
    lines = [to_json(record) for record in records]
    lines.insert(5, '{"type": "actor", "id": "actor:x", "name": " ", "kind": "wizard"}')
    half = len(lines) // 2
    for index, shard in enumerate((lines[:half], lines[half:])):
        (tmp_path / f"part-{index}.jsonl").write_text("\n".join(shard) + "\n\n", encoding="utf-8")
    checked = jobs.validate_shards(spark, [str(tmp_path / "part-0.jsonl"), str(tmp_path / "part-1.jsonl")])
    rows = checked.collect()
    assert sum(row["valid"] for row in rows) == len(records)
    [bad] = [row for row in rows if not row["valid"]]
    assert bad["file"].endswith("part-0.jsonl")
    assert bad["problems"] == [
        "$.kind: expected one of 'person', 'state', 'government', 'office', 'armed_force', 'armed_group', "
        "'media', 'international_organization', 'anonymous_source', 'population', 'unidentified', "
        "got 'wizard'",
        "$.name: must not be empty or blank",
    ]
    assert {row["id"] for row in rows if row["valid"]} == {record.id for record in records}
