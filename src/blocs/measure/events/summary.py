"""Results read from the event store: a pair's series and yearly summary, the store's contents.

Examples
--------
>>> import tempfile, pathlib
>>> from blocs.measure.events.store import ingest
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> event = ["1", "042", "042", "04", "1", "1.9", "3", "", "", ""]
>>> row = ["1", "20170105"] + [""] * 23 + event + [""] * 23
>>> row[7], row[17] = "RUS", "IRN"
>>> _ = (folder / "20170105.export.CSV").write_text("\\t".join(row) + "\\n")
>>> _ = ingest([folder / "20170105.export.CSV"], folder / "events.duckdb")
>>> s = dyad_summary(folder / "events.duckdb", "RUS", "IRN", "2017", "2017")
>>> s.years[0].events, s.years[0].goldstein_mean, s.years[0].net_cooperation_share
(1, 1.9, 1.0)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis

from blocs.errors import DataFormatError
from blocs.measure.events.series import (
    Dedup,
    Frequency,
    Weight,
    daily_dyads,
    dyad_series,
    parse_bound,
    store_table,
)
from blocs.measure.events.store import connect

__all__ = [
    "DyadSeries",
    "DyadSummary",
    "StoreSummary",
    "YearSummary",
    "dyad_summary",
    "store_dyad_series",
    "store_summary",
]

_COUNT_FIELDS = (
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "mentions",
)


@contextmanager
def _open(db: str | Path) -> Iterator[Any]:
    path = Path(db)
    if not path.is_file():
        raise DataFormatError(
            "no event store here; create one with `blocs events ingest FILES --db PATH`",
            file=str(db),
        )
    con = connect(path, read_only=True)
    try:
        tables = {
            name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if "dyad_daily" not in tables:
            raise DataFormatError("not a blocs event store (no dyad_daily table)", file=str(db))
        yield con
    finally:
        con.close()


def _bound(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    try:
        return parse_bound(value, end=end)
    except ValueError as exc:
        raise DataFormatError(str(exc)) from None


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value


@dataclass(frozen=True)
class DyadSeries:
    """A pair's series read from a store: the query's parameters and one dict per period."""

    a: str
    b: str
    start: dt.date | None
    end: dt.date | None
    freq: str
    directed: bool
    weight: str
    dedup: str
    rows: tuple[dict[str, Any], ...]


@functools.lru_cache(maxsize=64)
def _series_sql(
    a: str,
    b: str,
    first: dt.date | None,
    last: dt.date | None,
    freq: str,
    directed: bool,
    weight: str,
    dedup: str,
) -> str:
    """The DuckDB SQL of a store query (compiling takes longer than running it, so it is kept)."""
    daily = (
        daily_dyads(store_table("events"), dedup="story")
        if dedup == "story"
        else store_table("dyad_daily")
    )
    expr = dyad_series(
        daily,
        a,
        b,
        start=first,
        end=last,
        freq=freq,  # type: ignore[arg-type]
        directed=directed,
        weight=weight,  # type: ignore[arg-type]
        root_only=dedup == "root",
    )
    return ibis.to_sql(expr, dialect="duckdb")


def store_dyad_series(
    db: str | Path,
    a: str,
    b: str,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    freq: Frequency = "month",
    directed: bool = False,
    weight: Weight = "events",
    dedup: Dedup = "none",
) -> DyadSeries:
    """:func:`~blocs.measure.events.series.dyad_series` run on the store at ``db``: on its
    ``dyad_daily`` table, or on its events for ``dedup="story"``."""
    first, last = _bound(start), _bound(end, end=True)
    if dedup not in ("none", "root", "story"):
        raise DataFormatError(f"dedup must be none, root or story, not {dedup!r}")
    try:
        sql = _series_sql(a.upper(), b.upper(), first, last, freq, directed, weight, dedup)
    except ValueError as exc:
        raise DataFormatError(str(exc)) from None
    with _open(db) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    rows = tuple({k: _clean(v) for k, v in row.items()} for row in found)
    return DyadSeries(a.upper(), b.upper(), first, last, freq, directed, weight, dedup, rows)


@dataclass(frozen=True)
class YearSummary:
    """One year of a pair (both directions): event counts by QuadClass, the mean Goldstein value
    and the net cooperation share ``(coop - conflict) / (coop + conflict)`` in [-1, 1]."""

    year: int
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float | None
    net_cooperation_share: float | None


@dataclass(frozen=True)
class DyadSummary:
    """Per-year summary of the events between ``a`` and ``b`` (undirected) in a store."""

    a: str
    b: str
    start: dt.date | None
    end: dt.date | None
    years: tuple[YearSummary, ...]
    source: str


def dyad_summary(
    db: str | Path,
    a: str,
    b: str,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> DyadSummary:
    """Per year between ``start`` and ``end``: the pair's counts by QuadClass, Goldstein mean and
    net cooperation share, from the store at ``db`` (every event row, both directions)."""
    series = store_dyad_series(db, a, b, start=start, end=end, freq="year")
    years = []
    for row in series.rows:
        coop = row["verbal_cooperation"] + row["material_cooperation"]
        conf = row["verbal_conflict"] + row["material_conflict"]
        years.append(
            YearSummary(
                year=row["period"].year,
                events=int(row["events"]),
                verbal_cooperation=int(row["verbal_cooperation"]),
                material_cooperation=int(row["material_cooperation"]),
                verbal_conflict=int(row["verbal_conflict"]),
                material_conflict=int(row["material_conflict"]),
                goldstein_mean=None
                if row["goldstein_mean"] is None
                else round(float(row["goldstein_mean"]), 6),
                net_cooperation_share=(coop - conf) / (coop + conf) if coop + conf else None,
            )
        )
    with _open(db) as con:
        formats = con.execute("SELECT DISTINCT format FROM files ORDER BY format").fetchall()
    source = ", ".join(str(f) for (f,) in formats)
    return DyadSummary(series.a, series.b, series.start, series.end, tuple(years), source)


@dataclass(frozen=True)
class StoreSummary:
    """What a store holds: files, rows per format, date range, rejects, distinct actors."""

    db: str
    files: int
    events: int
    rejects: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_format: dict[str, int]
    actors: int
    dyad_days: int
    top_reject_reasons: dict[str, int]


def store_summary(db: str | Path) -> StoreSummary:
    """Counts and ranges of the store at ``db``."""
    with _open(db) as con:

        def one(sql: str) -> Any:
            return con.execute(sql).fetchone()

        (files,) = one("SELECT count(*) FROM files")
        events, first, last, actors = one(
            "SELECT count(*), min(date), max(date), count(DISTINCT actor1) FROM events"
        )
        (rejects,) = one("SELECT count(*) FROM rejects")
        (dyad_days,) = one("SELECT count(*) FROM dyad_daily")
        by_format = dict(
            con.execute(
                "SELECT source_format, count(*) FROM events GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )
        reasons = dict(
            con.execute(
                "SELECT split_part(reason, ':', 1) AS r, count(*) FROM rejects GROUP BY r "
                "ORDER BY count(*) DESC, r LIMIT 5"
            ).fetchall()
        )
    return StoreSummary(
        db=str(db),
        files=int(files),
        events=int(events),
        rejects=int(rejects),
        first_date=first,
        last_date=last,
        by_format={str(k): int(v) for k, v in by_format.items()},
        actors=int(actors),
        dyad_days=int(dyad_days),
        top_reject_reasons={str(k): int(v) for k, v in reasons.items()},
    )
