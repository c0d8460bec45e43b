"""The same dyadic-series expression on local Spark and on DuckDB gives the same rows."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from blocs.measure.events.series import daily_dyads, dyad_series, execute, store_table
from blocs.measure.events.store import connect, ingest
from blocs.measure.events.synthetic import write_gdelt2

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    pyspark_sql = pytest.importorskip("pyspark.sql", reason="the spark extra is not installed")
    session = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("blocs-events-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize(
    ("freq", "directed", "weight", "dedup"),
    [("month", False, "events", "none"), ("quarter", True, "mentions", "story")],
)
def test_duckdb_and_spark_agree(spark, tmp_path, freq, directed, weight, dedup) -> None:
    made = write_gdelt2(tmp_path / "20150101000000.export.CSV", 3000, seed=4, days=365)
    db = tmp_path / "e.duckdb"
    ingest([made.path], db)
    con = connect(db, read_only=True)
    try:
        events = pd.DataFrame(execute(store_table("events").drop("file_id"), con))
        expr = dyad_series(
            daily_dyads(store_table("events"), dedup=dedup),
            "RUS",
            "USA",
            freq=freq,
            directed=directed,
            weight=weight,
        )
        duck = pd.DataFrame(execute(expr, con))
    finally:
        con.close()
    events["date"] = pd.to_datetime(events["date"]).dt.date
    spark.createDataFrame(events).createOrReplaceTempView("events")
    backend = ibis.pyspark.connect(spark)
    table = backend.table("events")
    sexpr = dyad_series(
        daily_dyads(table, dedup=dedup), "RUS", "USA", freq=freq, directed=directed, weight=weight
    )
    got = backend.execute(sexpr)
    got["period"] = pd.to_datetime(got["period"]).dt.date
    duck["period"] = pd.to_datetime(duck["period"]).dt.date
    assert len(duck) > 0
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), duck.reset_index(drop=True), check_dtype=False
    )
