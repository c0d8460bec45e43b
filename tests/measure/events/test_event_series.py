"""Dyadic series: known aggregates on a generated GDELT 2.0 file, Hypothesis properties, dedup,
and the BigQuery SQL snapshot."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import duckdb
import hypothesis.strategies as st
import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from blocs.measure.events.series import (
    daily_dyads,
    dyad_panel,
    dyad_series,
    from_gdelt,
    parse_bound,
    store_table,
)
from blocs.measure.events.store import ingest
from blocs.measure.events.summary import dyad_summary, store_dyad_series, store_summary
from blocs.measure.events.synthetic import write_gdelt2
from blocs.results import to_jsonable

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("gdelt2")
    made = write_gdelt2(folder / "20150101000000.export.CSV", 20_000, seed=11, days=730)
    db = folder / "events.duckdb"
    ingest([made.path], db)
    return made, db


def _expected_month(frame: pd.DataFrame, a: str, b: str, directed: bool) -> pd.DataFrame:
    f = frame.copy()
    f["period"] = pd.to_datetime(f["date"]).dt.to_period("M").dt.start_time.dt.date
    pair = (f.actor1 == a) & (f.actor2 == b)
    if not directed:
        pair |= (f.actor1 == b) & (f.actor2 == a)
    p = f[pair]
    out = pd.DataFrame({"volume": f.groupby("period").size()})
    out["events"] = p.groupby("period").size()
    for q, name in enumerate(
        ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"], 1
    ):
        out[name] = p[p.quad_class == q].groupby("period").size()
    out["goldstein_sum"] = p.groupby("period").goldstein.sum()
    return out.fillna(0)


@pytest.mark.parametrize("directed", [True, False])
def test_month_series_matches_generated_rows(generated, directed: bool) -> None:
    made, db = generated
    got = store_dyad_series(db, "USA", "RUS", freq="month", directed=directed)
    expected = _expected_month(made.frame, "USA", "RUS", directed)
    assert [r["period"] for r in got.rows] == list(expected.index)
    for row in got.rows:
        e = expected.loc[row["period"]]
        assert row["volume"] == e["volume"]
        assert row["events"] == e["events"]
        assert row["material_conflict"] == e["material_conflict"]
        assert row["verbal_cooperation"] == e["verbal_cooperation"]
        assert row["goldstein_sum"] == pytest.approx(e["goldstein_sum"])
        coop = e["verbal_cooperation"] + e["material_cooperation"]
        assert row["net_cooperation"] == coop - (e["verbal_conflict"] + e["material_conflict"])
        assert row["share"] == pytest.approx(e["events"] / e["volume"])


def test_dedup_modes(generated) -> None:
    made, db = generated
    f = made.frame
    pair = ((f.actor1 == "USA") & (f.actor2 == "RUS")) | ((f.actor1 == "RUS") & (f.actor2 == "USA"))
    root = store_dyad_series(db, "USA", "RUS", freq="year", dedup="root")
    assert sum(r["events"] for r in root.rows) == int((pair & f.is_root_event).sum())
    story = store_dyad_series(db, "USA", "RUS", freq="year", dedup="story")
    p = f[pair].copy()
    p["url"] = [
        f"{d:%Y%m}/{s}" for d, s in zip(p["date"], p["story_number"], strict=True)
    ]  # the story id is the URL, which holds the month and the story number
    distinct = p.drop_duplicates(["url", "actor1", "actor2", "event_code"])
    assert sum(r["events"] for r in story.rows) == len(distinct)
    mentions = store_dyad_series(db, "USA", "RUS", freq="year", weight="mentions")
    coop = p.quad_class <= 2
    assert sum(r["net_cooperation"] for r in mentions.rows) == int(
        p.num_mentions[coop].sum() - p.num_mentions[~coop].sum()
    )


def test_dyad_summary_and_store_summary(generated) -> None:
    made, db = generated
    s = dyad_summary(db, "RUS", "IRN", "2015", "2016")
    assert [y.year for y in s.years] == [2015, 2016]
    f = made.frame
    pair = ((f.actor1 == "RUS") & (f.actor2 == "IRN")) | ((f.actor1 == "IRN") & (f.actor2 == "RUS"))
    assert sum(y.events for y in s.years) == int(pair.sum())
    for y in s.years:
        assert y.net_cooperation_share is None or -1 <= y.net_cooperation_share <= 1
    d = to_jsonable(s)
    assert set(d) == {"a", "b", "start", "end", "source", "years"}
    assert d["source"] == "gdelt2"
    info = store_summary(db)
    assert (info.events, info.files, info.rejects) == (20_000, 1, 0)


def test_parse_bound() -> None:
    assert parse_bound("2016-02", end=True) == dt.date(2016, 2, 29)
    assert parse_bound("2017-12", end=True) == dt.date(2017, 12, 31)
    assert parse_bound("2017-03-04") == dt.date(2017, 3, 4)
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_bound("March 2017")


ACTORS = ["RUS", "IRN", "USA", None]
event_rows = st.lists(
    st.tuples(
        st.integers(0, 400),
        st.sampled_from(ACTORS),
        st.sampled_from(ACTORS),
        st.sampled_from(["042", "057", "061", "112", "138", "173", "190"]),
        st.integers(1, 9),
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    from blocs.measure.events.cameo import cameo_events

    table = cameo_events()
    return pd.DataFrame(
        {
            "date": [dt.date(2016, 1, 1) + dt.timedelta(days=r[0]) for r in rows],
            "actor1": [r[1] for r in rows],
            "actor2": [r[2] for r in rows],
            "event_code": [r[3] for r in rows],
            "quad_class": [table[r[3]].quad_class for r in rows],
            "goldstein": [table[r[3]].goldstein for r in rows],
            "num_mentions": [r[4] for r in rows],
            "num_events": [1] * len(rows),
            "is_root_event": [r[5] for r in rows],
            "source_story": [f"s{i % 5}" for i in range(len(rows))],
            "source_format": ["gdelt2"] * len(rows),
        }
    )


@functools.cache
def _sql(a: str, b: str, freq: str, directed: bool, weight: str) -> str:
    expr = dyad_series(
        daily_dyads(store_table("events")), a, b, freq=freq, directed=directed, weight=weight
    )
    return ibis.to_sql(expr, dialect="duckdb")


def _run(
    frame: pd.DataFrame,
    a: str = "RUS",
    b: str = "IRN",
    *,
    freq: str = "month",
    directed: bool = False,
    weight: str = "events",
) -> pd.DataFrame:
    """The series on the frame as the store's ``events`` table, compiled and run in DuckDB."""
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        con.execute("CREATE TABLE events AS SELECT * FROM frame")
        cursor = con.execute(_sql(a, b, freq, directed, weight))
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()
    return pd.DataFrame(rows, columns=names).set_index("period").sort_index()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=event_rows, seed=st.integers(0, 1000), freq=st.sampled_from(["week", "quarter"]))
