"""Spark jobs over conflictkit data: query its Parquet, validate JSON Lines shards on the workers."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

CHECKED = pa.schema(
    [
        ("file", pa.string()),
        ("type", pa.string()),
        ("id", pa.string()),
        ("valid", pa.bool_()),
        ("problems", pa.list_(pa.string())),
    ]
)
"""One row per line of the shards: where it came from, what it is, and what is wrong with it."""


def crossings_by_destination(spark: SparkSession, directory: str) -> DataFrame:
    """Reported border crossings per destination, from conflictkit's Parquet files."""
    movements = spark.read.parquet(f"{directory}/movement.parquet")
    locations = spark.read.parquet(f"{directory}/location.parquet")
    places = locations.select(F.col("id").alias("destination"), F.col("name").alias("into"))
    return (
        movements.where(F.col("kind") == "border_crossing")
        .join(places, "destination")
        .groupBy("into")
        .agg(F.count("*").alias("reports"), F.max("size.best").alias("largest_reported"))
    )


def check_lines(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Load each line with conflictkit, strictly; runs on the workers, one Arrow batch at a time."""
    import conflictkit  # imported where the task runs

    for batch in batches:
        rows: dict[str, list[object]] = {name: [] for name in CHECKED.names}
        for file, line in zip(
            batch.column("file").to_pylist(), batch.column("value").to_pylist(), strict=True
        ):
            try:
                record = conflictkit.from_json(line, conflictkit.Record)
            except conflictkit.ValidationError as error:
                kind, record_id, problems = None, None, [str(problem) for problem in error.problems]
            else:
                kind, record_id, problems = conflictkit.type_tag_of(type(record)), record.id, []
            for name, value in zip(
                CHECKED.names, (file, kind, record_id, not problems, problems), strict=True
            ):
                rows[name].append(value)
        yield pa.RecordBatch.from_pydict(rows, schema=CHECKED)


def validate_shards(spark: SparkSession, paths: list[str]) -> DataFrame:
    """Every non-blank line of the JSON Lines shards at ``paths``, checked by conflictkit."""
    lines = (
        spark.read.text(paths)
        .where(F.trim("value") != "")
        .select(F.col("_metadata.file_path").alias("file"), "value")
    )
    return lines.mapInArrow(
        check_lines, "file string, type string, id string, valid boolean, problems array<string>"
    )
