"""Dyadic event series as Ibis expressions: one expression for DuckDB, Spark and BigQuery.

Two steps. :func:`daily_dyads` sums events per day and ordered actor pair (with QuadClass, root
flag and format kept as keys), optionally de-duplicated first; the store keeps this table as
``dyad_daily``. :func:`dyad_series` then cuts one pair's series out of a daily table at any
frequency, directed (``a`` acting on ``b``) or undirected (both directions), with

* ``events`` and the counts per QuadClass (``verbal_cooperation`` ... ``material_conflict``);
* ``goldstein_sum`` and ``goldstein_mean`` (per event, Goldstein 1992 scale);
* ``net_cooperation``: cooperative (QuadClass 1-2) minus conflictual (3-4) events, or mentions
  with ``weight="mentions"``;
* ``volume`` and ``share``: all events of the period (any actors) and the pair's share of them,
  the normalisation for the growth of news volume (in the chosen weight);

one row per period that has any event in the table, zeros where the pair has none.

De-duplication choices (``dedup``), explicit because the sources leave them open:
``"none"`` counts every row; ``"root"`` keeps root events only (GDELT's ``IsRootEvent``, ICEWS
sentence 1; rows of formats without the flag are kept); ``"story"`` keeps one event per source
story, actor pair and event code (rows without a story id are kept).

Examples
--------
>>> import ibis, pandas as pd
>>> events = ibis.memtable(pd.DataFrame({
...     "date": pd.to_datetime(["2017-01-03", "2017-01-09", "2017-02-01"]).date,
...     "actor1": ["RUS", "IRN", "USA"], "actor2": ["IRN", "RUS", "IRN"],
...     "event_code": ["042", "112", "173"], "quad_class": [1, 3, 4],
...     "goldstein": [1.9, -2.0, -5.0], "num_mentions": [4, 2, 1], "num_events": [1, 1, 1],
...     "is_root_event": [True, False, True], "source_story": ["a", "b", "c"],
...     "source_format": ["gdelt2"] * 3}))
>>> s = dyad_series(daily_dyads(events), "RUS", "IRN", freq="month").to_pandas()
>>> s[["events", "net_cooperation", "volume"]].values.tolist()
[[2, 0, 2], [0, 0, 1]]

References
----------
.. [1] Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. *Journal of
   Conflict Resolution* 36(2): 369-385.
.. [2] Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
   1979-2012. ISA Annual Convention.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from blocs.errors import ModelInputError

__all__ = [
    "FREQUENCIES",
    "STORE_SCHEMAS",
    "daily_dyads",
    "dyad_panel",
    "dyad_series",
    "execute",
    "from_gdelt",
    "parse_bound",
    "store_table",
]

Frequency = Literal["day", "week", "month", "quarter", "year"]
Dedup = Literal["none", "root", "story"]
Weight = Literal["events", "mentions"]

#: Period names and the Ibis truncation unit of each (weeks start on Monday).
FREQUENCIES: dict[str, str] = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}

#: Schemas of the store's tables (see :mod:`blocs.measure.events.store`).
STORE_SCHEMAS: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "int64",
        "date": "date",
        "actor1": "string",
        "actor2": "string",
        "event_code": "string",
        "root_code": "string",
        "quad_class": "int8",
        "goldstein": "float64",
        "num_mentions": "int32",
        "num_events": "int32",
        "is_root_event": "boolean",
        "source_story": "string",
        "source_format": "string",
        "file_id": "int32",
    },
    "dyad_daily": {
        "date": "date",
        "actor1": "string",
        "actor2": "string",
        "quad_class": "int8",
        "is_root_event": "boolean",
        "source_format": "string",
        "events": "int64",
        "mentions": "int64",
        "goldstein_sum": "float64",
        "goldstein_events": "int64",
    },
}


def store_table(name: str) -> ir.Table:
    """An unbound Ibis table of the store (``events`` or ``dyad_daily``): expressions on it
    compile for any engine (``ibis.to_sql``) or run on a store with :func:`execute`."""
    return ibis.table(STORE_SCHEMAS[name], name=name)


def execute(expr: ir.Table, con: Any) -> list[dict[str, Any]]:
    """Run an expression on unbound store tables in a DuckDB connection; one dict per row.

    The SQL is compiled by Ibis for DuckDB and run by DuckDB itself, which keeps blocs
    independent of the Ibis backend's introspection calls (they differ between DuckDB 1 and 2).
    """
    cursor = con.execute(ibis.to_sql(expr, dialect="duckdb"))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def parse_bound(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """A period bound from ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date; an ``end`` bound is
    the last day of the period it names.

    Examples
    --------
    >>> parse_bound("2017-02", end=True), parse_bound("2015")
    (datetime.date(2017, 2, 28), datetime.date(2015, 1, 1))
    """
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not match:
        raise ModelInputError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    y = int(year)
    if day is not None:
        return dt.date(y, int(month), int(day))
    if month is not None:
        m = int(month)
        if not end:
            return dt.date(y, m, 1)
        following = dt.date(y + (m == 12), m % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


def from_gdelt(table: ir.Table) -> ir.Table:
    """The store's event columns from a table with GDELT 1.0/2.0 column names (for example the
    public BigQuery table ``gdelt-bq.gdeltv2.events``)."""
    t = table
    return t.select(
        date=t.SQLDATE.cast("string").as_date("%Y%m%d"),
        actor1=t.Actor1CountryCode,
        actor2=t.Actor2CountryCode,
        event_code=t.EventCode,
        quad_class=t.QuadClass.cast("int8"),
        goldstein=t.GoldsteinScale.cast("float64"),
        num_mentions=t.NumMentions.cast("int32"),
        num_events=ibis.literal(1, "int32"),
        is_root_event=t.IsRootEvent == 1,
        source_story=t.SOURCEURL,
        source_format=ibis.literal("gdelt2"),
    )


def daily_dyads(events: ir.Table, *, dedup: Dedup = "none") -> ir.Table:
    """Events summed per day, ordered actor pair, QuadClass, root flag and format.

    Columns: ``date, actor1, actor2, quad_class, is_root_event, source_format, events,
    mentions`` (``num_mentions``, or ``num_events`` where missing), ``goldstein_sum``,
    ``goldstein_events`` (events with a Goldstein value).
    """
    t = events
    if dedup == "root":
        t = t.filter(t.is_root_event.fill_null(True))
    elif dedup == "story":
        keyed = t.filter(t.source_story.notnull())
        one = keyed.group_by(["source_story", "actor1", "actor2", "event_code"]).aggregate(
            date=keyed.date.min(),
            quad_class=keyed.quad_class.min(),
            goldstein=keyed.goldstein.min(),
            num_mentions=keyed.num_mentions.max(),
            is_root_event=keyed.is_root_event.any(),
            source_format=keyed.source_format.min(),
        )
        columns = [
            "date",
            "actor1",
            "actor2",
            "quad_class",
            "goldstein",
            "num_mentions",
            "is_root_event",
            "source_format",
        ]
        unkeyed = t.filter(t.source_story.isnull())
        t = ibis.union(
            one.select(*columns, num_events=ibis.literal(1, "int64")),
            unkeyed.select(*columns, num_events=unkeyed.num_events.cast("int64")),
        )
    elif dedup != "none":
        raise ModelInputError(f"dedup must be 'none', 'root' or 'story', not {dedup!r}")
    n = t.num_events.cast("int64")
    return t.group_by(
        ["date", "actor1", "actor2", "quad_class", "is_root_event", "source_format"]
    ).aggregate(
        events=n.sum(),
        mentions=t.num_mentions.cast("int64").fill_null(n).sum(),
        goldstein_sum=(t.goldstein * n).sum(),
        goldstein_events=t.goldstein.notnull().ifelse(n, 0).sum(),
    )


def _window(
    daily: ir.Table,
    start: str | dt.date | None,
    end: str | dt.date | None,
    root_only: bool,
    source_format: str | None,
) -> ir.Table:
    d = daily
    first, last = parse_bound(start), parse_bound(end, end=True)
    if first is not None:
        d = d.filter(d.date >= first)
    if last is not None:
        d = d.filter(d.date <= last)
    if root_only:
        d = d.filter(d.is_root_event.fill_null(True))
    if source_format is not None:
        d = d.filter(d.source_format == source_format)
    return d


def _unit(freq: str) -> str:
    try:
        return FREQUENCIES[freq]
    except KeyError:
        known = ", ".join(FREQUENCIES)
        raise ModelInputError(f"freq must be one of {known}, not {freq!r}") from None


def dyad_series(
    daily: ir.Table,
    a: str,
    b: str,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    freq: Frequency = "month",
    directed: bool = False,
    weight: Weight = "events",
    root_only: bool = False,
    source_format: str | None = None,
) -> ir.Table:
    """One actor pair's event series per period (see the module docstring for the columns).

    Parameters
    ----------
    daily
        A table shaped like :func:`daily_dyads` output (the store's ``dyad_daily``).
    a, b
        Actor country codes (CAMEO; for states mostly ISO alpha-3, e.g. ``RUS``, ``IRN``).
    start, end
        Period bounds, inclusive (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    freq
        ``day``, ``week`` (from Monday), ``month``, ``quarter`` or ``year``.
    directed
        ``a`` acting on ``b`` only; otherwise both directions together.
    weight
        ``events`` or ``mentions``: the unit of ``net_cooperation``, ``volume`` and ``share``.
    root_only
        Keep root events only (same as ``daily_dyads(..., dedup="root")``).
    source_format
        Keep one source format (``gdelt1``, ``gdelt2``, ``gdelt-reduced``, ``icews``).
    """
    if weight not in ("events", "mentions"):
        raise ModelInputError(f"weight must be 'events' or 'mentions', not {weight!r}")
    d = _window(daily, start, end, root_only, source_format)
    unit = _unit(freq)
    d = d.mutate(period=d.date.truncate(unit), w=d[weight])
    volume = d.group_by("period").aggregate(volume=d.w.sum())
    a, b = a.strip().upper(), b.strip().upper()
    pair = (d.actor1 == a) & (d.actor2 == b)
    if not directed:
        pair = pair | ((d.actor1 == b) & (d.actor2 == a))
    p = d.filter(pair)
    counts = {
        name: (p.quad_class == q).ifelse(p.events, 0).sum() for q, name in enumerate(_QUADS, 1)
    }
    agg = p.group_by("period").aggregate(
        events=p.events.sum(),
        **counts,
        mentions=p.mentions.sum(),
        goldstein_sum=p.goldstein_sum.sum(),
        goldstein_events=p.goldstein_events.sum(),
        cooperative=(p.quad_class <= 2).ifelse(p.w, 0).sum(),
        conflictual=(p.quad_class >= 3).ifelse(p.w, 0).sum(),
        pair_weight=p.w.sum(),
    )
    j = volume.left_join(agg, "period")
    zero = ibis.literal(0, "int64")
    events = j.events.fill_null(zero)
    goldstein_events = j.goldstein_events.fill_null(zero)
    return j.select(
        period=j.period,
        events=events,
        **{name: j[name].fill_null(zero) for name in _QUADS},
        mentions=j.mentions.fill_null(zero),
        goldstein_sum=j.goldstein_sum.fill_null(0.0),
        goldstein_mean=(goldstein_events > 0).ifelse(
            j.goldstein_sum / goldstein_events.cast("float64"), ibis.null("float64")
        ),
        net_cooperation=j.cooperative.fill_null(zero) - j.conflictual.fill_null(zero),
        volume=j.volume,
        share=j.pair_weight.fill_null(zero).cast("float64") / j.volume.cast("float64"),
    ).order_by("period")


def dyad_panel(
    daily: ir.Table,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    freq: Frequency = "month",
    root_only: bool = False,
) -> ir.Table:
    """Every ordered actor pair's counts per period: ``period, actor1, actor2, events``, the four
    QuadClass counts and ``goldstein_sum`` (rows with a missing actor are left out)."""
    d = _window(daily, start, end, root_only, None)
    d = d.filter(d.actor1.notnull() & d.actor2.notnull())
    d = d.mutate(period=d.date.truncate(_unit(freq)))
    counts = {
        name: (d.quad_class == q).ifelse(d.events, 0).sum() for q, name in enumerate(_QUADS, 1)
    }
    return d.group_by(["period", "actor1", "actor2"]).aggregate(
        events=d.events.sum(), **counts, goldstein_sum=d.goldstein_sum.sum()
    )
