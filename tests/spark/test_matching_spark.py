"""Matching as a Spark job, in PySpark's local mode: the same candidates as ``match()``."""

from __future__ import annotations

import random

import pytest
from pyspark.sql import SparkSession

from conflictkit.matching import match
from conflictkit.matching.spark import match_spark
from tests.test_matching import REPORT_DAY, SUNDAY_CROSSING, random_sources, seed_split
from tests.test_matching_taxonomy import (
    ABDUCTION,
    AIR_STRIKE,
    ARMED_CLASH,
    REMOTE,
    acled_week,
    ucdp_week,
)


def test_spark_matches_the_seed_split_as_match_does(spark: SparkSession) -> None:
    reuters, officials = seed_split()
    local = match(reuters, officials, report_date=REPORT_DAY)
    distributed = match_spark(spark.sparkContext, reuters, officials, report_date=REPORT_DAY, partitions=3)
    assert list(distributed) == list(local)
    assert distributed.judged == local.judged
    assert distributed.pairs() == [SUNDAY_CROSSING]


@pytest.mark.parametrize(("days", "km"), [(1, 10.0), (30, 200.0)])
def test_spark_finds_the_same_candidates_with_every_precision(
    spark: SparkSession, days: int, km: float
) -> None:
    first, second = random_sources(random.Random(11), 60)
    local = match(first, second, days=days, km=km, min_score=0.0)
    distributed = match_spark(
        spark.sparkContext, first, second, days=days, km=km, min_score=0.0, partitions=4
    )
    assert list(distributed) == list(local)
    assert distributed.judged == local.judged
    assert len(local) > 0
    assert distributed.unmatched == local.unmatched


def test_spark_judges_through_ucdp_and_a_taxonomy_as_match_does(spark: SparkSession) -> None:
    first = acled_week(AIR_STRIKE, ABDUCTION, ARMED_CLASH)
    second = ucdp_week("1", "2", "3")
    for taxonomy in (None, REMOTE):
        local = match(first, second, min_score=0.0, taxonomy=taxonomy)
        distributed = match_spark(spark.sparkContext, first, second, min_score=0.0, taxonomy=taxonomy)
        assert list(distributed) == list(local)
        assert len(local) == 9
    reasons = {pair.reasons[2] for pair in local}
    assert "same category 'political violence' in the taxonomy, level 2 (air_strike / armed_clash)" in reasons