def test_row_order_does_not_change_results(rows, seed: int, freq: str) -> None:
    frame = _frame(rows)
    shuffled = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    pd.testing.assert_frame_equal(_run(frame, freq=freq), _run(shuffled, freq=freq))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=event_rows, weight=st.sampled_from(["events", "mentions"]))
def test_directed_sums_add_up_to_undirected(rows, weight: str) -> None:
    frame = _frame(rows)
    ab = _run(frame, freq="month", directed=True, weight=weight)
    ba = _run(frame, "IRN", "RUS", freq="month", directed=True, weight=weight)
    both = _run(frame, freq="month", weight=weight)
    for column in ["events", "verbal_conflict", "mentions", "net_cooperation", "goldstein_sum"]:
        pd.testing.assert_series_equal(
            ab[column] + ba[column], both[column], check_dtype=False, check_names=False
        )
    assert (both["volume"] == ab["volume"]).all()


def test_panel_totals_equal_pair_series(generated) -> None:
    made, db = generated
    con = duckdb.connect(str(db), read_only=True)
    try:
        panel = con.execute(
            ibis.to_sql(dyad_panel(store_table("dyad_daily"), freq="quarter"), dialect="duckdb")
        ).fetchall()
    finally:
        con.close()
    total = sum(row[3] for row in panel)
    f = made.frame
    assert total == int(((f.actor1 != "") & (f.actor2 != "")).sum())


def test_bigquery_sql_snapshot() -> None:
    """The RUS-IRN monthly series compiled for BigQuery against the public GDELT 2.0 table."""
    from blocs.measure.events.formats import FORMATS

    bq_types = {"BIGINT": "int64", "DATE": "int64", "TINYINT": "int64", "INTEGER": "int64"}
    schema = {
        name: bq_types.get(t, "float64" if t == "DOUBLE" else "string")
        for name, t in FORMATS["gdelt2"].columns
    }
    events = ibis.table(schema, name="events", catalog="gdelt-bq", database="gdeltv2")
    expr = dyad_series(
        daily_dyads(from_gdelt(events)), "RUS", "IRN", start="2015-01", end="2017-12", freq="month"
    )
    sql = ibis.to_sql(expr, dialect="bigquery").strip() + "\n"
    snapshot = SNAPSHOTS / "dyad_series_bigquery.sql"
    if not snapshot.exists():  # first run writes the snapshot; review and commit it
        snapshot.write_text(sql, encoding="utf-8")
    assert sql == snapshot.read_text(encoding="utf-8")
    assert "`gdelt-bq`.`gdeltv2`.`events`" in sql
